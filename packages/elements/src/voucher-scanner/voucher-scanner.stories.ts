// One story per state of <flock-voucher-scanner>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta, StoryObj } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = {
  title: 'Widgets/flock-voucher-scanner',
  component: 'flock-voucher-scanner',
  tags: ['autodocs'],
  ...widgetMeta('voucher-scanner'),
};
export default meta;

type Story = StoryObj<StoryArgs>;

/** Ready (camera off, manual entry) */
export const Ready: Story = stateStory('voucher-scanner', 'ready');
/** Redeemed — uses left */
export const Success: Story = stateStory('voucher-scanner', 'success');
/** Refused (code already used) */
export const Refused: Story = stateStory('voucher-scanner', 'refused');
/** Offline */
export const Offline: Story = stateStory('voucher-scanner', 'offline');
