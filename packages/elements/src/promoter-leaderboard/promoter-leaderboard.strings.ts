import { defineStrings } from '../i18n/localize.js';

const en = {
  'leaderboard.title': 'Top promoters',
  'leaderboard.period': 'Period',
  'leaderboard.week': 'This week',
  'leaderboard.month': 'This month',
  'leaderboard.rank': 'No. {n}',
  'leaderboard.commission': 'Commission',
  'leaderboard.emptyWeek': 'No commission yet this week — be the first',
  'leaderboard.emptyMonth': 'No commission yet this month — be the first',
  'leaderboard.emptyHint': 'Share your link: every order a friend places through it counts',
  'leaderboard.payouts': 'Recent payouts',
  'leaderboard.payoutNow': '{name} just cashed out {amount}',
  'leaderboard.payoutAgo': '{name} cashed out {amount} {time}',
  'leaderboard.error.not_found': "We couldn't find this promoter program",
  'leaderboard.error.origin_not_allowed': 'This page is not allowed to show this leaderboard',
};

/** The keys each translation of these strings must have (checked by the type). */
export type PromoterLeaderboardKey = keyof typeof en;

/**
 * `<flock-promoter-leaderboard>`'s strings. English is built in; each other language is a chunk of
 * its own, fetched the first time a widget speaks it.
 */
export const promoterLeaderboardStrings = defineStrings(en, {
  'zh-CN': () => import('./promoter-leaderboard.zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./promoter-leaderboard.zh-tw.js').then((module) => module.zhTW),
});
