import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../server/test/databases.js';
import { SHOP_ORIGIN, useHarness } from '../../server/test/harness.js';
import { click, join, newProgram, nextRef, order } from '../../server/test/referral-helpers.js';
import { createClientCore, FlockError, friendRewardClient, leaderboardClient } from '../src/index.js';
import { nodeEventSource, shopClient } from './shop-client.js';

/** The promoter growth kit of issue 16 as the SDK sees it: the leaderboard and payout stores, live; the friend's reward. */
describe.each(testDatabases)('SDK promoter growth on $kind', ({ create }) => {
  const suite = useHarness(create, { listen: true });

  const clientFor = (shopperId: string, live = false) => shopClient(suite, shopperId, live ? nodeEventSource : undefined);
  /** `shopperId` joins `programId` and `orders` of their friends follow through their link. */
  const promoterWithOrders = async (programId: string, shopperId: string, amounts: number[]) => {
    const { promoter } = await join(suite.h, programId, shopperId);
    for (const amount of amounts) {
      const { attributionId } = await click(suite.h, promoter.code);
      await order(suite.h, { amount, attributionId, shopperId: `friend-of-${shopperId}-${nextRef()}` });
    }
    return promoter as { id: string; code: string };
  };

  it('reads the leaderboard ranked and masked, with the week in the URL the loader prefetches', async () => {
    const program = await newProgram(suite.h);
    await promoterWithOrders(program.id, '王小明', [20000]);
    await promoterWithOrders(program.id, 'alice', [10000, 5000]);
    const viewer = await clientFor('viewer');
    const board = await viewer.leaderboard(program.id);
    expect(board.period).toBe('week');
    expect(board.data).toEqual([
      { rank: 1, displayName: '王**', commission: 2000 },
      { rank: 2, displayName: 'A***', commission: 1500 },
    ]);
    const month = await viewer.leaderboard(program.id, 'month');
    expect(month.period).toBe('month');
    expect(month.data.map((row) => row.commission)).toEqual([2000, 1500]);
    viewer.close();
  });

  it('follows program:<id> live: an order elsewhere in the program refetches the leaderboard, a payout the ticker', async () => {
    const program = await newProgram(suite.h);
    const bob = await promoterWithOrders(program.id, 'bob', [10000]);
    // Bob's commission is released after the hold, before the page opens (a shopper token would not
    // outlive an 8-day jump of the server's clock): it is last week's, so this week's board is empty.
    suite.h.clock.advance(8 * 24 * 3600_000);
    await suite.h.server.runJobs();
    const watcher = await clientFor('board-watcher', true);
    const $board = watcher.leaderboardStore(program.id);
    const $payouts = watcher.recentPayoutsStore(program.id);
    const stop = [$board.listen(() => {}), $payouts.listen(() => {})];
    await expect.poll(() => $board.get().data?.data).toEqual([]);
    await expect.poll(() => watcher.liveStatus?.get()).toBe('open');
    expect($payouts.get().data?.data).toEqual([]);

    // Carol's friend buys: only the stream can bring it (no polling).
    await promoterWithOrders(program.id, 'carol', [30000]);
    await expect.poll(() => $board.get().data?.data[0]?.displayName, { timeout: 3000 }).toBe('C***');
    expect($board.get().data?.data.map((row) => row.rank)).toEqual([1]);

    // Bob is paid out: the ticker shows it, masked.
    const paid = await suite.h.asMerchant('POST', `/v1/promoters/${bob.id}/payouts`, { amount: 1000, reference: nextRef('pay') });
    expect(paid.status).toBe(201);
    await expect.poll(() => $payouts.get().data?.data[0], { timeout: 3000 }).toMatchObject({ displayName: 'B***', amount: 1000 });
    for (const unsubscribe of stop) unsubscribe();
    watcher.close();
  });

  it('records a link’s click once when the provider and the friend offer ask for the attribution at once', async () => {
    const program = await newProgram(suite.h, { friendReward: { amountOff: 1000, minSpend: 9900 } });
    const { promoter } = await join(suite.h, program.id, 'once-promoter');
    const core = createClientCore({
      api: suite.api,
      publishableKey: suite.h.merchant.publishableKey,
      headers: { origin: SHOP_ORIGIN },
      live: false,
    });
    const url = `https://shop.test/tea?flock_ref=${promoter.code}`;
    const [first, second] = await Promise.all([core.captureAttribution(url), core.captureAttribution(url)]);
    expect(first?.attributionId).toBeDefined();
    expect(second?.attributionId).toBe(first?.attributionId);
    const clicks = await suite.h.db.query<{ n: string | number }>(
      'select count(*) as n from referral_clicks where promoter_id = $1',
      [promoter.id],
    );
    expect(Number(clicks[0]?.n)).toBe(1);
  });

  it('claims the friend’s reward once, puts it in the store, and refuses the promoter’s own link', async () => {
    const program = await newProgram(suite.h, { friendReward: { amountOff: 1000, minSpend: 9900, validDays: 10 } });
    const { promoter } = await join(suite.h, program.id, '李雷');
    const { attributionId } = await click(suite.h, promoter.code);
    const friend = await clientFor('han-meimei');
    const $reward = friend.friendRewardStore(program.id);
    const stop = $reward.listen(() => {});
    await expect.poll(() => $reward.get().loading).toBe(false);
    expect($reward.get().data).toEqual({ reward: null });

    const reward = await friend.claimFriendReward(program.id, attributionId);
    expect(reward).toMatchObject({ kind: 'amount_off', amountOff: 1000, minSpend: 9900, promoterName: '李**', usedAt: null });
    expect(reward.code).toMatch(/^[A-Z0-9]{8}$/);
    expect(reward.expiresAt).toBe(new Date(Date.parse(reward.serverNow) + 10 * 24 * 3600_000).toISOString());
    expect($reward.get().data?.reward?.code).toBe(reward.code);
    // A second tap (another key) is the same reward.
    const again = await friend.claimFriendReward(program.id, attributionId);
    expect(again.code).toBe(reward.code);

    // Used by the friend's order: the store sees it at its next read.
    await order(suite.h, { amount: 12800, attributionId, shopperId: 'han-meimei', friendCoupon: reward.code });
    await $reward.refresh();
    expect($reward.get().data?.reward?.usedAt).not.toBeNull();
    stop();

    const own = await clientFor('李雷');
    const ownClick = await click(suite.h, promoter.code);
    const refused = await own.claimFriendReward(program.id, ownClick.attributionId).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(FlockError);
    expect(refused).toMatchObject({ status: 409, code: 'own_referral_link' });
    friend.close();
    own.close();
  });

  it('gives the leaderboard and friend reward parts to a page that uses only them', () => {
    const core = createClientCore({ api: suite.api, publishableKey: suite.h.merchant.publishableKey, live: false });
    expect(leaderboardClient(core)).toBe(leaderboardClient(core));
    expect(Object.keys(friendRewardClient(core))).toEqual(
      expect.arrayContaining(['claimFriendReward', 'myFriendReward', 'friendRewardStore', 'programAttribution']),
    );
  });
});
