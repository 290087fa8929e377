/**
 * `pnpm bench`: Flock's figures, printed as a table. Measures, never asserts.
 *
 *   1. Bundle sizes of the shipped build (packages/elements/dist): the flock.js loader, each element's chunk
 *      alone and with everything a page showing only it downloads, the whole set; next to the bare stack
 *      it is built on (scripts/bench/stack-entry.ts) in one file, for reference.
 *   2. Seat holds per second through the HTTP API on a fresh PostgreSQL database, with an oversell check.
 *   3. pgbench's simple-update TPS on the same database, clients and duration, as the yardstick.
 *   4. Live-updates fan-out: BENCH_SSE_CLIENTS Server-Sent-Events clients (one TCP connection each) follow
 *      one team on one server process; a seat hold per round, timed until every client has the event.
 *      Runs on its own fresh PostgreSQL database (LISTEN/NOTIFY, the production path), or on PGlite in
 *      memory when PostgreSQL is not reachable or BENCH_SSE_DB=pglite.
 *   5. Time from the one-snippet page's first script to a rendered widget with the server's data, in
 *      Debian's Chromium on localhost (examples/snippet), each load in a fresh browser context.
 *   6. The merchant console's lists and charts at BENCH_CONSOLE_ROWS rows per table for one merchant (and
 *      a quarter as many for a second), generated in a fresh PostgreSQL database: every list's first
 *      and next page and every chart over 30, 90 and 365 days through the HTTP server, against the same
 *      statements run directly (scripts/bench/console-lists.ts).
 *
 * Environment (all optional):
 *   BENCH_SECONDS=10            duration of the API run and of the pgbench run
 *   BENCH_CLIENTS=50            concurrent HTTP clients (and pgbench -c)
 *   BENCH_POOL=10               the server's PostgreSQL pool size (connectPostgres max; the CLI's default)
 *   BENCH_CLIENTS_PER_TEAM=5    clients racing for the same team at once
 *   BENCH_TEAMS                 teams opened up front (default: enough for 3,000 holds/s)
 *   BENCH_DATABASE_URL          admin URL (default $FLOCK_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_PARTS=bundle,render,reservations,pgbench,sse,console
 *   BENCH_RENDER_RUNS=10        cold page loads timed for part 5
 *   BENCH_SSE_CLIENTS=1000      concurrent live-stream clients
 *   BENCH_SSE_ROUNDS=5          events sent to them, one seat hold each (at most 98: one team of 100)
 *   BENCH_SSE_DB=postgres       or pglite
 *   BENCH_TARGET=es2019         esbuild target(s) for the bundle
 *   BENCH_PGBENCH_SCALE=10
 *   BENCH_SERVER_CPU_PROF=<dir>  write a V8 CPU profile of the server process there
 *   BENCH_CONSOLE_ROWS=1000000  rows per big table (teams, assists, orders, redemptions…) of the console's merchant
 *   BENCH_CONSOLE_DAYS=730      days those rows are spread over, the newest now
 *   BENCH_CONSOLE_RUNS=40       timed requests per console route
 */
import { cpus } from 'node:os';
import { connectPostgres } from '../packages/server/src/infra/db.js';
import {
  BUNDLE_TARGET,
  ELEMENTS_ENTRY,
  elementsEntryExists,
  litTemplatesMinified,
  measureBundle,
  STACK_ENTRY,
} from './bench/bundle.js';
import { benchConsoleLists, CONSOLE_GOAL_MS, type Timing } from './bench/console-lists.js';
import { findPgbench, type PgbenchResult, runPgbench } from './bench/pgbench.js';
import { benchReservations, type ReservationBenchResult, withFreshDatabase } from './bench/reservations.js';
import { benchSse, MAX_SSE_ROUNDS, type SseBenchResult } from './bench/sse.js';
import { shippedSizes, timeToRenderedWidget } from './bench/widgets.js';

// ---------------------------------------------------------------------------------------------
// Settings

const int = (name: string, fallback: number, max: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`bench: ${name} must be a whole number from 1 to ${max}, not ${raw}`);
    process.exit(2);
  }
  return value;
};

