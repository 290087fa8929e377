import type { StringTable } from '../i18n/localize.js';
import type { VoucherQrKey } from './voucher-qr.strings.js';

export const zhCN: StringTable<VoucherQrKey> = {
  'voucher.title': '核销码',
  'voucher.showAtCounter': '到店出示此码',
  'voucher.refreshes': '二维码每分钟自动刷新，截图无效',
  'voucher.usesLeft': '剩余{n}次',
  'voucher.usesLeftOne': '剩余1次',
  'voucher.validUntil': '有效期至 {time}',
  'voucher.validFrom': '{time} 起可用',
  'voucher.qrAlt': '{title}的核销二维码',
  'voucher.shortCode': '券码',
  'voucher.redeemed': '已核销',
  'voucher.redeemedAt': '已于{time}在{name}核销',
  'voucher.showAgain': '再次出示核销码',
  'voucher.usedUp': '已用完',
  'voucher.expired': '已过期',
  'voucher.voided': '已退款作废',
  'voucher.codeLoading': '正在获取核销码…',
  'voucher.error.not_found': '找不到这张券',
  'voucher.error.shopper_token_required': '请先登录查看您的券',
  'voucher.error.network_error': '网络已断开，核销码无法刷新',
  'voucher.error.origin_not_allowed': '该页面无权展示这张券',
};
