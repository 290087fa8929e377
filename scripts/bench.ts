/**
 * `pnpm bench`: Flock's figures, printed as a table. Measures, never asserts.
 *
 *   1. Bundle sizes of the shipped build (packages/elements/dist), gzip -9, kB = 1000 B: every JS file, a page
 *      with one <flock-group-buy>, every element and the loader against their budgets (the ones CI's size
 *      check enforces), the group-buy page as Debian's Chromium downloads it from the shipped CLI on another
 *      origin, and the bare stack it is built on (scripts/bench/stack-entry.ts) built the same way.
 *   2 + 3. Seat holds per second through the HTTP API of the shipped CLI on a fresh PostgreSQL database,
 *      against pgbench running the very statement the server sends for a hold (hold_seat) as a custom
 *      script with the same clients and duration, with plain `pgbench -N` beside them, and the same HTTP
 *      load on a second CLI process on PGlite in memory (no pgbench there): the four alternate
 *      BENCH_HOLD_REPETITIONS times, each run followed by an oversell check (scripts/bench/reservations.ts).
 *   4. Live-updates fan-out: BENCH_SSE_CLIENTS Server-Sent-Events clients (one TCP connection each, spread
 *      over BENCH_SSE_PROCESSES client processes) follow one team of the shipped CLI; a seat hold per round,
 *      each client's delivery timed. The same clients then follow a bare node:http broadcaster sending a
 *      frame of the same size on one HTTP request; the two alternate BENCH_SSE_REPETITIONS times
 *      (scripts/bench/sse.ts). Runs on its own fresh PostgreSQL database (LISTEN/NOTIFY, the production
 *      path), or on PGlite in memory when PostgreSQL is not reachable or BENCH_SSE_DB=pglite.
 *      Then (part `notify`) where LISTEN/NOTIFY saturates: pgbench inserting live events with and without
 *      their NOTIFY, and seat holds at rising concurrency through two CLI processes on one database, each
 *      with its own stream clients (scripts/bench/notify-saturation.ts).
 *   5. Time to live data: navigation start to a `<flock-group-buy>` showing the server's offer (the merchant's
 *      snippet, examples/snippet), against a plain page fetching the same offer JSON and writing it into its
 *      DOM; both pages on another origin than the shipped CLI, each load in a fresh context of Debian's
 *      Chromium, alternating BENCH_RENDER_RUNS times after one unmeasured load of each (scripts/bench/live-data.ts).
 *   6. The merchant console's lists and charts at BENCH_CONSOLE_ROWS rows per table for one merchant (and
 *      a quarter as many for a second), generated in a fresh PostgreSQL database: every list's first
 *      and next page and every chart over 30, 90 and 365 days through the HTTP server, against the same
 *      statements run directly (scripts/bench/console-lists.ts).
 *   7. Cached reads (part `reads`): requests per second of the shipped CLI answering a page's offer read
 *      (200, and 304 to If-None-Match), the offer with a shopper token and a team read, against a bare Hono
 *      hello-world in its own process, same load generator, alternating BENCH_READS_REPETITIONS times
 *      (scripts/bench/reads.ts). On its own fresh PostgreSQL database, or PGlite in memory.
 *
 * Environment (all optional):
 *   BENCH_SECONDS=10            duration of each seat-hold run (HTTP, pgbench hold_seat, pgbench -N, PGlite)
 *   BENCH_CLIENTS=50            concurrent HTTP clients of the seat-hold runs (and pgbench -c)
 *   BENCH_HOLD_REPETITIONS=3    seat-hold repetitions, each running the four alternately
 *   BENCH_HOLD_SHOPPERS=2000    shoppers minted, each hold drawing one at random
 *   BENCH_DATABASE_URL          admin URL (default $FLOCK_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_PARTS=bundle,render,reservations,pgbench,sse,notify,console,reads
 *   BENCH_RENDER_RUNS=10        cold loads of the widget page, and as many of the plain page, for part 5
 *   BENCH_RENDER_DB=pglite      or postgres (a fresh database) under the CLI of part 5
 *   BENCH_SSE_CLIENTS=1000      concurrent live-stream clients
 *   BENCH_SSE_PROCESSES=4       client processes they are spread over
 *   BENCH_SSE_ROUNDS=20         measured events per run, one seat hold each (at most 96: one team of 100)
 *   BENCH_SSE_REPETITIONS=3     runs of Flock and of the reference, alternating
 *   BENCH_SSE_DB=postgres       or pglite
 *   BENCH_NOTIFY_CONCURRENCY=4,16,64  concurrent holds, one level after another, through the two processes
 *   BENCH_NOTIFY_PGBENCH_CLIENTS=1,8,32  pgbench clients for the NOTIFY ceiling
 *   BENCH_NOTIFY_SECONDS=5      per level, and per pgbench run
 *   BENCH_NOTIFY_STREAMS=200    stream clients per server process, each following 10 teams
 *   BENCH_NOTIFY_TEAMS=200      teams prepared (98 holds each)
 *   BENCH_BUNDLE_RUNS=3         cold loads of the group-buy page whose script downloads part 1 counts
 *   BENCH_PGBENCH_SCALE=10
 *   BENCH_SERVER_CPU_PROF=<dir>  write a V8 CPU profile of the server process there
 *   BENCH_CONSOLE_ROWS=1000000  rows per big table (teams, assists, orders, redemptions…) of the console's merchant
 *   BENCH_CONSOLE_DAYS=730      days those rows are spread over, the newest now
 *   BENCH_CONSOLE_RUNS=40       timed requests per console route
 *   BENCH_READS_SECONDS=5       per read run (after 1 s of warm-up)
 *   BENCH_READS_CONNECTIONS=50  keep-alive connections of the load generator
 *   BENCH_READS_REPETITIONS=3   runs of the reference and of each read, alternating
 *   BENCH_READS_DB=postgres     or pglite
 *   BENCH_READS_PROFILE_DIR=dir  write a V8 CPU profile of the Flock server there (open in Chrome DevTools)
 */
