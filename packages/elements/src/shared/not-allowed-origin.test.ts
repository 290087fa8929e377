import { expect, fixture, html, unsafeStatic, waitUntil } from '@open-wc/testing';
import {
  createCampaign,
  createOffer,
  type FixtureShop,
  fixtureApi,
  fixtureConfig,
  shadowText,
  tokenFor,
} from '../../test/fixture-client.js';
import { type Setup, type Widget, type WidgetName, widgetAttributes, widgets } from '../../test/scenarios/states.js';
import { flockElements } from '../define.js';
import type { TranslationKey } from '../i18n/en.js';
import { LOCALES, type Locale } from '../i18n/localize.js';
import { translations } from '../i18n/translations.js';
import { provider } from '../registry.js';

// A first-time merchant's page: the widgets run on this page's origin (localhost:<wtr port>) and talk
// to a Flock server on another origin (127.0.0.1:<port>) whose merchant allows only https://shop.example
// (the fixture's "foreign" shop). The browser's own CORS decides what the widgets can read: before the
// server answered preflights for any origin, every widget here said "offline".

/** The widgets the elements register, each with its attributes from test/scenarios/states.ts. */
const WIDGETS = Object.keys(flockElements)
  .filter((tag) => tag !== provider.tag)
  .map((tag) => {
    const widget = widgets.find((w) => w.tag === tag);
    if (!widget) throw new Error(`test/scenarios/states.ts has no widget ${tag}`);
    return widget;
  });

/** What each widget must say when the merchant does not allow this page. */
const NOT_ALLOWED: Record<WidgetName, TranslationKey> = {
  'group-buy': 'error.origin_not_allowed',
  'assist-progress': 'assist.error.origin_not_allowed',
  'referral-card': 'referral.error.origin_not_allowed',
  'voucher-qr': 'voucher.error.origin_not_allowed',
  'voucher-scanner': 'scanner.error.origin_not_allowed',
  'voucher-list': 'vouchers.error.origin_not_allowed',
  'promoter-leaderboard': 'leaderboard.error.origin_not_allowed',
  'friend-offer': 'friendOffer.error.origin_not_allowed',
};
/** What each widget must say when the server does not know its key. */
const KEY_REFUSED: Record<WidgetName, TranslationKey> = {
  'group-buy': 'error.invalid_key',
  'assist-progress': 'error.invalid_key',
  'referral-card': 'error.invalid_key',
  'voucher-qr': 'error.invalid_key',
  'voucher-scanner': 'scanner.error.invalid_key',
  'voucher-list': 'error.invalid_key',
  'promoter-leaderboard': 'error.invalid_key',
  'friend-offer': 'error.invalid_key',
};
/** The words of a page that could not reach the server: never the answer to a refusal. */
const OFFLINE: TranslationKey[] = ['error.network_error', 'voucher.error.network_error', 'scanner.offline'];

interface Shop {
  api: string;
  publishableKey: string;
  token: string;
  setup: Setup;
}

/** One of each product on `shop`, so a refusal there can only be about the page or the key. */
async function stageShop(shop: FixtureShop): Promise<Shop> {
  const { api, publishableKey } = await fixtureConfig(shop);
  const offer = await createOffer({}, shop);
  const campaign = await createCampaign({}, shop);
  const program = await fixtureApi<{ id: string }>(
    'program',
    {
      name: 'Longjing promoters',
      commission: { type: 'percent', bps: 1000 },
      holdDays: 7,
      attributionWindowDays: 30,
      product: { title: 'Longjing green tea', price: 2990, currency: 'CNY', url: 'https://shop.example/products/longjing' },
    },
    shop,
  );
  const product = await fixtureApi<{ id: string }>('voucher-product', { title: 'Flat white', uses: 3 }, shop);
  const voucher = await fixtureApi<{ id: string }>(
    'voucher',
    { productId: product.id, shopperId: 'origin-alice', orderRef: `origin-${shop}-${Date.now()}` },
    shop,
  );
  const { staffKey } = await fixtureApi<{ staffKey: string }>('staff-key', { store: 'Store 1' }, shop);
  for (const [name, value] of Object.entries({ api, publishableKey, offer, campaign, program, product, voucher, staffKey })) {
    if (!value || (typeof value === 'object' && !value.id)) throw new Error(`staging ${name} on the ${shop} shop failed`);
  }
  return {
    api,
    publishableKey,
    token: await tokenFor('origin-alice', 'Alice', shop),
    // The friend offer shows itself only to a visitor who came through a link: it is given one (never checked here).
    setup: {
      offer: offer.id,
      campaign: campaign.id,
      program: program.id,
      voucher: voucher.id,
      staffKey,
      attribution: 'att_origin',
    },
  };
}

