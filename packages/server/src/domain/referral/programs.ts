import type {
  CreateReferralProgramRequest,
  ReferralProgram,
  ReferralProgramPage,
  UpdateReferralProgramRequest,
} from '@flock/protocol';
import type { Clock } from '../../clock.js';
import { newId } from '../../crypto.js';
import { ApiError } from '../../errors.js';
import type { Db, Sql } from '../../infra/db.js';
import { nextStatus } from '../campaign-status.js';
import { type CampaignPageRequest, campaignsOf, keysetPage } from '../keyset-page.js';
import { invalid, iso, loadProgram, type ProgramRow, programView } from './rows.js';

type GrowthFields = Pick<UpdateReferralProgramRequest, 'tiers' | 'firstOrderReward' | 'newPromoterBoost' | 'friendReward'>;

/** The rules of the growth fields the schema cannot check: rates need a percent commission and fit 100 % with level 2. */
async function checkGrowth(sql: Sql, merchantId: string, commissionType: string, secondLevelBps: number, input: GrowthFields) {
  for (const [field, value] of [
    ['tiers', input.tiers],
    ['newPromoterBoost', input.newPromoterBoost],
  ] as const) {
    if (value && commissionType !== 'percent') {
      throw invalid([field], `${field} needs a percent commission: a fixed commission has no rate to vary.`);
    }
  }
  for (const [i, tier] of (input.tiers ?? []).entries()) {
    if (tier.bps + secondLevelBps > 10_000) {
      throw invalid(
        ['tiers', String(i), 'bps'],
        'A tier and the second level together may pay at most 10000 bps (100 %) of an order.',
      );
    }
  }
  if (input.newPromoterBoost && input.newPromoterBoost.bps + secondLevelBps > 10_000) {
    throw invalid(
      ['newPromoterBoost', 'bps'],
      'The boost and the second level together may pay at most 10000 bps (100 %) of an order.',
    );
  }
  const reward = input.friendReward;
  if (reward && 'voucherProductId' in reward) {
    const [product] = await sql.query(`select 1 from voucher_products where merchant_id = $1 and id = $2`, [
      merchantId,
      reward.voucherProductId,
    ]);
    if (!product) {
      throw new ApiError('not_found', 'No voucher product of this merchant has that id.', {
        field: 'friendReward.voucherProductId',
      });
    }
  }
}

/** The growth columns' values for `input` (undefined keeps a column as it is, null clears it). */
function growthColumns(input: GrowthFields): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (input.tiers !== undefined) columns.tiers = input.tiers === null ? null : JSON.stringify(input.tiers);
  if (input.firstOrderReward !== undefined) columns.first_order_reward = input.firstOrderReward?.amount ?? null;
  if (input.newPromoterBoost !== undefined) {
    columns.boost_bps = input.newPromoterBoost?.bps ?? null;
    columns.boost_days = input.newPromoterBoost?.days ?? null;
  }
  if (input.friendReward !== undefined) {
    const reward = input.friendReward;
    const voucher = reward && 'voucherProductId' in reward ? reward : null;
    const amount = reward && 'amountOff' in reward ? reward : null;
    columns.friend_voucher_product_id = voucher?.voucherProductId ?? null;
    columns.friend_amount_off = amount?.amountOff ?? null;
    columns.friend_min_spend = amount?.minSpend ?? null;
    columns.friend_valid_days = amount?.validDays ?? null;
  }
  return columns;
}

/** Writes the growth columns given (column names come from growthColumns, never from input). */
async function writeGrowth(sql: Sql, merchantId: string, programId: string, input: GrowthFields) {
  const entries = Object.entries(growthColumns(input));
  if (entries.length === 0) return;
  const sets = entries.map(([column], i) => `${column} = $${i + 3}${column === 'tiers' ? '::jsonb' : ''}`).join(', ');
  await sql.query(`update referral_programs set ${sets} where merchant_id = $1 and id = $2`, [
    merchantId,
    programId,
    ...entries.map(([, value]) => value),
  ]);
}

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
  await checkGrowth(db, merchantId, commission.type, input.secondLevelBps ?? 0, input);
  const id = newId('prg');
  return db.transaction(async (tx) => {
    await tx.query(
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
    await writeGrowth(tx, merchantId, id, input);
    return getProgram(tx, clock, merchantId, id);
  });
}

/**
 * PATCH: changes a program's editable fields and status with its row locked (a join holds it
 * shared), so a pause takes effect between two joins. Commissions already earned keep their amount
 * and hold; clicks already made keep their window: each copied them when it was recorded.
 */
export async function updateProgram(
  db: Db,
  clock: Clock,
  merchantId: string,
  programId: string,
  input: UpdateReferralProgramRequest,
): Promise<ReferralProgram> {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, merchantId, programId, 'update');
    const status = nextStatus(program.status, input.status, 'referral program');
    const { product } = input;
    if (product?.currency && program.currency && product.currency !== program.currency) {
      throw invalid(['product', 'currency'], `The product's currency must be the program's currency, ${program.currency}.`);
    }
    await tx.query(
      `update referral_programs set name = $3, hold_days = $4, attribution_window_days = $5, product_title = $6,
         product_image_url = $7, product_price = $8, product_currency = $9, product_url = $10, status = $11,
         currency = coalesce(currency, $9)
       where merchant_id = $1 and id = $2`,
      [
        merchantId,
        programId,
        input.name ?? program.name,
        input.holdDays ?? program.hold_days,
        input.attributionWindowDays ?? program.attribution_window_days,
        product ? product.title : program.product_title,
        product ? (product.imageUrl ?? null) : program.product_image_url,
        product ? (product.price ?? null) : program.product_price,
        product ? (product.currency ?? null) : program.product_currency,
        product ? product.url : program.product_url,
        status,
      ],
    );
    await checkGrowth(tx, merchantId, program.commission_type, program.second_level_bps ?? 0, input);
    await writeGrowth(tx, merchantId, programId, input);
    return getProgram(tx, clock, merchantId, programId);
  });
}

export async function getProgram(db: Sql, clock: Clock, merchantId: string, programId: string): Promise<ReferralProgram> {
  return programView(await loadProgram(db, merchantId, programId), clock.now());
}

/** The merchant's programs, newest first, each with how many promoters joined it and orders it was credited with. */
export async function listPrograms(
  db: Sql,
  clock: Clock,
  merchantId: string,
  page: CampaignPageRequest,
): Promise<ReferralProgramPage> {
  const { rows: programs, nextCursor } = await keysetPage<ProgramRow & { created_at: Date }>(
    db,
    campaignsOf(
      `(select g.*, (select title from voucher_products v where v.merchant_id = g.merchant_id
          and v.id = g.friend_voucher_product_id) as friend_voucher_title from referral_programs g) as listed_programs`,
      merchantId,
      page.status,
    ),
    page,
  );
  const counts = await db.query<{ id: string; promoters: number; orders: number }>(
    `select g.id,
            (select count(*)::int from promoters where merchant_id = $1 and program_id = g.id) as promoters,
            (select count(*)::int from orders where merchant_id = $1 and program_id = g.id) as orders
     from unnest($2::text[]) as g (id)`,
    [merchantId, programs.map((program) => program.id)],
  );
  const now = clock.now();
  const data = programs.map((program) => {
    const { serverNow: _now, ...terms } = programView(program, now);
    const count = counts.find((c) => c.id === program.id);
    return { ...terms, createdAt: iso(program.created_at), promoters: count?.promoters ?? 0, orders: count?.orders ?? 0 };
  });
  return { data, nextCursor };
}
