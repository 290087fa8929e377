import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { connectPostgres, type Db, openPglite } from '../src/infra/db.js';

/** The real PostgreSQL the suites run against: 127.0.0.1:5432, database `test`, trust auth. */
export const POSTGRES_ADMIN_URL = process.env.FLOCK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The server key (FLOCK_SECRET_KEY) of every server a test starts, in-process or as a child process. */
export const TEST_SECRET_KEY = randomBytes(32).toString('base64url');

export interface TestDatabase {
  kind: 'postgres' | 'pglite';
  /** Opens a connection (pool) to this test's database; PostgreSQL allows several, PGlite exactly one. */
  open(): Promise<Db>;
  /** For PostgreSQL: the URL of the fresh database, for child processes. */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, empty PostgreSQL database per suite, so suites never see each other's rows. */
export async function freshPostgres(): Promise<TestDatabase> {
  const name = `flock_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(POSTGRES_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const opened: Db[] = [];
  return {
    kind: 'postgres',
    url: url.toString(),
    async open() {
      const db = connectPostgres(url.toString(), { max: 20 });
      opened.push(db);
      return db;
    },
    async drop() {
      await Promise.all(opened.map((db) => db.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function freshPglite(): Promise<TestDatabase> {
  let db: Db | undefined;
  return {
    kind: 'pglite',
    async open() {
      db ??= await openPglite();
      return db;
    },
    async drop() {
      await db?.close();
    },
  };
}

/** Both databases every server suite runs against. */
export const testDatabases = [
  { kind: 'pglite' as const, create: freshPglite },
  { kind: 'postgres' as const, create: freshPostgres },
];
