import { provider, widget } from '@flock/elements/registry';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { $t } from '../i18n.js';
import { $merchant, loadMerchant, offers as offerList } from '../stores.js';
import { consoleStyles } from '../styles.js';

type SnippetKind = 'html' | 'classic';
const WIDGET_LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;

/** The code a merchant pastes: the loader, a provider with their key, the chosen offer's widget. */
export function groupBuySnippet(options: {
  server: string;
  publishableKey: string;
  offer: string;
  locale: string;
  brand: string;
  kind: SnippetKind;
}): string {
  const script =
    options.kind === 'html'
      ? `<script type="module" src="${options.server}/sdk/flock.js"></script>`
      : `<script src="${options.server}/sdk/flock-classic.js"></script>`;
  const style = options.brand ? ` style="--flock-color-brand: ${options.brand}"` : '';
  // Tag names come from the widgets' registry, their one declaration.
  const groupBuy = widget('group-buy').tag;
  return `${script}
<${provider.tag} api="${options.server}" publishable-key="${options.publishableKey}" locale="${options.locale}"${style}>
  <${groupBuy} offer="${options.offer}"></${groupBuy}>
</${provider.tag}>`;
}

/** Builds the snippet for an offer, in the language and brand colour chosen, for a page or a site builder. */
@customElement('flock-console-snippet')
export class FlockConsoleSnippet extends LitElement {
  static override styles = consoleStyles;
  @property() offer: string | undefined;
  readonly #t = new StoreController(this, $t);
  readonly #offers = new StoreController(this, offerList.$list);
  readonly #merchant = new StoreController(this, $merchant);
  @state() private locale: string = 'zh-CN';
  @state() private brand = '#e0061d';
  @state() private kind: SnippetKind = 'html';
  @state() private copied = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void offerList.load();
    void loadMerchant().catch(() => undefined);
  }

  #snippet(): string | undefined {
    const offers = this.#offers.value.rows;
    const offer = this.offer ?? offers[0]?.id;
    const key = this.#merchant.value?.publishableKey;
    if (!offer || !key) return undefined;
    return groupBuySnippet({
      server: location.origin,
      publishableKey: key,
      offer,
      locale: this.locale,
      brand: this.brand,
      kind: this.kind,
    });
  }

  #copy = async () => {
    const text = this.#snippet();
    if (!text) return;
    await navigator.clipboard.writeText(text);
    this.copied = true;
    setTimeout(() => {
      this.copied = false;
    }, 2000);
  };

  override render() {
    const t = this.#t.value;
    const offers = this.#offers.value.rows;
    const snippet = this.#snippet();
    const selected = this.offer ?? offers[0]?.id;
    return html`<h1>${t('snippet.title')}</h1>
      <section class="card form" style="max-width:none">
        ${offers.length === 0 && !this.#offers.value.loading ? html`<p class="muted">${t('snippet.noOffers')}</p>` : ''}
        <div class="grid-2">
          <label
            >${t('snippet.offer')}<select @change=${(e: Event) => (this.offer = (e.target as HTMLSelectElement).value)}>
              ${offers.map((offer) => html`<option value=${offer.id} ?selected=${offer.id === selected}>${offer.title}</option>`)}
            </select></label
          >
          <label
            >${t('snippet.locale')}<select @change=${(e: Event) => (this.locale = (e.target as HTMLSelectElement).value)}>
              ${WIDGET_LOCALES.map((locale) => html`<option value=${locale} ?selected=${locale === this.locale}>${locale}</option>`)}
            </select></label
          >
        </div>
        <div class="grid-2">
          <label
            >${t('snippet.brand')}<input
              type="color"
              .value=${this.brand}
              @input=${(e: Event) => (this.brand = (e.target as HTMLInputElement).value)}
          /></label>
          <div class="row" role="group" style="align-self:end">
            ${(['html', 'classic'] as const).map(
              (kind) =>
                html`<button aria-pressed=${this.kind === kind} @click=${() => (this.kind = kind)}>${t(`snippet.kind.${kind}`)}</button>`,
            )}
          </div>
        </div>
        ${
          snippet
            ? html`<pre data-snippet>${snippet}</pre>
                <div class="row">
                  <button class="primary" @click=${this.#copy}>${this.copied ? t('snippet.copied') : t('snippet.copy')}</button>
                  <span class="muted">${t('snippet.originHint')}</span>
                </div>`
            : ''
        }
      </section>`;
  }
}