const seconds = int('BENCH_SECONDS', 10, 600);
const clients = int('BENCH_CLIENTS', 50, 90); // PostgreSQL's default max_connections is 100
const pool = int('BENCH_POOL', 10, 90);
const clientsPerTeam = int('BENCH_CLIENTS_PER_TEAM', 5, 1000);
// 99 holds per team (the leader has the 100th seat): enough for 3,000 holds/s, twice the goal on this machine.
const teams = int('BENCH_TEAMS', Math.max(20, Math.ceil((seconds * 3000) / 99)), 100_000);
const pgbenchScale = int('BENCH_PGBENCH_SCALE', 10, 1000);
const sseClients = int('BENCH_SSE_CLIENTS', 1000, 50_000);
const sseRounds = int('BENCH_SSE_ROUNDS', 5, MAX_SSE_ROUNDS);
const sseDb = process.env.BENCH_SSE_DB || 'postgres';
if (sseDb !== 'postgres' && sseDb !== 'pglite') {
  console.error(`bench: BENCH_SSE_DB must be postgres or pglite, not ${sseDb}`);
  process.exit(2);
}
const renderRuns = int('BENCH_RENDER_RUNS', 10, 1000);
const consoleRows = int('BENCH_CONSOLE_ROWS', 1_000_000, 20_000_000);
const consoleDays = int('BENCH_CONSOLE_DAYS', 730, 3650);
const consoleRuns = int('BENCH_CONSOLE_RUNS', 40, 10_000);
const parts = new Set(
  (process.env.BENCH_PARTS ?? 'bundle,render,reservations,pgbench,sse,console').split(',').map((p) => p.trim()),
);
const adminUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.FLOCK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const loopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]', ''].includes(new URL(url).hostname);
if (!loopback(adminUrl)) {
  console.error(`bench: the database must be on this machine (loopback), not ${new URL(adminUrl).hostname}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Output

const KB = 1024;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / KB / KB).toFixed(1)} MB`;
const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const thousands = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const log = (line: string) => console.error(line);

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const summary: string[][] = [];
const notes: string[] = [];
/** Tables of their own, printed after the summary. */
const sections: string[] = [];

// ---------------------------------------------------------------------------------------------
// 1. Bundle

async function bundlePart() {
  const sizes = shippedSizes();
  log('\n1. Bundle: the shipped files in packages/elements/dist (pnpm build), each gzip -9, as a page fetches them');
  if (!sizes) {
    notes.push('Bundle: packages/elements/dist is not built (run `pnpm build`); shipped sizes skipped.');
  } else {
    summary.push(['Loader flock.js (gzip)', kb(sizes.loader), '≤ 2 KB gz']);
    summary.push(['  classic loader flock-classic.js (gzip)', kb(sizes.classicLoader), '≤ 2 KB gz']);
    for (const element of sizes.elements) {
      summary.push([`  <${element.tag}>: own chunk / page with only it`, `${kb(element.own)} / ${kb(element.withImports)}`, '']);
    }
    summary.push(['  + a Chinese string table, on a zh-CN or zh-TW page', kb(sizes.stringTable), '']);
    summary.push(['All elements: loader + every chunk (gzip)', kb(sizes.allElements), '≤ 32 KB gz']);
    summary.push(["  the scanner's lazily loaded decoder (JS, not counted)", kb(sizes.lazyDecoder), '']);
  }
  const templates = (await litTemplatesMinified()) ? ', Lit templates minified as in vite.config.ts' : '';
  try {
    const stack = await measureBundle(STACK_ENTRY);
    summary.push(['Bare stack in one file, reference (gzip -9)', `${kb(stack.gzipBytes)} (raw ${kb(stack.rawBytes)})`, '']);
    if (elementsEntryExists()) {
      const all = await measureBundle(ELEMENTS_ENTRY);
      const top = all.byPackage.slice(0, 6).map(([name, bytes]) => `${name} ${kb(bytes)}`);
      notes.push(
        `All elements as one esbuild file (target ${BUNDLE_TARGET.join('+')}${templates}): ${kb(all.gzipBytes)} gz; ` +
          `largest parts (minified, before gzip): ${top.join(', ')}.`,
      );
    }
  } catch (error) {
    notes.push(`Reference bundles failed: ${firstLine(error)}`);
  }
}

async function renderPart() {
  log(
    `\n5. Time from the snippet's script start to a widget rendered with the server's data (Chromium, localhost, ${renderRuns} cold loads)`,
  );
  const { runs } = await timeToRenderedWidget(renderRuns);
  const sorted = [...runs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  summary.push(['Script start → rendered <flock-group-buy>, p50 / max', `${fixed(at(0.5))} / ${fixed(at(1))} ms`, '≤ 150 ms']);
}

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 3).join(' / ');

// ---------------------------------------------------------------------------------------------
// 2 + 3. Reservations and pgbench on one fresh database

/** PostgreSQL's version, or undefined (with a note) when it is not reachable. */
let postgres: Promise<string | undefined> | undefined;
const postgresVersion = () =>
  (postgres ??= (async () => {
    const admin = connectPostgres(adminUrl, { max: 1 });
    try {
      const [row] = await admin.query<{ server_version: string }>(`show server_version`);
      return row?.server_version ?? '?';
    } catch (error) {
      notes.push(
        `PostgreSQL at ${adminUrl} is not reachable (${firstLine(error)}); start it with ` +
          '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`. ' +
          'Parts 2 and 3 skipped; part 4 ran on PGlite if selected.',
      );
      return undefined;
    } finally {
      await admin.close();
    }
  })());

async function databaseParts() {
  const version = await postgresVersion();
  if (version === undefined) return;

  await withFreshDatabase(adminUrl, async (databaseUrl) => {
    let reservations: ReservationBenchResult | undefined;
    let pgbench: PgbenchResult | undefined;

    if (parts.has('reservations')) {
      log(
        `\n2. Seat holds over HTTP on PostgreSQL ${version}: ${clients} clients × ${seconds} s, ` +
          `${clientsPerTeam} clients per team, server pool ${pool}, teams of 100`,
      );
      reservations = await benchReservations({ databaseUrl, seconds, clients, pool, teams, clientsPerTeam, log });
      const r = reservations;
      summary.push(['Seat holds per second (HTTP, 201)', fixed(r.holdsPerSecond), '']);
      summary.push(['  all requests per second', fixed(r.requestsPerSecond), '']);
      summary.push([
        '  hold latency p50 / p90 / p99 / max',
        `${[r.latencyMs.p50, r.latencyMs.p90, r.latencyMs.p99, r.latencyMs.max].map((ms) => fixed(ms)).join(' / ')} ms`,
        '',
      ]);
      summary.push(['  holds in run / held rows in DB', `${thousands(r.holds)} / ${thousands(r.check.heldInDb)}`, 'equal']);
      summary.push(['  oversold teams (seats over size)', `${r.check.oversoldTeams} (${r.check.oversoldSeats} seats)`, '0']);
      summary.push(['  teams where seats_taken ≠ live rows', String(r.check.driftedTeams), '0']);
      summary.push([
        '  server process CPU / event loop busy',
        `${fixed(r.server.cpuCores, 2)} cores / ${fixed(r.server.eventLoopUtilization * 100, 0)} %`,
        '',
      ]);
      summary.push(['  load generator CPU (this process)', `${fixed(r.loadGeneratorCores, 2)} cores`, '']);
      summary.push(['  machine CPU busy (all processes)', `${fixed(r.machineBusy * 100, 0)} % of ${cpus().length} CPUs`, '']);
      summary.push(['  PostgreSQL round trips per request', fixed(r.roundTripsPerRequest, 1), '']);
      notes.push(
        `Reservations: ${r.teamsUsed} of ${r.teamsPrepared} prepared teams used; responses: ` +
          Object.entries(r.outcomes)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} × ${thousands(v)}`)
            .join(', ') +
          '.',
      );
      if (r.ranOutOfTeams) notes.push(`Reservations: the run ran out of prepared teams; raise BENCH_TEAMS (was ${teams}).`);
    }

    if (parts.has('pgbench')) {
      const binary = findPgbench();
      if (!binary) {
        notes.push('pgbench not found on PATH or in /usr/lib/postgresql/*/bin; part 3 skipped.');
      } else {
        log(`\n3. pgbench -i -s ${pgbenchScale}, then simple-update (-N) with ${clients} clients, 2 threads, ${seconds} s`);
        pgbench = await runPgbench(binary, databaseUrl, { seconds, clients, threads: 2, scale: pgbenchScale });
        summary.push([`pgbench ${pgbench.command.replace('pgbench ', '')} (tps)`, fixed(pgbench.tps), '']);
      }
    }

    if (reservations && pgbench) {
      summary.push(['Seat holds/s ÷ pgbench TPS', `${fixed((reservations.holdsPerSecond / pgbench.tps) * 100)} %`, '≥ 40 %']);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 4. Live-updates fan-out

async function ssePart() {
  const version = sseDb === 'postgres' ? await postgresVersion() : undefined;
  const on = version ? `PostgreSQL ${version} (fresh database, LISTEN/NOTIFY)` : 'PGlite in memory (in-process notify)';
  log(`\n4. Live updates: ${thousands(sseClients)} SSE clients on one team, ${sseRounds} events, one server process on ${on}`);
  const run = (databaseUrl: string) => benchSse({ databaseUrl, clients: sseClients, rounds: sseRounds, pool, log });
  const r: SseBenchResult = version ? await withFreshDatabase(adminUrl, run) : await run('pglite');

  const ms = (n: number) => `${fixed(n)} ms`;
  const trio = (t: { p50: number; p99: number; max: number }) => `${[t.p50, t.p99, t.max].map((n) => fixed(n)).join(' / ')} ms`;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  summary.push([`Live fan-out to ${thousands(r.clients)} SSE clients (${version ? 'PostgreSQL' : 'PGlite'})`, '', '']);
  summary.push(['  connected / connect time for all', `${thousands(r.connected)} / ${ms(r.connectAllMs)}`, '']);
  summary.push(['  per-client connect p50 / p99 / max', trio(r.connectMs), '']);
  summary.push([
    '  server RSS before → after connecting',
    `${mb(r.serverRssBeforeBytes)} → ${mb(r.serverRssAfterBytes)} ` +
      `(${r.serverRssAfterBytes > r.serverRssBeforeBytes ? kb((r.serverRssAfterBytes - r.serverRssBeforeBytes) / Math.max(1, r.connected)) : 'n/a'} per client)`,
    '',
  ]);
  summary.push([`  last client has it, p50 / p99 / max of ${r.rounds.length} rounds`, trio(r.lastClientMs), '']);
  summary.push([`  every delivery p50 / p99 / max (${thousands(r.rounds.length * r.connected)})`, trio(r.deliveryMs), '']);
  summary.push([
    '  server, median round: NOTIFY heard / row read / writes drained',
    `${[r.rounds.map((x) => x.heardMs), r.rounds.map((x) => x.readMs), r.rounds.map((x) => x.drainedMs)]
      .map((v) => fixed(median(v)))
      .join(' / ')} ms`,
    '',
  ]);
  summary.push([
    '  CPU per round: server (hold + fan-out) / load generator',
    `${ms(median(r.rounds.map((x) => x.serverCpuMs)))} / ${ms(r.loadGeneratorCpuMsPerRound)}`,
    '',
  ]);
  summary.push(['  clients that received every event', `${thousands(r.receivedAll)} of ${thousands(r.clients)}`, 'all']);
  summary.push(['  sockets closed at the end', `${thousands(r.closedSockets)} of ${thousands(r.clients)}`, 'all']);

  notes.push(
    `Live fan-out rounds (first / last client, seat-hold response): ${r.rounds
      .slice(0, 10)
      .map((x) => `${fixed(x.firstMs)} / ${fixed(x.lastMs)} (${fixed(x.triggerMs)})`)
      .join(
        '; ',
      )}${r.rounds.length > 10 ? '; …' : ''} ms. Times run from just before the hold request; "server" times are the server process's ` +
      'own clock (epoch ms) against ours; "writes drained" is when its microtask queue emptied after the send loop.',
  );
  if (!version) {
    notes.push(
      'Live fan-out on PGlite: its WebAssembly heap dominates the server RSS and shrinks after migrations, ' +
        'so the RSS figures say little about the streams; run on PostgreSQL for them.',
    );
  }
  if (!r.fd.enough) {
    notes.push(
      `Live fan-out: the open-files limit is ${r.fd.soft} (hard ${r.fd.hard}), too low for ${thousands(r.clients)} clients ` +
        `(about ${r.fd.need} needed here and as many in the server process): raise it (\`ulimit -n ${r.fd.need + 1000}\` as root, ` +
        'or LimitNOFILE / limits.conf) or lower BENCH_SSE_CLIENTS.',
    );
  }
  const failures = Object.entries(r.connectFailures);
  if (failures.length)
    notes.push(`Live fan-out: clients that never connected: ${failures.map(([k, v]) => `${k} × ${v}`).join(', ')}.`);
  if (r.serverSubscribers !== r.connected) {
    notes.push(`Live fan-out: the server counted ${r.serverSubscribers} subscribers for ${r.connected} connected clients.`);
  }
  if (r.unexpectedEvents) notes.push(`Live fan-out: ${r.unexpectedEvents} events arrived outside their round (or twice).`);
  if (r.streamsEndedEarly)
    notes.push(`Live fan-out: the server ended ${r.streamsEndedEarly} streams before the clients closed them.`);
  if (r.serverSubscribersAfterClose) {
    notes.push(`Live fan-out: ${r.serverSubscribersAfterClose} subscribers were still registered after every client closed.`);
  }
}

// ---------------------------------------------------------------------------------------------
// 6. The console's lists and charts

async function consolePart() {
  const version = await postgresVersion();
  if (version === undefined) return;
  log(
    `\n6. Console lists and charts on PostgreSQL ${version}: ${thousands(consoleRows)} rows per table over ${consoleDays} days ` +
      `for one merchant (a quarter for a second), ${consoleRuns} timed requests per route`,
  );
  const r = await withFreshDatabase(adminUrl, (databaseUrl) =>
    benchConsoleLists({ databaseUrl, rows: consoleRows, spanDays: consoleDays, runs: consoleRuns, log }),
  );
  const trio = (t: Timing) => `${fixed(t.min)} / ${fixed(t.median)} / ${fixed(t.p95)}`;
  const over = r.routes.filter((route) => route.server.median > CONSOLE_GOAL_MS);
  const slowest = [...r.routes].sort((a, b) => b.server.median - a.server.median)[0];
  summary.push([
    `Console lists and charts at ${thousands(consoleRows)} rows: over ${CONSOLE_GOAL_MS} ms (median)`,
    `${over.length} of ${r.routes.length}`,
    '0',
  ]);
  if (slowest)
    summary.push([
      '  slowest (median / p95)',
      `${slowest.label}: ${fixed(slowest.server.median)} / ${fixed(slowest.server.p95)} ms`,
      `≤ ${CONSOLE_GOAL_MS} ms`,
    ]);
  sections.push(
    `Console lists and charts: ${Object.entries(r.generatedRows)
      .map(([table, rows]) => `${table} ${thousands(rows)}`)
      .join(', ')} rows for the busy merchant over ${consoleDays} days (generated in ${fixed(r.generateSeconds, 0)} s); ` +
      `server = HTTP request through createFlockServer, SQL = the same statements replayed on one connection.\n\n${table(
        [
          'Route',
          'Items',
          'Server min / median / p95 ms',
          'SQL min / median / p95 ms',
          'Server ÷ SQL',
          `≤ ${CONSOLE_GOAL_MS} ms`,
        ],
        r.routes.map((route) => [
          route.label,
          String(route.items),
          trio(route.server),
          trio(route.sql),
          `${fixed(route.server.median / route.sql.median, 1)}×`,
          route.server.median <= CONSOLE_GOAL_MS ? 'yes' : 'NO',
        ]),
      )}`,
  );
  for (const route of over)
    notes.push(
      `${route.label} (${route.path}) took ${fixed(route.server.median)} ms; plan of its slowest statement:\n${route.plan ?? ''}`,
    );
}

// ---------------------------------------------------------------------------------------------

/** Share of all CPUs busy over one second, before anything starts: other work on the machine skews every figure. */
async function backgroundLoad(): Promise<number> {
  const sample = () =>
    cpus().reduce(
      (acc, { times: t }) => ({ idle: acc.idle + t.idle, total: acc.total + t.user + t.nice + t.sys + t.idle + t.irq }),
      {
        idle: 0,
        total: 0,
      },
    );
  const before = sample();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = sample();
  return 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
}

log(`Flock benchmark: Node ${process.version}, ${cpus().length} CPUs, ${new Date().toISOString()}`);
const background = await backgroundLoad();
if (background > 0.1) {
  notes.push(
    `The machine was already ${fixed(background * 100, 0)} % busy before the benchmark started (other processes): ` +
      'the throughput figures are low and noisy; rerun on a quiet machine.',
  );
}
try {
  if (parts.has('bundle')) await bundlePart();
  if (parts.has('render')) await renderPart();
  if (parts.has('reservations') || parts.has('pgbench')) await databaseParts();
  if (parts.has('sse')) await ssePart();
  if (parts.has('console')) await consolePart();
} catch (error) {
  // Print whatever was measured; the failure goes in the notes and the exit code.
  notes.push(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}

console.log(`\nFlock benchmark (${seconds} s runs, ${clients} clients; 1 KB = 1024 bytes)\n`);
console.log(table(['Figure', 'Value', 'Goal'], summary));
for (const section of sections) console.log(`\n${section}`);
if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
