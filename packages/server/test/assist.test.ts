import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { sweepAssists } from '../src/domain/assists.js';
import type { Db } from '../src/infra/db.js';
import { type TestDatabase, testDatabases } from './databases.js';
import { createHarness, type Harness, SHOP_ORIGIN } from './harness.js';
import { expectError, expectOk, type Json } from './util.js';

const progressInput = (overrides: Record<string, unknown> = {}) => ({
  productRef: 'tea-001',
  title: 'West Lake Longjing tea, 250 g',
  mode: 'progress',
  goal: 3,
  ttlSeconds: 86400,
  reward: { description: 'A free tin of tea' },
  ...overrides,
});

const priceCutInput = (overrides: Record<string, unknown> = {}) =>
  progressInput({ mode: 'price_cut', goal: 5, startPrice: 19900, floorPrice: 9900, currency: 'CNY', ...overrides });

const ASSIST_TABLES = [
  'assist_campaigns',
  'assists',
  'assist_helps',
  'assist_helper_days',
  'rate_limit_hits',
  'live_events',
  'webhook_events',
  'idempotency_keys',
];

/** Row counts of every table an assist request may write, plus the assists' mutable columns. */
async function assistSnapshot(db: Db) {
  const out: Record<string, unknown> = {};
  for (const table of ASSIST_TABLES) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    out[table] = row?.n;
  }
  const [assists] = await db.query<{ f: string | null }>(
    `select string_agg(id || ':' || status || ':' || helps || ':' || coalesce(current_price::text, '-'), ',' order by id) as f
     from assists`,
  );
  out.assistsFingerprint = assists?.f ?? '';
  return out;
}

/** Every help comes from its own address unless a test says otherwise, so the per-IP limit stays out of the way. */
let ipSeq = 0;
const nextIp = () => {
  ipSeq++;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};

