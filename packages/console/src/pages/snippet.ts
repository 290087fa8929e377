import { provider } from '@flock/elements/registry';
import { StoreController } from '@nanostores/lit';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { ReadableAtom } from 'nanostores';
import { $locale, $t, type MessageKey } from '../i18n.js';
import type { ListState } from '../lists.js';
import { DEFAULT_THEME, type Scheme, type SnippetKind, type SnippetTheme, snippet, themeProperties } from '../snippets.js';
import { assistCampaignChoices } from '../stores/assist.js';
import { programChoices } from '../stores/referral.js';
import { $merchant, loadMerchant, offerChoices } from '../stores.js';
import { consoleStyles } from '../styles.js';

const WIDGET_LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
const KINDS: SnippetKind[] = ['html', 'classic', 'react', 'vue'];
const SCHEMES: Scheme[] = ['auto', 'light', 'dark'];
const FONTS: { value: string; label: MessageKey }[] = [
  { value: '', label: 'snippet.font.system' },
  { value: "'Varela Round', 'Yuanti SC', 'PingFang SC', sans-serif", label: 'snippet.font.rounded' },
  { value: "'Noto Serif SC', 'Songti SC', 'STSong', serif", label: 'snippet.font.serif' },
];

/** The widgets a shop page shows (the scanner is a store's, set up under Stores & staff). */
type OfferedWidget = 'group-buy' | 'assist-progress' | 'referral-card' | 'voucher-list';
/** A campaign as a picker lists it: an offer or campaign has a title, a program a name. */
type CampaignRow = { id: string; title?: string; name?: string };
/** A widget the builder offers, and which of the merchant's campaigns it shows (by which attribute). */
interface WidgetChoice {
  name: OfferedWidget;
  campaign?: { attribute: string; list: { $list: ReadableAtom<ListState<CampaignRow>>; load(): Promise<void> } };
}
const WIDGETS: WidgetChoice[] = [
  { name: 'group-buy', campaign: { attribute: 'offer', list: offerChoices } },
  { name: 'assist-progress', campaign: { attribute: 'campaign', list: assistCampaignChoices } },
  { name: 'referral-card', campaign: { attribute: 'program', list: programChoices } },
  { name: 'voucher-list' },
];

interface FlockLoader {
  discover(root: ParentNode): void;
  load(tag: string): Promise<void>;
}
let flockLoader: Promise<FlockLoader> | undefined;
/** The widgets' own loader, from this server's /sdk/: the preview runs exactly what a shop page runs. */
const loadFlock = () => {
  flockLoader ??= import(/* @vite-ignore */ `${location.origin}/sdk/flock.js`) as Promise<FlockLoader>;
  return flockLoader;
};

/**
 * The snippet builder: a widget and its campaign, language and theme; the real widget live against
 * this server; the code for a page, a site builder, React or Vue.
 */