/** Renders `widget` in a provider for `shop` and waits for its answer; the scanner is handed a code to redeem. */
async function mount(widget: Widget, shop: Shop, locale: Locale): Promise<HTMLElement> {
  const host = await fixture<HTMLElement>(
    html`<${unsafeStatic(provider.tag)} api=${shop.api} publishable-key=${shop.publishableKey} shopper-token=${shop.token} locale=${locale}></${unsafeStatic(provider.tag)}>`,
  );
  const element = document.createElement(widget.tag);
  for (const [name, value] of Object.entries(widgetAttributes(widget, shop.setup, { linkAsAttribute: true }))) {
    element.setAttribute(name, value);
  }
  host.append(element);
  if (widget.name === 'voucher-scanner') {
    await waitUntil(
      () => element.shadowRoot?.querySelector('input[name="code"]:not([disabled])'),
      'the scanner takes a typed code',
    );
    const input = element.shadowRoot!.querySelector<HTMLInputElement>('input[name="code"]')!;
    input.value = '123456789012';
    input.form!.requestSubmit();
  }
  return element;
}

/** Waits for the widget's alert, then checks it is the message for `key` in `locale` (not, say, "offline"). */
async function expectSays(element: HTMLElement, locale: Locale, key: TranslationKey) {
  const table = translations[locale];
  const alert = () => element.shadowRoot?.querySelector('[role="alert"]');
  await waitUntil(alert, `${element.localName} shows an alert`, { timeout: 10000 });
  const shown = shadowText(element);
  expect(alert()?.textContent, `${element.localName} (${locale}) alert; it shows: ${shown}`).to.include(table[key]);
  for (const offline of OFFLINE) expect(shown, `${element.localName} never says ${offline}`).not.to.include(table[offline]);
}

describe('a page whose origin the merchant does not allow', () => {
  let foreign: Shop;
  const warnings: string[] = [];
  const warn = console.warn;

  before(async function () {
    this.timeout(60000);
    foreign = await stageShop('foreign');
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      warn.apply(console, args);
    };
  });
  after(() => {
    console.warn = warn;
  });

  it('covers every widget the elements register', () => {
    expect(WIDGETS.length).to.be.greaterThan(0);
    for (const widget of WIDGETS) expect(NOT_ALLOWED[widget.name], widget.tag).to.be.a('string');
  });

  for (const widget of WIDGETS) {
    for (const locale of LOCALES) {
      it(`${widget.tag} says in ${locale} that this page is not allowed, not that it is offline`, async () => {
        await expectSays(await mount(widget, foreign, locale), locale, NOT_ALLOWED[widget.name]);
      });
    }
  }

  it('tells the developer once, in the console, which origin to add, and no key', () => {
    const hints = warnings.filter((line) => line.includes('origin_not_allowed'));
    expect(hints, warnings.join('\n')).to.have.length(1);
    expect(hints[0]).to.include(`"${location.origin}"`);
    expect(hints[0]).to.include('PATCH /v1/merchant');
    for (const key of [foreign.publishableKey, foreign.setup.staffKey!]) expect(hints[0]).not.to.include(key);
  });
});

describe('a key the server does not know', () => {
  let own: Shop;
  const warnings: string[] = [];
  const warn = console.warn;

  before(async function () {
    this.timeout(60000);
    const staged = await stageShop('own');
    // A typo in the page's keys: a publishable key and a staff key of the right shape that were never issued.
    own = {
      ...staged,
      publishableKey: `pk_${'x'.repeat(32)}`,
      setup: { ...staged.setup, staffKey: `stf_${'x'.repeat(32)}` },
    };
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      warn.apply(console, args);
    };
  });
  after(() => {
    console.warn = warn;
  });

  for (const widget of WIDGETS) {
    it(`${widget.tag} says the shop's set-up is wrong, not that it is offline`, async () => {
      await expectSays(await mount(widget, own, 'en'), 'en', KEY_REFUSED[widget.name]);
    });
  }

  it('tells the developer once, in the console, to check the key', () => {
    const hints = warnings.filter((line) => line.includes('invalid_key'));
    expect(hints, warnings.join('\n')).to.have.length(1);
    expect(hints[0]).to.include('publishable-key');
    expect(hints[0]).not.to.include(own.setup.staffKey!);
  });
});
