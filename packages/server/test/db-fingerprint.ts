import type { Db } from '../src/infra/db.js';

/**
 * Tables a refused request may legitimately write: a refusal under an Idempotency-Key is stored to
 * be replayed, rate-limit counters (assist_help_rate before migration 0009) count refusals too, and
 * a page refused for its origin is remembered for the console to offer allowing it (blocked_origins).
 */
export const RECORDS_REFUSALS = new Set(['idempotency_keys', 'assist_help_rate', 'rate_limit_hits', 'blocked_origins']);

/**
 * Fingerprints every table of the database (row count and a hash of all rows as text) in one
 * query, bar RECORDS_REFUSALS, so a test can assert that a refused request wrote nothing at all.
 * Tables are read from the catalog, so ones added later are watched without editing this list.
 */
export async function tableFingerprinter(db: Db): Promise<() => Promise<Record<string, string>>> {
  const tables = (
    await db.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    )
  )
    .map((t) => t.name)
    .filter((name) => !RECORDS_REFUSALS.has(name));
  const query = tables
    .map(
      (t) =>
        `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`,
    )
    .join(' union all ');
  return async () => {
    const rows = await db.query<{ t: string; n: number; h: string }>(query);
    return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  };
}
