/**
 * The console's lists and charts at a million rows per merchant: a fresh PostgreSQL database filled
 * with `generate_series` (teams and their reservations, assists, orders, commissions and their ledger
 * entries, promoters and their clicks, payouts, vouchers and redemptions, staff keys, webhook
 * deliveries) for one merchant, and a quarter as many for a second one, then every list route's first
 * and next page and every chart's series over 7, 30 and 92 days (the longest range) timed through the real HTTP server
 * (createFlockServer + listen, in this process; one request at a time). Each request's statements are
 * recorded and replayed straight on a connection of their own: that is the reference, and the ratio
 * shows what the server adds (HTTP, auth, JSON, the round trips between statements).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MAX_STATS_DAYS } from '../../packages/protocol/src/index.js';
import { systemClock } from '../../packages/server/src/clock.js';
import { createMerchant } from '../../packages/server/src/domain/merchants.js';
import { connectPostgres, type Db, type Sql, type Tx } from '../../packages/server/src/infra/db.js';
import { createFlockServer } from '../../packages/server/src/server.js';

export interface ConsoleBenchOptions {
  databaseUrl: string;
  /** Rows per big table for the first merchant (the second gets a quarter). */
  rows: number;
  /** Days the rows are spread over, newest now. */
  spanDays: number;
  /** Timed requests per route (after a few untimed ones). */
  runs: number;
  log: (line: string) => void;
}

export interface Timing {
  min: number;
  median: number;
  p95: number;
}

export interface RouteTiming {
  /** What was asked, as a merchant's console asks it. */
  label: string;
  path: string;
  server: Timing;
  /** The same statements, replayed directly. */
  sql: Timing;
  statements: number;
  /** Rows (list items, or days) in the answer. */
  items: number;
  /** EXPLAIN (ANALYZE, BUFFERS) of the slowest statement, when the route is over the goal. */
  plan?: string;
}

export interface ConsoleBenchResult {
  generatedRows: Record<string, number>;
  generateSeconds: number;
  routes: RouteTiming[];
}

/** The goal for every list page and chart, in milliseconds. */
export const CONSOLE_GOAL_MS = 50;

const stats = (samples: number[]): Timing => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { min: sorted[0] ?? Number.NaN, median: at(0.5), p95: at(0.95) };
};

// ---------------------------------------------------------------------------------------------
// The data

const OFFERS = 200;
const CAMPAIGNS = 50;
const PROGRAMS = 20;
const PRODUCTS = 50;
const STORES = 20;

/**
 * One merchant's rows, `n` per big table, created from `span` days ago until now, newest first by
 * number (row 1 is the newest). Ids are the same for both merchants: every key starts with merchant_id.
 */
