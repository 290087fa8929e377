import type { CurrencyDays } from '@flock/protocol';
import { StoreController } from '@nanostores/lit';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import '../chart.js';
import type { ChartFormat, ChartSeries } from '../chart.js';
import { download, toCsv } from '../csv.js';
import { formatCurrency, formatMoney, fromMinor, minorDigits } from '../format.js';
import { $locale, $t, errorText, type Translate } from '../i18n.js';
import {
  $overview,
  $overviewRange,
  $timeZone,
  countDaysIn,
  loadOverview,
  type OverviewData,
  RANGES,
  showRange,
  timeZoneChoices,
} from '../stores/overview.js';
import { consoleStyles } from '../styles.js';

/** The stores a chart names one by one; the rest are added up as "other stores". */
const STORES_SHOWN = 5;
const STORE_COLORS = ['blue', 'amber', 'purple', 'teal', 'brand'] as const;

const total = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0);

/** A card of a series with nothing in the period: it says so, instead of leaving a gap. */
interface EmptyCard {
  id: string;
  title: string;
  empty: string;
}

/** One chart card: its title, totals, the chart and the numbers behind it (a table, and CSV). */
interface Card {
  id: string;
  title: string;
  summary: string;
  series: ChartSeries[];
  format: ChartFormat;
  /** The table under the chart: headings, then a row per day. */
  table: { headings: string[]; rows: string[][] };
  /** The CSV: stable, untranslated headers (spreadsheets read them) and raw values. */
  csv: { name: string; rows: (string | number)[][] };
}

/**
 * The page a merchant lands on: their campaigns day by day over the last 7, 30 or 90 days, in the
 * time zone they pick. Each chart has its numbers in a table (and as CSV) right under it.
 */
