import { describe, expect, it } from 'vitest';
import { sweepCommissions } from '../src/domain/referral/commissions.js';
import { testDatabases } from './databases.js';
import { useHarness } from './harness.js';
import {
  asShopper,
  click,
  DAY_MS,
  expectLedgerBalanced,
  expectStatsMatchLedger,
  freshToken,
  join,
  newProgram,
  nextRef,
  order,
} from './referral-helpers.js';
import { expectOk, type Json } from './util.js';

const CROWD = 20;

describe.each(testDatabases)('referral races on $kind', ({ create }) => {
  const suite = useHarness(create);

  it(`${CROWD} concurrent reports of one order → one order, one set of commissions`, async () => {
    const { h } = suite;
    const program = await newProgram(h);
    const a = await join(h, program.id, 'race-a');
    const b = await join(h, program.id, 'race-b', { referredBy: a.promoter.code });
    const attribution = await click(h, b.promoter.code);
    const body = { orderRef: nextRef('race'), amount: 8888, currency: 'CNY', attributionId: attribution.attributionId };
    const responses = await Promise.all(
      Array.from({ length: CROWD }, () => Promise.resolve(h.asMerchant('POST', '/v1/orders', body))),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(CROWD - 1);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Json[];
    for (const answer of bodies) expect(answer).toEqual(bodies[0]);
    expect(bodies[0].commissions.map((c: Json) => [c.level, c.amount])).toEqual([
      [1, 888],
      [2, 266],
    ]);

    const [counts] = await h.db.query<{ orders: number; commissions: number; entries: number }>(
      `select (select count(*)::int from orders where order_ref = $1) as orders,
              (select count(*)::int from commissions c join orders o on o.id = c.order_id where o.order_ref = $1) as commissions,
              (select count(*)::int from ledger_entries where program_id = $2) as entries`,
      [body.orderRef, program.id],
    );
    expect(counts).toEqual({ orders: 1, commissions: 2, entries: 4 });
    expect(await expectStatsMatchLedger(h, program.id, 'race-b', b.promoter.id)).toMatchObject({ pending: 888, orders: 1 });
    expect(await expectStatsMatchLedger(h, program.id, 'race-a', a.promoter.id)).toMatchObject({ pending: 266 });
    await expectLedgerBalanced(h.db);
  });

  it('a shopper joining many times at once is one promoter', async () => {
    const { h } = suite;
    const program = await newProgram(h);
    await freshToken(h, 'race-joiner');
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => asShopper(h, 'race-joiner', 'POST', `/v1/referral-programs/${program.id}/promoters`, {})),
    );
    expect(responses.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
    const ids = new Set(((await Promise.all(responses.map((r) => r.json()))) as Json[]).map((b) => b.promoter.id));
    expect(ids.size).toBe(1);
  });

  it('several sweepers at once release each commission once', async () => {
    const { h } = suite;
    const program = await newProgram(h, { holdDays: 1 });
    const p = await join(h, program.id, 'sweep-p');
    const placed: Json[] = [];
    for (let i = 0; i < 8; i++) placed.push(await order(h, { amount: 1000 + i, promoterCode: p.promoter.code }));
    h.clock.advance(DAY_MS);
    const released = await Promise.all(Array.from({ length: 4 }, () => sweepCommissions(h.db, h.clock)));
    expect(released.reduce((x, y) => x + y, 0)).toBe(8);
    const [row] = await h.db.query<{ releases: number; webhooks: number }>(
      `select (select count(*)::int from ledger_entries where program_id = $1 and kind = 'release') as releases,
              (select count(*)::int from webhook_events where type = 'commission.available' and payload like '%' || $2 || '%') as webhooks`,
      [program.id, p.promoter.id],
    );
    expect(row).toEqual({ releases: 16, webhooks: 8 });
    expect(await expectStatsMatchLedger(h, program.id, 'sweep-p', p.promoter.id)).toMatchObject({
      pending: 0,
      available: placed.reduce((sum, o) => sum + o.commissions[0].amount, 0),
    });
  });

  it('concurrent payouts never spend more than is available', async () => {
    const { h } = suite;
    const program = await newProgram(h, { holdDays: 0 });
    const p = await join(h, program.id, 'payout-p');
    await order(h, { amount: 10000, promoterCode: p.promoter.code });
    await h.server.runJobs();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        Promise.resolve(h.asMerchant('POST', `/v1/promoters/${p.promoter.id}/payouts`, { amount: 300, reference: `r${i}` })),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    expect(await expectStatsMatchLedger(h, program.id, 'payout-p', p.promoter.id)).toMatchObject({ available: 100, paid: 900 });
  });

  it('concurrent partial refunds reverse exactly the whole commission', async () => {
    const { h } = suite;
    const program = await newProgram(h);
    const a = await join(h, program.id, 'refund-a');
    const b = await join(h, program.id, 'refund-b', { referredBy: a.promoter.code });
    const placed = await order(h, { amount: 9999, promoterCode: b.promoter.code });
    const parts = [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 999, 1];
    const responses = await Promise.all(
      parts.map((amount) => Promise.resolve(h.asMerchant('POST', `/v1/orders/${placed.orderRef}/refunds`, { amount }))),
    );
    const statuses = responses.map((r) => r.status);
    // 9999 + 1 would exceed the order: exactly one part is refused, whichever came last.
    expect(statuses.filter((s) => s === 201)).toHaveLength(parts.length - 1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    // The refused part is always the last one processed, so one unit less of it is still refundable.
    const remaining = (parts[statuses.indexOf(409)] as number) - 1;
    if (remaining > 0) {
      await expectOk(await h.asMerchant('POST', `/v1/orders/${placed.orderRef}/refunds`, { amount: remaining }), 201);
    }
    const final = await expectOk(
      await h.asMerchant('POST', '/v1/orders', { orderRef: placed.orderRef, amount: 9999, currency: 'CNY' }),
    );
    expect(final.refundedAmount).toBe(9999);
    expect(final.commissions.map((c: Json) => [c.reversedAmount, c.amount, c.status])).toEqual([
      [999, 999, 'reversed'],
      [299, 299, 'reversed'],
    ]);
    expect(await expectStatsMatchLedger(h, program.id, 'refund-b', b.promoter.id)).toMatchObject({ pending: 0 });
    await expectLedgerBalanced(h.db);
  });
});
