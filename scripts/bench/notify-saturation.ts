import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { connectPostgres } from '../../packages/server/src/infra/db.js';
import { type CliServer, startCliServer } from './cli-server.js';
import { monotonicUs } from './monotonic-clock.js';
import { findPgbench, runPgbenchScript } from './pgbench.js';
import { api, createBenchMerchant, createBenchOffer, expectOk, inLanes, mintShopperToken, percentile } from './reservations.js';
import { ClientProcesses, type Spread, spread } from './sse.js';

/**
 * Where LISTEN/NOTIFY saturates. Two parts on one fresh PostgreSQL database:
 *
 *   1. The NOTIFY ceiling: pgbench inserting live events exactly as publishLiveEvent does, with and
 *      without its pg_notify, alternating, at a few client counts. PostgreSQL lets one notifying
 *      transaction commit at a time (a cluster-wide lock from pre-commit to the end of commit keeps
 *      the queue in commit order), so notifying commits cannot share a WAL flush as plain ones do.
 *   2. Seat holds through two `flock-server start` processes (the shipped CLI) on that database,
 *      each with its own Server-Sent-Events clients following the teams, at rising concurrency:
 *      holds/s, and how long each hold's event takes to reach the last of its followers on both
 *      processes (from just before the hold request, CLOCK_MONOTONIC in every process).
 */

const TEAM_SIZE = 100;
/** Holds one team takes: leader + 98, never full (a full team sends more events). */
const HOLDS_PER_TEAM = TEAM_SIZE - 2;
const DRAIN_QUIET_MS = 500;
const DRAIN_MAX_MS = 10_000;

export interface NotifySaturationOptions {
  /** A fresh PostgreSQL database (dropped afterwards by the caller). */
  databaseUrl: string;
  /** Concurrent hold requests, one level after another. */
  concurrency: number[];
  /** pgbench clients, one level after another. */
  pgbenchClients: number[];
  seconds: number;
  /** Alternations of pgbench with and without NOTIFY. */
  repetitions: number;
  /** Streams per server process. */
  streamsPerServer: number;
  topicsPerStream: number;
  teams: number;
  clientProcesses: number;
  log: (line: string) => void;
}

export interface NotifyCeiling {
  clients: number;
  /** Commits/s of the event insert alone, and with its pg_notify, per repetition. */
  plainTps: Spread;
  notifyTps: Spread;
  command: string;
}

export interface HoldLevel {
  concurrency: number;
  loadAverage: number;
  holds: number;
  holdsPerSecond: number;
  failures: Record<string, number>;
  holdMs: { p50: number; p99: number };
  /** From just before the hold request to its event at the first / last follower (both processes). */
  firstFollowerMs: { p50: number; p99: number };
  lastFollowerMs: { p50: number; p99: number };
  /** Events of successful holds that some follower never got (within the drain). */
  deliveriesMissing: number;
  deliveries: number;
  /** Busy share of all CPUs of the machine during the level. */
  machineBusy: number;
  /** Both server processes together, in cores. */
  serverCores: number;
  /** pg_notification_queue_usage() at the end of the level (0 to 1). */
  queueUsage: number;
}

