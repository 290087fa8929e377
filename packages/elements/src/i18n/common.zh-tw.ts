import type { CommonKey } from './common.strings.js';
import type { StringTable } from './localize.js';

/**
 * Traditional Chinese as shoppers in Taiwan read it (揪團/成團, 名額, 連結, 提領, 網路…), not a
 * character conversion of zh-CN; also used for zh-HK, zh-MO and zh-Hant.
 */
export const zhTW: StringTable<CommonKey> = {
  loading: '載入中…',
  retry: '重試',
  linkCopied: '連結已複製，快傳給朋友吧',
  copyFailed: '請複製連結：{url}',
  dayPrefix: '{d}天 ',
  'error.team_full': '此團已滿，發起新團吧',
  'error.team_closed': '此團已結束，發起新團吧',
  'error.already_member': '你已經在這個團裡了',
  'error.reservation_expired': '付款逾時，名額已釋出',
  'error.campaign_not_active': '活動已暫停或已結束',
  'error.offer_not_active': '活動尚未開始或已結束',
  'error.offer_sold_out': '此活動的團已額滿',
  'error.not_found': '找不到這個揪團活動',
  'error.shopper_token_required': '請先登入再參團',
  'error.shopper_token_expired': '登入已逾時，請重新整理頁面',
  'error.shopper_token_invalid': '請重新登入',
  'error.origin_not_allowed': '此頁面無權顯示這個揪團',
  'error.invalid_key': '商店設定有誤（API 金鑰）',
  'error.rate_limited': '操作太頻繁，請稍後再試',
  'error.network_error': '網路連線不穩，請檢查網路後重試',
  'error.unknown': '發生錯誤，請重試',
};
