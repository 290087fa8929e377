import { CreateVoucherProductRequest, IssueVoucherRequest, RedeemRequest } from '@flock/protocol';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context.js';
import {
  createVoucherProduct,
  getVoucher,
  issueVoucher,
  listVouchers,
  redeem,
  voidVoucher,
  voucherCode,
} from '../domain/vouchers.js';
import { ApiError } from '../errors.js';
import { jsonBody, merchantOf, requireKey, requireShopper, shopperOf } from '../middleware.js';

/** Voiding takes no fields; an empty object keeps the body strict. */
const NoFields = z.strictObject({});

export const voucherRoutes = new Hono<AppEnv>()
  .post('/voucher-products', requireKey('secret'), jsonBody(CreateVoucherProductRequest), async (c) =>
    c.json(await createVoucherProduct(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.valid('json')), 201),
  )
  .post('/vouchers', requireKey('secret'), jsonBody(IssueVoucherRequest), async (c) => {
    const { voucher, created } = await issueVoucher(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.valid('json'));
    // 201 for a new voucher, 200 when the order's voucher is handed back.
    return c.json(voucher, created ? 201 : 200);
  })
  .post('/vouchers/:id/void', requireKey('secret'), jsonBody(NoFields), async (c) =>
    c.json(await voidVoucher(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'))),
  )
  .get('/vouchers', requireKey('publishable', 'secret'), requireShopper, async (c) => {
    if (c.req.query('shopper') !== 'me') throw new ApiError('invalid_request', 'List your own vouchers with ?shopper=me.');
    return c.json(await listVouchers(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, shopperOf(c)));
  })
  .get('/vouchers/:id', requireKey('publishable', 'secret'), requireShopper, async (c) =>
    c.json(await getVoucher(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'), shopperOf(c))),
  )
  .get('/vouchers/:id/code', requireKey('publishable', 'secret'), requireShopper, async (c) => {
    // A code is a bearer credential for a minute: never cache it.
    c.header('cache-control', 'no-store');
    return c.json(await voucherCode(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'), shopperOf(c)));
  })
  .post('/redemptions', requireKey('staff'), jsonBody(RedeemRequest), async (c) => {
    const auth = c.var.auth;
    if (!auth) throw new ApiError('unauthorized', 'Send the staff key as "Authorization: Bearer <key>".');
    return c.json(await redeem(c.var.deps.db, c.var.deps.clock, auth, c.req.valid('json').code), 201);
  });
