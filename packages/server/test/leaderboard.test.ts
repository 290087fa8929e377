import { EventSource } from 'eventsource';
import { describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { type Harness, SHOP_ORIGIN, useHarness } from './harness.js';
import { advanceAndSweep, asShopper, click, DAY_MS, join, newProgram, order, refund } from './referral-helpers.js';
import { expectError, expectOk, type Json, rawRequest } from './util.js';

/** Joins the program as a shopper whose display name is `name` (the name the leaderboard masks). */
async function joinNamed(h: Harness, programId: string, shopperId: string, name: string, ip?: string): Promise<Json> {
  const minted = await expectOk(
    await h.asMerchant('POST', '/v1/shopper-tokens', { shopperId, displayName: name, ttlSeconds: 3600 }),
    201,
  );
  return expectOk(
    await rawRequest(h, 'POST', `/v1/referral-programs/${programId}/promoters`, {
      key: h.merchant.publishableKey,
      shopperToken: minted.token,
      body: '{}',
      headers: ip ? { 'x-forwarded-for': ip } : {},
    }),
    201,
  );
}

const board = async (h: Harness, programId: string, period = 'week') =>
  expectOk(
    await rawRequest(h, 'GET', `/v1/referral-programs/${programId}/leaderboard?period=${period}`, {
      key: h.merchant.publishableKey,
    }),
  );
const ticker = async (h: Harness, programId: string) =>
  expectOk(await rawRequest(h, 'GET', `/v1/referral-programs/${programId}/payouts/recent`, { key: h.merchant.publishableKey }));

/** The leaderboard as [masked name, commission, rank] rows. */
const rows = (b: Json) => b.data.map((r: Json) => [r.displayName, r.commission, r.rank]);

const NAMES = ['王小明', 'Alice Chen', 'bob', '李雷'];
const expectMasked = (body: Json) => {
  const text = JSON.stringify(body);
  for (const name of NAMES) expect(text).not.toContain(name);
};

/** Milliseconds from `now` to the next `next` boundary (UTC). */
const untilNextMonday = (now: Date) => {
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - sinceMonday + 7) - now.getTime();
};
const untilNextMonth = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - now.getTime();

