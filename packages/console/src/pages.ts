import { html, type TemplateResult } from 'lit';
import type { MessageKey } from './i18n.js';
import './list-view.js';
import './pages/commissions.js';
import './pages/offer-form.js';
import './pages/offers.js';
import './pages/settings.js';
import './pages/snippet.js';
import './pages/teams.js';
import './pages/webhooks.js';
import type { Route } from './stores.js';

/** A section of the navigation: pages a merchant looks for together. */
export type NavGroup = 'groupBuy' | 'assist' | 'referral' | 'vouchers' | 'setUp';

/** One page of the signed-in console: its path (#/<page>), its place in the navigation and what it shows. */
export interface ConsolePage {
  page: string;
  label: MessageKey;
  group: NavGroup;
  render: (route: Route) => TemplateResult;
}

/**
 * Every signed-in page, once: the navigation, the router and the screenshots read this table.
 * The first is where a merchant lands.
 */
export const PAGES: ConsolePage[] = [
  {
    page: 'offers',
    label: 'nav.offers',
    group: 'groupBuy',
    render: (route) =>
      route.id
        ? html`<flock-console-offer-form .offerId=${route.id === 'new' ? undefined : route.id}></flock-console-offer-form>`
        : html`<flock-console-offers></flock-console-offers>`,
  },
  {
    page: 'teams',
    label: 'nav.teams',
    group: 'groupBuy',
    render: (route) => html`<flock-console-teams .offer=${route.query.get('offer') ?? undefined}></flock-console-teams>`,
  },
  {
    page: 'commissions',
    label: 'nav.commissions',
    group: 'referral',
    render: () => html`<flock-console-commissions></flock-console-commissions>`,
  },
  {
    page: 'snippet',
    label: 'nav.snippet',
    group: 'setUp',
    render: (route) => html`<flock-console-snippet .offer=${route.query.get('offer') ?? undefined}></flock-console-snippet>`,
  },
  {
    page: 'webhooks',
    label: 'nav.webhooks',
    group: 'setUp',
    render: () => html`<flock-console-webhooks></flock-console-webhooks>`,
  },
  {
    page: 'settings',
    label: 'nav.settings',
    group: 'setUp',
    render: () => html`<flock-console-settings></flock-console-settings>`,
  },
];

export const pageOf = (route: Route): ConsolePage => PAGES.find((entry) => entry.page === route.page) ?? PAGES[0]!;
