import type { VoucherList } from '@flock/protocol';
import { Voucher } from '@flock/protocol';
import * as routes from '@flock/protocol/routes';
import { clientPart } from './core.js';
import { endpoint, Http, type HttpOptions } from './http.js';
import type { ResourceStore } from './resource-store.js';

// The routes as this client calls them: their answers' schemas, not their requests' (see endpoint).
const listVouchers = /* @__PURE__ */ endpoint(routes.listVouchers);
const getVoucher = /* @__PURE__ */ endpoint(routes.getVoucher);
const getVoucherCode = /* @__PURE__ */ endpoint(routes.getVoucherCode);
const redeemVoucher = /* @__PURE__ */ endpoint(routes.redeemVoucher);

/** The shopper's vouchers (publishable key + shopper token). */
export function voucherApi(http: Http) {
  return {
    myVouchers: () => http.call(listVouchers, { query: { shopper: 'me' } }),
    getVoucher: (voucherId: string) => http.call(getVoucher, { params: { id: voucherId } }),
    /** A signed code for the QR, valid 60 s: fetch a new one before `expiresAt`. */
    voucherCode: (voucherId: string) => http.call(getVoucherCode, { params: { id: voucherId } }),
  };
}

/** Vouchers' part of a client: their calls and stores. */
export const voucherClient = clientPart((core) => {
  const api = voucherApi(core.http);
  return {
    ...api,
    voucherStore: (voucherId: string): ResourceStore<Voucher> =>
      core.store(`voucher:${voucherId}`, () => api.getVoucher(voucherId), {
        live: {
          topic: `voucher:${voucherId}`,
          apply: (data) => {
            const parsed = Voucher.safeParse(data);
            return parsed.success ? { value: parsed.data, refetch: false } : { refetch: true };
          },
        },
      }),
    /** The signed-in shopper's vouchers (我的券), every status, polled: a redemption at the counter shows up. */
    myVouchersStore: (): ResourceStore<VoucherList> => core.store('vouchers:me', () => api.myVouchers()),
  };
});

/**
 * For store staff devices: redeems scanned codes with a staff key (`stf_…`, one store). Kept apart
 * from the shopper client so a staff key never travels with shopper requests.
 */
export function createStaffClient(options: Omit<HttpOptions, 'publishableKey' | 'shopperToken'> & { staffKey: string }) {
  const http = new Http({ ...options, publishableKey: options.staffKey, shopperToken: null });
  return {
    /** Redeems one use; errors are FlockError with the contract's codes (code_replayed, voucher_used_up, …). */
    redeem: (code: string, options: { idempotencyKey?: string } = {}) =>
      http.call(redeemVoucher, { body: { code } }, options.idempotencyKey),
  };
}
