import { readFileSync } from 'node:fs';
import { type ClientRequest, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createParser } from 'eventsource-parser';
import { api, expectOk, inLanes, percentile, type ServerReport, SHOP_ORIGIN, startServer } from './reservations.js';

/**
 * Live-updates fan-out: N Server-Sent-Events clients, each on its own TCP connection, follow one
 * team; one seat hold per round makes the server send them all one `team.updated` event, and every
 * client's delivery time is taken from just before the hold request is sent.
 */

const TEAM_SIZE = 100;
/** Leader + one new shopper per round; the team must never fill (a full team sends more events). */
export const MAX_SSE_ROUNDS = TEAM_SIZE - 2;
const CONNECT_TIMEOUT_MS = 60_000;
const ROUND_TIMEOUT_MS = 10_000;
const CLOSE_TIMEOUT_MS = 10_000;
const PAUSE_BETWEEN_ROUNDS_MS = 300;

export interface SseBenchOptions {
  /** A fresh PostgreSQL database, or 'pglite' for PGlite in memory inside the server process. */
  databaseUrl: string;
  clients: number;
  rounds: number;
  pool: number;
  log: (line: string) => void;
}

export interface SseRound {
  /** Clients that received this round's event within ROUND_TIMEOUT_MS. */
  received: number;
  firstMs: number;
  lastMs: number;
  /** The seat-hold request itself (the trigger), until its response. */
  triggerMs: number;
  /** From just before the trigger, as seen by the server process (NaN if it did not report them). */
  heardMs: number;
  readMs: number;
  drainedMs: number;
  serverCpuMs: number;
}

export interface SseBenchResult {
  clients: number;
  connected: number;
  connectFailures: Record<string, number>;
  connectAllMs: number;
  connectMs: { p50: number; p99: number; max: number };
  serverRssBeforeBytes: number;
  serverRssAfterBytes: number;
  serverSubscribers: number;
  rounds: SseRound[];
  lastClientMs: { p50: number; p99: number; max: number };
  deliveryMs: { p50: number; p99: number; max: number };
  receivedAll: number;
  unexpectedEvents: number;
  streamsEndedEarly: number;
  /** This process's CPU over the rounds, per round (receiving and parsing N events). */
  loadGeneratorCpuMsPerRound: number;
  closedSockets: number;
  serverSubscribersAfterClose: number;
  fd: { soft: number; hard: number; need: number; enough: boolean };
}

// ---------------------------------------------------------------------------------------------
// File descriptors

const readNofile = (): { soft: number; hard: number } | undefined => {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const [soft, hard] = (line?.match(/(\d+|unlimited)\s+(\d+|unlimited)/)?.slice(1) ?? []).map((v) =>
      v === 'unlimited' ? Number.POSITIVE_INFINITY : Number(v),
    );
    return soft !== undefined && hard !== undefined ? { soft, hard } : undefined;
  } catch {
    return undefined; // not Linux
  }
};

/**
 * Each client is one socket here and one in the server process (forked from this one: same limit).
 * Node raises its soft open-files limit to the hard limit at startup, so the hard limit is what counts;
 * only root could raise that, so a short limit is reported (and shows as EMFILE failures), not worked around.
 */
export function fileDescriptorLimit(clients: number): { soft: number; hard: number; need: number; enough: boolean } {
  const need = clients + 200; // pool, IPC, stdio, fetch connections, PGlite files
  const limits = readNofile() ?? { soft: Number.POSITIVE_INFINITY, hard: Number.POSITIVE_INFINITY };
  return { ...limits, need, enough: limits.soft >= need };
}

// ---------------------------------------------------------------------------------------------
// Clients

interface Client {
  req: ClientRequest;
  connectedAt: number;
  /** Per round: ms from the round's trigger to this client's event, NaN if not received in the round. */
  arrivals: Float64Array;
  ended: boolean;
  closed: boolean;
}

