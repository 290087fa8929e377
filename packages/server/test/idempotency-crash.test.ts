import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPglite } from '../src/infra/db.js';
import { createFlockServer } from '../src/server.js';
import { freshPostgres, TEST_SECRET_KEY, type TestDatabase, testDatabases } from './databases.js';
import { offerInput, useHarness } from './harness.js';
import { type ServerProcess, startServerProcess, stopServerProcess } from './server-process.js';
import { expectError, expectOk, type Json, newOffer, openConfirmedTeam } from './util.js';

const ADMIN_TOKEN = 'op_crash_test_token';
const IDEMPOTENCY_KEY = 'open-team-across-a-crash';

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Fetch = (path: string, init: RequestInit) => Promise<Response>;

/** A merchant, a shopper token and an offer, made through the API. */
async function setUpShop(request: Fetch) {
  const post = async (bearer: string, path: string, body: unknown) =>
    expectOk(
      await request(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      201,
    );
  const merchant = await post(ADMIN_TOKEN, '/v1/merchants', { name: 'Crash shop', origins: ['http://shop.test'] });
  const { token } = await post(merchant.secretKey, '/v1/shopper-tokens', { shopperId: 'crash-leader' });
  const offer = await post(merchant.secretKey, '/v1/group-buy-offers', offerInput());
  return { secretKey: merchant.secretKey as string, token: token as string, offerId: offer.id as string };
}

/** The request under test: the shopper opens a team, with the same Idempotency-Key every time. */
const openTeam = (server: ServerProcess, shop: Awaited<ReturnType<typeof setUpShop>>) =>
  fetch(`${server.url}/v1/group-buy-offers/${shop.offerId}/teams`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${shop.secretKey}`,
      'flock-shopper': shop.token,
      'idempotency-key': IDEMPOTENCY_KEY,
      'content-type': 'application/json',
    },
    body: '{}',
  });

/** After the crash: the retry gets a 2xx, a second retry replays it, and the team exists once. */
async function expectDoneOnce(server: ServerProcess, shop: Awaited<ReturnType<typeof setUpShop>>): Promise<Json> {
  const retried = await expectOk(await openTeam(server, shop), 201);
  const replay = await openTeam(server, shop);
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect(await expectOk(replay, 201)).toEqual(retried);
  return retried;
}

const teamsOf = async (db: Db, offerId: string) =>
  db.query<{ id: string; shopper_id: string }>(
    `select t.id, r.shopper_id from teams t join reservations r on r.merchant_id = t.merchant_id and r.team_id = t.id
     where t.offer_id = $1`,
    [offerId],
  );

describe('an Idempotency-Key after the server process is killed mid-request, on postgres', () => {
  let database: TestDatabase;
  let db: Db;
  let server: ServerProcess | undefined;
  const env = () => ({ DATABASE_URL: database.url as string, FLOCK_SECRET_KEY: TEST_SECRET_KEY, FLOCK_ADMIN_TOKEN: ADMIN_TOKEN });

  beforeAll(async () => {
    database = await freshPostgres();
    db = await database.open();
  });
  afterAll(async () => {
    await stopServerProcess(server);
    await database?.drop();
  });

  it('leaves no claim behind: the retry with the same key does the work once and gets its answer', async () => {
    server = await startServerProcess(env());
    const running = server;
    const shop = await setUpShop((path, init) => fetch(`${running.url}${path}`, init));

    // The test holds the offer's row lock, so the server's request stops inside the handler.
    let releaseLock!: () => void;
    const lockHeld = new Promise<void>((resolve) => (releaseLock = resolve));
    let lockTaken!: () => void;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.query(`select 1 from group_buy_offers where id = $1 for update`, [shop.offerId]);
      lockTaken();
      await lockHeld;
    });
    await taken;
    const inFlight = openTeam(server, shop).then(
      (response) => `answered ${response.status}`,
      () => 'connection lost',
    );
    const waitingOnLock = async () => {
      const [row] = await db.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      return row?.n === 1;
    };
    await waitUntil(waitingOnLock, "the server's request waits for the offer's lock");

    await stopServerProcess(server, 'SIGKILL');
    expect(await inFlight).toBe('connection lost');
    releaseLock();
    await holder;
    // PostgreSQL ends the dead client's session (and its transaction) once the lock wait is over.
    const sessionsLeft = async () => {
      const [row] = await db.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()`,
      );
      return row?.n === 0;
    };
    await waitUntil(sessionsLeft, 'the killed server has no transaction left');
    expect(await db.query(`select 1 from idempotency_keys where key = $1`, [IDEMPOTENCY_KEY])).toEqual([]);
    expect(await teamsOf(db, shop.offerId)).toEqual([]);

    server = await startServerProcess(env());
    const opened = await expectDoneOnce(server, shop);
    expect(await teamsOf(db, shop.offerId)).toEqual([{ id: opened.team.id, shopper_id: 'crash-leader' }]);
  }, 120_000);
});

