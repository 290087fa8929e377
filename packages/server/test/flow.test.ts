import { describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { offerInput, useHarness } from './harness.js';
import type { Json } from './util.js';

describe.each(testDatabases)('group-buy flow on $kind', ({ create }) => {
  const suite = useHarness(create);

  it('opens a team, fills it and succeeds', async () => {
    const offer: Json = await (await suite.h.asMerchant('POST', '/v1/group-buy-offers', offerInput())).json();
    const opened = await suite.h.asShopper('alice', 'POST', `/v1/group-buy-offers/${offer.id}/teams`);
    expect(opened.status).toBe(201);
    const { team, reservation }: Json = await opened.json();
    expect(team.status).toBe('pending');
    expect(reservation).toMatchObject({ status: 'held', leader: true, price: 1990 });

    const confirm = await suite.h.asMerchant('POST', `/v1/reservations/${reservation.id}/confirm`, { orderRef: 'order-1' });
    expect(confirm.status).toBe(200);
    const open: Json = await (await suite.h.asShopper('bob', 'GET', `/v1/teams/${team.id}`)).json();
    expect(open).toMatchObject({ status: 'open', seatsLeft: 2, members: [{ displayName: 'alice', leader: true }] });

    for (const [i, shopper] of ['bob', 'carol'].entries()) {
      const joined: Json = await (await suite.h.asShopper(shopper, 'POST', `/v1/teams/${team.id}/reservations`)).json();
      await suite.h.asMerchant('POST', `/v1/reservations/${joined.reservation.id}/confirm`, { orderRef: `order-${i + 2}` });
    }
    const done: Json = await (await suite.h.asShopper('alice', 'GET', `/v1/teams/${team.id}`)).json();
    expect(done).toMatchObject({ status: 'succeeded', seatsLeft: 0 });
    expect(done.members).toHaveLength(3);
  });
});
