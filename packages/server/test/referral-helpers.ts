import { expect } from 'vitest';
import type { Db } from '../src/infra/db.js';
import type { Harness } from './harness.js';
import { expectOk, type Json, rawRequest } from './util.js';

export const DAY_MS = 24 * 3600 * 1000;

export const programInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Tea friends',
  commission: { type: 'percent', bps: 1000 },
  secondLevelBps: 300,
  holdDays: 7,
  attributionWindowDays: 30,
  product: {
    title: 'West Lake Longjing tea, 250 g',
    imageUrl: 'https://shop.test/img/tea.jpg',
    price: 19900,
    currency: 'CNY',
    url: 'https://shop.test/tea?variant=250g',
  },
  ...overrides,
});

export async function newProgram(h: Harness, overrides: Record<string, unknown> = {}): Promise<Json> {
  return expectOk(await h.asMerchant('POST', '/v1/referral-programs', programInput(overrides)), 201);
}

/**
 * Shopper tokens live at most 30 days and the tests move the clock by weeks, so tokens are minted
 * per shopper with the longest life and minted again when the moved clock gets near their expiry.
 */
const tokens = new WeakMap<Harness, Map<string, { token: string; expiresAt: number }>>();
export async function freshToken(h: Harness, shopperId: string): Promise<string> {
  const byShopper = tokens.get(h) ?? new Map<string, { token: string; expiresAt: number }>();
  tokens.set(h, byShopper);
  const held = byShopper.get(shopperId);
  if (held && held.expiresAt - h.clock.now().getTime() > 3600_000) return held.token;
  const minted = await expectOk(
    await h.asMerchant('POST', '/v1/shopper-tokens', { shopperId, displayName: shopperId, ttlSeconds: 30 * 86400 }),
    201,
  );
  byShopper.set(shopperId, { token: minted.token, expiresAt: Date.parse(minted.expiresAt) });
  return minted.token;
}

/** A call from the shop's page as `shopperId` (publishable key, Origin, shopper token). */
export async function asShopper(
  h: Harness,
  shopperId: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return rawRequest(h, method, path, {
    key: h.merchant.publishableKey,
    shopperToken: await freshToken(h, shopperId),
    body: body === undefined ? undefined : JSON.stringify(body),
    headers,
  });
}

/** Makes `shopperId` a promoter (201) and returns `{promoter, shareUrl}`. */
export async function join(
  h: Harness,
  programId: string,
  shopperId: string,
  options: { referredBy?: string; ip?: string } = {},
): Promise<Json> {
  const body = options.referredBy ? { referredBy: options.referredBy } : {};
  const headers: Record<string, string> = options.ip ? { 'x-forwarded-for': options.ip } : {};
  return expectOk(await asShopper(h, shopperId, 'POST', `/v1/referral-programs/${programId}/promoters`, body, headers), 201);
}

/** A visitor's browser landing through a promoter's link (publishable key, no shopper token). */
export function clickRequest(h: Harness, code: string, options: { ip?: string; shopperToken?: string; share?: string } = {}) {
  return rawRequest(h, 'POST', '/v1/referral-clicks', {
    key: h.merchant.publishableKey,
    shopperToken: options.shopperToken,
    body: JSON.stringify({ code, landingUrl: `https://shop.test/tea?flock_ref=${code}`, share: options.share }),
    headers: { 'x-forwarded-for': options.ip ?? '198.51.100.1', 'user-agent': 'TestBrowser/1.0' },
  });
}

export async function click(
  h: Harness,
  code: string,
  options: { ip?: string; shopperToken?: string; share?: string } = {},
): Promise<Json> {
  return expectOk(await clickRequest(h, code, options), 201);
}

let orderSeq = 0;
export const nextRef = (prefix = 'ref') => `${prefix}-${Date.now().toString(36)}-${++orderSeq}`;