import { cpus } from 'node:os';
import { connectPostgres } from '../packages/server/src/infra/db.js';
import { bareStack, budgetChecks, groupBuyPageInChromium, limitOf, shippedSizes } from './bench/bundle.js';
import { benchConsoleLists, CONSOLE_GOAL_MS, type Timing } from './bench/console-lists.js';
import { benchLiveData, type WidgetPhases } from './bench/live-data.js';
import { benchNotifySaturation } from './bench/notify-saturation.js';
import { benchReads, READ_KINDS } from './bench/reads.js';
import { benchHolds, withFreshDatabase } from './bench/reservations.js';
import { benchSse, MAX_SSE_ROUNDS, type Spread, SSE_WARMUP_ROUNDS, type SseBenchResult, spread } from './bench/sse.js';

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
const holdRepetitions = int('BENCH_HOLD_REPETITIONS', 3, 100);
const holdShoppers = int('BENCH_HOLD_SHOPPERS', 2000, 100_000);
const pgbenchScale = int('BENCH_PGBENCH_SCALE', 10, 1000);
const sseClients = int('BENCH_SSE_CLIENTS', 1000, 50_000);
const sseRounds = int('BENCH_SSE_ROUNDS', 20, MAX_SSE_ROUNDS);
const sseProcesses = int('BENCH_SSE_PROCESSES', 4, 64);
const sseRepetitions = int('BENCH_SSE_REPETITIONS', 3, 100);
const sseDb = process.env.BENCH_SSE_DB || 'postgres';
if (sseDb !== 'postgres' && sseDb !== 'pglite') {
  console.error(`bench: BENCH_SSE_DB must be postgres or pglite, not ${sseDb}`);
  process.exit(2);
}
const intList = (name: string, fallback: string, max: number) =>
  (process.env[name] || fallback).split(',').map((raw) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      console.error(`bench: ${name} must be whole numbers from 1 to ${max}, comma-separated, not ${process.env[name]}`);
      process.exit(2);
    }
    return value;
  });
