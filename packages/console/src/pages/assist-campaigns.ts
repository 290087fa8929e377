import type { AssistCampaignSummary, CampaignStatus } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { campaignActions, campaignStatusFilter } from '../campaigns.js';
import { formatMoney } from '../format.js';
import { FormSubmission } from '../forms.js';
import { $t, type ConsoleLocale, type Translate } from '../i18n.js';
import type { Column, Filter } from '../list-view.js';
import type { LiveKind } from '../live.js';
import { assistCampaigns, setAssistCampaignStatus } from '../stores/assist.js';
import { consoleStyles } from '../styles.js';

/** The campaign's state in a word: paused and ended say so; an active one is running or outside its dates. */
const statusText = (t: Translate, campaign: AssistCampaignSummary) =>
  campaign.status !== 'active'
    ? t(`campaign.status.${campaign.status}`)
    : campaign.active
      ? t('assistCampaigns.running')
      : t('assistCampaigns.notRunning');

/** What a shopper is after: the price falling from start to floor, or the reward that enough helpers unlock. */
const offerText = (campaign: AssistCampaignSummary, locale: ConsoleLocale) =>
  campaign.mode === 'price_cut' && campaign.startPrice !== null && campaign.floorPrice !== null && campaign.currency
    ? `${formatMoney(campaign.startPrice, campaign.currency, locale)} → ${formatMoney(campaign.floorPrice, campaign.currency, locale)}`
    : campaign.reward.description;

/** Assist counts change with every assist event. */
const LIVE: LiveKind[] = ['assist'];

const COLUMNS: Column<AssistCampaignSummary>[] = [
  {
    key: 'title',
    label: 'assistCampaigns.col.title',
    title: true,
    cell: (campaign) => html`<strong>${campaign.title}</strong><br /><span class="muted">${campaign.productRef}</span>`,
  },
  {
    key: 'offer',
    label: 'assistCampaigns.col.offer',
    // The type as a tag over its terms; a price range stays on one line.
    cell: (campaign, { t, locale }) =>
      html`<span class="tag ${campaign.mode === 'price_cut' ? 'brand' : ''}">${t(`assist.mode.${campaign.mode}`)}</span><br /><span
          style=${campaign.mode === 'price_cut' ? 'white-space:nowrap' : ''}
          >${offerText(campaign, locale)}</span
        >`,
    csv: (campaign, { t, locale }) => `${t(`assist.mode.${campaign.mode}`)}: ${offerText(campaign, locale)}`,
  },
  { key: 'goal', label: 'assistCampaigns.col.goal', cell: (campaign) => campaign.goal },
  {
    key: 'assists',
    label: 'assistCampaigns.col.assists',
    cell: (campaign) =>
      html`<a href="#/assists?campaign=${campaign.id}"
        >${campaign.assists.active} / ${campaign.assists.completed} / ${campaign.assists.expired}</a
      >`,
    csv: (campaign) => `${campaign.assists.active}/${campaign.assists.completed}/${campaign.assists.expired}`,
  },
  {
    key: 'status',
    label: 'assistCampaigns.col.status',
    cell: (campaign, { t }) =>
      html`<span class="tag ${campaign.status === 'active' && campaign.active ? 'ok' : ''}" style="white-space:nowrap">${statusText(t, campaign)}</span>`,
    csv: (campaign, { t }) => statusText(t, campaign),
  },
  { key: 'id', label: 'common.id', cell: (campaign) => html`<span class="mono muted">${campaign.id}</span>` },
];

/** The merchant's assist campaigns, newest first, with how many assists each has at every stage. */
@customElement('flock-console-assist-campaigns')
export class FlockConsoleAssistCampaigns extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #action = new FormSubmission(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void assistCampaigns.load();
  }

  async #setStatus(campaign: AssistCampaignSummary, status: CampaignStatus) {
    await this.#action.run(this.#t.value, () => setAssistCampaignStatus(campaign.id, status));
  }

  #actions = (campaign: AssistCampaignSummary) => {
    const t = this.#t.value;
    return campaignActions(t, campaign, {
      editHref: `#/assist-campaigns/${campaign.id}`,
      setStatus: (status) => void this.#setStatus(campaign, status),
      confirmEnd: () => confirm(this.#t.value('assistCampaigns.confirmEnd', { title: campaign.title })),
    });
  };

  override render() {
    const t = this.#t.value;
    const filters: Filter[] = [campaignStatusFilter(t)];
    return html`<div class="row spread" style="margin-bottom:8px">
        <h1 style="margin:0">${t('assistCampaigns.title')}</h1>
        <a class="button primary" href="#/assist-campaigns/new">${t('assistCampaigns.new')}</a>
      </div>
      <p class="muted">${t('assistCampaigns.lead')}</p>
      ${this.#action.error ? html`<p class="alert" role="alert">${this.#action.error}</p>` : ''}
      <flock-console-list
        .live=${LIVE}
        .list=${assistCampaigns}
        .columns=${COLUMNS}
        .filters=${filters}
        .actions=${this.#actions}
        csvName="flock-assist-campaigns.csv"
        empty="assistCampaigns.empty"
      ></flock-console-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-assist-campaigns': FlockConsoleAssistCampaigns;
  }
}
