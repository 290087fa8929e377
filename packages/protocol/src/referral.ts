import * as z from 'zod/mini';
import { CampaignStatus, Currency, MinorUnits, PositiveMinorUnits, pageOf, ShortText, someField, Timestamp } from './common.js';

/** Basis points: 10000 = 100 %. */
const Bps = z.int().check(z.minimum(0), z.maximum(10_000));

export const Commission = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('percent'), bps: Bps }),
  z.strictObject({ type: z.literal('fixed'), amount: MinorUnits, currency: Currency }),
]);
export type CommissionRule = z.infer<typeof Commission>;

/** What promoters share: shown on the card and drawn on the poster. */
export const ReferralProduct = z.strictObject({
  title: ShortText,
  imageUrl: z.optional(z.url({ protocol: /^https?$/ })),
  price: z.optional(MinorUnits),
  currency: z.optional(Currency),
  /** The page friends land on; the promoter's `flock_ref` code is added to it. */
  url: z.url({ protocol: /^https?$/ }),
});

/**
 * A tier of promoters by output (head / middle / tail): a promoter whose commission of the trailing 30
 * days reaches `minCommission30d` earns `bps` on their own (level-1) orders from then on.
 */
export const PromoterTier = /* @__PURE__ */ z.strictObject({
  name: /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  minCommission30d: MinorUnits,
  bps: Bps,
});
export type PromoterTier = z.infer<typeof PromoterTier>;

/** A fixed reward, in the program's currency, on a promoter's first attributed order (not their own purchase). */
export const FirstOrderReward = /* @__PURE__ */ z.strictObject({ amount: PositiveMinorUnits });

/** A higher level-1 rate for a promoter's first `days` days (used when it beats their tier's rate). */
export const NewPromoterBoost = /* @__PURE__ */ z.strictObject({
  bps: Bps,
  days: z.int().check(z.minimum(1), z.maximum(365)),
});

/**
 * What a friend arriving through a promoter's link may claim, once per friend: a voucher of one of the
 * merchant's voucher products, or an amount off an order of at least `minSpend`, valid `validDays`.
 */
export const FriendRewardRule = /* @__PURE__ */ z.union([
  z.strictObject({ voucherProductId: z.string().check(z.minLength(1), z.maxLength(64)) }),
  z
    .strictObject({
      amountOff: PositiveMinorUnits,
      minSpend: MinorUnits,
      validDays: z.optional(z.int().check(z.minimum(1), z.maximum(365))),
    })
    .check(z.refine((r) => r.minSpend >= r.amountOff, { message: 'minSpend must be at least amountOff', path: ['minSpend'] })),
]);

/** Tiers: at most 10, thresholds strictly ascending. */
const PromoterTiers = /* @__PURE__ */ z.array(PromoterTier).check(
  z.minLength(1),
  z.maxLength(10),
  z.refine((tiers) => tiers.every((t, i) => i === 0 || t.minCommission30d > (tiers[i - 1] as PromoterTier).minCommission30d), {
    message: 'tiers must have minCommission30d strictly ascending',
  }),
);

export const CreateReferralProgramRequest = /* @__PURE__ */ z.strictObject({
  name: ShortText,
  commission: Commission,
  /** The promoter's own referrer earns this share of the order (two levels at most, by design). */
  secondLevelBps: z.optional(Bps),
  /** Commission stays pending this long (the return window) before it becomes available. */
  holdDays: z.int().check(z.minimum(0), z.maximum(365)),
  /** A click attributes orders for this long (last click wins). */
  attributionWindowDays: z.int().check(z.minimum(1), z.maximum(365)),
  product: ReferralProduct,
  /** Needs a percent commission: below the first tier's threshold the program's own rate applies. */
  tiers: z.optional(PromoterTiers),
  firstOrderReward: z.optional(FirstOrderReward),
  /** Needs a percent commission. */
  newPromoterBoost: z.optional(NewPromoterBoost),
  friendReward: z.optional(FriendRewardRule),
});
export type CreateReferralProgramRequest = z.infer<typeof CreateReferralProgramRequest>;

/**
 * PATCH /v1/referral-programs/:id: the name, the product promoters share (replaced whole), the hold
 * of commissions earned from now on, the window of clicks made from now on, the status, and the growth
 * fields (tiers, first-order reward, boost, friend reward: for orders and claims from now on; null
 * removes one). The commission rule and the program's currency stay as created (an unknown or fixed
 * field is 400).
 */
