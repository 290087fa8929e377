import type { StringTable } from '../i18n/localize.js';
import type { VoucherQrKey } from './voucher-qr.strings.js';

export const zhTW: StringTable<VoucherQrKey> = {
  'voucher.title': '兌換券',
  'voucher.showAtCounter': '到店出示此條碼',
  'voucher.refreshes': 'QR碼每分鐘自動更新，截圖無效',
  'voucher.usesLeft': '剩餘{n}次',
  'voucher.usesLeftOne': '剩餘1次',
  'voucher.validUntil': '有效期限至 {time}',
  'voucher.validFrom': '{time} 起可使用',
  'voucher.qrAlt': '{title}的核銷QR碼',
  'voucher.shortCode': '券碼',
  'voucher.redeemed': '已核銷',
  'voucher.redeemedAt': '已於{time}在{name}核銷',
  'voucher.showAgain': '再次出示核銷碼',
  'voucher.usedUp': '已用完',
  'voucher.expired': '已過期',
  'voucher.voided': '已退款作廢',
  'voucher.codeLoading': '正在取得核銷碼…',
  'voucher.error.not_found': '找不到這張兌換券',
  'voucher.error.shopper_token_required': '請先登入查看你的兌換券',
  'voucher.error.network_error': '網路中斷，核銷碼無法更新',
  'voucher.error.origin_not_allowed': '此頁面無權顯示這張兌換券',
};
