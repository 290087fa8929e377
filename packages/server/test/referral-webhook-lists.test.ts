import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommissionPage, OrderPage, PayoutPage, PromoterPage, ReferralProgramPage, WebhookDeliveryPage } from '@flock/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant } from '../src/domain/merchants.js';
import { enqueueWebhook } from '../src/domain/outbox.js';
import { becomePromoter } from '../src/domain/referral/attribution.js';
import { reportOrder } from '../src/domain/referral/orders.js';
import { recordPayout } from '../src/domain/referral/payouts.js';
import { createProgram } from '../src/domain/referral/programs.js';
import { type TestDatabase, testDatabases } from './databases.js';
import { createHarness, type Harness, SHOP_ORIGIN } from './harness.js';
import { advanceAndSweep, click, DAY_MS, join, newProgram, order, programInput, refund, stats } from './referral-helpers.js';
import { expectError, expectOk, type Json } from './util.js';

// The merchant console's lists of the referral side and of webhook deliveries: GET /v1/referral-programs,
// /v1/promoters, /v1/orders, /v1/commissions, /v1/payouts and /v1/webhook-deliveries (newest first, in
// keyset pages, with their filters), and POST /v1/webhook-deliveries/:id/resend.

/** A webhook endpoint on 127.0.0.1 answering what `status` says, recording each event id it was sent. */
class Receiver {
  received: Array<{ id: string; answered: number }> = [];
  status = 200;
  #server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      this.received.push({ id: body.id, answered: this.status });
      response.writeHead(this.status).end();
    });
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hooks`;
  }
  stop() {
    this.#server.closeAllConnections();
    return new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

const schemas = {
  '/v1/referral-programs': ReferralProgramPage,
  '/v1/promoters': PromoterPage,
  '/v1/orders': OrderPage,
  '/v1/commissions': CommissionPage,
  '/v1/payouts': PayoutPage,
  '/v1/webhook-deliveries': WebhookDeliveryPage,
} as const;
type ListPath = keyof typeof schemas;
const LIST_PATHS = Object.keys(schemas) as ListPath[];

/** Newest first: creation time descending, ties by id compared byte by byte, descending. */
const newestFirst = (a: Json, b: Json) =>
  b.createdAt.localeCompare(a.createdAt) || (Buffer.compare(Buffer.from(b.id), Buffer.from(a.id)) as number);

describe.each(testDatabases)('merchant lists of referral and webhooks on $kind', ({ create }) => {
  let database: TestDatabase;
  let h: Harness;
  const receiver = new Receiver();
  /** What the fixture made, by name. */
  const f = {} as {
    programs: Json[];
    alice: Json;
    bob: Json;
    carol: Json;
    orders: Json[];
    other: { secretKey: string; merchantId: string; programId: string; promoterId: string; eventId: string };
  };

  const list = async (path: ListPath, query = '', key?: string): Promise<Json> => {
    const response = await h.server.app.request(`${path}${query}`, {
      headers: { authorization: `Bearer ${key ?? h.merchant.secretKey}` },
    });
    return schemas[path].parse(await expectOk(response));
  };
  /** Pages through a list two at a time: every row exactly once, newest first, as one page of 100 has them. */
  const pageThrough = async (path: ListPath, filter = ''): Promise<Json[]> => {
    const all = await list(path, `?limit=100${filter}`);
    expect(all.nextCursor).toBeNull();
    const seen: Json[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await list(path, `?limit=2${filter}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeGreaterThan(0);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((row) => row.id)).toEqual(all.data.map((row: Json) => row.id));
    expect(seen.map((row) => row.id)).toEqual([...seen].sort(newestFirst).map((row) => row.id));
    return seen;
  };
  const ids = (rows: Json[]) => rows.map((row) => row.id);

  beforeAll(async () => {
    await receiver.start();
    database = await create();
    // Two attempts, a minute apart, before a delivery fails.
    h = await createHarness(await database.open(), {
      webhookUrl: receiver.url,
      server: { webhooks: { maxAttempts: 2, baseDelaySeconds: 60 } },
    });
    const tick = () => h.clock.advance(1000);

    f.programs = [];
    for (const name of ['Tea A', 'Tea B', 'Tea C']) {
      f.programs.push(await newProgram(h, { name }));
      tick();
    }
    const [a, b] = f.programs as [Json, Json];
    f.alice = await join(h, a.id, 'alice');
    tick();
    f.bob = await join(h, a.id, 'bob', { ip: '203.0.113.9' });
    tick();
    f.carol = await join(h, b.id, 'carol');
    tick();
    await click(h, f.alice.promoter.code);
    await click(h, f.alice.promoter.code);
    f.orders = [];
    for (const body of [
      { amount: 10000, promoterCode: f.alice.promoter.code },
      { amount: 20000, promoterCode: f.alice.promoter.code },
      { amount: 5000, promoterCode: f.carol.promoter.code },
      { amount: 3000 },
      // From the address bob joined from: held for review.
      { amount: 8000, promoterCode: f.bob.promoter.code, shopperId: 'sock', ip: '203.0.113.9' },
    ]) {
      f.orders.push(await order(h, body));
      tick();
    }
    await refund(h, f.orders[0].orderRef, 10000);
    await refund(h, f.orders[1].orderRef, 5000);

    // Another merchant with a program, a promoter, an order, a payout and a webhook of its own.
    const other = await createMerchant(
      h.db,
      h.clock,
      h.server.secrets,
      { name: 'Other shop', origins: [SHOP_ORIGIN] },
      h.server.webhookAddresses,
    );
    const otherProgram = await createProgram(h.db, h.clock, other.merchantId, programInput({ name: 'Other tea' }) as never);
    const zed = await becomePromoter(
      h.db,
      h.clock,
      other.merchantId,
      otherProgram.id,
      { id: 'zed', displayName: 'Zed', avatarUrl: null },
      {},
      null,
    );
    await reportOrder(h.db, h.clock, other.merchantId, {
      orderRef: 'other-1',
      amount: 10000,
      currency: 'CNY',
      promoterCode: zed.promoter.code,
    });
    const otherEvent = await h.db.transaction((tx) =>
      enqueueWebhook(tx, h.clock, other.merchantId, 'team.succeeded', { note: 'not yours' }),
    );

    // Past the 7-day hold: the pending commissions become available (and their webhooks are sent).
    await advanceAndSweep(h, 8 * DAY_MS);
    for (const [promoter, amount, reference] of [
      [f.alice, 1000, 'pay-1'],
      [f.alice, 300, 'pay-2'],
      [f.carol, 200, 'pay-3'],
    ] as const) {
      await expectOk(await h.asMerchant('POST', `/v1/promoters/${promoter.promoter.id}/payouts`, { amount, reference }), 201);
      tick();
    }
    await recordPayout(h.db, h.clock, other.merchantId, zed.promoter.id, { amount: 100, reference: 'other-pay' });
    f.other = {
      secretKey: other.secretKey,
      merchantId: other.merchantId,
      programId: otherProgram.id,
      promoterId: zed.promoter.id,
      eventId: otherEvent,
    };
  });
  afterAll(async () => {
    await h?.server.close();
    await database?.drop();
    await receiver.stop();
  });

  it('lists programs with their terms and counts, every one exactly once', async () => {
    const programs = await pageThrough('/v1/referral-programs');
    const [a, b, c] = f.programs as [Json, Json, Json];
    expect(ids(programs)).toEqual([c.id, b.id, a.id]);
    const { serverNow: _, ...terms } = a;
    expect(programs[2]).toEqual({ ...terms, createdAt: expect.any(String), promoters: 2, orders: 3 });
    expect(programs.map((p) => [p.promoters, p.orders])).toEqual([
      [0, 0],
      [1, 1],
      [2, 3],
    ]);
  });

  it("lists promoters with their own card's figures, and filters by program", async () => {
    const [a, b] = f.programs as [Json, Json];
    const promoters = await pageThrough('/v1/promoters');
    expect(ids(promoters)).toEqual([f.carol.promoter.id, f.bob.promoter.id, f.alice.promoter.id]);
    for (const [shopper, joined, program] of [
      ['alice', f.alice, a],
      ['bob', f.bob, a],
      ['carol', f.carol, b],
    ] as const) {
      const listed = promoters.find((p) => p.id === joined.promoter.id);
      const card = await stats(h, program.id, shopper);
      expect(listed).toEqual({
        ...joined.promoter,
        shopperId: shopper,
        displayName: shopper,
        referredBy: null,
        tierName: null,
        commission30d: card.commission30d,
        showOnLeaderboard: true,
        createdAt: expect.any(String),
        clicks: card.clicks,
        orders: card.orders,
        pending: card.pending,
        underReview: card.underReview,
        available: card.available,
        paid: card.paid,
        currency: 'CNY',
      });
    }
    // Alice: two clicks, two orders (one fully refunded), 1500 available of which 1300 was paid out.
    expect(promoters[2]).toMatchObject({ clicks: 2, orders: 2, available: 200, paid: 1300, underReview: 0 });
    expect(promoters[1]).toMatchObject({ orders: 1, underReview: 800, available: 0 });
    expect(ids(await pageThrough('/v1/promoters', `&program=${a.id}`))).toEqual([f.bob.promoter.id, f.alice.promoter.id]);
    expect(ids(await pageThrough('/v1/promoters', `&program=${b.id}`))).toEqual([f.carol.promoter.id]);
  });

  it('lists orders with their refund state and commissions, and filters by program', async () => {
    const [a, b] = f.programs as [Json, Json];
    const orders = await pageThrough('/v1/orders');
    expect(orders.map((o) => o.orderRef)).toEqual(f.orders.map((o) => o.orderRef).reverse());
    const [held, unattributed, carols, partial, full] = orders;
    expect(full).toMatchObject({ programId: a.id, promoterId: f.alice.promoter.id, status: 'refunded', refundedAmount: 10000 });
    expect(full.commissions).toEqual([expect.objectContaining({ status: 'reversed', reversedAmount: 1000 })]);
    expect(partial).toMatchObject({ status: 'partially_refunded', amount: 20000, refundedAmount: 5000, currency: 'CNY' });
    expect(carols).toMatchObject({ programId: b.id, promoterId: f.carol.promoter.id, status: 'paid' });
    expect(unattributed).toMatchObject({ programId: null, promoterId: null, status: 'paid', commissions: [] });
    expect(held).toMatchObject({ shopperId: 'sock', commissions: [expect.objectContaining({ status: 'under_review' })] });
    expect(ids(await pageThrough('/v1/orders', `&program=${a.id}`))).toEqual([held.id, partial.id, full.id]);
    expect(ids(await pageThrough('/v1/orders', `&program=${b.id}`))).toEqual([carols.id]);
  });

  it('lists commissions with their order and program, by status and by program', async () => {
    const [a, b] = f.programs as [Json, Json];
    const commissions = await pageThrough('/v1/commissions');
    // Newest first: bob's held one, carol's, then alice's two (the fully refunded one reversed).
    expect(commissions.map((c) => c.orderRef)).toEqual([4, 2, 1, 0].map((i) => f.orders[i].orderRef));
    const underReview = await pageThrough('/v1/commissions', '&status=under_review');
    expect(underReview).toEqual([
      expect.objectContaining({
        promoterId: f.bob.promoter.id,
        programId: a.id,
        orderRef: f.orders[4].orderRef,
        level: 1,
        amount: 800,
        flags: ['self_referral_device'],
      }),
    ]);
    expect((await pageThrough('/v1/commissions', '&status=available')).map((c) => c.orderRef)).toEqual([
      f.orders[2].orderRef,
      f.orders[1].orderRef,
    ]);
    expect(ids(await pageThrough('/v1/commissions', '&status=reversed'))).toHaveLength(1);
    expect(await list('/v1/commissions', '?status=rejected')).toEqual({ data: [], nextCursor: null });
    expect((await pageThrough('/v1/commissions', `&program=${b.id}&status=available`)).map((c) => c.orderRef)).toEqual([
      f.orders[2].orderRef,
    ]);
    expect(await pageThrough('/v1/commissions', `&program=${a.id}`)).toHaveLength(3);
    // What the console does with a held one: approve it, and it leaves the list of held ones.
    await expectOk(await h.asMerchant('POST', `/v1/commissions/${underReview[0].id}/approve`));
    expect(await list('/v1/commissions', '?status=under_review')).toEqual({ data: [], nextCursor: null });
  });

  it('lists payouts, and filters by promoter', async () => {
    const payouts = await pageThrough('/v1/payouts');
    expect(payouts.map((p) => [p.reference, p.amount])).toEqual([
      ['pay-3', 200],
      ['pay-2', 300],
      ['pay-1', 1000],
    ]);
    expect(payouts[0]).toMatchObject({ promoterId: f.carol.promoter.id, programId: f.programs[1].id });
    const alices = await pageThrough('/v1/payouts', `&promoter=${f.alice.promoter.id}`);
    expect(alices.map((p) => p.reference)).toEqual(['pay-2', 'pay-1']);
  });

  it("never shows another merchant's rows, and a filter naming its ids finds nothing", async () => {
    const [mine, theirs] = [{} as Record<ListPath, string[]>, {} as Record<ListPath, string[]>];
    for (const path of LIST_PATHS) {
      mine[path] = ids((await list(path, '?limit=100')).data);
      theirs[path] = ids((await list(path, '?limit=100', f.other.secretKey)).data);
      expect(theirs[path].length, path).toBeGreaterThan(0);
      for (const id of theirs[path]) expect(mine[path], path).not.toContain(id);
      for (const id of mine[path]) expect(theirs[path], path).not.toContain(id);
    }
    expect(theirs['/v1/referral-programs']).toEqual([f.other.programId]);
    expect(theirs['/v1/webhook-deliveries']).toContain(f.other.eventId);
    const empty = { data: [], nextCursor: null };
    expect(await list('/v1/promoters', `?program=${f.other.programId}`)).toEqual(empty);
    expect(await list('/v1/orders', `?program=${f.other.programId}`)).toEqual(empty);
    expect(await list('/v1/commissions', `?program=${f.other.programId}`)).toEqual(empty);
    expect(await list('/v1/payouts', `?promoter=${f.other.promoterId}`)).toEqual(empty);
    // And the other way round.
    expect(await list('/v1/promoters', `?program=${f.programs[0].id}`, f.other.secretKey)).toEqual(empty);
    expect(await list('/v1/payouts', `?promoter=${f.alice.promoter.id}`, f.other.secretKey)).toEqual(empty);
  });

  it.each(LIST_PATHS)('%s refuses a cursor it did not give, and the publishable key', async (path) => {
    const forged = Buffer.from('["yesterday","x"]').toString('base64url');
    for (const cursor of [forged, 'abc', 'not%20one']) {
      const body = await expectError(await h.asMerchant('GET', `${path}?cursor=${cursor}`), 400, 'invalid_request');
      expect(body.error.details).toContainEqual({ path: ['cursor'], message: expect.any(String) });
    }
    await expectError(await h.asShopper('alice', 'GET', path), 403, 'forbidden');
  });

  it.each([
    ['/v1/commissions', 'held'],
    ['/v1/webhook-deliveries', 'lost'],
  ])('%s refuses an unknown status with 400 invalid_request', async (path, status) => {
    const body = await expectError(await h.asMerchant('GET', `${path}?status=${status}`), 400, 'invalid_request');
    expect(body.error.details).toContainEqual({ path: ['status'], message: expect.any(String) });
  });

  it('lists webhook deliveries by status through retries and failure, and a resend delivers a failed one', async () => {
    const deliveries = (query: string) => pageThrough('/v1/webhook-deliveries', query);
    // The commission approved above was released: its webhook waits for the next pass.
    expect(await deliveries('&status=pending')).toEqual([expect.objectContaining({ type: 'commission.available', attempts: 0 })]);
    await h.server.runJobs();
    // It and the two released by the sweep were delivered at the first attempt.
    const delivered = await deliveries('&status=delivered');
    expect(delivered).toHaveLength(3);
    for (const d of delivered) {
      expect(d).toMatchObject({ type: 'commission.available', attempts: 1, lastError: null, nextAttemptAt: null });
      expect(d.deliveredAt).toEqual(expect.any(String));
      expect(d.event).toMatchObject({ id: d.id, type: 'commission.available', merchantId: h.merchant.merchantId });
      expect(JSON.stringify(d)).not.toContain('whsec_');
    }

    // Three more events, to an endpoint that now answers 500.
    receiver.status = 500;
    const enqueued: string[] = [];
    for (let i = 0; i < 3; i++) {
      enqueued.push(await h.db.transaction((tx) => enqueueWebhook(tx, h.clock, h.merchant.merchantId, 'team.failed', { n: i })));
      h.clock.advance(1000);
    }
    expect(ids(await deliveries('&status=pending'))).toEqual([...enqueued].reverse());
    expect(await deliveries('')).toHaveLength(6);

    await h.server.runJobs();
    const retrying = await deliveries('&status=retrying');
    expect(ids(retrying)).toEqual([...enqueued].reverse());
    expect(retrying[0]).toMatchObject({ attempts: 1, lastError: 'HTTP 500', deliveredAt: null });
    expect(Date.parse(retrying[0].nextAttemptAt)).toBe(h.clock.now().getTime() + 60_000);
    expect(await list('/v1/webhook-deliveries', '?status=pending')).toEqual({ data: [], nextCursor: null });

    h.clock.advance(61_000);
    await h.server.runJobs();
    const failed = await deliveries('&status=failed');
    expect(ids(failed)).toEqual([...enqueued].reverse());
    expect(failed[0]).toMatchObject({ attempts: 2, lastError: 'HTTP 500', nextAttemptAt: null, deliveredAt: null });
    // Given up: nothing is sent any more.
    const sent = receiver.received.length;
    h.clock.advance(DAY_MS);
    await h.server.runJobs();
    expect(receiver.received).toHaveLength(sent);

    // Resent, the failed event is delivered at the next pass, under the same id.
    receiver.status = 200;
    const target = enqueued[1] as string;
    const resent = await expectOk(await h.asMerchant('POST', `/v1/webhook-deliveries/${target}/resend`, {}));
    expect(resent).toMatchObject({
      id: target,
      status: 'pending',
      attempts: 0,
      lastError: 'HTTP 500',
      nextAttemptAt: h.clock.now().toISOString(),
      event: { id: target, type: 'team.failed', data: { n: 1 } },
    });
    expect(await deliveries('&status=pending')).toEqual([resent]);
    await h.server.runJobs();
    expect(receiver.received.slice(sent)).toEqual([{ id: target, answered: 200 }]);
    expect(ids(await deliveries('&status=failed'))).toEqual([enqueued[2], enqueued[0]]);
    expect(await deliveries('&status=delivered')).toContainEqual(
      expect.objectContaining({ id: target, status: 'delivered', attempts: 1, lastError: null }),
    );

    // A delivered event can be sent once more too.
    const again = delivered[0].id;
    expect(await expectOk(await h.asMerchant('POST', `/v1/webhook-deliveries/${again}/resend`, {}))).toMatchObject({
      status: 'pending',
    });
    await h.server.runJobs();
    expect(receiver.received.at(-1)).toEqual({ id: again, answered: 200 });

    // Unknown ids, and another merchant's event, are not found.
    await expectError(await h.asMerchant('POST', '/v1/webhook-deliveries/evt_nothing/resend', {}), 404, 'not_found');
    await expectError(await h.asMerchant('POST', `/v1/webhook-deliveries/${f.other.eventId}/resend`, {}), 404, 'not_found');
  });
});
