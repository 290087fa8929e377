import { defineStrings } from '../i18n/localize.js';

const en = {
  'voucher.title': 'Voucher',
  'voucher.showAtCounter': 'Show this at the counter',
  'voucher.refreshes': "Code refreshes every minute — screenshots won't work",
  'voucher.usesLeft': '{n} uses left',
  'voucher.usesLeftOne': '1 use left',
  'voucher.validUntil': 'Valid until {time}',
  'voucher.validFrom': 'Valid from {time}',
  'voucher.qrAlt': 'QR code to redeem {title}',
  'voucher.shortCode': 'Code',
  'voucher.redeemed': 'Redeemed',
  'voucher.redeemedAt': 'Redeemed at {name}, {time}',
  'voucher.showAgain': 'Show the code again',
  'voucher.usedUp': 'Used up',
  'voucher.expired': 'Expired',
  'voucher.voided': 'Refunded — no longer valid',
  'voucher.codeLoading': 'Getting a fresh code…',
  'voucher.error.not_found': "We couldn't find this voucher",
  'voucher.error.shopper_token_required': 'Please sign in to see your voucher',
  'voucher.error.network_error': "You're offline — the code can't refresh",
  'voucher.error.origin_not_allowed': 'This page is not allowed to show this voucher',
};

/** The keys each translation of these strings must have (checked by the type). */
export type VoucherQrKey = keyof typeof en;

/**
 * `<flock-voucher-qr>`'s strings; `<flock-voucher-list>`, which shows a voucher-qr, uses them too. English is built in; each other language is a chunk of
 * its own, fetched the first time a widget speaks it.
 */
export const voucherQrStrings = defineStrings(en, {
  'zh-CN': () => import('./voucher-qr.zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./voucher-qr.zh-tw.js').then((module) => module.zhTW),
});
