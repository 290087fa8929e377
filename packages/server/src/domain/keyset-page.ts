import { ApiError } from '../errors.js';
import type { Sql } from '../infra/db.js';

/** What every list route takes: `?limit=` (1–100, default 20) and the previous page's `nextCursor`. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export const DEFAULT_PAGE_LIMIT = 20;

/** Rows of a list: ordered by creation, newest first, ties broken by id. */
interface PagedRow {
  id: string;
  created_at: Date;
}

/** A cursor names the last row of a page: its creation time and id, opaque to the client. */
const encodeCursor = (row: PagedRow) => Buffer.from(JSON.stringify([row.created_at.toISOString(), row.id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && typeof id === 'string') return [createdAt, id];
  } catch {
    // falls through to the 400 below
  }
  throw new ApiError('invalid_request', 'That cursor is not one this server gave: start again without ?cursor=.', [
    { path: ['cursor'], message: 'not a cursor this server gave' },
  ]);
}

/**
 * One page of `table`'s rows matching `where` (its own `$1…$n` over `params`; `merchant_id = $1`
 * belongs in it), newest first, keyset-paged on (created_at, id) with ids compared byte by byte,
 * so rows created meanwhile never shift a page. Each list wants an index on
 * (merchant_id, created_at desc, id collate "C" desc), after its filters' columns.
 */
export async function keysetPage<Row extends PagedRow>(
  db: Sql,
  query: { table: string; where: string; params: unknown[] },
  page: PageRequest,
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const limit = page.limit ?? DEFAULT_PAGE_LIMIT;
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const n = query.params.length;
  const rows = await db.query<Row>(
    `select * from ${query.table}
     where ${query.where}
       and ($${n + 1}::timestamptz is null or (created_at, id collate "C") < ($${n + 1}::timestamptz, $${n + 2}::text collate "C"))
     order by created_at desc, id collate "C" desc limit $${n + 3}`,
    [...query.params, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return { rows: pageRows, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** A campaign list's rows (offers, assist campaigns, programs, voucher products), of one status when asked. */
export const campaignsOf = (table: string, merchantId: string, status: string | undefined) => ({
  table,
  where: 'merchant_id = $1 and ($2::text is null or status = $2)',
  params: [merchantId, status ?? null],
});

/** What a campaign list takes: paging and an optional status. */
export type CampaignPageRequest = PageRequest & { status?: 'active' | 'paused' | 'ended' };
