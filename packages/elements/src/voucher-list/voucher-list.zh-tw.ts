import type { StringTable } from '../i18n/localize.js';
import type { VoucherListKey } from './voucher-list.strings.js';

export const zhTW: StringTable<VoucherListKey> = {
  'vouchers.title': '我的兌換券',
  'vouchers.usable': '可使用',
  'vouchers.past': '已使用 / 已過期',
  'vouchers.empty': '還沒有兌換券',
  'vouchers.emptyHint': '購買的兌換券會出現在這裡，到店出示核銷碼即可使用',
  'vouchers.open': '出示券碼',
  'vouchers.back': '全部兌換券',
  'vouchers.count': '{n} 張可用',
  'vouchers.usesCaption': '剩餘次數',
  'vouchers.error.shopper_token_required': '請先登入查看你的兌換券',
  'vouchers.error.origin_not_allowed': '此頁面無權顯示你的兌換券',
};