export const UpdateReferralProgramRequest = /* @__PURE__ */ z
  .extend(
    /* @__PURE__ */ z.partial(
      /* @__PURE__ */ z.pick(CreateReferralProgramRequest, {
        name: true,
        product: true,
        holdDays: true,
        attributionWindowDays: true,
      }),
    ),
    {
      status: /* @__PURE__ */ z.optional(CampaignStatus),
      tiers: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(PromoterTiers)),
      firstOrderReward: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(FirstOrderReward)),
      newPromoterBoost: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(NewPromoterBoost)),
      friendReward: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(FriendRewardRule)),
    },
  )
  .check(someField());
export type UpdateReferralProgramRequest = z.infer<typeof UpdateReferralProgramRequest>;

export const ReferralProgram = z.object({
  id: z.string(),
  name: z.string(),
  commission: z.object({
    type: z.string(),
    bps: z.optional(z.int()),
    amount: z.optional(z.int()),
    currency: z.optional(z.string()),
  }),
  secondLevelBps: z.nullable(z.int()),
  holdDays: z.int(),
  attributionWindowDays: z.int(),
  product: z.object({
    title: z.string(),
    imageUrl: z.nullable(z.string()),
    price: z.nullable(z.int()),
    currency: z.nullable(z.string()),
    url: z.string(),
  }),
  /** Set by the merchant: a paused or ended program takes no new promoter, while existing links still attribute orders. */
  status: CampaignStatus,
  /** Ascending by threshold; null when the program has none. */
  tiers: z.nullable(z.array(z.object({ name: z.string(), minCommission30d: z.int(), bps: z.int() }))),
  firstOrderReward: z.nullable(z.object({ amount: z.int() })),
  newPromoterBoost: z.nullable(z.object({ bps: z.int(), days: z.int() })),
  /** `voucher`: a voucher of `voucherProductId` (titled `voucherTitle`); `amount_off`: `amountOff` off an order of at least `minSpend`. */
  friendReward: z.nullable(
    z.object({
      kind: z.enum(['voucher', 'amount_off']),
      voucherProductId: z.nullable(z.string()),
      voucherTitle: z.nullable(z.string()),
      amountOff: z.nullable(z.int()),
      minSpend: z.nullable(z.int()),
      validDays: z.nullable(z.int()),
    }),
  ),
  serverNow: Timestamp,
});
export type ReferralProgram = z.infer<typeof ReferralProgram>;

export const BecomePromoterRequest = /* @__PURE__ */ z.strictObject({
  /** The code of the promoter who recruited this one (their referrer, for the second level). */
  referredBy: z.optional(z.string().check(z.minLength(4), z.maxLength(32))),
});

export const Promoter = z.object({ id: z.string(), code: z.string(), programId: z.string() });
export type Promoter = z.infer<typeof Promoter>;

export const BecomePromoterResponse = z.object({ promoter: Promoter, shareUrl: z.string() });
export type BecomePromoterResponse = z.infer<typeof BecomePromoterResponse>;

export const ReferralClickRequest = /* @__PURE__ */ z.strictObject({
  code: z.string().check(z.minLength(4), z.maxLength(32)),
  landingUrl: z.url({ protocol: /^https?$/ }),
  /** The share id the link carried (`flock_share`), if any: the click counts for that share. */
  share: z.optional(z.string().check(z.maxLength(64))),
});

export const ReferralClick = z.object({ attributionId: z.string(), programId: z.string(), expiresAt: Timestamp });
export type ReferralClick = z.infer<typeof ReferralClick>;

export const ReportOrderRequest = /* @__PURE__ */ z.strictObject({
  orderRef: z.string().check(z.minLength(1), z.maxLength(128)),
  amount: MinorUnits,
  currency: Currency,
  shopperId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  /** From the SDK (`flock.attribution()`), carried by the shop's checkout. */
  attributionId: z.optional(z.string()),
  /** A promoter code typed at checkout: the fallback when there is no attribution. */
  promoterCode: z.optional(z.string().check(z.minLength(4), z.maxLength(32))),
  /**
   * The friend's coupon code (a program's friend reward) this order used: it is marked used by this
   * order, once, and the order is credited to the promoter whose link gave it when nothing else attributes it.
   */
  friendCoupon: z.optional(z.string().check(z.minLength(4), z.maxLength(32))),
  reservationId: z.optional(z.string()),
  /** Fraud signals: the buyer's IP and a device id, as the shop's backend saw them. */
  ip: z.optional(z.string().check(z.maxLength(64))),
  deviceId: z.optional(z.string().check(z.maxLength(128))),
});
export type ReportOrderRequest = z.infer<typeof ReportOrderRequest>;

export const CommissionStatus = z.enum(['pending', 'under_review', 'available', 'paid', 'reversed', 'rejected']);
export type CommissionStatus = z.infer<typeof CommissionStatus>;

