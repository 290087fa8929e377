import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type ErrorCode, errorStatus } from '@flock/protocol';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app.js';
import { type Clock, systemClock } from './clock.js';
import { sweepAssists } from './domain/assists.js';
import { pruneLiveEvents } from './domain/live-events.js';
import { sealClearMerchantSecrets } from './domain/merchants.js';
import { sweepCommissions } from './domain/referral/commissions.js';
import { sweepTeams } from './domain/teams.js';
import { pruneUsedVoucherCodes } from './domain/voucher-codes.js';
import { sealClearStoredAnswers } from './http/idempotency.js';
import type { Db } from './infra/db.js';
import { migrate } from './infra/migrate.js';
import { loadServerKey } from './infra/server-key.js';
import type { WebhookAddressPolicy } from './infra/webhook-address.js';
import { defaultWebhookDelivery, deliverDueWebhooks, type WebhookDeliveryOptions } from './infra/webhook-delivery.js';
import { pruneRateLimitHits } from './rate-limit.js';
import type { AssistRouteOptions } from './routes/assist.js';

export interface FlockServerOptions {
  db: Db;
  clock?: Clock;
  adminToken?: string;
  /** Where the server is reached from outside (FLOCK_PUBLIC_URL), for console invite links; else each request's origin. */
  publicUrl?: string;
  /**
   * The server key (FLOCK_SECRET_KEY: 32 random bytes, base64) sealing webhook secrets, signing keys and
   * stored answers. Required on PostgreSQL; PGlite keeps one in its directory, or a random one in memory.
   */
  secretKey?: string;
  /** How often the sweeper and the webhook dispatcher run; 0 turns them off (tests drive them by hand). */
  jobIntervalMs?: number;
  /** Retries, timeout, and the DNS lookup deliveries resolve hosts with (tests inject one). */
  webhooks?: Partial<WebhookDeliveryOptions>;
  /**
   * Let webhook URLs reach loopback, private and link-local addresses (FLOCK_ALLOW_PRIVATE_WEBHOOKS=1).
   * Off by default: a merchant's webhook must not reach into the operator's own network.
   */
  allowPrivateWebhooks?: boolean;
  log?: (line: string) => void;
  /** Comment heartbeat on live streams (default 20 s). */
  heartbeatMs?: number;
  assist?: AssistRouteOptions;
  /** The built browser bundle served under /sdk/ (default: packages/elements/dist of this repository). */
  sdkDir?: string;
  /** The built merchant console served under /console/ (default: packages/console/dist of this repository). */
  consoleDir?: string;
}

/** Migrates the database and assembles the API with its background jobs; nothing listens until listen(). */
export async function createFlockServer(options: FlockServerOptions) {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.error(line));
  const webhookOptions: WebhookDeliveryOptions = {
    ...defaultWebhookDelivery,
    ...options.webhooks,
    allowPrivateAddresses: options.allowPrivateWebhooks ?? false,
  };
  const webhookAddresses: WebhookAddressPolicy = webhookOptions;
  await migrate(db);
  const secrets = await loadServerKey(db, options.secretKey, async (tx, box) => {
    await sealClearMerchantSecrets(tx, box);
    await sealClearStoredAnswers(tx, box);
  });
  const app = createApp(
    {
      db,
      clock,
      adminToken: options.adminToken,
      publicUrl: options.publicUrl,
      secrets,
      webhookAddresses,
      webhookMaxAttempts: webhookOptions.maxAttempts,
    },
    { log, heartbeatMs: options.heartbeatMs, assist: options.assist, sdkDir: options.sdkDir, consoleDir: options.consoleDir },
  );

  /** One pass of every background job; each is safe to run from several processes at once. */
  const runJobs = async () => {
    const settledTeams = await sweepTeams(db, clock);
    const expiredAssists = await sweepAssists(db, clock);
    await sweepCommissions(db, clock);
    const deliveredWebhooks = await deliverDueWebhooks(db, clock, secrets, webhookOptions);
    await pruneLiveEvents(db, clock);
    await pruneUsedVoucherCodes(db, clock);
    await pruneRateLimitHits(db, clock);
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
    /** Seals and opens this server's stored secrets; createMerchant() needs it. */
    secrets,
    /** Where webhooks may go; createMerchant() checks a webhook URL against it. */
    webhookAddresses,
    runJobs,
    /** Starts the HTTP listener; port 0 picks a free one. Rejects with a one-line reason when it cannot listen. */
    listen(port = 8787, hostname = '127.0.0.1'): Promise<{ url: string; port: number }> {
      return new Promise((resolve, reject) => {
        const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
          server.off('error', onError);
          const host = hostname.includes(':') ? `[${hostname}]` : hostname;
          resolve({ url: `http://${host}:${info.port}`, port: info.port });
        });
        const onError = (error: NodeJS.ErrnoException) => {
          httpServer = undefined;
          reject(listenError(error, hostname, port));
        };
        server.once('error', onError);
        server.on('clientError', answerUnparsableRequest);
        httpServer = server;
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

/** Why the server could not listen, in words an operator can act on (the Node error stays as `cause`). */
function listenError(error: NodeJS.ErrnoException, hostname: string, port: number) {
  const reasons: Record<string, string> = {
    EADDRINUSE: `port ${port} on ${hostname} is already in use: stop what is using it or choose another port`,
    EADDRNOTAVAIL: `${hostname} is not an address of this machine: listen on 127.0.0.1, or 0.0.0.0 for every interface`,
    EACCES: `port ${port} needs privileges this process does not have: choose a port above 1023`,
    ENOTFOUND: `the host ${hostname} does not resolve to an address of this machine`,
    EAI_AGAIN: `the host ${hostname} does not resolve to an address of this machine`,
  };
  const reason = reasons[error.code ?? ''] ?? `cannot listen on ${hostname}:${port}: ${error.message}`;
  return Object.assign(new Error(reason, { cause: error }), { code: error.code });
}

/**
 * Node answers a request it cannot parse (headers over its limit, a malformed request line) by itself,
 * with an empty body; with this listener it gets the API's JSON error shape and code instead.
 */
function answerUnparsableRequest(error: NodeJS.ErrnoException, socket: Duplex) {
  // Like Node: answer only a connection still open on which nothing has been written yet.
  if (!socket.writable || (socket as Socket).bytesWritten > 0 || error.code === 'ECONNRESET') return socket.destroy();
  // A request unfinished after Node's request timeout (5 minutes) has nobody waiting for an answer.
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return socket.destroy();
  const [code, message]: [ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ['headers_too_large', `The request's headers are larger than the ${maxHeaderSize / 1024} KB the server accepts.`]
      : ['invalid_request', 'The request is not valid HTTP.'];
  const status = errorStatus[code];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
