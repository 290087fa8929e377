import { createMerchant, createStaffKey, merchantView, rollKey, updateMerchant } from '../domain/merchants.js';
import { mintShopperToken } from '../domain/shoppers.js';
import { listStaffKeys, revokeStaffKey } from '../domain/staff-keys.js';
import type { HandlersFor } from '../http/handler.js';

export const merchantHandlers = {
  createMerchant: ({ body }, { db, clock, secrets, webhookAddresses, publicUrl, http }) =>
    createMerchant(db, clock, secrets, body, webhookAddresses, publicUrl ?? new URL(http.req.url).origin),
  createShopperToken: ({ body }, { clock, merchant }) => mintShopperToken(merchant, clock, body),
  createStaffKey: ({ body }, { db, clock, merchant }) => createStaffKey(db, clock, merchant.id, body.store),
  listStaffKeys: ({ query }, { db, merchant }) => listStaffKeys(db, merchant.id, query),
  revokeStaffKey: async ({ params }, { db, clock, keys, merchant }) => {
    const revoked = await revokeStaffKey(db, clock, merchant.id, params.id);
    keys.forget(merchant.id);
    return revoked;
  },
  getMerchant: (_, { db, clock, secrets, merchant }) => merchantView(db, clock, secrets, merchant),
  updateMerchant: async ({ body }, { db, clock, secrets, keys, merchant, webhookAddresses }) => {
    const updated = await updateMerchant(db, clock, secrets, merchant.id, body, webhookAddresses);
    keys.forget(updated.id);
    return updated;
  },
  rollKeys: async ({ body }, { db, clock, secrets, keys, merchant }) => {
    const rolled = await rollKey(db, clock, secrets, merchant.id, body.which);
    keys.forget(merchant.id);
    return rolled;
  },
} satisfies HandlersFor<
  | 'createMerchant'
  | 'createShopperToken'
  | 'createStaffKey'
  | 'listStaffKeys'
  | 'revokeStaffKey'
  | 'getMerchant'
  | 'updateMerchant'
  | 'rollKeys'
>;
