import {
  CONSOLE_CSRF_HEADER,
  CONSOLE_SESSION_COOKIE,
  KEY_QUERY_PARAM,
  SHOPPER_HEADER,
  SHOPPER_QUERY_PARAM,
} from '@flock/protocol';
import type { RouteAuth } from '@flock/protocol/routes';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { safeEqual } from '../crypto.js';
import { recordBlockedOrigin } from '../domain/blocked-origins.js';
import { resolveConsoleSession } from '../domain/console.js';
import type { KeyKind } from '../domain/merchants.js';
import { verifyShopperToken } from '../domain/shoppers.js';
import { ApiError } from '../errors.js';
import { clientIp, type RateLimit, rateLimited, takeRateLimitHit } from '../rate-limit.js';
import type { AppEnv } from './context.js';

const CORS_ALLOW_HEADERS = 'authorization, content-type, flock-shopper, idempotency-key';
const CORS_EXPOSE_HEADERS = 'idempotent-replayed';

/**
 * Whether a page of this very server sent the request: the console's live widget preview. Only
 * this server's own pages carry its origin (a browser sets Origin, or on a same-origin GET sends
 * none but says `Sec-Fetch-Site: same-origin`; no page of another site can), so it is allowed for
 * every merchant, as the pages of the merchant's own origins are.
 */
export function isOwnOrigin(c: Context<AppEnv>, origin: string | undefined): boolean {
  if (origin === undefined) return c.req.header('sec-fetch-site') === 'same-origin';
  const { publicUrl } = c.get('deps');
  return origin === new URL(c.req.url).origin || (publicUrl !== undefined && origin === new URL(publicUrl).origin);
}

/**
 * Resolves the bearer key and the shopper token, enforces the publishable key's origin allowlist
 * and answers CORS for exactly the merchant's origins, for every /v1 request (matched or not).
 * Which keys a route takes is its declaration's (`authorize`). `authOf` tells the matched route's
 * declared auth: the operator route's bearer is the operator token, not a key; a page's read
 * (`inQuery`) may bring the publishable key and the shopper token in the query instead of headers.
 */
export const authenticate =
  (authOf: (c: Context<AppEnv>) => RouteAuth | undefined): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const { db, clock, keys } = c.get('deps');
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
    const declared = authOf(c);
    // The operator route takes the operator token, not an API key; `authorize` checks it.
    if (declared?.kind === 'operator') return next();
    const header = c.req.header('authorization');
    // Without custom headers a page's GET is a CORS simple request: no preflight round trip first.
    const inQuery = declared?.kind === 'keys' && declared.inQuery === true && c.req.method === 'GET';
    const queryKey = header || !inQuery ? undefined : c.req.query(KEY_QUERY_PARAM) || undefined;
    const sessionToken = header || queryKey ? undefined : getCookie(c, CONSOLE_SESSION_COOKIE);
    if (sessionToken) {
      // The merchant console's session, from its cookie; the routes that take it check its role and CSRF token.
      const session = await resolveConsoleSession(db, clock, c.get('deps').secrets, sessionToken);
      if (typeof session === 'string') {
        deleteCookie(c, CONSOLE_SESSION_COOKIE, { path: '/' });
        c.set('consoleSessionLapsed', session === 'expired');
      } else {
        c.set('auth', { merchant: session.merchant, kind: 'secret', store: null, console: session.caller });
      }
    }
    if (header || queryKey) {
      const key = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : queryKey;
      const auth = key ? await keys.resolve(db, clock, key) : null;
      // A page must be able to read why its key was refused (a wrong key, a foreign origin) rather
      // than see a network error; the refusal itself carries nothing of the merchant's.
      const refuse = (error: ApiError): never => {
        if (origin) c.header('access-control-allow-origin', origin);
        c.header('vary', 'Origin');
        throw error;
      };
      if (!auth) {
        const invalid = new ApiError(
          'invalid_key',
          'The API key is not valid (unknown, malformed, revoked, or rolled more than 24 h ago).',
        );
        return refuse(await failedAuthentication(c, invalid));
      }
      // URLs end up in proxies' access logs: only the publishable key, which every shop page shows
      // anyway, may travel in one.
      if (queryKey && auth.kind !== 'publishable') {
        refuse(
          new ApiError(
            'forbidden',
            `Only a publishable key may be sent in ?${KEY_QUERY_PARAM}=; send a ${auth.kind} key as "Authorization: Bearer <key>".`,
          ),
        );
      }
      // A key used from a page (a request with an Origin; a publishable key always is) needs that
      // origin in the merchant's list. Preflights pass for every origin, so this refusal is what
      // keeps a foreign page from spending a voucher use with a staff key, or writing with a leaked
      // secret key, and the page can read it.
      if (auth.kind === 'publishable' || origin) {
        if (!(origin && auth.merchant.origins.includes(origin)) && !isOwnOrigin(c, origin)) {
          // A shop page the merchant forgot to allow: the console offers to allow it in one click.
          if (origin && auth.kind === 'publishable') await recordBlockedOrigin(db, clock, auth.merchant.id, origin);
          refuse(
            new ApiError(
              'origin_not_allowed',
              `Origin ${origin ?? '(none)'} is not in this merchant's allowed origins; add it in the console's Settings (or PATCH /v1/merchant).`,
            ),
          );
        }
        // The shop's pages read answers to their publishable key, and a store's scanner page to its
        // staff key; a secret key belongs on a server, so its answers are never readable by a page.
        if (auth.kind !== 'secret') {
          c.header('access-control-allow-origin', origin);
          c.header('vary', 'Origin');
          if (auth.kind === 'publishable') c.header('access-control-expose-headers', CORS_EXPOSE_HEADERS);
        }
      }
      c.set('auth', auth);
      const token = c.req.header(SHOPPER_HEADER) ?? (inQuery ? c.req.query(SHOPPER_QUERY_PARAM) : undefined);
      if (token) {
        const shopper = await verifyShopperToken(auth.merchant, clock, token).catch(async (error) => {
          throw error instanceof ApiError ? await failedAuthentication(c, error) : error;
        });
        c.set('shopper', shopper);
      }
    }
    await next();
  };

