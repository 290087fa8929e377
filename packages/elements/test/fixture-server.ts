// A real Flock server for the browser tests, started inside the test runner's Node process, plus
// a small fixture API the tests call to do what the shop's backend would (it holds the secret key).
import { createFlockServer, createMerchant, type FlockServer, OffsetClock, openPglite } from '@flock/server';

export interface FlockFixture {
  server: FlockServer;
  api: string;
  publishableKey: string;
  secretKey: string;
  clock: OffsetClock;
}

export async function startFixture(testOrigins: string[]): Promise<FlockFixture> {
  const db = await openPglite();
  const clock = new OffsetClock();
  const server = await createFlockServer({ db, clock, jobIntervalMs: 0, log: () => {} });
  const { url } = await server.listen(0);
  const merchant = await createMerchant(db, clock, { name: 'Browser tests', origins: testOrigins });
  return { server, api: url, publishableKey: merchant.publishableKey, secretKey: merchant.secretKey, clock };
}

/** Koa-style middleware answering /__flock/* for the tests. */
export function fixtureMiddleware(fixture: () => Promise<FlockFixture>) {
  return async (
    ctx: { path: string; method: string; body: unknown; status: number; type: string; req: NodeJS.ReadableStream },
    next: () => Promise<void>,
  ) => {
    if (!ctx.path.startsWith('/__flock/')) return next();
    const f = await fixture();
    let raw = '';
    for await (const chunk of ctx.req) raw += chunk;
    const input = raw ? JSON.parse(raw) : {};
    const asMerchant = async (method: string, path: string, body?: unknown) => {
      const response = await f.server.app.request(path, {
        method,
        headers: { authorization: `Bearer ${f.secretKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };
    let result: unknown;
    switch (ctx.path) {
      case '/__flock/config':
        result = { api: f.api, publishableKey: f.publishableKey };
        break;
      case '/__flock/offer':
        result = (await asMerchant('POST', '/v1/group-buy-offers', input)).body;
        break;
      case '/__flock/token':
        result = (await asMerchant('POST', '/v1/shopper-tokens', input)).body;
        break;
      case '/__flock/confirm':
        result = (await asMerchant('POST', `/v1/reservations/${input.reservationId}/confirm`, { orderRef: input.orderRef })).body;
        break;
      case '/__flock/advance':
        f.clock.advance(input.seconds * 1000);
        result = await f.server.runJobs();
        break;
      default:
        ctx.status = 404;
        return;
    }
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(result);
  };
}
