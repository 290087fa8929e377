import { zhTW as assistProgress } from '../assist-progress/assist-progress.zh-tw.js';
import { zhTW as friendOffer } from '../friend-offer/friend-offer.zh-tw.js';
import { zhTW as groupBuy } from '../group-buy/group-buy.zh-tw.js';
import { zhTW as groupTypes } from '../group-buy/group-buy-types.zh-tw.js';
import { zhTW as promoterLeaderboard } from '../promoter-leaderboard/promoter-leaderboard.zh-tw.js';
import { zhTW as referralCard } from '../referral-card/referral-card.zh-tw.js';
import { zhTW as referralGrowth } from '../referral-card/referral-card-growth.zh-tw.js';
import { zhTW as voucherList } from '../voucher-list/voucher-list.zh-tw.js';
import { zhTW as voucherQr } from '../voucher-qr/voucher-qr.zh-tw.js';
import { zhTW as voucherScanner } from '../voucher-scanner/voucher-scanner.zh-tw.js';
import { zhTW as common } from './common.zh-tw.js';
import type { Translation } from './en.js';

/** Every zh-TW string, by key (see en.ts): for tests, stories and screenshots, never a widget. */
export const zhTW: Translation = {
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
