import type { RedeemResponse } from '@flock/sdk';

/** What the camera is doing. */
export type CameraState =
  | 'off'
  /** Waiting for getUserMedia (the permission prompt). */
  | 'starting'
  | 'scanning'
  /** No camera, or permission refused: manual entry only. */
  | 'unavailable'
  /** getUserMedia did not settle in time (an ignored prompt): manual entry, the camera may still arrive. */
  | 'timeout';

/** The last redemption attempt's outcome, shown large. */
export type ScanResult =
  | { kind: 'redeeming'; code: string }
  | { kind: 'success'; response: RedeemResponse }
  /** The server refused the code; `code` is the contract's error code. */
  | { kind: 'refused'; code: string }
  /** No answer from the server: never shown as a success. */
  | { kind: 'offline' };

/** Error codes that mean the server was not reached (or did not answer in time). */
const OFFLINE_CODES = new Set(['network_error']);

/** Maps a failed redemption to what the scanner shows. */
export function failureResult(code: string, online: boolean): ScanResult {
  if (!online || OFFLINE_CODES.has(code)) return { kind: 'offline' };
  return { kind: 'refused', code };
}

/**
 * Codes submitted recently: the camera sees a QR code for many frames, and each must not become a
 * redemption attempt. Entries are forgotten after `ttlMs` (a code expires within a minute anyway).
 */
export class RecentCodes {
  private readonly _seen = new Map<string, number>();
  constructor(private readonly ttlMs = 60_000) {}

  /** True when `code` was submitted within the window; otherwise remembers it and returns false. */
  seenOrRemember(code: string, now = Date.now()): boolean {
    for (const [key, at] of this._seen) if (now - at > this.ttlMs) this._seen.delete(key);
    if (this._seen.has(code)) return true;
    this._seen.set(code, now);
    return false;
  }

  has(code: string, now = Date.now()): boolean {
    const at = this._seen.get(code);
    return at !== undefined && now - at <= this.ttlMs;
  }
}

/** Races a promise against a timeout; `onLate` receives the value if it arrives after all. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onLate: (value: T) => void): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      resolve('timeout');
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        if (timedOut) onLate(value);
        else resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        if (!timedOut) reject(error);
      },
    );
  });
}
