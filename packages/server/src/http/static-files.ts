import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { AppEnv } from './context.js';

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  map: 'application/json; charset=utf-8',
  wasm: 'application/wasm',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  json: 'application/json; charset=utf-8',
};

interface StaticFile {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  mtimeMs: number;
}

/**
 * Files of one built directory, each read and gzipped once (again only when a rebuild changes it),
 * not on every page view. `send` answers one with its ETag (a 304 when unchanged), content type and
 * gzip when the browser takes it; undefined when there is no such file.
 */
export function staticFiles(dir: string) {
  const cache = new Map<string, StaticFile>();
  const load = async (name: string): Promise<StaticFile | undefined> => {
    const path = join(dir, name);
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
  return async function send(c: Context<AppEnv>, name: string, cacheControl: string): Promise<Response | undefined> {
    const file = await load(name);
    if (!file) return undefined;
    c.header('cache-control', cacheControl);
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
}
