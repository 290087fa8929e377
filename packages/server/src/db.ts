import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

export type Row = Record<string, unknown>;

/** Anything that runs one SQL statement with $1-style parameters: the database or an open transaction. */
export interface Sql {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Db extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** LISTENs on a channel (a dedicated connection on PostgreSQL); resolves to the unlisten function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Real PostgreSQL through the `postgres` client. Each transaction gets its own pooled
 * connection, so row locks do the serialising.
 */
export function connectPostgres(url: string, options: { max?: number } = {}): Db {
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {}, prepare: true });
  return {
    kind: 'postgres',
    query: (text, params = []) => sql.unsafe(text, params as never[]) as never,
    exec: async (text) => void (await sql.unsafe(text).simple()),
    transaction: (fn) =>
      sql.begin((tx) =>
        fn({
          query: (text, params = []) => tx.unsafe(text, params as never[]) as never,
          exec: async (text) => void (await tx.unsafe(text).simple()),
        }),
      ) as never,
    listen: async (channel, onPayload) => {
      const { unlisten } = await sql.listen(channel, onPayload);
      return unlisten;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/**
 * Embedded PGlite. PGlite is a single session: `transaction()` queues whole transactions,
 * which is what keeps seat counting correct there (plain BEGIN/COMMIT would interleave).
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const query = async <T>(runner: Pick<PGlite, 'query'>, text: string, params: readonly unknown[] = []) =>
    (await runner.query<T>(text, params as unknown[])).rows;
  return {
    kind: 'pglite',
    query: (text, params) => query(db, text, params),
    exec: async (text) => void (await db.exec(text)),
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({ query: (text, params) => query(tx, text, params), exec: async (text) => void (await tx.exec(text)) }),
      ),
    listen: async (channel, onPayload) => {
      const unlisten = await db.listen(channel, onPayload);
      return async () => unlisten();
    },
    close: () => db.close(),
  };
}

/** DATABASE_URL selects PostgreSQL; without it, PGlite in dataDir (or in memory). */
export async function openDatabase(options: { url?: string; dataDir?: string }): Promise<Db> {
  return options.url ? connectPostgres(options.url) : openPglite(options.dataDir);
}
