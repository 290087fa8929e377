import {
  approveCommission,
  createGroupBuyOffer,
  getMerchant,
  listCommissions,
  listGroupBuyOffers,
  listTeams,
  listWebhookDeliveries,
  rejectCommission,
  resendWebhookDelivery,
  updateGroupBuyOffer,
  updateMerchant,
} from '@flock/protocol/routes';
import {
  type CampaignStatus,
  type CommissionStatus,
  type CommissionSummary,
  type ConsoleClient,
  type CreateGroupBuyOfferRequest,
  createConsoleClient,
  FlockError,
  type GroupBuyOfferSummary,
  type Merchant,
  type TeamStatus,
  type TeamSummary,
  type WebhookDelivery,
} from '@flock/sdk';
import { atom, map } from 'nanostores';

/** The console talks to the server that serves it, through the same API as everyone else. */
export const client: ConsoleClient = createConsoleClient({ api: globalThis.location?.origin ?? '' });

/** Where the console is: the URL fragment (#/offers), so the server serves one page for every view. */
export type Route =
  | { page: 'sign-in' }
  | { page: 'invite'; token: string }
  | { page: 'offers' }
  | { page: 'new-offer' }
  | { page: 'teams'; offer?: string }
  | { page: 'snippet'; offer?: string }
  | { page: 'commissions' }
  | { page: 'webhooks' }
  | { page: 'settings' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const [first, second] = path.split('/');
  if (first === 'invite' && second) return { page: 'invite', token: second };
  if (first === 'sign-in') return { page: 'sign-in' };
  if (first === 'offers' && second === 'new') return { page: 'new-offer' };
  if (first === 'teams') return { page: 'teams', offer: params.get('offer') ?? undefined };
  if (first === 'snippet') return { page: 'snippet', offer: params.get('offer') ?? undefined };
  if (first === 'settings') return { page: 'settings' };
  if (first === 'commissions') return { page: 'commissions' };
  if (first === 'webhooks') return { page: 'webhooks' };
  return { page: 'offers' };
}

export const $route = atom<Route>(parseRoute(globalThis.location?.hash ?? ''));
globalThis.addEventListener?.('hashchange', () => $route.set(parseRoute(location.hash)));
export const go = (hash: string) => {
  location.hash = hash;
};

/** A list as a page shows it: its rows, whether more follow, and what went wrong loading it. */
export interface ListState<T> {
  rows: T[];
  nextCursor: string | null;
  loading: boolean;
  error?: string;
  /** Set once "Load more" went past the first page: refreshing would lose the merchant's place. */
  pagedOn?: boolean;
}
const emptyList = <T>(): ListState<T> => ({ rows: [], nextCursor: null, loading: true });

const codeOf = (error: unknown) => (error instanceof FlockError ? error.code : 'network_error');

export const $offers = map<ListState<GroupBuyOfferSummary>>(emptyList());

export async function loadOffers(more = false): Promise<void> {
  const cursor = more ? ($offers.get().nextCursor ?? undefined) : undefined;
  $offers.setKey('loading', true);
  try {
    const page = await client.call(listGroupBuyOffers, { query: { limit: '50', cursor } });
    $offers.set({ rows: more ? [...$offers.get().rows, ...page.data] : page.data, nextCursor: page.nextCursor, loading: false });
  } catch (error) {
    $offers.set({ ...$offers.get(), loading: false, error: codeOf(error) });
  }
}

export const $teamsFilter = map<{ offer?: string; status?: TeamStatus }>({});
export const $teams = map<ListState<TeamSummary>>(emptyList());

export async function loadTeams(more = false): Promise<void> {
  const { offer, status } = $teamsFilter.get();
  const cursor = more ? ($teams.get().nextCursor ?? undefined) : undefined;
  $teams.setKey('loading', true);
  try {
    const page = await client.call(listTeams, { query: { limit: '50', cursor, offer, status } });
    $teams.set({
      rows: more ? [...$teams.get().rows, ...page.data] : page.data,
      nextCursor: page.nextCursor,
      loading: false,
      pagedOn: more,
    });
  } catch (error) {
    $teams.set({ ...$teams.get(), loading: false, error: codeOf(error) });
  }
}

/** Every team matching the filter, all pages: what the CSV export holds. */
export async function allTeams(): Promise<TeamSummary[]> {
  const { offer, status } = $teamsFilter.get();
  const rows: TeamSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.call(listTeams, { query: { limit: '100', cursor, offer, status } });
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

export const createOffer = (input: CreateGroupBuyOfferRequest) => client.call(createGroupBuyOffer, { body: input });

/**
 * Pauses, resumes or ends an offer, then reloads the list. Teams already open finish by their own
 * rules; only new teams wait for the offer to run again. Ending is final.
 */
export async function setOfferStatus(offerId: string, status: CampaignStatus): Promise<void> {
  await client.call(updateGroupBuyOffer, { params: { id: offerId }, body: { status } });
  await loadOffers();
}

export const $merchant = atom<Merchant | undefined>(undefined);
export const loadMerchant = async () => $merchant.set(await client.call(getMerchant, {}));
export const saveOrigins = async (origins: string[]) => $merchant.set(await client.call(updateMerchant, { body: { origins } }));

/** Commissions as the merchant reviews them: those held for review first by default. */
export const $commissionsFilter = map<{ status?: CommissionStatus }>({ status: 'under_review' });
export const $commissions = map<ListState<CommissionSummary>>(emptyList());

export async function loadCommissions(more = false): Promise<void> {
  const { status } = $commissionsFilter.get();
  const cursor = more ? ($commissions.get().nextCursor ?? undefined) : undefined;
  $commissions.setKey('loading', true);
  try {
    const page = await client.call(listCommissions, { query: { limit: '50', cursor, status } });
    $commissions.set({
      rows: more ? [...$commissions.get().rows, ...page.data] : page.data,
      nextCursor: page.nextCursor,
      loading: false,
    });
  } catch (error) {
    $commissions.set({ ...$commissions.get(), loading: false, error: codeOf(error) });
  }
}

/** Approves (it becomes available to pay) or rejects a commission held for review, then reloads. */
export async function reviewCommission(commissionId: string, decision: 'approve' | 'reject'): Promise<void> {
  await client.call(decision === 'approve' ? approveCommission : rejectCommission, { params: { id: commissionId }, body: {} });
  await loadCommissions();
}

/** The latest webhook deliveries, to see whether the shop's backend hears Flock. */
export const $deliveries = map<ListState<WebhookDelivery>>(emptyList());

export async function loadDeliveries(): Promise<void> {
  $deliveries.setKey('loading', true);
  try {
    const page = await client.call(listWebhookDeliveries, { query: { limit: '20' } });
    $deliveries.set({ rows: page.data, nextCursor: page.nextCursor, loading: false });
  } catch (error) {
    $deliveries.set({ ...$deliveries.get(), loading: false, error: codeOf(error) });
  }
}

/** Sends an event again now (same event id, so the receiver can tell a repeat), then reloads. */
export async function resendDelivery(deliveryId: string): Promise<void> {
  await client.call(resendWebhookDelivery, { params: { id: deliveryId }, body: {} });
  await loadDeliveries();
}

export const saveWebhookUrl = async (webhookUrl: string | null) =>
  $merchant.set(await client.call(updateMerchant, { body: { webhookUrl } }));