const notifyConcurrency = intList('BENCH_NOTIFY_CONCURRENCY', '4,16,64', 500);
const notifyPgbenchClients = intList('BENCH_NOTIFY_PGBENCH_CLIENTS', '1,8,32', 90);
const notifySeconds = int('BENCH_NOTIFY_SECONDS', 5, 600);
const notifyStreams = int('BENCH_NOTIFY_STREAMS', 200, 20_000);
const notifyTeams = int('BENCH_NOTIFY_TEAMS', 200, 100_000);
const renderRuns = int('BENCH_RENDER_RUNS', 10, 1000);
const bundleRuns = int('BENCH_BUNDLE_RUNS', 3, 100);
const renderDb = process.env.BENCH_RENDER_DB || 'pglite';
if (renderDb !== 'postgres' && renderDb !== 'pglite') {
  console.error(`bench: BENCH_RENDER_DB must be postgres or pglite, not ${renderDb}`);
  process.exit(2);
}
const consoleRows = int('BENCH_CONSOLE_ROWS', 1_000_000, 20_000_000);
const consoleDays = int('BENCH_CONSOLE_DAYS', 730, 3650);
const consoleRuns = int('BENCH_CONSOLE_RUNS', 40, 10_000);
const readsSeconds = int('BENCH_READS_SECONDS', 5, 600);
const readsConnections = int('BENCH_READS_CONNECTIONS', 50, 1000);
const readsRepetitions = int('BENCH_READS_REPETITIONS', 3, 100);
const readsDb = process.env.BENCH_READS_DB || 'postgres';
if (readsDb !== 'postgres' && readsDb !== 'pglite') {
  console.error(`bench: BENCH_READS_DB must be postgres or pglite, not ${readsDb}`);
  process.exit(2);
}
const parts = new Set(
  (process.env.BENCH_PARTS ?? 'bundle,render,reservations,pgbench,sse,notify,console,reads').split(',').map((p) => p.trim()),
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

const MIB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
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
  // Sizes in kB of 1000 B, whatever the other parts print.
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
  const verdict = (bytes: number, budget: { target: number; limit?: number }) =>
    `${bytes <= budget.target ? 'met' : 'NOT met'}: ≤ ${kB(budget.target)}${budget.limit ? ` (CI limit ${kB(limitOf(budget))})` : ''}`;
  const sizes = shippedSizes();
  log('\n1. Bundle: the shipped files in packages/elements/dist (pnpm build), gzip -9 each, kB = 1000 B');
  if (!sizes) {
    notes.push('Bundle: packages/elements/dist is not built (run `pnpm build`); shipped sizes skipped.');
    return;
  }
  const checks = budgetChecks(sizes);
  const fileChecks = checks.filter((check) => check.label.startsWith('file '));
  const languages = ['en', 'zh-CN', 'zh-TW'] as const;
  sections.push(
    `Bundle: every JS file of packages/elements/dist (gzip -9, kB = 1000 B)\n${table(
      ['File', 'What', 'gzip', 'Budget'],
      sizes.files.map((file) => {
        const budget = fileChecks.find((check) => check.label === `file ${file.file}`)?.budget;
        return [file.file, file.kind, kB(file.gzip), budget ? verdict(file.gzip, budget) : 'aside (fetched when a camera opens)'];
      }),
    )}`,
  );
  const downloads = (byLanguage: Record<(typeof languages)[number], { gzip: number; files: string[] }>) =>
    languages.map((language) => `${kB(byLanguage[language].gzip)} (${byLanguage[language].files.length} files)`);
  sections.push(
    `Bundle: what a page downloads, loader and provider included, by language (gzip -9, kB = 1000 B)\n${table(
      ['Page', ...languages],
      [
        ...sizes.pages.map((page) => [`page with one <${page.tag}>`, ...downloads(page.byLanguage)]),
        ['every element (the decoder aside)', ...downloads(sizes.allElements)],
      ],
    )}`,
  );
  for (const check of fileChecks.filter((c) => /flock(-classic)?\.js$/.test(c.label))) {
    summary.push([`Loader ${check.label.slice('file '.length)} (gzip -9)`, kB(check.gzip), verdict(check.gzip, check.budget)]);
  }
  const over = fileChecks.filter((check) => check.gzip > check.budget.target);
  summary.push([
    `Largest of ${fileChecks.length} JS files (the barcode decoder aside; gzip -9)`,
    kB(Math.max(...fileChecks.map((check) => check.gzip))),
    over.length ? `NOT met: ${over.length} over budget` : 'met: each ≤ 10.00 kB',
  ]);
  for (const check of checks.filter((c) => !c.label.startsWith('file '))) {
    summary.push([
      `${check.label[0]?.toUpperCase()}${check.label.slice(1)} (gzip -9)`,
      kB(check.gzip),
      verdict(check.gzip, check.budget),
    ]);
  }
  let stackOneFile = Number.NaN;
  try {
    const stack = await bareStack();
    stackOneFile = stack.oneFile;
    summary.push(['Bare stack, reference: one file (gzip -9)', kB(stack.oneFile), '']);
    summary.push([
      `  split as the build splits it (${stack.split.map((file) => `${file.name} ${kB(file.gzip)}`).join(', ')})`,
      kB(stack.split.reduce((sum, file) => sum + file.gzip, 0)),
      '',
    ]);
  } catch (error) {
    notes.push(`Bundle: the bare-stack reference failed: ${firstLine(error)}`);
  }
  try {
    log('   the group-buy page in Chromium, from the shipped CLI, on another origin…');
    const chromium = await groupBuyPageInChromium(bundleRuns, 8881);
    const totals = chromium.loads.map((load) => load.total).sort((a, b) => a - b);
    const median = totals[Math.floor(totals.length / 2)] as number;
    const first = chromium.loads[0];
    const encodings = [...new Set(chromium.loads.flatMap((load) => load.files.map((file) => file.encoding)))].join(', ');
    summary.push([
      `Group-buy page (en) in Chromium: script bodies as transferred, min / median / max of ${totals.length} cold loads`,
      `${kB(totals[0] as number)} / ${kB(median)} / ${kB(totals.at(-1) as number)}`,
      `${verdict(median, { target: 24_000 })}; ${first?.files.length} files, ${encodings}; load average ${fixed(chromium.loadAverage, 2)}`,
    ]);
    summary.push(['  ÷ bare stack in one file (the same build settings)', `${(median / stackOneFile).toFixed(2)}×`, '']);
    if (first) {
      sections.push(
        `Bundle: the group-buy page's scripts as Chromium received them (response bodies, ${encodings})\n${table(
          ['URL', 'Transferred'],
          first.files.map((file) => [file.url, kB(file.bytes)]),
        )}`,
      );
    }
  } catch (error) {
    notes.push(`Bundle: the Chromium download measurement failed: ${firstLine(error)}`);
  }
}

