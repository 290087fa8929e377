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
import {
  Assist,
  AssistCampaign,
  AssistCampaignPage,
  AssistPage,
  AssistStatus,
  CreateAssistCampaignRequest,
  HelpResponse,
  StartAssistRequest,
  StartAssistResponse,
  UpdateAssistCampaignRequest,
} from './assist.js';
import { CampaignStatus, pageOf, Timestamp } from './common.js';
import { AcceptInviteRequest, ConsoleSession, CreateInviteRequest, Invite, SignedOut, SignInRequest } from './console.js';
import {
  ConfirmReservationRequest,
  CreateGroupBuyOfferRequest,
  GroupBuyOffer,
  GroupBuyOfferPage,
  Reservation,
  ReserveResponse,
  Team,
  TeamPage,
  TeamStatus,
  UpdateGroupBuyOfferRequest,
} from './group-buy.js';
import { LiveEvent, LiveEventId } from './live.js';
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
import {
  BecomePromoterRequest,
  BecomePromoterResponse,
  CommissionPage,
  CommissionStatus,
  CommissionView,
  CreateReferralProgramRequest,
  Order,
  OrderPage,
  Payout,
  PayoutPage,
  PayoutRequest,
  ProgramBalances,
  PromoterBalancePage,
  PromoterPage,
  PromoterStats,
  ReferralClick,
  ReferralClickRequest,
  ReferralProgram,
  ReferralProgramPage,
  RefundRequest,
  ReportOrderRequest,
  UpdateReferralProgramRequest,
} from './referral.js';
import { AssistStats, CalendarDay, OrderStats, RedemptionStats, TeamStats, TimeZoneName } from './stats.js';
import {
  CreateVoucherProductRequest,
  IssuedVoucherPage,
  IssueVoucherRequest,
  RedeemRequest,
  RedeemResponse,
  Redemption,
  RedemptionPage,
  UpdateVoucherProductRequest,
  Voucher,
  VoucherCode,
  VoucherList,
  VoucherProduct,
  VoucherProductPage,
  VoucherProductSummary,
  VoucherStatus,
} from './voucher.js';
import { WebhookDelivery, WebhookDeliveryPage, WebhookDeliveryStatus } from './webhooks.js';

/** Bodies of routes that take no fields (the server rejects unknown ones). */
export const NoFields = /* @__PURE__ */ z.strictObject({});
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
 * - `console`: a merchant console session only (its cookie); `role: 'owner'` keeps operators out.
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
}

/** Ids in paths are opaque: an unknown one is 404 not_found, so any string is accepted here. */
const ResourceId = /* @__PURE__ */ z.string();
const Text = ResourceId;
const OptionalText = /* @__PURE__ */ z.optional(z.string());
const OptionalLiveEventId = /* @__PURE__ */ z.optional(LiveEventId);
const Me = /* @__PURE__ */ z.literal('me');
const JsonDocument = /* @__PURE__ */ z.record(z.string(), z.unknown());
const FileContent = ResourceId;
/** How many items a page of a list holds: 20 unless `?limit=` says otherwise. */
const PageLimit = /* @__PURE__ */ z.optional(
  z.pipe(z.string().check(z.regex(/^(?:[1-9]\d?|100)$/, 'a whole number from 1 to 100')), z.transform(Number)),
);
const PageCursor = /* @__PURE__ */ z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/, 'a cursor this server gave')));
/** The query of every list route: `pageQuery` alone, or `pageQueryWith({ …filters })`. */
const pageQuery = { limit: PageLimit, cursor: PageCursor } as const;
/**
 * A list route's query with its filters beside `limit` and `cursor`: a pure call rather than a spread in
 * the declaration, which a bundler must keep (a spread may run getters), so a page that does not
 * import the route does not carry it.
 */
const pageQueryWith = <Filters extends Record<string, $ZodType>>(filters: Filters) => ({ ...pageQuery, ...filters });
/** The query of a campaign list (offers, assist campaigns, programs, voucher products): paging and a status. */
const campaignListQuery = /* @__PURE__ */ pageQueryWith({ status: /* @__PURE__ */ z.optional(CampaignStatus) });

