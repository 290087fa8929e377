// One story per state of <flock-group-buy>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = { title: 'Widgets/flock-group-buy', ...widgetMeta('group-buy') };
export default meta;

/** Offer, no group forming yet */
export const Offer = stateStory('group-buy', 'offer');
/** Loading */
export const Loading = stateStory('group-buy', 'loading');
/** Load error (offer not found) */
export const LoadError = stateStory('group-buy', 'load-error');
/** Offer with groups forming */
export const OfferForming = stateStory('group-buy', 'offer-forming');
/** Invited to someone's group */
export const Invite = stateStory('group-buy', 'invite');
/** Shared group already completed */
export const TeamUnavailable = stateStory('group-buy', 'team-unavailable');
/** Shared group full (last seat held) */
export const TeamUnavailableFull = stateStory('group-buy', 'team-unavailable-full');
/** Seat held, pay before the countdown ends */
export const Held = stateStory('group-buy', 'held');
/** Paid, waiting for the group to fill */
export const Waiting = stateStory('group-buy', 'waiting');
/** Group complete */
export const Succeeded = stateStory('group-buy', 'succeeded');
/** Action error (group filled just before joining) */
export const ActionError = stateStory('group-buy', 'action-error');
/** Group didn't fill in time */
export const Failed = stateStory('group-buy', 'failed');
/** Seat released, payment timed out */
export const HoldExpired = stateStory('group-buy', 'hold-expired');
/** Flash sale (秒杀团): starts in 02:13:09, units left */
export const FlashUpcoming = stateStory('group-buy', 'flash-upcoming');
/** Flash sale: on, 12 units left (live) */
export const FlashOpen = stateStory('group-buy', 'flash-open');
/** Flash sale: sold out */
export const FlashSoldOut = stateStory('group-buy', 'flash-sold-out');
/** Ladder price (阶梯团): the tiers, paid up front */
export const LadderOffer = stateStory('group-buy', 'ladder-offer');
/** Ladder price: first tier reached, 1 more unlocks the next */
export const LadderWaiting = stateStory('group-buy', 'ladder-waiting');
/** Ladder price: complete at the last tier, the difference back */
export const LadderSucceeded = stateStory('group-buy', 'ladder-succeeded');
/** Lottery (抽奖团): 1 of 5 wins */
export const LotteryOffer = stateStory('group-buy', 'lottery-offer');
/** Lottery: won */
export const LotteryWon = stateStory('group-buy', 'lottery-won');
/** Lottery: not this time, refunded */
export const LotteryLost = stateStory('group-buy', 'lottery-lost');
/** Lottery: the draw checked in the browser */
export const LotteryDraw = stateStory('group-buy', 'lottery-draw');
/** Cross-product (拼单): pick an item from the set */
export const ProductsPicker = stateStory('group-buy', 'products-picker');
/** Cross-product: what each friend chose */
export const ProductsTeam = stateStory('group-buy', 'products-team');
/** New-customer team (老带新): joiners must be first-time customers */
export const NewCustomerInvite = stateStory('group-buy', 'new-customer-invite');
/** New-customer team: a returning customer refused, start your own */
export const NewCustomerRefused = stateStory('group-buy', 'new-customer-refused');
