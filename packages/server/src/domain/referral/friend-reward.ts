import type { FriendReward, MyFriendReward } from '@flock/protocol';
import { addSeconds, type Clock } from '../../clock.js';
import { newId } from '../../crypto.js';
import { ApiError } from '../../errors.js';
import { type Db, insideTransaction, type Sql } from '../../infra/db.js';
import { notRunningMessage } from '../campaign-status.js';
import { type BigIntish, moneyOrNull } from '../money.js';
import type { Shopper } from '../shoppers.js';
import { issueVoucher } from '../vouchers.js';
import { newPromoterCode } from './attribution.js';
import { maskName } from './mask.js';
import { type ClickRow, DAY_SECONDS, FRIEND_REWARD_DEFAULT_DAYS, iso, loadProgram, loadPromoter } from './rows.js';

// The friend's reward: a friend arriving through a promoter's link claims it once per program; its
// code, reported with the friend's order (friendCoupon), is used once and credits the promoter.

export interface FriendRewardRow {
  merchant_id: string;
  id: string;
  program_id: string;
  promoter_id: string;
  click_id: string;
  shopper_id: string;
  kind: 'voucher' | 'amount_off';
  code: string;
  amount_off: BigIntish | null;
  min_spend: BigIntish | null;
  currency: string | null;
  voucher_id: string | null;
  /** For the voucher kind, its voucher's end: null when the voucher product has none. */
  expires_at: Date | null;
  used_at: Date | null;
  order_id: string | null;
  created_at: Date;
}

/** The row with what its view needs: the promoter's name and the voucher's title. */
const REWARD_SELECT = `select r.*, p.display_name as promoter_name, vp.title as voucher_title
  from friend_rewards r
  join promoters p on p.merchant_id = r.merchant_id and p.id = r.promoter_id
  left join vouchers v on v.merchant_id = r.merchant_id and v.id = r.voucher_id
  left join voucher_products vp on vp.merchant_id = v.merchant_id and vp.id = v.product_id`;

type ViewRow = FriendRewardRow & { promoter_name: string; voucher_title: string | null };

function rewardView(row: ViewRow, now: Date): FriendReward {
  return {
    id: row.id,
    programId: row.program_id,
    kind: row.kind,
    code: row.code,
    promoterName: maskName(row.promoter_name),
    amountOff: moneyOrNull(row.amount_off),
    minSpend: moneyOrNull(row.min_spend),
    currency: row.currency,
    voucherId: row.voucher_id,
    voucherTitle: row.voucher_title,
    expiresAt: row.expires_at === null ? null : iso(new Date(row.expires_at)),
    usedAt: row.used_at === null ? null : iso(new Date(row.used_at)),
    serverNow: iso(now),
  };
}

async function rewardOf(sql: Sql, merchantId: string, programId: string, shopperId: string): Promise<ViewRow | undefined> {
  const [row] = await sql.query<ViewRow>(
    `${REWARD_SELECT} where r.merchant_id = $1 and r.program_id = $2 and r.shopper_id = $3`,
    [merchantId, programId, shopperId],
  );
  return row;
}

/**
 * Issues the shopper's reward of the program, once: concurrent claims race on the unique key
 * (program, shopper), and the losers answer the winner's reward (200). The voucher kind issues a
 * real voucher to the shopper in the same transaction, idempotent by an order ref of its own, and
 * expires with it; the amount-off kind after the program's validDays.
 */
export async function claimFriendReward(
  db: Db,
  clock: Clock,
  merchantId: string,
  programId: string,
  shopper: Shopper,
  attributionId: string,
): Promise<{ reward: FriendReward; created: boolean }> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    // A shared lock: a pause or an end (which locks it for update) waits for claims under way.
    const program = await loadProgram(tx, merchantId, programId, 'share');
    const existing = await rewardOf(tx, merchantId, programId, shopper.id);
    if (existing) return { reward: rewardView(existing, now), created: false };
    if (program.friend_voucher_product_id === null && program.friend_amount_off === null) {
      throw new ApiError('no_friend_reward', 'This referral program gives no reward to the friend.');
    }
    if (program.status !== 'active') {
      throw new ApiError('campaign_not_active', notRunningMessage(program.status, 'referral program'));
    }
    const [click] = await tx.query<ClickRow>(`select * from referral_clicks where merchant_id = $1 and id = $2`, [
      merchantId,
      attributionId,
    ]);
    if (!click || click.program_id !== programId) {
      throw new ApiError('not_found', 'No click of this program has that attributionId.', { field: 'attributionId' });
    }
    if (new Date(click.expires_at) <= now) {
      throw new ApiError('attribution_expired', 'The link this friend arrived through has expired.', { field: 'attributionId' });
    }
    const promoter = await loadPromoter(tx, merchantId, click.promoter_id);
    if (promoter.shopper_id === shopper.id) {
      throw new ApiError('own_referral_link', 'A promoter cannot claim the friend reward of their own link.');
    }
    const voucherKind = program.friend_voucher_product_id !== null;
    // The voucher kind's expiry is set from the voucher once issued, below.
    const expiresAt = voucherKind
      ? null
      : addSeconds(now, (program.friend_valid_days ?? FRIEND_REWARD_DEFAULT_DAYS) * DAY_SECONDS);
    // A clash on the code (one in 10^12) takes another code; a clash on the shopper means the same
    // shopper claimed concurrently, and that reward is the answer.
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = newId('frw');
      const [inserted] = await tx.query<{ id: string }>(
        `insert into friend_rewards (merchant_id, id, program_id, promoter_id, click_id, shopper_id, kind, code, amount_off, min_spend,
           currency, expires_at, created_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12::timestamptz,$13::timestamptz)
         on conflict do nothing returning id`,
        [
          merchantId,
          id,
          programId,
          promoter.id,
          click.id,
          shopper.id,
          voucherKind ? 'voucher' : 'amount_off',
          newPromoterCode(),
          voucherKind ? null : program.friend_amount_off,
          voucherKind ? null : program.friend_min_spend,
          voucherKind ? null : program.currency,
          expiresAt === null ? null : iso(expiresAt),
          iso(now),
        ],
      );
      if (inserted) {
        if (voucherKind) {
          const { voucher } = await issueVoucher(insideTransaction(db, tx), clock, merchantId, {
            productId: program.friend_voucher_product_id as string,
            shopperId: shopper.id,
            orderRef: `friend-reward:${id}`,
          });
          // The friend is shown the voucher's own end: its product's valid_until, fixed once issued.
          await tx.query(
            `update friend_rewards set voucher_id = $3, expires_at = $4::timestamptz where merchant_id = $1 and id = $2`,
            [merchantId, id, voucher.id, voucher.validUntil],
          );
        }
        const row = await rewardOf(tx, merchantId, programId, shopper.id);
        if (!row) throw new Error(`friend reward ${id} vanished after its insert`);
        return { reward: rewardView(row, now), created: true };
      }
      const raced = await rewardOf(tx, merchantId, programId, shopper.id);
      if (raced) return { reward: rewardView(raced, now), created: false };
    }
    throw new Error('could not allocate a unique friend reward code');
  });
}

/** The calling shopper's reward in the program (null when they have none). */
export async function getFriendReward(
  db: Sql,
  clock: Clock,
  merchantId: string,
  programId: string,
  shopper: Shopper,
): Promise<MyFriendReward> {
  await loadProgram(db, merchantId, programId);
  const row = await rewardOf(db, merchantId, programId, shopper.id);
  return { reward: row ? rewardView(row, clock.now()) : null };
}