export function orderRequest(h: Harness, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return h.asMerchant('POST', '/v1/orders', { orderRef: nextRef(), currency: 'CNY', ...body }, headers);
}

/** Reports an order that must be recorded now (201). */
export async function order(h: Harness, body: Record<string, unknown>): Promise<Json> {
  return expectOk(await orderRequest(h, body), 201);
}

export async function refund(h: Harness, orderRef: string, amount: number): Promise<Json> {
  return expectOk(await h.asMerchant('POST', `/v1/orders/${encodeURIComponent(orderRef)}/refunds`, { amount }), 201);
}

export async function stats(h: Harness, programId: string, shopperId: string): Promise<Json> {
  return expectOk(await asShopper(h, shopperId, 'GET', `/v1/promoters/me?program=${programId}`));
}

export async function advanceAndSweep(h: Harness, ms: number): Promise<void> {
  h.clock.advance(ms);
  await h.server.runJobs();
}

/** The sum of every account of one promoter, straight from the ledger. */
export async function accountSums(db: Db, promoterId: string): Promise<Record<string, number>> {
  const rows = await db.query<{ account: string; balance: string | number | bigint }>(
    `select account, sum(amount) as balance from ledger_entries where account like $1 group by account`,
    [`promoter:${promoterId}:%`],
  );
  const sums: Record<string, number> = { pending: 0, under_review: 0, available: 0, paid: 0 };
  for (const row of rows) sums[row.account.split(':')[2] as string] = Number(row.balance);
  return sums;
}

/** Asserts the promoter's stats equal the sums of their ledger accounts. */
export async function expectStatsMatchLedger(h: Harness, programId: string, shopperId: string, promoterId: string) {
  const s = await stats(h, programId, shopperId);
  const sums = await accountSums(h.db, promoterId);
  expect({ pending: s.pending, underReview: s.underReview, available: s.available, paid: s.paid }).toEqual({
    pending: sums.pending,
    underReview: sums.under_review,
    available: sums.available,
    paid: sums.paid,
  });
  return s;
}

/** Every movement is two entries that sum to zero, and every program's entries sum to zero. */
export async function expectLedgerBalanced(db: Db): Promise<void> {
  const movements = await db.query<{ movement_id: string; n: number; total: string }>(
    `select movement_id, count(*)::int as n, sum(amount)::text as total from ledger_entries group by movement_id
     having count(*) <> 2 or sum(amount) <> 0`,
  );
  expect(movements).toEqual([]);
  const programs = await db.query<{ program_id: string; total: string }>(
    `select program_id, sum(amount)::text as total from ledger_entries group by program_id having sum(amount) <> 0`,
  );
  expect(programs).toEqual([]);
}

/** Live events published on a promoter's topic, oldest first. */
export async function promoterEvents(db: Db, promoterId: string): Promise<Array<{ type: string; payload: Json }>> {
  const rows = await db.query<{ type: string; payload: string }>(
    `select type, payload from live_events where topic = $1 order by id`,
    [`promoter:${promoterId}`],
  );
  return rows.map((row) => ({ type: row.type, payload: JSON.parse(row.payload) }));
}

/** Row counts of every table a referral request may write. */
export async function referralSnapshot(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of [
    'referral_programs',
    'promoters',
    'referral_clicks',
    'orders',
    'order_refunds',
    'commissions',
    'promoter_payouts',
    'ledger_entries',
    'live_events',
    'webhook_events',
  ]) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    out[table] = row?.n;
  }
  const [fingerprint] = await db.query<{ f: string | null }>(
    `select string_agg(id || ':' || status || ':' || reversed_amount, ',' order by id) as f from commissions`,
  );
  const [orders] = await db.query<{ f: string | null }>(
    `select string_agg(id || ':' || refunded_amount, ',' order by id) as f from orders`,
  );
  return { ...out, commissionsFingerprint: fingerprint?.f ?? '', ordersFingerprint: orders?.f ?? '' };
}
