import { routesByName } from '@flock/protocol/routes';
import { expect } from '@open-wc/testing';
import { startFixtureServer } from '../../test/a11y.js';
import { createOffer, fixtureConfig, shadowText, tokenFor, untilShows } from '../../test/fixture-client.js';
import type { FlockGroupBuy } from '../group-buy/group-buy.js';
import { flockRegistry, provider, widget } from '../registry.js';
import type { Autoloader, ChunkTable } from './autoloader.js';

// The build writes these into flock.js (vite.config.ts); here the chunks are the sources the test server compiles.
(globalThis as { __FLOCK_PROVIDER__?: string }).__FLOCK_PROVIDER__ = provider.tag;
const chunks: ChunkTable = Object.fromEntries(
  flockRegistry.map((element) => [
    element.tag,
    [
      `/${element.entry}`,
      element.className,
      [],
      element.firstRead ? [element.firstRead.attribute, routesByName[element.firstRead.route].path] : null,
    ],
  ]),
);

const offerReads = (offerId: string) =>
  performance.getEntriesByType('resource').filter((entry) => entry.name.includes(`/v1/group-buy-offers/${offerId}`));

describe('the loader', () => {
  let autoloader: Autoloader;
  /** Every fetch() of the page that reads an offer, by URL: the loader's and the SDK's alike. */
  const fetched: string[] = [];
  const realFetch = globalThis.fetch;

  before(startFixtureServer);
  before(() => {
    // The test page loads hundreds of modules; the default buffer (250) would drop the reads' entries.
    performance.setResourceTimingBufferSize(100_000);
    globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/v1/group-buy-offers/')) fetched.push(url);
      return realFetch(input, init);
    };
  });
  after(() => {
    globalThis.fetch = realFetch;
  });

  const snippet = async (offerId: string) => {
    const { api, publishableKey } = await fixtureConfig();
    const token = await tokenFor('loader-alice', 'Alice');
    const host = document.createElement('div');
    host.innerHTML = `<${provider.tag} api="${api}" publishable-key="${publishableKey}" shopper-token="${token}" locale="en">
      <${widget('group-buy').tag} offer="${offerId}"></${widget('group-buy').tag}>
    </${provider.tag}>`;
    return { host, publishableKey, token, el: host.querySelector(widget('group-buy').tag) as FlockGroupBuy };
  };

  it("starts a widget's first read beside its chunks, and the widget adopts the answer: one request", async () => {
    const offer = await createOffer();
    const { host, publishableKey, token, el } = await snippet(offer.id);
    document.body.append(host);
    const { startAutoloader } = await import('./autoloader.js');
    autoloader = startAutoloader(location.href, chunks);
    // Started at once, before any chunk has arrived, with the credentials in the query (no preflight).
    expect(customElements.get(widget('group-buy').tag)).to.equal(undefined);
    expect(fetched).to.have.length(1);
    const read = new URL(fetched[0] as string);
    expect(read.pathname).to.equal(`/v1/group-buy-offers/${offer.id}`);
    expect(Object.fromEntries(read.searchParams)).to.deep.equal({ key: publishableKey, shopper: token });

    await autoloader.load(widget('group-buy').tag);
    await untilShows(el, 'Start a group');
    expect(shadowText(el)).to.include('CN¥19.90');
    expect(fetched).to.have.length(1);
    expect(offerReads(offer.id)).to.have.length(1);

    // Adopted once: a later read asks the server again.
    await el.refresh();
    expect(fetched).to.have.length(2);
    expect(offerReads(offer.id)).to.have.length(2);
    host.remove();
  });

  it('starts nothing for a tag already defined: the widget reads by itself, once', async () => {
    const offer = await createOffer();
    const before = fetched.length;
    const { host, el } = await snippet(offer.id);
    document.body.append(host);
    autoloader.discover(host);
    await untilShows(el, 'Start a group');
    expect(fetched.length - before).to.equal(1);
    expect(offerReads(offer.id)).to.have.length(1);
    host.remove();
  });
});
