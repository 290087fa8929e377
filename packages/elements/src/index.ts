import './define.js';

export { ASSIST_URL_PARAM, FlockAssistProgress } from './assist-progress/assist-progress.js';
export { define } from './define.js';
export { FlockGroupBuy, TEAM_URL_PARAM } from './group-buy/group-buy.js';
export { FlockProvider } from './provider/provider.js';
export { FlockReferralCard } from './referral-card/referral-card.js';
export {
  FlockAssistStartedEvent,
  FlockBuyAloneEvent,
  FlockCheckoutEvent,
  FlockClaimEvent,
  FlockErrorEvent,
  FlockHelpedEvent,
  FlockPosterReadyEvent,
  FlockPromoterJoinedEvent,
  FlockRedeemedEvent,
  FlockTeamClosedEvent,
} from './shared/events.js';
export { FlockVoucherList } from './voucher-list/voucher-list.js';
export { FlockVoucherQr } from './voucher-qr/voucher-qr.js';
export { FlockVoucherScanner } from './voucher-scanner/voucher-scanner.js';
