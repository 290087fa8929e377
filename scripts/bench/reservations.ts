/**
 * Seat holds per second through the HTTP API of the shipped CLI (`node packages/server/bin/flock-server.js
 * start`), against pgbench running the very statement the server sends for a hold (hold_seat, migration
 * 0023_seat_hold.sql) as a custom script, on the same PostgreSQL database with the same clients and
 * duration; plain `pgbench -N` beside them; and the same HTTP load on a second CLI process on PGlite in
 * memory. The four alternate, repetition after repetition, and every run is followed by an oversell check.
 *
 * Every run draws its team and its shopper at random, uniformly, from its own fresh set of teams (one
 * offer per run, teams of 100 with a paid leader) and from the same minted shoppers: the HTTP clients
 * and pgbench's script draw the same way, so both meet the same mix of holds, rare already_member and
 * row-lock waits. Teams are sized so that none fills in a run (about 40 holds each at the expected rate).
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { connectPostgres, type Db } from '../../packages/server/src/infra/db.js';
import { type CliServer, startCliServer } from './cli-server.js';
import { findPgbench, initPgbench, type PgbenchResult, runPgbench, runPgbenchScript } from './pgbench.js';
import { type Spread, spread } from './sse.js';

export const SHOP_ORIGIN = 'http://bench-shop.test';
const TEAM_SIZE = 100;
const GROUP_PRICE = 1990;
/** Holds a team takes on average in one run, at most: far from its 99 free seats, so none fills. */
const HOLDS_PER_TEAM = 40;

// ---------------------------------------------------------------------------------------------
// A throw-away database

/** Creates `<prefix>_<random>` next to the admin URL's database, runs fn on it and always drops it. */
export async function withFreshDatabase<T>(
  adminUrl: string,
  fn: (url: string) => Promise<T>,
  prefix = 'flock_bench',
): Promise<T> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
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
    body: method === 'GET' ? undefined : JSON.stringify(call.body ?? {}),
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

export const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);

// ---------------------------------------------------------------------------------------------
// The shop under load

interface Shop {
  server: CliServer;
  merchantId: string;
  publishableKey: string;
  secretKey: string;
  /** Shopper tokens; shopper i is `seat-<i + 1>`, as pgbench's script names it. */
  tokens: string[];
}

/** A merchant of the benches, allowing the bench's shop origin, created through the admin API. */
export const createBenchMerchant = (url: string, adminToken: string, name: string) =>
  expectOk<{ merchantId: string; publishableKey: string; secretKey: string }>(
    'create merchant',
    api(url, 'POST', '/v1/merchants', { key: adminToken, body: { name, origins: [SHOP_ORIGIN] } }),
  );

/** A group-buy offer of the benches: teams of `teamSize` that stay open a week, seats held a day. */
export const createBenchOffer = async (
  url: string,
  secretKey: string,
  offer: { productRef: string; title: string; teamSize: number; groupPrice?: number },
) =>
  (
    await expectOk<{ id: string }>(
      'create offer',
      api(url, 'POST', '/v1/group-buy-offers', {
        key: secretKey,
        body: {
          productRef: offer.productRef,
          title: offer.title,
          regularPrice: 2990,
          groupPrice: offer.groupPrice ?? 1990,
          currency: 'CNY',
          teamSize: offer.teamSize,
          teamTtlSeconds: 7 * 86400,
          holdTtlSeconds: 86400,
        },
      }),
    )
  ).id;

/** A shopper token for `shopperId`, as the shop's backend mints it. */
export const mintShopperToken = async (url: string, secretKey: string, shopperId: string) =>
  (
    await expectOk<{ token: string }>(
      'mint shopper token',
      api(url, 'POST', '/v1/shopper-tokens', { key: secretKey, body: { shopperId, displayName: shopperId } }),
    )
  ).token;

async function openShop(server: CliServer, shoppers: number): Promise<Shop> {
  const merchant = await createBenchMerchant(server.url, server.adminToken, 'Hold bench');
  const tokens: string[] = new Array(shoppers);
  await inLanes(shoppers, 20, async (i) => {
    tokens[i] = await mintShopperToken(server.url, merchant.secretKey, `seat-${i + 1}`);
  });
  return { server, ...merchant, tokens };
}

const newOffer = (shop: Shop, title: string) =>
  createBenchOffer(shop.server.url, shop.secretKey, {
    productRef: 'bench-tea',
    title,
    teamSize: TEAM_SIZE,
    groupPrice: GROUP_PRICE,
  });