export interface NotifySaturationResult {
  ceiling: NotifyCeiling[];
  levels: HoldLevel[];
  streams: number;
  /** On average: every team has this many, or one more. */
  followersPerTeam: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const quantiles = (values: number[]) => {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

function cpuSample() {
  return cpus().reduce(
    (acc, { times: t }) => ({ idle: acc.idle + t.idle, total: acc.total + t.user + t.nice + t.sys + t.idle + t.irq }),
    { idle: 0, total: 0 },
  );
}

// ---------------------------------------------------------------------------------------------
// 1. pgbench

/** The statement publishLiveEvent runs (live-events.ts), with a payload that fits in the NOTIFY. */
const EVENT_VALUES = `('mer_pgbench', 'team:team_pgbench', 'team.updated', '{"seatsHeld":1}', now())`;
const PLAIN_SCRIPT = `insert into live_events (merchant_id, topic, type, payload, created_at) values ${EVENT_VALUES};\n`;
const NOTIFY_SCRIPT =
  `with event as (insert into live_events (merchant_id, topic, type, payload, created_at) values ${EVENT_VALUES} ` +
  `returning merchant_id, id) select pg_notify('flock_live', merchant_id || ' ' || id || ' team:team_pgbench team.updated {"seatsHeld":1}') from event;\n`;

async function notifyCeiling(options: NotifySaturationOptions): Promise<NotifyCeiling[]> {
  const binary = findPgbench();
  if (!binary) return [];
  const results: NotifyCeiling[] = [];
  for (const clients of options.pgbenchClients) {
    const plain: number[] = [];
    const notify: number[] = [];
    let command = '';
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
      for (const [script, into] of [
        [PLAIN_SCRIPT, plain],
        [NOTIFY_SCRIPT, notify],
      ] as const) {
        const load = loadavg()[0] ?? Number.NaN;
        const run = await runPgbenchScript(binary, options.databaseUrl, {
          script,
          clients,
          threads: Math.min(clients, cpus().length),
          seconds: options.seconds,
        });
        into.push(run.tps);
        command = run.command;
        options.log(
          `  pgbench ${script === PLAIN_SCRIPT ? 'insert        ' : 'insert + NOTIFY'} -c ${clients}: ` +
            `${run.tps.toFixed(0)} tps (load ${load.toFixed(2)})`,
        );
      }
    }
    results.push({ clients, plainTps: spread(plain), notifyTps: spread(notify), command });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// 2. Holds through two server processes

export async function benchNotifySaturation(options: NotifySaturationOptions): Promise<NotifySaturationResult> {
  const { log } = options;
  const servers: CliServer[] = [];
  const clients = new ClientProcesses(options.clientProcesses);
  try {
    // Started one after the other, so only the first migrates; both share the server key, as in production.
    const secretKey = randomBytes(32).toString('base64');
    for (const name of ['flock-server A', 'flock-server B']) {
      servers.push(await startCliServer({ databaseUrl: options.databaseUrl, secretKey, name }));
    }
    const [a, b] = servers as [CliServer, CliServer];

    // NOTIFY's own ceiling first, with both processes listening (one stream each makes them LISTEN).
    const merchant = await createBenchMerchant(a.url, a.adminToken, 'Bench NOTIFY shop');
    const streamUrl = (server: CliServer, topics: string[]) => {
      const url = new URL(`${server.url}/v1/stream`);
      url.searchParams.set('key', merchant.publishableKey);
      url.searchParams.set('topics', topics.join(','));
      return url.toString();
    };
    await clients.connect([streamUrl(a, ['team:team_pgbench']), streamUrl(b, ['team:team_pgbench'])]);
    const ceiling = await notifyCeiling(options);
    await clients.close();

    // An offer, `teams` teams (leaders paid), and one shopper token per seat of a team (reused across teams).
    const secret = { key: merchant.secretKey };
    const offer = {
      id: await createBenchOffer(a.url, merchant.secretKey, {
        productRef: 'bench-notify-tea',
        title: 'Benchmark tea, 250 g',
        teamSize: TEAM_SIZE,
      }),
    };
    const mint = (shopperId: string) => mintShopperToken(a.url, merchant.secretKey, shopperId);
    const shoppers: string[] = new Array(HOLDS_PER_TEAM);
    await inLanes(shoppers.length, 8, async (i) => {
      shoppers[i] = await mint(`notify-shopper-${i}`);
    });
    const teams: string[] = new Array(options.teams);
    log(`  opening ${options.teams} teams …`);
    await inLanes(teams.length, 8, async (i) => {
      const opening = await expectOk<{ team: { id: string }; reservation: { id: string } }>(
        'open team',
        api(a.url, 'POST', `/v1/group-buy-offers/${offer.id}/teams`, {
          key: merchant.publishableKey,
          shopperToken: await mint(`notify-leader-${i}`),
        }),
      );
      await expectOk(
        'confirm leader',
        api(a.url, 'POST', `/v1/reservations/${opening.reservation.id}/confirm`, { ...secret, body: { orderRef: `n-${i}` } }),
      );
      teams[i] = opening.team.id;
    });

    // Streams: each follows topicsPerStream consecutive teams, round the list, the same on each process.
    const followers = new Map<string, number>();
    const urls = servers.flatMap((server) =>
      Array.from({ length: options.streamsPerServer }, (_, i) => {
        const topics = Array.from(
          { length: options.topicsPerStream },
          (_, j) => `team:${teams[(i * options.topicsPerStream + j) % teams.length]}`,
        );
        for (const topic of topics) followers.set(topic, (followers.get(topic) ?? 0) + 1);
        return streamUrl(server, topics);
      }),
    );
    const followersPerTeam = (urls.length * options.topicsPerStream) / teams.length;
    const { connected } = await clients.connect(urls);
    log(`  ${connected} of ${urls.length} streams open, ${followersPerTeam.toFixed(1)} followers per team over both processes`);
    const admin = connectPostgres(options.databaseUrl, { max: 1 });

    let next = 0;
    const capacity = teams.length * HOLDS_PER_TEAM;
    const levels: HoldLevel[] = [];
    try {
      // A short warm-up level first (JIT, pools), left out of the figures.
      const runs = [Math.min(4, options.concurrency[0] ?? 4), ...options.concurrency];
      for (const [index, concurrency] of runs.entries()) {
        const warmUp = index === 0;
        const seconds = warmUp ? 2 : options.seconds;
        const loadAverage = loadavg()[0] ?? Number.NaN;
        const holds: Array<{ key: string; sentUs: number; doneUs: number }> = [];
        const failures: Record<string, number> = {};
        const cpuBefore = cpuSample();
        const serverCpuBefore = servers.map((s) => s.cpuMs());
        const startUs = monotonicUs();
        const deadline = startUs + seconds * 1e6;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (monotonicUs() < deadline && next < capacity) {
              // Consecutive holds go to different teams, and alternately to either process.
              const n = next++;
              const teamId = teams[n % teams.length] as string;
              const server = n % 2 ? b : a;
              const sentUs = monotonicUs();
              const { status, body } = await api<{ team?: { seatsHeld: number }; error?: { code: string } }>(
                server.url,
                'POST',
                `/v1/teams/${teamId}/reservations`,
                { key: merchant.publishableKey, shopperToken: shoppers[Math.floor(n / teams.length)] },
              );
              if (status === 201 && body.team) {
                holds.push({ key: `team:${teamId} ${body.team.seatsHeld}`, sentUs, doneUs: monotonicUs() });
              } else {
                const reason = `HTTP ${status} ${body.error?.code ?? ''}`.trim();
                failures[reason] = (failures[reason] ?? 0) + 1;
              }
            }
          }),
        );
        const elapsedUs = monotonicUs() - startUs;
        const cpuAfter = cpuSample();
        const serverCpuMs = servers.reduce((sum, s, i) => sum + s.cpuMs() - (serverCpuBefore[i] as number), 0);
        const [{ usage }] = (await admin.query<{ usage: number }>(`select pg_notification_queue_usage() as usage`)) as [
          { usage: number },
        ];
        // Drain: until no event has arrived for DRAIN_QUIET_MS, then sum up what every follower got.
        const events = new Map<string, { firstUs: number; lastUs: number; received: number }>();
        for (const drainEnd = Date.now() + DRAIN_MAX_MS; Date.now() < drainEnd; ) {
          await sleep(DRAIN_QUIET_MS);
          const batch = await clients.collectSummary();
          for (const event of batch) {
            const { topic, data } = JSON.parse(event.data) as { topic: string; data: { seatsHeld: number } };
            const key = `${topic} ${data.seatsHeld}`;
            const seen = events.get(key);
            if (!seen) events.set(key, { firstUs: event.firstUs, lastUs: event.lastUs, received: event.received });
            else {
              seen.firstUs = Math.min(seen.firstUs, event.firstUs);
              seen.lastUs = Math.max(seen.lastUs, event.lastUs);
              seen.received += event.received;
            }
          }
          if (batch.length === 0) break;
        }
        if (warmUp) continue;
        let missing = 0;
        let deliveries = 0;
        const first: number[] = [];
        const last: number[] = [];
        for (const hold of holds) {
          const event = events.get(hold.key);
          deliveries += event?.received ?? 0;
          missing += (followers.get(hold.key.split(' ')[0] as string) ?? 0) - (event?.received ?? 0);
          if (!event) continue;
          first.push((event.firstUs - hold.sentUs) / 1000);
          last.push((event.lastUs - hold.sentUs) / 1000);
        }
        const level: HoldLevel = {
          concurrency,
          loadAverage,
          holds: holds.length,
          holdsPerSecond: holds.length / (elapsedUs / 1e6),
          failures,
          holdMs: quantiles(holds.map((h) => (h.doneUs - h.sentUs) / 1000)),
          firstFollowerMs: quantiles(first),
          lastFollowerMs: quantiles(last),
          deliveriesMissing: missing,
          deliveries,
          machineBusy: 1 - (cpuAfter.idle - cpuBefore.idle) / Math.max(1, cpuAfter.total - cpuBefore.total),
          serverCores: serverCpuMs / (elapsedUs / 1000),
          queueUsage: Number(usage),
        };
        levels.push(level);
        log(
          `  ${concurrency} concurrent holds (load ${loadAverage.toFixed(2)}): ${level.holdsPerSecond.toFixed(0)} holds/s, ` +
            `hold p50 ${level.holdMs.p50.toFixed(1)} ms, last follower p50 ${level.lastFollowerMs.p50.toFixed(1)} / p99 ` +
            `${level.lastFollowerMs.p99.toFixed(1)} ms, ${missing} deliveries missing, machine ${(level.machineBusy * 100).toFixed(0)} % busy`,
        );
        if (next >= capacity) {
          log(`  out of prepared seats (${capacity}); raise BENCH_NOTIFY_TEAMS for more levels`);
          break;
        }
      }
    } finally {
      await admin.close();
    }
    await clients.close();
    return { ceiling, levels, streams: urls.length, followersPerTeam };
  } finally {
    clients.stop();
    for (const server of servers.reverse()) await server.stop();
  }
}
