import type { OrderStatus, OrderSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatMoney } from '../format.js';
import { $locale, $t, type Translate } from '../i18n.js';
import type { Column } from '../list-view.js';
import { orders, programChoices } from '../stores/referral.js';
import { consoleStyles } from '../styles.js';
import { programFilter, promoterCell, whenCell } from './referral-cells.js';
import './refund-form.js';
import type { RefundClosedEvent } from './refund-form.js';

const tone = (status: OrderStatus) => (status === 'paid' ? 'ok' : status === 'refunded' ? '' : 'brand');

/** What the order's commissions came to, and what refunds took back of them. */
const commissionTotals = (order: OrderSummary) => ({
  earned: order.commissions.reduce((sum, c) => sum + c.amount, 0),
  reversed: order.commissions.reduce((sum, c) => sum + c.reversedAmount, 0),
});

const statusText = (t: Translate, order: OrderSummary) => t(`orders.status.${order.status}`);

/** The columns, naming each order's program (the picker's programs are loaded beside the list). */
const columns = (programName: (id: string) => string | undefined): Column<OrderSummary>[] => [
  {
    key: 'orderRef',
    label: 'orders.col.order',
    title: true,
    cell: (order) =>
      html`<strong style="white-space:nowrap">${order.orderRef}</strong>${
        order.shopperId ? html`<br /><span class="muted">${order.shopperId}</span>` : ''
      }`,
  },
  {
    key: 'amount',
    label: 'orders.col.amount',
    cell: (order, { locale }) =>
      html`<span style="white-space:nowrap">${formatMoney(order.amount, order.currency, locale)}</span>`,
    csv: (order) => order.amount,
  },
  { key: 'currency', label: 'common.currency', cell: (order) => order.currency },
  {
    key: 'programId',
    label: 'referral.program',
    cell: (order, { t }) =>
      order.programId
        ? (programName(order.programId) ?? html`<span class="mono muted">${order.programId}</span>`)
        : html`<span class="muted">${t('orders.unattributed')}</span>`,
    csv: (order) => order.programId ?? '',
  },
  {
    key: 'promoterCode',
    label: 'orders.col.promoter',
    cell: (order) => (order.promoterCode ? promoterCell(order.promoterName ?? '', order.promoterCode) : '—'),
    csv: (order) => order.promoterCode ?? '',
  },
  {
    key: 'friendCoupon',
    label: 'orders.col.friendCoupon',
    cell: (order) => (order.friendCoupon ? html`<span class="mono">${order.friendCoupon}</span>` : '—'),
    csv: (order) => order.friendCoupon ?? '',
  },
  {
    key: 'commission',
    label: 'orders.col.commission',
    cell: (order, { t, locale }) => {
      if (order.commissions.length === 0) return '—';
      const { earned, reversed } = commissionTotals(order);
      return html`<span style="white-space:nowrap">${formatMoney(earned, order.currency, locale)}</span>${
        reversed > 0
          ? html`<br /><span class="muted" data-reversed>${t('orders.reversed', { amount: formatMoney(reversed, order.currency, locale) })}</span>`
          : ''
      }`;
    },
    csv: (order) => commissionTotals(order).earned - commissionTotals(order).reversed,
  },
  {
    key: 'status',
    label: 'orders.col.status',
    cell: (order, { t }) =>
      html`<span class="tag ${tone(order.status)}" style="white-space:nowrap">${statusText(t, order)}</span>`,
    csv: (order, { t }) => statusText(t, order),
  },
  {
    key: 'refundedAmount',
    label: 'orders.col.refunded',
    cell: (order, { locale }) =>
      order.refundedAmount > 0
        ? html`<span style="white-space:nowrap">${formatMoney(order.refundedAmount, order.currency, locale)}</span>`
        : '—',
    csv: (order) => order.refundedAmount,
  },
  { key: 'createdAt', label: 'common.created', cell: (order, { locale }) => whenCell(order.createdAt, locale) },
];

/**
 * The orders the shop reported, newest first, with whom each was credited to and what it earned;
 * the merchant reports a refund in the order's row, which reverses its commissions in proportion.
 */
@customElement('flock-console-orders')
export class FlockConsoleOrders extends LitElement {
  static override styles = consoleStyles;
  /** The program picked in the URL (#/orders?program=…). */
  @property() program: string | undefined;
  @state() private refunding: OrderSummary | undefined;
  @state() private notice = '';
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #programs = new StoreController(this, programChoices.$list);

  override connectedCallback(): void {
    super.connectedCallback();
    void programChoices.load();
  }
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('program')) void orders.filter('program', this.program);
  }

  #closed = (event: RefundClosedEvent) => {
    const order = this.refunding;
    this.refunding = undefined;
    this.notice =
      event.refunded !== null && order
        ? this.#t.value('refund.reported', {
            amount: formatMoney(event.refunded, order.currency, this.#locale.value),
            ref: order.orderRef,
          })
        : '';
  };

  #actions = (order: OrderSummary) =>
    order.status === 'refunded'
      ? ''
      : html`<button
          @click=${() => {
            this.notice = '';
            this.refunding = order;
          }}
        >
          ${this.#t.value('refund.open')}
        </button>`;

  override render() {
    const t = this.#t.value;
    const programs = this.#programs.value.rows;
    const programName = (id: string) => programs.find((program) => program.id === id)?.name;
    return html`<h1>${t('orders.title')}</h1>
      <p class="muted">${t('orders.lead')}</p>
      ${this.notice ? html`<p class="tag ok" role="status" style="margin-bottom:12px">${this.notice}</p>` : ''}
      ${
        this.refunding
          ? html`<flock-console-refund-form .order=${this.refunding} @flock-refund-closed=${this.#closed}></flock-console-refund-form>`
          : ''
      }
      <flock-console-list
        .list=${orders}
        .columns=${columns(programName)}
        .filters=${[programFilter(programs)]}
        .actions=${this.#actions}
        csvName="flock-orders.csv"
        empty="orders.empty"
      ></flock-console-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-orders': FlockConsoleOrders;
  }
}