describe('an Idempotency-Key after the server process is killed mid-request, on pglite (data directory)', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  const start = () =>
    startServerProcess({ FLOCK_ADMIN_TOKEN: ADMIN_TOKEN, DATABASE_URL: '', FLOCK_SECRET_KEY: '' }, ['--data-dir', dataDir]);
  /** The data directory opened by the test itself, while no server runs on it. */
  const withDataDir = async <T>(fn: (db: Db) => Promise<T>) => {
    const db = await openPglite(dataDir);
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'flock-crash-'));
  });
  afterAll(async () => {
    await stopServerProcess(server);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves no claim behind: the retry with the same key does the work once and gets its answer', async () => {
    const shop = await withDataDir(async (db) => {
      // The shop is set up in this process (PGlite starts slowly; the server process starts once less).
      const inProcess = await createFlockServer({ db, jobIntervalMs: 0, log: () => {}, adminToken: ADMIN_TOKEN });
      const made = await setUpShop(async (path, init) => inProcess.app.request(path, init));
      await inProcess.close();
      // PGlite is one session, so nothing can hold a lock against the server: a trigger makes
      // opening a team take a minute instead (pg_sleep blocks the whole process meanwhile).
      await db.exec(`
        create function flock_test_slow() returns trigger language plpgsql as $$ begin perform pg_sleep(60); return new; end $$;
        create trigger flock_test_slow before insert on teams for each row execute function flock_test_slow();`);
      return made;
    });

    server = await start();
    const running = server;
    const inFlight = openTeam(running, shop).then(
      (response) => `answered ${response.status}`,
      () => 'connection lost',
    );
    const blocked = async () =>
      fetch(`${running.url}/healthz`, { signal: AbortSignal.timeout(500) }).then(
        () => false,
        () => true,
      );
    await waitUntil(blocked, 'the server is stuck inside the request');
    await stopServerProcess(server, 'SIGKILL');
    expect(await inFlight).toBe('connection lost');

    await withDataDir(async (db) => {
      await db.exec(`drop trigger flock_test_slow on teams; drop function flock_test_slow();`);
      expect(await db.query(`select 1 from idempotency_keys where key = $1`, [IDEMPOTENCY_KEY])).toEqual([]);
      expect(await teamsOf(db, shop.offerId)).toEqual([]);
    });

    server = await start();
    const opened = await expectDoneOnce(server, shop);
    await stopServerProcess(server);
    await withDataDir(async (db) =>
      expect(await teamsOf(db, shop.offerId)).toEqual([{ id: opened.team.id, shopper_id: 'crash-leader' }]),
    );
  }, 180_000);
});

