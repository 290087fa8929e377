import type { CampaignStatus } from '@flock/sdk';
import { html, nothing } from 'lit';
import type { Translate } from './i18n.js';
import type { Filter } from './list-view.js';

// What the four campaign lists (group-buy offers, assist campaigns, referral programs, voucher
// products) share: the status filter and the row's Edit, Pause/Resume and End. Ending is final,
// so an ended campaign offers nothing.

const STATUSES: CampaignStatus[] = ['active', 'paused', 'ended'];

/** The list's status filter (the route's `status` query). */
export const campaignStatusFilter = (t: Translate): Filter => ({
  key: 'status',
  label: 'campaign.col.status',
  options: STATUSES.map((status) => ({ value: status, label: t(`campaign.status.${status}`) })),
});

/**
 * Edit, Pause or Resume, and End, for a campaign's row. `setStatus` does the change; End is asked
 * first by `confirmEnd` (a sentence saying what happens to what shoppers already hold).
 */
export function campaignActions(
  t: Translate,
  campaign: { status: CampaignStatus },
  options: { editHref: string; setStatus: (status: CampaignStatus) => void; confirmEnd?: () => boolean },
) {
  if (campaign.status === 'ended') return nothing;
  const end = () => {
    if (!options.confirmEnd || options.confirmEnd()) options.setStatus('ended');
  };
  return html`<a class="button" href=${options.editHref}>${t('campaign.edit')}</a>
    ${
      campaign.status === 'paused'
        ? html`<button @click=${() => options.setStatus('active')}>${t('campaign.resume')}</button>`
        : html`<button @click=${() => options.setStatus('paused')}>${t('campaign.pause')}</button>`
    }
    <button @click=${end}>${t('campaign.end')}</button>`;
}
