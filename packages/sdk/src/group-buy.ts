import type { GroupBuyOffer, ReserveResponse } from '@flock/protocol';
import { Team } from '@flock/protocol';
import * as routes from '@flock/protocol/routes';
import { clientPart } from './core.js';
import type { Http } from './http.js';
import type { ResourceStore } from './resource-store.js';

/** The shopper-facing group-buy routes (publishable key). */
export function groupBuyApi(http: Http) {
  return {
    getOffer: (offerId: string) => http.call(routes.getGroupBuyOffer, { params: { id: offerId } }),
    getTeam: (teamId: string) => http.call(routes.getTeam, { params: { id: teamId } }),
    /** Opens a team (pending until the leader pays) and holds the leader's seat. */
    openTeam: (offerId: string, options: { idempotencyKey?: string } = {}) =>
      http.call(routes.openTeam, { params: { id: offerId } }, options.idempotencyKey),
    /** Holds a seat in a friend's team; pay for it through the shop's checkout before it expires. */
    joinTeam: (teamId: string, options: { idempotencyKey?: string } = {}) =>
      http.call(routes.reserveSeat, { params: { id: teamId } }, options.idempotencyKey),
  };
}

/** Group buy's part of a client: its calls, the offer and team stores, and the actions that update them. */
export const groupBuyClient = clientPart((core) => {
  const api = groupBuyApi(core.http);
  const offerStore = (offerId: string): ResourceStore<GroupBuyOffer> =>
    core.store(`offer:${offerId}`, () => api.getOffer(offerId));
  const teamStore = (teamId: string): ResourceStore<Team> =>
    core.store(`team:${teamId}`, () => api.getTeam(teamId), {
      live: {
        topic: `team:${teamId}`,
        apply: (data, previous) => {
          const parsed = Team.safeParse(data);
          if (!parsed.success) return { refetch: true };
          // Events carry the public team; a member's own seat (myReservation) comes from a fetch.
          const mine = previous?.myReservation;
          return { value: { ...parsed.data, myReservation: mine }, refetch: mine != null };
        },
      },
    });
  // Each mutation updates the stores it changes, so every widget showing them follows.
  /** The held seat's team goes into its store; the offer's list of forming teams is refetched if shown. */
  const holdSeat = async (reserving: Promise<ReserveResponse>): Promise<ReserveResponse> => {
    const response = await reserving;
    teamStore(response.team.id).put(response.team);
    void core.shownStore(`offer:${response.team.offerId}`)?.refresh();
    return response;
  };
  return {
    ...api,
    offerStore,
    teamStore,
    /** Opens a team and holds the leader's seat; see groupBuyApi. */
    openTeam: (offerId: string, options?: { idempotencyKey?: string }) => holdSeat(api.openTeam(offerId, options)),
    /** Holds a seat in a friend's team; see groupBuyApi. */
    joinTeam: (teamId: string, options?: { idempotencyKey?: string }) => holdSeat(api.joinTeam(teamId, options)),
  };
});
