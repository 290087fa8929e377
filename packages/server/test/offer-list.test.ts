import { GroupBuyOfferPage } from '@flock/protocol';
import { describe, expect, it } from 'vitest';
import { createMerchant } from '../src/domain/merchants.js';
import { testDatabases } from './databases.js';
import { offerInput, SHOP_ORIGIN, useHarness } from './harness.js';
import type { Json } from './util.js';

// GET /v1/group-buy-offers: the merchant's own offers, newest first, in stable keyset pages, with
// how far each offer's teams got. The console's campaign list reads it.
describe.each(testDatabases)('listing group-buy offers on $kind', ({ create }) => {
  const suite = useHarness(create);

  const list = async (query = '') => {
    const response = await suite.h.asMerchant('GET', `/v1/group-buy-offers${query}`);
    expect(response.status).toBe(200);
    return GroupBuyOfferPage.parse(await response.json());
  };
  const newOffer = async (title: string) => {
    const offer: Json = await (await suite.h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ title }))).json();
    return offer.id as string;
  };

  it('pages every offer exactly once, newest first, and counts its teams by stage', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await newOffer(`Tea ${i}`));
      if (i !== 1) suite.h.clock.advance(1000);
    }
    // Tea 1 and Tea 2 share a millisecond: the greater id comes first, and a page break between them loses neither.
    const [tieFirst, tieSecond] = (ids[2] as string) > (ids[1] as string) ? ['Tea 2', 'Tea 1'] : ['Tea 1', 'Tea 2'];
    // The newest offer gets one open team (leader paid) and one pending one (leader still paying).
    const newest = ids[4] as string;
    const opened: Json = await (await suite.h.asShopper('alice', 'POST', `/v1/group-buy-offers/${newest}/teams`)).json();
    await suite.h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: 'list-1' });
    await suite.h.asShopper('bob', 'POST', `/v1/group-buy-offers/${newest}/teams`);

    const first = await list('?limit=2');
    expect(first.data.map((offer) => offer.title)).toEqual(['Tea 4', 'Tea 3']);
    expect(first.data[0]?.teams).toEqual({ pending: 1, open: 1, succeeded: 0, failed: 0 });
    expect(first.data[1]?.teams).toEqual({ pending: 0, open: 0, succeeded: 0, failed: 0 });
    expect(first.data[0]).toMatchObject({ id: newest, groupPrice: 1990, active: true, createdAt: expect.any(String) });
    expect(first.nextCursor).toEqual(expect.any(String));

    // An offer created between two pages does not shift the next one.
    await newOffer('Tea 5');
    const second = await list(`?limit=1&cursor=${first.nextCursor}`);
    expect(second.data.map((offer) => offer.title)).toEqual([tieFirst]);
    const third = await list(`?limit=2&cursor=${second.nextCursor}`);
    expect(third.data.map((offer) => offer.title)).toEqual([tieSecond, 'Tea 0']);
    expect(third.nextCursor).toBeNull();

    const all = await list('?limit=100');
    expect(all.data.map((offer) => offer.title)).toEqual(['Tea 5', 'Tea 4', 'Tea 3', tieFirst, tieSecond, 'Tea 0']);
    expect(all.nextCursor).toBeNull();
    expect((await list()).data).toHaveLength(6);
  });

  it('counts closed teams exactly as the teams themselves do, however they closed', async () => {
    const { h } = suite;
    const offer: Json = await (
      await h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ title: 'Pairs', teamSize: 2 }))
    ).json();
    const offerId = offer.id as string;
    const confirm = (reservationId: string, orderRef: string) =>
      h.asMerchant('POST', `/v1/reservations/${reservationId}/confirm`, { orderRef });
    const started = h.clock.now();
    // Three teams fill; two are left open and fail at their deadline; one is opened and stays forming.
    for (const [i, leader] of ['closer-a', 'closer-b', 'closer-c', 'closer-d', 'closer-e'].entries()) {
      const opened: Json = await (await h.asShopper(leader, 'POST', `/v1/group-buy-offers/${offerId}/teams`)).json();
      await confirm(opened.reservation.id, `lead-${i}`);
      if (i < 3) {
        const joined: Json = await (
          await h.asShopper(`${leader}-friend`, 'POST', `/v1/teams/${opened.team.id}/reservations`)
        ).json();
        await confirm(joined.reservation.id, `join-${i}`);
      }
    }
    h.clock.advance(86_401_000);
    await h.server.runJobs();
    const late: Json = await (await h.asShopper('closer-f', 'POST', `/v1/group-buy-offers/${offerId}/teams`)).json();
    await confirm(late.reservation.id, 'lead-late');

    const listed = (await list('?limit=100')).data.find((offer) => offer.id === offerId);
    expect(listed?.teams).toEqual({ pending: 0, open: 1, succeeded: 3, failed: 2 });
    const counted = await h.db.query<{ status: string; teams: number }>(
      `select status, count(*)::int as teams from teams where merchant_id = $1 and offer_id = $2 group by status`,
      [h.merchant.merchantId, offerId],
    );
    expect(Object.fromEntries(counted.map((row) => [row.status, row.teams]))).toEqual({ open: 1, succeeded: 3, failed: 2 });
    h.clock.set(started); // the other tests' shopper tokens were issued before the deadline passed
  });

  it("never shows another merchant's offers", async () => {
    const other = await createMerchant(
      suite.h.db,
      suite.h.clock,
      suite.h.server.secrets,
      { name: 'Other shop', origins: [SHOP_ORIGIN] },
      suite.h.server.webhookAddresses,
    );
    const response = await suite.h.server.app.request('/v1/group-buy-offers', {
      headers: { authorization: `Bearer ${other.secretKey}` },
    });
    expect(await response.json()).toEqual({ data: [], nextCursor: null });
  });

  it.each([
    ['a limit of 0', '?limit=0', 'limit'],
    ['a limit over 100', '?limit=101', 'limit'],
    ['a limit that is not a number', '?limit=ten', 'limit'],
    ['a cursor with foreign characters', '?cursor=not%20one', 'cursor'],
    ['a cursor this server did not give', `?cursor=${Buffer.from('["yesterday",1]').toString('base64url')}`, 'cursor'],
    ['a cursor that is not JSON', '?cursor=abc', 'cursor'],
  ])('refuses %s with 400 invalid_request naming it', async (_, query, name) => {
    const response = await suite.h.asMerchant('GET', `/v1/group-buy-offers${query}`);
    expect(response.status).toBe(400);
    const body: Json = await response.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details).toContainEqual({ path: [name], message: expect.any(String) });
  });

  it('is for the merchant only: a page with the publishable key gets 403', async () => {
    const response = await suite.h.asShopper('alice', 'GET', '/v1/group-buy-offers');
    expect(response.status).toBe(403);
    expect(((await response.json()) as Json).error.code).toBe('forbidden');
  });
});
