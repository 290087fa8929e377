/**
 * Part 1 of `pnpm bench`: what a page downloads from the shipped build (packages/elements/dist, made by
 * `pnpm build`), in bytes of gzip -9 (kB = 1000 B): every JS file, a page with one `<flock-group-buy>`,
 * every element, the loader, each against its budget (packages/elements/scripts/bundle-sizes.js, which
 * CI's size check reads too); the same group-buy page as Debian's Chromium downloads it from the shipped
 * CLI on a page of another origin; and the bare stack it is built on (stack-entry.ts), built the same way.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { InlineConfig, Rollup } from 'vite';
import { snippet } from '../../examples/snippet/snippet.js';
import { budgetChecks, bundleSizes, KB, limitOf } from '../../packages/elements/scripts/bundle-sizes.js';
import elementsConfig from '../../packages/elements/vite.config.js';
import { launchChromium } from '../chromium.js';
import { startCliServer } from './cli-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const elementsDir = join(root, 'packages/elements');
export const STACK_ENTRY = join(root, 'scripts/bench/stack-entry.ts');

export { budgetChecks, KB, limitOf };
export const shippedSizes = () => bundleSizes(join(elementsDir, 'dist'));
export type ShippedSizes = NonNullable<ReturnType<typeof shippedSizes>>;

export interface StackSizes {
  /** The bare stack in one file. */
  oneFile: number;
  /** Split as the elements build splits it (lit, zod, ky, the rest), each file gzipped on its own. */
  split: Array<{ name: string; gzip: number }>;
}

/**
 * The bare stack (lit, @lit/context, nanostores, ky, zod/mini behind one trivial element) built with the
 * elements' own build settings (vite.config.ts: target, minifier): once in one file, once split into the
 * same vendor chunks as the shipped build, which every file budget forces.
 */
export async function bareStack(): Promise<StackSizes> {
  const { build: settings } = elementsConfig as { build: NonNullable<InlineConfig['build']> };
  const output = elementsConfig.build?.rollupOptions?.output as Rollup.OutputOptions;
  // vite is the elements' dependency, not the repository root's.
  const vite = createRequire(join(elementsDir, 'package.json')).resolve('vite');
  const { build }: typeof import('vite') = await import(pathToFileURL(vite).href);
  const run = async (split: boolean) => {
    const result = (await build({
      configFile: false,
      logLevel: 'silent',
      root: elementsDir,
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      plugins: [
        {
          // stack-entry.ts lives outside the packages: its imports resolve as the elements' and the SDK's do.
          name: 'resolve-from-packages',
          async resolveId(source, importer) {
            if (importer !== STACK_ENTRY) return null;
            for (const dir of ['packages/elements', 'packages/sdk']) {
              const resolved = await this.resolve(source, join(root, dir, 'src/index.ts'), { skipSelf: true });
              if (resolved) return resolved;
            }
            return null;
          },
        },
      ],
      build: {
        write: false,
        target: settings.target,
        minify: settings.minify,
        terserOptions: settings.terserOptions,
        modulePreload: false,
        rollupOptions: {
          input: STACK_ENTRY,
          output: {
            format: 'es',
            manualChunks: split ? output.manualChunks : undefined,
            onlyExplicitManualChunks: true,
          },
        },
      },
    })) as Rollup.RollupOutput;
    return result.output
      .filter((file): file is Rollup.OutputChunk => file.type === 'chunk')
      .map((chunk) => ({ name: chunk.name, gzip: gzipSync(chunk.code, { level: 9 }).byteLength }));
  };
  const [oneFile] = await run(false);
  return { oneFile: oneFile?.gzip ?? Number.NaN, split: await run(true) };
}

export interface ChromiumDownload {
  /** Per page load: the script files fetched and their bytes as transferred (body, encoded). */
  loads: Array<{ files: Array<{ url: string; bytes: number; encoding: string }>; total: number }>;
  /** os.loadavg()[0] before the loads. */
  loadAverage: number;
}

/**
 * Loads a shop page with the merchant's snippet (one `<flock-group-buy>`, English) in Debian's Chromium,
 * `runs` times in fresh contexts, from the shipped CLI (`flock-server start --memory`) on another origin,
 * and adds up the script responses' bodies as transferred (the server gzips them).
 */
export async function groupBuyPageInChromium(runs: number, port: number): Promise<ChromiumDownload> {
  const flock = await startCliServer({ databaseUrl: 'pglite', name: 'flock-server (bundle)' });
  const pages = new Map<string, string>();
  const shop: Server = createServer((request, response) => {
    const html = pages.get(request.url ?? '');
    response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html ?? 'not found');
  });
  let browser: Browser | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      shop.once('error', reject);
      shop.listen(port, '127.0.0.1', () => resolve());
    });
    // localhost against the server's 127.0.0.1: another origin (and another site), as on a real shop.
    const shopOrigin = `http://localhost:${port}`;
    const call = async <T>(path: string, bearer: string, body: unknown): Promise<T> => {
      const response = await fetch(`${flock.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<T>;
    };
    const merchant = await call<{ publishableKey: string; secretKey: string }>('/v1/merchants', flock.adminToken, {
      name: 'Tea shop',
      origins: [shopOrigin],
    });
    const offer = await call<{ id: string; title: string }>('/v1/group-buy-offers', merchant.secretKey, {
      productRef: 'longjing-250',
      title: 'Longjing green tea 250 g',
      regularPrice: 2990,
      groupPrice: 1990,
      currency: 'CNY',
      teamSize: 2,
      teamTtlSeconds: 86_400,
    });
    browser = await launchChromium();
    const loadAverage = loadavg()[0] as number;
    const loads: ChromiumDownload['loads'] = [];
    for (let i = 0; i < runs; i++) {
      const shopperId = `shopper-${randomBytes(4).toString('hex')}`;
      const { token } = await call<{ token: string }>('/v1/shopper-tokens', merchant.secretKey, { shopperId });
      const path = `/page-${i}.html`;
      pages.set(
        path,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tea shop</title></head><body>
${snippet({ api: flock.url, publishableKey: merchant.publishableKey, shopperToken: token, offer: offer.id })}
</body></html>`,
      );
      const context = await browser.newContext();
      try {
        const tab = await context.newPage();
        const scripts: Array<Promise<{ url: string; bytes: number; encoding: string }>> = [];
        tab.on('requestfinished', (request) => {
          if (!new URL(request.url()).pathname.startsWith('/sdk/') || !request.url().endsWith('.js')) return;
          scripts.push(
            Promise.all([request.sizes(), request.response()]).then(([sizes, response]) => ({
              url: request.url().slice(flock.url.length),
              bytes: sizes.responseBodySize,
              encoding: response?.headers()['content-encoding'] ?? 'identity',
            })),
          );
        });
        await tab.goto(`${shopOrigin}${path}`);
        // Rendered with the offer: every chunk the widget needs has arrived.
        await tab.waitForFunction(
          `document.querySelector('flock-group-buy')?.shadowRoot?.textContent?.includes(${JSON.stringify(offer.title)})`,
          undefined,
          { timeout: 20_000 },
        );
        await tab.waitForLoadState('networkidle');
        const files = (await Promise.all(scripts)).sort((a, b) => b.bytes - a.bytes);
        loads.push({ files, total: files.reduce((sum, file) => sum + file.bytes, 0) });
      } finally {
        await context.close();
      }
    }
    return { loads, loadAverage };
  } finally {
    await browser?.close();
    await new Promise<void>((resolve) => shop.close(() => resolve()));
    await flock.stop();
  }
}
