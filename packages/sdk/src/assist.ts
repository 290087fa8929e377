import type { AssistCampaign } from '@flock/protocol';
import { Assist } from '@flock/protocol';
import * as routes from '@flock/protocol/routes';
import { clientPart } from './core.js';
import { endpoint, type Http } from './http.js';
import type { ResourceStore } from './resource-store.js';

// The routes as this client calls them: their answers' schemas, not their requests' (see endpoint).
const getCampaign = /* @__PURE__ */ endpoint(routes.getAssistCampaign);
const getAssist = /* @__PURE__ */ endpoint(routes.getAssist);
const startAssist = /* @__PURE__ */ endpoint(routes.startAssist);
const helpAssist = /* @__PURE__ */ endpoint(routes.helpAssist);

/** The shopper-facing assist (助力 / 砍价) routes (publishable key). */
export function assistApi(http: Http) {
  return {
    getCampaign: (campaignId: string) => http.call(getCampaign, { params: { id: campaignId } }),
    getAssist: (assistId: string) => http.call(getAssist, { params: { id: assistId } }),
    /** Starts (or returns) the shopper's own assist; `shareBaseUrl` is the page friends should open. */
    startAssist: (campaignId: string, options: { shareBaseUrl?: string; idempotencyKey?: string } = {}) =>
      http.call(
        startAssist,
        { params: { id: campaignId }, body: options.shareBaseUrl ? { shareBaseUrl: options.shareBaseUrl } : {} },
        options.idempotencyKey,
      ),
    /** Helps a friend's assist, once. */
    help: (assistId: string, options: { idempotencyKey?: string } = {}) =>
      http.call(helpAssist, { params: { id: assistId }, body: {} }, options.idempotencyKey),
  };
}

/** Assist's part of a client: its calls, the campaign and assist stores, and the actions that update them. */
export const assistClient = clientPart((core) => {
  const api = assistApi(core.http);
  const campaignStore = (campaignId: string): ResourceStore<AssistCampaign> =>
    core.store(`campaign:${campaignId}`, () => api.getCampaign(campaignId));
  const assistStore = (assistId: string): ResourceStore<Assist> =>
    core.store(`assist:${assistId}`, () => api.getAssist(assistId), {
      live: {
        topic: `assist:${assistId}`,
        apply: (data, previous) => {
          const parsed = Assist.safeParse(data);
          // The viewer part (owner? helped?) only changes through the viewer's own actions.
          return parsed.success ? { value: { ...parsed.data, viewer: previous?.viewer }, refetch: false } : { refetch: true };
        },
      },
    });
  return {
    ...api,
    campaignStore,
    assistStore,
    /** Starts (or returns) the shopper's own assist, puts it in its store and refetches the campaign. */
    startAssist: async (campaignId: string, options?: { shareBaseUrl?: string; idempotencyKey?: string }) => {
      const response = await api.startAssist(campaignId, options);
      assistStore(response.assist.id).put(response.assist);
      void campaignStore(campaignId).refresh();
      return response;
    },
    /** Helps a friend's assist, once, and puts the helped assist in its store. */
    help: async (assistId: string, options?: { idempotencyKey?: string }) => {
      const response = await api.help(assistId, options);
      assistStore(response.assist.id).put(response.assist);
      return response;
    },
  };
});