describe.each(testDatabases)('leaderboard and payout ticker on $kind', ({ create }) => {
  const suite = useHarness(create);
  let seq = 0;
  const who = (name: string) => `${name}-${++seq}`;

  /** Moves the clock to a minute past the next Monday, so a test's orders fall in one week and one month. */
  async function startOfWeek(h: Harness) {
    h.clock.advance(untilNextMonday(h.clock.now()) + 60_000);
  }

  it('ranks by commission; a refund moves a promoter down exactly when reversed; a rejected commission leaves; a new order moves one up', async () => {
    const { h } = suite;
    await startOfWeek(h);
    const program = await newProgram(h);
    const wang = await joinNamed(h, program.id, who('wang'), '王小明');
    const alice = await joinNamed(h, program.id, who('alice'), 'Alice Chen');
    const bob = await joinNamed(h, program.id, who('bob'), 'bob');
    const wangClick = await click(h, wang.promoter.code);
    const aliceClick = await click(h, alice.promoter.code);
    const bobClick = await click(h, bob.promoter.code);

    const wangOrder = await order(h, { amount: 30000, attributionId: wangClick.attributionId, shopperId: who('buyer') });
    await order(h, { amount: 20000, attributionId: aliceClick.attributionId, shopperId: who('buyer') });
    await order(h, { amount: 20000, attributionId: bobClick.attributionId, shopperId: who('buyer') });
    const before = await board(h, program.id);
    expect(before).toMatchObject({ period: 'week', currency: 'CNY' });
    expect(rows(before)).toEqual([
      ['王**', 3000, 1],
      [expect.stringMatching(/^[AB]\*\*\*$/), 2000, 2],
      [expect.stringMatching(/^[AB]\*\*\*$/), 2000, 2],
    ]);
    expectMasked(before);

    // A refund of two thirds reverses 2000 of Wang's 3000: from first to last.
    await refund(h, wangOrder.orderRef, 20000);
    expect(rows(await board(h, program.id))).toEqual([
      [expect.stringMatching(/^[AB]\*\*\*$/), 2000, 1],
      [expect.stringMatching(/^[AB]\*\*\*$/), 2000, 1],
      ['王**', 1000, 2],
    ]);

    // A held commission (ordered from the address Li joined from) counts until it is rejected, then leaves the board.
    const homeIp = '203.0.113.77';
    const li = await joinNamed(h, program.id, who('li'), '李雷', homeIp);
    const held = await order(h, { amount: 50000, promoterCode: li.promoter.code, shopperId: who('buyer'), ip: '198.51.100.200' });
    const heldAgain = await order(h, { amount: 50000, promoterCode: li.promoter.code, shopperId: who('buyer'), ip: homeIp });
    expect(heldAgain.commissions[0]).toMatchObject({ status: 'under_review' });
    expect(rows(await board(h, program.id))[0]).toEqual(['李**', 10000, 1]);
    await expectOk(await h.asMerchant('POST', `/v1/commissions/${heldAgain.commissions[0].id}/reject`));
    expect(rows(await board(h, program.id))[0]).toEqual(['李**', 5000, 1]);
    expect(held.commissions[0].status).toBe('pending');

    // A new order moves Wang up past Alice and Bob.
    await order(h, { amount: 15000, attributionId: wangClick.attributionId, shopperId: who('buyer') });
    expect(rows(await board(h, program.id)).map((r: unknown[]) => r[0])).toEqual([
      '李**',
      '王**',
      expect.stringMatching(/^[AB]\*\*\*$/),
      expect.stringMatching(/^[AB]\*\*\*$/),
    ]);
    expect(rows(await board(h, program.id))[1]).toEqual(['王**', 2500, 2]);
  });

  it('opting out removes a promoter from the leaderboard and the ticker; opting back in returns them', async () => {
    const { h } = suite;
    await startOfWeek(h);
    const program = await newProgram(h, { holdDays: 1 });
    const wangId = who('wang');
    const wang = await joinNamed(h, program.id, wangId, '王小明');
    const alice = await joinNamed(h, program.id, who('alice'), 'Alice Chen');
    await order(h, { amount: 10000, attributionId: (await click(h, wang.promoter.code)).attributionId, shopperId: who('buyer') });
    await order(h, { amount: 5000, attributionId: (await click(h, alice.promoter.code)).attributionId, shopperId: who('buyer') });
    await advanceAndSweep(h, DAY_MS + 1000);
    await expectOk(
      await h.asMerchant('POST', `/v1/promoters/${wang.promoter.id}/payouts`, { amount: 400, reference: 'w-1' }),
      201,
    );
    h.clock.advance(60_000);
    await expectOk(
      await h.asMerchant('POST', `/v1/promoters/${alice.promoter.id}/payouts`, { amount: 300, reference: 'a-1' }),
      201,
    );
    h.clock.advance(60_000);
    await expectOk(
      await h.asMerchant('POST', `/v1/promoters/${wang.promoter.id}/payouts`, { amount: 500, reference: 'w-2' }),
      201,
    );

    // The ticker: the real payouts, newest first, masked.
    const payouts = await ticker(h, program.id);
    expect(payouts.currency).toBe('CNY');
    expect(payouts.data.map((p: Json) => [p.displayName, p.amount])).toEqual([
      ['王**', 500],
      ['A***', 300],
      ['王**', 400],
    ]);
    expect(Date.parse(payouts.data[0].paidAt)).toBeGreaterThan(Date.parse(payouts.data[1].paidAt));
    expectMasked(payouts);

    const optOut = await expectOk(
      await asShopper(h, wangId, 'PATCH', '/v1/promoters/me', { program: program.id, showOnLeaderboard: false }),
    );
    expect(optOut).toEqual({ promoterId: wang.promoter.id, showOnLeaderboard: false });
    expect(rows(await board(h, program.id))).toEqual([['A***', 500, 1]]);
    expect((await ticker(h, program.id)).data.map((p: Json) => p.amount)).toEqual([300]);

    await expectOk(await asShopper(h, wangId, 'PATCH', '/v1/promoters/me', { program: program.id, showOnLeaderboard: true }));
    expect(rows(await board(h, program.id))).toEqual([
      ['王**', 1000, 1],
      ['A***', 500, 2],
    ]);
    expect((await ticker(h, program.id)).data).toHaveLength(3);

    // Not a promoter of that program: 404; bad input: 400.
    await expectError(
      await asShopper(h, who('stranger'), 'PATCH', '/v1/promoters/me', { program: program.id, showOnLeaderboard: false }),
      404,
      'not_found',
    );
    await expectError(await asShopper(h, wangId, 'PATCH', '/v1/promoters/me', { program: program.id }), 400, 'invalid_request');
  });

  it('a week starts on Monday 00:00 UTC and a month on the 1st; the ticker keeps 30 days', async () => {
    const { h } = suite;
    h.clock.advance(untilNextMonday(h.clock.now()) - 60_000);
    const program = await newProgram(h, { holdDays: 1 });
    const wang = await joinNamed(h, program.id, who('wang'), '王小明');
    await order(h, { amount: 10000, attributionId: (await click(h, wang.promoter.code)).attributionId, shopperId: who('buyer') });
    const lastWeek = await board(h, program.id, 'week');
    expect(rows(lastWeek)).toEqual([['王**', 1000, 1]]);
    h.clock.advance(2 * 60_000);
    const thisWeek = await board(h, program.id, 'week');
    expect(thisWeek.data).toEqual([]);
    expect(thisWeek.from).toBe(new Date(Date.parse(lastWeek.to)).toISOString());
    expect(new Date(thisWeek.from).getUTCDay()).toBe(1);
    expect(Date.parse(thisWeek.to) - Date.parse(thisWeek.from)).toBe(7 * DAY_MS);

    // The month: an order a minute before the 1st is last month's.
    // (a program of its own, so last week's order, which may fall in this month, stays out of it)
    h.clock.advance(untilNextMonth(h.clock.now()) - 60_000);
    const monthly = await newProgram(h);
    const li = await joinNamed(h, monthly.id, who('li'), '李雷');
    await order(h, { amount: 20000, attributionId: (await click(h, li.promoter.code)).attributionId, shopperId: who('buyer') });
    expect(rows(await board(h, monthly.id, 'month'))).toEqual([['李**', 2000, 1]]);
    h.clock.advance(2 * 60_000);
    const thisMonth = await board(h, monthly.id, 'month');
    expect(thisMonth.data).toEqual([]);
    expect(new Date(thisMonth.from).getUTCDate()).toBe(1);
    expect(new Date(thisMonth.from).getUTCHours()).toBe(0);

    await advanceAndSweep(h, DAY_MS + 1000);
    await expectOk(
      await h.asMerchant('POST', `/v1/promoters/${wang.promoter.id}/payouts`, { amount: 700, reference: 'w-1' }),
      201,
    );
    expect((await ticker(h, program.id)).data).toHaveLength(1);
    h.clock.advance(31 * DAY_MS);
    expect((await ticker(h, program.id)).data).toEqual([]);
  });

  it('an unknown program is 404; a bad period or limit is 400', async () => {
    const { h } = suite;
    const key = h.merchant.publishableKey;
    await expectError(await rawRequest(h, 'GET', '/v1/referral-programs/prg_nope/leaderboard', { key }), 404, 'not_found');
    await expectError(await rawRequest(h, 'GET', '/v1/referral-programs/prg_nope/payouts/recent', { key }), 404, 'not_found');
    const program = await newProgram(h);
    await expectError(
      await rawRequest(h, 'GET', `/v1/referral-programs/${program.id}/leaderboard?period=year`, { key }),
      400,
      'invalid_request',
    );
    await expectError(
      await rawRequest(h, 'GET', `/v1/referral-programs/${program.id}/leaderboard?limit=51`, { key }),
      400,
      'invalid_request',
    );
  });

  it('limit cuts the board', async () => {
    const { h } = suite;
    await startOfWeek(h);
    const program = await newProgram(h);
    for (const [i, amount] of [10000, 20000, 30000].entries()) {
      const p = await join(h, program.id, who(`p${i}`));
      await order(h, { amount, attributionId: (await click(h, p.promoter.code)).attributionId, shopperId: who('buyer') });
    }
    const top = await expectOk(
      await rawRequest(h, 'GET', `/v1/referral-programs/${program.id}/leaderboard?limit=2`, { key: h.merchant.publishableKey }),
    );
    expect(top.data.map((r: Json) => r.commission)).toEqual([3000, 2000]);
  });
});

