import type { ReserveResponse, TeamDraw } from '@flock/protocol';
import { GroupBuyOffer, Team } from '@flock/protocol';
import * as routes from '@flock/protocol/routes';
import { clientPart } from './core.js';
import { endpoint, type Http } from './http.js';
import type { ResourceStore } from './resource-store.js';

// The routes as this client calls them: their answers' schemas, not their requests' (see endpoint).
const getOffer = /* @__PURE__ */ endpoint(routes.getGroupBuyOffer);
const getTeam = /* @__PURE__ */ endpoint(routes.getTeam);
const openTeam = /* @__PURE__ */ endpoint(routes.openTeam);
const reserveSeat = /* @__PURE__ */ endpoint(routes.reserveSeat);
const getTeamDraw = /* @__PURE__ */ endpoint(routes.getTeamDraw);

/** Taking a seat: in a cross-product offer (拼单) the product picked, required there and refused elsewhere. */
export interface SeatOptions {
  idempotencyKey?: string;
  productRef?: string;
}

const seatBody = ({ productRef }: SeatOptions) => (productRef === undefined ? {} : { productRef });

/** The shopper-facing group-buy routes (publishable key). */
export function groupBuyApi(http: Http) {
  return {
    getOffer: (offerId: string) => http.call(getOffer, { params: { id: offerId } }),
    getTeam: (teamId: string) => http.call(getTeam, { params: { id: teamId } }),
    /** A lottery team's draw (flock-draw-v1): commitment, then seed and winners once drawn; 404 for other teams. */
    getTeamDraw: (teamId: string): Promise<TeamDraw> => http.call(getTeamDraw, { params: { id: teamId } }),
    /** Opens a team (pending until the leader pays) and holds the leader's seat. */
    openTeam: (offerId: string, options: SeatOptions = {}) =>
      http.call(openTeam, { params: { id: offerId }, body: seatBody(options) }, options.idempotencyKey),
    /** Holds a seat in a friend's team; pay for it through the shop's checkout before it expires. */
    joinTeam: (teamId: string, options: SeatOptions = {}) =>
      http.call(reserveSeat, { params: { id: teamId }, body: seatBody(options) }, options.idempotencyKey),
  };
}

/** Group buy's part of a client: its calls, the offer and team stores, and the actions that update them. */
export const groupBuyClient = clientPart((core) => {
  const api = groupBuyApi(core.http);
  const offerStore = (offerId: string): ResourceStore<GroupBuyOffer> =>
    core.store(`offer:${offerId}`, () => api.getOffer(offerId), {
      live: {
        // A flash sale's units move with every seat: its page follows them live. Other offers change
        // seldom (a merchant's edit) and keep their polling, which also refreshes the forming teams.
        topic: (offer) => (offer?.stock != null ? `offer:${offerId}` : undefined),
        apply: (data, previous) => {
          const event = data as { stock?: unknown; stockLeft?: unknown } | null;
          // offer.stock: a unit taken or returned; only the counts change.
          if (previous && typeof event?.stockLeft === 'number' && typeof event.stock === 'number' && !('title' in event)) {
            return { value: { ...previous, stock: event.stock, stockLeft: event.stockLeft }, refetch: false };
          }
          // offer.updated: the whole offer, without the shopper's own teams (those come from a fetch).
          const parsed = GroupBuyOffer.safeParse(data);
          if (!parsed.success || !previous) return { refetch: true };
          return { value: { ...parsed.data, myTeams: previous.myTeams }, refetch: false };
        },
      },
    });
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
  /** A lottery team's draw, loaded once when first watched: watch it once the team has closed (the draw is final then). */
  const drawStore = (teamId: string): ResourceStore<TeamDraw> =>
    core.store(`draw:${teamId}`, () => api.getTeamDraw(teamId), { once: true });
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
    drawStore,
    /** Opens a team and holds the leader's seat; see groupBuyApi. */
    openTeam: (offerId: string, options?: SeatOptions) => holdSeat(api.openTeam(offerId, options)),
    /** Holds a seat in a friend's team; see groupBuyApi. */
    joinTeam: (teamId: string, options?: SeatOptions) => holdSeat(api.joinTeam(teamId, options)),
  };
});
