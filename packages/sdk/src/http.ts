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

const newIdempotencyKey = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export class Http {
  readonly #ky: KyInstance;
  readonly #api: string;
  readonly #key: string | undefined;
  #shopperToken: string | null;

  constructor(options: HttpOptions) {
    this.#api = options.api;
    this.#key = options.publishableKey;
    this.#shopperToken = options.shopperToken ?? null;
    const send = options.fetch ?? ((input, init) => fetch(input, init));
    this.#ky = ky.create({
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
    this.#shopperToken = token;
  }
  get shopperToken(): string | null {
    return this.#shopperToken;
  }

  /**
   * Calls a route of the protocol's table: its path filled from `params`, its query, its body (an
   * empty object when the route takes one and none is given), an Idempotency-Key when the route
   * stores answers; the answer is parsed with the schema the route declares for its status. A page's
   * read (`inQuery`) carries the key and the shopper token in its query rather than in headers: a
   * GET without custom headers is a CORS simple request, which the browser sends without a preflight.
   */
  call<R extends RouteContract>(route: R, input: CallInput<R>, idempotencyKey?: string): Promise<CallOutput<R>> {
    const {
      params = {},
      query = {},
      body,
    } = input as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
    const searchParams = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as Record<
      string,
      string
    >;
    const key = this.#key;
    const token = this.#shopperToken;
    const inQuery = key && route.method === 'get' && route.auth.kind === 'keys' && route.auth.inQuery === true;
    const url = routeUrl(
      this.#api,
      route.path,
      params,
      inQuery ? { ...searchParams, ...credentialsQuery(key, token) } : searchParams,
    );
    return this.#send(route, () =>
      this.#ky(url, {
        method: route.method,
        json: route.body ? (body ?? {}) : undefined,
        headers: {
          ...(key && !inQuery && { authorization: `Bearer ${key}` }),
          ...(token && !inQuery && { [SHOPPER_HEADER]: token }),
          ...(route.idempotent && { [IDEMPOTENCY_HEADER]: idempotencyKey ?? newIdempotencyKey() }),
        },
      }),
    );
  }

  async #send<R extends RouteContract>(route: R, request: () => Promise<Response>): Promise<CallOutput<R>> {
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
    return parsed.data as CallOutput<R>;
  }
}

/** What a call of route R takes: its path parameters, query values and body, as the table declares them. */
export type CallInput<R extends RouteContract> = (R extends { params: infer Params }
  ? { params: { [Name in keyof Params]: string } }
  : unknown) &
  (R extends { query: infer Query } ? { query: QueryInput<Query> } : unknown) &
  (R extends { body: infer Body } ? { body?: z.input<Body> } : unknown);

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