describe.each(testDatabases)('program live topic on $kind', ({ create }) => {
  const suite = useHarness(create, { listen: true });

  it('a follower of program:<id> gets program.ledger when an order accrues commission, once per transaction', async () => {
    const { h, api } = suite;
    const program = await newProgram(h);
    // Wang was referred by Li: an order moves two commissions (levels 1 and 2) in one transaction.
    const li = await join(h, program.id, 'li');
    const wang = await join(h, program.id, 'wang', { referredBy: li.promoter.code });
    const url = new URL(`${api}/v1/stream`);
    url.searchParams.set('key', h.merchant.publishableKey);
    url.searchParams.set('topics', `program:${program.id}`);
    const received: { type: string; topic: string; data: Json }[] = [];
    const source = new EventSource(url, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, origin: SHOP_ORIGIN } }),
    });
    source.addEventListener('program.ledger', (event: MessageEvent) => {
      const { topic, data } = JSON.parse(event.data);
      received.push({ type: event.type, topic, data });
    });
    await new Promise<void>((resolve, reject) => {
      source.onopen = () => resolve();
      source.onerror = (error) => reject(error);
    });
    try {
      await click(h, wang.promoter.code);
      // A click moves no money: no event.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toEqual([]);
      await order(h, { amount: 10000, promoterCode: wang.promoter.code, shopperId: 'buyer' });
      await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
      const twoLevels = await h.db.query(`select level from commissions where program_id = $1 order by level`, [program.id]);
      expect(twoLevels.map((row: Json) => row.level)).toEqual([1, 2]);
      expect(received[0]).toEqual({ type: 'program.ledger', topic: `program:${program.id}`, data: { programId: program.id } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toHaveLength(1);
    } finally {
      source.close();
    }
  });
});
