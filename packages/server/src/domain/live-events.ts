import type { Clock } from '../clock.js';
import type { Sql } from '../infra/db.js';

export const LIVE_CHANNEL = 'flock_live';

/**
 * Records a live event and announces it. Called inside the transaction that makes the change,
 * so the event exists exactly when the change does; PostgreSQL delivers the NOTIFY on commit.
 * `data` is the resource as any viewer may see it (never shopper-specific fields).
 */
export async function publishLiveEvent(
  tx: Sql,
  clock: Clock,
  merchantId: string,
  topic: string,
  type: string,
  data: unknown,
): Promise<void> {
  await tx.query(
    `with event as (
       insert into live_events (merchant_id, topic, type, payload, created_at)
       values ($1, $2, $3, $4, $5::timestamptz) returning merchant_id, id
     )
     select pg_notify('${LIVE_CHANNEL}', merchant_id || ' ' || id || ' ' || $2) from event`,
    [merchantId, topic, type, JSON.stringify(data), clock.now().toISOString()],
  );
}

/** Drops events older than the resume window; run by the sweeper. */
export async function pruneLiveEvents(db: Sql, clock: Clock, keepSeconds = 24 * 3600): Promise<void> {
  await db.query(`delete from live_events where created_at < $1::timestamptz`, [
    new Date(clock.now().getTime() - keepSeconds * 1000).toISOString(),
  ]);
}
