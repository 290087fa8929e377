import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleShop, ownerPage, SHOP, startConsoleShop } from './console-shop.js';

// The promoter growth kit (issue 16) as a merchant runs it, in real Chromium against a real server:
// a program with tiers, a first-order reward, a new-promoter boost and a friend's amount off through
// its form (a tier not above the one before is refused by its field as it is typed), the boost removed
// by an edit, share material written, edited and archived, a promoter's tier after an order reported
// with the secret key, and the leaderboard as the public sees it (masked).

describe('the promoter growth kit in the console', () => {
  let shop: ConsoleShop;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    shop = await startConsoleShop();
    ({ context, page, errors } = await ownerPage(shop));
  });
  afterAll(async () => {
    await context?.close();
    await shop?.close();
  });

  const errorOf = (field: string) => page.locator(`[id="${field}-error"]`).textContent();
  const nav = (name: string) => page.locator('nav').getByRole('link', { name, exact: true }).click();
  const program = async () => (await shop.asShop('GET', '/v1/referral-programs')).body.data[0];

  it('creates a program with tiers, a first-order reward, a boost and a friend’s amount off', async () => {
    await page.goto(`${shop.api}/console/#/programs/new`);
    await page.getByRole('heading', { name: 'New referral program' }).waitFor();
    await page.getByLabel('Program name').fill('Tea friends');
    await page.getByLabel('Commission rate (%)').fill('10');
    await page.getByLabel('Product title').fill('Longjing green tea 250 g');
    await page.getByLabel('Product page URL').fill(`${SHOP}/longjing`);

    // Two tiers; the second's threshold typed below the first's is refused by its field at once.
    await page.getByRole('button', { name: 'Add tier' }).click();
    await page.getByLabel('Tier 1: name').fill('Silver');
    await page.getByLabel('Tier 1: starts at').fill('50');
    await page.getByLabel('Tier 1: rate (%)').fill('12');
    await page.getByRole('button', { name: 'Add tier' }).click();
    await page.getByLabel('Tier 2: name').fill('Gold');
    await page.getByLabel('Tier 2: starts at').fill('40');
    await expect.poll(() => errorOf('tiers.1.minCommission30d')).toBe('Must be more than tier 1’s.');
    await page.getByLabel('Tier 2: rate (%)').fill('150');
    await expect.poll(() => errorOf('tiers.1.bps')).toBe('A percentage from 0 to 100.');
    // Sent anyway: nothing leaves the form, and the messages stay by their fields.
    await page.getByRole('button', { name: 'Create program' }).click();
    await page.getByRole('alert').filter({ hasText: 'Some fields need attention' }).waitFor();
    expect((await shop.asShop('GET', '/v1/referral-programs')).body.data).toEqual([]);
    await page.getByLabel('Tier 2: starts at').fill('500');
    await page.getByLabel('Tier 2: rate (%)').fill('15');
    await expect.poll(() => errorOf('tiers.1.minCommission30d')).toBe('');
    await expect.poll(() => errorOf('tiers.1.bps')).toBe('');

    await page.getByLabel('First-order reward').fill('5');
    await page.getByLabel('Boosted rate (%)').fill('20');
    await page.getByLabel('For the first (days)').fill('7');
    await page.getByLabel('The friend gets').selectOption({ label: 'An amount off a minimum spend' });
    await page.getByLabel('Amount off', { exact: true }).fill('10');
    await page.getByLabel('On orders of at least').fill('5');
    await expect.poll(() => errorOf('friendReward.minSpend')).toBe('The minimum spend must be at least the amount off.');
    await page.getByLabel('On orders of at least').fill('99');
    await page.getByLabel('Valid for (days)').fill('14');
    await page.getByRole('button', { name: 'Create program' }).click();
    await page.getByRole('row', { name: /Tea friends/ }).waitFor();
    expect(await program()).toMatchObject({
      name: 'Tea friends',
      commission: { type: 'percent', bps: 1000 },
      tiers: [
        { name: 'Silver', minCommission30d: 5000, bps: 1200 },
        { name: 'Gold', minCommission30d: 50000, bps: 1500 },
      ],
      firstOrderReward: { amount: 500 },
      newPromoterBoost: { bps: 2000, days: 7 },
      friendReward: { kind: 'amount_off', amountOff: 1000, minSpend: 9900, validDays: 14 },
    });
  });

  it('removes the boost by an edit, keeping the rest', async () => {
    await page
      .getByRole('row', { name: /Tea friends/ })
      .getByRole('link', { name: 'Edit' })
      .click();
    await page.getByRole('heading', { name: 'Edit referral program' }).waitFor();
    await expect.poll(() => page.getByLabel('Boosted rate (%)').inputValue()).toBe('20');
    expect(await page.getByLabel('Tier 2: name').inputValue()).toBe('Gold');
    await page.getByLabel('Boosted rate (%)').fill('');
    await page.getByLabel('For the first (days)').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Referral programs' }).waitFor();
    expect(await program()).toMatchObject({
      newPromoterBoost: null,
      tiers: [{ name: 'Silver' }, { name: 'Gold' }],
      firstOrderReward: { amount: 500 },
      friendReward: { kind: 'amount_off', amountOff: 1000 },
    });
  });

  it('writes, edits and archives share material, previewing the copy with a link', async () => {
    await page
      .getByRole('row', { name: /Tea friends/ })
      .getByRole('link', { name: 'Share kit' })
      .click();
    await page.getByRole('heading', { name: 'Share kit' }).waitFor();
    await page.getByText('No materials yet').waitFor();
    await page.getByLabel('Title (promoters see it)').fill('Spring Longjing');
    await page.getByLabel('Copy', { exact: false }).first().fill('First flush is here: {link} — tell me how you like it');
    await expect
      .poll(() => page.locator('[data-preview]').textContent())
      .toMatch(/^First flush is here: https:\/\/tea\.example\/longjing\?flock_ref=\w+ — tell me how you like it$/);
    await page.getByLabel(/^Image URLs/).fill('http://img.example/a.jpg');
    await page.getByRole('button', { name: 'Add material' }).click();
    await expect.poll(() => errorOf('imageUrls')).toBe('Image 1 is not a full https:// address.');
    await page.getByLabel(/^Image URLs/).fill('https://img.example/a.jpg\nhttps://img.example/b.jpg');
    await page.getByLabel('Price (optional)').fill('68');
    await page.getByRole('button', { name: 'Add material' }).click();
    await page.getByText('Added “Spring Longjing”').waitFor();
    const item = page.locator('li.material', { hasText: 'Spring Longjing' });
    await expect.poll(() => item.textContent()).toContain('2 images');

    await item.getByRole('button', { name: 'Edit “Spring Longjing”' }).click();
    await expect.poll(() => page.getByLabel('Title (promoters see it)').inputValue()).toBe('Spring Longjing');
    await page.getByLabel('Title (promoters see it)').fill('Spring Longjing 2026');
    await page.getByRole('button', { name: 'Save material' }).click();
    await page.getByText('Saved “Spring Longjing 2026”.').waitFor();
    const edited = page.locator('li.material', { hasText: 'Spring Longjing 2026' });
    await edited.getByRole('button', { name: 'Archive “Spring Longjing 2026”' }).click();
    await edited.getByText('Archived', { exact: true }).waitFor();
    const { id } = await program();
    const { body } = await shop.asShop('GET', `/v1/referral-programs/${id}/materials`);
    expect(body.data).toMatchObject([
      {
        title: 'Spring Longjing 2026',
        text: 'First flush is here: {link} — tell me how you like it',
        imageUrls: ['https://img.example/a.jpg', 'https://img.example/b.jpg'],
        price: 6800,
        archived: true,
      },
    ]);
    await edited.getByRole('button', { name: 'Unarchive “Spring Longjing 2026”' }).click();
    await expect.poll(() => edited.locator('.tag').count()).toBe(0);
  });

  it('shows a promoter’s tier after an order, and the leaderboard masked as the public sees it', async () => {
    const { id } = await program();
    const { body } = await shop.asShopper('POST', `/v1/referral-programs/${id}/promoters`, { shopperId: 'mei' });
    const promoter = body.promoter;
    const click = await shop.asShopper('POST', '/v1/referral-clicks', {
      body: { code: promoter.code, landingUrl: `${SHOP}/longjing?flock_ref=${promoter.code}` },
    });
    // ¥600 at the program's 10 % (below the first tier): ¥60 of commission in 30 days reaches Silver (¥50).
    const ordered = await shop.asShop('POST', '/v1/orders', {
      orderRef: 'TF-2001',
      amount: 60000,
      currency: 'CNY',
      shopperId: 'friend-1',
      attributionId: click.body.attributionId,
    });
    expect(ordered.status).toBe(201);

    await nav('Promoters');
    const row = page.getByRole('row', { name: /mei/ });
    await row.waitFor();
    const headings = await page.locator('thead th').allTextContents();
    const cell = async (column: string) => (await row.locator('td').nth(headings.indexOf(column)).textContent())?.trim();
    expect([await cell('Tier'), await cell('30-day commission')]).toEqual(['Silver', 'CN¥60.00']);

    // Commissions: the order's commission at the rate it was earned at, and the first-order reward.
    await nav('Commissions');
    await page.getByRole('button', { name: 'All' }).first().click();
    await page.getByRole('row', { name: /First-order reward/ }).waitFor();
    expect(await page.getByRole('row', { name: /TF-2001.*CN¥60\.00/ }).textContent()).toContain('10 %');

    // Scoped to the orders list: the commissions page, which names the order too, may still be on its way out.
    await nav('Orders');
    await page
      .locator('flock-console-orders')
      .getByRole('row', { name: /TF-2001/ })
      .waitFor();

    await nav('Leaderboard');
    await page.getByRole('heading', { name: 'Top promoters' }).waitFor();
    const line = page.locator('flock-console-leaderboard tbody tr').first();
    await expect.poll(() => line.textContent()).toMatch(/1\s*M\*\*\*\s*CN¥60\.00/);
    expect(await page.locator('flock-console-leaderboard').textContent()).not.toContain('mei');
    await page.getByRole('button', { name: 'This month' }).click();
    await expect.poll(() => page.locator('flock-console-leaderboard [data-masked]').first().textContent()).toBe('M***');
    await page.getByText('No payouts in the last 30 days.').waitFor();
    expect(errors).toEqual([]);
  });
});
