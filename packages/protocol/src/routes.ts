/**
 * Every HTTP route of the Flock API, as data: one exported declaration per route (`reserveSeat`),
 * holding what a client and the server must agree on: method, path, who may call it, path and
 * query parameters, body and answers by status. The server binds its handlers to `routesByName`
 * (packages/server/src/http/bind.ts), the SDK derives its calls from the declarations it uses, and
 * the OpenAPI document adds reference.ts: each route's prose and the error codes it raises (which
 * only the server and the reference read, so no page downloads them).
 *
 * Browser-safe and tree-shakable: each route is a plain constant, so a bundle that imports three
 * routes carries those three and their schemas, not the merchant's.
 */

import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { pageOf, Timestamp } from './common.js';
import { AcceptInviteRequest, ConsoleSession, CreateInviteRequest, Invite, SignedOut, SignInRequest } from './console.js';
import {
  CreatedMerchant,
  CreateMerchantRequest,
  CreateShopperTokenRequest,
  Merchant,
  RolledKey,
  RollKeysRequest,
  ShopperToken,
  UpdateMerchantRequest,
} from './merchant.js';
import { CommissionView } from './referral.js';
import {
  createAssistCampaign,
  getAssist,
  getAssistCampaign,
  helpAssist,
  listAssistCampaigns,
  listAssists,
  startAssist,
  updateAssistCampaign,
} from './routes/assist.js';
import {
  confirmReservation,
  createGroupBuyOffer,
  getGroupBuyOffer,
  getTeam,
  getTeamDraw,
  listGroupBuyOffers,
  listTeams,
  openTeam,
  reserveSeat,
  updateGroupBuyOffer,
} from './routes/group-buy.js';
import { openStream } from './routes/live.js';
import {
  claimFriendReward,
  createMaterial,
  getFriendReward,
  getLeaderboard,
  getRecentPayouts,
  listMaterials,
  listPromoterMaterials,
  listShares,
  listSuggestions,
  recordShare,
  updateMaterial,
  updatePromoterSettings,
} from './routes/promoter-growth.js';
import {
  approveCommission,
  becomePromoter,
  createReferralProgram,
  getProgramBalances,
  getPromoterStats,
  getReferralProgram,
  listCommissions,
  listOrders,
  listPayouts,
  listPromoterBalances,
  listPromoters,
  listReferralPrograms,
  recordPayout,
  recordReferralClick,
  refundOrder,
  rejectCommission,
  reportOrder,
  updateReferralProgram,
} from './routes/referral.js';
import {
  consoleOwner,
  consoleSession,
  FileContent,
  JsonDocument,
  NoFields,
  ownerOnly,
  pageQuery,
  pageQueryWith,
  ResourceId,
  secret,
} from './routes/shared.js';
import {
  createVoucherProduct,
  getVoucher,
  getVoucherCode,
  getVoucherProduct,
  issueVoucher,
  listIssuedVouchers,
  listRedemptions,
  listVoucherProducts,
  listVouchers,
  redeemVoucher,
  updateVoucherProduct,
  voidVoucher,
} from './routes/voucher.js';
import { AssistStats, CalendarDay, OrderStats, RedemptionStats, TeamStats, TimeZoneName } from './stats.js';
import { Redemption, Voucher } from './voucher.js';
import { WebhookDelivery, WebhookDeliveryPage, WebhookDeliveryStatus } from './webhooks.js';

