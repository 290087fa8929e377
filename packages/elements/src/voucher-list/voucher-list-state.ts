import type { Voucher, VoucherList } from '@flock/sdk';

/** Everything the voucher list can show; one render branch per kind. */
export type VoucherListView =
  | { kind: 'loading' }
  | { kind: 'load-error'; code: string }
  | { kind: 'empty' }
  /** Usable vouchers first, the soonest to expire on top; then the used up, expired and refunded ones. */
  | { kind: 'list'; usable: Voucher[]; past: Voucher[] }
  /** One voucher opened to show its code at the counter. */
  | { kind: 'open'; voucher: Voucher };

interface Loaded<T> {
  data?: T;
  error?: { code: string };
}

export const isUsable = (voucher: Voucher) => voucher.status === 'active' && voucher.usesLeft > 0;

/** No end date sorts last: it never runs out. */
const endsAt = (voucher: Voucher) => (voucher.validUntil ? Date.parse(voucher.validUntil) : Number.POSITIVE_INFINITY);

/** Derives the view from what the store holds: pure, so every state is easy to test. */
export function voucherListView(list: Loaded<VoucherList> | undefined, openId: string | undefined): VoucherListView {
  const vouchers = list?.data?.vouchers;
  if (!vouchers) return list?.error ? { kind: 'load-error', code: list.error.code } : { kind: 'loading' };
  // An opened voucher stays open after it is used up or refunded: the QR card says so itself.
  const opened = openId ? vouchers.find((voucher) => voucher.id === openId) : undefined;
  if (opened) return { kind: 'open', voucher: opened };
  if (vouchers.length === 0) return { kind: 'empty' };
  const usable = vouchers.filter(isUsable).sort((a, b) => endsAt(a) - endsAt(b));
  return { kind: 'list', usable, past: vouchers.filter((voucher) => !isUsable(voucher)) };
}
