import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../packages/server/src/clock.js';
import { createMerchant } from '../../packages/server/src/domain/merchants.js';
import { connectPostgres, type Db } from '../../packages/server/src/infra/db.js';
import { loadServerKey } from '../../packages/server/src/infra/server-key.js';

const here = dirname(fileURLToPath(import.meta.url));
export const SHOP_ORIGIN = 'http://bench-shop.test';
const TEAM_SIZE = 100;
/** The server key of the server under benchmark; the merchant written here must be sealed with it too. */
const BENCH_SECRET_KEY = randomBytes(32).toString('base64url');

// ---------------------------------------------------------------------------------------------
// A throw-away database

/** Creates `flock_bench_<random>` next to the admin URL's database, runs fn on it and always drops it. */
export async function withFreshDatabase<T>(adminUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `flock_bench_${randomBytes(6).toString('hex')}`;
  const admin = connectPostgres(adminUrl, { max: 1 });
  try {
    await admin.exec(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const drop = () => admin.exec(`drop database if exists ${name} with (force)`);
    // Ctrl-C mid-run still leaves no database behind.
    const onSignal = () => void drop().finally(() => process.exit(130));
    process.once('SIGINT', onSignal);
    try {
      return await fn(url.toString());
    } finally {
      process.off('SIGINT', onSignal);
      await drop();
    }
  } finally {
    await admin.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The server process

export interface ServerReport {
  cpuMs: number;
  wallMs: number;
  eventLoopUtilization: number;
  statements: number;
  transactions: number;
  /** Resident set size of the server process when it answered. */
  rssBytes: number;
  /** Open live streams (LiveHub subscribers) in the server process. */
  liveSubscribers: number;
  /** Live events the server's LiveHub handled since the last mark, as epoch ms (performance.timeOrigin + now). */
  liveEvents: Array<{ heardAt: number; readAt?: number; drainedAt?: number }>;
}

type CreatedMerchant = Awaited<ReturnType<typeof createMerchant>>;

export interface ServerProcess {
  url: string;
  /** Creates a merchant through the server's own database (works on PGlite too). */
  createMerchant(input: { name: string; origins: string[] }): Promise<CreatedMerchant>;
  mark(): void;
  /** gc: collect garbage before measuring (steadier RSS; takes a few ms of the server's CPU). */
  report(options?: { gc?: boolean }): Promise<ServerReport>;
  close(): Promise<void>;
}

/** Forks scripts/bench/server.ts; databaseUrl 'pglite' runs it on PGlite in memory. */
export async function startServer(databaseUrl: string, pool: number): Promise<ServerProcess> {
  const child: ChildProcess = fork(join(here, 'server.ts'), [], {
    // BENCH_SERVER_CPU_PROF=<dir> writes a V8 CPU profile of the server (open it in Chrome DevTools).
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...(process.env.BENCH_SERVER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF}`] : []),
    ],
    env: { ...process.env, BENCH_SERVER_DATABASE_URL: databaseUrl, BENCH_POOL: String(pool), FLOCK_SECRET_KEY: BENCH_SECRET_KEY },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`server process: no '${type}' within ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (message: { type?: string }) => message.type === type && finish(undefined, message as T);
      const onExit = (code: number | null) => finish(new Error(`server process exited (${code}) before '${type}'`));
      const finish = (error?: Error, value?: T) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        error ? reject(error) : resolve(value as T);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  try {
    const { url } = await next<{ url: string }>('ready', 60_000);
    return {
      url,
      createMerchant: (input) => {
        const reply = next<CreatedMerchant & { type: string }>('merchant', 30_000);
        child.send({ type: 'create-merchant', ...input });
        return reply;
      },
      mark: () => child.send({ type: 'mark' }),
      report: (options) => {
        const reply = next<ServerReport>('report', 10_000);
        child.send({ type: 'report', gc: options?.gc ?? false });
        return reply;
      },
      async close() {
        if (child.exitCode !== null || !child.connected) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.send({ type: 'close' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface Call {
  key: string;
  shopperToken?: string;
  body?: unknown;
}

export async function api<T>(base: string, method: string, path: string, call: Call): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { authorization: `Bearer ${call.key}`, 'content-type': 'application/json' };
  if (call.shopperToken) {
    headers.origin = SHOP_ORIGIN;
    headers['flock-shopper'] = call.shopperToken;
  }
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: JSON.stringify(call.body ?? {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function expectOk<T>(what: string, pending: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await pending;
  if (status >= 300) throw new Error(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Runs task(0…count-1) with at most `lanes` in flight. */
export async function inLanes(count: number, lanes: number, task: (index: number, lane: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, count) }, async (_, lane) => {
      while (next < count) await task(next++, lane);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The benchmark

export interface ReservationBenchOptions {
  databaseUrl: string;
  seconds: number;
  clients: number;
  /** Server-side PostgreSQL pool (connectPostgres max). */
  pool: number;
  /** Teams prepared up front; each takes TEAM_SIZE − 1 holds. */
  teams: number;
  /** Clients hammering the same team at once (contention on its row lock). */
  clientsPerTeam: number;
  log: (line: string) => void;
}

export interface ReservationBenchResult {
  holds: number;
  elapsedMs: number;
  holdsPerSecond: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  outcomes: Record<string, number>;
  teamsUsed: number;
  teamsPrepared: number;
  ranOutOfTeams: boolean;
  setupMs: number;
  check: { teams: number; oversoldTeams: number; oversoldSeats: number; driftedTeams: number; heldInDb: number };
  server: { cpuCores: number; eventLoopUtilization: number };
  /** This process (the 50 fetch clients), in cores. */
  loadGeneratorCores: number;
  /** All CPUs of the machine, busy share over the run (PostgreSQL, server, clients and anything else). */
  machineBusy: number;
  /** Statements plus BEGIN/COMMIT the server sent PostgreSQL, per request in the run. */
  roundTripsPerRequest: number;
}

/** Summed CPU times of every core since boot (ms). */
function machineTimes() {
  let idle = 0;
  let total = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total };
}

export const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);

export async function benchReservations(options: ReservationBenchOptions): Promise<ReservationBenchResult> {
  const { log } = options;
  const setupStart = performance.now();
  const server = await startServer(options.databaseUrl, options.pool);
  const db: Db = connectPostgres(options.databaseUrl, { max: 2 });
  try {
    const base = server.url;
    const secrets = await loadServerKey(db, BENCH_SECRET_KEY);
    const merchant = await createMerchant(db, systemClock, secrets, { name: 'Bench shop', origins: [SHOP_ORIGIN] });
    const secret = { key: merchant.secretKey };
    const offer = await expectOk<{ id: string }>(
      'create offer',
      api(base, 'POST', '/v1/group-buy-offers', {
        ...secret,
        body: {
          productRef: 'bench-tea',
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

    // One token per seat position: the j-th attempt on any team uses shopper j, so a shopper never
    // asks twice for the same team (already_member) however the clients interleave.
    const leaderLanes = 10;
    const mint = (shopperId: string) =>
      expectOk<{ token: string }>(
        'mint shopper token',
        api(base, 'POST', '/v1/shopper-tokens', { ...secret, body: { shopperId, displayName: shopperId } }),
      ).then((r) => r.token);
    const seatTokens: string[] = new Array(TEAM_SIZE);
    const leaderTokens: string[] = new Array(leaderLanes);
    await inLanes(TEAM_SIZE, 20, async (i) => {
      seatTokens[i] = await mint(`seat-${i}`);
    });
    await inLanes(leaderLanes, leaderLanes, async (i) => {
      leaderTokens[i] = await mint(`leader-${i}`);
    });

    // Each lane's leader opens a team and pays for it before opening the next (a leader with an
    // unpaid team would get that same team back).
    const teamIds: string[] = new Array(options.teams);
    await inLanes(options.teams, leaderLanes, async (index, lane) => {
      const opened = await expectOk<{ team: { id: string }; reservation: { id: string } }>(
        'open team',
        api(base, 'POST', `/v1/group-buy-offers/${offer.id}/teams`, {
          key: merchant.publishableKey,
          shopperToken: leaderTokens[lane],
        }),
      );
      await expectOk(
        'confirm leader',
        api(base, 'POST', `/v1/reservations/${opened.reservation.id}/confirm`, {
          ...secret,
          body: { orderRef: `lead-${index}` },
        }),
      );
      teamIds[index] = opened.team.id;
    });
    const setupMs = performance.now() - setupStart;
    log(
      `  setup: merchant, offer, ${TEAM_SIZE + leaderLanes} shopper tokens, ${options.teams} open teams in ${(setupMs / 1000).toFixed(1)} s`,
    );

    // Load: every client loops until the deadline; clients share "slots", each slot working one team
    // until it is full, then taking the next unused team.
    const slotCount = Math.max(1, Math.ceil(options.clients / options.clientsPerTeam));
    const slots = Array.from({ length: slotCount }, (_, i) => (i < options.teams ? i : -1));
    let nextTeam = Math.min(slotCount, options.teams);
    const attempts = new Uint16Array(options.teams);
    const moveOn = (slot: number, team: number) => {
      if (slots[slot] !== team) return; // another client on this slot already moved on
      slots[slot] = nextTeam < options.teams ? nextTeam++ : -1;
    };
    const latencies: number[] = [];
    const outcomes: Record<string, number> = {};
    const count = (outcome: string) => {
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    };
    let holds = 0;
    let ranOutOfTeams = false;

    server.mark();
    const machineBefore = machineTimes();
    const clientCpuBefore = process.cpuUsage();
    const start = performance.now();
    const deadline = start + options.seconds * 1000;
    const client = async (index: number) => {
      const slot = index % slotCount;
      let failuresInARow = 0;
      while (performance.now() < deadline && failuresInARow < 100) {
        const team = slots[slot] as number;
        if (team < 0) {
          ranOutOfTeams = true;
          return;
        }
        const seat = attempts[team] ?? TEAM_SIZE;
        attempts[team] = seat + 1;
        if (seat >= TEAM_SIZE) {
          moveOn(slot, team);
          continue;
        }
        const sent = performance.now();
        try {
          const { status, body } = await api<{ error?: { code?: string } }>(
            base,
            'POST',
            `/v1/teams/${teamIds[team]}/reservations`,
            {
              key: merchant.publishableKey,
              shopperToken: seatTokens[seat],
            },
          );
          failuresInARow = 0;
          if (status === 201) {
            holds++;
            latencies.push(performance.now() - sent);
            count('201 held');
          } else {
            const code = body?.error?.code ?? 'unknown';
            count(`${status} ${code}`);
            if (code === 'team_full' || code === 'team_closed') moveOn(slot, team);
          }
        } catch (error) {
          failuresInARow++;
          count(`fetch failed: ${error instanceof Error ? ((error.cause as Error)?.message ?? error.message) : String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
    const elapsedMs = performance.now() - start;
    const usage = await server.report();
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const machineAfter = machineTimes();

    await server.close();

    const [check] = await db.query<ReservationBenchResult['check']>(
      `select count(*)::int as "teams",
              count(*) filter (where live > size)::int as "oversoldTeams",
              coalesce(sum(greatest(live - size, 0)), 0)::int as "oversoldSeats",
              count(*) filter (where seats_taken <> live)::int as "driftedTeams",
              coalesce(sum(held), 0)::int as "heldInDb"
       from (select t.size, t.seats_taken,
                    count(r.id) filter (where r.status in ('held', 'confirmed'))::int as live,
                    count(r.id) filter (where r.status = 'held' and not r.leader)::int as held
             from teams t left join reservations r on r.merchant_id = t.merchant_id and r.team_id = t.id
             group by t.merchant_id, t.id, t.size, t.seats_taken) per_team`,
    );

    const sorted = Float64Array.from(latencies).sort();
    const requests = Object.values(outcomes).reduce((a, b) => a + b, 0);
    return {
      holds,
      elapsedMs,
      holdsPerSecond: holds / (elapsedMs / 1000),
      requestsPerSecond: requests / (elapsedMs / 1000),
      latencyMs: {
        p50: percentile(sorted, 50),
        p90: percentile(sorted, 90),
        p99: percentile(sorted, 99),
        max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
      },
      outcomes,
      teamsUsed: Math.min(nextTeam, options.teams),
      teamsPrepared: options.teams,
      ranOutOfTeams,
      setupMs,
      check: check as ReservationBenchResult['check'],
      server: { cpuCores: usage.cpuMs / usage.wallMs, eventLoopUtilization: usage.eventLoopUtilization },
      loadGeneratorCores: (clientCpu.user + clientCpu.system) / 1000 / elapsedMs,
      machineBusy: 1 - (machineAfter.idle - machineBefore.idle) / (machineAfter.total - machineBefore.total),
      roundTripsPerRequest: requests ? (usage.statements + 2 * usage.transactions) / requests : Number.NaN,
    };
  } finally {
    await server.close();
    await db.close();
  }
}
