/**
 * Phones' clocks are often wrong, so countdowns run on the server's clock: every response that
 * carries a deadline also carries `serverNow`, and the offset between the two is kept.
 */
export const clockOffset = (serverNow: string, receivedAt = Date.now()): number => Date.parse(serverNow) - receivedAt;

/** Milliseconds left until `deadline` on the server's clock (never negative). */
export const msUntil = (deadline: string, offsetMs: number, now = Date.now()): number =>
  Math.max(0, Date.parse(deadline) - (now + offsetMs));
