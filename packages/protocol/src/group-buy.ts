import * as z from 'zod/mini';
import { CampaignStatus, Currency, IsoDateTime, MinorUnits, pageOf, ShortText, someField, Timestamp, Url } from './common.js';

// Pure: a browser bundle that only parses responses drops the request schemas entirely.
/** An offer's fields, declared once for creating it and for changing it (without the cross-field checks, which pick cannot carry). */
const offerFields = /* @__PURE__ */ z.strictObject({
  productRef: z.string().check(z.minLength(1), z.maxLength(128)),
  title: ShortText,
  imageUrl: z.optional(Url),
  regularPrice: MinorUnits,
  groupPrice: MinorUnits,
  leaderPrice: z.optional(MinorUnits),
  currency: Currency,
  teamSize: z.int().check(z.minimum(2), z.maximum(100)),
  teamTtlSeconds: z.int().check(z.minimum(60), z.maximum(30 * 86400)),
  holdTtlSeconds: z.optional(z.int().check(z.minimum(30), z.maximum(86400))),
  completeAtDeadline: z.optional(z.strictObject({ minMembers: z.int().check(z.minimum(2), z.maximum(100)) })),
  startsAt: z.optional(IsoDateTime),
  endsAt: z.optional(IsoDateTime),
  /** At most a million: the count is an integer column. */
  maxTeams: z.optional(z.int().check(z.minimum(1), z.maximum(1_000_000))),
});
export const CreateGroupBuyOfferRequest = /* @__PURE__ */ offerFields.check(
  z.refine((o) => o.groupPrice <= o.regularPrice, { message: 'groupPrice must not exceed regularPrice', path: ['groupPrice'] }),
  z.refine((o) => o.leaderPrice === undefined || o.leaderPrice <= o.groupPrice, {
    message: 'leaderPrice must not exceed groupPrice',
    path: ['leaderPrice'],
  }),
  z.refine((o) => !o.completeAtDeadline || o.completeAtDeadline.minMembers <= o.teamSize, {
    message: 'completeAtDeadline.minMembers must not exceed teamSize',
    path: ['completeAtDeadline', 'minMembers'],
  }),
  z.refine((o) => !o.startsAt || !o.endsAt || Date.parse(o.startsAt) < Date.parse(o.endsAt), {
    message: 'startsAt must be before endsAt',
    path: ['endsAt'],
  }),
);
export type CreateGroupBuyOfferRequest = z.infer<typeof CreateGroupBuyOfferRequest>;

/**
 * PATCH /v1/group-buy-offers/:id: the display fields, the prices of seats taken from now on, the
 * schedule, the cap on teams and the status; `null` clears an optional one. The product, currency,
 * team size, the teams' clocks and the deadline rule stay as created (an unknown or fixed field is 400).
 */
export const UpdateGroupBuyOfferRequest = /* @__PURE__ */ z
  .extend(/* @__PURE__ */ z.partial(/* @__PURE__ */ z.pick(offerFields, { title: true, regularPrice: true, groupPrice: true })), {
    imageUrl: /* @__PURE__ */ z.nullable(offerFields.shape.imageUrl),
    leaderPrice: /* @__PURE__ */ z.nullable(offerFields.shape.leaderPrice),
    startsAt: /* @__PURE__ */ z.nullable(offerFields.shape.startsAt),
    endsAt: /* @__PURE__ */ z.nullable(offerFields.shape.endsAt),
    maxTeams: /* @__PURE__ */ z.nullable(offerFields.shape.maxTeams),
    status: /* @__PURE__ */ z.optional(CampaignStatus),
    /**
     * With `status: 'ended'` (or on an offer already ended): fail its open and pending teams now
     * instead of letting them finish by their deadline; each open team's `team.failed` webhook lists
     * the paid seats to refund. Without it, ending lets teams already forming finish by their rules.
     */
    failOpenTeams: /* @__PURE__ */ z.optional(z.boolean()),
  })
  .check(someField());
export type UpdateGroupBuyOfferRequest = z.infer<typeof UpdateGroupBuyOfferRequest>;

export const TeamStatus = z.enum(['pending', 'open', 'succeeded', 'failed']);
export type TeamStatus = z.infer<typeof TeamStatus>;
export const ReservationStatus = z.enum(['held', 'confirmed', 'released', 'expired']);
export type ReservationStatus = z.infer<typeof ReservationStatus>;

export const Reservation = z.object({
  id: z.string(),
  teamId: z.string(),
  offerId: z.string(),
  shopperId: z.string(),
  status: ReservationStatus,
  leader: z.boolean(),
  price: z.int(),
  currency: z.string(),
  expiresAt: Timestamp,
  orderRef: z.nullable(z.string()),
  serverNow: Timestamp,
});
export type Reservation = z.infer<typeof Reservation>;

