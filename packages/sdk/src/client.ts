import {
  Assist,
  type AssistCampaign,
  type GroupBuyOffer,
  PromoterStats,
  type ReferralProgram,
  type ReserveResponse,
  Team,
  Voucher,
  type VoucherList,
} from '@flock/protocol';
import { assistApi } from './assist.js';
import { captureAttribution, currentAttribution } from './attribution.js';
import { groupBuyApi } from './group-buy.js';
import { Http, type HttpOptions } from './http.js';
import { type EventSourceLike, LiveConnection } from './live.js';
import { referralApi } from './referral.js';
import { type LiveBinding, type ResourceStore, resourceStore } from './resource-store.js';
import { voucherApi } from './voucher.js';

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

  const offerStore = (offerId: string): ResourceStore<GroupBuyOffer> =>
    cached(`offer:${offerId}`, () => groupBuy.getOffer(offerId));
  const teamStore = (teamId: string): ResourceStore<Team> =>
    cached(`team:${teamId}`, () => groupBuy.getTeam(teamId), {
      topic: `team:${teamId}`,
      apply: (data, previous) => {
        const parsed = Team.safeParse(data);
        if (!parsed.success) return { refetch: true };
        // Events carry the public team; a member's own seat (myReservation) comes from a fetch.
        const mine = previous?.myReservation;
        return { value: { ...parsed.data, myReservation: mine }, refetch: mine != null };
      },
    });
  const assistStore = (assistId: string): ResourceStore<Assist> =>
    cached(`assist:${assistId}`, () => assist.getAssist(assistId), {
      topic: `assist:${assistId}`,
      apply: (data, previous) => {
        const parsed = Assist.safeParse(data);
        // The viewer part (owner? helped?) only changes through the viewer's own actions.
        return parsed.success ? { value: { ...parsed.data, viewer: previous?.viewer }, refetch: false } : { refetch: true };
      },
    });
  const campaignStore = (campaignId: string): ResourceStore<AssistCampaign> =>
    cached(`campaign:${campaignId}`, () => assist.getCampaign(campaignId));
  const promoterStore = (programId: string): ResourceStore<PromoterStats> =>
    cached(`promoter:${programId}`, () => referral.promoterStats(programId), {
      // The promoter's id is known once the stats are loaded (and once the shopper joins).
      topic: (stats) => (stats?.promoter ? `promoter:${stats.promoter.id}` : undefined),
      apply: (data) => {
        const parsed = PromoterStats.safeParse(data);
        return parsed.success ? { value: parsed.data, refetch: false } : { refetch: true };
      },
    });
  // Programs sit outside `stores`: a program's pitch does not depend on the shopper, so a new token does not refetch it.
  const programs = new Map<string, ResourceStore<ReferralProgram>>();

  // Actions: each mutation updates the stores it changes, so every widget showing them follows.
  /** The held seat's team goes into its store; the offer's list of forming teams is refetched if shown. */
  const holdSeat = async (reserving: Promise<ReserveResponse>): Promise<ReserveResponse> => {
    const response = await reserving;
    teamStore(response.team.id).put(response.team);
    void stores.get(`offer:${response.team.offerId}`)?.refresh();
    return response;
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
    offerStore,
    teamStore,
    campaignStore,
    assistStore,
    promoterStore,
    /**
     * The program alone, for a shopper who is not signed in (signed in, `promoterStore` carries it with
     * the shopper's figures). A program's pitch does not change while the page is open: loaded once.
     */
    programStore: (programId: string): ResourceStore<ReferralProgram> => {
      const store =
        programs.get(programId) ?? resourceStore(() => referral.getProgram(programId), { pollIntervalMs: 0, once: true });
      programs.set(programId, store);
      return store;
    },
    /** Opens a team and holds the leader's seat; see groupBuyApi. */
    openTeam: (offerId: string, options?: { idempotencyKey?: string }) => holdSeat(groupBuy.openTeam(offerId, options)),
    /** Holds a seat in a friend's team; see groupBuyApi. */
    joinTeam: (teamId: string, options?: { idempotencyKey?: string }) => holdSeat(groupBuy.joinTeam(teamId, options)),
    /** Starts (or returns) the shopper's own assist, puts it in its store and refetches the campaign. */
    startAssist: async (campaignId: string, options?: { shareBaseUrl?: string; idempotencyKey?: string }) => {
      const response = await assist.startAssist(campaignId, options);
      assistStore(response.assist.id).put(response.assist);
      void campaignStore(campaignId).refresh();
      return response;
    },
    /** Helps a friend's assist, once, and puts the helped assist in its store. */
    help: async (assistId: string, options?: { idempotencyKey?: string }) => {
      const response = await assist.help(assistId, options);
      assistStore(response.assist.id).put(response.assist);
      return response;
    },
    /** Makes the shopper a promoter; the promoter store shows it at once, then refetches the figures and follows the promoter. */
    becomePromoter: async (programId: string, options?: { referredBy?: string; idempotencyKey?: string }) => {
      const response = await referral.becomePromoter(programId, options);
      const store = promoterStore(programId);
      const known = store.get().data;
      if (known) store.put({ ...known, promoter: response.promoter, shareUrl: response.shareUrl });
      void store.refresh();
      return response;
    },
    voucherStore: (voucherId: string): ResourceStore<Voucher> =>
      cached(`voucher:${voucherId}`, () => voucher.getVoucher(voucherId), {
        topic: `voucher:${voucherId}`,
        apply: (data) => {
          const parsed = Voucher.safeParse(data);
          return parsed.success ? { value: parsed.data, refetch: false } : { refetch: true };
        },
      }),
    /** The signed-in shopper's vouchers (我的券), every status, polled: a redemption at the counter shows up. */
    myVouchersStore: (): ResourceStore<VoucherList> => cached('vouchers:me', () => voucher.myVouchers()),
    /** Records a promoter's link click once (`?flock_ref=`) and keeps the attribution; see attribution.ts. */
    captureAttribution: (url?: string) => captureAttribution(referral.recordClick, { url }),
    /** The attribution id for the shop's checkout to send with the order, if this browser has one. */
    attributionId: () => currentAttribution()?.attributionId,
    /** Closes the live connection (e.g. when the provider is removed). */
    close: () => live?.close(),
  };
}
