import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sweepCommissions } from '../src/domain/referral/commissions.js';
import { testDatabases } from './databases.js';
import { useHarness } from './harness.js';
import { expectLedgerBalanced, expectStatsMatchLedger, join, newProgram, nextRef } from './referral-helpers.js';
import { expectOk, type Json } from './util.js';

/** DB-backed properties are slow on a two-core machine; this still covers many hundreds of steps per database. */
const NUM_RUNS = 50;

type Command =
  | { t: 'order'; via: number; amount: number; buyer: 'friend' | 'self' | 'referrer'; ip: number | null }
  | { t: 'refund'; order: number; share: number }
  | { t: 'advance'; hours: number }
  /** Pays `share` of the promoter's available balance (over 1 asks for too much; 1 minor unit when there is none). */
  | { t: 'payout'; who: number; share: number }
  | { t: 'review'; which: number; approve: boolean };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('order' as const),
      via: fc.integer({ min: 0, max: 2 }),
      amount: fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.constantFrom(1, 9, 10_001, 99_999)),
      buyer: fc.constantFrom('friend' as const, 'friend' as const, 'self' as const, 'referrer' as const),
      ip: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null, freq: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('refund' as const),
      order: fc.nat(),
      share: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(1)),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 96 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('payout' as const),
      who: fc.integer({ min: 0, max: 2 }),
      share: fc.double({ min: 0.05, max: 1.25, noNaN: true }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('review' as const), which: fc.nat(), approve: fc.boolean() }) },
);

const programArb = fc.record({
  commission: fc.oneof(
    fc.record({ type: fc.constant('percent'), bps: fc.constantFrom(1, 333, 1000, 2500) }),
    fc.record({ type: fc.constant('fixed'), amount: fc.integer({ min: 1, max: 2000 }), currency: fc.constant('CNY') }),
  ),
  secondLevelBps: fc.option(fc.constantFrom(7, 300, 1000), { nil: undefined }),
  holdDays: fc.integer({ min: 0, max: 3 }),
});

interface ModelCommission {
  id: string;
  promoter: number;
  amount: number;
  reversed: number;
  status: string;
  availableAt: number;
}

const floorDiv = (a: number, b: number, c: number) => Number((BigInt(a) * BigInt(b)) / BigInt(c));

