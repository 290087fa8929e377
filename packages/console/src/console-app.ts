import { StoreController } from '@nanostores/lit';
import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { $locale, $t, type MessageKey, setLocale } from './i18n.js';
import { consoleLocales, isConsoleLocale } from './locales.js';
import { type NavGroup, PAGES, pageOf } from './pages.js';
import './pages/invite.js';
import './pages/sign-in.js';
import { $route, client } from './stores.js';
import { consoleStyles } from './styles.js';

const GROUPS: { group: NavGroup; label: MessageKey }[] = [
  { group: 'overview', label: 'nav.group.overview' },
  { group: 'groupBuy', label: 'nav.group.groupBuy' },
  { group: 'assist', label: 'nav.group.assist' },
  { group: 'referral', label: 'nav.group.referral' },
  { group: 'vouchers', label: 'nav.group.vouchers' },
  { group: 'setUp', label: 'nav.group.setUp' },
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
        z-index: 2;
        display: flex;
        align-items: center;
        gap: 12px;
        min-height: 56px;
      }
      .brand {
        font-weight: 700;
        color: var(--c-brand);
        flex: 1;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .who {
        color: var(--c-muted);
        font-size: 13px;
      }
      .layout {
        display: grid;
        grid-template-columns: 208px minmax(0, 1fr);
        max-width: 1320px;
        margin: 0 auto;
      }
      nav {
        position: sticky;
        top: 56px;
        align-self: start;
        max-height: calc(100vh - 56px);
        overflow-y: auto;
        padding: 16px 8px 32px;
        display: grid;
        gap: 14px;
      }
      .group {
        display: grid;
        gap: 2px;
      }
      .group-label {
        color: var(--c-muted);
        font-size: 12px;
        padding: 0 12px 2px;
      }
      nav a {
        color: var(--c-text);
        text-decoration: none;
        padding: 7px 12px;
        border-radius: 8px;
        white-space: nowrap;
      }
      nav a:hover {
        background: color-mix(in srgb, var(--c-muted) 10%, transparent);
      }
      nav a[aria-current='page'] {
        background: color-mix(in srgb, var(--c-brand) 10%, transparent);
        color: var(--c-brand);
        font-weight: 600;
      }
      main {
        padding: 20px 20px 48px;
        min-width: 0;
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
      .language {
        display: flex;
        align-items: center;
        gap: 6px;
        color: var(--c-muted);
        font-size: 13px;
        font-weight: 400;
      }
      .language select {
        width: auto;
        font-size: 14px;
        padding: 6px 8px;
      }
      /* A phone: the navigation becomes one scrolling strip of tabs under the bar. */
      @media (max-width: 800px) {
        .who {
          display: none;
        }
        /* The select still carries its name (aria-label) when the word does not fit the bar. */
        .language span {
          display: none;
        }
        .layout {
          display: block;
        }
        nav {
          top: 56px;
          z-index: 1;
          display: flex;
          gap: 4px;
          overflow-x: auto;
          padding: 8px 12px;
          background: var(--c-surface);
          border-bottom: 1px solid var(--c-line);
        }
        .group {
          display: contents;
        }
        .group-label {
          display: none;
        }
        main {
          padding: 16px 12px 40px;
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

  #switchLanguage = (event: Event) => {
    const chosen = (event.target as HTMLSelectElement).value;
    if (isConsoleLocale(chosen)) setLocale(chosen);
  };

  override render() {
    const t = this.#t.value;
    const session = this.#session.value;
    const route = this.#route.value;
    // Each language by its own name, so a merchant finds theirs whatever the console speaks now. Its
    // name says whose language it is: the snippet page has a language select of its own, the widget's.
    const language = html`<label class="language">
      <span aria-hidden="true">${t('nav.language')}</span>
      <select aria-label=${t('nav.languageMenu')} @change=${this.#switchLanguage}>
        ${consoleLocales.map(
          ({ locale, name }) =>
            html`<option value=${locale} lang=${locale} ?selected=${locale === this.#locale.value}>${name}</option>`,
        )}
      </select>
    </label>`;
    if (session === undefined) return html`<div class="center muted" role="status">${t('common.loading')}</div>`;
    if (session === null) {
      const page =
        route.page === 'invite' && route.id
          ? html`<flock-console-invite .token=${route.id}></flock-console-invite>`
          : html`<flock-console-sign-in></flock-console-sign-in>`;
      return html`<div class="toolbar">${language}</div>
        <div class="center">${page}</div>`;
    }
    // An unknown path, or an invite link opened while signed in (the session wins, the link stays
    // for a colleague), shows the first page, without the path's id or filters.
    const current = pageOf(route);
    const shown = current.page === route.page ? route : { page: current.page, query: new URLSearchParams() };
    return html`<header>
        <span class="brand">${session.merchant.name}</span>
        <span class="who">${session.user.name}</span>
        ${language}
        <button @click=${() => client.signOut()}>${t('nav.signOut')}</button>
      </header>
      <div class="layout">
          <nav aria-label=${t('app.name')}>
            ${GROUPS.map(({ group, label }) => ({ label, pages: PAGES.filter((entry) => entry.group === group) }))
              .filter(({ pages }) => pages.length > 0)
              .map(
                ({ label, pages }) => html`<div class="group">
                <span class="group-label">${t(label)}</span>
                ${pages.map(
                  (entry) =>
                    html`<a href="#/${entry.page}" aria-current=${entry === current ? 'page' : nothing}>${t(entry.label)}</a>`,
                )}
              </div>`,
              )}
          </nav>
        <main>${current.render(shown)}</main>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console': FlockConsole;
  }
}