export const CommissionView = z.object({
  id: z.string(),
  promoterId: z.string(),
  level: z.int(),
  /** `commission`, or `first_order_reward` (a fixed reward, held and reversed by the same rules). */
  kind: z.enum(['commission', 'first_order_reward']),
  /** The rate it was earned at (tier, boost or the program's), null for a fixed amount. */
  rateBps: z.nullable(z.int()),
  amount: z.int(),
  /** What refunds took back. */
  reversedAmount: z.int(),
  currency: z.string(),
  status: CommissionStatus,
  availableAt: Timestamp,
  /** Why it is held for review: self_referral_device, order_velocity, refund_rate. */
  flags: z.array(z.string()),
});
export type CommissionView = z.infer<typeof CommissionView>;

export const Order = z.object({
  orderRef: z.string(),
  amount: z.int(),
  currency: z.string(),
  refundedAmount: z.int(),
  promoterId: z.nullable(z.string()),
  commissions: z.array(CommissionView),
  createdAt: Timestamp,
});
export type Order = z.infer<typeof Order>;

export const RefundRequest = /* @__PURE__ */ z.strictObject({ amount: PositiveMinorUnits });

export const PromoterStats = z.object({
  promoter: z.nullable(Promoter),
  program: ReferralProgram,
  shareUrl: z.nullable(z.string()),
  clicks: z.int(),
  orders: z.int(),
  pending: z.int(),
  underReview: z.int(),
  available: z.int(),
  paid: z.int(),
  currency: z.nullable(z.string()),
  /** Own level-1 commission of the trailing 30 days, net of reversals (rewards and level 2 aside): what tiers go by. */
  commission30d: z.int(),
  /** The promoter's tier (null without tiers, or below the first). */
  tier: z.nullable(z.object({ index: z.int(), name: z.string(), bps: z.int() })),
  /** The next tier up (null at the top, or without tiers). */
  nextTier: z.nullable(z.object({ index: z.int(), name: z.string(), minCommission30d: z.int(), bps: z.int() })),
  /** Minor units of commission still to earn (in the trailing 30 days) to reach `nextTier`. */
  toNextTier: z.nullable(z.int()),
  /** The level-1 rate the promoter's next order earns (tier, boost or the program's); null for a fixed commission. */
  rateBps: z.nullable(z.int()),
  /** While the new-promoter boost applies: when it ends. */
  boostEndsAt: z.nullable(Timestamp),
  /** The program's first-order reward, and whether this promoter earned it already. */
  firstOrderReward: z.nullable(z.object({ amount: z.int(), earned: z.boolean() })),
  /** Whether the promoter appears (masked) on the leaderboard and the payout ticker. */
  showOnLeaderboard: z.boolean(),
  serverNow: Timestamp,
});
export type PromoterStats = z.infer<typeof PromoterStats>;

export const PayoutRequest = /* @__PURE__ */ z.strictObject({
  amount: PositiveMinorUnits,
  reference: z.string().check(z.minLength(1), z.maxLength(128)),
});

export const Payout = z.object({
  id: z.string(),
  promoterId: z.string(),
  amount: z.int(),
  reference: z.string(),
  available: z.int(),
});
export type Payout = z.infer<typeof Payout>;

// The merchant's lists (the console reads them): newest first, in keyset pages.

/** A program in the merchant's list: its terms, when it was created, and how many promoters and orders it has. */
export const ReferralProgramSummary = /* @__PURE__ */ z.extend(/* @__PURE__ */ z.omit(ReferralProgram, { serverNow: true }), {
  createdAt: Timestamp,
  /** Shoppers who became its promoters. */
  promoters: z.int(),
  /** Orders attributed to it. */
  orders: z.int(),
});
export type ReferralProgramSummary = z.infer<typeof ReferralProgramSummary>;
export const ReferralProgramPage = /* @__PURE__ */ pageOf(ReferralProgramSummary);
export type ReferralProgramPage = z.infer<typeof ReferralProgramPage>;

/**
 * A promoter in the merchant's list, with the figures of their own card (GET /v1/promoters/me):
 * clicks, orders and each balance, the sum of the ledger entries of that account.
 */
export const PromoterSummary = /* @__PURE__ */ z.extend(Promoter, {
  shopperId: z.string(),
  displayName: z.string(),
  /** The promoter's tier name now (null without tiers or below the first), and what it goes by. */
  tierName: z.nullable(z.string()),
  commission30d: z.int(),
  showOnLeaderboard: z.boolean(),
  /** The promoter who recruited this one (second level), if any. */
  referredBy: z.nullable(z.string()),
  createdAt: Timestamp,
  clicks: z.int(),
  orders: z.int(),
  pending: z.int(),
  underReview: z.int(),
  available: z.int(),
  paid: z.int(),
  /** The program's currency (null until its first order sets it). */
  currency: z.nullable(z.string()),
});
export type PromoterSummary = z.infer<typeof PromoterSummary>;
export const PromoterPage = /* @__PURE__ */ pageOf(PromoterSummary);
export type PromoterPage = z.infer<typeof PromoterPage>;

