import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../errors.js';
import type { HandlersFor } from '../http/handler.js';
import { staticFiles } from '../http/static-files.js';

/** Where `pnpm build` writes the browser bundle in this repository (packages/elements/dist). */
export const defaultSdkDir = fileURLToPath(new URL('../../../elements/dist/', import.meta.url));

/** Whether sdkDir holds a built bundle (its loader). */
export const isSdkBuilt = (sdkDir = defaultSdkDir) => existsSync(join(sdkDir, 'flock.js'));

// Chunk names carry a content hash (group-buy-DHp7u-7b.js), so they never change under one URL.
const hashedChunk = /^chunks\/[\w.-]+-[\w-]{8}\.js(\.map)?$/;
const servedFile = /^(flock(-classic)?\.js(\.map)?|chunks\/[\w.-]+\.(js|map|wasm))$/;

/**
 * GET /sdk/flock.js, /sdk/flock-classic.js and /sdk/chunks/*: the merchant's own server hands out the
 * widgets, so a self-hosted shop needs no CDN. Any page may load them (they hold no secrets), hence
 * `Access-Control-Allow-Origin: *`, which cross-origin module scripts require.
 */
export function sdkHandlers(sdkDir = defaultSdkDir): HandlersFor<'sdkFile'> {
  const send = staticFiles(sdkDir);

  const raw: HandlersFor<'sdkFile'>['sdkFile']['raw'] = async (c) => {
    const name = c.req.path.replace(/^\/sdk\//, '');
    c.header('access-control-allow-origin', '*');
    c.header('cross-origin-resource-policy', 'cross-origin');
    // The loaders keep one URL across releases: revalidate after 5 minutes (the ETag makes that a 304).
    const cacheControl = hashedChunk.test(name) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
    const sent = servedFile.test(name) ? await send(c, name, cacheControl) : undefined;
    if (!sent) {
      throw new ApiError(
        'not_found',
        isSdkBuilt(sdkDir) ? `No SDK file ${name}.` : 'The browser bundle is not built: run `pnpm build`.',
      );
    }
    return sent;
  };
  return { sdkFile: { raw } };
}
