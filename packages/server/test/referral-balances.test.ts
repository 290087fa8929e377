import { ProgramBalances, PromoterBalancePage } from '@flock/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMerchant } from '../src/domain/merchants.js';
import { testDatabases } from './databases.js';
import { useHarness } from './harness.js';
import {
  accountSums,
  advanceAndSweep,
  DAY_MS,
  expectLedgerBalanced,
  join,
  newProgram,
  nextRef,
  order,
  refund,
} from './referral-helpers.js';
import { expectError, expectOk, type Json } from './util.js';

// A program's ledger for the merchant (GET /v1/promoter-balances?program= and
// GET /v1/referral-programs/:id/balances): each figure is summed from the commission and payout rows,
// and must agree with the double-entry ledger, with the lists of commissions and payouts, and with itself.

const FIGURES = ['earned', 'pending', 'underReview', 'available', 'paid', 'reversed', 'rejected', 'owed'] as const;
const figures = (row: Json) => Object.fromEntries(FIGURES.map((key) => [key, row[key]]));

describe.each(testDatabases)('a referral program’s ledger on $kind', ({ create }) => {
  const suite = useHarness(create);

  const get = async (path: string, key = suite.h.merchant.secretKey) =>
    suite.h.server.app.request(path, { headers: { authorization: `Bearer ${key}` } });
  /** Every line of the program's ledger, paging one promoter at a time, checked against one page of 100. */
  const ledgerOf = async (programId: string): Promise<Json[]> => {
    const all = PromoterBalancePage.parse(await expectOk(await get(`/v1/promoter-balances?program=${programId}&limit=100`)));
    const lines: Json[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await expectOk(
        await get(`/v1/promoter-balances?program=${programId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`),
      );
      lines.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    expect(lines).toEqual(all.data);
    return lines;
  };
  const totalsOf = async (programId: string) =>
    ProgramBalances.parse(await expectOk(await get(`/v1/referral-programs/${programId}/balances`)));

  /**
   * What must hold of any program's ledger: every commission is in exactly one place; `owed` is what
   * is neither paid nor taken back; each line agrees with the promoter's ledger accounts, the
   * commissions listed and the payouts listed; and the totals are the lines added up.
   */
  async function expectConsistent(programId: string): Promise<{ lines: Json[]; totals: Json }> {
    const { h } = suite;
    const lines = await ledgerOf(programId);
    const totals = await totalsOf(programId);
    const commissions: Json[] = (await expectOk(await get(`/v1/commissions?program=${programId}&limit=100`))).data;
    for (const line of lines) {
      expect(line.earned).toBe(line.pending + line.underReview + line.available + line.paid + line.reversed + line.rejected);
      expect(line.owed).toBe(line.pending + line.underReview + line.available);
      const ledger = await accountSums(h.db, line.id);
      expect([line.pending, line.underReview, line.available, line.paid]).toEqual([
        ledger.pending,
        ledger.under_review,
        ledger.available,
        ledger.paid,
      ]);
      const own = commissions.filter((c) => c.promoterId === line.id);
      expect(line.earned).toBe(own.reduce((sum, c) => sum + c.amount, 0));
      expect(line.reversed).toBe(own.reduce((sum, c) => sum + c.reversedAmount, 0));
      const payouts: Json[] = (await expectOk(await get(`/v1/payouts?promoter=${line.id}&limit=100`))).data;
      expect(line.paid).toBe(payouts.reduce((sum, p) => sum + p.amount, 0));
    }
    for (const key of FIGURES) expect(totals[key], key).toBe(lines.reduce((sum, line) => sum + line[key], 0));
    expect(totals.promoters).toBe(lines.length);
    await expectLedgerBalanced(h.db);
    return { lines, totals };
  }

  it('holds each promoter’s money where the orders, the hold, reviews, payouts and refunds put it', async () => {
    const { h } = suite;
    const program = await newProgram(h, { name: 'Ledger tea' });
    const other = await newProgram(h, { name: 'Other tea' });
    const alice = (await join(h, program.id, 'bal-alice')).promoter;
    h.clock.advance(1000);
    const bob = (await join(h, program.id, 'bal-bob', { referredBy: alice.code })).promoter;
    h.clock.advance(1000);
    const carol = (await join(h, program.id, 'bal-carol', { ip: '203.0.113.77' })).promoter;
    const dave = (await join(h, other.id, 'bal-dave')).promoter;

    // Nothing earned yet: zeros, newest promoter first.
    const empty = await expectConsistent(program.id);
    expect(empty.lines.map((line) => line.id)).toEqual([carol.id, bob.id, alice.id]);
    expect(empty.lines[0]).toMatchObject({ code: carol.code, displayName: 'bal-carol', currency: 'CNY', earned: 0, owed: 0 });

    // 10 % to the promoter and 3 % to their referrer; carol's buyers order from her own address: held for review.
    const o1 = await order(h, { amount: 10_000, shopperId: 'bal-friend-1', promoterCode: alice.code });
    const o2 = await order(h, { amount: 20_000, shopperId: 'bal-friend-2', promoterCode: bob.code });
    const o3 = await order(h, { amount: 5000, shopperId: 'bal-friend-3', promoterCode: carol.code, ip: '203.0.113.77' });
    const o4 = await order(h, { amount: 3000, shopperId: 'bal-friend-4', promoterCode: carol.code, ip: '203.0.113.77' });
    await order(h, { amount: 4000, shopperId: 'bal-friend-6', promoterCode: dave.code });
    expect(o3.commissions[0].status).toBe('under_review');

    // The hold passes; one held commission is rejected; alice is paid 12.00 of her 16.00.
    await advanceAndSweep(h, 8 * DAY_MS);
    await expectOk(await h.asMerchant('POST', `/v1/commissions/${o4.commissions[0].id}/reject`));
    await expectOk(await h.asMerchant('POST', `/v1/promoters/${alice.id}/payouts`, { amount: 1200, reference: 'WX-1' }), 201);
    // Never more than is available: bob has 20.00.
    const refused = await expectError(
      await h.asMerchant('POST', `/v1/promoters/${bob.id}/payouts`, { amount: 2001, reference: 'WX-2' }),
      409,
      'insufficient_balance',
    );
    expect(refused.error.details).toEqual({ available: 2000 });

    // Refunds reverse in proportion, from wherever the money is: half of o1 after alice was paid
    // (her available goes below zero), a quarter of o2 (both levels), a fifth of o3 (still under review).
    await refund(h, o1.orderRef, 5000);
    await refund(h, o2.orderRef, 5000);
    await refund(h, o3.orderRef, 1000);
    // A new order after the sweep waits for its own hold.
    await order(h, { amount: 7000, shopperId: 'bal-friend-5', promoterCode: alice.code });

    const { lines, totals } = await expectConsistent(program.id);
    const line = (id: string) => figures(lines.find((l) => l.id === id));
    expect(line(alice.id)).toEqual({
      earned: 1000 + 600 + 700,
      pending: 700,
      underReview: 0,
      available: 500 + 450 - 1200,
      paid: 1200,
      reversed: 500 + 150,
      rejected: 0,
      owed: 700 - 250,
    });
    expect(line(bob.id)).toEqual({
      earned: 2000,
      pending: 0,
      underReview: 0,
      available: 1500,
      paid: 0,
      reversed: 500,
      rejected: 0,
      owed: 1500,
    });
    expect(line(carol.id)).toEqual({
      earned: 800,
      pending: 0,
      underReview: 400,
      available: 0,
      paid: 0,
      reversed: 100,
      rejected: 300,
      owed: 400,
    });
    expect(totals).toEqual({
      programId: program.id,
      promoters: 3,
      currency: 'CNY',
      earned: 5100,
      pending: 700,
      underReview: 400,
      available: 1250,
      paid: 1200,
      reversed: 1250,
      rejected: 300,
      owed: 2350,
    });

    // The lists name the promoter and the currency beside the ids, as the merchant reads them.
    const [payout] = (await expectOk(await get(`/v1/payouts?promoter=${alice.id}`))).data;
    expect(payout).toMatchObject({ amount: 1200, currency: 'CNY', promoterCode: alice.code, promoterName: 'bal-alice' });
    const listed: Json[] = (await expectOk(await get(`/v1/orders?program=${program.id}&limit=100`))).data;
    expect(listed.find((o) => o.orderRef === o2.orderRef)).toMatchObject({ promoterCode: bob.code, promoterName: 'bal-bob' });
    const [newest] = (await expectOk(await get(`/v1/commissions?program=${program.id}`))).data;
    expect(newest).toMatchObject({ promoterId: alice.id, promoterCode: alice.code, promoterName: 'bal-alice' });
    const unattributed = await order(h, { amount: 100 });
    const all: Json[] = (await expectOk(await get('/v1/orders?limit=100'))).data;
    expect(all.find((o) => o.orderRef === unattributed.orderRef)).toMatchObject({ promoterCode: null, promoterName: null });

    // The other program's ledger holds only its own promoter and order.
    const otherBooks = await expectConsistent(other.id);
    expect(otherBooks.lines.map((l) => l.id)).toEqual([dave.id]);
    expect(otherBooks.totals).toMatchObject({ earned: 400, pending: 0, available: 400, owed: 400 });
  });

  it('answers 400 without a program, and 404 for a program that is not this merchant’s', async () => {
    const { h } = suite;
    await expectError(await get('/v1/promoter-balances'), 400, 'invalid_request');
    await expectError(await get('/v1/promoter-balances?program=prg_nothing0000000'), 404, 'not_found');
    await expectError(await get('/v1/referral-programs/prg_nothing0000000/balances'), 404, 'not_found');
    const program = await newProgram(h, { name: 'Private tea' });
    const stranger = await createMerchant(
      h.db,
      h.clock,
      h.server.secrets,
      { name: 'Other shop', origins: [] },
      h.server.webhookAddresses,
    );
    await expectError(await get(`/v1/promoter-balances?program=${program.id}`, stranger.secretKey), 404, 'not_found');
    await expectError(await get(`/v1/referral-programs/${program.id}/balances`, stranger.secretKey), 404, 'not_found');
  });

  it('stays consistent through any sequence of orders, refunds, hold expiries, reviews and payouts', async () => {
    const { h } = suite;
    let run = 0;
    const step = fc.oneof(
      fc.record({
        t: fc.constant('order' as const),
        via: fc.nat(2),
        amount: fc.integer({ min: 1, max: 30_000 }),
        held: fc.boolean(),
      }),
      fc.record({ t: fc.constant('refund' as const), which: fc.nat(), share: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
      fc.record({ t: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ t: fc.constant('review' as const), which: fc.nat(), approve: fc.boolean() }),
      fc.record({ t: fc.constant('payout' as const), who: fc.nat(2), share: fc.double({ min: 0.1, max: 1, noNaN: true }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
        const r = ++run;
        const program = await newProgram(h, { name: `Property ${r}`, holdDays: 2 });
        const promoters: Json[] = [];
        for (const i of [0, 1, 2]) {
          const referredBy = i > 0 ? { referredBy: promoters[i - 1].code } : {};
          promoters.push((await join(h, program.id, `prop${r}-${i}`, { ...referredBy, ip: `10.7.${r & 255}.${i}` })).promoter);
        }
        const orders: Json[] = [];
        for (const s of steps) {
          if (s.t === 'order') {
            const ip = s.held ? { ip: `10.7.${r & 255}.${s.via}` } : {};
            orders.push(
              await order(h, { orderRef: nextRef(`prop${r}`), amount: s.amount, promoterCode: promoters[s.via].code, ...ip }),
            );
          } else if (s.t === 'refund') {
            const target = orders[s.which % Math.max(1, orders.length)];
            if (!target) continue;
            const left = target.amount - target.refundedAmount;
            if (left === 0) continue;
            const amount = Math.max(1, Math.round(left * s.share));
            orders[orders.indexOf(target)] = await refund(h, target.orderRef, amount);
          } else if (s.t === 'advance') {
            await advanceAndSweep(h, s.days * DAY_MS);
          } else if (s.t === 'review') {
            const held: Json[] = (await expectOk(await get(`/v1/commissions?program=${program.id}&status=under_review`))).data;
            const c = held[s.which % Math.max(1, held.length)];
            if (c) await expectOk(await h.asMerchant('POST', `/v1/commissions/${c.id}/${s.approve ? 'approve' : 'reject'}`));
          } else {
            const { available } = (await ledgerOf(program.id)).find((line) => line.id === promoters[s.who].id);
            if (available <= 0) continue;
            const amount = Math.max(1, Math.floor(available * s.share));
            await expectOk(
              await h.asMerchant('POST', `/v1/promoters/${promoters[s.who].id}/payouts`, { amount, reference: `p${r}` }),
              201,
            );
          }
        }
        await expectConsistent(program.id);
      }),
      { numRuns: 12 },
    );
  });
});
