// The events <flock-group-buy> fires (besides flock-error, shared/events.ts), typed for listeners.
import type { Reservation, Team } from '@flock/sdk';

/**
 * A seat is held for the shopper: the page starts its own checkout for `reservation`
 * (price, expiresAt) and its backend confirms the reservation once paid.
 */
export class FlockCheckoutEvent extends Event {
  constructor(readonly reservation: Reservation) {
    super('flock-checkout', { bubbles: true, composed: true });
  }
  get detail() {
    return { reservation: this.reservation };
  }
}

/** The shopper's team reached a final state. */
export class FlockTeamClosedEvent extends Event {
  constructor(readonly team: Team) {
    super('flock-team-closed', { bubbles: true, composed: true });
  }
  get detail() {
    return { team: this.team };
  }
}

/** The shopper chose the regular price instead of a group: the page adds the product to its own cart. */
export class FlockBuyAloneEvent extends Event {
  constructor(readonly offerId: string) {
    super('flock-buy-alone', { bubbles: true, composed: true });
  }
  get detail() {
    return { offerId: this.offerId };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'flock-checkout': FlockCheckoutEvent;
    'flock-team-closed': FlockTeamClosedEvent;
    'flock-buy-alone': FlockBuyAloneEvent;
  }
}