async function renderPart() {
  const version = renderDb === 'postgres' ? await postgresVersion() : undefined;
  log(
    `\n5. Time to live data: <flock-group-buy> against a plain page fetching the same JSON, Chromium, the CLI on ` +
      `${version ? `PostgreSQL ${version}` : 'PGlite in memory'}, ${renderRuns} cold loads of each, alternating`,
  );
  const run = (databaseUrl: string) => benchLiveData({ runs: renderRuns, databaseUrl, log });
  const r = version ? await withFreshDatabase(adminUrl, run, 'bench_live') : await run('pglite');
  const ms = (s: Spread) => `${fixed(s.min)} / ${fixed(s.median)} / ${fixed(s.max)} ms`;
  const median = (pick: (phases: WidgetPhases) => number, of = r.widgetPhases) => fixed(spread(of.map(pick)).median);
  summary.push([`Time to live data (${r.database}), min / median / max of ${renderRuns} loads`, '', '']);
  summary.push(['  <flock-group-buy> (navigation start → offer in its DOM)', ms(r.widgetMs), '≤ 150 ms']);
  summary.push(['  plain page fetching the same JSON', ms(r.plainMs), '']);
  summary.push(['  widget ÷ plain page (medians)', `${fixed(r.ratio, 2)}×`, '≤ 1.3×']);
  summary.push([
    '  widget, median: HTML / flock.js / offer GET sent → answered / last chunk',
    `${median((p) => p.html)} / ${median((p) => p.loader)} / ${median((p) => p.readStart)} → ${median((p) => p.readEnd)} / ${median((p) => p.chunks)} ms`,
    '',
  ]);
  summary.push([
    '  plain page, median: HTML / offer GET sent → answered',
    `${median((p) => p.html, r.plainPhases)} / ${median((p) => p.readStart, r.plainPhases)} → ${median((p) => p.readEnd, r.plainPhases)} ms`,
    '',
  ]);
  summary.push(["  offer GETs per widget load (1: the loader's, adopted)", r.widgetPhases.map((p) => p.reads).join(' '), '1']);
  summary.push([
    '  load average before the series / per pair (min–max)',
    `${fixed(r.loadBefore, 2)} / ${fixed(r.loadPerPair.min, 2)}–${fixed(r.loadPerPair.max, 2)}`,
    '',
  ]);
  notes.push(
    `Time to live data, every load in ms (widget | plain, alternating): ${r.widget.map((w, i) => `${fixed(w)} | ${fixed(r.plain[i] ?? Number.NaN)}`).join('; ')}. ` +
      "Times are performance.now() when a MutationObserver (on the widget's shadow root, on the plain page's document) first sees the offer's title and price.",
  );
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
  log(
    `\n2 + 3. Seat holds on PostgreSQL ${version}: HTTP through flock-server (node, the shipped CLI), pgbench running ` +
      `hold_seat, pgbench -N, and HTTP through flock-server on PGlite; ${clients} clients × ${seconds} s each, ` +
      `${holdRepetitions}× alternating`,
  );
  const r = await withFreshDatabase(
    adminUrl,
    (databaseUrl) =>
      benchHolds({
        databaseUrl,
        seconds,
        clients,
        repetitions: holdRepetitions,
        shoppers: holdShoppers,
        pgbenchScale,
        log,
      }),
    'bench_hold',
  );
  const rate = (s: Spread) => `${fixed(s.min, 0)} / ${fixed(s.median, 0)} / ${fixed(s.max, 0)}`;
  const percent = (s: Spread) => `${fixed(s.min * 100, 0)} / ${fixed(s.median * 100, 0)} / ${fixed(s.max * 100, 0)} %`;
  const runs = `${r.repetitions.length} runs`;
  summary.push([`Seat holds, HTTP on PostgreSQL (holds/s, min / median / max of ${runs})`, rate(r.http), '']);
  if (r.holdSql && r.httpToHoldSql) {
    summary.push([`  pgbench running hold_seat, the same SQL (holds/s, -c ${clients})`, rate(r.holdSql), '']);
    summary.push(['  HTTP ÷ pgbench hold_seat, per repetition', percent(r.httpToHoldSql), '≥ 80 %']);
  }
  if (r.simpleUpdate && r.httpToSimpleUpdate) {
    summary.push([`  plain pgbench -N (transactions/s, -c ${clients})`, rate(r.simpleUpdate), '']);
    summary.push(['  HTTP holds/s ÷ pgbench -N TPS, per repetition', percent(r.httpToSimpleUpdate), '']);
  }
  summary.push([`Seat holds, HTTP on PGlite in memory (holds/s, ${runs}; no pgbench there)`, rate(r.pglite), '']);
  summary.push(['  PGlite ÷ PostgreSQL (HTTP), per repetition', percent(r.pgliteToHttp), '']);
  const checks = r.repetitions.flatMap((rep) => [rep.http.check, rep.holdSql?.check, rep.pglite.check]).filter((c) => c);
  const oversold = checks.reduce((sum, check) => sum + (check?.oversoldTeams ?? 0), 0);
  summary.push([
    `  oversold teams, checked after each of the ${checks.length} hold runs`,
    `${oversold}${r.allChecksPassed ? '' : ' (and a count mismatch: see the log)'}`,
    '0',
  ]);

  const loadOf = (m?: { load: number }) => (m ? fixed(m.load, 2) : '');
  sections.push(
    `Seat holds, run by run (load = 1-minute load average just before the run, on ${cpus().length} CPUs; ` +
      `teams per run: ${r.teamsPerRun.postgres} on PostgreSQL, ${r.teamsPerRun.pglite} on PGlite; ` +
      `${holdShoppers} shoppers; pgbench: \`${r.pgbenchCommands.holdSql ?? 'n/a'}\` and \`${r.pgbenchCommands.simpleUpdate ?? 'n/a'}\`)\n\n${table(
        [
          'Rep',
          'HTTP PostgreSQL holds/s (load)',
          'pgbench hold_seat holds/s (load)',
          'pgbench -N tps (load)',
          'HTTP PGlite holds/s (load)',
          'HTTP p50 / p99 ms (holds)',
          'HTTP server / load generator cores',
        ],
        r.repetitions.map((rep, i) => [
          String(i + 1),
          `${fixed(rep.http.run.holdsPerSecond, 0)} (${loadOf(rep.http)})`,
          rep.holdSql ? `${fixed(rep.holdSql.run.holdsPerSecond, 0)} (${loadOf(rep.holdSql)})` : 'n/a',
          rep.simpleUpdate ? `${fixed(rep.simpleUpdate.run.tps, 0)} (${loadOf(rep.simpleUpdate)})` : 'n/a',
          `${fixed(rep.pglite.run.holdsPerSecond, 0)} (${loadOf(rep.pglite)})`,
          `${fixed(rep.http.run.latencyMs.p50)} / ${fixed(rep.http.run.latencyMs.p99)} (${thousands(rep.http.run.latencyMs.samples)})`,
          `${fixed(rep.http.run.serverCores, 2)} / ${fixed(rep.http.run.loadGeneratorCores, 2)}`,
        ]),
      )}`,
  );
  const answers = new Map<string, number>();
  for (const rep of r.repetitions)
    for (const run of [rep.http.run, rep.pglite.run])
      for (const [outcome, count] of Object.entries(run.outcomes)) answers.set(outcome, (answers.get(outcome) ?? 0) + count);
  notes.push(
    `Seat holds: HTTP answers over all runs: ${[...answers]
      .sort((a, b) => b[1] - a[1])
      .map(([outcome, count]) => `${outcome} × ${thousands(count)}`)
      .join(', ')}. Each hold is one call of hold_seat: one round trip and one commit carrying the seat and its ` +
      'live event (NOTIFY included), as test/seat-hold.test.ts checks. PostgreSQL lets one NOTIFYing transaction ' +
      'commit at a time, so holds cannot share a WAL flush as pgbench -N transactions do: that, not the server, ' +
      'bounds holds/s against pgbench -N.',
  );
  if (r.noPgbench)
    notes.push('pgbench not found on PATH or in /usr/lib/postgresql/*/bin: the seat-hold references were skipped.');
}

