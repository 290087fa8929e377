import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

/** Where `pnpm build` writes the browser bundle in this repository (packages/elements/dist). */
export const defaultSdkDir = fileURLToPath(new URL('../../../elements/dist/', import.meta.url));

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  map: 'application/json; charset=utf-8',
  wasm: 'application/wasm',
};

// Chunk names carry a content hash (group-buy-DHp7u-7b.js), so they never change under one URL.
const hashedChunk = /^chunks\/[\w.-]+-[\w-]{8}\.js(\.map)?$/;
const servedFile = /^(flock(-classic)?\.js(\.map)?|chunks\/[\w.-]+\.(js|map|wasm))$/;

/**
 * GET /sdk/flock.js, /sdk/flock-classic.js and /sdk/chunks/*: the merchant's own server hands out the
 * widgets, so a self-hosted shop needs no CDN. Any page may load them (they hold no secrets), hence
 * `Access-Control-Allow-Origin: *`, which cross-origin module scripts require.
 */
export function sdkRoutes(sdkDir = defaultSdkDir) {
  const routes = new Hono<AppEnv>();
  routes.use('*', compress(), etag());
  routes.get('/*', async (c) => {
    const file = c.req.path.replace(/^\/sdk\//, '');
    if (!servedFile.test(file)) throw new ApiError('not_found', `No SDK file ${file}.`);
    const path = join(sdkDir, file);
    if (!existsSync(path)) {
      const built = existsSync(join(sdkDir, 'flock.js'));
      throw new ApiError('not_found', built ? `No SDK file ${file}.` : 'The browser bundle is not built: run `pnpm build`.');
    }
    c.header('content-type', contentTypes[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream');
    c.header('access-control-allow-origin', '*');
    c.header('cross-origin-resource-policy', 'cross-origin');
    // The loaders keep one URL across releases: revalidate after 5 minutes (ETag makes that a 304).
    c.header('cache-control', hashedChunk.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    return c.body(await readFile(path));
  });
  return routes;
}
