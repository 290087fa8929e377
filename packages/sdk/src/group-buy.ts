import { GroupBuyOffer, ReserveResponse, Team } from '@flock/protocol';
import type { Http } from './http.js';

const path = (id: string) => encodeURIComponent(id);

/** The shopper-facing group-buy routes (publishable key). */
export function groupBuyApi(http: Http) {
  return {
    getOffer: (offerId: string) => http.get(`group-buy-offers/${path(offerId)}`, GroupBuyOffer),
    getTeam: (teamId: string) => http.get(`teams/${path(teamId)}`, Team),
    /** Opens a team (pending until the leader pays) and holds the leader's seat. */
    openTeam: (offerId: string, options: { idempotencyKey?: string } = {}) =>
      http.post(`group-buy-offers/${path(offerId)}/teams`, {}, ReserveResponse, options.idempotencyKey),
    /** Holds a seat in a friend's team; pay for it through the shop's checkout before it expires. */
    joinTeam: (teamId: string, options: { idempotencyKey?: string } = {}) =>
      http.post(`teams/${path(teamId)}/reservations`, {}, ReserveResponse, options.idempotencyKey),
  };
}
