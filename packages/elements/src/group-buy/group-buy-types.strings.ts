import { defineStrings } from '../i18n/localize.js';

/**
 * The group types' strings (issue 15: ladder, lottery, cross-product, new-customer), apart from the
 * widget's own (group-buy.strings.ts) so that a page whose offer has no group type downloads none of
 * them: group-buy-types.ts, which renders them, is a chunk fetched only for such an offer.
 */
const en = {
  startsIn: 'Starts in {time}',
  unitsLeft: 'Only {n} left',
  soldOut: 'Sold out',
  'error.sold_out': 'Sold out — every unit has been taken',
  'error.not_new_customer': 'This group is for first-time customers — start your own',
  startOwn: 'Start my own group',
  lotteryOdds: '{n} of {size} wins',
  newCustomersOnly: 'Friends who join must be first-time customers',
  tierMembers: '{n} people',
  ladderNext: '{n} more to unlock {price} each',
  ladderUpFront: 'Everyone pays {price} now; the difference comes back when the group closes',
  ladderBack: 'Group complete at {price} each — {back} back to you',
  lotteryRule: 'When the group fills, {n} of {size} are drawn to win; the others get a full refund',
  lotteryRuleVoucher: 'When the group fills, {n} of {size} are drawn to win; the others get a voucher',
  lotteryWon: 'You won! The item is yours',
  lotteryLost: 'Not this time — {price} will be refunded',
  lotteryLostVoucher: 'Not this time — a voucher is yours instead',
  checkDraw: 'Check the draw',
  drawCommitment: 'Commitment (sha256 of the seed, published when the group opened)',
  drawSeed: 'Seed (revealed at the draw)',
  drawMembers: 'Members, in the order they paid',
  drawWinners: 'Winners',
  drawWon: 'won',
  drawVerified: 'Verified: the seed matches the commitment and draws these winners',
  drawMismatch: 'Does not match: this draw is not what the seed gives',
  drawNeedsSecure: 'Checking needs a secure page (https): this browser cannot recompute the draw here',
  pickProduct: 'Pick your item',
  chose: '{name} chose {product}',
};

/** The keys each translation of these strings must have (checked by the type). */
export type GroupTypeKey = keyof typeof en;

export const groupTypeStrings = defineStrings(en, {
  'zh-CN': () => import('./group-buy-types.zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./group-buy-types.zh-tw.js').then((module) => module.zhTW),
});
