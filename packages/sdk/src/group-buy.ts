import * as routes from '@flock/protocol/routes';
import type { Http } from './http.js';

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
