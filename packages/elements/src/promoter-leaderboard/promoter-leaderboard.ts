import { type Leaderboard, type LeaderboardPeriod, leaderboardClient, type RecentPayouts } from '@flock/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorMessage, type TranslatorOf } from '../i18n/localize.js';
import { cardStyles } from '../shared/card.styles.js';
import { alertMessage, statusRegion } from '../shared/card-messages.js';
import { FlockErrorEvent } from '../shared/events.js';
import { formatMoney } from '../shared/format.js';
import { renderLoadError } from '../shared/load-error.js';
import { SettingsController } from '../shared/settings-controller.js';
import { ResourceController } from '../shared/store-controller.js';
import { themeStyles } from '../shared/theme.styles.js';
import { FlockWidgetElement } from '../shared/widget-element.js';
import { promoterLeaderboardStrings } from './promoter-leaderboard.strings.js';
import { promoterLeaderboardStyles } from './promoter-leaderboard.styles.js';
import { type LeaderboardView, leaderboardView, medalOf, payoutAge, tickerItems } from './promoter-leaderboard-state.js';

/** Its strings and the shared ones. */
type Translate = TranslatorOf<typeof promoterLeaderboardStrings>;

/** How long each payout stays in the ticker before the next slides up. */
const TICKER_MS = 3500;
const PERIODS: readonly LeaderboardPeriod[] = ['week', 'month'];
const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/**
 * A referral program's leaderboard (推广达人榜): this week's or this month's top promoters by the
 * commission they earned, names masked (王** / A***), the top three with medals, and a ticker of the
 * latest payouts ("李** 刚刚提现 ¥128.00"). Every figure is the server's, from the ledger: an empty
 * period says so, and no row is ever made up. It follows the program live: an order, a refund or a
 * payout anywhere in the program updates it.
 *
 * @summary A referral program's top promoters this week or month, with a ticker of recent payouts.
 * @event flock-error - Loading the leaderboard failed; `detail.code`, `detail.message`.
 * @csspart base - The card.
 * @csspart ticker - The recent payouts line.
 * @csspart period - The week / month switch.
 * @csspart list - The ranked list.
 * @csspart row - One promoter's row.
 * @csspart medal - The rank badge (gold, silver and bronze for the top three).
 * @csspart amount - A promoter's commission.
 * @csspart button - The retry button.
 * @csspart message - The empty note and error messages.
 */
export class FlockPromoterLeaderboard extends FlockWidgetElement {
  static override styles = [themeStyles, cardStyles, promoterLeaderboardStyles];
  /** `t` (strings), `locale` (the Intl tag for strings, money, countdowns and dates), `ready`, `scheme`. */
  protected readonly settings = new SettingsController(this, promoterLeaderboardStrings);

  /** The referral program id (prg_…). */
  @property({ reflect: true }) program = '';
  /** `week` (from Monday, UTC) or `month` (from the 1st, UTC); the shopper's switch changes it. */
  @property({ reflect: true }) period: LeaderboardPeriod = 'week';

  /** Which payout the ticker shows. */
  @state() private tickerIndex = 0;

  private readonly _board = new ResourceController<Leaderboard>(this);
  private readonly _payouts = new ResourceController<RecentPayouts>(this);
  private _tickerTimer: ReturnType<typeof setInterval> | undefined;
  private _tickerPaused = false;
  /** The last load error told to the page, so a poll that fails again does not tell it twice. */
  private _reportedError: string | undefined;

  /** Fetches the leaderboard and the payouts now. Live updates make this unnecessary in normal use. */
  async refresh(): Promise<void> {
    await Promise.all([this._board.store?.refresh(), this._payouts.store?.refresh()]);
  }

  private get _period(): LeaderboardPeriod {
    return PERIODS.includes(this.period) ? this.period : 'week';
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const client = this.client;
    const leaderboard = client && this.program ? leaderboardClient(client) : undefined;
    this._board.use(leaderboard?.leaderboardStore(this.program, this._period));
    this._payouts.use(leaderboard?.recentPayoutsStore(this.program));
    const error = this._board.state?.error?.code;
    // Told to the page, not kept as an action's error: the card shows the load error itself.
    if (error && error !== this._reportedError)
      this.dispatchEvent(new FlockErrorEvent(error, this._board.state?.error?.message ?? error));
    this._reportedError = error;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // One timer moves the ticker on and keeps "5 minutes ago" current; with reduced motion it only re-renders.
    this._tickerTimer = setInterval(() => {
      const count = this._payouts.state?.data?.data.length ?? 0;
      if (count === 0) return;
      if (this._tickerPaused || reducedMotion() || count === 1) return this.requestUpdate();
      this.tickerIndex = (this.tickerIndex + 1) % count;
    }, TICKER_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._tickerTimer);
  }

  private _choose(period: LeaderboardPeriod) {
    this.period = period;
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    // Blank for the moment the language's strings take to arrive, rather than a flash of English.
    if (!this.settings.ready) return nothing;
    const t = this.settings.t;
    if (!this.client) return this._frame(alertMessage(t('error.invalid_key')));
    const view = leaderboardView(this._board.state, this._period);
    return this._frame(html`${this._header(t)}${this._ticker(t)}${this._switch(t)}${this._renderView(view, t)}`, view);
  }

