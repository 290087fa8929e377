import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build as esbuild } from 'esbuild';
import MagicString from 'magic-string';
import { minifyHTMLLiterals } from 'minify-literals';
import { defineConfig, type Plugin } from 'vite';
// Relative: Vite's config loader bundles it (a workspace package's TypeScript it would leave to Node).
import { routesByName } from '../protocol/src/routes.js';
import type { ChunkTable } from './src/loader/autoloader.js';
import { flockRegistry, provider } from './src/registry.js';

// WeChat's and Alipay's in-app engines report Chrome 69–78 (see FIELD-NOTES.md). Chrome 69 has no
// #private members: esbuild lowers each to a WeakMap or WeakSet with helper calls in every chunk, so
// classes here keep their internals as TypeScript `private _x` (the shared code and five widgets
// moved from #x to _x: 1.7 kB gz less over all elements, docs/benchmarks.md).
const target = ['es2018', 'chrome69', 'safari14'];

/**
 * Marks every `z.…(…)` call of the protocol pure, so the schemas no chunk reads (the merchant's
 * routes, the server's requests) are dropped. A /* @__PURE__ *\/ in the source reaches only the call
 * right after it, not the schemas built in its arguments; writing one before each call would bury
 * the contract in comments. zod's constructors have no side effects, so this is safe.
 */
