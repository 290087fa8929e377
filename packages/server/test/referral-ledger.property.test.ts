import fc from 'fast-check';
import { describe, it } from 'vitest';
import { testDatabases } from './databases.js';
import { useHarness } from './harness.js';
import {
  advanceAndSweep,
  click,
  DAY_MS,
  expectLedgerBalanced,
  expectStatsMatchLedger,
  join,
  newProgram,
  order,
  refund,
  stats,
} from './referral-helpers.js';

/** One step a shop can take: an order through a promoter, a partial refund, time passing, a payout. */
type Step =
  | { kind: 'order'; promoter: number; amount: number }
  | { kind: 'refund'; order: number; share: number }
  | { kind: 'wait'; days: number }
  | { kind: 'payout'; promoter: number; share: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('order' as const), promoter: fc.nat(2), amount: fc.integer({ min: 1, max: 500_000 }) }),
  fc.record({ kind: fc.constant('refund' as const), order: fc.nat(20), share: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('payout' as const), promoter: fc.nat(2), share: fc.double({ min: 0.1, max: 1, noNaN: true }) }),
);

describe.each(testDatabases)('referral ledger property on $kind', ({ create }) => {
  const suite = useHarness(create);

  it('after any sequence of orders, partial refunds, hold expiries and payouts, the ledger balances', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const h = suite.h;
        // A fresh program per run, with a second level, so every run starts from its own zero.
        const program = await newProgram(h, { secondLevelBps: 300, holdDays: 7 });
        const run = Math.random().toString(36).slice(2, 8);
        const shoppers = [0, 1, 2].map((i) => `p${i}-${run}`);
        const first = await join(h, program.id, shoppers[0] as string);
        const promoters = [
          first,
          await join(h, program.id, shoppers[1] as string, { referredBy: first.promoter.code }),
          await join(h, program.id, shoppers[2] as string),
        ];
        const orders: Array<{ orderRef: string; amount: number; refunded: number }> = [];
        for (const s of steps) {
          if (s.kind === 'order') {
            const c = await click(h, promoters[s.promoter]?.promoter.code, { ip: `203.0.113.${orders.length % 250}` });
            const placed = await order(h, {
              amount: s.amount,
              attributionId: c.attributionId,
              shopperId: `buyer-${run}-${orders.length}`,
            });
            orders.push({ orderRef: placed.orderRef, amount: s.amount, refunded: 0 });
          } else if (s.kind === 'refund' && orders.length > 0) {
            const target = orders[s.order % orders.length] as (typeof orders)[number];
            const amount = Math.min(target.amount - target.refunded, Math.max(1, Math.floor(target.amount * s.share)));
            if (amount > 0) {
              await refund(h, target.orderRef, amount);
              target.refunded += amount;
            }
          } else if (s.kind === 'wait') {
            await advanceAndSweep(h, s.days * DAY_MS);
          } else if (s.kind === 'payout') {
            const shopper = shoppers[s.promoter] as string;
            const { available } = await stats(h, program.id, shopper);
            const amount = Math.floor(available * s.share);
            if (amount > 0) {
              const promoterId = promoters[s.promoter]?.promoter.id;
              await h.asMerchant('POST', `/v1/promoters/${promoterId}/payouts`, { amount, reference: `payout-${run}-${amount}` });
            }
          }
          await expectLedgerBalanced(h.db);
          for (const [i, shopper] of shoppers.entries()) {
            await expectStatsMatchLedger(h, program.id, shopper, promoters[i]?.promoter.id);
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});
