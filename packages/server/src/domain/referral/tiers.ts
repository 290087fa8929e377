import type { PromoterTier } from '@flock/protocol';
import type { Sql } from '../../infra/db.js';
import { money } from '../money.js';
import { DAY_SECONDS, iso, type ProgramRow, type PromoterRow, tiersOf } from './rows.js';

// Tiers by output, stateless (docs/referral.md): T(t) is a promoter's own level-1 commission of kind
// `commission` created in (t − 30 days, t], net of what was reversed or rejected by t (its ledger
// entries on the promoter's accounts posted up to t). The tier now goes by max(T(now), T(start of the
// UTC day)): a promotion shows at once, a fall only from the next UTC midnight. Nothing is stored.

const WINDOW_MS = 30 * DAY_SECONDS * 1000;

/** The start of `now`'s UTC day. */
export const startOfUtcDay = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/** T(at) for each promoter (0 for one without commission). */
export async function commission30dAt(
  sql: Sql,
  merchantId: string,
  promoterIds: readonly string[],
  at: Date,
): Promise<Map<string, number>> {
  const rows = await sql.query<{ promoter_id: string; total: string | number | bigint }>(
    `select c.promoter_id, coalesce(sum(e.amount), 0) as total
     from commissions c
     join ledger_entries e on e.merchant_id = c.merchant_id and e.commission_id = c.id
     where c.merchant_id = $1 and c.promoter_id = any($2::text[]) and c.kind = 'commission' and c.level = 1
       and c.created_at > $3::timestamptz and c.created_at <= $4::timestamptz
       and e.account like 'promoter:%' and e.kind in ('accrue', 'reversal', 'reject') and e.created_at <= $4::timestamptz
     group by c.promoter_id`,
    [merchantId, promoterIds, iso(new Date(at.getTime() - WINDOW_MS)), iso(at)],
  );
  const totals = new Map(promoterIds.map((id) => [id, 0]));
  for (const row of rows) totals.set(row.promoter_id, money(row.total));
  return totals;
}

export interface TierStanding {
  /** T(now): what the card shows. */
  commission30d: number;
  /** Index into the program's tiers, or -1 below the first (or without tiers). */
  tierIndex: number;
}

/** The highest tier whose threshold `amount` reaches, or -1. */
export function tierIndexFor(tiers: readonly PromoterTier[], amount: number): number {
  let index = -1;
  for (const [i, tier] of tiers.entries()) if (amount >= tier.minCommission30d) index = i;
  return index;
}

/** Each promoter's trailing commission and tier now, for one promoter or a page of them (two queries in all). */
export async function tierStandings(
  sql: Sql,
  program: ProgramRow | ((promoterId: string) => ProgramRow | undefined),
  merchantId: string,
  promoterIds: readonly string[],
  now: Date,
): Promise<Map<string, TierStanding>> {
  const current = await commission30dAt(sql, merchantId, promoterIds, now);
  const dayStart = await commission30dAt(sql, merchantId, promoterIds, startOfUtcDay(now));
  const standings = new Map<string, TierStanding>();
  for (const id of promoterIds) {
    const programOf = typeof program === 'function' ? program(id) : program;
    const tiers = programOf ? tiersOf(programOf) : [];
    const commission30d = current.get(id) ?? 0;
    const tierIndex = tierIndexFor(tiers, Math.max(commission30d, dayStart.get(id) ?? 0));
    standings.set(id, { commission30d, tierIndex });
  }
  return standings;
}

/** When the promoter's new-promoter boost ends, or null when the program has none. */
export const boostEndsAt = (program: ProgramRow, promoter: PromoterRow): Date | null =>
  program.boost_days === null
    ? null
    : new Date(new Date(promoter.created_at).getTime() + program.boost_days * DAY_SECONDS * 1000);

/**
 * The level-1 rate an order earns now: the tier's bps (the program's own below the first tier), or
 * the boost's while it lasts and pays more. Null for a fixed commission.
 */
export function levelOneRate(program: ProgramRow, promoter: PromoterRow, tierIndex: number, now: Date): number | null {
  if (program.commission_type !== 'percent') return null;
  const tier = tiersOf(program)[tierIndex];
  const base = tier ? tier.bps : (program.commission_bps ?? 0);
  const ends = boostEndsAt(program, promoter);
  if (program.boost_bps !== null && ends !== null && now < ends && program.boost_bps > base) return program.boost_bps;
  return base;
}
