// The events <flock-referral-card> fires (besides flock-error, shared/events.ts), typed for listeners.
import type { Promoter } from '@flock/sdk';

/**
 * The shopper became a promoter of the program: `shareUrl` is their link (the product page with
 * their `flock_ref` code), which the card offers to copy, share and put on a poster.
 */
export class FlockPromoterJoinedEvent extends Event {
  constructor(
    readonly promoter: Promoter,
    readonly shareUrl: string,
  ) {
    super('flock-promoter-joined', { bubbles: true, composed: true });
  }
  get detail() {
    return { promoter: this.promoter, shareUrl: this.shareUrl };
  }
}

/**
 * The promoter's poster is drawn: `blob` is the PNG, `url` an object URL for it that stays valid
 * while the card shows the poster (copy the blob to keep it longer).
 */
export class FlockPosterReadyEvent extends Event {
  constructor(
    readonly blob: Blob,
    readonly url: string,
  ) {
    super('flock-poster-ready', { bubbles: true, composed: true });
  }
  get detail() {
    return { blob: this.blob, url: this.url };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'flock-promoter-joined': FlockPromoterJoinedEvent;
    'flock-poster-ready': FlockPosterReadyEvent;
  }
}
