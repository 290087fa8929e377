// One story per state of <flock-voucher-list>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = { title: 'Widgets/flock-voucher-list', ...widgetMeta('voucher-list') };
export default meta;

/** Usable vouchers first (soonest to end on top), then used ones */
export const List = stateStory('voucher-list', 'list');
/** Loading */
export const Loading = stateStory('voucher-list', 'loading');
/** A voucher opened: its QR code for the counter */
export const Open = stateStory('voucher-list', 'open');
/** No vouchers yet */
export const Empty = stateStory('voucher-list', 'empty');
/** Not signed in */
export const SignedOut = stateStory('voucher-list', 'signed-out');
