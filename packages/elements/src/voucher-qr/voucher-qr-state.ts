import type { Redemption, Voucher, VoucherCode } from '@flock/sdk';

/** Everything the voucher QR widget can show; one render branch per kind. */
export type VoucherQrView =
  | { kind: 'loading' }
  | { kind: 'load-error'; code: string }
  /** Redeemable: the QR of the current code (undefined while the first one loads). */
  | { kind: 'active'; voucher: Voucher; code: VoucherCode | undefined; codeError: string | undefined }
  /** Staff just redeemed it while the shopper was looking: where and when, then uses left. */
  | { kind: 'redeemed'; voucher: Voucher; redemption: Redemption }
  | { kind: 'used_up'; voucher: Voucher }
  | { kind: 'voided'; voucher: Voucher }
  | { kind: 'expired'; voucher: Voucher };

interface Loaded<T> {
  data?: T;
  error?: { code: string };
  loading: boolean;
}

export interface VoucherQrInput {
  voucher: Loaded<Voucher> | undefined;
  code: VoucherCode | undefined;
  codeError: string | undefined;
  /** The last redemption the widget saw when it first loaded the voucher (null: none yet). */
  seenRedemptionId: string | null | undefined;
  /** A redemption the shopper already dismissed ("show the code again"). */
  dismissedRedemptionId: string | undefined;
}

/** Derives the view from what the store holds: pure, so every state is easy to test. */
export function voucherQrView(input: VoucherQrInput): VoucherQrView {
  const voucher = input.voucher?.data;
  if (!voucher) return input.voucher?.error ? { kind: 'load-error', code: input.voucher.error.code } : { kind: 'loading' };
  const last = voucher.lastRedemption;
  // Voided comes first: a refund of a partly used card is "refunded", never "redeemed".
  if (voucher.status === 'voided') return { kind: 'voided', voucher };
  const justRedeemed =
    last && input.seenRedemptionId !== undefined && last.id !== input.seenRedemptionId && last.id !== input.dismissedRedemptionId;
  if (justRedeemed) return { kind: 'redeemed', voucher, redemption: last };
  if (voucher.status === 'used_up' || voucher.usesLeft <= 0) return { kind: 'used_up', voucher };
  if (voucher.status === 'expired') return { kind: 'expired', voucher };
  return { kind: 'active', voucher, code: input.code, codeError: input.codeError };
}

/** When to fetch the next code: `leadMs` before it expires on the server's clock, never sooner than 1 s. */
export function nextCodeDelay(code: VoucherCode, serverOffsetMs: number, now = Date.now(), leadMs = 10_000): number {
  const expiresAt = Date.parse(code.expiresAt);
  return Math.max(1000, expiresAt - leadMs - (now + serverOffsetMs));
}
