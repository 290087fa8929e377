// The events <flock-voucher-scanner> fires (besides flock-error, shared/events.ts), typed for listeners.
import type { RedeemResponse } from '@flock/sdk';

/** The scanner redeemed one use of a voucher: `redemption` (store, time) and the `voucher` after it. */
export class FlockRedeemedEvent extends Event {
  constructor(readonly response: RedeemResponse) {
    super('flock-redeemed', { bubbles: true, composed: true });
  }
  get detail() {
    return { redemption: this.response.redemption, voucher: this.response.voucher };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'flock-redeemed': FlockRedeemedEvent;
  }
}
