import type { PromoterPage, PromoterStats } from '@flock/protocol';
import type { Clock } from '../../clock.js';
import type { Sql } from '../../infra/db.js';
import { keysetPage, type PageRequest } from '../keyset-page.js';
import { publishLiveEvent } from '../live-events.js';
import { money } from '../money.js';
import { balancesOfPromoters, promoterBalances } from './ledger.js';
import {
  iso,
  loadProgram,
  loadPromoter,
  type ProgramRow,
  type PromoterRow,
  programView,
  promoterView,
  shareUrlFor,
  tiersOf,
} from './rows.js';
import { boostEndsAt, levelOneRate, tierStandings } from './tiers.js';

/** A promoter's figures; every money figure is a sum of ledger entries. */
export async function statsView(
  sql: Sql,
  clock: Clock,
  program: ProgramRow,
  promoter: PromoterRow | null,
): Promise<PromoterStats> {
  const now = clock.now();
  const base = { program: programView(program, now), currency: program.currency, serverNow: iso(now) };
  if (!promoter) {
    return {
      ...base,
      promoter: null,
      shareUrl: null,
      clicks: 0,
      orders: 0,
      pending: 0,
      underReview: 0,
      available: 0,
      paid: 0,
      ...(await growthOf(sql, program, null, now)),
    };
  }
  const counts = (await countsOfPromoters(sql, promoter.merchant_id, [promoter.id])).get(promoter.id);
  const balances = await promoterBalances(sql, promoter.merchant_id, promoter.id);
  return {
    ...base,
    ...(await growthOf(sql, program, promoter, now)),
    promoter: promoterView(promoter),
    shareUrl: shareUrlFor(program, promoter.code),
    clicks: counts?.clicks ?? 0,
    orders: counts?.orders ?? 0,
    pending: balances.pending,
    underReview: balances.under_review,
    available: balances.available,
    paid: balances.paid,
  };
}

type GrowthStats = Pick<
  PromoterStats,
  'commission30d' | 'tier' | 'nextTier' | 'toNextTier' | 'rateBps' | 'boostEndsAt' | 'firstOrderReward' | 'showOnLeaderboard'
>;

/** The card's tier, rate, boost and first-order reward; without a promoter, what a new one would get. */
async function growthOf(sql: Sql, program: ProgramRow, promoter: PromoterRow | null, now: Date): Promise<GrowthStats> {
  const tiers = tiersOf(program);
  const standing = promoter
    ? (await tierStandings(sql, program, promoter.merchant_id, [promoter.id], now)).get(promoter.id)
    : undefined;
  const commission30d = standing?.commission30d ?? 0;
  const tierIndex = standing?.tierIndex ?? -1;
  const tier = tiers[tierIndex];
  const next = tiers[tierIndex + 1];
  const ends = promoter ? boostEndsAt(program, promoter) : null;
  let earned = false;
  if (promoter && program.first_order_reward !== null) {
    const [row] = await sql.query(
      `select 1 from commissions where merchant_id = $1 and promoter_id = $2 and kind = 'first_order_reward'`,
      [promoter.merchant_id, promoter.id],
    );
    earned = row !== undefined;
  }
  return {
    commission30d,
    tier: tier ? { index: tierIndex, name: tier.name, bps: tier.bps } : null,
    nextTier: next ? { index: tierIndex + 1, name: next.name, minCommission30d: next.minCommission30d, bps: next.bps } : null,
    toNextTier: next ? Math.max(0, next.minCommission30d - commission30d) : null,
    rateBps: promoter
      ? levelOneRate(program, promoter, tierIndex, now)
      : program.commission_type === 'percent'
        ? Math.max(program.commission_bps ?? 0, program.boost_bps ?? 0)
        : null,
    boostEndsAt: ends !== null && now < ends && program.boost_bps !== null ? iso(ends) : null,
    firstOrderReward: program.first_order_reward === null ? null : { amount: money(program.first_order_reward), earned },
    showOnLeaderboard: promoter?.show_on_leaderboard ?? true,
  };
}

