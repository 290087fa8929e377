import type { ReferralProgram } from '@flock/protocol';
import { PromoterStats } from '@flock/protocol';
import * as routes from '@flock/protocol/routes';
import { clientPart } from './core.js';
import { endpoint, type Http } from './http.js';
import type { ResourceStore } from './resource-store.js';

// The routes as this client calls them: their answers' schemas, not their requests' (see endpoint).
const getProgram = /* @__PURE__ */ endpoint(routes.getReferralProgram);
const becomePromoter = /* @__PURE__ */ endpoint(routes.becomePromoter);
const getPromoterStats = /* @__PURE__ */ endpoint(routes.getPromoterStats);
const recordReferralClick = /* @__PURE__ */ endpoint(routes.recordReferralClick);

/** The shopper-facing referral (分销) routes (publishable key). */
export function referralApi(http: Http) {
  return {
    getProgram: (programId: string) => http.call(getProgram, { params: { id: programId } }),
    /** Makes the shopper a promoter of the program (or returns their existing promoter). */
    becomePromoter: (programId: string, options: { referredBy?: string; idempotencyKey?: string } = {}) =>
      http.call(
        becomePromoter,
        { params: { id: programId }, body: options.referredBy ? { referredBy: options.referredBy } : {} },
        options.idempotencyKey,
      ),
    /** The signed-in shopper's promoter figures for a program (zeros when not a promoter yet). */
    promoterStats: (programId: string) => http.call(getPromoterStats, { query: { program: programId } }),
    /** Records a visit through a promoter's link (and the share it came from); the answer's attributionId goes with the order. */
    recordClick: (code: string, landingUrl: string, share?: string) =>
      http.call(recordReferralClick, { body: share ? { code, landingUrl, share } : { code, landingUrl } }),
  };
}

/** Referral's part of a client: its calls, the program and promoter stores, and becoming a promoter. */
export const referralClient = clientPart((core) => {
  const api = referralApi(core.http);
  const promoterStore = (programId: string): ResourceStore<PromoterStats> =>
    core.store(`promoter:${programId}`, () => api.promoterStats(programId), {
      live: {
        // The promoter's id is known once the stats are loaded (and once the shopper joins).
        topic: (stats) => (stats?.promoter ? `promoter:${stats.promoter.id}` : undefined),
        apply: (data) => {
          const parsed = PromoterStats.safeParse(data);
          return parsed.success ? { value: parsed.data, refetch: false } : { refetch: true };
        },
      },
    });
  return {
    ...api,
    promoterStore,
    /**
     * The program alone, for a shopper who is not signed in (signed in, `promoterStore` carries it with
     * the shopper's figures). A program's pitch does not change while the page is open: loaded once.
     */
    programStore: (programId: string): ResourceStore<ReferralProgram> =>
      core.store(`program:${programId}`, () => api.getProgram(programId), { once: true }),
    /** Makes the shopper a promoter; the promoter store shows it at once, then refetches the figures and follows the promoter. */
    becomePromoter: async (programId: string, options?: { referredBy?: string; idempotencyKey?: string }) => {
      const response = await api.becomePromoter(programId, options);
      const store = promoterStore(programId);
      const known = store.get().data;
      if (known) store.put({ ...known, promoter: response.promoter, shareUrl: response.shareUrl });
      void store.refresh();
      return response;
    },
  };
});
