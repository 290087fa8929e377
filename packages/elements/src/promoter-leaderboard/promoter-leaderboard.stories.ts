// One story per state of <flock-promoter-leaderboard>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = { title: 'Widgets/flock-promoter-leaderboard', ...widgetMeta('promoter-leaderboard') };
export default meta;

/** Top promoters with medals, and the payout ticker */
export const List = stateStory('promoter-leaderboard', 'list');
/** Loading */
export const Loading = stateStory('promoter-leaderboard', 'loading');
/** Nobody has earned commission this week yet */
export const Empty = stateStory('promoter-leaderboard', 'empty');
/** Load error (program not found) */
export const LoadError = stateStory('promoter-leaderboard', 'load-error');
