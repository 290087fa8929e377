// A real Flock server for the browser tests, started inside the test runner's Node process, plus
// a small fixture API the tests call to do what the shop's backend would (it holds the secret key).
import { createFlockServer, createMerchant, type FlockServer, OffsetClock, openPglite } from '@flock/server';

export interface FlockFixture {
  server: FlockServer;
  api: string;
  publishableKey: string;
  secretKey: string;
  clock: OffsetClock;
  /** The browser pages' origins, allowed for the publishable key. */
  origins: string[];
}

export async function startFixture(testOrigins: string[]): Promise<FlockFixture> {
  const db = await openPglite();
  const clock = new OffsetClock();
  // Other shoppers' phones (fixture helps) name their own address in X-Forwarded-For; the browser's requests cannot.
  const server = await createFlockServer({ db, clock, jobIntervalMs: 0, log: () => {}, assist: { trustForwardedFor: true } });
  const { url } = await server.listen(0);
  const merchant = await createMerchant(db, clock, server.secrets, { name: 'Browser tests', origins: testOrigins });
  return {
    server,
    api: url,
    publishableKey: merchant.publishableKey,
    secretKey: merchant.secretKey,
    clock,
    origins: testOrigins,
  };
}

let phones = 0;
/** Calls per code to the stand-in redemption API (/__flock/staff-api). */
const cannedCalls = new Map<string, number>();

/** A tea tin on a warm background, 600 × 600. */
const PRODUCT_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
  <rect width="600" height="600" fill="#f6efe3"/>
  <rect x="190" y="170" width="220" height="300" rx="24" fill="#2f6b4f"/>
  <rect x="180" y="140" width="240" height="50" rx="14" fill="#244f3b"/>
  <circle cx="300" cy="320" r="70" fill="#f6efe3"/>
  <path d="M300 270c-30 30-30 70 0 100 30-30 30-70 0-100z" fill="#7bb661"/>
