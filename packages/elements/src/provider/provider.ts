import { createClientCore, REFERRAL_URL_PARAM } from '@flock/sdk';
import { provide } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { parseStringOverrides, type StringOverrides } from '../i18n/localize.js';
import {
  type ColorScheme,
  type FlockContext,
  type FlockSettings,
  flockContext,
  flockSettingsContext,
} from '../shared/context.js';

/**
 * Wraps Flock widgets and gives them one shared client.
 *
 * @summary Configures every Flock widget inside it: server, key, shopper, language, strings, colour scheme.
 * @slot - The Flock widgets (and any other content).
 */
export class FlockProvider extends LitElement {
  /** Base URL of the merchant's Flock server. */
  @property() api = '';
  /** The merchant's publishable key (pk_…). */
  @property({ attribute: 'publishable-key' }) publishableKey = '';
  /** Token minted by the shop's backend for the signed-in shopper; without it, widgets are read-only. */
  @property({ attribute: 'shopper-token' }) shopperToken = '';
  /** zh-CN, zh-TW or en (any BCP 47 tag) for every widget inside; defaults to the page's `lang`. */
  @property() locale = '';
  /**
   * The merchant's wording for every widget inside, per locale: `{"zh-CN": {"startGroup": "我要开团"}}`
   * as a JSON attribute or an object (keys: src/i18n/en.ts). Invalid JSON is ignored with a console warning.
   */
  @property({ converter: { fromAttribute: parseStringOverrides } }) strings?: StringOverrides;
  /** Pins light or dark for every widget inside (a widget's own `theme` wins); unset follows prefers-color-scheme. */
  @property({ reflect: true }) theme?: ColorScheme;
  /**
   * A URL on the shop's own site that receives `{attributionId}` (POST, JSON) after a visit through
   * a promoter's link, so the shop's backend can keep it in a server-set cookie (see @flock/sdk/server).
   */
  @property({ attribute: 'attribution-endpoint' }) attributionEndpoint = '';

  /** The referral attribution id this browser holds, for the shop's checkout to send with the order. */
  get attributionId(): string | undefined {
    return this.context?.client.attributionId();
  }

  @provide({ context: flockContext })
  @state()
  protected context: FlockContext | undefined;

  /** Provided even without a client, so language, strings and scheme reach every widget regardless. */
  @provide({ context: flockSettingsContext })
  @state()
  protected settings: FlockSettings = { locale: '' };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || changed.has('strings') || changed.has('theme')) {
      this.settings = { locale: this.locale, strings: this.strings, theme: this.theme };
    }
    if (!this.api || !this.publishableKey) {
      this.context = undefined;
      return;
    }
    if (changed.has('api') || changed.has('publishableKey') || !this.context) {
      this.context = {
        client: createClientCore({
          api: this.api,
          publishableKey: this.publishableKey,
          shopperToken: this.shopperToken || null,
        }),
      };
      void this._captureAttribution(this.context.client);
    } else if (changed.has('shopperToken')) {
      this.context.client.setShopperToken(this.shopperToken || null);
      this.context = { ...this.context };
    }
  }

  /**
   * Records a promoter's link click and hands the attribution to the shop's endpoint, in the page's
   * first idle time: both read localStorage, and a page's first access to it can block for tens of
   * milliseconds, which the widgets' first render must not wait for. A page opened through no such
   * link, and without an endpoint, has nothing to do here and reads nothing.
   */
  private async _captureAttribution(client: FlockContext['client']) {
    await new Promise((resolve) =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(resolve, { timeout: 1000 }) : setTimeout(resolve, 200),
    );
    const referred = new URLSearchParams(globalThis.location?.search).has(REFERRAL_URL_PARAM);
    if (!referred && !this.attributionEndpoint) return;
    try {
      const attribution = await client.captureAttribution();
      if (attribution && this.attributionEndpoint) {
        await fetch(this.attributionEndpoint, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ attributionId: attribution.attributionId }),
        });
      }
    } catch {
      // A lost click must never break the page; the checkout's promoter-code field is the fallback.
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  static override styles = css`
    :host {
      display: contents;
    }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-provider': FlockProvider;
  }
}
