import { defineStrings } from '../i18n/localize.js';

const en = {
  'scanner.title': 'Scan to redeem',
  'scanner.startCamera': 'Start camera',
  'scanner.stopCamera': 'Stop camera',
  'scanner.cameraStarting': 'Starting the camera…',
  'scanner.cameraHint': 'Point the camera at the QR code',
  'scanner.cameraUnavailable': "The camera isn't available — enter the code instead",
  'scanner.cameraTimeout': "The camera didn't start — allow it in the browser, or enter the code",
  'scanner.enterCode': 'Enter code',
  'scanner.codePlaceholder': '12-digit code',
  'scanner.redeem': 'Redeem',
  'scanner.redeeming': 'Redeeming…',
  'scanner.success': 'Redeemed — {n} uses left',
  'scanner.successOne': 'Redeemed — 1 use left',
  'scanner.successLast': 'Redeemed — no uses left',
  'scanner.failed': 'Not redeemed',
  'scanner.offline': "Offline — can't redeem right now",
  'scanner.missingKey': 'This scanner has no staff key',
  'scanner.error.code_invalid': "This isn't a valid voucher code",
  'scanner.error.code_expired': 'This code has expired — ask the customer to refresh it',
  'scanner.error.code_replayed': 'This code was already used — ask the customer for a new one',
  'scanner.error.voucher_used_up': 'This voucher is used up',
  'scanner.error.voucher_voided': 'This voucher was refunded and is no longer valid',
  'scanner.error.voucher_expired': 'This voucher has expired',
  'scanner.error.voucher_not_yet_valid': "This voucher isn't valid yet",
  'scanner.error.wrong_store': "This voucher can't be redeemed at this store",
  'scanner.error.invalid_key': 'The staff key was refused',
  'scanner.error.origin_not_allowed': 'This page is not allowed to redeem vouchers',
  'scanner.error.rate_limited': 'Too many tries — wait a moment',
  'scanner.error.network_error': "Offline — can't redeem right now",
};

/** The keys each translation of these strings must have (checked by the type). */
export type VoucherScannerKey = keyof typeof en;

/**
 * `<flock-voucher-scanner>`'s strings. English is built in; each other language is a chunk of
 * its own, fetched the first time a widget speaks it.
 */
export const voucherScannerStrings = defineStrings(en, {
  'zh-CN': () => import('./voucher-scanner.zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./voucher-scanner.zh-tw.js').then((module) => module.zhTW),
});
