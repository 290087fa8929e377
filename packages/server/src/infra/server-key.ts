import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBase62 } from '../crypto.js';
import type { Db, Sql } from './db.js';
import { SecretBox } from './secret-box.js';

/** A PGlite directory's own server key, made on its first start when FLOCK_SECRET_KEY is not set. */
export const SERVER_KEY_FILE = 'flock-secret.key';

const HOW_TO_MAKE_ONE =
  "make one with `openssl rand -base64 32` (or `node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"`)";

/** Why the server cannot have its key; the message is the one line an operator needs. */
export class ServerKeyError extends Error {}

/** 32 bytes written in base64 or base64url (`openssl rand -base64 32`). */
export function parseServerKey(text: string, source = 'FLOCK_SECRET_KEY'): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed) || key.length !== 32) {
    throw new ServerKeyError(`${source} must be 32 random bytes in base64: ${HOW_TO_MAKE_ONE}.`);
  }
  return key;
}

/** In-memory PGlite: one random key per database, so servers sharing it in one process agree. */
const inMemoryKeys = new WeakMap<Db, Buffer>();
const CHECK_PLACE = 'server_key_check';

/**
 * The server key that seals this database's secrets: the given one (FLOCK_SECRET_KEY); without it,
 * a PGlite directory's key file (made on first start, readable by its owner only), a fresh key for
 * in-memory PGlite, and a refusal on PostgreSQL, where every process must share one key. Checks the
 * key against the one the database was sealed with, then seals the values still stored in clear
 * (written before this version). Run it after migrate().
 */
export async function loadServerKey(
  db: Db,
  given?: string,
  /** Seals what older versions stored in clear, under the same start-up lock (the server passes its sealers). */
  sealClearValues: (tx: Sql, box: SecretBox) => Promise<void> = async () => {},
): Promise<SecretBox> {
  const box = new SecretBox(await serverKeyBytes(db, given));
  await db.transaction(async (tx) => {
    // Several processes may start at once: one checks and seals, the others then find nothing to do.
    await tx.query(`select pg_advisory_xact_lock(7242002)`);
    const [check] = await tx.query<{ sealed: string }>(`select sealed from server_key_check`);
    if (!check) {
      await tx.query(`insert into server_key_check (sealed) values ($1)`, [box.seal(randomBase62(16), CHECK_PLACE)]);
    } else {
      try {
        box.open(check.sealed, CHECK_PLACE);
      } catch {
        throw new ServerKeyError(
          `${given ? 'FLOCK_SECRET_KEY' : `The key in ${join(db.dataDir ?? '', SERVER_KEY_FILE)}`} is not the key this database's secrets were sealed with: start the server with that key.`,
        );
      }
    }
    await sealClearValues(tx, box);
  });
  return box;
}

async function serverKeyBytes(db: Db, given: string | undefined): Promise<Buffer> {
  if (given) return parseServerKey(given);
  if (db.kind === 'postgres') {
    throw new ServerKeyError(
      `FLOCK_SECRET_KEY is not set: with DATABASE_URL every server process needs the same key to seal webhook secrets and stored answers; ${HOW_TO_MAKE_ONE} and keep it with DATABASE_URL.`,
    );
  }
  if (!db.dataDir) {
    const key = inMemoryKeys.get(db) ?? randomBytes(32);
    inMemoryKeys.set(db, key);
    return key;
  }
  const file = join(db.dataDir, SERVER_KEY_FILE);
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined) return parseServerKey(existing, file);
  const [sealedBefore] = await db.query(`select 1 from server_key_check`);
  if (sealedBefore) {
    throw new ServerKeyError(
      `${file} is missing, but this database's secrets were sealed with the key it held: put the file back, or set FLOCK_SECRET_KEY to that key.`,
    );
  }
  const key = randomBytes(32);
  await writeFile(file, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
