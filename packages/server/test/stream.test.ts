import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { merchantTopic } from '@flock/protocol';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../src/domain/console.js';
import { INLINE_PAYLOAD_MAX_BYTES, publishLiveEvent } from '../src/domain/live-events.js';
import { createMerchant } from '../src/domain/merchants.js';
import { migrate } from '../src/infra/migrate.js';
import { loadServerKey } from '../src/infra/server-key.js';
import { freshPostgres, TEST_SECRET_KEY, type TestDatabase, testDatabases } from './databases.js';
import { type Harness, offerInput, SHOP_ORIGIN, useHarness } from './harness.js';

interface Received {
  id: string;
  type: string;
  topic: string;
  data: any;
}

/** Opens a stream the way a browser on the shop's page would: key and topics in the query, Origin sent. */
function openStream(api: string, key: string, topics: string[], lastEventId?: string) {
  const url = new URL(`${api}/v1/stream`);
  url.searchParams.set('key', key);
  url.searchParams.set('topics', topics.join(','));
  if (lastEventId) url.searchParams.set('lastEventId', lastEventId);
  const received: Received[] = [];
  const source = new EventSource(url, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, origin: SHOP_ORIGIN } }),
  });
  const onEvent = (event: MessageEvent) => {
    const { topic, data } = JSON.parse(event.data);
    received.push({ id: event.lastEventId, type: event.type, topic, data });
  };
  source.addEventListener('team.updated', onEvent);
  const opened = new Promise<void>((resolve, reject) => {
    source.onopen = () => resolve();
    source.onerror = (error) => reject(error);
  });
  return { source, received, opened };
}

const json = async (response: Response | Promise<Response>) => (await response).json() as Promise<any>;

async function openTeamWithLeaderPaid(h: Harness, size = 5) {
  const offer = await json(h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ teamSize: size })));
  const { team, reservation } = await json(h.asShopper('leader', 'POST', `/v1/group-buy-offers/${offer.id}/teams`));
  await h.asMerchant('POST', `/v1/reservations/${reservation.id}/confirm`, { orderRef: `o-${reservation.id}` });
  return team.id as string;
}

