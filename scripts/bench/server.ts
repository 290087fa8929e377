/**
 * The Flock server under benchmark, in its own process so the load generator does not share its
 * event loop. Started by scripts/bench/reservations.ts with fork(); talks over IPC:
 *   → {type: 'ready', url}          once migrated and listening on 127.0.0.1 (free port)
 *   ← {type: 'mark'}                starts the CPU / event-loop window
 *   ← {type: 'report', gc?}         → {type: 'report', cpuMs, wallMs, eventLoopUtilization, statements, transactions,
 *                                      rssBytes, liveSubscribers, liveEvents}
 *   ← {type: 'create-merchant', name, origins} → {type: 'merchant', merchantId, publishableKey, secretKey, webhookSecret}
 *   ← {type: 'close'}               → {type: 'closed'} after closing the listener and the pool, then exits
 * It also exits when the parent goes away (IPC disconnect), so it can never outlive the benchmark.
 *
 * BENCH_SERVER_DATABASE_URL=pglite runs on PGlite in memory (create-merchant is then the only way in).
 * liveEvents times each NOTIFY the live hub hears (heardAt), when the event row it then reads arrives
 * (readAt), and when the microtasks of the fan-out that follows have drained (drainedAt), in epoch ms
 * (performance.timeOrigin + performance.now()) so the load generator can line them up with its own clock.
 */
import { performance } from 'node:perf_hooks';
import { createMerchant } from '../../packages/server/src/domain/merchants.js';
import { connectPostgres, type Db, openPglite, type Sql, type Tx } from '../../packages/server/src/infra/db.js';
import { createFlockServer } from '../../packages/server/src/server.js';

const url = process.env.BENCH_SERVER_DATABASE_URL;
if (!url || !process.send) {
  console.error('scripts/bench/server.ts is started by scripts/bench.ts (needs IPC and BENCH_SERVER_DATABASE_URL).');
  process.exit(2);
}
const send = (message: unknown) => process.send?.(message);

const pooled = url === 'pglite' ? await openPglite() : connectPostgres(url, { max: Number(process.env.BENCH_POOL ?? 10) });
const epochNow = () => performance.timeOrigin + performance.now();

// Counts what the server sends PostgreSQL: every statement is one network round trip, and so are
// each transaction's BEGIN and COMMIT.
const counts = { statements: 0, transactions: 0 };
let liveEvents: Array<{ heardAt: number; readAt?: number; drainedAt?: number }> = [];
// The statement LiveHub runs for each NOTIFY it hears with someone following the topic (live-hub.ts).
const LIVE_EVENT_READ = /from live_events where merchant_id = \$1 and id = \$2/;
const counted = (sql: Sql): Sql => ({
  query: (text, params) => {
    counts.statements++;
    const pending = sql.query(text, params);
    const event = LIVE_EVENT_READ.test(text) ? liveEvents.findLast((e) => e.readAt === undefined) : undefined;
    if (event) {
      // Runs before the hub's own continuation (attached first); setImmediate runs once the hub's
      // send loop and the stream writes it sets off have drained the microtask queue.
      void pending.then(
        () => {
          event.readAt = epochNow();
          setImmediate(() => {
            event.drainedAt = epochNow();
          });
        },
        () => {},
      );
    }
    return pending;
  },
  exec: (text) => {
    counts.statements++;
    return sql.exec(text);
  },
});
// A savepoint is two more round trips (SAVEPOINT, then RELEASE or ROLLBACK TO).
const countedTx = (tx: Tx): Tx => ({
  ...counted(tx),
  savepoint: (fn) => {
    counts.statements += 2;
    return tx.savepoint((inner) => fn(countedTx(inner)));
  },
});
const db: Db = {
  ...counted(pooled),
  kind: pooled.kind,
  tryQuery: (text, params) => {
    counts.statements++;
    return pooled.tryQuery(text, params);
  },
  transaction: (fn) => {
    counts.transactions++;
    return pooled.transaction((tx) => fn(countedTx(tx)));
  },
  listen: (channel, onPayload) =>
    pooled.listen(channel, (payload) => {
      if (liveEvents.length < 10_000) liveEvents.push({ heardAt: epochNow() });
      onPayload(payload);
    }),
  close: () => pooled.close(),
};
const server = await createFlockServer({
  db,
  jobIntervalMs: 0,
  log: (line) => console.error(line),
  secretKey: process.env.FLOCK_SECRET_KEY,
});
const { url: base } = await server.listen(0, '127.0.0.1');

let cpuMark = process.cpuUsage();
let wallMark = performance.now();
let eluMark = performance.eventLoopUtilization();

let closing: Promise<void> | undefined;
const shutdown = () => {
  closing ??= (async () => {
    // Never hang on a stuck socket or pool: the benchmark must end on its own.
    setTimeout(() => process.exit(1), 10_000).unref();
    await server.close();
    await db.close();
  })();
  return closing;
};

process.on('message', async (message: { type?: string; name?: string; origins?: string[]; gc?: boolean }) => {
  if (message.type === 'mark') {
    cpuMark = process.cpuUsage();
    wallMark = performance.now();
    eluMark = performance.eventLoopUtilization();
    counts.statements = 0;
    counts.transactions = 0;
    liveEvents = [];
  } else if (message.type === 'report') {
    // Steadier memory figures: collect garbage first (the server runs with --expose-gc).
    if (message.gc) (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage(cpuMark);
    send({
      type: 'report',
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - wallMark,
      eventLoopUtilization: performance.eventLoopUtilization(eluMark).utilization,
      ...counts,
      rssBytes: process.memoryUsage.rss(),
      liveSubscribers: server.app.hub.subscriberCount,
      liveEvents,
    });
  } else if (message.type === 'create-merchant') {
    const created = await createMerchant(db, server.clock, server.secrets, {
      name: message.name ?? 'Bench',
      origins: message.origins ?? [],
    });
    send({ type: 'merchant', ...created });
  } else if (message.type === 'close') {
    await shutdown();
    send({ type: 'closed' });
    process.disconnect();
  }
});
process.on('disconnect', () => void shutdown().then(() => process.exit(0)));

send({ type: 'ready', url: base });