  private _frame(body: TemplateResult, view?: LeaderboardView) {
    return html`<div part="base" class="card leaderboard ${view?.kind ?? ''}" aria-busy=${view?.kind === 'loading' ? 'true' : 'false'}>
      <div class="body">${body}</div>
    </div>
    ${statusRegion(view?.kind === 'loading' ? this.settings.t('loading') : '')}`;
  }

  private _header(t: Translate) {
    return html`<div class="board-header">
      <svg class="trophy" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M7 3h10v2h3v3a4 4 0 0 1-4 4h-.3A5 5 0 0 1 13 14.9V18h3v3H8v-3h3v-3.1A5 5 0 0 1 8.3 12H8a4 4 0 0 1-4-4V5h3V3zm0 4H6v1a2 2 0 0 0 1 1.7V7zm10 0v2.7A2 2 0 0 0 18 8V7h-1z" />
      </svg>
      <h3 class="title">${t('leaderboard.title')}</h3>
    </div>`;
  }

  /** The week / month switch: native radios, so arrow keys move within it and Tab stops once. */
  private _switch(t: Translate) {
    const current = this._period;
    return html`<div class="segments" part="period" role="radiogroup" aria-label=${t('leaderboard.period')}>
      ${PERIODS.map(
        (period) => html`<label class="segment ${period === current ? 'on' : ''}">
          <input type="radio" name="period" value=${period} .checked=${period === current}
            @change=${() => this._choose(period)} />
          <span>${t(period === 'week' ? 'leaderboard.week' : 'leaderboard.month')}</span>
        </label>`,
      )}
    </div>`;
  }

  private _renderView(view: LeaderboardView, t: Translate): TemplateResult {
    switch (view.kind) {
      case 'loading':
        return html`<div class="skeleton" aria-hidden="true">
          ${[0, 1, 2, 3].map(() => html`<div class="bone row-bone"></div>`)}
        </div>`;
      case 'load-error':
        return renderLoadError(errorMessage(t, view.code, 'leaderboard'), view.code, t, () => this.refresh());
      case 'empty':
        return html`<div class="empty-note" part="message">
          <span class="empty-icon" aria-hidden="true"></span>
          <strong>${t(view.period === 'week' ? 'leaderboard.emptyWeek' : 'leaderboard.emptyMonth')}</strong>
          <span>${t('leaderboard.emptyHint')}</span>
        </div>`;
      case 'list':
        return html`<ol class="rows" part="list" aria-label=${t(view.period === 'week' ? 'leaderboard.week' : 'leaderboard.month')}>
          ${view.rows.map((row) => {
            const medal = medalOf(row.rank);
            return html`<li part="row" class="row ${medal ?? ''}">
              <span part="medal" class="medal ${medal ?? 'plain'}">
                <span class="visually-hidden">${t('leaderboard.rank', { n: row.rank })}</span>
                <span aria-hidden="true">${row.rank}</span>
              </span>
              <span class="avatar" aria-hidden="true">${[...row.displayName][0] ?? ''}</span>
              <span class="name">${row.displayName}</span>
              <span part="amount" class="amount">
                <span class="visually-hidden">${t('leaderboard.commission')}</span>
                ${formatMoney(row.commission, view.currency, this.settings.locale)}
              </span>
            </li>`;
          })}
        </ol>`;
    }
  }

  /**
   * The latest payouts, one line at a time sliding up (held while hovered; still with reduced
   * motion). Screen readers get the whole list once, not a line that keeps changing. The line's
   * animation alternates between two names, which restarts it for each new line (no keyed directive:
   * it would grow the Lit chunk every page shares).
   */
  private _ticker(t: Translate) {
    const ticker = tickerItems(this._payouts.state);
    if (!ticker || ticker.items.length === 0) return nothing;
    const now = this.clock.now(ticker.serverNow);
    const line = (item: (typeof ticker.items)[number]) => {
      const amount = formatMoney(item.amount, ticker.currency, this.settings.locale);
      const age = payoutAge(item.paidAt, now);
      if (age.unit === 'now') return t('leaderboard.payoutNow', { name: item.displayName, amount });
      const time = new Intl.RelativeTimeFormat(this.settings.locale, { numeric: 'auto' }).format(-age.value, age.unit);
      return t('leaderboard.payoutAgo', { name: item.displayName, amount, time });
    };
    const index = this.tickerIndex < ticker.items.length ? this.tickerIndex : 0;
    const shown = ticker.items[index]!;
    return html`<div part="ticker" class="ticker"
        @mouseenter=${() => {
          this._tickerPaused = true;
        }}
        @mouseleave=${() => {
          this._tickerPaused = false;
        }}>
      <span class="horn" aria-hidden="true"></span>
      <div class="ticker-window" aria-hidden="true">
        <span class="ticker-line ${index % 2 ? 'odd' : 'even'}">${line(shown)}</span>
      </div>
      <ul class="visually-hidden" aria-label=${t('leaderboard.payouts')}>
        ${ticker.items.slice(0, 5).map((item) => html`<li>${line(item)}</li>`)}
      </ul>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-promoter-leaderboard': FlockPromoterLeaderboard;
  }
}
