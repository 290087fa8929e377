import { expect } from 'vitest';
import type { Db } from '../src/infra/db.js';
import { type Harness, offerInput, SHOP_ORIGIN } from './harness.js';

/** Response bodies are read as loose JSON; the assertions check their shape. */
export type Json = any;

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Asserts an error answer and returns its body. */
export async function expectError(response: Response, status: number, code: string): Promise<ApiErrorBody> {
  const text = await response.text();
  expect({ status: response.status, body: text }).toMatchObject({ status });
  const body = JSON.parse(text) as ApiErrorBody;
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body;
}

/** Asserts a success answer and returns its JSON body. */
export async function expectOk(response: Response, status = 200): Promise<Json> {
  const text = await response.text();
  expect({ status: response.status, body: text }).toMatchObject({ status });
  return JSON.parse(text);
}

const TABLES = ['merchants', 'api_keys', 'group_buy_offers', 'teams', 'reservations', 'webhook_events', 'idempotency_keys'];

/**
 * Row counts of every table plus a fingerprint of the mutable columns, so a test can assert that a
 * rejected request wrote nothing at all (no insert and no update).
 */
export async function snapshot(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of TABLES) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    out[table] = row?.n;
  }
  const [teams] = await db.query<{ f: string | null }>(
    `select string_agg(id || ':' || status || ':' || seats_taken || ':' || expires_at::text, ',' order by id) as f from teams`,
  );
  const [reservations] = await db.query<{ f: string | null }>(
    `select string_agg(id || ':' || status || ':' || coalesce(order_ref, '-'), ',' order by id) as f from reservations`,
  );
  const [merchants] = await db.query<{ f: string | null }>(
    `select string_agg(id || ':' || array_to_string(origins, ' ') || ':' || coalesce(webhook_url, '-'), ',' order by id) as f from merchants`,
  );
  const [keys] = await db.query<{ f: string | null }>(
    `select string_agg(key_hash || ':' || coalesce(expires_at::text, '-'), ',' order by key_hash) as f from api_keys`,
  );
  out.teamsFingerprint = teams?.f ?? '';
  out.reservationsFingerprint = reservations?.f ?? '';
  out.merchantsFingerprint = merchants?.f ?? '';
  out.keysFingerprint = keys?.f ?? '';
  return out;
}

/** Creates an offer through the API with the secret key and returns it. */
export async function newOffer(h: Harness, overrides: Record<string, unknown> = {}): Promise<Json> {
  return expectOk(await h.asMerchant('POST', '/v1/group-buy-offers', offerInput(overrides)), 201);
}

let orderSeq = 0;
export const nextOrderRef = () => `order-${Date.now().toString(36)}-${++orderSeq}`;

/** Opens a team as `leader` and confirms the leader's reservation, so the team is open. */
export async function openConfirmedTeam(h: Harness, offerId: string, leader: string): Promise<{ team: Json; reservation: Json }> {
  const opened = await expectOk(await h.asShopper(leader, 'POST', `/v1/group-buy-offers/${offerId}/teams`), 201);
  const reservation = await expectOk(
    await h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: nextOrderRef() }),
  );
  const team = await expectOk(await h.asShopper(leader, 'GET', `/v1/teams/${opened.team.id}`));
  expect(team.status).toBe('open');
  return { team, reservation };
}

/** Holds a seat for `shopper` and confirms it (the shop took payment). */
export async function joinAndPay(h: Harness, teamId: string, shopper: string): Promise<Json> {
  const joined = await expectOk(await h.asShopper(shopper, 'POST', `/v1/teams/${teamId}/reservations`), 201);
  return expectOk(await h.asMerchant('POST', `/v1/reservations/${joined.reservation.id}/confirm`, { orderRef: nextOrderRef() }));
}

/** Parsed outbox rows, optionally only those about one team. */
export async function webhookEvents(
  db: Db,
  teamId?: string,
): Promise<Array<{ id: string; type: string; payload: Json; attempts: number; delivered_at: Date | null }>> {
  const rows = await db.query<{ id: string; type: string; payload: string; attempts: number; delivered_at: Date | null }>(
    `select id, type, payload, attempts, delivered_at from webhook_events order by created_at, id`,
  );
  return rows
    .map((row) => ({ ...row, payload: JSON.parse(row.payload) }))
    .filter((row) => teamId === undefined || row.payload.data?.team?.id === teamId);
}

/** A raw request to the in-process app with exactly the given headers. */
export function rawRequest(
  h: Harness,
  method: string,
  path: string,
  options: { key?: string; origin?: string | null; shopperToken?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const origin = options.origin === undefined ? SHOP_ORIGIN : options.origin;
  if (origin) headers.origin = origin;
  if (options.shopperToken) headers['flock-shopper'] = options.shopperToken;
  return Promise.resolve(
    h.server.app.request(path, {
      method,
      headers,
      body: options.body ?? (method === 'GET' || method === 'OPTIONS' ? undefined : '{}'),
    }),
  );
}
