import * as z from 'zod/mini';
import { ShortText, Timestamp, Url } from './common.js';
import { Email, Invite } from './console.js';

/** An origin is scheme://host[:port] with nothing after it. */
export const Origin = z
  .string()
  .check(z.regex(/^https?:\/\/[^/\s?#]+$/, 'an origin such as https://shop.example (no path, no trailing slash)'));

export const CreateMerchantRequest = /* @__PURE__ */ z.strictObject({
  name: ShortText,
  origins: z.array(Origin).check(z.minLength(1), z.maxLength(50)),
  webhookUrl: z.optional(Url),
  /** Invite this person as the console's first owner: the answer carries their one-time link. */
  ownerEmail: z.optional(Email),
});
export type CreateMerchantRequest = z.infer<typeof CreateMerchantRequest>;

export const CreatedMerchant = z.object({
  merchantId: z.string(),
  publishableKey: z.string(),
  secretKey: z.string(),
  webhookSecret: z.string(),
  /** With `ownerEmail`: the link that lets them set a password and sign in to the console. */
  ownerInvite: z.optional(Invite),
});
export type CreatedMerchant = z.infer<typeof CreatedMerchant>;

export const Merchant = z.object({
  id: z.string(),
  name: z.string(),
  origins: z.array(z.string()),
  webhookUrl: z.nullable(z.string()),
  /** The key the shop's pages (and every snippet) use; null for a key made before keys were kept sealed: roll it to see one. */
  publishableKey: z.nullable(z.string()),
  /** Pages refused in the last 7 days for an origin not in `origins`: most likely the shop's own, to allow. */
  blockedOrigins: z.array(z.object({ origin: z.string(), lastSeenAt: Timestamp })),
  createdAt: Timestamp,
});
export type Merchant = z.infer<typeof Merchant>;

export const UpdateMerchantRequest = /* @__PURE__ */ z.strictObject({
  origins: z.optional(z.array(Origin).check(z.minLength(1), z.maxLength(50))),
  webhookUrl: z.optional(z.nullable(Url)),
});
export type UpdateMerchantRequest = z.infer<typeof UpdateMerchantRequest>;

export const RollKeysRequest = /* @__PURE__ */ z.strictObject({ which: z.enum(['publishable', 'secret', 'webhook']) });
export const RolledKey = z.object({ which: z.string(), key: z.string(), previousKeyExpiresAt: Timestamp });
export type RolledKey = z.infer<typeof RolledKey>;

export const CreateShopperTokenRequest = /* @__PURE__ */ z.strictObject({
  shopperId: z.string().check(z.minLength(1), z.maxLength(128)),
  displayName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
  avatarUrl: z.optional(Url),
  ttlSeconds: z.optional(z.int().check(z.minimum(60), z.maximum(30 * 86400))),
});
export type CreateShopperTokenRequest = z.infer<typeof CreateShopperTokenRequest>;

export const ShopperToken = z.object({ token: z.string(), expiresAt: Timestamp });
export type ShopperToken = z.infer<typeof ShopperToken>;
