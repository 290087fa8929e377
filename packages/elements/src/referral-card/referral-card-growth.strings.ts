import { defineStrings } from '../i18n/localize.js';

/**
 * The promoter growth kit's strings (issue 16: tier, share kit, share history, suggestions, leaderboard
 * switch), apart from the card's own so that a page without a promoter downloads none of them:
 * referral-card-growth.ts, which renders them, is a chunk fetched only for a promoter's card.
 */
const en = {
  tierTitle: 'My level',
  tierNow: '{name} · {rate} commission',
  tierNone: 'Base rate · {rate} commission',
  tierNext: '{amount} more this month to reach {name} ({rate})',
  tierTop: 'Top level reached',
  tierProgress: 'Progress to {name}',
  boost: 'New promoter bonus: {rate} until {date}',
  firstOrder: 'Your first order earns {amount} extra',
  kitTitle: 'Share kit',
  kitEmpty: 'No materials yet',
  copyText: 'Copy',
  copiedText: 'Copied',
  share: 'Share',
  copyRefused: 'Copying is blocked here — the text is selected: press and hold to copy it',
  historyTitle: 'My shares',
  historyEmpty: 'Nothing shared yet — copy a material above',
  historyLink: 'My link',
  historyFigures: 'Clicks {clicks} · Orders {orders} · {commission}',
  more: 'Show more',
  'channel.copy': 'Text copied',
  'channel.web_share': 'Share sheet',
  'channel.poster': 'Poster',
  'channel.wechat': 'WeChat',
  'channel.other': 'Other',
  suggestTitle: 'Suggested for you',
  'reason.audience': '{n} of your friends bought this',
  'reason.program': 'Popular: {n} sold through friends’ links',
  leaderboard: 'Show me on the leaderboard',
  leaderboardHint: 'Only a masked name (e.g. A***) is shown',
  loadFailed: 'Could not load — tap to retry',
};

/** The keys each translation of these strings must have (checked by the type). */
export type GrowthKey = keyof typeof en;

export const growthStrings = defineStrings(en, {
  'zh-CN': () => import('./referral-card-growth.zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./referral-card-growth.zh-tw.js').then((module) => module.zhTW),
});
