import { defineStrings } from '../i18n/localize.js';

const en = {
  'vouchers.title': 'My vouchers',
  'vouchers.usable': 'Ready to use',
  'vouchers.past': 'Used and expired',
  'vouchers.empty': 'No vouchers yet',
  'vouchers.emptyHint': 'Vouchers you buy appear here — show one at the counter to use it',
  'vouchers.open': 'Show code',
  'vouchers.back': 'All vouchers',
  'vouchers.count': '{n} ready to use',
  'vouchers.usesCaption': 'uses left',
  'vouchers.error.shopper_token_required': 'Please sign in to see your vouchers',
  'vouchers.error.origin_not_allowed': 'This page is not allowed to show your vouchers',
};

/** The keys each translation of these strings must have (checked by the type). */
export type VoucherListKey = keyof typeof en;

/**
 * `<flock-voucher-list>`'s strings (with voucher-qr's, see voucherQrStrings). English is built in; each other language is a chunk of
 * its own, fetched the first time a widget speaks it.
 */
export const voucherListStrings = defineStrings(en, {
  'zh-CN': () => import('./voucher-list.zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./voucher-list.zh-tw.js').then((module) => module.zhTW),
});
