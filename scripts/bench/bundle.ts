import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * ES2019, what the brief asks for. (packages/elements/vite.config.ts says chrome69 + safari14, but esbuild
 * refuses safari14 for @lit/context: "Transforming destructuring … is not supported yet".)
 * BENCH_TARGET (comma-separated esbuild targets) overrides.
 */
export const BUNDLE_TARGET = (process.env.BENCH_TARGET ?? 'es2019').split(',').map((t) => t.trim());

export const ELEMENTS_ENTRY = join(root, 'packages/elements/src/index.ts');
export const STACK_ENTRY = join(root, 'scripts/bench/stack-entry.ts');

export interface BundleSize {
  rawBytes: number;
  gzipBytes: number;
  /** Minified bytes each package contributes, largest first. */
  byPackage: Array<[string, number]>;
}

type MinifyLiterals = (code: string, options: { fileName: string }) => Promise<{ code: string } | null | undefined>;

/**
 * packages/elements/vite.config.ts minifies the insides of Lit's html`` and css`` templates with
 * minify-literals; do the same for Flock's own sources when that package is installed there.
 */
async function litTemplatePlugin(): Promise<Plugin | undefined> {
  let minify: MinifyLiterals;
  try {
    const resolved = createRequire(join(root, 'packages/elements/package.json')).resolve('minify-literals');
    minify = (await import(pathToFileURL(resolved).href)).minifyHTMLLiterals;
    if (typeof minify !== 'function') return undefined;
  } catch {
    return undefined;
  }
  return {
    name: 'minify-lit-templates',
    setup(build) {
      build.onLoad({ filter: /[\\/]packages[\\/]elements[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
        const code = await readFile(path, 'utf8');
        if (!/\b(html|css)`/.test(code)) return undefined;
        return { contents: (await minify(code, { fileName: path }))?.code ?? code, loader: 'ts' };
      });
    },
  };
}

/** Whether Lit templates get minified like the shipped build (minify-literals installed in packages/elements). */
export const litTemplatesMinified = async () => (await litTemplatePlugin()) !== undefined;

/** Bundles one entry the way a page would load it: ESM, minified, every dependency inlined; then gzip -9. */
export async function measureBundle(entry: string): Promise<BundleSize> {
  const templates = await litTemplatePlugin();
  const result = await build({
    entryPoints: [entry],
    plugins: templates ? [templates] : [],
    bundle: true,
    format: 'esm',
    minify: true,
    target: BUNDLE_TARGET,
    platform: 'browser',
    // As packages/elements/vite.config.ts does for the shipped dist/flock.js.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: root,
    // The stack entry lives outside the packages; let it find their dependencies.
    nodePaths: [join(root, 'packages/elements/node_modules'), join(root, 'packages/sdk/node_modules')],
  });
  // No outfile with write: false: the single output is the bundle itself.
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no JavaScript for ${entry}`);
  return {
    rawBytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    byPackage: bytesByPackage(result.metafile),
  };
}

function bytesByPackage(metafile: Metafile): Array<[string, number]> {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      totals.set(packageOf(input), (totals.get(packageOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** "node_modules/.pnpm/lit-html@3.3.3/node_modules/lit-html/x.js" → "lit-html"; workspace files → "@flock/<package>". */
function packageOf(input: string): string {
  const modules = input.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope = '', name = ''] = input.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const path = relative(root, join(root, input));
  const workspace = /^packages\/([^/]+)\//.exec(path);
  return workspace ? `@flock/${workspace[1]}` : path;
}

export const elementsEntryExists = () => existsSync(ELEMENTS_ENTRY);

/** The file `pnpm build` ships (vite, packages/elements/vite.config.ts), if one was built: a cross-check. */
export function shippedBundle(): (Omit<BundleSize, 'byPackage'> & { builtAt: Date }) | undefined {
  const path = join(root, 'packages/elements/dist/flock.js');
  if (!existsSync(path)) return undefined;
  const contents = readFileSync(path);
  return { rawBytes: contents.byteLength, gzipBytes: gzipSync(contents, { level: 9 }).byteLength, builtAt: statSync(path).mtime };
}
