import type { StringTable } from '../i18n/localize.js';
import type { PromoterLeaderboardKey } from './promoter-leaderboard.strings.js';

export const zhCN: StringTable<PromoterLeaderboardKey> = {
  'leaderboard.title': '推广达人榜',
  'leaderboard.period': '榜单周期',
  'leaderboard.week': '本周',
  'leaderboard.month': '本月',
  'leaderboard.rank': '第 {n} 名',
  'leaderboard.commission': '佣金',
  'leaderboard.emptyWeek': '本周还没有人赚到佣金，快来争第一',
  'leaderboard.emptyMonth': '本月还没有人赚到佣金，快来争第一',
  'leaderboard.emptyHint': '分享你的链接，好友每成交一单都算数',
  'leaderboard.payouts': '最新提现',
  'leaderboard.payoutNow': '{name} 刚刚提现 {amount}',
  'leaderboard.payoutAgo': '{name} {time}提现 {amount}',
  'leaderboard.error.not_found': '未找到该推广活动',
  'leaderboard.error.origin_not_allowed': '该页面无权展示此榜单',
};
