import type { CampaignStatus, GroupBuyOfferSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { campaignActions, campaignStatusFilter } from '../campaigns.js';
import { formatMoney } from '../format.js';
import { FormSubmission } from '../forms.js';
import { offerTypeCell, offerTypeText } from '../group-types.js';
import { $t, type Translate } from '../i18n.js';
import type { Column, Filter } from '../list-view.js';
import type { LiveKind } from '../live.js';
import { offers, setOfferStatus } from '../stores.js';
import { consoleStyles } from '../styles.js';

/** The offer's state in a word: paused and ended say so; an active one is running or outside its dates. */
const statusText = (t: Translate, offer: GroupBuyOfferSummary) =>
  offer.status === 'paused'
    ? t('offers.status.paused')
    : offer.status === 'ended'
      ? t('offers.status.ended')
      : offer.active
        ? t('offers.active')
        : t('offers.inactive');

/** Team counts change with every team event. */
const LIVE: LiveKind[] = ['team'];

const COLUMNS: Column<GroupBuyOfferSummary>[] = [
  {
    key: 'title',
    label: 'offers.col.title',
    title: true,
    cell: (offer) => html`<strong>${offer.title}</strong><br /><span class="muted">${offer.productRef}</span>`,
  },
  {
    key: 'groupPrice',
    label: 'offers.col.price',
    cell: (offer, { locale }) =>
      html`${formatMoney(offer.groupPrice, offer.currency, locale)} /
        <span class="muted">${formatMoney(offer.regularPrice, offer.currency, locale)}</span>`,
  },
  {
    key: 'type',
    label: 'offers.col.type',
    cell: (offer, { t, locale }) => offerTypeCell(t, locale, offer),
    csv: (offer, { t, locale }) => offerTypeText(t, locale, offer),
  },
  { key: 'teamSize', label: 'offers.col.size', cell: (offer) => offer.teamSize },
  {
    key: 'teams',
    label: 'offers.col.teams',
    cell: (offer) => html`<a href="#/teams?offer=${offer.id}">${offer.teams.open} / ${offer.teams.succeeded}</a>`,
    csv: (offer) => `${offer.teams.open}/${offer.teams.succeeded}`,
  },
  {
    key: 'status',
    label: 'offers.col.status',
    cell: (offer, { t }) =>
      html`<span class="tag ${offer.status === 'active' && offer.active ? 'ok' : ''}">${statusText(t, offer)}</span>`,
    csv: (offer, { t }) => statusText(t, offer),
  },
  { key: 'id', label: 'common.id', cell: (offer) => html`<span class="mono muted">${offer.id}</span>` },
];

/** The merchant's group-buy offers, newest first, with how their teams are doing. */
@customElement('flock-console-offers')
export class FlockConsoleOffers extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #action = new FormSubmission(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void offers.load();
  }

  /** The offer whose End the merchant is deciding on: the dialog asks what happens to its forming teams. */
  @state() private ending: GroupBuyOfferSummary | undefined;

  async #setStatus(offer: GroupBuyOfferSummary, status: CampaignStatus, failOpenTeams = false) {
    this.ending = undefined;
    await this.#action.run(this.#t.value, () => setOfferStatus(offer.id, status, failOpenTeams));
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  #endDialog(offer: GroupBuyOfferSummary) {
    const t = this.#t.value;
    return html`<dialog aria-labelledby="end-title" @close=${() => (this.ending = undefined)}>
      <h2 id="end-title">${t('offers.endTitle', { title: offer.title })}</h2>
      <p class="muted">${t('offers.endLead')}</p>
      <div class="choices">
        <button class="primary" @click=${() => this.#setStatus(offer, 'ended')}>${t('offers.endLetFinish')}</button>
        <button class="danger" @click=${() => this.#setStatus(offer, 'ended', true)}>${t('offers.endFailTeams')}</button>
        <button @click=${() => (this.ending = undefined)}>${t('offerForm.cancel')}</button>
      </div>
    </dialog>`;
  }

  #actions = (offer: GroupBuyOfferSummary) => {
    const t = this.#t.value;
    // End asks what becomes of the teams still forming, in its own dialog.
    const setStatus = (status: CampaignStatus) => {
      if (status === 'ended') this.ending = offer;
      else void this.#setStatus(offer, status);
    };
    return html`<a class="button" href="#/snippet?offer=${offer.id}">${t('offers.snippet')}</a>
      ${campaignActions(t, offer, { editHref: `#/offers/${offer.id}`, setStatus })}`;
  };

  override render() {
    const t = this.#t.value;
    const filters: Filter[] = [campaignStatusFilter(t)];
    return html`<div class="row spread" style="margin-bottom:16px">
        <h1 style="margin:0">${t('offers.title')}</h1>
        <a class="button primary" href="#/offers/new">${t('offers.new')}</a>
      </div>
      ${this.#action.error ? html`<p class="alert" role="alert">${this.#action.error}</p>` : ''}
      ${this.ending ? this.#endDialog(this.ending) : ''}
      <flock-console-list
        .live=${LIVE}
        .list=${offers}
        .columns=${COLUMNS}
        .filters=${filters}
        .actions=${this.#actions}
        csvName="flock-offers.csv"
        empty="offers.empty"
      ></flock-console-list>`;
  }
}
