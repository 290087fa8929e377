import type { LeaderboardPeriod } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDateTime } from '../format.js';
import { $locale, $t, errorText } from '../i18n.js';
import { onLive } from '../live.js';
import { $board, loadBoard } from '../stores/promoter-growth.js';
import { programChoices } from '../stores/referral.js';
import { consoleStyles } from '../styles.js';
import { moneyText, programPicker } from './referral-cells.js';

const PERIODS: LeaderboardPeriod[] = ['week', 'month'];

/**
 * A program's leaderboard (this week's or this month's top promoters) and its payout ticker, exactly
 * as promoters and their friends see them: names masked, promoters who opted out left out, every
 * figure from the ledger. The merchant sees here what the widgets show.
 */
@customElement('flock-console-leaderboard')
export class FlockConsoleLeaderboard extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      .boards {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        gap: 16px;
        align-items: start;
      }
      .rank {
        width: 3em;
        font-variant-numeric: tabular-nums;
        color: var(--c-muted);
      }
      .rank.top {
        color: var(--c-brand);
        font-weight: 600;
      }
      td.amount {
        text-align: right;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .ticker {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .ticker li {
        display: flex;
        justify-content: space-between;
        gap: 12px;
        padding: 8px 0;
        border-bottom: 1px solid var(--c-line);
      }
      .ticker li:last-child {
        border-bottom: 0;
      }
      @media (max-width: 900px) {
        .boards {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];
  /** The program picked in the URL (#/leaderboard?program=…); else the newest program. */
  @property() program: string | undefined;
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #programs = new StoreController(this, programChoices.$list);
  readonly #board = new StoreController(this, $board);
  #stopLive: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void programChoices.load();
    // A commission, a refund or a payout moves the board: it reloads as promoters' figures change.
    this.#stopLive = onLive(['promoter'], () => {
      const id = this.#programId;
      if (id) void loadBoard(id);
    });
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopLive?.();
  }

  get #programId(): string | undefined {
    return this.program ?? this.#programs.value.rows[0]?.id;
  }

  protected override willUpdate(): void {
    // A program picked anew, or the page opened again: what promoters see now.
    const id = this.#programId;
    if (id && (id !== $board.get().programId || !this.hasUpdated)) void loadBoard(id);
  }

  #leaderboard() {
    const t = this.#t.value;
    const { leaderboard, period, programId } = this.#board.value;
    const locale = this.#locale.value;
    return html`<section class="card" aria-labelledby="leaderboard-title">
      <div class="row spread" style="margin-bottom:12px">
        <h2 id="leaderboard-title" style="margin:0">${t('leaderboard.title')}</h2>
        <div class="row" role="group" aria-label=${t('leaderboard.period')}>
          ${PERIODS.map(
            (p) =>
              html`<button type="button" aria-pressed=${p === period ? 'true' : 'false'} @click=${() => programId && loadBoard(programId, p)}>
                ${t(`leaderboard.period.${p}`)}
              </button>`,
          )}
        </div>
      </div>
      ${
        !leaderboard || leaderboard.period !== period
          ? html`<p class="muted" role="status">${t('common.loading')}</p>`
          : leaderboard.data.length === 0
            ? html`<p class="muted">${t(`leaderboard.empty.${period}`)}</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th class="rank">${t('leaderboard.col.rank')}</th>
                    <th>${t('leaderboard.col.promoter')}</th>
                    <th style="text-align:right">${t('leaderboard.col.commission')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${leaderboard.data.map(
                    (line) => html`<tr>
                      <td class="rank ${line.rank <= 3 ? 'top' : ''}">${line.rank}</td>
                      <td data-masked>${line.displayName}</td>
                      <td class="amount">${moneyText(line.commission, leaderboard.currency, locale)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
      }
      ${
        leaderboard
          ? html`<p class="muted" style="margin:12px 0 0">
              ${t('leaderboard.since', { from: formatDateTime(leaderboard.from, locale) })}
            </p>`
          : ''
      }
    </section>`;
  }

  #ticker() {
    const t = this.#t.value;
    const { payouts } = this.#board.value;
    const locale = this.#locale.value;
    return html`<section class="card" aria-labelledby="ticker-title">
      <h2 id="ticker-title">${t('leaderboard.payouts')}</h2>
      ${
        !payouts
          ? html`<p class="muted" role="status">${t('common.loading')}</p>`
          : payouts.data.length === 0
            ? html`<p class="muted">${t('leaderboard.payoutsEmpty')}</p>`
            : html`<ul class="ticker">
                ${payouts.data.map(
                  (line) => html`<li>
                    <span>${t('leaderboard.paidLine', { name: line.displayName, amount: moneyText(line.amount, payouts.currency, locale) })}</span>
                    <span class="muted" style="white-space:nowrap">${formatDateTime(line.paidAt, locale)}</span>
                  </li>`,
                )}
              </ul>`
      }
    </section>`;
  }

  override render() {
    const t = this.#t.value;
    const { rows, loading } = this.#programs.value;
    const error = this.#board.value.error;
    const head = html`<div class="row spread" style="margin-bottom:8px">
        <h1 style="margin:0">${t('leaderboard.pageTitle')}</h1>
        ${rows.length > 0 ? programPicker(t, rows, this.#programId, (id) => `#/leaderboard?program=${id}`) : ''}
      </div>
      <p class="muted">${t('leaderboard.lead')}</p>`;
    if (!this.#programId)
      return html`${head}<section class="card"><p class="muted" role="status">${loading ? t('common.loading') : t('ledger.noPrograms')}</p></section>`;
    return html`${head} ${error ? html`<p class="alert" role="alert">${errorText(t, error)}</p>` : ''}
      <div class="boards">${this.#leaderboard()} ${this.#ticker()}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-leaderboard': FlockConsoleLeaderboard;
  }
}
