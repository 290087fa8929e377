import { html, type TemplateResult } from 'lit';
import type { MessageKey } from './i18n.js';
import './list-view.js';
import './pages/assist-campaign-form.js';
import './pages/assist-campaigns.js';
import './pages/assists.js';
import './pages/commissions.js';
import './pages/leaderboard.js';
import './pages/ledger.js';
import './pages/materials.js';
import './pages/offer-form.js';
import './pages/offers.js';
import './pages/overview.js';
import './pages/orders.js';
import './pages/payouts.js';
import './pages/program-form.js';
import './pages/programs.js';
import './pages/promoters.js';
import './pages/redemptions.js';
import './pages/settings.js';
import './pages/snippet.js';
import './pages/staff.js';
import './pages/teams.js';
import './pages/voucher-product-form.js';
import './pages/voucher-products.js';
import './pages/vouchers.js';
import './pages/webhooks.js';
import type { Route } from './stores.js';

/** A section of the navigation: pages a merchant looks for together. */
export type NavGroup = 'overview' | 'groupBuy' | 'assist' | 'referral' | 'vouchers' | 'setUp';

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
    page: 'overview',
    label: 'nav.overview',
    group: 'overview',
    render: () => html`<flock-console-overview></flock-console-overview>`,
  },
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
    page: 'assist-campaigns',
    label: 'nav.assistCampaigns',
    group: 'assist',
    render: (route) =>
      route.id
        ? html`<flock-console-assist-campaign-form
            .campaignId=${route.id === 'new' ? undefined : route.id}
          ></flock-console-assist-campaign-form>`
        : html`<flock-console-assist-campaigns></flock-console-assist-campaigns>`,
  },
  {
    page: 'assists',
    label: 'nav.assists',
    group: 'assist',
    render: (route) =>
      html`<flock-console-assists .campaign=${route.query.get('campaign') ?? undefined}></flock-console-assists>`,
  },
  {
    page: 'programs',
    label: 'nav.programs',
    group: 'referral',
    render: (route) =>
      route.id
        ? html`<flock-console-program-form .programId=${route.id === 'new' ? undefined : route.id}></flock-console-program-form>`
        : html`<flock-console-programs></flock-console-programs>`,
  },
  {
    page: 'materials',
    label: 'nav.materials',
    group: 'referral',
    render: (route) =>
      html`<flock-console-materials .program=${route.query.get('program') ?? undefined}></flock-console-materials>`,
  },
  {
    page: 'leaderboard',
    label: 'nav.leaderboard',
    group: 'referral',
    render: (route) =>
      html`<flock-console-leaderboard .program=${route.query.get('program') ?? undefined}></flock-console-leaderboard>`,
  },
  {
    page: 'promoters',
    label: 'nav.promoters',
    group: 'referral',
    render: (route) =>
      html`<flock-console-promoters .program=${route.query.get('program') ?? undefined}></flock-console-promoters>`,
  },
  {
    page: 'orders',
    label: 'nav.orders',
    group: 'referral',
    render: (route) => html`<flock-console-orders .program=${route.query.get('program') ?? undefined}></flock-console-orders>`,
  },
  {
    page: 'commissions',
    label: 'nav.commissions',
    group: 'referral',
    render: () => html`<flock-console-commissions></flock-console-commissions>`,
  },
  {
    page: 'ledger',
    label: 'nav.ledger',
    group: 'referral',
    render: (route) => html`<flock-console-ledger .program=${route.query.get('program') ?? undefined}></flock-console-ledger>`,
  },
  {
    page: 'payouts',
    label: 'nav.payouts',
    group: 'referral',
    render: (route) =>
      html`<flock-console-payouts .promoter=${route.query.get('promoter') ?? undefined}></flock-console-payouts>`,
  },
  {
    page: 'voucher-products',
    label: 'nav.voucherProducts',
    group: 'vouchers',
    render: (route) =>
      route.id
        ? html`<flock-console-voucher-product-form
            .productId=${route.id === 'new' ? undefined : route.id}
          ></flock-console-voucher-product-form>`
        : html`<flock-console-voucher-products></flock-console-voucher-products>`,
  },
  {
    page: 'vouchers',
    label: 'nav.vouchers',
    group: 'vouchers',
    render: (route) =>
      html`<flock-console-vouchers .product=${route.query.get('product') ?? undefined}></flock-console-vouchers>`,
  },
  {
    page: 'redemptions',
    label: 'nav.redemptions',
    group: 'vouchers',
    render: () => html`<flock-console-redemptions></flock-console-redemptions>`,
  },
  {
    page: 'staff',
    label: 'nav.staff',
    group: 'vouchers',
    render: () => html`<flock-console-staff></flock-console-staff>`,
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
