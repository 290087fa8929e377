/**
 * The autoloader behind flock.js: it watches the page for Flock tags that are not defined yet and
 * imports only their chunks, so a page with one widget downloads one widget, and starts each
 * widget's first read meanwhile. It imports only the SDK's prefetch (it must stay tiny); the chunk
 * table is written into it by the build.
 */
import { credentialsQuery, prefetch, routeUrl } from '@flock/sdk/prefetch';

/**
 * Tag → [chunk file relative to flock.js, class export name, chunks it imports (preloaded in parallel),
 * its first read: the attribute holding the `:id` of the GET path (src/registry.ts's `firstRead`)].
 */
export type ChunkTable = Record<
  string,
  [file: string, exportName: string, imports: string[], firstRead: [attribute: string, path: string] | null]
>;

/** The provider's tag, from src/registry.ts: written in by the build like the chunk table (nothing imported). */
declare const __FLOCK_PROVIDER__: string;
const PROVIDER = __FLOCK_PROVIDER__;

export interface Autoloader {
  /** Loads the Flock tags under `root` (e.g. a shadow root the page renders widgets into). */
  discover(root: ParentNode): void;
  /** Resolves once `tag` is defined (rejects if its chunk fails to load). */
  load(tag: string): Promise<void>;
}

/**
 * A page's first Intl formatter pays ICU's start-up, 25–40 ms whatever its locale; the next ones cost
 * about a millisecond, a currency formatter included. Paid while the chunks and the data download, it
 * is not paid between their arrival and the widget's first render with prices (src/shared/format.ts
 * still makes each formatter once, when first needed). In idle time, but no later than INTL_DEADLINE_MS:
 * a loading page may get no idle period before the chunks arrive (measured: the warm-up then ran after
 * them, in the widget's critical path, in 1 of 5 profiled loads).
 */
const INTL_DEADLINE_MS = 20;
let intlStarted = false;
const startIntl = () => {
  if (intlStarted) return;
  intlStarted = true;
  const start = () => new Intl.NumberFormat();
  typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: INTL_DEADLINE_MS }) : setTimeout(start);
};

export function startAutoloader(scriptUrl: string, chunks: ChunkTable): Autoloader {
  const loading = new Map<string, Promise<void>>();
  const preloaded = new Set<string>();

  // Fetches a chunk's own imports at once instead of after the chunk is parsed: one round trip, not two.
  const preload = (file: string) => {
    if (preloaded.has(file)) return;
    preloaded.add(file);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(file, scriptUrl).href;
    document.head.appendChild(link);
  };

  const load = (tag: string): Promise<void> => {
    const entry = chunks[tag];
    if (!entry || customElements.get(tag)) return Promise.resolve();
    let done = loading.get(tag);
    if (done) return done;
    entry[2].forEach(preload);
    const module = import(new URL(entry[0], scriptUrl).href) as Promise<Record<string, CustomElementConstructor>>;
    // A widget is defined only after the provider around it, so its context request finds an answer.
    const provider = tag !== PROVIDER && document.querySelector(`${PROVIDER}:not(:defined)`) ? load(PROVIDER) : undefined;
    done = Promise.all([module, provider]).then((loaded) => {
      // Another copy of Flock on the page may have defined it meanwhile: defining twice throws.
      if (!customElements.get(tag)) customElements.define(tag, loaded[0][entry[1]] as CustomElementConstructor);
    });
    done.catch((error) => {
      // Let the next discovery try again (a flaky network on a phone).
      loading.delete(tag);
      console.error(`[flock] could not load <${tag}>`, error);
    });
    loading.set(tag, done);
    return done;
  };

  // The widget's first read, with its provider's credentials, while its chunks download: the SDK
  // adopts the response (src/prefetch.ts in @flock/sdk) instead of asking only once the code has run.
  const startFirstRead = (element: Element) => {
    const read = chunks[element.localName]?.[3];
    const provider = element.closest(PROVIDER);
    const id = read && element.getAttribute(read[0]);
    const api = provider?.getAttribute('api');
    const key = provider?.getAttribute('publishable-key');
    if (!id || !api || !key) return;
    prefetch(routeUrl(api, read[1], { id }, credentialsQuery(key, provider?.getAttribute('shopper-token'))));
    startIntl();
  };

  const discover = (root: ParentNode) => {
    const found: Element[] = root instanceof Element ? [root] : [];
    found.push(...root.querySelectorAll(':not(:defined)'));
    const tags = found.filter((element) => element.localName.startsWith('flock-'));
    // Reads first: a browser opens at most six connections to a host, and the chunks would queue them.
    // A defined tag upgrades at once and reads by itself.
    for (const element of tags) if (!customElements.get(element.localName)) startFirstRead(element);
    for (const element of tags) void load(element.localName).catch(() => {});
  };

  discover(document);
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) discover(node);
  }).observe(document.documentElement, { childList: true, subtree: true });
  return { discover, load };
}
