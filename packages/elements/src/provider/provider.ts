import { createFlockClient } from '@flock/sdk';
import { provide } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type FlockContext, flockContext } from '../shared/context.js';

/**
 * Wraps Flock widgets and gives them one shared client.
 *
 * @summary Configures every Flock widget inside it: server, key, shopper, language.
 * @slot - The Flock widgets (and any other content).
 */
export class FlockProvider extends LitElement {
  /** Base URL of the merchant's Flock server. */
  @property() api = '';
  /** The merchant's publishable key (pk_…). */
  @property({ attribute: 'publishable-key' }) publishableKey = '';
  /** Token minted by the shop's backend for the signed-in shopper; without it, widgets are read-only. */
  @property({ attribute: 'shopper-token' }) shopperToken = '';
  /** zh-CN or en; defaults to the page's lang. */
  @property() locale = '';

  @provide({ context: flockContext })
  @state()
  protected context: FlockContext | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const locale = this.locale || document.documentElement.lang || navigator.language || 'en';
    if (!this.api || !this.publishableKey) {
      this.context = undefined;
      return;
    }
    if (changed.has('api') || changed.has('publishableKey') || !this.context) {
      this.context = {
        client: createFlockClient({
          api: this.api,
          publishableKey: this.publishableKey,
          shopperToken: this.shopperToken || null,
        }),
        locale,
      };
    } else if (changed.has('shopperToken')) {
      this.context.client.setShopperToken(this.shopperToken || null);
      this.context = { ...this.context };
    } else if (changed.has('locale')) {
      this.context = { ...this.context, locale };
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
