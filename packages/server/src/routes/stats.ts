import { assistStats, orderStats, redemptionStats, teamStats } from '../domain/stats.js';
import type { HandlersFor } from '../http/handler.js';

export const statsHandlers = {
  getTeamStats: ({ query }, { db, merchant }) => teamStats(db, merchant.id, query),
  getAssistStats: ({ query }, { db, merchant }) => assistStats(db, merchant.id, query),
  getOrderStats: ({ query }, { db, merchant }) => orderStats(db, merchant.id, query),
  getRedemptionStats: ({ query }, { db, merchant }) => redemptionStats(db, merchant.id, query),
} satisfies HandlersFor<'getTeamStats' | 'getAssistStats' | 'getOrderStats' | 'getRedemptionStats'>;
