import type { RouteName, routesByName } from '@flock/protocol/routes';
import type { Context } from 'hono';
import type { $ZodType, output } from 'zod/v4/core';
import type { ConsoleCaller } from '../domain/console.js';
import type { MerchantRow, ResolvedKey } from '../domain/merchants.js';
import type { Shopper } from '../domain/shoppers.js';
import type { AppEnv, Deps } from './context.js';
import type { TaggedAnswer } from './read-cache.js';

/** A route's declaration in the protocol table, with its literal types. */
export type Route<N extends RouteName> = (typeof routesByName)[N];

type Parsed<S> = S extends $ZodType ? output<S> : never;
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

type ParamsOf<R> = R extends { params: infer P } ? { [K in keyof P]: Parsed<P[K]> } : Record<string, never>;
type QueryOf<R> = R extends { query: infer Q } ? { [K in keyof Q]: Parsed<Q[K]> } : Record<string, never>;

/** What a handler receives, validated against the route's declaration. */
export interface RouteInput<R> {
  params: ParamsOf<R>;
  query: QueryOf<R>;
  body: R extends { body: infer B } ? Parsed<B> : undefined;
}

/** Who is calling, as the route's `auth` guarantees it. */
type CallerOf<A> = A extends { kind: 'console' }
  ? {
      merchant: MerchantRow;
      /** The console session standing in for a key. */
      key: ResolvedKey & { console: ConsoleCaller };
      shopper?: undefined;
    }
  : A extends { kind: 'keys'; shopper: infer S }
    ? {
        merchant: MerchantRow;
        /** The API key the call came with (its kind, and a staff key's store). */
        key: ResolvedKey;
        shopper: S extends 'required' ? Shopper : S extends 'optional' ? Shopper | undefined : undefined;
      }
    : { merchant?: undefined; key?: undefined; shopper?: undefined };

/**
 * Everything a handler works with: the server's dependencies (`db` is the request's transaction
 * on idempotent routes), the caller, and the Hono context for the rare HTTP detail (a response
 * header, the client's address).
 */
export type RouteContext<R extends { auth: unknown }> = Deps & CallerOf<R['auth']> & { http: Context<AppEnv> };

/** An answer with a chosen status, for routes that declare several (201 created, 200 already there). */
export class Answer<S extends number = number, B = unknown> {
  constructor(
    readonly status: S,
    readonly body: B,
  ) {}
}

type Responses<R> = R extends { responses: infer Rs } ? Rs : never;
type Statuses<R> = keyof Responses<R> & number;
type BodyAt<R, S extends number> = Responses<R> extends Record<S, infer Schema> ? Parsed<Schema> : never;

/**
 * A handler returns the body of the route's one declared status, or an `Answer` among several; a
 * route declared `etag` may answer a `TaggedAnswer` (its ETag, and 304 to a client holding the same).
 */
export type Reply<R> =
  | (IsUnion<Statuses<R>> extends true ? { [S in Statuses<R>]: Answer<S, BodyAt<R, S>> }[Statuses<R>] : BodyAt<R, Statuses<R>>)
  | (R extends { etag: true } ? TaggedAnswer<BodyAt<R, 200>> : never);

export type JsonHandler<R extends { auth: unknown }> = (
  input: RouteInput<R>,
  ctx: RouteContext<R>,
) => Promise<Reply<R>> | Reply<R>;

/**
 * For the routes that answer a stream or a file rather than JSON: it reads the request itself.
 * It still runs behind the route's declared auth and idempotency.
 */
export interface RawHandler {
  raw: (c: Context<AppEnv>) => Response | Promise<Response>;
}

export type HandlerOf<R extends { auth: unknown }> = R extends { stream: true } | { file: string }
  ? RawHandler
  : JsonHandler<R> | RawHandler;

/** Handlers for some routes of the table, keyed by route name: one object per resource file. */
export type HandlersFor<N extends RouteName> = { [K in N]: HandlerOf<Route<K>> };

/** A handler for every route of the table. */
export type Handlers = HandlersFor<RouteName>;
