import type { PromoterStats } from '@flock/protocol';
import type { Clock } from '../../clock.js';
import type { Sql } from '../../infra/db.js';
import { publishLiveEvent } from '../live-events.js';
import { promoterBalances } from './ledger.js';
import {
  iso,
  loadProgram,
  loadPromoter,
  type ProgramRow,
  type PromoterRow,
  programView,
  promoterView,
  shareUrlFor,
} from './rows.js';

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
    return { ...base, promoter: null, shareUrl: null, clicks: 0, orders: 0, pending: 0, underReview: 0, available: 0, paid: 0 };
  }
  const [counts] = await sql.query<{ clicks: number; orders: number }>(
    `select (select count(*)::int from referral_clicks where merchant_id = $1 and promoter_id = $2) as clicks,
            (select count(*)::int from orders where merchant_id = $1 and promoter_id = $2) as orders`,
    [promoter.merchant_id, promoter.id],
  );
  const balances = await promoterBalances(sql, promoter.merchant_id, promoter.id);
  return {
    ...base,
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
