import { Hono } from 'hono';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { KeyCache } from './domain/merchants.js';
import { bindRoutes } from './http/bind.js';
import type { AppEnv, Deps } from './http/context.js';
import { answerErrors } from './http/errors.js';
import type { Handlers } from './http/handler.js';
import { LiveHub } from './infra/live-hub.js';
import { type AssistRouteOptions, assistHandlers } from './routes/assist.js';
import { consoleHandlers } from './routes/console.js';
import { consoleAppHandlers } from './routes/console-app.js';
import { groupBuyHandlers, groupBuyReads } from './routes/group-buy.js';
import { merchantHandlers } from './routes/merchants.js';
import { operationsHandlers } from './routes/operations.js';
import { promoterGrowthHandlers } from './routes/promoter-growth.js';
import { referralHandlers } from './routes/referral.js';
import { sdkHandlers } from './routes/sdk.js';
import { statsHandlers } from './routes/stats.js';
import { streamHandlers } from './routes/stream.js';
import { voucherHandlers } from './routes/voucher.js';
import { webhookHandlers } from './routes/webhooks.js';

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
  /** The built merchant console served under /console/ (default: packages/console/dist of this repository). */
  consoleDir?: string;
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
  const reads = groupBuyReads(hub);
  app.use(async (c, next) => {
    c.set('deps', withKeys);
    await next();
    reads.forgetWrites(c);
  });
  // Every route of the protocol table, each with its handler; a route or handler missing is a start-up error.
  bindRoutes(app, routeHandlers(hub, options, reads));
  answerErrors(app, log);
  return Object.assign(app, { hub, reads });
}

/** The handler of every route in the protocol table, one object per resource. */
export function routeHandlers(hub: LiveHub, options: AppOptions = {}, reads = groupBuyReads(hub)): Handlers {
  return {
    ...operationsHandlers(),
    ...sdkHandlers(options.sdkDir),
    ...consoleAppHandlers(options.consoleDir),
    ...merchantHandlers,
    ...consoleHandlers,
    ...groupBuyHandlers(reads),
    ...assistHandlers(options.assist),
    ...referralHandlers({ trustForwardedFor: options.assist?.trustForwardedFor }),
    ...promoterGrowthHandlers(),
    ...voucherHandlers,
    ...webhookHandlers,
    ...statsHandlers,
    ...streamHandlers(hub, { heartbeatMs: options.heartbeatMs ?? 20_000 }),
  };
}

export type FlockApp = ReturnType<typeof createApp>;
