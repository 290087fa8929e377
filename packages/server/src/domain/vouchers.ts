import type {
  CampaignStatus,
  CreateVoucherProductRequest,
  IssuedVoucher,
  IssuedVoucherPage,
  RedeemResponse,
  Redemption,
  RedemptionPage,
  UpdateVoucherProductRequest,
  Voucher,
  VoucherCode,
  VoucherProduct,
  VoucherProductPage,
  VoucherProductSummary,
} from '@flock/protocol';
import type { Clock } from '../clock.js';
import { newId } from '../crypto.js';
import { ApiError, notFound } from '../errors.js';
import type { Db, Sql } from '../infra/db.js';
import { nextStatus, notRunningMessage } from './campaign-status.js';
import { type CampaignPageRequest, campaignsOf, keysetPage, type PageRequest } from './keyset-page.js';
import { publishLiveEvent } from './live-events.js';
import type { ResolvedKey } from './merchants.js';
import { moneyOrNull as money } from './money.js';
import { enqueueWebhook } from './outbox.js';
import type { Shopper } from './shoppers.js';
import { mintVoucherCode, typedShortCode, verifyShortVoucherCode, verifyVoucherCode } from './voucher-codes.js';

/** A shopper's list shows at most this many vouchers, newest first. */
const VOUCHERS_LISTED = 100;

interface ProductRow {
  merchant_id: string;
  id: string;
  title: string;
  value: number | string | null;
  currency: string | null;
  uses: number;
  valid_from: Date | null;
  valid_until: Date | null;
  stores: string[] | null;
  status: CampaignStatus;
}

interface VoucherRow {
  merchant_id: string;
  id: string;
  product_id: string;
  shopper_id: string;
  order_ref: string;
  status: 'active' | 'used_up' | 'voided';
  uses: number;
  uses_left: number;
  created_at: Date;
  /** Joined from the product. */
  title: string;
  value: number | string | null;
  currency: string | null;
  valid_from: Date | null;
  valid_until: Date | null;
  stores: string[] | null;
}

