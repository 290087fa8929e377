import {
  BecomePromoterRequest,
  CreateReferralProgramRequest,
  PayoutRequest,
  ReferralClickRequest,
  RefundRequest,
  ReportOrderRequest,
} from '@flock/protocol';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context.js';
import {
  approveCommission,
  becomePromoter,
  createProgram,
  getProgram,
  promoterStatsOf,
  recordClick,
  recordPayout,
  refundOrder,
  rejectCommission,
  reportOrder,
} from '../domain/referrals.js';
import { ApiError } from '../errors.js';
import { jsonBody, merchantOf, requireKey, requireShopper, shopperOf } from '../middleware.js';
import { clientIp } from '../rate-limit.js';

/** Approving or rejecting takes no fields; an empty object keeps the body strict. */
const NoFields = z.strictObject({});

export interface ReferralRouteOptions {
  /** Take the client's address from X-Forwarded-For (only behind a proxy that sets it); as for assists. */
  trustForwardedFor?: boolean;
}

export function createReferralRoutes(options: ReferralRouteOptions = {}) {
  const trustForwardedFor = options.trustForwardedFor ?? false;
  const ipOf = (c: Parameters<typeof clientIp>[0]) => {
    const ip = clientIp(c, trustForwardedFor);
    return ip === 'unknown' ? null : ip;
  };
  return new Hono<AppEnv>()
    .post('/referral-programs', requireKey('secret'), jsonBody(CreateReferralProgramRequest), async (c) =>
      c.json(await createProgram(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.valid('json')), 201),
    )
    .get('/referral-programs/:id', requireKey('publishable', 'secret'), async (c) =>
      c.json(await getProgram(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'))),
    )
    .post(
      '/referral-programs/:id/promoters',
      requireKey('publishable', 'secret'),
      requireShopper,
      jsonBody(BecomePromoterRequest),
      async (c) => {
        const { created, ...joined } = await becomePromoter(
          c.var.deps.db,
          c.var.deps.clock,
          merchantOf(c).id,
          c.req.param('id'),
          shopperOf(c),
          c.req.valid('json'),
          ipOf(c),
        );
        // 201 for a new promoter, 200 when the shopper already is one.
        return c.json(joined, created ? 201 : 200);
      },
    )
    .post('/referral-clicks', requireKey('publishable', 'secret'), jsonBody(ReferralClickRequest), async (c) =>
      c.json(
        await recordClick(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.valid('json'), {
          ip: ipOf(c),
          userAgent: c.req.header('user-agent') ?? null,
          shopperId: c.var.shopper?.id ?? null,
        }),
        201,
      ),
    )
    .post('/orders', requireKey('secret'), jsonBody(ReportOrderRequest), async (c) => {
      const { order, created } = await reportOrder(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.valid('json'));
      // 201 when recorded now, 200 when this orderRef was already reported (same amount and currency).
      return c.json(order, created ? 201 : 200);
    })
    .post('/orders/:orderRef/refunds', requireKey('secret'), jsonBody(RefundRequest), async (c) =>
      c.json(
        await refundOrder(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('orderRef'), c.req.valid('json').amount),
        201,
      ),
    )
    .post('/commissions/:id/approve', requireKey('secret'), jsonBody(NoFields), async (c) =>
      c.json(await approveCommission(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'))),
    )
    .post('/commissions/:id/reject', requireKey('secret'), jsonBody(NoFields), async (c) =>
      c.json(await rejectCommission(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'))),
    )
    .get('/promoters/me', requireKey('publishable', 'secret'), requireShopper, async (c) => {
      const programId = c.req.query('program');
      if (!programId) {
        const message = 'Say which program: ?program=prg_….';
        throw new ApiError('invalid_request', message, [{ path: ['program'], message }]);
      }
      return c.json(await promoterStatsOf(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, programId, shopperOf(c)));
    })
    .post('/promoters/:id/payouts', requireKey('secret'), jsonBody(PayoutRequest), async (c) =>
      c.json(await recordPayout(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'), c.req.valid('json')), 201),
    );
}
