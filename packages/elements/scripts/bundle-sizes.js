// What pages download from the shipped build (dist/, made by `vite build`): every JS file gzipped
// (-9, as the Flock server serves it), and the totals of a page with one widget, of every element
// and of the loader, in each language. Read by scripts/check-size.js (CI) and `pnpm bench` (part 1).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tsImport } from 'tsx/esm/api';

const { flockRegistry, flockWidgets, provider } = await tsImport('../src/registry.ts', import.meta.url);

/** kB = 1000 B. */
export const KB = 1000;

/**
 * The budgets of issue 14, in bytes of gzip -9. `limit` is what CI enforces: the target where it is
 * met, else the figure reached (so the size cannot grow back) until the target is.
 */
export const budgets = {
  /** Any one JS file of the build, the scanner's third-party barcode decoder aside. */
  file: { target: 10 * KB },
  /** flock.js and flock-classic.js, each. */
  loader: { target: 2 * KB },
  /** A page with one <flock-group-buy> (in its provider): the loader and every chunk it pulls. */
  // The limits are ratchets at the figures reached (docs/benchmarks.md "Script size"): the group types of
  // issue 15 added ~1 kB to every group-buy page (offer and team fields, the seat body, the draw's
  // schema) and ~6 kB to all elements (their views, strings and draw check, loaded only by offers using them).
  // Issue 16 added ~0.6 kB to every page (two loader table entries, the link's share id in the shared SDK
  // attribution) and ~18 kB to all elements (two new widgets and the card's lazily loaded growth section).
  groupBuyPage: { target: 24 * KB, limit: 44 * KB },
  /**
   * A page with one of any other widget: issue 14 set its target on group-buy; the same target holds for
   * each, with the limit at the largest reached (the referral card's page, 49.3 kB in Chinese).
   */
  widgetPage: { target: 24 * KB, limit: 50 * KB },
  /** Every element in one language: the decoder and the other languages' string tables aside. */
  allElements: { target: 32 * KB, limit: 104.5 * KB },
};

/** The budget's enforced limit: its target unless a limit is set. */
export const limitOf = (budget) => budget.limit ?? budget.target;

const LOCALE_SUFFIX = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw' };
export const LANGUAGES = ['en', 'zh-CN', 'zh-TW'];

/** The scanner's decoder (barcode-detector's ZXing build), fetched only when a camera opens on a browser without BarcodeDetector. */
const isDecoder = (key) => /[\\/]node_modules[\\/].*(barcode-detector|zxing-wasm)[\\/]/.test(key);
/** A translation table: `<part>.zh-cn.ts`, fetched by a widget on a page in that language. */
const languageOf = (key) => Object.entries(LOCALE_SUFFIX).find(([, suffix]) => key.endsWith(`.${suffix}.ts`))?.[0];

/**
 * @param {string} dist the build directory
 * @returns the sizes, or undefined when dist/ holds no build
 */
export function bundleSizes(dist) {
  const manifestPath = join(dist, '.vite/manifest.json');
  if (!existsSync(manifestPath) || !existsSync(join(dist, 'flock.js'))) return undefined;
  /** @type {Record<string, {file: string, name?: string, src?: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[]}>} */
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const gzipCache = new Map();
  const gzipOf = (file) => {
    if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).byteLength);
    return gzipCache.get(file);
  };
  const loaders = ['flock.js', 'flock-classic.js'].map((file) => ({ file, gzip: gzipOf(file) }));

  // Every JS file, with what it is for.
  const kindOf = new Map();
  for (const [key, entry] of Object.entries(manifest)) {
    if (!entry.file.endsWith('.js')) continue;
    const element = entry.isEntry && flockRegistry.find((candidate) => candidate.name === entry.name);
    const language = languageOf(key);
    kindOf.set(
      entry.file,
      element
        ? `<${element.tag}>`
        : language
          ? `${language} strings`
          : isDecoder(key)
            ? 'barcode decoder (camera only)'
            : key.startsWith('_')
              ? 'shared'
              : 'lazy',
    );
  }
  const files = [
    ...loaders.map(({ file, gzip }) => ({ file, gzip, kind: 'loader' })),
    ...[...kindOf].map(([file, kind]) => ({ file, gzip: gzipOf(file), kind })),
  ].sort((a, b) => b.gzip - a.gzip);

  /** Every file a set of entries downloads in `language`: their static imports, and their strings in that language. */
  const download = (keys, language) => {
    const seen = new Set();
    const visit = (key) => {
      if (seen.has(key) || !manifest[key]) return;
      seen.add(key);
      for (const child of manifest[key].imports ?? []) visit(child);
      for (const lazy of manifest[key].dynamicImports ?? []) if (languageOf(lazy) === language) visit(lazy);
    };
    for (const key of keys) visit(key);
    return ['flock.js', ...[...seen].map((key) => manifest[key].file)];
  };
  const entryKey = (name) => Object.keys(manifest).find((key) => manifest[key].isEntry && manifest[key].name === name);
  const total = (list) => list.reduce((sum, file) => sum + gzipOf(file), 0);
  const pages = flockWidgets.map((widget) => ({
    tag: widget.tag,
    // A real page has the provider around the widget.
    byLanguage: Object.fromEntries(
      LANGUAGES.map((language) => {
        const list = download([entryKey(provider.name), entryKey(widget.name)], language);
        return [language, { files: list, gzip: total(list) }];
      }),
    ),
  }));

  // Every element: all entries with everything they may load lazily, the decoder and other languages aside.
  const allEntries = flockRegistry.map((entry) => entryKey(entry.name));
  const lazyCode = Object.keys(manifest).filter(
    (key) => !key.startsWith('_') && !manifest[key].isEntry && !languageOf(key) && !isDecoder(key),
  );
  const allElements = Object.fromEntries(
    LANGUAGES.map((language) => {
      const list = [...new Set([...download(allEntries, language), ...download(lazyCode, language)])];
      return [language, { files: list, gzip: total(list) }];
    }),
  );
  return { files, loaders, pages, allElements, isDecoderFile: (file) => kindOf.get(file) === 'barcode decoder (camera only)' };
}

/**
 * Each budget against the figures: `[label, bytes, budget]` rows, the worst language where it varies.
 * @param {NonNullable<ReturnType<typeof bundleSizes>>} sizes
 */
export function budgetChecks(sizes) {
  const worst = (byLanguage) =>
    LANGUAGES.map((language) => ({ language, gzip: byLanguage[language].gzip })).sort((a, b) => b.gzip - a.gzip)[0];
  const rows = [];
  for (const file of sizes.files) {
    if (sizes.isDecoderFile(file.file)) continue;
    rows.push({ label: `file ${file.file}`, gzip: file.gzip, budget: file.kind === 'loader' ? budgets.loader : budgets.file });
  }
  for (const { tag, byLanguage } of sizes.pages) {
    const page = worst(byLanguage);
    const budget = tag === 'flock-group-buy' ? budgets.groupBuyPage : budgets.widgetPage;
    rows.push({ label: `page with one <${tag}> (${page.language})`, gzip: page.gzip, budget });
  }
  const all = worst(sizes.allElements);
  rows.push({ label: `all elements (${all.language})`, gzip: all.gzip, budget: budgets.allElements });
  return rows;
}
