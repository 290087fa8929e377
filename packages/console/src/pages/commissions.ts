import type { CommissionStatus, CommissionSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatDateTime, formatMoney } from '../format.js';
import { errorCode } from '../forms.js';
import { $t, errorText, type Translate } from '../i18n.js';
import type { Column, Filter } from '../list-view.js';
import type { LiveKind } from '../live.js';
import { programChoices } from '../stores/referral.js';
import { commissions, reviewCommission } from '../stores.js';
import { consoleStyles } from '../styles.js';
import { percentOf, programFilter, promoterCell } from './referral-cells.js';

const STATUSES: CommissionStatus[] = ['under_review', 'pending', 'available', 'paid', 'rejected', 'reversed'];
const KNOWN_FLAGS = ['self_referral_device', 'order_velocity', 'refund_rate'] as const;

/** Why a commission is held, in words; a reason this console does not know yet shows as its code. */
const flagText = (t: Translate, flag: string) =>
  (KNOWN_FLAGS as readonly string[]).includes(flag) ? t(`commissions.flag.${flag as (typeof KNOWN_FLAGS)[number]}`) : flag;

const tone = (status: CommissionStatus) =>
  status === 'available' || status === 'paid' ? 'ok' : status === 'under_review' ? 'brand' : '';

/** A commission changes its promoter's earnings, which is the event that says so. */
const LIVE: LiveKind[] = ['promoter'];

const COLUMNS: Column<CommissionSummary>[] = [
  {
    key: 'orderRef',
    label: 'commissions.col.order',
    title: true,
    cell: (c) => html`<span style="white-space:nowrap">${c.orderRef}</span>`,
  },
  {
    key: 'amount',
    label: 'commissions.col.amount',
    cell: (c, { locale }) => formatMoney(c.amount, c.currency, locale),
    csv: (c) => c.amount,
  },
  { key: 'currency', label: 'common.currency', cell: (c) => c.currency },
  { key: 'promoterCode', label: 'commissions.col.promoter', cell: (c) => promoterCell(c.promoterName, c.promoterCode) },
  {
    key: 'kind',
    label: 'commissions.col.kind',
    cell: (c, { t }) =>
      c.kind === 'first_order_reward'
        ? html`<span class="tag brand" style="white-space:nowrap">${t('commissions.kind.first_order_reward')}</span>`
        : t('commissions.kind.commission'),
    csv: (c) => c.kind,
  },
  {
    key: 'rateBps',
    label: 'commissions.col.rate',
    cell: (c) => (c.rateBps === null ? '—' : `${percentOf(c.rateBps)} %`),
    csv: (c) => c.rateBps ?? '',
  },
  { key: 'level', label: 'commissions.col.level', cell: (c) => c.level },
  {
    key: 'flags',
    label: 'commissions.col.flags',
    cell: (c, { t }) => c.flags.map((flag) => flagText(t, flag)).join('、') || '—',
    csv: (c) => c.flags.join(' / '),
  },
  {
    key: 'status',
    label: 'commissions.col.status',
    cell: (c, { t }) => html`<span class="tag ${tone(c.status)}">${t(`commissions.status.${c.status}`)}</span>`,
    csv: (c, { t }) => t(`commissions.status.${c.status}`),
  },
  { key: 'createdAt', label: 'common.created', cell: (c, { locale }) => formatDateTime(c.createdAt, locale) },
];

/** Promoters' commissions, those held for review first (of every program or one), approved or rejected in their row. */
@customElement('flock-console-commissions')
export class FlockConsoleCommissions extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #programs = new StoreController(this, programChoices.$list);
  @state() private actionError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void commissions.load();
    void programChoices.load();
  }

  async #review(commission: CommissionSummary, decision: 'approve' | 'reject') {
    this.actionError = '';
    try {
      await reviewCommission(commission.id, decision);
    } catch (error) {
      this.actionError = errorText(this.#t.value, errorCode(error));
    }
  }

  #actions = (c: CommissionSummary) => {
    const t = this.#t.value;
    return c.status === 'under_review'
      ? html`<button class="primary" @click=${() => this.#review(c, 'approve')}>${t('commissions.approve')}</button>
          <button @click=${() => this.#review(c, 'reject')}>${t('commissions.reject')}</button>`
      : '';
  };

  override render() {
    const t = this.#t.value;
    const filters: Filter[] = [
      programFilter(this.#programs.value.rows),
      {
        key: 'status',
        label: 'commissions.col.status',
        options: STATUSES.map((status) => ({ value: status, label: t(`commissions.status.${status}`) })),
      },
    ];
    return html`<h1>${t('commissions.title')}</h1>
      <p class="muted">${t('commissions.lead')}</p>
      ${this.actionError ? html`<p class="alert" role="alert">${this.actionError}</p>` : ''}
      <flock-console-list
        .live=${LIVE}
        .list=${commissions}
        .columns=${COLUMNS}
        .filters=${filters}
        .actions=${this.#actions}
        csvName="flock-commissions.csv"
        empty="commissions.empty"
      ></flock-console-list>`;
  }
}
