import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** pgbench on PATH, else the newest /usr/lib/postgresql/<version>/bin/pgbench. */
export function findPgbench(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'pgbench'))) return join(dir, 'pgbench');
  }
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a) || b.localeCompare(a))
    : [];
  return versions.map((v) => join('/usr/lib/postgresql', v, 'bin', 'pgbench')).find((path) => existsSync(path));
}

/** libpq connection options from a postgres:// URL, as command-line flags plus PGPASSWORD. */
function connectionArgs(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const args = ['-h', url.hostname, '-p', url.port || '5432'];
  if (url.username) args.push('-U', decodeURIComponent(url.username));
  const env = { ...process.env, ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}) };
  return { args, env, dbname: decodeURIComponent(url.pathname.slice(1)) };
}

/**
 * `tps = N (without initial connection time)` on PostgreSQL ≥ 14; older versions print both
 * "including connections establishing" and "excluding connections establishing": take the latter.
 */
export function parseTps(output: string): number | undefined {
  const lines = [...output.matchAll(/^tps = ([\d.]+)(.*)$/gm)];
  const preferred = lines.find((m) => /excluding|without/.test(m[2] ?? '')) ?? lines[0];
  return preferred ? Number(preferred[1]) : undefined;
}

export interface PgbenchResult {
  tps: number;
  binary: string;
  command: string;
}

/** `pgbench -i -q -s scale`: pgbench's own tables, for the simple-update run. */
export async function initPgbench(binary: string, databaseUrl: string, scale: number): Promise<void> {
  const { args, env, dbname } = connectionArgs(databaseUrl);
  await run(binary, ['-i', '-q', '-s', String(scale), ...args, dbname], { env, timeout: 300_000 });
}

/** The simple-update run (-N) on the tables initPgbench made, with the same clients and duration as the API benchmark. */
export function runPgbench(
  binary: string,
  databaseUrl: string,
  options: { seconds: number; clients: number; threads: number },
): Promise<PgbenchResult> {
  return timedRun(binary, databaseUrl, ['-N', ...loadArgs(options)], [], options.seconds);
}

/**
 * A custom script (`-f`, one transaction per run of it) on tables the caller made: `-n` skips
 * vacuuming pgbench's own tables. `protocol: 'prepared'` (-M prepared) sends each statement as a
 * prepared statement, as the server's PostgreSQL client does. Resolves with the TPS and the command
 * (without connection flags).
 */
export async function runPgbenchScript(
  binary: string,
  databaseUrl: string,
  options: { script: string; seconds: number; clients: number; threads: number; protocol?: 'simple' | 'prepared' },
): Promise<PgbenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'flock-pgbench-'));
  const file = join(dir, 'script.sql');
  writeFileSync(file, options.script);
  try {
    const protocol = options.protocol === 'prepared' ? ['-M', 'prepared'] : [];
    return await timedRun(binary, databaseUrl, ['-n', ...protocol, ...loadArgs(options)], ['-f', file], options.seconds);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const loadArgs = (options: { seconds: number; clients: number; threads: number }) => [
  '-c',
  String(options.clients),
  '-j',
  String(options.threads),
  '-T',
  String(options.seconds),
];

/** Runs pgbench with benchArgs (shown in the command) and hidden (a script's temporary path), and reads its TPS. */
async function timedRun(
  binary: string,
  databaseUrl: string,
  benchArgs: string[],
  hidden: string[],
  seconds: number,
): Promise<PgbenchResult> {
  const { args, env, dbname } = connectionArgs(databaseUrl);
  const { stdout, stderr } = await run(binary, [...benchArgs, ...hidden, ...args, dbname], {
    env,
    timeout: (seconds + 120) * 1000,
    maxBuffer: 16 << 20,
  });
  const tps = parseTps(stdout) ?? parseTps(stderr);
  if (tps === undefined) throw new Error(`no "tps = …" line in pgbench output:\n${stdout}\n${stderr}`);
  return { tps, binary, command: `pgbench ${benchArgs.join(' ')}${hidden.length ? ' -f <script>' : ''}` };
}
