import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/crypto.js';
import { type Db, openPglite } from '../src/infra/db.js';
import { migrate } from '../src/infra/migrate.js';
import { loadServerKey, SERVER_KEY_FILE, ServerKeyError } from '../src/infra/server-key.js';
import { createFlockServer } from '../src/server.js';
import { freshPostgres, TEST_SECRET_KEY, type TestDatabase, testDatabases } from './databases.js';
import { SHOP_ORIGIN, useHarness } from './harness.js';
import { expectOk, type Json } from './util.js';

const ADMIN_TOKEN = 'op_secrets_at_rest';

/**
 * Every place in the database where `secret` appears: each text-like column of each table
 * (bytea read as escaped text), as `table.column`.
 */
async function whereStored(db: Db, secret: string): Promise<string[]> {
  const columns = await db.query<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
    `select c.table_schema, c.table_name, c.column_name, c.data_type
     from information_schema.columns c join information_schema.tables t
       on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
     where c.table_schema not in ('pg_catalog', 'information_schema')
       and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED')`,
  );
  const found: string[] = [];
  for (const { table_schema, table_name, column_name, data_type } of columns) {
    const column = `"${column_name.replaceAll('"', '""')}"`;
    const asText = data_type === 'bytea' ? `encode(${column}, 'escape')` : `${column}::text`;
    const [row] = await db.query<{ n: number }>(
      `select count(*)::int as n from "${table_schema}"."${table_name}" where strpos(${asText}, $1) > 0`,
      [secret],
    );
    if (row?.n) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

describe.each(testDatabases)('no secret at rest in clear on $kind', ({ create }) => {
  const suite = useHarness(create, { server: { adminToken: ADMIN_TOKEN } });
  const post = (bearer: string, path: string, body: unknown, idempotencyKey: string) =>
    suite.h.server.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
  /** Makes the call, checks that no column holds `secretOf(answer)`, and that the replay answers the same secret. */
  const issue = async (bearer: string, path: string, body: unknown, secretsOf: (answer: Json) => string[]): Promise<Json> => {
    const idempotencyKey = `secret-call-${randomBytes(4).toString('hex')}`;
    const answer = await expectOk(await post(bearer, path, body, idempotencyKey), 201);
    const secrets = secretsOf(answer);
    expect(secrets.every((secret) => typeof secret === 'string' && secret.length >= 20)).toBe(true);
    for (const secret of secrets)
      expect({ secret, storedIn: await whereStored(suite.h.db, secret) }).toEqual({ secret, storedIn: [] });
    const replay = await post(bearer, path, body, idempotencyKey);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await expectOk(replay, 201)).toEqual(answer);
    return answer;
  };

  it('finds what is stored in clear (the scan itself works)', async () => {
    expect(await whereStored(suite.h.db, 'Test shop')).toEqual(['merchants.name']);
    expect(await whereStored(suite.h.db, SHOP_ORIGIN)).toEqual(['merchants.origins']);
  });

  it('keeps no issued secret in clear, and replays each under its Idempotency-Key', async () => {
    const merchant = await issue(
      ADMIN_TOKEN,
      '/v1/merchants',
      { name: 'Sealed shop', origins: ['https://sealed.example'] },
      (created) => [created.publishableKey, created.secretKey, created.webhookSecret],
    );
    for (const which of ['publishable', 'secret', 'webhook']) {
      await issue(merchant.secretKey, '/v1/merchant/roll-keys', { which }, (rolled) => [rolled.key]);
    }
    await issue(merchant.secretKey, '/v1/staff-keys', { store: 'West Lake' }, (created) => [created.staffKey]);
    const { token } = await issue(merchant.secretKey, '/v1/shopper-tokens', { shopperId: 'sealed-shopper' }, (minted) => [
      minted.token,
    ]);
    // The secrets still work: the token is accepted, so the merchant's signing key opened.
    const me = await expectOk(
      await suite.h.server.app.request('/v1/merchant', {
        headers: { authorization: `Bearer ${merchant.secretKey}`, 'flock-shopper': token },
      }),
    );
    expect(me.id).toBe(merchant.merchantId);
    const [row] = await suite.h.db.query<{ webhook_secret: string; token_signing_key: string }>(
      `select webhook_secret, token_signing_key from merchants where id = $1`,
      [merchant.merchantId],
    );
    expect(row?.webhook_secret).toMatch(/^sealed\.v1\./);
    expect(row?.token_signing_key).toMatch(/^sealed\.v1\./);
  });

  it('seals, at start-up, what an older version stored in clear, and still uses it', async () => {
    const db = suite.h.db;
    const [merchant] = await db.query<{ id: string }>(`select id from merchants where name = 'Test shop'`);
    const merchantId = merchant?.id as string;
    const legacy = {
      webhook: `whsec_legacy${randomBytes(12).toString('hex')}`,
      signing: `tsk_legacy${randomBytes(12).toString('hex')}`,
    };
    const legacyAnswer = JSON.stringify({ token: `legacy-answer-${randomBytes(8).toString('hex')}`, expiresAt: 'x' });
    const legacyRequest = JSON.stringify({ shopperId: 'before-upgrade' });
    await db.query(`update merchants set webhook_secret = $2, token_signing_key = $3 where id = $1`, [
      merchantId,
      legacy.webhook,
      legacy.signing,
    ]);
    await db.query(
      `insert into idempotency_keys (merchant_id, scope, key, request_hash, response_status, response_body, created_at)
       values ($1, 'secret:', 'legacy-key', $2, 201, $3, now())`,
      [merchantId, sha256Hex(`POST /v1/shopper-tokens\n${legacyRequest}`), legacyAnswer],
    );
    expect(await whereStored(db, legacy.signing)).toEqual(['merchants.token_signing_key']);

    // Another server starting on the database seals them.
    const restarted = await createFlockServer({ db, jobIntervalMs: 0, log: () => {}, secretKey: TEST_SECRET_KEY });
    for (const secret of [legacy.webhook, legacy.signing, legacyAnswer]) expect(await whereStored(db, secret)).toEqual([]);
    // …and opens them: a token it mints is signed with the very same key as before.
    const minted = await expectOk(
      await restarted.app.request('/v1/shopper-tokens', {
        method: 'POST',
        headers: { authorization: `Bearer ${suite.h.merchant.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ shopperId: 'after-upgrade' }),
      }),
      201,
    );
    const { payload } = await jwtVerify(minted.token, new TextEncoder().encode(legacy.signing), { audience: merchantId });
    expect(payload.sub).toBe('after-upgrade');
    // The answer stored in clear before replays as it was.
    const replay = await restarted.app.request('/v1/shopper-tokens', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${suite.h.merchant.secretKey}`,
        'content-type': 'application/json',
        'idempotency-key': 'legacy-key',
      },
      body: legacyRequest,
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.text()).toBe(legacyAnswer);
    await restarted.close();
  });

  it('refuses a server key other than the one the database was sealed with', async () => {
    await expect(loadServerKey(suite.h.db, randomBytes(32).toString('base64'))).rejects.toThrow(
      /is not the key this database's secrets were sealed with/,
    );
    await expect(loadServerKey(suite.h.db, 'too-short')).rejects.toThrow(/openssl rand -base64 32/);
  });
});

describe('where the server key comes from', () => {
  let postgres: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    postgres = await freshPostgres();
    dataDir = await mkdtemp(join(tmpdir(), 'flock-key-'));
  });
  afterAll(async () => {
    await postgres?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('PostgreSQL without FLOCK_SECRET_KEY: `flock-server start` refuses with one line saying how to make one', async () => {
    const { FLOCK_SECRET_KEY, ...env } = process.env;
    const child = spawn(process.execPath, ['bin/flock-server.js', 'start', '--port', '0'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...env, DATABASE_URL: postgres.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^flock-server: FLOCK_SECRET_KEY is not set: .*openssl rand -base64 32/);
    const db = await postgres.open();
    await expect(loadServerKey(db)).rejects.toBeInstanceOf(ServerKeyError);
  });

  it('a PGlite directory makes its key once, readable by its owner only, and uses it again', async () => {
    const first = await openPglite(dataDir);
    await migrate(first);
    const sealed = (await loadServerKey(first)).seal('whsec_example', 'place');
    await first.close();
    expect((await stat(join(dataDir, SERVER_KEY_FILE))).mode & 0o777).toBe(0o600);

    const again = await openPglite(dataDir);
    expect((await loadServerKey(again)).open(sealed, 'place')).toBe('whsec_example');
    await again.close();
  });

  it('in-memory PGlite: one random key per database, shared by the servers on it', async () => {
    const db = await openPglite();
    await migrate(db);
    const sealed = (await loadServerKey(db)).seal('whsec_example', 'place');
    expect((await loadServerKey(db)).open(sealed, 'place')).toBe('whsec_example');
    await db.close();
  });
});
