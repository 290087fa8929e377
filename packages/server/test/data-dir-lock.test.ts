import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, type DataDirLock, lockDataDir } from '../src/infra/data-dir-lock.js';
import { openPglite } from '../src/infra/db.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'flock-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;
const writeLock = (dir: string, owner: object) => writeFileSync(join(dir, 'flock.lock'), JSON.stringify(owner));

/** Runs every attempt at once; exactly one must get the directory, the others DataDirInUseError. */
async function race(dir: string, contenders: number) {
  const results = await Promise.allSettled(Array.from({ length: contenders }, (_, i) => lockDataDir(dir, `contender ${i}`)));
  const won = results.filter((r): r is PromiseFulfilledResult<DataDirLock> => r.status === 'fulfilled');
  const lost = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
  expect(won).toHaveLength(1);
  for (const reason of lost) expect(reason).toBeInstanceOf(DataDirInUseError);
  return won[0]!.value;
}

describe('lockDataDir', () => {
  it('gives a directory to one of several attempts at once, and to the next after release', async () => {
    const dir = freshDir();
    const lock = await race(dir, 6);
    await expect(lockDataDir(dir, 'late')).rejects.toThrow(`is in use by process ${process.pid}`);
    await lock.release();
    expect(existsSync(join(dir, 'flock.lock'))).toBe(false);
    await (await lockDataDir(dir, 'next')).release();
  });

  it('takes over a lock left by a dead process, once, however many try at the same moment', async () => {
    const dir = freshDir();
    writeLock(dir, { pid: deadPid(), command: 'flock-server start', nonce: 'crashed' });
    const lock = await race(dir, 6);
    expect(JSON.parse(readFileSync(join(dir, 'flock.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('gives a directory with a stale lock to one of several processes starting at once', async () => {
    const dir = freshDir();
    writeLock(dir, { pid: deadPid(), command: 'flock-server start', nonce: 'crashed' });
    const module = fileURLToPath(new URL('../src/infra/data-dir-lock.ts', import.meta.url));
    // Each says whether it got the directory and holds what it got until every one has tried (its stdin ends).
    const script = `const { lockDataDir } = await import(${JSON.stringify(module)});
      console.log(await lockDataDir(${JSON.stringify(dir)}, 'contender').then(() => 'got', (e) => e.constructor.name));
      process.stdin.on('data', () => {}).on('end', () => process.exit());`;
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]),
    );
    const outcomes = await Promise.all(
      children.map(
        (child) =>
          new Promise<string>((resolve) => {
            let out = '';
            child.stdout.on('data', (chunk) => {
              out += chunk;
              if (out.includes('\n')) resolve(out.trim());
            });
            child.stderr.on('data', (chunk) => (out += chunk));
            child.on('close', () => resolve(out.trim()));
          }),
      ),
    );
    await Promise.all(children.map((child) => new Promise((resolve) => child.on('close', resolve).stdin.end())));
    expect(outcomes.sort()).toEqual(['DataDirInUseError', 'DataDirInUseError', 'DataDirInUseError', 'got']);
  });

  it('takes over a lock with this process’s pid that it does not hold (a restarted container reuses pids)', async () => {
    const dir = freshDir();
    writeLock(dir, { pid: process.pid, command: 'flock-server start', nonce: 'previous container' });
    await (await lockDataDir(dir, 'after restart')).release();
  });

  // The start time comes from /proc, so only where there is one.
  it.skipIf(!existsSync('/proc/self/stat'))('takes over a lock whose pid now belongs to another process', async () => {
    const dir = freshDir();
    writeLock(dir, { pid: process.ppid, processStart: '1', command: 'flock-server start', nonce: 'old' });
    await (await lockDataDir(dir, 'after reuse')).release();
  });

  it('names the live holder, its command and URL', async () => {
    const dir = freshDir();
    const lock = await lockDataDir(dir, 'flock-server start');
    await lock.update({ url: 'http://127.0.0.1:8787' });
    const refusal = await lockDataDir(dir, 'flock-server merchant create').catch((error: Error) => error);
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as Error).message).toBe(
      `${dir} is in use by process ${process.pid} (flock-server start, http://127.0.0.1:8787); stop it or use DATABASE_URL`,
    );
    await lock.release();
  });
});

describe('openPglite on a directory', () => {
  it('holds the directory until closed, so a second open in any process is refused', async () => {
    const dir = freshDir();
    const db = await openPglite(dir, { command: 'demo.ts' });
    await expect(openPglite(dir)).rejects.toThrow(
      `${dir} is in use by process ${process.pid} (demo.ts); stop it or use DATABASE_URL`,
    );
    await db.close();
    await (await openPglite(dir)).close();
    expect(existsSync(join(dir, 'flock.lock'))).toBe(false);
  });
});