export function generationSteps(merchantId: string, n: number, spanDays: number): [table: string, sql: string][] {
  const m = `'${merchantId}'`;
  const promoters = Math.max(PROGRAMS, Math.floor(n / 10));
  const at = (g: string, count: number) => `(now() - (${g}::float8 * ${spanDays * 86_400} / ${count}) * interval '1 second')`;
  const pad = (value: string, width: number) => `lpad((${value})::text, ${width}, '0')`;
  /** Row g's parent among `count`: spread by a hash, so it does not follow the statuses' own `g % k`. */
  const parentOf = (g: string, count: number) => `(1 + abs(hashint4(${g}::int)) % ${count})`;
  const offerOf = (g: string) => `'off_' || ${pad(parentOf(g, OFFERS), 6)}`;
  const promoterOf = (g: string) => `'pro_' || ${pad(parentOf(g, promoters), 8)}`;
  /** The program of promoterOf(g): promoter p belongs to program 1 + p % PROGRAMS. */
  const programOfPromoter = (g: string) => `'prg_' || ${pad(`1 + ${parentOf(g, promoters)} % ${PROGRAMS}`, 4)}`;
  return [
    [
      'group_buy_offers',
      `insert into group_buy_offers (merchant_id, id, product_ref, title, regular_price, group_price, currency, team_size,
         team_ttl_seconds, hold_ttl_seconds, created_at, status)
       select ${m}, 'off_' || ${pad('g', 6)}, 'sku-' || g, 'Offer ' || g, 9900, 6990, 'CNY', 2, 86400, 600,
         now() - interval '${spanDays} days' - g * interval '1 hour', case when g % 10 = 0 then 'ended' else 'active' end
       from generate_series(1, ${OFFERS}) as g`,
    ],
    [
      'teams',
      // 60 % succeed, 25 % fail, 10 % open, 5 % wait for the leader to pay.
      `insert into teams (merchant_id, id, offer_id, status, size, seats_taken, expires_at, opened_at, closed_at, created_at)
       select ${m}, 'team_' || ${pad('g', 9)}, ${offerOf('g')}, s.status, 2, case s.status when 'succeeded' then 2 else 1 end,
         t.at + interval '1 day', case when s.status <> 'pending' then t.at + interval '5 minutes' end,
         case when s.status in ('succeeded', 'failed') then t.at + interval '2 hours' end, t.at
       from generate_series(1, ${n}) as g
       cross join lateral (select ${at('g', n)} as at) as t
       cross join lateral (select case when g % 20 = 0 then 'pending' when g % 20 < 3 then 'open'
                                       when g % 20 < 15 then 'succeeded' else 'failed' end as status) as s`,
    ],
    [
      'reservations',
      `insert into reservations (merchant_id, id, team_id, offer_id, shopper_id, display_name, leader, status, price, currency,
         expires_at, order_ref, confirmed_at, created_at)
       select t.merchant_id, 'res_' || substr(t.id, 6) || '_' || seat, t.id, t.offer_id, 'shp_' || substr(t.id, 6) || '_' || seat,
         'Shopper ' || seat, seat = 1, case when t.status = 'pending' then 'held' else 'confirmed' end, 6990, 'CNY',
         t.created_at + interval '10 minutes', case when t.status <> 'pending' then 'o-' || t.id || '-' || seat end,
         case when t.status <> 'pending' then t.created_at + interval '5 minutes' end, t.created_at
       from teams t cross join generate_series(1, 2) as seat
       where t.merchant_id = ${m} and (seat = 1 or t.status = 'succeeded')`,
    ],
    [
      'assist_campaigns',
      `insert into assist_campaigns (merchant_id, id, product_ref, title, mode, goal, ttl_seconds, purchase_ttl_seconds,
         reward_description, created_at, status)
       select ${m}, 'asc_' || ${pad('g', 4)}, 'sku', 'Campaign ' || g, 'progress', 3, 86400, 86400, 'A gift',
         now() - interval '${spanDays} days' - g * interval '1 hour', 'active'
       from generate_series(1, ${CAMPAIGNS}) as g`,
    ],
    [
      'assists',
      // 40 % completed, 10 % running, the rest expired.
      `insert into assists (merchant_id, id, campaign_id, owner_shopper_id, owner_display_name, mode, status, goal, helps,
         purchase_ttl_seconds, expires_at, completed_at, created_at)
       select ${m}, 'ast_' || ${pad('g', 9)}, 'asc_' || ${pad(parentOf('g', CAMPAIGNS), 4)}, 'shp_a' || g, 'Owner', 'progress',
         s.status, 3, case s.status when 'completed' then 3 else 1 end, 86400, t.at + interval '1 day',
         case when s.status = 'completed' then t.at + interval '6 hours' end, t.at
       from generate_series(1, ${n}) as g
       cross join lateral (select ${at('g', n)} as at) as t
       cross join lateral (select case when g % 10 < 4 then 'completed' when g % 10 = 4 then 'active' else 'expired' end as status) as s`,
    ],
    [
      'referral_programs',
      `insert into referral_programs (merchant_id, id, name, commission_type, commission_bps, hold_days, attribution_window_days,
         currency, product_title, product_url, created_at, status)
       select ${m}, 'prg_' || ${pad('g', 4)}, 'Program ' || g, 'percent', 1000, 7, 30, 'CNY', 'Tea', 'https://shop.example/tea',
         now() - interval '${spanDays} days' - g * interval '1 hour', 'active'
       from generate_series(1, ${PROGRAMS}) as g`,
    ],
    [
      'promoters',
      `insert into promoters (merchant_id, id, program_id, shopper_id, display_name, code, created_at)
       select ${m}, 'pro_' || ${pad('g', 8)}, 'prg_' || ${pad(`1 + g % ${PROGRAMS}`, 4)}, 'shp_p' || g, 'Promoter ' || g, 'C' || g,
         ${at('g', promoters)}
       from generate_series(1, ${promoters}) as g`,
    ],
    [
      'referral_clicks',
      `insert into referral_clicks (merchant_id, id, program_id, promoter_id, landing_url, created_at, expires_at)
       select ${m}, 'clk_' || ${pad('g', 9)}, ${programOfPromoter('g')}, ${promoterOf('g')}, 'https://shop.example/tea', t.at,
         t.at + interval '30 days'
       from generate_series(1, ${Math.floor(n / 2)}) as g cross join lateral (select ${at('g', Math.floor(n / 2))} as at) as t`,
    ],
    [
      'orders',
      // 80 % through a promoter, 10 % without one, 10 % in another currency.
      `insert into orders (merchant_id, id, order_ref, program_id, promoter_id, amount, currency, created_at)
       select ${m}, 'ord_' || ${pad('g', 9)}, 'ref-' || g, case when g % 10 < 8 then ${programOfPromoter('g')} end,
         case when g % 10 < 8 then ${promoterOf('g')} end, 1000 + (g * 37) % 20000,
         case when g % 10 = 9 then 'USD' else 'CNY' end, ${at('g', n)}
       from generate_series(1, ${n}) as g`,
    ],
    [
      'commissions',
      `insert into commissions (merchant_id, id, program_id, order_id, promoter_id, level, amount, reversed_amount, currency,
         status, available_at, created_at)
       select merchant_id, 'com_' || substr(id, 5), program_id, id, promoter_id, 1, greatest(1, amount / 10),
         case when s.status = 'reversed' then greatest(1, amount / 10) else 0 end, currency, s.status,
         created_at + interval '7 days', created_at
       from orders o
       cross join lateral (select case substr(o.id, 5)::int % 20 when 0 then 'under_review' when 1 then 'rejected'
                                       when 2 then 'reversed' when 3 then 'pending' when 4 then 'pending'
                                       else case when substr(o.id, 5)::int % 2 = 0 then 'available' else 'paid' end end as status) as s
       where o.merchant_id = ${m} and o.promoter_id is not null`,
    ],
    [
      'ledger_entries',
      `insert into ledger_entries (merchant_id, movement_id, program_id, account, amount, kind, commission_id, created_at)
       select c.merchant_id, 'mov_' || c.id, c.program_id, entry.account, entry.amount, 'accrue', c.id, c.created_at
       from commissions c
       cross join lateral (values ('merchant:commission_expense', -c.amount), ('promoter:' || c.promoter_id || ':pending', c.amount))
         as entry (account, amount)
       where c.merchant_id = ${m}`,
    ],
    [
      'promoter_payouts',
      `insert into promoter_payouts (merchant_id, id, program_id, promoter_id, amount, reference, created_at)
       select ${m}, 'pay_' || ${pad('g', 9)}, ${programOfPromoter('g')}, ${promoterOf('g')}, 500, 'WX-' || g, ${at('g', promoters)}
       from generate_series(1, ${promoters}) as g`,
    ],
    [
      'voucher_products',
      `insert into voucher_products (merchant_id, id, title, uses, created_at, status)
       select ${m}, 'vp_' || ${pad('g', 4)}, 'Voucher ' || g, 2, now() - interval '${spanDays} days' - g * interval '1 hour', 'active'
       from generate_series(1, ${PRODUCTS}) as g`,
    ],
    [
      'vouchers',
      `insert into vouchers (merchant_id, id, product_id, shopper_id, order_ref, status, uses, uses_left, created_at)
       select ${m}, 'vch_' || ${pad('g', 9)}, 'vp_' || ${pad(`1 + g % ${PRODUCTS}`, 4)}, 'shp_v' || g, 'vo-' || g, 'used_up', 2, 0,
         ${at('g', Math.ceil(n / 2))}
       from generate_series(1, ${Math.ceil(n / 2)}) as g`,
    ],
    [
      'voucher_redemptions',
      // Each voucher used twice, at one of 20 stores.
      `insert into voucher_redemptions (merchant_id, id, voucher_id, store, code_jti, redeemed_at)
       select ${m}, 'rdm_' || ${pad('g', 9)}, 'vch_' || ${pad('(g + 1) / 2', 9)}, 'Store ' || (1 + g % ${STORES}), 'jti-' || g,
         ${at('g', n)}
       from generate_series(1, ${n}) as g`,
    ],
    [
      'api_keys (staff)',
      `insert into api_keys (key_hash, merchant_id, kind, key_prefix, store, created_at, id, revoked_at)
       select 'bench-' || ${m} || '-' || g, ${m}, 'staff', 'sk_staff', 'Store ' || (1 + g % ${STORES}), t.at, 'key_bench' || g,
         case when g % 5 = 0 then t.at + interval '1 day' end
       from generate_series(1, ${Math.max(STORES, Math.floor(n / 1000))}) as g
       cross join lateral (select ${at('g', Math.max(STORES, Math.floor(n / 1000)))} as at) as t`,
    ],
    [
      'webhook_events',
      // 2 % failed for good (attempts past any maxAttempts), the rest delivered.
      `insert into webhook_events (merchant_id, id, type, payload, created_at, attempts, next_attempt_at, delivered_at, last_error)
       select ${m}, 'evt_' || ${pad('g', 9)}, 'team.succeeded',
         json_build_object('id', 'evt_' || ${pad('g', 9)}, 'type', 'team.succeeded',
           'createdAt', to_char(t.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'merchantId', ${m},
           'data', json_build_object('teamId', 'team_' || ${pad('g', 9)}))::text,
         t.at, case when g % 50 = 0 then 1000 else 1 end, t.at,
         case when g % 50 = 0 then null else t.at + interval '1 second' end, case when g % 50 = 0 then 'HTTP 500' end
       from generate_series(1, ${n}) as g cross join lateral (select ${at('g', n)} as at) as t`,
    ],
  ];
}

