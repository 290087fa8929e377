// The events <flock-friend-offer> fires (besides flock-error, shared/events.ts), typed for listeners.
import type { FriendReward } from '@flock/sdk';

/**
 * The friend claimed their reward: `detail` is the reward, whose `code` the shop's checkout sends
 * with the order (`friendCoupon`) so the discount applies and the promoter is credited.
 */
export class FlockFriendRewardClaimedEvent extends Event {
  constructor(readonly reward: FriendReward) {
    super('flock-friend-reward-claimed', { bubbles: true, composed: true });
  }
  get detail(): FriendReward {
    return this.reward;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'flock-friend-reward-claimed': FlockFriendRewardClaimedEvent;
  }
}
