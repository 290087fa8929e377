import type { RouteSpec } from '@flock/protocol/reference';
import type { Context, MiddlewareHandler } from 'hono';
import { safeEqual, sha256Hex } from '../crypto.js';
import { ApiError } from '../errors.js';
import { insideTransaction, type Sql } from '../infra/db.js';
import { SEALED_PREFIX, type SecretBox } from '../infra/secret-box.js';
import type { AppEnv } from './context.js';

/** Idempotency keys are kept this long, as Stripe does. */
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/** Whose key it is: keys are scoped per merchant, key kind and shopper, so two shoppers never collide. */
interface KeyOwner {
  merchantId: string;
  scope: string;
}

/** The stored answer is sealed for its own key, so it opens nowhere else. */
const answerPlace = (owner: KeyOwner, key: string) => JSON.stringify(['idempotency_keys', owner.merchantId, owner.scope, key]);

/** Thrown inside the transaction to roll everything back while the 5xx answer goes out. */
const rollBack = Symbol('roll back');

/**
 * `Idempotency-Key` on a route the table declares `idempotent` (every POST, and the campaign PATCHes): the first answer is stored and replayed for the same method, path and body;
 * another body under the same key is 409 idempotency_conflict.
 *
 * The key is claimed, the handler runs and its answer is stored in ONE transaction (the handler's
 * own transactions become savepoints in it), so a claim never outlives the work: a crash or a
 * dropped connection rolls all three back and the key is free for the retry. A second request
 * with the same key meanwhile waits for the first (on the key's unique index, or PGlite's queue)
 * and then replays its answer. A 5xx rolls everything back, so the client can retry it; a 429
 * keeps what the handler counted (rate limits) but not the key.
 */
export const idempotency =
  (route: RouteSpec): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const key = c.req.header('idempotency-key');
    const owner = key ? ownerOf(c, route) : null;
    if (!key || !owner) return next();
    if (key.length > 255) throw new ApiError('invalid_request', 'Idempotency-Key is longer than 255 characters.');
    const deps = c.get('deps');
    const { db, clock, secrets } = deps;
    const row = [owner.merchantId, owner.scope, key];
    const requestHash = sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
    let replay: { status: number; body: string } | undefined;
    try {
      await db.transaction(async (tx) => {
        replay = await claim(tx, owner, key, requestHash, clock.now(), secrets);
        if (replay) return;
        c.set('deps', { ...deps, db: insideTransaction(db, tx) });
        try {
          await next();
        } finally {
          c.set('deps', deps);
        }
        const status = c.res.status;
        if (status >= 500) throw rollBack;
        if (status === 429) {
          await tx.query(`delete from idempotency_keys where merchant_id = $1 and scope = $2 and key = $3`, row);
          return;
        }
        const body = secrets.seal(await c.res.clone().text(), answerPlace(owner, key));
        await tx.query(
          `update idempotency_keys set response_status = $4, response_body = $5 where merchant_id = $1 and scope = $2 and key = $3`,
          [...row, status, body],
        );
      });
    } catch (error) {
      if (error !== rollBack) throw error;
    }
    if (replay) {
      return c.body(replay.body, replay.status as 200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
    }
  };

/**
 * Claims the key in the caller's transaction (a new row, or taking over one older than the TTL),
 * or returns the answer stored under it. A claim another transaction has not committed yet makes
 * this wait for it: its answer when it commits, the claim when it rolls back.
 */
async function claim(tx: Sql, owner: KeyOwner, key: string, requestHash: string, now: Date, secrets: SecretBox) {
  const row = [owner.merchantId, owner.scope, key];
  // A row without an answer is a claim left by a version that claimed outside the work's transaction.
  const claimed = await tx.query(
    `insert into idempotency_keys (merchant_id, scope, key, request_hash, created_at) values ($1, $2, $3, $4, $5::timestamptz)
     on conflict (merchant_id, scope, key) do update
       set request_hash = excluded.request_hash, response_status = null, response_body = null, created_at = excluded.created_at
       where idempotency_keys.created_at < $6::timestamptz or idempotency_keys.response_status is null
     returning key`,
    [...row, requestHash, now.toISOString(), new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString()],
  );
  if (claimed.length > 0) return undefined;
  const [stored] = await tx.query<{ request_hash: string; response_status: number | null; response_body: string | null }>(
    `select request_hash, response_status, response_body from idempotency_keys where merchant_id = $1 and scope = $2 and key = $3`,
    row,
  );
  if (stored && stored.request_hash !== requestHash) {
    throw new ApiError('idempotency_conflict', 'This Idempotency-Key was already used with a different request.');
  }
  if (!stored || stored.response_status === null || stored.response_body === null) {
    // Only a concurrent change between the two statements above gets here.
    throw new ApiError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly.');
  }
  return { status: stored.response_status, body: secrets.open(stored.response_body, answerPlace(owner, key)) };
}

/** Who owns a key: the API key's merchant, or the operator creating merchants (with the right token only). */
function ownerOf(c: Context<AppEnv>, route: RouteSpec): KeyOwner | null {
  const auth = c.get('auth');
  // A console session answers for its person: no one replays another's answer (a rolled key) by its Idempotency-Key.
  if (auth?.console) return { merchantId: auth.merchant.id, scope: `console:${auth.console.user.id}` };
  if (auth) return { merchantId: auth.merchant.id, scope: `${auth.kind}:${c.get('shopper')?.id ?? ''}` };
  const { adminToken } = c.get('deps');
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (route.auth.kind === 'operator' && adminToken && bearer && safeEqual(bearer, adminToken)) {
    return { merchantId: '', scope: 'operator' };
  }
  return null;
}

/** Seals the answers an older version stored in clear; run at start-up. */
export async function sealClearStoredAnswers(tx: Sql, secrets: SecretBox): Promise<void> {
  const clear = await tx.query<{ merchant_id: string; scope: string; key: string; response_body: string }>(
    `select merchant_id, scope, key, response_body from idempotency_keys
     where response_body is not null and not starts_with(response_body, $1) for update`,
    [SEALED_PREFIX],
  );
  for (const row of clear) {
    const owner = { merchantId: row.merchant_id, scope: row.scope };
    await tx.query(`update idempotency_keys set response_body = $4 where merchant_id = $1 and scope = $2 and key = $3`, [
      row.merchant_id,
      row.scope,
      row.key,
      secrets.seal(row.response_body, answerPlace(owner, row.key)),
    ]);
  }
}
