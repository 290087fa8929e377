import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/infra/db.js';
import { freshPostgres, TEST_SECRET_KEY, type TestDatabase } from './databases.js';

// The real `flock-server` command, under node exactly as `pnpm flock-server` runs it.
const cli = fileURLToPath(new URL('../bin/flock-server.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'flock-cli-'));
const dataDir = join(work, 'data');
const builtSdk = join(work, 'sdk');
const unbuiltSdk = join(work, 'no-sdk');
const adminToken = 'cli-test-admin-token';

/** The environment of a fresh shell: no database, token or port from the one running the tests. */
const baseEnv = () => {
  const { DATABASE_URL, FLOCK_ADMIN_TOKEN, FLOCK_MERCHANT_SECRET_KEY, FLOCK_SDK_DIR, PORT, NODE_OPTIONS, ...env } = process.env;
  return { ...env, FLOCK_SDK_DIR: builtSdk };
};

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command that should finish; one that is still running after `timeoutMs` is killed (code null). */
function run(args: string[], env: Record<string, string> = {}, timeoutMs = 45_000): Promise<Finished> {
  const child = spawn(process.execPath, [cli, ...args], { cwd: work, env: { ...baseEnv(), ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

interface Started {
  child: ChildProcess;
  /** The start-up line. */
  line: string;
  url: string;
  exited: Promise<number | null>;
}

/** Starts `flock-server start` and waits for its start-up line (rejects with its output if it exits first). */
function start(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [cli, 'start', '--port', '0', ...args], { cwd: work, env: { ...baseEnv(), ...env } });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.includes('listening on'));
      if (!line) return;
      child.stderr?.off('data', onData);
      resolve({ child, line, url: /listening on (http[^\s,]+)/.exec(line)?.[1] ?? '', exited });
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    void exited.then((code) => reject(new Error(`flock-server exited (${code}) before listening:\n${output}`)));
  });
}

const stop = async (server: Started, signal: NodeJS.Signals = 'SIGTERM') => {
  server.child.kill(signal);
  return server.exited;
};

beforeAll(() => {
  mkdirSync(builtSdk);
  mkdirSync(unbuiltSdk);
  writeFileSync(join(builtSdk, 'flock.js'), 'export {};');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('flock-server on a PGlite directory', () => {
  let first: Started;
  let merchant: { merchantId: string; secretKey: string };

  beforeAll(async () => {
    first = await start(['--data-dir', dataDir], { FLOCK_ADMIN_TOKEN: adminToken });
  });
  afterAll(async () => {
    if (first.child.exitCode === null) await stop(first);
  });

  it('says where it listens, which database it uses and that the widgets are built', async () => {
    expect(first.line).toBe(`flock-server: listening on ${first.url}, database PGlite ./data, widgets built (./sdk)`);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  });

  it('refuses a second server on the same directory while the first keeps serving', async () => {
    const second = await run(['start', '--port', '0', '--data-dir', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `flock-server: ./data is in use by process ${first.child.pid} (flock-server start, ${first.url}); stop it or use DATABASE_URL\n`,
    );
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  });

  it('answers headers over Node’s limit with the JSON error shape, and unparsable requests with a 400', async () => {
    const { port, hostname } = new URL(first.url);
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        let answer = '';
        const socket = connectTcp(Number(port), hostname, () => socket.write(request));
        socket.on('data', (chunk) => (answer += chunk));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
    const tooLarge = await raw(`GET /healthz HTTP/1.1\r\nhost: x\r\nx-padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    const [head, body] = tooLarge.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head?.toLowerCase()).toContain('content-type: application/json');
    expect(JSON.parse(body ?? '')).toEqual({ error: { code: 'headers_too_large', message: expect.any(String) } });

    const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(garbage.split('\r\n\r\n')[1] ?? '')).toEqual({
      error: { code: 'invalid_request', message: expect.any(String) },
    });
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  });

  it('merchant create without FLOCK_ADMIN_TOKEN says how to create it through the running server', async () => {
    const result = await run([
      'merchant',
      'create',
      '--name',
      'Not written',
      '--origin',
      'https://a.example',
      '--data-dir',
      dataDir,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`./data is in use by process ${first.child.pid}`);
    expect(result.stderr).toContain(
      `curl -X POST ${first.url}/v1/merchants -H "Authorization: Bearer $FLOCK_ADMIN_TOKEN" -H 'Content-Type: application/json' -d '{"name":"Not written","origins":["https://a.example"]}'`,
    );
  });

  it('merchant create with FLOCK_ADMIN_TOKEN creates the merchant through the running server', async () => {
    const result = await run(
      ['merchant', 'create', '--name', 'Tea House', '--origin', 'https://tea.example', '--data-dir', dataDir],
      {
        FLOCK_ADMIN_TOKEN: adminToken,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    merchant = JSON.parse(result.stdout);
    const seen = await fetch(`${first.url}/v1/merchant`, { headers: { authorization: `Bearer ${merchant.secretKey}` } });
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({ id: merchant.merchantId, name: 'Tea House' });
  });

  it('staff create goes through the running server with the merchant’s secret key, or says how', async () => {
    const args = ['staff', 'create', '--merchant', merchant.merchantId, '--store', 'Main street', '--data-dir', dataDir];
    const without = await run(args);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain(
      `curl -X POST ${first.url}/v1/staff-keys -H "Authorization: Bearer $FLOCK_MERCHANT_SECRET_KEY" -H 'Content-Type: application/json' -d '{"store":"Main street"}'`,
    );
    const made = await run(args, { FLOCK_MERCHANT_SECRET_KEY: merchant.secretKey });
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout)).toEqual({ staffKey: expect.stringMatching(/^stf_/), id: expect.stringMatching(/^key_/) });
  });

  it('starts again after the server was killed with kill -9, and a clean stop leaves no lock', async () => {
    expect(await stop(first, 'SIGKILL')).toBe(null);
    expect(existsSync(join(dataDir, 'flock.lock'))).toBe(true); // left behind by the killed process
    const again = await start(['--data-dir', dataDir]);
    const seen = await fetch(`${again.url}/v1/merchant`, { headers: { authorization: `Bearer ${merchant.secretKey}` } });
    expect(seen.status).toBe(200);
    expect(await stop(again)).toBe(0);
    expect(existsSync(join(dataDir, 'flock.lock'))).toBe(false);

    // The refused commands wrote nothing: the one merchant is the one made through the server.
    const db = await openPglite(dataDir);
    try {
      expect(await db.query('select name from merchants')).toEqual([{ name: 'Tea House' }]);
    } finally {
      await db.close();
    }
  });
});

describe('flock-server start', () => {
  let postgres: TestDatabase;
  beforeAll(async () => {
    postgres = await freshPostgres();
  });
  afterAll(() => postgres.drop());

  it('names PostgreSQL by host, port and database, never the user or password, and says the widgets are missing', async () => {
    const url = new URL(postgres.url!);
    url.username = 'postgres';
    url.password = 'pw-that-must-not-show';
    const server = await start([], {
      DATABASE_URL: url.toString(),
      FLOCK_SECRET_KEY: TEST_SECRET_KEY,
      FLOCK_SDK_DIR: unbuiltSdk,
    });
    await stop(server);
    expect(server.line).toBe(
      `flock-server: listening on ${server.url}, database PostgreSQL ${url.host}${url.pathname}, widgets missing: no flock.js in FLOCK_SDK_DIR ${unbuiltSdk}`,
    );
    expect(server.line).not.toContain('pw-that-must-not-show');
    expect(server.line).not.toContain('postgres:');
  });

  it('fails with one line and exit code 1 when the port is in use', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const result = await run(['start', '--memory', '--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `flock-server: port ${port} on 127.0.0.1 is already in use: stop what is using it or choose another port\n`,
      );
    } finally {
      taken.close();
    }
  });

  it('fails with one line and exit code 1 on a host that is not this machine’s', async () => {
    const result = await run(['start', '--memory', '--host', '203.0.113.7']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'flock-server: 203.0.113.7 is not an address of this machine: listen on 127.0.0.1, or 0.0.0.0 for every interface\n',
    );
  });
});
