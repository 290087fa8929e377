import type { Clock } from '../../clock.js';
import { newId } from '../../crypto.js';
import type { Sql } from '../../infra/db.js';
import { publishLiveEvent } from '../live-events.js';

/**
 * The referral ledger is double-entry: every movement of commission money is two entries, one
 * taking `amount` from an account and one giving it to another, written by one statement, so a
 * program's entries always sum to zero. Balances are sums of entries; nothing stores them alone.
 *
 * Accounts (per program, since a promoter belongs to one program):
 * - `merchant:commission_expense` — what the merchant owes in commission (negative as it accrues);
 * - `promoter:<id>:pending` — earned, waiting for the hold (return window) to pass;
 * - `promoter:<id>:under_review` — held by a fraud signal until the merchant approves or rejects;
 * - `promoter:<id>:available` — may be paid out (may go negative after a late refund);
 * - `promoter:<id>:paid` — paid out by the merchant.
 */
export const EXPENSE_ACCOUNT = 'merchant:commission_expense';

export type PromoterBucket = 'pending' | 'under_review' | 'available' | 'paid';
export const PROMOTER_BUCKETS: readonly PromoterBucket[] = ['pending', 'under_review', 'available', 'paid'];

export const promoterAccount = (promoterId: string, bucket: PromoterBucket) => `promoter:${promoterId}:${bucket}`;

export type MovementKind = 'accrue' | 'release' | 'approve' | 'reject' | 'reversal' | 'payout';

export interface Movement {
  merchantId: string;
  programId: string;
  kind: MovementKind;
  from: string;
  to: string;
  /** Minor units moved from `from` to `to`; must be positive (a zero movement writes nothing). */
  amount: number;
  commissionId?: string | null;
  payoutId?: string | null;
}

/** Writes one movement as its two entries (−amount on `from`, +amount on `to`) in one statement. */
export async function postMovement(tx: Sql, clock: Clock, m: Movement): Promise<void> {
  if (!Number.isSafeInteger(m.amount) || m.amount < 0) throw new Error(`ledger: bad movement amount ${m.amount}`);
  if (m.amount === 0) return;
  if (m.from === m.to) throw new Error('ledger: a movement needs two different accounts');
  await tx.query(
    `insert into ledger_entries (merchant_id, movement_id, program_id, account, amount, kind, commission_id, payout_id, created_at)
     values ($1, $2, $3, $4, -$6::bigint, $7, $8, $9, $10::timestamptz),
            ($1, $2, $3, $5, $6::bigint, $7, $8, $9, $10::timestamptz)`,
    [
      m.merchantId,
      newId('mov'),
      m.programId,
      m.from,
      m.to,
      m.amount,
      m.kind,
      m.commissionId ?? null,
      m.payoutId ?? null,
      clock.now().toISOString(),
    ],
  );
  await announceLedgerMove(tx, clock, m.merchantId, m.programId);
}

/** The programs each open transaction has already announced, so a transaction tells each program once. */
const announcedPrograms = new WeakMap<Sql, Set<string>>();

/**
 * Tells widgets following `program:<id>` (leaderboard, payout ticker) that the program's ledger moved.
 * The event carries no figures (they are per period and masked): followers fetch them again. It is
 * written in the moving transaction, so it is delivered on commit and never for a rolled-back move.
 */
async function announceLedgerMove(tx: Sql, clock: Clock, merchantId: string, programId: string): Promise<void> {
  const announced = announcedPrograms.get(tx) ?? new Set<string>();
  announcedPrograms.set(tx, announced);
  if (announced.has(programId)) return;
  announced.add(programId);
  await publishLiveEvent(tx, clock, merchantId, `program:${programId}`, 'program.ledger', { programId });
}

export type PromoterBalances = Record<PromoterBucket, number>;

/** A promoter's balances: the sum of the entries of each of their accounts. */
export async function promoterBalances(sql: Sql, merchantId: string, promoterId: string): Promise<PromoterBalances> {
  return (await balancesOfPromoters(sql, merchantId, [promoterId])).get(promoterId) ?? noBalances();
}

const noBalances = (): PromoterBalances => ({ pending: 0, under_review: 0, available: 0, paid: 0 });

/** The balances of several promoters (a page of the merchant's list) in one query; zeros for those without entries. */
export async function balancesOfPromoters(
  sql: Sql,
  merchantId: string,
  promoterIds: readonly string[],
): Promise<Map<string, PromoterBalances>> {
  const rows = await sql.query<{ account: string; balance: string | number | bigint }>(
    `select account, sum(amount) as balance from ledger_entries
     where merchant_id = $1 and account = any($2::text[]) group by account`,
    [merchantId, promoterIds.flatMap((id) => PROMOTER_BUCKETS.map((bucket) => promoterAccount(id, bucket)))],
  );
  const balances = new Map(promoterIds.map((id) => [id, noBalances()]));
  for (const row of rows) {
    // promoter:<id>:<bucket>
    const [, promoterId = '', bucket] = row.account.split(':') as [string, string, PromoterBucket];
    const of = balances.get(promoterId);
    if (of) of[bucket] = Number(row.balance);
  }
  return balances;
}
