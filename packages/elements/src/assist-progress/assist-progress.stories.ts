// One story per state of <flock-assist-progress>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta, StoryObj } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = {
  title: 'Widgets/flock-assist-progress',
  component: 'flock-assist-progress',
  tags: ['autodocs'],
  ...widgetMeta('assist'),
};
export default meta;

type Story = StoryObj<StoryArgs>;

/** Start a price cut */
export const Start: Story = stateStory('assist', 'start');
/** Loading */
export const Loading: Story = stateStory('assist', 'loading');
/** Load error (campaign not found) */
export const LoadError: Story = stateStory('assist', 'load-error');
/** Start (progress mode) */
export const StartProgress: Story = stateStory('assist', 'start-progress');
/** Own price cut, friends helping */
export const ActiveOwner: Story = stateStory('assist', 'active-owner');
/** Own price cut inside WeChat (share hint) */
export const ActiveOwnerWechat: Story = stateStory('assist', 'active-owner-wechat');
/** Own assist, link copied after tapping invite */
export const Shared: Story = stateStory('assist', 'shared');
/** A friend's price cut, opened from the shared link */
export const ActiveFriend: Story = stateStory('assist', 'active-friend');
/** A friend's assist (progress mode) */
export const ActiveFriendProgress: Story = stateStory('assist', 'active-friend-progress');
/** Helped a friend: the cut and thanks */
export const Helped: Story = stateStory('assist', 'helped');
/** Goal reached: claim before the window closes */
export const Completed: Story = stateStory('assist', 'completed');
/** A friend's assist reached its goal */
export const CompletedFriend: Story = stateStory('assist', 'completed-friend');
/** Action error (today's helps used up) */
export const ActionError: Story = stateStory('assist', 'action-error');
/** Time ran out before the goal */
export const Expired: Story = stateStory('assist', 'expired');
