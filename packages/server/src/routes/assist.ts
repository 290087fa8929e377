import {
  createCampaign,
  getAssist,
  getCampaign,
  help,
  listAssists,
  listCampaigns,
  startAssist,
  updateCampaign,
} from '../domain/assists.js';
import { Answer, type HandlersFor } from '../http/handler.js';
import { clientIp, enforceRateLimit, type RateLimit } from '../rate-limit.js';

export type HelpRateLimit = RateLimit;

/** 30 helps a minute from one address is far more than friends tapping a shared link. */
export const DEFAULT_HELP_RATE_LIMIT: HelpRateLimit = { max: 30, windowSeconds: 60 };

export interface AssistRouteOptions {
  /**
   * Help attempts allowed per client IP and merchant per window (default 30 a minute); `false`
   * turns the limit off. Shoppers behind one carrier NAT share an address, so keep it generous.
   */
  helpRateLimit?: HelpRateLimit | false;
  /**
   * Take the client's address from the first hop of X-Forwarded-For (default false). Turn it on
   * only behind a proxy that sets the header (FLOCK_TRUST_PROXY=1); otherwise clients pick their own.
   */
  trustForwardedFor?: boolean;
}

export function assistHandlers(options: AssistRouteOptions = {}) {
  const rateLimit = options.helpRateLimit === undefined ? DEFAULT_HELP_RATE_LIMIT : options.helpRateLimit;
  // Only behind a proxy that sets it is X-Forwarded-For the client's; otherwise anyone can forge it.
  const trustForwardedFor = options.trustForwardedFor ?? false;
  return {
    createAssistCampaign: ({ body }, { db, clock, merchant }) => createCampaign(db, clock, merchant.id, body),
    listAssistCampaigns: ({ query }, { db, clock, merchant }) => listCampaigns(db, clock, merchant.id, query),
    getAssistCampaign: ({ params }, { db, clock, merchant, shopper }) => getCampaign(db, clock, merchant.id, params.id, shopper),
    updateAssistCampaign: ({ params, body }, { db, clock, merchant }) => updateCampaign(db, clock, merchant.id, params.id, body),
    startAssist: async ({ params, body }, { db, clock, merchant, shopper }) => {
      const { created, ...started } = await startAssist(db, clock, merchant.id, params.id, shopper, body);
      // 201 for a new assist, 200 when the shopper's running one is handed back.
      return created ? new Answer(201, started) : new Answer(200, started);
    },
    listAssists: ({ query }, { db, clock, merchant }) => listAssists(db, clock, merchant.id, query),
    getAssist: ({ params }, { db, clock, merchant, shopper }) => getAssist(db, clock, merchant.id, params.id, shopper),
    helpAssist: async ({ params }, { db, clock, merchant, shopper, http }) => {
      if (rateLimit) {
        const ip = clientIp(http, trustForwardedFor);
        await enforceRateLimit(http, `assist-help:${merchant.id}`, ip, rateLimit, 'Too many helps from this network');
      }
      return help(db, clock, merchant.id, params.id, shopper);
    },
  } satisfies HandlersFor<
    | 'createAssistCampaign'
    | 'listAssistCampaigns'
    | 'getAssistCampaign'
    | 'updateAssistCampaign'
    | 'startAssist'
    | 'listAssists'
    | 'getAssist'
    | 'helpAssist'
  >;
}
