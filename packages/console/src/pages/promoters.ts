import type { PromoterSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { $t } from '../i18n.js';
import type { Column } from '../list-view.js';
import type { LiveKind } from '../live.js';
import { programChoices, promoters } from '../stores/referral.js';
import { client } from '../stores.js';
import { consoleStyles } from '../styles.js';
import './payout-form.js';
import { PayoutDesk } from './payout-form.js';
import { formatDay, moneyCell, programFilter } from './referral-cells.js';

/** A money column of the promoter's card figures (the CSV holds minor units). */
const money = (key: 'pending' | 'underReview' | 'available' | 'paid', label: Column<PromoterSummary>['label']) =>
  ({
    key,
    label,
    cell: (promoter, { locale }) => moneyCell(promoter[key], promoter.currency, locale),
    csv: (promoter) => promoter[key],
  }) satisfies Column<PromoterSummary>;

/** Clicks, orders, releases, payouts and refunds each change a promoter's figures: the event that says so. */
const LIVE: LiveKind[] = ['promoter'];

const COLUMNS: Column<PromoterSummary>[] = [
  {
    key: 'displayName',
    label: 'promoters.col.promoter',
    title: true,
    cell: (promoter, { t }) =>
      html`<strong style="white-space:nowrap">${promoter.displayName}</strong><br /><span class="muted">${promoter.shopperId}</span>${
        promoter.showOnLeaderboard
          ? ''
          : html`<br /><span class="tag" style="white-space:nowrap" title=${t('promoters.hiddenHint')} data-hidden-from-leaderboard
                >${t('promoters.hidden')}</span
              >`
      }`,
    csv: (promoter, { t }) =>
      promoter.showOnLeaderboard ? promoter.displayName : `${promoter.displayName} (${t('promoters.hidden')})`,
  },
  {
    key: 'tierName',
    label: 'promoters.col.tier',
    cell: (promoter) => (promoter.tierName ? html`<span class="tag brand">${promoter.tierName}</span>` : '—'),
    csv: (promoter) => promoter.tierName ?? '',
  },
  {
    key: 'commission30d',
    label: 'promoters.col.commission30d',
    cell: (promoter, { locale }) => moneyCell(promoter.commission30d, promoter.currency, locale),
    csv: (promoter) => promoter.commission30d,
  },

  { key: 'code', label: 'promoters.col.code', cell: (promoter) => html`<span class="mono">${promoter.code}</span>` },
  { key: 'clicks', label: 'promoters.col.clicks', cell: (promoter) => promoter.clicks },
  {
    key: 'orders',
    label: 'promoters.col.orders',
    cell: (promoter) => promoter.orders,
  },
  money('pending', 'referral.pending'),
  money('underReview', 'referral.underReview'),
  money('available', 'referral.available'),
  money('paid', 'referral.paid'),
  {
    key: 'createdAt',
    label: 'promoters.col.joined',
    cell: (promoter, { locale }) => html`<span style="white-space:nowrap">${formatDay(promoter.createdAt, locale)}</span>`,
    csv: (promoter) => promoter.createdAt,
  },
  { key: 'id', label: 'common.id', cell: (promoter) => html`<span class="mono muted">${promoter.id}</span>` },
];

/**
 * The shoppers promoting the merchant's programs, newest first, with the figures of their own card:
 * clicks, orders and each balance. An owner records a payout in the promoter's row.
 */
@customElement('flock-console-promoters')
export class FlockConsolePromoters extends LitElement {
  static override styles = consoleStyles;
  /** The program picked in the URL (#/promoters?program=…). */
  @property() program: string | undefined;
  readonly #payouts = new PayoutDesk(this);
  readonly #t = new StoreController(this, $t);
  readonly #programs = new StoreController(this, programChoices.$list);
  readonly #session = new StoreController(this, client.$session);

  override connectedCallback(): void {
    super.connectedCallback();
    void programChoices.load();
  }
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('program')) void promoters.filter('program', this.program);
  }

  override render() {
    const t = this.#t.value;
    const owner = this.#session.value?.user.role === 'owner';
    return html`<h1>${t('promoters.title')}</h1>
      <p class="muted">${t('promoters.lead')}</p>
      ${this.#payouts.render()}
      <flock-console-list
        .list=${promoters}
        .live=${LIVE}
        .columns=${COLUMNS}
        .filters=${[programFilter(this.#programs.value.rows)]}
        .actions=${owner ? this.#payouts.action : undefined}
        csvName="flock-promoters.csv"
        empty="promoters.empty"
      ></flock-console-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-promoters': FlockConsolePromoters;
  }
}