/** How many clicks and attributed orders each promoter has, for one promoter or a page of them. */
async function countsOfPromoters(
  sql: Sql,
  merchantId: string,
  promoterIds: readonly string[],
): Promise<Map<string, { clicks: number; orders: number }>> {
  const rows = await sql.query<{ id: string; clicks: number; orders: number }>(
    `select p.id,
            (select count(*)::int from referral_clicks where merchant_id = $1 and promoter_id = p.id) as clicks,
            (select count(*)::int from orders where merchant_id = $1 and promoter_id = p.id) as orders
     from unnest($2::text[]) as p (id)`,
    [merchantId, promoterIds],
  );
  return new Map(rows.map((row) => [row.id, { clicks: row.clicks, orders: row.orders }]));
}

/** A promoter row of the merchant's list, with its program's currency. */
interface ListedPromoterRow extends PromoterRow {
  created_at: Date;
  currency: string | null;
}

/**
 * The merchant's promoters, newest first, optionally of one program, each with the figures of
 * their own card (the same counts and ledger balances as statsView).
 */
export async function listPromoters(
  sql: Sql,
  clock: Clock,
  merchantId: string,
  query: PageRequest & { program?: string },
): Promise<PromoterPage> {
  const { rows, nextCursor } = await keysetPage<ListedPromoterRow>(
    sql,
    {
      table: `(select p.*, g.currency from promoters p
               join referral_programs g on g.merchant_id = p.merchant_id and g.id = p.program_id) as listed_promoters`,
      where: 'merchant_id = $1 and ($2::text is null or program_id = $2)',
      params: [merchantId, query.program ?? null],
    },
    query,
  );
  const ids = rows.map((row) => row.id);
  const counts = await countsOfPromoters(sql, merchantId, ids);
  // The tiers go by each promoter's program (a page may mix programs).
  const programIds = [...new Set(rows.map((row) => row.program_id))];
  const programs = new Map<string, ProgramRow>();
  for (const id of programIds) programs.set(id, await loadProgram(sql, merchantId, id));
  const programOfPromoter = new Map(rows.map((row) => [row.id, programs.get(row.program_id)]));
  const standings = await tierStandings(sql, (id) => programOfPromoter.get(id), merchantId, ids, clock.now());
  const balances = await balancesOfPromoters(sql, merchantId, ids);
  const data = rows.map((row) => {
    const balance = balances.get(row.id);
    const standing = standings.get(row.id);
    const program = programs.get(row.program_id);
    return {
      ...promoterView(row),
      shopperId: row.shopper_id,
      displayName: row.display_name,
      tierName: program ? (tiersOf(program)[standing?.tierIndex ?? -1]?.name ?? null) : null,
      commission30d: standing?.commission30d ?? 0,
      showOnLeaderboard: row.show_on_leaderboard,
      referredBy: row.referred_by,
      createdAt: iso(row.created_at),
      clicks: counts.get(row.id)?.clicks ?? 0,
      orders: counts.get(row.id)?.orders ?? 0,
      pending: balance?.pending ?? 0,
      underReview: balance?.under_review ?? 0,
      available: balance?.available ?? 0,
      paid: balance?.paid ?? 0,
      currency: row.currency,
    };
  });
  return { data, nextCursor };
}

/** Tells the promoter's card (topic promoter:<id>) its new figures; called in the changing transaction. */
export async function publishPromoter(tx: Sql, clock: Clock, merchantId: string, promoterId: string): Promise<void> {
  const promoter = await loadPromoter(tx, merchantId, promoterId);
  const program = await loadProgram(tx, merchantId, promoter.program_id);
  const stats = await statsView(tx, clock, program, promoter);
  await publishLiveEvent(tx, clock, merchantId, `promoter:${promoterId}`, 'promoter.updated', stats);
}

export async function publishPromoters(tx: Sql, clock: Clock, merchantId: string, promoterIds: Iterable<string>): Promise<void> {
  for (const id of new Set(promoterIds)) await publishPromoter(tx, clock, merchantId, id);
}
