import { openApiJson } from '@flock/protocol/openapi';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import type { AppEnv, Deps } from './context.js';
import { KeyCache } from './domain/merchants.js';
import { ApiError } from './errors.js';
import { idempotency } from './idempotency.js';
import { rejectUnstorableUrl } from './input-guard.js';
import { LiveHub } from './live-hub.js';
import { authenticate } from './middleware.js';
import { type AssistRouteOptions, createAssistRoutes } from './routes/assist.js';
import { groupBuyRoutes } from './routes/group-buy.js';
import { merchantRoutes } from './routes/merchants.js';
import { createReferralRoutes } from './routes/referral.js';
import { sdkRoutes } from './routes/sdk.js';
import { streamRoutes } from './routes/stream.js';
import { voucherRoutes } from './routes/voucher.js';

// zod/mini ships without messages to keep browser bundles small; the server wants readable ones.
z.config(en());

export interface AppOptions {
  log?: (line: string) => void;
  /** Comment heartbeat on live streams; proxies drop idle connections after 30–60 s. */
  heartbeatMs?: number;
  /** Help rate limit for assists, and proxy trust (X-Forwarded-For) for every per-address limit. */
  assist?: AssistRouteOptions;
  /** The built browser bundle served under /sdk/ (default: packages/elements/dist of this repository). */
  sdkDir?: string;
}

export function createApp(deps: Omit<Deps, 'keys'>, options: AppOptions = {}) {
  const log = options.log ?? ((line) => console.error(line));
  const app = new Hono<AppEnv>();
  const withKeys: Deps = {
    ...deps,
    keys: new KeyCache(deps.secrets),
    trustForwardedFor: deps.trustForwardedFor ?? options.assist?.trustForwardedFor,
  };
  const hub = new LiveHub(deps.db, log);
  app.use(async (c, next) => {
    c.set('deps', withKeys);
    await next();
  });
  app.get('/healthz', (c) => c.json({ ok: true }));
  // Generated on first request: the same document as docs/openapi.json.
  let openApi: string | undefined;
  app.get('/openapi.json', (c) => {
    openApi ??= openApiJson();
    return c.body(openApi, 200, { 'content-type': 'application/json' });
  });
  app.route('/sdk', sdkRoutes(options.sdkDir));
  // Before keys are looked up: text the database cannot store is refused for what it is.
  app.use('/v1/*', rejectUnstorableUrl);
  app.use('/v1/*', authenticate, idempotency);
  app.route('/v1', merchantRoutes);
  app.route('/v1', groupBuyRoutes);
  app.route('/v1', createAssistRoutes(options.assist));
  app.route('/v1', createReferralRoutes({ trustForwardedFor: options.assist?.trustForwardedFor }));
  app.route('/v1', voucherRoutes);
  app.route('/v1', streamRoutes(hub, { heartbeatMs: options.heartbeatMs ?? 20_000 }));

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json({ error: { code: error.code, message: error.message, details: error.details } }, error.status as 400);
    }
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own validator rejects malformed JSON this way.
      return c.json({ error: { code: 'invalid_request', message: error.message || 'Malformed request.' } }, 400);
    }
    // Log the failure without the request's headers or body: they can carry keys and tokens.
    log(
      `[flock] ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return c.json({ error: { code: 'internal_error', message: 'Something went wrong on our side; it is safe to retry.' } }, 500);
  });
  return Object.assign(app, { hub });
}

export type FlockApp = ReturnType<typeof createApp>;
