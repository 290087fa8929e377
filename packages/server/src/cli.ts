import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from './clock.js';
import { openDatabase } from './db.js';
import { createMerchant, createStaffKey } from './domain/merchants.js';
import { ApiError } from './errors.js';
import { migrate } from './migrate.js';
import { createFlockServer } from './server.js';

const usage = `Usage:
  flock-server start [--port 8787] [--host 127.0.0.1] [--memory] [--data-dir ./.flock-data]
  flock-server merchant create --name NAME --origin URL [--origin URL…] [--webhook-url URL]
  flock-server staff create --merchant mer_… --store NAME

DATABASE_URL selects PostgreSQL; without it, embedded PGlite in ./.flock-data (one process at a time).
FLOCK_ADMIN_TOKEN turns on POST /v1/merchants for a running server.
FLOCK_TRUST_PROXY=1 takes client addresses (for rate limits) from X-Forwarded-For; set it only behind a proxy.
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
    store: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const openDb = async () => {
  const db = await openDatabase({
    url: process.env.DATABASE_URL,
    dataDir: values.memory ? undefined : resolve(values['data-dir'] ?? './.flock-data'),
  });
  await migrate(db);
  return db;
};

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
      assist: { trustForwardedFor: process.env.FLOCK_TRUST_PROXY === '1' },
      sdkDir: process.env.FLOCK_SDK_DIR ? resolve(process.env.FLOCK_SDK_DIR) : undefined,
    });
    const { url } = await server.listen(port, values.host);
    console.error(`flock-server listening on ${url} (${db.kind}${db.kind === 'pglite' && values.memory ? ', in memory' : ''})`);
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
    });
    if (!parsed.success)
      fail(
        parsed.error.issues
          .map((i: { path: PropertyKey[]; message: string }) => `${i.path.map(String).join('.')}: ${i.message}`)
          .join('; '),
      );
    const db = await openDb();
    console.log(JSON.stringify(await createMerchant(db, systemClock, parsed.data!), null, 2));
    return db.close();
  }
  if (command === 'staff' && sub === 'create') {
    if (!values.merchant || !values.store) fail('staff create needs --merchant and --store');
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