describe.each(testDatabases)('one transaction per Idempotency-Key request on $kind', ({ kind, create }) => {
  const suite = useHarness(create);
  const hold = (shopper: string, teamId: string, key: string) =>
    suite.h.asShopper(shopper, 'POST', `/v1/teams/${teamId}/reservations`, {}, { 'idempotency-key': key });
  const seatsOf = async (teamId: string, shopper: string) =>
    suite.h.db.query(`select id from reservations where team_id = $1 and shopper_id = $2`, [teamId, shopper]);
  const storedKeys = async (key: string) => suite.h.db.query(`select 1 from idempotency_keys where key = $1`, [key]);
  /** Makes every insert into `table` fail (the first one only with `once`) until the returned function undoes it. */
  const failInserts = async (table: string, errcode: string, options: { once?: boolean } = {}) => {
    await suite.h.db.exec(`
      create sequence flock_test_failures;
      create function flock_test_fail() returns trigger language plpgsql as $$
        begin
          if ${options.once ? "nextval('flock_test_failures') = 1" : 'true'} then
            raise exception 'injected failure' using errcode = '${errcode}';
          end if;
          return new;
        end $$;
      create trigger flock_test_fail before insert on ${table} for each row execute function flock_test_fail();`);
    return () =>
      suite.h.db.exec(
        `drop trigger flock_test_fail on ${table}; drop function flock_test_fail(); drop sequence flock_test_failures;`,
      );
  };

  it('a 5xx rolls back everything the request did, and the key stays free for the retry', async () => {
    const { team } = await openConfirmedTeam(suite.h, (await newOffer(suite.h)).id, 'five-leader');
    // hold_seat takes the seat, then announces it: the announcement fails after the seat was written.
    const undo = await failInserts('live_events', 'P0001');
    try {
      await expectError(await hold('five-member', team.id, 'hold-then-fail'), 500, 'internal_error');
    } finally {
      await undo();
    }
    expect(await seatsOf(team.id, 'five-member')).toEqual([]);
    expect(await storedKeys('hold-then-fail')).toEqual([]);
    const [counted] = await suite.h.db.query<{ seats_taken: number }>(`select seats_taken from teams where id = $1`, [team.id]);
    expect(counted?.seats_taken).toBe(1);

    const retried = await expectOk(await hold('five-member', team.id, 'hold-then-fail'), 201);
    expect(await seatsOf(team.id, 'five-member')).toEqual([{ id: retried.reservation.id }]);
  });

  it("a handler's own transaction that fails and is handled (a savepoint) leaves the request's usable", async () => {
    const campaign = await expectOk(
      await suite.h.asMerchant('POST', '/v1/assist-campaigns', {
        productRef: 'tea-001',
        title: 'Friends help',
        mode: 'progress',
        goal: 3,
        ttlSeconds: 86400,
        reward: { description: 'A free tin of tea' },
      }),
      201,
    );
    const { assist } = await expectOk(
      await suite.h.asShopper('savepoint-owner', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}),
      201,
    );
    const helpOnce = () =>
      suite.h.asShopper('savepoint-friend', 'POST', `/v1/assists/${assist.id}/helps`, {}, { 'idempotency-key': 'help-dup' });
    // As if a concurrent help by the same friend won: help() turns the unique violation into already_helped.
    const undo = await failInserts('assist_helps', '23505');
    try {
      await expectError(await helpOnce(), 409, 'already_helped');
    } finally {
      await undo();
    }
    // The answer was stored in the same transaction, after the failed savepoint: it replays.
    const replay = await helpOnce();
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await expectError(replay, 409, 'already_helped');
    expect(await suite.h.db.query(`select 1 from assist_helps where assist_id = $1`, [assist.id])).toEqual([]);
  });

  it('a hold that must first settle a lapsed hold does it inside the request, and its answer replays', async () => {
    const offer = await newOffer(suite.h, { teamSize: 4, holdTtlSeconds: 60 });
    const { team } = await openConfirmedTeam(suite.h, offer.id, 'settle-leader');
    await expectOk(await hold('settle-lapsing', team.id, 'hold-that-lapses'), 201);
    suite.h.clock.advance(61_000);
    // hold_seat answers 'settle'; settling and the second call run as a savepoint of the key's transaction.
    const held = await expectOk(await hold('settle-member', team.id, 'hold-after-lapse'), 201);
    expect(held.team).toMatchObject({ seatsHeld: 1, seatsLeft: 2 });
    const replay = await hold('settle-member', team.id, 'hold-after-lapse');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await expectOk(replay, 201)).toEqual(held);
    const seats = await suite.h.db.query(`select shopper_id, status from reservations where team_id = $1 order by shopper_id`, [
      team.id,
    ]);
    expect(seats).toEqual([
      { shopper_id: 'settle-lapsing', status: 'expired' },
      { shopper_id: 'settle-leader', status: 'confirmed' },
      { shopper_id: 'settle-member', status: 'held' },
    ]);
  });

  // PGlite runs one transaction at a time, so there a second request with the key simply queues.
  it.skipIf(kind === 'pglite')(
    'the same key twice at once: the work is done once, the second request gets its answer',
    async () => {
      const { team } = await openConfirmedTeam(suite.h, (await newOffer(suite.h)).id, 'twice-leader');
      await suite.h.tokenFor('twice-member');
      // The test holds the team's row lock: the first request waits for it inside its transaction,
      // the second for the first one's key.
      let releaseLock!: () => void;
      const lockHeld = new Promise<void>((resolve) => (releaseLock = resolve));
      let lockTaken!: () => void;
      const taken = new Promise<void>((resolve) => (lockTaken = resolve));
      const holder = suite.h.db.transaction(async (tx) => {
        await tx.query(`select 1 from teams where id = $1 for update`, [team.id]);
        lockTaken();
        await lockHeld;
      });
      await taken;
      const both = Promise.all([hold('twice-member', team.id, 'tap-tap'), hold('twice-member', team.id, 'tap-tap')]);
      try {
        await waitUntil(
          async () => {
            const [row] = await suite.h.db.query<{ n: number }>(
              `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
            );
            return row?.n === 2;
          },
          'both requests wait',
          10_000,
        );
      } finally {
        releaseLock();
        await holder;
      }
      const [first, second] = await both;
      const bodies = [await expectOk(first, 201), await expectOk(second, 201)];
      expect(bodies[0]).toEqual(bodies[1]);
      const replayed = [first, second].filter((response) => response.headers.get('idempotent-replayed') === 'true');
      expect(replayed).toHaveLength(1);
      expect(await seatsOf(team.id, 'twice-member')).toHaveLength(1);
    },
  );

  it('a 429 is not kept under the key: the same key goes through once the limit lets it', async () => {
    const campaign = await expectOk(
      await suite.h.asMerchant('POST', '/v1/assist-campaigns', {
        productRef: 'tea-001',
        title: 'Popular',
        mode: 'progress',
        goal: 100,
        ttlSeconds: 86400,
        reward: { description: 'A free tin of tea' },
      }),
      201,
    );
    const { assist } = await expectOk(
      await suite.h.asShopper('limit-owner', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}),
      201,
    );
    const helpFrom = (friend: string, headers: Record<string, string> = {}) =>
      suite.h.asShopper(friend, 'POST', `/v1/assists/${assist.id}/helps`, {}, { 'x-forwarded-for': '192.0.2.77', ...headers });
    // Start from a fresh window, then use up its 30 attempts from one address.
    const now = suite.h.clock.now().getTime();
    suite.h.clock.set(new Date(Math.ceil(now / 60_000) * 60_000 + 1000));
    for (let i = 0; i < 30; i++) await expectOk(await helpFrom(`limit-friend-${i}`), 201);
    await expectError(await helpFrom('limit-late', { 'idempotency-key': 'late-help' }), 429, 'rate_limited');
    expect(await storedKeys('late-help')).toEqual([]);
    suite.h.clock.advance(60_000);
    const late = await helpFrom('limit-late', { 'idempotency-key': 'late-help' });
    expect(late.headers.get('idempotent-replayed')).toBeNull();
    await expectOk(late, 201);
  });
});
