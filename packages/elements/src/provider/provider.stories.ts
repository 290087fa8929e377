// <flock-provider> renders nothing of its own: its docs page lists its attributes, and its story is a
// group-buy offer inside it, staged on a real Flock server by `pnpm storybook`.
import type { Meta } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = { title: 'Widgets/flock-provider', ...widgetMeta('group-buy', 'flock-provider') };
export default meta;

/** A provider with one widget inside: the shape of every page that uses Flock. */
export const WithAWidget = stateStory('group-buy', 'offer');