/** A run's team ids: `team_<run>n<1…count>`, as pgbench's script builds them. */
const teamIds = (run: string, count: number) => Array.from({ length: count }, (_, i) => `team_${run}n${i + 1}`);

/**
 * A run's open teams on PostgreSQL, each with its leader paid, written as a leader's open-and-pay
 * leaves them (thousands through the API would take minutes).
 */
async function writeOpenTeams(db: Db, shop: Shop, offerId: string, run: string, count: number): Promise<string[]> {
  await db.query(
    `with opened as (
       insert into teams (merchant_id, id, offer_id, status, size, seats_taken, expires_at, opened_at, created_at)
       select $1, 'team_' || $3 || 'n' || n, $2, 'open', $5, 1, now() + interval '7 days', now(), now()
       from generate_series(1, $4::int) as n
       returning id
     )
     insert into reservations (merchant_id, id, team_id, offer_id, shopper_id, display_name, avatar_url, leader,
       status, price, currency, expires_at, order_ref, confirmed_at, created_at)
     select $1, 'res_' || opened.id, opened.id, $2, 'leader-' || opened.id, 'Leader', null, true,
       'confirmed', $6, 'CNY', now() + interval '7 days', 'order-' || opened.id, now(), now()
     from opened`,
    [shop.merchantId, offerId, run, count, TEAM_SIZE, GROUP_PRICE],
  );
  return teamIds(run, count);
}

/** A run's open teams on PGlite (no other way in than the API): each opened and paid by a leader. */
async function openTeamsThroughApi(shop: Shop, offerId: string, count: number): Promise<string[]> {
  const { url } = shop.server;
  const ids: string[] = new Array(count);
  // A leader with an unpaid team gets that team back, so each lane's leader pays before opening the next.
  await inLanes(count, 8, async (index, lane) => {
    const opened = await expectOk<{ team: { id: string }; reservation: { id: string } }>(
      'open team',
      api(url, 'POST', `/v1/group-buy-offers/${offerId}/teams`, { key: shop.publishableKey, shopperToken: shop.tokens[lane] }),
    );
    await expectOk(
      'pay for the team',
      api(url, 'POST', `/v1/reservations/${opened.reservation.id}/confirm`, {
        key: shop.secretKey,
        body: { orderRef: `lead-${index}` },
      }),
    );
    ids[index] = opened.team.id;
  });
  return ids;
}

// ---------------------------------------------------------------------------------------------
// The HTTP load

