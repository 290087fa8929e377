import { ErrorBody, IDEMPOTENCY_HEADER, SHOPPER_HEADER } from '@flock/protocol';
import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import type { ZodMiniType } from 'zod/mini';
import { FlockError } from './errors.js';

export interface HttpOptions {
  /** The Flock server's base URL, e.g. https://api.shop.example */
  api: string;
  publishableKey: string;
  shopperToken?: string | null;
  /** For tests and server-side use: a fetch of your own, extra headers (e.g. Origin). */
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

const newIdempotencyKey = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export class Http {
  readonly #ky: KyInstance;
  #shopperToken: string | null;

  constructor(options: HttpOptions) {
    this.#shopperToken = options.shopperToken ?? null;
    this.#ky = ky.create({
      prefixUrl: `${options.api.replace(/\/+$/, '')}/v1`,
      fetch: options.fetch,
      timeout: 15_000,
      // POSTs carry an Idempotency-Key, so retrying them after a dropped connection is safe.
      retry: { limit: 2, methods: ['get', 'post'], statusCodes: [408, 429, 502, 503, 504] },
      headers: { authorization: `Bearer ${options.publishableKey}`, ...options.headers },
      hooks: {
        beforeRequest: [
          (request) => {
            if (this.#shopperToken) request.headers.set(SHOPPER_HEADER, this.#shopperToken);
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

  get<T>(path: string, schema: ZodMiniType<T>): Promise<T> {
    return this.#send(schema, () => this.#ky.get(path));
  }

  post<T>(path: string, body: unknown, schema: ZodMiniType<T>, idempotencyKey: string = newIdempotencyKey()): Promise<T> {
    return this.#send(schema, () => this.#ky.post(path, { json: body ?? {}, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } }));
  }

  async #send<T>(schema: ZodMiniType<T>, request: () => Promise<Response>): Promise<T> {
    let json: unknown;
    try {
      json = await (await request()).json();
    } catch (error) {
      throw await toFlockError(error);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new FlockError('invalid_response', 'The server answered in a shape this client does not know.');
    return parsed.data;
  }
}

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
