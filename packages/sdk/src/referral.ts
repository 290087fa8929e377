import { BecomePromoterResponse, PromoterStats, ReferralClick, ReferralProgram } from '@flock/protocol';
import type { Http } from './http.js';

const path = (id: string) => encodeURIComponent(id);

/** The shopper-facing referral (分销) routes (publishable key). */
export function referralApi(http: Http) {
  return {
    getProgram: (programId: string) => http.get(`referral-programs/${path(programId)}`, ReferralProgram),
    /** Makes the shopper a promoter of the program (or returns their existing promoter). */
    becomePromoter: (programId: string, options: { referredBy?: string; idempotencyKey?: string } = {}) =>
      http.post(
        `referral-programs/${path(programId)}/promoters`,
        options.referredBy ? { referredBy: options.referredBy } : {},
        BecomePromoterResponse,
        options.idempotencyKey,
      ),
    /** The signed-in shopper's promoter figures for a program (zeros when not a promoter yet). */
    promoterStats: (programId: string) => http.get(`promoters/me?program=${path(programId)}`, PromoterStats),
    /** Records a visit through a promoter's link; the answer's attributionId goes with the order. */
    recordClick: (code: string, landingUrl: string) => http.post('referral-clicks', { code, landingUrl }, ReferralClick),
  };
}
