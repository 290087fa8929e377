import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliServer, type ListeningProcess, spawnListening, startCliServer } from './cli-server.js';
import { monotonicUs } from './monotonic-clock.js';
import {
  api,
  createBenchMerchant,
  createBenchOffer,
  expectOk,
  inLanes,
  mintShopperToken,
  percentile,
  SHOP_ORIGIN,
} from './reservations.js';

/**
 * Live-updates fan-out, the Flock server against a bare broadcaster. N Server-Sent-Events clients,
 * spread over a few client processes (scripts/bench/sse-clients.ts), follow one team of the shipped
 * CLI (`node packages/server/bin/flock-server.js start`); each round one seat hold over the HTTP API
 * makes the server send them all one `team.updated` event. Then the same clients follow the
 * reference (scripts/bench/sse-reference.ts: node:http writing a frame of the same size to every
 * stream), triggered the same way, by one HTTP request. The two alternate, `repetitions` times each.
 * A delivery time runs from just before the trigger request is sent (in this process) to the
 * moment the event's bytes reach the client's process, both on CLOCK_MONOTONIC (monotonic-clock.ts).
 */

const here = dirname(fileURLToPath(import.meta.url));
const TEAM_SIZE = 100;
/** Rounds run first on every stream set and left out of the figures (JIT, first connections). */
export const SSE_WARMUP_ROUNDS = 2;
/** Leader + warm-up + one new shopper per round; the team must never fill (a full team sends more events). */
export const MAX_SSE_ROUNDS = TEAM_SIZE - 2 - SSE_WARMUP_ROUNDS;
const ROUND_TIMEOUT_MS = 10_000;
const PAUSE_BETWEEN_ROUNDS_MS = 300;
const IPC_TIMEOUT_MS = 90_000;

export interface SseBenchOptions {
  /** A fresh PostgreSQL database, or 'pglite' for the CLI's --memory PGlite. */
  databaseUrl: string;
  clients: number;
  /** Measured rounds (events) per run, after SSE_WARMUP_ROUNDS. */
  rounds: number;
  /** Runs of each, alternating Flock and the reference. */
  repetitions: number;
  /** Client processes the streams are spread over. */
  clientProcesses: number;
  log: (line: string) => void;
}

