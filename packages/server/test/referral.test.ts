import { describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { useHarness } from './harness.js';
import {
  advanceAndSweep,
  asShopper,
  click,
  clickRequest,
  DAY_MS,
  expectLedgerBalanced,
  expectStatsMatchLedger,
  freshToken,
  join,
  newProgram,
  nextRef,
  order,
  orderRequest,
  programInput,
  promoterEvents,
  referralSnapshot,
  refund,
  stats,
} from './referral-helpers.js';
import { expectError, expectOk, type Json, rawRequest } from './util.js';

const CODE = /^[2-9A-HJ-NP-Z]{8}$/;

describe.each(testDatabases)('referral on $kind', ({ create }) => {
  const suite = useHarness(create);
  let seq = 0;
  /** A shopper id no other test uses. */
  const who = (name: string) => `${name}-${++seq}`;
  let ipSeq = 0;
  const nextIp = () => `10.20.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

  describe('the whole flow', () => {
    it('program → promoter → click → order (pending) → hold passes → available, webhook, live event → payout', async () => {
      const { h } = suite;
      const program = await newProgram(h);
      expect(program).toMatchObject({
        id: expect.stringMatching(/^prg_/),
        commission: { type: 'percent', bps: 1000 },
        secondLevelBps: 300,
        holdDays: 7,
        attributionWindowDays: 30,
        product: { title: 'West Lake Longjing tea, 250 g', price: 19900, currency: 'CNY' },
      });
      const read = await expectOk(await asShopper(h, who('reader'), 'GET', `/v1/referral-programs/${program.id}`));
      expect(read).toMatchObject({ id: program.id, name: 'Tea friends' });

      const alice = who('alice');
      const before = await stats(h, program.id, alice);
      expect(before).toMatchObject({ promoter: null, shareUrl: null, clicks: 0, orders: 0, pending: 0, available: 0, paid: 0 });

      const joined = await join(h, program.id, alice);
      expect(joined.promoter).toMatchObject({ id: expect.stringMatching(/^pro_/), programId: program.id });
      expect(joined.promoter.code).toMatch(CODE);
      const shareUrl = new URL(joined.shareUrl);
      expect(shareUrl.searchParams.get('flock_ref')).toBe(joined.promoter.code);
      expect(shareUrl.searchParams.get('variant')).toBe('250g');
      // Joining again hands back the same promoter (200).
      const again = await expectOk(await asShopper(h, alice, 'POST', `/v1/referral-programs/${program.id}/promoters`, {}), 200);
      expect(again).toEqual(joined);
      const promoterId = joined.promoter.id;

      const attribution = await click(h, joined.promoter.code);
      expect(attribution).toEqual({
        attributionId: expect.stringMatching(/^att_/),
        programId: program.id,
        expiresAt: new Date(h.clock.now().getTime() + 30 * DAY_MS).toISOString(),
      });
      const [clickRow] = await h.db.query<{ ip: string; user_agent: string }>(
        `select ip, user_agent from referral_clicks where id = $1`,
        [attribution.attributionId],
      );
      expect(clickRow).toEqual({ ip: '198.51.100.1', user_agent: 'TestBrowser/1.0' });

      const placedAt = h.clock.now();
      const recorded = await order(h, { amount: 19900, shopperId: who('bob'), attributionId: attribution.attributionId });
      expect(recorded).toMatchObject({ amount: 19900, currency: 'CNY', refundedAmount: 0, promoterId });
      expect(recorded.commissions).toEqual([
        {
          id: expect.stringMatching(/^com_/),
          promoterId,
          level: 1,
          kind: 'commission',
          rateBps: 1000,
          amount: 1990,
          reversedAmount: 0,
          currency: 'CNY',
          status: 'pending',
          availableAt: new Date(placedAt.getTime() + 7 * DAY_MS).toISOString(),
          flags: [],
        },
      ]);
      expect(await expectStatsMatchLedger(h, program.id, alice, promoterId)).toMatchObject({
        promoter: joined.promoter,
        shareUrl: joined.shareUrl,
        clicks: 1,
        orders: 1,
        pending: 1990,
        underReview: 0,
        available: 0,
        paid: 0,
        currency: 'CNY',
      });

      // Not before the hold has passed.
      await advanceAndSweep(h, 7 * DAY_MS - 1000);
      expect((await stats(h, program.id, alice)).pending).toBe(1990);
      await advanceAndSweep(h, 1000);
      expect(await expectStatsMatchLedger(h, program.id, alice, promoterId)).toMatchObject({ pending: 0, available: 1990 });

      const webhooks = (await h.db.query<{ type: string; payload: string }>(`select type, payload from webhook_events`))
        .map((row) => ({ type: row.type, payload: JSON.parse(row.payload) as Json }))
        .filter((row) => row.type === 'commission.available' && row.payload.data.promoterId === promoterId);
      expect(webhooks).toHaveLength(1);
      expect(webhooks[0]?.payload.data).toMatchObject({
        promoterId,
        programId: program.id,
        orderRef: recorded.orderRef,
        commission: { id: recorded.commissions[0].id, status: 'available', amount: 1990 },
      });
      const events = await promoterEvents(h.db, promoterId);
      expect(events.every((e) => e.type === 'promoter.updated')).toBe(true);
      expect(events.at(-1)?.payload).toMatchObject({ promoter: { id: promoterId }, available: 1990, pending: 0, clicks: 1 });
      // A second sweep releases nothing twice.
      await advanceAndSweep(h, 1000);
      expect((await stats(h, program.id, alice)).available).toBe(1990);

      const tooMuch = await expectError(
        await h.asMerchant('POST', `/v1/promoters/${promoterId}/payouts`, { amount: 1991, reference: 'wx-1' }),
        409,
        'insufficient_balance',
      );
      expect(tooMuch.error.details).toEqual({ available: 1990 });
      const payout = await expectOk(
        await h.asMerchant('POST', `/v1/promoters/${promoterId}/payouts`, { amount: 1500, reference: 'wx-1' }),
        201,
      );
      expect(payout).toEqual({ id: expect.stringMatching(/^pay_/), promoterId, amount: 1500, reference: 'wx-1', available: 490 });
      expect(await expectStatsMatchLedger(h, program.id, alice, promoterId)).toMatchObject({ available: 490, paid: 1500 });
      expect((await promoterEvents(h.db, promoterId)).at(-1)?.payload).toMatchObject({ available: 490, paid: 1500 });
      await expectLedgerBalanced(h.db);
    });

    it('a promoter code is unique per merchant and a shopper is one promoter per program', async () => {
      const { h } = suite;
      const first = await newProgram(h);
      const second = await newProgram(h, { name: 'Second program' });
      const carol = who('carol');
      const a = await join(h, first.id, carol);
      const b = await join(h, second.id, carol);
      expect(a.promoter.id).not.toBe(b.promoter.id);
      expect(a.promoter.code).not.toBe(b.promoter.code);
      const [dupes] = await h.db.query<{ n: number }>(
        `select count(*)::int as n from (select code from promoters group by merchant_id, code having count(*) > 1) d`,
      );
      expect(dupes?.n).toBe(0);
    });

    it('a click on an unknown code is 404 and writes nothing', async () => {
      const { h } = suite;
      const before = await referralSnapshot(h.db);
      await expectError(await clickRequest(h, 'ZZZZZZZZ'), 404, 'not_found');
      expect(await referralSnapshot(h.db)).toEqual(before);
    });
  });

  describe('two levels, never three', () => {
    it('A recruits B recruits C: an order through C pays C level 1 and B level 2, A nothing', async () => {
      const { h } = suite;
      const program = await newProgram(h);
      const [a, b, c] = [who('a'), who('b'), who('c')];
      const pa = await join(h, program.id, a);
      const pb = await join(h, program.id, b, { referredBy: pa.promoter.code });
      const pc = await join(h, program.id, c, { referredBy: pb.promoter.code.toLowerCase() });
      const rows = await h.db.query<{ id: string; referred_by: string | null }>(
        `select id, referred_by from promoters where id = any($1::text[]) order by created_at`,
        [[pa.promoter.id, pb.promoter.id, pc.promoter.id]],
      );
      expect(Object.fromEntries(rows.map((r) => [r.id, r.referred_by]))).toEqual({
        [pa.promoter.id]: null,
        [pb.promoter.id]: pa.promoter.id,
        [pc.promoter.id]: pb.promoter.id,
      });

      const attribution = await click(h, pc.promoter.code);
      const recorded = await order(h, { amount: 10000, shopperId: who('friend'), attributionId: attribution.attributionId });
      expect(recorded.commissions.map((x: Json) => [x.promoterId, x.level, x.amount])).toEqual([
        [pc.promoter.id, 1, 1000],
        [pb.promoter.id, 2, 300],
      ]);
      expect((await stats(h, program.id, c)).pending).toBe(1000);
      expect((await stats(h, program.id, b)).pending).toBe(300);
      expect(await stats(h, program.id, a)).toMatchObject({ pending: 0, available: 0, orders: 0 });
      await expectLedgerBalanced(h.db);
    });

    it('referredBy must be a promoter of the same program', async () => {
      const { h } = suite;
      const program = await newProgram(h);
      const other = await newProgram(h, { name: 'Other program' });
      const outsider = await join(h, other.id, who('outsider'));
      const before = await referralSnapshot(h.db);
      const joinAs = (shopper: string, referredBy: string) =>
        asShopper(h, shopper, 'POST', `/v1/referral-programs/${program.id}/promoters`, { referredBy });
      await expectError(await joinAs(who('d'), outsider.promoter.code), 404, 'not_found');
      await expectError(await joinAs(who('d'), 'NOSUCHCODE'), 404, 'not_found');
      expect(await referralSnapshot(h.db)).toEqual(before);
    });
  });

  describe('attribution', () => {
    it('self-referral earns nothing at any level, and the order is still recorded', async () => {
      const { h } = suite;
      const program = await newProgram(h);
      const [a, b] = [who('a'), who('b')];
      const pa = await join(h, program.id, a);
      const pb = await join(h, program.id, b, { referredBy: pa.promoter.code });

      const own = await click(h, pb.promoter.code);
      const selfOrder = await order(h, { amount: 10000, shopperId: b, attributionId: own.attributionId });
      expect(selfOrder).toMatchObject({ promoterId: pb.promoter.id, commissions: [] });
      // The level-2 referrer buying through their recruit's link: the recruit earns, the buyer does not.
      const second = await click(h, pb.promoter.code);
      const referrerOrder = await order(h, { amount: 10000, shopperId: a, attributionId: second.attributionId });
      expect(referrerOrder.commissions.map((x: Json) => [x.promoterId, x.level, x.amount])).toEqual([[pb.promoter.id, 1, 1000]]);
      expect((await stats(h, program.id, a)).pending).toBe(0);
      expect((await stats(h, program.id, b)).pending).toBe(1000);
    });

    it('an expired attribution records the order with no commission', async () => {
      const { h } = suite;
      const program = await newProgram(h, { attributionWindowDays: 3 });
      const pa = await join(h, program.id, who('a'));
      const attribution = await click(h, pa.promoter.code);
      h.clock.advance(3 * DAY_MS);
      const recorded = await order(h, { amount: 5000, shopperId: who('late'), attributionId: attribution.attributionId });
      expect(recorded).toMatchObject({ promoterId: null, commissions: [] });
      const [row] = await h.db.query<{ attribution_id: string }>(`select attribution_id from orders where order_ref = $1`, [
        recorded.orderRef,
      ]);
      expect(row?.attribution_id).toBe(attribution.attributionId);
    });

    it('last click wins: of two promoters’ clicks, the later attributionId earns', async () => {
      const { h } = suite;
      const program = await newProgram(h);
      const [a, b] = [await join(h, program.id, who('a')), await join(h, program.id, who('b'))];
      const first = await click(h, a.promoter.code);
      h.clock.advance(60_000);
      const later = await click(h, b.promoter.code);
      expect(later.attributionId).not.toBe(first.attributionId);
      // The SDK keeps the latest attribution, so the checkout sends `later`.
      const recorded = await order(h, { amount: 2000, shopperId: who('friend'), attributionId: later.attributionId });
      expect(recorded.promoterId).toBe(b.promoter.id);
      expect(recorded.commissions.map((x: Json) => x.promoterId)).toEqual([b.promoter.id]);
    });

    it('a promoter code typed at checkout attributes the order (also when the attribution expired)', async () => {
      const { h } = suite;
      const program = await newProgram(h, { attributionWindowDays: 1 });
      const [a, b] = [await join(h, program.id, who('a')), await join(h, program.id, who('b'))];
      const typed = await order(h, { amount: 3000, shopperId: who('f'), promoterCode: ` ${a.promoter.code.toLowerCase()} ` });
      expect(typed).toMatchObject({ promoterId: a.promoter.id, commissions: [{ amount: 300, level: 1 }] });

      const stale = await click(h, b.promoter.code);
      h.clock.advance(2 * DAY_MS);
      const fallback = await order(h, {
        amount: 3000,
        shopperId: who('f'),
        attributionId: stale.attributionId,
        promoterCode: a.promoter.code,
      });
      expect(fallback.promoterId).toBe(a.promoter.id);
      // A live attribution decides over a typed code.
      const live = await click(h, b.promoter.code);
      const both = await order(h, { amount: 3000, attributionId: live.attributionId, promoterCode: a.promoter.code });
      expect(both.promoterId).toBe(b.promoter.id);
    });

    it('an unknown attributionId or promoter code is 404 and writes nothing', async () => {
      const { h } = suite;
      const before = await referralSnapshot(h.db);
      await expectError(await orderRequest(h, { amount: 100, attributionId: 'att_doesnotexist00000000' }), 404, 'not_found');
      await expectError(await orderRequest(h, { amount: 100, promoterCode: 'NOPE2345' }), 404, 'not_found');
      expect(await referralSnapshot(h.db)).toEqual(before);
    });

    it('an unattributed order is recorded once by orderRef: a replay is 200, another amount is 409', async () => {
      const { h } = suite;
      const orderRef = nextRef('plain');
      const first = await order(h, { orderRef, amount: 1234 });
      expect(first).toMatchObject({ orderRef, promoterId: null, commissions: [] });
      const replay = await expectOk(await orderRequest(h, { orderRef, amount: 1234 }), 200);
      expect(replay).toEqual(first);
      await expectError(await orderRequest(h, { orderRef, amount: 1235 }), 409, 'idempotency_conflict');
      await expectError(await orderRequest(h, { orderRef, amount: 1234, currency: 'USD' }), 409, 'idempotency_conflict');
    });
  });

  describe('rounding: floor, the remainder stays with the merchant', () => {
    it('percent commissions are floor(amount × bps / 10000) at each level; a zero commission is not written', async () => {
      const { h } = suite;
      const program = await newProgram(h, { commission: { type: 'percent', bps: 333 }, secondLevelBps: 1 });
      const a = await join(h, program.id, who('a'));
      const b = await join(h, program.id, who('b'), { referredBy: a.promoter.code });
      // 999 × 333 / 10000 = 33.2667 → 33; 999 × 1 / 10000 = 0.0999 → 0 (no level-2 row).
      const small = await order(h, { amount: 999, promoterCode: b.promoter.code });
      expect(small.commissions.map((x: Json) => [x.level, x.amount])).toEqual([[1, 33]]);
      // 1_000_000 × 333 / 10000 = 33300 exactly; × 1 / 10000 = 100.
      const round = await order(h, { amount: 1_000_000, promoterCode: b.promoter.code });
      expect(round.commissions.map((x: Json) => [x.level, x.amount])).toEqual([
        [1, 33300],
        [2, 100],
      ]);
      // 19999 × 333 / 10000 = 665.9667 → 665 (never rounded up).
      const up = await order(h, { amount: 19999, promoterCode: b.promoter.code });
      expect(up.commissions[0].amount).toBe(665);
    });

    it('a fixed commission is the fixed amount, capped at the order amount, in the order currency only', async () => {
      const { h } = suite;
      const program = await newProgram(h, {
        commission: { type: 'fixed', amount: 500, currency: 'CNY' },
        secondLevelBps: 100,
        product: { title: 'Tea', url: 'https://shop.test/tea' },
      });
      expect(program.commission).toEqual({ type: 'fixed', amount: 500, currency: 'CNY' });
      const a = await join(h, program.id, who('a'));
      const b = await join(h, program.id, who('b'), { referredBy: a.promoter.code });
      const big = await order(h, { amount: 12345, promoterCode: b.promoter.code });
      // Level 2 is a share of the order: floor(12345 × 100 / 10000) = 123.
      expect(big.commissions.map((x: Json) => [x.level, x.amount])).toEqual([
        [1, 500],
        [2, 123],
      ]);
      const cheap = await order(h, { amount: 300, promoterCode: b.promoter.code });
      expect(cheap.commissions.map((x: Json) => [x.level, x.amount])).toEqual([
        [1, 300],
        [2, 3],
      ]);
      const before = await referralSnapshot(h.db);
      await expectError(
        await orderRequest(h, { amount: 1000, currency: 'USD', promoterCode: b.promoter.code }),
        409,
        'order_currency_mismatch',
      );
      expect(await referralSnapshot(h.db)).toEqual(before);
    });

    it('a percent program takes the currency of its first order and refuses others', async () => {
      const { h } = suite;
      const program = await newProgram(h, { product: { title: 'Tea', url: 'https://shop.test/tea' } });
      const a = await join(h, program.id, who('a'));
      expect((await stats(h, program.id, who('x'))).currency).toBeNull();
      await order(h, { amount: 1000, currency: 'HKD', promoterCode: a.promoter.code });
      await expectError(
        await orderRequest(h, { amount: 1000, currency: 'CNY', promoterCode: a.promoter.code }),
        409,
        'order_currency_mismatch',
      );
      expect((await stats(h, program.id, who('x'))).currency).toBe('HKD');
    });
  });

  describe('refunds', () => {
    it('reverse in proportion, floor(C × R / amount) in all, so partial refunds sum exactly to the commission', async () => {
      const { h } = suite;
      const program = await newProgram(h);
      const bob = who('b');
      const a = await join(h, program.id, who('a'));
      const b = await join(h, program.id, bob, { referredBy: a.promoter.code });
      const placed = await order(h, { amount: 10001, promoterCode: b.promoter.code });
      // C1 = floor(10001 × 0.1) = 1000, C2 = floor(10001 × 0.03) = 300.
      expect(placed.commissions.map((x: Json) => x.amount)).toEqual([1000, 300]);
      const reversed = (o: Json) => o.commissions.map((x: Json) => [x.reversedAmount, x.status]);

      const r1 = await refund(h, placed.orderRef, 3333);
      // floor(1000 × 3333 / 10001) = 333, floor(300 × 3333 / 10001) = 99.
      expect(r1.refundedAmount).toBe(3333);
      expect(reversed(r1)).toEqual([
        [333, 'pending'],
        [99, 'pending'],
      ]);
      const r2 = await refund(h, placed.orderRef, 3333);
      // floor(1000 × 6666 / 10001) = 666, floor(300 × 6666 / 10001) = 199.
      expect(reversed(r2)).toEqual([
        [666, 'pending'],
        [199, 'pending'],
      ]);
      const over = await expectError(
        await h.asMerchant('POST', `/v1/orders/${placed.orderRef}/refunds`, { amount: 3336 }),
        409,
        'refund_exceeds_order',
      );
      expect(over.error.details).toEqual({ refundable: 3335 });
      const r3 = await refund(h, placed.orderRef, 3335);
      expect(reversed(r3)).toEqual([
        [1000, 'reversed'],
        [300, 'reversed'],
      ]);
      await expectError(
        await h.asMerchant('POST', `/v1/orders/${placed.orderRef}/refunds`, { amount: 1 }),
        409,
        'refund_exceeds_order',
      );
      expect(await expectStatsMatchLedger(h, program.id, bob, b.promoter.id)).toMatchObject({ pending: 0, available: 0 });
      await expectLedgerBalanced(h.db);
      // A fully reversed commission is never released.
      await advanceAndSweep(h, 8 * DAY_MS);
      const [row] = await h.db.query<{ n: number }>(
        `select count(*)::int as n from ledger_entries where commission_id = $1 and kind = 'release'`,
        [placed.commissions[0].id],
      );
      expect(row?.n).toBe(0);
    });

    it('a refund after the commission became available, and after it was paid, takes the balance negative; later earnings recover it', async () => {
      const { h } = suite;
      const program = await newProgram(h, { secondLevelBps: undefined, holdDays: 1 });
      const alice = who('alice');
      const pa = await join(h, program.id, alice);
      const first = await order(h, { amount: 10000, promoterCode: pa.promoter.code });
      await advanceAndSweep(h, DAY_MS);
      expect((await stats(h, program.id, alice)).available).toBe(1000);
      await expectOk(
        await h.asMerchant('POST', `/v1/promoters/${pa.promoter.id}/payouts`, { amount: 1000, reference: 'bank-7' }),
        201,
      );
      const refunded = await refund(h, first.orderRef, 4000);
      expect(refunded.commissions[0]).toMatchObject({ reversedAmount: 400, status: 'available' });
      expect(await expectStatsMatchLedger(h, program.id, alice, pa.promoter.id)).toMatchObject({ available: -400, paid: 1000 });
      await expectError(
        await h.asMerchant('POST', `/v1/promoters/${pa.promoter.id}/payouts`, { amount: 1, reference: 'bank-8' }),
        409,
        'insufficient_balance',
      );
      await order(h, { amount: 5000, promoterCode: pa.promoter.code });
      await advanceAndSweep(h, DAY_MS);
      expect(await expectStatsMatchLedger(h, program.id, alice, pa.promoter.id)).toMatchObject({ available: 100, paid: 1000 });
      await expectLedgerBalanced(h.db);
    });

    it('an Idempotency-Key makes a retried refund count once', async () => {
      const { h } = suite;
      const program = await newProgram(h);
      const pa = await join(h, program.id, who('a'));
      const placed = await order(h, { amount: 1000, promoterCode: pa.promoter.code });
      const retry = () =>
        h.asMerchant(
          'POST',
          `/v1/orders/${placed.orderRef}/refunds`,
          { amount: 600 },
          { 'idempotency-key': `rf-${placed.orderRef}` },
        );
      const first = await expectOk(await retry(), 201);
      const second = await expectOk(await retry(), 201);
      expect(second).toEqual(first);
      expect(second.refundedAmount).toBe(600);
    });

    it('refunding an unknown order is 404', async () => {
      const { h } = suite;
      await expectError(await h.asMerchant('POST', '/v1/orders/no-such-order/refunds', { amount: 1 }), 404, 'not_found');
    });
  });

  describe('fraud signals hold commissions for review', () => {
    it('order_velocity: the sixth order from one IP to one promoter within an hour is held; the sweep never releases it', async () => {
      const { h } = suite;
      const program = await newProgram(h, { holdDays: 1 });
      const alice = who('alice');
      const pa = await join(h, program.id, alice);
      const ip = nextIp();
      const statuses: string[] = [];
      for (let i = 0; i < 6; i++) {
        const placed = await order(h, { amount: 1000, promoterCode: pa.promoter.code, shopperId: who('buyer'), ip });
        statuses.push(placed.commissions[0].status);
        h.clock.advance(60_000);
      }
      expect(statuses).toEqual(['pending', 'pending', 'pending', 'pending', 'pending', 'under_review']);
      // Another device from another network is not affected.
      const other = await order(h, { amount: 1000, promoterCode: pa.promoter.code, ip: nextIp(), deviceId: 'dev-x' });
      expect(other.commissions[0].status).toBe('pending');
      // Device ids count like addresses.
      for (let i = 0; i < 4; i++) {
        await order(h, { amount: 1000, promoterCode: pa.promoter.code, ip: nextIp(), deviceId: 'dev-x' });
      }
      const byDevice = await order(h, { amount: 1000, promoterCode: pa.promoter.code, ip: nextIp(), deviceId: 'dev-x' });
      expect(byDevice.commissions[0]).toMatchObject({ status: 'under_review', flags: ['order_velocity'] });

      expect(await expectStatsMatchLedger(h, program.id, alice, pa.promoter.id)).toMatchObject({
        pending: 100 * 10,
        underReview: 100 * 2,
      });
      await advanceAndSweep(h, 2 * DAY_MS);
      expect(await expectStatsMatchLedger(h, program.id, alice, pa.promoter.id)).toMatchObject({
        pending: 0,
        underReview: 200,
        available: 1000,
      });

      const held = await h.db.query<{ id: string }>(
        `select id from commissions where promoter_id = $1 and status = 'under_review' order by created_at`,
        [pa.promoter.id],
      );
      const [firstHeld, secondHeld] = held.map((r) => r.id);
      // Approve past the hold: straight to available, with its webhook.
      const approved = await expectOk(await h.asMerchant('POST', `/v1/commissions/${firstHeld}/approve`));
      expect(approved).toMatchObject({ id: firstHeld, status: 'available', flags: ['order_velocity'] });
      const rejected = await expectOk(await h.asMerchant('POST', `/v1/commissions/${secondHeld}/reject`));
      expect(rejected).toMatchObject({ id: secondHeld, status: 'rejected' });
      expect(await expectStatsMatchLedger(h, program.id, alice, pa.promoter.id)).toMatchObject({
        pending: 0,
        underReview: 0,
        available: 1100,
      });
      await expectError(await h.asMerchant('POST', `/v1/commissions/${firstHeld}/approve`), 409, 'commission_not_under_review');
      await expectError(await h.asMerchant('POST', `/v1/commissions/${secondHeld}/reject`), 409, 'commission_not_under_review');
      await expectError(await h.asMerchant('POST', '/v1/commissions/com_nosuchcommission0000/approve'), 404, 'not_found');
      // A refund of a rejected commission's order reverses nothing more.
      const [orderOfRejected] = await h.db.query<{ order_ref: string }>(
        `select o.order_ref from orders o join commissions c on c.order_id = o.id where c.id = $1`,
        [secondHeld],
      );
      const refunded = await refund(h, orderOfRejected?.order_ref as string, 1000);
      expect(refunded.commissions[0]).toMatchObject({ status: 'rejected', reversedAmount: 0 });
      await expectLedgerBalanced(h.db);
    });

    it('self_referral_device: the order comes from the address the promoter joined from; approve before the hold → pending', async () => {
      const { h } = suite;
      const program = await newProgram(h, { holdDays: 3 });
      const alice = who('alice');
      const homeIp = nextIp();
      const pa = await join(h, program.id, alice, { ip: homeIp });
      const placed = await order(h, { amount: 5000, promoterCode: pa.promoter.code, shopperId: who('sockpuppet'), ip: homeIp });
      expect(placed.commissions).toEqual([
        expect.objectContaining({ status: 'under_review', flags: ['self_referral_device'], amount: 500 }),
      ]);
      expect(await expectStatsMatchLedger(h, program.id, alice, pa.promoter.id)).toMatchObject({ underReview: 500, pending: 0 });
      const approved = await expectOk(await h.asMerchant('POST', `/v1/commissions/${placed.commissions[0].id}/approve`));
      expect(approved.status).toBe('pending');
      expect(await expectStatsMatchLedger(h, program.id, alice, pa.promoter.id)).toMatchObject({ underReview: 0, pending: 500 });
      await advanceAndSweep(h, 3 * DAY_MS);
      expect((await stats(h, program.id, alice)).available).toBe(500);
    });

    it('self_referral_device: the click came from the promoter’s own browser, or the device matches the promoter’s own order', async () => {
      const { h } = suite;
      const program = await newProgram(h);
      const alice = who('alice');
      const pa = await join(h, program.id, alice);
      const ownClick = await click(h, pa.promoter.code, { shopperToken: await freshToken(h, alice) });
      const viaOwnBrowser = await order(h, { amount: 1000, attributionId: ownClick.attributionId, shopperId: who('alt') });
      expect(viaOwnBrowser.commissions[0]).toMatchObject({ status: 'under_review', flags: ['self_referral_device'] });

      // Alice buys for herself from her phone (no commission), then "a friend" orders from the same phone.
      await order(h, { amount: 1000, promoterCode: pa.promoter.code, shopperId: alice, deviceId: 'alice-phone' });
      const samePhone = await order(h, {
        amount: 1000,
        promoterCode: pa.promoter.code,
        shopperId: who('friend'),
        deviceId: 'alice-phone',
      });
      expect(samePhone.commissions[0]).toMatchObject({ status: 'under_review', flags: ['self_referral_device'] });
      const elsewhere = await order(h, {
        amount: 1000,
        promoterCode: pa.promoter.code,
        shopperId: who('friend'),
        deviceId: 'friend-phone',
        ip: nextIp(),
      });
      expect(elsewhere.commissions[0]).toMatchObject({ status: 'pending', flags: [] });
    });

    it('refund_rate: after at least 5 orders with more than half their amount refunded, new commissions are held', async () => {
      const { h } = suite;
      const program = await newProgram(h);
      const pa = await join(h, program.id, who('alice'));
      for (let i = 0; i < 5; i++) {
        const placed = await order(h, { amount: 1000, promoterCode: pa.promoter.code });
        expect(placed.commissions[0].status).toBe('pending');
        await refund(h, placed.orderRef, i < 3 ? 1000 : 1);
      }
      // 3002 of 5000 refunded: 60 % > 50 %.
      const held = await order(h, { amount: 1000, promoterCode: pa.promoter.code });
      expect(held.commissions[0]).toMatchObject({ status: 'under_review', flags: ['refund_rate'] });
    });

    it('approve and reject are for the secret key only', async () => {
      const { h } = suite;
      await expectError(
        await asShopper(h, who('x'), 'POST', '/v1/commissions/com_whatever000000000000/approve', {}),
        403,
        'forbidden',
      );
    });
  });

  describe('payouts', () => {
    it('an unknown promoter is 404; a payout is for the secret key only', async () => {
      const { h } = suite;
      await expectError(
        await h.asMerchant('POST', '/v1/promoters/pro_nosuchpromoter0000/payouts', { amount: 1, reference: 'x' }),
        404,
        'not_found',
      );
      await expectError(
        await asShopper(h, who('x'), 'POST', '/v1/promoters/pro_nosuchpromoter0000/payouts', { amount: 1, reference: 'x' }),
        403,
        'forbidden',
      );
    });
  });

  describe('bad input → 400, nothing written', () => {
    async function writesNothing(act: () => Promise<void>) {
      const before = await referralSnapshot(suite.h.db);
      await act();
      expect(await referralSnapshot(suite.h.db)).toEqual(before);
    }
    const invalid = async (response: Response, ...paths: string[]) => {
      const body = await expectError(response, 400, 'invalid_request');
      const got = (body.error.details as Array<{ path: string[] }>).map((d) => d.path.join('.'));
      for (const path of paths) expect(got).toContain(path);
    };

    it('programs', () =>
      writesNothing(async () => {
        const { h } = suite;
        const post = (body: unknown) => h.asMerchant('POST', '/v1/referral-programs', body);
        await invalid(await post(programInput({ commission: { type: 'percent', bps: 10_001 } })), 'commission.bps');
        await invalid(
          await post(programInput({ commission: { type: 'percent', bps: 9000 }, secondLevelBps: 1001 })),
          'secondLevelBps',
        );
        await invalid(
          await post(programInput({ commission: { type: 'fixed', amount: -1, currency: 'CNY' } })),
          'commission.amount',
        );
        await invalid(
          await post(programInput({ commission: { type: 'fixed', amount: 100, currency: 'USD' } })),
          'product.currency',
        );
        await invalid(await post(programInput({ holdDays: -1 })), 'holdDays');
        await invalid(await post(programInput({ attributionWindowDays: 0 })), 'attributionWindowDays');
        await invalid(await post(programInput({ product: { title: 'x', url: 'javascript:alert(1)' } })), 'product.url');
        await invalid(await post(programInput({ thirdLevelBps: 100 })));
        await invalid(await post({}), 'name');
      }));

    it('promoters, clicks, stats', async () => {
      const { h } = suite;
      const program = await newProgram(h);
      await writesNothing(async () => {
        await invalid(
          await asShopper(h, who('x'), 'POST', `/v1/referral-programs/${program.id}/promoters`, { referredBy: 'AB' }),
          'referredBy',
        );
        await invalid(
          await rawRequest(h, 'POST', '/v1/referral-clicks', {
            key: h.merchant.publishableKey,
            body: JSON.stringify({ code: 'ABCDEFGH', landingUrl: 'not a url' }),
          }),
          'landingUrl',
        );
        await invalid(await asShopper(h, who('x'), 'GET', '/v1/promoters/me'), 'program');
        await expectError(await asShopper(h, who('x'), 'GET', '/v1/promoters/me?program=prg_nope'), 404, 'not_found');
        await expectError(
          await rawRequest(h, 'GET', `/v1/promoters/me?program=${program.id}`, { key: h.merchant.publishableKey }),
          401,
          'shopper_token_required',
        );
      });
    });

    it('orders, refunds, payouts', async () => {
      const { h } = suite;
      const program = await newProgram(h);
      const pa = await join(h, program.id, who('a'));
      const placed = await order(h, { amount: 1000, promoterCode: pa.promoter.code });
      await writesNothing(async () => {
        await invalid(await orderRequest(h, { amount: -1 }), 'amount');
        await invalid(await orderRequest(h, { amount: 1.5 }), 'amount');
        await invalid(await orderRequest(h, { amount: 100, currency: 'yuan' }), 'currency');
        await invalid(await h.asMerchant('POST', '/v1/orders', { amount: 100, currency: 'CNY' }), 'orderRef');
        await invalid(await orderRequest(h, { amount: 100, promoterCode: 'AB' }), 'promoterCode');
        await invalid(await orderRequest(h, { amount: 100, coupon: 'X' }));
        await invalid(await h.asMerchant('POST', `/v1/orders/${placed.orderRef}/refunds`, { amount: 0 }), 'amount');
        await invalid(await h.asMerchant('POST', `/v1/orders/${placed.orderRef}/refunds`, {}), 'amount');
        await invalid(
          await h.asMerchant('POST', `/v1/promoters/${pa.promoter.id}/payouts`, { amount: 0, reference: 'x' }),
          'amount',
        );
        await invalid(await h.asMerchant('POST', `/v1/promoters/${pa.promoter.id}/payouts`, { amount: 10 }), 'reference');
        await invalid(await h.asMerchant('POST', `/v1/commissions/${placed.commissions[0].id}/approve`, { really: true }));
        // Orders are reported by the shop's backend, never from the page.
        await expectError(
          await rawRequest(h, 'POST', '/v1/orders', {
            key: h.merchant.publishableKey,
            body: JSON.stringify({ orderRef: 'x', amount: 1, currency: 'CNY' }),
          }),
          403,
          'forbidden',
        );
      });
    });
  });
});
