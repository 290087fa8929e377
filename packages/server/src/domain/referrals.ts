import { randomBytes } from 'node:crypto';
import type {
  BecomePromoterResponse,
  CommissionView,
  CreateReferralProgramRequest,
  Order,
  Payout,
  Promoter,
  PromoterStats,
  ReferralClick,
  ReferralProgram,
  ReportOrderRequest,
} from '@flock/protocol';
import { addSeconds, type Clock } from '../clock.js';
import { newId } from '../crypto.js';
import type { Db, Sql } from '../db.js';
import { ApiError, notFound } from '../errors.js';
import { EXPENSE_ACCOUNT, type PromoterBucket, postMovement, promoterAccount, promoterBalances } from './ledger.js';
import { publishLiveEvent } from './live-events.js';
import { type BigIntish, money, moneyOrNull } from './money.js';
import { enqueueWebhook } from './outbox.js';
import type { Shopper } from './shoppers.js';

// ---------------------------------------------------------------------------------------------
// Rules

const DAY_SECONDS = 24 * 3600;

/**
 * Fraud signals. A signal never denies a commission: it holds every commission of the order in
 * `under_review` (never released by time) until the merchant approves or rejects it.
 *
 * - `self_referral_device`: the order looks placed by the level-1 promoter under another account —
 *   the order's IP is the one the promoter joined from, or the attributed click was made in the
 *   promoter's own signed-in browser, or the order's IP or device id matches one of the promoter's
 *   own orders (reported with the promoter's shopperId).
 * - `order_velocity`: more than `velocityMaxOrders` orders attributed to the same promoter from the
 *   same IP or the same device id within `velocityWindowSeconds` (this order included).
 * - `refund_rate`: over the last `refundRateWindowDays`, the promoter's attributed orders (at least
 *   `refundRateMinOrders`, this one excluded) had more than `refundRateMaxBps` of their amount refunded.
 *
 * An order whose shopperId *is* the level-1 promoter's shopper is not a signal but a rule: it earns
 * nothing at any level (and a level-2 referrer earns nothing on their own purchase).
 */
export const FRAUD_RULES = {
  velocityMaxOrders: 5,
  velocityWindowSeconds: 3600,
  refundRateWindowDays: 90,
  refundRateMinOrders: 5,
  refundRateMaxBps: 5000,
};

export type FraudFlag = 'self_referral_device' | 'order_velocity' | 'refund_rate';

/**
 * The rounding rule: every commission is rounded down to a whole minor unit (floor), and the
 * remainder stays with the merchant; so does every reversal, computed on the running refund total
 * so that partial refunds never create or lose a fen:
 * - percent: floor(orderAmount × bps / 10000) (level 1) and floor(orderAmount × secondLevelBps / 10000) (level 2);
 * - fixed: the fixed amount, capped at the order amount (commission never exceeds what was paid);
 * - after refunds totalling R, a commission C has had exactly floor(C × R / orderAmount) reversed.
 * Computed in BigInt: C × R can pass 2^53.
 */
export const mulDivFloor = (a: number, b: number, c: number): number => Number((BigInt(a) * BigInt(b)) / BigInt(c));

/** The alphabet of promoter codes: uppercase, without 0/O and 1/I, which read alike. 32 symbols. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

/** An 8-symbol code (32^8 ≈ 10^12 codes); 256 is a multiple of 32, so every symbol is equally likely. */
export function newPromoterCode(): string {
  let code = '';
  for (const byte of randomBytes(CODE_LENGTH)) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  return code;
}

/** Codes are matched case-insensitively (people type them at checkout). */
const normalizeCode = (code: string) => code.trim().toUpperCase();

/** The URL parameter a promoter's link carries (the SDK reads it on landing). */
const REF_PARAM = 'flock_ref';

// ---------------------------------------------------------------------------------------------
// Rows

const iso = (d: Date) => d.toISOString();

