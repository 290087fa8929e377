import * as routes from '@flock/protocol/routes';
import type { Http } from './http.js';

/** The shopper-facing assist (助力 / 砍价) routes (publishable key). */
export function assistApi(http: Http) {
  return {
    getCampaign: (campaignId: string) => http.call(routes.getAssistCampaign, { params: { id: campaignId } }),
    getAssist: (assistId: string) => http.call(routes.getAssist, { params: { id: assistId } }),
    /** Starts (or returns) the shopper's own assist; `shareBaseUrl` is the page friends should open. */
    startAssist: (campaignId: string, options: { shareBaseUrl?: string; idempotencyKey?: string } = {}) =>
      http.call(
        routes.startAssist,
        { params: { id: campaignId }, body: options.shareBaseUrl ? { shareBaseUrl: options.shareBaseUrl } : {} },
        options.idempotencyKey,
      ),
    /** Helps a friend's assist, once. */
    help: (assistId: string, options: { idempotencyKey?: string } = {}) =>
      http.call(routes.helpAssist, { params: { id: assistId } }, options.idempotencyKey),
  };
}
