// The framework examples' test, run by each example's `pnpm test` after its build: serves the
// example's dist/ on 127.0.0.1, starts a real Flock server in process with that origin allowed,
// creates a group-buy offer and a shopper token, opens the page in Debian's Chromium with them in
// the query string, and checks that the widget renders the offer and that the page receives the
// typed flock-checkout event when the shopper starts a group.
//
//   cd examples/react && pnpm build && node --import tsx ../../scripts/examples/render-check.ts
//   EXAMPLE_SCREENSHOT=/tmp/react.png …   also saves what the page looked like
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { widget as registryWidget } from '../../packages/elements/src/registry.js';
import { createFlockServer, createMerchant, OffsetClock, openPglite } from '../../packages/server/src/index.js';
import { launchChromium } from '../chromium.js';

const exampleDir = process.cwd();
const distDir = join(exampleDir, 'dist');
const exampleName = JSON.parse(readFileSync(join(exampleDir, 'package.json'), 'utf8')).name as string;

const OFFER = { title: 'Longjing tea 250 g', groupPrice: 1990, regularPrice: 2990, currency: 'CNY' };

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** dist/ as a static site: the example's built page and its chunks, nothing else. */
async function serveDist() {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const file = normalize(join(distDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(distDir) || !existsSync(file)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A Flock server on PGlite whose one merchant allows `origin`, with what the shop's backend would create. */
async function startFlock(origin: string) {
  const db = await openPglite();
  const clock = new OffsetClock();
  const server = await createFlockServer({ db, clock, jobIntervalMs: 0, log: () => {} });
  const { url: api } = await server.listen(0, '127.0.0.1');
  const merchant = await createMerchant(db, clock, server.secrets, { name: 'Framework examples', origins: [origin] });
  const asShop = async (path: string, body: unknown) => {
    const response = await fetch(`${api}/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const offer = await asShop('/group-buy-offers', {
    productRef: 'longjing-250g',
    title: OFFER.title,
    regularPrice: OFFER.regularPrice,
    groupPrice: OFFER.groupPrice,
    currency: OFFER.currency,
    teamSize: 3,
    teamTtlSeconds: 24 * 3600,
    holdTtlSeconds: 15 * 60,
  });
  assert.equal(offer.status, 201, JSON.stringify(offer.body));
  const token = await asShop('/shopper-tokens', { shopperId: 'alice', displayName: 'Alice' });
  assert.equal(token.status, 201, JSON.stringify(token.body));
  return {
    api,
    publishableKey: merchant.publishableKey,
    offerId: offer.body.id as string,
    shopperToken: token.body.token as string,
    /** What the shop's backend does after payment; only a real held reservation can be confirmed. */
    confirm: (reservationId: string) => asShop(`/reservations/${reservationId}/confirm`, { orderRef: 'example-order-1' }),
    async close() {
      await server.close();
      await db.close();
    },
  };
}

let site: Awaited<ReturnType<typeof serveDist>>;
let flock: Awaited<ReturnType<typeof startFlock>>;
let browser: Browser;

before(async () => {
  assert.ok(existsSync(join(distDir, 'index.html')), `${distDir}/index.html is missing: run the example's build first`);
  site = await serveDist();
  flock = await startFlock(site.origin);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await flock?.close();
  await site?.close();
});

test(`${exampleName}: the built page renders the group buy and receives the typed flock-checkout event`, async () => {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const query = new URLSearchParams({
    api: flock.api,
    key: flock.publishableKey,
    offer: flock.offerId,
    token: flock.shopperToken,
    locale: 'en',
  });
  await page.goto(`${site.origin}/?${query}`);

  // Playwright's CSS and text locators pierce the widget's open shadow root.
  const widget = page.locator(registryWidget('group-buy').tag);
  await widget.getByText(OFFER.title).waitFor();
  await widget.locator('[part~="price"]').filter({ hasText: '19.90' }).first().waitFor();

  await widget.getByRole('button', { name: 'Start a group' }).click();
  // The page's own status line (the widget has a live region of its own, inside its shadow root).
  const checkout = page.getByText(/^Checkout: res_/);
  await checkout.waitFor();
  const reservationId = (await checkout.textContent())!.replace('Checkout: ', '').trim();
  if (process.env.EXAMPLE_SCREENSHOT) await page.screenshot({ path: process.env.EXAMPLE_SCREENSHOT, fullPage: true });

  // The id came from the event's typed detail: it is the seat the server just held for Alice.
  const confirmed = await flock.confirm(reservationId);
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  assert.equal(confirmed.body.offerId, flock.offerId);
  assert.deepEqual(pageErrors, []);
  await page.close();
});
