import { captureAttribution, currentAttribution } from './attribution.js';
import { Http, type HttpOptions } from './http.js';
import { type EventSourceLike, LiveConnection } from './live.js';
import { type LiveBinding, type ResourceStore, resourceStore } from './resource-store.js';

export interface FlockClientOptions extends Omit<HttpOptions, 'csrfToken'> {
  /** The shop's publishable key (pk_…): every page of the shop uses it. */
  publishableKey: string;
  /** Poll interval for stores while no live stream is open; 0 turns polling off. */
  pollIntervalMs?: number;
  /** Follow changes over Server-Sent Events (default true). */
  live?: boolean;
  /** Builds the EventSource (e.g. the `eventsource` package in Node); defaults to the browser's. */
  createEventSource?: (url: string) => EventSourceLike;
}

export type ClientCore = ReturnType<typeof createClientCore>;

/**
 * What every feature of a client shares: the HTTP client and its shopper token, the live connection
 * and the page's stores. Each feature (group-buy.ts, assist.ts, referral.ts, voucher.ts) adds its
 * calls, stores and actions with `clientPart`, so a page that shows one feature loads that feature's
 * code and schemas only; createFlockClient (client.ts) puts them all together.
 */
export function createClientCore(options: FlockClientOptions) {
  const http = new Http(options);
  const pollIntervalMs = options.pollIntervalMs ?? 3000;
  const live =
    options.live === false || (!options.createEventSource && typeof EventSource === 'undefined')
      ? undefined
      : new LiveConnection({
          api: options.api,
          publishableKey: options.publishableKey,
          createEventSource: options.createEventSource,
          shopperToken: () => http.shopperToken,
        });

  // One store per resource id, shared by every widget on the page that shows it.
  const stores = new Map<string, ResourceStore<any>>();
  // Stores loaded once sit apart: what they hold does not depend on the shopper, so a new token does not refetch them.
  const loadedOnce = new Map<string, ResourceStore<any>>();
  /** The attribution capture under way, if any. */
  let capturing: ReturnType<typeof captureAttribution> | undefined;

  return {
    api: options.api,
    http,
    /** The shared live connection's status: open, connecting, down (stores poll meanwhile) or idle. */
    liveStatus: live?.status,
    get shopperToken() {
      return http.shopperToken;
    },
    /** Changes who the client acts for (e.g. after the shopper logs in); stores refetch. */
    setShopperToken(token: string | null) {
      http.shopperToken = token;
      for (const store of stores.values()) void store.refresh();
    },
    /**
     * The page's store of `key`, made the first time: loaded by `load`, following `binding`'s live
     * topic, or (`once`) loaded when first watched and never again by itself. `poll: false`: no topic
     * and no polling either, for what only the shopper's own actions (or the merchant, rarely) change:
     * it still loads again when the shopper changes, the tab is shown again, or on `refresh()`.
     */
    store<T>(
      key: string,
      load: () => Promise<T>,
      options: { live?: Omit<LiveBinding<T>, 'connection'>; once?: boolean; poll?: false } = {},
    ): ResourceStore<T> {
      const map = options.once ? loadedOnce : stores;
      const existing = map.get(key);
      if (existing) return existing;
      const store = options.once
        ? resourceStore(load, { pollIntervalMs: 0, once: true })
        : resourceStore(load, {
            pollIntervalMs: options.poll === false ? 0 : pollIntervalMs,
            live: live && options.live ? { ...options.live, connection: live } : undefined,
          });
      map.set(key, store);
      return store;
    },
    /** The store of `key` if some widget shows it (an action refetches only what is shown). */
    shownStore: (key: string): ResourceStore<unknown> | undefined => stores.get(key),
    /**
     * Records a promoter's link click once (`?flock_ref=`) and keeps the attribution; see attribution.ts.
     * The click's route is fetched only on a page opened through such a link.
     */
    captureAttribution: (url?: string) =>
      // The provider and a widget that needs the attribution (friend-offer) ask at once on the landing
      // page: calls made while one runs share it (and its URL), so the click is recorded once.
      (capturing ??= captureAttribution(
        (code, landingUrl, share) =>
          import('./referral.js').then((referral) => referral.referralApi(http).recordClick(code, landingUrl, share)),
        { url },
      ).finally(() => {
        capturing = undefined;
      })),
    /** The attribution id for the shop's checkout to send with the order, if this browser has one. */
    attributionId: () => currentAttribution()?.attributionId,
    /** Closes the live connection (e.g. when the provider is removed). */
    close: () => live?.close(),
  };
}

/** A feature's part of a client, made once per core (its calls and stores close over the core). */
export function clientPart<Part>(make: (core: ClientCore) => Part): (core: ClientCore) => Part {
  const made = new WeakMap<ClientCore, Part>();
  return (core) => {
    let part = made.get(core);
    if (!part) {
      part = make(core);
      made.set(core, part);
    }
    return part;
  };
}
