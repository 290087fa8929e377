import type { WebhookDelivery, WebhookDeliveryPage, WebhookDeliveryStatus, WebhookEvent } from '@flock/protocol';
import type { Clock } from '../clock.js';
import { notFound } from '../errors.js';
import type { Sql } from '../infra/db.js';
import { keysetPage, type PageRequest } from './keyset-page.js';

// The merchant's view of the webhook outbox (outbox.ts writes it, infra/webhook-delivery.ts
// delivers it): where each event's delivery stands, and sending one again.

/**
 * Each status as a condition on an outbox row, where `$2` is the number of attempts after which the
 * dispatcher gives up (its `maxAttempts`); exactly one holds for every row. Undelivered conditions
 * name `delivered_at is null`, so the partial index of 0012 serves them.
 */
const STATUS_WHERE: Record<WebhookDeliveryStatus, string> = {
  delivered: 'delivered_at is not null',
  failed: 'delivered_at is null and attempts >= $2::int',
  retrying: 'delivered_at is null and attempts < $2::int and attempts > 0',
  pending: 'delivered_at is null and attempts < $2::int and attempts = 0',
};

/** The outbox rows with their status (the one condition of STATUS_WHERE that holds). */
const DELIVERIES = `(select e.*, case ${Object.entries(STATUS_WHERE)
  .map(([status, where]) => `when ${where} then '${status}'`)
  .join(' ')} end as status from webhook_events e) as deliveries`;

interface DeliveryRow {
  id: string;
  type: WebhookDelivery['type'];
  payload: string;
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_error: string | null;
  created_at: Date;
  status: WebhookDeliveryStatus;
}

function deliveryView(row: DeliveryRow): WebhookDelivery {
  const waiting = row.status === 'pending' || row.status === 'retrying';
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: waiting ? row.next_attempt_at.toISOString() : null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    // Exactly the body that is posted (signed with the webhook secret, which is never shown).
    event: JSON.parse(row.payload) as WebhookEvent,
  };
}

/** The merchant's webhook deliveries, newest first, optionally at one status. */
export async function listDeliveries(
  db: Sql,
  merchantId: string,
  maxAttempts: number,
  query: PageRequest & { status?: WebhookDeliveryStatus },
): Promise<WebhookDeliveryPage> {
  const { rows, nextCursor } = await keysetPage<DeliveryRow>(
    db,
    {
      table: DELIVERIES,
      where: query.status ? `merchant_id = $1 and ${STATUS_WHERE[query.status]}` : 'merchant_id = $1',
      params: [merchantId, maxAttempts],
    },
    query,
  );
  return { data: rows.map(deliveryView), nextCursor };
}

/**
 * Schedules an event for delivery now, whatever its status, with a fresh round of attempts: a
 * failed one is retried, a delivered one posted again. It keeps its id, so the receiver can tell a
 * repeat. An attempt already under way finishes as it would have (its outcome then stands).
 */
export async function resendDelivery(
  db: Sql,
  clock: Clock,
  merchantId: string,
  maxAttempts: number,
  eventId: string,
): Promise<WebhookDelivery> {
  const updated = await db.query(
    `update webhook_events set attempts = 0, delivered_at = null, next_attempt_at = $3::timestamptz
     where merchant_id = $1 and id = $2 returning id`,
    [merchantId, eventId, clock.now().toISOString()],
  );
  if (!updated[0]) throw notFound('webhook delivery');
  const [row] = await db.query<DeliveryRow>(`select * from ${DELIVERIES} where merchant_id = $1 and id = $3`, [
    merchantId,
    maxAttempts,
    eventId,
  ]);
  return deliveryView(row as DeliveryRow);
}
