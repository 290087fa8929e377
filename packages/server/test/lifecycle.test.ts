import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabases } from './databases.js';
import { createHarness, type Harness } from './harness.js';
import { expectError, expectOk, joinAndPay, newOffer, nextOrderRef, openConfirmedTeam, webhookEvents } from './util.js';

/**
 * The group-buy lifecycle: pending → open → succeeded | failed, seat holds and their expiry,
 * and the offer's own limits. One harness per database; every test makes its own offer and
 * its own shoppers, and moves the shared manual clock forward only (never past a day in total,
 * so the harness's cached shopper tokens stay valid).
 */
describe.each(testDatabases)('group-buy lifecycle on $kind', ({ create }) => {
  let database: TestDatabase;
  let h: Harness;
  let seq = 0;
  /** A shopper id unique to this suite run, so tests never share a seat. */
  const shopper = (name: string) => `${name}-${++seq}`;

  beforeAll(async () => {
    database = await create();
    h = await createHarness(await database.open());
  });
  afterAll(async () => {
    await h?.server.close();
    await database?.drop();
  });

  const countRows = async (table: string, where = 'true', params: unknown[] = []) => {
    const [row] = await h.db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params);
    return row?.n ?? -1;
  };

  it('charges the leader the leader price and members the group price', async () => {
    const offer = await newOffer(h, { leaderPrice: 990, groupPrice: 1990, teamSize: 3 });
    expect(offer).toMatchObject({ leaderPrice: 990, groupPrice: 1990, active: true });
    const alice = shopper('alice');
    const opened = await expectOk(await h.asShopper(alice, 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    expect(opened.reservation).toMatchObject({ status: 'held', leader: true, price: 990, currency: 'CNY', shopperId: alice });
    expect(opened.team).toMatchObject({ status: 'pending', size: 3, members: [] });
    // A bigint column: postgres.js reads it as a string, PGlite as a bigint.
    const [stored] = await h.db.query<{ price: string | bigint }>(`select price from reservations where id = $1`, [
      opened.reservation.id,
    ]);
    expect(Number(stored?.price)).toBe(990);

    await expectOk(await h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: nextOrderRef() }));
    const joined = await expectOk(await h.asShopper(shopper('bob'), 'POST', `/v1/teams/${opened.team.id}/reservations`), 201);
    expect(joined.reservation).toMatchObject({ leader: false, price: 1990 });
  });

  it('keeps a pending team out of openTeams and closed to joiners', async () => {
    const offer = await newOffer(h, { teamSize: 3 });
    const opened = await expectOk(await h.asShopper(shopper('alice'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    expect(opened.team.status).toBe('pending');

    const listed = await expectOk(await h.asShopper(shopper('visitor'), 'GET', `/v1/group-buy-offers/${offer.id}`));
    expect(listed.openTeams).toEqual([]);

    const before = await countRows('reservations', 'team_id = $1', [opened.team.id]);
    const bob = shopper('bob');
    await expectError(await h.asShopper(bob, 'POST', `/v1/teams/${opened.team.id}/reservations`), 409, 'team_closed');
    expect(await countRows('reservations', 'team_id = $1', [opened.team.id])).toBe(before);

    const team = await expectOk(await h.asShopper(bob, 'GET', `/v1/teams/${opened.team.id}`));
    expect(team).toMatchObject({ status: 'pending', seatsLeft: 0, members: [] });
  });

  it("opens the team when the leader's payment is confirmed, with expiresAt = confirm time + teamTtlSeconds", async () => {
    const offer = await newOffer(h, { teamSize: 3, teamTtlSeconds: 7200, holdTtlSeconds: 600 });
    const alice = shopper('alice');
    const opened = await expectOk(await h.asShopper(alice, 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    // While pending, the deadline is the leader's hold.
    expect(Date.parse(opened.team.expiresAt)).toBe(h.clock.now().getTime() + 600_000);

    h.clock.advance(45_000); // the leader pays 45 s later
    const confirmedAt = h.clock.now().getTime();
    const confirmed = await expectOk(
      await h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: nextOrderRef() }),
    );
    expect(confirmed).toMatchObject({ status: 'confirmed', leader: true });

    const team = await expectOk(await h.asShopper(alice, 'GET', `/v1/teams/${opened.team.id}`));
    expect(team).toMatchObject({ status: 'open', seatsLeft: 2, members: [{ displayName: alice, leader: true }] });
    expect(Date.parse(team.expiresAt)).toBe(confirmedAt + 7200_000);
    expect(team.serverNow).toBe(new Date(confirmedAt).toISOString());

    const listed = await expectOk(await h.asShopper(shopper('visitor'), 'GET', `/v1/group-buy-offers/${offer.id}`));
    expect(listed.openTeams).toEqual([
      {
        id: opened.team.id,
        leader: { displayName: alice, avatarUrl: null, leader: true, productRef: null },
        size: 3,
        seatsLeft: 2,
        expiresAt: team.expiresAt,
      },
    ]);
  });

  it('frees the seat of an expired hold, and confirming that hold is 409 reservation_expired', async () => {
    const offer = await newOffer(h, { teamSize: 2, teamTtlSeconds: 3600, holdTtlSeconds: 60 });
    const { team } = await openConfirmedTeam(h, offer.id, shopper('alice'));
    const bob = shopper('bob');
    const carol = shopper('carol');
    const held = await expectOk(await h.asShopper(bob, 'POST', `/v1/teams/${team.id}/reservations`), 201);
    expect(held.reservation.status).toBe('held');
    expect(Date.parse(held.reservation.expiresAt)).toBe(h.clock.now().getTime() + 60_000);
    // The last seat is held, so nobody else gets it...
    await expectError(await h.asShopper(carol, 'POST', `/v1/teams/${team.id}/reservations`), 409, 'team_full');

    // ...until the hold lapses.
    h.clock.advance(61_000);
    const lapsedView = await expectOk(await h.asShopper(bob, 'GET', `/v1/teams/${team.id}`));
    expect(lapsedView).toMatchObject({ status: 'open', seatsLeft: 1, seatsHeld: 0 });
    expect(lapsedView.myReservation).toMatchObject({ id: held.reservation.id, status: 'expired' });

    const taken = await expectOk(await h.asShopper(carol, 'POST', `/v1/teams/${team.id}/reservations`), 201);
    expect(taken.reservation.status).toBe('held');

    await expectError(
      await h.asMerchant('POST', `/v1/reservations/${held.reservation.id}/confirm`, { orderRef: nextOrderRef() }),
      409,
      'reservation_expired',
    );
    const rows = await h.db.query<{ shopper_id: string; status: string }>(
      `select shopper_id, status from reservations where team_id = $1 order by created_at`,
      [team.id],
    );
    expect(rows.map((r) => [r.shopper_id, r.status])).toEqual([
      [expect.stringMatching(/^alice-/), 'confirmed'],
      [bob, 'expired'],
      [carol, 'held'],
    ]);
    const [teamRow] = await h.db.query<{ seats_taken: number }>(`select seats_taken from teams where id = $1`, [team.id]);
    expect(teamRow?.seats_taken).toBe(2);

    // Carol pays in time: the team fills and succeeds.
    await expectOk(await h.asMerchant('POST', `/v1/reservations/${taken.reservation.id}/confirm`, { orderRef: nextOrderRef() }));
    const done = await expectOk(await h.asShopper(carol, 'GET', `/v1/teams/${team.id}`));
    expect(done).toMatchObject({ status: 'succeeded', seatsLeft: 0 });
    expect(done.members).toHaveLength(2);
  });

  it('fails a team at its deadline without enough paid members and lists the paid reservations for refund', async () => {
    const offer = await newOffer(h, { teamSize: 4, teamTtlSeconds: 600, holdTtlSeconds: 120 });
    const alice = shopper('alice');
    const bob = shopper('bob');
    const { team, reservation: aliceRes } = await openConfirmedTeam(h, offer.id, alice);
    const bobRes = await joinAndPay(h, team.id, bob);
    const carolHold = await expectOk(await h.asShopper(shopper('carol'), 'POST', `/v1/teams/${team.id}/reservations`), 201);

    h.clock.advance(599_000);
    await h.server.runJobs();
    expect((await expectOk(await h.asMerchant('GET', `/v1/teams/${team.id}`))).status).toBe('open');
    expect(await webhookEvents(h.db, team.id)).toEqual([]);

    h.clock.advance(2_000); // past the deadline
    await h.server.runJobs();
    const failed = await expectOk(await h.asMerchant('GET', `/v1/teams/${team.id}`));
    expect(failed).toMatchObject({ status: 'failed', seatsLeft: 0 });
    expect(failed.closedAt).not.toBeNull();

    const events = await webhookEvents(h.db, team.id);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.type).toBe('team.failed');
    expect(event?.payload).toMatchObject({
      type: 'team.failed',
      merchantId: h.merchant.merchantId,
      data: { team: { id: team.id, status: 'failed' } },
    });
    const refunds = event?.payload.data.paidReservations as Array<{
      reservationId: string;
      shopperId: string;
      orderRef: string;
      price: number;
    }>;
    expect(refunds.map((r) => r.reservationId).sort()).toEqual([aliceRes.id, bobRes.id].sort());
    expect(refunds.find((r) => r.shopperId === bob)).toMatchObject({ orderRef: bobRes.orderRef, price: 1990, currency: 'CNY' });
    // The unpaid hold is not listed and can no longer be paid for.
    expect(refunds.some((r) => r.reservationId === carolHold.reservation.id)).toBe(false);
    await expectError(
      await h.asMerchant('POST', `/v1/reservations/${carolHold.reservation.id}/confirm`, { orderRef: nextOrderRef() }),
      409,
      'reservation_expired',
    );

    // Sweeping again changes nothing and sends nothing more.
    await h.server.runJobs();
    expect(await webhookEvents(h.db, team.id)).toHaveLength(1);
  });

  it('completeAtDeadline {minMembers: 2}: two paid at the deadline succeed, the leader alone fails', async () => {
    const offer = await newOffer(h, { teamSize: 4, teamTtlSeconds: 600, completeAtDeadline: { minMembers: 2 } });
    expect(offer.completeAtDeadline).toEqual({ minMembers: 2 });
    const pair = await openConfirmedTeam(h, offer.id, shopper('alice'));
    expect(pair.team.completesAtDeadline).toEqual({ minMembers: 2 });
    const bobRes = await joinAndPay(h, pair.team.id, shopper('bob'));
    const alone = await openConfirmedTeam(h, offer.id, shopper('dave'));

    h.clock.advance(601_000);
    await h.server.runJobs();

    const succeeded = await expectOk(await h.asMerchant('GET', `/v1/teams/${pair.team.id}`));
    expect(succeeded).toMatchObject({ status: 'succeeded', seatsLeft: 0 });
    expect(succeeded.members).toHaveLength(2);
    const pairEvents = await webhookEvents(h.db, pair.team.id);
    expect(pairEvents.map((e) => e.type)).toEqual(['team.succeeded']);
    expect(pairEvents[0]?.payload.data.paidReservations.map((r: { reservationId: string }) => r.reservationId).sort()).toEqual(
      [pair.reservation.id, bobRes.id].sort(),
    );

    const failed = await expectOk(await h.asMerchant('GET', `/v1/teams/${alone.team.id}`));
    expect(failed.status).toBe('failed');
    const aloneEvents = await webhookEvents(h.db, alone.team.id);
    expect(aloneEvents.map((e) => e.type)).toEqual(['team.failed']);
    expect(aloneEvents[0]?.payload.data.paidReservations).toEqual([
      expect.objectContaining({ reservationId: alone.reservation.id, orderRef: alone.reservation.orderRef }),
    ]);
  });

  it('answers 409 already_member to a second join, including the leader', async () => {
    const offer = await newOffer(h, { teamSize: 4 });
    const alice = shopper('alice');
    const { team } = await openConfirmedTeam(h, offer.id, alice);
    const bob = shopper('bob');
    await expectOk(await h.asShopper(bob, 'POST', `/v1/teams/${team.id}/reservations`), 201);
    const before = await countRows('reservations', 'team_id = $1', [team.id]);
    await expectError(await h.asShopper(bob, 'POST', `/v1/teams/${team.id}/reservations`), 409, 'already_member');
    await expectError(await h.asShopper(alice, 'POST', `/v1/teams/${team.id}/reservations`), 409, 'already_member');
    expect(await countRows('reservations', 'team_id = $1', [team.id])).toBe(before);
    const view = await expectOk(await h.asShopper(bob, 'GET', `/v1/teams/${team.id}`));
    expect(view).toMatchObject({ seatsHeld: 1, seatsLeft: 2 });
  });

  it('answers 409 team_full once every seat is held or paid', async () => {
    const offer = await newOffer(h, { teamSize: 3 });
    const { team } = await openConfirmedTeam(h, offer.id, shopper('alice'));
    await joinAndPay(h, team.id, shopper('bob'));
    await expectOk(await h.asShopper(shopper('carol'), 'POST', `/v1/teams/${team.id}/reservations`), 201);
    await expectError(await h.asShopper(shopper('dave'), 'POST', `/v1/teams/${team.id}/reservations`), 409, 'team_full');
    const [row] = await h.db.query<{ seats_taken: number; live: number }>(
      `select t.seats_taken, (select count(*)::int from reservations r where r.team_id = t.id and r.status in ('held', 'confirmed')) as live
       from teams t where t.id = $1`,
      [team.id],
    );
    expect(row).toEqual({ seats_taken: 3, live: 3 });
  });

  it('confirms idempotently with the same orderRef and answers 409 to another orderRef', async () => {
    const offer = await newOffer(h, { teamSize: 2 });
    const { team } = await openConfirmedTeam(h, offer.id, shopper('alice'));
    const joined = await expectOk(await h.asShopper(shopper('bob'), 'POST', `/v1/teams/${team.id}/reservations`), 201);
    const path = `/v1/reservations/${joined.reservation.id}/confirm`;
    const first = await expectOk(await h.asMerchant('POST', path, { orderRef: 'bob-order-1' }));
    expect(first).toMatchObject({ id: joined.reservation.id, status: 'confirmed', orderRef: 'bob-order-1' });
    const again = await expectOk(await h.asMerchant('POST', path, { orderRef: 'bob-order-1' }));
    expect(again).toMatchObject({ id: joined.reservation.id, status: 'confirmed', orderRef: 'bob-order-1' });

    await expectError(await h.asMerchant('POST', path, { orderRef: 'bob-order-2' }), 409, 'reservation_not_held');
    const [row] = await h.db.query<{ order_ref: string }>(`select order_ref from reservations where id = $1`, [
      joined.reservation.id,
    ]);
    expect(row?.order_ref).toBe('bob-order-1');
    // The team succeeded exactly once.
    expect((await webhookEvents(h.db, team.id)).map((e) => e.type)).toEqual(['team.succeeded']);
  });

  it("GET offer lists open teams with seats left (凑团) and the calling shopper's myTeams", async () => {
    const offer = await newOffer(h, { teamSize: 3 });
    const alice = shopper('alice');
    const bob = shopper('bob');
    const erin = shopper('erin');
    const first = await openConfirmedTeam(h, offer.id, alice);
    h.clock.advance(1_000);
    const second = await openConfirmedTeam(h, offer.id, shopper('frank'));
    await expectOk(await h.asShopper(shopper('dave'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201); // pending: not listed
    const held = await expectOk(await h.asShopper(bob, 'POST', `/v1/teams/${first.team.id}/reservations`), 201);

    const asBob = await expectOk(await h.asShopper(bob, 'GET', `/v1/group-buy-offers/${offer.id}`));
    // Soonest deadline first.
    expect(asBob.openTeams.map((t: { id: string; seatsLeft: number }) => [t.id, t.seatsLeft])).toEqual([
      [first.team.id, 1],
      [second.team.id, 2],
    ]);
    expect(asBob.openTeams[0].leader).toEqual({ displayName: alice, avatarUrl: null, leader: true, productRef: null });
    expect(asBob.myTeams).toEqual([
      {
        teamId: first.team.id,
        reservation: expect.objectContaining({ id: held.reservation.id, status: 'held', shopperId: bob }),
      },
    ]);
    expect(Date.parse(asBob.serverNow)).toBe(h.clock.now().getTime());

    const asErin = await expectOk(await h.asShopper(erin, 'GET', `/v1/group-buy-offers/${offer.id}`));
    expect(asErin.myTeams).toEqual([]);
    const asAlice = await expectOk(await h.asShopper(alice, 'GET', `/v1/group-buy-offers/${offer.id}`));
    expect(asAlice.myTeams).toEqual([
      { teamId: first.team.id, reservation: expect.objectContaining({ status: 'confirmed', leader: true }) },
    ]);
    // Without a shopper token there is no myTeams at all.
    const anonymous = await expectOk(await h.asMerchant('GET', `/v1/group-buy-offers/${offer.id}`));
    expect(anonymous).not.toHaveProperty('myTeams');

    // A full team drops out of the list.
    await expectOk(await h.asShopper(erin, 'POST', `/v1/teams/${first.team.id}/reservations`), 201);
    const after = await expectOk(await h.asShopper(erin, 'GET', `/v1/group-buy-offers/${offer.id}`));
    expect(after.openTeams.map((t: { id: string }) => t.id)).toEqual([second.team.id]);
  });

  it('refuses teams outside the offer window with 409 offer_not_active', async () => {
    const now = h.clock.now().getTime();
    const offer = await newOffer(h, {
      startsAt: new Date(now + 3600_000).toISOString(),
      endsAt: new Date(now + 7200_000).toISOString(),
    });
    expect(offer.active).toBe(false);
    const before = await countRows('teams', 'offer_id = $1', [offer.id]);
    await expectError(
      await h.asShopper(shopper('alice'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`),
      409,
      'offer_not_active',
    );
    expect(await countRows('teams', 'offer_id = $1', [offer.id])).toBe(before);

    h.clock.advance(3600_000);
    expect((await expectOk(await h.asMerchant('GET', `/v1/group-buy-offers/${offer.id}`))).active).toBe(true);
    await expectOk(await h.asShopper(shopper('bob'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);

    h.clock.advance(3600_000); // endsAt reached
    await expectError(
      await h.asShopper(shopper('carol'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`),
      409,
      'offer_not_active',
    );
    expect(await countRows('teams', 'offer_id = $1', [offer.id])).toBe(1);
  });

  it('stops opening teams at maxTeams with 409 offer_sold_out', async () => {
    const offer = await newOffer(h, { maxTeams: 2, teamSize: 2 });
    await openConfirmedTeam(h, offer.id, shopper('alice'));
    await openConfirmedTeam(h, offer.id, shopper('bob'));
    await expectError(
      await h.asShopper(shopper('carol'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`),
      409,
      'offer_sold_out',
    );
    expect(await countRows('teams', 'offer_id = $1', [offer.id])).toBe(2);
  });

  it('counts an unpaid pending team against maxTeams until its hold lapses', async () => {
    // Otherwise two leaders could each open a pending team, both pay, and exceed maxTeams.
    const offer = await newOffer(h, { maxTeams: 1, teamSize: 2, holdTtlSeconds: 60 });
    const alice = await expectOk(await h.asShopper(shopper('alice'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    await expectError(await h.asShopper(shopper('bob'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 409, 'offer_sold_out');

    h.clock.advance(61_000); // alice never paid
    const carol = await expectOk(await h.asShopper(shopper('carol'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    expect(carol.team.id).not.toBe(alice.team.id);
    await expectError(
      await h.asMerchant('POST', `/v1/reservations/${alice.reservation.id}/confirm`, { orderRef: nextOrderRef() }),
      409,
      'reservation_expired',
    );
    await expectOk(await h.asMerchant('POST', `/v1/reservations/${carol.reservation.id}/confirm`, { orderRef: nextOrderRef() }));
    const [row] = await h.db.query<{ n: number }>(
      `select count(*)::int as n from teams where offer_id = $1 and status in ('open', 'succeeded')`,
      [offer.id],
    );
    expect(row?.n).toBe(1);
  });

  it('returns the same pending team when the leader opens again before paying', async () => {
    const offer = await newOffer(h, { teamSize: 3, holdTtlSeconds: 60 });
    const alice = shopper('alice');
    const first = await expectOk(await h.asShopper(alice, 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    h.clock.advance(10_000);
    const second = await expectOk(await h.asShopper(alice, 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    expect(second.team.id).toBe(first.team.id);
    expect(second.reservation).toMatchObject({
      id: first.reservation.id,
      status: 'held',
      expiresAt: first.reservation.expiresAt,
    });
    expect(await countRows('teams', 'offer_id = $1', [offer.id])).toBe(1);
    expect(await countRows('reservations', 'offer_id = $1', [offer.id])).toBe(1);

    // Once that hold lapses, opening again starts a fresh team.
    h.clock.advance(51_000);
    const third = await expectOk(await h.asShopper(alice, 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    expect(third.team.id).not.toBe(first.team.id);
    expect(third.team.status).toBe('pending');
  });
});
