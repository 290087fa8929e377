import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant, createStaffKey } from '../src/domain/merchants.js';
import { type TestDatabase, testDatabases } from './databases.js';
import { createHarness, type Harness, offerInput, SHOP_ORIGIN } from './harness.js';
import { expectError, expectOk, type Json, newOffer, nextOrderRef, openConfirmedTeam, rawRequest, snapshot } from './util.js';

interface Detail {
  path: Array<string | number>;
  message: string;
}

/** Asserts a 400 invalid_request whose details are a list of {path, message}; returns the details. */
async function expectInvalid(response: Response): Promise<Detail[]> {
  const body = await expectError(response, 400, 'invalid_request');
  const details = body.error.details as Detail[];
  expect(Array.isArray(details)).toBe(true);
  expect(details.length).toBeGreaterThan(0);
  for (const detail of details) {
    expect(Array.isArray(detail.path)).toBe(true);
    expect(typeof detail.message).toBe('string');
    expect(detail.message.length).toBeGreaterThan(0);
  }
  return details;
}

const paths = (details: Detail[]) => details.map((d) => d.path.join('.'));

describe.each(testDatabases)('bad input, auth and idempotency on $kind', ({ create }) => {
  let database: TestDatabase;
  let h: Harness;
  /** A second merchant on the same server, for cross-tenant checks. */
  let other: Awaited<ReturnType<typeof createMerchant>>;
  let offer: Json;
  let openTeam: { team: Json; reservation: Json };
  let seq = 0;
  const shopper = (name: string) => `${name}-${++seq}`;

  beforeAll(async () => {
    database = await create();
    h = await createHarness(await database.open());
    other = await createMerchant(h.db, h.clock, h.server.secrets, { name: 'Other shop', origins: ['http://other.test'] });
    offer = await newOffer(h, { teamSize: 3 });
    openTeam = await openConfirmedTeam(h, offer.id, 'leader');
  });
  afterAll(async () => {
    await h?.server.close();
    await database?.drop();
  });

  /** Runs `act`, which must be rejected, and asserts that no table changed. */
  async function writesNothing(act: () => Promise<void>) {
    const before = await snapshot(h.db);
    await act();
    expect(await snapshot(h.db)).toEqual(before);
  }

  describe('validation', () => {
    it('rejects an offer with missing fields', () =>
      writesNothing(async () => {
        const { title: _title, currency: _currency, ...rest } = offerInput();
        const details = await expectInvalid(await h.asMerchant('POST', '/v1/group-buy-offers', rest));
        expect(paths(details)).toEqual(expect.arrayContaining(['title', 'currency']));
      }));

    it('rejects an offer with an unknown extra field', () =>
      writesNothing(async () => {
        const details = await expectInvalid(
          await h.asMerchant('POST', '/v1/group-buy-offers', { ...offerInput(), discount: 50 }),
        );
        expect(details.some((d) => d.message.includes('discount'))).toBe(true);
      }));

    it('rejects an offer with wrongly typed fields', () =>
      writesNothing(async () => {
        const details = await expectInvalid(
          await h.asMerchant('POST', '/v1/group-buy-offers', {
            ...offerInput(),
            teamSize: '3',
            regularPrice: 29.9,
            completeAtDeadline: { minMembers: 'two' },
          }),
        );
        expect(paths(details)).toEqual(expect.arrayContaining(['teamSize', 'regularPrice', 'completeAtDeadline.minMembers']));
      }));

    it('rejects an offer whose values break the rules', () =>
      writesNothing(async () => {
        const details = await expectInvalid(
          await h.asMerchant('POST', '/v1/group-buy-offers', {
            ...offerInput(),
            teamSize: 1,
            groupPrice: 3990,
            currency: 'yuan',
          }),
        );
        expect(paths(details)).toEqual(expect.arrayContaining(['teamSize', 'currency']));
      }));

    it('rejects a confirm with a missing, extra or wrongly typed orderRef', async () => {
      const target = await newOffer(h, { teamSize: 2 });
      const opened = await expectOk(await h.asShopper(shopper('lead'), 'POST', `/v1/group-buy-offers/${target.id}/teams`), 201);
      const path = `/v1/reservations/${opened.reservation.id}/confirm`;
      await writesNothing(async () => {
        expect(paths(await expectInvalid(await h.asMerchant('POST', path, {})))).toEqual(['orderRef']);
        expect(paths(await expectInvalid(await h.asMerchant('POST', path, { orderRef: 42 })))).toEqual(['orderRef']);
        expect(paths(await expectInvalid(await h.asMerchant('POST', path, { orderRef: '' })))).toEqual(['orderRef']);
        expect(paths(await expectInvalid(await h.asMerchant('POST', path, { orderRef: 'x'.repeat(129) })))).toEqual(['orderRef']);
        const extra = await expectInvalid(await h.asMerchant('POST', path, { orderRef: 'o-1', amount: 1990 }));
        expect(extra.some((d) => d.message.includes('amount'))).toBe(true);
      });
      // The reservation is untouched: still held, and the team still pending.
      const [row] = await h.db.query<{ status: string; order_ref: string | null }>(
        `select status, order_ref from reservations where id = $1`,
        [opened.reservation.id],
      );
      expect(row).toEqual({ status: 'held', order_ref: null });
    });

    it('rejects fields on the routes that take none', () =>
      writesNothing(async () => {
        await expectInvalid(
          await h.asShopper(shopper('carol'), 'POST', `/v1/teams/${openTeam.team.id}/reservations`, { seats: 2 }),
        );
        await expectInvalid(await h.asShopper(shopper('carol'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`, { size: 2 }));
      }));

    it('rejects malformed JSON with 400 invalid_request', () =>
      writesNothing(async () => {
        await expectError(
          await rawRequest(h, 'POST', '/v1/group-buy-offers', { key: h.merchant.secretKey, body: '{"productRef": "tea-001",' }),
          400,
          'invalid_request',
        );
        await expectError(
          await rawRequest(h, 'POST', `/v1/reservations/${openTeam.reservation.id}/confirm`, {
            key: h.merchant.secretKey,
            body: 'orderRef=1',
          }),
          400,
          'invalid_request',
        );
      }));
  });

  describe('unknown ids', () => {
    it('answers 404 not_found for unknown offers, teams and reservations', () =>
      writesNothing(async () => {
        const bob = shopper('bob');
        await expectError(await h.asShopper(bob, 'GET', '/v1/group-buy-offers/off_00000000000000000000'), 404, 'not_found');
        await expectError(
          await h.asShopper(bob, 'POST', '/v1/group-buy-offers/off_00000000000000000000/teams'),
          404,
          'not_found',
        );
        await expectError(await h.asShopper(bob, 'GET', '/v1/teams/team_00000000000000000000'), 404, 'not_found');
        await expectError(await h.asShopper(bob, 'POST', '/v1/teams/team_00000000000000000000/reservations'), 404, 'not_found');
        await expectError(
          await h.asMerchant('POST', '/v1/reservations/res_00000000000000000000/confirm', { orderRef: nextOrderRef() }),
          404,
          'not_found',
        );
        await expectError(await h.asMerchant('GET', '/v1/no-such-route'), 404, 'not_found');
      }));

    it("answers 404 for another merchant's offer, team and reservation", () =>
      writesNothing(async () => {
        const request = (method: string, path: string, body?: unknown) =>
          rawRequest(h, method, path, {
            key: other.secretKey,
            origin: null,
            body: body === undefined ? undefined : JSON.stringify(body),
          });
        await expectError(await request('GET', `/v1/group-buy-offers/${offer.id}`), 404, 'not_found');
        await expectError(await request('GET', `/v1/teams/${openTeam.team.id}`), 404, 'not_found');
        await expectError(
          await request('POST', `/v1/reservations/${openTeam.reservation.id}/confirm`, {
            orderRef: openTeam.reservation.orderRef,
          }),
          404,
          'not_found',
        );
      }));
  });

  describe('keys and origins', () => {
    it('answers 401 unauthorized without a key', () =>
      writesNothing(async () => {
        await expectError(await rawRequest(h, 'GET', `/v1/group-buy-offers/${offer.id}`), 401, 'unauthorized');
        await expectError(
          await rawRequest(h, 'POST', '/v1/group-buy-offers', { body: JSON.stringify(offerInput()), origin: null }),
          401,
          'unauthorized',
        );
        await expectError(await rawRequest(h, 'GET', '/v1/merchant', { origin: null }), 401, 'unauthorized');
      }));

    it('answers 401 invalid_key to an unknown or malformed key', () =>
      writesNothing(async () => {
        const wrongSecret = `sk_${'x'.repeat(32)}`;
        await expectError(
          await rawRequest(h, 'POST', '/v1/group-buy-offers', {
            key: wrongSecret,
            origin: null,
            body: JSON.stringify(offerInput()),
          }),
          401,
          'invalid_key',
        );
        await expectError(
          await rawRequest(h, 'GET', `/v1/group-buy-offers/${offer.id}`, { key: `pk_${'x'.repeat(32)}` }),
          401,
          'invalid_key',
        );
        // A key with one character changed is just as unknown.
        const altered = `${h.merchant.secretKey.slice(0, -1)}${h.merchant.secretKey.endsWith('A') ? 'B' : 'A'}`;
        await expectError(await rawRequest(h, 'GET', '/v1/merchant', { key: altered, origin: null }), 401, 'invalid_key');
        await expectError(
          await rawRequest(h, 'GET', '/v1/merchant', {
            origin: null,
            headers: { authorization: `Basic ${h.merchant.secretKey}` },
          }),
          401,
          'invalid_key',
        );
      }));

    it('answers 403 forbidden to a publishable key on a secret route', () =>
      writesNothing(async () => {
        const pk = h.merchant.publishableKey;
        await expectError(
          await rawRequest(h, 'POST', '/v1/group-buy-offers', { key: pk, body: JSON.stringify(offerInput()) }),
          403,
          'forbidden',
        );
        await expectError(
          await rawRequest(h, 'POST', `/v1/reservations/${openTeam.reservation.id}/confirm`, {
            key: pk,
            body: JSON.stringify({ orderRef: 'x' }),
          }),
          403,
          'forbidden',
        );
        await expectError(
          await rawRequest(h, 'POST', '/v1/shopper-tokens', { key: pk, body: JSON.stringify({ shopperId: 'mallory' }) }),
          403,
          'forbidden',
        );
        await expectError(await rawRequest(h, 'GET', '/v1/merchant', { key: pk }), 403, 'forbidden');
        await expectError(
          await rawRequest(h, 'POST', '/v1/merchant/roll-keys', { key: pk, body: JSON.stringify({ which: 'secret' }) }),
          403,
          'forbidden',
        );
      }));

    it('answers 403 origin_not_allowed to a publishable key from a foreign or missing Origin', () =>
      writesNothing(async () => {
        const token = await h.tokenFor('bob');
        const pk = h.merchant.publishableKey;
        const path = `/v1/teams/${openTeam.team.id}/reservations`;
        const foreign = await rawRequest(h, 'POST', path, { key: pk, shopperToken: token, origin: 'https://evil.test' });
        // The refusal is readable by the foreign page (so a widget can say why), and nothing more.
        expect(foreign.headers.get('access-control-allow-origin')).toBe('https://evil.test');
        await expectError(foreign, 403, 'origin_not_allowed');
        await expectError(
          await rawRequest(h, 'POST', path, { key: pk, shopperToken: token, origin: null }),
          403,
          'origin_not_allowed',
        );
        // Another merchant's allowed origin is still foreign to this merchant.
        await expectError(
          await rawRequest(h, 'GET', `/v1/group-buy-offers/${offer.id}`, { key: pk, origin: 'http://other.test' }),
          403,
          'origin_not_allowed',
        );
        // An origin that merely starts like the allowed one is not it.
        await expectError(
          await rawRequest(h, 'GET', `/v1/group-buy-offers/${offer.id}`, { key: pk, origin: `${SHOP_ORIGIN}.evil.test` }),
          403,
          'origin_not_allowed',
        );
      }));

    it("serves this server's own pages (the console's widget preview) for any merchant, and only them", async () => {
      const pk = h.merchant.publishableKey;
      const path = `/v1/group-buy-offers/${offer.id}`;
      // app.request's own origin is http://localhost: the page the console's preview runs in.
      await expectOk(await rawRequest(h, 'GET', path, { key: pk, origin: 'http://localhost' }));
      // A same-origin GET carries no Origin; the browser's Sec-Fetch-Site says where it came from.
      await expectOk(await rawRequest(h, 'GET', path, { key: pk, origin: null, headers: { 'sec-fetch-site': 'same-origin' } }));
      for (const site of ['cross-site', 'same-site', 'none']) {
        await expectError(
          await rawRequest(h, 'GET', path, { key: pk, origin: null, headers: { 'sec-fetch-site': site } }),
          403,
          'origin_not_allowed',
        );
      }
      await expectError(
        await rawRequest(h, 'GET', path, { key: pk, origin: 'http://localhost:8080' }),
        403,
        'origin_not_allowed',
      );
    });
  });

  describe('shopper tokens', () => {
    const reservePath = () => `/v1/teams/${openTeam.team.id}/reservations`;

    it('answers 401 shopper_token_required on a shopper route without a token', () =>
      writesNothing(async () => {
        await expectError(
          await rawRequest(h, 'POST', reservePath(), { key: h.merchant.publishableKey }),
          401,
          'shopper_token_required',
        );
        await expectError(
          await rawRequest(h, 'POST', `/v1/group-buy-offers/${offer.id}/teams`, { key: h.merchant.publishableKey }),
          401,
          'shopper_token_required',
        );
      }));

    it('answers 401 shopper_token_expired once the token is past its ttl', async () => {
      const minted = await expectOk(
        await h.asMerchant('POST', '/v1/shopper-tokens', { shopperId: shopper('eve'), ttlSeconds: 60 }),
        201,
      );
      expect(Date.parse(minted.expiresAt)).toBe(h.clock.now().getTime() + 60_000);
      // Still valid just before expiry.
      h.clock.advance(59_000);
      await expectOk(
        await rawRequest(h, 'GET', reservePath().replace('/reservations', ''), {
          key: h.merchant.publishableKey,
          shopperToken: minted.token,
        }),
      );
      h.clock.advance(2_000);
      await writesNothing(async () => {
        await expectError(
          await rawRequest(h, 'POST', reservePath(), { key: h.merchant.publishableKey, shopperToken: minted.token }),
          401,
          'shopper_token_expired',
        );
      });
    });

    it("answers 401 shopper_token_invalid to another merchant's token or a tampered token", () =>
      writesNothing(async () => {
        const foreign = await expectOk(
          await rawRequest(h, 'POST', '/v1/shopper-tokens', {
            key: other.secretKey,
            origin: null,
            body: JSON.stringify({ shopperId: 'mallory' }),
          }),
          201,
        );
        const pk = h.merchant.publishableKey;
        await expectError(
          await rawRequest(h, 'POST', reservePath(), { key: pk, shopperToken: foreign.token }),
          401,
          'shopper_token_invalid',
        );

        const genuine = await h.tokenFor('trent');
        const [header, payload, signature] = genuine.split('.') as [string, string, string];
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
        const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: 'victim' })).toString('base64url');
        await expectError(
          await rawRequest(h, 'POST', reservePath(), { key: pk, shopperToken: `${header}.${forgedPayload}.${signature}` }),
          401,
          'shopper_token_invalid',
        );
        const noneAlg = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
        await expectError(
          await rawRequest(h, 'POST', reservePath(), { key: pk, shopperToken: noneAlg }),
          401,
          'shopper_token_invalid',
        );
        await expectError(
          await rawRequest(h, 'POST', reservePath(), { key: pk, shopperToken: 'not-a-token' }),
          401,
          'shopper_token_invalid',
        );
      }));
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body and creates nothing new', async () => {
      const body = offerInput({ title: 'Idempotent tea' });
      const headers = { 'idempotency-key': `create-offer-${++seq}` };
      const first = await h.asMerchant('POST', '/v1/group-buy-offers', body, headers);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const created = await expectOk(first, 201);

      await writesNothing(async () => {
        const replay = await h.asMerchant('POST', '/v1/group-buy-offers', body, headers);
        expect(replay.headers.get('idempotent-replayed')).toBe('true');
        expect(await expectOk(replay, 201)).toEqual(created);
      });
      const [row] = await h.db.query<{ n: number }>(`select count(*)::int as n from group_buy_offers where title = $1`, [
        'Idempotent tea',
      ]);
      expect(row?.n).toBe(1);
    });

    it('answers 409 idempotency_conflict to the same key with another body', async () => {
      const headers = { 'idempotency-key': `create-offer-${++seq}` };
      await expectOk(await h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ title: 'First body' }), headers), 201);
      await writesNothing(async () => {
        await expectError(
          await h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ title: 'Second body' }), headers),
          409,
          'idempotency_conflict',
        );
      });
      const [row] = await h.db.query<{ n: number }>(`select count(*)::int as n from group_buy_offers where title = $1`, [
        'Second body',
      ]);
      expect(row?.n).toBe(0);
    });

    it('replays a shopper write (holding a seat) without taking a second seat', async () => {
      const target = await newOffer(h, { teamSize: 4 });
      const { team } = await openConfirmedTeam(h, target.id, shopper('lead'));
      const bob = shopper('bob');
      const headers = { 'idempotency-key': 'tap-join' };
      const first = await expectOk(await h.asShopper(bob, 'POST', `/v1/teams/${team.id}/reservations`, undefined, headers), 201);
      await writesNothing(async () => {
        const replay = await h.asShopper(bob, 'POST', `/v1/teams/${team.id}/reservations`, undefined, headers);
        expect(replay.headers.get('idempotent-replayed')).toBe('true');
        expect(await expectOk(replay, 201)).toEqual(first);
      });
      // Keys are scoped per shopper: another shopper's identical key is a fresh request.
      const carol = await expectOk(
        await h.asShopper(shopper('carol'), 'POST', `/v1/teams/${team.id}/reservations`, undefined, headers),
        201,
      );
      expect(carol.reservation.id).not.toBe(first.reservation.id);
      const [row] = await h.db.query<{ seats_taken: number }>(`select seats_taken from teams where id = $1`, [team.id]);
      expect(row?.seats_taken).toBe(3);
    });

    it('replays a stored error answer too, and a new key retries for real', async () => {
      const target = await newOffer(h, { teamSize: 2 });
      const { team } = await openConfirmedTeam(h, target.id, shopper('lead'));
      await expectOk(await h.asShopper(shopper('bob'), 'POST', `/v1/teams/${team.id}/reservations`), 201);
      const dave = shopper('dave');
      const headers = { 'idempotency-key': 'join-full' };
      await expectError(
        await h.asShopper(dave, 'POST', `/v1/teams/${team.id}/reservations`, undefined, headers),
        409,
        'team_full',
      );
      await writesNothing(async () => {
        const replay = await h.asShopper(dave, 'POST', `/v1/teams/${team.id}/reservations`, undefined, headers);
        expect(replay.headers.get('idempotent-replayed')).toBe('true');
        await expectError(replay, 409, 'team_full');
      });
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      h.server.app.request(`/v1/teams/${openTeam.team.id}/reservations`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, flock-shopper',
        },
      });

    it('answers a preflight from an allowed origin with that origin', async () => {
      const response = await preflight(SHOP_ORIGIN);
      expect(response.status).toBeLessThan(300);
      expect(response.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('flock-shopper');
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    });

    it('answers a preflight from any origin, so a foreign page reads its real refusal', async () => {
      const response = await preflight('https://evil.test');
      expect(response.headers.get('access-control-allow-origin')).toBe('https://evil.test');
      const refused = await rawRequest(h, 'GET', `/v1/teams/${openTeam.team.id}`, {
        key: h.merchant.publishableKey,
        origin: 'https://evil.test',
      });
      expect(refused.headers.get('access-control-allow-origin')).toBe('https://evil.test');
      await expectError(refused, 403, 'origin_not_allowed');
      const wrongKey = await rawRequest(h, 'GET', `/v1/teams/${openTeam.team.id}`, {
        key: 'pk_wrong',
        origin: 'https://evil.test',
      });
      expect(wrongKey.headers.get('access-control-allow-origin')).toBe('https://evil.test');
      await expectError(wrongKey, 401, 'invalid_key');
    });

    it('refuses a staff key from a page whose origin is not allowed, before redeeming anything', async () => {
      const product = await expectOk(await h.asMerchant('POST', '/v1/voucher-products', { title: 'A coffee', uses: 2 }), 201);
      const voucher = await expectOk(
        await h.asMerchant('POST', '/v1/vouchers', { productId: product.id, shopperId: 'vera', orderRef: nextOrderRef() }),
        201,
      );
      const { staffKey } = await createStaffKey(h.db, h.clock, h.merchant.merchantId, 'Xihu');
      const code = (await expectOk(await h.asShopper('vera', 'GET', `/v1/vouchers/${voucher.id}/code`))).code;
      const redeemFrom = (origin: string | null) =>
        rawRequest(h, 'POST', '/v1/redemptions', { key: staffKey, origin, body: JSON.stringify({ code }) });
      await writesNothing(async () => {
        const foreign = await redeemFrom('https://evil.test');
        expect(foreign.headers.get('access-control-allow-origin')).toBe('https://evil.test');
        await expectError(foreign, 403, 'origin_not_allowed');
        // Another merchant's allowed origin is foreign to this merchant's store too.
        await expectError(await redeemFrom('http://other.test'), 403, 'origin_not_allowed');
      });
      // From the shop's own page the answer is readable; from a server (no Origin) the key works as before.
      const allowed = await redeemFrom(SHOP_ORIGIN);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
      expect((await expectOk(allowed, 201)).voucher.usesLeft).toBe(1);
      await expectError(await redeemFrom(null), 409, 'code_replayed');
    });

    it('refuses a secret key from a foreign page before it writes, and never lets a page read its answers', () =>
      writesNothing(async () => {
        const foreign = await rawRequest(h, 'POST', '/v1/group-buy-offers', {
          key: h.merchant.secretKey,
          origin: 'https://evil.test',
          body: JSON.stringify(offerInput()),
        });
        await expectError(foreign, 403, 'origin_not_allowed');
        const fromShopPage = await rawRequest(h, 'GET', `/v1/teams/${openTeam.team.id}`, { key: h.merchant.secretKey });
        expect(fromShopPage.status).toBe(200);
        expect(fromShopPage.headers.get('access-control-allow-origin')).toBeNull();
      }));

    it('lets the page read error answers: they carry access-control-allow-origin too', async () => {
      const response = await h.asShopper(shopper('zed'), 'GET', '/v1/teams/team_00000000000000000000');
      expect(response.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
      expect(response.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('idempotent-replayed');
      await expectError(response, 404, 'not_found');
    });
  });
});

/** Key rolling and settings move the clock a day ahead, so they get a harness of their own. */
describe.each(testDatabases)('merchant keys and settings on $kind', ({ create }) => {
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

  const withKey = (key: string, method: string, path: string, body?: unknown, origin: string | null = null) =>
    rawRequest(h, method, path, { key, origin, body: body === undefined ? undefined : JSON.stringify(body) });

  it('PATCH /v1/merchant origins takes effect at once', async () => {
    const pk = h.merchant.publishableKey;
    const offer = await expectOk(await withKey(h.merchant.secretKey, 'POST', '/v1/group-buy-offers', offerInput()), 201);
    await expectOk(await withKey(pk, 'GET', `/v1/group-buy-offers/${offer.id}`, undefined, SHOP_ORIGIN));

    const updated = await expectOk(await h.asMerchant('PATCH', '/v1/merchant', { origins: ['https://new-shop.test'] }));
    expect(updated).toMatchObject({ id: h.merchant.merchantId, origins: ['https://new-shop.test'] });
    expect(await expectOk(await h.asMerchant('GET', '/v1/merchant'))).toMatchObject({ origins: ['https://new-shop.test'] });

    await expectError(
      await withKey(pk, 'GET', `/v1/group-buy-offers/${offer.id}`, undefined, SHOP_ORIGIN),
      403,
      'origin_not_allowed',
    );
    await expectOk(await withKey(pk, 'GET', `/v1/group-buy-offers/${offer.id}`, undefined, 'https://new-shop.test'));
    const newPreflight = await h.server.app.request('/v1/merchant', {
      method: 'OPTIONS',
      headers: { origin: 'https://new-shop.test' },
    });
    expect(newPreflight.headers.get('access-control-allow-origin')).toBe('https://new-shop.test');

    // An invalid origin list is refused and changes nothing.
    const before = await snapshot(h.db);
    await expectInvalid(await h.asMerchant('PATCH', '/v1/merchant', { origins: ['https://shop.test/path'] }));
    await expectInvalid(await h.asMerchant('PATCH', '/v1/merchant', { origins: [] }));
    expect(await snapshot(h.db)).toEqual(before);

    await expectOk(await h.asMerchant('PATCH', '/v1/merchant', { origins: [SHOP_ORIGIN] }));
    await expectOk(await withKey(pk, 'GET', `/v1/group-buy-offers/${offer.id}`, undefined, SHOP_ORIGIN));
  });

  it('roll-keys gives a new secret key; the old one works for 24 h and then gives 401 invalid_key', async () => {
    const oldKey = h.merchant.secretKey;
    const rolledAt = h.clock.now().getTime();
    const rolled = await expectOk(await withKey(oldKey, 'POST', '/v1/merchant/roll-keys', { which: 'secret' }), 201);
    expect(rolled.key).toMatch(/^sk_/);
    expect(rolled.key).not.toBe(oldKey);
    expect(Date.parse(rolled.previousKeyExpiresAt)).toBe(rolledAt + 24 * 3600_000);

    await expectOk(await withKey(rolled.key, 'GET', '/v1/merchant'));
    await expectOk(await withKey(oldKey, 'GET', '/v1/merchant'));

    h.clock.advance(24 * 3600_000 - 1_000);
    await expectOk(await withKey(oldKey, 'GET', '/v1/merchant'));

    h.clock.advance(2_000); // 24 h + 1 s after the roll
    await expectError(await withKey(oldKey, 'GET', '/v1/merchant'), 401, 'invalid_key');
    await expectError(await withKey(oldKey, 'POST', '/v1/group-buy-offers', offerInput()), 401, 'invalid_key');
    const stillNew = await expectOk(await withKey(rolled.key, 'GET', '/v1/merchant'));
    expect(stillNew.id).toBe(h.merchant.merchantId);
    // The publishable key was not touched.
    const offer = await expectOk(await withKey(rolled.key, 'POST', '/v1/group-buy-offers', offerInput()), 201);
    await expectOk(await withKey(h.merchant.publishableKey, 'GET', `/v1/group-buy-offers/${offer.id}`, undefined, SHOP_ORIGIN));
  });
});

describe('operator route POST /v1/merchants', () => {
  it('creates a merchant with the operator token, and refuses without it', async () => {
    const db = await (await import('./databases.js')).freshPglite();
    const { createFlockServer } = await import('../src/server.js');
    const server = await createFlockServer({
      db: await db.open(),
      jobIntervalMs: 0,
      adminToken: 'op_secret_token',
      log: () => {},
    });
    const create = (token: string) =>
      server.app.request('/v1/merchants', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Via HTTP', origins: ['https://shop.example'] }),
      });
    const created = await create('op_secret_token');
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      merchantId: expect.stringMatching(/^mer_/),
      secretKey: expect.stringMatching(/^sk_/),
    });
    expect((await create('wrong')).status).toBe(401);
    await server.close();
    await db.drop();
  });
});