const secret = { kind: 'keys', keys: ['secret'], shopper: 'ignored' } as const;
const browser = { kind: 'keys', keys: ['publishable', 'secret'], shopper: 'optional' } as const;
const browserWithoutShopper = { kind: 'keys', keys: ['publishable', 'secret'], shopper: 'ignored' } as const;
const shopper = { kind: 'keys', keys: ['publishable', 'secret'], shopper: 'required' } as const;
/** The secret key, or a console session of an owner (not an operator). */
const ownerOnly = { kind: 'keys', keys: ['secret'], shopper: 'ignored', console: 'owner' } as const;
const consoleSession = { kind: 'console' } as const;
const consoleOwner = { kind: 'console', role: 'owner' } as const;

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

// Group buy
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
export const createGroupBuyOffer = {
  method: 'post',
  path: '/v1/group-buy-offers',
  auth: secret,
  body: CreateGroupBuyOfferRequest,
  responses: { 201: GroupBuyOffer },
  idempotent: true,
} as const satisfies RouteContract;
export const listGroupBuyOffers = {
  method: 'get',
  path: '/v1/group-buy-offers',
  auth: secret,
  query: campaignListQuery,
  responses: { 200: GroupBuyOfferPage },
} as const satisfies RouteContract;
export const getGroupBuyOffer = {
  method: 'get',
  path: '/v1/group-buy-offers/:id',
  params: { id: ResourceId },
  auth: browser,
  responses: { 200: GroupBuyOffer },
} as const satisfies RouteContract;
export const updateGroupBuyOffer = {
  method: 'patch',
  path: '/v1/group-buy-offers/:id',
  params: { id: ResourceId },
  auth: secret,
  body: UpdateGroupBuyOfferRequest,
  responses: { 200: GroupBuyOffer },
  idempotent: true,
} as const satisfies RouteContract;
export const openTeam = {
  method: 'post',
  path: '/v1/group-buy-offers/:id/teams',
  params: { id: ResourceId },
  auth: shopper,
  body: NoFields,
  responses: { 201: ReserveResponse },
  idempotent: true,
} as const satisfies RouteContract;
export const listTeams = {
  method: 'get',
  path: '/v1/teams',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ offer: OptionalText, status: /* @__PURE__ */ z.optional(TeamStatus) }),
  responses: { 200: TeamPage },
} as const satisfies RouteContract;
export const getTeam = {
  method: 'get',
  path: '/v1/teams/:id',
  params: { id: ResourceId },
  auth: browser,
  responses: { 200: Team },
} as const satisfies RouteContract;
export const reserveSeat = {
  method: 'post',
  path: '/v1/teams/:id/reservations',
  params: { id: ResourceId },
  auth: shopper,
  body: NoFields,
  responses: { 201: ReserveResponse },
  idempotent: true,
} as const satisfies RouteContract;
export const confirmReservation = {
  method: 'post',
  path: '/v1/reservations/:id/confirm',
  params: { id: ResourceId },
  auth: secret,
  body: ConfirmReservationRequest,
  responses: { 200: Reservation },
  idempotent: true,
} as const satisfies RouteContract;

// Assist
export const createAssistCampaign = {
  method: 'post',
  path: '/v1/assist-campaigns',
  auth: secret,
  body: CreateAssistCampaignRequest,
  responses: { 201: AssistCampaign },
  idempotent: true,
} as const satisfies RouteContract;
export const listAssistCampaigns = {
  method: 'get',
  path: '/v1/assist-campaigns',
  auth: secret,
  query: campaignListQuery,
  responses: { 200: AssistCampaignPage },
} as const satisfies RouteContract;
export const getAssistCampaign = {
  method: 'get',
  path: '/v1/assist-campaigns/:id',
  params: { id: ResourceId },
  auth: browser,
  responses: { 200: AssistCampaign },
} as const satisfies RouteContract;
export const updateAssistCampaign = {
  method: 'patch',
  path: '/v1/assist-campaigns/:id',
  params: { id: ResourceId },
  auth: secret,
  body: UpdateAssistCampaignRequest,
  responses: { 200: AssistCampaign },
  idempotent: true,
} as const satisfies RouteContract;
export const startAssist = {
  method: 'post',
  path: '/v1/assist-campaigns/:id/assists',
  params: { id: ResourceId },
  auth: shopper,
  body: StartAssistRequest,
  responses: { 201: StartAssistResponse, 200: StartAssistResponse },
  idempotent: true,
} as const satisfies RouteContract;
export const listAssists = {
  method: 'get',
  path: '/v1/assists',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ campaign: OptionalText, status: /* @__PURE__ */ z.optional(AssistStatus) }),
  responses: { 200: AssistPage },
} as const satisfies RouteContract;
export const getAssist = {
  method: 'get',
  path: '/v1/assists/:id',
  params: { id: ResourceId },
  auth: browser,
  responses: { 200: Assist },
} as const satisfies RouteContract;
export const helpAssist = {
  method: 'post',
  path: '/v1/assists/:id/helps',
  params: { id: ResourceId },
  auth: shopper,
  body: NoFields,
  responses: { 201: HelpResponse },
  idempotent: true,
} as const satisfies RouteContract;

