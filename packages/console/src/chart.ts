import { StoreController } from '@nanostores/lit';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type uPlot from 'uplot';
import { $t } from './i18n.js';

/** A colour of the charts' palette; each has a light and a dark shade (see the styles below). */
export type ChartColor = 'brand' | 'ok' | 'blue' | 'amber' | 'purple' | 'teal' | 'grey';

/** One line or set of bars of a chart: a value per day, lined up with the chart's days. */
export interface ChartSeries {
  label: string;
  values: readonly number[];
  color: ChartColor;
  kind: 'bar' | 'line';
  /** Counts on the left axis (the default), money on the right one. */
  axis?: 'count' | 'money';
}

/** How the chart writes its numbers: a count, and an amount of money (full, and short for an axis). */
export interface ChartFormat {
  count(value: number): string;
  money?(minor: number): string;
  moneyAxis?(minor: number): string;
  /** A day (`YYYY-MM-DD`) under the x axis, and in the legend while pointing at it. */
  day(day: string): string;
  dayLong(day: string): string;
}

// uPlot and its stylesheet load on the first chart shown, so the rest of the console never waits
// for them; a failed load may be tried again by the next chart.
interface Loaded {
  uPlot: typeof uPlot;
  sheet: CSSStyleSheet;
}
let loading: Promise<Loaded> | undefined;
function loadUPlot(): Promise<Loaded> {
  loading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css?inline')]).then(
    ([module, stylesheet]) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(stylesheet.default);
      return { uPlot: module.default, sheet };
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)');

