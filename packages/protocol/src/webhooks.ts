import * as z from 'zod/mini';
import { pageOf, Timestamp } from './common.js';

export const WebhookEventType = z.enum([
  'team.succeeded',
  'team.failed',
  'assist.completed',
  'commission.available',
  'voucher.redeemed',
]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

export const WebhookEvent = z.object({
  id: z.string(),
  type: WebhookEventType,
  createdAt: Timestamp,
  merchantId: z.string(),
  data: z.unknown(),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/**
 * Where a webhook's delivery stands: `pending` (not tried yet, or scheduled again), `retrying`
 * (failed, tried again later with backoff), `delivered` (the endpoint answered 2xx) or `failed`
 * (every attempt failed; only a resend tries again).
 */
export const WebhookDeliveryStatus = /* @__PURE__ */ z.enum(['pending', 'retrying', 'delivered', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

/** One event's delivery to the merchant's endpoint, with the event exactly as it is sent (never the signing secret). */
export const WebhookDelivery = /* @__PURE__ */ z.object({
  /** The event's id (`evt_…`), the same on every attempt and resend, for the receiver to deduplicate. */
  id: z.string(),
  type: WebhookEventType,
  status: WebhookDeliveryStatus,
  /** Attempts made, counted again from 0 after a resend. */
  attempts: z.int(),
  /** Why the last attempt failed: `HTTP <status>` when the endpoint answered otherwise than 2xx, else the connection error. */
  lastError: z.nullable(z.string()),
  /** When it is tried next; null once delivered or failed. */
  nextAttemptAt: z.nullable(Timestamp),
  deliveredAt: z.nullable(Timestamp),
  createdAt: Timestamp,
  event: WebhookEvent,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryPage = /* @__PURE__ */ pageOf(WebhookDelivery);
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;