interface HttpRun {
  /** 201 answers. */
  holds: number;
  requests: number;
  seconds: number;
  holdsPerSecond: number;
  outcomes: Record<string, number>;
  /** Latency of the 201 answers, ms. */
  latencyMs: { p50: number; p99: number; samples: number };
  /** CPU time over the run, in cores: the server process, this (load-generating) process, the whole machine. */
  serverCores: number;
  loadGeneratorCores: number;
  machineBusy: number;
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

/** `clients` keep-alive connections, each posting holds on random teams for random shoppers until the time is up. */
async function holdOverHttp(shop: Shop, teams: string[], clients: number, seconds: number): Promise<HttpRun> {
  const { hostname, port } = new URL(shop.server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const outcomes: Record<string, number> = {};
  const latencies: number[] = [];
  const post = (teamId: string, token: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: `/v1/teams/${teamId}/reservations`,
          headers: {
            authorization: `Bearer ${shop.publishableKey}`,
            origin: SHOP_ORIGIN,
            'flock-shopper': token,
            'content-type': 'application/json',
            'content-length': '2',
          },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          response.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });

  const serverCpuBefore = shop.server.cpuMs();
  const machineBefore = machineTimes();
  const ownCpuBefore = process.cpuUsage();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const team = teams[Math.floor(Math.random() * teams.length)] as string;
      const token = shop.tokens[Math.floor(Math.random() * shop.tokens.length)] as string;
      const sent = performance.now();
      let outcome: string;
      try {
        const { status, body } = await post(team, token);
        if (status === 201) {
          latencies.push(performance.now() - sent);
          outcome = '201 held';
        } else {
          outcome = `${status} ${(JSON.parse(body) as { error?: { code?: string } }).error?.code ?? 'unknown'}`;
        }
      } catch (error) {
        outcome = `failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - start) / 1000;
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const machineAfter = machineTimes();
  const serverCpuMs = shop.server.cpuMs() - serverCpuBefore;
  agent.destroy();

  const sorted = Float64Array.from(latencies).sort();
  const holds = outcomes['201 held'] ?? 0;
  return {
    holds,
    requests: Object.values(outcomes).reduce((a, b) => a + b, 0),
    seconds: elapsed,
    holdsPerSecond: holds / elapsed,
    outcomes,
    latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), samples: sorted.length },
    serverCores: serverCpuMs / 1000 / elapsed,
    loadGeneratorCores: (ownCpu.user + ownCpu.system) / 1e6 / elapsed,
    machineBusy: 1 - (machineAfter.idle - machineBefore.idle) / (machineAfter.total - machineBefore.total),
  };
}

// ---------------------------------------------------------------------------------------------
// The reference: the same statement through pgbench

/**
 * pgbench's script for one run: the statement reserveSeat sends (domain/teams.ts), with a random
 * team of the run and a random shopper, as a prepared statement (the server's client prepares too).
 */
const holdScript = (merchantId: string, run: string, teams: number, shoppers: number) =>
  `\\set team random(1, ${teams})
\\set shopper random(1, ${shoppers})
select * from hold_seat('${merchantId}', 'team_${run}n' || :team, 'seat-' || :shopper, 'seat-' || :shopper, null,
  'res_' || md5(random()::text), null, now());
`;

// ---------------------------------------------------------------------------------------------
// The oversell check

export interface OversellCheck {
  teams: number;
  /** Teams with more paid + held seats than their size. */
  oversoldTeams: number;
  /** Teams whose seats_taken differs from their live reservations (PostgreSQL only; NaN on PGlite). */
  driftedTeams: number;
  /** Unpaid seats held in the run's teams: must equal the holds the run counted. */
  held: number;
}

/** Counted from the reservation rows themselves. */
async function checkInDatabase(db: Db, merchantId: string, offerId: string): Promise<OversellCheck> {
  const [row] = await db.query<OversellCheck>(
    `select count(*)::int as "teams",
            count(*) filter (where live > size)::int as "oversoldTeams",
            count(*) filter (where seats_taken <> live)::int as "driftedTeams",
            coalesce(sum(held), 0)::int as "held"
     from (select t.size, t.seats_taken,
                  count(r.id) filter (where r.status in ('held', 'confirmed'))::int as live,
                  count(r.id) filter (where r.status = 'held' and not r.leader)::int as held
           from teams t left join reservations r on r.merchant_id = t.merchant_id and r.team_id = t.id
           where t.merchant_id = $1 and t.offer_id = $2
           group by t.merchant_id, t.id, t.size, t.seats_taken) as per_team`,
    [merchantId, offerId],
  );
  return row as OversellCheck;
}

/** Counted from the merchant's team list (GET /v1/teams): the only way into PGlite in another process. */
async function checkThroughApi(shop: Shop, offerId: string): Promise<OversellCheck> {
  const check: OversellCheck = { teams: 0, oversoldTeams: 0, driftedTeams: Number.NaN, held: 0 };
  let cursor: string | null = null;
  do {
    const page: { data: Array<{ size: number; members: unknown[]; seatsHeld: number }>; nextCursor: string | null } =
      await expectOk(
        'list teams',
        api(shop.server.url, 'GET', `/v1/teams?offer=${offerId}&limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
          key: shop.secretKey,
        }),
      );
    for (const team of page.data) {
      check.teams++;
      if (team.members.length + team.seatsHeld > team.size) check.oversoldTeams++;
      check.held += team.seatsHeld;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return check;
}

// ---------------------------------------------------------------------------------------------
// The benchmark

export interface HoldBenchOptions {
  /** A fresh PostgreSQL database. */
  databaseUrl: string;
  seconds: number;
  clients: number;
  repetitions: number;
  /** Shoppers minted (and drawn from) on each server. */
  shoppers: number;
  /** pgbench -s for the -N reference. */
  pgbenchScale: number;
  log: (line: string) => void;
}

export interface Measured<T> {
  /** 1-minute load average just before the run. */
  load: number;
  run: T;
  check?: OversellCheck;
}

