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
import type { CampaignStatus, CreateGroupBuyOfferRequest, Merchant } from '@flock/sdk';
import { atom } from 'nanostores';
import { client } from './client.js';
import { listStore } from './lists.js';

export { client };

/**
 * Where the console is: the URL fragment (#/teams?offer=…), so the server serves one page for
 * every view. `page` picks the entry of the pages table, `id` the thing it shows (#/offers/new,
 * #/invite/<token>), `query` its filters.
 */
export interface Route {
  page: string;
  id?: string;
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = '', id] = path.split('/');
  return { page, id: id || undefined, query: new URLSearchParams(query) };
}

export const $route = atom<Route>(parseRoute(globalThis.location?.hash ?? ''));
globalThis.addEventListener?.('hashchange', () => $route.set(parseRoute(location.hash)));
export const go = (hash: string) => {
  location.hash = hash;
};

/** The merchant's offers: the offers page's table, and the choices of every offer picker. */
export const offers = listStore(listGroupBuyOffers);
/** Every offer, unfiltered: the choices of the pickers (teams' filter, the snippet builder). */
export const offerChoices = listStore(listGroupBuyOffers);
export const teams = listStore(listTeams);
/** Commissions as the merchant reviews them: those held for review first. */
export const commissions = listStore(listCommissions, { status: 'under_review' });
export const deliveries = listStore(listWebhookDeliveries);

export const createOffer = (input: CreateGroupBuyOfferRequest) => client.call(createGroupBuyOffer, { body: input });

/**
 * Pauses, resumes or ends an offer, then reloads the list. Teams already open finish by their own
 * rules (only new teams wait), unless the merchant ends it failing them: the server then fails
 * them at once and its team.failed webhooks say whom to refund. Ending is final.
 */
export async function setOfferStatus(offerId: string, status: CampaignStatus, failOpenTeams = false): Promise<void> {
  await client.call(updateGroupBuyOffer, { params: { id: offerId }, body: { status, ...(failOpenTeams && { failOpenTeams }) } });
  await offers.load();
}

export const $merchant = atom<Merchant | undefined>(undefined);
export const loadMerchant = async () => $merchant.set(await client.call(getMerchant, {}));
export const saveOrigins = async (origins: string[]) => $merchant.set(await client.call(updateMerchant, { body: { origins } }));

/** Approves (it becomes available to pay) or rejects a commission held for review, then reloads. */
export async function reviewCommission(commissionId: string, decision: 'approve' | 'reject'): Promise<void> {
  await client.call(decision === 'approve' ? approveCommission : rejectCommission, { params: { id: commissionId }, body: {} });
  await commissions.load();
}

/** Sends an event again now (same event id, so the receiver can tell a repeat), then reloads. */
export async function resendDelivery(deliveryId: string): Promise<void> {
  await client.call(resendWebhookDelivery, { params: { id: deliveryId }, body: {} });
  await deliveries.load();
}

export const saveWebhookUrl = async (webhookUrl: string | null) =>
  $merchant.set(await client.call(updateMerchant, { body: { webhookUrl } }));
