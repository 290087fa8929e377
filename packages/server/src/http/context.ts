import type { Clock } from '../clock.js';
import type { KeyCache, ResolvedKey } from '../domain/merchants.js';
import type { Shopper } from '../domain/shoppers.js';
import type { Db } from '../infra/db.js';
import type { SecretBox } from '../infra/secret-box.js';
import type { WebhookAddressPolicy } from '../infra/webhook-address.js';

export interface Deps {
  db: Db;
  clock: Clock;
  /** Operator token for POST /v1/merchants; the route is off without it. */
  adminToken?: string;
  keys: KeyCache;
  /** Take the client's address from X-Forwarded-For, for every per-address limit (only behind a proxy that sets it). */
  trustForwardedFor?: boolean;
  /** Where merchants' webhooks may go (default: public addresses only). */
  webhookAddresses?: WebhookAddressPolicy;
  /** Failed attempts after which a webhook is given up (its delivery `failed`); the dispatcher's `maxAttempts`, 25 unless configured. */
  webhookMaxAttempts?: number;
  /** Where this server is reached from outside (FLOCK_PUBLIC_URL), for the console's invite links. */
  publicUrl?: string;
  /** Seals the secrets the server must read back, with the server key. */
  secrets: SecretBox;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    auth: ResolvedKey | null;
    shopper: Shopper | null;
    /** The request's console cookie named a session that has expired (its routes answer session_expired). */
    consoleSessionLapsed?: boolean;
    /** The route's declared path parameters and query values, validated (http/validation.ts). */
    input: { params: Record<string, unknown>; query: Record<string, unknown> };
  };
}
