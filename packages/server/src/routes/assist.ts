import { CreateAssistCampaignRequest, StartAssistRequest } from '@flock/protocol';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context.js';
import {
  createCampaign,
  DEFAULT_HELP_RATE_LIMIT,
  getAssist,
  getCampaign,
  type HelpRateLimit,
  help,
  startAssist,
  takeHelpAttempt,
} from '../domain/assists.js';
import { ApiError } from '../errors.js';
import { jsonBody, merchantOf, requireKey, requireShopper, shopperOf } from '../middleware.js';

/** Helping takes no fields; an empty object keeps the body strict. */
const NoFields = z.strictObject({});

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

/** The caller's address: the first X-Forwarded-For hop, else the socket's; 'unknown' when there is no socket (app.request). */
export function clientIp(c: Context<AppEnv>, trustForwardedFor = false): string {
  if (trustForwardedFor) {
    const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
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
        try {
          await takeHelpAttempt(db, clock, merchantId, clientIp(c, trustForwardedFor), rateLimit);
        } catch (error) {
          if (error instanceof ApiError && error.code === 'rate_limited') {
            c.header('retry-after', String((error.details as { retryAfterSeconds: number }).retryAfterSeconds));
          }
          throw error;
        }
      }
      return c.json(await help(db, clock, merchantId, c.req.param('id'), shopperOf(c)), 201);
    });
}

/** The assist routes with the default help rate limit. */