export const TeamMember = z.object({
  displayName: z.string(),
  avatarUrl: z.nullable(z.string()),
  leader: z.boolean(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const Team = z.object({
  id: z.string(),
  offerId: z.string(),
  status: TeamStatus,
  size: z.int(),
  /** Paid members, leader first. Held (unpaid) seats are counted in seatsHeld, never shown as people. */
  members: z.array(TeamMember),
  seatsHeld: z.int(),
  seatsLeft: z.int(),
  /** While pending: when the leader's hold lapses. Once open: the team's deadline. */
  expiresAt: Timestamp,
  /** Minimum paid members for success at the deadline, or null when the team must fill. */
  completesAtDeadline: z.nullable(z.object({ minMembers: z.int() })),
  closedAt: z.nullable(Timestamp),
  /** The calling shopper's latest reservation in this team, when a shopper token was sent. */
  myReservation: z.optional(z.nullable(Reservation)),
  serverNow: Timestamp,
});
export type Team = z.infer<typeof Team>;

export const OpenTeamSummary = z.object({
  id: z.string(),
  leader: TeamMember,
  size: z.int(),
  seatsLeft: z.int(),
  expiresAt: Timestamp,
});
export type OpenTeamSummary = z.infer<typeof OpenTeamSummary>;

export const GroupBuyOffer = z.object({
  id: z.string(),
  productRef: z.string(),
  title: z.string(),
  imageUrl: z.nullable(z.string()),
  regularPrice: z.int(),
  groupPrice: z.int(),
  leaderPrice: z.nullable(z.int()),
  currency: z.string(),
  teamSize: z.int(),
  teamTtlSeconds: z.int(),
  holdTtlSeconds: z.int(),
  completeAtDeadline: z.nullable(z.object({ minMembers: z.int() })),
  startsAt: z.nullable(Timestamp),
  endsAt: z.nullable(Timestamp),
  maxTeams: z.nullable(z.int()),
  /** Whether shoppers can open a team now: `status` is active and now is between startsAt and endsAt. */
  active: z.boolean(),
  /** Set by the merchant: a paused or ended offer opens no team, while open teams still fill. */
  status: CampaignStatus,
  /** Teams already forming that still have seats (凑团), soonest deadline first. */
  openTeams: z.array(OpenTeamSummary),
  /** Teams of this offer in which the calling shopper holds or paid a seat, newest first. */
  myTeams: z.optional(z.array(z.object({ teamId: z.string(), reservation: Reservation }))),
  serverNow: Timestamp,
});
export type GroupBuyOffer = z.infer<typeof GroupBuyOffer>;

/** An offer in the merchant's list: its terms, and how many of its teams are at each stage. */
// Every call annotated: a bundler keeps an argument's call (omit, object) unless it is marked pure too.
export const GroupBuyOfferSummary = /* @__PURE__ */ z.extend(
  /* @__PURE__ */ z.omit(GroupBuyOffer, { openTeams: true, myTeams: true, serverNow: true }),
  {
    createdAt: Timestamp,
    teams: /* @__PURE__ */ z.object({ pending: z.int(), open: z.int(), succeeded: z.int(), failed: z.int() }),
  },
);
export type GroupBuyOfferSummary = z.infer<typeof GroupBuyOfferSummary>;
export const GroupBuyOfferPage = /* @__PURE__ */ pageOf(GroupBuyOfferSummary);
export type GroupBuyOfferPage = z.infer<typeof GroupBuyOfferPage>;

/** A team in the merchant's list: its public state, which offer it is of, and when it was started and opened. */
export const TeamSummary = /* @__PURE__ */ z.extend(z.omit(Team, { myReservation: true, serverNow: true }), {
  offerTitle: z.string(),
  createdAt: Timestamp,
  /** When the leader paid and the team opened to others; null while pending (or if it never opened). */
  openedAt: z.nullable(Timestamp),
});
export type TeamSummary = z.infer<typeof TeamSummary>;
export const TeamPage = /* @__PURE__ */ pageOf(TeamSummary);
export type TeamPage = z.infer<typeof TeamPage>;

export const ReserveResponse = z.object({ team: Team, reservation: Reservation });
export type ReserveResponse = z.infer<typeof ReserveResponse>;

export const ConfirmReservationRequest = /* @__PURE__ */ z.strictObject({
  orderRef: z.string().check(z.minLength(1), z.maxLength(128)),
});
export type ConfirmReservationRequest = z.infer<typeof ConfirmReservationRequest>;

/** Sent to the merchant's webhook when a team closes. */
export const TeamWebhookData = z.object({
  team: Team,
  /** Paid members: on success they owe nothing more; on failure each is to be refunded. */
  paidReservations: z.array(
    z.object({
      reservationId: z.string(),
      shopperId: z.string(),
      orderRef: z.nullable(z.string()),
      price: z.int(),
      currency: z.string(),
    }),
  ),
});
export type TeamWebhookData = z.infer<typeof TeamWebhookData>;
