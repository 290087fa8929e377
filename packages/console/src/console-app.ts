import { StoreController } from '@nanostores/lit';
import { html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { $locale, $t, type MessageKey, setLocale } from './i18n.js';
import './pages/commissions.js';
import './pages/webhooks.js';
import './pages/invite.js';
import './pages/offer-form.js';
import './pages/offers.js';
import './pages/settings.js';
import './pages/sign-in.js';
import './pages/snippet.js';
import './pages/teams.js';
import { css } from 'lit';
import { $route, client, type Route } from './stores.js';
import { consoleStyles } from './styles.js';

const NAV: { page: Route['page']; hash: string; label: MessageKey }[] = [
  { page: 'offers', hash: '#/offers', label: 'nav.offers' },
  { page: 'teams', hash: '#/teams', label: 'nav.teams' },
  { page: 'commissions', hash: '#/commissions', label: 'nav.commissions' },
  { page: 'snippet', hash: '#/snippet', label: 'nav.snippet' },
  { page: 'webhooks', hash: '#/webhooks', label: 'nav.webhooks' },
  { page: 'settings', hash: '#/settings', label: 'nav.settings' },
];

/** The console: signed out, the sign-in or invite page; signed in, the navigation and the page of the route. */
@customElement('flock-console')
export class FlockConsole extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      :host {
        min-height: 100vh;
        background: var(--c-bg);
      }
      header {
        background: var(--c-surface);
        border-bottom: 1px solid var(--c-line);
        padding: 0 16px;
        position: sticky;
        top: 0;
        z-index: 1;
      }
      .bar {
        max-width: 1120px;
        margin: 0 auto;
        display: flex;
        align-items: center;
        gap: 16px;
        min-height: 56px;
        flex-wrap: wrap;
      }
      .brand {
        font-weight: 700;
        color: var(--c-brand);
      }
      nav {
        display: flex;
        gap: 4px;
        flex: 1;
        overflow-x: auto;
      }
      nav a {
        color: var(--c-text);
        text-decoration: none;
        padding: 8px 12px;
        border-radius: 8px;
        white-space: nowrap;
      }
      nav a[aria-current='page'] {
        background: color-mix(in srgb, var(--c-brand) 10%, transparent);
        color: var(--c-brand);
        font-weight: 600;
      }
      .who {
        color: var(--c-muted);
        font-size: 13px;
      }
      main {
        max-width: 1120px;
        margin: 0 auto;
        padding: 20px 16px 48px;
      }
      .center {
        min-height: 100vh;
        display: grid;
        place-items: center;
        padding: 16px;
      }
      .toolbar {
        position: fixed;
        top: 12px;
        right: 12px;
      }
      @media (max-width: 640px) {
        .who {
          display: none;
        }
        nav {
          order: 3;
          flex-basis: 100%;
        }
      }
    `,
  ];

  readonly #session = new StoreController(this, client.$session);
  readonly #route = new StoreController(this, $route);
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = $locale.get();
    void client.loadSession();
  }

  #switchLanguage = () => setLocale(this.#locale.value === 'en' ? 'zh-CN' : 'en');

  override render() {
    const t = this.#t.value;
    const session = this.#session.value;
    const route = this.#route.value;
    const language = html`<button class="language" @click=${this.#switchLanguage}>${t('nav.language')}</button>`;
    if (session === undefined) return html`<div class="center muted" role="status">${t('common.loading')}</div>`;
    if (session === null) {
      const page =
        route.page === 'invite'
          ? html`<flock-console-invite .token=${route.token}></flock-console-invite>`
          : html`<flock-console-sign-in></flock-console-sign-in>`;
      return html`<div class="toolbar">${language}</div>
        <div class="center">${page}</div>`;
    }
    // An invite link opened while signed in: the session wins, the link stays for a colleague.
    const current = route.page === 'new-offer' ? 'offers' : route.page;
    return html`<header>
        <div class="bar">
          <span class="brand">${session.merchant.name}</span>
          <nav aria-label=${t('app.name')}>
            ${NAV.map(
              (item) => html`<a href=${item.hash} aria-current=${item.page === current ? 'page' : nothing}>${t(item.label)}</a>`,
            )}
          </nav>
          <span class="who">${session.user.name}</span>
          ${language}
          <button @click=${() => client.signOut()}>${t('nav.signOut')}</button>
        </div>
      </header>
      <main>${this.#page(route)}</main>`;
  }

  #page(route: Route) {
    switch (route.page) {
      case 'new-offer':
        return html`<flock-console-offer-form></flock-console-offer-form>`;
      case 'teams':
        return html`<flock-console-teams .offer=${route.offer}></flock-console-teams>`;
      case 'snippet':
        return html`<flock-console-snippet .offer=${route.offer}></flock-console-snippet>`;
      case 'settings':
        return html`<flock-console-settings></flock-console-settings>`;
      case 'commissions':
        return html`<flock-console-commissions></flock-console-commissions>`;
      case 'webhooks':
        return html`<flock-console-webhooks></flock-console-webhooks>`;
      default:
        return html`<flock-console-offers></flock-console-offers>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console': FlockConsole;
  }
}
