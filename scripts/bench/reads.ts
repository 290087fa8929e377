/**
 * Cached reads: requests per second of the shipped CLI (`node packages/server/bin/flock-server.js
 * start`) answering a shop page's offer and team reads, against a bare Hono hello-world on
 * @hono/node-server in its own process (scripts/bench/reads-reference.ts), driven by the same load
 * generator (below: keep-alive connections over raw sockets, one request in flight on each, as
 * autocannon does). Each repetition runs the reference, then each Flock read; the ratio of a read
 * is taken against the reference of the same repetition. The load average is recorded before each run.
 *
 * The reads, as a page makes them (publishable key and Origin): the offer (200), the same with
 * `If-None-Match` (304), the offer with a shopper token (200, with `myTeams`), and a team (200).
 * The offer has three open teams, so its answer has the size a widget meets.
 */
import { connect } from 'node:net';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ListeningProcess, spawnListening, startCliServer } from './cli-server.js';
import { api, expectOk, SHOP_ORIGIN } from './reservations.js';
import { type Spread, spread } from './sse.js';

const here = dirname(fileURLToPath(import.meta.url));
const WARM_UP_SECONDS = 1;

export interface ReadsBenchOptions {
  /** A fresh PostgreSQL database, or 'pglite' (in memory). */
  databaseUrl: string;
  seconds: number;
  /** Keep-alive connections, one request in flight on each. */
  connections: number;
  repetitions: number;
  log: (line: string) => void;
}

export const READ_KINDS = ['offer', 'offer 304', 'offer with shopper', 'team'] as const;
export type ReadKind = (typeof READ_KINDS)[number];
type Target = 'hello' | ReadKind;

export interface LoadRun {
  target: Target;
  repetition: number;
  /** os.loadavg()[0] just before the run. */
  loadAverage: number;
  requestsPerSecond: number;
  /** Answers by status: every one is expected to have the target's status. */
  statuses: Record<string, number>;
  /** Body bytes of one answer. */
  bodyBytes: number;
  /** CPU of the server process and of this (load generator) process during the run, in cores. */
  serverCores: number;
  generatorCores: number;
}

export interface ReadsBenchResult {
  runs: LoadRun[];
  requestsPerSecond: Record<Target, Spread>;
  /** Each read's requests/s ÷ the reference's in the same repetition. */
  ratio: Record<ReadKind, Spread>;
  /** Runs whose answers were not all of the expected status. */
  unexpected: string[];
}

const EXPECTED_STATUS: Record<Target, number> = {
  hello: 200,
  offer: 200,
  'offer 304': 304,
  'offer with shopper': 200,
  team: 200,
};

