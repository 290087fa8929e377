import { zhCN as assistProgress } from '../assist-progress/assist-progress.zh-cn.js';
import { zhCN as friendOffer } from '../friend-offer/friend-offer.zh-cn.js';
import { zhCN as groupBuy } from '../group-buy/group-buy.zh-cn.js';
import { zhCN as groupTypes } from '../group-buy/group-buy-types.zh-cn.js';
import { zhCN as promoterLeaderboard } from '../promoter-leaderboard/promoter-leaderboard.zh-cn.js';
import { zhCN as referralCard } from '../referral-card/referral-card.zh-cn.js';
import { zhCN as referralGrowth } from '../referral-card/referral-card-growth.zh-cn.js';
import { zhCN as voucherList } from '../voucher-list/voucher-list.zh-cn.js';
import { zhCN as voucherQr } from '../voucher-qr/voucher-qr.zh-cn.js';
import { zhCN as voucherScanner } from '../voucher-scanner/voucher-scanner.zh-cn.js';
import { zhCN as common } from './common.zh-cn.js';
import type { Translation } from './en.js';

/** Every zh-CN string, by key (see en.ts): for tests, stories and screenshots, never a widget. */
export const zhCN: Translation = {
  ...common,
  ...groupBuy,
  ...groupTypes,
  ...assistProgress,
  ...referralCard,
  ...referralGrowth,
  ...voucherQr,
  ...voucherList,
  ...voucherScanner,
  ...promoterLeaderboard,
  ...friendOffer,
};
