// <flock-provider> renders nothing of its own: its docs page lists its attributes, and its story is a
// group-buy offer inside it, staged on a real Flock server by `pnpm storybook`.
import type { Meta, StoryObj } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = {
  title: 'Widgets/flock-provider',
  component: 'flock-provider',
  tags: ['autodocs'],
  ...widgetMeta('group-buy'),
};
export default meta;

/** A provider with one widget inside: the shape of every page that uses Flock. */
export const WithAWidget: StoryObj<StoryArgs> = stateStory('group-buy', 'offer');
