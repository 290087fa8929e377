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
  FlockTeamClosedEvent,
} from './shared/events.js';