export interface Trio {
  p50: number;
  p99: number;
  max: number;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export interface FanOutRound {
  /** Clients that received this round's event within ROUND_TIMEOUT_MS. */
  received: number;
  /** The first client: the trigger's own latency plus one write (for Flock: the hold, its NOTIFY, the event's read). */
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  lastMs: number;
  /** The trigger request itself (the seat hold, or the reference's broadcast), until its response. */
  triggerMs: number;
}

export interface FanOutRun {
  target: 'flock' | 'reference';
  repetition: number;
  /** 1-minute load average just before the run. */
  loadAverage: number;
  connected: number;
  connectFailures: Record<string, number>;
  connectMs: Trio;
  rounds: FanOutRound[];
  /** Every client's delivery time in every measured round, pooled (rounds × connected samples). */
  deliveryMs: Trio;
  deliveries: number;
  /** Median over the rounds of the time until the last client had the event. */
  lastClientMs: number;
  /** Deliveries that never came (connected client, measured round). */
  missed: number;
  unexpectedEvents: number;
  streamsEndedEarly: number;
  closedSockets: number;
  /** The server process's resident memory before the streams opened and once they were open. */
  serverRssBytes: { before: number; after: number };
  /** The server process's CPU (user + system, from /proc, 10 ms ticks) per measured round. */
  serverCpuMsPerRound: number;
  frameBytes: number;
}

export interface SseBenchResult {
  clients: number;
  clientProcesses: number;
  rounds: number;
  runs: FanOutRun[];
  flock: { p50: Spread; p99: Spread; last: Spread; cpuMsPerRound: Spread };
  reference: { p50: Spread; p99: Spread; last: Spread; cpuMsPerRound: Spread };
  /** Flock ÷ reference, per repetition (each Flock run against the reference run after it). */
  ratio: { p50: Spread; p99: Spread; last: Spread };
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
 * Each client is one socket in a client process and one in the server process (both started from
 * this one: same limit). Node raises its soft open-files limit to the hard limit at startup, so the
 * hard limit is what counts; only root could raise that, so a short limit is reported (and shows as
 * EMFILE failures), not worked around.
 */
export function fileDescriptorLimit(clients: number): { soft: number; hard: number; need: number; enough: boolean } {
  const need = clients + 200; // pool, IPC, stdio, fetch connections, PGlite files
  const limits = readNofile() ?? { soft: Number.POSITIVE_INFINITY, hard: Number.POSITIVE_INFINITY };
  return { ...limits, need, enough: limits.soft >= need };
}

// ---------------------------------------------------------------------------------------------
// Statistics

const trio = (values: ArrayLike<number>): Trio => {
  const sorted = Float64Array.from(values).sort();
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
  };
};

export const spread = (values: number[]): Spread => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? Number.NaN,
    median: sorted.length ? percentile(Float64Array.from(sorted), 50) : Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Client processes

interface Arrivals {
  id: string;
  frameBytes: number;
  /** Per client, monotonic µs; NaN when it has not received the event. */
  atUs: Float64Array;
}

/** Arrivals of one event summed up over the streams of every process that got it. */
export interface EventSummary {
  id: string;
  /** The event's data line (its JSON), as the first stream got it. */
  data: string;
  received: number;
  firstUs: number;
  lastUs: number;
}

/** The forked sse-clients.ts processes, driven as one set of streams. */
export class ClientProcesses {
  readonly #children: ChildProcess[];
  #shares: number[] = [];
  #doneThisRound = new Set<number>();
  #onDone: (() => void) | undefined;

  constructor(count: number) {
    this.#children = Array.from({ length: count }, (_, index) => {
      const child = fork(join(here, 'sse-clients.ts'), [], {
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (message: { type?: string }) => {
        if (message.type !== 'done') return;
        this.#doneThisRound.add(index);
        if (this.#doneThisRound.size === this.#following()) this.#onDone?.();
      });
      return child;
    });
  }

  #following = () => this.#shares.filter((n) => n > 0).length;

