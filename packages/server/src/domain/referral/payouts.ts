import type { Payout, PayoutPage } from '@flock/protocol';
import type { Clock } from '../../clock.js';
import { newId } from '../../crypto.js';
import { ApiError } from '../../errors.js';
import type { Db, Sql } from '../../infra/db.js';
import { keysetPage, type PageRequest } from '../keyset-page.js';
import { type BigIntish, money } from '../money.js';
import { postMovement, promoterAccount, promoterBalances } from './ledger.js';
import { publishPromoter } from './promoter-stats.js';
import { iso, loadPromoter } from './rows.js';

/** Records that the merchant paid the promoter: available → paid; never more than is available. */
export async function recordPayout(
  db: Db,
  clock: Clock,
  merchantId: string,
  promoterId: string,
  input: { amount: number; reference: string },
): Promise<Payout> {
  return db.transaction(async (tx) => {
    // The promoter row lock serialises payouts, so two at once cannot both spend the same balance.
    const promoter = await loadPromoter(tx, merchantId, promoterId, true);
    const { available } = await promoterBalances(tx, merchantId, promoterId);
    if (input.amount > available) {
      throw new ApiError('insufficient_balance', `Only ${Math.max(0, available)} is available to pay out.`, { available });
    }
    const id = newId('pay');
    await tx.query(
      `insert into promoter_payouts (merchant_id, id, program_id, promoter_id, amount, reference, created_at)
       values ($1, $2, $3, $4, $5, $6, $7::timestamptz)`,
      [merchantId, id, promoter.program_id, promoterId, input.amount, input.reference, iso(clock.now())],
    );
    await postMovement(tx, clock, {
      merchantId,
      programId: promoter.program_id,
      kind: 'payout',
      from: promoterAccount(promoterId, 'available'),
      to: promoterAccount(promoterId, 'paid'),
      amount: input.amount,
      payoutId: id,
    });
    await publishPromoter(tx, clock, merchantId, promoterId);
    return { id, promoterId, amount: input.amount, reference: input.reference, available: available - input.amount };
  });
}

interface PayoutRow {
  id: string;
  program_id: string;
  promoter_id: string;
  amount: BigIntish;
  reference: string;
  created_at: Date;
  /** Joined from the program and the promoter. */
  currency: string;
  promoter_code: string;
  promoter_name: string;
}

/** The payouts recorded, newest first, optionally to one promoter. */
export async function listPayouts(sql: Sql, merchantId: string, query: PageRequest & { promoter?: string }): Promise<PayoutPage> {
  const { rows, nextCursor } = await keysetPage<PayoutRow>(
    sql,
    {
      table: `(select pp.*, g.currency, p.code as promoter_code, p.display_name as promoter_name from promoter_payouts pp
               join referral_programs g on g.merchant_id = pp.merchant_id and g.id = pp.program_id
               join promoters p on p.merchant_id = pp.merchant_id and p.id = pp.promoter_id) as listed_payouts`,
      where: 'merchant_id = $1 and ($2::text is null or promoter_id = $2)',
      params: [merchantId, query.promoter ?? null],
    },
    query,
  );
  const data = rows.map((row) => ({
    id: row.id,
    promoterId: row.promoter_id,
    programId: row.program_id,
    amount: money(row.amount),
    currency: row.currency,
    promoterCode: row.promoter_code,
    promoterName: row.promoter_name,
    reference: row.reference,
    createdAt: iso(row.created_at),
  }));
  return { data, nextCursor };
}
