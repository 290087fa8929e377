import { assistClient } from './assist.js';
import { createClientCore, type FlockClientOptions } from './core.js';
import { friendRewardClient } from './friend-reward.js';
import { groupBuyClient } from './group-buy.js';
import { leaderboardClient } from './leaderboard.js';
import { referralClient } from './referral.js';
import { shareKitClient } from './share-kit.js';
import { voucherClient } from './voucher.js';

export type { FlockClientOptions } from './core.js';

export type FlockClient = ReturnType<typeof createFlockClient>;

/**
 * A shopper's client with every feature: group buy, assist, referral and vouchers, their stores and
 * actions on one object. (The widgets take only the parts they show: see core.ts.)
 */
export function createFlockClient(options: FlockClientOptions) {
  const core = createClientCore(options);
  return {
    api: core.api,
    ...groupBuyClient(core),
    ...assistClient(core),
    ...referralClient(core),
    ...voucherClient(core),
    ...leaderboardClient(core),
    ...friendRewardClient(core),
    ...shareKitClient(core),
    /** The shared live connection's status: open, connecting, down (stores poll meanwhile) or idle. */
    liveStatus: core.liveStatus,
    get shopperToken() {
      return core.shopperToken;
    },
    /** Changes who the client acts for (e.g. after the shopper logs in); stores refetch. */
    setShopperToken: core.setShopperToken,
    /** Records a promoter's link click once (`?flock_ref=`) and keeps the attribution; see attribution.ts. */
    captureAttribution: core.captureAttribution,
    /** The attribution id for the shop's checkout to send with the order, if this browser has one. */
    attributionId: core.attributionId,
    /** Closes the live connection (e.g. when the provider is removed). */
    close: core.close,
  };
}
