/**
 * The reference around the route table: each route's prose (tag, summary, description, what each
 * answer and query value means) and every webhook, joined with routes.ts into the documented table
 * the OpenAPI document is generated from and the server binds. Server and documentation code only:
 * the browser never loads it.
 */

import type { $ZodType } from 'zod/v4/core';
import { AssistWebhookData } from './assist.js';
import type { ErrorCode } from './errors.js';
import { TeamWebhookData } from './group-buy.js';
import { CommissionWebhookData, type RouteContract, type RouteName, routesByName, VoucherWebhookData } from './routes.js';
import type { WebhookEventType } from './webhooks.js';

/** A route's words for readers of the reference, keyed like its declaration. */
interface RouteDoc<R extends RouteContract = RouteContract> {
  /** Groups routes in the reference: one tag per feature. */
  tag: string;
  summary: string;
  description?: string;
  /**
   * The concrete OpenAPI paths of a wildcard route (OpenAPI path parameters cannot span slashes).
   * Without it the document's path is `path` with `:param` written `{param}`.
   */
  documentedAs?: readonly string[];
  /** What each declared success status means. */
  responses: { [Status in keyof R['responses']]: string };
  /** Codes this route raises itself; the ones every route of its kind can answer are added by the OpenAPI generator. */
  errors: readonly ErrorCode[];
  /** What each declared query value means (also the hint of a 400 that names it). */
  query?: { [Name in keyof R['query']]: string };
}

