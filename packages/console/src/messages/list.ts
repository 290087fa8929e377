import { messages } from './define.js';

export const listMessages = messages(
  {
    'list.all': 'All',
    'list.more': 'Load more',
    'list.export': 'Export CSV',
    'list.exporting': 'Exporting…',
    'list.empty': 'Nothing here yet.',
    'list.live': 'Live',
    'list.liveHint': 'Updates as shoppers act, without reloading.',
    'list.filterBy': 'Filter by {name}',
  },
  {
    'list.all': '全部',
    'list.more': '加载更多',
    'list.export': '导出 CSV',
    'list.exporting': '正在导出…',
    'list.empty': '这里还没有内容。',
    'list.live': '实时',
    'list.liveHint': '顾客操作时自动更新，无需刷新。',
    'list.filterBy': '按{name}筛选',
  },
  {
    'list.all': '全部',
    'list.more': '載入更多',
    'list.export': '匯出 CSV',
    'list.exporting': '正在匯出…',
    'list.empty': '這裡還沒有內容。',
    'list.live': '即時',
    'list.liveHint': '顧客操作時自動更新，不必重新整理。',
    'list.filterBy': '依{name}篩選',
  },
);
