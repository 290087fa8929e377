import { getLeaderboard, getRecentPayouts } from '../domain/referral/leaderboard.js';
import {
  createMaterial,
  listMaterials,
  listPromoterMaterials,
  listShares,
  listSuggestions,
  recordShare,
  updateMaterial,
  updatePromoterSettings,
} from '../domain/referral/share-kit.js';
import { Answer, type HandlersFor } from '../http/handler.js';

/** The read side of the promoter growth kit: leaderboard, payout ticker, opt-out, share kit, shares, suggestions. */
export function promoterGrowthHandlers() {
  return {
    getLeaderboard: ({ params, query }, { db, clock, merchant }) => getLeaderboard(db, clock, merchant.id, params.id, query),
    getRecentPayouts: ({ params }, { db, clock, merchant }) => getRecentPayouts(db, clock, merchant.id, params.id),
    updatePromoterSettings: ({ body }, { db, clock, merchant, shopper }) =>
      updatePromoterSettings(db, clock, merchant.id, shopper, body),
    createMaterial: ({ params, body }, { db, clock, merchant }) => createMaterial(db, clock, merchant.id, params.id, body),
    listMaterials: ({ params }, { db, merchant }) => listMaterials(db, merchant.id, params.id),
    updateMaterial: ({ params, body }, { db, merchant }) => updateMaterial(db, merchant.id, params.id, body),
    listPromoterMaterials: ({ query }, { db, merchant, shopper }) =>
      listPromoterMaterials(db, merchant.id, query.program, shopper),
    recordShare: async ({ body }, { db, clock, merchant, shopper }) => {
      const { share, created } = await recordShare(db, clock, merchant.id, shopper, body);
      // 201 when recorded now, 200 when this promoter already recorded this share id.
      return created ? new Answer(201, share) : new Answer(200, share);
    },
    listShares: ({ query }, { db, merchant, shopper }) => listShares(db, merchant.id, shopper, query),
    listSuggestions: ({ query }, { db, merchant, shopper }) => listSuggestions(db, merchant.id, query.program, shopper),
  } satisfies HandlersFor<
    | 'getLeaderboard'
    | 'getRecentPayouts'
    | 'updatePromoterSettings'
    | 'createMaterial'
    | 'listMaterials'
    | 'updateMaterial'
    | 'listPromoterMaterials'
    | 'recordShare'
    | 'listShares'
    | 'listSuggestions'
  >;
}