interface RedemptionRow {
  id: string;
  voucher_id: string;
  store: string;
  redeemed_at: Date;
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const toPgArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && String((error as { code?: unknown }).code) === '23505';

// ---------------------------------------------------------------------------------------------
// Products

const productView = (p: ProductRow): VoucherProduct => ({
  id: p.id,
  title: p.title,
  value: money(p.value),
  currency: p.currency,
  uses: p.uses,
  validFrom: isoOrNull(p.valid_from),
  validUntil: isoOrNull(p.valid_until),
  stores: p.stores,
  status: p.status,
});

export async function createVoucherProduct(
  db: Db,
  clock: Clock,
  merchantId: string,
  input: CreateVoucherProductRequest,
): Promise<VoucherProduct> {
  if (input.validFrom && input.validUntil && new Date(input.validFrom) >= new Date(input.validUntil)) {
    throw new ApiError('invalid_request', 'validFrom must be before validUntil.');
  }
  if (input.value !== undefined && input.currency === undefined) {
    throw new ApiError('invalid_request', 'A value needs its currency.');
  }
  const stores = input.stores ? [...new Set(input.stores)] : null;
  if (stores?.length === 0) throw new ApiError('invalid_request', 'stores, when given, must name at least one store.');
  const id = newId('vpr');
  const [row] = await db.query<ProductRow>(
    `insert into voucher_products (merchant_id, id, title, value, currency, uses, valid_from, valid_until, stores, created_at)
     values ($1,$2,$3,$4,$5,$6,$7::timestamptz,$8::timestamptz,$9::text[],$10::timestamptz) returning *`,
    [
      merchantId,
      id,
      input.title,
      input.value ?? null,
      input.currency ?? null,
      input.uses,
      input.validFrom ?? null,
      input.validUntil ?? null,
      stores ? toPgArray(stores) : null,
      iso(clock.now()),
    ],
  );
  if (!row) throw new Error('voucher product insert returned nothing');
  return productView(row);
}

/**
 * PATCH: renames a product or changes its status, with its row locked (an issue holds it shared),
 * so a pause takes effect between two issues. Its terms are fixed: issued vouchers read them.
 */
export async function updateVoucherProduct(
  db: Db,
  merchantId: string,
  productId: string,
  input: UpdateVoucherProductRequest,
): Promise<VoucherProduct> {
  return db.transaction(async (tx) => {
    const [product] = await tx.query<ProductRow>(`select * from voucher_products where merchant_id = $1 and id = $2 for update`, [
      merchantId,
      productId,
    ]);
    if (!product) throw notFound('voucher product');
    const [row] = await tx.query<ProductRow>(
      `update voucher_products set title = $3, status = $4 where merchant_id = $1 and id = $2 returning *`,
      [merchantId, productId, input.title ?? product.title, nextStatus(product.status, input.status, 'voucher product')],
    );
    return productView(row as ProductRow);
  });
}

/** Products as the merchant's list shows them: each with how many of its vouchers are at each status. */
async function withVoucherCounts(
  db: Sql,
  clock: Clock,
  merchantId: string,
  products: (ProductRow & { created_at: Date })[],
): Promise<VoucherProductSummary[]> {
  // An active voucher past its product's validUntil has expired, as its own view says.
  const counts = await db.query<{
    product_id: string;
    issued: number;
    active: number;
    used_up: number;
    voided: number;
    expired: number;
  }>(
    `select v.product_id, count(*)::int as issued,
       (count(*) filter (where v.status = 'active' and (p.valid_until is null or p.valid_until > $3::timestamptz)))::int as active,
       (count(*) filter (where v.status = 'used_up'))::int as used_up,
       (count(*) filter (where v.status = 'voided'))::int as voided,
       (count(*) filter (where v.status = 'active' and p.valid_until <= $3::timestamptz))::int as expired
     from vouchers v join voucher_products p on p.merchant_id = v.merchant_id and p.id = v.product_id
     where v.merchant_id = $1 and v.product_id = any($2::text[]) group by v.product_id`,
    [merchantId, products.map((product) => product.id), iso(clock.now())],
  );
  return products.map((product) => {
    const count = counts.find((c) => c.product_id === product.id);
    return {
      ...productView(product),
      createdAt: iso(product.created_at),
      vouchers: {
        issued: count?.issued ?? 0,
        active: count?.active ?? 0,
        usedUp: count?.used_up ?? 0,
        voided: count?.voided ?? 0,
        expired: count?.expired ?? 0,
      },
    };
  });
}

/** The merchant's voucher products, newest first, each with how many of its vouchers are at each status. */
export async function listVoucherProducts(
  db: Sql,
  clock: Clock,
  merchantId: string,
  page: CampaignPageRequest,
): Promise<VoucherProductPage> {
  const { rows, nextCursor } = await keysetPage<ProductRow & { created_at: Date }>(
    db,
    campaignsOf('voucher_products', merchantId, page.status),
    page,
  );
  return { data: await withVoucherCounts(db, clock, merchantId, rows), nextCursor };
}

/** One of the merchant's voucher products, as its list shows it. */
export async function getVoucherProduct(
  db: Sql,
  clock: Clock,
  merchantId: string,
  productId: string,
): Promise<VoucherProductSummary> {
  const [product] = await db.query<ProductRow & { created_at: Date }>(
    `select * from voucher_products where merchant_id = $1 and id = $2`,
    [merchantId, productId],
  );
  if (!product) throw notFound('voucher product');
  const [summary] = await withVoucherCounts(db, clock, merchantId, [product]);
  return summary as VoucherProductSummary;
}

// ---------------------------------------------------------------------------------------------
// Vouchers

async function loadVoucher(sql: Sql, merchantId: string, voucherId: string, lock: boolean): Promise<VoucherRow | undefined> {
  // Every use and the void go through this row lock, so uses_left moves one redemption at a time.
  const rows = await sql.query<VoucherRow>(
    `select v.*, p.title, p.value, p.currency, p.valid_from, p.valid_until, p.stores
     from vouchers v join voucher_products p on p.merchant_id = v.merchant_id and p.id = v.product_id
     where v.merchant_id = $1 and v.id = $2${lock ? ' for update of v' : ''}`,
    [merchantId, voucherId],
  );
  return rows[0];
}

/** What a status really is now: an active voucher past its validUntil has expired. */
const settledStatus = (v: VoucherRow, now: Date): Voucher['status'] =>
  v.status === 'active' && v.valid_until && v.valid_until <= now ? 'expired' : v.status;

const redemptionView = (r: RedemptionRow): Redemption => ({
  id: r.id,
  voucherId: r.voucher_id,
  store: r.store,
  redeemedAt: iso(r.redeemed_at),
});

/** The voucher as anyone following it may see it (what live events and webhooks carry). */
async function voucherView(sql: Sql, clock: Clock, v: VoucherRow): Promise<Voucher> {
  const now = clock.now();
  const [last] = await sql.query<RedemptionRow>(
    `select id, voucher_id, store, redeemed_at from voucher_redemptions where merchant_id = $1 and voucher_id = $2
     order by redeemed_at desc, id desc limit 1`,
    [v.merchant_id, v.id],
  );
  return {
    id: v.id,
    productId: v.product_id,
    title: v.title,
    status: settledStatus(v, now),
    uses: v.uses,
    usesLeft: v.uses_left,
    value: money(v.value),
    currency: v.currency,
    validFrom: isoOrNull(v.valid_from),
    validUntil: isoOrNull(v.valid_until),
    stores: v.stores,
    lastRedemption: last ? redemptionView(last) : null,
    serverNow: iso(now),
  };
}

/** Tells every page following the voucher (topic voucher:<id>) its new state. */
async function publishVoucher(tx: Sql, clock: Clock, view: Voucher, merchantId: string): Promise<void> {
  await publishLiveEvent(tx, clock, merchantId, `voucher:${view.id}`, 'voucher.updated', view);
}

/**
 * Issues a voucher after a purchase, once per product and orderRef: repeating the call (or racing
 * it) gives back the same voucher. The same orderRef for another shopper is idempotency_conflict.
 */
export async function issueVoucher(
  db: Db,
  clock: Clock,
  merchantId: string,
  input: { productId: string; shopperId: string; orderRef: string },
): Promise<{ voucher: Voucher; created: boolean }> {
  return db.transaction(async (tx) => {
    // A shared lock: issues run side by side, and a pause or an end (which locks it for update) waits for them.
    const [product] = await tx.query<ProductRow>(`select * from voucher_products where merchant_id = $1 and id = $2 for share`, [
      merchantId,
      input.productId,
    ]);
    if (!product) throw notFound('voucher product');
    const ofOrder = () =>
      tx.query<VoucherRow>(
        `select v.*, p.title, p.value, p.currency, p.valid_from, p.valid_until, p.stores
         from vouchers v join voucher_products p on p.merchant_id = v.merchant_id and p.id = v.product_id
         where v.merchant_id = $1 and v.product_id = $2 and v.order_ref = $3`,
        [merchantId, product.id, input.orderRef],
      );
    let [row] = await ofOrder();
    let created = false;
    if (!row) {
      // Paused or ended: no new voucher (the order's voucher, if issued before, is still answered above).
      if (product.status !== 'active') {
        throw new ApiError('campaign_not_active', notRunningMessage(product.status, 'voucher product'));
      }
      let inserted: { id: string }[];
      try {
        inserted = await tx.savepoint((sp) =>
          sp.query<{ id: string }>(
            `insert into vouchers (merchant_id, id, product_id, shopper_id, order_ref, status, uses, uses_left, created_at)
             values ($1,$2,$3,$4,$5,'active',$6,$6,$7::timestamptz)
             on conflict (merchant_id, product_id, order_ref) do nothing returning id`,
            [merchantId, newId('vch'), product.id, input.shopperId, input.orderRef, product.uses, iso(clock.now())],
          ),
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        inserted = [];
      }
      created = inserted.length > 0;
      [row] = await ofOrder();
    }
    if (!row) throw new Error(`voucher for order ${input.orderRef} vanished`);
    if (row.shopper_id !== input.shopperId) {
      throw new ApiError(
        'idempotency_conflict',
        `Order ${input.orderRef} already has a voucher of this product for another shopper.`,
      );
    }
    return { voucher: await voucherView(tx, clock, row), created };
  });
}

/** A shopper's own voucher; anyone else's is 404, as if it did not exist. */
async function ownVoucher(db: Sql, merchantId: string, voucherId: string, shopper: Shopper): Promise<VoucherRow> {
  const row = await loadVoucher(db, merchantId, voucherId, false);
  if (!row || row.shopper_id !== shopper.id) throw notFound('voucher');
  return row;
}

export async function getVoucher(db: Db, clock: Clock, merchantId: string, voucherId: string, shopper: Shopper) {
  return voucherView(db, clock, await ownVoucher(db, merchantId, voucherId, shopper));
}

export async function listVouchers(db: Db, clock: Clock, merchantId: string, shopper: Shopper): Promise<{ vouchers: Voucher[] }> {
  const rows = await db.query<VoucherRow>(
    `select v.*, p.title, p.value, p.currency, p.valid_from, p.valid_until, p.stores
     from vouchers v join voucher_products p on p.merchant_id = v.merchant_id and p.id = v.product_id
     where v.merchant_id = $1 and v.shopper_id = $2 order by v.created_at desc, v.id desc limit ${VOUCHERS_LISTED}`,
    [merchantId, shopper.id],
  );
  return { vouchers: await Promise.all(rows.map((row) => voucherView(db, clock, row))) };
}

/** A voucher row of the merchant's list, with its product's title and end, and its last redemption. */
interface IssuedVoucherRow {
  id: string;
  product_id: string;
  product_title: string;
  shopper_id: string;
  order_ref: string;
  status: VoucherRow['status'];
  uses: number;
  uses_left: number;
  created_at: Date;
  voided_at: Date | null;
  valid_until: Date | null;
  last_redemption_id: string | null;
  last_store: string | null;
  last_redeemed_at: Date | null;
}

/**
 * The vouchers the merchant issued, newest first, of one product and at one status when asked: for
 * the merchant to find one and void it. `status` is the settled one (`expired` is stored as active,
 * past its product's end). Never a code: codes are minted for the shopper alone.
 */
export async function listIssuedVouchers(
  db: Sql,
  clock: Clock,
  merchantId: string,
  query: PageRequest & { product?: string; status?: Voucher['status'] },
): Promise<IssuedVoucherPage> {
  const stored = query.status === 'expired' ? 'active' : (query.status ?? null);
  // Whether the product's validity has ended matters only to tell active from expired.
  const ended = query.status === 'expired' ? true : query.status === 'active' ? false : null;
  const { rows, nextCursor } = await keysetPage<IssuedVoucherRow>(
    db,
    {
      table: `(select v.merchant_id, v.id, v.product_id, p.title as product_title, v.shopper_id, v.order_ref, v.status,
                 v.uses, v.uses_left, v.created_at, v.voided_at, p.valid_until,
                 r.id as last_redemption_id, r.store as last_store, r.redeemed_at as last_redeemed_at
               from vouchers v
               join voucher_products p on p.merchant_id = v.merchant_id and p.id = v.product_id
               left join lateral (
                 select id, store, redeemed_at from voucher_redemptions
                 where merchant_id = v.merchant_id and voucher_id = v.id order by redeemed_at desc, id desc limit 1
               ) r on true) as issued_vouchers`,
      where: `merchant_id = $1 and ($2::text is null or product_id = $2) and ($3::text is null or status = $3)
        and ($4::boolean is null or $4 = (valid_until is not null and valid_until <= $5::timestamptz))`,
      params: [merchantId, query.product ?? null, stored, ended, iso(clock.now())],
    },
    query,
  );
  const now = clock.now();
  const data = rows.map(
    (row): IssuedVoucher => ({
      id: row.id,
      productId: row.product_id,
      productTitle: row.product_title,
      shopperId: row.shopper_id,
      orderRef: row.order_ref,
      status: row.status === 'active' && row.valid_until && row.valid_until <= now ? 'expired' : row.status,
      uses: row.uses,
      usesLeft: row.uses_left,
      createdAt: iso(row.created_at),
      voidedAt: isoOrNull(row.voided_at),
      lastRedemption:
        row.last_redemption_id && row.last_redeemed_at
          ? { id: row.last_redemption_id, voucherId: row.id, store: row.last_store ?? '', redeemedAt: iso(row.last_redeemed_at) }
          : null,
    }),
  );
  return { data, nextCursor };
}

/**
 * A fresh signed code for the shopper's own voucher. A voided, used-up or expired voucher gets no
 * code (the widget shows that state instead); a not-yet-valid one does, and the scan says why it fails.
 */
export async function voucherCode(
  db: Db,
  clock: Clock,
  merchantId: string,
  voucherId: string,
  shopper: Shopper,
): Promise<VoucherCode> {
  const row = await ownVoucher(db, merchantId, voucherId, shopper);
  const status = settledStatus(row, clock.now());
  if (status === 'voided') throw voucherVoided();
  if (status === 'expired') throw voucherExpired();
  if (status === 'used_up') throw voucherUsedUp();
  const minted = await mintVoucherCode(db, clock, merchantId, row.id);
  return { code: minted.code, shortCode: minted.shortCode, expiresAt: iso(minted.expiresAt), serverNow: iso(clock.now()) };
}

const voucherVoided = () => new ApiError('voucher_voided', 'This voucher was voided (refunded); it cannot be redeemed.');
const voucherExpired = () => new ApiError('voucher_expired', 'This voucher is past its validity period.');
const voucherUsedUp = () => new ApiError('voucher_used_up', 'This voucher has no uses left.');

/**
 * A refund: voids the unused remainder. Voiding a voided voucher again changes nothing; a used-up
 * voucher has nothing left to void (409 voucher_used_up).
 */
export async function voidVoucher(db: Db, clock: Clock, merchantId: string, voucherId: string): Promise<Voucher> {
  return db.transaction(async (tx) => {
    const row = await loadVoucher(tx, merchantId, voucherId, true);
    if (!row) throw notFound('voucher');
    if (row.status === 'voided') return voucherView(tx, clock, row);
    if (row.status === 'used_up') throw voucherUsedUp();
    const now = clock.now();
    await tx.query(
      `update vouchers set status = 'voided', voided_uses = uses_left, uses_left = 0, voided_at = $3::timestamptz
       where merchant_id = $1 and id = $2`,
      [merchantId, voucherId, iso(now)],
    );
    const view = await voucherView(tx, clock, { ...row, status: 'voided', uses_left: 0 });
    await publishVoucher(tx, clock, view, merchantId);
    return view;
  });
}

// ---------------------------------------------------------------------------------------------
// Redemptions

/**
 * Staff scan a code (or type its 12 digits). The signature and expiry are checked first (code_invalid / code_expired);
 * then, in one transaction with the voucher row locked: voided, the validity window (before
 * "already used"), the store, the code's single use (its jti's primary key), the uses left; and
 * finally the decrement, the redemption row, the voucher.redeemed webhook and the live event.
 * Any refusal rolls the whole transaction back, so nothing is used.
 */
export async function redeem(db: Db, clock: Clock, staff: ResolvedKey, code: string): Promise<RedeemResponse> {
  const merchantId = staff.merchant.id;
  const typed = typedShortCode(code);
  const verified = typed
    ? await verifyShortVoucherCode(db, clock, merchantId, typed)
    : await verifyVoucherCode(db, clock, merchantId, code);
  return db.transaction(async (tx) => {
    const now = clock.now();
    const v = await loadVoucher(tx, merchantId, verified.voucherId, true);
    // A genuine code always names a voucher of its merchant; anything else is not a code we made.
    if (!v) throw new ApiError('code_invalid', 'This is not a valid voucher code for this merchant.');
    if (v.status === 'voided') throw voucherVoided();
    if (v.valid_from && v.valid_from > now) {
      throw new ApiError('voucher_not_yet_valid', `This voucher is valid from ${iso(v.valid_from)}.`);
    }
    if (v.valid_until && v.valid_until <= now) throw voucherExpired();
    if (v.stores && !(staff.store && v.stores.includes(staff.store))) {
      throw new ApiError('wrong_store', `This voucher cannot be redeemed at ${staff.store ?? 'this device'}.`);
    }
    const fresh = await tx.query(
      `insert into voucher_used_codes (merchant_id, jti, voucher_id, expires_at, used_at)
       values ($1, $2, $3, $4::timestamptz, $5::timestamptz) on conflict do nothing returning jti`,
      [merchantId, verified.jti, v.id, iso(verified.expiresAt), iso(now)],
    );
    if (fresh.length === 0) {
      throw new ApiError('code_replayed', 'This code was already scanned; ask the shopper to show a fresh one.');
    }
    if (v.status === 'used_up' || v.uses_left <= 0) throw voucherUsedUp();
    const usesLeft = v.uses_left - 1;
    await tx.query(
      `update vouchers set uses_left = $3, status = case when $3::int = 0 then 'used_up' else status end
       where merchant_id = $1 and id = $2`,
      [merchantId, v.id, usesLeft],
    );
    const redemptionRow: RedemptionRow = {
      id: newId('vrd'),
      voucher_id: v.id,
      store: staff.store ?? '',
      redeemed_at: now,
    };
    await tx.query(
      `insert into voucher_redemptions (merchant_id, id, voucher_id, store, code_jti, redeemed_at, staff_key_id)
       values ($1, $2, $3, $4, $5, $6::timestamptz, $7)`,
      [merchantId, redemptionRow.id, v.id, redemptionRow.store, verified.jti, iso(now), staff.keyId ?? null],
    );
    // A friend's gift that is this voucher (docs/promoter-growth.md) reads as used from its first redemption.
    await tx.query(
      `update friend_rewards set used_at = $3::timestamptz where merchant_id = $1 and voucher_id = $2 and used_at is null`,
      [merchantId, v.id, iso(now)],
    );
    const voucher = await voucherView(tx, clock, { ...v, uses_left: usesLeft, status: usesLeft === 0 ? 'used_up' : v.status });
    const redemption = redemptionView(redemptionRow);
    await enqueueWebhook(tx, clock, merchantId, 'voucher.redeemed', { voucher, redemption });
    await publishVoucher(tx, clock, voucher, merchantId);
    return { redemption, voucher };
  });
}

/** A redemption row of the merchant's list, with its voucher's product and shopper. */
interface ListedRedemptionRow extends RedemptionRow {
  created_at: Date;
  product_id: string;
  product_title: string;
  shopper_id: string;
  staff_key_id: string | null;
}

/** The merchant's redemptions, newest first, optionally at one store. */
export async function listRedemptions(
  db: Sql,
  merchantId: string,
  query: PageRequest & { store?: string },
): Promise<RedemptionPage> {
  const { rows, nextCursor } = await keysetPage<ListedRedemptionRow>(
    db,
    {
      // Paged by when it was redeemed: that is the redemption's creation.
      table: `(select r.merchant_id, r.id, r.voucher_id, r.store, r.staff_key_id, r.redeemed_at, r.redeemed_at as created_at,
                 v.product_id, v.shopper_id, p.title as product_title
               from voucher_redemptions r
               join vouchers v on v.merchant_id = r.merchant_id and v.id = r.voucher_id
               join voucher_products p on p.merchant_id = v.merchant_id and p.id = v.product_id) as listed_redemptions`,
      where: 'merchant_id = $1 and ($2::text is null or store = $2)',
      params: [merchantId, query.store ?? null],
    },
    query,
  );
  const data = rows.map((r) => ({
    ...redemptionView(r),
    productId: r.product_id,
    productTitle: r.product_title,
    shopperId: r.shopper_id,
    staffKeyId: r.staff_key_id,
  }));
  return { data, nextCursor };
}