// Referral
export const createReferralProgram = {
  method: 'post',
  path: '/v1/referral-programs',
  auth: secret,
  body: CreateReferralProgramRequest,
  responses: { 201: ReferralProgram },
  idempotent: true,
} as const satisfies RouteContract;
export const listReferralPrograms = {
  method: 'get',
  path: '/v1/referral-programs',
  auth: secret,
  query: campaignListQuery,
  responses: { 200: ReferralProgramPage },
} as const satisfies RouteContract;
export const getReferralProgram = {
  method: 'get',
  path: '/v1/referral-programs/:id',
  params: { id: ResourceId },
  auth: browserWithoutShopper,
  responses: { 200: ReferralProgram },
} as const satisfies RouteContract;
export const updateReferralProgram = {
  method: 'patch',
  path: '/v1/referral-programs/:id',
  params: { id: ResourceId },
  auth: secret,
  body: UpdateReferralProgramRequest,
  responses: { 200: ReferralProgram },
  idempotent: true,
} as const satisfies RouteContract;
export const becomePromoter = {
  method: 'post',
  path: '/v1/referral-programs/:id/promoters',
  params: { id: ResourceId },
  auth: shopper,
  body: BecomePromoterRequest,
  responses: { 201: BecomePromoterResponse, 200: BecomePromoterResponse },
  idempotent: true,
} as const satisfies RouteContract;
export const recordReferralClick = {
  method: 'post',
  path: '/v1/referral-clicks',
  auth: browser,
  body: ReferralClickRequest,
  responses: { 201: ReferralClick },
  idempotent: true,
} as const satisfies RouteContract;
export const reportOrder = {
  method: 'post',
  path: '/v1/orders',
  auth: secret,
  body: ReportOrderRequest,
  responses: { 201: Order, 200: Order },
  idempotent: true,
} as const satisfies RouteContract;
export const listOrders = {
  method: 'get',
  path: '/v1/orders',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ program: OptionalText }),
  responses: { 200: OrderPage },
} as const satisfies RouteContract;
export const refundOrder = {
  method: 'post',
  path: '/v1/orders/:orderRef/refunds',
  params: { orderRef: ResourceId },
  auth: secret,
  body: RefundRequest,
  responses: { 201: Order },
  idempotent: true,
} as const satisfies RouteContract;
export const listCommissions = {
  method: 'get',
  path: '/v1/commissions',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ program: OptionalText, status: /* @__PURE__ */ z.optional(CommissionStatus) }),
  responses: { 200: CommissionPage },
} as const satisfies RouteContract;
export const approveCommission = {
  method: 'post',
  path: '/v1/commissions/:id/approve',
  params: { id: ResourceId },
  auth: secret,
  body: NoFields,
  responses: { 200: CommissionView },
  idempotent: true,
} as const satisfies RouteContract;
export const rejectCommission = {
  method: 'post',
  path: '/v1/commissions/:id/reject',
  params: { id: ResourceId },
  auth: secret,
  body: NoFields,
  responses: { 200: CommissionView },
  idempotent: true,
} as const satisfies RouteContract;
export const getPromoterStats = {
  method: 'get',
  path: '/v1/promoters/me',
  auth: shopper,
  query: { program: Text },
  responses: { 200: PromoterStats },
} as const satisfies RouteContract;
export const listPromoters = {
  method: 'get',
  path: '/v1/promoters',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ program: OptionalText }),
  responses: { 200: PromoterPage },
} as const satisfies RouteContract;
export const recordPayout = {
  method: 'post',
  path: '/v1/promoters/:id/payouts',
  params: { id: ResourceId },
  auth: ownerOnly,
  body: PayoutRequest,
  responses: { 201: Payout },
  idempotent: true,
} as const satisfies RouteContract;
export const listPayouts = {
  method: 'get',
  path: '/v1/payouts',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ promoter: OptionalText }),
  responses: { 200: PayoutPage },
} as const satisfies RouteContract;
export const listPromoterBalances = {
  method: 'get',
  path: '/v1/promoter-balances',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ program: Text }),
  responses: { 200: PromoterBalancePage },
} as const satisfies RouteContract;
export const getProgramBalances = {
  method: 'get',
  path: '/v1/referral-programs/:id/balances',
  params: { id: ResourceId },
  auth: secret,
  responses: { 200: ProgramBalances },
} as const satisfies RouteContract;

