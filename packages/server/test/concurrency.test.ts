import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../src/clock.js';
import { createMerchant } from '../src/domain/merchants.js';
import type { Db } from '../src/infra/db.js';
import { migrate } from '../src/infra/migrate.js';
import { loadServerKey } from '../src/infra/server-key.js';
import { createFlockServer, type FlockServer } from '../src/server.js';
import { freshPostgres, TEST_SECRET_KEY, type TestDatabase, testDatabases } from './databases.js';
import { createHarness, type Harness, offerInput, SHOP_ORIGIN } from './harness.js';
import { type ServerProcess, startServerProcess, stopServerProcess } from './server-process.js';
import { expectOk, newOffer, nextOrderRef, openConfirmedTeam, webhookEvents } from './util.js';

const serverEnv = (databaseUrl: string) => ({
  DATABASE_URL: databaseUrl,
  FLOCK_ADMIN_TOKEN: '',
  FLOCK_SECRET_KEY: TEST_SECRET_KEY,
});

/**
 * The team is opened and its leader confirmed first; TEAM_SIZE is chosen so that exactly
 * FREE_SEATS seats are then left for the crowd.
 */
const FREE_SEATS = 5;
const TEAM_SIZE = FREE_SEATS + 1;
const CROWD = 200;

/** Seats as the team row counts them and as the reservations count them. */
async function seatCounts(db: Db, teamId: string) {
  const [row] = await db.query<{ seats_taken: number; live: number; held: number; confirmed: number }>(
    `select t.seats_taken,
       (select count(*)::int from reservations r where r.team_id = t.id and r.status in ('held', 'confirmed')) as live,
       (select count(*)::int from reservations r where r.team_id = t.id and r.status = 'held') as held,
       (select count(*)::int from reservations r where r.team_id = t.id and r.status = 'confirmed') as confirmed
     from teams t where t.id = $1`,
    [teamId],
  );
  return row;
}

/** Tallies the answers to the crowd's reservation requests as `status code` → count. */
async function tally(responses: Response[]) {
  const counts: Record<string, number> = {};
  const winners: string[] = [];
  for (const response of responses) {
    const body = (await response.json()) as { error?: { code: string }; reservation?: { id: string; shopperId: string } };
    const key = `${response.status} ${body.error?.code ?? 'ok'}`;
    counts[key] = (counts[key] ?? 0) + 1;
    if (response.status === 201 && body.reservation) winners.push(body.reservation.shopperId);
  }
  return { counts, winners };
}

describe.each(testDatabases)('seat race on $kind', ({ create }) => {
  let database: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    database = await create();
    h = await createHarness(await database.open());
  });
  afterAll(async () => {
    await h?.server.close();
    await database?.drop();
  });

  it(`${CROWD} shoppers race for the last ${FREE_SEATS} seats: exactly ${FREE_SEATS} win, the rest get 409 team_full`, async () => {
    const offer = await newOffer(h, { teamSize: TEAM_SIZE });
    const { team } = await openConfirmedTeam(h, offer.id, 'leader');
    expect(team.seatsLeft).toBe(FREE_SEATS);
    const crowd = Array.from({ length: CROWD }, (_, i) => `racer-${i}`);
    for (const id of crowd) await h.tokenFor(id); // mint tokens first, so the race is only the reservations

    const responses = await Promise.all(crowd.map((id) => h.asShopper(id, 'POST', `/v1/teams/${team.id}/reservations`)));
    const { counts, winners } = await tally(responses);
    expect(counts).toEqual({ '201 ok': FREE_SEATS, '409 team_full': CROWD - FREE_SEATS });
    expect(new Set(winners).size).toBe(FREE_SEATS);

    expect(await seatCounts(h.db, team.id)).toEqual({ seats_taken: TEAM_SIZE, live: TEAM_SIZE, held: FREE_SEATS, confirmed: 1 });
    const view = await expectOk(await h.asMerchant('GET', `/v1/teams/${team.id}`));
    expect(view).toMatchObject({ status: 'open', seatsLeft: 0, seatsHeld: FREE_SEATS });
  });
});

