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
import { createTeaShop, type ShopPages, startShopPages, TEA_OFFER } from './tea-shop.js';

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
  let shop: ShopPages | undefined;
  let browser: Browser | undefined;
  try {
    shop = await startShopPages(port);
    const { merchant, offer, newShopper } = await createTeaShop(flock.url, flock.adminToken, shop.origin);
    browser = await launchChromium();
    const loadAverage = loadavg()[0] as number;
    const loads: ChromiumDownload['loads'] = [];
    for (let i = 0; i < runs; i++) {
      const { token } = await newShopper();
      const path = `/page-${i}.html`;
      shop.pages.set(
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
        await tab.goto(`${shop.origin}${path}`);
        // Rendered with the offer: every chunk the widget needs has arrived.
        await tab.waitForFunction(
          `document.querySelector('flock-group-buy')?.shadowRoot?.textContent?.includes(${JSON.stringify(TEA_OFFER.title)})`,
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
    await shop?.close();
    await flock.stop();
  }
}
