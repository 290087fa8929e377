import type { StringTable } from '../i18n/localize.js';
import type { VoucherListKey } from './voucher-list.strings.js';

export const zhCN: StringTable<VoucherListKey> = {
  'vouchers.title': '我的券',
  'vouchers.usable': '可使用',
  'vouchers.past': '已使用 / 已过期',
  'vouchers.empty': '还没有券',
  'vouchers.emptyHint': '购买的券会出现在这里，到店出示核销码即可使用',
  'vouchers.open': '出示券码',
  'vouchers.back': '全部券',
  'vouchers.count': '{n} 张可用',
  'vouchers.usesCaption': '剩余次数',
  'vouchers.error.shopper_token_required': '请先登录查看您的券',
  'vouchers.error.origin_not_allowed': '该页面无权展示您的券',
};
