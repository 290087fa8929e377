import { Origin } from '@flock/protocol';
import type { Clock } from '../clock.js';
import type { Sql } from '../infra/db.js';

/** A page keeps retrying: one write per merchant and origin a minute is plenty to show it. */
const RECORD_EVERY_MS = 60_000;
const recentlyRecorded = new Map<string, number>();

/** Remembers that a page of `origin` used the merchant's publishable key and was refused. */
export async function recordBlockedOrigin(db: Sql, clock: Clock, merchantId: string, origin: string): Promise<void> {
  // The header is the caller's: only a well-formed origin is kept.
  if (!Origin.safeParse(origin).success || origin.length > 200) return;
  const key = `${merchantId} ${origin}`;
  const now = clock.now();
  if (now.getTime() - (recentlyRecorded.get(key) ?? 0) < RECORD_EVERY_MS) return;
  if (recentlyRecorded.size > 10_000) recentlyRecorded.clear();
  recentlyRecorded.set(key, now.getTime());
  await db.query(
    `insert into blocked_origins (merchant_id, origin, last_seen_at) values ($1, $2, $3::timestamptz)
     on conflict (merchant_id, origin) do update set last_seen_at = excluded.last_seen_at`,
    [merchantId, origin, now.toISOString()],
  );
}

/** Origins refused in the last 7 days that are still not allowed, newest first. */
export async function recentBlockedOrigins(db: Sql, clock: Clock, merchantId: string, allowed: readonly string[]) {
  const since = new Date(clock.now().getTime() - 7 * 86_400_000).toISOString();
  const rows = await db.query<{ origin: string; last_seen_at: Date }>(
    `select origin, last_seen_at from blocked_origins where merchant_id = $1 and last_seen_at > $2::timestamptz
     order by last_seen_at desc limit 20`,
    [merchantId, since],
  );
  return rows
    .filter((row) => !allowed.includes(row.origin))
    .slice(0, 10)
    .map((row) => ({ origin: row.origin, lastSeenAt: row.last_seen_at.toISOString() }));
}
