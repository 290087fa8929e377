import type { GroupBuyOffer, Reservation, Team, TeamDraw } from '@flock/sdk';

/** Everything the group-buy widget can show; one render branch per kind. */
export type GroupBuyView =
  | { kind: 'loading' }
  | { kind: 'load-error'; code: string }
  | { kind: 'offer'; offer: GroupBuyOffer }
  /** Someone else's open team, seen through a shared link: join it. */
  | { kind: 'invite'; offer: GroupBuyOffer; team: Team }
  /** A full or closed team the shopper is not in. */
  | { kind: 'team-unavailable'; offer: GroupBuyOffer; team: Team }
  /** The shopper's seat is held: pay before it lapses. */
  | { kind: 'held'; offer: GroupBuyOffer; team: Team; reservation: Reservation }
  /** Paid; the team is waiting for others. */
  | { kind: 'waiting'; offer: GroupBuyOffer; team: Team; reservation: Reservation }
  | { kind: 'succeeded'; offer: GroupBuyOffer; team: Team; reservation: Reservation }
  | { kind: 'failed'; offer: GroupBuyOffer; team: Team; reservation: Reservation }
  | { kind: 'hold-expired'; offer: GroupBuyOffer; team: Team; reservation: Reservation };

interface Loaded<T> {
  data?: T;
  error?: { code: string };
  loading: boolean;
}

/** Derives the view from what the stores hold: pure, so every state is easy to test. */
export function groupBuyView(offerState: Loaded<GroupBuyOffer> | undefined, teamState: Loaded<Team> | undefined): GroupBuyView {
  const offer = offerState?.data;
  if (!offer) {
    return offerState?.error ? { kind: 'load-error', code: offerState.error.code } : { kind: 'loading' };
  }
  if (!teamState) return { kind: 'offer', offer };
  const team = teamState.data;
  if (!team) return teamState.error ? { kind: 'offer', offer } : { kind: 'loading' };
  const reservation = team.myReservation ?? undefined;
  if (reservation) {
    if (reservation.status === 'held') return { kind: 'held', offer, team, reservation };
    if (reservation.status === 'expired') return { kind: 'hold-expired', offer, team, reservation };
    if (reservation.status === 'confirmed') {
      if (team.status === 'succeeded') return { kind: 'succeeded', offer, team, reservation };
      if (team.status === 'failed') return { kind: 'failed', offer, team, reservation };
      return { kind: 'waiting', offer, team, reservation };
    }
  }
  return team.status === 'open' && team.seatsLeft > 0
    ? { kind: 'invite', offer, team }
    : { kind: 'team-unavailable', offer, team };
}

/** The team a returning shopper should see: their newest team with a live or paid seat. */
export function myCurrentTeamId(offer: GroupBuyOffer | undefined, dismissed: ReadonlySet<string>): string | undefined {
  return offer?.myTeams?.find(
    ({ teamId, reservation }) => !dismissed.has(teamId) && (reservation.status === 'held' || reservation.status === 'confirmed'),
  )?.teamId;
}

// ---------------------------------------------------------------------------------------------
// The group types (issue 15): what each shows, derived from the offer, the team and the draw.

/** Whether the offer has a group type whose parts are a chunk of their own (group-buy-types.ts). */
export const hasGroupType = (offer: GroupBuyOffer) =>
  offer.stock !== null || offer.tiers !== null || offer.lottery !== null || offer.products !== null || offer.joinersMustBeNew;

/** A flash sale's moment (stock and startsAt), or any offer's: can a team be opened now? */
export type SalePhase = { kind: 'upcoming'; msLeft: number } | { kind: 'open' } | { kind: 'sold-out' } | { kind: 'inactive' };

/**
 * Whether a team can be opened now, on the server's clock (`msUntil`): an offer fetched before its
 * start opens when the countdown ends, without waiting for the next fetch; no unit left is sold out.
 */
export function salePhase(offer: GroupBuyOffer, msUntil: (deadline: string) => number): SalePhase {
  if (offer.status !== 'active') return { kind: 'inactive' };
  const msLeft = offer.startsAt ? msUntil(offer.startsAt) : 0;
  if (msLeft > 0) return { kind: 'upcoming', msLeft };
  const started = offer.active || (offer.startsAt !== null && (!offer.endsAt || msUntil(offer.endsAt) > 0));
  if (!started) return { kind: 'inactive' };
  return offer.stockLeft === 0 ? { kind: 'sold-out' } : { kind: 'open' };
}

/** The product a cross-product offer seats by default: the one picked, else the first. */
export const pickedProduct = (offer: GroupBuyOffer, picked: string | undefined) =>
  offer.products?.find((p) => p.productRef === picked) ?? offer.products?.[0];

/** The result of checking a draw in the browser (group-buy-draw.ts, loaded when the shopper asks). */
export type DrawCheck =
  /** No Web Crypto here: an insecure page (http) or an old engine. */
  | { kind: 'no-crypto' }
  | { kind: 'not-drawn' }
  | { kind: 'checked'; commitmentOk: boolean; winnersOk: boolean; winners: string[] };

/** Recomputes a draw with @flock/protocol/draw, in a chunk of its own (only a shopper who asks loads it). */
export const checkDraw = (draw: TeamDraw): Promise<DrawCheck> => import('./group-buy-draw.js').then((m) => m.checkDraw(draw));
