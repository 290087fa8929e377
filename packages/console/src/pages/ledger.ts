import type { CommissionBalances, PromoterBalance } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { $locale, $t, type MessageKey } from '../i18n.js';
import type { Column } from '../list-view.js';
import { onLive } from '../live.js';
import { $ledgerTotals, ledger, programChoices, reloadLedger } from '../stores/referral.js';
import { client, go } from '../stores.js';
import { consoleStyles } from '../styles.js';
import './payout-form.js';
import { PayoutDesk } from './payout-form.js';
import { moneyCell, moneyText, promoterCell } from './referral-cells.js';

type Figure = keyof CommissionBalances;

/** The ledger's figures in the order money moves: earned, where it is now, and what is still owed. */
const FIGURES: { key: Figure; label: MessageKey }[] = [
  { key: 'earned', label: 'referral.earned' },
  { key: 'pending', label: 'referral.pending' },
  { key: 'underReview', label: 'referral.underReview' },
  { key: 'available', label: 'referral.available' },
  { key: 'paid', label: 'referral.paid' },
  { key: 'reversed', label: 'referral.reversed' },
  { key: 'rejected', label: 'referral.rejected' },
  { key: 'owed', label: 'referral.owed' },
];

const COLUMNS: Column<PromoterBalance>[] = [
  {
    key: 'displayName',
    label: 'promoters.col.promoter',
    title: true,
    cell: (line) => promoterCell(line.displayName, line.code),
    csv: (line) => `${line.displayName} (${line.code})`,
  },
  ...FIGURES.map(
    ({ key, label }): Column<PromoterBalance> => ({
      key,
      label,
      cell: (line, { locale }) =>
        key === 'owed'
          ? html`<strong>${moneyCell(line[key], line.currency, locale)}</strong>`
          : moneyCell(line[key], line.currency, locale),
      csv: (line) => line[key],
    }),
  ),
  { key: 'currency', label: 'common.currency', cell: (line) => line.currency ?? '—' },
];

/**
 * One program's ledger: its totals, and a line per promoter of where their commission money is
 * (held, under review, available, paid out, reversed by refunds, rejected) and what is still owed.
 * Every figure is summed by the server from the commission and payout rows. An owner pays from a line.
 */
@customElement('flock-console-ledger')
export class FlockConsoleLedger extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      .figures {
        display: grid;
        grid-template-columns: repeat(4, minmax(0, 1fr));
        gap: 12px 20px;
        margin: 0 0 16px;
      }
      .figures div {
        display: grid;
        gap: 2px;
      }
      .figures dt {
        color: var(--c-muted);
        font-size: 13px;
      }
      .figures dd {
        margin: 0;
        font-size: 18px;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .figures .owed dd {
        color: var(--c-brand);
      }
      .figures .negative dd {
        color: var(--c-danger);
      }
      @media (max-width: 640px) {
        .figures {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }
    `,
  ];
  /** The program picked in the URL (#/ledger?program=…); else the newest program. */
  @property() program: string | undefined;
  readonly #payouts = new PayoutDesk(this);
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #programs = new StoreController(this, programChoices.$list);
  readonly #totals = new StoreController(this, $ledgerTotals);
  readonly #shown = new StoreController(this, ledger.$filters);
  readonly #session = new StoreController(this, client.$session);

  #stopLive: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void programChoices.load();
    // A click, an order, a release, a payout or a refund changes a promoter's money: lines and totals reload together.
    this.#stopLive = onLive(['promoter'], () => void reloadLedger(true).catch(() => undefined));
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopLive?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The program of the URL, else the one shown last, else the newest once the programs are known.
    const wanted = this.program ?? (ledger.$filters.get().program || this.#programs.value.rows[0]?.id);
    if (wanted && (!this.hasUpdated || changed.has('program') || wanted !== ledger.$filters.get().program))
      void ledger.filter('program', wanted);
  }

  #totalsCard() {
    const t = this.#t.value;
    const totals = this.#totals.value;
    if (!totals)
      return html`<section class="card" style="margin-bottom:16px"><p class="muted" role="status">${t('common.loading')}</p></section>`;
    return html`<section class="card" style="margin-bottom:16px" aria-label=${t('ledger.totals')}>
      <div class="row spread" style="margin-bottom:12px">
        <h2 style="margin:0">${t('ledger.totals')}</h2>
        <span class="muted">${t('ledger.promoters', { n: totals.promoters })}</span>
      </div>
      <dl class="figures">
        ${FIGURES.map(
          ({ key, label }) =>
            html`<div class="${key === 'owed' ? 'owed' : ''} ${totals[key] < 0 ? 'negative' : ''}" data-total=${key}>
              <dt>${t(label)}</dt>
              <dd>${moneyText(totals[key], totals.currency, this.#locale.value)}</dd>
            </div>`,
        )}
      </dl>
      <p class="muted" style="margin:0">${t('ledger.rule')}</p>
    </section>`;
  }

  /** The program picker heads the page: the totals and the lines below are that program's. */
  #picker(programs: readonly { id: string; name: string }[]) {
    const shown = this.#shown.value.program;
    return html`<label class="inline"
      ><span>${this.#t.value('referral.program')}</span
      ><select @change=${(event: Event) => go(`#/ledger?program=${(event.target as HTMLSelectElement).value}`)}>
        ${programs.map((program) => html`<option value=${program.id} ?selected=${program.id === shown}>${program.name}</option>`)}
      </select></label
    >`;
  }

  override render() {
    const t = this.#t.value;
    const { rows, loading } = this.#programs.value;
    const owner = this.#session.value?.user.role === 'owner';
    const head = html`<div class="row spread" style="margin-bottom:8px">
        <h1 style="margin:0">${t('ledger.title')}</h1>
        ${rows.length > 0 ? this.#picker(rows) : ''}
      </div>
      <p class="muted">${t('ledger.lead')}</p>`;
    if (rows.length === 0 && !this.#shown.value.program)
      return html`${head}<section class="card"><p class="muted" role="status">${loading ? t('common.loading') : t('ledger.noPrograms')}</p></section>`;
    return html`${head}
      ${this.#totalsCard()}
      ${this.#payouts.render()}
      <flock-console-list
        .list=${ledger}
        .columns=${COLUMNS}
        .actions=${owner ? this.#payouts.action : undefined}
        csvName="flock-referral-ledger.csv"
        empty="ledger.empty"
      ></flock-console-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-ledger': FlockConsoleLedger;
  }
}
