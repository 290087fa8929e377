import type { Leaderboard, LeaderboardPeriod, RecentPayouts } from '@flock/sdk';

/** Everything the leaderboard can show; one render branch per kind. */
export type LeaderboardView =
  | { kind: 'loading' }
  | { kind: 'load-error'; code: string }
  /** Nobody earned commission in the period yet: an invitation, never made-up rows. */
  | { kind: 'empty'; period: LeaderboardPeriod }
  | { kind: 'list'; period: LeaderboardPeriod; rows: Leaderboard['data']; currency: string };

interface Loaded<T> {
  data?: T;
  error?: { code: string };
}

/** Programs without a currency of their own (a percent commission on a product without one) count in yuan. */
const DEFAULT_CURRENCY = 'CNY';

/**
 * Derives the view from what the store holds: pure, so every state is easy to test. The rows are the
 * server's, as they are: ties share a rank, and a short list stays short.
 */
export function leaderboardView(board: Loaded<Leaderboard> | undefined, period: LeaderboardPeriod): LeaderboardView {
  const data = board?.data;
  // A switch of period shows the other period's skeleton, not the last one's rows under the new label.
  if (!data || data.period !== period) return board?.error ? { kind: 'load-error', code: board.error.code } : { kind: 'loading' };
  if (data.data.length === 0) return { kind: 'empty', period };
  return { kind: 'list', period, rows: data.data, currency: data.currency ?? DEFAULT_CURRENCY };
}

/** The medal of ranks 1 to 3. */
export const medalOf = (rank: number): 'gold' | 'silver' | 'bronze' | undefined =>
  rank === 1 ? 'gold' : rank === 2 ? 'silver' : rank === 3 ? 'bronze' : undefined;

/** How long ago a payout was, in the largest whole unit: `now` under a minute. */
export type PayoutAge = { unit: 'now' } | { unit: 'minute' | 'hour' | 'day'; value: number };

export function payoutAge(paidAt: string, serverNowMs: number): PayoutAge {
  const seconds = Math.max(0, Math.floor((serverNowMs - Date.parse(paidAt)) / 1000));
  if (seconds < 60) return { unit: 'now' };
  if (seconds < 3600) return { unit: 'minute', value: Math.floor(seconds / 60) };
  if (seconds < 86400) return { unit: 'hour', value: Math.floor(seconds / 3600) };
  return { unit: 'day', value: Math.floor(seconds / 86400) };
}

/** The payouts the ticker shows (the server's latest first), with their currency. */
export function tickerItems(payouts: Loaded<RecentPayouts> | undefined) {
  const data = payouts?.data;
  return data ? { items: data.data, currency: data.currency ?? DEFAULT_CURRENCY, serverNow: data.serverNow } : undefined;
}