export interface HoldBenchResult {
  repetitions: Array<{
    http: Measured<HttpRun>;
    /** pgbench running hold_seat: its TPS counts every attempt; holds are the rows it wrote. */
    holdSql?: Measured<PgbenchResult & { holds: number; holdsPerSecond: number }>;
    simpleUpdate?: Measured<PgbenchResult>;
    pglite: Measured<HttpRun>;
  }>;
  /** Holds/s: HTTP on PostgreSQL, pgbench's hold_seat, HTTP on PGlite; pgbench -N TPS. */
  http: Spread;
  holdSql?: Spread;
  simpleUpdate?: Spread;
  pglite: Spread;
  /** Per repetition: HTTP ÷ pgbench hold_seat, PGlite ÷ HTTP on PostgreSQL, HTTP ÷ pgbench -N. */
  httpToHoldSql?: Spread;
  pgliteToHttp: Spread;
  httpToSimpleUpdate?: Spread;
  teamsPerRun: { postgres: number; pglite: number };
  pgbenchCommands: { holdSql?: string; simpleUpdate?: string };
  /** Every run's check found no oversold team, no drifted count, and as many held seats as holds counted. */
  allChecksPassed: boolean;
  /** pgbench was not found: the reference runs were skipped. */
  noPgbench: boolean;
}

/** Teams for one run at `expectedHoldsPerSecond`, so that none fills. */
const teamsFor = (seconds: number, expectedHoldsPerSecond: number) =>
  Math.max(100, Math.ceil((seconds * expectedHoldsPerSecond) / HOLDS_PER_TEAM));

