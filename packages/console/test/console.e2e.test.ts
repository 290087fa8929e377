import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFlockServer, createMerchant, type FlockServer, openPglite, systemClock } from '@flock/server';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/chromium.js';

// A merchant given only an invite link, in real Chromium against a real server: sets a password,
// allows their shop's origin, creates an offer, copies the snippet into a page of that origin, and
// watches a team start and fill there from the console's team table, then exports it as CSV.

/** The merchant's own site: a blank page of another origin, holding whatever snippet the test pastes. */
async function startShop(): Promise<{ origin: string; paste(html: string): void; close(): Promise<void> }> {
  let body = '';
  const server: Server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tea shop</title></head><body>${body}</body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    paste: (html) => {
      body = html;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('the merchant console, from an invite link to a team filling live', () => {
  let flock: FlockServer;
  let api: string;
  let browser: Browser;
  let context: BrowserContext;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let created: Awaited<ReturnType<typeof createMerchant>>;

  beforeAll(async () => {
    const db = await openPglite();
    // The shop's backend (its webhook receiver) runs on this machine in the test.
    flock = await createFlockServer({ db, jobIntervalMs: 0, log: () => {}, allowPrivateWebhooks: true });
    api = (await flock.listen(0)).url.replace('127.0.0.1', 'localhost');
    shop = await startShop();
    created = await createMerchant(
      db,
      systemClock,
      flock.secrets,
      { name: 'West Lake Tea', origins: ['https://placeholder.example'], ownerEmail: 'ming@westlake.example' },
      flock.webhookAddresses,
      api,
    );
    browser = await launchChromium();
    context = await browser.newContext({ acceptDownloads: true, locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await shop?.close();
    await flock?.close();
  });

  /** As the shop's backend would: a token naming the signed-in shopper, minted with the secret key. */
  const shopperToken = async (shopperId: string) => {
    const response = await fetch(`${api}/v1/shopper-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ shopperId, displayName: shopperId }),
    });
    return ((await response.json()) as { token: string }).token;
  };
  /** As the shop's backend does once a seat is paid for. */
  const confirmPaid = async (reservationId: string) =>
    fetch(`${api}/v1/reservations/${reservationId}/confirm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderRef: `order-${reservationId}` }),
    });

  /** A shopper on the shop's page with the pasted snippet, signed in (the shop adds their token). */
  async function shopperTaps(snippet: string, shopperId: string, button: RegExp): Promise<string> {
    const token = await shopperToken(shopperId);
    shop.paste(snippet.replace('<flock-provider ', `<flock-provider shopper-token="${token}" `));
    const page = await context.newPage();
    const reserved = page.waitForResponse((r) =>
      /\/v1\/(group-buy-offers\/[\w-]+\/teams|teams\/[\w-]+\/reservations)$/.test(r.url()),
    );
    await page.goto(shop.origin);
    await page.locator('flock-group-buy').getByRole('button', { name: button }).first().click({ timeout: 20_000 });
    const { reservation } = (await (await reserved).json()) as { reservation: { id: string } };
    await page.close();
    return reservation.id;
  }

  it('gets a merchant from nothing to a live group buy on their own page, without a terminal', async () => {
    const console = await context.newPage();
    const errors: string[] = [];
    console.on('pageerror', (error) => errors.push(error.message));

    // 1. The invite link: a name and a password; a weak password is refused next to its field.
    await console.goto(created.ownerInvite?.url as string);
    await console.getByLabel('Your name').fill('Ming');
    await console.getByLabel(/^Password/).fill('short');
    await console.getByRole('button', { name: 'Create login' }).click();
    await expect.poll(() => console.locator('#password-error').textContent()).toBe('At least 10 characters.');
    await console.getByLabel(/^Password/).fill('west-lake-longjing');
    await console.getByRole('button', { name: 'Create login' }).click();
    // Signed in, a merchant lands on the overview; their offers are one link away.
    await console.getByRole('heading', { name: 'Overview' }).waitFor();
    await console.getByRole('link', { name: 'Group buys' }).click();
    await console.getByRole('heading', { name: 'Group-buy offers' }).waitFor();
    await console.getByText('No offers yet').waitFor();

    // 2. Settings: a page of the shop already tried the key and was refused: allowed in one click.
    await fetch(`${api}/v1/group-buy-offers/off_none0000000000`, {
      headers: { authorization: `Bearer ${created.publishableKey}`, origin: 'https://www.westlake.example' },
    });
    await console.getByRole('link', { name: 'Settings' }).click();
    await console.locator('[data-blocked="https://www.westlake.example"]').getByRole('button', { name: 'Allow' }).click();
    await console.getByRole('cell', { name: 'https://www.westlake.example', exact: true }).waitFor();
    // And the shop's own site typed in (a pasted page URL is cut to its origin).
    await console.getByLabel('Allowed origins').fill(`${shop.origin}/products/longjing`);
    await console.getByRole('button', { name: 'Add' }).click();
    await console.getByRole('cell', { name: shop.origin, exact: true }).waitFor();
    await console
      .getByRole('row', { name: /placeholder\.example/ })
      .getByRole('button', { name: 'Remove' })
      .click();
    await expect.poll(() => console.getByRole('cell', { name: /placeholder/ }).count()).toBe(0);

    // An owner invites a colleague from the same page: the link shows once, to be sent on.
    await console.getByPlaceholder('Their email').fill('hua@westlake.example');
    await console.getByRole('button', { name: 'Create invite link' }).click();
    expect(await console.locator('pre[data-invite]').textContent()).toMatch(new RegExp(`^${api}/console/#/invite/inv_\\w+$`));

    // 3. A new offer: the contract's own rule (group price ≤ regular price) shows by its field first.
    await console.getByRole('link', { name: 'Group buys' }).click();
    await console.getByRole('link', { name: 'New offer' }).click();
    await console.getByLabel('Title shoppers see').fill('Longjing green tea 250 g');
    await console.getByLabel('Product code').fill('longjing-250');
    await console.getByLabel('Regular price').fill('99');
    await console.getByLabel('Group price').fill('129');
    await console.getByLabel('People per team').fill('2');
    await console.getByRole('button', { name: 'Create offer' }).click();
    await expect
      .poll(() => console.locator('#groupPrice-error').textContent())
      .toBe('The group price must not exceed the regular price.');
    await console.getByLabel('Group price').fill('69.90');
    await console.getByRole('button', { name: 'Create offer' }).click();
    await console.getByRole('cell', { name: /Longjing green tea 250 g/ }).waitFor();
    expect(await console.getByRole('row', { name: /Longjing/ }).textContent()).toContain('CN¥69.90');

    // 4. The snippet, in English, copied as a merchant would.
    await console.getByRole('link', { name: 'Get snippet' }).click();
    await console.locator('main').getByLabel('Language').selectOption('en');
    await console.getByRole('button', { name: 'Copy' }).click();
    await console.getByRole('button', { name: 'Copied' }).waitFor();
    const snippet = await console.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toContain(`${api}/sdk/flock.js`);
    expect(snippet).toContain(`publishable-key="${created.publishableKey}"`);
    expect(snippet).toMatch(/<flock-group-buy offer="off_\w+"><\/flock-group-buy>/);
    // The real widget, live against this server, beside the code; the same choice as React and Vue code.
    await console.locator('.preview flock-group-buy').getByText('Longjing green tea 250 g').waitFor({ timeout: 20_000 });
    await console.getByRole('button', { name: 'React' }).click();
    const react = (await console.locator('pre[data-snippet]').textContent()) ?? '';
    expect(react).toContain("import '@flock/elements';");
    expect(react).toContain(`publishableKey="${created.publishableKey}"`);
    expect(react).toMatch(/<flock-group-buy offer="off_\w+" \/>/);
    await console.getByRole('button', { name: 'Vue' }).click();
    expect(await console.locator('pre[data-snippet]').textContent()).toContain('<template>');

    // 5. The console's team table, open while shoppers act on the shop's page.
    await console.getByRole('link', { name: 'Teams' }).click();
    await console.getByText('No teams here yet').waitFor();
    const leaderSeat = await shopperTaps(snippet, 'wei', /Start a group/);
    await console.getByRole('cell', { name: 'Leader paying' }).waitFor({ timeout: 15_000 });
    await confirmPaid(leaderSeat);
    await console.getByRole('cell', { name: 'Open' }).waitFor({ timeout: 15_000 });
    expect(await console.locator('tbody tr').first().textContent()).toContain('wei');
    const friendSeat = await shopperTaps(snippet, 'fang', /Join/);
    await confirmPaid(friendSeat);
    await console.getByRole('cell', { name: 'Succeeded' }).waitFor({ timeout: 15_000 });
    expect(await console.locator('tbody tr').first().textContent()).toMatch(/wei、fang[\s\S]*2 of 2/);

    // 6. The CSV holds what the table shows.
    const download = console.waitForEvent('download');
    await console.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile((await (await download).path()) as string, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('"offer","members","seats","status","deadline","id"');
    expect(lines).toHaveLength(1 + (await console.locator('tbody tr').count()));
    expect(lines[1]).toContain('"Longjing green tea 250 g","wei / fang","2/2","Succeeded"');

    // 7. Pausing stops new teams (the offer says so on the shop's page), resuming starts them again.
    await console.getByRole('link', { name: 'Group buys' }).click();
    const row = console.getByRole('row', { name: /Longjing/ });
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByText('Paused').waitFor();
    await row.getByRole('button', { name: 'Resume' }).click();
    await row.getByText('Running').waitFor();

    // 8. A commission held for review (the buyer ordered from the promoter's own address): approved in its row.
    const asShop = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${api}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${created.secretKey}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).then((response) => response.json() as Promise<any>);
    const program = await asShop('/v1/referral-programs', {
      name: 'Tea promoters',
      commission: { type: 'percent', bps: 1000 },
      holdDays: 7,
      attributionWindowDays: 30,
      product: { title: 'Longjing', price: 9900, currency: 'CNY', url: `${shop.origin}/longjing` },
    });
    const joined = await fetch(`${api}/v1/referral-programs/${program.id}/promoters`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${created.publishableKey}`,
        origin: shop.origin,
        'flock-shopper': await shopperToken('li'),
        'content-type': 'application/json',
      },
      body: '{}',
    }).then((response) => response.json() as Promise<any>);
    await asShop('/v1/orders', {
      orderRef: 'order-self',
      amount: 9900,
      currency: 'CNY',
      shopperId: 'li-friend',
      promoterCode: joined.promoter.code,
      ip: '127.0.0.1',
    });
    await console.getByRole('link', { name: 'Commissions' }).click();
    const held = console.getByRole('row', { name: /order-self/ });
    expect(await held.textContent()).toContain('Same device as the promoter');
    await held.getByRole('button', { name: 'Approve' }).click();
    await console.getByText('Nothing here.').waitFor();
    await console.getByRole('button', { name: 'All' }).click();
    expect(await console.getByRole('row', { name: /order-self/ }).textContent()).not.toContain('Held for review');

    // 9. The webhook address: a wrong one is refused by its field; then the team's events are listed, resent on demand.
    await console.getByRole('link', { name: 'Webhooks' }).click();
    await console.getByLabel('Webhook URL').fill('not a url');
    await console.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => console.locator('#url-error').textContent()).toBe('Not valid here.');
    await console.getByLabel('Webhook URL').fill('http://127.0.0.1:9/hooks/flock');
    await console.getByRole('button', { name: 'Save' }).click();
    await console.getByRole('button', { name: 'Saved' }).waitFor();

    // 10. Rolling the publishable key: asked once more, shown once, and the page's key is the new one.
    await console.getByRole('link', { name: 'Settings' }).click();
    await console.getByRole('button', { name: 'Roll publishable key' }).click();
    await console.getByRole('button', { name: 'Roll now' }).click();
    const rolled = (await console.locator('pre[data-rolled-key]').textContent()) ?? '';
    expect(rolled).toMatch(/^pk_\w+$/);
    expect(rolled).not.toBe(created.publishableKey);
    await expect.poll(() => console.locator('pre[data-publishable-key]').textContent()).toBe(rolled);
    expect(errors).toEqual([]);
  });
});
