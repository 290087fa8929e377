import type { Clock } from './clock.js';
import type { Db } from './db.js';
import type { KeyCache, ResolvedKey } from './domain/merchants.js';
import type { Shopper } from './domain/shoppers.js';

export interface Deps {
  db: Db;
  clock: Clock;
  /** Operator token for POST /v1/merchants; the route is off without it. */
  adminToken?: string;
  keys: KeyCache;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    auth: ResolvedKey | null;
    shopper: Shopper | null;
  };
}
