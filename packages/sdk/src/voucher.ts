import { RedeemResponse, Voucher, VoucherCode, VoucherList } from '@flock/protocol';
import { Http, type HttpOptions } from './http.js';

const path = (id: string) => encodeURIComponent(id);

/** The shopper's vouchers (publishable key + shopper token). */
export function voucherApi(http: Http) {
  return {
    myVouchers: () => http.get('vouchers?shopper=me', VoucherList),
    getVoucher: (voucherId: string) => http.get(`vouchers/${path(voucherId)}`, Voucher),
    /** A signed code for the QR, valid 60 s: fetch a new one before `expiresAt`. */
    voucherCode: (voucherId: string) => http.get(`vouchers/${path(voucherId)}/code`, VoucherCode),
  };
}

/**
 * For store staff devices: redeems scanned codes with a staff key (`stf_…`, one store). Kept apart
 * from the shopper client so a staff key never travels with shopper requests.
 */
export function createStaffClient(options: Omit<HttpOptions, 'publishableKey' | 'shopperToken'> & { staffKey: string }) {
  const http = new Http({ ...options, publishableKey: options.staffKey, shopperToken: null });
  return {
    /** Redeems one use; errors are FlockError with the contract's codes (code_replayed, voucher_used_up, …). */
    redeem: (code: string, options: { idempotencyKey?: string } = {}) =>
      http.post('redemptions', { code }, RedeemResponse, options.idempotencyKey),
  };
}
