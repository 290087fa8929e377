import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Umzug } from 'umzug';
import type { Db, Sql } from './db.js';

const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));

/**
 * Applies every versioned SQL file in src/migrations that has not run yet, all in one
 * transaction under an advisory lock, so several processes starting at once migrate once.
 */
export async function migrate(db: Db): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(7242001)`);
    await tx.query(
      `create table if not exists flock_migrations (name text primary key, applied_at timestamptz not null default now())`,
    );
    const umzug = new Umzug<Sql>({
      context: tx,
      logger: undefined,
      migrations: readdirSync(migrationsDir)
        .filter((file) => file.endsWith('.sql'))
        .sort()
        .map((file) => ({
          name: file,
          up: async ({ context }) => {
            await context.exec(readFileSync(migrationsDir + file, 'utf8'));
          },
        })),
      storage: {
        executed: async ({ context }) =>
          (await context.query<{ name: string }>(`select name from flock_migrations order by name`)).map((r) => r.name),
        logMigration: async ({ name, context }) => {
          await context.query(`insert into flock_migrations (name) values ($1)`, [name]);
        },
        unlogMigration: async ({ name, context }) => {
          await context.query(`delete from flock_migrations where name = $1`, [name]);
        },
      },
    });
    return (await umzug.up()).map((m) => m.name);
  });
}
