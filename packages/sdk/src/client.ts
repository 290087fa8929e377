import type { GroupBuyOffer, Team } from '@flock/protocol';
import { groupBuyApi } from './group-buy.js';
import { Http, type HttpOptions } from './http.js';
import { type ResourceStore, resourceStore } from './resource-store.js';

export interface FlockClientOptions extends HttpOptions {
  /** How often live stores refresh while something listens; 0 turns polling off. */
  pollIntervalMs?: number;
}

export type FlockClient = ReturnType<typeof createFlockClient>;

export function createFlockClient(options: FlockClientOptions) {
  const http = new Http(options);
  const groupBuy = groupBuyApi(http);
  const pollIntervalMs = options.pollIntervalMs ?? 3000;
  // One store per resource id, shared by every widget on the page that shows it.
  const offers = new Map<string, ResourceStore<GroupBuyOffer>>();
  const teams = new Map<string, ResourceStore<Team>>();
  const cached = <T>(cache: Map<string, ResourceStore<T>>, id: string, load: () => Promise<T>) => {
    const existing = cache.get(id);
    if (existing) return existing;
    const store = resourceStore(load, pollIntervalMs);
    cache.set(id, store);
    return store;
  };

  return {
    api: options.api,
    ...groupBuy,
    get shopperToken() {
      return http.shopperToken;
    },
    /** Changes who the client acts for (e.g. after the shopper logs in); stores refetch. */
    setShopperToken(token: string | null) {
      http.shopperToken = token;
      for (const store of [...offers.values(), ...teams.values()]) void store.refresh();
    },
    offerStore: (offerId: string) => cached(offers, offerId, () => groupBuy.getOffer(offerId)),
    teamStore: (teamId: string) => cached(teams, teamId, () => groupBuy.getTeam(teamId)),
  };
}
