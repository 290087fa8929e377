import * as z from 'zod/mini';
import { CampaignStatus, Currency, IsoDateTime, MinorUnits, pageOf, ShortText, someField, Timestamp } from './common.js';

export const AssistMode = z.enum(['progress', 'price_cut']);
export type AssistMode = z.infer<typeof AssistMode>;

/** A campaign's fields, declared once for creating it and for changing it (without the cross-field checks, which pick cannot carry). */
const campaignFields = /* @__PURE__ */ z.strictObject({
  productRef: z.string().check(z.minLength(1), z.maxLength(128)),
  title: ShortText,
  imageUrl: z.optional(z.url({ protocol: /^https?$/ })),
  mode: AssistMode,
  /** Helps needed to reach the goal. */
  goal: z.int().check(z.minimum(1), z.maximum(1000)),
  startPrice: z.optional(MinorUnits),
  floorPrice: z.optional(MinorUnits),
  currency: z.optional(Currency),
  /** How long friends can help, from the moment the shopper starts. */
  ttlSeconds: z.int().check(z.minimum(60), z.maximum(30 * 86400)),
  /** How long the shopper has to claim the reward once the goal is reached. */
  purchaseTtlSeconds: z.optional(z.int().check(z.minimum(60), z.maximum(30 * 86400))),
  /** How many helps one helper may give across all of the merchant's assists per UTC day. */
  helpsPerHelperPerDay: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
  reward: z.strictObject({
    description: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
    voucherProductId: z.optional(z.string()),
  }),
  /** Shoppers can start assists from startsAt until endsAt; an assist never outlives endsAt. */
  startsAt: z.optional(IsoDateTime),
  endsAt: z.optional(IsoDateTime),
});
export const CreateAssistCampaignRequest = /* @__PURE__ */ campaignFields.check(
  z.refine((c) => c.mode !== 'price_cut' || (c.startPrice !== undefined && c.floorPrice !== undefined && c.currency), {
    message: 'price_cut needs startPrice, floorPrice and currency',
    path: ['startPrice'],
  }),
  z.refine((c) => c.mode !== 'price_cut' || (c.startPrice ?? 0) - (c.floorPrice ?? 0) >= c.goal, {
    message: 'startPrice - floorPrice must be at least goal minor units, so every help cuts at least one',
    path: ['floorPrice'],
  }),
  z.refine((c) => (c.startPrice === undefined && c.floorPrice === undefined) || c.currency !== undefined, {
    message: 'prices need a currency',
    path: ['currency'],
  }),
  z.refine((c) => c.startPrice === undefined || c.floorPrice === undefined || c.floorPrice <= c.startPrice, {
    message: 'floorPrice must not exceed startPrice',
    path: ['floorPrice'],
  }),
  z.refine((c) => !c.startsAt || !c.endsAt || Date.parse(c.startsAt) < Date.parse(c.endsAt), {
    message: 'startsAt must be before endsAt',
    path: ['endsAt'],
  }),
);
export type CreateAssistCampaignRequest = z.infer<typeof CreateAssistCampaignRequest>;

/**
 * PATCH /v1/assist-campaigns/:id: the display fields and reward, the terms of assists started from
 * now on (goal, prices, how long they run and how long to claim), the daily help cap, the schedule
 * and the status; `null` clears an optional one. The product, mode and currency stay as created
 * (an unknown or fixed field is 400). `reward` replaces the whole reward.
 */
export const UpdateAssistCampaignRequest = /* @__PURE__ */ z
  .extend(
    /* @__PURE__ */ z.partial(
      /* @__PURE__ */ z.pick(campaignFields, {
        title: true,
        goal: true,
        startPrice: true,
        floorPrice: true,
        ttlSeconds: true,
        purchaseTtlSeconds: true,
        reward: true,
      }),
    ),
    {
      imageUrl: /* @__PURE__ */ z.nullable(campaignFields.shape.imageUrl),
      helpsPerHelperPerDay: /* @__PURE__ */ z.nullable(campaignFields.shape.helpsPerHelperPerDay),
      startsAt: /* @__PURE__ */ z.nullable(campaignFields.shape.startsAt),
      endsAt: /* @__PURE__ */ z.nullable(campaignFields.shape.endsAt),
      status: /* @__PURE__ */ z.optional(CampaignStatus),
    },
  )
  .check(someField());
export type UpdateAssistCampaignRequest = z.infer<typeof UpdateAssistCampaignRequest>;