interface ProgramRow {
  merchant_id: string;
  id: string;
  name: string;
  commission_type: 'percent' | 'fixed';
  commission_bps: number | null;
  commission_amount: BigIntish | null;
  second_level_bps: number | null;
  hold_days: number;
  attribution_window_days: number;
  currency: string | null;
  product_title: string;
  product_image_url: string | null;
  product_price: BigIntish | null;
  product_currency: string | null;
  product_url: string;
}

interface PromoterRow {
  merchant_id: string;
  id: string;
  program_id: string;
  shopper_id: string;
  display_name: string;
  code: string;
  referred_by: string | null;
  joined_ip: string | null;
}

interface ClickRow {
  id: string;
  program_id: string;
  promoter_id: string;
  shopper_id: string | null;
  expires_at: Date;
}

interface OrderRow {
  merchant_id: string;
  id: string;
  order_ref: string;
  program_id: string | null;
  promoter_id: string | null;
  amount: BigIntish;
  currency: string;
  refunded_amount: BigIntish;
  shopper_id: string | null;
  ip: string | null;
  device_id: string | null;
  created_at: Date;
}

type CommissionStatus = CommissionView['status'];

interface CommissionRow {
  merchant_id: string;
  id: string;
  program_id: string;
  order_id: string;
  promoter_id: string;
  level: number;
  amount: BigIntish;
  reversed_amount: BigIntish;
  currency: string;
  status: CommissionStatus;
  flags: string[] | string;
  available_at: Date;
  /** Joined from the order. */
  order_ref: string;
}

/** text[] comes back as an array from both drivers; the literal form is handled in case it does not. */
const flagsOf = (flags: string[] | string): string[] =>
  Array.isArray(flags)
    ? flags
    : flags
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);

// ---------------------------------------------------------------------------------------------
// Views

function programView(p: ProgramRow, now: Date): ReferralProgram {
  return {
    id: p.id,
    name: p.name,
    commission:
      p.commission_type === 'percent'
        ? { type: 'percent', bps: p.commission_bps ?? 0 }
        : { type: 'fixed', amount: money(p.commission_amount ?? 0), currency: p.currency ?? undefined },
    secondLevelBps: p.second_level_bps,
    holdDays: p.hold_days,
    attributionWindowDays: p.attribution_window_days,
    product: {
      title: p.product_title,
      imageUrl: p.product_image_url,
      price: moneyOrNull(p.product_price),
      currency: p.product_currency,
      url: p.product_url,
    },
    serverNow: iso(now),
  };
}

const promoterView = (p: PromoterRow): Promoter => ({ id: p.id, code: p.code, programId: p.program_id });

/** The program's product URL with `flock_ref=<code>` added (replacing any), keeping its other parameters. */
function shareUrlFor(program: ProgramRow, code: string): string {
  const url = new URL(program.product_url);
  url.searchParams.set(REF_PARAM, code);
  return url.toString();
}

function commissionView(c: CommissionRow): CommissionView {
  return {
    id: c.id,
    promoterId: c.promoter_id,
    level: c.level,
    amount: money(c.amount),
    reversedAmount: money(c.reversed_amount),
    currency: c.currency,
    status: c.status,
    availableAt: iso(c.available_at),
    flags: flagsOf(c.flags),
  };
}

const COMMISSION_COLUMNS = `c.*, o.order_ref`;
const COMMISSION_FROM = `commissions c join orders o on o.merchant_id = c.merchant_id and o.id = c.order_id`;

async function orderView(sql: Sql, order: OrderRow): Promise<Order> {
  const commissions = await sql.query<CommissionRow>(
    `select ${COMMISSION_COLUMNS} from ${COMMISSION_FROM} where c.merchant_id = $1 and c.order_id = $2 order by c.level`,
    [order.merchant_id, order.id],
  );
  return {
    orderRef: order.order_ref,
    amount: money(order.amount),
    currency: order.currency,
    refundedAmount: money(order.refunded_amount),
    promoterId: order.promoter_id,
    commissions: commissions.map(commissionView),
    createdAt: iso(order.created_at),
  };
}