// ---------------------------------------------------------------------------------------------
// 4. Live-updates fan-out

async function ssePart() {
  const version = sseDb === 'postgres' ? await postgresVersion() : undefined;
  const on = version ? `PostgreSQL ${version} (fresh database, LISTEN/NOTIFY)` : 'PGlite in memory (in-process notify)';
  log(
    `\n4. Live updates: ${thousands(sseClients)} SSE clients in ${sseProcesses} processes, ${sseRounds} events per run ` +
      `(+${SSE_WARMUP_ROUNDS} warm-up), the CLI on ${on} against a bare node:http broadcaster, ${sseRepetitions}× alternating`,
  );
  const run = (databaseUrl: string) =>
    benchSse({
      databaseUrl,
      clients: sseClients,
      rounds: sseRounds,
      repetitions: sseRepetitions,
      clientProcesses: sseProcesses,
      log,
    });
  const r: SseBenchResult = version ? await withFreshDatabase(adminUrl, run, 'bench_sse') : await run('pglite');

  const msSpread = (s: Spread) => `${fixed(s.min)} / ${fixed(s.median)} / ${fixed(s.max)} ms`;
  const ratioSpread = (s: Spread) => `${fixed(s.min, 2)} / ${fixed(s.median, 2)} / ${fixed(s.max, 2)}×`;
  const flockRuns = r.runs.filter((x) => x.target === 'flock');
  const samples = flockRuns[0]?.deliveries ?? 0;
  summary.push([
    `Live fan-out to ${thousands(r.clients)} SSE clients (${version ? 'PostgreSQL' : 'PGlite'}), min / median / max of ${flockRuns.length} runs`,
    '',
    '',
  ]);
  summary.push([`  Flock: every delivery p50 (${thousands(samples)} per run)`, msSpread(r.flock.p50), '']);
  summary.push(['  Flock: every delivery p99', msSpread(r.flock.p99), '']);
  summary.push(['  Flock: last client, median round', msSpread(r.flock.last), '']);
  summary.push(['  bare node:http broadcaster: p50', msSpread(r.reference.p50), '']);
  summary.push(['  bare node:http broadcaster: p99', msSpread(r.reference.p99), '']);
  summary.push(['  bare node:http broadcaster: last client', msSpread(r.reference.last), '']);
  summary.push(['  Flock ÷ bare: p50', ratioSpread(r.ratio.p50), '≤ 1.5×']);
  summary.push(['  Flock ÷ bare: p99', ratioSpread(r.ratio.p99), '≤ 1.5×']);
  summary.push(['  Flock ÷ bare: last client', ratioSpread(r.ratio.last), '≤ 1.5×']);
  summary.push([
    '  server CPU per event: Flock (hold + fan-out) / bare',
    `${fixed(r.flock.cpuMsPerRound.median)} / ${fixed(r.reference.cpuMsPerRound.median)} ms`,
    '',
  ]);

  sections.push(
    `Live fan-out runs (${thousands(r.clients)} clients in ${r.clientProcesses} processes, ${r.rounds} events each; ` +
      `ms from just before the trigger request to the bytes reaching the client process, CLOCK_MONOTONIC in both):\n\n${table(
        [
          'Run',
          'Load avg',
          'Connected',
          'Server RSS',
          'Frame',
          'First client',
          'p50',
          'p99',
          'Max',
          'Last client',
          'Trigger',
          'Server CPU/event',
        ],
        r.runs.map((x) => [
          `${x.target} ${x.repetition}`,
          fixed(x.loadAverage, 2),
          thousands(x.connected),
          `${mb(x.serverRssBytes.before)} → ${mb(x.serverRssBytes.after)}`,
          `${x.frameBytes} B`,
          fixed(spread(x.rounds.map((round) => round.firstMs)).median),
          fixed(x.deliveryMs.p50),
          fixed(x.deliveryMs.p99),
          fixed(x.deliveryMs.max),
          fixed(x.lastClientMs),
          fixed(spread(x.rounds.map((round) => round.triggerMs)).median),
          `${fixed(x.serverCpuMsPerRound)} ms`,
        ]),
      )}`,
  );
  if (!r.fd.enough) {
    notes.push(
      `Live fan-out: the open-files limit is ${r.fd.soft} (hard ${r.fd.hard}), too low for ${thousands(r.clients)} clients ` +
        `(about ${r.fd.need} needed here and as many in the server process): raise it (\`ulimit -n ${r.fd.need + 1000}\` as root, ` +
        'or LimitNOFILE / limits.conf) or lower BENCH_SSE_CLIENTS.',
    );
  }
  for (const x of r.runs) {
    const failures = Object.entries(x.connectFailures);
    const problems = [
      failures.length ? `never connected: ${failures.map(([k, v]) => `${k} × ${v}`).join(', ')}` : '',
      x.missed ? `${x.missed} deliveries missing (none within 10 s)` : '',
      x.unexpectedEvents ? `${x.unexpectedEvents} events outside their round (or twice)` : '',
      x.streamsEndedEarly ? `${x.streamsEndedEarly} streams ended by the server` : '',
      x.closedSockets !== x.connected ? `${x.connected - x.closedSockets} sockets not closed at the end` : '',
    ].filter(Boolean);
    if (problems.length) notes.push(`Live fan-out, ${x.target} run ${x.repetition}: ${problems.join('; ')}.`);
  }
}

