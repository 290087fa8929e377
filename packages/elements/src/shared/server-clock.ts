import { clockOffset, msUntil } from '@flock/sdk';

/**
 * Countdowns on the server's clock (phones' clocks are often wrong): every response carries
 * `serverNow`, and the offset to the phone's clock is measured once, when that response is first seen.
 */
export class ServerClock {
  private readonly _seen = new Map<string, number>();

  /** Milliseconds to add to Date.now() to get the server's time, as of the response that carried `serverNow`. */
  offset(serverNow: string): number {
    let receivedAt = this._seen.get(serverNow);
    if (receivedAt === undefined) {
      receivedAt = Date.now();
      this._seen.set(serverNow, receivedAt);
      if (this._seen.size > 20) this._seen.delete(this._seen.keys().next().value as string);
    }
    return clockOffset(serverNow, receivedAt);
  }

  /** The server's time now, in epoch milliseconds. */
  now(serverNow: string): number {
    return Date.now() + this.offset(serverNow);
  }

  /** Milliseconds left until `deadline` (never negative). */
  msUntil(deadline: string, serverNow: string): number {
    return msUntil(deadline, this.offset(serverNow));
  }
}
