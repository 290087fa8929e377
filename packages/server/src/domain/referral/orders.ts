import type { Order, OrderPage, OrderStatus, ReportOrderRequest } from '@flock/protocol';
import { addSeconds, type Clock } from '../../clock.js';
import { newId } from '../../crypto.js';
import { ApiError, notFound } from '../../errors.js';
import type { Db, Sql } from '../../infra/db.js';
import { keysetPage, type PageRequest } from '../keyset-page.js';
import { type BigIntish, money } from '../money.js';
import type { FriendRewardRow } from './friend-reward.js';
import { EXPENSE_ACCOUNT, type PromoterBucket, postMovement, promoterAccount } from './ledger.js';
import { publishPromoters } from './promoter-stats.js';
import {
  type ClickRow,
  COMMISSION_COLUMNS,
  COMMISSION_FROM,
  type CommissionRow,
  type CommissionStatus,
  DAY_SECONDS,
  iso,
  loadProgram,
  loadPromoter,
  normalizeCode,
  type OrderRow,
  orderByRef,
  orderView,
  orderViewWith,
  type ProgramRow,
  type PromoterRow,
  promoterByCode,
} from './rows.js';
import { levelOneRate, tierStandings } from './tiers.js';

// Orders the shop reports, the commissions they earn, and the refunds that reverse them.

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

type CommissionKind = CommissionRow['kind'];

/**
 * Whether no earlier order was credited to the promoter other than their own purchases: the
 * first-order reward is for that one. Two first orders racing both pass; the partial unique index
 * then pays the reward once.
 */
async function isFirstAttributedOrder(tx: Sql, order: OrderRow, promoter: PromoterRow): Promise<boolean> {
  const earlier = await tx.query(
    `select 1 from orders where merchant_id = $1 and promoter_id = $2 and id <> $3
       and shopper_id is distinct from $4::text limit 1`,
    [order.merchant_id, promoter.id, order.id, promoter.shopper_id],
  );
  return earlier.length === 0;
}

/** A concurrent duplicate report of the order that used the coupon: it replays that order (200), not 409. */
async function usedBySameOrder(tx: Sql, coupon: FriendRewardRow, orderRef: string): Promise<boolean> {
  const [row] = await tx.query<{ order_ref: string }>(`select order_ref from orders where merchant_id = $1 and id = $2`, [
    coupon.merchant_id,
    coupon.order_id,
  ]);
  return row?.order_ref === orderRef;
}

/**
 * Locks the friend coupon an order names and checks it can pay for this order: unused, live, the
 * order reaches its minimum spend, in its currency. Marked used by the caller in the same transaction.
 */
