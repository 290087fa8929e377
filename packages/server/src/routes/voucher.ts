import {
  createVoucherProduct,
  getVoucher,
  getVoucherProduct,
  issueVoucher,
  listIssuedVouchers,
  listRedemptions,
  listVoucherProducts,
  listVouchers,
  redeem,
  updateVoucherProduct,
  voidVoucher,
  voucherCode,
} from '../domain/vouchers.js';
import { Answer, type HandlersFor } from '../http/handler.js';

export const voucherHandlers = {
  createVoucherProduct: ({ body }, { db, clock, merchant }) => createVoucherProduct(db, clock, merchant.id, body),
  listVoucherProducts: ({ query }, { db, clock, merchant }) => listVoucherProducts(db, clock, merchant.id, query),
  getVoucherProduct: ({ params }, { db, clock, merchant }) => getVoucherProduct(db, clock, merchant.id, params.id),
  updateVoucherProduct: ({ params, body }, { db, merchant }) => updateVoucherProduct(db, merchant.id, params.id, body),
  listIssuedVouchers: ({ query }, { db, clock, merchant }) => listIssuedVouchers(db, clock, merchant.id, query),
  issueVoucher: async ({ body }, { db, clock, merchant }) => {
    const { voucher, created } = await issueVoucher(db, clock, merchant.id, body);
    // 201 for a new voucher, 200 when the order's voucher is handed back.
    return created ? new Answer(201, voucher) : new Answer(200, voucher);
  },
  voidVoucher: ({ params }, { db, clock, merchant }) => voidVoucher(db, clock, merchant.id, params.id),
  // `?shopper=me` is checked by the table's declaration: only the caller's own vouchers are listed.
  listVouchers: (_, { db, clock, merchant, shopper }) => listVouchers(db, clock, merchant.id, shopper),
  getVoucher: ({ params }, { db, clock, merchant, shopper }) => getVoucher(db, clock, merchant.id, params.id, shopper),
  getVoucherCode: ({ params }, { db, clock, merchant, shopper, http }) => {
    // A code is a bearer credential for a minute: never cache it.
    http.header('cache-control', 'no-store');
    return voucherCode(db, clock, merchant.id, params.id, shopper);
  },
  redeemVoucher: ({ body }, { db, clock, key }) => redeem(db, clock, key, body.code),
  listRedemptions: ({ query }, { db, merchant }) => listRedemptions(db, merchant.id, query),
} satisfies HandlersFor<
  | 'createVoucherProduct'
  | 'listVoucherProducts'
  | 'getVoucherProduct'
  | 'updateVoucherProduct'
  | 'listIssuedVouchers'
  | 'issueVoucher'
  | 'voidVoucher'
  | 'listVouchers'
  | 'getVoucher'
  | 'getVoucherCode'
  | 'redeemVoucher'
  | 'listRedemptions'
>;
