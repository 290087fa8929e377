import {
  createAssistCampaign,
  getAssistCampaign,
  listAssistCampaigns,
  listAssists,
  listVoucherProducts,
  updateAssistCampaign,
} from '@flock/protocol/routes';
import type { CampaignStatus, CreateAssistCampaignRequest, UpdateAssistCampaignRequest } from '@flock/sdk';
import { client } from '../client.js';
import { listStore } from '../lists.js';

/** The campaigns page's table (filtered by status as the merchant picks). */
export const assistCampaigns = listStore(listAssistCampaigns);
/** Every campaign, unfiltered: the choices of the assists page's campaign picker. */
export const assistCampaignChoices = listStore(listAssistCampaigns);
/** The assists shoppers started, newest first, by campaign and status. */
export const assists = listStore(listAssists);

export const loadAssistCampaign = (id: string) => client.call(getAssistCampaign, { params: { id } });

export async function createCampaign(input: CreateAssistCampaignRequest): Promise<void> {
  await client.call(createAssistCampaign, { body: input });
  await assistCampaigns.load();
}

export async function updateCampaign(id: string, changes: UpdateAssistCampaignRequest): Promise<void> {
  await client.call(updateAssistCampaign, { params: { id }, body: changes });
  await assistCampaigns.load();
}

/**
 * Pauses, resumes or ends a campaign, then reloads the list. Assists already running finish by
 * their own rules (friends can still help); only new assists wait. Ending is final.
 */
export const setAssistCampaignStatus = (id: string, status: CampaignStatus) => updateCampaign(id, { status });

/** The voucher products a campaign may issue as its reward: the merchant's running ones (a page of 100 is plenty to pick from). */
export async function loadRewardVouchers(): Promise<{ id: string; title: string }[]> {
  const page = await client.call(listVoucherProducts, { query: { status: 'active', limit: '100' } });
  return page.data.map((product) => ({ id: product.id, title: product.title }));
}
