import * as z from 'zod/mini';
import { MinorUnits, ShortText, Timestamp } from './common.js';

// The promoter growth kit: leaderboard and payout ticker (social proof), share kit and share history
// (less work per share), suggestions, and the friend's reward (a reason for the friend to buy).

export const LeaderboardPeriod = /* @__PURE__ */ z.enum(['week', 'month']);
export type LeaderboardPeriod = z.infer<typeof LeaderboardPeriod>;

/**
 * The top promoters of a program this calendar week (from Monday 00:00 UTC) or month (from the 1st,
 * 00:00 UTC) by commission earned in it (both levels, net of reversals, rejected aside; rewards aside),
 * promoters who opted out left out. Names are masked: 王** / A***.
 */
export const Leaderboard = z.object({
  period: LeaderboardPeriod,
  from: Timestamp,
  to: Timestamp,
  currency: z.nullable(z.string()),
  data: z.array(z.object({ rank: z.int(), displayName: z.string(), commission: z.int() })),
  serverNow: Timestamp,
});
export type Leaderboard = z.infer<typeof Leaderboard>;

/** The program's latest payouts (at most 20, of the last 30 days), promoters who opted out left out; masked names. */
export const RecentPayouts = z.object({
  currency: z.nullable(z.string()),
  data: z.array(z.object({ displayName: z.string(), amount: z.int(), paidAt: Timestamp })),
  serverNow: Timestamp,
});
export type RecentPayouts = z.infer<typeof RecentPayouts>;

/** PATCH /v1/promoters/me: the promoter's own settings in one program. */
export const UpdatePromoterSettingsRequest = /* @__PURE__ */ z.strictObject({
  program: z.string().check(z.minLength(1), z.maxLength(64)),
  /** false: left out of the leaderboard and the payout ticker. */
  showOnLeaderboard: z.boolean(),
});
export const PromoterSettings = z.object({ promoterId: z.string(), showOnLeaderboard: z.boolean() });
export type PromoterSettings = z.infer<typeof PromoterSettings>;

// Share kit (素材).

export const CreateMaterialRequest = /* @__PURE__ */ z.strictObject({
  title: ShortText,
  /** The copy promoters share, with `{link}` where their link goes (appended when absent). */
  text: /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)),
  imageUrls: /* @__PURE__ */ z.optional(z.array(z.url({ protocol: /^https$/ })).check(z.maxLength(9))),
  /** The product page the link leads to; the program's product page when absent. */
  url: /* @__PURE__ */ z.optional(z.url({ protocol: /^https?$/ })),
  price: /* @__PURE__ */ z.optional(MinorUnits),
});
export type CreateMaterialRequest = z.infer<typeof CreateMaterialRequest>;

export const UpdateMaterialRequest = /* @__PURE__ */ z
  .extend(/* @__PURE__ */ z.partial(CreateMaterialRequest), {
    /** An archived material is no longer offered to promoters; its shares keep their history. */
    archived: /* @__PURE__ */ z.optional(z.boolean()),
  })
  .check(
    z.refine<object>((body) => Object.values(body).some((value) => value !== undefined), {
      message: 'Name at least one field to change.',
    }),
  );
export type UpdateMaterialRequest = z.infer<typeof UpdateMaterialRequest>;

export const Material = z.object({
  id: z.string(),
  programId: z.string(),
  title: z.string(),
  text: z.string(),
  imageUrls: z.array(z.string()),
  url: z.string(),
  price: z.nullable(z.int()),
  archived: z.boolean(),
  createdAt: Timestamp,
});
export type Material = z.infer<typeof Material>;
export const MaterialList = z.object({ data: z.array(Material) });
export type MaterialList = z.infer<typeof MaterialList>;

/** A material as its promoter shares it: the link carries their code (`flock_ref`); add a share id with `shareLink`. */
export const PromoterMaterial = /* @__PURE__ */ z.extend(Material, { link: z.string() });
export type PromoterMaterial = z.infer<typeof PromoterMaterial>;
export const PromoterMaterialList = z.object({ data: z.array(PromoterMaterial) });
export type PromoterMaterialList = z.infer<typeof PromoterMaterialList>;