  #ask<T>(child: ChildProcess, message: { type: string }, reply: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`client process: no '${reply}' within ${IPC_TIMEOUT_MS} ms`)),
        IPC_TIMEOUT_MS,
      );
      const onMessage = (m: { type?: string }) => m.type === reply && finish(undefined, m as T);
      const onExit = (code: number | null) => finish(new Error(`client process exited (${code}) before '${reply}'`));
      const finish = (error?: Error, value?: T) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        error ? reject(error) : resolve(value as T);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(message);
    });
  }

  /** Opens one stream per URL, spread evenly over the processes; resolves once every one is open or has failed. */
  async connect(urls: string[]) {
    const count = this.#children.length;
    this.#shares = this.#children.map((_, i) => Math.floor(urls.length / count) + (i < urls.length % count ? 1 : 0));
    const starts = this.#shares.map((_, i) => this.#shares.slice(0, i).reduce((sum, n) => sum + n, 0));
    const replies = await Promise.all(
      this.#children.map((child, i) => {
        const share = urls.slice(starts[i], (starts[i] as number) + (this.#shares[i] as number));
        return this.#ask<{ connected: number; failures: Record<string, number>; connectUs: Float64Array }>(
          child,
          { type: 'connect', urls: share, origin: SHOP_ORIGIN } as { type: string },
          'connected',
        );
      }),
    );
    const failures: Record<string, number> = {};
    for (const reply of replies)
      for (const [reason, n] of Object.entries(reply.failures)) failures[reason] = (failures[reason] ?? 0) + n;
    return {
      connected: replies.reduce((n, r) => n + r.connected, 0),
      failures,
      connectMs: trio(replies.flatMap((r) => Array.from(r.connectUs, (us) => us / 1000))),
    };
  }

  /** Forgets the last round's reports; call before each trigger. */
  startRound() {
    this.#doneThisRound.clear();
  }

  /** Resolves true once every process has reported all its streams have an event, false after timeoutMs. */
  roundDone(timeoutMs: number): Promise<boolean> {
    if (this.#doneThisRound.size === this.#following()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#onDone = undefined;
        resolve(false);
      }, timeoutMs);
      this.#onDone = () => {
        clearTimeout(timer);
        this.#onDone = undefined;
        resolve(true);
      };
    });
  }

  /** Every event each stream received since the last collect, the processes' streams concatenated. */
  async collect(): Promise<{ events: Arrivals[]; unexpected: number; ended: number }> {
    const replies = await Promise.all(
      this.#children.map((child) =>
        this.#ask<{ events: Arrivals[]; unexpected: number; ended: number }>(child, { type: 'collect' }, 'arrivals'),
      ),
    );
    const total = this.#shares.reduce((a, b) => a + b, 0);
    const events = new Map<string, Arrivals>();
    let offset = 0;
    replies.forEach((reply, i) => {
      for (const event of reply.events) {
        let merged = events.get(event.id);
        if (!merged) {
          merged = { id: event.id, frameBytes: event.frameBytes, atUs: new Float64Array(total).fill(Number.NaN) };
          events.set(event.id, merged);
        }
        merged.atUs.set(event.atUs, offset);
      }
      offset += this.#shares[i] as number;
    });
    return {
      events: [...events.values()],
      unexpected: replies.reduce((n, r) => n + r.unexpected, 0),
      ended: replies.reduce((n, r) => n + r.ended, 0),
    };
  }

  /** Every event any stream received since the last collect, summed up over all processes. */
  async collectSummary(): Promise<EventSummary[]> {
    const replies = await Promise.all(
      this.#children.map((child) =>
        this.#ask<{ events: EventSummary[] }>(child, { type: 'collect', summary: true } as { type: string }, 'arrivals'),
      ),
    );
    const events = new Map<string, EventSummary>();
    for (const reply of replies)
      for (const event of reply.events) {
        const seen = events.get(event.id);
        if (!seen) events.set(event.id, { ...event });
        else {
          seen.received += event.received;
          seen.firstUs = Math.min(seen.firstUs, event.firstUs);
          seen.lastUs = Math.max(seen.lastUs, event.lastUs);
        }
      }
    return [...events.values()];
  }

  async close(): Promise<number> {
    const replies = await Promise.all(
      this.#children.map((child) => this.#ask<{ closed: number }>(child, { type: 'close' }, 'closed')),
    );
    return replies.reduce((n, r) => n + r.closed, 0);
  }

  stop() {
    for (const child of this.#children) if (child.connected) child.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// One run: connect, warm up, measure, close

interface Target {
  name: 'flock' | 'reference';
  server: ListeningProcess;
  streamUrl: string;
  /** Sends the request that makes the server emit round `round`'s event; resolves with its response. */
  trigger(round: number): Promise<void>;
}

async function runTarget(
  target: Target,
  clients: ClientProcesses,
  options: SseBenchOptions & { repetition: number },
): Promise<FanOutRun> {
  const { log, rounds } = options;
  const loadAverage = loadavg()[0] ?? Number.NaN;
  const rssBefore = target.server.rssBytes();
  const { connected, failures, connectMs } = await clients.connect(new Array(options.clients).fill(target.streamUrl));
  await sleep(200); // let the last subscriptions settle
  const serverRssBytes = { before: rssBefore, after: target.server.rssBytes() };
  const results: FanOutRound[] = [];
  const delivered: number[] = [];
  let missed = 0;
  let unexpected = 0;
  let ended = 0;
  let frameBytes = Number.NaN;
  let cpuMs = 0;
  for (let round = 0; round < SSE_WARMUP_ROUNDS + rounds; round++) {
    await sleep(PAUSE_BETWEEN_ROUNDS_MS);
    const measured = round >= SSE_WARMUP_ROUNDS;
    clients.startRound();
    const cpuBefore = target.server.cpuMs();
    const sentUs = monotonicUs();
    const [triggerUs] = await Promise.all([target.trigger(round).then(() => monotonicUs()), clients.roundDone(ROUND_TIMEOUT_MS)]);
    const cpu = target.server.cpuMs() - cpuBefore;
    const collected = await clients.collect();
    ended = collected.ended;
    const [event, ...others] = collected.events;
    if (!measured) continue;
    cpuMs += cpu;
    unexpected += collected.unexpected + others.length;
    const times = event ? Array.from(event.atUs, (us) => (us - sentUs) / 1000).filter((ms) => !Number.isNaN(ms)) : [];
    if (event) frameBytes = event.frameBytes;
    missed += connected - times.length;
    for (const ms of times) delivered.push(ms);
    const t = trio(times);
    results.push({
      received: times.length,
      firstMs: times.length ? Math.min(...times) : Number.NaN,
      p50Ms: t.p50,
      p99Ms: t.p99,
      lastMs: t.max,
      triggerMs: (triggerUs - sentUs) / 1000,
    });
  }
  const closedSockets = await clients.close();
  const deliveryMs = trio(delivered);
  const run: FanOutRun = {
    target: target.name,
    repetition: options.repetition,
    loadAverage,
    connected,
    connectFailures: failures,
    connectMs,
    rounds: results,
    deliveryMs,
    deliveries: delivered.length,
    lastClientMs: spread(results.map((r) => r.lastMs)).median,
    missed,
    unexpectedEvents: unexpected,
    streamsEndedEarly: ended,
    closedSockets,
    serverRssBytes,
    serverCpuMsPerRound: cpuMs / Math.max(1, results.length),
    frameBytes,
  };
  log(
    `  ${target.name.padEnd(9)} run ${options.repetition}: load ${loadAverage.toFixed(2)}; ${connected} connected; ` +
      `${delivered.length} deliveries p50 ${deliveryMs.p50.toFixed(1)} / p99 ${deliveryMs.p99.toFixed(1)} / max ` +
      `${deliveryMs.max.toFixed(1)} ms; last client (median round) ${run.lastClientMs.toFixed(1)} ms; ` +
      `server CPU ${run.serverCpuMsPerRound.toFixed(1)} ms/round${missed ? `; ${missed} missed` : ''}`,
  );
  // Per round: a pooled p99 over 20 rounds is set by the slowest round or two, so show where they are.
  log(`    last client per round (ms): ${results.map((r) => r.lastMs.toFixed(0)).join(' ')}`);
  return run;
}

// ---------------------------------------------------------------------------------------------
// The benchmark

export async function benchSse(options: SseBenchOptions): Promise<SseBenchResult> {
  const { log, clients: count, rounds } = options;
  const fd = fileDescriptorLimit(count);
  if (!fd.enough) {
    log(
      `  note: the open-files limit is ${fd.soft} (hard ${fd.hard}); ${count} clients need about ${fd.need}: expect EMFILE failures`,
    );
  }
  const started: ListeningProcess[] = [];
  const clients = new ClientProcesses(options.clientProcesses);
  try {
    const flock: CliServer = await startCliServer({
      databaseUrl: options.databaseUrl,
      cpuProfileDir: process.env.BENCH_SERVER_CPU_PROF,
    });
    started.push(flock);
    // BENCH_SERVER_CPU_PROF profiles the reference too (in its reference/ folder), for comparison.
    const profile = process.env.BENCH_SERVER_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_SERVER_CPU_PROF, 'reference')}`]
      : [];
    const reference = await spawnListening(
      'sse-reference',
      [...profile, '--import', 'tsx', join(here, 'sse-reference.ts')],
      process.env,
    );
    started.push(reference);
    const base = flock.url;

    // Setup over the HTTP API: a merchant, an offer, and shopper tokens (one per round, reused on each run's team).
    const merchant = await createBenchMerchant(base, flock.adminToken, 'Bench SSE shop');
    const secret = { key: merchant.secretKey };
    const offer = {
      id: await createBenchOffer(base, merchant.secretKey, {
        productRef: 'bench-sse-tea',
        title: 'Benchmark tea, 250 g',
        teamSize: TEAM_SIZE,
      }),
    };
    const mint = (shopperId: string) => mintShopperToken(base, merchant.secretKey, shopperId);
    const shoppers: string[] = new Array(SSE_WARMUP_ROUNDS + rounds);
    await inLanes(shoppers.length, 10, async (i) => {
      shoppers[i] = await mint(`sse-shopper-${i}`);
    });

    /** A fresh team (its leader paid) per run, so every run sends the same events to the same number of streams. */
    const flockTarget = async (repetition: number): Promise<Target> => {
      const leader = await mint(`sse-leader-${repetition}`);
      const opening = await expectOk<{ team: { id: string }; reservation: { id: string } }>(
        'open team',
        api(base, 'POST', `/v1/group-buy-offers/${offer.id}/teams`, { key: merchant.publishableKey, shopperToken: leader }),
      );
      await expectOk(
        'confirm leader',
        api(base, 'POST', `/v1/reservations/${opening.reservation.id}/confirm`, {
          ...secret,
          body: { orderRef: `sse-lead-${repetition}` },
        }),
      );
      const teamId = opening.team.id;
      const streamUrl = new URL(`${base}/v1/stream`);
      streamUrl.searchParams.set('key', merchant.publishableKey);
      streamUrl.searchParams.set('topics', `team:${teamId}`);
      return {
        name: 'flock',
        server: flock,
        streamUrl: streamUrl.toString(),
        trigger: (round) =>
          expectOk(
            'seat hold',
            api(base, 'POST', `/v1/teams/${teamId}/reservations`, {
              key: merchant.publishableKey,
              shopperToken: shoppers[round],
            }),
          ).then(() => undefined),
      };
    };
    let frameBytes = 0;
    const referenceTarget: Target = {
      name: 'reference',
      server: reference,
      streamUrl: `${reference.url}/stream`,
      trigger: async () => {
        const response = await fetch(`${reference.url}/broadcast?bytes=${frameBytes}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        if (response.status !== 204) throw new Error(`reference broadcast: HTTP ${response.status}`);
      },
    };

    const runs: FanOutRun[] = [];
    for (let repetition = 1; repetition <= options.repetitions; repetition++) {
      const flockRun = await runTarget(await flockTarget(repetition), clients, { ...options, repetition });
      runs.push(flockRun);
      // The reference sends frames exactly as long as the Flock events just measured.
      frameBytes = flockRun.frameBytes;
      runs.push(await runTarget(referenceTarget, clients, { ...options, repetition }));
    }

    const of = (name: FanOutRun['target']) => runs.filter((r) => r.target === name);
    const figures = (list: FanOutRun[]) => ({
      p50: spread(list.map((r) => r.deliveryMs.p50)),
      p99: spread(list.map((r) => r.deliveryMs.p99)),
      last: spread(list.map((r) => r.lastClientMs)),
      cpuMsPerRound: spread(list.map((r) => r.serverCpuMsPerRound)),
    });
    const pairs = of('flock').map((f) => [f, of('reference').find((r) => r.repetition === f.repetition)] as const);
    const ratio = (pick: (r: FanOutRun) => number) =>
      spread(pairs.filter(([, r]) => r).map(([f, r]) => pick(f) / pick(r as FanOutRun)));
    return {
      clients: count,
      clientProcesses: options.clientProcesses,
      rounds,
      runs,
      flock: figures(of('flock')),
      reference: figures(of('reference')),
      ratio: {
        p50: ratio((r) => r.deliveryMs.p50),
        p99: ratio((r) => r.deliveryMs.p99),
        last: ratio((r) => r.lastClientMs),
      },
      fd,
    };
  } finally {
    clients.stop();
    for (const server of started.reverse()) await server.stop();
  }
}
