import * as z from 'zod/mini';
import { Timestamp } from './common.js';

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
