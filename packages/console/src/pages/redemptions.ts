import type { RedemptionSummary, VoucherProductSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { formatDateTime, formatMoney, fromMinor } from '../format.js';
import { $t } from '../i18n.js';
import type { Column, Filter } from '../list-view.js';
import type { LiveKind } from '../live.js';
import { redemptions, staffKeys, voucherProductChoices } from '../stores/vouchers.js';
import { consoleStyles } from '../styles.js';
import { shortId } from './voucher-products.js';

/**
 * The table's columns; the face value is the redemption's product's, from the picker's page of
 * products (a product beyond it shows none), so the columns change as the products arrive.
 */
const columnsFor = (products: VoucherProductSummary[]): Column<RedemptionSummary>[] => {
  const productOf = (redemption: RedemptionSummary) => products.find((product) => product.id === redemption.productId);
  return [
    {
      key: 'redeemedAt',
      label: 'redemptions.col.when',
      title: true,
      cell: (redemption, { locale }) =>
        html`<strong style="white-space:nowrap">${formatDateTime(redemption.redeemedAt, locale)}</strong>`,
    },
    { key: 'store', label: 'redemptions.col.store', cell: (redemption) => redemption.store || '—' },
    {
      key: 'productTitle',
      label: 'redemptions.col.voucher',
      cell: (redemption) =>
        html`${redemption.productTitle}<br /><a class="mono" href="#/vouchers?product=${redemption.productId}"
          >${redemption.voucherId}</a
        >`,
      csv: (redemption) => `${redemption.productTitle} (${redemption.voucherId})`,
    },
    { key: 'shopperId', label: 'redemptions.col.shopper', cell: (redemption) => redemption.shopperId },
    {
      key: 'staffKeyId',
      label: 'redemptions.col.staffKey',
      cell: (redemption) => (redemption.staffKeyId ? shortId(redemption.staffKeyId) : '—'),
    },
    {
      key: 'value',
      label: 'redemptions.col.amount',
      cell: (redemption, { t, locale }) => {
        const product = productOf(redemption);
        if (!product || product.value === null || !product.currency) return '—';
        const value = formatMoney(product.value, product.currency, locale);
        // A multi-use card's face value is the whole card's, not one visit's.
        return product.uses > 1 ? t('redemptions.perCard', { value, n: product.uses }) : value;
      },
      csv: (redemption) => {
        const product = productOf(redemption);
        return product?.value != null && product.currency
          ? `${fromMinor(product.value, product.currency)} ${product.currency}`
          : '';
      },
    },
    { key: 'id', label: 'common.id', cell: (redemption) => html`<span class="mono muted">${redemption.id}</span>` },
  ];
};

/** Each redemption arrives as its voucher's event: the counter's scans show up as they happen. */
const LIVE: LiveKind[] = ['voucher'];

/** Every use of a voucher at a counter, newest first, at one store when the merchant picks it. */
@customElement('flock-console-redemptions')
export class FlockConsoleRedemptions extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #keys = new StoreController(this, staffKeys.$list);
  readonly #products = new StoreController(this, voucherProductChoices.$list);
  #columns: { products: VoucherProductSummary[]; columns: Column<RedemptionSummary>[] } | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void staffKeys.load();
    void voucherProductChoices.load();
    void redemptions.load();
  }

  /** The same columns while the products stay the same: the table re-renders only when they change. */
  #columnsNow() {
    const products = this.#products.value.rows;
    if (this.#columns?.products !== products) this.#columns = { products, columns: columnsFor(products) };
    return this.#columns.columns;
  }

  override render() {
    const t = this.#t.value;
    // The stores staff keys were made for (a revoked key's store may still have redemptions).
    const stores = [...new Set(this.#keys.value.rows.map((key) => key.store).filter(Boolean))].sort();
    const filters: Filter[] = [
      {
        key: 'store',
        label: 'redemptions.col.store',
        options: stores.map((store) => ({ value: store, label: store })),
        select: true,
      },
    ];
    return html`<h1>${t('redemptions.title')}</h1>
      <p class="muted">${t('redemptions.lead')}</p>
      <flock-console-list
        .live=${LIVE}
        .list=${redemptions}
        .columns=${this.#columnsNow()}
        .filters=${filters}
        csvName="flock-redemptions.csv"
        empty="redemptions.empty"
      ></flock-console-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-redemptions': FlockConsoleRedemptions;
  }
}
