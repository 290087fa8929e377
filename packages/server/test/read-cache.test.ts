import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant } from '../src/domain/merchants.js';
import type { Db } from '../src/infra/db.js';
import { createFlockServer, type FlockServer } from '../src/server.js';
import { freshPostgres, TEST_SECRET_KEY, type TestDatabase, testDatabases } from './databases.js';
import { offerInput, SHOP_ORIGIN, useHarness } from './harness.js';
import { type ServerProcess, startServerProcess, stopServerProcess } from './server-process.js';
import { expectError, expectOk, type Json } from './util.js';

// GET /v1/group-buy-offers/:id and GET /v1/teams/:id come from each process's memory until a live
// event says what they show changed, with a weak ETag over all but serverNow (304 to a client
// holding the same). A read that changed under the cache without an event (a row edited by hand)
// is how these tests see that an answer came from memory.

/** Polls `read` until `done` holds of its result (a change travelling between processes), for at most 20 s. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const withoutServerNow = ({ serverNow: _, ...rest }: Json) => rest;

describe.each(testDatabases)('cached reads on $kind', ({ create }) => {
  const suite = useHarness(create);
  let orderSeq = 0;

  /** A shop page without a shopper: the publishable key and the page's origin. */
  const asPage = (path: string, headers: Record<string, string> = {}) =>
    suite.h.server.app.request(path, {
      headers: { authorization: `Bearer ${suite.h.merchant.publishableKey}`, origin: SHOP_ORIGIN, ...headers },
    });
  const newOffer = async (overrides: Record<string, unknown> = {}): Promise<Json> =>
    expectOk(await suite.h.asMerchant('POST', '/v1/group-buy-offers', offerInput(overrides)), 201);
  const confirm = async (reservationId: string) =>
    expectOk(await suite.h.asMerchant('POST', `/v1/reservations/${reservationId}/confirm`, { orderRef: `rc-${++orderSeq}` }));
  /** The answer's ETag and JSON body (or null on 304). */
  const read = async (response: Promise<Response> | Response) => {
    const answer = await response;
    const text = await answer.text();
    return { status: answer.status, etag: answer.headers.get('etag') ?? '', body: text ? (JSON.parse(text) as Json) : null };
  };

  it('tags every answer but its serverNow, and answers 304 to a client holding the same', async () => {
    const offer = await newOffer();
    const first = await read(asPage(`/v1/group-buy-offers/${offer.id}`));
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^W\/"[\w-]+"$/);
    const answer = await asPage(`/v1/group-buy-offers/${offer.id}`);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);

    suite.h.clock.advance(5_000);
    const notModified = await asPage(`/v1/group-buy-offers/${offer.id}`, { 'if-none-match': first.etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(first.etag);
    for (const held of [`W/"other", ${first.etag}`, first.etag.slice(2), '*']) {
      expect((await asPage(`/v1/group-buy-offers/${offer.id}`, { 'if-none-match': held })).status).toBe(304);
    }
    // Another tag, or none: the whole answer, at the server's time now, the rest as before.
    const later = await read(asPage(`/v1/group-buy-offers/${offer.id}`, { 'if-none-match': 'W/"other"' }));
    expect(later.status).toBe(200);
    expect(later.body.serverNow).toBe(suite.h.clock.now().toISOString());
    expect(withoutServerNow(later.body)).toEqual(withoutServerNow(first.body));
    expect(later.etag).toBe(first.etag);
  });

  it('a change the reader would see changes their tag; one they would not see keeps it', async () => {
    const offer = await newOffer({ teamSize: 3, holdTtlSeconds: 600 });
    const path = `/v1/group-buy-offers/${offer.id}`;
    const page = await read(asPage(path));
    const aliceBefore = await read(suite.h.asShopper('rc-alice', 'GET', path));
    expect(aliceBefore.body.myTeams).toEqual([]);
    expect(aliceBefore.etag).not.toBe(page.etag);

    // Alice opens a team: pending (her seat unpaid), so nobody else sees it yet.
    const opened = await expectOk(await suite.h.asShopper('rc-alice', 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    expect((await asPage(path, { 'if-none-match': page.etag })).status).toBe(304);
    const aliceAfter = await read(suite.h.asShopper('rc-alice', 'GET', path, undefined, { 'if-none-match': aliceBefore.etag }));
    expect(aliceAfter.status).toBe(200);
    expect(aliceAfter.body.myTeams).toHaveLength(1);
    // The tag is of the content, not of the shopper: Bob, with no team either, holds what Alice held.
    expect((await suite.h.asShopper('rc-bob', 'GET', path, undefined, { 'if-none-match': aliceBefore.etag })).status).toBe(304);

    // She pays: the team opens, and every page sees it.
    await confirm(opened.reservation.id);
    const listed = await read(asPage(path, { 'if-none-match': page.etag }));
    expect(listed.status).toBe(200);
    expect(listed.body.openTeams).toMatchObject([{ id: opened.team.id, seatsLeft: 2 }]);
    const teamPath = `/v1/teams/${opened.team.id}`;
    const team = await read(asPage(teamPath));
    expect(team.body).toMatchObject({ status: 'open', seatsHeld: 0, seatsLeft: 2 });
    const bobTeam = await read(suite.h.asShopper('rc-bob', 'GET', teamPath));
    expect(bobTeam.body.myReservation).toBeNull();

    // Bob holds a seat: the team, the offer's open teams and Bob's own reads all change.
    await expectOk(await suite.h.asShopper('rc-bob', 'POST', `/v1/teams/${opened.team.id}/reservations`), 201);
    const held = await read(asPage(teamPath, { 'if-none-match': team.etag }));
    expect(held.body).toMatchObject({ seatsHeld: 1, seatsLeft: 1 });
    expect((await read(asPage(path))).body.openTeams).toMatchObject([{ id: opened.team.id, seatsLeft: 1 }]);
    const bobHeld = await read(suite.h.asShopper('rc-bob', 'GET', teamPath, undefined, { 'if-none-match': bobTeam.etag }));
    expect(bobHeld.body.myReservation).toMatchObject({ status: 'held' });
    expect(bobHeld.body.myReservation.serverNow).toBe(bobHeld.body.serverNow);
    const bobOffer = await read(suite.h.asShopper('rc-bob', 'GET', path));
    expect(bobOffer.body.myTeams).toMatchObject([{ teamId: opened.team.id, reservation: { status: 'held' } }]);

    // His hold lapses with the clock alone, before any sweep: every read shows it at once.
    suite.h.clock.advance(601_000);
    expect((await read(asPage(teamPath))).body).toMatchObject({ seatsHeld: 0, seatsLeft: 2 });
    expect((await read(asPage(path))).body.openTeams).toMatchObject([{ id: opened.team.id, seatsLeft: 2 }]);
    expect((await read(suite.h.asShopper('rc-bob', 'GET', teamPath))).body.myReservation).toMatchObject({ status: 'expired' });
    expect((await read(suite.h.asShopper('rc-bob', 'GET', path))).body.myTeams).toMatchObject([
      { reservation: { status: 'expired' } },
    ]);
    await suite.h.server.runJobs();
    expect((await read(suite.h.asShopper('rc-bob', 'GET', teamPath))).body.myReservation).toMatchObject({ status: 'expired' });

    // The merchant edits, pauses, then ends the offer failing what is forming.
    await expectOk(await suite.h.asMerchant('PATCH', path, { title: 'Spring harvest' }));
    expect((await read(asPage(path))).body).toMatchObject({ title: 'Spring harvest', active: true });
    await expectOk(await suite.h.asMerchant('PATCH', path, { status: 'paused' }));
    expect((await read(asPage(path))).body).toMatchObject({ status: 'paused', active: false });
    await expectOk(await suite.h.asMerchant('PATCH', path, { status: 'ended', failOpenTeams: true }));
    expect((await read(asPage(path))).body).toMatchObject({ status: 'ended', openTeams: [] });
    expect((await read(asPage(teamPath))).body).toMatchObject({ status: 'failed', seatsLeft: 0 });
  });

  it('an offer starts and ends with the clock alone', async () => {
    const startsAt = new Date(suite.h.clock.now().getTime() + 60_000);
    const endsAt = new Date(startsAt.getTime() + 60_000);
    const offer = await newOffer({ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
    const path = `/v1/group-buy-offers/${offer.id}`;
    expect((await read(asPage(path))).body.active).toBe(false);
    suite.h.clock.set(startsAt);
    expect((await read(asPage(path))).body.active).toBe(true);
    suite.h.clock.set(endsAt);
    expect((await read(asPage(path))).body.active).toBe(false);
  });

  it('answers from memory until an event of the offer or its merchant, and never across merchants', async () => {
    const offer = await newOffer({ title: 'Announced' });
    const path = `/v1/group-buy-offers/${offer.id}`;
    expect((await read(asPage(path))).body.title).toBe('Announced');
    await suite.h.db.query(`update group_buy_offers set title = 'Edited by hand' where id = $1`, [offer.id]);
    expect((await read(asPage(path))).body.title).toBe('Announced');

    // Another merchant's writes and reads touch nothing of this merchant's.
    const other = await createMerchant(suite.h.db, suite.h.clock, suite.h.server.secrets, {
      name: 'Other',
      origins: [SHOP_ORIGIN],
    });
    const asOther = (method: string, to: string, body?: unknown) =>
      suite.h.server.app.request(to, {
        method,
        headers: { authorization: `Bearer ${other.secretKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const theirs = await expectOk(await asOther('POST', '/v1/group-buy-offers', offerInput()), 201);
    await expectOk(await asOther('PATCH', `/v1/group-buy-offers/${theirs.id}`, { title: 'Theirs' }));
    await expectError(await asOther('GET', path), 404, 'not_found');
    expect((await read(asPage(path))).body.title).toBe('Announced');

    // The offer's own event: the next read loads it again, with the hand edit.
    await expectOk(await suite.h.asMerchant('PATCH', path, { regularPrice: 3990 }));
    expect((await read(asPage(path))).body).toMatchObject({ title: 'Edited by hand', regularPrice: 3990 });
  });
});

describe.each(testDatabases)('cached reads of two servers on one $kind database', ({ create }) => {
  const suite = useHarness(create);
  let second: FlockServer;
  beforeAll(async () => {
    // Another server on the same database in this process: on PGlite, the one database any process may open.
    second = await createFlockServer({
      db: suite.h.db,
      clock: suite.h.clock,
      jobIntervalMs: 0,
      log: () => {},
      secretKey: TEST_SECRET_KEY,
    });
  });
  afterAll(() => second?.close());

  it("forgets what the other server's writes change, on hearing their events", async () => {
    const offer = await expectOk(await suite.h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ title: 'Before' })), 201);
    const path = `/v1/group-buy-offers/${offer.id}`;
    const title = async () => ((await expectOk(await suite.h.asMerchant('GET', path))) as Json).title as string;
    expect(await title()).toBe('Before');
    const patched = await second.app.request(path, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${suite.h.merchant.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'After' }),
    });
    await expectOk(patched);
    expect(await eventually(title, (value) => value === 'After')).toBe('After');
  });
});

describe('cached reads across two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let db: Db;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let keys: { publishableKey: string; secretKey: string };
  const adminToken = 'read-cache-operator-token';

  beforeAll(async () => {
    database = await freshPostgres();
    db = await database.open();
    const env = { DATABASE_URL: database.url as string, FLOCK_SECRET_KEY: TEST_SECRET_KEY, FLOCK_ADMIN_TOKEN: adminToken };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    const created = await fetch(`${a.url}/v1/merchants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Two processes', origins: [SHOP_ORIGIN] }),
    });
    keys = await expectOk(created, 201);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([stopServerProcess(a), stopServerProcess(b)]);
    await database?.drop();
  });

  const call = (
    server: ServerProcess | undefined,
    method: string,
    path: string,
    key: string,
    extra: Record<string, string> = {},
    body?: unknown,
  ) =>
    fetch(`${server?.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...extra },
      body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
    });
  const token = async (shopperId: string) =>
    (
      (await expectOk(
        await call(a, 'POST', '/v1/shopper-tokens', keys.secretKey, {}, { shopperId, displayName: shopperId }),
        201,
      )) as Json
    ).token as string;
  /** A page's read through process A. */
  const readOnA = async (path: string, headers: Record<string, string> = {}) => {
    const response = await call(a, 'GET', path, keys.publishableKey, { origin: SHOP_ORIGIN, ...headers });
    return { status: response.status, etag: response.headers.get('etag') ?? '', body: (await response.text()) || null };
  };
  const bodyOnA = async (path: string) => JSON.parse((await readOnA(path)).body as string) as Json;

  it('process A answers from memory; a write through process B makes A forget it, via the live events', async () => {
    const offer = await expectOk(
      await call(b, 'POST', '/v1/group-buy-offers', keys.secretKey, {}, offerInput({ title: 'Before' })),
      201,
    );
    const path = `/v1/group-buy-offers/${offer.id}`;
    const before = await readOnA(path);
    expect(JSON.parse(before.body as string).title).toBe('Before');
    // A hand edit, announced by nobody: A keeps answering what it holds.
    await db.query(`update group_buy_offers set title = 'Edited by hand' where id = $1`, [offer.id]);
    expect((await bodyOnA(path)).title).toBe('Before');
    expect((await readOnA(path, { 'if-none-match': before.etag })).status).toBe(304);

    // A change through B: A hears its event and reads the offer again.
    await expectOk(await call(b, 'PATCH', path, keys.secretKey, {}, { regularPrice: 3990 }));
    const changed = await eventually(
      () => bodyOnA(path),
      (body) => body.regularPrice === 3990,
    );
    expect(changed).toMatchObject({ title: 'Edited by hand', regularPrice: 3990 });
    expect((await readOnA(path, { 'if-none-match': before.etag })).status).toBe(200);

    // Seats: a team opened and paid through B appears in A's cached offer, and a hold through B in A's cached team.
    const alice = await token('two-alice');
    const opened = await expectOk(
      await call(b, 'POST', `${path}/teams`, keys.publishableKey, { origin: SHOP_ORIGIN, 'flock-shopper': alice }),
      201,
    );
    await expectOk(
      await call(b, 'POST', `/v1/reservations/${opened.reservation.id}/confirm`, keys.secretKey, {}, { orderRef: 'two-1' }),
    );
    const listed = await eventually(
      () => bodyOnA(path),
      (body) => body.openTeams.length === 1,
    );
    expect(listed.openTeams).toMatchObject([{ id: opened.team.id, seatsLeft: 2 }]);
    const teamPath = `/v1/teams/${opened.team.id}`;
    expect(await bodyOnA(teamPath)).toMatchObject({ seatsHeld: 0, seatsLeft: 2 });
    const bob = await token('two-bob');
    await expectOk(
      await call(b, 'POST', `${teamPath}/reservations`, keys.publishableKey, { origin: SHOP_ORIGIN, 'flock-shopper': bob }),
      201,
    );
    expect(
      await eventually(
        () => bodyOnA(teamPath),
        (body) => body.seatsHeld === 1,
      ),
    ).toMatchObject({ seatsHeld: 1, seatsLeft: 1 });
    expect(
      (
        await eventually(
          () => bodyOnA(path),
          (body) => body.openTeams[0]?.seatsLeft === 1,
        )
      ).openTeams,
    ).toMatchObject([{ id: opened.team.id, seatsLeft: 1 }]);
  }, 60_000);
});

describe('cached reads when the LISTEN connection drops', () => {
  const suite = useHarness(freshPostgres);

  it('forgets everything it read once listening resumes, since events in between were lost', async () => {
    const offer = await expectOk(await suite.h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ title: 'Before' })), 201);
    const path = `/v1/group-buy-offers/${offer.id}`;
    const title = async () => ((await expectOk(await suite.h.asMerchant('GET', path))) as Json).title as string;
    expect(await title()).toBe('Before');
    await suite.h.db.query(`update group_buy_offers set title = 'Edited by hand' where id = $1`, [offer.id]);
    expect(await title()).toBe('Before');
    const [ended] = await suite.h.db.query<{ ended: boolean }>(
      `select bool_or(pg_terminate_backend(pid)) as ended from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'`,
    );
    expect(ended?.ended).toBe(true);
    expect(await eventually(title, (value) => value === 'Edited by hand')).toBe('Edited by hand');
  });
});