async function lockFriendCoupon(tx: Sql, merchantId: string, input: ReportOrderRequest, now: Date) {
  const code = normalizeCode(input.friendCoupon ?? '');
  const [coupon] = await tx.query<FriendRewardRow>(
    `select * from friend_rewards where merchant_id = $1 and code = $2 for update`,
    [merchantId, code],
  );
  const field = { field: 'friendCoupon' };
  if (!coupon) throw new ApiError('not_found', `No friend coupon has the code ${code}.`, field);
  if (coupon.used_at !== null && !(await usedBySameOrder(tx, coupon, input.orderRef)))
    throw new ApiError('friend_coupon_used', 'This friend coupon was already used by another order.', field);
  // null: a voucher reward whose product has no end date never expires.
  if (coupon.expires_at !== null && coupon.expires_at <= now)
    throw new ApiError('friend_coupon_expired', 'This friend coupon has expired.', field);
  if (coupon.kind === 'amount_off') {
    if (coupon.currency !== null && coupon.currency !== input.currency) {
      throw new ApiError(
        'order_currency_mismatch',
        `This friend coupon is in ${coupon.currency}; the order is in ${input.currency}.`,
        field,
      );
    }
    // The reported amount is what the friend paid, the coupon already taken off; the minimum spend is before it.
    if (input.amount + money(coupon.amount_off ?? 0) < money(coupon.min_spend ?? 0)) {
      throw new ApiError(
        'friend_coupon_min_spend',
        `This friend coupon needs an order of at least ${money(coupon.min_spend ?? 0)} before its ${money(coupon.amount_off ?? 0)} off.`,
        {
          ...field,
          minSpend: money(coupon.min_spend ?? 0),
        },
      );
    }
  }
  return coupon;
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
    // The friend's coupon is locked now and marked used once the order row exists; it attributes the
    // order to its promoter only when no live click or typed code does.
    const coupon = input.friendCoupon === undefined ? null : await lockFriendCoupon(tx, merchantId, input, now);
    if (!promoter && coupon) promoter = await loadPromoter(tx, merchantId, coupon.promoter_id);
    if (coupon && promoter && promoter.program_id !== coupon.program_id) {
      throw new ApiError(
        'friend_coupon_other_program',
        "This friend coupon belongs to another program than the order's promoter.",
        {
          field: 'friendCoupon',
        },
      );
    }
    const program = promoter ? await loadProgram(tx, merchantId, promoter.program_id) : null;
    if (program) await checkProgramCurrency(tx, program, input.currency);

    const [order] = await tx.query<OrderRow>(
      `insert into orders (merchant_id, id, order_ref, program_id, promoter_id, amount, currency, refunded_amount, shopper_id,
         attribution_id, promoter_code, reservation_id, ip, device_id, friend_coupon, created_at)
       values ($1,$2,$3,$4,$5,$6,$7,0,$8,$9,$10,$11,$12,$13,$15,$14::timestamptz)
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
        coupon?.code ?? null,
      ],
    );
    // A concurrent report of the same orderRef committed first: it wrote the order and its commissions.
    if (!order) return null;
    if (coupon) {
      await tx.query(`update friend_rewards set used_at = $3::timestamptz, order_id = $4 where merchant_id = $1 and id = $2`, [
        merchantId,
        coupon.id,
        iso(now),
        order.id,
      ]);
    }
    if (!promoter || !program) return order;

    // Self-referral earns nothing, at any level: the buyer is the attributed promoter.
    type Earner = { promoter: PromoterRow; level: 1 | 2; amount: number; kind: CommissionKind; rateBps: number | null };
    const earners: Earner[] = [];
    if (input.shopperId !== promoter.shopper_id) {
      // The rate is the promoter's tier's (or boost's) at this moment, stored with the commission and never recomputed.
      const standing = (await tierStandings(tx, program, merchantId, [promoter.id], now)).get(promoter.id);
      const rate = levelOneRate(program, promoter, standing?.tierIndex ?? -1, now);
      const level1 =
        rate !== null ? mulDivFloor(input.amount, rate, 10_000) : Math.min(money(program.commission_amount ?? 0), input.amount);
      earners.push({ promoter, level: 1, amount: level1, kind: 'commission', rateBps: rate });
      if (program.first_order_reward !== null && (await isFirstAttributedOrder(tx, order, promoter))) {
        earners.push({
          promoter,
          level: 1,
          amount: money(program.first_order_reward),
          kind: 'first_order_reward',
          rateBps: null,
        });
      }
      if (program.second_level_bps && promoter.referred_by) {
        const referrer = await loadPromoter(tx, merchantId, promoter.referred_by);
        // Nor does a referrer earn on their own purchase through their recruit's link.
        if (input.shopperId !== referrer.shopper_id) {
          earners.push({
            promoter: referrer,
            level: 2,
            amount: mulDivFloor(input.amount, program.second_level_bps, 10_000),
            kind: 'commission',
            rateBps: program.second_level_bps,
          });
        }
      }
    }
    const earning = earners.filter((e) => e.amount > 0);
    const flags = earning.length > 0 ? await fraudFlags(tx, now, order, promoter, click) : [];
    const status: CommissionStatus = flags.length > 0 ? 'under_review' : 'pending';
    const availableAt = addSeconds(now, program.hold_days * DAY_SECONDS);
    const paid: Earner[] = [];
    for (const earner of earning) {
      const id = newId('com');
      // The first-order reward is paid once per promoter: the partial unique index settles two orders
      // racing (the later insert waits for the earlier transaction, then does nothing if it committed).
      const inserted = await tx.query(
        `insert into commissions (merchant_id, id, program_id, order_id, promoter_id, level, amount, reversed_amount, currency,
           status, flags, available_at, created_at, kind, rate_bps)
         values ($1,$2,$3,$4,$5,$6,$7,0,$8,$9,$10::text[],$11::timestamptz,$12::timestamptz,$13,$14)
         on conflict (merchant_id, promoter_id) where kind = 'first_order_reward' do nothing returning id`,
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
          earner.kind,
          earner.rateBps,
        ],
      );
      if (inserted.length === 0) continue;
      paid.push(earner);
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
    await publishPromoters(tx, clock, merchantId, [promoter.id, ...paid.map((e) => e.promoter.id)]);
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

/** How much of the order was refunded. */
function orderStatus(order: OrderRow): OrderStatus {
  const refunded = money(order.refunded_amount);
  if (refunded === 0) return 'paid';
  return refunded < money(order.amount) ? 'partially_refunded' : 'refunded';
}

/** The orders reported, newest first, optionally only those credited to one program, each with its commissions. */
export async function listOrders(sql: Sql, merchantId: string, query: PageRequest & { program?: string }): Promise<OrderPage> {
  const { rows, nextCursor } = await keysetPage<OrderRow & { promoter_code: string | null; promoter_name: string | null }>(
    sql,
    {
      table: `(select o.*, p.code as promoter_code, p.display_name as promoter_name from orders o
               left join promoters p on p.merchant_id = o.merchant_id and p.id = o.promoter_id) as listed_orders`,
      where: 'merchant_id = $1 and ($2::text is null or program_id = $2)',
      params: [merchantId, query.program ?? null],
    },
    query,
  );
  // One query for every order's commissions on the page, not one per order.
  const commissions = await sql.query<CommissionRow>(
    `select ${COMMISSION_COLUMNS} from ${COMMISSION_FROM} where c.merchant_id = $1 and c.order_id = any($2::text[])
     order by c.level`,
    [merchantId, rows.map((row) => row.id)],
  );
  const data = rows.map((row) => ({
    ...orderViewWith(
      row,
      commissions.filter((c) => c.order_id === row.id),
    ),
    id: row.id,
    programId: row.program_id,
    shopperId: row.shopper_id,
    friendCoupon: row.friend_coupon,
    promoterCode: row.promoter_code,
    promoterName: row.promoter_name,
    status: orderStatus(row),
  }));
  return { data, nextCursor };
}
