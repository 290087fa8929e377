import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../define.js';
import { createCampaign, createOffer, fixtureApi, fixtureConfig, tokenFor } from '../../test/fixture-client.js';
import { widgets as scenarioWidgets, widgetAttributes } from '../../test/scenarios/states.js';
import type { FlockProvider } from '../provider/provider.js';
import { provider as providerEntry } from '../registry.js';

// A provider holding one of each widget, staged on the test server (test/fixture-server.ts) in a
// state that shows their brand-coloured control.
const CANNED_STAFF_API = `${location.origin}/__flock/staff-api`;

async function stageWidgets(shopperId: string) {
  const { api, publishableKey } = await fixtureConfig();
  const token = await tokenFor(shopperId, shopperId);
  const offer = await createOffer({ title: 'Longjing green tea' });
  const campaign = await createCampaign({ title: 'Longjing green tea', reward: { description: 'A tin of Longjing' } });
  const program = await fixtureApi<{ id: string }>('program', {
    name: 'Longjing promoters',
    commission: { type: 'percent', bps: 1000 },
    holdDays: 7,
    attributionWindowDays: 30,
    product: { title: 'Longjing green tea', price: 2990, currency: 'CNY', url: `${location.origin}/products/longjing` },
    friendReward: { amountOff: 1000, minSpend: 9900 },
  });
  // A friend's visit through another promoter's link: the friend offer shows its Claim button.
  const joined = await fixtureApi<{ promoter: { code: string } }>('become-promoter', {
    programId: program.id,
    shopper: { shopperId: `${shopperId}-promoter`, displayName: 'Promoter' },
  });
  const click = await fixtureApi<{ attributionId: string }>('click', { code: joined.promoter.code });
  const product = await fixtureApi<{ id: string }>('voucher-product', { title: 'Flat white', uses: 3 });
  const voucher = await fixtureApi<{ id: string }>('voucher', {
    productId: product.id,
    shopperId,
    orderRef: `theme-${shopperId}`,
  });
  return {
    api,
    publishableKey,
    token,
    offer: offer.id,
    campaign: campaign.id,
    program: program.id,
    voucher: voucher.id,
    attribution: click.attributionId,
  };
}

/** Every widget of the registry, in its order, with its attributes from test/scenarios/states.ts. */
const WIDGETS = scenarioWidgets.map((widget) => widget.tag);
const WIDGET_NAMES = scenarioWidgets.map((widget) => widget.name);

/**
 * Each widget's brand-coloured control: its main button, the voucher's uses-left tag (it has no button
 * when active), or the leaderboard's chosen period (it has no button).
 */
const BRAND_CONTROL = '.button.primary, .tag.uses, .segment.on';

async function mountAll(shopperId: string, attributes: { providerTheme?: string; scannerTheme?: string } = {}) {
  const s = await stageWidgets(shopperId);
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const provider = document.createElement(providerEntry.tag);
  for (const [name, value] of Object.entries({ api: s.api, 'publishable-key': s.publishableKey, 'shopper-token': s.token }))
    provider.setAttribute(name, value);
  provider.setAttribute('locale', 'en');
  provider.setAttribute('theme', attributes.providerTheme ?? '');
  const setup = {
    offer: s.offer,
    campaign: s.campaign,
    program: s.program,
    voucher: s.voucher,
    staffKey: 'stf_test',
    attribution: s.attribution,
  };
  const widgets = scenarioWidgets.map((widget) => {
    const element = document.createElement(widget.tag);
    for (const [name, value] of Object.entries(widgetAttributes(widget, setup, { linkAsAttribute: false })))
      element.setAttribute(name, value);
    // The scanner talks to its canned staff API and may pin its own scheme.
    if (widget.name === 'voucher-scanner') {
      element.setAttribute('api', CANNED_STAFF_API);
      element.setAttribute('theme', attributes.scannerTheme ?? '');
    }
    return provider.appendChild(element);
  });
  wrapper.append(provider);
  for (const widget of widgets) {
    await waitUntil(() => widget.shadowRoot?.querySelector(BRAND_CONTROL), `${widget.localName} shows its main control`, {
      timeout: 10000,
    });
  }
  return { wrapper, widgets, provider: provider as FlockProvider };
}

function looks(widget: HTMLElement) {
  const root = widget.shadowRoot!;
  const control = getComputedStyle(root.querySelector(BRAND_CONTROL)!);
  const card = getComputedStyle(root.querySelector('[part="base"]')!);
  return {
    paint: `${control.backgroundColor} ${control.backgroundImage}`,
    controlRadius: control.borderTopLeftRadius,
    controlFont: control.fontFamily,
    cardRadius: card.borderTopLeftRadius,
    surface: card.backgroundColor,
    font: getComputedStyle(widget).fontFamily,
  };
}

