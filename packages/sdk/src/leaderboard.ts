import type { Leaderboard, LeaderboardPeriod, RecentPayouts } from '@flock/protocol';
import * as routes from '@flock/protocol/routes';
import { clientPart } from './core.js';
import { endpoint, type Http } from './http.js';
import type { LiveBinding, ResourceStore } from './resource-store.js';

// The routes as this client calls them: their answers' schemas, not their requests' (see endpoint).
const getLeaderboard = /* @__PURE__ */ endpoint(routes.getLeaderboard);
const getRecentPayouts = /* @__PURE__ */ endpoint(routes.getRecentPayouts);

/** The live topic of a program's public figures: `program.ledger` arrives whenever its ledger moves. */
export const programTopic = (programId: string) => `program:${programId}`;

/** A program's public figures (publishable key, no shopper): its leaderboard and its latest payouts. */
export function leaderboardApi(http: Http) {
  return {
    /**
     * This week's (default) or this month's top promoters, masked. The week goes without `period` in
     * the URL: the same URL the loader prefetches (registry.ts's firstRead), which the SDK then adopts.
     */
    leaderboard: (programId: string, period: LeaderboardPeriod = 'week') =>
      http.call(getLeaderboard, { params: { id: programId }, query: period === 'week' ? {} : { period } }),
    /** The program's latest payouts (at most 20, of the last 30 days), masked. */
    recentPayouts: (programId: string) => http.call(getRecentPayouts, { params: { id: programId } }),
  };
}

/** The event carries no figures (they are per period and masked): every `program.ledger` refetches. */
const refetchOnLedger = <T>(programId: string): Omit<LiveBinding<T>, 'connection'> => ({
  topic: programTopic(programId),
  apply: () => ({ refetch: true }),
});

/** The leaderboard's part of a client: a store per program and period, and one of the payout ticker, both live. */
export const leaderboardClient = clientPart((core) => {
  const api = leaderboardApi(core.http);
  return {
    ...api,
    leaderboardStore: (programId: string, period: LeaderboardPeriod = 'week'): ResourceStore<Leaderboard> =>
      core.store(`leaderboard:${programId}:${period}`, () => api.leaderboard(programId, period), {
        live: refetchOnLedger(programId),
      }),
    recentPayoutsStore: (programId: string): ResourceStore<RecentPayouts> =>
      core.store(`payouts:${programId}`, () => api.recentPayouts(programId), { live: refetchOnLedger(programId) }),
  };
});