export const Health = /* @__PURE__ */ z.object({ ok: z.literal(true) });
export const CreateStaffKeyRequest = /* @__PURE__ */ z.strictObject({
  store: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
});
/** A new staff key, shown once; `id` names it in GET /v1/staff-keys and to revoke it. */
export const StaffKey = /* @__PURE__ */ z.object({ staffKey: z.string(), id: z.string() });
/** A staff key as the merchant's list shows it: never the key itself. */
export const StaffKeySummary = /* @__PURE__ */ z.object({
  id: z.string(),
  store: z.string(),
  createdAt: Timestamp,
  /** Set once revoked: from then on the key authenticates nothing. */
  revokedAt: z.nullable(Timestamp),
});
export type StaffKeySummary = z.infer<typeof StaffKeySummary>;
export const StaffKeyPage = /* @__PURE__ */ pageOf(StaffKeySummary);
export type StaffKeyPage = z.infer<typeof StaffKeyPage>;
/** `data` of the `commission.available` webhook. */
export const CommissionWebhookData = /* @__PURE__ */ z.object({
  commission: CommissionView,
  promoterId: z.string(),
  programId: z.string(),
  orderRef: z.string(),
});
/** `data` of the `voucher.redeemed` webhook. */
export const VoucherWebhookData = /* @__PURE__ */ z.object({ voucher: Voucher, redemption: Redemption });

/**
 * Who may call a route:
 * - `keys`: the `Authorization: Bearer` key kinds accepted (a publishable key also needs an allowed `Origin`);
 * - `shopper`: whether the `Flock-Shopper` token is required, optional (adds the caller's own fields) or ignored;
 * - `operator`: the operator token (`FLOCK_ADMIN_TOKEN`) instead of a key; `public`: nothing at all;
 * - `console`: a merchant console session only (its cookie); `role: 'owner'` keeps operators out;
 * - `inQuery`: a page's read (GET) that also takes the publishable key in `?key=` and the shopper token
 *   in `?shopper=`. A GET without custom headers is a CORS simple request, so the browser sends it at
 *   once instead of after an OPTIONS preflight: one round trip, not two. Only a publishable key may
 *   travel in a URL (a secret or staff key there is refused); the `Origin` checks are the same.
 * A console session is accepted wherever the secret key is (the console uses the same API), by
 * any console role unless the route says `console: 'owner'` (keys, staff keys, payouts).
 */
export type RouteAuth =
  | { readonly kind: 'public' }
  | { readonly kind: 'operator' }
  | { readonly kind: 'console'; readonly role?: 'owner' }
  | {
      readonly kind: 'keys';
      readonly keys: readonly ('publishable' | 'secret' | 'staff')[];
      readonly shopper: 'required' | 'optional' | 'ignored';
      readonly console?: 'owner';
      readonly inQuery?: true;
    }
  /** The live stream: the key travels in `?key=` because EventSource cannot send headers. */
  | { readonly kind: 'stream' };

/** What a route is, for its callers and its server alike (its prose lives in reference.ts). */
export interface RouteContract {
  readonly method: 'get' | 'post' | 'patch';
  /** Hono syntax (`/v1/teams/:id`), exactly as the server registers it. */
  readonly path: string;
  /** A schema for each `:name` of `path`, and nothing else (the server refuses to start otherwise). */
  readonly params?: Readonly<Record<string, $ZodType>>;
  readonly auth: RouteAuth;
  readonly body?: $ZodType;
  /** A schema per query value; `z.optional(…)` when it may be left out. Other values are ignored. */
  readonly query?: Readonly<Record<string, $ZodType>>;
  /** The answer's schema by success status; several when a repeat answers 200 instead of 201. */
  readonly responses: Readonly<Record<number, $ZodType>>;
  /** `text/event-stream` instead of JSON. */
  readonly stream?: boolean;
  /** A static file instead of JSON: its media type. */
  readonly file?: string;
  /** Whether the server stores the answer under an `Idempotency-Key` (every POST that takes an API key or the operator token, and the campaign PATCHes). */
  readonly idempotent?: boolean;
  /**
   * Whether the answer carries a weak `ETag` covering everything in it but `serverNow`, so a client
   * holding a copy asks with `If-None-Match` and gets 304 without a body while nothing else changed.
   */
  readonly etag?: boolean;
}

