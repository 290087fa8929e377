import { type AssistStats, MAX_STATS_DAYS, type OrderStats, type RedemptionStats, type TeamStats } from '@flock/protocol';
import { ApiError } from '../errors.js';
import type { Db } from '../infra/db.js';
import { type BigIntish, money } from './money.js';

// The console's overview charts, counted from the merchant's own rows each time they are asked
// for: no second copy of any figure exists to drift from the lists. Each series is one statement
// that walks the merchant's days and, for each, counts one index range (0020_stats.sql): the
// work grows with the rows in the range, never with the merchant's whole history.

/** What every stats route is asked, as the route table parsed it. */
export interface StatsQuery {
  from: string;
  to: string;
  timeZone?: string;
}

/** The range, checked: its zone as PostgreSQL and the browser both name it, and every day of it. */
interface StatsRange {
  from: string;
  to: string;
  timeZone: string;
  days: string[];
}

/**
 * An IANA name: letters first, then letters, digits, `_`, `+`, `-` in `/`-separated parts. This
 * keeps out the POSIX offsets ("+08:00", "UTC+8") PostgreSQL would also take, with the sign reversed.
 */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9][A-Za-z0-9_+-]*)*$/;

const invalidZone = (name: string) =>
  new ApiError('invalid_time_zone', `"${name.slice(0, 64)}" is not an IANA time zone such as Asia/Shanghai or UTC.`, [
    { path: ['timeZone'], message: 'an IANA time zone name' },
  ]);

/** The zone's canonical name (asia/shanghai → Asia/Shanghai), or 400 invalid_time_zone. */
function canonicalZone(name: string): string {
  if (!ZONE_NAME.test(name)) throw invalidZone(name);
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw invalidZone(name);
  }
}

const DAY_MS = 86_400_000;

/** Ranges longer than this are read in two halves in parallel (see inRange). */
const SPLIT_AFTER_DAYS = 31;

/** Checks the range (400 invalid_date_range) and lists its days. */
export function statsRange(query: StatsQuery): StatsRange {
  const timeZone = canonicalZone(query.timeZone ?? 'UTC');
  const first = Date.parse(`${query.from}T00:00:00Z`);
  const last = Date.parse(`${query.to}T00:00:00Z`);
  const count = Math.round((last - first) / DAY_MS) + 1;
  if (count < 1) {
    throw new ApiError('invalid_date_range', '`to` is before `from`.', [{ path: ['to'], message: 'on or after from' }]);
  }
  if (count > MAX_STATS_DAYS) {
    throw new ApiError('invalid_date_range', `The range is ${count} days; ask for at most ${MAX_STATS_DAYS} at a time.`, [
      { path: ['to'], message: `at most ${MAX_STATS_DAYS} days after from, counting both` },
    ]);
  }
  const days = Array.from({ length: count }, (_, i) => new Date(first + i * DAY_MS).toISOString().slice(0, 10));
  return { from: query.from, to: query.to, timeZone, days };
}

/**
 * The merchant's days as instants: each day of the range from its midnight to the next in the
 * zone (23 or 25 hours long on a daylight-saving change). $2 is the zone, $3 and $4 the range.
 */
const DAYS = `days as (
  select d::date as day, d at time zone $2 as starts, (d + interval '1 day') at time zone $2 as ends
  from generate_series($3::date::timestamp, $4::date::timestamp, interval '1 day') as d
)`;

/**
 * Runs a series' statement over the range; a zone this database does not know is still 400, not 500.
 * Without JIT: the planner cannot know how many days the range has nor how many rows each holds
 * (both are parameters), so it guesses a thousand days of thousands of rows, and PostgreSQL's JIT
 * would then spend 80–360 ms compiling a statement that runs in a few.
 */
async function inRange<Row>(db: Db, text: string, merchantId: string, range: StatsRange): Promise<Row[]> {
  const inDays = (from: string, to: string) =>
    db.transaction(async (tx) => {
      await tx.query(`set local jit = off`);
      return tx.query<Row>(`with ${text}`, [merchantId, range.timeZone, from, to]);
    });
  try {
    // Every row names its day, so a long range can be read in two halves at once, on two
    // connections (two cores of the database): a quarter's chart then takes half as long.
    const { days } = range;
    if (days.length <= SPLIT_AFTER_DAYS) return await inDays(range.from, range.to);
    const half = Math.ceil(days.length / 2);
    const halves = await Promise.all([inDays(range.from, days[half - 1] as string), inDays(days[half] as string, range.to)]);
    return halves.flat();
  } catch (error) {
    if ((error as { code?: unknown }).code === '22023' && /time zone/.test(String((error as Error).message))) {
      throw invalidZone(range.timeZone);
    }
    throw error;
  }
}

/** One figure per day of the range from rows naming their day (`YYYY-MM-DD`); zero where none does. */
function perDay<Row extends { day: string }>(range: StatsRange, rows: readonly Row[], value: (row: Row) => number): number[] {
  const byDay = new Map<string, number>();
  for (const row of rows) byDay.set(row.day, (byDay.get(row.day) ?? 0) + value(row));
  return range.days.map((day) => byDay.get(day) ?? 0);
}

