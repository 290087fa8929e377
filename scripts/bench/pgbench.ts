import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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

/** `pgbench -i -s scale` then the simple-update run (-N) with the same clients and duration as the API benchmark. */
export async function runPgbench(
  binary: string,
  databaseUrl: string,
  options: { seconds: number; clients: number; threads: number; scale: number },
): Promise<PgbenchResult> {
  const { args, env, dbname } = connectionArgs(databaseUrl);
  const timeout = (options.seconds + 300) * 1000;
  await run(binary, ['-i', '-q', '-s', String(options.scale), ...args, dbname], { env, timeout });
  const benchArgs = ['-N', '-c', String(options.clients), '-j', String(options.threads), '-T', String(options.seconds)];
  const { stdout, stderr } = await run(binary, [...benchArgs, ...args, dbname], { env, timeout, maxBuffer: 16 << 20 });
  const tps = parseTps(stdout) ?? parseTps(stderr);
  if (tps === undefined) throw new Error(`no "tps = …" line in pgbench output:\n${stdout}\n${stderr}`);
  return { tps, binary, command: `pgbench ${benchArgs.join(' ')}` };
}
