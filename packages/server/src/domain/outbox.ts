import type { WebhookEventType } from '@flock/protocol';
import type { Clock } from '../clock.js';
import { newId } from '../crypto.js';
import type { Sql } from '../infra/db.js';

/**
 * Records a webhook event in the caller's transaction (transactional outbox): the event
 * exists if and only if the change it reports was committed. The dispatcher delivers it later.
 */
export async function enqueueWebhook(
  tx: Sql,
  clock: Clock,
  merchantId: string,
  type: WebhookEventType,
  data: unknown,
): Promise<string> {
  const id = newId('evt');
  const createdAt = clock.now().toISOString();
  const payload = JSON.stringify({ id, type, createdAt, merchantId, data });
  await tx.query(
    `insert into webhook_events (merchant_id, id, type, payload, created_at, next_attempt_at)
     values ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz)`,
    [merchantId, id, type, payload, createdAt],
  );
  return id;
}
