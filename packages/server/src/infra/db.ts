import { basename, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import postgres from 'postgres';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';

export type Row = Record<string, unknown>;

/** Anything that runs one SQL statement with $1-style parameters: the database or an open transaction. */
export interface Sql {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

/** An open transaction: its statements, and transactions nested in it as savepoints. */
export interface Tx extends Sql {
  /** Runs fn in a savepoint: kept when it resolves; rolled back when it throws, leaving the transaction usable. */
  savepoint<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface Db extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * LISTENs on a channel (a dedicated connection on PostgreSQL); resolves to the unlisten function.
   * `onListen` runs each time listening starts: once, and again whenever PostgreSQL's connection was
   * lost and listening resumed (notifications sent meanwhile are lost).
   */
  listen(channel: string, onPayload: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite on a directory: this process's hold on it, released by close(). */
  readonly dataDirLock?: DataDirLock;
  /** PGlite's directory; undefined in memory and on PostgreSQL. */
  readonly dataDir?: string;
}

/**
 * The database as code inside an open transaction must see it: statements run in that transaction,
 * and the code's own transactions become savepoints (so a caught failure inside one leaves the
 * outer transaction usable). On PGlite, using the database itself there would wait forever.
 */
export function insideTransaction(db: Db, tx: Tx): Db {
  return {
    kind: db.kind,
    query: tx.query,
    exec: tx.exec,
    transaction: (fn) => tx.savepoint(fn),
    listen: () => Promise.reject(new Error('listen() on the database itself, not inside a transaction')),
    close: () => Promise.reject(new Error('close() the database itself, not a transaction')),
  };
}

function postgresTx(tx: postgres.TransactionSql): Tx {
  return {
    query: (text, params = []) => tx.unsafe(text, params as never[]) as never,
    exec: async (text) => void (await tx.unsafe(text).simple()),
    savepoint: (fn) => tx.savepoint((savepoint) => fn(postgresTx(savepoint))) as never,
  };
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
    transaction: (fn) => sql.begin((tx) => fn(postgresTx(tx))) as never,
    listen: async (channel, onPayload, onListen) => {
      const { unlisten } = await sql.listen(channel, onPayload, onListen);
      return unlisten;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/**
 * Embedded PGlite. PGlite is a single session: `transaction()` queues whole transactions,
 * which is what keeps seat counting correct there (plain BEGIN/COMMIT would interleave).
 * A data directory is locked to this process first (DataDirInUseError if another live process holds it);
 * `command` says what holds it in the other process's message.
 */
export async function openPglite(dataDir?: string, options: { command?: string } = {}): Promise<Db> {
  const dataDirLock = dataDir
    ? await lockDataDir(resolve(dataDir), options.command ?? basename(process.argv[1] ?? process.argv0))
    : undefined;
  const db = await PGlite.create(dataDir ? { dataDir } : {}).catch(async (error) => {
    await dataDirLock?.release();
    throw error;
  });
  const query = async <T>(runner: Pick<PGlite, 'query'>, text: string, params: readonly unknown[] = []) =>
    (await runner.query<T>(text, params as unknown[])).rows;
  // PGlite has no savepoint API: plain SAVEPOINT statements, inside its transaction, do it.
  const pgliteTx = (tx: Transaction): Tx => {
    let savepoints = 0;
    const open: Tx = {
      query: (text, params) => query(tx, text, params),
      exec: async (text) => void (await tx.exec(text)),
      savepoint: async (fn) => {
        const name = `flock_savepoint_${++savepoints}`;
        await tx.exec(`savepoint ${name}`);
        try {
          const result = await fn(open);
          await tx.exec(`release savepoint ${name}`);
          return result;
        } catch (error) {
          await tx.exec(`rollback to savepoint ${name}; release savepoint ${name}`);
          throw error;
        }
      },
    };
    return open;
  };
  return {
    kind: 'pglite',
    query: (text, params) => query(db, text, params),
    exec: async (text) => void (await db.exec(text)),
    transaction: (fn) => db.transaction((tx) => fn(pgliteTx(tx))),
    listen: async (channel, onPayload, onListen) => {
      const unlisten = await db.listen(channel, onPayload);
      onListen?.();
      return async () => unlisten();
    },
    close: async () => {
      await db.close();
      await dataDirLock?.release();
    },
    dataDirLock,
    dataDir,
  };
}

/** DATABASE_URL selects PostgreSQL; without it, PGlite in dataDir (or in memory). */
export async function openDatabase(options: { url?: string; dataDir?: string; command?: string }): Promise<Db> {
  return options.url ? connectPostgres(options.url) : openPglite(options.dataDir, { command: options.command });
}