describe('theming', () => {
  // The test server starts (PGlite, migrations) on the first request: not part of any test's time.
  before(async function () {
    this.timeout(60000);
    await fixtureApi('config');
  });

  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('restyles every widget from the brand colour, radius and font trio set on a wrapper', async () => {
    const { wrapper, widgets } = await mountAll('theme-trio');
    const before = widgets.map(looks);
    for (const [i, look] of before.entries()) {
      expect(look.paint, WIDGETS[i]).to.include('rgb(224, 6, 29)');
      expect(look.cardRadius, WIDGETS[i]).to.equal('12px');
    }

    wrapper.style.setProperty('--flock-color-brand', 'rgb(30, 111, 255)');
    wrapper.style.setProperty('--flock-radius', '4px');
    wrapper.style.setProperty('--flock-font', 'Georgia, serif');
    for (const [i, widget] of widgets.entries()) {
      const look = looks(widget);
      const name = WIDGETS[i];
      expect(look.paint, `${name} brand`).to.include('rgb(30, 111, 255)');
      expect(look.paint, `${name} no default red left`).not.to.include('224, 6, 29');
      expect(look.cardRadius, `${name} card corners`).to.equal('4px');
      expect(look.controlRadius, `${name} control corners follow the radius`).not.to.equal(before[i]!.controlRadius);
      expect(look.font, `${name} font`).to.equal('Georgia, serif');
      expect(look.controlFont, `${name} control font`).to.equal('Georgia, serif');
    }
  });

  it('derives the gradient start and the soft tint from the brand unless they are set', async () => {
    const { wrapper, widgets } = await mountAll('theme-derived');
    const groupBuy = widgets[WIDGET_NAMES.indexOf('group-buy')]!;
    wrapper.style.setProperty('--flock-color-brand', 'rgb(30, 111, 255)');
    const derived = getComputedStyle(groupBuy.shadowRoot!.querySelector('.button.primary')!).backgroundImage;
    // The start is the brand lightened (88% brand, 12% white): no trace of the default red's start.
    expect(derived).to.match(
      /^linear-gradient\(to right, (?:color\(srgb [\d.]+ [\d.]+ [\d.]+\)|rgb\([\d, ]+\)), rgb\(30, 111, 255\)\)$/,
    );
    wrapper.style.setProperty('--flock-color-brand-2', 'rgb(0, 160, 80)');
    expect(getComputedStyle(groupBuy.shadowRoot!.querySelector('.button.primary')!).backgroundImage).to.equal(
      'linear-gradient(to right, rgb(0, 160, 80), rgb(30, 111, 255))',
    );
  });

  it('follows prefers-color-scheme, unless a widget or its provider pins a scheme', async () => {
    const light = 'rgb(255, 255, 255)';
    const dark = 'rgb(28, 28, 30)';
    const { widgets, provider } = await mountAll('theme-scheme', { scannerTheme: 'light' });
    const scanner = widgets[WIDGET_NAMES.indexOf('voucher-scanner')]!;
    const followers = widgets.filter((widget) => widget !== scanner);
    for (const widget of widgets) expect(looks(widget).surface, widget.localName).to.equal(light);

    await emulateMedia({ colorScheme: 'dark' });
    for (const widget of followers) expect(looks(widget).surface, `${widget.localName} in dark`).to.equal(dark);
    expect(looks(scanner).surface, 'theme="light" resists the dark scheme').to.equal(light);

    // The provider's pin reaches every widget inside; the scanner's own attribute still wins.
    provider.theme = 'light';
    await Promise.all(widgets.map((widget) => (widget as unknown as { updateComplete: Promise<unknown> }).updateComplete));
    for (const widget of widgets)
      expect(looks(widget).surface, `${widget.localName} pinned light by the provider`).to.equal(light);

    await emulateMedia({ colorScheme: 'light' });
    provider.theme = 'dark';
    await Promise.all(widgets.map((widget) => (widget as unknown as { updateComplete: Promise<unknown> }).updateComplete));
    for (const widget of followers)
      expect(looks(widget).surface, `${widget.localName} pinned dark by the provider`).to.equal(dark);
    expect(looks(scanner).surface, 'the widget’s own theme wins over the provider’s').to.equal(light);
  });
});