export * from './routes/assist.js';
export * from './routes/group-buy.js';
export * from './routes/live.js';
export * from './routes/promoter-growth.js';
export * from './routes/referral.js';
export { NoFields } from './routes/shared.js';
export * from './routes/voucher.js';

export const health = {
  method: 'get',
  path: '/healthz',
  auth: { kind: 'public' },
  responses: { 200: Health },
} as const satisfies RouteContract;
export const openApiDocument = {
  method: 'get',
  path: '/openapi.json',
  auth: { kind: 'public' },
  responses: { 200: JsonDocument },
} as const satisfies RouteContract;
export const sdkFile = {
  method: 'get',
  path: '/sdk/*',
  auth: { kind: 'public' },
  responses: { 200: FileContent },
  file: 'text/javascript',
} as const satisfies RouteContract;

export const consoleApp = {
  method: 'get',
  path: '/console/*',
  auth: { kind: 'public' },
  responses: { 200: FileContent },
  file: 'text/html',
} as const satisfies RouteContract;

// Merchants and keys
export const createMerchant = {
  method: 'post',
  path: '/v1/merchants',
  auth: { kind: 'operator' },
  body: CreateMerchantRequest,
  responses: { 201: CreatedMerchant },
  idempotent: true,
} as const satisfies RouteContract;
export const createShopperToken = {
  method: 'post',
  path: '/v1/shopper-tokens',
  auth: secret,
  body: CreateShopperTokenRequest,
  responses: { 201: ShopperToken },
  idempotent: true,
} as const satisfies RouteContract;
export const createStaffKey = {
  method: 'post',
  path: '/v1/staff-keys',
  auth: ownerOnly,
  body: CreateStaffKeyRequest,
  responses: { 201: StaffKey },
  idempotent: true,
} as const satisfies RouteContract;
export const listStaffKeys = {
  method: 'get',
  path: '/v1/staff-keys',
  auth: secret,
  query: pageQuery,
  responses: { 200: StaffKeyPage },
} as const satisfies RouteContract;
export const revokeStaffKey = {
  method: 'post',
  path: '/v1/staff-keys/:id/revoke',
  params: { id: ResourceId },
  auth: ownerOnly,
  body: NoFields,
  responses: { 200: StaffKeySummary },
  idempotent: true,
} as const satisfies RouteContract;
export const getMerchant = {
  method: 'get',
  path: '/v1/merchant',
  auth: secret,
  responses: { 200: Merchant },
} as const satisfies RouteContract;
export const updateMerchant = {
  method: 'patch',
  path: '/v1/merchant',
  auth: ownerOnly,
  body: UpdateMerchantRequest,
  responses: { 200: Merchant },
} as const satisfies RouteContract;
export const rollKeys = {
  method: 'post',
  path: '/v1/merchant/roll-keys',
  auth: ownerOnly,
  body: RollKeysRequest,
  responses: { 201: RolledKey },
  idempotent: true,
} as const satisfies RouteContract;
export const listWebhookDeliveries = {
  method: 'get',
  path: '/v1/webhook-deliveries',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ status: /* @__PURE__ */ z.optional(WebhookDeliveryStatus) }),
  responses: { 200: WebhookDeliveryPage },
} as const satisfies RouteContract;
export const resendWebhookDelivery = {
  method: 'post',
  path: '/v1/webhook-deliveries/:id/resend',
  params: { id: ResourceId },
  auth: secret,
  body: NoFields,
  responses: { 200: WebhookDelivery },
  idempotent: true,
} as const satisfies RouteContract;

