import type { PayoutSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatMoney } from '../format.js';
import { $t } from '../i18n.js';
import type { Column } from '../list-view.js';
import { payouts, programChoices, promoterChoices } from '../stores/referral.js';
import { consoleStyles } from '../styles.js';
import { promoterCell, whenCell } from './referral-cells.js';

/** The columns, naming each payout's program when the program picker has loaded it. */
const columns = (programName: (id: string) => string | undefined): Column<PayoutSummary>[] => [
  { key: 'reference', label: 'payouts.col.reference', title: true, cell: (payout) => html`<strong>${payout.reference}</strong>` },
  {
    key: 'amount',
    label: 'payouts.col.amount',
    cell: (payout, { locale }) =>
      html`<span style="white-space:nowrap">${formatMoney(payout.amount, payout.currency, locale)}</span>`,
    csv: (payout) => payout.amount,
  },
  { key: 'currency', label: 'common.currency', cell: (payout) => payout.currency },
  {
    key: 'promoterCode',
    label: 'promoters.col.promoter',
    cell: (payout) => promoterCell(payout.promoterName, payout.promoterCode),
  },
  { key: 'programId', label: 'referral.program', cell: (payout) => programName(payout.programId) ?? payout.programId },
  { key: 'createdAt', label: 'payouts.col.when', cell: (payout, { locale }) => whenCell(payout.createdAt, locale) },
  { key: 'id', label: 'common.id', cell: (payout) => html`<span class="mono muted">${payout.id}</span>` },
];

/** The payouts recorded to promoters, newest first, of every promoter or one. */
@customElement('flock-console-payouts')
export class FlockConsolePayouts extends LitElement {
  static override styles = consoleStyles;
  /** The promoter picked in the URL (#/payouts?promoter=…). */
  @property() promoter: string | undefined;
  readonly #t = new StoreController(this, $t);
  readonly #promoters = new StoreController(this, promoterChoices.$list);
  readonly #programs = new StoreController(this, programChoices.$list);

  override connectedCallback(): void {
    super.connectedCallback();
    void promoterChoices.load();
    void programChoices.load();
  }
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('promoter')) void payouts.filter('promoter', this.promoter);
  }

  override render() {
    const t = this.#t.value;
    const promoters = this.#promoters.value.rows;
    const programs = this.#programs.value.rows;
    const programName = (id: string) => programs.find((program) => program.id === id)?.name;
    return html`<h1>${t('payouts.title')}</h1>
      <p class="muted">${t('payouts.lead')}</p>
      <flock-console-list
        .list=${payouts}
        .columns=${columns(programName)}
        .filters=${[
          {
            key: 'promoter',
            label: 'promoters.col.promoter',
            select: true,
            options: promoters.map((promoter) => ({ value: promoter.id, label: `${promoter.displayName} · ${promoter.code}` })),
          },
        ]}
        csvName="flock-payouts.csv"
        empty="payouts.empty"
      ></flock-console-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-payouts': FlockConsolePayouts;
  }
}