describe.each(testDatabases)('live stream on $kind', ({ kind, create }) => {
  const suite = useHarness(create, { listen: true });

  it('sends every change of a followed team, and nothing of other teams', async () => {
    const teamId = await openTeamWithLeaderPaid(suite.h);
    const otherTeam = await openTeamWithLeaderPaid(suite.h);
    const stream = openStream(suite.api, suite.h.merchant.publishableKey, [`team:${teamId}`]);
    await stream.opened;
    await suite.h.asShopper('bob', 'POST', `/v1/teams/${teamId}/reservations`);
    await suite.h.asShopper('bob', 'POST', `/v1/teams/${otherTeam}/reservations`);
    await expect.poll(() => stream.received.length, { timeout: 5000 }).toBe(1);
    expect(stream.received[0]).toMatchObject({
      type: 'team.updated',
      topic: `team:${teamId}`,
      data: { id: teamId, seatsHeld: 1 },
    });
    expect(stream.received[0]?.data).not.toHaveProperty('myReservation');
    stream.source.close();
  });

  it('sends an event too large for its NOTIFY too, in commit order with those around it', async () => {
    const { h } = suite;
    const topic = 'team:team_largepayload';
    const received: { id: string; payload: string; frame: string }[] = [];
    await h.server.app.hub.ready();
    const unsubscribe = h.server.app.hub.subscribe({
      merchantId: h.merchant.merchantId,
      topics: new Set([topic]),
      send: (event, frame) => received.push({ id: event.id, payload: event.payload, frame: new TextDecoder().decode(frame) }),
    });
    // Spaces inside the payload, as a display name may hold; the middle one only fits in the table.
    const events = [{ name: 'Ming  Li' }, { note: 'x'.repeat(INLINE_PAYLOAD_MAX_BYTES) }, { name: 'Wei Zhang' }];
    for (const data of events) {
      await h.db.transaction((tx) => publishLiveEvent(tx, h.clock, h.merchant.merchantId, topic, 'team.updated', data));
    }
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(3);
    unsubscribe();
    expect(received.map((event) => JSON.parse(event.payload))).toEqual(events);
    expect(received.map((event) => BigInt(event.id))).toEqual(received.map((event) => BigInt(event.id)).sort());
    expect(received[1]?.frame).toBe(
      `id: ${received[1]?.id}\nevent: team.updated\ndata: {"topic":"${topic}","data":${JSON.stringify(events[1])}}\n\n`,
    );
  });

  it.runIf(kind === 'postgres')('sends an event that commits after a newer one of another followed topic', async () => {
    const { h } = suite;
    const [early, late] = ['team:team_commitsfirst', 'team:team_commitslast'];
    const stream = openStream(suite.api, h.merchant.publishableKey, [early, late]);
    await stream.opened;
    const publish = (tx: Parameters<Parameters<typeof h.db.transaction>[0]>[0], topic: string, n: number) =>
      publishLiveEvent(tx, h.clock, h.merchant.merchantId, topic, 'team.updated', { n });
    // The late topic's event takes its id first but commits after the early topic's, as two holds may.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written = () => {};
    const lateWritten = new Promise<void>((resolve) => {
      written = resolve;
    });
    const lateCommit = h.db.transaction(async (tx) => {
      await publish(tx, late, 1);
      written();
      await held;
    });
    await lateWritten;
    await h.db.transaction((tx) => publish(tx, early, 2));
    await expect.poll(() => stream.received.length, { timeout: 5000 }).toBe(1);
    release();
    await lateCommit;
    await expect.poll(() => stream.received.map((event) => event.topic), { timeout: 5000 }).toEqual([early, late]);
    expect(Number(stream.received[1]?.id)).toBeLessThan(Number(stream.received[0]?.id));
    stream.source.close();
  });

  it('resumes from Last-Event-ID without missing or repeating anything', async () => {
    const teamId = await openTeamWithLeaderPaid(suite.h);
    // From the team's latest event on: on a busy machine the leader's own events may still be on their
    // way through NOTIFY when the stream opens, and would count as the one this page saw.
    const [latest] = await suite.h.db.query<{ id: string }>(`select max(id)::text as id from live_events where topic = $1`, [
      `team:${teamId}`,
    ]);
    const first = openStream(suite.api, suite.h.merchant.publishableKey, [`team:${teamId}`], latest?.id);
    await first.opened;
    await suite.h.asShopper('carol', 'POST', `/v1/teams/${teamId}/reservations`);
    await expect.poll(() => first.received.length, { timeout: 5000 }).toBe(1);
    first.source.close();
    // Two changes while the page is away (e.g. a phone locked in a pocket).
    const { reservation } = await json(suite.h.asShopper('dave', 'POST', `/v1/teams/${teamId}/reservations`));
    await suite.h.asMerchant('POST', `/v1/reservations/${reservation.id}/confirm`, { orderRef: `o-${reservation.id}` });
    const resumed = openStream(suite.api, suite.h.merchant.publishableKey, [`team:${teamId}`], first.received[0]?.id);
    await resumed.opened;
    await expect.poll(() => resumed.received.length, { timeout: 5000 }).toBe(2);
    expect(resumed.received.map((e) => e.data.members.length)).toEqual([1, 2]);
    expect(Number(resumed.received[0]?.id)).toBeGreaterThan(Number(first.received[0]?.id));
    resumed.source.close();
  });

  it('on an automatic reconnect, the Last-Event-ID header wins over the original query', async () => {
    const teamId = await openTeamWithLeaderPaid(suite.h);
    const ids = [] as string[];
    for (const shopper of ['erin', 'frank']) {
      await suite.h.asShopper(shopper, 'POST', `/v1/teams/${teamId}/reservations`);
    }
    const rows = await suite.h.db.query<{ id: string }>(
      `select id::text as id from live_events where topic = $1 order by live_events.id`,
      [`team:${teamId}`],
    );
    for (const row of rows) ids.push(row.id);
    // The URL still carries the first id; the header says the client already has all but the last.
    const controller = new AbortController();
    const response = await fetch(
      `${suite.api}/v1/stream?key=${suite.h.merchant.publishableKey}&topics=team:${teamId}&lastEventId=${ids[0]}`,
      { headers: { origin: SHOP_ORIGIN, 'last-event-id': ids.at(-2) as string }, signal: controller.signal },
    );
    const reader = response.body!.getReader();
    let text = '';
    const deadline = Date.now() + 5000;
    while (!text.includes(`id: ${ids.at(-1)}`) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const sent = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => m[1]);
    expect(sent, `${JSON.stringify(ids)} ${text}`).toEqual([ids.at(-1)]);
  });

  it('refuses a stream without a key, with bad topics, or from a foreign origin', async () => {
    const get = (query: string, origin = SHOP_ORIGIN) => fetch(`${suite.api}/v1/stream?${query}`, { headers: { origin } });
    const key = suite.h.merchant.publishableKey;
    expect((await json(get('topics=team:team_abc'))).error.code).toBe('unauthorized');
    expect((await json(get(`key=pk_nope&topics=team:team_abc`))).error.code).toBe('invalid_key');
    expect((await json(get(`key=${key}&topics=`))).error.code).toBe('invalid_request');
    expect((await json(get(`key=${key}&topics=orders:all`))).error.code).toBe('invalid_request');
    expect((await json(get(`key=${key}&topics=team:team_abc&lastEventId=x`))).error.code).toBe('invalid_request');
    const foreign = await get(`key=${key}&topics=team:team_abc`, 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets go of a stream once its client has gone', async () => {
    const teamId = await openTeamWithLeaderPaid(suite.h);
    const hub = suite.h.server.app.hub;
    const before = hub.subscriberCount;
    const streams = [0, 1, 2].map(() => openStream(suite.api, suite.h.merchant.publishableKey, [`team:${teamId}`]));
    await Promise.all(streams.map((stream) => stream.opened));
    expect(hub.subscriberCount).toBe(before + 3);
    for (const stream of streams) stream.source.close();
    await expect.poll(() => hub.subscriberCount, { timeout: 5000 }).toBe(before);
  });

  it('sends heartbeats and the headers proxies need', async () => {
    const teamId = await openTeamWithLeaderPaid(suite.h);
    const controller = new AbortController();
    const response = await fetch(`${suite.api}/v1/stream?key=${suite.h.merchant.publishableKey}&topics=team:${teamId}`, {
      headers: { origin: SHOP_ORIGIN },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    controller.abort();
  });
});

describe('live stream across two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  const processes: ReturnType<typeof spawn>[] = [];
  const bin = fileURLToPath(new URL('../bin/flock-server.js', import.meta.url));

  async function startProcess(port: number) {
    const child = spawn(process.execPath, [bin, 'start', '--port', String(port)], {
      env: { ...process.env, DATABASE_URL: database.url, FLOCK_SECRET_KEY: TEST_SECRET_KEY },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    processes.push(child);
    const url = `http://127.0.0.1:${port}`;
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) return url;
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server on ${port} did not start`);
  }

  beforeAll(async () => {
    database = await freshPostgres();
  });
  afterAll(async () => {
    for (const child of processes) child.kill('SIGTERM');
    await database?.drop();
  });

  it('a stream opened on A receives a change made through B within a second', async () => {
    const db = await database.open();
    await migrate(db);
    const secrets = await loadServerKey(db, TEST_SECRET_KEY);
    const merchant = await createMerchant(db, { now: () => new Date() }, secrets, {
      name: 'Two processes',
      origins: [SHOP_ORIGIN],
    });
    const base = 19_000 + Math.floor(Math.random() * 1000);
    const [a, b] = await Promise.all([startProcess(base), startProcess(base + 1)]);
    const asMerchant = (url: string, path: string, body: unknown) =>
      json(
        fetch(`${url}/v1${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const token = async (shopperId: string) => (await asMerchant(a, '/shopper-tokens', { shopperId })).token;
    const asShopper = async (url: string, shopperId: string, path: string) =>
      json(
        fetch(`${url}/v1${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${merchant.publishableKey}`,
            origin: SHOP_ORIGIN,
            'flock-shopper': await token(shopperId),
            'content-type': 'application/json',
          },
          body: '{}',
        }),
      );
    const offer = await asMerchant(a, '/group-buy-offers', offerInput());
    const { team, reservation } = await asShopper(a, 'leader', `/group-buy-offers/${offer.id}/teams`);
    await asMerchant(a, `/reservations/${reservation.id}/confirm`, { orderRef: 'o-1' });

    const stream = openStream(a, merchant.publishableKey, [`team:${team.id}`]);
    await stream.opened;
    const madeAt = Date.now();
    await asShopper(b, 'friend', `/teams/${team.id}/reservations`);
    await expect.poll(() => stream.received.length, { timeout: 1000, interval: 10 }).toBe(1);
    expect(Date.now() - madeAt).toBeLessThan(1000);
    expect(stream.received[0]?.data.seatsHeld).toBe(1);
    stream.source.close();
  });
});

describe('private topics', () => {
  const suite = useHarness(testDatabases[0]!.create, { listen: true });

  it("only the promoter (or the secret key) may follow a promoter's earnings", async () => {
    const h = suite.h;
    const program = await json(
      h.asMerchant('POST', '/v1/referral-programs', {
        name: 'P',
        commission: { type: 'percent', bps: 1000 },
        holdDays: 7,
        attributionWindowDays: 30,
        product: { title: 'Tea', url: 'https://shop.test/' },
      }),
    );
    const { promoter } = await json(h.asShopper('alice', 'POST', `/v1/referral-programs/${program.id}/promoters`, {}));
    const open = async (query: string, key = h.merchant.publishableKey) => {
      const controller = new AbortController();
      const response = await fetch(`${suite.api}/v1/stream?key=${key}&topics=promoter:${promoter.id}${query}`, {
        headers: { origin: SHOP_ORIGIN },
        signal: controller.signal,
      });
      const status = response.status;
      controller.abort();
      return status;
    };
    expect(await open('')).toBe(401);
    expect(await open(`&shopper=${await h.tokenFor('mallory')}`)).toBe(403);
    expect(await open(`&shopper=${await h.tokenFor('alice')}`)).toBe(200);
    expect(await open('', h.merchant.secretKey)).toBe(200);
  });

  it("follows a voucher only with its shopper's token or the secret key, as GET /v1/vouchers/:id", async () => {
    const h = suite.h;
    const product = await json(h.asMerchant('POST', '/v1/voucher-products', { title: 'A coffee', uses: 2 }));
    const voucher = await json(
      h.asMerchant('POST', '/v1/vouchers', { productId: product.id, shopperId: 'alice', orderRef: 'v-1' }),
    );
    const other = await createMerchant(h.db, h.clock, h.server.secrets, { name: 'Other shop', origins: [SHOP_ORIGIN] });
    const otherProduct = await json(
      fetch(`${suite.api}/v1/voucher-products`, {
        method: 'POST',
        headers: { authorization: `Bearer ${other.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Tea', uses: 1 }),
      }),
    );
    const othersVoucher = await json(
      fetch(`${suite.api}/v1/vouchers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${other.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ productId: otherProduct.id, shopperId: 'alice', orderRef: 'v-2' }),
      }),
    );
    const { staffKey } = await json(h.asMerchant('POST', '/v1/staff-keys', { store: 'Main street' }));
    const open = async (topic: string, query = '', key = h.merchant.publishableKey) => {
      const controller = new AbortController();
      const response = await fetch(`${suite.api}/v1/stream?key=${key}&topics=${topic}${query}`, {
        headers: { origin: SHOP_ORIGIN },
        signal: controller.signal,
      });
      const answer = { status: response.status, code: response.ok ? undefined : (await json(response)).error.code };
      controller.abort();
      return answer;
    };
    const alice = `&shopper=${await h.tokenFor('alice')}`;
    // The publishable key alone, or another shopper's token, is refused: the voucher is Alice's.
    expect(await open(`voucher:${voucher.id}`)).toEqual({ status: 401, code: 'shopper_token_required' });
    expect(await open(`voucher:${voucher.id}`, `&shopper=${await h.tokenFor('mallory')}`)).toEqual({
      status: 403,
      code: 'forbidden',
    });
    // A voucher that does not exist, or is another merchant's, is refused alike.
    expect(await open('voucher:vch_nothing', alice)).toEqual({ status: 403, code: 'forbidden' });
    expect(await open(`voucher:${othersVoucher.id}`, alice)).toEqual({ status: 403, code: 'forbidden' });
    // One topic not hers refuses the whole stream.
    expect(await open(`voucher:${voucher.id},voucher:vch_nothing`, alice)).toEqual({ status: 403, code: 'forbidden' });
    // Staff keys redeem over HTTP and follow nothing (the scanner opens no stream).
    expect(await open(`voucher:${voucher.id}`, '', staffKey)).toEqual({ status: 403, code: 'forbidden' });
    expect(await open(`voucher:${voucher.id}`, alice)).toEqual({ status: 200, code: undefined });
    expect(await open(`voucher:${voucher.id}`, '', h.merchant.secretKey)).toEqual({ status: 200, code: undefined });
    // Public resources (GET /v1/teams/:id, /v1/assists/:id take any key) need no token, even mixed with Alice's own.
    expect(await open('team:team_abc,assist:ast_abc')).toEqual({ status: 200, code: undefined });
    expect(await open(`team:team_abc,voucher:${voucher.id}`, alice)).toEqual({ status: 200, code: undefined });
  });

  it("sends the owner the voucher's redemption live", async () => {
    const h = suite.h;
    const product = await json(h.asMerchant('POST', '/v1/voucher-products', { title: 'A coffee', uses: 2 }));
    const voucher = await json(
      h.asMerchant('POST', '/v1/vouchers', { productId: product.id, shopperId: 'bob', orderRef: 'v-3' }),
    );
    const url = new URL(`${suite.api}/v1/stream`);
    url.searchParams.set('key', h.merchant.publishableKey);
    url.searchParams.set('topics', `voucher:${voucher.id}`);
    url.searchParams.set('shopper', await h.tokenFor('bob'));
    const received: Received[] = [];
    const source = new EventSource(url, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, origin: SHOP_ORIGIN } }),
    });
    source.addEventListener('voucher.updated', (event) => received.push({ ...JSON.parse(event.data), type: event.type }));
    await new Promise<void>((resolve, reject) => {
      source.onopen = () => resolve();
      source.onerror = (error) => reject(error);
    });
    const { code } = await json(h.asShopper('bob', 'GET', `/v1/vouchers/${voucher.id}/code`));
    const { staffKey } = await json(h.asMerchant('POST', '/v1/staff-keys', { store: 'Main street' }));
    await fetch(`${suite.api}/v1/redemptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staffKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
    expect(received[0]).toMatchObject({ topic: `voucher:${voucher.id}`, data: { usesLeft: 1 } });
    source.close();
  });
});

describe('the console watching its whole shop', () => {
  const suite = useHarness(testDatabases[0]!.create, { listen: true });

  /** A console session of the harness's merchant, as an owner who accepted an invite. */
  async function consoleCookie(h: Harness): Promise<string> {
    const invite = await createInvite(
      h.db,
      h.clock,
      h.merchant.merchantId,
      { email: 'ming@shop.example', role: 'owner' },
      suite.api,
    );
    const response = await h.server.app.request('/v1/console/invites/accept', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invite.url.split('#/invite/')[1], name: 'Ming', password: 'longjing-green-tea' }),
    });
    expect(response.status).toBe(201);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  }

  it('follows every event of its merchant with its session cookie, and nobody else may', async () => {
    const h = suite.h;
    const cookie = await consoleCookie(h);
    const topic = merchantTopic(h.merchant.merchantId);
    const status = async (query: string, headers: Record<string, string> = {}) => {
      const controller = new AbortController();
      const response = await fetch(`${suite.api}/v1/stream?${query}`, { headers, signal: controller.signal });
      controller.abort();
      return response.status;
    };
    expect(await status(`topics=${topic}`)).toBe(401);
    expect(await status(`key=${h.merchant.publishableKey}&topics=${topic}`, { origin: SHOP_ORIGIN })).toBe(403);
    expect(await status(`topics=merchant:mer_someoneelse`, { cookie })).toBe(403);
    expect(await status(`key=${h.merchant.secretKey}&topics=${topic}`)).toBe(200);

    const received: Received[] = [];
    const source = new EventSource(`${suite.api}/v1/stream?topics=${topic}`, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, cookie } }),
    });
    for (const type of ['team.updated', 'assist.updated'])
      source.addEventListener(type, (event: MessageEvent) => {
        const { topic: eventTopic, data } = JSON.parse(event.data);
        received.push({ id: event.lastEventId, type: event.type, topic: eventTopic, data });
      });
    await new Promise<void>((resolve, reject) => {
      source.onopen = () => resolve();
      source.onerror = reject;
    });
    // Two teams it never named: both arrive, each under its own topic.
    const first = await openTeamWithLeaderPaid(h);
    const second = await openTeamWithLeaderPaid(h);
    await expect
      .poll(() => new Set(received.map((event) => event.topic)), { timeout: 5000 })
      .toEqual(new Set([`team:${first}`, `team:${second}`]));
    source.close();
  });
});
