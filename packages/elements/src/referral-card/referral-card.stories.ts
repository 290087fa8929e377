// One story per state of <flock-referral-card>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta, StoryObj } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = {
  title: 'Widgets/flock-referral-card',
  component: 'flock-referral-card',
  tags: ['autodocs'],
  ...widgetMeta('referral'),
};
export default meta;

type Story = StoryObj<StoryArgs>;

/** Join: the pitch and the commission rule */
export const Join: Story = stateStory('referral', 'join');
/** Loading */
export const Loading: Story = stateStory('referral', 'loading');
/** Load error (program not found) */
export const LoadError: Story = stateStory('referral', 'load-error');
/** Join (fixed commission per order) */
export const JoinFixed: Story = stateStory('referral', 'join-fixed');
/** Not signed in */
export const JoinGuest: Story = stateStory('referral', 'join-guest');
/** Promoter: link, share, poster (just joined) */
export const Promoter: Story = stateStory('referral', 'promoter');
/** Link copied */
export const Copied: Story = stateStory('referral', 'copied');
/** Promoter inside WeChat (share hint) */
export const PromoterWechat: Story = stateStory('referral', 'promoter-wechat');
/** Poster: the PNG with the QR code, Download and Share */
export const Poster: Story = stateStory('referral', 'poster');
/** Earnings: pending, under review, available, paid */
export const Stats: Story = stateStory('referral', 'stats');
