import type { Leaderboard, LeaderboardPeriod, RecentPayouts } from '@flock/protocol';
import type { Clock } from '../../clock.js';
import type { Sql } from '../../infra/db.js';
import { type BigIntish, money } from '../money.js';
import { maskName } from './mask.js';
import { DAY_SECONDS, iso, loadProgram } from './rows.js';

// The leaderboard and the payout ticker are sums over ledger entries and payout rows at the time they
// are asked for: nothing is stored, so they change exactly when the ledger does (a refund's reversal,
// a rejection, a new accrual, a payout) and never show anything the ledger does not hold.

const DEFAULT_LEADERBOARD_LIMIT = 10;
const TICKER_SIZE = 20;
const TICKER_DAYS = 30;

/** The calendar period holding `now`: a week from Monday 00:00 UTC, or a month from the 1st 00:00 UTC. */
export function periodBounds(period: LeaderboardPeriod, now: Date): { from: Date; to: Date } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  if (period === 'month') return { from: new Date(Date.UTC(y, m, 1)), to: new Date(Date.UTC(y, m + 1, 1)) };
  // getUTCDay: Sunday 0 … Saturday 6; days since Monday.
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  const from = new Date(Date.UTC(y, m, now.getUTCDate() - sinceMonday));
  return { from, to: new Date(Date.UTC(y, m, now.getUTCDate() - sinceMonday + 7)) };
}

/**
 * Ranks promoters by their commissions of kind `commission` (both levels) created in the period, each
 * net of what its ledger entries on the promoter's accounts took back (reversal) or set aside (reject):
 * accrue + reversal + reject entries of a commission sum to what is still earned. Dense rank; opted-out
 * promoters and those with nothing left are left out.
 */
export async function getLeaderboard(
  sql: Sql,
  clock: Clock,
  merchantId: string,
  programId: string,
  query: { period?: LeaderboardPeriod; limit?: number },
): Promise<Leaderboard> {
  const program = await loadProgram(sql, merchantId, programId);
  const now = clock.now();
  const period = query.period ?? 'week';
  const { from, to } = periodBounds(period, now);
  const rows = await sql.query<{ display_name: string; commission: BigIntish; rank: BigIntish }>(
    `with earned as (
       select c.promoter_id, sum(e.amount) as commission
       from commissions c
       join ledger_entries e on e.merchant_id = c.merchant_id and e.commission_id = c.id
         and e.account like ('promoter:' || c.promoter_id || ':%') and e.kind in ('accrue', 'reversal', 'reject')
       where c.merchant_id = $1 and c.program_id = $2 and c.kind = 'commission'
         and c.created_at >= $3::timestamptz and c.created_at < $4::timestamptz
       group by c.promoter_id
     )
     select p.display_name, earned.commission, dense_rank() over (order by earned.commission desc) as rank
     from earned join promoters p on p.merchant_id = $1 and p.id = earned.promoter_id
     where p.show_on_leaderboard and earned.commission > 0
     order by earned.commission desc, p.id collate "C"
     limit $5`,
    [merchantId, programId, iso(from), iso(to), query.limit ?? DEFAULT_LEADERBOARD_LIMIT],
  );
  return {
    period,
    from: iso(from),
    to: iso(to),
    currency: program.currency,
    data: rows.map((row) => ({
      rank: Number(row.rank),
      displayName: maskName(row.display_name),
      commission: money(row.commission),
    })),
    serverNow: iso(now),
  };
}

/** The program's latest real payouts (of the last 30 days), newest first, opted-out promoters left out. */
export async function getRecentPayouts(sql: Sql, clock: Clock, merchantId: string, programId: string): Promise<RecentPayouts> {
  const program = await loadProgram(sql, merchantId, programId);
  const now = clock.now();
  const rows = await sql.query<{ display_name: string; amount: BigIntish; created_at: Date }>(
    `select p.display_name, pp.amount, pp.created_at
     from promoter_payouts pp join promoters p on p.merchant_id = pp.merchant_id and p.id = pp.promoter_id
     where pp.merchant_id = $1 and pp.program_id = $2 and p.show_on_leaderboard and pp.created_at > $3::timestamptz
     order by pp.created_at desc, pp.id collate "C" desc
     limit $4`,
    [merchantId, programId, iso(new Date(now.getTime() - TICKER_DAYS * DAY_SECONDS * 1000)), TICKER_SIZE],
  );
  return {
    currency: program.currency,
    data: rows.map((row) => ({
      displayName: maskName(row.display_name),
      amount: money(row.amount),
      paidAt: iso(row.created_at),
    })),
    serverNow: iso(now),
  };
}
