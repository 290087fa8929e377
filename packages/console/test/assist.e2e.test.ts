import { readFile } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleShop, startConsoleShop } from './console-shop.js';

// A merchant runs a price cut (砍价) from the console in real Chromium against a real server: signs
// in from an invite, creates the campaign through its form (a floor too close to the start price is
// refused by its field first), pauses it (the API then refuses new assists), resumes and renames it,
// and watches a shopper's assist move in the assists table, then exports it as CSV.

describe('the assist pages of the merchant console', () => {
  let shop: ConsoleShop;
  let context: BrowserContext;

  beforeAll(async () => {
    shop = await startConsoleShop();
    context = await shop.browser.newContext({ acceptDownloads: true, locale: 'en-US' });
  });
  afterAll(async () => {
    await context?.close();
    await shop?.close();
  });

  it('creates, pauses, resumes and edits a price cut, and follows its assists', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // 1. The invite link sets the password; then a plain sign-in with it.
    await page.goto(shop.created.ownerInvite?.url as string);
    await page.getByLabel('Your name').fill('Ming');
    await page.getByLabel(/^Password/).fill('west-lake-longjing');
    await page.getByRole('button', { name: 'Create login' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill('ming@westlake.example');
    await page.getByLabel('Password').fill('west-lake-longjing');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // 2. The campaigns page from the navigation, empty; a new price cut through the form.
    await page.getByRole('link', { name: 'Assist campaigns' }).click();
    await page.getByText('No assist campaigns yet').waitFor();
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByLabel('Title shoppers see').fill('Yixing teapot, cut to ¥99');
    await page.getByLabel('Product code').fill('teapot');
    await page.getByLabel('Type').selectOption('price_cut');
    await page.getByLabel('Helpers needed').fill('5');
    await page.getByLabel('Starting price').fill('199');
    // 0.04 to share between 5 helpers: the contract's rule, by the floor price's field, and nothing sent.
    await page.getByLabel('Floor price').fill('198.96');
    await page.getByLabel('Reward', { exact: true }).fill('The teapot for ¥99');
    await page.getByLabel('Hours friends have to help').fill('48');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await expect
      .poll(() => page.locator('#floorPrice-error').textContent())
      .toBe('Too close to the starting price: every helper must be able to cut at least one cent.');
    expect(await page.locator('input[name="floorPrice"]').getAttribute('aria-invalid')).toBe('true');
    expect((await shop.asShop('GET', '/v1/assist-campaigns')).body.data).toEqual([]);
    await page.getByLabel('Floor price').fill('99');
    await page.getByRole('button', { name: 'Create campaign' }).click();

    // 3. Listed with its terms; the API holds what the form said (money in minor units, hours in seconds).
    const row = page.getByRole('row', { name: /Yixing teapot/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Price cut\s*CN¥199\.00 → CN¥99\.00[\s\S]*5[\s\S]*0 \/ 0 \/ 0[\s\S]*Running/);
    const [campaign] = (await shop.asShop('GET', '/v1/assist-campaigns')).body.data;
    expect(campaign).toMatchObject({
      title: 'Yixing teapot, cut to ¥99',
      productRef: 'teapot',
      mode: 'price_cut',
      goal: 5,
      startPrice: 19900,
      floorPrice: 9900,
      currency: 'CNY',
      ttlSeconds: 48 * 3600,
      purchaseTtlSeconds: 24 * 3600,
      helpsPerHelperPerDay: null,
      reward: { description: 'The teapot for ¥99', voucherProductId: null },
      startsAt: null,
      endsAt: null,
      status: 'active',
    });

    // 4. Paused: no new assist can start (the API says so), until it is resumed.
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByText('Paused').waitFor();
    const refused = await shop.asShopper('POST', `/v1/assist-campaigns/${campaign.id}/assists`, {
      shopperId: 'wei',
      displayName: 'Wei',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('campaign_not_active');
    await row.getByRole('button', { name: 'Resume' }).click();
    await row.getByText('Running').waitFor();

    // 5. Edit: only what may change is editable, and the form says when the changes apply.
    await row.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit assist campaign' }).waitFor();
    await page.getByText('apply to assists started after you save').waitFor();
    expect(await page.getByLabel('Product code').isDisabled()).toBe(true);
    expect(await page.getByLabel('Type').isDisabled()).toBe(true);
    expect(await page.getByLabel('Starting price').inputValue()).toBe('199.00');
    await page.getByLabel('Title shoppers see').fill('Yixing teapot, now cut to ¥99');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('row', { name: /now cut to ¥99/ }).waitFor();
    const edited = (await shop.asShop('GET', `/v1/assist-campaigns/${campaign.id}`)).body;
    expect(edited).toMatchObject({ title: 'Yixing teapot, now cut to ¥99', goal: 5, startPrice: 19900, floorPrice: 9900 });

    // 6. A shopper starts an assist on the shop's page and a friend helps: the assists table follows.
    const started = await shop.asShopper('POST', `/v1/assist-campaigns/${campaign.id}/assists`, {
      shopperId: 'wei',
      displayName: 'Wei',
    });
    expect(started.status).toBe(201);
    const assistId = started.body.assist.id as string;
    await page.getByRole('link', { name: 'Assists', exact: true }).click();
    const assistRow = page.locator(`tr[data-row="${assistId}"]`);
    await assistRow.waitFor();
    expect(await assistRow.textContent()).toMatch(/now cut to ¥99[\s\S]*Wei[\s\S]*0 of 5[\s\S]*CN¥199\.00[\s\S]*In progress/);
    expect(
      (await shop.asShopper('POST', `/v1/assists/${assistId}/helps`, { shopperId: 'fang', displayName: 'Fang' })).status,
    ).toBe(201);
    // No reload: the table refreshes itself while it is on screen.
    await assistRow.getByText('1 of 5').waitFor({ timeout: 15_000 });
    expect(await assistRow.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
    const assist = (await shop.asShop('GET', `/v1/assists/${assistId}`)).body;
    const priceNow = `CN¥${(assist.currentPrice / 100).toFixed(2)}`;
    expect(assist.currentPrice).toBeLessThan(19900);
    expect(await assistRow.textContent()).toContain(priceNow);

    // 7. The campaign's own filter (from its row's counts) and the CSV of what the table shows.
    await page.getByRole('link', { name: 'Assist campaigns' }).click();
    await page
      .getByRole('row', { name: /now cut to ¥99/ })
      .getByRole('link', { name: '1 / 0 / 0' })
      .click();
    await expect.poll(() => page.getByLabel('Campaign').inputValue()).toBe(campaign.id);
    await assistRow.waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile((await (await download).path()) as string, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('"campaign","owner","helps","price","status","deadline","id"');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `"Yixing teapot, now cut to ¥99","Wei (wei)","1/5","${priceNow}","In progress","${assist.expiresAt}","${assistId}"`,
    );
    expect(errors).toEqual([]);
  });
});
