import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabases } from './databases.js';
import { createHarness, type Harness, offerInput } from './harness.js';
import type { Json } from './util.js';

describe.each(testDatabases)('group-buy flow on $kind', ({ create }) => {
  let database: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    database = await create();
    h = await createHarness(await database.open());
  });
  afterAll(async () => {
    await h?.server.close();
    await database?.drop();
  });

  it('opens a team, fills it and succeeds', async () => {
    const offer: Json = await (await h.asMerchant('POST', '/v1/group-buy-offers', offerInput())).json();
    const opened = await h.asShopper('alice', 'POST', `/v1/group-buy-offers/${offer.id}/teams`);
    expect(opened.status).toBe(201);
    const { team, reservation }: Json = await opened.json();
    expect(team.status).toBe('pending');
    expect(reservation).toMatchObject({ status: 'held', leader: true, price: 1990 });

    const confirm = await h.asMerchant('POST', `/v1/reservations/${reservation.id}/confirm`, { orderRef: 'order-1' });
    expect(confirm.status).toBe(200);
    const open: Json = await (await h.asShopper('bob', 'GET', `/v1/teams/${team.id}`)).json();
    expect(open).toMatchObject({ status: 'open', seatsLeft: 2, members: [{ displayName: 'alice', leader: true }] });

    for (const [i, shopper] of ['bob', 'carol'].entries()) {
      const joined: Json = await (await h.asShopper(shopper, 'POST', `/v1/teams/${team.id}/reservations`)).json();
      await h.asMerchant('POST', `/v1/reservations/${joined.reservation.id}/confirm`, { orderRef: `order-${i + 2}` });
    }
    const done: Json = await (await h.asShopper('alice', 'GET', `/v1/teams/${team.id}`)).json();
    expect(done).toMatchObject({ status: 'succeeded', seatsLeft: 0 });
    expect(done.members).toHaveLength(3);
  });
});
