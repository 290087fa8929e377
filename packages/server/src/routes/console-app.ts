import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../errors.js';
import type { HandlersFor } from '../http/handler.js';
import { staticFiles } from '../http/static-files.js';

/** Where `pnpm build` writes the merchant console in this repository (packages/console/dist). */
export const defaultConsoleDir = fileURLToPath(new URL('../../../console/dist/', import.meta.url));

// Vite names the console's assets with a content hash: they never change under one URL.
const hashedAsset = /^assets\/[\w.-]+-[\w-]{8}\.(js|css|map)$/;
const assetFile = /^assets\/[\w.-]+\.(js|css|map|svg|png)$/;

/**
 * A page that signs merchants in and holds a session: no framing by other sites, no referrer, and
 * scripts, styles and requests from this server only (the widgets' preview loads /sdk/ here too).
 */
const CONSOLE_PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/**
 * The store counter's scanner page (scanner.html#key=stf_…): the console page's rules, plus the camera
 * for this page alone and WebAssembly for the QR decoder phones without a native one load from /sdk/.
 */
const SCANNER_PAGE_HEADERS = {
  ...CONSOLE_PAGE_HEADERS,
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
};

/** GET /console/*: the console's files, and its page for every other path (it routes by the fragment). */
export function consoleAppHandlers(consoleDir = defaultConsoleDir): HandlersFor<'consoleApp'> {
  const send = staticFiles(consoleDir);
  const raw: HandlersFor<'consoleApp'>['consoleApp']['raw'] = async (c) => {
    // Relative asset URLs resolve against /console/, so the bare path moves there.
    if (c.req.path === '/console') return c.redirect('/console/', 308);
    const name = c.req.path.replace(/^\/console\//, '');
    if (assetFile.test(name)) {
      const sent = await send(c, name, hashedAsset.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (sent) return sent;
      throw new ApiError('not_found', `No console file ${name}.`);
    }
    const scanner = name === 'scanner.html';
    for (const [header, value] of Object.entries(scanner ? SCANNER_PAGE_HEADERS : CONSOLE_PAGE_HEADERS)) c.header(header, value);
    const page = await send(c, scanner ? 'scanner.html' : 'index.html', 'no-cache');
    if (page) return page;
    throw new ApiError(
      'not_found',
      existsSync(join(consoleDir, 'index.html')) ? 'No console page.' : 'The console is not built: run `pnpm build`.',
    );
  };
  return { consoleApp: { raw } };
}
