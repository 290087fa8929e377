import type { GroupBuyOffer, Reservation, Team } from '@flock/sdk';

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
