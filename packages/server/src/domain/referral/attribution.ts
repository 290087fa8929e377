import { randomBytes } from 'node:crypto';
import type { BecomePromoterResponse, PromoterStats, ReferralClick } from '@flock/protocol';
import { addSeconds, type Clock } from '../../clock.js';
import { newId } from '../../crypto.js';
import { ApiError } from '../../errors.js';
import type { Db } from '../../infra/db.js';
import { notRunningMessage } from '../campaign-status.js';
import type { Shopper } from '../shoppers.js';
import { publishPromoter, statsView } from './promoter-stats.js';
import {
  DAY_SECONDS,
  invalid,
  iso,
  loadProgram,
  normalizeCode,
  type PromoterRow,
  promoterByCode,
  promoterOfShopper,
  promoterView,
  shareUrlFor,
} from './rows.js';

// Attribution: a shopper becomes a promoter with a code and a share link; a visit through the link
// is a click, which attributes the orders placed before its window closes.

/** The alphabet of promoter codes: uppercase, without 0/O and 1/I, which read alike. 32 symbols. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

/** An 8-symbol code (32^8 ≈ 10^12 codes); 256 is a multiple of 32, so every symbol is equally likely. */
export function newPromoterCode(): string {
  let code = '';
  for (const byte of randomBytes(CODE_LENGTH)) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  return code;
}

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
    // A shared lock: joins run side by side, and a pause or an end (which locks it for update) waits for them.
    const program = await loadProgram(tx, merchantId, programId, 'share');
    const answer = (promoter: PromoterRow, created: boolean) => ({
      promoter: promoterView(promoter),
      shareUrl: shareUrlFor(program, promoter.code),
      created,
    });
    const existing = await promoterOfShopper(tx, merchantId, programId, shopper.id);
    if (existing) return answer(existing, false);
    // Paused or ended: no new promoter (existing ones keep their link, which still attributes orders).
    if (program.status !== 'active') {
      throw new ApiError('campaign_not_active', notRunningMessage(program.status, 'referral program'));
    }
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

/** The share ids browsers make (newShareId in @flock/protocol/share-kit). */
const SHARE_ID = /^shr_[A-Za-z0-9]{12,32}$/;

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
  input: { code: string; landingUrl: string; share?: string },
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
         created_at, expires_at, share_id)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9::timestamptz,$10::timestamptz,$11)`,
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
        // A share id that is not one the browser makes is ignored, never a reason to lose the click.
        input.share !== undefined && SHARE_ID.test(input.share) ? input.share : null,
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
