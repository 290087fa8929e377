import { describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { useHarness } from './harness.js';
import {
  DAY_MS,
  expectLedgerBalanced,
  expectStatsMatchLedger,
  join,
  newProgram,
  nextRef,
  order,
  programInput,
  refund,
  stats,
} from './referral-helpers.js';
import { expectError, expectOk, type Json } from './util.js';

const CROWD = 20;
const TIERS = [
  { name: 'Silver', minCommission30d: 1000, bps: 1500 },
  { name: 'Gold', minCommission30d: 5000, bps: 2000 },
];

describe.each(testDatabases)('promoter tiers, boost and first-order reward on $kind', ({ create }) => {
  const suite = useHarness(create);

  /** Moves the test clock to `hours` past the next UTC midnight, so a test knows which UTC day it is in. */
  const toNextUtcDay = (hours: number) => {
    const now = suite.h.clock.now();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    suite.h.clock.advance(midnight - now.getTime() + hours * 3600_000);
  };

  it('promotes at exactly the threshold; commissions keep the rate they were earned at', async () => {
    const { h } = suite;
    const program = await newProgram(h, { tiers: TIERS, secondLevelBps: undefined });
    expect(program.tiers).toEqual(TIERS);
    const p = await join(h, program.id, 'tier-p');
    // 9990 × 10 % = 999: one minor unit below Silver.
    const first = await order(h, { amount: 9990, promoterCode: p.promoter.code });
    expect(first.commissions[0]).toMatchObject({ kind: 'commission', rateBps: 1000, amount: 999 });
    expect(await stats(h, program.id, 'tier-p')).toMatchObject({
      commission30d: 999,
      tier: null,
      nextTier: { index: 0, name: 'Silver', minCommission30d: 1000, bps: 1500 },
      toNextTier: 1,
      rateBps: 1000,
    });
    // 10 × 10 % = 1: exactly the threshold.
    await order(h, { amount: 10, promoterCode: p.promoter.code });
    expect(await stats(h, program.id, 'tier-p')).toMatchObject({
      commission30d: 1000,
      tier: { index: 0, name: 'Silver', bps: 1500 },
      nextTier: { index: 1, name: 'Gold' },
      toNextTier: 4000,
      rateBps: 1500,
    });
    const next = await order(h, { amount: 10000, promoterCode: p.promoter.code });
    expect(next.commissions[0]).toMatchObject({ rateBps: 1500, amount: 1500 });
    // The earlier commission kept its rate.
    const replay = await expectOk(
      await h.asMerchant('POST', '/v1/orders', { orderRef: first.orderRef, amount: 9990, currency: 'CNY' }),
    );
    expect(replay.commissions[0]).toMatchObject({ rateBps: 1000, amount: 999 });
    const listed = await expectOk(await h.asMerchant('GET', `/v1/promoters?program=${program.id}`));
    expect(listed.data[0]).toMatchObject({ tierName: 'Silver', commission30d: 2500, showOnLeaderboard: true });
  });

  it('a refund lowers commission30d at once, the tier only from the next UTC midnight', async () => {
    const { h } = suite;
    const program = await newProgram(h, { tiers: TIERS, secondLevelBps: undefined });
    const p = await join(h, program.id, 'tier-down');
    toNextUtcDay(1);
    const placed = await order(h, { amount: 10000, promoterCode: p.promoter.code });
    expect(await stats(h, program.id, 'tier-down')).toMatchObject({ commission30d: 1000, tier: { name: 'Silver' } });
    h.clock.advance(DAY_MS);
    await refund(h, placed.orderRef, 10);
    expect(await stats(h, program.id, 'tier-down')).toMatchObject({
      commission30d: 999,
      tier: { name: 'Silver' },
      rateBps: 1500,
    });
    toNextUtcDay(0.01);
    expect(await stats(h, program.id, 'tier-down')).toMatchObject({ commission30d: 999, tier: null, rateBps: 1000 });
    const after = await order(h, { amount: 10000, promoterCode: p.promoter.code });
    expect(after.commissions[0]).toMatchObject({ rateBps: 1000, amount: 1000 });
  });

  it('the new-promoter boost applies for its days, then stops', async () => {
    const { h } = suite;
    const program = await newProgram(h, { newPromoterBoost: { bps: 3000, days: 7 } });
    const p = await join(h, program.id, 'boost-p');
    const s = await stats(h, program.id, 'boost-p');
    expect(s.rateBps).toBe(3000);
    expect(Date.parse(s.boostEndsAt) - h.clock.now().getTime()).toBeGreaterThan(7 * DAY_MS - 60_000);
    const boosted = await order(h, { amount: 10000, promoterCode: p.promoter.code });
    expect(boosted.commissions[0]).toMatchObject({ rateBps: 3000, amount: 3000 });
    h.clock.advance(7 * DAY_MS + 60_000);
    expect(await stats(h, program.id, 'boost-p')).toMatchObject({ rateBps: 1000, boostEndsAt: null });
    const plain = await order(h, { amount: 10000, promoterCode: p.promoter.code });
    expect(plain.commissions[0]).toMatchObject({ rateBps: 1000, amount: 1000 });
  });

  it(`the first-order reward is paid once under ${CROWD} concurrent reports of one order`, async () => {
    const { h } = suite;
    const program = await newProgram(h, { firstOrderReward: { amount: 500 } });
    const p = await join(h, program.id, 'reward-p');
    const body = { orderRef: nextRef('reward'), amount: 10000, currency: 'CNY', promoterCode: p.promoter.code };
    const responses = await Promise.all(
      Array.from({ length: CROWD }, () => Promise.resolve(h.asMerchant('POST', '/v1/orders', body))),
    );
    expect(responses.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
    const answers = (await Promise.all(responses.map((r) => r.json()))) as Json[];
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0].commissions.map((c: Json) => [c.kind, c.amount, c.status, c.rateBps])).toEqual([
      ['commission', 1000, 'pending', 1000],
      ['first_order_reward', 500, 'pending', null],
    ]);
    const [row] = await h.db.query<{ n: number }>(
      `select count(*)::int as n from commissions where promoter_id = $1 and kind = 'first_order_reward'`,
      [p.promoter.id],
    );
    expect(row?.n).toBe(1);
    // Held like a commission: it counts in pending.
    expect(await expectStatsMatchLedger(h, program.id, 'reward-p', p.promoter.id)).toMatchObject({
      pending: 1500,
      commission30d: 1000,
      firstOrderReward: { amount: 500, earned: true },
    });
    // A later order earns no second reward.
    const later = await order(h, { amount: 10000, promoterCode: p.promoter.code });
    expect(later.commissions.map((c: Json) => c.kind)).toEqual(['commission']);
    // A refund of its order reverses it by the same rule.
    const refunded = await refund(h, body.orderRef, 10000);
    expect(refunded.commissions.map((c: Json) => [c.kind, c.status, c.reversedAmount])).toEqual([
      ['commission', 'reversed', 1000],
      ['first_order_reward', 'reversed', 500],
    ]);
    expect(await expectStatsMatchLedger(h, program.id, 'reward-p', p.promoter.id)).toMatchObject({ pending: 1000 });
    await expectLedgerBalanced(h.db);
  });

  it('two different orders racing pay the first-order reward once', async () => {
    const { h } = suite;
    const program = await newProgram(h, { firstOrderReward: { amount: 500 } });
    const p = await join(h, program.id, 'reward-race');
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        Promise.resolve(
          h.asMerchant('POST', '/v1/orders', {
            orderRef: nextRef('rr'),
            amount: 2000,
            currency: 'CNY',
            promoterCode: p.promoter.code,
          }),
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    const answers = (await Promise.all(responses.map((r) => r.json()))) as Json[];
    const rewards = answers.flatMap((a) => a.commissions.filter((c: Json) => c.kind === 'first_order_reward'));
    expect(rewards).toHaveLength(1);
    expect(await expectStatsMatchLedger(h, program.id, 'reward-race', p.promoter.id)).toMatchObject({ pending: 6 * 200 + 500 });
    await expectLedgerBalanced(h.db);
  });

  it("the promoter's own purchase earns no first-order reward", async () => {
    const { h } = suite;
    const program = await newProgram(h, { firstOrderReward: { amount: 500 } });
    const p = await join(h, program.id, 'reward-self');
    const own = await order(h, { amount: 10000, promoterCode: p.promoter.code, shopperId: 'reward-self' });
    expect(own.commissions).toEqual([]);
    expect((await stats(h, program.id, 'reward-self')).firstOrderReward).toEqual({ amount: 500, earned: false });
    // The first order that is not their own earns it.
    const first = await order(h, { amount: 10000, promoterCode: p.promoter.code, shopperId: 'reward-friend' });
    expect(first.commissions.map((c: Json) => c.kind)).toEqual(['commission', 'first_order_reward']);
  });

  it("a reward added after a promoter's first order is not paid on a later one", async () => {
    const { h } = suite;
    const program = await newProgram(h);
    const p = await join(h, program.id, 'reward-late');
    await order(h, { amount: 10000, promoterCode: p.promoter.code });
    await expectOk(await h.asMerchant('PATCH', `/v1/referral-programs/${program.id}`, { firstOrderReward: { amount: 500 } }));
    const later = await order(h, { amount: 10000, promoterCode: p.promoter.code });
    expect(later.commissions.map((c: Json) => c.kind)).toEqual(['commission']);
    expect((await stats(h, program.id, 'reward-late')).firstOrderReward).toEqual({ amount: 500, earned: false });
  });

  it('PATCH sets and removes growth fields, and validates them', async () => {
    const { h } = suite;
    const program = await newProgram(h);
    const patch = (body: unknown) => h.asMerchant('PATCH', `/v1/referral-programs/${program.id}`, body);
    const set = await expectOk(
      await patch({ tiers: TIERS, firstOrderReward: { amount: 300 }, newPromoterBoost: { bps: 2000, days: 3 } }),
    );
    expect(set).toMatchObject({ tiers: TIERS, firstOrderReward: { amount: 300 }, newPromoterBoost: { bps: 2000, days: 3 } });
    const cleared = await expectOk(await patch({ tiers: null, newPromoterBoost: null }));
    expect(cleared).toMatchObject({ tiers: null, firstOrderReward: { amount: 300 }, newPromoterBoost: null, friendReward: null });

    const invalidPath = async (response: Response, path: string) => {
      const body = await expectError(response, 400, 'invalid_request');
      expect((body.error.details as Array<{ path: string[] }>).map((d) => d.path.join('.'))).toContain(path);
    };
    // secondLevelBps is 300: a tier or boost of 9800 makes 10100.
    await invalidPath(await patch({ tiers: [{ name: 'Top', minCommission30d: 1, bps: 9800 }] }), 'tiers.0.bps');
    await invalidPath(await patch({ newPromoterBoost: { bps: 9800, days: 3 } }), 'newPromoterBoost.bps');
    const fixed = programInput({ commission: { type: 'fixed', amount: 500, currency: 'CNY' } });
    await invalidPath(await h.asMerchant('POST', '/v1/referral-programs', { ...fixed, tiers: TIERS }), 'tiers');
    await invalidPath(
      await h.asMerchant('POST', '/v1/referral-programs', { ...fixed, newPromoterBoost: { bps: 100, days: 3 } }),
      'newPromoterBoost',
    );
    const unknown = await expectError(await patch({ friendReward: { voucherProductId: 'vpr_nope' } }), 404, 'not_found');
    expect(unknown.error.details).toMatchObject({ field: 'friendReward.voucherProductId' });
    expect(await expectOk(await h.asMerchant('GET', `/v1/referral-programs/${program.id}`))).toMatchObject({ tiers: null });
  });
});
