import { CONSOLE_CSRF_HEADER, ErrorBody, IDEMPOTENCY_HEADER, SHOPPER_HEADER } from '@flock/protocol';
import type { RouteContract } from '@flock/protocol/routes';
import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import * as z from 'zod/mini';
import { FlockError } from './errors.js';
import { adoptPrefetched, credentialsQuery, routeUrl } from './prefetch.js';

export interface HttpOptions {
  /** The Flock server's base URL, e.g. https://api.shop.example */
  api: string;
  /** The bearer key; the merchant console sends none (its session cookie stands in for the secret key). */
  publishableKey?: string;
  /** The console session's CSRF token, sent on every request that writes. */
  csrfToken?: () => string | undefined;
  shopperToken?: string | null;
  /** For tests and server-side use: a fetch of your own, extra headers (e.g. Origin). */
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

/** Brands an Endpoint with the route it was made from, for the types only (nothing holds it at run time). */
declare const routeOf: unique symbol;

/**
 * A route as a page's client calls it: its method, path, auth, idempotency and answer schemas, without
 * its request schemas (path, query and body: the server validates those). Made once per route with
 * `endpoint(route)`, so a bundle that calls a route carries the schemas of its answers only: the
 * request bodies' zod kinds (URLs, patterns, length checks) stay on the server. A call of an endpoint
 * gives its body itself (`{}` for a body of optional fields), since the endpoint no longer knows it.
 */
export type Endpoint<R extends RouteContract> = Pick<R, 'method' | 'path' | 'auth' | 'responses'> & {
  readonly idempotent?: boolean;
  readonly [routeOf]: R;
};

/** The Endpoint of `route` (pure: a bundle drops the route's request schemas, and the endpoint if unused). */
export const endpoint = <R extends RouteContract>({ method, path, auth, responses, idempotent }: R): Endpoint<R> =>
  ({ method, path, auth, responses, idempotent }) as Endpoint<R>;

const newIdempotencyKey = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export class Http {
  private readonly _ky: KyInstance;
  private readonly _api: string;
  private readonly _key: string | undefined;
  private _shopperToken: string | null;

  constructor(options: HttpOptions) {
    this._api = options.api;
    this._key = options.publishableKey;
    this._shopperToken = options.shopperToken ?? null;
    const send = options.fetch ?? ((input, init) => fetch(input, init));
    this._ky = ky.create({
      // The loader may have started this very read already (prefetch.ts): its response is adopted.
      fetch: (input, init) =>
        (input instanceof Request && input.method === 'GET' && adoptPrefetched(input.url)) || send(input, init),
      timeout: 15_000,
      // POSTs carry an Idempotency-Key, so retrying them after a dropped connection is safe.
      retry: { limit: 2, methods: ['get', 'post'], statusCodes: [408, 429, 502, 503, 504] },
      headers: options.headers,
      hooks: {
        beforeRequest: [
          (request) => {
            const csrf = options.csrfToken?.();
            if (csrf && request.method !== 'GET') request.headers.set(CONSOLE_CSRF_HEADER, csrf);
          },
        ],
      },
    });
  }

  set shopperToken(token: string | null) {
    this._shopperToken = token;
  }
  get shopperToken(): string | null {
    return this._shopperToken;
  }

  /**
   * Calls a route of the protocol's table, or its Endpoint: its path filled from `params`, its query,
   * its body (an empty object when the route takes one and none is given; an Endpoint's call always
   * gives the body its route takes, the types see to it), an Idempotency-Key when the route
   * stores answers; the answer is parsed with the schema the route declares for its status. A page's
   * read (`inQuery`) carries the key and the shopper token in its query rather than in headers: a
   * GET without custom headers is a CORS simple request, which the browser sends without a preflight.
   */
  call<R extends RouteContract>(route: Endpoint<R>, input: EndpointInput<R>, idempotencyKey?: string): Promise<CallOutput<R>>;
  call<R extends RouteContract & { readonly [routeOf]?: never }>(
    route: R,
    input: CallInput<R>,
    idempotencyKey?: string,
  ): Promise<CallOutput<R>>;
  call(route: RouteContract, input: unknown, idempotencyKey?: string): Promise<unknown> {
    const {
      params = {},
      query = {},
      body,
    } = input as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
    const searchParams = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as Record<
      string,
      string
    >;
    const key = this._key;
    const token = this._shopperToken;
    const inQuery = key && route.method === 'get' && route.auth.kind === 'keys' && route.auth.inQuery === true;
    const url = routeUrl(
      this._api,
      route.path,
      params,
      inQuery ? { ...searchParams, ...credentialsQuery(key, token) } : searchParams,
    );
    return this._send(route, () =>
      this._ky(url, {
        method: route.method,
        json: body ?? (route.body && {}),
        headers: {
          ...(key && !inQuery && { authorization: `Bearer ${key}` }),
          ...(token && !inQuery && { [SHOPPER_HEADER]: token }),
          ...(route.idempotent && { [IDEMPOTENCY_HEADER]: idempotencyKey ?? newIdempotencyKey() }),
        },
      }),
    );
  }

  private async _send(route: Pick<RouteContract, 'responses'>, request: () => Promise<Response>): Promise<unknown> {
    let response: Response;
    let json: unknown;
    try {
      response = await request();
      json = await response.json();
    } catch (error) {
      throw await toFlockError(error);
    }
    const schema = route.responses[response.status];
    const parsed = schema ? z.safeParse(schema, json) : undefined;
    if (!parsed?.success) throw new FlockError('invalid_response', 'The server answered in a shape this client does not know.');
    return parsed.data;
  }
}

/** What a call of route R takes: its path parameters, query values and body, as the table declares them. */
export type CallInput<R extends RouteContract> = (R extends { params: infer Params }
  ? { params: { [Name in keyof Params]: string } }
  : unknown) &
  (R extends { query: infer Query } ? { query: QueryInput<Query> } : unknown) &
  (R extends { body: infer Body } ? { body?: z.input<Body> } : unknown);

/** What a call of an Endpoint of R takes: as CallInput, with the body the route declares required. */
export type EndpointInput<R extends RouteContract> = CallInput<R> &
  (R extends { body: infer Body } ? { body: z.input<Body> } : unknown);

/** Query values as a caller writes them: those the route may go without are optional. */
type QueryInput<Query> = {
  [Name in keyof Query as undefined extends z.input<Query[Name]> ? Name : never]?: z.input<Query[Name]>;
} & {
  [Name in keyof Query as undefined extends z.input<Query[Name]> ? never : Name]: z.input<Query[Name]>;
};

/** What a call of route R answers: the schema of any of its success statuses. */
export type CallOutput<R extends RouteContract> = z.output<R['responses'][keyof R['responses']]>;

async function toFlockError(error: unknown): Promise<FlockError> {
  if (error instanceof HTTPError) {
    const body = ErrorBody.safeParse(await error.response.json().catch(() => null));
    return body.success
      ? new FlockError(body.data.error.code, body.data.error.message, error.response.status, body.data.error.details)
      : new FlockError('http_error', `HTTP ${error.response.status}`, error.response.status);
  }
  if (error instanceof TimeoutError) return new FlockError('network_error', 'The server took too long to answer.');
  return new FlockError('network_error', error instanceof Error ? error.message : 'The network request failed.');
}
