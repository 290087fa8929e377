/**
 * A page's reads (routes whose auth says `inQuery`) take the publishable key in `?key=` and the
 * shopper token in `?shopper=`, so the browser sends them as CORS simple requests (no preflight).
 * The origin rules, the refusals and the answers are those of the headers; only a publishable key
 * may travel in a URL; and no query string reaches the server's log.
 */

import { KEY_QUERY_PARAM, SHOPPER_QUERY_PARAM } from '@flock/protocol';
import { routes } from '@flock/protocol/reference';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStaffKey } from '../src/domain/merchants.js';
import type { AppEnv } from '../src/http/context.js';
import { answerErrors } from '../src/http/errors.js';
import { testDatabases } from './databases.js';
import { SHOP_ORIGIN, useHarness } from './harness.js';
import { expectError, expectOk, type Json, newOffer, openConfirmedTeam } from './util.js';

const inQueryRoutes = routes.filter((route) => route.auth.kind === 'keys' && route.auth.inQuery);

describe('the routes that take credentials in the query', () => {
  it('are reads a page makes, whose own query leaves `key` and `shopper` free', () => {
    expect(inQueryRoutes.map((route) => route.name)).toContain('getGroupBuyOffer');
    for (const route of inQueryRoutes) {
      expect(route.method, route.name).toBe('get');
      expect(route.auth.kind === 'keys' && route.auth.keys, route.name).toContain('publishable');
      const names = (route.query ?? []).map((q) => q.name);
      expect(names, route.name).not.toContain(KEY_QUERY_PARAM);
      expect(names, route.name).not.toContain(SHOPPER_QUERY_PARAM);
    }
  });
});

describe.each(testDatabases)('credentials in the query on $kind', ({ create }) => {
  const suite = useHarness(create);
  let offer: Json;
  let team: Json;

  beforeAll(async () => {
    offer = await newOffer(suite.h, { teamSize: 3 });
    ({ team } = await openConfirmedTeam(suite.h, offer.id, 'ada'));
  });

  /** A page's GET as the browser sends a simple request: no Authorization, no Flock-Shopper, just Origin. */
  const pageGet = (path: string, query: Record<string, string>, origin: string | null = SHOP_ORIGIN) =>
    Promise.resolve(suite.h.server.app.request(`${path}?${new URLSearchParams(query)}`, { headers: origin ? { origin } : {} }));

  it("answers the offer as the headers do, with the shopper's own part and CORS for the page", async () => {
    const { h } = suite;
    const token = await h.tokenFor('ada');
    const response = await pageGet(`/v1/group-buy-offers/${offer.id}`, { key: h.merchant.publishableKey, shopper: token });
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    const viaQuery = await expectOk(response);
    const viaHeaders = await expectOk(await h.asShopper('ada', 'GET', `/v1/group-buy-offers/${offer.id}`));
    expect(viaQuery.myTeams).toHaveLength(1);
    expect({ ...viaQuery, serverNow: 0 }).toEqual({ ...viaHeaders, serverNow: 0 });
    // Without a token the answer is the anonymous one.
    const anonymous = await expectOk(await pageGet(`/v1/group-buy-offers/${offer.id}`, { key: h.merchant.publishableKey }));
    expect(anonymous.myTeams ?? []).toEqual([]);
  });

  it('passes the auth of every declared route, the shopper token included', async () => {
    const { h } = suite;
    const query = { key: h.merchant.publishableKey, shopper: await h.tokenFor('ada') };
    for (const route of inQueryRoutes) {
      const response = await pageGet(route.path.replace(/:(\w+)/g, 'x_0123456789'), query);
      const { error } = (await response.json()) as { error?: { code: string } };
      expect(
        ['unauthorized', 'forbidden', 'invalid_key', 'origin_not_allowed', 'shopper_token_required'],
        route.name,
      ).not.toContain(error?.code);
    }
  });

  it('refuses a foreign or missing Origin with 403 origin_not_allowed, readable by the page', async () => {
    const { h } = suite;
    const path = `/v1/teams/${team.id}`;
    const foreign = await pageGet(path, { key: h.merchant.publishableKey }, 'https://evil.test');
    expect(foreign.headers.get('access-control-allow-origin')).toBe('https://evil.test');
    const body = await expectError(foreign, 403, 'origin_not_allowed');
    expect(JSON.stringify(body)).not.toContain(team.id);
    await expectError(await pageGet(path, { key: h.merchant.publishableKey }, null), 403, 'origin_not_allowed');
    await expectError(
      await pageGet(path, { key: h.merchant.publishableKey }, `${SHOP_ORIGIN}.evil.test`),
      403,
      'origin_not_allowed',
    );
  });

  it('refuses a wrong key with 401 invalid_key and a forged or missing shopper token with 401', async () => {
    const { h } = suite;
    await expectError(await pageGet(`/v1/teams/${team.id}`, { key: 'pk_wrong' }), 401, 'invalid_key');
    const forged = `${(await h.tokenFor('ada')).slice(0, -4)}AAAA`;
    await expectError(
      await pageGet(`/v1/teams/${team.id}`, { key: h.merchant.publishableKey, shopper: forged }),
      401,
      'shopper_token_invalid',
    );
    await expectError(
      await pageGet('/v1/promoters/me', { key: h.merchant.publishableKey, program: 'prg_none' }),
      401,
      'shopper_token_required',
    );
    // An empty key is no key.
    await expectError(await pageGet(`/v1/teams/${team.id}`, { key: '' }), 401, 'unauthorized');
  });

  it('takes no secret or staff key from a URL (403 forbidden), though both work in the header', async () => {
    const { h } = suite;
    const { staffKey } = await createStaffKey(h.db, h.clock, h.merchant.merchantId, 'Store 1');
    for (const key of [h.merchant.secretKey, staffKey]) {
      const body = await expectError(await pageGet(`/v1/teams/${team.id}`, { key }, null), 403, 'forbidden');
      expect(body.error.message).not.toContain(key);
    }
    await expectOk(await h.asMerchant('GET', `/v1/teams/${team.id}`));
  });

  it('ignores credentials in the query on every other route', async () => {
    const { h } = suite;
    const query = { key: h.merchant.publishableKey, shopper: await h.tokenFor('bo') };
    // A write (a POST is never a simple request with a JSON body) and a read that is not a page's.
    const reserve = await h.server.app.request(`/v1/teams/${team.id}/reservations?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: { origin: SHOP_ORIGIN, 'content-type': 'application/json' },
      body: '{}',
    });
    await expectError(reserve, 401, 'unauthorized');
    await expectError(await pageGet('/v1/teams', query), 401, 'unauthorized');
  });

  it('lets the headers win when both are sent', async () => {
    const { h } = suite;
    const response = await h.asShopper('ada', 'GET', `/v1/teams/${team.id}?key=pk_wrong&shopper=forged`);
    expect((await expectOk(response)).myReservation).not.toBeNull();
  });
});

describe('the error log', () => {
  it('names the failed request by method and path, never its query (keys and tokens travel there)', async () => {
    const lines: string[] = [];
    const app = new Hono<AppEnv>();
    app.get('/v1/teams/:id', () => {
      throw new Error('the database went away');
    });
    answerErrors(app, (line) => lines.push(line));
    const response = await app.request('/v1/teams/team_1?key=pk_live_secretish&shopper=eyJ.token.sig');
    await expectError(response, 500, 'internal_error');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('GET /v1/teams/team_1');
    expect(lines[0]).not.toContain('pk_live_secretish');
    expect(lines[0]).not.toContain('eyJ.token.sig');
  });
});
