import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Clock } from './clock.js';
import { ApiError } from './errors.js';
import type { AppEnv } from './http/context.js';
import type { Sql } from './infra/db.js';

/**
 * Per-address limits kept in the database (table rate_limit_hits), so they hold across server
 * processes: one fixed-window counter per bucket (what is limited) and client address.
 */
export interface RateLimit {
  /** Hits allowed per address in one window. */
  max: number;
  windowSeconds: number;
}

/** The caller's address: the first X-Forwarded-For hop, else the socket's; 'unknown' when there is no socket (app.request). */
export function clientIp(c: Context, trustForwardedFor = false): string {
  if (trustForwardedFor) {
    const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Counts one hit of `ip` in `bucket` for the current window (one upsert, exact across processes).
 * Returns whether it is past the limit and the seconds until the window resets, for Retry-After.
 */
export async function takeRateLimitHit(
  db: Sql,
  clock: Clock,
  bucket: string,
  ip: string,
  limit: RateLimit,
): Promise<{ limited: boolean; retryAfterSeconds: number }> {
  const windowMs = limit.windowSeconds * 1000;
  const nowMs = clock.now().getTime();
  const windowStart = Math.floor(nowMs / windowMs) * windowMs;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + windowMs - nowMs) / 1000));
  const [row] = await db.query<{ hits: number }>(
    `insert into rate_limit_hits (bucket, ip, window_start, hits) values ($1, $2, $3::timestamptz, 1)
     on conflict (bucket, ip, window_start) do update set hits = rate_limit_hits.hits + 1
     returning hits`,
    [bucket, ip, new Date(windowStart).toISOString()],
  );
  const hits = row?.hits ?? 1;
  if (hits === 1) {
    // The address's first hit in a window: drop its earlier windows (other addresses' are left to the sweeper).
    await db.query(`delete from rate_limit_hits where bucket = $1 and ip = $2 and window_start < $3::timestamptz`, [
      bucket,
      ip,
      new Date(windowStart).toISOString(),
    ]);
  }
  return { limited: hits > limit.max, retryAfterSeconds };
}

/** The 429 for a hit past a limit, with Retry-After on the answer; `message` says what was limited. */
export function rateLimited(c: Context, message: string, retryAfterSeconds: number): ApiError {
  c.header('retry-after', String(retryAfterSeconds));
  return new ApiError('rate_limited', `${message}; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}

/** Counts one hit of the caller's address in `bucket` and, past the limit, throws 429 rate_limited. */
export async function enforceRateLimit(
  c: Context<AppEnv>,
  bucket: string,
  ip: string,
  limit: RateLimit,
  message: string,
): Promise<void> {
  const { db, clock } = c.get('deps');
  const { limited, retryAfterSeconds } = await takeRateLimitHit(db, clock, bucket, ip, limit);
  if (limited) throw rateLimited(c, message, retryAfterSeconds);
}

/** Drops windows older than an hour (no limit here is longer); run by the background jobs. */
export async function pruneRateLimitHits(db: Sql, clock: Clock): Promise<void> {
  await db.query(`delete from rate_limit_hits where window_start < $1::timestamptz`, [
    new Date(clock.now().getTime() - 3600 * 1000).toISOString(),
  ]);
}