const summarize = (values: number[]) => {
  const sorted = Float64Array.from(values).sort();
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls check every 5 ms until it holds or timeoutMs passes; true if it held. */
async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

export async function benchSse(options: SseBenchOptions): Promise<SseBenchResult> {
  const { log, clients: count, rounds } = options;
  const fd = fileDescriptorLimit(count);
  if (!fd.enough) {
    log(
      `  note: the open-files limit is ${fd.soft} (hard ${fd.hard}); ${count} clients need about ${fd.need}: expect EMFILE failures`,
    );
  }
  const server = await startServer(options.databaseUrl, options.pool);
  const opened: Client[] = [];
  try {
    const base = server.url;

    // Setup (the merchant through the server process, as PGlite lives in there; the rest over HTTP):
    // an offer, a team whose leader has paid, one shopper token per round (one seat per shopper and team).
    const merchant = await server.createMerchant({ name: 'Bench SSE shop', origins: [SHOP_ORIGIN] });
    const secret = { key: merchant.secretKey };
    const offer = await expectOk<{ id: string }>(
      'create offer',
      api(base, 'POST', '/v1/group-buy-offers', {
        ...secret,
        body: {
          productRef: 'bench-sse-tea',
          title: 'Benchmark tea, 250 g',
          regularPrice: 2990,
          groupPrice: 1990,
          currency: 'CNY',
          teamSize: TEAM_SIZE,
          teamTtlSeconds: 7 * 86400,
          holdTtlSeconds: 86400,
        },
      }),
    );
    const mint = (shopperId: string) =>
      expectOk<{ token: string }>(
        'mint shopper token',
        api(base, 'POST', '/v1/shopper-tokens', { ...secret, body: { shopperId, displayName: shopperId } }),
      ).then((r) => r.token);
    const leader = await mint('sse-leader');
    const shoppers: string[] = new Array(rounds);
    await inLanes(rounds, 10, async (i) => {
      shoppers[i] = await mint(`sse-shopper-${i}`);
    });
    const opening = await expectOk<{ team: { id: string }; reservation: { id: string } }>(
      'open team',
      api(base, 'POST', `/v1/group-buy-offers/${offer.id}/teams`, { key: merchant.publishableKey, shopperToken: leader }),
    );
    await expectOk(
      'confirm leader',
      api(base, 'POST', `/v1/reservations/${opening.reservation.id}/confirm`, { ...secret, body: { orderRef: 'sse-lead' } }),
    );
    const teamId = opening.team.id;
    const before = await server.report({ gc: true });

    // Connect: all at once, each on its own connection (agent: false, no pooling or keep-alive).
    const streamUrl = new URL(`${base}/v1/stream`);
    streamUrl.searchParams.set('key', merchant.publishableKey);
    streamUrl.searchParams.set('topics', `team:${teamId}`);
    let currentRound = -1;
    let roundStart = 0;
    const roundOfEvent = new Map<string, number>();
    let unexpectedEvents = 0;
    let connected = 0;
    let closedSockets = 0;
    const failures: Record<string, number> = {};
    const fail = (client: Client, reason: string) => {
      if (client.connectedAt === 0) failures[reason] = (failures[reason] ?? 0) + 1;
      client.connectedAt = client.connectedAt || -1;
    };

    log(`  connecting ${count} clients (one TCP connection each) to team:${teamId} …`);
    const connectStart = performance.now();
    for (let i = 0; i < count; i++) {
      const req = request(streamUrl, {
        agent: false,
        headers: { origin: SHOP_ORIGIN, accept: 'text/event-stream', 'cache-control': 'no-cache' },
      });
      const client: Client = {
        req,
        connectedAt: 0,
        arrivals: new Float64Array(rounds).fill(Number.NaN),
        ended: false,
        closed: false,
      };
      opened.push(client);
      const parser = createParser({
        onComment: (comment) => {
          if (comment.trim() === 'connected' && client.connectedAt === 0) {
            client.connectedAt = performance.now();
            connected++;
          }
        },
        onEvent: (event) => {
          const now = performance.now();
          if (event.event !== 'team.updated' || event.id === undefined) {
            unexpectedEvents++;
            return;
          }
          // The first client to see an event id ties it to the round in progress.
          let round = roundOfEvent.get(event.id);
          if (round === undefined && currentRound >= 0) {
            round = currentRound;
            roundOfEvent.set(event.id, round);
          }
          if (round === undefined || round !== currentRound || !Number.isNaN(client.arrivals[round] as number)) {
            unexpectedEvents++; // outside its round's window, or a second event in one round
            return;
          }
          client.arrivals[round] = now - roundStart;
        },
      });
      req.on('response', (res) => {
        if (res.statusCode !== 200) {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => fail(client, `HTTP ${res.statusCode} ${/"code":"([^"]+)"/.exec(body)?.[1] ?? ''}`.trim()));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => parser.feed(chunk));
        res.on('end', () => {
          client.ended = true;
        });
        res.on('error', () => {});
      });
      req.on('error', (error: NodeJS.ErrnoException) => fail(client, error.code ?? error.message));
      req.on('close', () => {
        client.closed = true;
        closedSockets++;
      });
      req.end();
    }
    await until(() => opened.every((c) => c.connectedAt !== 0), CONNECT_TIMEOUT_MS);
    const connectAllMs = performance.now() - connectStart;
    for (const c of opened) if (c.connectedAt === 0) fail(c, `not connected within ${CONNECT_TIMEOUT_MS / 1000} s`);
    const connectTimes = opened.filter((c) => c.connectedAt > 0).map((c) => c.connectedAt - connectStart);
    await sleep(200); // let the last accepts and subscriptions settle before reading RSS
    const afterConnect = await server.report({ gc: true });
    log(
      `  ${connected} of ${count} connected in ${(connectAllMs / 1000).toFixed(2)} s; server RSS ` +
        `${(before.rssBytes / 2 ** 20).toFixed(0)} → ${(afterConnect.rssBytes / 2 ** 20).toFixed(0)} MB`,
    );

    // Rounds: one seat hold each; wait until every connected client has the event (or the timeout).
    const live = opened.filter((c) => c.connectedAt > 0);
    const roundResults: SseRound[] = [];
    let loadGeneratorCpuMs = 0;
    for (let round = 0; round < rounds; round++) {
      await sleep(PAUSE_BETWEEN_ROUNDS_MS);
      server.mark();
      await sleep(20); // the mark travels over IPC; keep it out of the timed window
      const cpuBefore = process.cpuUsage();
      const startEpoch = performance.timeOrigin + performance.now();
      roundStart = performance.now();
      currentRound = round;
      const trigger = api<{ error?: { code?: string } }>(base, 'POST', `/v1/teams/${teamId}/reservations`, {
        key: merchant.publishableKey,
        shopperToken: shoppers[round],
      });
      let triggerMs = Number.NaN;
      let triggerError: unknown;
      void trigger.then(
        ({ status, body }) => {
          triggerMs = performance.now() - roundStart;
          if (status !== 201) triggerError = new Error(`seat hold: HTTP ${status} ${body?.error?.code ?? ''}`);
        },
        (error: unknown) => {
          triggerError = error;
        },
      );
      await until(
        () =>
          triggerError !== undefined ||
          (!Number.isNaN(triggerMs) && live.every((c) => !Number.isNaN(c.arrivals[round] as number) || c.ended)),
        ROUND_TIMEOUT_MS,
      );
      const cpu = process.cpuUsage(cpuBefore);
      loadGeneratorCpuMs += (cpu.user + cpu.system) / 1000;
      currentRound = -1;
      if (triggerError) throw triggerError;
      const times = live.map((c) => c.arrivals[round] as number).filter((ms) => !Number.isNaN(ms));
      const usage: ServerReport = await server.report();
      const event = usage.liveEvents[0];
      const since = (at: number | undefined) => (at === undefined ? Number.NaN : at - startEpoch);
      const result: SseRound = {
        received: times.length,
        firstMs: times.length ? Math.min(...times) : Number.NaN,
        lastMs: times.length ? Math.max(...times) : Number.NaN,
        triggerMs,
        heardMs: since(event?.heardAt),
        readMs: since(event?.readAt),
        drainedMs: since(event?.drainedAt),
        serverCpuMs: usage.cpuMs,
      };
      roundResults.push(result);
      log(
        `  round ${round + 1}: ${result.received}/${live.length} clients, first ${result.firstMs.toFixed(1)} ms, ` +
          `last ${result.lastMs.toFixed(1)} ms (hold answered in ${triggerMs.toFixed(1)} ms; server: NOTIFY heard ` +
          `${result.heardMs.toFixed(1)}, row read ${result.readMs.toFixed(1)}, writes drained ${result.drainedMs.toFixed(1)} ms)`,
      );
    }

    // Close every socket and check the server let go of every subscription.
    const streamsEndedEarly = live.filter((c) => c.ended).length;
    for (const c of opened) c.req.destroy();
    await until(() => opened.every((c) => c.closed), CLOSE_TIMEOUT_MS);
    let afterClose = await server.report();
    for (let i = 0; i < 40 && afterClose.liveSubscribers > 0; i++) {
      await sleep(50);
      afterClose = await server.report();
    }

    const everyRound = (c: Client) => c.arrivals.every((ms) => !Number.isNaN(ms));
    return {
      clients: count,
      connected,
      connectFailures: failures,
      connectAllMs,
      connectMs: summarize(connectTimes),
      serverRssBeforeBytes: before.rssBytes,
      serverRssAfterBytes: afterConnect.rssBytes,
      serverSubscribers: afterConnect.liveSubscribers,
      rounds: roundResults,
      lastClientMs: summarize(roundResults.map((r) => r.lastMs)),
      deliveryMs: summarize(live.flatMap((c) => Array.from(c.arrivals).filter((ms) => !Number.isNaN(ms)))),
      receivedAll: opened.filter(everyRound).length,
      unexpectedEvents,
      streamsEndedEarly,
      loadGeneratorCpuMsPerRound: loadGeneratorCpuMs / Math.max(1, roundResults.length),
      closedSockets,
      serverSubscribersAfterClose: afterClose.liveSubscribers,
      fd,
    };
  } finally {
    for (const c of opened) c.req.destroy();
    await server.close();
  }
}