// Shares: the browser makes the share id, puts it in the link it copies or shares at once (no round
// trip inside the tap), and records the share beside it; clicks through the link carry the id.

export const ShareChannel = /* @__PURE__ */ z.enum(['copy', 'web_share', 'poster', 'wechat', 'other']);
export type ShareChannel = z.infer<typeof ShareChannel>;
/** A share id as the browser makes it. */
export const ShareId = /* @__PURE__ */ z
  .string()
  .check(z.regex(/^shr_[A-Za-z0-9]{12,32}$/, 'a share id (shr_ and 12 to 32 letters or digits)'));

export const RecordShareRequest = /* @__PURE__ */ z.strictObject({
  program: z.string().check(z.minLength(1), z.maxLength(64)),
  shareId: ShareId,
  /** The material shared; absent for the program's own link. */
  materialId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  channel: ShareChannel,
});
export type RecordShareRequest = z.infer<typeof RecordShareRequest>;

/** One share and how it did: clicks through its link, orders those clicks brought, commission earned on them (net of reversals). */
export const ShareRecord = z.object({
  id: z.string(),
  materialId: z.nullable(z.string()),
  title: z.string(),
  channel: z.string(),
  createdAt: Timestamp,
  clicks: z.int(),
  orders: z.int(),
  commission: z.int(),
});
export type ShareRecord = z.infer<typeof ShareRecord>;
export const ShareHistoryPage = z.object({ data: z.array(ShareRecord), nextCursor: z.nullable(z.string()) });
export type ShareHistoryPage = z.infer<typeof ShareHistoryPage>;

/**
 * A material suggested to a promoter. `audience`: ranked by conversion (orders per click) among this
 * promoter's own clicks, and `buyers` of their friends bought it; `program`: the promoter has no data
 * yet, ranked over the whole program, and `buyers` bought it through any promoter.
 */
export const Suggestion = z.object({
  material: PromoterMaterial,
  reason: z.enum(['audience', 'program']),
  buyers: z.int(),
  clicks: z.int(),
  /** Orders per click, in basis points. */
  conversionBps: z.int(),
});
export type Suggestion = z.infer<typeof Suggestion>;
export const SuggestionList = z.object({ data: z.array(Suggestion) });
export type SuggestionList = z.infer<typeof SuggestionList>;

// The friend's reward.

export const ClaimFriendRewardRequest = /* @__PURE__ */ z.strictObject({
  /** The click the friend arrived through (the SDK's attribution id). */
  attributionId: z.string().check(z.minLength(1), z.maxLength(64)),
});

/**
 * A friend's reward, issued once per friend per program. `code` goes into the order report
 * (`friendCoupon`) so the order is credited to the promoter; a `voucher` reward is also a voucher
 * (`voucherId`) shown at the counter.
 */
export const FriendReward = z.object({
  id: z.string(),
  programId: z.string(),
  kind: z.enum(['voucher', 'amount_off']),
  code: z.string(),
  /** The promoter whose link it came from, masked. */
  promoterName: z.string(),
  amountOff: z.nullable(z.int()),
  minSpend: z.nullable(z.int()),
  currency: z.nullable(z.string()),
  voucherId: z.nullable(z.string()),
  voucherTitle: z.nullable(z.string()),
  /** When the code stops working: the voucher's end for a `voucher` reward; null: a voucher whose product has no end date. */
  expiresAt: z.nullable(Timestamp),
  /** When an order used the code (`friendCoupon`), or, for a `voucher` reward, its voucher was first redeemed. */
  usedAt: z.nullable(Timestamp),
  serverNow: Timestamp,
});
export type FriendReward = z.infer<typeof FriendReward>;
/** GET …/friend-reward: the calling shopper's reward in this program, null when they have none. */
export const MyFriendReward = z.object({ reward: z.nullable(FriendReward) });
export type MyFriendReward = z.infer<typeof MyFriendReward>;