const pureProtocolSchemas = (): Plugin => ({
  name: 'flock-pure-protocol-schemas',
  transform(code, id) {
    if (!/[\\/]packages[\\/]protocol[\\/]src[\\/].*\.ts$/.test(id)) return null;
    const out = new MagicString(code);
    for (const call of code.matchAll(/(?<![\w$.])z(?:\.\w+)+\(/g)) out.appendLeft(call.index, '/* @__PURE__ */ ');
    return out.hasChanged() ? { code: out.toString(), map: out.generateMap({ hires: true }) } : null;
  },
});

/**
 * Ships ZXing's WebAssembly decoder beside the bundle (dist/chunks/zxing_reader.wasm), so a
 * self-hosted shop points the scanner's wasm-url at its own server instead of a CDN.
 */
const copyZxingWasm = (): Plugin => ({
  name: 'flock-copy-zxing-wasm',
  writeBundle(options) {
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('zxing-wasm/reader/zxing_reader.wasm', {
      paths: [dirname(require.resolve('barcode-detector/ponyfill'))],
    });
    const out = join(options.dir ?? 'dist', 'chunks');
    mkdirSync(out, { recursive: true });
    copyFileSync(wasm, join(out, 'zxing_reader.wasm'));
  },
});

/**
 * Vite wraps every dynamic import() in a helper that preloads the imported chunk's dependencies (and
 * fires `vite:preloadError`). With modulePreload off it is given no dependencies, and flock.js preloads
 * each chunk's imports itself: the helper only costs every page its bytes, so it becomes a pass-through.
 */
const passThroughPreload = (): Plugin => ({
  name: 'flock-pass-through-preload',
  enforce: 'pre',
  load: (id) => (id === '\0vite/preload-helper.js' ? 'export const __vitePreload = (load) => load();' : null),
});

/** Lit's html`` and css`` templates are strings to esbuild; minify their insides too. */
const minifyLitTemplates = (): Plugin => ({
  name: 'flock-minify-lit-templates',
  async transform(code, id) {
    if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
    return (await minifyHTMLLiterals(code, { fileName: id })) ?? null;
  },
});

/**
 * After the element chunks are written, builds the two loaders with the table of hashed chunk names
 * (and the provider's tag) baked in: dist/flock.js (ES module) and dist/flock-classic.js (a classic
 * script for site builders that strip modules). Neither imports anything, so each stays a single tiny file.
 */
const buildLoaders = (): Plugin => ({
  name: 'flock-build-loaders',
  async writeBundle(options, bundle) {
    const root = process.cwd();
    const chunks: ChunkTable = {};
    for (const output of Object.values(bundle)) {
      if (output.type !== 'chunk' || !output.isEntry || !output.facadeModuleId) continue;
      const element = flockRegistry.find((entry) => join(root, entry.entry) === output.facadeModuleId);
      if (!element) continue;
      // The first read's path, for the loader to start it beside the chunks (src/loader/autoloader.ts).
      const { firstRead } = element;
      const read: [string, string] | null = firstRead ? [firstRead.attribute, routesByName[firstRead.route].path] : null;
      chunks[element.tag] = [output.fileName, element.className, output.imports, read];
    }
    const missing = flockRegistry.filter((entry) => !chunks[entry.tag]).map((entry) => entry.tag);
    if (missing.length) throw new Error(`no chunk for ${missing.join(', ')}`);
    const outDir = options.dir ?? 'dist';
    for (const [entry, format] of [
      ['flock', 'esm'],
      ['flock-classic', 'iife'],
    ] as const) {
      await esbuild({
        entryPoints: [`src/loader/${entry}.ts`],
        outfile: join(outDir, `${entry}.js`),
        bundle: true,
        minify: true,
        format,
        // es2018 would drop import.meta (ES2020), which the module loader needs; these engines have it.
        target: target.filter((name) => !name.startsWith('es')),
        sourcemap: true,
        define: { __FLOCK_CHUNKS__: JSON.stringify(chunks), __FLOCK_PROVIDER__: JSON.stringify(provider.tag) },
        logLevel: 'warning',
      });
    }
  },
});

/** The chunks every page shares, by module path (tested in order). */
const sharedChunks: [string, RegExp][] = [
  // Lit and its context, but the query decorators only the scanner uses (they stay with it).
  ['lit', /[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit[\\/](reactive-element|context))[\\/](?!decorators[\\/]query)/],
  ['zod', /[\\/]node_modules[\\/]zod[\\/]/],
  ['ky', /[\\/]node_modules[\\/]ky[\\/]/],
  // The SDK's core and the contract's shared parts: the client every feature's part builds on.
  [
    'sdk',
    /[\\/](node_modules[\\/]nanostores[\\/]|sdk[\\/]src[\\/](core|http|live|resource-store|errors|attribution|prefetch|time)\.ts$|protocol[\\/]src[\\/](index|errors|common|console|live|query-credentials|routes[\\/](shared|live))\.ts$)|^\0vite[\\/]preload-helper/,
  ],
  // What every widget is built on: the base class, settings and shared strings, theme and card styles;
  // and <flock-provider>, which every page with a widget loads beside it (its entry chunk becomes a
  // 0.2 kB facade: one file's gzip framing and import list less than a chunk of its own).
  [
    'elements',
    /[\\/]elements[\\/]src[\\/](shared[\\/](?!qr\.ts)[\w.-]+|i18n[\\/](localize|common\.strings)|provider[\\/]provider)\.ts$/,
  ],
];

// One chunk per element (plus the chunks they share) under dist/chunks/ with content hashes, so a
// server can cache them for a year; dist/flock.js and dist/flock-classic.js load them on demand.
// (Library mode would leave whitespace unminified in ES output, so this is an app build of JS entries.)
export default defineConfig({
  plugins: [passThroughPreload(), pureProtocolSchemas(), minifyLitTemplates(), copyZxingWasm(), buildLoaders()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target,
    outDir: 'dist',
    // terser (after esbuild's lowering to the target) writes about 2 % less gzip than esbuild's minifier.
    minify: 'terser',
    terserOptions: { module: true, ecma: 2018, compress: { passes: 2 } },
    assetsDir: 'chunks',
    emptyOutDir: true,
    sourcemap: true,
    // dist/.vite/manifest.json: which chunks each element imports (pnpm bench sums them per element).
    manifest: true,
    modulePreload: false,
    rollupOptions: {
      // One entry per element of src/registry.ts, named after it: dist/chunks/<name>-<hash>.js.
      input: Object.fromEntries(flockRegistry.map((entry) => [entry.name, entry.entry])),
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: 'chunks/[name]-[hash].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        format: 'es',
        // Only the modules named above go to those chunks; what they import goes where rollup places it.
        onlyExplicitManualChunks: true,
        // Shared code in a few files by what pages share, each under the 10 kB gz budget (scripts/check-size.js):
        // Lit, zod and the SDK's core (ky, nanostores, HTTP, live stream, stores) that every page loads, and
        // the widgets' shared base (settings, strings, theme); each widget's own code, strings, schemas and SDK
        // part stay in its chunk, and each translation in a chunk of its own. QR code makers and the
        // scanner's decoder go where rollup puts them: with the widgets that use them.
        manualChunks(id) {
          for (const [name, pattern] of sharedChunks) if (pattern.test(id)) return name;
          return undefined;
        },
      },
    },
  },
});