/** `#rrggbb` with an alpha, for the soft fill under bars and lines. */
const withAlpha = (hex: string, alpha: number) => {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return hex;
  const [r, g, b] = match.slice(1).map((part) => Number.parseInt(part, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
};

/**
 * A per-day chart (uPlot on a canvas): bars and lines over the days of a range, counts on the left
 * axis and money on the right, a legend that names each series and shows its value at the pointed
 * day. It follows the console's light and dark colours and its width. The canvas is an image to
 * assistive technology, named by `label`; the page puts the numbers in a table beside it.
 */
@customElement('flock-console-chart')
export class FlockConsoleChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
      --chart-brand: var(--c-brand, #e0061d);
      --chart-ok: #0f8a4a;
      --chart-blue: #2563eb;
      --chart-amber: #d97706;
      --chart-purple: #7c3aed;
      --chart-teal: #0d9488;
      --chart-grey: #6b7280;
      color: var(--c-text);
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --chart-ok: #3ecf8e;
        --chart-blue: #60a5fa;
        --chart-amber: #fbbf24;
        --chart-purple: #a78bfa;
        --chart-teal: #2dd4bf;
        --chart-grey: #9ca3af;
      }
    }
    .plot {
      min-height: var(--chart-height, 240px);
    }
    :host .uplot {
      font-family: inherit;
      width: 100%;
    }
    :host .u-legend {
      font-size: 12px;
      text-align: left;
      margin: 4px 0 0;
    }
    :host .u-legend .u-series > * {
      padding: 2px 4px;
    }
    :host .u-legend .u-marker {
      border-radius: 3px;
    }
    :host .idle .u-value,
    :host .idle .u-series:first-child {
      display: none;
    }
    :host .idle .u-inline.u-live th::after {
      content: '';
    }
    :host .u-select {
      background: color-mix(in srgb, var(--c-muted) 12%, transparent);
    }
    .failed {
      color: var(--c-muted);
      margin: 8px 0;
    }
  `;

  /** What the chart shows, for assistive technology (the canvas is an image). */
  @property() label = '';
  @property({ attribute: false }) days: readonly string[] = [];
  @property({ attribute: false }) series: readonly ChartSeries[] = [];
  @property({ attribute: false }) format!: ChartFormat;
  @state() private failed = false;
  @query('.plot') private plotElement!: HTMLDivElement;
  readonly #t = new StoreController(this, $t);
  #plot: uPlot | undefined;
  #resize: ResizeObserver | undefined;
  #redraw = () => void this.#draw();

  override connectedCallback(): void {
    super.connectedCallback();
    dark?.addEventListener('change', this.#redraw);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    dark?.removeEventListener('change', this.#redraw);
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#plot?.destroy();
    this.#plot = undefined;
  }

  protected override firstUpdated(): void {
    // Follow the card's width: a phone turned sideways, a sidebar folding away.
    this.#resize = new ResizeObserver(() => {
      const size = this.#size();
      if (this.#plot && size.width !== this.#plot.width) this.#plot.setSize(size);
    });
    this.#resize.observe(this.plotElement);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('days') || changed.has('series') || changed.has('format')) void this.#draw();
  }

  #size() {
    const width = Math.max(240, Math.floor(this.plotElement.clientWidth));
    return { width, height: width < 480 ? 200 : 240 };
  }

  async #draw(): Promise<void> {
    if (!this.format || this.days.length === 0) return;
    let loaded: Loaded;
    try {
      loaded = await loadUPlot();
    } catch {
      this.failed = true;
      return;
    }
    this.failed = false;
    const root = this.shadowRoot as ShadowRoot;
    if (!root.adoptedStyleSheets.includes(loaded.sheet)) root.adoptedStyleSheets = [loaded.sheet, ...root.adoptedStyleSheets];
    this.#plot?.destroy();
    this.#plot = new loaded.uPlot(this.#options(loaded.uPlot), this.#data(), this.plotElement);
  }

  #data(): uPlot.AlignedData {
    return [this.days.map((_, index) => index), ...this.series.map((series) => [...series.values])];
  }

  #options(uPlotClass: typeof uPlot): uPlot.Options {
    const style = getComputedStyle(this);
    const token = (name: string) => style.getPropertyValue(name).trim();
    const colour = (color: ChartColor) => token(`--chart-${color}`);
    const text = token('--c-muted') || '#6b7280';
    const line = token('--c-line') || '#e5e7eb';
    const { days, format } = this;
    const count = days.length;
    const hasMoney = this.series.some((series) => series.axis === 'money');
    const bars = uPlotClass.paths.bars?.({ size: [0.7, 36], radius: 0.15 });
    const dayAt = (index: number) => days[Math.round(index)];
    const font = `11px ${getComputedStyle(this).fontFamily || 'system-ui'}`;
    const axis = { stroke: text, font, ticks: { stroke: line, width: 1, size: 4 }, grid: { stroke: line, width: 1 } };
    /** Whole numbers only on the count axis: 0.5 of a team means nothing. */
    const countSteps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000];

    return {
      ...this.#size(),
      padding: [8, 8, 0, 0],
      legend: { live: true },
      // The legend names the series; their values, and the day, only while pointing at a day.
      hooks: { setLegend: [(plot) => plot.root.classList.toggle('idle', plot.cursor.idx == null)] },
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      scales: {
        x: { time: false, range: [-0.5, count - 0.5] },
        count: { range: (_, __, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
        money: { range: (_, __, max) => [0, Math.max(100, max * 1.1)] },
      },
      axes: [
        {
          ...axis,
          grid: { show: false },
          size: 28,
          space: 44,
          incrs: [1, 2, 7, 14, 28, 56],
          values: (_, splits) =>
            splits.map((index) => {
              const day = Number.isInteger(index) ? dayAt(index) : undefined;
              return day ? format.day(day) : '';
            }),
        },
        {
          ...axis,
          scale: 'count',
          incrs: countSteps,
          values: (_, splits) => splits.map((value) => format.count(value)),
          size: 44,
        },
        ...(hasMoney
          ? [
              {
                ...axis,
                scale: 'money',
                side: 1 as const,
                grid: { show: false },
                values: (_: uPlot, splits: number[]) => splits.map((value) => (format.moneyAxis ?? format.count)(value)),
                size: 56,
              },
            ]
          : []),
      ],
      series: [
        { label: this.#t.value('overview.day'), value: (_, index) => (index == null ? '' : format.dayLong(dayAt(index) ?? '')) },
        ...this.series.map((series): uPlot.Series => {
          const stroke = colour(series.color);
          const money = series.axis === 'money';
          const value = money && format.money ? format.money : format.count;
          return series.kind === 'bar'
            ? {
                label: series.label,
                scale: money ? 'money' : 'count',
                stroke,
                fill: withAlpha(stroke, 0.55),
                width: 0,
                paths: bars,
                points: { show: false },
                value: (_, raw) => (raw == null ? '' : value(raw)),
              }
            : {
                label: series.label,
                scale: money ? 'money' : 'count',
                stroke,
                width: 2,
                // Dots while each day is wide enough to tell apart.
                points: { show: count <= 31, size: 5, fill: stroke },
                value: (_, raw) => (raw == null ? '' : value(raw)),
              };
        }),
      ],
    };
  }

  override render() {
    return html`<div class="plot" role="img" aria-label=${this.label}></div>
      ${this.failed ? html`<p class="failed" role="status">${this.#t.value('chart.failed')}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-chart': FlockConsoleChart;
  }
}
