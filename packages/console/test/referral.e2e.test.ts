import { ManualClock } from '@flock/server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvite, type ConsoleShop, SHOP, signIn, startConsoleShop } from './console-shop.js';

// The referral (分销) side of the console, in real Chromium against a real server whose clock the
// test moves: an owner creates a program through its form, a shopper promotes it and an order comes
// in through the API, the commission's hold passes, the owner pays the promoter out and reports a
// refund, and the ledger follows every step. An operator sees the promoters but may not pay them.

const HOUR_MS = 3600_000;

describe('the referral pages: a program from its form to a payout and a refund in the ledger', () => {
  let shop: ConsoleShop;
  let owner: BrowserContext;
  let operator: BrowserContext;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    shop = await startConsoleShop({ clock });
    owner = await shop.browser.newContext({ locale: 'en-US' });
    operator = await shop.browser.newContext({ locale: 'en-US' });
  });
  afterAll(async () => {
    await owner?.close();
    await operator?.close();
    await shop?.close();
  });
  /** A shopper's browser on the shop's page, posting `body` (signed in as `shopperId` when given). */
  const asShopper = async (path: string, body: unknown, shopperId?: string) =>
    (await shop.asShopper('POST', path, { body, shopperId })).body;

  const nav = (page: Page, name: string) => page.locator('nav').getByRole('link', { name, exact: true }).click();
  /** The figure of a ledger line, by its column's heading (a row is a promoter's line). */
  const lineFigure = async (page: Page, promoter: string, column: string) => {
    const headings = await page.locator('flock-console-ledger thead th').allTextContents();
    const row = page.locator('flock-console-ledger tbody tr', { hasText: promoter });
    return (await row.locator('td').nth(headings.indexOf(column)).textContent())?.trim();
  };
  const total = (page: Page, key: string) => page.locator(`[data-total="${key}"] dd`).textContent();

  it('pays a promoter what the ledger says is available, and takes back a refunded order’s share', async () => {
    const page = await owner.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await acceptInvite(page, shop.created.ownerInvite?.url as string, 'Ming', 'west-lake-longjing');

    // 1. A program through its form: a product page that is not a web address is refused by its field first.
    await nav(page, 'Programs');
    await page.getByText('No referral programs yet').waitFor();
    await page.getByRole('link', { name: 'New program' }).click();
    await page.getByLabel('Program name').fill('Tea friends');
    await page.getByLabel('Commission rate (%)').fill('10');
    await page.getByLabel('Hold (days)').fill('3');
    await page.getByLabel('Product title').fill('Longjing green tea 250 g');
    await page.getByLabel('Product page URL').fill('tea.example/longjing');
    await page.getByRole('button', { name: 'Create program' }).click();
    await expect.poll(() => page.locator('#productUrl-error').textContent()).toBe('A full web address, starting with https://');
    await page.getByLabel('Product page URL').fill(`${SHOP}/longjing`);
    await page.getByRole('button', { name: 'Create program' }).click();
    const programRow = page.getByRole('row', { name: /Tea friends/ });
    await programRow.waitFor();
    expect(await programRow.textContent()).toMatch(/10 % of the order[\s\S]*3 d[\s\S]*30 d/);
    // Edited: a one-day hold (for commissions earned from now on) and a two-week link window; paused and resumed.
    await programRow.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Hold (days)').fill('1');
    await page.getByLabel('Link window (days)').fill('14');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => programRow.textContent()).toMatch(/10 % of the order[\s\S]*1 d[\s\S]*14 d/);
    await programRow.getByRole('button', { name: 'Pause' }).click();
    await programRow.getByText('Paused').waitFor();
    await programRow.getByRole('button', { name: 'Resume' }).click();
    await programRow.getByText('Active').waitFor();
    const [program] = (await shop.asShop('GET', '/v1/referral-programs')).body.data;
    expect(program).toMatchObject({
      name: 'Tea friends',
      commission: { type: 'percent', bps: 1000 },
      holdDays: 1,
      attributionWindowDays: 14,
      status: 'active',
    });

    // 2. A shopper promotes it; a friend lands through the link and orders ¥200: 10 % is held for a day.
    const { promoter } = await asShopper(`/v1/referral-programs/${program.id}/promoters`, {}, 'mei');
    const { attributionId } = await asShopper('/v1/referral-clicks', {
      code: promoter.code,
      landingUrl: `${SHOP}/longjing?flock_ref=${promoter.code}`,
    });
    const ordered = await shop.asShop('POST', '/v1/orders', {
      orderRef: 'TF-1001',
      amount: 20000,
      currency: 'CNY',
      shopperId: 'friend-1',
      attributionId,
    });
    expect(ordered.status).toBe(201);
    await nav(page, 'Promoters');
    const meiRow = page.getByRole('row', { name: /mei/ });
    await meiRow.waitFor();
    const headings = await page.locator('thead th').allTextContents();
    const cell = async (column: string) => (await meiRow.locator('td').nth(headings.indexOf(column)).textContent())?.trim();
    expect([await cell('Code'), await cell('Clicks'), await cell('Orders')]).toEqual([promoter.code, '1', '1']);
    expect([await cell('Holding'), await cell('Available')]).toEqual(['CN¥20.00', 'CN¥0.00']);

    // 3. The hold passes (a day and an hour later; the console's 12-hour session has lapsed meanwhile).
    clock.advance(25 * HOUR_MS);
    await shop.flock.runJobs();
    await page.reload();
    await signIn(page, 'ming@westlake.example', 'west-lake-longjing');

    // 4. The ledger: available now, all of it owed. A payout above it is refused with what is available.
    await nav(page, 'Ledger');
    await expect.poll(() => lineFigure(page, 'mei', 'Available')).toBe('CN¥20.00');
    expect(await total(page, 'owed')).toBe('CN¥20.00');
    await page
      .locator('flock-console-ledger tbody tr', { hasText: 'mei' })
      .getByRole('button', { name: 'Record payout' })
      .click();
    const payoutForm = page.locator('flock-console-payout-form');
    await payoutForm.getByLabel('Amount paid').fill('25');
    await payoutForm.getByLabel('Transfer reference or note').fill('WX-4200001');
    await payoutForm.getByRole('button', { name: 'Record payout' }).click();
    await expect
      .poll(() => payoutForm.locator('#amount-error').textContent())
      .toBe('More than is available: at most CN¥20.00 can be paid out now.');
    await payoutForm.getByLabel('Amount paid').fill('15');
    await payoutForm.getByRole('button', { name: 'Record payout' }).click();
    await page.getByText('Recorded a payout of CN¥15.00 to mei.').waitFor();
    await expect.poll(() => lineFigure(page, 'mei', 'Available')).toBe('CN¥5.00');
    expect([await lineFigure(page, 'mei', 'Paid out'), await lineFigure(page, 'mei', 'Still owed')]).toEqual([
      'CN¥15.00',
      'CN¥5.00',
    ]);
    expect([await total(page, 'paid'), await total(page, 'owed')]).toEqual(['CN¥15.00', 'CN¥5.00']);
    const payouts = (await shop.asShop('GET', `/v1/payouts?promoter=${promoter.id}`)).body.data;
    expect(payouts).toMatchObject([{ amount: 1500, reference: 'WX-4200001', promoterName: 'mei' }]);

    // 5. Half the order is refunded: half its commission is reversed, from money already paid out.
    await nav(page, 'Orders');
    const orderRow = page.getByRole('row', { name: /TF-1001/ });
    await orderRow.getByRole('button', { name: 'Refund' }).click();
    const refundForm = page.locator('flock-console-refund-form');
    await refundForm.getByText(/commissions are reversed in the same proportion/).waitFor();
    await refundForm.getByLabel('Amount refunded').fill('100');
    await refundForm.getByRole('button', { name: 'Report refund' }).click();
    await page.getByText('Reported a refund of CN¥100.00 on TF-1001.').waitFor();
    await expect.poll(() => orderRow.textContent()).toContain('Partly refunded');
    expect(await orderRow.textContent()).toContain('CN¥10.00 reversed');
    const [commission] = (await shop.asShop('GET', `/v1/commissions?program=${program.id}`)).body.data;
    expect(commission).toMatchObject({ amount: 2000, reversedAmount: 1000, status: 'available' });
    await nav(page, 'Ledger');
    await expect.poll(() => lineFigure(page, 'mei', 'Reversed by refunds')).toBe('CN¥10.00');
    expect([await lineFigure(page, 'mei', 'Available'), await lineFigure(page, 'mei', 'Still owed')]).toEqual([
      '-CN¥5.00',
      '-CN¥5.00',
    ]);
    expect(await total(page, 'earned')).toBe('CN¥20.00');

    // 6. An operator sees the promoters but no payout action, and the API refuses them one.
    await nav(page, 'Settings');
    await page.getByPlaceholder('Their email').fill('hua@westlake.example');
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const invite = (await page.locator('pre[data-invite]').textContent()) as string;
    const colleague = await operator.newPage();
    colleague.on('pageerror', (error) => errors.push(error.message));
    await acceptInvite(colleague, invite, 'Hua', 'hua-runs-campaigns');
    await nav(colleague, 'Promoters');
    await colleague.getByRole('row', { name: /mei/ }).waitFor();
    expect(await colleague.getByRole('button', { name: 'Record payout' }).count()).toBe(0);
    await nav(colleague, 'Ledger');
    await expect.poll(() => lineFigure(colleague, 'mei', 'Paid out')).toBe('CN¥15.00');
    expect(await colleague.getByRole('button', { name: 'Record payout' }).count()).toBe(0);
    const refused = await colleague.evaluate(async (promoterId) => {
      const session = await (await fetch('/v1/console/session')).json();
      const response = await fetch(`/v1/promoters/${promoterId}/payouts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'flock-csrf': session.csrfToken },
        body: JSON.stringify({ amount: 100, reference: 'by an operator' }),
      });
      return { status: response.status, code: (await response.json()).error.code };
    }, promoter.id);
    expect(refused).toEqual({ status: 403, code: 'forbidden' });
    expect((await shop.asShop('GET', `/v1/payouts?promoter=${promoter.id}`)).body.data).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