export async function benchHolds(options: HoldBenchOptions): Promise<HoldBenchResult> {
  const { log, seconds, clients } = options;
  const pgbench = findPgbench();
  const db = connectPostgres(options.databaseUrl, { max: 2 });
  const servers: CliServer[] = [];
  try {
    log('  starting flock-server on PostgreSQL and on PGlite (--memory), minting shoppers');
    const [onPostgres, onPglite] = await Promise.all([
      startCliServer({ databaseUrl: options.databaseUrl, name: 'flock-server (holds, PostgreSQL)' }),
      startCliServer({ databaseUrl: 'pglite', name: 'flock-server (holds, PGlite)' }),
    ]);
    servers.push(onPostgres, onPglite);
    const postgresShop = await openShop(onPostgres, options.shoppers);
    const pgliteShop = await openShop(onPglite, options.shoppers);
    if (pgbench) await initPgbench(pgbench, options.databaseUrl, options.pgbenchScale);

    const teamsPerRun = { postgres: teamsFor(seconds, 4000), pglite: teamsFor(seconds, 1500) };
    let allChecksPassed = true;
    const checked = (what: string, run: { holds: number }, check: OversellCheck) => {
      const ok = check.oversoldTeams === 0 && !(check.driftedTeams > 0) && check.held === run.holds;
      allChecksPassed &&= ok;
      log(
        `    check ${what}: ${check.teams} teams, oversold ${check.oversoldTeams}, ` +
          `seats_taken drift ${Number.isNaN(check.driftedTeams) ? 'n/a' : check.driftedTeams}, ` +
          `held seats ${check.held} for ${run.holds} holds counted${ok ? '' : '  <-- FAILED'}`,
      );
      return check;
    };
    const load = () => loadavg()[0] ?? Number.NaN;

    // Warm-up: the servers' JIT and caches, PostgreSQL's plans; not measured.
    {
      const postgresTeams = await writeOpenTeams(db, postgresShop, await newOffer(postgresShop, 'warm-up'), 'warm', 200);
      await holdOverHttp(postgresShop, postgresTeams, clients, Math.min(3, seconds));
      const pgliteTeams = await openTeamsThroughApi(pgliteShop, await newOffer(pgliteShop, 'warm-up'), 50);
      await holdOverHttp(pgliteShop, pgliteTeams, clients, Math.min(3, seconds));
    }

    const repetitions: HoldBenchResult['repetitions'] = [];
    const commands: HoldBenchResult['pgbenchCommands'] = {};
    for (let rep = 1; rep <= options.repetitions; rep++) {
      log(`  repetition ${rep} of ${options.repetitions}`);

      const httpOffer = await newOffer(postgresShop, `HTTP run ${rep}`);
      const httpTeams = await writeOpenTeams(db, postgresShop, httpOffer, `h${rep}`, teamsPerRun.postgres);
      const httpLoad = load();
      const http = await holdOverHttp(postgresShop, httpTeams, clients, seconds);
      log(
        `    HTTP, PostgreSQL:   ${http.holdsPerSecond.toFixed(0)} holds/s (load ${httpLoad.toFixed(2)}; ` +
          `server ${http.serverCores.toFixed(2)} cores, load generator ${http.loadGeneratorCores.toFixed(2)} cores, ` +
          `machine ${(http.machineBusy * 100).toFixed(0)} % busy)`,
      );
      const httpCheck = checked('HTTP, PostgreSQL', http, await checkInDatabase(db, postgresShop.merchantId, httpOffer));

      let holdSql: HoldBenchResult['repetitions'][number]['holdSql'];
      let simpleUpdate: HoldBenchResult['repetitions'][number]['simpleUpdate'];
      if (pgbench) {
        const sqlOffer = await newOffer(postgresShop, `pgbench run ${rep}`);
        await writeOpenTeams(db, postgresShop, sqlOffer, `p${rep}`, teamsPerRun.postgres);
        const sqlLoad = load();
        const result = await runPgbenchScript(pgbench, options.databaseUrl, {
          script: holdScript(postgresShop.merchantId, `p${rep}`, teamsPerRun.postgres, options.shoppers),
          clients,
          threads: cpus().length,
          seconds,
          protocol: 'prepared',
        });
        commands.holdSql = result.command;
        const check = await checkInDatabase(db, postgresShop.merchantId, sqlOffer);
        // Every hold pgbench made is a held seat of the run's teams: the check counts them.
        const holds = check.held;
        holdSql = { load: sqlLoad, run: { ...result, holds, holdsPerSecond: holds / seconds }, check };
        log(
          `    pgbench hold_seat:  ${holdSql.run.holdsPerSecond.toFixed(0)} holds/s, ${result.tps.toFixed(0)} statements/s ` +
            `(load ${sqlLoad.toFixed(2)})`,
        );
        checked('pgbench hold_seat', { holds }, check);

        const updateLoad = load();
        const update = await runPgbench(pgbench, options.databaseUrl, { seconds, clients, threads: cpus().length });
        commands.simpleUpdate = update.command;
        simpleUpdate = { load: updateLoad, run: update };
        log(`    pgbench -N:         ${update.tps.toFixed(0)} tps (load ${updateLoad.toFixed(2)})`);
      }

      const pgliteOffer = await newOffer(pgliteShop, `PGlite run ${rep}`);
      const pgliteTeams = await openTeamsThroughApi(pgliteShop, pgliteOffer, teamsPerRun.pglite);
      const pgliteLoad = load();
      const pglite = await holdOverHttp(pgliteShop, pgliteTeams, clients, seconds);
      log(
        `    HTTP, PGlite:       ${pglite.holdsPerSecond.toFixed(0)} holds/s (load ${pgliteLoad.toFixed(2)}; ` +
          `server ${pglite.serverCores.toFixed(2)} cores)`,
      );
      const pgliteCheck = checked('HTTP, PGlite', pglite, await checkThroughApi(pgliteShop, pgliteOffer));

      repetitions.push({
        http: { load: httpLoad, run: http, check: httpCheck },
        holdSql,
        simpleUpdate,
        pglite: { load: pgliteLoad, run: pglite, check: pgliteCheck },
      });
    }

    const each = <T>(pick: (r: HoldBenchResult['repetitions'][number]) => T | undefined) =>
      repetitions.map(pick).filter((v): v is T => v !== undefined);
    const httpRates = each((r) => r.http.run.holdsPerSecond);
    const sqlRates = each((r) => r.holdSql?.run.holdsPerSecond);
    const updateRates = each((r) => r.simpleUpdate?.run.tps);
    const pgliteRates = each((r) => r.pglite.run.holdsPerSecond);
    const ratios = (over: number[]) => (over.length ? spread(httpRates.map((rate, i) => rate / (over[i] as number))) : undefined);
    return {
      repetitions,
      http: spread(httpRates),
      holdSql: sqlRates.length ? spread(sqlRates) : undefined,
      simpleUpdate: updateRates.length ? spread(updateRates) : undefined,
      pglite: spread(pgliteRates),
      httpToHoldSql: ratios(sqlRates),
      pgliteToHttp: spread(pgliteRates.map((rate, i) => rate / (httpRates[i] as number))),
      httpToSimpleUpdate: ratios(updateRates),
      teamsPerRun,
      pgbenchCommands: commands,
      allChecksPassed,
      noPgbench: !pgbench,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await db.close();
  }
}