@customElement('flock-console-snippet')
export class FlockConsoleSnippet extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      .builder {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 420px);
        gap: 16px;
        align-items: start;
      }
      .preview {
        border-radius: var(--radius);
        border: 1px solid var(--c-line);
        padding: 16px;
        background: #f2f3f5;
        min-height: 200px;
      }
      .preview.dark {
        background: #000;
      }
      @media (max-width: 900px) {
        .builder {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];
  /** The offer to start with (from the offers page's "Get snippet"). */
  @property() offer: string | undefined;
  readonly #t = new StoreController(this, $t);
  readonly #merchant = new StoreController(this, $merchant);
  @state() private widget: OfferedWidget = 'group-buy';
  @state() private chosen: Partial<Record<OfferedWidget, string>> = {};
  // Shoppers read Chinese by default; a merchant working in Traditional Chinese most likely sells to Taiwan.
  @state() private locale: string = $locale.get() === 'zh-TW' ? 'zh-TW' : 'zh-CN';
  @state() private theme: SnippetTheme = { ...DEFAULT_THEME };
  @state() private kind: SnippetKind = 'html';
  @state() private copied = false;
  @state() private previewFailed = false;
  #unsubscribe: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void loadMerchant().catch(() => undefined);
    // Every campaign list re-renders the pickers as it loads.
    this.#unsubscribe = WIDGETS.flatMap((choice) =>
      choice.campaign ? [choice.campaign.list.$list.listen(() => this.requestUpdate())] : [],
    );
    for (const choice of WIDGETS) void choice.campaign?.list.load();
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.#unsubscribe) stop();
  }
  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('offer') && this.offer) {
      this.widget = 'group-buy';
      this.chosen = { ...this.chosen, 'group-buy': this.offer };
    }
  }

  protected override async updated(): Promise<void> {
    const root = this.renderRoot.querySelector('.preview');
    if (!root || this.previewFailed) return;
    try {
      const flock = await loadFlock();
      // The provider first: a widget defined before it would miss its context.
      await flock.load(provider.tag);
      flock.discover(root);
    } catch (error) {
      console.error('[flock console] the preview could not load the widgets', error);
      this.previewFailed = true;
    }
  }

  #choice = (): WidgetChoice => WIDGETS.find((choice) => choice.name === this.widget) ?? (WIDGETS[0] as WidgetChoice);

  /** The campaign the code shows: the one picked, else the newest. */
  #campaignId(): string | undefined {
    const choice = this.#choice();
    return choice.campaign ? (this.chosen[choice.name] ?? choice.campaign.list.$list.get().rows[0]?.id) : undefined;
  }

  #code(): string | undefined {
    const choice = this.#choice();
    const key = this.#merchant.value?.publishableKey;
    const campaignId = this.#campaignId();
    if (!key || (choice.campaign && !campaignId)) return undefined;
    return snippet({
      kind: this.kind,
      server: location.origin,
      publishableKey: key,
      widget: choice.name,
      campaign: choice.campaign && campaignId ? { attribute: choice.campaign.attribute, id: campaignId } : undefined,
      locale: this.locale,
      theme: this.theme,
    });
  }

  #copy = async () => {
    const text = this.#code();
    if (!text) return;
    await navigator.clipboard.writeText(text);
    this.copied = true;
    setTimeout(() => {
      this.copied = false;
    }, 2000);
  };

  #setTheme(patch: Partial<SnippetTheme>) {
    this.theme = { ...this.theme, ...patch };
  }

  #preview() {
    const choice = this.#choice();
    const key = this.#merchant.value?.publishableKey;
    const campaignId = this.#campaignId();
    if (!key || (choice.campaign && !campaignId)) return nothing;
    const scheme = this.theme.scheme === 'auto' ? undefined : this.theme.scheme;
    const dark = scheme === 'dark' || (!scheme && matchMedia('(prefers-color-scheme: dark)').matches);
    const style = Object.fromEntries(themeProperties(this.theme));
    // One template per widget: Lit cannot bind a tag name, and the registry's tags are few.
    const campaign = choice.campaign ? { [choice.campaign.attribute]: campaignId } : {};
    return html`<div class="preview ${dark ? 'dark' : ''}">
      <flock-provider api=${location.origin} publishable-key=${key} locale=${this.locale} theme=${ifDefined(scheme)} style=${styleMap(style)}>
        ${
          choice.name === 'group-buy'
            ? html`<flock-group-buy offer=${ifDefined(campaign.offer)}></flock-group-buy>`
            : choice.name === 'assist-progress'
              ? html`<flock-assist-progress campaign=${ifDefined(campaign.campaign)}></flock-assist-progress>`
              : choice.name === 'referral-card'
                ? html`<flock-referral-card program=${ifDefined(campaign.program)}></flock-referral-card>`
                : html`<flock-voucher-list></flock-voucher-list>`
        }
      </flock-provider>
    </div>`;
  }

  override render() {
    const t = this.#t.value;
    const choice = this.#choice();
    const rows = choice.campaign?.list.$list.get().rows ?? [];
    const loading = choice.campaign?.list.$list.get().loading ?? false;
    const code = this.#code();
    const select = <T extends string>(
      label: MessageKey,
      value: T,
      options: { value: T; label: string }[],
      set: (value: T) => void,
    ) =>
      html`<label
        >${t(label)}<select @change=${(event: Event) => set((event.target as HTMLSelectElement).value as T)}>
          ${options.map((option) => html`<option value=${option.value} ?selected=${option.value === value}>${option.label}</option>`)}
        </select></label
      >`;
    return html`<h1>${t('snippet.title')}</h1>
      <p class="muted">${t('snippet.lead')}</p>
      <div class="builder">
        <section class="card form" style="max-width:none">
          <div class="grid-2">
            ${select(
              'snippet.widget',
              this.widget,
              WIDGETS.map((entry) => ({ value: entry.name, label: t(`snippet.widget.${entry.name}`) })),
              (name) => (this.widget = name),
            )}
            ${
              choice.campaign
                ? select(
                    'snippet.campaign',
                    this.#campaignId() ?? '',
                    rows.map((row) => ({ value: row.id, label: row.title ?? row.name ?? row.id })),
                    (id) => (this.chosen = { ...this.chosen, [choice.name]: id }),
                  )
                : nothing
            }
          </div>
          ${choice.campaign && rows.length === 0 && !loading ? html`<p class="muted">${t('snippet.noCampaigns')}</p>` : ''}
          <div class="grid-2">
            ${select(
              'snippet.locale',
              this.locale,
              WIDGET_LOCALES.map((locale) => ({ value: locale, label: locale })),
              (locale) => (this.locale = locale),
            )}
            ${select(
              'snippet.scheme',
              this.theme.scheme,
              SCHEMES.map((scheme) => ({ value: scheme, label: t(`snippet.scheme.${scheme}`) })),
              (scheme) => this.#setTheme({ scheme }),
            )}
          </div>
          <div class="grid-2">
            <label
              >${t('snippet.brand')}<input
                type="color"
                .value=${this.theme.brand}
                @input=${(event: Event) => this.#setTheme({ brand: (event.target as HTMLInputElement).value })}
            /></label>
            <label
              >${t('snippet.radius')} · ${this.theme.radius}px<input
                type="range"
                min="0"
                max="24"
                .value=${String(this.theme.radius)}
                @input=${(event: Event) => this.#setTheme({ radius: Number((event.target as HTMLInputElement).value) })}
            /></label>
          </div>
          ${select(
            'snippet.font',
            this.theme.font,
            FONTS.map((font) => ({ value: font.value, label: t(font.label) })),
            (font) => this.#setTheme({ font }),
          )}
          <h2 style="margin-top:8px">${t('snippet.code')}</h2>
          <div class="row" role="group">
            ${KINDS.map(
              (kind) =>
                html`<button aria-pressed=${this.kind === kind} @click=${() => (this.kind = kind)}>${t(`snippet.kind.${kind}`)}</button>`,
            )}
          </div>
          ${
            code
              ? html`<pre data-snippet>${code}</pre>
                  <div class="row">
                    <button class="primary" @click=${this.#copy}>${this.copied ? t('snippet.copied') : t('snippet.copy')}</button>
                    <span class="muted">${t('snippet.originHint')}</span>
                  </div>`
              : ''
          }
        </section>
        <section class="card">
          <h2>${t('snippet.preview')}</h2>
          <p class="muted">${t('snippet.previewLead')}</p>
          ${this.previewFailed ? html`<p class="alert" role="alert">${t('snippet.previewFailed')}</p>` : this.#preview()}
        </section>
      </div>`;
  }
}