/**
 * Failed authentications allowed per client address a minute, across server processes. Keys are
 * 32 random base62 characters (about 190 bits), so guessing is hopeless anyway: this stops the
 * load of scanning early.
 */
export const AUTH_FAILURE_LIMIT: RateLimit = { max: 20, windowSeconds: 60 };

/**
 * The answer to a refused credential (an unknown API key, a wrong operator token, a forged shopper
 * token): `refusal`, or 429 rate_limited once the caller's address is past AUTH_FAILURE_LIMIT.
 * Called only after the credential failed, so a valid key pays no extra query; and a valid key
 * from a throttled address still works, so a shop sharing a NAT with a scanner is not locked out.
 * An expired shopper token is not counted: its signature is genuine, so it is no guess, and the
 * page needs to read why (to mint a new one) however many of its shoppers share the address.
 */
export async function failedAuthentication(c: Context<AppEnv>, refusal: ApiError): Promise<ApiError> {
  if (refusal.code === 'shopper_token_expired') return refusal;
  const { db, clock, trustForwardedFor } = c.get('deps');
  const ip = clientIp(c, trustForwardedFor);
  const { limited, retryAfterSeconds } = await takeRateLimitHit(db, clock, 'auth-failure', ip, AUTH_FAILURE_LIMIT);
  return limited ? rateLimited(c, 'Too many failed authentications from this address', retryAfterSeconds) : refusal;
}

/**
 * The checks a route's declared `auth` asks for, once `authenticate` resolved the credentials:
 * one of its key kinds (a secret key may do everything a publishable one can), the shopper token
 * when required, or the operator token. Public and stream routes get none here (the stream reads
 * its key from the query itself).
 */
export function authorize(auth: RouteAuth): MiddlewareHandler<AppEnv>[] {
  if (auth.kind === 'operator') return [requireOperator];
  if (auth.kind === 'console') return [requireConsole(auth.role)];
  if (auth.kind !== 'keys') return [];
  const keys = requireKey(auth.keys, auth.console);
  return auth.shopper === 'required' ? [keys, requireShopper] : [keys];
}

const sessionLapsed = () => new ApiError('session_expired', 'The console session has ended: sign in again.');

/**
 * What a console session must show on a route that takes it: the role the route asks for and, on
 * a write, its CSRF token in Flock-CSRF (the cookie alone, which the browser adds by itself, is not enough).
 */
function checkConsoleCaller(c: Context<AppEnv>, role: 'owner' | undefined): void {
  const caller = c.get('auth')?.console;
  if (!caller) return;
  if (role === 'owner' && caller.user.role !== 'owner') {
    throw new ApiError('forbidden', 'Only an owner of this console may do this; ask one of them.');
  }
  if (
    c.req.method !== 'GET' &&
    c.req.method !== 'HEAD' &&
    !safeEqual(c.req.header(CONSOLE_CSRF_HEADER) ?? '', caller.csrfToken)
  ) {
    throw new ApiError('csrf_failed', `Send the session's csrfToken in the ${CONSOLE_CSRF_HEADER} header.`);
  }
}

/** Lets a route through only with one of the given key kinds (a console session counts as the secret key). */
const requireKey =
  (kinds: readonly KeyKind[], consoleRole?: 'owner'): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const auth = c.get('auth');
    if (!auth) {
      if (c.get('consoleSessionLapsed')) throw sessionLapsed();
      throw new ApiError('unauthorized', 'Send the API key as "Authorization: Bearer <key>".');
    }
    if (!kinds.includes(auth.kind)) {
      if (auth.console) throw new ApiError('forbidden', 'This route is for the shop’s pages, not the console.');
      throw new ApiError('forbidden', `This route needs a ${kinds.join(' or ')} key, not a ${auth.kind} key.`);
    }
    checkConsoleCaller(c, consoleRole);
    await next();
  };

/** Lets a route through only with a console session (of an owner, when `role` says so). */
const requireConsole =
  (role?: 'owner'): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!c.get('auth')?.console) {
      if (c.get('consoleSessionLapsed')) throw sessionLapsed();
      throw new ApiError('unauthorized', 'Sign in to the console first (POST /v1/console/sign-in).');
    }
    checkConsoleCaller(c, role);
    await next();
  };

const requireShopper: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('shopper')) {
    throw new ApiError('shopper_token_required', `This route acts for a shopper: send the ${SHOPPER_HEADER} header.`);
  }
  await next();
};

/** The operator token (FLOCK_ADMIN_TOKEN) as the bearer; the operator routes are off without it. */
const requireOperator: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { adminToken } = c.get('deps');
  if (!adminToken) throw new ApiError('forbidden', 'Set FLOCK_ADMIN_TOKEN on the server to create merchants over HTTP.');
  const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  if (!safeEqual(given, adminToken)) {
    const refusal = new ApiError('unauthorized', 'This route needs the operator token.');
    // Only a token sent and wrong is a guess; a missing one is counted by nothing.
    throw given ? await failedAuthentication(c, refusal) : refusal;
  }
  await next();
};
