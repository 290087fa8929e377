import { createFlockServer, createMerchant, type FlockServer, ManualClock, openPglite } from '@flock/server';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/chromium.js';

// A merchant whose shop has been busy for a few days signs in from their invite link and lands on
// the overview: a chart per series, and under each the numbers the stats routes answer, in the
// merchant's time zone (Shanghai here, the browser's own).

const DAY_MS = 86_400_000;
const ZONE = 'Asia/Shanghai';

describe('the overview page, from the invite link to the numbers behind each chart', () => {
  let flock: FlockServer;
  let api: string;
  let browser: Browser;
  let context: BrowserContext;
  let created: Awaited<ReturnType<typeof createMerchant>>;
  const clock = new ManualClock(Date.now() - 3 * DAY_MS);

  const asShop = async (method: string, path: string, body?: unknown, key = created.secretKey, headers = {}) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return (await response.json()) as any;
  };
  const asShopper = async (shopperId: string, method: string, path: string) => {
    const { token } = await asShop('POST', '/v1/shopper-tokens', { shopperId, displayName: shopperId });
    const body = method === 'GET' ? undefined : {};
    return asShop(method, path, body, created.publishableKey, { origin: 'https://tea.example', 'flock-shopper': token });
  };

  beforeAll(async () => {
    const db = await openPglite();
    flock = await createFlockServer({ db, clock, jobIntervalMs: 0, log: () => {} });
    api = (await flock.listen(0)).url.replace('127.0.0.1', 'localhost');
    created = await createMerchant(
      db,
      clock,
      flock.secrets,
      { name: 'West Lake Tea', origins: ['https://tea.example'], ownerEmail: 'ming@westlake.example' },
      flock.webhookAddresses,
      api,
    );
    // Three days ago a team filled; two days ago another opened; yesterday orders came in and
    // an assist started; today a voucher was redeemed at the West Lake store.
    const offer = await asShop('POST', '/v1/group-buy-offers', {
      productRef: 'longjing',
      title: 'Longjing',
      regularPrice: 9900,
      groupPrice: 6990,
      currency: 'CNY',
      teamSize: 2,
      teamTtlSeconds: 7 * 86400,
    });
    const pay = (reservationId: string) =>
      asShop('POST', `/v1/reservations/${reservationId}/confirm`, { orderRef: `o-${reservationId}` });
    const full = await asShopper('wei', 'POST', `/v1/group-buy-offers/${offer.id}/teams`);
    await pay(full.reservation.id);
    await pay((await asShopper('lina', 'POST', `/v1/teams/${full.team.id}/reservations`)).reservation.id);
    clock.advance(DAY_MS);
    await pay((await asShopper('zhang', 'POST', `/v1/group-buy-offers/${offer.id}/teams`)).reservation.id);
    clock.advance(DAY_MS);
    await asShop('POST', '/v1/orders', { orderRef: 'WL-1', amount: 9900, currency: 'CNY' });
    await asShop('POST', '/v1/orders', { orderRef: 'WL-2', amount: 5800, currency: 'CNY' });
    const campaign = await asShop('POST', '/v1/assist-campaigns', {
      productRef: 'teapot',
      title: 'Teapot',
      mode: 'progress',
      goal: 3,
      ttlSeconds: 86400,
      reward: { description: 'A teapot' },
    });
    await asShopper('jing', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`);
    clock.set(new Date());
    const product = await asShop('POST', '/v1/voucher-products', { title: 'Tasting', uses: 1 });
    const voucher = await asShop('POST', '/v1/vouchers', { productId: product.id, shopperId: 'min', orderRef: 'v-1' });
    const { staffKey } = await asShop('POST', '/v1/staff-keys', { store: 'West Lake' });
    const { code } = await asShopper('min', 'GET', `/v1/vouchers/${voucher.id}/code`);
    await asShop('POST', '/v1/redemptions', { code }, staffKey);

    browser = await launchChromium();
    context = await browser.newContext({ acceptDownloads: true, locale: 'en-US', timezoneId: ZONE });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await flock?.close();
  });

  /** What the stats routes answer for the last `days` days in Shanghai: the page must show exactly this. */
  const stats = (series: string, days: number) => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    );
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
    return asShop('GET', `/v1/stats/${series}?from=${from}&to=${today}&timeZone=${ZONE}`);
  };

  it('lands a merchant on the overview, draws each chart and puts the API’s numbers in its table', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(created.ownerInvite?.url as string);
    await page.getByLabel('Your name').fill('Ming');
    await page.getByLabel(/^Password/).fill('west-lake-longjing');
    await page.getByRole('button', { name: 'Create login' }).click();

    // The first page after signing in, and the first link of the navigation.
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.locator('nav a').first().getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByLabel('Days in').inputValue()).toBe(ZONE);

    // A canvas per chart, once uPlot has loaded.
    for (const chart of ['teams', 'assists', 'orders-CNY', 'redemptions']) {
      await page.locator(`[data-chart="${chart}"] flock-console-chart canvas`).first().waitFor();
    }
    await expect.poll(() => page.locator('[data-chart] flock-console-chart').count()).toBe(4);

    /** The figures of a chart's table, column by column, as numbers (days are its row headings). */
    const tableOf = async (chart: string) => {
      const card = page.locator(`[data-chart="${chart}"]`);
      if ((await card.locator('details').getAttribute('open')) === null) await card.getByText('Table / CSV').click();
      const rows = card.locator('.numbers tbody tr');
      await rows.first().waitFor();
      return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    };
    const columns = (rows: string[][]) => rows[0]?.map((_, column) => rows.map((row) => row[column])) ?? [];

    const teams = await stats('teams', 30);
    expect(teams.opened.reduce((a: number, b: number) => a + b, 0)).toBe(2);
    expect(teams.succeeded.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    const teamRows = await tableOf('teams');
    expect(teamRows).toHaveLength(30);
    expect(columns(teamRows)).toEqual([teams.opened, teams.succeeded, teams.failed].map((values) => values.map(String)));
    expect(await page.locator('[data-chart="teams"] .summary').textContent()).toBe('2 opened · 1 succeeded · 0 failed');

    const assists = await stats('assists', 30);
    expect(columns(await tableOf('assists'))).toEqual([assists.started, assists.completed].map((values) => values.map(String)));

    const orders = await stats('orders', 30);
    const cny = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CNY' });
    const [sales] = orders.currencies;
    expect(sales.orders.reduce((a: number, b: number) => a + b, 0)).toBe(2);
    expect(columns(await tableOf('orders-CNY'))).toEqual([
      sales.orders.map(String),
      sales.amount.map((minor: number) => cny.format(minor / 100)),
      sales.commission.map((minor: number) => cny.format(minor / 100)),
    ]);

    const redemptions = await stats('redemptions', 30);
    expect(redemptions.stores.map((store: { store: string }) => store.store)).toEqual(['West Lake']);
    expect(columns(await tableOf('redemptions'))).toEqual([redemptions.stores[0].redemptions.map(String)]);

    // The numbers also download as CSV, one line per day with stable headers.
    const download = page.waitForEvent('download');
    await page.locator('[data-chart="teams"]').getByRole('button', { name: 'Download CSV' }).click();
    const csv = await (await (await download).createReadStream()).toArray();
    const lines = Buffer.concat(csv)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('"day","opened","succeeded","failed"');
    expect(lines).toHaveLength(31);
    expect(lines[1]).toBe(`"${teams.days[0]}","${teams.opened[0]}","${teams.succeeded[0]}","${teams.failed[0]}"`);

    // A week: seven days in every table, still the API's figures.
    await page.getByRole('button', { name: '7 days' }).click();
    await expect.poll(() => page.locator('[data-chart="teams"] .numbers tbody tr').count()).toBe(7);
    const week = await stats('teams', 7);
    expect(columns(await tableOf('teams'))).toEqual(
      [week.opened, week.succeeded, week.failed].map((values) => values.map(String)),
    );

    expect(errors).toEqual([]);
  });
});
