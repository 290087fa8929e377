import { expect, fixture, html, unsafeStatic } from '@open-wc/testing';
import '../define.js';
import { createOffer, fixtureApi, fixtureConfig, shadowText, tokenFor, untilShows } from '../../test/fixture-client.js';
import type { FlockGroupBuy } from '../group-buy/group-buy.js';
import type { FlockProvider } from '../provider/provider.js';
import { provider as providerEntry, widget } from '../registry.js';

const providerTag = unsafeStatic(providerEntry.tag);
const groupBuy = widget('group-buy').tag;

// Merchant wording through the provider's `strings` and a widget's own `strings`, in a real widget
// served by the test server (test/fixture-server.ts).
async function mount(options: { offer: string; locale: string; strings: string; lang?: string }) {
  const { api, publishableKey } = await fixtureConfig();
  const token = await tokenFor('strings-alice', 'Alice');
  const provider = await fixture<FlockProvider>(html`<${providerTag} api=${api} publishable-key=${publishableKey}
    shopper-token=${token} locale=${options.locale} strings=${options.strings}>
    <${unsafeStatic(groupBuy)} offer=${options.offer}></${unsafeStatic(groupBuy)}>
  </${providerTag}>`);
  return { provider, el: provider.querySelector(groupBuy) as FlockGroupBuy };
}

describe('merchant strings', () => {
  // The test server starts (PGlite, migrations) on the first request: not part of any test's time.
  before(async function () {
    this.timeout(60000);
    await fixtureApi('config');
  });

  const strings = JSON.stringify({
    'zh-CN': { startGroup: '我要开团' },
    'zh-Hant': { startGroup: '我要揪團' },
    en: { startGroup: 'Team up', buyAlone: 'Just me' },
  });

  it('uses the provider’s strings for the widget’s language, and follows a language change', async () => {
    const offer = await createOffer({ title: 'Longjing green tea' });
    const { provider, el } = await mount({ offer: offer.id, locale: 'zh-CN', strings });
    await untilShows(el, '我要开团');
    expect(shadowText(el)).to.include('单独购买');
    provider.locale = 'zh-TW';
    await untilShows(el, '我要揪團');
    expect(shadowText(el)).to.include('單獨購買');
    provider.locale = 'en';
    await untilShows(el, 'Team up');
    expect(shadowText(el)).to.include('Just me');
    // A provider's `strings` property (an object) replaces the attribute's.
    provider.strings = { en: { startGroup: 'Start one' } };
    await untilShows(el, 'Start one');
    expect(shadowText(el)).to.include('Buy alone');
  });

  it('lets a widget’s own strings win over the provider’s, key by key', async () => {
    const offer = await createOffer({ title: 'Longjing green tea' });
    const { el } = await mount({ offer: offer.id, locale: 'en', strings });
    await untilShows(el, 'Team up');
    el.strings = { en: { startGroup: 'Open a group' } };
    await untilShows(el, 'Open a group');
    expect(shadowText(el)).to.include('Just me');
    el.locale = 'zh-CN';
    await untilShows(el, '我要开团');
  });

  it('overrides error messages', async () => {
    const { el } = await mount({
      offer: 'off_doesnotexist000000000',
      locale: 'en',
      strings: JSON.stringify({ en: { 'error.not_found': 'This deal has moved — see our shop' } }),
    });
    await untilShows(el, 'This deal has moved — see our shop');
  });

  it('ignores invalid JSON with a console warning and keeps working', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const offer = await createOffer({ title: 'Longjing green tea' });
      const { el } = await mount({ offer: offer.id, locale: 'en', strings: '{"en": {"startGroup": "Team up"' });
      await untilShows(el, 'Start a group');
    } finally {
      console.warn = original;
    }
    expect(warnings.some((warning) => warning.includes('not valid JSON'))).to.equal(true);
  });
});
