import { FlockAssistProgress } from './assist-progress/assist-progress.js';
import { FlockFriendOffer } from './friend-offer/friend-offer.js';
import { FlockGroupBuy } from './group-buy/group-buy.js';
import { FlockPromoterLeaderboard } from './promoter-leaderboard/promoter-leaderboard.js';
import { FlockProvider } from './provider/provider.js';
import { FlockReferralCard } from './referral-card/referral-card.js';
import { type FlockClassName, type FlockElementEntry, flockRegistry } from './registry.js';
import { define } from './shared/define-once.js';
import { FlockVoucherList } from './voucher-list/voucher-list.js';
import { FlockVoucherQr } from './voucher-qr/voucher-qr.js';
import { FlockVoucherScanner } from './voucher-scanner/voucher-scanner.js';

/** The class of each registry entry, by its class name (a missing or misnamed one fails to compile). */
const classes = {
  FlockProvider,
  FlockGroupBuy,
  FlockAssistProgress,
  FlockReferralCard,
  FlockVoucherQr,
  FlockVoucherScanner,
  FlockVoucherList,
  FlockPromoterLeaderboard,
  FlockFriendOffer,
} as const satisfies Record<FlockClassName, CustomElementConstructor>;

/** Every Flock tag and its class, the provider first (a widget defined before it would miss its context). */
export const flockElements = Object.fromEntries(flockRegistry.map((entry) => [entry.tag, classes[entry.className]])) as {
  [Entry in FlockElementEntry as Entry['tag']]: (typeof classes)[Entry['className']];
};

export { define };

for (const [tag, element] of Object.entries(flockElements)) define(tag, element);
