import { afterAll, beforeAll } from 'vitest';
import { type Clock, ManualClock } from '../src/clock.js';
import { createMerchant } from '../src/domain/merchants.js';
import type { Db } from '../src/infra/db.js';
import { createFlockServer, type FlockServer, type FlockServerOptions } from '../src/server.js';
import { TEST_SECRET_KEY, type TestDatabase } from './databases.js';

export const SHOP_ORIGIN = 'http://shop.test';

export interface Harness {
  server: FlockServer;
  db: Db;
  clock: ManualClock;
  merchant: Awaited<ReturnType<typeof createMerchant>>;
  /** Calls the API in-process (no socket) as the shop's backend, with the secret key. */
  asMerchant(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Calls the API as a shopper's browser on the shop's page: publishable key, Origin, shopper token. */
  asShopper(shopperId: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  tokenFor(shopperId: string, displayName?: string): Promise<string>;
}

/** A migrated server on the given database with a manual clock and one merchant. */
export async function createHarness(
  db: Db,
  options: { clock?: Clock; webhookUrl?: string; server?: Partial<FlockServerOptions> } = {},
): Promise<Harness> {
  const clock = (options.clock as ManualClock) ?? new ManualClock(new Date('2026-11-23T08:00:00Z'));
  // Tests play the proxy: they set X-Forwarded-For to act as shoppers on different networks.
  const server = await createFlockServer({
    db,
    clock,
    jobIntervalMs: 0,
    log: () => {},
    assist: { trustForwardedFor: true },
    secretKey: TEST_SECRET_KEY,
    // The tests' webhook receivers listen on 127.0.0.1.
    allowPrivateWebhooks: true,
    ...options.server,
  });
  const merchant = await createMerchant(
    db,
    clock,
    server.secrets,
    {
      name: 'Test shop',
      origins: [SHOP_ORIGIN],
      webhookUrl: options.webhookUrl,
    },
    server.webhookAddresses,
  );
  const call =
    (key: string, extra: Record<string, string>) =>
    (method: string, path: string, body?: unknown, headers = {}) =>
      Promise.resolve(
        server.app.request(path, {
          method,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...extra, ...headers },
          body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
        }),
      );
  const tokens = new Map<string, string>();
  const tokenFor = async (shopperId: string, displayName = shopperId) => {
    let token = tokens.get(shopperId);
    if (!token) {
      const response = await call(merchant.secretKey, {})('POST', '/v1/shopper-tokens', { shopperId, displayName });
      token = ((await response.json()) as { token: string }).token;
      tokens.set(shopperId, token);
    }
    return token;
  };
  return {
    server,
    db,
    clock: clock as ManualClock,
    merchant,
    asMerchant: call(merchant.secretKey, {}),
    asShopper: async (shopperId, method, path, body, headers) =>
      call(merchant.publishableKey, { origin: SHOP_ORIGIN, 'flock-shopper': await tokenFor(shopperId) })(
        method,
        path,
        body,
        headers,
      ),
    tokenFor,
  };
}

export const offerInput = (overrides: Record<string, unknown> = {}) => ({
  productRef: 'tea-001',
  title: 'West Lake Longjing tea, 250 g',
  regularPrice: 2990,
  groupPrice: 1990,
  currency: 'CNY',
  teamSize: 3,
  teamTtlSeconds: 86400,
  holdTtlSeconds: 600,
  ...overrides,
});

/**
 * Gives the enclosing describe block a harness on a fresh database (and, with `listen`, a real
 * HTTP port), torn down after it. Read `suite.h` and `suite.api` inside the tests.
 */
export function useHarness(
  create: () => Promise<TestDatabase>,
  options: { listen?: boolean; webhookUrl?: string; server?: Partial<FlockServerOptions> } = {},
) {
  const suite = {} as { h: Harness; api: string; database: TestDatabase };
  beforeAll(async () => {
    suite.database = await create();
    suite.h = await createHarness(await suite.database.open(), { webhookUrl: options.webhookUrl, server: options.server });
    if (options.listen) suite.api = (await suite.h.server.listen(0)).url;
  });
  afterAll(async () => {
    await suite.h?.server.close();
    await suite.database?.drop();
  });
  return suite;
}
