import { describe, expect, it } from 'vitest';
import { createStaffKey } from '../src/domain/merchants.js';
import { testDatabases } from './databases.js';
import { offerInput, SHOP_ORIGIN, useHarness } from './harness.js';
import { expectError, expectOk } from './util.js';

const ADMIN_TOKEN = 'operator-token-for-tests-0123456789';

/** Changes a credential's last characters, keeping its shape (prefix, length). */
const altered = (credential: string) => `${credential.slice(0, -4)}${credential.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;

describe.each(testDatabases)('throttling failed authentication on $kind', ({ create }) => {
  const suite = useHarness(create, { server: { adminToken: ADMIN_TOKEN } });
  let address = 0;
  /** A client address no other test has used (the harness trusts X-Forwarded-For, as behind a proxy). */
  const newAddress = () => `198.51.100.${++address}`;

  const request = (ip: string, method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    Promise.resolve(
      suite.h.server.app.request(path, {
        method,
        headers: { 'x-forwarded-for': ip, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );

  /** Moves the clock to the start of a fresh one-minute window, so 21 requests cannot straddle two. */
  const freshWindow = () => {
    const now = suite.h.clock.now().getTime();
    suite.h.clock.set(new Date(Math.ceil(now / 60_000) * 60_000 + 1000));
  };

  /** Every kind of refused credential, each as a request from `ip`, with the code it is refused with. */
  const failureKinds = async () => {
    const { h } = suite;
    const { staffKey } = await createStaffKey(h.db, h.clock, h.merchant.merchantId, 'Main street');
    const token = await h.tokenFor('alice');
    const forged = `${token.slice(0, token.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
    return {
      'wrong secret key': {
        code: 'invalid_key',
        send: (ip: string) => request(ip, 'GET', '/v1/merchant', { authorization: `Bearer ${altered(h.merchant.secretKey)}` }),
      },
      'wrong publishable key': {
        code: 'invalid_key',
        send: (ip: string) =>
          request(ip, 'GET', '/v1/teams/team_abc', {
            authorization: `Bearer ${altered(h.merchant.publishableKey)}`,
            origin: SHOP_ORIGIN,
          }),
      },
      'wrong staff key': {
        code: 'invalid_key',
        send: (ip: string) =>
          request(ip, 'POST', '/v1/redemptions', { authorization: `Bearer ${altered(staffKey)}` }, { code: 'x'.repeat(20) }),
      },
      'wrong operator token': {
        code: 'unauthorized',
        send: (ip: string) =>
          request(
            ip,
            'POST',
            '/v1/merchants',
            { authorization: `Bearer ${altered(ADMIN_TOKEN)}` },
            { name: 'X', origins: [SHOP_ORIGIN] },
          ),
      },
      'forged shopper token': {
        code: 'shopper_token_invalid',
        send: (ip: string) =>
          request(ip, 'GET', '/v1/vouchers?shopper=me', {
            authorization: `Bearer ${h.merchant.publishableKey}`,
            origin: SHOP_ORIGIN,
            'flock-shopper': forged,
          }),
      },
      'wrong key on the live stream': {
        code: 'invalid_key',
        send: (ip: string) =>
          request(ip, 'GET', `/v1/stream?key=${altered(h.merchant.publishableKey)}&topics=team:team_abc`, {
            origin: SHOP_ORIGIN,
          }),
      },
      'forged shopper token on the live stream': {
        code: 'shopper_token_invalid',
        send: (ip: string) =>
          request(ip, 'GET', `/v1/stream?key=${h.merchant.publishableKey}&topics=voucher:vch_abc&shopper=${forged}`, {
            origin: SHOP_ORIGIN,
          }),
      },
    };
  };

  it('answers 20 failures of each kind from one address with 401, and the 21st with 429 and Retry-After', async () => {
    for (const [kind, { code, send }] of Object.entries(await failureKinds())) {
      freshWindow();
      const ip = newAddress();
      for (let i = 1; i <= 20; i++) {
        const response = await send(ip);
        expect({ kind, i, status: response.status }).toEqual({ kind, i, status: 401 });
        await expectError(response, 401, code);
      }
      const limited = await send(ip);
      expect({ kind, status: limited.status }).toEqual({ kind, status: 429 });
      expect(limited.headers.get('retry-after')).toBe('59');
      await expectError(limited, 429, 'rate_limited');
    }
  });

  it('counts the kinds together, per address, and forgets them when the window has passed', async () => {
    const kinds = Object.values(await failureKinds());
    freshWindow();
    const ip = newAddress();
    for (let i = 0; i < 20; i++) await expectError(await kinds[i % kinds.length]!.send(ip), 401, kinds[i % kinds.length]!.code);
    for (const { send } of kinds) await expectError(await send(ip), 429, 'rate_limited');
    // Another address is not affected.
    await expectError(await kinds[0]!.send(newAddress()), 401, kinds[0]!.code);
    // The next minute, failures are answered for what they are again.
    suite.h.clock.advance(60_000);
    await expectError(await kinds[0]!.send(ip), 401, kinds[0]!.code);
  });

  it('keeps valid keys working from a throttled address, without one more query for them', async () => {
    const { h } = suite;
    const [wrongKey] = Object.values(await failureKinds());
    freshWindow();
    const ip = newAddress();
    for (let i = 0; i < 21; i++) await wrongKey!.send(ip);
    await expectError(await wrongKey!.send(ip), 429, 'rate_limited');

    const offer = await expectOk(
      await request(ip, 'POST', '/v1/group-buy-offers', { authorization: `Bearer ${h.merchant.secretKey}` }, offerInput()),
      201,
    );
    // Once its key is known (cached), a valid request reads nothing of the limiter.
    const queries: string[] = [];
    const query = h.db.query.bind(h.db);
    h.db.query = ((sql: string, params?: unknown[]) => {
      queries.push(sql);
      return query(sql, params as never);
    }) as typeof h.db.query;
    try {
      await expectOk(await request(ip, 'GET', '/v1/merchant', { authorization: `Bearer ${h.merchant.secretKey}` }));
      await expectOk(
        await request(ip, 'GET', `/v1/group-buy-offers/${offer.id}`, {
          authorization: `Bearer ${h.merchant.publishableKey}`,
          origin: SHOP_ORIGIN,
          'flock-shopper': await h.tokenFor('bob'),
        }),
      );
    } finally {
      h.db.query = query;
    }
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.filter((sql) => sql.includes('rate_limit_hits'))).toEqual([]);
    // The operator token too.
    await expectOk(
      await request(
        ip,
        'POST',
        '/v1/merchants',
        { authorization: `Bearer ${ADMIN_TOKEN}` },
        { name: 'Y', origins: [SHOP_ORIGIN] },
      ),
      201,
    );
  });

  it('does not count an expired shopper token: it is genuine, and the page must learn to mint a new one', async () => {
    const { h } = suite;
    const minted = await expectOk(await h.asMerchant('POST', '/v1/shopper-tokens', { shopperId: 'carol', ttlSeconds: 60 }), 201);
    h.clock.advance(120_000);
    freshWindow();
    const ip = newAddress();
    for (let i = 0; i < 25; i++) {
      const response = await request(ip, 'GET', '/v1/vouchers?shopper=me', {
        authorization: `Bearer ${h.merchant.publishableKey}`,
        origin: SHOP_ORIGIN,
        'flock-shopper': minted.token,
      });
      await expectError(response, 401, 'shopper_token_expired');
    }
  });
});
