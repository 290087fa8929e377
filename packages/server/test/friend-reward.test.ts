import { describe, expect, it, vi } from 'vitest';
import { migrate } from '../src/infra/migrate.js';
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
  order,
  orderRequest,
} from './referral-helpers.js';
import { expectError, expectOk, type Json } from './util.js';

const CROWD = 20;
const AMOUNT_OFF = { amountOff: 1000, minSpend: 5000, validDays: 10 };

// Codes the friend reward's generator hands out before its random ones, so a test can force a clash.
// Only importers of the module see the mock: joining as a promoter keeps the real generator.
const forcedCodes = vi.hoisted((): string[] => []);
vi.mock('../src/domain/referral/attribution.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/domain/referral/attribution.js')>();
  return { ...actual, newPromoterCode: () => forcedCodes.shift() ?? actual.newPromoterCode() };
});

describe.each(testDatabases)('the friend reward on $kind', ({ create }) => {
  const suite = useHarness(create);

  const claimRequest = (programId: string, shopperId: string, attributionId: string) =>
    asShopper(suite.h, shopperId, 'POST', `/v1/referral-programs/${programId}/friend-reward`, { attributionId });
  const claim = async (programId: string, shopperId: string, attributionId: string) =>
    expectOk(await claimRequest(programId, shopperId, attributionId), 201);

  /** A program with the amount-off reward, a promoter ("tea-promoter", masked T***) and a live click of theirs. */
  async function setup(overrides: Record<string, unknown> = {}) {
    const program = await newProgram(suite.h, { friendReward: AMOUNT_OFF, ...overrides });
    const promoter = await join(suite.h, program.id, 'tea-promoter');
    const landed = await click(suite.h, promoter.promoter.code);
    return { program, promoter, attributionId: landed.attributionId as string };
  }

  it(`is issued once under ${CROWD} concurrent claims by one friend, with the promoter's name masked`, async () => {
    const { h } = suite;
    const { program, attributionId } = await setup();
    expect(program.friendReward).toEqual({
      kind: 'amount_off',
      voucherProductId: null,
      voucherTitle: null,
      amountOff: 1000,
      minSpend: 5000,
      validDays: 10,
    });
    await freshToken(h, 'friend-crowd');
    const responses = await Promise.all(
      Array.from({ length: CROWD }, () => claimRequest(program.id, 'friend-crowd', attributionId)),
    );
    expect(responses.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
    expect(responses.map((r) => r.status).filter((s) => s !== 201 && s !== 200)).toEqual([]);
    const rewards = (await Promise.all(responses.map((r) => r.json()))) as Json[];
    expect(new Set(rewards.map((r) => r.id)).size).toBe(1);
    const reward = rewards[0] as Json;
    expect(reward).toMatchObject({
      kind: 'amount_off',
      amountOff: 1000,
      minSpend: 5000,
      currency: 'CNY',
      promoterName: 'T***',
      usedAt: null,
    });
    expect(reward.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(reward.expiresAt).toBe(new Date(h.clock.now().getTime() + 10 * DAY_MS).toISOString());
    const [row] = await h.db.query<{ n: number }>(
      `select count(*)::int as n from friend_rewards where shopper_id = 'friend-crowd'`,
    );
    expect(row?.n).toBe(1);
    const mine = await expectOk(await asShopper(h, 'friend-crowd', 'GET', `/v1/referral-programs/${program.id}/friend-reward`));
    expect(mine.reward).toMatchObject({ id: reward.id, promoterName: 'T***' });
    expect(JSON.stringify(mine)).not.toContain('tea-promoter');
    const none = await expectOk(await asShopper(h, 'nobody', 'GET', `/v1/referral-programs/${program.id}/friend-reward`));
    expect(none.reward).toBeNull();
  });

  it("takes another code when the generated one is already another reward's", async () => {
    const { h } = suite;
    const { program, promoter, attributionId } = await setup();
    const first = await claim(program.id, 'friend-first', attributionId);
    forcedCodes.push(first.code);
    const second = await claim(program.id, 'friend-second', attributionId);
    expect(forcedCodes).toEqual([]);
    expect(second.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(second.code).not.toBe(first.code);
    const [row] = await h.db.query<{ n: number }>(`select count(*)::int as n from friend_rewards where program_id = $1`, [
      program.id,
    ]);
    expect(row?.n).toBe(2);
    // Each code still credits its own order.
    const placed = await order(h, { amount: 6000, shopperId: 'friend-second', friendCoupon: second.code });
    expect(placed.promoterId).toBe(promoter.promoter.id);
    const mine = await expectOk(await asShopper(h, 'friend-first', 'GET', `/v1/referral-programs/${program.id}/friend-reward`));
    expect(mine.reward).toMatchObject({ id: first.id, code: first.code, usedAt: null });
  });

  it('refuses the own link, an expired click, a program without a reward and a paused program', async () => {
    const { h } = suite;
    const { program, attributionId } = await setup();
    await expectError(await claimRequest(program.id, 'tea-promoter', attributionId), 409, 'own_referral_link');
    const bare = await newProgram(h);
    const bareP = await join(h, bare.id, 'bare-promoter');
    const bareClick = await click(h, bareP.promoter.code);
    await expectError(await claimRequest(bare.id, 'friend-bare', bareClick.attributionId), 409, 'no_friend_reward');
    const unknown = await expectError(await claimRequest(program.id, 'friend-x', 'clk_nope'), 404, 'not_found');
    expect(unknown.error.details).toMatchObject({ field: 'attributionId' });
    h.clock.advance(31 * DAY_MS);
    await expectError(await claimRequest(program.id, 'friend-late', attributionId), 409, 'attribution_expired');
    const fresh = await click(h, (await join(h, program.id, 'second-promoter')).promoter.code);
    await expectOk(await h.asMerchant('PATCH', `/v1/referral-programs/${program.id}`, { status: 'paused' }));
    await expectError(await claimRequest(program.id, 'friend-paused', fresh.attributionId), 409, 'campaign_not_active');
  });

  it('the voucher kind issues a real voucher to the friend', async () => {
    const { h } = suite;
    const product = await expectOk(
      await h.asMerchant('POST', '/v1/voucher-products', { title: 'Free tea sample', uses: 1 }),
      201,
    );
    const { program, attributionId } = await setup({ friendReward: { voucherProductId: product.id } });
    expect(program.friendReward).toMatchObject({
      kind: 'voucher',
      voucherProductId: product.id,
      voucherTitle: 'Free tea sample',
    });
    const reward = await claim(program.id, 'friend-voucher', attributionId);
    expect(reward).toMatchObject({ kind: 'voucher', voucherTitle: 'Free tea sample', amountOff: null });
    expect(reward.voucherId).toEqual(expect.any(String));
    const [voucher] = await h.db.query<{ shopper_id: string; product_id: string }>(
      `select shopper_id, product_id from vouchers where id = $1`,
      [reward.voucherId],
    );
    expect(voucher).toEqual({ shopper_id: 'friend-voucher', product_id: product.id });
    const again = await expectOk(await claimRequest(program.id, 'friend-voucher', attributionId), 200);
    expect(again.voucherId).toBe(reward.voucherId);
  });

  it('a voucher gift reads as used from its first redemption at the counter', async () => {
    const { h } = suite;
    const product = await expectOk(await h.asMerchant('POST', '/v1/voucher-products', { title: 'Tasting', uses: 2 }), 201);
    const { program, attributionId } = await setup({ friendReward: { voucherProductId: product.id } });
    const reward = await claim(program.id, 'friend-counter', attributionId);
    const { staffKey } = await expectOk(await h.asMerchant('POST', '/v1/staff-keys', { store: 'West Lake' }), 201);
    const redeemAt = async (at: Date) => {
      h.clock.advance(at.getTime() - h.clock.now().getTime());
      const { code } = await expectOk(await asShopper(h, 'friend-counter', 'GET', `/v1/vouchers/${reward.voucherId}/code`));
      const redeemed = await h.server.app.request('/v1/redemptions', {
        method: 'POST',
        headers: { authorization: `Bearer ${staffKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      expect(redeemed.status, await redeemed.clone().text()).toBe(201);
    };
    const mine = async () =>
      (await expectOk(await asShopper(h, 'friend-counter', 'GET', `/v1/referral-programs/${program.id}/friend-reward`))).reward;
    expect((await mine()).usedAt).toBeNull();
    const first = new Date(h.clock.now().getTime() + 60_000);
    await redeemAt(first);
    expect((await mine()).usedAt).toBe(first.toISOString());
    // The second use keeps the first one's time.
    await redeemAt(new Date(first.getTime() + 3600_000));
    expect((await mine()).usedAt).toBe(first.toISOString());
  });

  it("the voucher kind expires with its voucher: the product's end, or never", async () => {
    const { h } = suite;
    // Far from the amount-off kind's 30 days, so a made-up expiry would show.
    const validUntil = '2027-03-01T00:00:00.000Z';
    const ending = await expectOk(
      await h.asMerchant('POST', '/v1/voucher-products', { title: 'Spring tea', uses: 1, validUntil }),
      201,
    );
    const endless = await expectOk(await h.asMerchant('POST', '/v1/voucher-products', { title: 'Tea cup', uses: 1 }), 201);
    const withEnd = await setup({ friendReward: { voucherProductId: ending.id } });
    const withoutEnd = await setup({ friendReward: { voucherProductId: endless.id } });

    const dated = await claim(withEnd.program.id, 'friend-dated', withEnd.attributionId);
    expect(dated.expiresAt).toBe(validUntil);
    const voucher = await expectOk(await asShopper(h, 'friend-dated', 'GET', `/v1/vouchers/${dated.voucherId}`));
    expect(voucher.validUntil).toBe(dated.expiresAt);
    const mine = await expectOk(
      await asShopper(h, 'friend-dated', 'GET', `/v1/referral-programs/${withEnd.program.id}/friend-reward`),
    );
    expect(mine.reward.expiresAt).toBe(validUntil);

    const open = await claim(withoutEnd.program.id, 'friend-open', withoutEnd.attributionId);
    expect(open.expiresAt).toBeNull();
    const again = await expectOk(await claimRequest(withoutEnd.program.id, 'friend-open', withoutEnd.attributionId), 200);
    expect(again.expiresAt).toBeNull();

    // Past the product's end, its coupon is refused; the endless one still pays for an order.
    h.clock.advance(Date.parse(validUntil) - h.clock.now().getTime());
    await expectError(await orderRequest(h, { amount: 9000, friendCoupon: dated.code }), 409, 'friend_coupon_expired');
    const placed = await order(h, { amount: 9000, shopperId: 'friend-open', friendCoupon: open.code });
    expect(placed.promoterId).toBe(withoutEnd.promoter.promoter.id);
  });

  it('migration 0026 gives a voucher reward claimed before it its voucher’s end', async () => {
    const { h } = suite;
    const validUntil = '2027-02-14T00:00:00.000Z';
    const product = await expectOk(
      await h.asMerchant('POST', '/v1/voucher-products', { title: 'Tea tin', uses: 1, validUntil }),
      201,
    );
    const { program, attributionId } = await setup({ friendReward: { voucherProductId: product.id } });
    const reward = await claim(program.id, 'friend-before-0026', attributionId);
    const amountOff = await setup();
    const kept = await claim(amountOff.program.id, 'friend-kept', amountOff.attributionId);
    // As 0025's code wrote it: 30 days from the claim, whatever the voucher said.
    const madeUp = new Date(h.clock.now().getTime() + 30 * DAY_MS).toISOString();
    await h.db.query(`update friend_rewards set expires_at = $2::timestamptz where id = $1`, [reward.id, madeUp]);
    await h.db.query(`delete from flock_migrations where name = '0026_friend_reward_expiry.sql'`);
    expect(await migrate(h.db)).toEqual(['0026_friend_reward_expiry.sql']);
    const mine = await expectOk(
      await asShopper(h, 'friend-before-0026', 'GET', `/v1/referral-programs/${program.id}/friend-reward`),
    );
    expect(mine.reward.expiresAt).toBe(validUntil);
    const theirs = await expectOk(
      await asShopper(h, 'friend-kept', 'GET', `/v1/referral-programs/${amountOff.program.id}/friend-reward`),
    );
    expect(theirs.reward.expiresAt).toBe(kept.expiresAt);
  });

  it('the amount-off kind expires after validDays, 30 when the program does not say', async () => {
    const { h } = suite;
    const { program, attributionId } = await setup({ friendReward: { amountOff: 500, minSpend: 3000 } });
    const reward = await claim(program.id, 'friend-default-days', attributionId);
    expect(reward.expiresAt).toBe(new Date(h.clock.now().getTime() + 30 * DAY_MS).toISOString());
  });

  it('an order with the coupon uses it once and credits the promoter without an attributionId', async () => {
    const { h } = suite;
    const { program, promoter, attributionId } = await setup();
    const reward = await claim(program.id, 'friend-buyer', attributionId);
    const placed = await order(h, { amount: 6000, shopperId: 'friend-buyer', friendCoupon: reward.code.toLowerCase() });
    expect(placed.promoterId).toBe(promoter.promoter.id);
    expect(placed.commissions.map((c: Json) => [c.level, c.kind, c.amount])).toEqual([[1, 'commission', 600]]);
    const used = await expectOk(await asShopper(h, 'friend-buyer', 'GET', `/v1/referral-programs/${program.id}/friend-reward`));
    expect(used.reward.usedAt).toEqual(expect.any(String));
    const listed = await expectOk(await h.asMerchant('GET', `/v1/orders?program=${program.id}`));
    expect(listed.data[0]).toMatchObject({ orderRef: placed.orderRef, friendCoupon: reward.code });
    const twice = await expectError(
      await orderRequest(h, { amount: 6000, shopperId: 'friend-buyer', friendCoupon: reward.code }),
      409,
      'friend_coupon_used',
    );
    expect(twice.error.details).toMatchObject({ field: 'friendCoupon' });
    expect(await expectStatsMatchLedger(h, program.id, 'tea-promoter', promoter.promoter.id)).toMatchObject({ pending: 600 });
    await expectLedgerBalanced(h.db);
  });

  it(`${CROWD} concurrent reports of one order with the coupon record it once`, async () => {
    const { h } = suite;
    const { program, attributionId } = await setup();
    const reward = await claim(program.id, 'friend-dup', attributionId);
    const body = { orderRef: `dup-${reward.code}`, amount: 7000, currency: 'CNY', friendCoupon: reward.code };
    const responses = await Promise.all(
      Array.from({ length: CROWD }, () => Promise.resolve(h.asMerchant('POST', '/v1/orders', body))),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(CROWD - 1);
    const [row] = await h.db.query<{ n: number }>(`select count(*)::int as n from orders where friend_coupon = $1`, [
      reward.code,
    ]);
    expect(row?.n).toBe(1);
  });

  it('refuses an order below the minimum spend, an expired coupon and an unknown code', async () => {
    const { h } = suite;
    const { program, attributionId } = await setup();
    const small = await claim(program.id, 'friend-small', attributionId);
    const below = await expectError(
      await orderRequest(h, { amount: 3999, shopperId: 'friend-small', friendCoupon: small.code }),
      409,
      'friend_coupon_min_spend',
    );
    expect(below.error.details).toMatchObject({ field: 'friendCoupon', minSpend: 5000 });
    // Nothing was written: the coupon still works at the minimum spend.
    const [before] = await h.db.query<{ used: Date | null }>(`select used_at as used from friend_rewards where id = $1`, [
      small.id,
    ]);
    expect(before?.used).toBeNull();
    const late = await claim(program.id, 'friend-late', attributionId);
    h.clock.advance(10 * DAY_MS + 60_000);
    await expectError(await orderRequest(h, { amount: 9000, friendCoupon: late.code }), 409, 'friend_coupon_expired');
    const unknown = await expectError(await orderRequest(h, { amount: 9000, friendCoupon: 'ZZZZZZZZ' }), 404, 'not_found');
    expect(unknown.error.details).toMatchObject({ field: 'friendCoupon' });
  });

  it("refuses a coupon of another program than the order's attribution", async () => {
    const { h } = suite;
    const { program, attributionId } = await setup();
    const reward = await claim(program.id, 'friend-other', attributionId);
    const other = await newProgram(h);
    const otherP = await join(h, other.id, 'other-promoter');
    await expectError(
      await orderRequest(h, { amount: 9000, promoterCode: otherP.promoter.code, friendCoupon: reward.code }),
      409,
      'friend_coupon_other_program',
    );
  });
});