// ---------------------------------------------------------------------------------------------
// The server, with every statement it sends recorded

interface Recorded {
  text: string;
  params: readonly unknown[];
}

function recording(db: Db) {
  let current: Recorded[] | undefined;
  const record = (text: string, params: readonly unknown[] = []) => current?.push({ text, params });
  const wrap = <S extends Sql>(sql: S): Sql => ({
    query: (text, params) => {
      record(text, params);
      return sql.query(text, params);
    },
    exec: (text) => sql.exec(text),
  });
  const wrapTx = (tx: Tx): Tx => ({ ...wrap(tx), savepoint: (fn) => tx.savepoint((inner) => fn(wrapTx(inner))) });
  const recorded: Db = {
    ...wrap(db),
    kind: db.kind,
    // The replay runs a transaction's statements in one too (SET LOCAL only holds inside one).
    transaction: async (fn) => {
      record('begin');
      try {
        const result = await db.transaction((tx) => fn(wrapTx(tx)));
        record('commit');
        return result;
      } catch (error) {
        record('rollback');
        throw error;
      }
    },
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    close: () => db.close(),
  };
  return {
    db: recorded,
    /** Runs fn and answers the statements the server sent meanwhile. */
    async during(fn: () => Promise<unknown>): Promise<Recorded[]> {
      current = [];
      try {
        await fn();
        return current;
      } finally {
        current = undefined;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------

export async function benchConsoleLists(options: ConsoleBenchOptions): Promise<ConsoleBenchResult> {
  const { databaseUrl, rows, spanDays, runs, log } = options;
  const pool = connectPostgres(databaseUrl, { max: 10 });
  const server = recording(pool);
  const flock = await createFlockServer({
    db: server.db,
    jobIntervalMs: 0,
    log: () => {},
    secretKey: randomBytes(32).toString('base64url'),
  });
  const { url } = await flock.listen(0, '127.0.0.1');
  const direct = connectPostgres(databaseUrl, { max: 1 });
  try {
    const merchant = await createMerchant(pool, systemClock, flock.secrets, { name: 'Busy shop', origins: [] });
    const other = await createMerchant(pool, systemClock, flock.secrets, { name: 'Other shop', origins: [] });

    // 1. Rows
    const generatedRows: Record<string, number> = {};
    const started = performance.now();
    for (const [merchantId, n] of [
      [merchant.merchantId, rows],
      [other.merchantId, Math.max(100, Math.floor(rows / 4))],
    ] as const) {
      for (const [table, sql] of generationSteps(merchantId, n, spanDays)) {
        const stepStart = performance.now();
        await pool.exec(sql);
        const counted = table === 'api_keys (staff)' ? `api_keys where kind = 'staff' and` : `${table} where`;
        const [{ count } = { count: 0 }] = await pool.query<{ count: number }>(
          `select count(*)::int as count from ${counted} merchant_id = $1`,
          [merchantId],
        );
        if (merchantId === merchant.merchantId) generatedRows[table] = count;
        log(
          `   ${merchantId === merchant.merchantId ? 'busy' : 'other'} shop: ${table} ${count.toLocaleString('en-US')} rows, ${((performance.now() - stepStart) / 1000).toFixed(1)} s`,
        );
      }
    }
    log('   vacuum analyze');
    await pool.exec('vacuum analyze');
    const generateSeconds = (performance.now() - started) / 1000;

    // 2. The console's questions
    const [offer] = await pool.query<{ id: string }>(
      `select id from group_buy_offers where merchant_id = $1 order by created_at desc limit 1`,
      [merchant.merchantId],
    );
    const [program] = await pool.query<{ id: string }>(
      `select id from referral_programs where merchant_id = $1 order by created_at desc limit 1`,
      [merchant.merchantId],
    );
    const [campaign] = await pool.query<{ id: string }>(
      `select id from assist_campaigns where merchant_id = $1 order by created_at desc limit 1`,
      [merchant.merchantId],
    );
    const zone = 'Asia/Shanghai';
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    );
    const daysBack = (days: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    const lists: [label: string, path: string][] = [
      ['Group-buy offers', '/v1/group-buy-offers'],
      ['Teams', '/v1/teams'],
      ['Teams, open', '/v1/teams?status=open'],
      ['Teams, one offer', `/v1/teams?offer=${offer?.id}`],
      ['Teams, one offer, succeeded', `/v1/teams?offer=${offer?.id}&status=succeeded`],
      ['Assists', '/v1/assists'],
      ['Assists, one campaign', `/v1/assists?campaign=${campaign?.id}`],
      ['Assists, completed', '/v1/assists?status=completed'],
      ['Commissions held for review', '/v1/commissions?status=under_review'],
      ['Commissions', '/v1/commissions'],
      ['Orders', '/v1/orders'],
      ['Orders, one program', `/v1/orders?program=${program?.id}`],
      ['Promoters', '/v1/promoters'],
      ['Payouts', '/v1/payouts'],
      ['Ledger: promoter balances, one program', `/v1/promoter-balances?program=${program?.id}`],
      ['Issued vouchers', '/v1/issued-vouchers'],
      ['Issued vouchers, one product', '/v1/issued-vouchers?product=vp_0007'],
      ['Issued vouchers, used up', '/v1/issued-vouchers?status=used_up'],
      ['Redemptions', '/v1/redemptions'],
      ['Redemptions, one store', '/v1/redemptions?store=Store%207'],
      ['Webhook deliveries', '/v1/webhook-deliveries'],
      ['Webhook deliveries, failed', '/v1/webhook-deliveries?status=failed'],
      ['Staff keys', '/v1/staff-keys'],
    ];
    const withQuery = (path: string, extra: string) => `${path}${path.includes('?') ? '&' : '?'}${extra}`;

    const get = async (path: string) => {
      const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${merchant.secretKey}` } });
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body;
    };
    /** Runs the statements in order on the direct connection; `explainAt` runs that one under EXPLAIN ANALYZE instead. */
    const replay = async (statements: Recorded[], explainAt = -1) => {
      let slowest = { ms: -1, index: 0 };
      let plan: string | undefined;
      const start = performance.now();
      for (const [index, { text, params }] of statements.entries()) {
        const before = performance.now();
        if (index === explainAt) {
          const lines = await direct.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, params);
          plan = lines.map((line) => line['QUERY PLAN']).join('\n');
        } else {
          await direct.query(text, params);
        }
        const ms = performance.now() - before;
        if (ms > slowest.ms) slowest = { ms, index };
      }
      return { ms: performance.now() - start, slowest: slowest.index, plan };
    };

    const timeRoute = async (
      label: string,
      path: string,
      count: (body: Record<string, unknown>) => number,
    ): Promise<RouteTiming> => {
      // Untimed: the first calls warm the caches and PostgreSQL's plan choice (prepared statements go generic after five).
      for (let i = 0; i < 6; i++) await get(path);
      let body: Record<string, unknown> = {};
      const statements = await server.during(async () => {
        body = await get(path);
      });
      const serverMs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await get(path);
        serverMs.push(performance.now() - start);
      }
      const sqlMs: number[] = [];
      let slowest = 0;
      for (let i = 0; i < runs; i++) {
        const replayed = await replay(statements);
        sqlMs.push(replayed.ms);
        slowest = replayed.slowest;
      }
      const timing: RouteTiming = {
        label,
        path,
        server: stats(serverMs),
        sql: stats(sqlMs),
        statements: statements.length,
        items: count(body),
      };
      if (timing.server.median > CONSOLE_GOAL_MS) timing.plan = (await replay(statements, slowest)).plan;
      log(
        `   ${label.padEnd(48)} ${timing.server.median.toFixed(1).padStart(6)} ms (SQL ${timing.sql.median.toFixed(1)} ms, ${timing.statements} statements)`,
      );
      return timing;
    };

    const routes: RouteTiming[] = [];
    const listItems = (body: Record<string, unknown>) => (body.data as unknown[]).length;
    for (const [label, path] of lists) {
      const first = withQuery(path, 'limit=50');
      routes.push(await timeRoute(`${label}: first page`, first, listItems));
      const { nextCursor } = await get(first);
      if (typeof nextCursor === 'string') {
        routes.push(await timeRoute(`${label}: next page`, withQuery(first, `cursor=${nextCursor}`), listItems));
      }
    }
    routes.push(await timeRoute("Ledger: one program's totals", `/v1/referral-programs/${program?.id}/balances`, () => 1));
    // The console's 7 and 30 days, and the longest range the API takes (a quarter).
    for (const days of [7, 30, MAX_STATS_DAYS]) {
      for (const series of ['teams', 'assists', 'orders', 'redemptions']) {
        const path = `/v1/stats/${series}?from=${daysBack(days)}&to=${today}&timeZone=${zone}`;
        routes.push(await timeRoute(`Chart: ${series} per day, ${days} days`, path, (body) => (body.days as unknown[]).length));
      }
    }
    return { generatedRows, generateSeconds, routes };
  } finally {
    await flock.close();
    await direct.close();
    await pool.close();
  }
}