/** A promoter's figures; every money figure is a sum of ledger entries. */
async function statsView(sql: Sql, clock: Clock, program: ProgramRow, promoter: PromoterRow | null): Promise<PromoterStats> {
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
async function publishPromoter(tx: Sql, clock: Clock, merchantId: string, promoterId: string): Promise<void> {
  const promoter = await loadPromoter(tx, merchantId, promoterId);
  const program = await loadProgram(tx, merchantId, promoter.program_id);
  const stats = await statsView(tx, clock, program, promoter);
  await publishLiveEvent(tx, clock, merchantId, `promoter:${promoterId}`, 'promoter.updated', stats);
}

async function publishPromoters(tx: Sql, clock: Clock, merchantId: string, promoterIds: Iterable<string>): Promise<void> {
  for (const id of new Set(promoterIds)) await publishPromoter(tx, clock, merchantId, id);
}

// ---------------------------------------------------------------------------------------------
// Loaders

async function loadProgram(sql: Sql, merchantId: string, programId: string): Promise<ProgramRow> {
  const rows = await sql.query<ProgramRow>(`select * from referral_programs where merchant_id = $1 and id = $2`, [
    merchantId,
    programId,
  ]);
  if (!rows[0]) throw notFound('referral program');
  return rows[0];
}

async function loadPromoter(sql: Sql, merchantId: string, promoterId: string, lock = false): Promise<PromoterRow> {
  const rows = await sql.query<PromoterRow>(
    `select * from promoters where merchant_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [merchantId, promoterId],
  );
  if (!rows[0]) throw notFound('promoter');
  return rows[0];
}

async function promoterByCode(sql: Sql, merchantId: string, code: string): Promise<PromoterRow | undefined> {
  const rows = await sql.query<PromoterRow>(`select * from promoters where merchant_id = $1 and code = $2`, [
    merchantId,
    normalizeCode(code),
  ]);
  return rows[0];
}

async function promoterOfShopper(sql: Sql, merchantId: string, programId: string, shopperId: string) {
  const rows = await sql.query<PromoterRow>(
    `select * from promoters where merchant_id = $1 and program_id = $2 and shopper_id = $3`,
    [merchantId, programId, shopperId],
  );
  return rows[0];
}

async function orderByRef(sql: Sql, merchantId: string, orderRef: string, lock = false): Promise<OrderRow | undefined> {
  const rows = await sql.query<OrderRow>(
    `select * from orders where merchant_id = $1 and order_ref = $2${lock ? ' for update' : ''}`,
    [merchantId, orderRef],
  );
  return rows[0];
}

async function loadCommission(sql: Sql, merchantId: string, commissionId: string, lock: 'wait' | 'skip' | false) {
  const suffix = lock === 'wait' ? ' for update of c' : lock === 'skip' ? ' for update of c skip locked' : '';
  const rows = await sql.query<CommissionRow>(
    `select ${COMMISSION_COLUMNS} from ${COMMISSION_FROM} where c.merchant_id = $1 and c.id = $2${suffix}`,
    [merchantId, commissionId],
  );
  return rows[0];
}

// ---------------------------------------------------------------------------------------------
// Programs

const invalid = (path: string[], message: string) => new ApiError('invalid_request', message, [{ path, message }]);

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

// ---------------------------------------------------------------------------------------------
// Promoters and clicks

/**
 * Makes the shopper a promoter of the program, or hands back the promoter they already are (one
 * per shopper per program, backed by a unique index). Only the direct referrer is kept.
 */
export async function becomePromoter(
  db: Db,
  clock: Clock,
  merchantId: string,
  programId: string,
  shopper: Shopper,
  input: { referredBy?: string },
  ip: string | null,
): Promise<BecomePromoterResponse & { created: boolean }> {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, merchantId, programId);
    const answer = (promoter: PromoterRow, created: boolean) => ({
      promoter: promoterView(promoter),
      shareUrl: shareUrlFor(program, promoter.code),
      created,
    });
    const existing = await promoterOfShopper(tx, merchantId, programId, shopper.id);
    if (existing) return answer(existing, false);
    let referredBy: string | null = null;
    if (input.referredBy) {
      const referrer = await promoterByCode(tx, merchantId, input.referredBy);
      if (!referrer || referrer.program_id !== programId) {
        throw new ApiError('not_found', `No promoter of this program has the code ${normalizeCode(input.referredBy)}.`, {
          field: 'referredBy',
        });
      }
      if (referrer.shopper_id === shopper.id) throw invalid(['referredBy'], "A shopper can't refer themself.");
      referredBy = referrer.id;
    }
    // A clash on the code (one in 10^12) takes another code; a clash on the shopper means the same
    // shopper joined concurrently, and that promoter is the answer.
    for (let attempt = 0; attempt < 5; attempt++) {
      const [created] = await tx.query<PromoterRow>(
        `insert into promoters (merchant_id, id, program_id, shopper_id, display_name, code, referred_by, joined_ip, created_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9::timestamptz) on conflict do nothing returning *`,
        [
          merchantId,
          newId('pro'),
          programId,
          shopper.id,
          shopper.displayName,
          newPromoterCode(),
          referredBy,
          ip,
          iso(clock.now()),
        ],
      );
      if (created) return answer(created, true);
      const raced = await promoterOfShopper(tx, merchantId, programId, shopper.id);
      if (raced) return answer(raced, false);
    }
    throw new Error('could not allocate a unique promoter code');
  });
}

export interface ClickContext {
  ip: string | null;
  userAgent: string | null;
  /** The visitor, when their browser sent a shopper token. */
  shopperId: string | null;
}

/** Records a visit through a promoter's link; its id attributes orders until the window closes. */
export async function recordClick(
  db: Db,
  clock: Clock,
  merchantId: string,
  input: { code: string; landingUrl: string },
  context: ClickContext,
): Promise<ReferralClick> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const promoter = await promoterByCode(tx, merchantId, input.code);
    if (!promoter) throw new ApiError('not_found', `No promoter has the code ${normalizeCode(input.code)}.`);
    const program = await loadProgram(tx, merchantId, promoter.program_id);
    const id = newId('att');
    const expiresAt = addSeconds(now, program.attribution_window_days * DAY_SECONDS);
    await tx.query(
      `insert into referral_clicks (merchant_id, id, program_id, promoter_id, landing_url, ip, user_agent, shopper_id,
         created_at, expires_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9::timestamptz,$10::timestamptz)`,
      [
        merchantId,
        id,
        program.id,
        promoter.id,
        input.landingUrl,
        context.ip,
        context.userAgent?.slice(0, 512) ?? null,
        context.shopperId,
        iso(now),
        iso(expiresAt),
      ],
    );
    await publishPromoter(tx, clock, merchantId, promoter.id);
    return { attributionId: id, programId: program.id, expiresAt: iso(expiresAt) };
  });
}

/** The signed-in shopper's figures for a program; zeros (and promoter null) when not a promoter yet. */
export async function promoterStatsOf(
  db: Db,
  clock: Clock,
  merchantId: string,
  programId: string,
  shopper: Shopper,
): Promise<PromoterStats> {
  const program = await loadProgram(db, merchantId, programId);
  const promoter = await promoterOfShopper(db, merchantId, programId, shopper.id);
  return statsView(db, clock, program, promoter ?? null);
}

// ---------------------------------------------------------------------------------------------
// Orders

/** Locks the program's ledger currency in (first attributed order) and refuses orders in another. */
async function checkProgramCurrency(tx: Sql, program: ProgramRow, currency: string): Promise<void> {
  let programCurrency = program.currency;
  if (programCurrency === null) {
    const [set] = await tx.query<{ currency: string }>(
      `update referral_programs set currency = $3 where merchant_id = $1 and id = $2 and currency is null returning currency`,
      [program.merchant_id, program.id, currency],
    );
    programCurrency = set?.currency ?? (await loadProgram(tx, program.merchant_id, program.id)).currency;
  }
  if (programCurrency !== currency) {
    throw new ApiError(
      'order_currency_mismatch',
      `This referral program pays commission in ${programCurrency}; the order is in ${currency}.`,
      { programCurrency, orderCurrency: currency },
    );
  }
}

async function fraudFlags(tx: Sql, now: Date, order: OrderRow, promoter: PromoterRow, click: ClickRow | null) {
  const flags: FraudFlag[] = [];
  const ip = order.ip || null;
  const device = order.device_id || null;

  let selfDevice = (ip !== null && ip === promoter.joined_ip) || click?.shopper_id === promoter.shopper_id;
  if (!selfDevice && (ip || device)) {
    const own = await tx.query(
      `select 1 from orders where merchant_id = $1 and shopper_id = $2 and id <> $3
         and (ip = $4::text or device_id = $5::text) limit 1`,
      [order.merchant_id, promoter.shopper_id, order.id, ip, device],
    );
    selfDevice = own.length > 0;
  }
  if (selfDevice) flags.push('self_referral_device');

  if (ip || device) {
    const [velocity] = await tx.query<{ n: number }>(
      `select count(*)::int as n from orders where merchant_id = $1 and promoter_id = $2 and created_at > $3::timestamptz
         and (ip = $4::text or device_id = $5::text)`,
      [order.merchant_id, promoter.id, iso(new Date(now.getTime() - FRAUD_RULES.velocityWindowSeconds * 1000)), ip, device],
    );
    if ((velocity?.n ?? 0) > FRAUD_RULES.velocityMaxOrders) flags.push('order_velocity');
  }

  const [history] = await tx.query<{ n: number; amount: BigIntish | null; refunded: BigIntish | null }>(
    `select count(*)::int as n, sum(amount) as amount, sum(refunded_amount) as refunded from orders
     where merchant_id = $1 and promoter_id = $2 and id <> $3 and created_at > $4::timestamptz`,
    [
      order.merchant_id,
      promoter.id,
      order.id,
      iso(new Date(now.getTime() - FRAUD_RULES.refundRateWindowDays * DAY_SECONDS * 1000)),
    ],
  );
  if (history && history.n >= FRAUD_RULES.refundRateMinOrders) {
    const amount = BigInt(history.amount ?? 0);
    const refunded = BigInt(history.refunded ?? 0);
    if (amount > 0n && refunded * 10_000n > amount * BigInt(FRAUD_RULES.refundRateMaxBps)) flags.push('refund_rate');
  }
  return flags;
}

/** A replayed report must be the same order: same amount and currency under the same orderRef. */
async function replayOrder(sql: Sql, existing: OrderRow, input: ReportOrderRequest): Promise<Order> {
  if (money(existing.amount) !== input.amount || existing.currency !== input.currency) {
    throw new ApiError(
      'idempotency_conflict',
      `Order ${input.orderRef} was already reported with amount ${money(existing.amount)} ${existing.currency}.`,
    );
  }
  return orderView(sql, existing);
}

/**
 * Records a reported order and the commissions it earns, once per orderRef: concurrent duplicate
 * reports race on the unique index, and exactly one of them writes the order and its commissions.
 *
 * Attribution: a live attributionId decides (an expired one attributes nothing), else a promoter
 * code typed at checkout. Level 1 is the attributed promoter, level 2 that promoter's referrer;
 * there is never a third level.
 */
export async function reportOrder(
  db: Db,
  clock: Clock,
  merchantId: string,
  input: ReportOrderRequest,
): Promise<{ order: Order; created: boolean }> {
  const known = await orderByRef(db, merchantId, input.orderRef);
  if (known) return { order: await replayOrder(db, known, input), created: false };

  const written = await db.transaction(async (tx) => {
    const now = clock.now();
    let click: ClickRow | null = null;
    let promoter: PromoterRow | null = null;
    if (input.attributionId !== undefined) {
      const [found] = await tx.query<ClickRow>(`select * from referral_clicks where merchant_id = $1 and id = $2`, [
        merchantId,
        input.attributionId,
      ]);
      if (!found) throw new ApiError('not_found', 'No attribution with that attributionId.', { field: 'attributionId' });
      if (found.expires_at > now) {
        click = found;
        promoter = await loadPromoter(tx, merchantId, found.promoter_id);
      }
    }
    if (!promoter && input.promoterCode !== undefined) {
      promoter = (await promoterByCode(tx, merchantId, input.promoterCode)) ?? null;
      if (!promoter) {
        throw new ApiError('not_found', `No promoter has the code ${normalizeCode(input.promoterCode)}.`, {
          field: 'promoterCode',
        });
      }
    }
    const program = promoter ? await loadProgram(tx, merchantId, promoter.program_id) : null;
    if (program) await checkProgramCurrency(tx, program, input.currency);

    const [order] = await tx.query<OrderRow>(
      `insert into orders (merchant_id, id, order_ref, program_id, promoter_id, amount, currency, refunded_amount, shopper_id,
         attribution_id, promoter_code, reservation_id, ip, device_id, created_at)
       values ($1,$2,$3,$4,$5,$6,$7,0,$8,$9,$10,$11,$12,$13,$14::timestamptz)
       on conflict (merchant_id, order_ref) do nothing returning *`,
      [
        merchantId,
        newId('ord'),
        input.orderRef,
        program?.id ?? null,
        promoter?.id ?? null,
        input.amount,
        input.currency,
        input.shopperId ?? null,
        input.attributionId ?? null,
        input.promoterCode ? normalizeCode(input.promoterCode) : null,
        input.reservationId ?? null,
        input.ip || null,
        input.deviceId || null,
        iso(now),
      ],
    );
    // A concurrent report of the same orderRef committed first: it wrote the order and its commissions.
    if (!order) return null;
    if (!promoter || !program) return order;

    // Self-referral earns nothing, at any level: the buyer is the attributed promoter.
    const earners: Array<{ promoter: PromoterRow; level: 1 | 2; amount: number }> = [];
    if (input.shopperId !== promoter.shopper_id) {
      const level1 =
        program.commission_type === 'percent'
          ? mulDivFloor(input.amount, program.commission_bps ?? 0, 10_000)
          : Math.min(money(program.commission_amount ?? 0), input.amount);
      earners.push({ promoter, level: 1, amount: level1 });
      if (program.second_level_bps && promoter.referred_by) {
        const referrer = await loadPromoter(tx, merchantId, promoter.referred_by);
        // Nor does a referrer earn on their own purchase through their recruit's link.
        if (input.shopperId !== referrer.shopper_id) {
          earners.push({ promoter: referrer, level: 2, amount: mulDivFloor(input.amount, program.second_level_bps, 10_000) });
        }
      }
    }
    const earning = earners.filter((e) => e.amount > 0);
    const flags = earning.length > 0 ? await fraudFlags(tx, now, order, promoter, click) : [];
    const status: CommissionStatus = flags.length > 0 ? 'under_review' : 'pending';
    const availableAt = addSeconds(now, program.hold_days * DAY_SECONDS);
    for (const earner of earning) {
      const id = newId('com');
      await tx.query(
        `insert into commissions (merchant_id, id, program_id, order_id, promoter_id, level, amount, reversed_amount, currency,
           status, flags, available_at, created_at)
         values ($1,$2,$3,$4,$5,$6,$7,0,$8,$9,$10::text[],$11::timestamptz,$12::timestamptz)`,
        [
          merchantId,
          id,
          program.id,
          order.id,
          earner.promoter.id,
          earner.level,
          earner.amount,
          input.currency,
          status,
          flags,
          iso(availableAt),
          iso(now),
        ],
      );
      await postMovement(tx, clock, {
        merchantId,
        programId: program.id,
        kind: 'accrue',
        from: EXPENSE_ACCOUNT,
        to: promoterAccount(earner.promoter.id, status),
        amount: earner.amount,
        commissionId: id,
      });
    }
    await publishPromoters(tx, clock, merchantId, [promoter.id, ...earning.map((e) => e.promoter.id)]);
    return order;
  });
  if (written) return { order: await orderView(db, written), created: true };
  const winner = await orderByRef(db, merchantId, input.orderRef);
  if (!winner) throw new Error(`order ${input.orderRef} vanished after a conflicting insert`);
  return { order: await replayOrder(db, winner, input), created: false };
}

/** The account holding a commission's money in its current status. */
function bucketOf(status: CommissionStatus): PromoterBucket {
  if (status === 'pending' || status === 'under_review' || status === 'available') return status;
  // Payouts move balances, not commissions, so 'paid' is never written; if it were, the money is spendable.
  return 'available';
}

/**
 * Records a refund and reverses every live commission of the order in proportion: after refunds
 * totalling R, a commission C has had floor(C × R / amount) reversed in all (each refund reverses
 * that target minus what was already reversed, so partial refunds neither create nor lose a fen).
 * It reverses from wherever the money is — pending, under review or available — so a late refund
 * can take the available balance negative; later earnings make it up.
 */
export async function refundOrder(db: Db, clock: Clock, merchantId: string, orderRef: string, amount: number): Promise<Order> {
  return db.transaction(async (tx) => {
    const order = await orderByRef(tx, merchantId, orderRef, true);
    if (!order) throw notFound('order');
    const orderAmount = money(order.amount);
    const refunded = money(order.refunded_amount) + amount;
    if (refunded > orderAmount) {
      throw new ApiError(
        'refund_exceeds_order',
        `Refunds would total ${refunded}, more than the order's ${orderAmount}; at most ${orderAmount - money(order.refunded_amount)} is left to refund.`,
        { refundable: orderAmount - money(order.refunded_amount) },
      );
    }
    const [updated] = await tx.query<OrderRow>(
      `update orders set refunded_amount = $3 where merchant_id = $1 and id = $2 returning *`,
      [merchantId, order.id, refunded],
    );
    await tx.query(
      `insert into order_refunds (merchant_id, id, order_id, amount, created_at) values ($1, $2, $3, $4, $5::timestamptz)`,
      [merchantId, newId('rfd'), order.id, amount, iso(clock.now())],
    );
    const commissions = await tx.query<CommissionRow>(
      `select ${COMMISSION_COLUMNS} from ${COMMISSION_FROM} where c.merchant_id = $1 and c.order_id = $2
       order by c.id for update of c`,
      [merchantId, order.id],
    );
    const touched: string[] = [];
    for (const c of commissions) {
      // A rejected commission went back to the merchant whole; a reversed one has nothing left.
      if (c.status === 'rejected' || c.status === 'reversed') continue;
      const commission = money(c.amount);
      const target = mulDivFloor(commission, refunded, orderAmount);
      const delta = target - money(c.reversed_amount);
      if (delta <= 0) continue;
      await postMovement(tx, clock, {
        merchantId,
        programId: c.program_id,
        kind: 'reversal',
        from: promoterAccount(c.promoter_id, bucketOf(c.status)),
        to: EXPENSE_ACCOUNT,
        amount: delta,
        commissionId: c.id,
      });
      await tx.query(`update commissions set reversed_amount = $3, status = $4 where merchant_id = $1 and id = $2`, [
        merchantId,
        c.id,
        target,
        target === commission ? 'reversed' : c.status,
      ]);
      touched.push(c.promoter_id);
    }
    await publishPromoters(tx, clock, merchantId, touched);
    return orderView(tx, updated as OrderRow);
  });
}

// ---------------------------------------------------------------------------------------------
// Commissions: release, review

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

// ---------------------------------------------------------------------------------------------
// Payouts

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
