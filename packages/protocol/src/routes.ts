/**
 * Every HTTP route of the Flock API, as data, each under a stable name (`reserveSeat`): the server
 * binds its handlers to this table (packages/server/src/http/bind.ts), the OpenAPI document is
 * generated from it, and a server test checks both against what the Hono app really serves.
 *
 * Server and documentation code only: this module is not exported from the package's index, so
 * the browser bundle (which imports `@flock/protocol`) never contains it.
 */

import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import {
  Assist,
  AssistCampaign,
  AssistWebhookData,
  CreateAssistCampaignRequest,
  HelpResponse,
  StartAssistRequest,
  StartAssistResponse,
} from './assist.js';
import type { ErrorCode } from './errors.js';
import {
  ConfirmReservationRequest,
  CreateGroupBuyOfferRequest,
  GroupBuyOffer,
  Reservation,
  ReserveResponse,
  Team,
  TeamWebhookData,
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
  CommissionView,
  CreateReferralProgramRequest,
  Order,
  Payout,
  PayoutRequest,
  PromoterStats,
  ReferralClick,
  ReferralClickRequest,
  ReferralProgram,
  RefundRequest,
  ReportOrderRequest,
} from './referral.js';
import {
  CreateVoucherProductRequest,
  IssueVoucherRequest,
  RedeemRequest,
  RedeemResponse,
  Redemption,
  Voucher,
  VoucherCode,
  VoucherList,
  VoucherProduct,
} from './voucher.js';
import type { WebhookEventType } from './webhooks.js';

/** Bodies of routes that take no fields (the server rejects unknown ones). */
export const NoFields = z.strictObject({});
export const Health = z.object({ ok: z.literal(true) });
export const CreateStaffKeyRequest = z.strictObject({ store: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)) });
export const StaffKey = z.object({ staffKey: z.string() });
/** `data` of the `commission.available` webhook. */
export const CommissionWebhookData = z.object({
  commission: CommissionView,
  promoterId: z.string(),
  programId: z.string(),
  orderRef: z.string(),
});
/** `data` of the `voucher.redeemed` webhook. */
export const VoucherWebhookData = z.object({ voucher: Voucher, redemption: Redemption });

/**
 * Who may call a route:
 * - `keys`: the `Authorization: Bearer` key kinds accepted (a publishable key also needs an allowed `Origin`);
 * - `shopper`: whether the `Flock-Shopper` token is required, optional (adds the caller's own fields) or ignored;
 * - `operator`: the operator token (`FLOCK_ADMIN_TOKEN`) instead of a key; `public`: nothing at all.
 */
export type RouteAuth =
  | { kind: 'public' }
  | { kind: 'operator' }
  | { kind: 'keys'; keys: readonly ('publishable' | 'secret' | 'staff')[]; shopper: 'required' | 'optional' | 'ignored' }
  /** The live stream: the key travels in `?key=` because EventSource cannot send headers. */
  | { kind: 'stream' };

export interface QueryParameter {
  name: string;
  required: boolean;
  description: string;
  schema: $ZodType;
}

export interface RouteSpec {
  method: 'get' | 'post' | 'patch';
  /** Hono syntax (`/v1/teams/:id`), exactly as the server registers it. */
  path: string;
  /** A schema for each `:name` of `path`, and nothing else (the server refuses to start otherwise). */
  params?: Readonly<Record<string, $ZodType>>;
  /** Groups routes in the reference: one tag per feature. */
  tag: string;
  summary: string;
  description?: string;
  auth: RouteAuth;
  body?: $ZodType;
  query?: readonly QueryParameter[];
  /**
   * The concrete OpenAPI paths of a wildcard route (OpenAPI path parameters cannot span slashes).
   * Without it the document's path is `path` with `:param` written `{param}`.
   */
  documentedAs?: readonly string[];
  /** Success answers by status; several when a repeat answers 200 instead of 201. */
  responses: Record<number, { description: string; schema: $ZodType }>;
  /** `text/event-stream` instead of JSON. */
  stream?: boolean;
  /** A static file instead of JSON: its media type. */
  file?: string;
  /** Codes this route raises itself; the ones every route of its kind can answer are added by the generator. */
  errors: readonly ErrorCode[];
  /** Whether the server stores the answer under an `Idempotency-Key` (every POST that takes an API key or the operator token). */
  idempotent?: boolean;
}

