/**
 * The one-snippet install, end to end: a Flock server (PGlite in memory) that serves the bundle at
 * /sdk/flock.js, and a plain shop page on another origin that pastes the snippet. Used by the test
 * (test/snippet.test.ts) and by `pnpm bench` (time to a rendered widget).
 *
 *   node --import tsx examples/snippet/snippet.ts   # prints a page URL to open
 */
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createFlockServer, createMerchant, openPglite } from '@flock/server';

export interface SnippetOptions {
  /** The Flock server's base URL (it serves /sdk/flock.js). */
  api: string;
  publishableKey: string;
  shopperToken: string;
  offer: string;
  /** The classic (non-module) script, for site builders that strip type="module". */
  classic?: boolean;
}

/** Exactly what a merchant pastes into a site builder's custom-HTML box. */
export function snippet({ api, publishableKey, shopperToken, offer, classic }: SnippetOptions): string {
  const script = classic
    ? `<script src="${api}/sdk/flock-classic.js"></script>`
    : `<script type="module" src="${api}/sdk/flock.js"></script>`;
  return `${script}
<flock-provider api="${api}" publishable-key="${publishableKey}" shopper-token="${shopperToken}" locale="en">
  <flock-group-buy offer="${offer}"></flock-group-buy>
</flock-provider>`;
}

/** A plain shop page around the snippet; it notes the checkout event where a test can read it. */
export function shopPage(options: SnippetOptions): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tea shop</title>
<script>window.flockStartedAt = performance.now();</script>
</head><body>
<h1>Longjing green tea</h1>
${snippet(options)}
<p id="checkout"></p>
<script>
  document.addEventListener('flock-checkout', (event) => {
    document.getElementById('checkout').textContent = 'checkout ' + event.detail.reservation.id;
  });
</script>
</body></html>`;
}

export interface SnippetSite {
  /** The shop's origin (another origin than the Flock server). */
  shopOrigin: string;
  api: string;
  secretKey: string;
  offerId: string;
  /** A page for a new shopper each call (module or classic snippet). */
  pageUrl(shopperId: string, options?: { classic?: boolean }): Promise<string>;
  /** Calls the Flock API with the secret key, as the shop's backend does. */
  backend<T>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startSnippetSite(): Promise<SnippetSite> {
  const db = await openPglite();
  const flock = await createFlockServer({ db, jobIntervalMs: 0, log: () => {} });
  const { url: api } = await flock.listen(0);

  const pages = new Map<string, string>();
  const shop: Server = createServer((request, response) => {
    const html = pages.get(request.url ?? '');
    response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html ?? 'not found');
  });
  const port = await new Promise<number>((resolve) =>
    shop.listen(0, '127.0.0.1', () => resolve((shop.address() as { port: number }).port)),
  );
  // localhost vs 127.0.0.1: another origin (and another site) than the Flock server, as on a real shop.
  const shopOrigin = `http://localhost:${port}`;
  const merchant = await createMerchant(db, flock.clock, flock.secrets, { name: 'Tea shop', origins: [shopOrigin] });

  const backend = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await flock.app.request(path, {
      method,
      headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<T>;
  };
  const offer = await backend<{ id: string }>('POST', '/v1/group-buy-offers', {
    productRef: 'longjing-250',
    title: 'Longjing green tea 250 g',
    regularPrice: 2990,
    groupPrice: 1990,
    currency: 'CNY',
    teamSize: 2,
    teamTtlSeconds: 86_400,
  });

  let pageCount = 0;
  return {
    shopOrigin,
    api,
    secretKey: merchant.secretKey,
    offerId: offer.id,
    async pageUrl(shopperId, options = {}) {
      const { token } = await backend<{ token: string }>('POST', '/v1/shopper-tokens', { shopperId, displayName: shopperId });
      const path = `/page-${++pageCount}.html`;
      pages.set(
        path,
        shopPage({ api, publishableKey: merchant.publishableKey, shopperToken: token, offer: offer.id, ...options }),
      );
      return `${shopOrigin}${path}`;
    },
    backend,
    async close() {
      await new Promise<void>((resolve) => shop.close(() => resolve()));
      await flock.close();
      await db.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = await startSnippetSite();
  console.log(`Open ${await site.pageUrl('alice')} (Ctrl-C to stop)`);
}
