import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A free TCP port on 127.0.0.1 (there is a small window before the child binds it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface ServerProcess {
  process: ChildProcess;
  url: string;
  output: () => string;
}

const serverDir = fileURLToPath(new URL('..', import.meta.url));

/** Starts `flock-server start` as a real process with `env` added to this one's, and waits for /healthz. */
export async function startServerProcess(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/flock-server.js', 'start', '--port', String(port), ...args], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`flock-server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok && ((await response.json()) as { ok?: boolean }).ok === true) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`flock-server did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { process: child, url, output: () => output };
}

/** Ends the process with `signal` (SIGKILL is a crash: nothing runs on its way out) and waits for it to exit. */
export async function stopServerProcess(child: ServerProcess | undefined, signal: NodeJS.Signals = 'SIGTERM') {
  if (!child || child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = once(child.process, 'exit');
  child.process.kill(signal);
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
