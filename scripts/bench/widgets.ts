/**
 * What a shop page downloads, measured on the shipped build (packages/elements/dist, made by
 * `pnpm build`): the loader, each element's chunk with the chunks it imports, the whole set. How soon
 * it shows live data is scripts/bench/live-data.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { flockRegistry, provider } from '../../packages/elements/src/registry.js';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../../packages/elements/dist');

interface ManifestEntry {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface ShippedSizes {
  loader: number;
  classicLoader: number;
  /** Per element: gzip of its own chunk, and of everything a page with only it (in its provider) downloads, loader included. */
  elements: Array<{ tag: string; own: number; withImports: number }>;
  /** Loader + every chunk the elements import, Chinese string tables included; the scanner's lazily loaded decoder aside. */
  allElements: number;
  /** One Chinese string table (zh-CN or zh-TW), which a page in that language fetches on top of its widget. */
  stringTable: number;
  /** The scanner's decoder, fetched only where the browser has no BarcodeDetector (JS; its .wasm aside). */
  lazyDecoder: number;
}

const gzipOf = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).byteLength;

export function shippedSizes(): ShippedSizes | undefined {
  const manifestPath = join(dist, '.vite/manifest.json');
  if (!existsSync(manifestPath) || !existsSync(join(dist, 'flock.js'))) return undefined;
  const manifest: Record<string, ManifestEntry> = JSON.parse(readFileSync(manifestPath, 'utf8'));
  // Every file a chunk pulls in before it runs (its static imports, transitively).
  const closure = (key: string, seen = new Set<string>()) => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const child of manifest[key]?.imports ?? []) closure(child, seen);
    return seen;
  };
  const files = (keys: Iterable<string>) => [...keys].map((key) => manifest[key]?.file ?? key);
  const sum = (list: string[]) => list.reduce((total, file) => total + gzipOf(file), 0);
  const loader = gzipOf('flock.js');
  const entries = Object.entries(manifest).filter(([, entry]) => entry.isEntry);
  const providerKey = entries.find(([, entry]) => entry.name === provider.name)?.[0];
  const everything = new Set<string>();
  const elements = entries.map(([key, entry]) => {
    // A real page has the provider around the widget: count both, and what they import, once.
    const keys = closure(key, providerKey ? closure(providerKey) : new Set());
    for (const k of keys) everything.add(k);
    const tag = flockRegistry.find((element) => element.name === entry.name)?.tag ?? entry.name ?? key;
    return { tag, own: gzipOf(entry.file), withImports: loader + sum(files(keys)) };
  });
  const lazy = [...new Set(Object.values(manifest).flatMap((entry) => entry.dynamicImports ?? []))];
  const stringTables = lazy.filter((key) => /i18n\/zh-/.test(key));
  return {
    loader,
    classicLoader: gzipOf('flock-classic.js'),
    elements,
    allElements: loader + sum(files(everything)) + sum(files(stringTables)),
    stringTable: Math.max(0, ...files(stringTables).map(gzipOf)),
    lazyDecoder: sum(files(lazy.filter((key) => !stringTables.includes(key)))),
  };
}