const routeDocs: { [N in RouteName]: RouteDoc<(typeof routesByName)[N]> } = {
  health: {
    errors: [],
    tag: 'Operations',
    summary: 'Health check',
    description: 'Answers 200 while the process serves requests; for load balancers and orchestrators.',
    responses: { 200: 'The process is up.' },
  },
  openApiDocument: {
    errors: [],
    tag: 'Operations',
    summary: 'This OpenAPI document',
    responses: { 200: 'The OpenAPI 3.1 document of this server.' },
  },
  sdkFile: {
    errors: ['not_found'],
    documentedAs: ['/sdk/flock.js', '/sdk/flock-classic.js', '/sdk/chunks/{file}'],
    tag: 'Operations',
    summary: 'The browser SDK and widgets',
    description:
      '`flock.js` (ES module) and `flock-classic.js` (classic script) are small loaders that fetch each widget’s chunk when its tag appears on the page; they revalidate after 5 minutes. Chunks carry a content hash in their name and are cached for a year (`immutable`). Any origin may load them (`Access-Control-Allow-Origin: *`).',
    responses: { 200: 'The file (JavaScript, source map or WebAssembly), compressed when the client accepts it.' },
  },
  // Merchants and keys
  consoleApp: {
    errors: ['not_found'],
    tag: 'Operations',
    summary: 'The merchant console',
    description:
      'The web app merchants run their campaigns in, signed in with their console login (invite links open it at `/console/#/invite/…`). `/console/` and any path under it that is not one of its files answer the app, which routes by the URL fragment. `/console/scanner.html#key=stf_…` is a store counter’s voucher scanner: the staff key travels in the fragment, which browsers never send to the server.',
    documentedAs: ['/console/{page}', '/console/assets/{file}'],
    responses: { 200: 'The console page or one of its files.' },
  },
  createMerchant: {
    errors: ['webhook_url_not_allowed'],
    tag: 'Merchants',
    summary: 'Create a merchant (operator)',
    description:
      'Needs `Authorization: Bearer <FLOCK_ADMIN_TOKEN>`; without that variable on the server the route answers 403. Answers the keys and the webhook secret once: only hashes of the API keys are kept.',
    responses: { 201: 'The new merchant and its keys, shown once.' },
  },
  createShopperToken: {
    errors: [],
    tag: 'Merchants',
    summary: 'Mint a shopper token',
    description:
      'Called by the shop’s backend for its signed-in shopper; the page passes the token to `<flock-provider shopper-token>` and it travels as the `Flock-Shopper` header.',
    responses: { 201: 'The token and when it expires (24 h unless `ttlSeconds` says otherwise).' },
  },
  createStaffKey: {
    errors: ['not_found'],
    tag: 'Merchants',
    summary: 'Create a staff key for a store’s voucher scanner',
    responses: { 201: 'The staff key, shown once, and its id.' },
  },
  listStaffKeys: {
    errors: [],
    tag: 'Merchants',
    summary: 'The merchant’s staff keys, newest first',
    description:
      'Each key’s id, store, when it was made and when it was revoked; never the key itself (only its hash is kept). Pages follow `nextCursor`.',
    responses: { 200: 'A page of staff keys.' },
    query: {
      limit: 'Staff keys per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
    },
  },
  revokeStaffKey: {
    errors: ['not_found'],
    tag: 'Merchants',
    summary: 'Revoke a staff key',
    description:
      'From then on the key authenticates nothing (401 `invalid_key`; a server process that resolved it in the last 5 s may still accept it until then). Revoking it again answers the same key, with its first `revokedAt`.',
    responses: { 200: 'The revoked staff key.' },
  },
  getMerchant: {
    errors: [],
    tag: 'Merchants',
    summary: 'The calling merchant',
    responses: { 200: 'Name, allowed origins and webhook URL.' },
  },
  updateMerchant: {
    errors: ['webhook_url_not_allowed'],
    tag: 'Merchants',
    summary: 'Change allowed origins or the webhook URL',
    description:
      'Publishable keys work only from the pages whose origins are listed here (scheme, host and port, no path). The webhook URL must reach a public address: one that is, or resolves to, loopback, private, link-local or another non-public range is refused (unless the server runs with FLOCK_ALLOW_PRIVATE_WEBHOOKS=1).',
    responses: { 200: 'The merchant as now stored.' },
  },
  rollKeys: {
    errors: [],
    tag: 'Merchants',
    summary: 'Roll a key or the webhook secret',
    description:
      'A rolled publishable or secret key keeps working for 24 h (`previousKeyExpiresAt`); a rolled webhook secret signs every delivery from now on.',
    responses: { 201: 'The new key, shown once.' },
  },
  // Group buy
  listWebhookDeliveries: {
    errors: [],
    tag: 'Merchants',
    summary: 'The merchant’s webhook deliveries, newest first',
    description:
      'Each event sent (or to be sent) to the webhook URL: its type, where its delivery stands, attempts, the last failure and the next attempt, with the event exactly as it is posted. Pages follow `nextCursor`; events enqueued meanwhile do not shift them.',
    responses: { 200: 'A page of deliveries.' },
    query: {
      limit: 'Deliveries per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      status:
        'Only deliveries at this status: `pending` (not tried yet), `retrying` (failed, tried again with backoff), `delivered` or `failed` (every attempt failed).',
    },
  },
  resendWebhookDelivery: {
    errors: ['not_found'],
    tag: 'Merchants',
    summary: 'Send a webhook again',
    description:
      'Schedules the event for delivery now, whatever its status, with a fresh round of attempts (`attempts` counts again from 0): a failed delivery is retried, a delivered one is posted once more. The event keeps its id, so the receiver can tell a repeat.',
    responses: { 200: 'The delivery, now pending.' },
  },
  signInToConsole: {
    errors: ['sign_in_failed', 'rate_limited'],
    tag: 'Console',
    summary: 'Sign in to the merchant console',
    description:
      'With the email and password set from an invite. Answers the session and sets it as an httpOnly, SameSite=Strict cookie (`flock_console`); writes made with it also send its `csrfToken` in the `Flock-CSRF` header. Sign-in attempts are limited per email (10 in 10 minutes) and per address (30 in 10 minutes); a wrong email and a wrong password get the same answer.',
    responses: { 200: 'Signed in: the session (also set as a cookie).' },
  },
  acceptConsoleInvite: {
    errors: ['invite_invalid', 'email_taken', 'rate_limited'],
    tag: 'Console',
    summary: 'Accept an invite: set a name and password',
    description:
      'The token is the part of the invite link after `#/invite/`. It works once, before it expires (7 days), and creates the console login of the email it was made for, with its role; then signs in.',
    responses: { 201: 'The new login, signed in.' },
  },
  getConsoleSession: {
    errors: [],
    tag: 'Console',
    summary: 'Who is signed in',
    description: 'The session of the `flock_console` cookie: the person, their merchant and role, and the CSRF token.',
    responses: { 200: 'The session.' },
  },
  signOutOfConsole: {
    errors: [],
    tag: 'Console',
    summary: 'Sign out of the console',
    description: 'Ends the session at once (on every device holding the same cookie) and clears the cookie.',
    responses: { 200: 'Signed out.' },
  },
  inviteToConsole: {
    errors: ['email_taken'],
    tag: 'Console',
    summary: 'Invite a colleague (owners only)',
    description:
      'Answers a one-time link for the given email and role, shown once: the server keeps only its hash. An operator runs campaigns and approvals; an owner may also roll keys, manage staff keys, record payouts and invite.',
    responses: { 201: 'The invite, with its link.' },
  },
  createGroupBuyOffer: {
    errors: [],
    tag: 'Group buy',
    summary: 'Create a group-buy offer',
    description:
      'A plain offer, or one of the group types (docs/group-buy.md): `stock` (flash sale, 秒杀团), `tiers` (ladder price, 阶梯团), `lottery` (抽奖团), `products` (cross-product, 拼单) and `joinersMustBeNew` (new-customer team, 老带新). `stock` and `joinersMustBeNew` combine with any type; `tiers`, `lottery` and `products` exclude each other, `tiers` excludes `leaderPrice` and `completeAtDeadline`, `lottery` excludes `completeAtDeadline`, `products` excludes `leaderPrice`: a refused combination or a bad tier list is 400 `invalid_request` naming the field.',
    responses: { 201: 'The offer.' },
  },
  listGroupBuyOffers: {
    errors: [],
    tag: 'Group buy',
    summary: 'The merchant’s offers, newest first',
    description:
      'With each offer’s terms and how many of its teams are pending, open, succeeded and failed. Pages follow `nextCursor`; offers created meanwhile do not shift them.',
    responses: { 200: 'A page of offers.' },
    query: {
      limit: 'Offers per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      status: 'Only campaigns in this state: `active`, `paused` or `ended`.',
    },
  },
  getGroupBuyOffer: {
    errors: ['not_found'],
    tag: 'Group buy',
    summary: 'An offer, with the teams forming',
    description: 'With a shopper token, `myTeams` lists the teams in which the shopper holds or paid a seat.',
    responses: { 200: 'The offer.' },
  },
  updateGroupBuyOffer: {
    errors: ['not_found', 'campaign_not_active'],
    tag: 'Group buy',
    summary: 'Change an offer, or pause, resume or end it',
    description:
      'Send only the fields to change, at least one; `null` clears `imageUrl`, `leaderPrice`, `startsAt`, `endsAt` or `maxTeams`. Editable: `title`, `imageUrl`, `regularPrice`, `groupPrice` and `leaderPrice` (checked against the stored ones: groupPrice ≤ regularPrice, leaderPrice ≤ groupPrice), `startsAt` and `endsAt`, `maxTeams`, and `status`. Fixed, refused with 400: `productRef`, `currency`, `teamSize`, `teamTtlSeconds`, `holdTtlSeconds` and `completeAtDeadline`, which the teams already formed run by. New prices apply to seats taken from now on, in new teams and in teams already open; a seat held or paid keeps its price. A lower `maxTeams` stops new teams only. `status: paused` or `ended` stops new teams (opening one is 409 `campaign_not_active`), while teams already open still take members until they fill or time out, and a leader holding a seat may still pay for it; `active` resumes a paused offer. Ending is final: an ended offer cannot become active or paused again (409 `campaign_not_active`). To stop what is forming too, send `failOpenTeams: true` with `status: ended` (or on an ended offer): its open teams fail now, each with a `team.failed` webhook listing the paid seats to refund, and pending teams (leader not paid) fail quietly; `failOpenTeams` with any other status is 400.',
    responses: { 200: 'The offer as now stored.' },
  },
  openTeam: {
    errors: ['not_found', 'campaign_not_active', 'offer_not_active', 'offer_sold_out', 'sold_out'],
    tag: 'Group buy',
    summary: 'Open a team and hold the leader’s seat',
    description:
      'The team stays pending until the leader’s reservation is confirmed. A shopper who still has an unpaid pending team on the offer gets that one back. An offer that is paused or ended opens no team (409 `campaign_not_active`), nor one outside its `startsAt`–`endsAt` (409 `offer_not_active`), nor one past `maxTeams` (409 `offer_sold_out`). With `stock`, the seat takes a unit: none left is 409 `sold_out`. In a cross-product offer, send the `productRef` picked (400 without it or with one not in `products`).',
    responses: { 201: 'The pending team and the leader’s held seat.' },
  },
  listTeams: {
    errors: [],
    tag: 'Group buy',
    summary: 'The merchant’s teams, newest first',
    description:
      'Every team of every offer (or of one, with `offer`), with its paid members, seats held and left, and deadline. Pages follow `nextCursor`; teams started meanwhile do not shift them.',
    responses: { 200: 'A page of teams.' },
    query: {
      limit: 'Teams per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      offer: 'Only this offer’s teams (`off_…`).',
      status: 'Only teams at this stage: `pending` (leader paying), `open`, `succeeded` or `failed`.',
    },
  },
  getTeam: {
    errors: ['not_found'],
    tag: 'Group buy',
    summary: 'A team',
    description: 'With a shopper token, `myReservation` is the shopper’s latest reservation in it.',
    responses: { 200: 'The team.' },
  },
  getTeamDraw: {
    errors: ['not_found'],
    tag: 'Group buy',
    summary: 'A lottery team’s draw',
    description:
      'The commitment (sha256 of a random 32-byte seed) is published when the team opens; once the team fills, the seed and the winners follow. Anyone can recompute the winners from the seed, the team id and the members in paid order (algorithm `flock-draw-v1`, docs/group-buy.md). A team of an offer without `lottery` is 404.',
    responses: { 200: 'The draw: commitment, then seed and winners once drawn.' },
  },
  reserveSeat: {
    errors: ['not_found', 'team_closed', 'team_full', 'already_member', 'sold_out', 'not_new_customer'],
    tag: 'Group buy',
    summary: 'Hold a seat in a team',
    description:
      'Any open team takes members until it fills or its deadline passes, even once its offer is paused or ended: the merchant’s status stops new teams, not the ones already open. With `stock`, the seat takes a unit (none left: 409 `sold_out`); with `joinersMustBeNew`, a shopper with an earlier purchase from the merchant is 409 `not_new_customer`; in a cross-product offer, send the `productRef` picked.',
    responses: { 201: 'The team and the held seat; pay before `expiresAt`.' },
  },
  confirmReservation: {
    errors: ['not_found', 'reservation_expired', 'reservation_not_held', 'team_closed'],
    tag: 'Group buy',
    summary: 'Confirm a paid reservation',
    description:
      'Called by the shop’s backend after payment. The same `orderRef` again answers the same reservation; `reservation_expired` and `team_closed` mean: refund the shopper.',
    responses: { 200: 'The confirmed reservation.' },
  },
  // Assist
  createAssistCampaign: {
    errors: [],
    tag: 'Assist',
    summary: 'Create an assist (助力 / 砍价) campaign',
    responses: { 201: 'The campaign.' },
  },
  listAssistCampaigns: {
    errors: [],
    tag: 'Assist',
    summary: 'The merchant’s assist campaigns, newest first',
    description:
      'With each campaign’s terms and how many of its assists are active, completed and expired (an active assist past its deadline counts as expired). Pages follow `nextCursor`; campaigns created meanwhile do not shift them.',
    responses: { 200: 'A page of campaigns.' },
    query: {
      limit: 'Campaigns per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      status: 'Only campaigns in this state: `active`, `paused` or `ended`.',
    },
  },
  getAssistCampaign: {
    errors: ['not_found'],
    tag: 'Assist',
    summary: 'A campaign',
    description: 'With a shopper token, `myAssist` is the shopper’s own assist on it.',
    responses: { 200: 'The campaign.' },
  },
  updateAssistCampaign: {
    errors: ['not_found', 'campaign_not_active'],
    tag: 'Assist',
    summary: 'Change a campaign, or pause, resume or end it',
    description:
      'Send only the fields to change, at least one; `null` clears `imageUrl`, `helpsPerHelperPerDay`, `startsAt` or `endsAt`. Editable: `title`, `imageUrl` and `reward` (replaced whole; running assists show them too); `goal`, `startPrice`, `floorPrice`, `ttlSeconds` and `purchaseTtlSeconds`, which each assist copies when it starts, so running assists keep their goal, prices and deadline; `helpsPerHelperPerDay`, which counts for every help from now on; `startsAt` and `endsAt`; and `status`. Fixed, refused with 400: `productRef`, `mode` and `currency`. Prices are checked against the stored values: floorPrice ≤ startPrice, and a price cut needs startPrice − floorPrice ≥ goal. `status: paused` or `ended` stops new assists (starting one is 409 `campaign_not_active`; a shopper whose assist is running gets it back), while running assists can still be helped until they complete or expire; `active` resumes a paused campaign. Ending is final: an ended campaign cannot become active or paused again (409 `campaign_not_active`).',
    responses: { 200: 'The campaign as now stored.' },
  },
  startAssist: {
    errors: ['not_found', 'campaign_not_active'],
    tag: 'Assist',
    summary: 'Start the shopper’s assist',
    description:
      'A campaign that is paused or ended, or outside its `startsAt`–`endsAt`, starts no assist: 409 `campaign_not_active`. A shopper whose assist on it is still running gets that one back (200) all the same.',
    responses: { 201: 'A new assist and its share link.', 200: 'The shopper’s assist already running on this campaign.' },
  },
  listAssists: {
    errors: [],
    tag: 'Assist',
    summary: 'The merchant’s assists, newest first',
    description:
      'Every assist of every campaign (or of one, with `campaign`), with whose it is, its helps, price and deadline. Pages follow `nextCursor`; assists started meanwhile do not shift them.',
    responses: { 200: 'A page of assists.' },
    query: {
      limit: 'Assists per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      campaign: 'Only this campaign’s assists (`asc_…`).',
      status: 'Only assists at this status: `active`, `completed` or `expired` (an active assist past its deadline is expired).',
    },
  },
  getAssist: {
    errors: ['not_found'],
    tag: 'Assist',
    summary: 'An assist',
    description: 'With a shopper token, `viewer` says whether the caller owns it and has helped.',
    responses: { 200: 'The assist.' },
  },
  helpAssist: {
    errors: [
      'not_found',
      'self_help',
      'already_helped',
      'assist_completed',
      'assist_expired',
      'help_limit_reached',
      'rate_limited',
    ],
    tag: 'Assist',
    summary: 'Help a friend’s assist',
    description:
      '30 attempts a minute per client address and merchant; a 429 carries `Retry-After` and is never stored under an `Idempotency-Key`.',
    responses: { 201: 'The assist after this help, and what it cut.' },
  },
  // Referral
  createReferralProgram: {
    errors: ['not_found'],
    tag: 'Referral',
    summary: 'Create a referral (分销) program',
    description:
      'Growth fields, all optional: `tiers` (promoters by their trailing-30-day own commission, each with its rate; needs a percent commission), `firstOrderReward`, `newPromoterBoost` (needs a percent commission) and `friendReward` (a voucher product of this merchant, 404 when unknown, or an amount off with a minimum spend). A tier’s or the boost’s rate plus `secondLevelBps` is at most 10000.',
    responses: { 201: 'The program.' },
  },
  listReferralPrograms: {
    errors: [],
    tag: 'Referral',
    summary: 'The merchant’s referral programs, newest first',
    description:
      'With each program’s terms and how many promoters joined it and orders it was credited with. Pages follow `nextCursor`; programs created meanwhile do not shift them.',
    responses: { 200: 'A page of programs.' },
    query: {
      limit: 'Programs per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      status: 'Only campaigns in this state: `active`, `paused` or `ended`.',
    },
  },
  getReferralProgram: {
    errors: ['not_found'],
    tag: 'Referral',
    summary: 'A program',
    responses: { 200: 'The program.' },
  },
  updateReferralProgram: {
    errors: ['not_found', 'campaign_not_active'],
    tag: 'Referral',
    summary: 'Change a program, or pause, resume or end it',
    description:
      'Send only the fields to change, at least one. Editable: `name`; `product` (replaced whole; its `currency`, when given, must be the program’s); `holdDays`, for commissions earned from now on; `attributionWindowDays`, for clicks from now on; and `status`. Fixed, refused with 400: `commission` and `secondLevelBps` (create another program for other terms). `status: paused` or `ended` stops new promoters (joining is 409 `campaign_not_active`; a shopper who already promotes it gets their link back), while existing links still record clicks and attribute orders, which earn commissions as before; `active` resumes a paused program. Ending is final: an ended program cannot become active or paused again (409 `campaign_not_active`).',
    responses: { 200: 'The program as now stored.' },
  },
  becomePromoter: {
    errors: ['not_found', 'campaign_not_active'],
    tag: 'Referral',
    summary: 'Become a promoter',
    description:
      'A program that is paused or ended takes no new promoter: 409 `campaign_not_active`. A shopper who already promotes it gets their promoter and link back (200) all the same.',
    responses: { 201: 'The new promoter and their share link.', 200: 'The shopper already promotes this program.' },
  },
  recordReferralClick: {
    errors: ['not_found'],
    tag: 'Referral',
    summary: 'Record a visit through a promoter’s link',
    description: 'The SDK calls it once per `?flock_ref=` link; the last click wins.',
    responses: { 201: 'The attribution to hand to the checkout.' },
  },
  reportOrder: {
    errors: [
      'not_found',
      'order_currency_mismatch',
      'friend_coupon_used',
      'friend_coupon_expired',
      'friend_coupon_min_spend',
      'friend_coupon_other_program',
    ],
    tag: 'Referral',
    summary: 'Report an order',
    description:
      'Idempotent by `orderRef`: a repeat answers 200; another amount or currency under it is 409. The level-1 commission is earned at the promoter’s rate when the order is reported (their tier’s, or the new-promoter boost while it lasts and is higher, else the program’s) and keeps it. A promoter’s first attributed order that is not their own purchase also earns the program’s `firstOrderReward` once, as a commission of kind `first_order_reward`. `friendCoupon` marks a friend’s coupon used by this order (once; it must be unexpired and of the attributed program, and `amount`, what the friend paid with the coupon taken off, plus its `amountOff` at least its `minSpend`), and credits the order to the promoter whose link gave it when no live attribution or promoter code does.',
    responses: { 201: 'The order and the commissions it earned.', 200: 'This `orderRef` was already reported.' },
  },
  listOrders: {
    errors: [],
    tag: 'Referral',
    summary: 'The orders reported, newest first',
    description:
      'Every order reported (attributed or not), with its program and promoter, what was refunded and the commissions it earned. Pages follow `nextCursor`; orders reported meanwhile do not shift them.',
    responses: { 200: 'A page of orders.' },
    query: {
      limit: 'Orders per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      program: 'Only orders credited to this program (`prg_…`).',
    },
  },
  refundOrder: {
    errors: ['not_found', 'refund_exceeds_order'],
    tag: 'Referral',
    summary: 'Refund (part of) an order',
    description: 'Each commission is reversed in proportion, even after it became available or was paid out.',
    responses: { 201: 'The order after the refund.' },
  },
  listCommissions: {
    errors: [],
    tag: 'Referral',
    summary: 'The commissions earned, newest first',
    description:
      'Every commission of every program (or of one, with `program`), with its promoter, order, status and fraud flags; `status=under_review` lists the ones to approve or reject. Pages follow `nextCursor`; commissions earned meanwhile do not shift them.',
    responses: { 200: 'A page of commissions.' },
    query: {
      limit: 'Commissions per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      program: 'Only this program’s commissions (`prg_…`).',
      status: 'Only commissions at this status: `pending`, `under_review`, `available`, `paid`, `reversed` or `rejected`.',
    },
  },
  approveCommission: {
    errors: ['not_found', 'commission_not_under_review'],
    tag: 'Referral',
    summary: 'Approve a commission held for review',
    responses: { 200: 'The commission, now pending its hold or available.' },
  },
  rejectCommission: {
    errors: ['not_found', 'commission_not_under_review'],
    tag: 'Referral',
    summary: 'Reject a commission held for review',
    responses: { 200: 'The rejected commission.' },
  },
  getPromoterStats: {
    errors: ['not_found'],
    tag: 'Referral',
    summary: 'The calling shopper’s promoter earnings',
    query: { program: 'The program id (`prg_…`).' },
    responses: { 200: 'Clicks, orders and balances, derived from the ledger.' },
  },
  listPromoters: {
    errors: [],
    tag: 'Referral',
    summary: 'The promoters, newest first',
    description:
      'Every promoter of every program (or of one, with `program`), with their code, who recruited them, and the figures of their own card: clicks, orders and balances, derived from the ledger. Pages follow `nextCursor`; promoters joining meanwhile do not shift them.',
    responses: { 200: 'A page of promoters.' },
    query: {
      limit: 'Promoters per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      program: 'Only this program’s promoters (`prg_…`).',
    },
  },
  recordPayout: {
    errors: ['not_found', 'insufficient_balance'],
    tag: 'Referral',
    summary: 'Record a payout to a promoter',
    responses: { 201: 'The payout and the balance left.' },
  },
  listPayouts: {
    errors: [],
    tag: 'Referral',
    summary: 'The payouts recorded, newest first',
    description: 'Every payout recorded to a promoter. Pages follow `nextCursor`; payouts recorded meanwhile do not shift them.',
    responses: { 200: 'A page of payouts.' },
    query: {
      limit: 'Payouts per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      promoter: 'Only this promoter’s payouts (`pro_…`).',
    },
  },
  listPromoterBalances: {
    errors: ['not_found'],
    tag: 'Referral',
    summary: 'A program’s ledger, one line per promoter, newest promoter first',
    description:
      'Each promoter’s commission money as the merchant settles it, summed in SQL from the commission and payout rows at the time of the request (no balance is stored): `earned` (every commission, before refunds) = `pending` + `underReview` + `available` + `paid` + `reversed` + `rejected`; `available` is what was released minus what was paid out, and may be negative after a refund of an order already paid out; `owed` = `pending` + `underReview` + `available`. Pages follow `nextCursor`; promoters joining meanwhile do not shift them. The program’s totals: GET /v1/referral-programs/:id/balances.',
    responses: { 200: 'A page of promoters’ balances.' },
    query: {
      limit: 'Promoters per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      program: 'The program (`prg_…`); required.',
    },
  },
  // Promoter growth kit
  getLeaderboard: {
    errors: ['not_found'],
    tag: 'Promoter growth',
    summary: 'A program’s top promoters this week or month',
    description:
      'Ranked by commission earned in the calendar week (from Monday 00:00 UTC) or month (from the 1st, 00:00 UTC): both levels, net of reversals, rejected commissions and first-order rewards aside. Promoters who opted out are left out; names are masked (王**, A***). Computed from the ledger at each request; follow the `program:<id>` topic for `program.ledger` events to refresh.',
    responses: { 200: 'The ranked promoters.' },
    query: { period: '`week` (default) or `month`.', limit: 'How many, 1 to 50 (default 10).' },
  },
  getRecentPayouts: {
    errors: ['not_found'],
    tag: 'Promoter growth',
    summary: 'A program’s latest payouts, for a payout ticker',
    description:
      'At most 20 payouts of the last 30 days, newest first, from the recorded payouts; promoters who opted out are left out; names are masked.',
    responses: { 200: 'The payouts.' },
  },
  updatePromoterSettings: {
    errors: ['not_found'],
    tag: 'Promoter growth',
    summary: 'The calling promoter’s settings',
    description: '`showOnLeaderboard: false` leaves the promoter out of the leaderboard and the payout ticker from now on.',
    responses: { 200: 'The settings.' },
  },
  createMaterial: {
    errors: ['not_found'],
    tag: 'Promoter growth',
    summary: 'Add share material (素材) to a program',
    description:
      'Copy with `{link}` where the promoter’s link goes (appended when absent), up to 9 HTTPS images, and the product page the link leads to (the program’s product page by default).',
    responses: { 201: 'The material.' },
  },
  listMaterials: {
    errors: ['not_found'],
    tag: 'Promoter growth',
    summary: 'A program’s share material, archived included',
    responses: { 200: 'Every material of the program, newest first.' },
  },
  updateMaterial: {
    errors: ['not_found'],
    tag: 'Promoter growth',
    summary: 'Change or archive share material',
    responses: { 200: 'The material.' },
  },
  listPromoterMaterials: {
    errors: ['not_found'],
    tag: 'Promoter growth',
    summary: 'The calling promoter’s share kit',
    description:
      'The program’s active materials, each with `link`: its page carrying the promoter’s code. The browser adds a share id (`flock_share`) and records the share (POST /v1/promoters/me/shares).',
    query: { program: 'The program id (`prg_…`).' },
    responses: { 200: 'The materials with the promoter’s link.' },
  },
  recordShare: {
    errors: ['not_found'],
    tag: 'Promoter growth',
    summary: 'Record a share',
    description:
      'Idempotent by `shareId` (made by the browser and already in the shared link): a repeat answers 200. Clicks through a link carrying the share id count for it.',
    responses: { 201: 'The share, recorded now.', 200: 'This share was already recorded.' },
  },
  listShares: {
    errors: ['not_found'],
    tag: 'Promoter growth',
    summary: 'The calling promoter’s share history',
    description:
      'Newest first, each share with the clicks through its link, the orders they brought and the commission earned on them (net of reversals), counted from the click and order records.',
    query: {
      program: 'The program id (`prg_…`).',
      limit: 'Shares per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
    },
    responses: { 200: 'A page of shares.' },
  },
  listSuggestions: {
    errors: ['not_found'],
    tag: 'Promoter growth',
    summary: 'Materials suggested to the calling promoter',
    description:
      'At most 3, by conversion (orders per click) among the promoter’s own clicks (`reason: audience`); without enough of their own, by the program’s overall conversion (`reason: program`).',
    query: { program: 'The program id (`prg_…`).' },
    responses: { 200: 'The suggestions with their reason.' },
  },
  claimFriendReward: {
    errors: ['not_found', 'no_friend_reward', 'own_referral_link', 'attribution_expired', 'campaign_not_active'],
    tag: 'Promoter growth',
    summary: 'Claim the friend’s reward of a promoter’s link',
    description:
      'Once per shopper per program, whatever the concurrency: a repeat answers 200 with the same reward. The attribution must be a live click of this program; a promoter cannot claim their own link’s reward.',
    responses: { 201: 'The reward, issued now.', 200: 'The shopper already has this program’s reward.' },
  },
  getFriendReward: {
    errors: ['not_found'],
    tag: 'Promoter growth',
    summary: 'The calling shopper’s friend reward in a program',
    responses: { 200: 'The reward, or null.' },
  },
  getProgramBalances: {
    errors: ['not_found'],
    tag: 'Referral',
    summary: 'A program’s ledger totals',
    description:
      'The sums of every line of GET /v1/promoter-balances for this program, with the same rules, and how many promoters joined it.',
    responses: { 200: 'The program’s balances.' },
  },
  // Vouchers
  createVoucherProduct: {
    errors: [],
    tag: 'Vouchers',
    summary: 'Create a voucher product',
    responses: { 201: 'The voucher product.' },
  },
  listVoucherProducts: {
    errors: [],
    tag: 'Vouchers',
    summary: 'The merchant’s voucher products, newest first',
    description:
      'With each product’s terms and how many of its vouchers were issued and are active, used up, voided and expired. Pages follow `nextCursor`; products created meanwhile do not shift them.',
    responses: { 200: 'A page of voucher products.' },
    query: {
      limit: 'Products per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      status: 'Only campaigns in this state: `active`, `paused` or `ended`.',
    },
  },
  getVoucherProduct: {
    errors: ['not_found'],
    tag: 'Vouchers',
    summary: 'One voucher product',
    description:
      'Its terms and how many of its vouchers were issued and are active, used up, voided and expired, as in the list.',
    responses: { 200: 'The voucher product.' },
  },
  updateVoucherProduct: {
    errors: ['not_found', 'campaign_not_active'],
    tag: 'Vouchers',
    summary: 'Rename a voucher product, or pause, resume or end it',
    description:
      'Send only the fields to change, at least one. Editable: `title` (issued vouchers show it too) and `status`. Fixed, refused with 400: `value`, `currency`, `uses`, `validFrom`, `validUntil` and `stores`, which issued vouchers read from their product, so a change would alter vouchers already sold: create another product for other terms. `status: paused` or `ended` stops new vouchers (issuing one is 409 `campaign_not_active`; repeating an order already issued still answers its voucher), while issued vouchers still show codes and redeem; `active` resumes a paused product. Ending is final: an ended product cannot become active or paused again (409 `campaign_not_active`).',
    responses: { 200: 'The voucher product as now stored.' },
  },
  listIssuedVouchers: {
    errors: [],
    tag: 'Vouchers',
    summary: 'The vouchers issued to shoppers, newest first',
    description:
      'For the merchant to find a shopper’s voucher (by product and status, then by its shopper and order) and void it after a refund: each voucher’s product, shopper, order, status as settled now, uses left and last redemption. Never a code: only the voucher’s shopper can mint one. Pages follow `nextCursor`; vouchers issued meanwhile do not shift them. (`GET /v1/vouchers` is the calling shopper’s own.)',
    responses: { 200: 'A page of vouchers.' },
    query: {
      limit: 'Vouchers per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      product: 'Only vouchers of this voucher product (`vpr_…`).',
      status:
        'Only vouchers in this state: `active`, `used_up`, `voided` or `expired` (an active one past its product’s `validUntil`).',
    },
  },
  issueVoucher: {
    errors: ['not_found', 'campaign_not_active'],
    tag: 'Vouchers',
    summary: 'Issue a voucher to a shopper',
    description:
      'Idempotent by `orderRef`: the order’s voucher is answered again (200); the same `orderRef` for another shopper is 409. A product that is paused or ended issues no new voucher: 409 `campaign_not_active`.',
    responses: { 201: 'The new voucher.', 200: 'The voucher already issued for this order.' },
  },
  voidVoucher: {
    errors: ['not_found', 'voucher_used_up'],
    tag: 'Vouchers',
    summary: 'Void a voucher (after a refund)',
    responses: { 200: 'The voided voucher.' },
  },
  listVouchers: {
    errors: [],
    tag: 'Vouchers',
    summary: 'The calling shopper’s vouchers',
    query: { shopper: 'Always `me`.' },
    responses: { 200: 'The shopper’s vouchers.' },
  },
  getVoucher: {
    errors: ['not_found'],
    tag: 'Vouchers',
    summary: 'One of the calling shopper’s vouchers',
    responses: { 200: 'The voucher.' },
  },
  getVoucherCode: {
    errors: ['not_found', 'voucher_voided', 'voucher_expired', 'voucher_used_up'],
    tag: 'Vouchers',
    summary: 'A fresh single-use code for the voucher’s QR',
    description: 'Valid for 60 s and answered with `Cache-Control: no-store`; the widget fetches the next one before it lapses.',
    responses: { 200: 'The signed code.' },
  },
  redeemVoucher: {
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
    tag: 'Vouchers',
    summary: 'Redeem a scanned code at the counter',
    responses: { 201: 'The redemption and the voucher after it.' },
  },
  listRedemptions: {
    errors: [],
    tag: 'Vouchers',
    summary: 'The merchant’s redemptions, newest first',
    description:
      'Every use of a voucher at a counter, with its voucher, product, shopper, store and staff key. Pages follow `nextCursor`; redemptions made meanwhile do not shift them.',
    responses: { 200: 'A page of redemptions.' },
    query: {
      limit: 'Redemptions per page, 1 to 100 (default 20).',
      cursor: 'The `nextCursor` of the previous page.',
      store: 'Only redemptions at this store (the name its staff key was made for).',
    },
  },
  // Stats
  getTeamStats: {
    errors: ['invalid_time_zone', 'invalid_date_range'],
    tag: 'Stats',
    summary: 'Teams opened, succeeded and failed per day',
    description:
      'A team counts as opened on the day its leader paid, and as succeeded or failed on the day it closed; teams whose leader never paid count nowhere. Days run from midnight to midnight in `timeZone`; every day of the range is in `days`, and each figure is an array lined up with it, zero on a day with nothing. Counted from the merchant’s own rows when asked, so the figures always agree with the lists. An unknown zone is 400 `invalid_time_zone`; `to` before `from`, or a range longer than 92 days (a quarter; ask for a year as four quarters), is 400 `invalid_date_range`.',
    responses: { 200: 'The days of the range and the teams of each.' },
    query: {
      from: 'The first day, `YYYY-MM-DD`, in `timeZone`.',
      to: 'The last day, `YYYY-MM-DD`, in `timeZone`; at most 92 days after `from`, counting both.',
      timeZone: 'The IANA time zone the days are counted in, such as `Asia/Shanghai` (default `UTC`).',
    },
  },
  getAssistStats: {
    errors: ['invalid_time_zone', 'invalid_date_range'],
    tag: 'Stats',
    summary: 'Assists started and completed per day',
    description:
      'An assist counts as started on the day it began and as completed on the day it reached its goal. Days run from midnight to midnight in `timeZone`; every day of the range is in `days`, and each figure is an array lined up with it, zero on a day with nothing. Counted from the merchant’s own rows when asked, so the figures always agree with the lists. An unknown zone is 400 `invalid_time_zone`; `to` before `from`, or a range longer than 92 days (a quarter; ask for a year as four quarters), is 400 `invalid_date_range`.',
    responses: { 200: 'The days of the range and the assists of each.' },
    query: {
      from: 'The first day, `YYYY-MM-DD`, in `timeZone`.',
      to: 'The last day, `YYYY-MM-DD`, in `timeZone`; at most 92 days after `from`, counting both.',
      timeZone: 'The IANA time zone the days are counted in, such as `Asia/Shanghai` (default `UTC`).',
    },
  },
  getOrderStats: {
    errors: ['invalid_time_zone', 'invalid_date_range'],
    tag: 'Stats',
    summary: 'Orders and commission per day, per currency',
    description:
      'For each currency with an order or a commission in the range, the busiest first: orders reported each day, what they came to (minor units, before refunds), and the commission earned on them (less what refunds reversed; rejected commissions count nothing). Days run from midnight to midnight in `timeZone`; every day of the range is in `days`, and each figure is an array lined up with it, zero on a day with nothing. Counted from the merchant’s own rows when asked, so the figures always agree with the lists. An unknown zone is 400 `invalid_time_zone`; `to` before `from`, or a range longer than 92 days (a quarter; ask for a year as four quarters), is 400 `invalid_date_range`.',
    responses: { 200: 'The days of the range and each currency’s figures.' },
    query: {
      from: 'The first day, `YYYY-MM-DD`, in `timeZone`.',
      to: 'The last day, `YYYY-MM-DD`, in `timeZone`; at most 92 days after `from`, counting both.',
      timeZone: 'The IANA time zone the days are counted in, such as `Asia/Shanghai` (default `UTC`).',
    },
  },
  getRedemptionStats: {
    errors: ['invalid_time_zone', 'invalid_date_range'],
    tag: 'Stats',
    summary: 'Voucher redemptions per store per day',
    description:
      'For each store with a redemption in the range, the busiest first, its redemptions each day. Days run from midnight to midnight in `timeZone`; every day of the range is in `days`, and each figure is an array lined up with it, zero on a day with nothing. Counted from the merchant’s own rows when asked, so the figures always agree with the lists. An unknown zone is 400 `invalid_time_zone`; `to` before `from`, or a range longer than 92 days (a quarter; ask for a year as four quarters), is 400 `invalid_date_range`.',
    responses: { 200: 'The days of the range and each store’s redemptions.' },
    query: {
      from: 'The first day, `YYYY-MM-DD`, in `timeZone`.',
      to: 'The last day, `YYYY-MM-DD`, in `timeZone`; at most 92 days after `from`, counting both.',
      timeZone: 'The IANA time zone the days are counted in, such as `Asia/Shanghai` (default `UTC`).',
    },
  },
  // Live updates
  openStream: {
    errors: ['shopper_token_required', 'shopper_token_invalid', 'shopper_token_expired', 'session_expired'],
    tag: 'Live updates',
    summary: 'Server-Sent Events for the followed resources',
    description:
      'Each event is `id: <n>`, `event: team.updated|assist.updated|promoter.updated|voucher.updated`, `data: {"topic", "data"}` (see `LiveEvent`), never with shopper-specific fields. A `: heartbeat` comment every 20 s, `retry: 3000`, `X-Accel-Buffering: no`. Resume with `lastEventId` or the `Last-Event-ID` header: the events since then (kept 24 h, at most 1,000) come first.',
    query: {
      key: 'The publishable key (EventSource cannot send headers); a bearer `Authorization` header works too. Without one, a merchant console session (its cookie) stands in for the secret key.',
      topics:
        'Up to 50 comma-separated topics: `team:team_…`, `assist:ast_…`, `promoter:pro_…`, `voucher:vch_…`, or `merchant:<merchant id>` for every event of the merchant (the secret key or a console session only; any other merchant’s is 403 `forbidden`).',
      lastEventId: 'Resume after this event id (digits, at most 2^63 − 1; anything else is 400 before the stream opens).',
      shopper:
        'The shopper’s own token; needed for the topics only their shopper may follow (`promoter:`, `voucher:`) unless the key is the secret key. Another shopper’s topic, or one that does not exist, is 403 `forbidden` alike.',
    },
    responses: { 200: 'An endless `text/event-stream`.' },
  },
};

