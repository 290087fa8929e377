// One story per state of <flock-referral-card>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = { title: 'Widgets/flock-referral-card', ...widgetMeta('referral-card') };
export default meta;

/** Join: the pitch and the commission rule */
export const Join = stateStory('referral-card', 'join');
/** Loading */
export const Loading = stateStory('referral-card', 'loading');
/** Load error (program not found) */
export const LoadError = stateStory('referral-card', 'load-error');
/** Join (fixed commission per order) */
export const JoinFixed = stateStory('referral-card', 'join-fixed');
/** Not signed in */
export const JoinGuest = stateStory('referral-card', 'join-guest');
/** Promoter: link, share, poster (just joined) */
export const Promoter = stateStory('referral-card', 'promoter');
/** Link copied */
export const Copied = stateStory('referral-card', 'copied');
/** Promoter inside WeChat (share hint) */
export const PromoterWechat = stateStory('referral-card', 'promoter-wechat');
/** Poster: the PNG with the QR code, Download and Share */
export const Poster = stateStory('referral-card', 'poster');
/** Earnings: pending, under review, available, paid */
export const Stats = stateStory('referral-card', 'stats');
