import * as routes from '@flock/protocol/routes';
import type { Http } from './http.js';

/** The shopper-facing referral (分销) routes (publishable key). */
export function referralApi(http: Http) {
  return {
    getProgram: (programId: string) => http.call(routes.getReferralProgram, { params: { id: programId } }),
    /** Makes the shopper a promoter of the program (or returns their existing promoter). */
    becomePromoter: (programId: string, options: { referredBy?: string; idempotencyKey?: string } = {}) =>
      http.call(
        routes.becomePromoter,
        { params: { id: programId }, body: options.referredBy ? { referredBy: options.referredBy } : {} },
        options.idempotencyKey,
      ),
    /** The signed-in shopper's promoter figures for a program (zeros when not a promoter yet). */
    promoterStats: (programId: string) => http.call(routes.getPromoterStats, { query: { program: programId } }),
    /** Records a visit through a promoter's link; the answer's attributionId goes with the order. */
    recordClick: (code: string, landingUrl: string) => http.call(routes.recordReferralClick, { body: { code, landingUrl } }),
  };
}
