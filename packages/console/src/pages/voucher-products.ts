import type { CampaignStatus, VoucherProductSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { campaignActions, campaignStatusFilter } from '../campaigns.js';
import { formatDateTime, formatMoney, fromMinor } from '../format.js';
import { FormSubmission } from '../forms.js';
import { $t, type ConsoleLocale, type Translate } from '../i18n.js';
import type { Column, Filter } from '../list-view.js';
import type { LiveKind } from '../live.js';
import { setVoucherProductStatus, voucherProducts } from '../stores/vouchers.js';
import { consoleStyles } from '../styles.js';

/** Issued and redeemed counts change with every voucher event. */
const LIVE: LiveKind[] = ['voucher'];

/** An id as a table shows it (vch_2gDRsJjg…Wzwd3g5 → vch_2gDR…d3g5): enough to tell rows apart; the tooltip and the CSV hold it whole. */
export const shortId = (id: string) =>
  id.length > 16
    ? html`<span class="mono muted" title=${id}>${id.slice(0, 8)}…${id.slice(-4)}</span>`
    : html`<span class="mono muted">${id}</span>`;

export const usesText = (t: Translate, uses: number) =>
  uses === 1 ? t('voucherProducts.singleUse') : t('voucherProducts.multiUse', { n: uses });

/** A validity bound: the day alone when it falls at midnight (a whole day), else the day and time. */
const boundText = (iso: string, locale: ConsoleLocale) => {
  const date = new Date(iso);
  return date.getHours() === 0 && date.getMinutes() === 0
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date)
    : formatDateTime(iso, locale);
};

/** When a product's vouchers can be redeemed, in words. */
export function validityText(
  t: Translate,
  locale: ConsoleLocale,
  product: Pick<VoucherProductSummary, 'validFrom' | 'validUntil'>,
) {
  const from = product.validFrom && boundText(product.validFrom, locale);
  const until = product.validUntil && boundText(product.validUntil, locale);
  if (from && until) return t('voucherProducts.between', { from, until });
  if (from) return t('voucherProducts.from', { from });
  if (until) return t('voucherProducts.until', { until });
  return t('voucherProducts.always');
}

const STAGES = ['active', 'usedUp', 'voided', 'expired'] as const;
/** How the issued vouchers stand: the stages that hold any ("3 active · 1 used up"). */
const countsText = (t: Translate, product: VoucherProductSummary) =>
  STAGES.filter((stage) => product.vouchers[stage] > 0)
    .map((stage) => t(`voucherProducts.count.${stage}`, { n: product.vouchers[stage] }))
    .join(' · ');

const COLUMNS: Column<VoucherProductSummary>[] = [
  { key: 'title', label: 'voucherProducts.col.title', title: true, cell: (product) => html`<strong>${product.title}</strong>` },
  {
    key: 'value',
    label: 'voucherProducts.col.value',
    cell: (product, { locale }) =>
      product.value !== null && product.currency ? formatMoney(product.value, product.currency, locale) : '—',
    csv: (product) =>
      product.value !== null && product.currency ? `${fromMinor(product.value, product.currency)} ${product.currency}` : '',
  },
  { key: 'uses', label: 'voucherProducts.col.uses', cell: (product, { t }) => usesText(t, product.uses), csv: (p) => p.uses },
  {
    key: 'validity',
    label: 'voucherProducts.col.validity',
    cell: (product, { t, locale }) => validityText(t, locale, product),
    csv: (product) => [product.validFrom ?? '', product.validUntil ?? ''].join(' / '),
  },
  {
    key: 'stores',
    label: 'voucherProducts.col.stores',
    cell: (product, { t }) => product.stores?.join('、') ?? html`<span class="muted">${t('voucherProducts.allStores')}</span>`,
    csv: (product) => product.stores?.join(' / ') ?? '',
  },
  {
    key: 'vouchers',
    label: 'voucherProducts.col.vouchers',
    cell: (product, { t }) =>
      html`<a href="#/vouchers?product=${product.id}">${t('voucherProducts.issued', { n: product.vouchers.issued })}</a><br /><span
          class="muted"
          >${countsText(t, product)}</span
        >`,
    csv: (product, { t }) =>
      [t('voucherProducts.issued', { n: product.vouchers.issued }), countsText(t, product)].filter(Boolean).join(': '),
  },
  {
    key: 'status',
    label: 'voucherProducts.col.status',
    cell: (product, { t }) =>
      html`<span class="tag ${product.status === 'active' ? 'ok' : ''}">${t(`campaign.status.${product.status}`)}</span>`,
    csv: (product, { t }) => t(`campaign.status.${product.status}`),
  },
  { key: 'id', label: 'common.id', cell: (product) => html`<span class="mono muted">${product.id}</span>` },
];

/** The merchant's voucher products, newest first, with how many of their vouchers are at each stage. */
@customElement('flock-console-voucher-products')
export class FlockConsoleVoucherProducts extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #action = new FormSubmission(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void voucherProducts.load();
  }

  async #setStatus(product: VoucherProductSummary, status: CampaignStatus) {
    await this.#action.run(this.#t.value, () => setVoucherProductStatus(product.id, status));
  }

  #actions = (product: VoucherProductSummary) => {
    const t = this.#t.value;
    return campaignActions(t, product, {
      editHref: `#/voucher-products/${product.id}`,
      setStatus: (status) => void this.#setStatus(product, status),
      confirmEnd: () => confirm(this.#t.value('voucherProducts.confirmEnd', { title: product.title })),
    });
  };

  override render() {
    const t = this.#t.value;
    const filters: Filter[] = [campaignStatusFilter(t)];
    return html`<div class="row spread" style="margin-bottom:8px">
        <h1 style="margin:0">${t('voucherProducts.title')}</h1>
        <a class="button primary" href="#/voucher-products/new">${t('voucherProducts.new')}</a>
      </div>
      <p class="muted">${t('voucherProducts.lead')}</p>
      ${this.#action.error ? html`<p class="alert" role="alert">${this.#action.error}</p>` : ''}
      <flock-console-list
        .live=${LIVE}
        .list=${voucherProducts}
        .columns=${COLUMNS}
        .filters=${filters}
        .actions=${this.#actions}
        csvName="flock-voucher-products.csv"
        empty="voucherProducts.empty"
      ></flock-console-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-voucher-products': FlockConsoleVoucherProducts;
  }
}
