// One story per state of <flock-voucher-qr>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = { title: 'Widgets/flock-voucher-qr', ...widgetMeta('voucher-qr') };
export default meta;

/** Active: QR code, uses left, validity */
export const Active = stateStory('voucher-qr', 'active');
/** Loading */
export const Loading = stateStory('voucher-qr', 'loading');
/** Just redeemed at the counter (live) */
export const Redeemed = stateStory('voucher-qr', 'redeemed');
/** Used up */
export const UsedUp = stateStory('voucher-qr', 'used-up');
/** Refunded (voided), distinct from used up */
export const Voided = stateStory('voucher-qr', 'voided');
/** Load error (voucher not found) */
export const LoadError = stateStory('voucher-qr', 'load-error');
