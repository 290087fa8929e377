import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { addSeconds, type Clock } from '../clock.js';
import { hmacSha256Hex } from '../crypto.js';
import { openMerchantSecret } from '../domain/merchants.js';
import type { Db } from './db.js';
import type { SecretBox } from './secret-box.js';
import { deliveryLookup, deliveryRefusal, publicWebhooksOnly, type WebhookAddressPolicy } from './webhook-address.js';

export interface WebhookDeliveryOptions extends WebhookAddressPolicy {
  /** First retry delay; each further failure doubles it, up to maxDelaySeconds. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  maxAttempts: number;
  timeoutMs: number;
}

export const defaultWebhookDelivery: WebhookDeliveryOptions = {
  baseDelaySeconds: 10,
  maxDelaySeconds: 6 * 3600,
  maxAttempts: 25,
  timeoutMs: 10_000,
  ...publicWebhooksOnly,
};

/** How long a claimed event stays invisible to other dispatchers while one delivers it. */
const CLAIM_SECONDS = 60;

/** `Flock-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, as in the contract. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacSha256Hex(secret, `${unixSeconds}.${body}`)}`;
}

export const retryDelaySeconds = (attempts: number, options: WebhookDeliveryOptions) =>
  Math.min(options.maxDelaySeconds, options.baseDelaySeconds * 2 ** Math.max(0, attempts - 1));

/**
 * Delivers due outbox events. Each event is claimed with a short lease in its own statement
 * (per merchant), posted outside any transaction, then marked delivered or rescheduled with
 * exponential backoff. Safe with several processes: a claimed event is skipped by the others.
 */
export async function deliverDueWebhooks(
  db: Db,
  clock: Clock,
  secrets: SecretBox,
  options: WebhookDeliveryOptions = defaultWebhookDelivery,
  batch = 20,
): Promise<number> {
  const now = clock.now();
  const due = await db.query<{ merchant_id: string; id: string }>(
    `select e.merchant_id, e.id from webhook_events e join merchants m on m.id = e.merchant_id
     where e.delivered_at is null and e.attempts < $2 and e.next_attempt_at <= $1::timestamptz
       and (e.locked_until is null or e.locked_until <= $1::timestamptz) and m.webhook_url is not null
     order by e.next_attempt_at limit $3`,
    [now.toISOString(), options.maxAttempts, batch],
  );
  let delivered = 0;
  for (const { merchant_id, id } of due) {
    const [event] = await db.query<{ payload: string; attempts: number; webhook_url: string; webhook_secret: string }>(
      `update webhook_events e set locked_until = $3::timestamptz, attempts = e.attempts + 1
       from merchants m
       where e.merchant_id = $1 and e.id = $2 and m.id = e.merchant_id and e.delivered_at is null
         and (e.locked_until is null or e.locked_until <= $4::timestamptz)
       returning e.payload, e.attempts, m.webhook_url, m.webhook_secret`,
      [merchant_id, id, addSeconds(now, CLAIM_SECONDS).toISOString(), now.toISOString()],
    );
    if (!event) continue; // another process claimed it first
    const secret = openMerchantSecret(secrets, merchant_id, 'webhook_secret', event.webhook_secret);
    const error = await post(event.webhook_url, event.payload, secret, clock, options);
    if (error === null) {
      delivered++;
      await db.query(
        `update webhook_events set delivered_at = $3::timestamptz, locked_until = null, last_error = null
         where merchant_id = $1 and id = $2`,
        [merchant_id, id, clock.now().toISOString()],
      );
    } else {
      await db.query(
        `update webhook_events set locked_until = null, last_error = $3, next_attempt_at = $4::timestamptz
         where merchant_id = $1 and id = $2`,
        [merchant_id, id, error.slice(0, 500), addSeconds(clock.now(), retryDelaySeconds(event.attempts, options)).toISOString()],
      );
    }
  }
  return delivered;
}

/**
 * POSTs one event; null when the receiver answered 2xx, else why not. Sent with node:http rather
 * than fetch so the connection goes only to an address the policy checked (deliveryLookup), and no
 * redirect is followed: a 3xx is a failed delivery, never a second request somewhere else.
 */
async function post(
  url: string,
  body: string,
  secret: string,
  clock: Clock,
  options: WebhookDeliveryOptions,
): Promise<string | null> {
  const target = new URL(url);
  const refusal = deliveryRefusal(target, options);
  if (refusal) return refusal;
  const signature = signWebhook(secret, body, Math.floor(clock.now().getTime() / 1000));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Flock-Webhooks/1',
          'flock-signature': signature,
        },
        lookup: deliveryLookup(options),
        // A fresh connection each time: a pooled socket would skip the lookup's check.
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.destroy();
        resolve(status >= 200 && status < 300 ? null : `HTTP ${status}`);
      },
    );
    request.on('error', (error) => resolve(error.message));
    request.end(body);
  });
}
