import type { StringTable } from '../i18n/localize.js';
import type { PromoterLeaderboardKey } from './promoter-leaderboard.strings.js';

export const zhTW: StringTable<PromoterLeaderboardKey> = {
  'leaderboard.title': '推廣達人榜',
  'leaderboard.period': '榜單週期',
  'leaderboard.week': '本週',
  'leaderboard.month': '本月',
  'leaderboard.rank': '第 {n} 名',
  'leaderboard.commission': '佣金',
  'leaderboard.emptyWeek': '本週還沒有人賺到佣金，快來搶第一',
  'leaderboard.emptyMonth': '本月還沒有人賺到佣金，快來搶第一',
  'leaderboard.emptyHint': '分享你的連結，好友每成交一筆都算數',
  'leaderboard.payouts': '最新提領',
  'leaderboard.payoutNow': '{name} 剛剛提領 {amount}',
  'leaderboard.payoutAgo': '{name} {time}提領 {amount}',
  'leaderboard.error.not_found': '找不到此推廣活動',
  'leaderboard.error.origin_not_allowed': '此頁面無權顯示此榜單',
};
