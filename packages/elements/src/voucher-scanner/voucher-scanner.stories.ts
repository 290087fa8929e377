// One story per state of <flock-voucher-scanner>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = { title: 'Widgets/flock-voucher-scanner', ...widgetMeta('voucher-scanner') };
export default meta;

/** Ready (camera off, manual entry) */
export const Ready = stateStory('voucher-scanner', 'ready');
/** Redeemed — uses left */
export const Success = stateStory('voucher-scanner', 'success');
/** Refused (code already used) */
export const Refused = stateStory('voucher-scanner', 'refused');
/** Offline */
export const Offline = stateStory('voucher-scanner', 'offline');