export async function benchReads(options: ReadsBenchOptions): Promise<ReadsBenchResult> {
  const started: ListeningProcess[] = [];
  try {
    const flock = await startCliServer({
      databaseUrl: options.databaseUrl,
      name: 'flock-server (reads)',
      cpuProfileDir: process.env.BENCH_READS_PROFILE_DIR,
    });
    started.push(flock);
    const reference = await spawnListening('reads-reference', ['--import', 'tsx', join(here, 'reads-reference.ts')], process.env);
    started.push(reference);

    // A merchant, an offer with three open teams (leaders paid) and a shopper holding a seat in one.
    const merchant = await expectOk<{ publishableKey: string; secretKey: string }>(
      'create merchant',
      api(flock.url, 'POST', '/v1/merchants', { key: flock.adminToken, body: { name: 'Reads bench', origins: [SHOP_ORIGIN] } }),
    );
    const secret = { key: merchant.secretKey };
    const offer = await expectOk<{ id: string }>(
      'create offer',
      api(flock.url, 'POST', '/v1/group-buy-offers', {
        ...secret,
        body: {
          productRef: 'bench-tea',
          title: 'West Lake Longjing tea, 250 g',
          regularPrice: 2990,
          groupPrice: 1990,
          currency: 'CNY',
          teamSize: 5,
          teamTtlSeconds: 86_400,
          holdTtlSeconds: 3_600,
        },
      }),
    );
    const tokenFor = async (shopperId: string) =>
      (
        await expectOk<{ token: string }>(
          'shopper token',
          api(flock.url, 'POST', '/v1/shopper-tokens', { ...secret, body: { shopperId, displayName: `Shopper ${shopperId}` } }),
        )
      ).token;
    const teamIds: string[] = [];
    for (const leader of ['leader-1', 'leader-2', 'leader-3']) {
      const opened = await expectOk<{ team: { id: string }; reservation: { id: string } }>(
        'open team',
        api(flock.url, 'POST', `/v1/group-buy-offers/${offer.id}/teams`, {
          key: merchant.publishableKey,
          shopperToken: await tokenFor(leader),
        }),
      );
      await expectOk(
        'confirm leader',
        api(flock.url, 'POST', `/v1/reservations/${opened.reservation.id}/confirm`, { ...secret, body: { orderRef: leader } }),
      );
      teamIds.push(opened.team.id);
    }
    const reader = await tokenFor('reader');
    await expectOk(
      'hold a seat',
      api(flock.url, 'POST', `/v1/teams/${teamIds[0]}/reservations`, { key: merchant.publishableKey, shopperToken: reader }),
    );

    const page = { authorization: `Bearer ${merchant.publishableKey}`, origin: SHOP_ORIGIN };
    const offerPath = `/v1/group-buy-offers/${offer.id}`;
    const first = await fetch(`${flock.url}${offerPath}`, { headers: page });
    const etag = first.headers.get('etag');
    if (first.status !== 200 || !etag) throw new Error(`offer read: HTTP ${first.status}, ETag ${etag}`);
    const requests: Record<Target, { server: ListeningProcess; path: string; headers: Record<string, string> }> = {
      hello: { server: reference, path: '/', headers: {} },
      offer: { server: flock, path: offerPath, headers: page },
      'offer 304': { server: flock, path: offerPath, headers: { ...page, 'if-none-match': etag } },
      'offer with shopper': { server: flock, path: offerPath, headers: { ...page, 'flock-shopper': reader } },
      team: { server: flock, path: `/v1/teams/${teamIds[1]}`, headers: page },
    };

    const runs: LoadRun[] = [];
    for (let repetition = 1; repetition <= options.repetitions; repetition++) {
      for (const target of ['hello', ...READ_KINDS] as const) {
        const { server, path, headers } = requests[target];
        const url = new URL(path, server.url);
        await generateLoad(url, headers, WARM_UP_SECONDS, options.connections);
        const loadAverage = loadavg()[0] ?? Number.NaN;
        const serverCpuBefore = server.cpuMs();
        const generatorCpuBefore = process.cpuUsage();
        const load = await generateLoad(url, headers, options.seconds, options.connections);
        const generatorCpu = process.cpuUsage(generatorCpuBefore);
        const run: LoadRun = {
          target,
          repetition,
          loadAverage,
          requestsPerSecond: load.responses / load.seconds,
          statuses: load.statuses,
          bodyBytes: load.bodyBytes,
          serverCores: (server.cpuMs() - serverCpuBefore) / 1000 / load.seconds,
          generatorCores: (generatorCpu.user + generatorCpu.system) / 1e6 / load.seconds,
        };
        runs.push(run);
        options.log(
          `  ${target} ${repetition}: ${Math.round(run.requestsPerSecond)} req/s (load avg ${loadAverage.toFixed(2)}, ` +
            `server ${run.serverCores.toFixed(2)} cores, generator ${run.generatorCores.toFixed(2)} cores)`,
        );
      }
    }

    const of = (target: Target) => runs.filter((run) => run.target === target);
    const helloOf = (repetition: number) => of('hello').find((run) => run.repetition === repetition)?.requestsPerSecond ?? 0;
    return {
      runs,
      requestsPerSecond: Object.fromEntries(
        (['hello', ...READ_KINDS] as const).map((target) => [target, spread(of(target).map((run) => run.requestsPerSecond))]),
      ) as Record<Target, Spread>,
      ratio: Object.fromEntries(
        READ_KINDS.map((kind) => [kind, spread(of(kind).map((run) => run.requestsPerSecond / helloOf(run.repetition)))]),
      ) as Record<ReadKind, Spread>,
      unexpected: runs
        .filter((run) => Object.keys(run.statuses).some((status) => Number(status) !== EXPECTED_STATUS[run.target]))
        .map((run) => `${run.target} ${run.repetition}: ${JSON.stringify(run.statuses)}`),
    };
  } finally {
    await Promise.all(started.map((server) => server.stop()));
  }
}

interface LoadResult {
  responses: number;
  seconds: number;
  statuses: Record<string, number>;
  bodyBytes: number;
}

/**
 * `connections` keep-alive connections sending the same GET for `seconds`, each the next request as
 * soon as the previous answer is complete: the request is written once as bytes, and an answer is
 * read as its status line, its headers and `content-length` bytes (no chunked bodies: both servers
 * send a length). Counts the answers completed within the time.
 */
function generateLoad(url: URL, headers: Record<string, string>, seconds: number, connections: number): Promise<LoadResult> {
  const request = Buffer.from(
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}\r\n`,
  );
  const statuses: Record<string, number> = {};
  let responses = 0;
  let bodyBytes = 0;
  let stopped = false;
  return new Promise((resolve, reject) => {
    const sockets = Array.from({ length: connections }, () => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write(request));
      socket.setNoDelay(true);
      let pending = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        for (;;) {
          const headEnd = pending.indexOf('\r\n\r\n');
          if (headEnd < 0) return;
          const head = pending.subarray(0, headEnd).toString('latin1');
          if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return fail(new Error(`${url.pathname}: chunked answer`));
          const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
          const end = headEnd + 4 + length;
          if (pending.length < end) return;
          if (stopped) return void socket.destroy();
          const status = head.slice(9, 12);
          statuses[status] = (statuses[status] ?? 0) + 1;
          bodyBytes = length;
          responses++;
          pending = pending.subarray(end);
          socket.write(request);
        }
      });
      socket.on('error', (error) => fail(error));
      return socket;
    });
    const fail = (error: Error) => {
      stopped = true;
      for (const socket of sockets) socket.destroy();
      reject(error);
    };
    const startedAt = performance.now();
    setTimeout(() => {
      stopped = true;
      const elapsed = (performance.now() - startedAt) / 1000;
      for (const socket of sockets) socket.destroy();
      resolve({ responses, seconds: elapsed, statuses, bodyBytes });
    }, seconds * 1000);
  });
}
