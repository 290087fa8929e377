import { defineStrings } from '../i18n/localize.js';

const en = {
  'friendOffer.title': 'A gift from your friend',
  'friendOffer.fromFriend': 'Only through your friend’s link',
  'friendOffer.from': 'A gift from {name}',
  'friendOffer.minSpend': 'On orders over {amount}',
  'friendOffer.noMinSpend': 'No minimum spend',
  'friendOffer.voucher': 'Voucher',
  'friendOffer.claim': 'Claim',
  'friendOffer.signIn': 'Sign in to claim your gift',
  'friendOffer.code': 'Coupon code',
  'friendOffer.copy': 'Copy',
  'friendOffer.copied': 'Copied',
  'friendOffer.copyFailed': 'Copy the code by hand: {code}',
  'friendOffer.applyHint': 'Enter the code at checkout',
  'friendOffer.voucherHint': 'Saved to My vouchers — show it at the counter',
  'friendOffer.validUntil': 'Valid until {time}',
  'friendOffer.used': 'Used',
  'friendOffer.usedNote': 'You used this gift on an order',
  'friendOffer.voucherUsedNote': 'You used this voucher at the counter',
  'friendOffer.expired': 'Expired',
  'friendOffer.ownLink': 'This is your own link — share it, and your friends get this gift',
  'friendOffer.error.no_friend_reward': 'This gift is no longer offered',
  'friendOffer.error.attribution_expired': 'This link has expired — ask your friend to share it again',
  'friendOffer.error.campaign_not_active': 'This offer has ended',
  'friendOffer.error.not_found': "We couldn't find this gift",
  'friendOffer.error.own_referral_link': 'This is your own link — share it, and your friends get this gift',
  'friendOffer.error.shopper_token_required': 'Please sign in to claim your gift',
  'friendOffer.error.origin_not_allowed': 'This page is not allowed to show this gift',
};

/** The keys each translation of these strings must have (checked by the type). */
export type FriendOfferKey = keyof typeof en;

/**
 * `<flock-friend-offer>`'s strings. English is built in; each other language is a chunk of its own,
 * fetched the first time a widget speaks it.
 */
export const friendOfferStrings = defineStrings(en, {
  'zh-CN': () => import('./friend-offer.zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./friend-offer.zh-tw.js').then((module) => module.zhTW),
});
