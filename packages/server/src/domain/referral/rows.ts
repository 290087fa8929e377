import type { CampaignStatus, CommissionView, Order, Promoter, PromoterTier, ReferralProgram } from '@flock/protocol';
import { notFound } from '../../errors.js';
import type { Sql } from '../../infra/db.js';
import { type BigIntish, money, moneyOrNull } from '../money.js';

// The referral tables' rows, how they read as API views, and how they are loaded; shared by every
// file of the referral domain.

export const DAY_SECONDS = 24 * 3600;

/** Codes are matched case-insensitively (people type them at checkout). */
export const normalizeCode = (code: string) => code.trim().toUpperCase();

/** The URL parameter a promoter's link carries (the SDK reads it on landing). */
export const REF_PARAM = 'flock_ref';

export const iso = (d: Date) => d.toISOString();

export interface ProgramRow {
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
  status: CampaignStatus;
  tiers: PromoterTier[] | string | null;
  first_order_reward: BigIntish | null;
  boost_bps: number | null;
  boost_days: number | null;
  friend_voucher_product_id: string | null;
  friend_amount_off: BigIntish | null;
  friend_min_spend: BigIntish | null;
  friend_valid_days: number | null;
  /** Joined by loadProgram (the voucher product's title); absent elsewhere. */
  friend_voucher_title?: string | null;
}

/** jsonb comes back parsed from both drivers; a string is parsed in case it does not. */
export const tiersOf = (p: ProgramRow): PromoterTier[] =>
  p.tiers === null ? [] : typeof p.tiers === 'string' ? (JSON.parse(p.tiers) as PromoterTier[]) : p.tiers;

export interface PromoterRow {
  merchant_id: string;
  id: string;
  program_id: string;
  shopper_id: string;
  display_name: string;
  code: string;
  referred_by: string | null;
  joined_ip: string | null;
  show_on_leaderboard: boolean;
  created_at: Date;
}

export interface ClickRow {
  id: string;
  program_id: string;
  promoter_id: string;
  shopper_id: string | null;
  expires_at: Date;
}

export interface OrderRow {
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
  friend_coupon: string | null;
  created_at: Date;
}

export type CommissionStatus = CommissionView['status'];

export interface CommissionRow {
  merchant_id: string;
  id: string;
  program_id: string;
  order_id: string;
  promoter_id: string;
  level: number;
  kind: 'commission' | 'first_order_reward';
  rate_bps: number | null;
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

export function programView(p: ProgramRow, now: Date): ReferralProgram {
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
    status: p.status,
    tiers: p.tiers === null ? null : tiersOf(p),
    firstOrderReward: p.first_order_reward === null ? null : { amount: money(p.first_order_reward) },
    newPromoterBoost: p.boost_bps === null || p.boost_days === null ? null : { bps: p.boost_bps, days: p.boost_days },
    friendReward: friendRewardView(p),
    serverNow: iso(now),
  };
}

function friendRewardView(p: ProgramRow): ReferralProgram['friendReward'] {
  if (p.friend_voucher_product_id !== null) {
    return {
      kind: 'voucher',
      voucherProductId: p.friend_voucher_product_id,
      voucherTitle: p.friend_voucher_title ?? null,
      amountOff: null,
      minSpend: null,
      validDays: null,
    };
  }
  if (p.friend_amount_off === null) return null;
  return {
    kind: 'amount_off',
    voucherProductId: null,
    voucherTitle: null,
    amountOff: money(p.friend_amount_off),
    minSpend: money(p.friend_min_spend ?? 0),
    validDays: p.friend_valid_days ?? FRIEND_REWARD_DEFAULT_DAYS,
  };
}

/** How long an amount-off friend coupon lasts when the program does not say. */
export const FRIEND_REWARD_DEFAULT_DAYS = 30;

export const promoterView = (p: PromoterRow): Promoter => ({ id: p.id, code: p.code, programId: p.program_id });

