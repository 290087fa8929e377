import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ReadableAtom } from 'nanostores';
import { download, toCsv } from './csv.js';
import { $locale, $t, type ConsoleLocale, errorText, type MessageKey, type Translate } from './i18n.js';
import type { ListState, ListStore } from './lists.js';
import { $live, type LiveKind, type LiveState, onLive } from './live.js';
import { consoleStyles } from './styles.js';

/** How often a live table reloads while the stream is down. */
const FALLBACK_POLL_MS = 5000;

/** How a cell is shown and exported: both read the current language. */
export interface CellContext {
  t: Translate;
  locale: ConsoleLocale;
}

/** One column of a console table: its heading, its cell on screen and its value in the CSV. */
export interface Column<Row> {
  /** The CSV header: a stable, untranslated name (spreadsheets and scripts read it). */
  key: string;
  label: MessageKey;
  cell: (row: Row, context: CellContext) => unknown;
  /** What the CSV holds; by default the row's field named `key`. */
  csv?: (row: Row, context: CellContext) => string | number | null | undefined;
  /** The row's title on a phone: shown without its label. */
  title?: boolean;
}

/** A filter of the list: one of the route's query fields, and the values a merchant picks from. */
export interface Filter {
  key: string;
  label: MessageKey;
  options: { value: string; label: string }[];
  /** Offered as "All" (no value) unless the list must always be filtered. */
  required?: boolean;
  /** A picker of things (offers, programs) rather than a few states: a select, not buttons. */
  select?: boolean;
}

/**
 * A console table over a list store: filters, rows (a card per row on a phone), "load more",
 * a CSV export of every matching row (all pages, the columns on screen) and row actions.
 */
@customElement('flock-console-list')
export class FlockConsoleList<Row extends { id: string }> extends LitElement {
  static override styles = consoleStyles;
  @property({ attribute: false }) list!: ListStore<Row>;
  @property({ attribute: false }) columns: Column<Row>[] = [];
  @property({ attribute: false }) filters: Filter[] = [];
  @property({ attribute: false }) actions?: (row: Row) => TemplateResult | string;
  /** The kinds of live event that change these rows: the first page reloads when one happens. */
  @property({ attribute: false }) live: LiveKind[] = [];
  @property() csvName = 'flock.csv';
  @property() empty: MessageKey = 'list.empty';
  @state() private exporting = false;
  @state() private state: ListState<Row> = { rows: [], nextCursor: null, loading: true };
  @state() private current: Record<string, unknown> = {};
  @state() private t: Translate = $t.get();
  @state() private locale: ConsoleLocale = $locale.get();
  @state() private liveState: LiveState = $live.get();
  #unsubscribe: (() => void)[] = [];
  #fallback: ReturnType<typeof setInterval> | undefined;

  #follow<T>(store: ReadableAtom<T>, set: (value: T) => void) {
    this.#unsubscribe.push(store.subscribe(set));
  }
  #subscribe() {
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
    this.#follow($t, (t) => (this.t = t));
    this.#follow($locale, (locale) => (this.locale = locale));
    this.#follow($live, (state) => (this.liveState = state));
    if (!this.list) return;
    if (this.live.length) this.#unsubscribe.push(onLive(this.live, () => void this.list.refresh()));
    this.#follow(this.list.$list, (list) => (this.state = list as ListState<Row>));
    this.#follow(this.list.$filters, (filters) => (this.current = filters));
  }
  override connectedCallback(): void {
    super.connectedCallback();
    this.#subscribe();
    // While the stream is down (a proxy that buffers it, a reconnect), a live table polls instead.
    this.#fallback = setInterval(() => {
      if (this.live.length && this.liveState !== 'live' && document.visibilityState === 'visible') void this.list.refresh();
    }, FALLBACK_POLL_MS);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#fallback);
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
  }
  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('list') || changed.has('live')) && this.isConnected) this.#subscribe();
  }

  #export = async () => {
    const context = { t: this.t, locale: this.locale };
    this.exporting = true;
    try {
      const rows = await this.list.all();
      const lines = rows.map((row) =>
        this.columns.map(
          (column) => (column.csv ? column.csv(row, context) : (row as Record<string, unknown>)[column.key]) as string,
        ),
      );
      download(this.csvName, toCsv([this.columns.map((column) => column.key), ...lines]));
    } finally {
      this.exporting = false;
    }
  };

  #filter(filter: Filter) {
    const t = this.t;
    const value = this.current[filter.key] as string | undefined;
    const choose = (next: string | undefined) => void this.list.filter(filter.key, next);
    // A few states read best as buttons; things to pick from (offers, programs) as a select.
    if (!filter.select)
      return html`<div class="row" role="group" aria-label=${t('list.filterBy', { name: t(filter.label) })}>
        ${filter.required ? nothing : html`<button aria-pressed=${value === undefined} @click=${() => choose(undefined)}>${t('list.all')}</button>`}
        ${filter.options.map(
          (option) =>
            html`<button aria-pressed=${value === option.value} @click=${() => choose(option.value)}>${option.label}</button>`,
        )}
      </div>`;
    return html`<label class="inline"
      ><span>${t(filter.label)}</span>
      <select @change=${(event: Event) => choose((event.target as HTMLSelectElement).value || undefined)}>
        ${filter.required ? nothing : html`<option value="" ?selected=${value === undefined}>${t('list.all')}</option>`}
        ${filter.options.map((option) => html`<option value=${option.value} ?selected=${value === option.value}>${option.label}</option>`)}
      </select></label
    >`;
  }

  override render() {
    const { t, locale } = this;
    const context = { t, locale };
    const { rows, loading, error, nextCursor } = this.state;
    return html`<div class="row spread" style="margin-bottom:12px">
        <div class="row">${this.filters.map((filter) => this.#filter(filter))}</div>
        <div class="row">
          ${
            this.live.length && this.liveState === 'live'
              ? html`<span class="tag ok live" title=${t('list.liveHint')}>● ${t('list.live')}</span>`
              : nothing
          }
          <button @click=${this.#export} ?disabled=${this.exporting}>${this.exporting ? t('list.exporting') : t('list.export')}</button>
        </div>
      </div>
      <section class="card table-card">
        ${error ? html`<p class="alert" role="alert">${errorText(t, error)} <button @click=${() => this.list.load()}>${t('common.retry')}</button></p>` : ''}
        ${
          rows.length === 0
            ? html`<p class="muted" role="status">${loading ? t('common.loading') : t(this.empty)}</p>`
            : html`<table class="cards">
                <thead>
                  <tr>
                    ${this.columns.map((column) => html`<th>${t(column.label)}</th>`)}
                    ${this.actions ? html`<th></th>` : nothing}
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (row) => html`<tr data-row=${row.id}>
                      ${this.columns.map(
                        (column) =>
                          html`<td data-label=${column.title ? nothing : t(column.label)}>${column.cell(row, context)}</td>`,
                      )}
                      ${this.actions ? html`<td><div class="row">${this.actions(row)}</div></td>` : nothing}
                    </tr>`,
                  )}
                </tbody>
              </table>`
        }
        ${nextCursor ? html`<button class="more" @click=${() => this.list.load(true)} ?disabled=${loading}>${t('list.more')}</button>` : ''}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-list': FlockConsoleList<{ id: string }>;
  }
}
