import { createGroupBuyOffer, listGroupBuyOffers, rollKeys } from '@flock/protocol/routes';
import { describe, expect, it } from 'vitest';
import { createInvite } from '../../server/src/domain/console.js';
import { testDatabases } from '../../server/test/databases.js';
import { offerInput, useHarness } from '../../server/test/harness.js';
import { createConsoleClient, FlockError } from '../src/index.js';

/** What a browser does for a same-origin page: keeps the cookies a server sets and sends them back. */
function browserFetch(): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init) => {
    const request = new Request(input, init);
    if (jar.size) request.headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(request);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (attributes.some((a) => /max-age=0/i.test(a.trim())) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
}

describe.each(testDatabases)('the console client on $kind', ({ create }) => {
  const suite = useHarness(create, { listen: true });

  it('accepts an invite, calls merchant routes with its session (CSRF on writes), and signs out', async () => {
    const invite = await createInvite(
      suite.h.db,
      suite.h.clock,
      suite.h.merchant.merchantId,
      { email: 'ming@shop.example', role: 'operator' },
      suite.api,
    );
    const client = createConsoleClient({ api: suite.api, fetch: browserFetch() });
    expect(await client.loadSession()).toBeNull();

    const token = invite.url.split('#/invite/')[1] as string;
    const session = await client.acceptInvite(token, 'Ming', 'a-long-enough-password');
    expect(client.$session.get()?.user).toMatchObject({ email: 'ming@shop.example', role: 'operator' });
    expect(session.merchant.id).toBe(suite.h.merchant.merchantId);

    const offer = await client.call(createGroupBuyOffer, { body: offerInput({ title: 'From the console' }) });
    const page = await client.call(listGroupBuyOffers, { query: { limit: '5' } });
    expect(page.data.map((listed) => listed.id)).toEqual([offer.id]);
    // An operator touches no keys: the refusal comes back as the contract's error.
    await expect(client.call(rollKeys, { body: { which: 'secret' } })).rejects.toMatchObject({ code: 'forbidden', status: 403 });

    await client.signOut();
    expect(client.$session.get()).toBeNull();
    const afterwards = await client.call(listGroupBuyOffers, { query: {} }).catch((error: unknown) => error);
    expect(afterwards).toBeInstanceOf(FlockError);
    expect((afterwards as FlockError).code).toBe('unauthorized');
  });
});