/** Rows by one of their fields, in the order each value first appears. */
function groupBy<Row, Key>(rows: readonly Row[], key: (row: Row) => Key): Map<Key, Row[]> {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

const { MAX_SAFE_INTEGER } = Number;
const total = (values: readonly number[]) => values.reduce((sum, value) => Math.min(MAX_SAFE_INTEGER, sum + value), 0);

/**
 * Teams opened (the leader paid: `opened_at`) and closed as succeeded or failed (`closed_at`) per
 * day. A team whose leader never paid never opened, and its closing counts nowhere.
 */
export async function teamStats(db: Db, merchantId: string, query: StatsQuery): Promise<TeamStats> {
  const range = statsRange(query);
  const rows = await inRange<{ day: string; opened: number; succeeded: number; failed: number }>(
    db,
    `${DAYS}
     select to_char(days.day, 'YYYY-MM-DD') as day, opened.n as opened, closed.succeeded, closed.failed
     from days
     cross join lateral (
       select count(*)::int as n from teams
       where merchant_id = $1 and opened_at >= days.starts and opened_at < days.ends
     ) as opened
     cross join lateral (
       select count(*) filter (where status = 'succeeded')::int as succeeded,
              count(*) filter (where status = 'failed')::int as failed
       from teams
       where merchant_id = $1 and opened_at is not null and closed_at >= days.starts and closed_at < days.ends
     ) as closed`,
    merchantId,
    range,
  );
  return {
    ...range,
    opened: perDay(range, rows, (row) => row.opened),
    succeeded: perDay(range, rows, (row) => row.succeeded),
    failed: perDay(range, rows, (row) => row.failed),
  };
}

/** Assists started (`created_at`) and completed (`completed_at`) per day. */
export async function assistStats(db: Db, merchantId: string, query: StatsQuery): Promise<AssistStats> {
  const range = statsRange(query);
  const rows = await inRange<{ day: string; started: number; completed: number }>(
    db,
    `${DAYS}
     select to_char(days.day, 'YYYY-MM-DD') as day,
       (select count(*)::int from assists
        where merchant_id = $1 and created_at >= days.starts and created_at < days.ends) as started,
       (select count(*)::int from assists
        where merchant_id = $1 and completed_at >= days.starts and completed_at < days.ends) as completed
     from days`,
    merchantId,
    range,
  );
  return {
    ...range,
    started: perDay(range, rows, (row) => row.started),
    completed: perDay(range, rows, (row) => row.completed),
  };
}

/**
 * Orders (how many, what they came to) and the commission earned on them per day and currency.
 * A commission is in its order's currency and made when the order is reported.
 */
export async function orderStats(db: Db, merchantId: string, query: StatsQuery): Promise<OrderStats> {
  const range = statsRange(query);
  const rows = await inRange<{ day: string; currency: string; orders: number; amount: BigIntish; commission: BigIntish }>(
    db,
    `${DAYS},
     sold as (
       select days.day, sold.currency, sold.orders, sold.amount from days
       cross join lateral (
         select currency, count(*)::int as orders, sum(amount)::bigint as amount from orders
         where merchant_id = $1 and created_at >= days.starts and created_at < days.ends
         group by currency
       ) as sold
     ),
     earned as (
       select days.day, earned.currency, earned.commission from days
       cross join lateral (
         select currency, sum(amount - reversed_amount)::bigint as commission from commissions
         where merchant_id = $1 and created_at >= days.starts and created_at < days.ends and status <> 'rejected'
         group by currency
       ) as earned
     )
     select to_char(coalesce(sold.day, earned.day), 'YYYY-MM-DD') as day,
       coalesce(sold.currency, earned.currency) as currency,
       coalesce(sold.orders, 0) as orders, coalesce(sold.amount, 0) as amount, coalesce(earned.commission, 0) as commission
     from sold full join earned on earned.day = sold.day and earned.currency = sold.currency`,
    merchantId,
    range,
  );
  const currencies = [...groupBy(rows, (row) => row.currency)].map(([currency, of]) => ({
    currency,
    orders: perDay(range, of, (row) => row.orders),
    amount: perDay(range, of, (row) => money(row.amount)),
    commission: perDay(range, of, (row) => money(row.commission)),
  }));
  // The busiest currency first (most orders, then most commission), then by code.
  currencies.sort(
    (a, b) =>
      total(b.orders) - total(a.orders) || total(b.commission) - total(a.commission) || a.currency.localeCompare(b.currency),
  );
  return { ...range, currencies };
}

/** Voucher redemptions per store and day (`redeemed_at`). */
export async function redemptionStats(db: Db, merchantId: string, query: StatsQuery): Promise<RedemptionStats> {
  const range = statsRange(query);
  const rows = await inRange<{ day: string; store: string; redemptions: number }>(
    db,
    `${DAYS}
     select to_char(days.day, 'YYYY-MM-DD') as day, used.store, used.redemptions from days
     cross join lateral (
       select store, count(*)::int as redemptions from voucher_redemptions
       where merchant_id = $1 and redeemed_at >= days.starts and redeemed_at < days.ends
       group by store
     ) as used`,
    merchantId,
    range,
  );
  const stores = [...groupBy(rows, (row) => row.store)].map(([store, of]) => ({
    store,
    redemptions: perDay(range, of, (row) => row.redemptions),
  }));
  stores.sort((a, b) => total(b.redemptions) - total(a.redemptions) || a.store.localeCompare(b.store));
  return { ...range, stores };
}