describe.each(testDatabases)('referral ledger property on $kind', ({ create }) => {
  const suite = useHarness(create);
  let run = 0;

  it('any sequence of orders, partial refunds, hold expiries, reviews and payouts keeps the books exact', async () => {
    const { h } = suite;
    await fc.assert(
      fc.asyncProperty(programArb, fc.array(commandArb, { minLength: 1, maxLength: 20 }), async (terms, commands) => {
        const r = ++run;
        const program = await newProgram(h, {
          ...terms,
          product: { title: 'Tea', url: 'https://shop.test/tea', currency: 'CNY' },
        });
        // A recruits B recruits C.
        const shoppers = [`lp${r}-a`, `lp${r}-b`, `lp${r}-c`];
        const promoters: Json[] = [];
        for (const [i, shopper] of shoppers.entries()) {
          // A joins from the network 0 that some orders come from: those are held as self_referral_device.
          const joined = await join(h, program.id, shopper, {
            ...(i > 0 ? { referredBy: promoters[i - 1].code } : {}),
            ...(i === 0 ? { ip: `10.99.${r & 255}.0` } : {}),
          });
          promoters.push(joined.promoter);
        }
        const commissions = new Map<string, ModelCommission>();
        const orders: Array<{ ref: string; amount: number; refunded: number; commissionIds: string[] }> = [];
        const paid = [0, 0, 0];
        const index = (promoterId: string) => promoters.findIndex((p) => p.id === promoterId);
        const balances = (i: number) => {
          const sum = { pending: 0, underReview: 0, available: 0 - (paid[i] ?? 0), paid: paid[i] ?? 0 };
          for (const c of commissions.values()) {
            if (c.promoter !== i) continue;
            const net = c.amount - c.reversed;
            if (c.status === 'pending') sum.pending += net;
            if (c.status === 'under_review') sum.underReview += net;
            if (c.status === 'available') sum.available += net;
          }
          return sum;
        };
        let friend = 0;

        for (const command of commands) {
          if (command.t === 'order') {
            const via = command.via;
            const referrer = via > 0 ? via - 1 : null;
            const buyer =
              command.buyer === 'self'
                ? shoppers[via]
                : command.buyer === 'referrer' && referrer !== null
                  ? shoppers[referrer]
                  : `lp${r}-friend-${++friend}`;
            const placed = await expectOk(
              await h.asMerchant('POST', '/v1/orders', {
                orderRef: nextRef(`lp${r}`),
                amount: command.amount,
                currency: 'CNY',
                shopperId: buyer,
                promoterCode: promoters[via].code,
                ...(command.ip === null ? {} : { ip: `10.99.${r & 255}.${command.ip}` }),
              }),
              201,
            );
            // The expected split: floor at each level, fixed capped at the order, nothing on one's own purchase.
            const expected: Array<[number, number, number]> = [];
            if (buyer !== shoppers[via]) {
              const c = terms.commission;
              const level1 = c.type === 'percent' ? floorDiv(command.amount, c.bps, 10_000) : Math.min(c.amount, command.amount);
              expected.push([via, 1, level1]);
              if (terms.secondLevelBps && referrer !== null && buyer !== shoppers[referrer]) {
                expected.push([referrer, 2, floorDiv(command.amount, terms.secondLevelBps, 10_000)]);
              }
            }
            expect(placed.commissions.map((c: Json) => [index(c.promoterId), c.level, c.amount])).toEqual(
              expected.filter(([, , amount]) => amount > 0),
            );
            const statuses = new Set(placed.commissions.map((c: Json) => c.status));
            expect(statuses.size).toBeLessThanOrEqual(1);
            for (const c of placed.commissions as Json[]) {
              expect(['pending', 'under_review']).toContain(c.status);
              commissions.set(c.id, {
                id: c.id,
                promoter: index(c.promoterId),
                amount: c.amount,
                reversed: 0,
                status: c.status,
                availableAt: Date.parse(c.availableAt),
              });
            }
            orders.push({
              ref: placed.orderRef,
              amount: command.amount,
              refunded: 0,
              commissionIds: placed.commissions.map((c: Json) => c.id),
            });
          } else if (command.t === 'refund') {
            const target = orders.length > 0 ? orders[command.order % orders.length] : undefined;
            if (!target || target.refunded === target.amount) continue;
            const left = target.amount - target.refunded;
            const amount = Math.max(1, Math.min(left, Math.round(left * command.share)));
            await expectOk(await h.asMerchant('POST', `/v1/orders/${encodeURIComponent(target.ref)}/refunds`, { amount }), 201);
            target.refunded += amount;
            for (const id of target.commissionIds) {
              const c = commissions.get(id) as ModelCommission;
              if (c.status === 'rejected' || c.status === 'reversed') continue;
              c.reversed = floorDiv(c.amount, target.refunded, target.amount);
              if (c.reversed === c.amount) c.status = 'reversed';
            }
          } else if (command.t === 'advance') {
            h.clock.advance(command.hours * 3600_000);
            // Every pass takes a batch; earlier runs' programs may have commissions due too.
            while ((await sweepCommissions(h.db, h.clock)) > 0);
            const now = h.clock.now().getTime();
            for (const c of commissions.values()) if (c.status === 'pending' && c.availableAt <= now) c.status = 'available';
          } else if (command.t === 'payout') {
            const available = balances(command.who).available;
            const amount = Math.max(1, Math.round(available * command.share));
            const response = await h.asMerchant('POST', `/v1/promoters/${promoters[command.who].id}/payouts`, {
              amount,
              reference: `lp-${r}`,
            });
            const allowed = amount <= available;
            expect(response.status).toBe(allowed ? 201 : 409);
            if (allowed) paid[command.who] = (paid[command.who] ?? 0) + amount;
          } else {
            const held = [...commissions.values()].filter((c) => c.status === 'under_review');
            const c = held[command.which % Math.max(1, held.length)];
            if (!c) continue;
            const answer = await expectOk(
              await h.asMerchant('POST', `/v1/commissions/${c.id}/${command.approve ? 'approve' : 'reject'}`),
            );
            c.status = !command.approve ? 'rejected' : c.availableAt <= h.clock.now().getTime() ? 'available' : 'pending';
            expect(answer.status).toBe(c.status);
          }

          // After every step: the books balance, and each promoter's figures are their ledger sums and the model's.
          await expectLedgerBalanced(h.db);
          for (const [i, shopper] of shoppers.entries()) {
            const stats = await expectStatsMatchLedger(h, program.id, shopper, promoters[i].id);
            expect({
              pending: stats.pending,
              underReview: stats.underReview,
              available: stats.available,
              paid: stats.paid,
            }).toEqual(balances(i));
          }
        }

        const rows = await h.db.query<{ id: string; status: string; reversed_amount: string | number }>(
          `select id, status, reversed_amount from commissions where program_id = $1`,
          [program.id],
        );
        expect(Object.fromEntries(rows.map((c) => [c.id, [c.status, Number(c.reversed_amount)]]))).toEqual(
          Object.fromEntries([...commissions.values()].map((c) => [c.id, [c.status, c.reversed]])),
        );
        // No fen created or lost: a fully refunded order has reversed every live commission exactly.
        for (const o of orders.filter((x) => x.refunded === x.amount)) {
          for (const id of o.commissionIds) {
            const c = commissions.get(id) as ModelCommission;
            if (c.status !== 'rejected') expect(c.reversed).toBe(c.amount);
          }
        }
      }),
      {
        numRuns: NUM_RUNS,
        // One scripted run first, so every kind of movement is exercised whatever the random runs draw.
        examples: [
          [
            { commission: { type: 'percent', bps: 1000 }, secondLevelBps: 300, holdDays: 1 },
            [
              { t: 'order', via: 2, amount: 10_001, buyer: 'friend', ip: 1 },
              { t: 'order', via: 0, amount: 5000, buyer: 'friend', ip: 0 },
              { t: 'order', via: 0, amount: 7000, buyer: 'friend', ip: 0 },
              { t: 'review', which: 0, approve: true },
              { t: 'review', which: 0, approve: false },
              { t: 'refund', order: 0, share: 0.33 },
              { t: 'advance', hours: 24 },
              { t: 'payout', who: 2, share: 0.5 },
              { t: 'payout', who: 2, share: 1.2 },
              { t: 'refund', order: 0, share: 1 },
              { t: 'payout', who: 0, share: 1 },
            ],
          ],
        ],
      },
    );
    await expectLedgerBalanced(h.db);
    // The runs went through every kind of movement (fraud holds come from shared IPs and own purchases).
    const kinds = await h.db.query<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from ledger_entries group by kind order by kind`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['accrue', 'approve', 'payout', 'reject', 'release', 'reversal']);
  });
});
