import { getGroupBuyOffer } from '@flock/protocol/routes';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../server/test/databases.js';
import { offerInput, SHOP_ORIGIN, useHarness } from '../../server/test/harness.js';
import { createFlockClient } from '../src/index.js';
import { credentialsQuery, prefetch, routeUrl } from '../src/prefetch.js';

describe.each(testDatabases.filter((d) => d.kind === 'pglite'))('reads from a page ($kind)', ({ create }) => {
  const suite = useHarness(create, { listen: true });
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  /** A client whose own requests are recorded; Node sends no Origin, so each gets the shop page's. */
  const recordingClient = async (shopperId: string) => {
    const requests: Request[] = [];
    const client = createFlockClient({
      api: suite.api,
      publishableKey: suite.h.merchant.publishableKey,
      shopperToken: await suite.h.tokenFor(shopperId),
      headers: { origin: SHOP_ORIGIN },
      pollIntervalMs: 0,
      live: false,
      fetch: (input, init) => {
        requests.push(input as Request);
        return realFetch(input, init);
      },
    });
    return { client, requests };
  };
  const newOffer = async () =>
    (await (await suite.h.asMerchant('POST', '/v1/group-buy-offers', offerInput())).json()) as { id: string };

  it('sends a read with its credentials in the query and no custom header, a write with headers', async () => {
    const offer = await newOffer();
    const { client, requests } = await recordingClient('ada');
    await client.getOffer(offer.id);
    const [read] = requests;
    expect(new URL(read?.url ?? '').searchParams.get('key')).toBe(suite.h.merchant.publishableKey);
    expect(new URL(read?.url ?? '').searchParams.get('shopper')).toBe(await suite.h.tokenFor('ada'));
    expect([...(read?.headers.keys() ?? [])]).toEqual(['origin']);
    await client.openTeam(offer.id);
    const write = requests[1];
    expect(new URL(write?.url ?? '').search).toBe('');
    expect(write?.headers.get('authorization')).toBe(`Bearer ${suite.h.merchant.publishableKey}`);
    expect(write?.headers.get('flock-shopper')).toBe(await suite.h.tokenFor('ada'));
  });

  it('adopts the response a prefetch of the same URL started, once, instead of asking again', async () => {
    const offer = await newOffer();
    const token = await suite.h.tokenFor('bo');
    let prefetched = 0;
    globalThis.fetch = (input, init) => {
      prefetched++;
      return realFetch(input, { ...init, headers: { origin: SHOP_ORIGIN } });
    };
    // As the loader does: the URL from the provider's attributes.
    prefetch(
      routeUrl(suite.api, getGroupBuyOffer.path, { id: offer.id }, credentialsQuery(suite.h.merchant.publishableKey, token)),
    );
    expect(prefetched).toBe(1);
    const { client, requests } = await recordingClient('bo');
    const adopted = await client.getOffer(offer.id);
    expect(adopted.id).toBe(offer.id);
    expect(requests).toHaveLength(0);
    await client.getOffer(offer.id);
    expect(requests).toHaveLength(1);
    expect(prefetched).toBe(1);
  });

  it('does not adopt a prefetch of another URL (another shopper)', async () => {
    const offer = await newOffer();
    globalThis.fetch = (input, init) => realFetch(input, { ...init, headers: { origin: SHOP_ORIGIN } });
    prefetch(
      routeUrl(suite.api, getGroupBuyOffer.path, { id: offer.id }, credentialsQuery(suite.h.merchant.publishableKey, null)),
    );
    const { client, requests } = await recordingClient('cy');
    await client.getOffer(offer.id);
    expect(requests).toHaveLength(1);
  });
});