export const AssistCampaign = z.object({
  id: z.string(),
  productRef: z.string(),
  title: z.string(),
  imageUrl: z.nullable(z.string()),
  mode: AssistMode,
  goal: z.int(),
  startPrice: z.nullable(z.int()),
  floorPrice: z.nullable(z.int()),
  currency: z.nullable(z.string()),
  ttlSeconds: z.int(),
  purchaseTtlSeconds: z.int(),
  helpsPerHelperPerDay: z.nullable(z.int()),
  reward: z.object({ description: z.string(), voucherProductId: z.optional(z.nullable(z.string())) }),
  startsAt: z.nullable(Timestamp),
  endsAt: z.nullable(Timestamp),
  /** Whether shoppers can start an assist now: `status` is active and now is between startsAt and endsAt. */
  active: z.boolean(),
  /** Set by the merchant: a paused or ended campaign starts no assist, while running ones can still be helped. */
  status: CampaignStatus,
  /** The calling shopper's own assist on this campaign, when a shopper token is sent. */
  myAssist: z.optional(z.nullable(z.object({ id: z.string(), status: z.string() }))),
  serverNow: Timestamp,
});
export type AssistCampaign = z.infer<typeof AssistCampaign>;

export const AssistStatus = z.enum(['active', 'completed', 'expired']);
export type AssistStatus = z.infer<typeof AssistStatus>;

export const AssistHelper = z.object({
  displayName: z.string(),
  avatarUrl: z.nullable(z.string()),
  /** What this help cut, in price_cut mode. */
  amountCut: z.nullable(z.int()),
  helpedAt: Timestamp,
});
export type AssistHelper = z.infer<typeof AssistHelper>;

export const Assist = z.object({
  id: z.string(),
  campaignId: z.string(),
  mode: AssistMode,
  title: z.string(),
  imageUrl: z.nullable(z.string()),
  status: AssistStatus,
  owner: z.object({ displayName: z.string(), avatarUrl: z.nullable(z.string()) }),
  helps: z.int(),
  goal: z.int(),
  startPrice: z.nullable(z.int()),
  floorPrice: z.nullable(z.int()),
  currentPrice: z.nullable(z.int()),
  currency: z.nullable(z.string()),
  /** Newest first, at most 50. */
  helpers: z.array(AssistHelper),
  reward: z.object({ description: z.string() }),
  expiresAt: Timestamp,
  completedAt: z.nullable(Timestamp),
  /** Once completed: when the claim window closes. */
  purchaseBy: z.nullable(Timestamp),
  /** Set when a shopper token is sent: is the caller the owner, and have they helped? */
  viewer: z.optional(z.nullable(z.object({ isOwner: z.boolean(), helped: z.boolean() }))),
  serverNow: Timestamp,
});
export type Assist = z.infer<typeof Assist>;

/** A campaign in the merchant's list: its terms, and how many of its assists are at each status. */
// Every call annotated: a bundler keeps an argument's call (omit, object) unless it is marked pure too.
export const AssistCampaignSummary = /* @__PURE__ */ z.extend(
  /* @__PURE__ */ z.omit(AssistCampaign, { myAssist: true, serverNow: true }),
  {
    createdAt: Timestamp,
    /** An active assist past its deadline counts as expired, as its own view says. */
    assists: /* @__PURE__ */ z.object({ active: z.int(), completed: z.int(), expired: z.int() }),
  },
);
export type AssistCampaignSummary = z.infer<typeof AssistCampaignSummary>;
export const AssistCampaignPage = /* @__PURE__ */ pageOf(AssistCampaignSummary);
export type AssistCampaignPage = z.infer<typeof AssistCampaignPage>;

/** An assist in the merchant's list: its public state (without helpers), whose it is and when it started. */
export const AssistSummary = /* @__PURE__ */ z.extend(
  /* @__PURE__ */ z.omit(Assist, { helpers: true, viewer: true, serverNow: true }),
  { ownerShopperId: z.string(), createdAt: Timestamp },
);
export type AssistSummary = z.infer<typeof AssistSummary>;
export const AssistPage = /* @__PURE__ */ pageOf(AssistSummary);
export type AssistPage = z.infer<typeof AssistPage>;

export const StartAssistResponse = z.object({ assist: Assist, shareUrl: z.nullable(z.string()) });
export type StartAssistResponse = z.infer<typeof StartAssistResponse>;

export const StartAssistRequest = /* @__PURE__ */ z.strictObject({
  /** The page friends should open; the server adds `flock_assist=<id>` to it. */
  shareBaseUrl: z.optional(z.url({ protocol: /^https?$/ })),
});
export type StartAssistRequest = z.infer<typeof StartAssistRequest>;

export const HelpResponse = z.object({ assist: Assist, help: z.object({ amountCut: z.nullable(z.int()) }) });
export type HelpResponse = z.infer<typeof HelpResponse>;

/** `data` of the `assist.completed` webhook: the assist as anyone sees it, and whose it is. */
export const AssistWebhookData = z.object({ assist: Assist, ownerShopperId: z.string() });
export type AssistWebhookData = z.infer<typeof AssistWebhookData>;
