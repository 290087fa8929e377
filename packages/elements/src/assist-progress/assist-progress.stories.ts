// One story per state of <flock-assist-progress>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = { title: 'Widgets/flock-assist-progress', ...widgetMeta('assist-progress') };
export default meta;

/** Start a price cut */
export const Start = stateStory('assist-progress', 'start');
/** Loading */
export const Loading = stateStory('assist-progress', 'loading');
/** Load error (campaign not found) */
export const LoadError = stateStory('assist-progress', 'load-error');
/** Start (progress mode) */
export const StartProgress = stateStory('assist-progress', 'start-progress');
/** Own price cut, friends helping */
export const ActiveOwner = stateStory('assist-progress', 'active-owner');
/** Own price cut inside WeChat (share hint) */
export const ActiveOwnerWechat = stateStory('assist-progress', 'active-owner-wechat');
/** Own assist, link copied after tapping invite */
export const Shared = stateStory('assist-progress', 'shared');
/** A friend's price cut, opened from the shared link */
export const ActiveFriend = stateStory('assist-progress', 'active-friend');
/** A friend's assist (progress mode) */
export const ActiveFriendProgress = stateStory('assist-progress', 'active-friend-progress');
/** Helped a friend: the cut and thanks */
export const Helped = stateStory('assist-progress', 'helped');
/** Goal reached: claim before the window closes */
export const Completed = stateStory('assist-progress', 'completed');
/** A friend's assist reached its goal */
export const CompletedFriend = stateStory('assist-progress', 'completed-friend');
/** Action error (today's helps used up) */
export const ActionError = stateStory('assist-progress', 'action-error');
/** Time ran out before the goal */
export const Expired = stateStory('assist-progress', 'expired');
