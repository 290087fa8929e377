// The events <flock-assist-progress> fires (besides flock-error, shared/events.ts), typed for listeners.
import type { Assist } from '@flock/sdk';

/**
 * The shopper started their assist (助力 / 砍价): `shareUrl` is the link friends should open
 * (the widget offers to share it too).
 */
export class FlockAssistStartedEvent extends Event {
  constructor(
    readonly assist: Assist,
    readonly shareUrl: string,
  ) {
    super('flock-assist-started', { bubbles: true, composed: true });
  }
  get detail() {
    return { assist: this.assist, shareUrl: this.shareUrl };
  }
}

/** A friend helped an assist; `amountCut` is what the help took off the price (price_cut mode). */
export class FlockHelpedEvent extends Event {
  constructor(
    readonly assist: Assist,
    readonly amountCut: number | null,
  ) {
    super('flock-helped', { bubbles: true, composed: true });
  }
  get detail() {
    return { assist: this.assist, amountCut: this.amountCut };
  }
}

/**
 * The owner of a completed assist tapped "claim": the page adds the reward to its own checkout
 * (at `assist.currentPrice` in price_cut mode) before `assist.purchaseBy`.
 */
export class FlockClaimEvent extends Event {
  constructor(readonly assist: Assist) {
    super('flock-claim', { bubbles: true, composed: true });
  }
  get detail() {
    return { assist: this.assist };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'flock-assist-started': FlockAssistStartedEvent;
    'flock-helped': FlockHelpedEvent;
    'flock-claim': FlockClaimEvent;
  }
}
