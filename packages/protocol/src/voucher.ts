import * as z from 'zod/mini';
import { CampaignStatus, Currency, IsoDateTime, MinorUnits, pageOf, ShortText, someField, Timestamp } from './common.js';

const voucherProductFields = /* @__PURE__ */ z.strictObject({
  title: ShortText,
  value: z.optional(MinorUnits),
  currency: z.optional(Currency),
  /** 1 for a single-use voucher (a coffee), up to 100 for a multi-visit card. */
  uses: z.int().check(z.minimum(1), z.maximum(100)),
  validFrom: z.optional(IsoDateTime),
  validUntil: z.optional(IsoDateTime),
  /** Store names where it can be redeemed; absent = every store. */
  stores: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))).check(z.maxLength(100))),
});
export const CreateVoucherProductRequest = /* @__PURE__ */ voucherProductFields.check(
  z.refine((p) => !p.validFrom || !p.validUntil || Date.parse(p.validFrom) < Date.parse(p.validUntil), {
    message: 'validFrom must be before validUntil',
    path: ['validUntil'],
  }),
  z.refine((p) => p.value === undefined || p.currency !== undefined, {
    message: 'a value needs its currency',
    path: ['currency'],
  }),
);
export type CreateVoucherProductRequest = z.infer<typeof CreateVoucherProductRequest>;

/**
 * PATCH /v1/voucher-products/:id: the title and the status. The value, uses, validity and stores
 * stay as created, because issued vouchers keep reading them from their product (an unknown or
 * fixed field is 400): for other terms, create another product.
 */
export const UpdateVoucherProductRequest = /* @__PURE__ */ z
  .extend(/* @__PURE__ */ z.partial(/* @__PURE__ */ z.pick(voucherProductFields, { title: true })), {
    status: /* @__PURE__ */ z.optional(CampaignStatus),
  })
  .check(someField());
export type UpdateVoucherProductRequest = z.infer<typeof UpdateVoucherProductRequest>;

export const VoucherProduct = z.object({
  id: z.string(),
  title: z.string(),
  value: z.nullable(z.int()),
  currency: z.nullable(z.string()),
  uses: z.int(),
  validFrom: z.nullable(Timestamp),
  validUntil: z.nullable(Timestamp),
  stores: z.nullable(z.array(z.string())),
  /** Set by the merchant: a paused or ended product issues no voucher, while issued ones still redeem. */
  status: CampaignStatus,
});
export type VoucherProduct = z.infer<typeof VoucherProduct>;

/** A product in the merchant's list: its terms, and how many vouchers of it were issued and are at each status. */
export const VoucherProductSummary = /* @__PURE__ */ z.extend(VoucherProduct, {
  createdAt: Timestamp,
  /** `issued` counts them all; an active voucher past the product's `validUntil` counts as expired. */
  vouchers: /* @__PURE__ */ z.object({ issued: z.int(), active: z.int(), usedUp: z.int(), voided: z.int(), expired: z.int() }),
});
export type VoucherProductSummary = z.infer<typeof VoucherProductSummary>;
export const VoucherProductPage = /* @__PURE__ */ pageOf(VoucherProductSummary);
export type VoucherProductPage = z.infer<typeof VoucherProductPage>;

export const IssueVoucherRequest = /* @__PURE__ */ z.strictObject({
  productId: z.string(),
  shopperId: z.string().check(z.minLength(1), z.maxLength(128)),
  orderRef: z.string().check(z.minLength(1), z.maxLength(128)),
});

export const VoucherStatus = z.enum(['active', 'used_up', 'voided', 'expired']);

export const Redemption = z.object({ id: z.string(), voucherId: z.string(), store: z.string(), redeemedAt: Timestamp });
export type Redemption = z.infer<typeof Redemption>;

/** A redemption in the merchant's list: which voucher and product, where, and with which staff key. */
export const RedemptionSummary = /* @__PURE__ */ z.extend(Redemption, {
  productId: z.string(),
  productTitle: z.string(),
  shopperId: z.string(),
  /** The staff key that redeemed it (see GET /v1/staff-keys); null for redemptions recorded before keys had ids. */
  staffKeyId: z.nullable(z.string()),
});
export type RedemptionSummary = z.infer<typeof RedemptionSummary>;
export const RedemptionPage = /* @__PURE__ */ pageOf(RedemptionSummary);
export type RedemptionPage = z.infer<typeof RedemptionPage>;

/**
 * A voucher in the merchant's list of issued vouchers: whose it is, for which order, and how much of
 * it is left. Never a code: a code is a bearer credential that only its shopper mints.
 */
export const IssuedVoucher = /* @__PURE__ */ z.object({
  id: z.string(),
  productId: z.string(),
  productTitle: z.string(),
  shopperId: z.string(),
  orderRef: z.string(),
  /** As settled now: an active voucher past its product's `validUntil` is `expired`. */
  status: VoucherStatus,
  uses: z.int(),
  usesLeft: z.int(),
  createdAt: Timestamp,
  voidedAt: z.nullable(Timestamp),
  lastRedemption: z.nullable(Redemption),
});
export type IssuedVoucher = z.infer<typeof IssuedVoucher>;
export const IssuedVoucherPage = /* @__PURE__ */ pageOf(IssuedVoucher);
export type IssuedVoucherPage = z.infer<typeof IssuedVoucherPage>;

export const Voucher = z.object({
  id: z.string(),
  productId: z.string(),
  title: z.string(),
  status: VoucherStatus,
  uses: z.int(),
  usesLeft: z.int(),
  value: z.nullable(z.int()),
  currency: z.nullable(z.string()),
  validFrom: z.nullable(Timestamp),
  validUntil: z.nullable(Timestamp),
  stores: z.nullable(z.array(z.string())),
  lastRedemption: z.nullable(Redemption),
  serverNow: Timestamp,
});
export type Voucher = z.infer<typeof Voucher>;

export const VoucherList = z.object({ vouchers: z.array(Voucher) });
export type VoucherList = z.infer<typeof VoucherList>;

/**
 * A signed, single-use code for the QR; it expires in 60 s and the widget fetches a new one before.
 * `shortCode` is the same use as 12 digits (券码), for staff to type when the camera cannot scan.
 */
export const VoucherCode = z.object({
  code: z.string(),
  shortCode: z.string().check(z.regex(/^\d{12}$/)),
  expiresAt: Timestamp,
  serverNow: Timestamp,
});
export type VoucherCode = z.infer<typeof VoucherCode>;

/** `code`: the QR's signed code, or its 12-digit `shortCode` as typed (spaces and dashes allowed). */
export const RedeemRequest = /* @__PURE__ */ z.strictObject({ code: z.string().check(z.minLength(10), z.maxLength(2048)) });

export const RedeemResponse = z.object({ redemption: Redemption, voucher: Voucher });
export type RedeemResponse = z.infer<typeof RedeemResponse>;
