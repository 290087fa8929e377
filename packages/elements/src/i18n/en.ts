import { assistProgressStrings } from '../assist-progress/assist-progress.strings.js';
import { friendOfferStrings } from '../friend-offer/friend-offer.strings.js';
import { groupBuyStrings } from '../group-buy/group-buy.strings.js';
import { groupTypeStrings } from '../group-buy/group-buy-types.strings.js';
import { promoterLeaderboardStrings } from '../promoter-leaderboard/promoter-leaderboard.strings.js';
import { referralCardStrings } from '../referral-card/referral-card.strings.js';
import { growthStrings } from '../referral-card/referral-card-growth.strings.js';
import { voucherListStrings } from '../voucher-list/voucher-list.strings.js';
import { voucherQrStrings } from '../voucher-qr/voucher-qr.strings.js';
import { voucherScannerStrings } from '../voucher-scanner/voucher-scanner.strings.js';
import { commonStrings } from './common.strings.js';

/**
 * Every part's strings: the shared ones and each widget's. Widgets never import this list (each
 * carries its own strings); tests, stories and screenshots read every string through it.
 */
export const everyStrings = [
  commonStrings,
  groupBuyStrings,
  groupTypeStrings,
  assistProgressStrings,
  referralCardStrings,
  growthStrings,
  voucherQrStrings,
  voucherListStrings,
  voucherScannerStrings,
  promoterLeaderboardStrings,
  friendOfferStrings,
] as const;

/** Every English string, by key: the keys a merchant's `strings` may override. */
export const en = {
  ...commonStrings.en,
  ...groupBuyStrings.en,
  ...groupTypeStrings.en,
  ...assistProgressStrings.en,
  ...referralCardStrings.en,
  ...growthStrings.en,
  ...voucherQrStrings.en,
  ...voucherListStrings.en,
  ...voucherScannerStrings.en,
  ...promoterLeaderboardStrings.en,
  ...friendOfferStrings.en,
};

export type TranslationKey = keyof typeof en;
export type Translation = Record<TranslationKey, string>;
