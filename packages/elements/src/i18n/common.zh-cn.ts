import type { CommonKey } from './common.strings.js';
import type { StringTable } from './localize.js';

export const zhCN: StringTable<CommonKey> = {
  loading: '加载中…',
  retry: '重试',
  linkCopied: '链接已复制，快发给好友吧',
  copyFailed: '请复制链接：{url}',
  dayPrefix: '{d}天 ',
  'error.team_full': '该团已满，去开个新团吧',
  'error.team_closed': '该团已结束，去开个新团吧',
  'error.already_member': '你已经在这个团里了',
  'error.reservation_expired': '支付超时，座位已释放',
  'error.campaign_not_active': '活动已暂停或已结束',
  'error.offer_not_active': '活动未开始或已结束',
  'error.offer_sold_out': '该活动的团已开满',
  'error.not_found': '没有找到这个拼团活动',
  'error.shopper_token_required': '请先登录再参团',
  'error.shopper_token_expired': '登录已过期，请刷新页面',
  'error.shopper_token_invalid': '请重新登录',
  'error.origin_not_allowed': '该页面无权展示此拼团',
  'error.invalid_key': '店铺配置有误（API 密钥）',
  'error.rate_limited': '操作太频繁，请稍后再试',
  'error.network_error': '网络不给力，请检查网络后重试',
  'error.unknown': '出错了，请重试',
};
