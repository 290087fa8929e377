import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/infra/db.js';
import { createFlockServer, type FlockServer } from '../src/server.js';

// The browser bundle served at /sdk/: a stand-in dist/ folder, so the test needs no build.
describe('GET /sdk/*', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flock-sdk-'));
  const emptyDir = mkdtempSync(join(tmpdir(), 'flock-sdk-empty-'));
  let server: FlockServer;
  let unbuilt: FlockServer;
  const loader = 'const chunks = {"flock-group-buy": ["chunks/group-buy-AbCd1234.js"]};\n'.repeat(20);

  beforeAll(async () => {
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, 'flock.js'), loader);
    writeFileSync(join(dir, 'chunks/group-buy-AbCd1234.js'), 'export class FlockGroupBuy {}');
    writeFileSync(join(dir, 'chunks/zxing_reader.wasm'), Buffer.from([0, 97, 115, 109]));
    writeFileSync(join(dir, 'secret.txt'), 'not for the web');
    server = await createFlockServer({ db: await openPglite(), jobIntervalMs: 0, log: () => {}, sdkDir: dir });
    unbuilt = await createFlockServer({ db: server.db, jobIntervalMs: 0, log: () => {}, sdkDir: emptyDir });
  });
  afterAll(async () => {
    await server.close();
    await server.db.close();
    rmSync(dir, { recursive: true });
    rmSync(emptyDir, { recursive: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) => server.app.request(path, { headers });

  it('serves the loader gzipped to any origin, revalidated after 5 minutes', async () => {
    const response = await get('/sdk/flock.js', { 'accept-encoding': 'gzip, br', origin: 'https://any-shop.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const gzipped = Buffer.from(await response.arrayBuffer());
    expect(gzipped.byteLength).toBeLessThan(loader.length);
    expect(gunzipSync(gzipped).toString()).toBe(loader);
  });

  it('serves plain bytes to a client that takes no gzip', async () => {
    const response = await get('/sdk/flock.js');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe(loader);
  });

  it('caches hashed chunks for a year, and answers a matching ETag with 304', async () => {
    const response = await get('/sdk/chunks/group-buy-AbCd1234.js');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/sdk/chunks/group-buy-AbCd1234.js', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves a rebuilt file, not the cached one', async () => {
    const first = await (await get('/sdk/flock.js')).text();
    writeFileSync(join(dir, 'flock.js'), 'console.log("rebuilt")');
    utimesSync(join(dir, 'flock.js'), new Date(), new Date(Date.now() + 5000));
    expect(await (await get('/sdk/flock.js')).text()).toBe('console.log("rebuilt")');
    writeFileSync(join(dir, 'flock.js'), first);
  });

  it('serves the decoder .wasm with its type but never a long cache (its name has no hash)', async () => {
    const response = await get('/sdk/chunks/zxing_reader.wasm');
    expect(response.headers.get('content-type')).toBe('application/wasm');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it.each([
    '/sdk/secret.txt',
    '/sdk/chunks/../secret.txt',
    '/sdk/%2e%2e/%2e%2e/package.json',
    '/sdk/chunks/missing-AbCd1234.js',
    '/sdk/',
  ])('answers %s with 404 not_found and nothing else', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('says how to build the bundle when it is missing', async () => {
    const response = await unbuilt.app.request('/sdk/flock.js');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('pnpm build'),
    });
  });
});