// Vouchers
export const createVoucherProduct = {
  method: 'post',
  path: '/v1/voucher-products',
  auth: secret,
  body: CreateVoucherProductRequest,
  responses: { 201: VoucherProduct },
  idempotent: true,
} as const satisfies RouteContract;
export const listVoucherProducts = {
  method: 'get',
  path: '/v1/voucher-products',
  auth: secret,
  query: campaignListQuery,
  responses: { 200: VoucherProductPage },
} as const satisfies RouteContract;
export const getVoucherProduct = {
  method: 'get',
  path: '/v1/voucher-products/:id',
  params: { id: ResourceId },
  auth: secret,
  responses: { 200: VoucherProductSummary },
} as const satisfies RouteContract;
export const updateVoucherProduct = {
  method: 'patch',
  path: '/v1/voucher-products/:id',
  params: { id: ResourceId },
  auth: secret,
  body: UpdateVoucherProductRequest,
  responses: { 200: VoucherProduct },
  idempotent: true,
} as const satisfies RouteContract;
export const listIssuedVouchers = {
  method: 'get',
  path: '/v1/issued-vouchers',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ product: OptionalText, status: /* @__PURE__ */ z.optional(VoucherStatus) }),
  responses: { 200: IssuedVoucherPage },
} as const satisfies RouteContract;
export const issueVoucher = {
  method: 'post',
  path: '/v1/vouchers',
  auth: secret,
  body: IssueVoucherRequest,
  responses: { 201: Voucher, 200: Voucher },
  idempotent: true,
} as const satisfies RouteContract;
export const voidVoucher = {
  method: 'post',
  path: '/v1/vouchers/:id/void',
  params: { id: ResourceId },
  auth: secret,
  body: NoFields,
  responses: { 200: Voucher },
  idempotent: true,
} as const satisfies RouteContract;
export const listVouchers = {
  method: 'get',
  path: '/v1/vouchers',
  auth: shopper,
  query: { shopper: Me },
  responses: { 200: VoucherList },
} as const satisfies RouteContract;
export const getVoucher = {
  method: 'get',
  path: '/v1/vouchers/:id',
  params: { id: ResourceId },
  auth: shopper,
  responses: { 200: Voucher },
} as const satisfies RouteContract;
export const getVoucherCode = {
  method: 'get',
  path: '/v1/vouchers/:id/code',
  params: { id: ResourceId },
  auth: shopper,
  responses: { 200: VoucherCode },
} as const satisfies RouteContract;
export const redeemVoucher = {
  method: 'post',
  path: '/v1/redemptions',
  auth: { kind: 'keys', keys: ['staff'], shopper: 'ignored' },
  body: RedeemRequest,
  responses: { 201: RedeemResponse },
  idempotent: true,
} as const satisfies RouteContract;
export const listRedemptions = {
  method: 'get',
  path: '/v1/redemptions',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ store: OptionalText }),
  responses: { 200: RedemptionPage },
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

// Live updates
export const openStream = {
  method: 'get',
  path: '/v1/stream',
  auth: { kind: 'stream' },
  query: { key: OptionalText, topics: Text, lastEventId: OptionalLiveEventId, shopper: OptionalText },
  responses: { 200: LiveEvent },
  stream: true,
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
