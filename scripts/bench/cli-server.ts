/**
 * Server processes the way a user runs them: `node packages/server/bin/flock-server.js start`, and
 * the reference servers beside it, each started with spawn and known by the `listening on <url>`
 * line it prints on stderr. Their CPU time is read from /proc, so nothing in them is instrumented.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const FLOCK_CLI = join(repoRoot, 'packages/server/bin/flock-server.js');

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface ListeningProcess {
  url: string;
  pid: number;
  /** CPU time (user + system) the process has used so far, in ms (10 ms ticks on Linux; NaN elsewhere). */
  cpuMs(): number;
  /** Resident set size now, in bytes (NaN off Linux). */
  rssBytes(): number;
  /** SIGTERM, then SIGKILL if it has not exited within 15 s. */
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

function processCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): state is [0], utime [11], stime [12].
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

function processRssBytes(pid: number): number {
  try {
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? Number.NaN : Number(kib) * 1024;
  } catch {
    return Number.NaN;
  }
}

/** Spawns `node …args` and resolves once it prints `listening on http://…` on stderr. */
export async function spawnListening(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<ListeningProcess> {
  const child: ChildProcess = spawn(process.execPath, args, { env, cwd: repoRoot, stdio: ['ignore', 'inherit', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(
      () => reject(new Error(`${name}: not listening within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const listening = /listening on (http:\/\/[^\s,]+)/.exec(line);
        if (listening?.[1]) {
          clearTimeout(timer);
          resolve(listening[1]);
        } else if (line.trim()) {
          console.error(`  [${name}] ${line}`);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before listening`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const pid = child.pid as number;
  return {
    url,
    pid,
    cpuMs: () => processCpuMs(pid),
    rssBytes: () => processRssBytes(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface CliServer extends ListeningProcess {
  /** FLOCK_ADMIN_TOKEN of this server: the bearer for POST /v1/merchants. */
  adminToken: string;
}

/**
 * `flock-server start` on a free port, on PostgreSQL (databaseUrl) or PGlite in memory ('pglite').
 * Processes given the same secretKey share one PostgreSQL database, as in production.
 * cpuProfileDir writes a V8 CPU profile there when the server stops (open it in Chrome DevTools).
 */
export function startCliServer(options: {
  databaseUrl: string;
  secretKey?: string;
  cpuProfileDir?: string;
  name?: string;
}): Promise<CliServer> {
  const adminToken = randomBytes(24).toString('base64url');
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    FLOCK_SECRET_KEY: options.secretKey ?? randomBytes(32).toString('base64'),
    FLOCK_ADMIN_TOKEN: adminToken,
    ...(options.databaseUrl === 'pglite' ? {} : { DATABASE_URL: options.databaseUrl }),
  };
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const memory = options.databaseUrl === 'pglite' ? ['--memory'] : [];
  return spawnListening(options.name ?? 'flock-server', [...profile, FLOCK_CLI, 'start', '--port', '0', ...memory], env).then(
    (server) => ({ ...server, adminToken }),
  );
}
