import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { minifyHTMLLiterals } from 'minify-literals';
import { defineConfig, type Plugin } from 'vite';

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

/** Lit's html`` and css`` templates are strings to esbuild; minify their insides too. */
const minifyLitTemplates = (): Plugin => ({
  name: 'flock-minify-lit-templates',
  async transform(code, id) {
    if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
    return (await minifyHTMLLiterals(code, { fileName: id })) ?? null;
  },
});

// One self-contained, fully minified ES module for pages that paste a single <script type="module">.
// (Library mode would leave whitespace unminified in ES output, so this is an app build of a JS entry.)
export default defineConfig({
  plugins: [minifyLitTemplates(), copyZxingWasm()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    // WeChat's and Alipay's in-app engines report Chrome 69–78 (see FIELD-NOTES.md).
    target: ['es2018', 'chrome69', 'safari14'],
    outDir: 'dist',
    // Lazily loaded pieces (the scanner's QR decoder) land next to flock.js in chunks/.
    assetsDir: 'chunks',
    emptyOutDir: true,
    sourcemap: true,
    modulePreload: false,
    rollupOptions: {
      input: 'src/index.ts',
      preserveEntrySignatures: 'strict',
      output: { entryFileNames: 'flock.js', format: 'es' },
    },
  },
});
