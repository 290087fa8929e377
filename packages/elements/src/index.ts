import './define.js';

export { define } from './define.js';
export { FlockGroupBuy, TEAM_URL_PARAM } from './group-buy/group-buy.js';
export { FlockProvider } from './provider/provider.js';
export { FlockBuyAloneEvent, FlockCheckoutEvent, FlockErrorEvent, FlockTeamClosedEvent } from './shared/events.js';
