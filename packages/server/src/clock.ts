/** The one source of "now" for the domain, so tests can move time instead of waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests and the demo's "skip ahead". */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | number = Date.now()) {
    this.#ms = typeof start === 'number' ? start : start.getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
  set(to: Date): void {
    this.#ms = to.getTime();
  }
}

/** A clock that follows real time plus an offset that can be advanced (the demo's time travel). */
export class OffsetClock implements Clock {
  #offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }
  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}

export const addSeconds = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);

/** A view as of `now`, and the next moment the clock alone changes it (null: only a write can). */
export interface Timed<T> {
  view: T;
  now: Date;
  changesAt: Date | null;
}

/** The earliest of these moments still ahead of `now`, or null when none is. */
export function nextChange(now: Date, moments: Iterable<Date | null>): Date | null {
  let next: Date | null = null;
  for (const moment of moments) if (moment && moment > now && (!next || moment < next)) next = moment;
  return next;
}