async function notifyPart() {
  const version = await postgresVersion();
  if (version === undefined) return;
  log(
    `\n4b. Where LISTEN/NOTIFY saturates on PostgreSQL ${version}: pgbench with and without NOTIFY, then holds ` +
      `through two CLI processes with ${notifyStreams} stream clients each, at ${notifyConcurrency.join(', ')} concurrent holds`,
  );
  const r = await withFreshDatabase(
    adminUrl,
    (databaseUrl) =>
      benchNotifySaturation({
        databaseUrl,
        concurrency: notifyConcurrency,
        pgbenchClients: notifyPgbenchClients,
        seconds: notifySeconds,
        repetitions: 3,
        streamsPerServer: notifyStreams,
        topicsPerStream: 10,
        teams: notifyTeams,
        clientProcesses: sseProcesses,
        log,
      }),
    'bench_sse',
  );
  const tps = (s: Spread) => `${thousands(s.min)} / ${thousands(s.median)} / ${thousands(s.max)}`;
  if (r.ceiling.length) {
    sections.push(
      `NOTIFY ceiling: pgbench inserting live events as publishLiveEvent does, alone and with its pg_notify ` +
        `(two server processes listening), ${notifySeconds} s runs alternating 3×, commits/s min / median / max ` +
        `(${r.ceiling[0]?.command}):\n\n${table(
          ['Clients', 'Insert', 'Insert + NOTIFY', 'NOTIFY ÷ insert'],
          r.ceiling.map((c) => [
            String(c.clients),
            tps(c.plainTps),
            tps(c.notifyTps),
            `${fixed((c.notifyTps.median / c.plainTps.median) * 100, 0)} %`,
          ]),
        )}`,
    );
  }
  sections.push(
    `Seat holds through two CLI processes on one database, ${thousands(r.streams)} streams in all, ` +
      `${fixed(r.followersPerTeam)} followers per team over both on average; follower times run from just before the hold request:\n\n${table(
        [
          'Concurrent',
          'Load avg',
          'Holds/s',
          'Hold p50 / p99 ms',
          'First follower p50 / p99 ms',
          'Last follower p50 / p99 ms',
          'Deliveries missing',
          'Machine busy',
          'Servers (cores)',
          'NOTIFY queue',
        ],
        r.levels.map((l) => [
          String(l.concurrency),
          fixed(l.loadAverage, 2),
          thousands(l.holdsPerSecond),
          `${fixed(l.holdMs.p50)} / ${fixed(l.holdMs.p99)}`,
          `${fixed(l.firstFollowerMs.p50)} / ${fixed(l.firstFollowerMs.p99)}`,
          `${fixed(l.lastFollowerMs.p50)} / ${fixed(l.lastFollowerMs.p99)}`,
          `${thousands(l.deliveriesMissing)} of ${thousands(l.deliveries + l.deliveriesMissing)}`,
          `${fixed(l.machineBusy * 100, 0)} %`,
          fixed(l.serverCores, 2),
          `${fixed(l.queueUsage * 100, 2)} %`,
        ]),
      )}`,
  );
  const best = [...r.levels].sort((x, y) => y.holdsPerSecond - x.holdsPerSecond)[0];
  if (best) {
    summary.push([
      'Holds/s through 2 processes with live streams (best level)',
      `${thousands(best.holdsPerSecond)} at ${best.concurrency} concurrent`,
      '',
    ]);
  }
  for (const l of r.levels) {
    const failures = Object.entries(l.failures);
    if (failures.length)
      notes.push(`NOTIFY saturation, ${l.concurrency} concurrent: ${failures.map(([k, v]) => `${k} × ${v}`).join(', ')}.`);
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
// 7. Cached reads against a bare Hono hello-world

async function readsPart() {
  const version = readsDb === 'postgres' ? await postgresVersion() : undefined;
  const on = version ? `PostgreSQL ${version} (fresh database)` : 'PGlite in memory';
  log(
    `\n7. Cached reads: the CLI on ${on} against a bare Hono hello-world, ${readsConnections} keep-alive connections, ` +
      `${readsSeconds} s per run, ${readsRepetitions}× alternating`,
  );
  const run = (databaseUrl: string) =>
    benchReads({ databaseUrl, seconds: readsSeconds, connections: readsConnections, repetitions: readsRepetitions, log });
  const r = version ? await withFreshDatabase(adminUrl, run, 'bench_reads') : await run('pglite');
  const rps = (s: Spread) => `${[s.min, s.median, s.max].map(thousands).join(' / ')} req/s`;
  const percent = (s: Spread) => `${[s.min, s.median, s.max].map((x) => fixed(x * 100)).join(' / ')} %`;
  summary.push([`Reads (${version ? 'PostgreSQL' : 'PGlite'}), min / median / max of ${readsRepetitions} runs`, '', '']);
  summary.push(['  bare Hono hello-world', rps(r.requestsPerSecond.hello), '']);
  for (const kind of READ_KINDS) {
    summary.push([`  ${kind}`, rps(r.requestsPerSecond[kind]), '']);
    summary.push([`    ÷ hello-world`, percent(r.ratio[kind]), kind === 'offer' || kind === 'offer 304' ? '≥ 30 %' : '']);
  }
  sections.push(
    `Reads runs (${readsSeconds} s each after 1 s of warm-up, ${readsConnections} connections; body in bytes, kB = 1000 B):\n\n${table(
      ['Run', 'Load avg', 'req/s', 'Statuses', 'Body', 'Server CPU', 'Server CPU per request', 'Generator CPU'],
      r.runs.map((x) => [
        `${x.target} ${x.repetition}`,
        fixed(x.loadAverage, 2),
        thousands(x.requestsPerSecond),
        Object.entries(x.statuses)
          .map(([status, count]) => `${status} × ${thousands(count)}`)
          .join(', '),
        `${x.bodyBytes} B`,
        `${fixed(x.serverCores, 2)} cores`,
        `${fixed((x.serverCores / x.requestsPerSecond) * 1e6)} µs`,
        `${fixed(x.generatorCores, 2)} cores`,
      ]),
    )}`,
  );
  notes.push(
    'Reads: the hello-world server does not fill its core (see its CPU), so its req/s is a floor of what it could do; ' +
      'the server CPU per request compares the two without that limit.',
  );
  for (const problem of r.unexpected) notes.push(`Reads: answers of an unexpected status in ${problem}.`);
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
  if (parts.has('notify')) await notifyPart();
  if (parts.has('console')) await consolePart();
  if (parts.has('reads')) await readsPart();
} catch (error) {
  // Print whatever was measured; the failure goes in the notes and the exit code.
  notes.push(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}

console.log(`\nFlock benchmark (${seconds} s runs, ${clients} clients; kB = 1000 B, MiB = 1024 × 1024 B)\n`);
console.log(table(['Figure', 'Value', 'Goal'], summary));
for (const section of sections) console.log(`\n${section}`);
if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
