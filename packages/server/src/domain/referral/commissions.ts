import type { CommissionPage, CommissionView } from '@flock/protocol';
import type { Clock } from '../../clock.js';
import { ApiError, notFound } from '../../errors.js';
import type { Db, Sql } from '../../infra/db.js';
import { keysetPage, type PageRequest } from '../keyset-page.js';
import { money } from '../money.js';
import { enqueueWebhook } from '../outbox.js';
import { EXPENSE_ACCOUNT, postMovement, promoterAccount } from './ledger.js';
import { publishPromoter } from './promoter-stats.js';
import {
  COMMISSION_COLUMNS,
  COMMISSION_FROM,
  type CommissionRow,
  type CommissionStatus,
  commissionView,
  iso,
  loadCommission,
} from './rows.js';

// A commission after its order: released when its hold passes, or approved or rejected after review.

export interface CommissionWebhookData {
  commission: CommissionView;
  promoterId: string;
  programId: string;
  orderRef: string;
}

/** Moves a locked pending commission's remaining money to available and tells the merchant. */
async function releaseLocked(tx: Sql, clock: Clock, c: CommissionRow): Promise<CommissionRow> {
  await postMovement(tx, clock, {
    merchantId: c.merchant_id,
    programId: c.program_id,
    kind: 'release',
    from: promoterAccount(c.promoter_id, 'pending'),
    to: promoterAccount(c.promoter_id, 'available'),
    amount: money(c.amount) - money(c.reversed_amount),
    commissionId: c.id,
  });
  await tx.query(`update commissions set status = 'available' where merchant_id = $1 and id = $2`, [c.merchant_id, c.id]);
  const released: CommissionRow = { ...c, status: 'available' };
  const data: CommissionWebhookData = {
    commission: commissionView(released),
    promoterId: c.promoter_id,
    programId: c.program_id,
    orderRef: c.order_ref,
  };
  await enqueueWebhook(tx, clock, c.merchant_id, 'commission.available', data);
  return released;
}

async function lockUnderReview(tx: Sql, merchantId: string, commissionId: string): Promise<CommissionRow> {
  const c = await loadCommission(tx, merchantId, commissionId, 'wait');
  if (!c) throw notFound('commission');
  if (c.status !== 'under_review') {
    throw new ApiError('commission_not_under_review', `This commission is ${c.status}, not under review.`, {
      status: c.status,
    });
  }
  return c;
}

/** Approves a held commission: back to pending, or straight to available if its hold has passed. */
export async function approveCommission(db: Db, clock: Clock, merchantId: string, commissionId: string): Promise<CommissionView> {
  return db.transaction(async (tx) => {
    const c = await lockUnderReview(tx, merchantId, commissionId);
    await postMovement(tx, clock, {
      merchantId,
      programId: c.program_id,
      kind: 'approve',
      from: promoterAccount(c.promoter_id, 'under_review'),
      to: promoterAccount(c.promoter_id, 'pending'),
      amount: money(c.amount) - money(c.reversed_amount),
      commissionId: c.id,
    });
    await tx.query(`update commissions set status = 'pending' where merchant_id = $1 and id = $2`, [merchantId, c.id]);
    let settled: CommissionRow = { ...c, status: 'pending' };
    if (c.available_at <= clock.now()) settled = await releaseLocked(tx, clock, settled);
    await publishPromoter(tx, clock, merchantId, c.promoter_id);
    return commissionView(settled);
  });
}

/** Rejects a held commission: its remaining money goes back to the merchant. */
export async function rejectCommission(db: Db, clock: Clock, merchantId: string, commissionId: string): Promise<CommissionView> {
  return db.transaction(async (tx) => {
    const c = await lockUnderReview(tx, merchantId, commissionId);
    await postMovement(tx, clock, {
      merchantId,
      programId: c.program_id,
      kind: 'reject',
      from: promoterAccount(c.promoter_id, 'under_review'),
      to: EXPENSE_ACCOUNT,
      amount: money(c.amount) - money(c.reversed_amount),
      commissionId: c.id,
    });
    await tx.query(`update commissions set status = 'rejected' where merchant_id = $1 and id = $2`, [merchantId, c.id]);
    await publishPromoter(tx, clock, merchantId, c.promoter_id);
    return commissionView({ ...c, status: 'rejected' });
  });
}

/**
 * The merchant's commissions, newest first, optionally of one program or at one status
 * (`under_review`: the ones waiting for approve or reject).
 */
export async function listCommissions(
  sql: Sql,
  merchantId: string,
  query: PageRequest & { program?: string; status?: CommissionStatus },
): Promise<CommissionPage> {
  const { rows, nextCursor } = await keysetPage<
    CommissionRow & { created_at: Date; promoter_code: string; promoter_name: string }
  >(
    sql,
    {
      table: `(select ${COMMISSION_COLUMNS}, p.code as promoter_code, p.display_name as promoter_name from ${COMMISSION_FROM}
               join promoters p on p.merchant_id = c.merchant_id and p.id = c.promoter_id) as listed_commissions`,
      where: 'merchant_id = $1 and ($2::text is null or program_id = $2) and ($3::text is null or status = $3)',
      params: [merchantId, query.program ?? null, query.status ?? null],
    },
    query,
  );
  const data = rows.map((row) => ({
    ...commissionView(row),
    programId: row.program_id,
    orderRef: row.order_ref,
    promoterCode: row.promoter_code,
    promoterName: row.promoter_name,
    createdAt: iso(row.created_at),
  }));
  return { data, nextCursor };
}

// ---------------------------------------------------------------------------------------------
// Background

/**
 * One sweeper pass: pending commissions whose hold has passed become available (ledger
 * pending → available, commission.available webhook, live event). Each commission is taken under
 * `skip locked` and re-checked, so several processes can sweep at once and release it once.
 * Commissions under review are never released by time.
 */
export async function sweepCommissions(db: Db, clock: Clock, batch = 100): Promise<number> {
  const now = clock.now();
  const due = await db.query<{ merchant_id: string; id: string }>(
    `select merchant_id, id from commissions where status = 'pending' and available_at <= $1::timestamptz
     order by available_at limit $2`,
    [iso(now), batch],
  );
  let released = 0;
  for (const { merchant_id, id } of due) {
    released += await db.transaction(async (tx) => {
      const c = await loadCommission(tx, merchant_id, id, 'skip');
      if (c?.status !== 'pending' || c.available_at > now) return 0;
      await releaseLocked(tx, clock, c);
      await publishPromoter(tx, clock, merchant_id, c.promoter_id);
      return 1;
    });
  }
  return released;
}
