import { Assist, AssistCampaign, HelpResponse, StartAssistResponse } from '@flock/protocol';
import type { Http } from './http.js';

const path = (id: string) => encodeURIComponent(id);

/** The shopper-facing assist (助力 / 砍价) routes (publishable key). */
export function assistApi(http: Http) {
  return {
    getCampaign: (campaignId: string) => http.get(`assist-campaigns/${path(campaignId)}`, AssistCampaign),
    getAssist: (assistId: string) => http.get(`assists/${path(assistId)}`, Assist),
    /** Starts (or returns) the shopper's own assist; `shareBaseUrl` is the page friends should open. */
    startAssist: (campaignId: string, options: { shareBaseUrl?: string; idempotencyKey?: string } = {}) =>
      http.post(
        `assist-campaigns/${path(campaignId)}/assists`,
        options.shareBaseUrl ? { shareBaseUrl: options.shareBaseUrl } : {},
        StartAssistResponse,
        options.idempotencyKey,
      ),
    /** Helps a friend's assist, once. */
    help: (assistId: string, options: { idempotencyKey?: string } = {}) =>
      http.post(`assists/${path(assistId)}/helps`, {}, HelpResponse, options.idempotencyKey),
  };
}
