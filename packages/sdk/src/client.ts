import { Assist, type AssistCampaign, type GroupBuyOffer, PromoterStats, Team, Voucher } from '@flock/protocol';
import { assistApi } from './assist.js';
import { captureAttribution, currentAttribution } from './attribution.js';
import { groupBuyApi } from './group-buy.js';
import { Http, type HttpOptions } from './http.js';
import { type EventSourceLike, LiveConnection } from './live.js';
import { referralApi } from './referral.js';
import { type LiveBinding, type ResourceStore, resourceStore } from './resource-store.js';
import { voucherApi } from './voucher.js';

export interface FlockClientOptions extends HttpOptions {
  /** Poll interval for stores while no live stream is open; 0 turns polling off. */
  pollIntervalMs?: number;
  /** Follow changes over Server-Sent Events (default true). */
  live?: boolean;
  /** Builds the EventSource (e.g. the `eventsource` package in Node); defaults to the browser's. */
  createEventSource?: (url: string) => EventSourceLike;
}

export type FlockClient = ReturnType<typeof createFlockClient>;

export function createFlockClient(options: FlockClientOptions) {
  const http = new Http(options);
  const groupBuy = groupBuyApi(http);
  const assist = assistApi(http);
  const referral = referralApi(http);
  const voucher = voucherApi(http);
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
  const cached = <T>(key: string, load: () => Promise<T>, binding?: Omit<LiveBinding<T>, 'connection'>): ResourceStore<T> => {
    const existing = stores.get(key);
    if (existing) return existing;
    const store = resourceStore(load, { pollIntervalMs, live: live && binding ? { ...binding, connection: live } : undefined });
    stores.set(key, store);
    return store;
  };

  return {
    api: options.api,
    ...groupBuy,
    ...assist,
    ...referral,
    ...voucher,
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
    offerStore: (offerId: string): ResourceStore<GroupBuyOffer> => cached(`offer:${offerId}`, () => groupBuy.getOffer(offerId)),
    teamStore: (teamId: string): ResourceStore<Team> =>
      cached(`team:${teamId}`, () => groupBuy.getTeam(teamId), {
        topic: `team:${teamId}`,
        apply: (data, previous) => {
          const parsed = Team.safeParse(data);
          if (!parsed.success) return { refetch: true };
          // Events carry the public team; a member's own seat (myReservation) comes from a fetch.
          const mine = previous?.myReservation;
          return { value: { ...parsed.data, myReservation: mine }, refetch: mine != null };
        },
      }),
    campaignStore: (campaignId: string): ResourceStore<AssistCampaign> =>
      cached(`campaign:${campaignId}`, () => assist.getCampaign(campaignId)),
    assistStore: (assistId: string): ResourceStore<Assist> =>
      cached(`assist:${assistId}`, () => assist.getAssist(assistId), {
        topic: `assist:${assistId}`,
        apply: (data, previous) => {
          const parsed = Assist.safeParse(data);
          // The viewer part (owner? helped?) only changes through the viewer's own actions.
          return parsed.success ? { value: { ...parsed.data, viewer: previous?.viewer }, refetch: false } : { refetch: true };
        },
      }),
    promoterStore: (programId: string): ResourceStore<PromoterStats> =>
      cached(`promoter:${programId}`, () => referral.promoterStats(programId), {
        // The promoter's id is known once the stats are loaded (and once the shopper joins).
        topic: (stats) => (stats?.promoter ? `promoter:${stats.promoter.id}` : undefined),
        apply: (data) => {
          const parsed = PromoterStats.safeParse(data);
          return parsed.success ? { value: parsed.data, refetch: false } : { refetch: true };
        },
      }),
    voucherStore: (voucherId: string): ResourceStore<Voucher> =>
      cached(`voucher:${voucherId}`, () => voucher.getVoucher(voucherId), {
        topic: `voucher:${voucherId}`,
        apply: (data) => {
          const parsed = Voucher.safeParse(data);
          return parsed.success ? { value: parsed.data, refetch: false } : { refetch: true };
        },
      }),
    /** Records a promoter's link click once (`?flock_ref=`) and keeps the attribution; see attribution.ts. */
    captureAttribution: (url?: string) => captureAttribution(referral.recordClick, { url }),
    /** The attribution id for the shop's checkout to send with the order, if this browser has one. */
    attributionId: () => currentAttribution()?.attributionId,
    /** Closes the live connection (e.g. when the provider is removed). */
    close: () => live?.close(),
  };
}
