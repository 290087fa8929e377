import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { type FileHandle, mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

/**
 * One process per PGlite data directory. PGlite has no lock of its own: a second process on the same
 * directory runs happily and its writes are lost. The holder writes `flock.lock` in the directory with
 * its pid; a lock whose process is gone (kill -9, a crash) is taken over at once.
 */
export interface DataDirOwner {
  pid: number;
  /** The process's start time from /proc (Linux), so a reused pid is not taken for the holder. */
  processStart?: string;
  /** What holds the directory, e.g. `flock-server start`. */
  command: string;
  /** Where a server holding the directory listens, once it does. */
  url?: string;
  /** Tells this lock from a later one with the same pid. */
  nonce: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Records where the holding server listens, so other commands can send their work to it. */
  update(fields: { url: string }): Promise<void>;
  release(): Promise<void>;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner,
  ) {
    const what = [owner.command, owner.url].filter(Boolean).join(', ');
    super(`${displayPath(dataDir)} is in use by process ${owner.pid}${what ? ` (${what})` : ''}; stop it or use DATABASE_URL`);
  }
}

const lockFileName = 'flock.lock';
/** Nonces of the locks this process holds or is taking: its own pid in a lock file means nothing else. */
const heldHere = new Set<string>();

/** `./.flock-data` for a directory under the working directory, the absolute path otherwise. */
export const displayPath = (dir: string) => {
  const fromHere = relative(process.cwd(), dir);
  return fromHere && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? `./${fromHere}` : dir;
};

const processStart = (pid: number): string | undefined => {
  try {
    // Field 22 (starttime) of /proc/<pid>/stat; fields 3 on follow the command name's closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
};

const isAlive = (owner: DataDirOwner) => {
  if (owner.pid === process.pid) return heldHere.has(owner.nonce);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = owner.processStart && processStart(owner.pid);
  return !start || start === owner.processStart;
};

const parseOwner = (text: string): DataDirOwner | undefined => {
  try {
    const owner = JSON.parse(text) as DataDirOwner;
    return Number.isInteger(owner.pid) && typeof owner.nonce === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
};

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A lock file younger than this that does not parse yet is being written by its creator. */
const writingGraceMs = 2_000;

type LockState =
  | { state: 'none' | 'writing' }
  | { state: 'live'; owner: DataDirOwner }
  /** `key` names this very file's content, so a later lock is never taken for it. */
  | { state: 'stale'; key: string };

async function readLock(path: string): Promise<LockState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errno(error) === 'ENOENT') return { state: 'none' };
    throw error;
  }
  const owner = parseOwner(text);
  const key = createHash('sha256').update(text).digest('hex').slice(0, 16);
  if (owner) return isAlive(owner) ? { state: 'live', owner } : { state: 'stale', key };
  const age = await stat(path).then(
    (info) => Date.now() - info.mtimeMs,
    () => 0,
  );
  return age < writingGraceMs ? { state: 'writing' } : { state: 'stale', key };
}

/** Creates path with content unless it exists (atomic: of several processes, one gets true). */
async function createExclusive(path: string, content: string) {
  let file: FileHandle;
  try {
    file = await open(path, 'wx');
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await file.writeFile(content);
    await file.sync();
  } finally {
    await file.close();
  }
  return true;
}

/**
 * Removes the stale lock `key` at path. Of the processes that found it stale, only the one that creates its
 * guard file may remove it, so none can remove a fresh lock made in the meantime; a guard left by a process
 * that died holding it is stale in its turn.
 */
async function removeStale(path: string, key: string, content: string): Promise<boolean> {
  const guard = `${path}.${key}`;
  if (!(await createExclusive(guard, content))) {
    const holder = await readLock(guard);
    if (holder.state === 'stale') await removeStale(guard, holder.key, content);
    return false;
  }
  try {
    const now = await readLock(path);
    if (now.state === 'stale' && now.key === key) await unlink(path);
    return true;
  } finally {
    await unlink(guard).catch(() => {});
  }
}

/** The live process holding dataDir, if any (a stale lock counts as none). */
export async function dataDirOwner(dataDir: string): Promise<DataDirOwner | undefined> {
  const lock = await readLock(join(dataDir, lockFileName));
  return lock.state === 'live' ? lock.owner : undefined;
}

/** Takes dataDir for this process, or throws DataDirInUseError naming the live process that holds it. */
export async function lockDataDir(dataDir: string, command: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, lockFileName);
  const owner: DataDirOwner = { pid: process.pid, processStart: processStart(process.pid), command, nonce: randomUUID() };
  const content = JSON.stringify(owner);
  // Counted as held from the start, so the lock file (or guard) it is writing is never this process's stale one.
  heldHere.add(owner.nonce);
  try {
    const deadline = Date.now() + 10_000;
    while (!(await createExclusive(path, content))) {
      if (Date.now() > deadline) throw new Error(`could not lock ${displayPath(dataDir)}: ${path} keeps changing`);
      const lock = await readLock(path);
      if (lock.state === 'live') throw new DataDirInUseError(dataDir, lock.owner);
      if (lock.state === 'stale' && (await removeStale(path, lock.key, content))) continue;
      if (lock.state !== 'none') await sleep(20);
    }
  } catch (error) {
    heldHere.delete(owner.nonce);
    throw error;
  }

  const removeIfOurs = () => {
    try {
      if (parseOwner(readFileSync(path, 'utf8'))?.nonce === owner.nonce) unlinkSync(path);
    } catch {}
  };
  // process.exit() and the end of the event loop; a kill -9 leaves a stale lock, which the next start takes over.
  process.on('exit', removeIfOurs);
  return {
    path,
    async update(fields) {
      Object.assign(owner, fields);
      const next = `${path}.${owner.nonce}.next`;
      await writeFile(next, JSON.stringify(owner));
      await rename(next, path);
    },
    async release() {
      if (!heldHere.delete(owner.nonce)) return;
      process.off('exit', removeIfOurs);
      removeIfOurs();
    },
  };
}
