import type { Assist, Promoter, RedeemResponse, Reservation, Team } from '@flock/sdk';

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

/** An action failed; `code` is the API's machine-readable error code. The widget shows the message itself. */
export class FlockErrorEvent extends Event {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {
    super('flock-error', { bubbles: true, composed: true });
  }
  get detail() {
    return { code: this.code, message: this.message };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'flock-checkout': FlockCheckoutEvent;
    'flock-team-closed': FlockTeamClosedEvent;
    'flock-error': FlockErrorEvent;
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
    'flock-buy-alone': FlockBuyAloneEvent;
  }
}

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
    'flock-promoter-joined': FlockPromoterJoinedEvent;
    'flock-poster-ready': FlockPosterReadyEvent;
  }
}