describe('seat race across two server processes on one PostgreSQL database', () => {
  let database: TestDatabase;
  let db: Db;
  const children: ServerProcess[] = [];

  beforeAll(async () => {
    database = await freshPostgres();
    db = await database.open();
    await migrate(db); // before the merchant is written; the processes then find nothing to do
    const url = database.url as string;
    children.push(...(await Promise.all([startServerProcess(serverEnv(url)), startServerProcess(serverEnv(url))])));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(children.map((child) => stopServerProcess(child)));
    await database?.drop();
  });

  it(`${CROWD} shoppers over real HTTP, alternating between the processes: exactly ${FREE_SEATS} win`, async () => {
    const secrets = await loadServerKey(db, TEST_SECRET_KEY);
    const merchant = await createMerchant(db, systemClock, secrets, { name: 'Two-process shop', origins: [SHOP_ORIGIN] });
    const via = (i: number) => children[i % children.length]?.url as string;
    const call = (i: number, key: string, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
      fetch(`${via(i)}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...extra },
        body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
      });
    const asShopper = (i: number, token: string, method: string, path: string) =>
      call(i, merchant.publishableKey, method, path, undefined, { origin: SHOP_ORIGIN, 'flock-shopper': token });

    const crowd = Array.from({ length: CROWD + 1 }, (_, i) => (i === 0 ? 'leader' : `racer-${i}`));
    const tokens: string[] = [];
    for (const [i, shopperId] of crowd.entries()) {
      // Tokens minted by one process are accepted by the other: the signing key lives in the database.
      const minted = await expectOk(await call(i, merchant.secretKey, 'POST', '/v1/shopper-tokens', { shopperId }), 201);
      tokens.push(minted.token);
    }

    const offer = await expectOk(
      await call(0, merchant.secretKey, 'POST', '/v1/group-buy-offers', offerInput({ teamSize: TEAM_SIZE })),
      201,
    );
    const opened = await expectOk(await asShopper(1, tokens[0] as string, 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    await expectOk(
      await call(0, merchant.secretKey, 'POST', `/v1/reservations/${opened.reservation.id}/confirm`, {
        orderRef: nextOrderRef(),
      }),
    );
    const team = await expectOk(await asShopper(1, tokens[0] as string, 'GET', `/v1/teams/${opened.team.id}`));
    expect(team).toMatchObject({ status: 'open', seatsLeft: FREE_SEATS });

    const responses = await Promise.all(
      tokens.slice(1).map((token, i) => asShopper(i, token, 'POST', `/v1/teams/${team.id}/reservations`)),
    );
    for (const response of responses) expect(response.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    const { counts, winners } = await tally(responses);
    expect(counts).toEqual({ '201 ok': FREE_SEATS, '409 team_full': CROWD - FREE_SEATS });
    expect(new Set(winners).size).toBe(FREE_SEATS);
    expect(await seatCounts(db, team.id)).toEqual({ seats_taken: TEAM_SIZE, live: TEAM_SIZE, held: FREE_SEATS, confirmed: 1 });

    // Both processes agree on the result.
    for (const i of [0, 1]) {
      const view = await expectOk(await asShopper(i, tokens[0] as string, 'GET', `/v1/teams/${team.id}`));
      expect(view).toMatchObject({ status: 'open', seatsLeft: 0, seatsHeld: FREE_SEATS });
    }
  }, 120_000);
});

describe('sweeper on two server instances sharing one PostgreSQL database', () => {
  const TEAMS = 24;
  let database: TestDatabase;
  let h: Harness;
  let second: FlockServer;
  let clock: ManualClock;

  beforeAll(async () => {
    database = await freshPostgres();
    clock = new ManualClock(new Date('2026-11-23T08:00:00Z'));
    h = await createHarness(await database.open(), { clock });
    // A second instance: its own connection pool, the same database, the same clock.
    second = await createFlockServer({
      db: await database.open(),
      clock,
      jobIntervalMs: 0,
      log: () => {},
      secretKey: TEST_SECRET_KEY,
    });
  });
  afterAll(async () => {
    await second?.close();
    await h?.server.close();
    await database?.drop();
  });

  it('closes each due team exactly once: one team.failed event per team', async () => {
    const offer = await newOffer(h, { teamSize: 3, teamTtlSeconds: 600 });
    const teamIds: string[] = [];
    for (let i = 0; i < TEAMS; i++) {
      const { team } = await openConfirmedTeam(h, offer.id, `leader-${i}`);
      teamIds.push(team.id);
    }
    // Some teams also have a paid member and an unpaid hold.
    for (let i = 0; i < TEAMS; i += 3) {
      const joined = await expectOk(await h.asShopper(`member-${i}`, 'POST', `/v1/teams/${teamIds[i]}/reservations`), 201);
      await expectOk(
        await h.asMerchant('POST', `/v1/reservations/${joined.reservation.id}/confirm`, { orderRef: nextOrderRef() }),
      );
      await expectOk(await h.asShopper(`holder-${i}`, 'POST', `/v1/teams/${teamIds[i]}/reservations`), 201);
    }

    clock.advance(601_000);
    await Promise.all([h.server.runJobs(), second.runJobs(), h.server.runJobs(), second.runJobs()]);
    // Whatever one pass skipped because the other held the lock is due again in the next one.
    await Promise.all([h.server.runJobs(), second.runJobs()]);

    const statuses = await h.db.query<{ id: string; status: string; seats_taken: number }>(
      `select id, status, seats_taken from teams where offer_id = $1`,
      [offer.id],
    );
    expect(statuses).toHaveLength(TEAMS);
    for (const row of statuses) expect(row.status).toBe('failed');

    const events = await webhookEvents(h.db);
    const perTeam = new Map<string, string[]>();
    for (const event of events) {
      const id = event.payload.data.team.id as string;
      perTeam.set(id, [...(perTeam.get(id) ?? []), event.type]);
    }
    expect(events).toHaveLength(TEAMS);
    for (const [i, id] of teamIds.entries()) {
      expect(perTeam.get(id)).toEqual(['team.failed']);
      const [event] = events.filter((e) => e.payload.data.team.id === id);
      expect(event?.payload.data.paidReservations).toHaveLength(i % 3 === 0 ? 2 : 1);
    }
    // No hold is left live and no seat count went negative or stale.
    const [stale] = await h.db.query<{ n: number }>(`select count(*)::int as n from reservations where status = 'held'`);
    expect(stale?.n).toBe(0);
  }, 60_000);
});