</svg>`;

/**
 * Koa-style middleware answering /__flock/* for the tests. `/__flock/foreign/<action>` runs the same
 * action on `foreignFixture`: a shop whose allowed origins do not include the test pages'.
 */
export function fixtureMiddleware(fixture: () => Promise<FlockFixture>, foreignFixture: () => Promise<FlockFixture>) {
  return async (
    ctx: {
      path: string;
      method: string;
      body: unknown;
      status: number;
      type: string;
      req: NodeJS.ReadableStream;
      set(name: string, value: string): void;
      get(name: string): string;
    },
    next: () => Promise<void>,
  ) => {
    if (!ctx.path.startsWith('/__flock/')) return next();
    if (ctx.path === '/__flock/product.svg') {
      // A product image the poster can draw: served with CORS, as a shop's CDN would be.
      ctx.set('access-control-allow-origin', '*');
      ctx.type = 'image/svg+xml';
      ctx.body = PRODUCT_SVG;
      return;
    }
    if (ctx.path.startsWith('/__flock/api/')) {
      // The Flock server behind the test page's own origin (as a shop may reverse-proxy it): passes
      // the request through with its key and body, so a page can call it without CORS.
      let raw = '';
      for await (const chunk of ctx.req) raw += chunk;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const name of ['authorization', 'idempotency-key', 'flock-shopper']) if (ctx.get(name)) headers[name] = ctx.get(name);
      const response = await (await fixture()).server.app.request(ctx.path.slice('/__flock/api'.length), {
        method: ctx.method,
        headers,
        body: ctx.method === 'GET' ? undefined : raw,
      });
      ctx.status = response.status;
      ctx.type = 'application/json';
      ctx.body = await response.text();
      return;
    }
    if (ctx.path === '/__flock/staff-api/v1/redemptions') {
      // A stand-in redemption API for the scanner's UI tests: `ok-…` codes redeem once (then replay),
      // `error-<code>` codes are refused with that code. Calls are counted per code.
      let raw = '';
      for await (const chunk of ctx.req) raw += chunk;
      const { code } = JSON.parse(raw || '{}') as { code: string };
      cannedCalls.set(code, (cannedCalls.get(code) ?? 0) + 1);
      ctx.type = 'application/json';
      const refuse = (errorCode: string, status: number) => {
        ctx.status = status;
        ctx.body = JSON.stringify({ error: { code: errorCode, message: errorCode } });
      };
      if (code.startsWith('error-')) return refuse(code.slice(6), code === 'error-code_invalid' ? 400 : 409);
      if (!code.startsWith('ok-')) return refuse('code_invalid', 400);
      if (cannedCalls.get(code)! > 1) return refuse('code_replayed', 409);
      const now = new Date().toISOString();
      const usesLeft = 2;
      ctx.status = 201; // as the server answers: the SDK parses each status with its own schema
      ctx.body = JSON.stringify({
        redemption: { id: `rdm_${code}`, voucherId: 'vch_canned', store: 'Store 1', redeemedAt: now },
        voucher: {
          id: 'vch_canned',
          productId: 'vpr_canned',
          title: '10-visit massage card',
          status: 'active',
          uses: 10,
          usesLeft,
          value: null,
          currency: null,
          validFrom: null,
          validUntil: null,
          stores: null,
          lastRedemption: { id: `rdm_${code}`, voucherId: 'vch_canned', store: 'Store 1', redeemedAt: now },
          serverNow: now,
        },
      });
      return;
    }
    if (ctx.path === '/__flock/staff-api-calls') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(Object.fromEntries(cannedCalls));
      return;
    }
    const foreign = ctx.path.startsWith('/__flock/foreign/');
    const action = foreign ? `/__flock/${ctx.path.slice('/__flock/foreign/'.length)}` : ctx.path;
    const f = await (foreign ? foreignFixture() : fixture());
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
    /** A shopper's request from their own phone (a distinct address, so the help rate limit is theirs alone). */
    const asShopper = async (
      shopper: { shopperId: string; displayName?: string },
      method: string,
      path: string,
      body: unknown = {},
    ) => {
      const token = (await asMerchant('POST', '/v1/shopper-tokens', shopper)).body.token as string;
      const ip = `10.0.${++phones % 250}.${phones % 250}`;
      const response = await f.server.app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${f.publishableKey}`,
          origin: f.origins[0]!,
          'flock-shopper': token,
          'content-type': 'application/json',
          'x-forwarded-for': ip,
        },
        body: method === 'POST' ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: await response.json(), ip };
    };
    let result: unknown;
    switch (action) {
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
      case '/__flock/campaign':
        result = (await asMerchant('POST', '/v1/assist-campaigns', input)).body;
        break;
      case '/__flock/start-assist':
        result = (await asShopper(input.shopper, 'POST', `/v1/assist-campaigns/${input.campaignId}/assists`)).body;
        break;
      case '/__flock/help':
        result = (await asShopper(input.shopper, 'POST', `/v1/assists/${input.assistId}/helps`)).body;
        break;
      case '/__flock/use-up-help-rate': {
        // Help attempts from this machine's own address (the browser's), until the server refuses them.
        // First the clock moves to the start of a rate-limit window (they are 60 s), so the refusal
        // still holds when the test's own tap follows a moment later.
        f.clock.advance(60_000 - (f.clock.now().getTime() % 60_000) + 1);
        const token = (await asMerchant('POST', '/v1/shopper-tokens', { shopperId: 'rate-limit-burner' })).body.token as string;
        let status = 0;
        for (let i = 0; i < 100 && status !== 429; i++) {
          const response = await fetch(`${f.api}/v1/assists/ast_none0000000000/helps`, {
            method: 'POST',
            headers: { authorization: `Bearer ${f.secretKey}`, 'flock-shopper': token, 'content-type': 'application/json' },
            body: '{}',
          });
          status = response.status;
        }
        result = { status };
        break;
      }
      case '/__flock/program':
        result = (await asMerchant('POST', '/v1/referral-programs', input)).body;
        break;
      case '/__flock/become-promoter': {
        // From the promoter's own phone; `ip` is that phone's address (an order from it looks like self-referral).
        const joined = await asShopper(input.shopper, 'POST', `/v1/referral-programs/${input.programId}/promoters`, {
          ...(input.referredBy ? { referredBy: input.referredBy } : {}),
        });
        result = { ...joined.body, ip: joined.ip };
        break;
      }
      case '/__flock/click': {
        // A friend opens the promoter's link on their phone; the SDK there records the click.
        const response = await f.server.app.request('/v1/referral-clicks', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${f.publishableKey}`,
            origin: f.origins[0]!,
            'content-type': 'application/json',
            'x-forwarded-for': `10.2.${++phones % 250}.${phones % 250}`,
          },
          body: JSON.stringify({
            code: input.code,
            landingUrl: input.landingUrl ?? `${f.origins[0]}/product`,
            ...(input.share ? { share: input.share } : {}),
          }),
        });
        result = await response.json();
        break;
      }
      case '/__flock/material':
        // The merchant writes a share kit material in the console.
        result = (await asMerchant('POST', `/v1/referral-programs/${input.programId}/materials`, input.material)).body;
        break;
      case '/__flock/order':
        result = (await asMerchant('POST', '/v1/orders', input)).body;
        break;
      case '/__flock/payout':
        result = (await asMerchant('POST', `/v1/promoters/${input.promoterId}/payouts`, input.payout)).body;
        break;
      case '/__flock/voucher-product':
        result = (await asMerchant('POST', '/v1/voucher-products', input)).body;
        break;
      case '/__flock/voucher':
        result = (await asMerchant('POST', '/v1/vouchers', input)).body;
        break;
      case '/__flock/void-voucher':
        result = (await asMerchant('POST', `/v1/vouchers/${input.voucherId}/void`, {})).body;
        break;
      case '/__flock/staff-key':
        result = (await asMerchant('POST', '/v1/staff-keys', { store: input.store })).body;
        break;
      case '/__flock/voucher-code':
        // The shopper's phone asks for a code (what the voucher QR widget shows).
        result = (await asShopper({ shopperId: input.shopperId }, 'GET', `/v1/vouchers/${input.voucherId}/code`)).body;
        break;
      case '/__flock/redeem': {
        // A store's device redeems a code with its staff key.
        const response = await f.server.app.request('/v1/redemptions', {
          method: 'POST',
          headers: { authorization: `Bearer ${input.staffKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ code: input.code }),
        });
        result = { status: response.status, body: await response.json() };
        break;
      }
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
