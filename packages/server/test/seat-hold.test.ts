import { describe, expect, it } from 'vitest';
import { teamForEveryone } from '../src/domain/teams.js';
import type { Db } from '../src/infra/db.js';
import { testDatabases } from './databases.js';
import { SHOP_ORIGIN, useHarness } from './harness.js';
import { expectOk, type Json, newOffer, nextOrderRef } from './util.js';

/**
 * A seat hold and a team opening are one call of a database function each (migration
 * 0023_seat_hold.sql), which renders the team in SQL for its live event and its answer. Reads render
 * it in TypeScript (teamViewOf). These tests keep the two renderings equal, and the writes one call.
 */
describe.each(testDatabases)('seat hold on $kind', ({ create }) => {
  const suite = useHarness(create);

  /** A shopper whose name needs escaping in JSON (quotes, a backslash, a line break) and who has an avatar. */
  const awkward = { shopperId: 'awkward', displayName: 'Ming "M" \\ Li\n李明', avatarUrl: 'https://cdn.shop.test/a.png' };
  let awkwardToken: string | undefined;
  const asAwkward = async (method: string, path: string) => {
    awkwardToken ??= (await expectOk(await suite.h.asMerchant('POST', '/v1/shopper-tokens', awkward), 201)).token as string;
    return suite.h.asMerchant(method, path, undefined, {
      authorization: `Bearer ${suite.h.merchant.publishableKey}`,
      origin: SHOP_ORIGIN,
      'flock-shopper': awkwardToken,
    });
  };

  /** The team's latest live event, as stored: its payload is one line, as a Server-Sent Event needs. */
  const lastEvent = async (teamId: string) => {
    const [event] = await suite.h.db.query<{ payload: string }>(
      `select payload from live_events where topic = $1 order by id desc limit 1`,
      [`team:${teamId}`],
    );
    expect(event?.payload).not.toContain('\n');
    return JSON.parse(event?.payload as string) as Json;
  };

  /** The team as a read renders it now (settling it first when due, which publishes an event). */
  const read = async (teamId: string) =>
    (await teamForEveryone(suite.h.db, suite.h.clock, suite.h.merchant.merchantId, teamId)).view;

  /** A write's answer: its team is the event's and the read's, its reservation the shopper's seat in it. */
  const expectSameTeam = async (answer: Json) => {
    const { myReservation, ...team } = answer.team;
    expect(myReservation).toEqual(answer.reservation);
    expect(team).toEqual(await lastEvent(team.id));
    expect(team).toEqual(await read(team.id));
  };

  it('answers and announces the team exactly as a read shows it, at every step', async () => {
    const offer = await newOffer(suite.h, {
      teamSize: 4,
      holdTtlSeconds: 60,
      teamTtlSeconds: 3600,
      completeAtDeadline: { minMembers: 2 },
    });
    const opened = await expectOk(await suite.h.asShopper('leader', 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    expect(opened.team).toMatchObject({ status: 'pending', seatsHeld: 1, completesAtDeadline: { minMembers: 2 } });
    await expectSameTeam(opened);
    const teamId = opened.team.id as string;

    // Tapping "start a group" again gives the same unpaid team back, and announces nothing.
    const again = await expectOk(await suite.h.asShopper('leader', 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    expect(again).toEqual(opened);

    await expectOk(
      await suite.h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: nextOrderRef() }),
    );
    expect(await lastEvent(teamId)).toEqual(await read(teamId));

    const held = await expectOk(await asAwkward('POST', `/v1/teams/${teamId}/reservations`), 201);
    expect(held.team).toMatchObject({ status: 'open', seatsHeld: 1, seatsLeft: 2 });
    await expectSameTeam(held);

    await expectOk(
      await suite.h.asMerchant('POST', `/v1/reservations/${held.reservation.id}/confirm`, { orderRef: nextOrderRef() }),
    );
    const paid = await read(teamId);
    expect(paid.members).toEqual([
      { displayName: 'leader', avatarUrl: null, leader: true, productRef: null },
      { displayName: awkward.displayName, avatarUrl: awkward.avatarUrl, leader: false, productRef: null },
    ]);
    expect(await lastEvent(teamId)).toEqual(paid);

    // A hold that lapses: the read settles it and announces the freed seat.
    await expectSameTeam(await expectOk(await suite.h.asShopper('lapses', 'POST', `/v1/teams/${teamId}/reservations`), 201));
    suite.h.clock.advance(61_000);
    const settled = await read(teamId);
    expect(settled).toMatchObject({ seatsHeld: 0, seatsLeft: 2 });
    expect(await lastEvent(teamId)).toEqual(settled);

    // At the deadline the team completes with its two paid members, and says so.
    suite.h.clock.advance(3600_000);
    const closed = await read(teamId);
    expect(closed).toMatchObject({ status: 'succeeded', seatsLeft: 0 });
    expect(closed.closedAt).toBe(suite.h.clock.now().toISOString());
    expect(await lastEvent(teamId)).toEqual(closed);
  });

  it('a hold, and a team opening, is one statement: no transaction, no second round trip', async () => {
    const offer = await newOffer(suite.h, { teamSize: 5 });
    const counted = countCalls(suite.h.db);
    // The first requests resolve and remember the key; the counted ones are then only the work.
    await suite.h.tokenFor('counted-leader');
    await suite.h.tokenFor('counted-member');
    await expectOk(await suite.h.asShopper('warm-up', 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);

    counted.reset();
    const opened = await expectOk(
      await suite.h.asShopper('counted-leader', 'POST', `/v1/group-buy-offers/${offer.id}/teams`),
      201,
    );
    expect(counted.calls).toEqual({ queries: 1, transactions: 0 });
    await expectOk(
      await suite.h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: nextOrderRef() }),
    );

    counted.reset();
    await expectOk(await suite.h.asShopper('counted-member', 'POST', `/v1/teams/${opened.team.id}/reservations`), 201);
    expect(counted.calls).toEqual({ queries: 1, transactions: 0 });
    counted.restore();
  });
});

/** Counts the statements and transactions the server sends `db` from now on, until restore(). */
function countCalls(db: Db) {
  const calls = { queries: 0, transactions: 0 };
  const original = { query: db.query, exec: db.exec, transaction: db.transaction };
  const mutable = db as { -readonly [K in keyof Db]: Db[K] };
  mutable.query = (text, params) => {
    calls.queries++;
    return original.query(text, params);
  };
  mutable.exec = (text) => {
    calls.queries++;
    return original.exec(text);
  };
  mutable.transaction = (fn) => {
    calls.transactions++;
    return original.transaction(fn);
  };
  return {
    calls,
    reset: () => Object.assign(calls, { queries: 0, transactions: 0 }),
    restore: () => Object.assign(mutable, original),
  };
}
