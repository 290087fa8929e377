import type { CampaignStatus, GroupBuyOfferSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatMoney } from '../format.js';
import { errorCode } from '../forms.js';
import { $locale, $t, errorText } from '../i18n.js';
import { $offers, loadOffers, setOfferStatus } from '../stores.js';
import { consoleStyles } from '../styles.js';

/** The merchant's group-buy offers, newest first, with how their teams are doing. */
@customElement('flock-console-offers')
export class FlockConsoleOffers extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #offers = new StoreController(this, $offers);
  @state() private actionError = '';

  async #setStatus(offer: GroupBuyOfferSummary, status: CampaignStatus) {
    if (status === 'ended' && !confirm(this.#t.value('offers.confirmEnd', { title: offer.title }))) return;
    this.actionError = '';
    try {
      await setOfferStatus(offer.id, status);
    } catch (error) {
      this.actionError = errorText(this.#t.value, errorCode(error));
    }
  }

  #statusTag(offer: GroupBuyOfferSummary) {
    const t = this.#t.value;
    if (offer.status === 'paused') return html`<span class="tag">${t('offers.status.paused')}</span>`;
    if (offer.status === 'ended') return html`<span class="tag">${t('offers.status.ended')}</span>`;
    return html`<span class="tag ${offer.active ? 'ok' : ''}">${offer.active ? t('offers.active') : t('offers.inactive')}</span>`;
  }

  #actions(offer: GroupBuyOfferSummary) {
    const t = this.#t.value;
    if (offer.status === 'ended') return '';
    return html`${
      offer.status === 'paused'
        ? html`<button @click=${() => this.#setStatus(offer, 'active')}>${t('offers.resume')}</button>`
        : html`<button @click=${() => this.#setStatus(offer, 'paused')}>${t('offers.pause')}</button>`
    }
      <button @click=${() => this.#setStatus(offer, 'ended')}>${t('offers.end')}</button>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadOffers();
  }

  override render() {
    const t = this.#t.value;
    const locale = this.#locale.value;
    const { rows, loading, error, nextCursor } = this.#offers.value;
    return html`<div class="row spread" style="margin-bottom:16px">
        <h1 style="margin:0">${t('offers.title')}</h1>
        <a class="button primary" href="#/offers/new">${t('offers.new')}</a>
      </div>
      <section class="card">
        ${this.actionError ? html`<p class="alert" role="alert">${this.actionError}</p>` : ''}
        ${error ? html`<p class="alert" role="alert">${errorText(t, error)} <button @click=${() => loadOffers()}>${t('common.retry')}</button></p>` : ''}
        ${
          rows.length === 0
            ? html`<p class="muted" role="status">${loading ? t('common.loading') : t('offers.empty')}</p>`
            : html`<table class="cards">
                <thead>
                  <tr>
                    <th>${t('offers.col.title')}</th>
                    <th>${t('offers.col.price')}</th>
                    <th>${t('offers.col.size')}</th>
                    <th>${t('offers.col.teams')}</th>
                    <th>${t('offers.col.status')}</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (offer) => html`<tr>
                      <td><strong>${offer.title}</strong><br /><span class="muted">${offer.productRef}</span></td>
                      <td data-label=${t('offers.col.price')}>
                        ${formatMoney(offer.groupPrice, offer.currency, locale)} /
                        <span class="muted">${formatMoney(offer.regularPrice, offer.currency, locale)}</span>
                      </td>
                      <td data-label=${t('offers.col.size')}>${offer.teamSize}</td>
                      <td data-label=${t('offers.col.teams')}>
                        <a href="#/teams?offer=${offer.id}">${offer.teams.open} / ${offer.teams.succeeded}</a>
                      </td>
                      <td>${this.#statusTag(offer)}</td>
                      <td>
                        <div class="row">
                          <a class="button" href="#/snippet?offer=${offer.id}">${t('offers.snippet')}</a>${this.#actions(offer)}
                        </div>
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
        }
        ${nextCursor ? html`<button @click=${() => loadOffers(true)}>${t('teams.more')}</button>` : ''}
      </section>`;
  }
}
