import './define.js';

export {
  FlockAssistStartedEvent,
  FlockClaimEvent,
  FlockHelpedEvent,
} from './assist-progress/assist-progress.events.js';
export { ASSIST_URL_PARAM, FlockAssistProgress } from './assist-progress/assist-progress.js';
export { define } from './define.js';
export { FlockFriendRewardClaimedEvent } from './friend-offer/friend-offer.events.js';
export { FlockFriendOffer } from './friend-offer/friend-offer.js';
export { FlockBuyAloneEvent, FlockCheckoutEvent, FlockTeamClosedEvent } from './group-buy/group-buy.events.js';
export { FlockGroupBuy, TEAM_URL_PARAM } from './group-buy/group-buy.js';
export { FlockPromoterLeaderboard } from './promoter-leaderboard/promoter-leaderboard.js';
export { FlockProvider } from './provider/provider.js';
export { FlockPosterReadyEvent, FlockPromoterJoinedEvent } from './referral-card/referral-card.events.js';
export { FlockReferralCard } from './referral-card/referral-card.js';
export { FlockErrorEvent } from './shared/events.js';
export { FlockVoucherList } from './voucher-list/voucher-list.js';
export { FlockVoucherQr } from './voucher-qr/voucher-qr.js';
export { FlockRedeemedEvent } from './voucher-scanner/voucher-scanner.events.js';
export { FlockVoucherScanner } from './voucher-scanner/voucher-scanner.js';
