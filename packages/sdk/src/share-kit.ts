import type {
  PromoterMaterialList,
  PromoterSettings,
  ShareChannel,
  ShareHistoryPage,
  ShareRecord,
  SuggestionList,
} from '@flock/protocol';
import * as routes from '@flock/protocol/routes';
import { clientPart } from './core.js';
import { endpoint, type Http } from './http.js';
import { referralClient } from './referral.js';
import type { LiveBinding, ResourceStore } from './resource-store.js';

// The routes as this client calls them: their answers' schemas, not their requests' (see endpoint).
const listPromoterMaterials = /* @__PURE__ */ endpoint(routes.listPromoterMaterials);
const recordShare = /* @__PURE__ */ endpoint(routes.recordShare);
const listShares = /* @__PURE__ */ endpoint(routes.listShares);
const listSuggestions = /* @__PURE__ */ endpoint(routes.listSuggestions);
const updatePromoterSettings = /* @__PURE__ */ endpoint(routes.updatePromoterSettings);

/** Shares shown per page of the history. */
export const SHARE_PAGE_SIZE = 10;
/** The most shares one request may ask for (the routes' page limit). */
const MAX_SHARES_PER_REQUEST = 100;

/** A share the browser has made (id, link and text built inside the tap) and now records. */
export interface ShareToRecord {
  shareId: string;
  materialId?: string;
  channel: ShareChannel;
}

/** The promoter's share kit routes (publishable key + shopper token). */
export function shareKitApi(http: Http) {
  return {
    /** The program's materials, each with the promoter's own link. */
    promoterMaterials: (programId: string) => http.call(listPromoterMaterials, { query: { program: programId } }),
    /** Records a share (idempotent by shareId: recording it again answers the same share). */
    recordShare: (programId: string, share: ShareToRecord) =>
      http.call(recordShare, { body: { program: programId, ...share } }, `share:${share.shareId}`),
    /** A page of the promoter's shares (`limit`: 1 to 100), newest first, with their clicks, orders and commission. */
    shares: (programId: string, cursor?: string, limit = SHARE_PAGE_SIZE) =>
      http.call(listShares, {
        query: { program: programId, limit: String(limit), ...(cursor ? { cursor } : {}) },
      }),
    /** Up to 3 materials that convert best among the promoter's audience (or the program's). */
    suggestions: (programId: string) => http.call(listSuggestions, { query: { program: programId } }),
    /** Whether the promoter appears (masked) on the leaderboard and the payout ticker. */
    updateSettings: (programId: string, showOnLeaderboard: boolean) =>
      http.call(updatePromoterSettings, { body: { program: programId, showOnLeaderboard } }),
  };
}

/** The share kit's part of a client: materials, share history (paged), suggestions, recording shares, the leaderboard opt-out. */
export const shareKitClient = clientPart((core) => {
  const api = shareKitApi(core.http);
  // Only the merchant changes materials, and rarely: loaded on show, not polled.
  const materialsStore = (programId: string): ResourceStore<PromoterMaterialList> =>
    core.store(`materials:${programId}`, () => api.promoterMaterials(programId), { poll: false });
  /** Refetches on the promoter's own live topic: an order, refund or payout of theirs moves these figures. */
  const onPromoterEvents = <T>(programId: string): Omit<LiveBinding<T>, 'connection'> => ({
    // The promoter's id is in their stats, which the card loads before it shows any growth part.
    topic: () => {
      const id = referralClient(core).promoterStore(programId).value?.data?.promoter?.id;
      return id ? `promoter:${id}` : undefined;
    },
    apply: () => ({ refetch: true }),
  });
  /** The promoter's newest `count` shares, in as few requests as the page limit allows. */
  const newestShares = async (programId: string, count: number): Promise<ShareHistoryPage> => {
    let page = await api.shares(programId, undefined, Math.min(count, MAX_SHARES_PER_REQUEST));
    const data = [...page.data];
    while (page.nextCursor && data.length < count) {
      page = await api.shares(programId, page.nextCursor, Math.min(count - data.length, MAX_SHARES_PER_REQUEST));
      data.push(...page.data);
    }
    return { data, nextCursor: page.nextCursor };
  };
  // The first page; `moreShares` appends the next pages to what the store holds. A refresh (a poll, the
  // tab shown again) fetches as many shares as the store holds, so the pages the promoter opened stay.
  const sharesStore = (programId: string): ResourceStore<ShareHistoryPage> => {
    // `value`, not get(): reading must not mount the store (get() on an unwatched store would load it).
    const store: ResourceStore<ShareHistoryPage> = core.store(
      `shares:${programId}`,
      async () => {
        const fresh = await newestShares(programId, Math.max(SHARE_PAGE_SIZE, store.value?.data?.data.length ?? 0));
        // "Show more" may have added a page while this was under way: keep what it added after the fresh ones.
        const held = store.value?.data;
        if (!held || held.data.length <= fresh.data.length) return fresh;
        const known = new Set(fresh.data.map((share) => share.id));
        return { data: [...fresh.data, ...held.data.filter((share) => !known.has(share.id))], nextCursor: held.nextCursor };
      },
      { live: onPromoterEvents(programId) },
    );
    return store;
  };
  const suggestionsStore = (programId: string): ResourceStore<SuggestionList> =>
    core.store(`suggestions:${programId}`, () => api.suggestions(programId), { live: onPromoterEvents(programId) });
  return {
    ...api,
    materialsStore,
    sharesStore,
    suggestionsStore,
    /** Records the share, then shows it at the top of the history (when a widget shows the history). */
    recordShare: async (programId: string, share: ShareToRecord): Promise<ShareRecord> => {
      const record = await api.recordShare(programId, share);
      const shown = core.shownStore(`shares:${programId}`) as ResourceStore<ShareHistoryPage> | undefined;
      const page = shown?.get().data;
      if (shown && page && !page.data.some((known) => known.id === record.id)) {
        shown.put({ ...page, data: [record, ...page.data] });
      }
      return record;
    },
    /** Appends the history's next page; false when there is none. */
    moreShares: async (programId: string): Promise<boolean> => {
      const store = sharesStore(programId);
      const page = store.get().data;
      if (!page?.nextCursor) return false;
      const next = await api.shares(programId, page.nextCursor);
      const known = new Set(page.data.map((share) => share.id));
      store.put({ data: [...page.data, ...next.data.filter((share) => !known.has(share.id))], nextCursor: next.nextCursor });
      return true;
    },
    /** Changes the leaderboard opt-out; the promoter's card shows it at once. */
    setShowOnLeaderboard: async (programId: string, showOnLeaderboard: boolean): Promise<PromoterSettings> => {
      const settings = await api.updateSettings(programId, showOnLeaderboard);
      const stats = referralClient(core).promoterStore(programId);
      const known = stats.get().data;
      if (known) stats.put({ ...known, showOnLeaderboard: settings.showOnLeaderboard });
      return settings;
    },
  };
});
