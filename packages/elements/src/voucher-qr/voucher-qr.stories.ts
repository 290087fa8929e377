// One story per state of <flock-voucher-qr>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta, StoryObj } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = {
  title: 'Widgets/flock-voucher-qr',
  component: 'flock-voucher-qr',
  tags: ['autodocs'],
  ...widgetMeta('voucher-qr'),
};
export default meta;

type Story = StoryObj<StoryArgs>;

/** Active: QR code, uses left, validity */
export const Active: Story = stateStory('voucher-qr', 'active');
/** Loading */
export const Loading: Story = stateStory('voucher-qr', 'loading');
/** Just redeemed at the counter (live) */
export const Redeemed: Story = stateStory('voucher-qr', 'redeemed');
/** Used up */
export const UsedUp: Story = stateStory('voucher-qr', 'used-up');
/** Refunded (voided), distinct from used up */
export const Voided: Story = stateStory('voucher-qr', 'voided');
/** Load error (voucher not found) */
export const LoadError: Story = stateStory('voucher-qr', 'load-error');
