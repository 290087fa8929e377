import { Url } from '@flock/protocol';
import type { WebhookDelivery, WebhookDeliveryStatus } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { formatDateTime } from '../format.js';
import { errorCode } from '../forms.js';
import { $t, errorText } from '../i18n.js';
import type { Column, Filter } from '../list-view.js';
import { $merchant, deliveries, loadMerchant, resendDelivery, saveWebhookUrl } from '../stores.js';
import { consoleStyles } from '../styles.js';

const STATUSES: WebhookDeliveryStatus[] = ['failed', 'retrying', 'pending', 'delivered'];

const COLUMNS: Column<WebhookDelivery>[] = [
  { key: 'type', label: 'webhooks.col.event', title: true, cell: (delivery) => html`<code>${delivery.type}</code>` },
  {
    key: 'status',
    label: 'webhooks.col.status',
    cell: (delivery, { t }) =>
      html`<span class="tag ${delivery.status === 'delivered' ? 'ok' : delivery.status === 'failed' ? 'brand' : ''}"
        >${t(`webhooks.status.${delivery.status}`)}</span
      >`,
    csv: (delivery) => delivery.status,
  },
  { key: 'attempts', label: 'webhooks.col.attempts', cell: (delivery) => delivery.attempts },
  { key: 'lastError', label: 'webhooks.col.error', cell: (delivery) => delivery.lastError ?? '—' },
  { key: 'createdAt', label: 'webhooks.col.when', cell: (delivery, { locale }) => formatDateTime(delivery.createdAt, locale) },
  { key: 'id', label: 'common.id', cell: (delivery) => html`<span class="mono muted">${delivery.id}</span>` },
];

/** Where Flock posts its events, and whether they arrived: each delivery with its status and a resend. */
@customElement('flock-console-webhooks')
export class FlockConsoleWebhooks extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #merchant = new StoreController(this, $merchant);
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

  #actions = (delivery: WebhookDelivery) =>
    html`<button @click=${() => this.#resend(delivery)}>${this.#t.value('webhooks.resend')}</button>`;

  override render() {
    const t = this.#t.value;
    const filters: Filter[] = [
      {
        key: 'status',
        label: 'webhooks.col.status',
        options: STATUSES.map((status) => ({ value: status, label: t(`webhooks.status.${status}`) })),
      },
    ];
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
      <h2>${t('webhooks.recent')}</h2>
      <flock-console-list
        .list=${deliveries}
        .columns=${COLUMNS}
        .filters=${filters}
        .actions=${this.#actions}
        csvName="flock-webhook-deliveries.csv"
        empty="webhooks.empty"
      ></flock-console-list>`;
  }
}
