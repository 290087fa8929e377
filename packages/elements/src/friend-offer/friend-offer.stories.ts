// One story per state of <flock-friend-offer>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = { title: 'Widgets/flock-friend-offer', ...widgetMeta('friend-offer') };
export default meta;

/** A friend arrives through a promoter's link: the gift and Claim */
export const Offer = stateStory('friend-offer', 'offer');
/** Loading */
export const Loading = stateStory('friend-offer', 'loading');
/** Not signed in: sign in to claim */
export const Guest = stateStory('friend-offer', 'guest');
/** Claimed: the coupon code to copy and its expiry */
export const Claimed = stateStory('friend-offer', 'claimed');
/** The code copied */
export const Copied = stateStory('friend-offer', 'copied');
/** A voucher as the gift, claimed */
export const Voucher = stateStory('friend-offer', 'voucher');
/** Used on an order */
export const Used = stateStory('friend-offer', 'used');
/** The promoter opened their own link */
export const OwnLink = stateStory('friend-offer', 'own-link');
