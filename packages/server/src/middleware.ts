import { SHOPPER_HEADER } from '@flock/protocol';
import { sValidator } from '@hono/standard-validator';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';
import { sha256Hex } from './crypto.js';
import type { KeyKind } from './domain/merchants.js';
import { verifyShopperToken } from './domain/shoppers.js';
import { ApiError } from './errors.js';

const CORS_ALLOW_HEADERS = 'authorization, content-type, flock-shopper, idempotency-key';
const CORS_EXPOSE_HEADERS = 'idempotent-replayed';

/**
 * Resolves the bearer key and the shopper token, enforces the publishable key's origin allowlist
 * and answers CORS for exactly the merchant's origins. Which keys a route takes is up to the route.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, clock, keys } = c.var.deps;
  const origin = c.req.header('origin');
  if (c.req.method === 'OPTIONS') {
    // A preflight carries no key, so it cannot tell which merchant's origins apply. It is answered
    // for any origin: the real request is checked against its own merchant's list, and its refusal
    // (403 origin_not_allowed) must reach the page's code instead of a blank CORS failure.
    if (!origin) return c.body(null, 204);
    return c.body(null, 204, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, PATCH, OPTIONS',
      'access-control-allow-headers': CORS_ALLOW_HEADERS,
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  }
  c.set('auth', null);
  c.set('shopper', null);
  // The operator route takes the operator token, not an API key; it checks it itself.
  if (c.req.method === 'POST' && c.req.path === '/v1/merchants') return next();
  const header = c.req.header('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const auth = match?.[1] ? await keys.resolve(db, clock, match[1]) : null;
    // A page must be able to read why its key was refused (a wrong key, a foreign origin) rather
    // than see a network error; the refusal itself carries nothing of the merchant's.
    const refuse = (error: ApiError): never => {
      if (origin) c.header('access-control-allow-origin', origin);
      c.header('vary', 'Origin');
      throw error;
    };
    if (!auth) refuse(new ApiError('invalid_key', 'The API key is not valid (unknown, malformed or rolled more than 24 h ago).'));
    if (auth.kind === 'publishable') {
      if (!origin || !auth.merchant.origins.includes(origin)) {
        refuse(
          new ApiError(
            'origin_not_allowed',
            `Origin ${origin ?? '(none)'} is not in this merchant's allowed origins; add it with PATCH /v1/merchant.`,
          ),
        );
      }
      c.header('access-control-allow-origin', origin);
      c.header('access-control-expose-headers', CORS_EXPOSE_HEADERS);
      c.header('vary', 'Origin');
    }
    // A store's scanner page calls with its staff key from the shop's own site: let it read answers.
    if (auth.kind === 'staff' && origin && auth.merchant.origins.includes(origin)) {
      c.header('access-control-allow-origin', origin);
      c.header('vary', 'Origin');
    }
    c.set('auth', auth);
    const token = c.req.header(SHOPPER_HEADER);
    if (token) c.set('shopper', await verifyShopperToken(auth.merchant, clock, token));
  }
  await next();
};

/** Lets a route through only with one of the given key kinds (a secret key may do everything a publishable one can). */
export const requireKey =
  (...kinds: KeyKind[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const auth = c.var.auth;
    if (!auth) throw new ApiError('unauthorized', 'Send the API key as "Authorization: Bearer <key>".');
    if (!kinds.includes(auth.kind)) {
      throw new ApiError('forbidden', `This route needs a ${kinds.join(' or ')} key, not a ${auth.kind} key.`);
    }
    await next();
  };

export const requireShopper: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.shopper) {
    throw new ApiError('shopper_token_required', `This route acts for a shopper: send the ${SHOPPER_HEADER} header.`);
  }
  await next();
};

export function merchantOf(c: Context<AppEnv>) {
  const auth = c.var.auth;
  if (!auth) throw new ApiError('unauthorized', 'Send the API key as "Authorization: Bearer <key>".');
  return auth.merchant;
}

export function shopperOf(c: Context<AppEnv>) {
  const shopper = c.var.shopper;
  if (!shopper) throw new ApiError('shopper_token_required', `Send the ${SHOPPER_HEADER} header.`);
  return shopper;
}

/** Validates the JSON body with a protocol schema; failures become 400 invalid_request with the issues. */
export const jsonBody = <S extends StandardSchemaV1>(schema: S) =>
  sValidator('json', schema, (result) => {
    if (!result.success) {
      throw new ApiError(
        'invalid_request',
        'The request body does not match the API: see details.',
        result.error.map((issue) => ({
          path: (issue.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)),
          message: issue.message,
        })),
      );
    }
  });

/** Idempotency keys are kept this long, as Stripe does. */
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/**
 * `Idempotency-Key` on a POST: the first response is stored and replayed for the same key and
 * body; another body under the same key is 409 idempotency_conflict. Keys are scoped per merchant,
 * key kind and shopper, so two shoppers can never collide. Server errors are not stored, so the
 * client can retry them.
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  const auth = c.var.auth;
  if (c.req.method !== 'POST' || !key || !auth) return next();
  if (key.length > 255) throw new ApiError('invalid_request', 'Idempotency-Key is longer than 255 characters.');
  const { db, clock } = c.var.deps;
  const merchantId = auth.merchant.id;
  const scope = `${auth.kind}:${c.var.shopper?.id ?? ''}`;
  const requestHash = sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
  const now = clock.now();
  // Claims the key: a new row, or taking over one older than the TTL, in one statement.
  const claimed = await db.query(
    `insert into idempotency_keys (merchant_id, scope, key, request_hash, created_at) values ($1, $2, $3, $4, $5::timestamptz)
     on conflict (merchant_id, scope, key) do update
       set request_hash = excluded.request_hash, response_status = null, response_body = null, created_at = excluded.created_at
       where idempotency_keys.created_at < $6::timestamptz
     returning key`,
    [merchantId, scope, key, requestHash, now.toISOString(), new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString()],
  );
  if (claimed.length === 0) {
    const [stored] = await db.query<{ request_hash: string; response_status: number | null; response_body: string | null }>(
      `select request_hash, response_status, response_body from idempotency_keys where merchant_id = $1 and scope = $2 and key = $3`,
      [merchantId, scope, key],
    );
    if (stored && stored.request_hash !== requestHash) {
      throw new ApiError('idempotency_conflict', 'This Idempotency-Key was already used with a different request.');
    }
    if (!stored || stored.response_status === null) {
      throw new ApiError(
        'idempotency_in_progress',
        'A request with this Idempotency-Key is still being processed; retry shortly.',
      );
    }
    return c.body(stored.response_body ?? '', stored.response_status as 200, {
      'content-type': 'application/json',
      'idempotent-replayed': 'true',
    });
  }
  try {
    await next();
  } finally {
    const status = c.res.status;
    // Server errors and rate limiting are not answers to keep: the same key must be retryable.
    if (status >= 500 || status === 429) {
      await db.query(`delete from idempotency_keys where merchant_id = $1 and scope = $2 and key = $3`, [merchantId, scope, key]);
    } else {
      await db.query(
        `update idempotency_keys set response_status = $4, response_body = $5 where merchant_id = $1 and scope = $2 and key = $3`,
        [merchantId, scope, key, status, await c.res.clone().text()],
      );
    }
  }
};
