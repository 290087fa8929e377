import type { Clock } from '../clock.js';
import type { Sql } from '../infra/db.js';

/** The NOTIFY channel of live events; publish_live_event (migration 0023) sends on it. */
export const LIVE_CHANNEL = 'flock_live';

/**
 * Payloads up to this size travel inside the NOTIFY (whose limit is 8000 bytes, ids and topic
 * included), so no listening process has to read the event back; larger ones are read by id.
 * publish_live_event (migration 0023) applies it: change both together.
 */
export const INLINE_PAYLOAD_MAX_BYTES = 7000;

/**
 * Records a live event and announces it. Called inside the transaction that makes the change,
 * so the event exists exactly when the change does; PostgreSQL delivers the NOTIFY on commit.
 * `data` is the resource as any viewer may see it (never shopper-specific fields).
 * The NOTIFY says `<merchant_id> <id> <topic>`, then ` <type> <payload>` when the payload fits
 * (INLINE_PAYLOAD_MAX_BYTES); LiveHub reads both. The database function publish_live_event
 * (migration 0023) writes both, so a seat hold announces its team in the same round trip.
 */
export async function publishLiveEvent(
  tx: Sql,
  clock: Clock,
  merchantId: string,
  topic: string,
  type: string,
  data: unknown,
): Promise<void> {
  // The same function a seat hold publishes with, inside its one call (migration 0023).
  await tx.query(`select from publish_live_event($1, $2, $3, $4, $5::timestamptz)`, [
    merchantId,
    topic,
    type,
    JSON.stringify(data),
    clock.now().toISOString(),
  ]);
}

/** Drops events older than the resume window; run by the sweeper. */
export async function pruneLiveEvents(db: Sql, clock: Clock, keepSeconds = 24 * 3600): Promise<void> {
  await db.query(`delete from live_events where created_at < $1::timestamptz`, [
    new Date(clock.now().getTime() - keepSeconds * 1000).toISOString(),
  ]);
}
