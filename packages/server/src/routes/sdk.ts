import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ApiError } from '../errors.js';
import type { HandlersFor } from '../http/handler.js';

/** Where `pnpm build` writes the browser bundle in this repository (packages/elements/dist). */
export const defaultSdkDir = fileURLToPath(new URL('../../../elements/dist/', import.meta.url));

/** Whether sdkDir holds a built bundle (its loader). */
export const isSdkBuilt = (sdkDir = defaultSdkDir) => existsSync(join(sdkDir, 'flock.js'));

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  map: 'application/json; charset=utf-8',
  wasm: 'application/wasm',
};

// Chunk names carry a content hash (group-buy-DHp7u-7b.js), so they never change under one URL.
const hashedChunk = /^chunks\/[\w.-]+-[\w-]{8}\.js(\.map)?$/;
const servedFile = /^(flock(-classic)?\.js(\.map)?|chunks\/[\w.-]+\.(js|map|wasm))$/;

interface SdkFile {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  mtimeMs: number;
}

/**
 * GET /sdk/flock.js, /sdk/flock-classic.js and /sdk/chunks/*: the merchant's own server hands out the
 * widgets, so a self-hosted shop needs no CDN. Any page may load them (they hold no secrets), hence
 * `Access-Control-Allow-Origin: *`, which cross-origin module scripts require. Each file is read and
 * gzipped once (again only when a rebuild changes it), not on every page view.
 */
export function sdkHandlers(sdkDir = defaultSdkDir): HandlersFor<'sdkFile'> {
  const cache = new Map<string, SdkFile>();
  const load = async (path: string): Promise<SdkFile | undefined> => {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const cached = cache.get(path);
    if (cached?.mtimeMs === info.mtimeMs) return cached;
    const body = await readFile(path);
    const file = {
      body,
      gzipped: gzipSync(body, { level: 9 }),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      mtimeMs: info.mtimeMs,
    };
    cache.set(path, file);
    return file;
  };

  const raw: HandlersFor<'sdkFile'>['sdkFile']['raw'] = async (c) => {
    const name = c.req.path.replace(/^\/sdk\//, '');
    const file = servedFile.test(name) ? await load(join(sdkDir, name)) : undefined;
    if (!file) {
      throw new ApiError(
        'not_found',
        isSdkBuilt(sdkDir) ? `No SDK file ${name}.` : 'The browser bundle is not built: run `pnpm build`.',
      );
    }
    c.header('access-control-allow-origin', '*');
    c.header('cross-origin-resource-policy', 'cross-origin');
    // The loaders keep one URL across releases: revalidate after 5 minutes (the ETag makes that a 304).
    c.header('cache-control', hashedChunk.test(name) ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    c.header('etag', file.etag);
    c.header('vary', 'accept-encoding');
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    c.header('content-type', contentTypes[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream');
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      c.header('content-encoding', 'gzip');
      return c.body(new Uint8Array(file.gzipped));
    }
    return c.body(new Uint8Array(file.body));
  };
  return { sdkFile: { raw } };
}
