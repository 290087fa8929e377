import * as z from 'zod/mini';
import { CampaignStatus, Currency, IsoDateTime, MinorUnits, pageOf, ShortText, someField, Timestamp, Url } from './common.js';

/** A step of a ladder offer (阶梯团): once a team has `members` paid members, each of them pays `price`. */
export const LadderTier = /* @__PURE__ */ z.strictObject({
  members: z.int().check(z.minimum(2), z.maximum(100)),
  price: MinorUnits,
});
export type LadderTier = z.infer<typeof LadderTier>;

/** One product of a cross-product offer (拼单): each member picks one when taking a seat and pays its groupPrice. */
export const OfferProduct = /* @__PURE__ */ z
  .strictObject({
    productRef: z.string().check(z.minLength(1), z.maxLength(128)),
    title: ShortText,
    imageUrl: z.optional(Url),
    regularPrice: MinorUnits,
    groupPrice: MinorUnits,
  })
  .check(
    z.refine((p) => p.groupPrice <= p.regularPrice, { message: 'groupPrice must not exceed regularPrice', path: ['groupPrice'] }),
  );
export type OfferProduct = z.infer<typeof OfferProduct>;

/** How a field of a campaign type refuses another it cannot be combined with: a 400 naming the field. */
const notWith = (field: string, other: string, why: string) =>
  z.refine<Record<string, unknown>>((o) => o[field] === undefined || o[other] === undefined, {
    message: `${other} cannot be combined with ${field}: ${why}`,
    path: [other],
  });

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
  /** Flash sale (秒杀团): units available across all teams; a seat hold takes one, a lapsed hold or a failed team gives it back. */
  stock: z.optional(z.int().check(z.minimum(1), z.maximum(1_000_000))),
  /** Ladder price (阶梯团): members ascending, price descending; the first tier's price is groupPrice, the last tier's members teamSize. */
  tiers: z.optional(z.array(LadderTier).check(z.minLength(2), z.maxLength(10))),
  /**
   * Lottery team (抽奖团): when the team fills, `winners` members, drawn by flock-draw-v1, get the item;
   * the others are refunded, or get a voucher of `consolationVoucherProductId` instead when it is set.
   */
  lottery: z.optional(
    z.strictObject({
      winners: z.int().check(z.minimum(1), z.maximum(99)),
      consolationVoucherProductId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    }),
  ),
  /** Cross-product (拼单): the set a team forms on; the offer's groupPrice is the lowest of theirs. */
  products: z.optional(z.array(OfferProduct).check(z.minLength(2), z.maxLength(20))),
  /** New-customer team (老带新): a joiner must have no earlier purchase from this merchant; the leader may be anyone. */
  joinersMustBeNew: z.optional(z.boolean()),
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
  z.refine(
    (o) =>
      !o.tiers ||
      o.tiers.every((t, i, all) => {
        const before = all[i - 1];
        return !before || (t.members > before.members && t.price < before.price);
      }),
    {
      message: 'tiers must have members strictly ascending and price strictly descending',
      path: ['tiers'],
    },
  ),
  z.refine((o) => !o.tiers || o.tiers[o.tiers.length - 1]?.members === o.teamSize, {
    message: 'the last tier’s members must equal teamSize (a team fills at the last tier)',
    path: ['tiers'],
  }),
  z.refine((o) => !o.tiers || o.tiers[0]?.price === o.groupPrice, {
    message: 'groupPrice must equal the first tier’s price (what every member pays up front)',
    path: ['groupPrice'],
  }),
  notWith('tiers', 'leaderPrice', 'every member of a ladder team pays the same tier price'),
  notWith('tiers', 'completeAtDeadline', 'a ladder team succeeds at its deadline once it reaches the first tier'),
  notWith('tiers', 'lottery', 'a lottery team pays a token price, not a tier'),
  notWith('tiers', 'products', 'tiers price one product'),
  z.refine((o) => !o.lottery || o.lottery.winners < o.teamSize, {
    message: 'lottery.winners must be fewer than teamSize',
    path: ['lottery', 'winners'],
  }),
  notWith('lottery', 'completeAtDeadline', 'a lottery team draws only once it fills'),
  notWith('lottery', 'products', 'a lottery team draws one item'),
  z.refine((o) => !o.products || new Set(o.products.map((p) => p.productRef)).size === o.products.length, {
    message: 'each product of products needs its own productRef',
    path: ['products'],
  }),
  z.refine((o) => !o.products || o.groupPrice === Math.min(...o.products.map((p) => p.groupPrice)), {
    message: 'groupPrice must be the lowest groupPrice of products (the price the offer shows)',
    path: ['groupPrice'],
  }),
  notWith('products', 'leaderPrice', 'each member pays the group price of the product they pick'),
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
  /** The product picked in a cross-product offer; null otherwise. */
  productRef: z.nullable(z.string()),
  serverNow: Timestamp,
});
export type Reservation = z.infer<typeof Reservation>;

