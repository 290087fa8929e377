/**
 * `pnpm bench`: Flock's figures, printed as a table. Measures, never asserts.
 *
 *   1. Bundle size of packages/elements/src/index.ts (esbuild, ESM, minified, everything inlined, gzip -9),
 *      next to the bare stack it is built on (scripts/bench/stack-entry.ts).
 *   2. Seat holds per second through the HTTP API on a fresh PostgreSQL database, with an oversell check.
 *   3. pgbench's simple-update TPS on the same database, clients and duration, as the yardstick.
 *
 * Environment (all optional):
 *   BENCH_SECONDS=10            duration of the API run and of the pgbench run
 *   BENCH_CLIENTS=50            concurrent HTTP clients (and pgbench -c)
 *   BENCH_POOL=10               the server's PostgreSQL pool size (connectPostgres max; the CLI's default)
 *   BENCH_CLIENTS_PER_TEAM=5    clients racing for the same team at once
 *   BENCH_TEAMS                 teams opened up front (default: enough for 3,000 holds/s)
 *   BENCH_DATABASE_URL          admin URL (default $FLOCK_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_PARTS=bundle,reservations,pgbench
 *   BENCH_TARGET=es2019         esbuild target(s) for the bundle
 *   BENCH_PGBENCH_SCALE=10
 *   BENCH_SERVER_CPU_PROF=<dir>  write a V8 CPU profile of the server process there
 */
import { cpus } from 'node:os';
import { connectPostgres } from '../packages/server/src/db.js';
import {
  BUNDLE_TARGET,
  type BundleSize,
  ELEMENTS_ENTRY,
  elementsEntryExists,
  litTemplatesMinified,
  measureBundle,
  STACK_ENTRY,
  shippedBundle,
} from './bench/bundle.js';
import { findPgbench, type PgbenchResult, runPgbench } from './bench/pgbench.js';
import { benchReservations, type ReservationBenchResult, withFreshDatabase } from './bench/reservations.js';

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
const parts = new Set((process.env.BENCH_PARTS ?? 'bundle,reservations,pgbench').split(',').map((p) => p.trim()));
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

// ---------------------------------------------------------------------------------------------
// 1. Bundle

async function bundlePart() {
  const templates = (await litTemplatesMinified()) ? ', Lit templates minified as in vite.config.ts' : '';
  log(`\n1. Bundle size: esbuild (esm, minify, bundle all, target ${BUNDLE_TARGET.join('+')}${templates}), gzip level 9`);
  let stack: BundleSize | undefined;
  try {
    stack = await measureBundle(STACK_ENTRY);
  } catch (error) {
    notes.push(`Bare-stack bundle failed: ${firstLine(error)}`);
  }
  if (!elementsEntryExists()) {
    notes.push(`Bundle: ${ELEMENTS_ENTRY} does not exist yet; skipped.`);
    summary.push(['Bundle @flock/elements (gzip)', 'skipped (no entry)', '≤ 24 KB gz']);
  } else {
    try {
      const elements = await measureBundle(ELEMENTS_ENTRY);
      summary.push(['Bundle @flock/elements (raw, minified)', kb(elements.rawBytes), '']);
      summary.push(['Bundle @flock/elements (gzip -9)', kb(elements.gzipBytes), '≤ 24 KB gz']);
      const top = elements.byPackage.slice(0, 6).map(([name, bytes]) => `${name} ${kb(bytes)}`);
      notes.push(`Largest parts of @flock/elements (minified, before gzip): ${top.join(', ')}.`);
    } catch (error) {
      notes.push(`Bundle of ${ELEMENTS_ENTRY} failed (work in progress?): ${firstLine(error)}`);
      summary.push(['Bundle @flock/elements (gzip)', 'failed to build', '≤ 24 KB gz']);
    }
  }
  const shipped = shippedBundle();
  if (shipped) {
    summary.push([
      `  cross-check: dist/flock.js (vite, built ${shipped.builtAt.toISOString().slice(0, 16).replace('T', ' ')})`,
      `${kb(shipped.gzipBytes)} (raw ${kb(shipped.rawBytes)})`,
      '≤ 24 KB gz',
    ]);
  }
  if (stack) summary.push(['Bundle bare stack, reference (gzip -9)', `${kb(stack.gzipBytes)} (raw ${kb(stack.rawBytes)})`, '']);
}

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 3).join(' / ');

// ---------------------------------------------------------------------------------------------
// 2 + 3. Reservations and pgbench on one fresh database

async function databaseParts() {
  const admin = connectPostgres(adminUrl, { max: 1 });
  let version: string;
  try {
    const [row] = await admin.query<{ server_version: string }>(`show server_version`);
    version = row?.server_version ?? '?';
  } catch (error) {
    notes.push(
      `PostgreSQL at ${adminUrl} is not reachable (${firstLine(error)}); start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`. Parts 2 and 3 skipped.',
    );
    return;
  } finally {
    await admin.close();
  }

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
  if (parts.has('reservations') || parts.has('pgbench')) await databaseParts();
} catch (error) {
  // Print whatever was measured; the failure goes in the notes and the exit code.
  notes.push(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}

console.log(`\nFlock benchmark (${seconds} s runs, ${clients} clients; 1 KB = 1024 bytes)\n`);
console.log(table(['Figure', 'Value', 'Goal'], summary));
if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