describe.each(testDatabases)('assist on $kind', ({ create }) => {
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

  const newCampaign = async (input: Record<string, unknown>): Promise<Json> =>
    expectOk(await h.asMerchant('POST', '/v1/assist-campaigns', input), 201);
  const start = async (owner: string, campaignId: string, body: Record<string, unknown> = {}): Promise<Json> =>
    expectOk(await h.asShopper(owner, 'POST', `/v1/assist-campaigns/${campaignId}/assists`, body), 201);
  const helpAs = (helper: string, assistId: string, ip = nextIp(), headers: Record<string, string> = {}) =>
    h.asShopper(helper, 'POST', `/v1/assists/${assistId}/helps`, {}, { 'x-forwarded-for': ip, ...headers });
  const webhookRows = async (assistId: string) =>
    (await h.db.query<{ type: string; payload: string }>(`select type, payload from webhook_events order by created_at, id`))
      .map((row) => ({ type: row.type, payload: JSON.parse(row.payload) as Json }))
      .filter((row) => row.payload.data?.assist?.id === assistId);
  const liveEvents = async (assistId: string) =>
    (
      await h.db.query<{ type: string; payload: string }>(`select type, payload from live_events where topic = $1 order by id`, [
        `assist:${assistId}`,
      ])
    ).map((row) => ({ type: row.type, data: JSON.parse(row.payload) as Json }));
  /** Mints every token first, so a concurrent burst measures helps and not token minting. */
  const tokens = (names: string[]) => Promise.all(names.map((name) => h.tokenFor(name)));

  it('runs a progress assist from start to completion', async () => {
    const campaign = await newCampaign(progressInput());
    expect(campaign).toMatchObject({ mode: 'progress', goal: 3, purchaseTtlSeconds: 86400, active: true, startPrice: null });
    expect(campaign.id).toMatch(/^asc_/);
    const before = await expectOk(await h.asShopper('alice', 'GET', `/v1/assist-campaigns/${campaign.id}`));
    expect(before.myAssist).toBeNull();

    const started = await start('alice', campaign.id, { shareBaseUrl: 'https://shop.test/p/tea?utm=x#top' });
    const assist = started.assist;
    expect(assist.id).toMatch(/^ast_/);
    expect(assist).toMatchObject({
      status: 'active',
      helps: 0,
      goal: 3,
      currentPrice: null,
      owner: { displayName: 'alice' },
      viewer: { isOwner: true, helped: false },
      completedAt: null,
      purchaseBy: null,
    });
    expect(Date.parse(assist.expiresAt) - Date.parse(assist.serverNow)).toBe(86400 * 1000);
    const share = new URL(started.shareUrl);
    expect(share.searchParams.get('flock_assist')).toBe(assist.id);
    expect(share.searchParams.get('utm')).toBe('x');
    expect(share.hash).toBe('#top');

    // Starting again hands back the running assist.
    const again = await expectOk(await h.asShopper('alice', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}), 200);
    expect(again.assist.id).toBe(assist.id);
    expect(again.shareUrl).toBeNull();
    const mine = await expectOk(await h.asShopper('alice', 'GET', `/v1/assist-campaigns/${campaign.id}`));
    expect(mine.myAssist).toEqual({ id: assist.id, status: 'active' });

    const first = await expectOk(await helpAs('bob', assist.id), 201);
    expect(first.help).toEqual({ amountCut: null });
    expect(first.assist).toMatchObject({ helps: 1, status: 'active', viewer: { isOwner: false, helped: true } });
    expect(first.assist.helpers).toEqual([
      { displayName: 'bob', avatarUrl: null, amountCut: null, helpedAt: first.assist.serverNow },
    ]);
    expect((await expectOk(await h.asShopper('bob', 'GET', `/v1/assists/${assist.id}`))).viewer).toEqual({
      isOwner: false,
      helped: true,
    });
    expect((await expectOk(await h.asShopper('carol', 'GET', `/v1/assists/${assist.id}`))).viewer).toEqual({
      isOwner: false,
      helped: false,
    });
    expect((await expectOk(await h.asShopper('alice', 'GET', `/v1/assists/${assist.id}`))).viewer).toEqual({
      isOwner: true,
      helped: false,
    });
    expect(await webhookRows(assist.id)).toEqual([]);

    await expectOk(await helpAs('carol', assist.id), 201);
    h.clock.advance(5000);
    const last = await expectOk(await helpAs('dave', assist.id), 201);
    expect(last.assist).toMatchObject({ status: 'completed', helps: 3, completedAt: last.assist.serverNow });
    expect(last.assist.helpers.map((x: Json) => x.displayName)).toEqual(['dave', 'carol', 'bob']);
    expect(Date.parse(last.assist.purchaseBy) - Date.parse(last.assist.completedAt)).toBe(24 * 3600 * 1000);

    await expectError(await helpAs('erin', assist.id), 409, 'assist_completed');
    // The secret key reads it too, without a viewer.
    const read = await expectOk(await h.asMerchant('GET', `/v1/assists/${assist.id}`));
    expect(read.status).toBe('completed');
    expect(read.viewer).toBeUndefined();

    const hooks = await webhookRows(assist.id);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]?.type).toBe('assist.completed');
    expect(hooks[0]?.payload.data.ownerShopperId).toBe('alice');
    expect(hooks[0]?.payload.data.assist).toMatchObject({ id: assist.id, status: 'completed', helps: 3 });
    expect(hooks[0]?.payload.data.assist.viewer).toBeUndefined();

    // A completed assist no longer blocks a new one.
    const next = await start('alice', campaign.id);
    expect(next.assist.id).not.toBe(assist.id);
    expect((await expectOk(await h.asShopper('alice', 'GET', `/v1/assist-campaigns/${campaign.id}`))).myAssist).toEqual({
      id: next.assist.id,
      status: 'active',
    });
  });

  it('runs a price cut down to exactly the floor at the goal', async () => {
    const campaign = await newCampaign(priceCutInput({ goal: 6, purchaseTtlSeconds: 3600 }));
    expect(campaign).toMatchObject({ startPrice: 19900, floorPrice: 9900, currency: 'CNY', purchaseTtlSeconds: 3600 });
    const { assist } = await start('ping', campaign.id);
    expect(assist).toMatchObject({
      currentPrice: 19900,
      startPrice: 19900,
      floorPrice: 9900,
      currency: 'CNY',
      mode: 'price_cut',
    });
    let price = 19900;
    const cuts: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const helped = await expectOk(await helpAs(`cutter-${i}`, assist.id), 201);
      const cut = helped.help.amountCut;
      expect(Number.isInteger(cut)).toBe(true);
      expect(cut).toBeGreaterThanOrEqual(1);
      price -= cut;
      cuts.push(cut);
      expect(helped.assist.currentPrice).toBe(price);
      expect(helped.assist.helpers[0]).toMatchObject({ displayName: `cutter-${i}`, amountCut: cut });
      if (i < 6) expect(helped.assist.status).toBe('active');
      if (i < 6) expect(price).toBeGreaterThan(9900);
    }
    expect(price).toBe(9900);
    expect(cuts.reduce((a, b) => a + b, 0)).toBe(10000);
    const done = await expectOk(await h.asShopper('ping', 'GET', `/v1/assists/${assist.id}`));
    expect(done).toMatchObject({ status: 'completed', currentPrice: 9900, helps: 6 });
    expect(Date.parse(done.purchaseBy) - Date.parse(done.completedAt)).toBe(3600 * 1000);
    expect(done.helpers.map((x: Json) => x.amountCut).reverse()).toEqual(cuts);
    const hooks = await webhookRows(assist.id);
    expect(hooks.map((x) => x.type)).toEqual(['assist.completed']);
    expect(hooks[0]?.payload.data.assist.currentPrice).toBe(9900);
  });

  it('counts one helper once when they tap 100 times at once', async () => {
    const campaign = await newCampaign(priceCutInput({ goal: 10 }));
    const { assist } = await start('owner-same', campaign.id);
    await tokens(['eager']);
    const responses = await Promise.all(Array.from({ length: 100 }, () => helpAs('eager', assist.id)));
    const tally: Record<string, number> = {};
    for (const response of responses) {
      const body = (await response.json()) as Json;
      const key = `${response.status} ${body.error?.code ?? 'ok'}`;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    expect(tally).toEqual({ '201 ok': 1, '409 already_helped': 99 });
    const [row] = await h.db.query<{ helps: number; current_price: string; cut: string; n: number }>(
      `select a.helps, a.current_price::text, (select sum(amount_cut)::text from assist_helps x where x.assist_id = a.id) as cut,
         (select count(*)::int from assist_helps x where x.assist_id = a.id) as n
       from assists a where a.id = $1`,
      [assist.id],
    );
    expect(row?.helps).toBe(1);
    expect(row?.n).toBe(1);
    expect(Number(row?.current_price) + Number(row?.cut)).toBe(19900);
  });

  it('counts exactly the goal when 100 friends help at once', async () => {
    const campaign = await newCampaign(priceCutInput({ goal: 10 }));
    const { assist } = await start('owner-crowd', campaign.id);
    const crowd = Array.from({ length: 100 }, (_, i) => `crowd-${i}`);
    await tokens(crowd);
    const responses = await Promise.all(crowd.map((name) => helpAs(name, assist.id)));
    const tally: Record<string, number> = {};
    const cuts: number[] = [];
    for (const response of responses) {
      const body = (await response.json()) as Json;
      const key = `${response.status} ${body.error?.code ?? 'ok'}`;
      tally[key] = (tally[key] ?? 0) + 1;
      if (response.status === 201) cuts.push(body.help.amountCut);
    }
    expect(tally).toEqual({ '201 ok': 10, '409 assist_completed': 90 });
    expect(cuts.reduce((a, b) => a + b, 0)).toBe(10000);
    const done = await expectOk(await h.asMerchant('GET', `/v1/assists/${assist.id}`));
    expect(done).toMatchObject({ status: 'completed', helps: 10, currentPrice: 9900 });
    const [{ n } = { n: 0 }] = await h.db.query<{ n: number }>(
      `select count(*)::int as n from assist_helps where assist_id = $1`,
      [assist.id],
    );
    expect(n).toBe(10);
    expect(await webhookRows(assist.id)).toHaveLength(1);
  });

  it('refuses self-help', async () => {
    const campaign = await newCampaign(progressInput());
    const { assist } = await start('narcissus', campaign.id);
    await expectError(await helpAs('narcissus', assist.id), 409, 'self_help');
    expect((await expectOk(await h.asShopper('narcissus', 'GET', `/v1/assists/${assist.id}`))).helps).toBe(0);
  });

  it('expires at the deadline, lazily, and then lets the owner start again', async () => {
    const campaign = await newCampaign(progressInput({ ttlSeconds: 60 }));
    const { assist } = await start('late', campaign.id);
    await expectOk(await helpAs('on-time', assist.id), 201);
    h.clock.advance(60_000);
    await expectError(await helpAs('too-late', assist.id), 409, 'assist_expired');
    const [row] = await h.db.query<{ status: string }>(`select status from assists where id = $1`, [assist.id]);
    expect(row?.status).toBe('expired'); // written by the refused help, and announced
    expect((await liveEvents(assist.id)).at(-1)?.data.status).toBe('expired');
    await expectError(await helpAs('too-late', assist.id), 409, 'assist_expired');
    const read = await expectOk(await h.asShopper('late', 'GET', `/v1/assists/${assist.id}`));
    expect(read).toMatchObject({ status: 'expired', helps: 1, purchaseBy: null });
    expect((await expectOk(await h.asShopper('late', 'GET', `/v1/assist-campaigns/${campaign.id}`))).myAssist).toEqual({
      id: assist.id,
      status: 'expired',
    });
    const fresh = await start('late', campaign.id);
    expect(fresh.assist.id).not.toBe(assist.id);
    expect(fresh.assist.status).toBe('active');
  });

  it('settles an expired assist on read, before anyone helps', async () => {
    const campaign = await newCampaign(progressInput({ ttlSeconds: 60 }));
    const { assist } = await start('reader', campaign.id);
    h.clock.advance(61_000);
    expect((await expectOk(await h.asShopper('reader', 'GET', `/v1/assists/${assist.id}`))).status).toBe('expired');
    const [row] = await h.db.query<{ status: string }>(`select status from assists where id = $1`, [assist.id]);
    expect(row?.status).toBe('expired');
  });

  it('limits helps per helper per UTC day across all of the merchant assists', async () => {
    // Helps on a campaign without a limit count towards the day too.
    const open = await newCampaign(progressInput({ goal: 5, ttlSeconds: 3 * 86400 }));
    const limited = await newCampaign(progressInput({ goal: 5, ttlSeconds: 3 * 86400, helpsPerHelperPerDay: 2 }));
    expect(limited.helpsPerHelperPerDay).toBe(2);
    const a = (await start('owner-a', open.id)).assist;
    const b = (await start('owner-b', limited.id)).assist;
    const c = (await start('owner-c', limited.id)).assist;
    await expectOk(await helpAs('busy', a.id), 201);
    await expectOk(await helpAs('busy', b.id), 201);
    const refused = await expectError(await helpAs('busy', c.id), 409, 'help_limit_reached');
    expect(refused.error.details).toEqual({ limit: 2 });
    // Another helper is not affected, and the refused help wrote nothing.
    await expectOk(await helpAs('idle', c.id), 201);
    expect((await expectOk(await h.asMerchant('GET', `/v1/assists/${c.id}`))).helps).toBe(1);
    // The next UTC day by the server's clock, the helper may help again.
    const now = h.clock.now();
    h.clock.set(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, 0, 1)));
    await expectOk(await helpAs('busy', c.id), 201);
  });

  it('refuses more concurrent helps than the daily limit, across assists', async () => {
    const campaign = await newCampaign(progressInput({ goal: 2, ttlSeconds: 86400, helpsPerHelperPerDay: 3 }));
    const owners = Array.from({ length: 12 }, (_, i) => `limit-owner-${i}`);
    const assists = [];
    for (const owner of owners) assists.push((await start(owner, campaign.id)).assist);
    await tokens(['sprinter']);
    const responses = await Promise.all(assists.map((x) => helpAs('sprinter', x.id)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
  });

  it('announces every change on topic assist:<id> without viewer fields', async () => {
    const campaign = await newCampaign(priceCutInput({ goal: 2 }));
    const { assist } = await start('live-owner', campaign.id);
    const started = await liveEvents(assist.id);
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ type: 'assist.updated', data: { id: assist.id, helps: 0, status: 'active' } });
    const helped = await expectOk(await helpAs('live-helper', assist.id), 201);
    const events = await liveEvents(assist.id);
    expect(events).toHaveLength(2);
    expect(events[1]?.data).toMatchObject({ helps: 1, currentPrice: helped.assist.currentPrice });
    expect(events[1]?.data.viewer).toBeUndefined();
    await expectOk(await helpAs('live-helper-2', assist.id), 201);
    const last = (await liveEvents(assist.id)).at(-1);
    expect(last?.data).toMatchObject({ status: 'completed', currentPrice: 9900 });
    // A refused help announces nothing.
    await expectError(await helpAs('live-helper-3', assist.id), 409, 'assist_completed');
    expect(await liveEvents(assist.id)).toHaveLength(3);
  });

  it('replays a help sent again with the same Idempotency-Key', async () => {
    const campaign = await newCampaign(priceCutInput());
    const { assist } = await start('idem-owner', campaign.id);
    const first = await expectOk(await helpAs('idem', assist.id, nextIp(), { 'idempotency-key': 'help-1' }), 201);
    const again = await helpAs('idem', assist.id, nextIp(), { 'idempotency-key': 'help-1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await expectOk(again, 201)).toEqual(first);
    await expectError(await helpAs('idem', assist.id, nextIp(), { 'idempotency-key': 'help-2' }), 409, 'already_helped');
  });

  it('limits help attempts per IP: 30 a minute by default', async () => {
    const campaign = await newCampaign(progressInput({ goal: 100 }));
    const { assist } = await start('popular', campaign.id);
    const crowd = Array.from({ length: 32 }, (_, i) => `cafe-${i}`);
    await tokens(crowd);
    // Start from a fresh window so the 30 attempts cannot straddle two.
    const now = h.clock.now().getTime();
    h.clock.set(new Date(Math.ceil(now / 60_000) * 60_000 + 1000));
    for (const name of crowd.slice(0, 30)) await expectOk(await helpAs(name, assist.id, '203.0.113.7, 10.0.0.1'), 201);
    const limited = await helpAs('cafe-30', assist.id, '203.0.113.7');
    expect(limited.headers.get('retry-after')).toBe('59');
    await expectError(limited, 429, 'rate_limited');
    // Another address is not affected; the same one is again in the next window.
    await expectOk(await helpAs('cafe-30', assist.id, '198.51.100.1'), 201);
    h.clock.advance(59_000);
    await expectOk(await helpAs('cafe-31', assist.id, '203.0.113.7'), 201);
    // Nothing was counted for the refused attempt.
    expect((await expectOk(await h.asMerchant('GET', `/v1/assists/${assist.id}`))).helps).toBe(32);
    // Only the address's current window is kept.
    const windows = await h.db.query(`select 1 from rate_limit_hits where ip = '203.0.113.7'`);
    expect(windows).toHaveLength(1);
  });

  it('takes the limit from the assist option of createApp, and falls back to "unknown" without a socket', async () => {
    const deps = { db: h.db, clock: h.clock, secrets: h.server.secrets };
    const app = createApp(deps, { assist: { helpRateLimit: { max: 2, windowSeconds: 3600 }, trustForwardedFor: true } });
    const campaign = await newCampaign(progressInput({ goal: 10 }));
    const { assist } = await start('option-owner', campaign.id);
    const helpHere = async (helper: string, headers: Record<string, string> = {}) =>
      app.request(`/v1/assists/${assist.id}/helps`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${h.merchant.publishableKey}`,
          origin: SHOP_ORIGIN,
          'flock-shopper': await h.tokenFor(helper),
          'content-type': 'application/json',
          ...headers,
        },
        body: '{}',
      });
    await expectOk(await helpHere('opt-1'), 201);
    await expectOk(await helpHere('opt-2'), 201);
    await expectError(await helpHere('opt-3'), 429, 'rate_limited');
    const [row] = await h.db.query<{ hits: number }>(`select hits from rate_limit_hits where bucket = $1 and ip = 'unknown'`, [
      `assist-help:${h.merchant.merchantId}`,
    ]);
    expect(row?.hits).toBe(3);
    // With the limit off, the same address goes through.
    const unlimited = createApp(deps, { assist: { helpRateLimit: false, trustForwardedFor: true } });
    const response = await unlimited.request(`/v1/assists/${assist.id}/helps`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.merchant.publishableKey}`,
        origin: SHOP_ORIGIN,
        'flock-shopper': await h.tokenFor('opt-3'),
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(response.status).toBe(201);
  });

  it('counts the socket address over a real connection', async () => {
    const campaign = await newCampaign(progressInput({ goal: 10 }));
    const { assist } = await start('socket-owner', campaign.id);
    const { url } = await h.server.listen(0);
    const response = await fetch(`${url}/v1/assists/${assist.id}/helps`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.merchant.publishableKey}`,
        origin: SHOP_ORIGIN,
        'flock-shopper': await h.tokenFor('socket-helper'),
        'content-type': 'application/json',
      },
      body: '{}',
    });
    await expectOk(response, 201);
    const rows = await h.db.query<{ ip: string }>(`select ip from rate_limit_hits where ip like '%127.0.0.1'`);
    expect(rows).toHaveLength(1);
  });

  it('sweeps assists past their deadline and old rate-limit windows', async () => {
    const campaign = await newCampaign(progressInput({ ttlSeconds: 60 }));
    const { assist } = await start('swept', campaign.id);
    await expectOk(await helpAs('sweep-helper', assist.id), 201);
    h.clock.advance(3600_000 + 60_000);
    expect(await sweepAssists(h.db, h.clock)).toBeGreaterThanOrEqual(1);
    const [row] = await h.db.query<{ status: string }>(`select status from assists where id = $1`, [assist.id]);
    expect(row?.status).toBe('expired');
    expect((await liveEvents(assist.id)).at(-1)?.data.status).toBe('expired');
    expect(await sweepAssists(h.db, h.clock)).toBe(0);
    await h.server.runJobs();
    const [{ n } = { n: -1 }] = await h.db.query<{ n: number }>(`select count(*)::int as n from rate_limit_hits`);
    expect(n).toBe(0);
  });

  describe('bad input writes nothing', () => {
    async function writesNothing(act: () => Promise<void>) {
      const before = await assistSnapshot(h.db);
      await act();
      expect(await assistSnapshot(h.db)).toEqual(before);
    }
    let campaign: Json;
    let assist: Json;
    beforeAll(async () => {
      campaign = await newCampaign(priceCutInput({ ttlSeconds: 30 * 86400 }));
      assist = (await start('bad-owner', campaign.id)).assist;
      await tokens(['bad-helper']);
    });

    it.each([
      ['price_cut without prices', { mode: 'price_cut', goal: 3 }],
      ['price_cut without currency', priceCutInput({ currency: undefined })],
      ['startPrice - floorPrice below the goal', priceCutInput({ goal: 5, startPrice: 1004, floorPrice: 1000 })],
      ['floorPrice above startPrice', progressInput({ startPrice: 100, floorPrice: 200, currency: 'CNY' })],
      ['an extra field', progressInput({ shipping: 'free' })],
      ['an extra field in reward', progressInput({ reward: { description: 'x', bonus: 1 } })],
      ['goal 0', progressInput({ goal: 0 })],
      ['a fractional price', priceCutInput({ startPrice: 199.5 })],
      ['an unknown mode', progressInput({ mode: 'lottery' })],
      ['startsAt after endsAt', progressInput({ startsAt: '2026-12-02T00:00:00Z', endsAt: '2026-12-01T00:00:00Z' })],
    ])('rejects a campaign with %s', (_, input) =>
      writesNothing(async () => {
        const body = await expectError(await h.asMerchant('POST', '/v1/assist-campaigns', input), 400, 'invalid_request');
        expect(Array.isArray(body.error.details)).toBe(true);
      }),
    );

    it('rejects a campaign created with the publishable key', () =>
      writesNothing(async () => {
        await expectError(await h.asShopper('bad-owner', 'POST', '/v1/assist-campaigns', progressInput()), 403, 'forbidden');
      }));

    it('rejects extra fields when starting and helping, and help without a shopper', () =>
      writesNothing(async () => {
        await expectError(
          await h.asShopper('bad-owner', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, { shareBaseUrl: 'ftp://x' }),
          400,
          'invalid_request',
        );
        await expectError(
          await h.asShopper('bad-owner', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, { friend: 'x' }),
          400,
          'invalid_request',
        );
        await expectError(
          await h.asShopper('bad-helper', 'POST', `/v1/assists/${assist.id}/helps`, { amountCut: 9999 }),
          400,
          'invalid_request',
        );
        await expectError(await h.asMerchant('POST', `/v1/assists/${assist.id}/helps`, {}), 401, 'shopper_token_required');
      }));

    it('answers 404 for unknown ids and 409 outside the campaign window', async () => {
      await expectError(await h.asShopper('bad-owner', 'GET', '/v1/assist-campaigns/asc_nope'), 404, 'not_found');
      await expectError(await h.asShopper('bad-owner', 'GET', '/v1/assists/ast_nope'), 404, 'not_found');
      await expectError(await helpAs('bad-helper', 'ast_nope'), 404, 'not_found');
      await expectError(await h.asShopper('bad-owner', 'POST', '/v1/assist-campaigns/asc_nope/assists', {}), 404, 'not_found');
      const later = new Date(h.clock.now().getTime() + 86400_000).toISOString();
      const upcoming = await newCampaign(progressInput({ startsAt: later }));
      expect(upcoming.active).toBe(false);
      await writesNothing(async () => {
        await expectError(
          await h.asShopper('bad-owner', 'POST', `/v1/assist-campaigns/${upcoming.id}/assists`, {}),
          409,
          'campaign_not_active',
        );
      });
    });

    it('caps an assist at the campaign end', async () => {
      const endsAt = new Date(h.clock.now().getTime() + 600_000).toISOString();
      const ending = await newCampaign(progressInput({ endsAt, ttlSeconds: 86400 }));
      expect((await start('bad-owner', ending.id)).assist.expiresAt).toBe(endsAt);
    });
  });
});
