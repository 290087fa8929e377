import { listDeliveries, resendDelivery } from '../domain/webhook-deliveries.js';
import type { HandlersFor } from '../http/handler.js';
import { defaultWebhookDelivery } from '../infra/webhook-delivery.js';

export const webhookHandlers = {
  listWebhookDeliveries: ({ query }, { db, merchant, webhookMaxAttempts }) =>
    listDeliveries(db, merchant.id, webhookMaxAttempts ?? defaultWebhookDelivery.maxAttempts, query),
  resendWebhookDelivery: ({ params }, { db, clock, merchant, webhookMaxAttempts }) =>
    resendDelivery(db, clock, merchant.id, webhookMaxAttempts ?? defaultWebhookDelivery.maxAttempts, params.id),
} satisfies HandlersFor<'listWebhookDeliveries' | 'resendWebhookDelivery'>;