export const signInToConsole = {
  method: 'post',
  path: '/v1/console/sign-in',
  auth: { kind: 'public' },
  body: SignInRequest,
  responses: { 200: ConsoleSession },
} as const satisfies RouteContract;
export const acceptConsoleInvite = {
  method: 'post',
  path: '/v1/console/invites/accept',
  auth: { kind: 'public' },
  body: AcceptInviteRequest,
  responses: { 201: ConsoleSession },
} as const satisfies RouteContract;
export const getConsoleSession = {
  method: 'get',
  path: '/v1/console/session',
  auth: consoleSession,
  responses: { 200: ConsoleSession },
} as const satisfies RouteContract;
export const signOutOfConsole = {
  method: 'post',
  path: '/v1/console/sign-out',
  auth: consoleSession,
  responses: { 200: SignedOut },
  idempotent: true,
} as const satisfies RouteContract;
export const inviteToConsole = {
  method: 'post',
  path: '/v1/console/invites',
  auth: consoleOwner,
  body: CreateInviteRequest,
  responses: { 201: Invite },
  idempotent: true,
} as const satisfies RouteContract;

// Stats: the console's overview charts
/** The query of every stats route: a range of calendar days and the zone they are counted in. */
const statsQuery = { from: CalendarDay, to: CalendarDay, timeZone: /* @__PURE__ */ z.optional(TimeZoneName) } as const;
export const getTeamStats = {
  method: 'get',
  path: '/v1/stats/teams',
  auth: secret,
  query: statsQuery,
  responses: { 200: TeamStats },
} as const satisfies RouteContract;
export const getAssistStats = {
  method: 'get',
  path: '/v1/stats/assists',
  auth: secret,
  query: statsQuery,
  responses: { 200: AssistStats },
} as const satisfies RouteContract;
export const getOrderStats = {
  method: 'get',
  path: '/v1/stats/orders',
  auth: secret,
  query: statsQuery,
  responses: { 200: OrderStats },
} as const satisfies RouteContract;
export const getRedemptionStats = {
  method: 'get',
  path: '/v1/stats/redemptions',
  auth: secret,
  query: statsQuery,
  responses: { 200: RedemptionStats },
} as const satisfies RouteContract;

/** The whole table by name, in the order of the reference. */
export const routesByName = {
  health,
  openApiDocument,
  sdkFile,
  consoleApp,
  createMerchant,
  createShopperToken,
  createStaffKey,
  listStaffKeys,
  revokeStaffKey,
  getMerchant,
  updateMerchant,
  rollKeys,
  listWebhookDeliveries,
  resendWebhookDelivery,
  signInToConsole,
  acceptConsoleInvite,
  getConsoleSession,
  signOutOfConsole,
  inviteToConsole,
  createGroupBuyOffer,
  listGroupBuyOffers,
  getGroupBuyOffer,
  updateGroupBuyOffer,
  openTeam,
  listTeams,
  getTeam,
  getTeamDraw,
  reserveSeat,
  confirmReservation,
  createAssistCampaign,
  listAssistCampaigns,
  getAssistCampaign,
  updateAssistCampaign,
  startAssist,
  listAssists,
  getAssist,
  helpAssist,
  createReferralProgram,
  listReferralPrograms,
  getReferralProgram,
  updateReferralProgram,
  becomePromoter,
  recordReferralClick,
  reportOrder,
  listOrders,
  refundOrder,
  listCommissions,
  approveCommission,
  rejectCommission,
  getPromoterStats,
  listPromoters,
  recordPayout,
  listPayouts,
  listPromoterBalances,
  getProgramBalances,
  getLeaderboard,
  getRecentPayouts,
  updatePromoterSettings,
  createMaterial,
  listMaterials,
  updateMaterial,
  listPromoterMaterials,
  recordShare,
  listShares,
  listSuggestions,
  claimFriendReward,
  getFriendReward,
  createVoucherProduct,
  listVoucherProducts,
  getVoucherProduct,
  updateVoucherProduct,
  listIssuedVouchers,
  issueVoucher,
  voidVoucher,
  listVouchers,
  getVoucher,
  getVoucherCode,
  redeemVoucher,
  listRedemptions,
  getTeamStats,
  getAssistStats,
  getOrderStats,
  getRedemptionStats,
  openStream,
};

export type RouteName = keyof typeof routesByName;