/** The program's product URL with `flock_ref=<code>` added (replacing any), keeping its other parameters. */
export function shareUrlFor(program: ProgramRow, code: string): string {
  const url = new URL(program.product_url);
  url.searchParams.set(REF_PARAM, code);
  return url.toString();
}

export function commissionView(c: CommissionRow): CommissionView {
  return {
    id: c.id,
    promoterId: c.promoter_id,
    level: c.level,
    kind: c.kind,
    rateBps: c.rate_bps,
    amount: money(c.amount),
    reversedAmount: money(c.reversed_amount),
    currency: c.currency,
    status: c.status,
    availableAt: iso(c.available_at),
    flags: flagsOf(c.flags),
  };
}

export const COMMISSION_COLUMNS = `c.*, o.order_ref`;
export const COMMISSION_FROM = `commissions c join orders o on o.merchant_id = c.merchant_id and o.id = c.order_id`;

export async function orderView(sql: Sql, order: OrderRow): Promise<Order> {
  const commissions = await sql.query<CommissionRow>(
    `select ${COMMISSION_COLUMNS} from ${COMMISSION_FROM} where c.merchant_id = $1 and c.order_id = $2 order by c.level`,
    [order.merchant_id, order.id],
  );
  return orderViewWith(order, commissions);
}

/** An order's view from its row and its commissions (level 1 first), loaded by the caller. */
export function orderViewWith(order: OrderRow, commissions: readonly CommissionRow[]): Order {
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

// ---------------------------------------------------------------------------------------------
// Loaders

/** `lock`: `share` while adding to the program (a promoter), `update` while changing it; none to read it. */
export async function loadProgram(
  sql: Sql,
  merchantId: string,
  programId: string,
  lock?: 'share' | 'update',
): Promise<ProgramRow> {
  const rows = await sql.query<ProgramRow>(
    `select g.*, (select title from voucher_products v where v.merchant_id = g.merchant_id and v.id = g.friend_voucher_product_id)
       as friend_voucher_title
     from referral_programs g where g.merchant_id = $1 and g.id = $2${lock ? ` for ${lock} of g` : ''}`,
    [merchantId, programId],
  );
  if (!rows[0]) throw notFound('referral program');
  return rows[0];
}

export async function loadPromoter(sql: Sql, merchantId: string, promoterId: string, lock = false): Promise<PromoterRow> {
  const rows = await sql.query<PromoterRow>(
    `select * from promoters where merchant_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [merchantId, promoterId],
  );
  if (!rows[0]) throw notFound('promoter');
  return rows[0];
}

export async function promoterByCode(sql: Sql, merchantId: string, code: string): Promise<PromoterRow | undefined> {
  const rows = await sql.query<PromoterRow>(`select * from promoters where merchant_id = $1 and code = $2`, [
    merchantId,
    normalizeCode(code),
  ]);
  return rows[0];
}

export async function promoterOfShopper(sql: Sql, merchantId: string, programId: string, shopperId: string) {
  const rows = await sql.query<PromoterRow>(
    `select * from promoters where merchant_id = $1 and program_id = $2 and shopper_id = $3`,
    [merchantId, programId, shopperId],
  );
  return rows[0];
}

export async function orderByRef(sql: Sql, merchantId: string, orderRef: string, lock = false): Promise<OrderRow | undefined> {
  const rows = await sql.query<OrderRow>(
    `select * from orders where merchant_id = $1 and order_ref = $2${lock ? ' for update' : ''}`,
    [merchantId, orderRef],
  );
  return rows[0];
}

export async function loadCommission(sql: Sql, merchantId: string, commissionId: string, lock: 'wait' | 'skip' | false) {
  const suffix = lock === 'wait' ? ' for update of c' : lock === 'skip' ? ' for update of c skip locked' : '';
  const rows = await sql.query<CommissionRow>(
    `select ${COMMISSION_COLUMNS} from ${COMMISSION_FROM} where c.merchant_id = $1 and c.id = $2${suffix}`,
    [merchantId, commissionId],
  );
  return rows[0];
}

export { invalidField as invalid } from '../../errors.js';
