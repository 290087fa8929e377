/**
 * The Flock server under benchmark, in its own process so the load generator does not share its
 * event loop. Started by scripts/bench/reservations.ts with fork(); talks over IPC:
 *   → {type: 'ready', url}          once migrated and listening on 127.0.0.1 (free port)
 *   ← {type: 'mark'}                starts the CPU / event-loop window
 *   ← {type: 'report'}              → {type: 'report', cpuMs, wallMs, eventLoopUtilization, statements, transactions}
 *   ← {type: 'close'}               → {type: 'closed'} after closing the listener and the pool, then exits
 * It also exits when the parent goes away (IPC disconnect), so it can never outlive the benchmark.
 */
import { performance } from 'node:perf_hooks';
import { connectPostgres, type Db, type Sql } from '../../packages/server/src/db.js';
import { createFlockServer } from '../../packages/server/src/server.js';

const url = process.env.BENCH_SERVER_DATABASE_URL;
if (!url || !process.send) {
  console.error('scripts/bench/server.ts is started by scripts/bench.ts (needs IPC and BENCH_SERVER_DATABASE_URL).');
  process.exit(2);
}
const send = (message: unknown) => process.send?.(message);

const pooled = connectPostgres(url, { max: Number(process.env.BENCH_POOL ?? 10) });

// Counts what the server sends PostgreSQL: every statement is one network round trip, and so are
// each transaction's BEGIN and COMMIT.
const counts = { statements: 0, transactions: 0 };
const counted = (sql: Sql): Sql => ({
  query: (text, params) => {
    counts.statements++;
    return sql.query(text, params);
  },
  exec: (text) => {
    counts.statements++;
    return sql.exec(text);
  },
});
const db: Db = {
  ...counted(pooled),
  kind: pooled.kind,
  transaction: (fn) => {
    counts.transactions++;
    return pooled.transaction((tx) => fn(counted(tx)));
  },
  close: () => pooled.close(),
};
const server = await createFlockServer({ db, jobIntervalMs: 0, log: (line) => console.error(line) });
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

process.on('message', async (message: { type?: string }) => {
  if (message.type === 'mark') {
    cpuMark = process.cpuUsage();
    wallMark = performance.now();
    eluMark = performance.eventLoopUtilization();
    counts.statements = 0;
    counts.transactions = 0;
  } else if (message.type === 'report') {
    const cpu = process.cpuUsage(cpuMark);
    send({
      type: 'report',
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - wallMark,
      eventLoopUtilization: performance.eventLoopUtilization(eluMark).utilization,
      ...counts,
    });
  } else if (message.type === 'close') {
    await shutdown();
    send({ type: 'closed' });
    process.disconnect();
  }
});
process.on('disconnect', () => void shutdown().then(() => process.exit(0)));

send({ type: 'ready', url: base });
