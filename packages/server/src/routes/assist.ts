import { CreateAssistCampaignRequest, StartAssistRequest } from '@flock/protocol';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context.js';
import { createCampaign, getAssist, getCampaign, help, startAssist } from '../domain/assists.js';
import { jsonBody, merchantOf, requireKey, requireShopper, shopperOf } from '../middleware.js';
import { clientIp, enforceRateLimit, type RateLimit } from '../rate-limit.js';

/** Helping takes no fields; an empty object keeps the body strict. */
const NoFields = z.strictObject({});

export type HelpRateLimit = RateLimit;

/** 30 helps a minute from one address is far more than friends tapping a shared link. */
export const DEFAULT_HELP_RATE_LIMIT: HelpRateLimit = { max: 30, windowSeconds: 60 };

export interface AssistRouteOptions {
  /**
   * Help attempts allowed per client IP and merchant per window (default 30 a minute); `false`
   * turns the limit off. Shoppers behind one carrier NAT share an address, so keep it generous.
   */
  helpRateLimit?: HelpRateLimit | false;
  /**
   * Take the client's address from the first hop of X-Forwarded-For (default false). Turn it on
   * only behind a proxy that sets the header (FLOCK_TRUST_PROXY=1); otherwise clients pick their own.
   */
  trustForwardedFor?: boolean;
}

export function createAssistRoutes(options: AssistRouteOptions = {}) {
  const rateLimit = options.helpRateLimit === undefined ? DEFAULT_HELP_RATE_LIMIT : options.helpRateLimit;
  // Only behind a proxy that sets it is X-Forwarded-For the client's; otherwise anyone can forge it.
  const trustForwardedFor = options.trustForwardedFor ?? false;
  return new Hono<AppEnv>()
    .post('/assist-campaigns', requireKey('secret'), jsonBody(CreateAssistCampaignRequest), async (c) =>
      c.json(await createCampaign(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.valid('json')), 201),
    )
    .get('/assist-campaigns/:id', requireKey('publishable', 'secret'), async (c) =>
      c.json(await getCampaign(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'), c.var.shopper ?? undefined)),
    )
    .post(
      '/assist-campaigns/:id/assists',
      requireKey('publishable', 'secret'),
      requireShopper,
      jsonBody(StartAssistRequest),
      async (c) => {
        const { created, ...started } = await startAssist(
          c.var.deps.db,
          c.var.deps.clock,
          merchantOf(c).id,
          c.req.param('id'),
          shopperOf(c),
          c.req.valid('json'),
        );
        // 201 for a new assist, 200 when the shopper's running one is handed back.
        return c.json(started, created ? 201 : 200);
      },
    )
    .get('/assists/:id', requireKey('publishable', 'secret'), async (c) =>
      c.json(await getAssist(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'), c.var.shopper ?? undefined)),
    )
    .post('/assists/:id/helps', requireKey('publishable', 'secret'), requireShopper, jsonBody(NoFields), async (c) => {
      const { db, clock } = c.var.deps;
      const merchantId = merchantOf(c).id;
      if (rateLimit) {
        const ip = clientIp(c, trustForwardedFor);
        await enforceRateLimit(c, `assist-help:${merchantId}`, ip, rateLimit, 'Too many helps from this network');
      }
      return c.json(await help(db, clock, merchantId, c.req.param('id'), shopperOf(c)), 201);
    });
}

/** The assist routes with the default help rate limit. */