export const TeamMember = z.object({
  displayName: z.string(),
  avatarUrl: z.nullable(z.string()),
  leader: z.boolean(),
  /** What this member picked in a cross-product offer; null otherwise. */
  productRef: z.nullable(z.string()),
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
  /** Flash sale: the units of the offer, and those not held or sold now; null without stock. */
  stock: z.nullable(z.int()),
  stockLeft: z.nullable(z.int()),
  tiers: z.nullable(z.array(z.object({ members: z.int(), price: z.int() }))),
  lottery: z.nullable(z.object({ winners: z.int(), consolationVoucherProductId: z.nullable(z.string()) })),
  products: z.nullable(
    z.array(
      z.object({
        productRef: z.string(),
        title: z.string(),
        imageUrl: z.nullable(z.string()),
        regularPrice: z.int(),
        groupPrice: z.int(),
      }),
    ),
  ),
  joinersMustBeNew: z.boolean(),
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

/**
 * Taking a seat (opening a team or joining one): in a cross-product offer, the product picked;
 * an offer without products takes none.
 */
export const SeatRequest = /* @__PURE__ */ z.strictObject({
  productRef: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});
export type SeatRequest = z.infer<typeof SeatRequest>;

export const ReserveResponse = z.object({ team: Team, reservation: Reservation });
export type ReserveResponse = z.infer<typeof ReserveResponse>;

export const ConfirmReservationRequest = /* @__PURE__ */ z.strictObject({
  orderRef: z.string().check(z.minLength(1), z.maxLength(128)),
});
export type ConfirmReservationRequest = z.infer<typeof ConfirmReservationRequest>;

/**
 * A lottery team's draw, verifiable by anyone (algorithm `flock-draw-v1`, docs/group-buy.md):
 * `commitment` (sha256 of the seed) is published when the team opens, the seed once the team has
 * filled and drawn. Members are listed in the order they paid.
 */
export const TeamDraw = z.object({
  algorithm: z.literal('flock-draw-v1'),
  teamId: z.string(),
  /** Lowercase hex of sha256(seed). */
  commitment: z.string(),
  /** Lowercase hex of the 32-byte seed; null until the draw. */
  seed: z.nullable(z.string()),
  winnersWanted: z.int(),
  members: z.array(z.object({ displayName: z.string(), reservationId: z.string() })),
  /** The winners' reservation ids, in draw order; empty until the draw. */
  winners: z.array(z.string()),
  drawnAt: z.nullable(Timestamp),
  serverNow: Timestamp,
});
export type TeamDraw = z.infer<typeof TeamDraw>;

/** What one paid member owes or is owed once the team has closed. */
export const MemberSettlement = z.object({
  reservationId: z.string(),
  shopperId: z.string(),
  orderRef: z.nullable(z.string()),
  productRef: z.nullable(z.string()),
  currency: z.string(),
  /** What the member paid for the seat. */
  paid: z.int(),
  /** What the seat finally costs: the tier reached (ladder), 0 for a loser of a draw or a failed team. */
  finalPrice: z.int(),
  /** paid − finalPrice, to refund (0 for a draw loser who gets a consolation voucher instead). */
  refund: z.int(),
  /** Lottery teams: whether this member won the draw. */
  won: z.optional(z.boolean()),
  /** Lottery teams with a consolation voucher: the voucher this losing member got. */
  voucherId: z.optional(z.nullable(z.string())),
});
export type MemberSettlement = z.infer<typeof MemberSettlement>;

/** Sent to the merchant's webhook when a team closes. */
export const TeamWebhookData = z.object({
  team: Team,
  /** Each paid member's settlement, in the order they paid: what to charge stays as paid, `refund` goes back. */
  members: z.array(MemberSettlement),
  /** Ladder offers: the tier the team reached (null when it failed or the offer has no tiers). */
  tier: z.nullable(z.object({ members: z.int(), price: z.int() })),
  /** Lottery offers: the draw (null otherwise). */
  draw: z.nullable(TeamDraw),
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
