import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { snippet } from '../../examples/snippet/snippet.js';
import { launchChromium } from '../chromium.js';
import { startCliServer } from './cli-server.js';
import { type Spread, spread } from './sse.js';
import { createTeaShop, type ShopPages, startShopPages, TEA_OFFER } from './tea-shop.js';

/** This part's page server (8891–8899 are this part's ports). */
const PAGE_PORT = 8892;
/** What both pages show once the data is there: the title and the group price (19.90 in any currency format). */
const LIVE_TEXTS = [TEA_OFFER.title, '19.90'];
const LOAD_TIMEOUT_MS = 20_000;

export interface WidgetPhases {
  /** The page's HTML received. */
  html: number;
  /** flock.js received. */
  loader: number;
  /** The offer GET started, and its answer received (the first one: a second would be a missed prefetch). */
  readStart: number;
  readEnd: number;
  /** The last of the widget's chunks received. */
  chunks: number;
  /** Offer GETs the page made (Resource Timing; 1 when the widget adopted the loader's). */
  reads: number;
  live: number;
}

export interface LiveDataResult {
  database: string;
  widget: number[];
  plain: number[];
  widgetMs: Spread;
  plainMs: Spread;
  /** Median widget ÷ median plain page. */
  ratio: number;
  /** os.loadavg()[0] before the series, and before each pair. */
  loadBefore: number;
  loadPerPair: Spread;
  /** Per load, the phases above (the plain page has no loader or chunks: 0). */
  widgetPhases: WidgetPhases[];
  plainPhases: WidgetPhases[];
}

/** Notes performance.now() once every text is in `root` (checked after each batch of mutations). */
const instrumentation = (target: 'widget' | 'plain') => `<script>
(() => {
  const texts = ${JSON.stringify(LIVE_TEXTS)};
  const watch = (root, holder) => {
    const observer = new MutationObserver(() => {
      const text = holder().textContent || '';
      if (window.liveAt === undefined && texts.every((t) => text.includes(t))) {
        window.liveAt = performance.now();
        observer.disconnect();
        console.debug('flock-live');
      }
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  };
  ${
    target === 'widget'
      ? `const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (this.localName === 'flock-group-buy') watch(root, () => root);
    return root;
  };`
      : `watch(document.documentElement, () => document.getElementById('offer') || document.createElement('p'));`
  }
})();
</script>`;

const page = (target: 'widget' | 'plain', body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tea shop</title>
${instrumentation(target)}
</head><body>
<h1>Tea shop</h1>
${body}
</body></html>`;

/** The reference: the same GET the widget makes (credentials in the query), its title and price written into the page. */
const plainBody = (url: string) => `<p id="offer"></p>
<script>
  fetch(${JSON.stringify(url)})
    .then((response) => response.json())
    .then((offer) => {
      const price = new Intl.NumberFormat('en', { style: 'currency', currency: offer.currency, currencyDisplay: 'symbol' });
      document.getElementById('offer').textContent = offer.title + ' ' + price.format(offer.groupPrice / 100);
    });
</script>`;

export async function benchLiveData(options: {
  runs: number;
  /** 'pglite' (in memory) or a fresh PostgreSQL database's URL. */
  databaseUrl: string;
  log: (line: string) => void;
}): Promise<LiveDataResult> {
  const flock = await startCliServer({ databaseUrl: options.databaseUrl, name: 'flock-server (live data)' });
  let shop: ShopPages | undefined;
  let browser: Browser | undefined;
  try {
    shop = await startShopPages(PAGE_PORT);
    const shopOrigin = shop.origin;
    const { pages } = shop;
    const api = flock.url;
    const { merchant, offer, newShopper } = await createTeaShop(api, flock.adminToken, shopOrigin);
    let pageCount = 0;
    /** A page for a new shopper: the merchant's snippet, or the plain page reading the same URL the widget reads. */
    const pageUrl = async (target: 'widget' | 'plain') => {
      const { token } = await newShopper();
      const read = `${api}/v1/group-buy-offers/${offer.id}?${new URLSearchParams({ key: merchant.publishableKey, shopper: token })}`;
      const body =
        target === 'widget'
          ? snippet({ api, publishableKey: merchant.publishableKey, shopperToken: token, offer: offer.id })
          : plainBody(read);
      const path = `/${target}-${++pageCount}.html`;
      pages.set(path, page(target, body));
      return `${shopOrigin}${path}`;
    };

    browser = await launchChromium();
    const load = async (target: 'widget' | 'plain') => {
      const url = await pageUrl(target);
      const context = await (browser as Browser).newContext();
      try {
        const tab = await context.newPage();
        // The page says when (a console message): evaluating anything in it before would run Playwright's
        // injected script on its main thread, in the middle of the load being timed.
        const live = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`${target} page: no live data in ${LOAD_TIMEOUT_MS} ms`)),
            LOAD_TIMEOUT_MS,
          );
          tab.on('console', (message) => {
            if (message.text() !== 'flock-live') return;
            clearTimeout(timer);
            resolve();
          });
        });
        await tab.goto(url, { waitUntil: 'commit' });
        await live;
        // A string, not a function: tsx would wrap a function's helpers in __name(), unknown in the page.
        return (await tab.evaluate(`(() => {
          const resources = performance.getEntriesByType('resource');
          const ends = (test) => resources.filter((e) => test(e.name)).map((e) => e.responseEnd);
          const reads = resources.filter((e) => e.name.includes('/v1/group-buy-offers/'));
          return {
            live: window.liveAt,
            html: performance.getEntriesByType('navigation')[0].responseEnd,
            loader: Math.max(0, ...ends((name) => name.includes('/sdk/flock.js'))),
            chunks: Math.max(0, ...ends((name) => name.includes('/sdk/chunks/'))),
            readStart: reads[0] ? reads[0].startTime : NaN,
            readEnd: reads[0] ? reads[0].responseEnd : NaN,
            reads: reads.length,
          };
        })()`)) as WidgetPhases;
      } finally {
        await context.close();
      }
    };

    // Unmeasured: the server's first requests pay for its start-up (JIT, the database's first queries), which no shopper sees.
    await load('widget');
    await load('plain');
    const loadBefore = loadavg()[0] as number;
    const widgetPhases: WidgetPhases[] = [];
    const plainPhases: WidgetPhases[] = [];
    const pairLoads: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      pairLoads.push(loadavg()[0] as number);
      const order = i % 2 === 0 ? (['widget', 'plain'] as const) : (['plain', 'widget'] as const);
      for (const target of order) (target === 'widget' ? widgetPhases : plainPhases).push(await load(target));
      const [w, p] = [widgetPhases.at(-1) as WidgetPhases, plainPhases.at(-1) as WidgetPhases];
      options.log(`  ${i + 1}/${options.runs}: widget ${w.live.toFixed(1)} ms, plain page ${p.live.toFixed(1)} ms`);
    }
    const widget = widgetPhases.map((p) => p.live);
    const plain = plainPhases.map((p) => p.live);
    const widgetMs = spread(widget);
    const plainMs = spread(plain);
    return {
      database: options.databaseUrl === 'pglite' ? 'PGlite in memory' : 'PostgreSQL',
      widget,
      plain,
      widgetMs,
      plainMs,
      ratio: widgetMs.median / plainMs.median,
      loadBefore,
      loadPerPair: spread(pairLoads),
      widgetPhases,
      plainPhases,
    };
  } finally {
    await browser?.close();
    await shop?.close();
    await flock.stop();
  }
}
