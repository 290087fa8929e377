import { readdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/chromium.js';
import { type SnippetSite, startSnippetSite } from '../snippet.js';

const dist = new URL('../../../packages/elements/dist/', import.meta.url);
const otherWidgets = /\/(assist-progress|referral-card|voucher-qr|voucher-scanner|ponyfill)-[\w-]+\.js$/;

/** Opens a page and records every script it requested, with the response's status and headers. */
async function open(page: Page, url: string) {
  const scripts: Array<{ url: string; status: number; headers: Record<string, string> }> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' || response.url().endsWith('.js')) {
      scripts.push({ url: response.url(), status: response.status(), headers: response.headers() });
    }
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { scripts, errors };
}

const widget = (page: Page) => page.locator('flock-group-buy');
const startButton = (page: Page) => widget(page).getByRole('button', { name: /Start a group/ });

/** Waits until the widget shows the offer from the server: its title and the Start a group button. */
async function offerShown(page: Page) {
  await expect.poll(() => startButton(page).count(), { timeout: 15_000 }).toBe(1);
  expect(await widget(page).evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('Longjing green tea 250 g');
}

describe('the one-snippet install on a page of another origin', () => {
  let site: SnippetSite;
  let browser: Browser;
  beforeAll(async () => {
    site = await startSnippetSite();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('fetches only the loader and the group-buy widget with what it shares, then works end to end', async () => {
    const page = await browser.newPage();
    const { scripts, errors } = await open(page, await site.pageUrl('alice'));
    await offerShown(page);

    const fromFlock = scripts.filter((script) => script.url.startsWith(`${site.api}/sdk/`));
    expect(fromFlock.map((script) => script.url)).toContain(`${site.api}/sdk/flock.js`);
    expect(fromFlock.some((script) => /\/chunks\/group-buy-[\w-]+\.js$/.test(script.url))).toBe(true);
    expect(fromFlock.some((script) => /\/chunks\/provider-[\w-]+\.js$/.test(script.url))).toBe(true);
    expect(fromFlock.filter((script) => otherWidgets.test(script.url))).toEqual([]);
    // Those other chunks exist in the build: the test would see them if they were fetched.
    expect(readdirSync(new URL('chunks/', dist)).filter((file) => otherWidgets.test(`/${file}`)).length).toBeGreaterThanOrEqual(
      4,
    );
    for (const script of fromFlock) {
      expect(script.status, script.url).toBe(200);
      expect(script.headers['access-control-allow-origin'], script.url).toBe('*');
      if (script.url.includes('/chunks/')) expect(script.headers['cache-control'], script.url).toContain('immutable');
    }

    // End to end: start a group, the page's checkout gets the reservation, the shop confirms payment.
    await startButton(page).click();
    await expect.poll(() => page.locator('#checkout').textContent(), { timeout: 10_000 }).toMatch(/^checkout res_/);
    const reservationId = ((await page.locator('#checkout').textContent()) ?? '').replace('checkout ', '');
    await site.backend('POST', `/v1/reservations/${reservationId}/confirm`, { orderRef: `order-${reservationId}` });
    await expect
      .poll(() => widget(page).evaluate((el) => el.shadowRoot?.textContent ?? ''), { timeout: 10_000 })
      .toMatch(/Your group is open/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works from the classic script too, for site builders that strip modules', async () => {
    const page = await browser.newPage();
    const { scripts, errors } = await open(page, await site.pageUrl('bob', { classic: true }));
    await offerShown(page);
    expect(scripts.map((script) => script.url)).toContain(`${site.api}/sdk/flock-classic.js`);
    expect(scripts.filter((script) => otherWidgets.test(script.url))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('loads a widget added to the page later, once', async () => {
    const page = await browser.newPage();
    const { scripts } = await open(page, await site.pageUrl('carol'));
    await offerShown(page);
    await page.evaluate(() => {
      const provider = document.querySelector('flock-provider');
      for (let i = 0; i < 2; i++) provider?.append(document.createElement('flock-voucher-qr'));
    });
    await page.waitForFunction(() => customElements.get('flock-voucher-qr') !== undefined, undefined, { timeout: 10_000 });
    // Two elements, one download: each of the widget's chunks (its entry, and the code it shares
    // with the voucher list) is fetched exactly once.
    const qrChunks = scripts.map((script) => script.url).filter((url) => /\/voucher-qr-[\w-]+\.js$/.test(url));
    expect(qrChunks.length).toBeGreaterThan(0);
    expect(new Set(qrChunks).size).toBe(qrChunks.length);
    await page.close();
  });
});
