import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from './clock.js';
import { createMerchant, createStaffKey } from './domain/merchants.js';
import { ApiError } from './errors.js';
import { DataDirInUseError, type DataDirOwner, dataDirOwner, displayPath } from './infra/data-dir-lock.js';
import { openDatabase } from './infra/db.js';
import { migrate } from './infra/migrate.js';
import { loadServerKey } from './infra/server-key.js';
import { publicWebhooksOnly } from './infra/webhook-address.js';
import { defaultSdkDir, isSdkBuilt } from './routes/sdk.js';
import { createFlockServer } from './server.js';

const usage = `Usage:
  flock-server start [--port 8787] [--host 127.0.0.1] [--memory] [--data-dir ./.flock-data]
  flock-server merchant create --name NAME --origin URL [--origin URL…] [--webhook-url URL] [--invite EMAIL]
  flock-server staff create --merchant mer_… --store NAME

DATABASE_URL selects PostgreSQL; without it, embedded PGlite in ./.flock-data (one process at a time:
while a server runs on it, merchant and staff create go through that server).
FLOCK_ADMIN_TOKEN turns on POST /v1/merchants for a running server, and lets merchant create use it.
--invite EMAIL prints a one-time link (valid 7 days) for that person to set a password and run the merchant
console at /console; FLOCK_PUBLIC_URL is the address the link names (default: the server's own).
FLOCK_SECRET_KEY (32 random bytes, base64: openssl rand -base64 32) seals webhook secrets and stored answers; required
with DATABASE_URL, the same in every process; PGlite keeps its own in <data-dir>/flock-secret.key.
FLOCK_MERCHANT_SECRET_KEY (the merchant's sk_…) lets staff create go through a running server.
FLOCK_TRUST_PROXY=1 takes client addresses (for rate limits) from X-Forwarded-For; set it only behind a proxy.
FLOCK_ALLOW_PRIVATE_WEBHOOKS=1 lets webhook URLs reach loopback and private addresses (development only).
FLOCK_SDK_DIR is the built browser bundle served at /sdk/flock.js (default: packages/elements/dist, made by pnpm build).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    memory: { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: './.flock-data' },
    name: { type: 'string' },
    origin: { type: 'string', multiple: true },
    'webhook-url': { type: 'string' },
    merchant: { type: 'string' },
    invite: { type: 'string' },
    store: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const databaseUrl = process.env.DATABASE_URL;
const dataDir = databaseUrl || values.memory ? undefined : resolve(values['data-dir'] ?? './.flock-data');
const allowPrivateWebhooks = process.env.FLOCK_ALLOW_PRIVATE_WEBHOOKS === '1';
const sdkDir = process.env.FLOCK_SDK_DIR ? resolve(process.env.FLOCK_SDK_DIR) : undefined;

const openDb = async () => {
  const db = await openDatabase({ url: databaseUrl, dataDir, command: `flock-server ${positionals.slice(0, 2).join(' ')}` });
  await migrate(db);
  return db;
};

/** The database in words for the start-up line: host, port and database of DATABASE_URL, never its user or password. */
const describeDatabase = () => {
  if (databaseUrl) {
    const url = URL.canParse(databaseUrl) ? new URL(databaseUrl) : undefined;
    return url?.host ? `PostgreSQL ${url.host}${url.pathname}` : 'PostgreSQL (DATABASE_URL)';
  }
  return dataDir ? `PGlite ${displayPath(dataDir)}` : 'PGlite in memory (lost on exit)';
};

const describeWidgets = () => {
  if (isSdkBuilt(sdkDir)) return `widgets built (${displayPath(sdkDir ?? defaultSdkDir)})`;
  return sdkDir ? `widgets missing: no flock.js in FLOCK_SDK_DIR ${sdkDir}` : 'widgets not built: run `pnpm build`';
};

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** A staff key is made for the merchant whose secret key makes it: refuse when that is not --merchant. */
async function checkKeyBelongsTo(serverUrl: string, secretKey: string, merchantId: string) {
  const response = await fetch(`${serverUrl}/v1/merchant`, { headers: { authorization: `Bearer ${secretKey}` } });
  const merchant = (await response.json()) as { id?: string; error?: { message: string } };
  if (!response.ok) throw new Error(`FLOCK_MERCHANT_SECRET_KEY: ${merchant.error?.message ?? response.status}`);
  if (merchant.id !== merchantId)
    throw new Error(`FLOCK_MERCHANT_SECRET_KEY is ${merchant.id}'s secret key, not ${merchantId}'s`);
}

/**
 * A PGlite directory is one process's: while a server holds it, an admin command sends its request to that
 * server with the given bearer key, or, without one, prints how to do so and writes nothing.
 */
async function throughRunningServer(
  owner: DataDirOwner,
  request: { path: string; body: unknown; bearer: string | undefined; bearerVariable: string; whatFor: string; howElse: string },
) {
  if (!owner.url) throw new DataDirInUseError(dataDir!, owner);
  const url = `${owner.url}${request.path}`;
  if (!request.bearer) {
    throw new Error(
      `${displayPath(dataDir!)} is in use by process ${owner.pid} (${owner.command}, ${owner.url}), so ${request.whatFor} through that server. ` +
        `Run this command again with ${request.bearerVariable} set, or:\n` +
        `  curl -X POST ${url} -H "Authorization: Bearer $${request.bearerVariable}" -H 'Content-Type: application/json' -d ${shellQuote(JSON.stringify(request.body))}\n` +
        request.howElse,
    );
  }
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${request.bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(request.body),
  }).catch((error: Error) => {
    throw new Error(`the server at ${owner.url} (process ${owner.pid}) does not answer: ${error.message}`);
  });
  const answer = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!response.ok) {
    throw new Error(
      `the server at ${owner.url} answered ${response.status} ${answer.error?.code ?? ''}: ${answer.error?.message ?? ''}`,
    );
  }
  return answer;
}

const fail = (message: string): never => {
  console.error(`flock-server: ${message}\n\n${usage}`);
  process.exit(2);
};

async function main() {
  const [command, sub] = positionals;
  if (values.help || !command) return console.log(usage);
  if (command === 'start') {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not ${values.port}`);
    const db = await openDb();
    const server = await createFlockServer({
      db,
      adminToken: process.env.FLOCK_ADMIN_TOKEN,
      secretKey: process.env.FLOCK_SECRET_KEY,
      assist: { trustForwardedFor: process.env.FLOCK_TRUST_PROXY === '1' },
      publicUrl: process.env.FLOCK_PUBLIC_URL,
      allowPrivateWebhooks,
      sdkDir,
    });
    const { url } = await server.listen(port, values.host).catch(async (error) => {
      await server.close();
      await db.close();
      throw error;
    });
    await db.dataDirLock?.update({ url });
    console.error(`flock-server: listening on ${url}, database ${describeDatabase()}, ${describeWidgets()}`);
    const stop = async () => {
      await server.close();
      await db.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }
  if (command === 'merchant' && sub === 'create') {
    if (!values.name) fail('merchant create needs --name');
    if (!values.origin?.length) fail('merchant create needs at least one --origin');
    const { CreateMerchantRequest } = await import('@flock/protocol');
    const parsed = CreateMerchantRequest.safeParse({
      name: values.name,
      origins: values.origin,
      webhookUrl: values['webhook-url'],
      ownerEmail: values.invite,
    });
    if (!parsed.success)
      fail(
        parsed.error.issues
          .map((i: { path: PropertyKey[]; message: string }) => `${i.path.map(String).join('.')}: ${i.message}`)
          .join('; '),
      );
    const owner = dataDir && (await dataDirOwner(dataDir));
    if (owner) {
      const created = await throughRunningServer(owner, {
        path: '/v1/merchants',
        body: parsed.data,
        bearer: process.env.FLOCK_ADMIN_TOKEN,
        bearerVariable: 'FLOCK_ADMIN_TOKEN',
        whatFor: 'the merchant must be created',
        howElse:
          'Either way the server must have been started with the same FLOCK_ADMIN_TOKEN; if it was not, stop it and run this command again.',
      });
      return console.log(JSON.stringify(created, null, 2));
    }
    const db = await openDb();
    const secrets = await loadServerKey(db, process.env.FLOCK_SECRET_KEY);
    const webhookAddresses = { ...publicWebhooksOnly, allowPrivateAddresses: allowPrivateWebhooks };
    const publicUrl = process.env.FLOCK_PUBLIC_URL ?? `http://localhost:${values.port}`;
    console.log(
      JSON.stringify(await createMerchant(db, systemClock, secrets, parsed.data!, webhookAddresses, publicUrl), null, 2),
    );
    return db.close();
  }
  if (command === 'staff' && sub === 'create') {
    if (!values.merchant || !values.store) fail('staff create needs --merchant and --store');
    const owner = dataDir && (await dataDirOwner(dataDir));
    if (owner) {
      const secretKey = process.env.FLOCK_MERCHANT_SECRET_KEY;
      if (secretKey && owner.url) await checkKeyBelongsTo(owner.url, secretKey, values.merchant!);
      const created = await throughRunningServer(owner, {
        path: '/v1/staff-keys',
        body: { store: values.store },
        bearer: secretKey,
        bearerVariable: 'FLOCK_MERCHANT_SECRET_KEY',
        whatFor: `the staff key must be created with ${values.merchant}'s secret key`,
        howElse: `(FLOCK_MERCHANT_SECRET_KEY is ${values.merchant}'s sk_… key, printed when the merchant was created.)`,
      });
      return console.log(JSON.stringify(created, null, 2));
    }
    const db = await openDb();
    console.log(JSON.stringify(await createStaffKey(db, systemClock, values.merchant!, values.store!), null, 2));
    return db.close();
  }
  fail(`unknown command: ${positionals.join(' ')}`);
}

main().catch((error) => {
  console.error(
    `flock-server: ${error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
