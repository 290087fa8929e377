import type { IssuedVoucher } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDateTime } from '../format.js';
import { errorCode } from '../forms.js';
import { $t, errorText, type Translate } from '../i18n.js';
import type { Column, Filter } from '../list-view.js';
import type { LiveKind } from '../live.js';
import { issuedVouchers, voidIssuedVoucher, voucherProductChoices } from '../stores/vouchers.js';
import { consoleStyles } from '../styles.js';
import { shortId } from './voucher-products.js';

type VoucherStatus = IssuedVoucher['status'];
/** A redemption or a void is its voucher's event. */
const LIVE: LiveKind[] = ['voucher'];

const STATUSES: VoucherStatus[] = ['active', 'used_up', 'voided', 'expired'];

const statusTag = (t: Translate, status: VoucherStatus) =>
  html`<span class="tag ${status === 'active' ? 'ok' : ''}" style="white-space:nowrap">${t(`vouchers.status.${status}`)}</span>`;

const COLUMNS: Column<IssuedVoucher>[] = [
  {
    key: 'shopperId',
    label: 'vouchers.col.shopper',
    title: true,
    cell: (voucher) => html`<strong style="white-space:nowrap">${voucher.shopperId}</strong>`,
  },
  { key: 'productTitle', label: 'vouchers.col.product', cell: (voucher) => voucher.productTitle },
  {
    key: 'orderRef',
    label: 'vouchers.col.order',
    cell: (voucher) => html`<span class="mono" style="white-space:nowrap">${voucher.orderRef}</span>`,
  },
  {
    key: 'usesLeft',
    label: 'vouchers.col.usesLeft',
    cell: (voucher, { t }) => t('vouchers.usesLeft', { left: voucher.usesLeft, uses: voucher.uses }),
    csv: (voucher) => `${voucher.usesLeft}/${voucher.uses}`,
  },
  {
    key: 'status',
    label: 'vouchers.col.status',
    cell: (voucher, { t }) => statusTag(t, voucher.status),
    csv: (voucher, { t }) => t(`vouchers.status.${voucher.status}`),
  },
  {
    key: 'createdAt',
    label: 'vouchers.col.issued',
    cell: (voucher, { locale }) => formatDateTime(voucher.createdAt, locale),
  },
  {
    key: 'lastRedemption',
    label: 'vouchers.col.lastUse',
    cell: (voucher, { t, locale }) =>
      voucher.lastRedemption
        ? t('vouchers.lastUse', {
            store: voucher.lastRedemption.store,
            when: formatDateTime(voucher.lastRedemption.redeemedAt, locale),
          })
        : '—',
    csv: (voucher) => (voucher.lastRedemption ? `${voucher.lastRedemption.store} ${voucher.lastRedemption.redeemedAt}` : ''),
  },
  { key: 'id', label: 'common.id', cell: (voucher) => shortId(voucher.id) },
];

/**
 * The vouchers the shop issued, newest first, by product and status: where the merchant finds a
 * shopper's voucher (after a refund) and voids it in its row.
 */
@customElement('flock-console-vouchers')
export class FlockConsoleVouchers extends LitElement {
  static override styles = consoleStyles;
  /** The product to show the vouchers of (#/vouchers?product=vpr_…); all products when unset. */
  @property() product: string | undefined;
  readonly #t = new StoreController(this, $t);
  readonly #products = new StoreController(this, voucherProductChoices.$list);
  @state() private actionError = '';
  @state() private notice = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void voucherProductChoices.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('product')) void issuedVouchers.filter('product', this.product);
  }

  async #void(voucher: IssuedVoucher) {
    const t = this.#t.value;
    const question = t('vouchers.confirmVoid', { shopper: voucher.shopperId, order: voucher.orderRef, left: voucher.usesLeft });
    if (!confirm(question)) return;
    this.actionError = '';
    this.notice = '';
    try {
      await voidIssuedVoucher(voucher.id);
      this.notice = t('vouchers.voided');
    } catch (error) {
      this.actionError = errorText(t, errorCode(error));
    }
  }

  #actions = (voucher: IssuedVoucher) =>
    voucher.status === 'active'
      ? html`<button @click=${() => this.#void(voucher)}>${this.#t.value('vouchers.void')}</button>`
      : '';

  override render() {
    const t = this.#t.value;
    const filters: Filter[] = [
      {
        key: 'product',
        label: 'vouchers.col.product',
        options: this.#products.value.rows.map((product) => ({ value: product.id, label: product.title })),
        select: true,
      },
      {
        key: 'status',
        label: 'vouchers.col.status',
        options: STATUSES.map((status) => ({ value: status, label: t(`vouchers.status.${status}`) })),
      },
    ];
    return html`<h1>${t('vouchers.title')}</h1>
      <p class="muted">${t('vouchers.lead')}</p>
      ${this.actionError ? html`<p class="alert" role="alert">${this.actionError}</p>` : ''}
      ${this.notice ? html`<p class="tag ok" role="status" style="margin-bottom:12px">${this.notice}</p>` : ''}
      <flock-console-list
        .live=${LIVE}
        .list=${issuedVouchers}
        .columns=${COLUMNS}
        .filters=${filters}
        .actions=${this.#actions}
        csvName="flock-vouchers.csv"
        empty="vouchers.empty"
      ></flock-console-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-vouchers': FlockConsoleVouchers;
  }
}
