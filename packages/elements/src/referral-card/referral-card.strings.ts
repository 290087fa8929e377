import { defineStrings } from '../i18n/localize.js';

const en = {
  'referral.feature': 'Share & earn',
  'referral.commission': 'Commission',
  'referral.earnPerOrder': 'Earn {amount} on every order',
  'referral.earnAbout': "That's about {price} on a {base} order",
  'referral.earnBadge': 'Earn {price}',
  'referral.earnBadgePercent': 'Earn {amount}',
  'referral.pitch': 'Share this with friends: when they buy through your link, you earn commission.',
  'referral.secondLevel': 'Invite friends to promote too, and earn {amount} more on their sales',
  'referral.hold': 'Commission can be withdrawn {n} days after the order',
  'referral.step.join': 'Become a promoter',
  'referral.step.share': 'Share with friends',
  'referral.step.earn': 'Earn when they buy',
  'referral.become': 'Become a promoter',
  'referral.signIn': 'Sign in to become a promoter',
  'referral.myLink': 'Your link',
  'referral.copy': 'Copy link',
  'referral.copied': 'Copied',
  'referral.share': 'Share link',
  'referral.shareText': "I think you'll like {title}",
  'referral.wechatHint': 'Tap ··· at the top right to share',
  'referral.poster': 'Make a poster',
  'referral.posterTitle': 'Your poster',
  'referral.posterDrawing': 'Making your poster…',
  'referral.posterHint': 'Press and hold the poster to save it, or share it below',
  'referral.posterShare': 'Share poster',
  'referral.posterDownload': 'Download',
  'referral.posterClose': 'Close poster',
  'referral.posterAlt': 'Poster for {title} with your QR code',
  'referral.posterFile': 'poster',
  'referral.poster.recommends': '{name} recommends',
  'referral.poster.recommendsAnon': 'Recommended for you',
  'referral.poster.tagline': "Thought you'd like this",
  'referral.poster.scan': 'Scan the QR code',
  'referral.poster.scanSub': 'to see the product',
  'referral.stats': 'My earnings',
  'referral.available': 'Available',
  'referral.pending': 'Pending',
  'referral.underReview': 'Under review',
  'referral.paid': 'Paid out',
  'referral.clicks': 'Clicks',
  'referral.orders': 'Orders',
  'referral.liveHint': 'Updates as friends buy',
  'referral.error.not_found': "We couldn't find this referral program",
  'referral.error.program_not_active': "This referral program isn't running right now",
  'referral.error.campaign_not_active': "This referral program isn't taking new promoters right now",
  'referral.error.shopper_token_required': 'Please sign in first',
  'referral.error.origin_not_allowed': 'This page is not allowed to show this referral program',
  'referral.error.poster_failed': "Couldn't make the poster — try again",
};

/** The keys each translation of these strings must have (checked by the type). */
export type ReferralCardKey = keyof typeof en;

/**
 * `<flock-referral-card>`'s strings (the poster's included). English is built in; each other language is a chunk of
 * its own, fetched the first time a widget speaks it.
 */
export const referralCardStrings = defineStrings(en, {
  'zh-CN': () => import('./referral-card.zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./referral-card.zh-tw.js').then((module) => module.zhTW),
});
