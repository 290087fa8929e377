import { TeamPage } from '@flock/protocol';
import { describe, expect, it } from 'vitest';
import { createMerchant } from '../src/domain/merchants.js';
import { testDatabases } from './databases.js';
import { offerInput, SHOP_ORIGIN, useHarness } from './harness.js';
import type { Json } from './util.js';

// GET /v1/teams: every team of the merchant, newest first in keyset pages, filtered by offer or
// stage. The console's live team table reads it.
describe.each(testDatabases)('listing teams on $kind', ({ create }) => {
  const suite = useHarness(create);

  const list = async (query = '') => {
    const response = await suite.h.asMerchant('GET', `/v1/teams${query}`);
    expect(response.status).toBe(200);
    return TeamPage.parse(await response.json());
  };
  const newOffer = async (title: string, teamSize = 2) => {
    const offer: Json = await (await suite.h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ title, teamSize }))).json();
    return offer.id as string;
  };
  /** A leader opens a team; with `pay`, their seat is confirmed and the team opens to others. */
  const startTeam = async (offerId: string, leader: string, pay = true) => {
    const opened: Json = await (await suite.h.asShopper(leader, 'POST', `/v1/group-buy-offers/${offerId}/teams`)).json();
    if (pay) await suite.h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: `o-${leader}` });
    suite.h.clock.advance(1000);
    return opened.team.id as string;
  };

  it('pages every team once, newest first, with its members, offer and stage, and filters by offer and stage', async () => {
    const tea = await newOffer('Longjing');
    const cake = await newOffer('Mooncake');
    const pending = await startTeam(tea, 'ann', false);
    const open = await startTeam(tea, 'ben');
    const full = await startTeam(cake, 'cai');
    const joined: Json = await (await suite.h.asShopper('dan', 'POST', `/v1/teams/${full}/reservations`)).json();
    await suite.h.asMerchant('POST', `/v1/reservations/${joined.reservation.id}/confirm`, { orderRef: 'o-dan' });

    const first = await list('?limit=2');
    expect(first.data.map((team) => team.id)).toEqual([full, open]);
    expect(first.data[0]).toMatchObject({
      offerId: cake,
      offerTitle: 'Mooncake',
      status: 'succeeded',
      size: 2,
      seatsLeft: 0,
      openedAt: expect.any(String),
      closedAt: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(first.data[0]?.members.map((member) => member.leader)).toEqual([true, false]);
    expect(first.data[1]).toMatchObject({ status: 'open', seatsLeft: 1, closedAt: null });
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((team) => team.id)).toEqual([pending]);
    expect(second.data[0]).toMatchObject({ status: 'pending', members: [], seatsHeld: 1, openedAt: null });
    expect(second.nextCursor).toBeNull();

    expect((await list(`?offer=${tea}`)).data.map((team) => team.id)).toEqual([open, pending]);
    expect((await list('?status=open')).data.map((team) => team.id)).toEqual([open]);
    expect((await list(`?offer=${cake}&status=open`)).data).toEqual([]);
    // No shopper's own fields in the merchant's view.
    expect(first.data[0]).not.toHaveProperty('myReservation');
  });

  it("never shows another merchant's teams, even when asked for one of its offers", async () => {
    const offer = await newOffer('Longjing');
    await startTeam(offer, 'eve');
    const other = await createMerchant(
      suite.h.db,
      suite.h.clock,
      suite.h.server.secrets,
      { name: 'Other shop', origins: [SHOP_ORIGIN] },
      suite.h.server.webhookAddresses,
    );
    const response = await suite.h.server.app.request(`/v1/teams?offer=${offer}`, {
      headers: { authorization: `Bearer ${other.secretKey}` },
    });
    expect(await response.json()).toEqual({ data: [], nextCursor: null });
  });

  it.each([
    ['a stage that does not exist', '?status=closed', 'status'],
    ['a limit over 100', '?limit=101', 'limit'],
    ['a cursor this server did not give', '?cursor=abc', 'cursor'],
  ])('refuses %s with 400 invalid_request naming it', async (_, query, name) => {
    const response = await suite.h.asMerchant('GET', `/v1/teams${query}`);
    expect(response.status).toBe(400);
    const body: Json = await response.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details).toContainEqual({ path: [name], message: expect.any(String) });
  });

  it('is for the merchant only: a page with the publishable key gets 403', async () => {
    const response = await suite.h.asShopper('alice', 'GET', '/v1/teams');
    expect(response.status).toBe(403);
  });
});
