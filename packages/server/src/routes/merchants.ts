import { CreateMerchantRequest, CreateShopperTokenRequest, RollKeysRequest, UpdateMerchantRequest } from '@flock/protocol';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context.js';
import { safeEqual } from '../crypto.js';
import { createMerchant, createStaffKey, merchantView, rollKey, updateMerchant } from '../domain/merchants.js';
import { mintShopperToken } from '../domain/shoppers.js';
import { ApiError } from '../errors.js';
import { failedAuthentication, jsonBody, merchantOf, requireKey } from '../middleware.js';

const CreateStaffKeyRequest = z.strictObject({ store: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)) });

export const merchantRoutes = new Hono<AppEnv>()
  .post('/merchants', jsonBody(CreateMerchantRequest), async (c) => {
    const { adminToken, db, clock, secrets, webhookAddresses } = c.var.deps;
    if (!adminToken) throw new ApiError('forbidden', 'Set FLOCK_ADMIN_TOKEN on the server to create merchants over HTTP.');
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!safeEqual(given, adminToken)) {
      const refusal = new ApiError('unauthorized', 'This route needs the operator token.');
      // Only a token sent and wrong is a guess; a missing one is counted by nothing.
      throw given ? await failedAuthentication(c, refusal) : refusal;
    }
    return c.json(await createMerchant(db, clock, secrets, c.req.valid('json'), webhookAddresses), 201);
  })
  .post('/shopper-tokens', requireKey('secret'), jsonBody(CreateShopperTokenRequest), async (c) =>
    c.json(await mintShopperToken(merchantOf(c), c.var.deps.clock, c.req.valid('json')), 201),
  )
  .post('/staff-keys', requireKey('secret'), jsonBody(CreateStaffKeyRequest), async (c) =>
    c.json(await createStaffKey(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.valid('json').store), 201),
  )
  .get('/merchant', requireKey('secret'), (c) => c.json(merchantView(merchantOf(c))))
  .patch('/merchant', requireKey('secret'), jsonBody(UpdateMerchantRequest), async (c) => {
    const { db, webhookAddresses } = c.var.deps;
    const updated = await updateMerchant(db, merchantOf(c).id, c.req.valid('json'), webhookAddresses);
    c.var.deps.keys.forget(updated.id);
    return c.json(updated);
  })
  .post('/merchant/roll-keys', requireKey('secret'), jsonBody(RollKeysRequest), async (c) => {
    const { db, clock, secrets } = c.var.deps;
    const rolled = await rollKey(db, clock, secrets, merchantOf(c).id, c.req.valid('json').which);
    c.var.deps.keys.forget(merchantOf(c).id);
    return c.json(rolled, 201);
  });
