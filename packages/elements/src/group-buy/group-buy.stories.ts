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
