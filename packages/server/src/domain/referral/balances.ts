import type { CommissionBalances, ProgramBalances, PromoterBalancePage } from '@flock/protocol';
import type { Sql } from '../../infra/db.js';
import { keysetPage, type PageRequest } from '../keyset-page.js';
import { type BigIntish, money } from '../money.js';
import { iso, loadProgram, type PromoterRow } from './rows.js';

// A program's ledger as the merchant settles it: per promoter and in total, summed from the
// commission and payout rows at the time of the request. Nothing here is stored; the ledger entries
// (ledger.ts) record the same movements, and the tests hold the two to each other.

/** The sums one statement reads for a promoter or a program (bigint sums come back as numeric). */
interface SumsRow {
  earned: BigIntish | null;
  pending: BigIntish | null;
  under_review: BigIntish | null;
  /** Released to available (status available, or paid if it were ever written), after refunds. */
  released: BigIntish | null;
  reversed: BigIntish | null;
  rejected: BigIntish | null;
  paid: BigIntish | null;
}

/**
 * The commission sums of the rows `where` selects (`c` is commissions), by status: what is left of
 * each commission after refunds (`amount - reversed_amount`) sits in the bucket its status names; a
 * fully reversed commission has nothing left.
 */
const COMMISSION_SUMS = `
  sum(c.amount) as earned,
  sum(c.reversed_amount) as reversed,
  sum(c.amount - c.reversed_amount) filter (where c.status = 'pending') as pending,
  sum(c.amount - c.reversed_amount) filter (where c.status = 'under_review') as under_review,
  sum(c.amount - c.reversed_amount) filter (where c.status in ('available', 'paid')) as released,
  sum(c.amount - c.reversed_amount) filter (where c.status = 'rejected') as rejected`;

/** Released money is either still available or was paid out; `owed` is everything not yet paid nor taken back. */
function balancesOf(row: SumsRow | undefined): CommissionBalances {
  const of = (value: BigIntish | null | undefined) => money(value ?? 0);
  const pending = of(row?.pending);
  const underReview = of(row?.under_review);
  const paid = of(row?.paid);
  const available = of(row?.released) - paid;
  return {
    earned: of(row?.earned),
    pending,
    underReview,
    available,
    paid,
    reversed: of(row?.reversed),
    rejected: of(row?.rejected),
    owed: pending + underReview + available,
  };
}

/** One line per promoter of the program, newest promoter first, in keyset pages. */
export async function listPromoterBalances(
  sql: Sql,
  merchantId: string,
  query: PageRequest & { program: string },
): Promise<PromoterBalancePage> {
  const program = await loadProgram(sql, merchantId, query.program);
  const { rows, nextCursor } = await keysetPage<PromoterRow & { created_at: Date }>(
    sql,
    { table: 'promoters', where: 'merchant_id = $1 and program_id = $2', params: [merchantId, program.id] },
    query,
  );
  // Per promoter of the page: its commissions (commissions_by_promoter) and payouts (promoter_payouts_newest_by_promoter).
  const sums = await sql.query<SumsRow & { id: string }>(
    `select p.id, c.*, pay.paid
     from unnest($2::text[]) as p (id)
     left join lateral (select ${COMMISSION_SUMS} from commissions c where c.merchant_id = $1 and c.promoter_id = p.id) c on true
     left join lateral (select sum(amount) as paid from promoter_payouts where merchant_id = $1 and promoter_id = p.id) pay
       on true`,
    [merchantId, rows.map((row) => row.id)],
  );
  const data = rows.map((row) => ({
    id: row.id,
    programId: row.program_id,
    code: row.code,
    shopperId: row.shopper_id,
    displayName: row.display_name,
    createdAt: iso(row.created_at),
    currency: program.currency,
    ...balancesOf(sums.find((sum) => sum.id === row.id)),
  }));
  return { data, nextCursor };
}

/** The program's totals: the same sums over all its commissions and payouts (every promoter's line added up). */
export async function programBalances(sql: Sql, merchantId: string, programId: string): Promise<ProgramBalances> {
  const program = await loadProgram(sql, merchantId, programId);
  const [row] = await sql.query<SumsRow & { promoters: number }>(
    `select c.*,
            (select sum(amount) from promoter_payouts where merchant_id = $1 and program_id = $2) as paid,
            (select count(*)::int from promoters where merchant_id = $1 and program_id = $2) as promoters
     from (select ${COMMISSION_SUMS} from commissions c where c.merchant_id = $1 and c.program_id = $2) c`,
    [merchantId, program.id],
  );
  return { programId: program.id, promoters: row?.promoters ?? 0, currency: program.currency, ...balancesOf(row) };
}
