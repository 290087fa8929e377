import type { CreateReferralProgramRequest, ReferralProgram } from '@flock/protocol';
import type { Clock } from '../../clock.js';
import { newId } from '../../crypto.js';
import type { Db, Sql } from '../../infra/db.js';
import { invalid, iso, loadProgram, programView } from './rows.js';

export async function createProgram(
  db: Db,
  clock: Clock,
  merchantId: string,
  input: CreateReferralProgramRequest,
): Promise<ReferralProgram> {
  const { commission, product } = input;
  const bps = commission.type === 'percent' ? commission.bps : 0;
  if (bps + (input.secondLevelBps ?? 0) > 10_000) {
    throw invalid(['secondLevelBps'], 'The two levels together may pay at most 10000 bps (100 %) of an order.');
  }
  if (commission.type === 'fixed' && product.currency && product.currency !== commission.currency) {
    throw invalid(['product', 'currency'], "The product's currency must be the fixed commission's currency.");
  }
  // The program's ledger has one currency: the fixed commission's, else the product's, else the first order's.
  const currency = commission.type === 'fixed' ? commission.currency : (product.currency ?? null);
  const id = newId('prg');
  await db.query(
    `insert into referral_programs (merchant_id, id, name, commission_type, commission_bps, commission_amount, second_level_bps,
       hold_days, attribution_window_days, currency, product_title, product_image_url, product_price, product_currency,
       product_url, created_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16::timestamptz)`,
    [
      merchantId,
      id,
      input.name,
      commission.type,
      commission.type === 'percent' ? commission.bps : null,
      commission.type === 'fixed' ? commission.amount : null,
      input.secondLevelBps ?? null,
      input.holdDays,
      input.attributionWindowDays,
      currency,
      product.title,
      product.imageUrl ?? null,
      product.price ?? null,
      product.currency ?? null,
      product.url,
      iso(clock.now()),
    ],
  );
  return getProgram(db, clock, merchantId, id);
}

export async function getProgram(db: Sql, clock: Clock, merchantId: string, programId: string): Promise<ReferralProgram> {
  return programView(await loadProgram(db, merchantId, programId), clock.now());
}