/** A route's entry in the table, with its name. */
export type NamedRouteSpec = RouteSpec & { name: RouteName };

/** Keeps each route's literal types (auth, schemas, statuses), so the server's handlers are typed from them. */
const defineRoutes = <const T extends Record<string, RouteSpec>>(table: T): T => table;

/** Ids in paths are opaque: an unknown one is 404 not_found, so any string is accepted here. */
const ResourceId = z.string();

const secret = { kind: 'keys', keys: ['secret'], shopper: 'ignored' } as const;
const browser = { kind: 'keys', keys: ['publishable', 'secret'], shopper: 'optional' } as const;
const browserWithoutShopper = { kind: 'keys', keys: ['publishable', 'secret'], shopper: 'ignored' } as const;
const shopper = { kind: 'keys', keys: ['publishable', 'secret'], shopper: 'required' } as const;

export const routesByName = defineRoutes({
  health: {
    method: 'get',
    path: '/healthz',
    tag: 'Operations',
    summary: 'Health check',
    description: 'Answers 200 while the process serves requests; for load balancers and orchestrators.',
    auth: { kind: 'public' },
    responses: { 200: { description: 'The process is up.', schema: Health } },
    errors: [],
  },
  openApiDocument: {
    method: 'get',
    path: '/openapi.json',
    tag: 'Operations',
    summary: 'This OpenAPI document',
    auth: { kind: 'public' },
    responses: { 200: { description: 'The OpenAPI 3.1 document of this server.', schema: z.record(z.string(), z.unknown()) } },
    errors: [],
  },
  sdkFile: {
    method: 'get',
    path: '/sdk/*',
    documentedAs: ['/sdk/flock.js', '/sdk/flock-classic.js', '/sdk/chunks/{file}'],
    tag: 'Operations',
    summary: 'The browser SDK and widgets',
    description:
      '`flock.js` (ES module) and `flock-classic.js` (classic script) are small loaders that fetch each widget’s chunk when its tag appears on the page; they revalidate after 5 minutes. Chunks carry a content hash in their name and are cached for a year (`immutable`). Any origin may load them (`Access-Control-Allow-Origin: *`).',
    auth: { kind: 'public' },
    responses: {
      200: {
        description: 'The file (JavaScript, source map or WebAssembly), compressed when the client accepts it.',
        schema: z.string(),
      },
    },
    file: 'text/javascript',
    errors: ['not_found'],
  },

  // Merchants and keys
  createMerchant: {
    method: 'post',
    path: '/v1/merchants',
    tag: 'Merchants',
    summary: 'Create a merchant (operator)',
    description:
      'Needs `Authorization: Bearer <FLOCK_ADMIN_TOKEN>`; without that variable on the server the route answers 403. Answers the keys and the webhook secret once: only hashes of the API keys are kept.',
    auth: { kind: 'operator' },
    body: CreateMerchantRequest,
    responses: { 201: { description: 'The new merchant and its keys, shown once.', schema: CreatedMerchant } },
    errors: ['webhook_url_not_allowed'],
    idempotent: true,
  },
  createShopperToken: {
    method: 'post',
    path: '/v1/shopper-tokens',
    tag: 'Merchants',
    summary: 'Mint a shopper token',
    description:
      'Called by the shop’s backend for its signed-in shopper; the page passes the token to `<flock-provider shopper-token>` and it travels as the `Flock-Shopper` header.',
    auth: secret,
    body: CreateShopperTokenRequest,
    responses: {
      201: { description: 'The token and when it expires (24 h unless `ttlSeconds` says otherwise).', schema: ShopperToken },
    },
    errors: [],
    idempotent: true,
  },
  createStaffKey: {
    method: 'post',
    path: '/v1/staff-keys',
    tag: 'Merchants',
    summary: 'Create a staff key for a store’s voucher scanner',
    auth: secret,
    body: CreateStaffKeyRequest,
    responses: { 201: { description: 'The staff key, shown once.', schema: StaffKey } },
    errors: ['not_found'],
    idempotent: true,
  },
  getMerchant: {
    method: 'get',
    path: '/v1/merchant',
    tag: 'Merchants',
    summary: 'The calling merchant',
    auth: secret,
    responses: { 200: { description: 'Name, allowed origins and webhook URL.', schema: Merchant } },
    errors: [],
  },
  updateMerchant: {
    method: 'patch',
    path: '/v1/merchant',
    tag: 'Merchants',
    summary: 'Change allowed origins or the webhook URL',
    description:
      'Publishable keys work only from the pages whose origins are listed here (scheme, host and port, no path). The webhook URL must reach a public address: one that is, or resolves to, loopback, private, link-local or another non-public range is refused (unless the server runs with FLOCK_ALLOW_PRIVATE_WEBHOOKS=1).',
    auth: secret,
    body: UpdateMerchantRequest,
    responses: { 200: { description: 'The merchant as now stored.', schema: Merchant } },
    errors: ['webhook_url_not_allowed'],
  },
  rollKeys: {
    method: 'post',
    path: '/v1/merchant/roll-keys',
    tag: 'Merchants',
    summary: 'Roll a key or the webhook secret',
    description:
      'A rolled publishable or secret key keeps working for 24 h (`previousKeyExpiresAt`); a rolled webhook secret signs every delivery from now on.',
    auth: secret,
    body: RollKeysRequest,
    responses: { 201: { description: 'The new key, shown once.', schema: RolledKey } },
    errors: [],
    idempotent: true,
  },

  // Group buy
  createGroupBuyOffer: {
    method: 'post',
    path: '/v1/group-buy-offers',
    tag: 'Group buy',
    summary: 'Create a group-buy offer',
    auth: secret,
    body: CreateGroupBuyOfferRequest,
    responses: { 201: { description: 'The offer.', schema: GroupBuyOffer } },
    errors: [],
    idempotent: true,
  },
  getGroupBuyOffer: {
    method: 'get',
    path: '/v1/group-buy-offers/:id',
    params: { id: ResourceId },
    tag: 'Group buy',
    summary: 'An offer, with the teams forming',
    description: 'With a shopper token, `myTeams` lists the teams in which the shopper holds or paid a seat.',
    auth: browser,
    responses: { 200: { description: 'The offer.', schema: GroupBuyOffer } },
    errors: ['not_found'],
  },
  openTeam: {
    method: 'post',
    path: '/v1/group-buy-offers/:id/teams',
    params: { id: ResourceId },
    tag: 'Group buy',
    summary: 'Open a team and hold the leader’s seat',
    description:
      'The team stays pending until the leader’s reservation is confirmed. A shopper who still has an unpaid pending team on the offer gets that one back.',
    auth: shopper,
    body: NoFields,
    responses: { 201: { description: 'The pending team and the leader’s held seat.', schema: ReserveResponse } },
    errors: ['not_found', 'offer_not_active', 'offer_sold_out'],
    idempotent: true,
  },
  getTeam: {
    method: 'get',
    path: '/v1/teams/:id',
    params: { id: ResourceId },
    tag: 'Group buy',
    summary: 'A team',
    description: 'With a shopper token, `myReservation` is the shopper’s latest reservation in it.',
    auth: browser,
    responses: { 200: { description: 'The team.', schema: Team } },
    errors: ['not_found'],
  },
  reserveSeat: {
    method: 'post',
    path: '/v1/teams/:id/reservations',
    params: { id: ResourceId },
    tag: 'Group buy',
    summary: 'Hold a seat in a team',
    auth: shopper,
    body: NoFields,
    responses: { 201: { description: 'The team and the held seat; pay before `expiresAt`.', schema: ReserveResponse } },
    errors: ['not_found', 'team_closed', 'team_full', 'already_member'],
    idempotent: true,
  },
  confirmReservation: {
    method: 'post',
    path: '/v1/reservations/:id/confirm',
    params: { id: ResourceId },
    tag: 'Group buy',
    summary: 'Confirm a paid reservation',
    description:
      'Called by the shop’s backend after payment. The same `orderRef` again answers the same reservation; `reservation_expired` and `team_closed` mean: refund the shopper.',
    auth: secret,
    body: ConfirmReservationRequest,
    responses: { 200: { description: 'The confirmed reservation.', schema: Reservation } },
    errors: ['not_found', 'reservation_expired', 'reservation_not_held', 'team_closed'],
    idempotent: true,
  },

  // Assist
  createAssistCampaign: {
    method: 'post',
    path: '/v1/assist-campaigns',
    tag: 'Assist',
    summary: 'Create an assist (助力 / 砍价) campaign',
    auth: secret,
    body: CreateAssistCampaignRequest,
    responses: { 201: { description: 'The campaign.', schema: AssistCampaign } },
    errors: [],
    idempotent: true,
  },
  getAssistCampaign: {
    method: 'get',
    path: '/v1/assist-campaigns/:id',
    params: { id: ResourceId },
    tag: 'Assist',
    summary: 'A campaign',
    description: 'With a shopper token, `myAssist` is the shopper’s own assist on it.',
    auth: browser,
    responses: { 200: { description: 'The campaign.', schema: AssistCampaign } },
    errors: ['not_found'],
  },
  startAssist: {
    method: 'post',
    path: '/v1/assist-campaigns/:id/assists',
    params: { id: ResourceId },
    tag: 'Assist',
    summary: 'Start the shopper’s assist',
    auth: shopper,
    body: StartAssistRequest,
    responses: {
      201: { description: 'A new assist and its share link.', schema: StartAssistResponse },
      200: { description: 'The shopper’s assist already running on this campaign.', schema: StartAssistResponse },
    },
    errors: ['not_found', 'campaign_not_active'],
    idempotent: true,
  },
  getAssist: {
    method: 'get',
    path: '/v1/assists/:id',
    params: { id: ResourceId },
    tag: 'Assist',
    summary: 'An assist',
    description: 'With a shopper token, `viewer` says whether the caller owns it and has helped.',
    auth: browser,
    responses: { 200: { description: 'The assist.', schema: Assist } },
    errors: ['not_found'],
  },
  helpAssist: {
    method: 'post',
    path: '/v1/assists/:id/helps',
    params: { id: ResourceId },
    tag: 'Assist',
    summary: 'Help a friend’s assist',
    description:
      '30 attempts a minute per client address and merchant; a 429 carries `Retry-After` and is never stored under an `Idempotency-Key`.',
    auth: shopper,
    body: NoFields,
    responses: { 201: { description: 'The assist after this help, and what it cut.', schema: HelpResponse } },
    errors: [
      'not_found',
      'self_help',
      'already_helped',
      'assist_completed',
      'assist_expired',
      'help_limit_reached',
      'rate_limited',
    ],
    idempotent: true,
  },

  // Referral
  createReferralProgram: {
    method: 'post',
    path: '/v1/referral-programs',
    tag: 'Referral',
    summary: 'Create a referral (分销) program',
    auth: secret,
    body: CreateReferralProgramRequest,
    responses: { 201: { description: 'The program.', schema: ReferralProgram } },
    errors: [],
    idempotent: true,
  },
  getReferralProgram: {
    method: 'get',
    path: '/v1/referral-programs/:id',
    params: { id: ResourceId },
    tag: 'Referral',
    summary: 'A program',
    auth: browserWithoutShopper,
    responses: { 200: { description: 'The program.', schema: ReferralProgram } },
    errors: ['not_found'],
  },
  becomePromoter: {
    method: 'post',
    path: '/v1/referral-programs/:id/promoters',
    params: { id: ResourceId },
    tag: 'Referral',
    summary: 'Become a promoter',
    auth: shopper,
    body: BecomePromoterRequest,
    responses: {
      201: { description: 'The new promoter and their share link.', schema: BecomePromoterResponse },
      200: { description: 'The shopper already promotes this program.', schema: BecomePromoterResponse },
    },
    errors: ['not_found'],
    idempotent: true,
  },
  recordReferralClick: {
    method: 'post',
    path: '/v1/referral-clicks',
    tag: 'Referral',
    summary: 'Record a visit through a promoter’s link',
    description: 'The SDK calls it once per `?flock_ref=` link; the last click wins.',
    auth: browser,
    body: ReferralClickRequest,
    responses: { 201: { description: 'The attribution to hand to the checkout.', schema: ReferralClick } },
    errors: ['not_found'],
    idempotent: true,
  },
  reportOrder: {
    method: 'post',
    path: '/v1/orders',
    tag: 'Referral',
    summary: 'Report an order',
    description: 'Idempotent by `orderRef`: a repeat answers 200; another amount or currency under it is 409.',
    auth: secret,
    body: ReportOrderRequest,
    responses: {
      201: { description: 'The order and the commissions it earned.', schema: Order },
      200: { description: 'This `orderRef` was already reported.', schema: Order },
    },
    errors: ['not_found', 'order_currency_mismatch'],
    idempotent: true,
  },
  refundOrder: {
    method: 'post',
    path: '/v1/orders/:orderRef/refunds',
    params: { orderRef: z.string() },
    tag: 'Referral',
    summary: 'Refund (part of) an order',
    description: 'Each commission is reversed in proportion, even after it became available or was paid out.',
    auth: secret,
    body: RefundRequest,
    responses: { 201: { description: 'The order after the refund.', schema: Order } },
    errors: ['not_found', 'refund_exceeds_order'],
    idempotent: true,
  },
  approveCommission: {
    method: 'post',
    path: '/v1/commissions/:id/approve',
    params: { id: ResourceId },
    tag: 'Referral',
    summary: 'Approve a commission held for review',
    auth: secret,
    body: NoFields,
    responses: { 200: { description: 'The commission, now pending its hold or available.', schema: CommissionView } },
    errors: ['not_found', 'commission_not_under_review'],
    idempotent: true,
  },
  rejectCommission: {
    method: 'post',
    path: '/v1/commissions/:id/reject',
    params: { id: ResourceId },
    tag: 'Referral',
    summary: 'Reject a commission held for review',
    auth: secret,
    body: NoFields,
    responses: { 200: { description: 'The rejected commission.', schema: CommissionView } },
    errors: ['not_found', 'commission_not_under_review'],
    idempotent: true,
  },
  getPromoterStats: {
    method: 'get',
    path: '/v1/promoters/me',
    tag: 'Referral',
    summary: 'The calling shopper’s promoter earnings',
    auth: shopper,
    query: [{ name: 'program', required: true, description: 'The program id (`prg_…`).', schema: z.string() }],
    responses: { 200: { description: 'Clicks, orders and balances, derived from the ledger.', schema: PromoterStats } },
    errors: ['not_found'],
  },
  recordPayout: {
    method: 'post',
    path: '/v1/promoters/:id/payouts',
    params: { id: ResourceId },
    tag: 'Referral',
    summary: 'Record a payout to a promoter',
    auth: secret,
    body: PayoutRequest,
    responses: { 201: { description: 'The payout and the balance left.', schema: Payout } },
    errors: ['not_found', 'insufficient_balance'],
    idempotent: true,
  },

  // Vouchers
  createVoucherProduct: {
    method: 'post',
    path: '/v1/voucher-products',
    tag: 'Vouchers',
    summary: 'Create a voucher product',
    auth: secret,
    body: CreateVoucherProductRequest,
    responses: { 201: { description: 'The voucher product.', schema: VoucherProduct } },
    errors: [],
    idempotent: true,
  },
  issueVoucher: {
    method: 'post',
    path: '/v1/vouchers',
    tag: 'Vouchers',
    summary: 'Issue a voucher to a shopper',
    description:
      'Idempotent by `orderRef`: the order’s voucher is answered again (200); the same `orderRef` for another shopper is 409.',
    auth: secret,
    body: IssueVoucherRequest,
    responses: {
      201: { description: 'The new voucher.', schema: Voucher },
      200: { description: 'The voucher already issued for this order.', schema: Voucher },
    },
    errors: ['not_found'],
    idempotent: true,
  },
  voidVoucher: {
    method: 'post',
    path: '/v1/vouchers/:id/void',
    params: { id: ResourceId },
    tag: 'Vouchers',
    summary: 'Void a voucher (after a refund)',
    auth: secret,
    body: NoFields,
    responses: { 200: { description: 'The voided voucher.', schema: Voucher } },
    errors: ['not_found', 'voucher_used_up'],
    idempotent: true,
  },
  listVouchers: {
    method: 'get',
    path: '/v1/vouchers',
    tag: 'Vouchers',
    summary: 'The calling shopper’s vouchers',
    auth: shopper,
    query: [{ name: 'shopper', required: true, description: 'Always `me`.', schema: z.literal('me') }],
    responses: { 200: { description: 'The shopper’s vouchers.', schema: VoucherList } },
    errors: [],
  },
  getVoucher: {
    method: 'get',
    path: '/v1/vouchers/:id',
    params: { id: ResourceId },
    tag: 'Vouchers',
    summary: 'One of the calling shopper’s vouchers',
    auth: shopper,
    responses: { 200: { description: 'The voucher.', schema: Voucher } },
    errors: ['not_found'],
  },
  getVoucherCode: {
    method: 'get',
    path: '/v1/vouchers/:id/code',
    params: { id: ResourceId },
    tag: 'Vouchers',
    summary: 'A fresh single-use code for the voucher’s QR',
    description: 'Valid for 60 s and answered with `Cache-Control: no-store`; the widget fetches the next one before it lapses.',
    auth: shopper,
    responses: { 200: { description: 'The signed code.', schema: VoucherCode } },
    errors: ['not_found', 'voucher_voided', 'voucher_expired', 'voucher_used_up'],
  },
  redeemVoucher: {
    method: 'post',
    path: '/v1/redemptions',
    tag: 'Vouchers',
    summary: 'Redeem a scanned code at the counter',
    auth: { kind: 'keys', keys: ['staff'], shopper: 'ignored' },
    body: RedeemRequest,
    responses: { 201: { description: 'The redemption and the voucher after it.', schema: RedeemResponse } },
    errors: [
      'code_invalid',
      'code_expired',
      'code_replayed',
      'voucher_voided',
      'voucher_expired',
      'voucher_not_yet_valid',
      'voucher_used_up',
      'wrong_store',
    ],
    idempotent: true,
  },

  // Live updates
  openStream: {
    method: 'get',
    path: '/v1/stream',
    tag: 'Live updates',
    summary: 'Server-Sent Events for the followed resources',
    description:
      'Each event is `id: <n>`, `event: team.updated|assist.updated|promoter.updated|voucher.updated`, `data: {"topic", "data"}` (see `LiveEvent`), never with shopper-specific fields. A `: heartbeat` comment every 20 s, `retry: 3000`, `X-Accel-Buffering: no`. Resume with `lastEventId` or the `Last-Event-ID` header: the events since then (kept 24 h, at most 1,000) come first.',
    auth: { kind: 'stream' },
    query: [
      {
        name: 'key',
        required: false,
        description: 'The publishable key (EventSource cannot send headers); a bearer `Authorization` header works too.',
        schema: z.string(),
      },
      {
        name: 'topics',
        required: true,
        description: 'Up to 50 comma-separated topics: `team:team_…`, `assist:ast_…`, `promoter:pro_…`, `voucher:vch_…`.',
        schema: z.string(),
      },
      {
        name: 'lastEventId',
        required: false,
        description: 'Resume after this event id (digits, at most 2^63 − 1; anything else is 400 before the stream opens).',
        schema: LiveEventId,
      },
      {
        name: 'shopper',
        required: false,
        description:
          'The shopper’s own token; needed for the topics only their shopper may follow (`promoter:`, `voucher:`) unless the key is the secret key. Another shopper’s topic, or one that does not exist, is 403 `forbidden` alike.',
        schema: z.string(),
      },
    ],
    responses: { 200: { description: 'An endless `text/event-stream`.', schema: LiveEvent } },
    stream: true,
    errors: ['shopper_token_required', 'shopper_token_invalid', 'shopper_token_expired'],
  },
});

export type RouteName = keyof typeof routesByName;

/** The table as a list, in the order of the reference. */
export const routes: readonly NamedRouteSpec[] = Object.entries(routesByName).map(([name, route]) => ({
  name: name as RouteName,
  ...route,
}));

/** Every webhook Flock sends, with the schema of its `data`. */
export const webhookEvents: Record<WebhookEventType, { summary: string; data: $ZodType }> = {
  'team.succeeded': {
    summary: 'A team filled (or reached its minimum at the deadline): ship to every paid member.',
    data: TeamWebhookData,
  },
  'team.failed': { summary: 'A team closed without succeeding: refund every paid reservation.', data: TeamWebhookData },
  'assist.completed': {
    summary: 'An assist reached its goal: the owner may claim the reward until `purchaseBy`.',
    data: AssistWebhookData,
  },
  'commission.available': { summary: 'A commission left its hold and can be paid out.', data: CommissionWebhookData },
  'voucher.redeemed': { summary: 'A voucher was redeemed at a store.', data: VoucherWebhookData },
};
