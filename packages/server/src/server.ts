import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app.js';
import { type Clock, systemClock } from './clock.js';
import type { Db } from './db.js';
import { sweepAssists } from './domain/assists.js';
import { pruneLiveEvents } from './domain/live-events.js';
import { sweepCommissions } from './domain/referrals.js';
import { sweepTeams } from './domain/teams.js';
import { pruneUsedVoucherCodes } from './domain/voucher-codes.js';
import { defaultWebhookDelivery, deliverDueWebhooks, type WebhookDeliveryOptions } from './domain/webhook-delivery.js';
import { migrate } from './migrate.js';
import type { AssistRouteOptions } from './routes/assist.js';

export interface FlockServerOptions {
  db: Db;
  clock?: Clock;
  adminToken?: string;
  /** How often the sweeper and the webhook dispatcher run; 0 turns them off (tests drive them by hand). */
  jobIntervalMs?: number;
  webhooks?: Partial<WebhookDeliveryOptions>;
  log?: (line: string) => void;
  /** Comment heartbeat on live streams (default 20 s). */
  heartbeatMs?: number;
  assist?: AssistRouteOptions;
  /** The built browser bundle served under /sdk/ (default: packages/elements/dist of this repository). */
  sdkDir?: string;
}

/** Migrates the database and assembles the API with its background jobs; nothing listens until listen(). */
export async function createFlockServer(options: FlockServerOptions) {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.error(line));
  const webhookOptions = { ...defaultWebhookDelivery, ...options.webhooks };
  await migrate(db);
  const app = createApp(
    { db, clock, adminToken: options.adminToken },
    { log, heartbeatMs: options.heartbeatMs, assist: options.assist, sdkDir: options.sdkDir },
  );

  /** One pass of every background job; each is safe to run from several processes at once. */
  const runJobs = async () => {
    const settledTeams = await sweepTeams(db, clock);
    const expiredAssists = await sweepAssists(db, clock);
    await sweepCommissions(db, clock);
    const deliveredWebhooks = await deliverDueWebhooks(db, clock, webhookOptions);
    await pruneLiveEvents(db, clock);
    await pruneUsedVoucherCodes(db, clock);
    return { settledTeams, expiredAssists, deliveredWebhooks };
  };

  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const interval = options.jobIntervalMs ?? 1000;
  const loop = async () => {
    try {
      await runJobs();
    } catch (error) {
      log(`[flock] background job failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(loop, interval);
  };
  if (interval > 0) timer = setTimeout(loop, interval);

  let httpServer: ServerType | undefined;
  return {
    app,
    db,
    clock,
    runJobs,
    /** Starts the HTTP listener; port 0 picks a free one. */
    listen(port = 8787, hostname = '127.0.0.1'): Promise<{ url: string; port: number }> {
      return new Promise((resolve) => {
        httpServer = serve({ fetch: app.fetch, port, hostname }, (info) =>
          resolve({ url: `http://${hostname}:${info.port}`, port: info.port }),
        );
      });
    },
    async close() {
      stopped = true;
      clearTimeout(timer);
      await app.hub.close();
      // Open event streams would keep close() waiting forever.
      (httpServer as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
      await new Promise<void>((resolve) => (httpServer ? httpServer.close(() => resolve()) : resolve()));
    },
  };
}

export type FlockServer = Awaited<ReturnType<typeof createFlockServer>>;
