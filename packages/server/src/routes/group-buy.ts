import {
  confirmReservation,
  createOffer,
  getOffer,
  getTeam,
  listOffers,
  listTeams,
  openTeam,
  reserveSeat,
  updateOffer,
} from '../domain/teams.js';
import type { HandlersFor } from '../http/handler.js';

export const groupBuyHandlers = {
  createGroupBuyOffer: ({ body }, { db, clock, merchant }) => createOffer(db, clock, merchant.id, body),
  listGroupBuyOffers: ({ query }, { db, clock, merchant }) => listOffers(db, clock, merchant.id, query),
  getGroupBuyOffer: ({ params }, { db, clock, merchant, shopper }) => getOffer(db, clock, merchant.id, params.id, shopper),
  updateGroupBuyOffer: ({ params, body }, { db, clock, merchant }) => updateOffer(db, clock, merchant.id, params.id, body),
  openTeam: ({ params }, { db, clock, merchant, shopper }) => openTeam(db, clock, merchant.id, params.id, shopper),
  listTeams: ({ query }, { db, clock, merchant }) => listTeams(db, clock, merchant.id, query),
  getTeam: ({ params }, { db, clock, merchant, shopper }) => getTeam(db, clock, merchant.id, params.id, shopper),
  reserveSeat: ({ params }, { db, clock, merchant, shopper }) => reserveSeat(db, clock, merchant.id, params.id, shopper),
  confirmReservation: ({ params, body }, { db, clock, merchant }) =>
    confirmReservation(db, clock, merchant.id, params.id, body.orderRef),
} satisfies HandlersFor<
  | 'createGroupBuyOffer'
  | 'listGroupBuyOffers'
  | 'getGroupBuyOffer'
  | 'updateGroupBuyOffer'
  | 'openTeam'
  | 'listTeams'
  | 'getTeam'
  | 'reserveSeat'
  | 'confirmReservation'
>;
