import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { FlockGroupBuy } from '../group-buy/group-buy.js';
import type { FlockProvider } from '../provider/provider.js';

// Merchant wording through <flock-provider strings> and a widget's own `strings`, in a real widget
// served by the test server (test/fixture-server.ts).
async function fixtureApi<T = any>(path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`/__flock/${path}`, { method: 'POST', body: JSON.stringify(body) });
  return response.json();
}
const createOffer = () =>
  fixtureApi<{ id: string }>('offer', {
    productRef: 'tea',
    title: 'Longjing green tea',
    regularPrice: 2990,
    groupPrice: 1990,
    currency: 'CNY',
    teamSize: 3,
    teamTtlSeconds: 86400,
    holdTtlSeconds: 600,
  });

async function mount(options: { offer: string; locale: string; strings: string; lang?: string }) {
  const { api, publishableKey } = await fixtureApi<{ api: string; publishableKey: string }>('config');
  const { token } = await fixtureApi<{ token: string }>('token', { shopperId: 'strings-alice', displayName: 'Alice' });
  const provider = await fixture<FlockProvider>(html`<flock-provider api=${api} publishable-key=${publishableKey}
    shopper-token=${token} locale=${options.locale} strings=${options.strings}>
    <flock-group-buy offer=${options.offer}></flock-group-buy>
  </flock-provider>`);
  return { provider, el: provider.querySelector('flock-group-buy') as FlockGroupBuy };
}

const text = (el: HTMLElement) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
const until = async (el: HTMLElement, needle: string) => {
  try {
    await waitUntil(() => text(el).includes(needle), `widget shows ${needle}`, { timeout: 8000 });
  } catch (error) {
    throw new Error(`${(error as Error).message}; it shows: ${text(el)}`);
  }
};

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
    const offer = await createOffer();
    const { provider, el } = await mount({ offer: offer.id, locale: 'zh-CN', strings });
    await until(el, '我要开团');
    expect(text(el)).to.include('单独购买');
    provider.locale = 'zh-TW';
    await until(el, '我要揪團');
    expect(text(el)).to.include('單獨購買');
    provider.locale = 'en';
    await until(el, 'Team up');
    expect(text(el)).to.include('Just me');
    // A provider's `strings` property (an object) replaces the attribute's.
    provider.strings = { en: { startGroup: 'Start one' } };
    await until(el, 'Start one');
    expect(text(el)).to.include('Buy alone');
  });

  it('lets a widget’s own strings win over the provider’s, key by key', async () => {
    const offer = await createOffer();
    const { el } = await mount({ offer: offer.id, locale: 'en', strings });
    await until(el, 'Team up');
    el.strings = { en: { startGroup: 'Open a group' } };
    await until(el, 'Open a group');
    expect(text(el)).to.include('Just me');
    el.locale = 'zh-CN';
    await until(el, '我要开团');
  });

  it('overrides error messages', async () => {
    const { el } = await mount({
      offer: 'off_doesnotexist000000000',
      locale: 'en',
      strings: JSON.stringify({ en: { 'error.not_found': 'This deal has moved — see our shop' } }),
    });
    await until(el, 'This deal has moved — see our shop');
  });

  it('ignores invalid JSON with a console warning and keeps working', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const offer = await createOffer();
      const { el } = await mount({ offer: offer.id, locale: 'en', strings: '{"en": {"startGroup": "Team up"' });
      await until(el, 'Start a group');
    } finally {
      console.warn = original;
    }
    expect(warnings.some((warning) => warning.includes('not valid JSON'))).to.equal(true);
  });
});
