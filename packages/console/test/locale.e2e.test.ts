import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleShop, ownerPage, startConsoleShop } from './console-shop.js';

// A Taiwanese merchant runs the console in Traditional Chinese (zh-TW): the language menu lists each
// language by its own name, the pages speak Taiwan's words, money reads NT$ and dates follow the
// locale, the choice survives a reload, and a browser set to Taiwan or Hong Kong opens in zh-TW.

describe('the console in Traditional Chinese', () => {
  let shop: ConsoleShop;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    shop = await startConsoleShop();
    await shop.asShop('POST', '/v1/group-buy-offers', {
      productRef: 'oolong',
      title: 'Alishan oolong',
      regularPrice: 29900,
      groupPrice: 19900,
      currency: 'TWD',
      teamSize: 3,
      teamTtlSeconds: 86400,
    });
    ({ context, page, errors } = await ownerPage(shop));
  });
  afterAll(async () => {
    await context?.close();
    await shop?.close();
  });

  const language = () => page.locator('header select');
  const heading = (name: string) => page.getByRole('heading', { name, exact: true });

  it('switches to 繁體中文 from the language menu, which names each language in its own words', async () => {
    await page.goto(`${shop.api}/console/#/offers`);
    await heading('Group-buy offers').waitFor();
    expect(await page.getByRole('combobox', { name: 'Console language' }).locator('option').allTextContents()).toEqual([
      'English',
      '简体中文',
      '繁體中文',
    ]);
    await page.getByRole('combobox', { name: 'Console language' }).selectOption({ label: '繁體中文' });

    await heading('團購活動').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    expect(await page.getByRole('combobox', { name: '後台語言' }).inputValue()).toBe('zh-TW');
    const nav = page.locator('nav');
    for (const label of ['數據總覽', '團列表', '助力活動', '推廣計畫', '兌換券商品', '嵌入程式碼', '設定']) {
      await nav.getByRole('link', { name: label, exact: true }).waitFor();
    }
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(
      expect.arrayContaining(['團購價 / 原價', '成團人數', '狀態']),
    );
    // Money in Taiwan's own way: NT$, whole dollars.
    await expect.poll(() => page.getByRole('row', { name: /Alishan oolong/ }).textContent()).toContain('NT$199');
    expect(await page.getByRole('row', { name: /Alishan oolong/ }).textContent()).toContain('NT$299');
  });

  it('shows the other pages in zh-TW: dates in the Taiwanese format, new prices in NT$', async () => {
    const offer = (await shop.asShop('GET', '/v1/group-buy-offers')).body.data[0];
    await shop.asShopper('POST', `/v1/group-buy-offers/${offer.id}/teams`, { shopperId: 'mei' });

    await page.locator('nav').getByRole('link', { name: '團列表' }).click();
    await heading('團列表').waitFor();
    const team = page.getByRole('row', { name: /Alishan oolong/ });
    // Dates through Intl in zh-TW: "2026年12月6日 下午4:11".
    await expect.poll(() => team.textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.getByRole('button', { name: '匯出 CSV' }).count()).toBe(1);

    // A merchant working in zh-TW most likely prices in NT$: a new offer starts on TWD.
    await page.goto(`${shop.api}/console/#/offers/new`);
    await heading('新增團購活動').waitFor();
    expect(await page.getByLabel('幣別').inputValue()).toBe('TWD');

    // …and the snippet's widgets speak zh-TW to its shoppers.
    await page.locator('nav').getByRole('link', { name: '嵌入程式碼' }).click();
    await heading('把元件加到你的網站').waitFor();
    expect(await page.locator('main').getByLabel('語言').inputValue()).toBe('zh-TW');

    await page.locator('nav').getByRole('link', { name: '兌換券商品' }).click();
    await heading('兌換券商品').waitFor();
    await page.getByText('還沒有兌換券商品', { exact: false }).waitFor();

    await page.locator('nav').getByRole('link', { name: '設定' }).click();
    await heading('設定').waitFor();
    await page.getByRole('heading', { name: '邀請同事' }).waitFor();
  });

  it('remembers the choice after a reload, and switches back to English', async () => {
    await page.reload();
    await heading('設定').waitFor();
    expect(await language().inputValue()).toBe('zh-TW');
    await page.locator('nav').getByRole('link', { name: '團購活動', exact: true }).waitFor();

    await language().selectOption('en');
    await heading('Settings').waitFor();
    await page.locator('nav').getByRole('link', { name: 'Group buys', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(errors).toEqual([]);
  });

  it('opens in zh-TW for a browser set to Taiwan or Hong Kong, and in zh-CN for the mainland', async () => {
    for (const [browserLocale, expected, title] of [
      ['zh-TW', 'zh-TW', '登入商店後台'],
      ['zh-HK', 'zh-TW', '登入商店後台'],
      ['zh-CN', 'zh-CN', '登录店铺后台'],
    ] as const) {
      const visitor = await shop.browser.newContext({ locale: browserLocale });
      const signIn = await visitor.newPage();
      await signIn.goto(`${shop.api}/console/`);
      await signIn.getByRole('heading', { name: title }).waitFor();
      expect(await signIn.evaluate(() => document.documentElement.lang), browserLocale).toBe(expected);
      await visitor.close();
    }
  });
});