/** How much of an order was refunded: none of it (`paid`), part of it, or all of it. */
export const OrderStatus = /* @__PURE__ */ z.enum(['paid', 'partially_refunded', 'refunded']);
export type OrderStatus = z.infer<typeof OrderStatus>;
/** An order in the merchant's list: its view, with its id, program (null when unattributed), shopper and refund state. */
export const OrderSummary = /* @__PURE__ */ z.extend(Order, {
  id: z.string(),
  programId: z.nullable(z.string()),
  shopperId: z.nullable(z.string()),
  /** The friend coupon code this order used, if any. */
  friendCoupon: z.nullable(z.string()),
  /** The promoter it was credited to, as the merchant knows them (null when unattributed). */
  promoterCode: z.nullable(z.string()),
  promoterName: z.nullable(z.string()),
  status: OrderStatus,
});
export type OrderSummary = z.infer<typeof OrderSummary>;
export const OrderPage = /* @__PURE__ */ pageOf(OrderSummary);
export type OrderPage = z.infer<typeof OrderPage>;

/** A commission in the merchant's list: its view, with its program, order and when it was earned. */
export const CommissionSummary = /* @__PURE__ */ z.extend(CommissionView, {
  programId: z.string(),
  orderRef: z.string(),
  /** The promoter who earned it, as the merchant knows them. */
  promoterCode: z.string(),
  promoterName: z.string(),
  createdAt: Timestamp,
});
export type CommissionSummary = z.infer<typeof CommissionSummary>;
export const CommissionPage = /* @__PURE__ */ pageOf(CommissionSummary);
export type CommissionPage = z.infer<typeof CommissionPage>;

/** A payout in the merchant's list (the balance left after it is only known when it is recorded). */
export const PayoutSummary = /* @__PURE__ */ z.extend(/* @__PURE__ */ z.omit(Payout, { available: true }), {
  programId: z.string(),
  /** The program's currency, which every commission and payout of it is in. */
  currency: z.string(),
  /** The promoter paid, as the merchant knows them. */
  promoterCode: z.string(),
  promoterName: z.string(),
  createdAt: Timestamp,
});
export type PayoutSummary = z.infer<typeof PayoutSummary>;
export const PayoutPage = /* @__PURE__ */ pageOf(PayoutSummary);
export type PayoutPage = z.infer<typeof PayoutPage>;

/**
 * Commission money as the merchant settles it, for one promoter or a whole program: each figure a
 * sum over the commission and payout rows, in the program's currency. Every commission is in exactly
 * one place, so `earned = pending + underReview + available + paid + reversed + rejected`.
 */
export const CommissionBalances = /* @__PURE__ */ z.object({
  /** Every commission ever earned, before refunds. */
  earned: z.int(),
  /** Waiting for its hold (the return window) to pass. */
  pending: z.int(),
  /** Held by a fraud signal until the merchant approves or rejects it. */
  underReview: z.int(),
  /** Released and not paid out yet: may be negative after a refund of an order already paid out. */
  available: z.int(),
  /** Paid out by the merchant (the payouts recorded). */
  paid: z.int(),
  /** Taken back by refunds, in proportion to the amount refunded. */
  reversed: z.int(),
  /** Rejected by the merchant after review. */
  rejected: z.int(),
  /** What the merchant still owes if nothing more is refunded or rejected: pending + underReview + available. */
  owed: z.int(),
});
export type CommissionBalances = z.infer<typeof CommissionBalances>;

/** One promoter's line of a program's ledger. */
export const PromoterBalance = /* @__PURE__ */ z.extend(CommissionBalances, {
  /** The promoter's id. */
  id: z.string(),
  programId: z.string(),
  code: z.string(),
  shopperId: z.string(),
  displayName: z.string(),
  /** When the promoter joined. */
  createdAt: Timestamp,
  /** The program's currency (null until its first order sets it). */
  currency: z.nullable(z.string()),
});
export type PromoterBalance = z.infer<typeof PromoterBalance>;
export const PromoterBalancePage = /* @__PURE__ */ pageOf(PromoterBalance);
export type PromoterBalancePage = z.infer<typeof PromoterBalancePage>;

/** A whole program's ledger: the sums of its promoters' lines. */
export const ProgramBalances = /* @__PURE__ */ z.extend(CommissionBalances, {
  programId: z.string(),
  /** How many promoters joined the program. */
  promoters: z.int(),
  currency: z.nullable(z.string()),
});
export type ProgramBalances = z.infer<typeof ProgramBalances>;
