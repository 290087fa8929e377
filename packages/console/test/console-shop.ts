import { type Clock, createFlockServer, createMerchant, type FlockServer, openPglite, systemClock } from '@flock/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/chromium.js';

/** The shop's own site in these tests: allowed to show the merchant's widgets. */
export const SHOP = 'https://tea.example';
export const OWNER_EMAIL = 'ming@westlake.example';
export const PASSWORD = 'west-lake-longjing';

/** What a console test drives: the server, its merchant, a browser, and the shop's and shoppers' calls. */
export interface ConsoleShop {
  flock: FlockServer;
  api: string;
  created: Awaited<ReturnType<typeof createMerchant>>;
  browser: Browser;
  asShop(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  asShopper(
    method: string,
    path: string,
    options?: { shopperId?: string; displayName?: string; body?: unknown },
  ): Promise<{ status: number; body: any }>;
  shopperToken(shopperId: string, displayName?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real Flock server on embedded PGlite, one merchant invited to its console (the owner's invite
 * link in `created.ownerInvite`), and a real Chromium: what every console test starts from.
 */
export async function startConsoleShop(options: { clock?: Clock } = {}): Promise<ConsoleShop> {
  const clock = options.clock ?? systemClock;
  const db = await openPglite();
  const flock: FlockServer = await createFlockServer({ db, clock, jobIntervalMs: 0, log: () => {} });
  const api = (await flock.listen(0)).url.replace('127.0.0.1', 'localhost');
  const created = await createMerchant(
    db,
    clock,
    flock.secrets,
    { name: 'West Lake Tea', origins: [SHOP], ownerEmail: OWNER_EMAIL },
    flock.webhookAddresses,
    api,
  );
  const browser: Browser = await launchChromium();

  /** The shop's backend, with the secret key. */
  async function asShop(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${created.secretKey}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  }
  /** A token the shop's backend mints for a signed-in shopper. */
  const shopperToken = async (shopperId: string, displayName = shopperId) =>
    (await asShop('POST', '/v1/shopper-tokens', { shopperId, displayName })).body.token as string;
  /** A shopper's browser on the shop's page: the publishable key, the shop's origin, their token when signed in. */
  async function asShopper(
    method: string,
    path: string,
    options: { shopperId?: string; displayName?: string; body?: unknown } = {},
  ) {
    const headers: Record<string, string> = {
      authorization: `Bearer ${created.publishableKey}`,
      origin: SHOP,
      'content-type': 'application/json',
    };
    if (options.shopperId) headers['flock-shopper'] = await shopperToken(options.shopperId, options.displayName);
    const response = await fetch(`${api}${path}`, {
      method,
      headers,
      body: method === 'GET' ? undefined : JSON.stringify(options.body ?? {}),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  return {
    flock,
    api,
    created,
    browser,
    asShop,
    asShopper,
    shopperToken,
    async close() {
      await browser.close();
      await flock.close();
    },
  };
}

/** Opens an invite link and sets up the login: the console's nav shows once signed in. */
/** The shop owner's browser (English), signed in through their invite: its page, and the page errors it collects. */
export async function ownerPage(shop: ConsoleShop): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await shop.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await acceptInvite(page, shop.created.ownerInvite?.url as string);
  return { context, page, errors };
}

export async function acceptInvite(page: Page, url: string, name = 'Ming', password = PASSWORD): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Create login' }).click();
  await page.locator('nav').waitFor();
}

/** Signs in on the console's sign-in page. */
export async function signIn(page: Page, email = OWNER_EMAIL, password = PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('nav').waitFor();
}
