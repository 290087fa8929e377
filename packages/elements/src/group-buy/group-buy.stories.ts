// One story per state of <flock-group-buy>, each staged on a real Flock server by `pnpm storybook`.
// The states and how each is reached: packages/elements/test/scenarios/states.ts. The first story
// is the example on the docs page.
import type { Meta, StoryObj } from '@storybook/web-components';
import { type StoryArgs, stateStory, widgetMeta } from '../../test/scenarios/storybook.js';

const meta: Meta<StoryArgs> = {
  title: 'Widgets/flock-group-buy',
  component: 'flock-group-buy',
  tags: ['autodocs'],
  ...widgetMeta('group-buy'),
};
export default meta;

type Story = StoryObj<StoryArgs>;

/** Offer, no group forming yet */
export const Offer: Story = stateStory('group-buy', 'offer');
/** Loading */
export const Loading: Story = stateStory('group-buy', 'loading');
/** Load error (offer not found) */
export const LoadError: Story = stateStory('group-buy', 'load-error');
/** Offer with groups forming */
export const OfferForming: Story = stateStory('group-buy', 'offer-forming');
/** Invited to someone's group */
export const Invite: Story = stateStory('group-buy', 'invite');
/** Shared group already completed */
export const TeamUnavailable: Story = stateStory('group-buy', 'team-unavailable');
/** Shared group full (last seat held) */
export const TeamUnavailableFull: Story = stateStory('group-buy', 'team-unavailable-full');
/** Seat held, pay before the countdown ends */
export const Held: Story = stateStory('group-buy', 'held');
/** Paid, waiting for the group to fill */
export const Waiting: Story = stateStory('group-buy', 'waiting');
/** Group complete */
export const Succeeded: Story = stateStory('group-buy', 'succeeded');
/** Action error (group filled just before joining) */
export const ActionError: Story = stateStory('group-buy', 'action-error');
/** Group didn't fill in time */
export const Failed: Story = stateStory('group-buy', 'failed');
/** Seat released, payment timed out */
export const HoldExpired: Story = stateStory('group-buy', 'hold-expired');
