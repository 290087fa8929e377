import { Url } from '@flock/protocol';
import type { WebhookDelivery } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { formatDateTime } from '../format.js';
import { errorCode } from '../forms.js';
import { $locale, $t, errorText } from '../i18n.js';
import { $merchant, deliveries, loadMerchant, resendDelivery, saveWebhookUrl } from '../stores.js';
import { consoleStyles } from '../styles.js';

/** Where Flock posts its events, and whether they arrived: each delivery with its status and a resend. */
@customElement('flock-console-webhooks')
export class FlockConsoleWebhooks extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #merchant = new StoreController(this, $merchant);
  readonly #deliveries = new StoreController(this, deliveries.$list);
  @state() private error = '';
  @state() private urlError = '';
  @state() private saved = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void deliveries.load();
    loadMerchant().catch((error) => {
      this.error = errorText(this.#t.value, errorCode(error));
    });
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const typed = String(new FormData(event.target as HTMLFormElement).get('url') ?? '').trim();
    this.saved = false;
    if (typed && !z.safeParse(Url, typed).success) {
      this.urlError = this.#t.value('field.invalid');
      return;
    }
    this.urlError = '';
    try {
      await saveWebhookUrl(typed || null);
      this.saved = true;
    } catch (error) {
      // The server refuses addresses it may not reach (private networks): say so by the field.
      this.urlError = errorText(this.#t.value, errorCode(error));
    }
  };

  async #resend(delivery: WebhookDelivery) {
    this.error = '';
    try {
      await resendDelivery(delivery.id);
    } catch (error) {
      this.error = errorText(this.#t.value, errorCode(error));
    }
  }

  override render() {
    const t = this.#t.value;
    const locale = this.#locale.value;
    const { rows, loading } = this.#deliveries.value;
    return html`<h1>${t('webhooks.title')}</h1>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : ''}
      <section class="card" style="margin-bottom:16px">
        <p class="muted">${t('webhooks.lead')}</p>
        <form class="row" @submit=${this.#save} novalidate>
          <input
            name="url"
            type="url"
            style="flex:1;min-width:220px"
            aria-label=${t('webhooks.url')}
            placeholder="https://shop.example/hooks/flock"
            .value=${this.#merchant.value?.webhookUrl ?? ''}
            aria-invalid=${this.urlError ? 'true' : 'false'}
            aria-describedby="url-error"
          />
          <button class="primary" type="submit">${this.saved ? t('common.saved') : t('webhooks.save')}</button>
        </form>
        <span class="field-error" id="url-error" role="alert">${this.urlError}</span>
      </section>
      <section class="card">
        <h2>${t('webhooks.recent')}</h2>
        ${
          rows.length === 0
            ? html`<p class="muted" role="status">${loading ? t('common.loading') : t('webhooks.empty')}</p>`
            : html`<table class="cards">
                <thead>
                  <tr>
                    <th>${t('webhooks.col.event')}</th>
                    <th>${t('webhooks.col.status')}</th>
                    <th>${t('webhooks.col.attempts')}</th>
                    <th>${t('webhooks.col.error')}</th>
                    <th>${t('webhooks.col.when')}</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (delivery) => html`<tr data-delivery=${delivery.id}>
                      <td><code>${delivery.type}</code></td>
                      <td><span class="tag ${delivery.status === 'delivered' ? 'ok' : delivery.status === 'failed' ? 'brand' : ''}"
                        >${t(`webhooks.status.${delivery.status}`)}</span></td>
                      <td data-label=${t('webhooks.col.attempts')}>${delivery.attempts}</td>
                      <td data-label=${t('webhooks.col.error')}>${delivery.lastError ?? '—'}</td>
                      <td data-label=${t('webhooks.col.when')}>${formatDateTime(delivery.createdAt, locale)}</td>
                      <td><button @click=${() => this.#resend(delivery)}>${t('webhooks.resend')}</button></td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>`;
  }
}