@customElement('flock-console-overview')
export class FlockConsoleOverview extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      .head {
        margin-bottom: 4px;
      }
      h1 {
        margin: 0;
      }
      .controls {
        margin: 0 0 16px;
        gap: 12px 16px;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 440px), 1fr));
        gap: 16px;
      }
      .card {
        min-width: 0;
      }
      .card h2 {
        margin: 0;
      }
      .summary {
        font-size: 13px;
        margin: 2px 0 10px;
      }
      details {
        margin-top: 8px;
        border-top: 1px solid var(--c-line);
        padding-top: 8px;
      }
      summary {
        cursor: pointer;
        color: var(--c-muted);
        font-size: 13px;
        min-height: 32px;
        display: flex;
        align-items: center;
      }
      .numbers {
        max-height: 320px;
        overflow: auto;
        margin: 8px 0;
      }
      .numbers th,
      .numbers td {
        padding: 6px 8px;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .numbers th:not(:first-child),
      .numbers td:not(:first-child) {
        text-align: right;
      }
      .numbers thead th {
        position: sticky;
        top: 0;
        background: var(--c-surface);
      }
      .zone select {
        max-width: 220px;
      }
      .loading {
        opacity: 0.6;
        transition: opacity 0.2s;
      }
    `,
  ];

  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #overview = new StoreController(this, $overview);
  readonly #range = new StoreController(this, $overviewRange);
  readonly #zone = new StoreController(this, $timeZone);

  override connectedCallback(): void {
    super.connectedCallback();
    void loadOverview();
  }

  override render() {
    const t = this.#t.value;
    const { data, loading, error } = this.#overview.value;
    const zone = this.#zone.value;
    return html`<div class="row spread head"><h1>${t('overview.title')}</h1></div>
      <p class="muted">${t('overview.lead')}</p>
      <div class="row controls">
        <div class="row" role="group" aria-label=${t('overview.range')}>
          ${RANGES.map(
            (days) =>
              html`<button aria-pressed=${this.#range.value === days} @click=${() => showRange(days)}>
                ${t('overview.range.days', { n: days })}
              </button>`,
          )}
        </div>
        <label class="inline zone"
          ><span class="muted">${t('overview.timeZone')}</span>
          <select @change=${(event: Event) => countDaysIn((event.target as HTMLSelectElement).value)}>
            ${timeZoneChoices(zone).map((name) => html`<option value=${name} ?selected=${name === zone}>${name}</option>`)}
          </select></label
        >
      </div>
      ${
        error
          ? html`<p class="alert" role="alert">${errorText(t, error)} <button @click=${() => loadOverview()}>${t('common.retry')}</button></p>`
          : nothing
      }
      ${
        data
          ? html`<div class="charts ${loading ? 'loading' : ''}" aria-busy=${loading ? 'true' : 'false'}>
              ${this.#cardsOf(data).map((card) => this.#card(card))}
            </div>`
          : loading
            ? html`<p class="muted" role="status">${t('common.loading')}</p>`
            : nothing
      }`;
  }

  /** How this page writes numbers and days in the merchant's language; days are calendar dates (no zone of their own). */
  #format(currency?: string): ChartFormat {
    const locale = this.#locale.value;
    const counts = new Intl.NumberFormat(locale);
    const short = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
    const long = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const date = (day: string) => new Date(`${day}T00:00:00Z`);
    return {
      count: (value) => counts.format(value),
      day: (day) => short.format(date(day)),
      dayLong: (day) => long.format(date(day)),
      ...(currency && {
        money: (minor: number) => formatMoney(minor, currency, locale),
        moneyAxis: (minor: number) =>
          formatCurrency(minor / 10 ** minorDigits(currency), currency, locale, {
            notation: 'compact',
            maximumFractionDigits: 1,
          }),
      }),
    };
  }

  #built: { data: OverviewData; t: Translate; cards: (Card | EmptyCard)[] } | undefined;
  /** The cards of these figures in this language, built once: a chart redraws only when they change. */
  #cardsOf(data: OverviewData): (Card | EmptyCard)[] {
    const t = this.#t.value;
    if (this.#built?.data !== data || this.#built.t !== t) this.#built = { data, t, cards: this.#cards(data) };
    return this.#built.cards;
  }

  #cards(data: OverviewData): (Card | EmptyCard)[] {
    const t = this.#t.value;
    const { teams, assists, orders, redemptions } = data;
    const { days } = teams;
    const counting = this.#format();
    const dayRows: DayRows = (columns, format) =>
      days.map((day, i) => [counting.dayLong(day), ...columns.map((values, column) => format(values[i] ?? 0, column))]);
    const cards: (Card | EmptyCard)[] = [];

    // Series of whole counts: their chart, their table and their CSV (a column per series, named by its key).
    const countCard = (id: string, title: string, summary: string, csvName: string, series: (ChartSeries & { key: string })[]) =>
      cards.push({
        id,
        title,
        summary,
        series,
        format: counting,
        table: this.#countTable(series, dayRows, counting),
        csv: {
          name: csvName,
          rows: [
            ['day', ...series.map((entry) => entry.key)],
            ...days.map((day, i) => [day, ...series.map((entry) => entry.values[i] ?? 0)]),
          ],
        },
      });

    countCard(
      'teams',
      t('overview.teams.title'),
      t('overview.teams.summary', {
        opened: counting.count(total(teams.opened)),
        succeeded: counting.count(total(teams.succeeded)),
        failed: counting.count(total(teams.failed)),
      }),
      'flock-teams-per-day.csv',
      [
        { key: 'opened', label: t('overview.teams.opened'), values: teams.opened, color: 'blue', kind: 'bar' },
        { key: 'succeeded', label: t('overview.teams.succeeded'), values: teams.succeeded, color: 'ok', kind: 'line' },
        { key: 'failed', label: t('overview.teams.failed'), values: teams.failed, color: 'grey', kind: 'line' },
      ],
    );
    countCard(
      'assists',
      t('overview.assists.title'),
      t('overview.assists.summary', {
        started: counting.count(total(assists.started)),
        completed: counting.count(total(assists.completed)),
      }),
      'flock-assists-per-day.csv',
      [
        { key: 'started', label: t('overview.assists.started'), values: assists.started, color: 'purple', kind: 'bar' },
        { key: 'completed', label: t('overview.assists.completed'), values: assists.completed, color: 'ok', kind: 'line' },
      ],
    );

    for (const currency of orders.currencies) cards.push(this.#ordersCard(currency, orders.currencies.length > 1, days, dayRows));
    if (orders.currencies.length === 0)
      cards.push({ id: 'orders', title: t('overview.orders.title'), empty: t('overview.orders.empty') });

    const shown = redemptions.stores.slice(0, STORES_SHOWN);
    const others = redemptions.stores.slice(STORES_SHOWN);
    const storeSeries: ChartSeries[] = shown.map((store, i) => ({
      label: store.store,
      values: store.redemptions,
      color: STORE_COLORS[i % STORE_COLORS.length] ?? 'blue',
      kind: 'line',
    }));
    if (others.length) {
      storeSeries.push({
        label: t('overview.redemptions.other'),
        values: redemptions.days.map((_, i) => total(others.map((store) => store.redemptions[i] ?? 0))),
        color: 'grey',
        kind: 'line',
      });
    }
    if (storeSeries.length) {
      cards.push({
        id: 'redemptions',
        title: t('overview.redemptions.title'),
        summary: t('overview.redemptions.summary', {
          n: counting.count(total(redemptions.stores.flatMap((store) => store.redemptions))),
        }),
        series: storeSeries,
        format: counting,
        table: this.#countTable(storeSeries, dayRows, counting),
        csv: {
          name: 'flock-redemptions-per-day.csv',
          // Every store, one line per store and day, however many the chart adds up as "other".
          rows: [
            ['day', 'store', 'redemptions'],
            ...redemptions.days.flatMap((day, i) =>
              redemptions.stores.map((store) => [day, store.store, store.redemptions[i] ?? 0]),
            ),
          ],
        },
      });
    } else {
      cards.push({ id: 'redemptions', title: t('overview.redemptions.title'), empty: t('overview.redemptions.empty') });
    }
    return cards;
  }

  #countTable(series: ChartSeries[], dayRows: DayRows, format: ChartFormat): Card['table'] {
    return {
      headings: [this.#t.value('overview.day'), ...series.map((entry) => entry.label)],
      rows: dayRows(
        series.map((entry) => entry.values),
        (value) => format.count(value),
      ),
    };
  }

  #ordersCard(of: CurrencyDays, named: boolean, days: readonly string[], dayRows: DayRows): Card {
    const t = this.#t.value;
    const format = this.#format(of.currency);
    const money = (minor: number) => formatMoney(minor, of.currency, this.#locale.value);
    const series: ChartSeries[] = [
      { label: t('overview.orders.count'), values: of.orders, color: 'teal', kind: 'bar' },
      { label: t('overview.orders.amount'), values: of.amount, color: 'blue', kind: 'line', axis: 'money' },
      { label: t('overview.orders.commission'), values: of.commission, color: 'amber', kind: 'line', axis: 'money' },
    ];
    return {
      id: `orders-${of.currency}`,
      title: named ? t('overview.orders.titleIn', { currency: of.currency }) : t('overview.orders.title'),
      summary: t('overview.orders.summary', {
        orders: format.count(total(of.orders)),
        amount: money(total(of.amount)),
        commission: money(total(of.commission)),
      }),
      series,
      format,
      table: {
        headings: [t('overview.day'), ...series.map((entry) => entry.label)],
        rows: dayRows([of.orders, of.amount, of.commission], (value, column) =>
          column === 0 ? format.count(value) : money(value),
        ),
      },
      csv: {
        name: `flock-orders-per-day-${of.currency}.csv`,
        rows: [
          ['day', 'currency', 'orders', 'amount', 'commission'],
          ...days.map((day, i) => [
            day,
            of.currency,
            of.orders[i] ?? 0,
            fromMinor(of.amount[i] ?? 0, of.currency),
            fromMinor(of.commission[i] ?? 0, of.currency),
          ]),
        ],
      },
    };
  }

  #card(card: Card | EmptyCard): TemplateResult {
    const t = this.#t.value;
    const heading = html`<h2 id="title-${card.id}">${card.title}</h2>`;
    if ('empty' in card) {
      return html`<section class="card" data-chart=${card.id} aria-labelledby="title-${card.id}">
        ${heading}
        <p class="muted summary">${card.empty}</p>
      </section>`;
    }
    const { days, from, to } = this.#overview.value.data?.teams ?? { days: [], from: '', to: '' };
    const format = card.format;
    return html`<section class="card" data-chart=${card.id} aria-labelledby="title-${card.id}">
      ${heading}
      <p class="muted summary">${card.summary}</p>
      <flock-console-chart
        .days=${days}
        .series=${card.series}
        .format=${format}
        label=${t('overview.chartLabel', { title: card.title, from: format.dayLong(from), to: format.dayLong(to) })}
      ></flock-console-chart>
      <details>
        <summary>${t('overview.numbers')}</summary>
        <div class="numbers">
          <table>
            <thead>
              <tr>${card.table.headings.map((heading) => html`<th scope="col">${heading}</th>`)}</tr>
            </thead>
            <tbody>
              ${card.table.rows.map(
                ([day, ...cells]) => html`<tr><th scope="row">${day}</th>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>`,
              )}
            </tbody>
          </table>
        </div>
        <button @click=${() => download(card.csv.name, toCsv(card.csv.rows))}>${t('overview.csv')}</button>
      </details>
    </section>`;
  }
}

type DayRows = (columns: (readonly number[])[], format: (value: number, column: number) => string) => string[][];

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-overview': FlockConsoleOverview;
  }
}