export interface QueryParameter {
  name: string;
  required: boolean;
  description: string;
  schema: $ZodType;
}

/** A route as the reference shows it: its declaration with its prose beside each part. */
export interface RouteSpec extends Omit<RouteContract, 'query' | 'responses'>, Omit<RouteDoc, 'responses' | 'query'> {
  query?: readonly QueryParameter[];
  responses: Readonly<Record<number, { description: string; schema: $ZodType }>>;
}

/** A route's entry in the documented table, with its name. */
export type NamedRouteSpec = RouteSpec & { name: RouteName };

const optionalInner = (schema: $ZodType): $ZodType | undefined =>
  schema._zod.def.type === 'optional' ? (schema._zod.def as unknown as { innerType: $ZodType }).innerType : undefined;

function documented(name: RouteName): NamedRouteSpec {
  const { query, responses, ...contract }: RouteContract = routesByName[name];
  const { query: queryDocs, responses: answerDocs, ...doc } = routeDocs[name] as RouteDoc;
  return {
    name,
    ...contract,
    ...doc,
    ...(query && {
      query: Object.entries(query).map(([parameter, schema]) => ({
        name: parameter,
        required: !optionalInner(schema),
        description: (queryDocs as Record<string, string>)[parameter] ?? '',
        schema: optionalInner(schema) ?? schema,
      })),
    }),
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, schema]) => [
        status,
        { description: (answerDocs as Record<string, string>)[status] ?? '', schema },
      ]),
    ),
  };
}

/** The documented table as a list, in the order of the reference. */
export const routes: readonly NamedRouteSpec[] = (Object.keys(routesByName) as RouteName[]).map(documented);

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
