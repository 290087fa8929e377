import { AssistStats, OrderStats, RedemptionStats, TeamStats } from '@flock/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMerchant, createStaffKey } from '../src/domain/merchants.js';
import { testDatabases } from './databases.js';
import { offerInput, SHOP_ORIGIN, useHarness } from './harness.js';
import { asShopper, join, order, programInput, refund } from './referral-helpers.js';
import { expectError, expectOk, type Json } from './util.js';

// GET /v1/stats/{teams,assists,orders,redemptions}: the console's overview charts, counted per
// day in the merchant's time zone from the rows the other routes wrote. Everything below happens
// at three instants around midnight in Shanghai (UTC+8), which is not midnight in UTC:
const BEFORE_MIDNIGHT = new Date('2026-11-20T15:30:00Z'); // Shanghai 20 Nov 23:30, UTC 20 Nov
const AFTER_MIDNIGHT = new Date('2026-11-20T16:30:00Z'); // Shanghai 21 Nov 00:30, UTC 20 Nov
const NEXT_NIGHT = new Date('2026-11-21T17:00:00Z'); // Shanghai 22 Nov 01:00, UTC 21 Nov
const RANGE = 'from=2026-11-19&to=2026-11-23';
const DAYS = ['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'];

describe.each(testDatabases)('per-day stats on $kind', ({ create }) => {
  const suite = useHarness(create);

  const stats = async (series: string, query: string) =>
    expectOk(await suite.h.asMerchant('GET', `/v1/stats/${series}?${query}`)) as Promise<Json>;
  const at = (instant: Date) => suite.h.clock.set(instant);

  beforeAll(async () => {
    const { h } = suite;
    const pay = async (reservationId: string, orderRef: string) =>
      expectOk(await h.asMerchant('POST', `/v1/reservations/${reservationId}/confirm`, { orderRef }));

    // Group buy: teams of two that must fill within two hours.
    at(new Date('2026-11-20T12:00:00Z'));
    const offer = await expectOk(
      await h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ teamSize: 2, teamTtlSeconds: 7200 })),
      201,
    );
    const campaign = await expectOk(
      await h.asMerchant('POST', '/v1/assist-campaigns', {
        productRef: 'tea-001',
        title: 'Help me get tea',
        mode: 'progress',
        goal: 1,
        ttlSeconds: 3 * 86400,
        reward: { description: 'A free tin of tea' },
      }),
      201,
    );
    const program = await expectOk(await h.asMerchant('POST', '/v1/referral-programs', programInput()), 201);
    const promoterPhone = '203.0.113.7';
    const promoter = await join(h, program.id, 'pat', { ip: promoterPhone });
    const product = await expectOk(await h.asMerchant('POST', '/v1/voucher-products', { title: 'Tea tasting', uses: 10 }), 201);
    const voucher = await expectOk(
      await h.asMerchant('POST', '/v1/vouchers', { productId: product.id, shopperId: 'hal', orderRef: 'v-1' }),
      201,
    );
    const staff = {
      Xihu: (await createStaffKey(h.db, h.clock, h.merchant.merchantId, 'Xihu')).staffKey,
      Binjiang: (await createStaffKey(h.db, h.clock, h.merchant.merchantId, 'Binjiang')).staffKey,
    };
    const redeemAt = async (store: keyof typeof staff) => {
      const { code } = await expectOk(await asShopper(h, 'hal', 'GET', `/v1/vouchers/${voucher.id}/code`));
      const response = await h.server.app.request('/v1/redemptions', {
        method: 'POST',
        headers: { authorization: `Bearer ${staff[store]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      await expectOk(response, 201);
    };
    const openTeam = async (leader: string) =>
      expectOk(await asShopper(h, leader, 'POST', `/v1/group-buy-offers/${offer.id}/teams`, {}), 201);

    at(BEFORE_MIDNIGHT);
    const filled = await openTeam('ann');
    await pay(filled.reservation.id, 'o-ann');
    await expectOk(await asShopper(h, 'eve', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}), 201);
    const commissioned = await order(h, {
      orderRef: 'o-1',
      amount: 9900,
      promoterCode: promoter.promoter.code,
      ip: '198.51.100.2',
    });
    expect(commissioned.commissions.map((c: Json) => c.amount)).toEqual([990]);
    await redeemAt('Xihu');

    at(AFTER_MIDNIGHT);
    const seat = await expectOk(await asShopper(h, 'ben', 'POST', `/v1/teams/${filled.team.id}/reservations`, {}), 201);
    await pay(seat.reservation.id, 'o-ben');
    const lonely = await openTeam('cai');
    await pay(lonely.reservation.id, 'o-cai');
    await openTeam('dan'); // never paid: never opens
    const assist = await expectOk(await asShopper(h, 'gus', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}), 201);
    const eves = await h.db.query<{ id: string }>(`select id from assists where owner_shopper_id = 'eve'`);
    await expectOk(
      await asShopper(h, 'fay', 'POST', `/v1/assists/${eves[0]?.id}/helps`, {}, { 'x-forwarded-for': '198.51.100.9' }),
      201,
    );
    expect(assist.assist.status).toBe('active');
    await order(h, { orderRef: 'o-2', amount: 5000 });
    await order(h, { orderRef: 'o-3', amount: 1200, currency: 'USD' });
    // Ordered from the promoter's own phone: held for review, then rejected, so it earns nothing.
    const suspicious = await order(h, { orderRef: 'o-4', amount: 2000, promoterCode: promoter.promoter.code, ip: promoterPhone });
    expect(suspicious.commissions[0].status).toBe('under_review');
    await expectOk(await h.asMerchant('POST', `/v1/commissions/${suspicious.commissions[0].id}/reject`));
    await redeemAt('Xihu');
    await redeemAt('Binjiang');

    // Another shop's order the same night counts only for that shop.
    const other = await createMerchant(h.db, h.clock, h.server.secrets, { name: 'Other shop', origins: [SHOP_ORIGIN] });
    const elsewhere = await h.server.app.request('/v1/orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${other.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderRef: 'o-other', amount: 777, currency: 'CNY' }),
    });
    expect(elsewhere.status).toBe(201);

    at(NEXT_NIGHT);
    // The lonely team's two hours ran out and the unpaid one lapsed: the sweep closes both as failed.
    await h.server.runJobs();
    // Half of the first order refunded: half its commission reversed.
    const refunded = await refund(h, 'o-1', 4950);
    expect(refunded.commissions[0].reversedAmount).toBe(495);
    await redeemAt('Binjiang');
    await redeemAt('Binjiang');
  });

  it('counts teams opened on the day the leader paid, and succeeded or failed on the day they closed', async () => {
    const shanghai = TeamStats.parse(await stats('teams', `${RANGE}&timeZone=Asia/Shanghai`));
    expect(shanghai).toEqual({
      from: '2026-11-19',
      to: '2026-11-23',
      timeZone: 'Asia/Shanghai',
      days: DAYS,
      opened: [0, 1, 1, 0, 0],
      succeeded: [0, 0, 1, 0, 0],
      failed: [0, 0, 0, 1, 0],
    });
    // The same teams in UTC: both openings fall on the 20th, and the failure on the 21st.
    const utc = TeamStats.parse(await stats('teams', RANGE));
    expect(utc).toMatchObject({ timeZone: 'UTC', opened: [0, 2, 0, 0, 0], succeeded: [0, 1, 0, 0, 0], failed: [0, 0, 1, 0, 0] });
  });

  it('counts assists started and completed per day', async () => {
    const shanghai = AssistStats.parse(await stats('assists', `${RANGE}&timeZone=Asia/Shanghai`));
    expect(shanghai).toMatchObject({ days: DAYS, started: [0, 1, 1, 0, 0], completed: [0, 0, 1, 0, 0] });
    const utc = AssistStats.parse(await stats('assists', RANGE));
    expect(utc).toMatchObject({ started: [0, 2, 0, 0, 0], completed: [0, 1, 0, 0, 0] });
  });

  it('sums orders and their commission per day and currency, less reversals, without rejected commissions', async () => {
    const shanghai = OrderStats.parse(await stats('orders', `${RANGE}&timeZone=Asia/Shanghai`));
    expect(shanghai.days).toEqual(DAYS);
    expect(shanghai.currencies).toEqual([
      { currency: 'CNY', orders: [0, 1, 2, 0, 0], amount: [0, 9900, 7000, 0, 0], commission: [0, 495, 0, 0, 0] },
      { currency: 'USD', orders: [0, 0, 1, 0, 0], amount: [0, 0, 1200, 0, 0], commission: [0, 0, 0, 0, 0] },
    ]);
    const utc = OrderStats.parse(await stats('orders', RANGE));
    expect(utc.currencies).toEqual([
      { currency: 'CNY', orders: [0, 3, 0, 0, 0], amount: [0, 16900, 0, 0, 0], commission: [0, 495, 0, 0, 0] },
      { currency: 'USD', orders: [0, 1, 0, 0, 0], amount: [0, 1200, 0, 0, 0], commission: [0, 0, 0, 0, 0] },
    ]);
  });

  it('counts redemptions per store and day, the busiest store first', async () => {
    const shanghai = RedemptionStats.parse(await stats('redemptions', `${RANGE}&timeZone=Asia/Shanghai`));
    expect(shanghai.stores).toEqual([
      { store: 'Binjiang', redemptions: [0, 0, 1, 2, 0] },
      { store: 'Xihu', redemptions: [0, 1, 1, 0, 0] },
    ]);
    const utc = RedemptionStats.parse(await stats('redemptions', RANGE));
    expect(utc.stores).toEqual([
      { store: 'Binjiang', redemptions: [0, 1, 2, 0, 0] },
      { store: 'Xihu', redemptions: [0, 2, 0, 0, 0] },
    ]);
  });

  it('answers every day of a quiet range as zeros, and no currency or store at all', async () => {
    const query = 'from=2026-10-01&to=2026-10-31&timeZone=Europe/Berlin';
    const teams = TeamStats.parse(await stats('teams', query));
    expect(teams.days).toHaveLength(31);
    expect(teams.days[0]).toBe('2026-10-01');
    expect(teams.days.at(-1)).toBe('2026-10-31');
    // 25 October is 25 hours long in Berlin (summer time ends); it is still one day.
    expect(teams.days).toContain('2026-10-25');
    expect([...teams.opened, ...teams.succeeded, ...teams.failed].every((n) => n === 0)).toBe(true);
    expect(AssistStats.parse(await stats('assists', query)).started).toEqual(new Array(31).fill(0));
    expect(OrderStats.parse(await stats('orders', query)).currencies).toEqual([]);
    expect(RedemptionStats.parse(await stats('redemptions', query)).stores).toEqual([]);
    // Inside the busy range, the quiet days are zeros too, one per day.
    expect((await stats('teams', 'from=2026-11-01&to=2026-11-30&timeZone=Asia/Shanghai')).opened).toEqual(
      Array.from({ length: 30 }, (_, i) => (i === 19 || i === 20 ? 1 : 0)),
    );
  });

  it('names the zone as IANA does, and takes up to 92 days, read in two halves that join seamlessly', async () => {
    expect((await stats('teams', `${RANGE}&timeZone=asia/shanghai`)).timeZone).toBe('Asia/Shanghai');
    const quarter = await stats('orders', 'from=2026-08-24&to=2026-11-23&timeZone=Asia/Shanghai');
    expect(quarter.days).toHaveLength(92);
    expect(quarter.currencies[0].orders.reduce((a: number, b: number) => a + b, 0)).toBe(3);
    // 32 days are read as 5–20 Nov and 21 Nov–6 Dec: the teams of 20 and 21 Nov sit either side.
    const split = await stats('teams', 'from=2026-11-05&to=2026-12-06&timeZone=Asia/Shanghai');
    expect(split.days).toHaveLength(32);
    expect(split.opened).toEqual(Array.from({ length: 32 }, (_, i) => (i === 15 || i === 16 ? 1 : 0)));
  });

  it('refuses an unknown or offset time zone, a backwards or too long range and a malformed date with 400', async () => {
    const { h } = suite;
    const refused = (query: string, code: string) =>
      h.asMerchant('GET', `/v1/stats/teams?${query}`).then((response) => expectError(response, 400, code));
    for (const zone of ['Mars/Olympus', '%2B08:00', 'UTC%2B8', 'GMT-3', '..%2F..%2Fetc', 'x'.repeat(64)]) {
      const body = await refused(`${RANGE}&timeZone=${zone}`, 'invalid_time_zone');
      expect(body.error.details).toEqual([{ path: ['timeZone'], message: 'an IANA time zone name' }]);
    }
    await refused(`${RANGE}&timeZone=${'x'.repeat(65)}`, 'invalid_request');
    await refused('from=2026-11-23&to=2026-11-22', 'invalid_date_range');
    const tooLong = await refused('from=2026-08-23&to=2026-11-23', 'invalid_date_range');
    expect(tooLong.error.message).toContain('93 days');
    await refused('from=2026-02-30&to=2026-03-02', 'invalid_request');
    await refused('from=2026-11-19', 'invalid_request');
    await refused('from=19-11-2026&to=2026-11-23', 'invalid_request');
    for (const series of ['assists', 'orders', 'redemptions']) {
      await expectError(
        await h.asMerchant('GET', `/v1/stats/${series}?${RANGE}&timeZone=Nowhere/Land`),
        400,
        'invalid_time_zone',
      );
    }
  });
});

// A day of a daylight-saving change: midnight to midnight is 23 hours, and the offset after the
// change decides the day. New York moves from UTC−5 to UTC−4 at 02:00 on 8 March 2026.
describe.each(testDatabases)('stats across a daylight-saving change on $kind', ({ create }) => {
  const suite = useHarness(create);

  it('puts an order at 23:30 and one at 00:30 New York time on their own days', async () => {
    const { h } = suite;
    h.clock.set(new Date('2026-03-09T03:30:00Z')); // 8 March 23:30 EDT (22:30 had the offset not changed)
    await order(h, { orderRef: 'late', amount: 100 });
    h.clock.set(new Date('2026-03-09T04:30:00Z')); // 9 March 00:30 EDT
    await order(h, { orderRef: 'early', amount: 200 });
    const body = OrderStats.parse(
      await expectOk(await h.asMerchant('GET', '/v1/stats/orders?from=2026-03-07&to=2026-03-09&timeZone=America/New_York')),
    );
    expect(body.currencies).toEqual([{ currency: 'CNY', orders: [0, 1, 1], amount: [0, 100, 200], commission: [0, 0, 0] }]);
  });
});
