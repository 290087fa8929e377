/**
 * Photographs every page of the merchant console (`pnpm screenshots`): a real server on embedded
 * PGlite with a shop's worth of offers and teams, signed in through an invite link, in zh-CN and
 * en, light and dark, on a phone and a desktop. Writes docs/images/console-<page>-<locale>-<scheme>-<device>.png.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createFlockServer, createMerchant, openPglite, systemClock } from '../packages/server/src/index.js';
import { launchChromium } from './chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs', 'images');
const SHOP = 'https://tea.example';
type Locale = 'zh-CN' | 'en';
type Scheme = 'light' | 'dark';
type Device = 'phone' | 'desktop';

const db = await openPglite();
// Shoppers' phones name their address in X-Forwarded-For, as behind the shop's proxy.
const flock = await createFlockServer({
  db,
  jobIntervalMs: 0,
  log: () => {},
  assist: { trustForwardedFor: true },
  // The shop's webhook receiver is down on this machine: its deliveries show as retrying.
  allowPrivateWebhooks: true,
  webhooks: { timeoutMs: 500 },
});
const api = (await flock.listen(0)).url.replace('127.0.0.1', 'localhost');

/** A shop with a console owner per locale (an email has one login), three offers and teams at every stage. */
async function stageShop(locale: Locale) {
  const created = await createMerchant(
    db,
    systemClock,
    flock.secrets,
    {
      name: locale === 'en' ? 'West Lake Tea' : '西湖茶庄',
      origins: [SHOP],
      ownerEmail: `owner-${locale}@tea.example`,
      webhookUrl: 'http://127.0.0.1:9/hooks/flock',
    },
    flock.webhookAddresses,
    api,
  );
  const call = async (key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await flock.app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as any;
  };
  const asShop = (method: string, path: string, body?: unknown) => call(created.secretKey, method, path, body);
  const asShopper = async (name: string, method: string, path: string) => {
    const { token } = await asShop('POST', '/v1/shopper-tokens', { shopperId: name, displayName: name });
    return call(created.publishableKey, method, path, {}, { origin: SHOP, 'flock-shopper': token });
  };
  const zh = locale !== 'en';
  const offers = [
    {
      title: zh ? '西湖龙井 250 克' : 'Longjing green tea 250 g',
      productRef: 'longjing-250',
      regularPrice: 9900,
      groupPrice: 6990,
      teamSize: 3,
    },
    {
      title: zh ? '桂花乌龙 100 克' : 'Osmanthus oolong 100 g',
      productRef: 'oolong-100',
      regularPrice: 5800,
      groupPrice: 3900,
      teamSize: 2,
    },
    { title: zh ? '紫砂壶' : 'Yixing clay teapot', productRef: 'teapot', regularPrice: 32000, groupPrice: 26800, teamSize: 5 },
  ];
  const ids: string[] = [];
  for (const offer of offers)
    ids.push((await asShop('POST', '/v1/group-buy-offers', { ...offer, currency: 'CNY', teamTtlSeconds: 86400 })).id);
  const people = zh ? ['小王', '李娜', '张伟', '陈静', '刘洋', '赵敏'] : ['Wei', 'Lina', 'Zhang', 'Jing', 'Yang', 'Min'];
  const pay = (reservationId: string) =>
    asShop('POST', `/v1/reservations/${reservationId}/confirm`, { orderRef: `o-${reservationId}` });
  // One team filled, one open with a seat taken, one whose leader is still paying.
  const full = await asShopper(people[0] as string, 'POST', `/v1/group-buy-offers/${ids[1]}/teams`);
  await pay(full.reservation.id);
  await pay((await asShopper(people[1] as string, 'POST', `/v1/teams/${full.team.id}/reservations`)).reservation.id);
  const open = await asShopper(people[2] as string, 'POST', `/v1/group-buy-offers/${ids[0]}/teams`);
  await pay(open.reservation.id);
  await pay((await asShopper(people[3] as string, 'POST', `/v1/teams/${open.team.id}/reservations`)).reservation.id);
  await asShopper(people[4] as string, 'POST', `/v1/group-buy-offers/${ids[0]}/teams`);
  // A promoter, an ordinary commission, and one held for review: the buyer ordered from the promoter's phone.
  const program = await asShop('POST', '/v1/referral-programs', {
    name: zh ? '茶友推广' : 'Tea promoters',
    commission: { type: 'percent', bps: 1000 },
    holdDays: 7,
    attributionWindowDays: 30,
    product: { title: offers[0]?.title, price: 9900, currency: 'CNY', url: `${SHOP}/longjing` },
  });
  const promoterPhone = '203.0.113.9';
  const { token } = await asShop('POST', '/v1/shopper-tokens', { shopperId: people[5], displayName: people[5] });
  const joined = await call(
    created.publishableKey,
    'POST',
    `/v1/referral-programs/${program.id}/promoters`,
    {},
    { origin: SHOP, 'flock-shopper': token, 'x-forwarded-for': promoterPhone },
  );
  const sale = { amount: 9900, currency: 'CNY', promoterCode: joined.promoter.code };
  await asShop('POST', '/v1/orders', { ...sale, orderRef: 'WL-10231', shopperId: 'buyer-1', ip: '198.51.100.20' });
  await asShop('POST', '/v1/orders', { ...sale, orderRef: 'WL-10232', shopperId: 'buyer-2', ip: promoterPhone });
  await flock.runJobs();
  return { invite: created.ownerInvite?.url as string, offer: ids[0] as string };
}

const pages: {
  name: string;
  hash: (offer: string) => string;
  ready: (page: Page) => Promise<unknown>;
  act?: (page: Page) => Promise<unknown>;
}[] = [
  { name: 'offers', hash: () => '#/offers', ready: (page) => page.locator('tbody tr').first().waitFor() },
  {
    name: 'new-offer',
    hash: () => '#/offers/new',
    ready: (page) => page.locator('form input[name="title"]').waitFor(),
    // The form as a merchant meets its errors: submitted with a group price above the regular one.
    act: async (page) => {
      await page.locator('input[name="title"]').fill('Longjing');
      await page.locator('input[name="regularPrice"]').fill('99');
      await page.locator('input[name="groupPrice"]').fill('129');
      await page.locator('button[type="submit"]').click();
      await page.locator('#groupPrice-error:not(:empty)').waitFor();
    },
  },
  { name: 'teams', hash: () => '#/teams', ready: (page) => page.locator('tbody tr').nth(2).waitFor() },
  { name: 'commissions', hash: () => '#/commissions', ready: (page) => page.locator('tbody tr').first().waitFor() },
  { name: 'webhooks', hash: () => '#/webhooks', ready: (page) => page.locator('tbody tr').first().waitFor() },
  { name: 'snippet', hash: (offer) => `#/snippet?offer=${offer}`, ready: (page) => page.locator('pre[data-snippet]').waitFor() },
  { name: 'settings', hash: () => '#/settings', ready: (page) => page.locator('td').first().waitFor() },
];

async function shoot(
  browser: Browser,
  locale: Locale,
  scheme: Scheme,
  device: Device,
  invite: string,
  offer: string,
  first: boolean,
) {
  const context = await browser.newContext({
    locale,
    colorScheme: scheme,
    ...(device === 'phone'
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 }),
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  const file = (name: string) => join(outDir, `console-${name}-${locale}-${scheme}-${device}.png`);
  const signInUrl = `${api}/console/#/sign-in`;
  await page.goto(invite);
  // The invite page itself, then the sign-in page, photographed before the login exists.
  await page.locator('input[name="password"]').waitFor();
  await page.screenshot({ path: file('invite') });
  const password = 'west-lake-longjing';
  if (first) {
    await page.locator('input[name="name"]').fill(locale === 'en' ? 'Ming' : '王明');
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
    await page.locator('nav').waitFor();
    await page.locator('header button:last-child').click();
  }
  await page.goto(signInUrl);
  await page.locator('input[name="email"]').waitFor();
  await page.screenshot({ path: file('sign-in') });
  await page.locator('input[name="email"]').fill(`owner-${locale}@tea.example`);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.locator('nav').waitFor();
  // CONSOLE_SHOTS=teams,offers photographs only those pages (while working on them).
  const only = process.env.CONSOLE_SHOTS?.split(',');
  for (const shot of pages.filter((entry) => !only || only.includes(entry.name))) {
    await page.goto(`${api}/console/${shot.hash(offer)}`);
    await shot.ready(page);
    await shot.act?.(page);
    // A full-page picture from the top: the sticky header where a visitor sees it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: file(shot.name), fullPage: true });
    console.error(`wrote docs/images/console-${shot.name}-${locale}-${scheme}-${device}.png`);
  }
  await context.close();
}

await mkdir(outDir, { recursive: true });
const browser = await launchChromium();
try {
  for (const locale of ['zh-CN', 'en'] as const) {
    const { invite, offer } = await stageShop(locale);
    let first = true;
    for (const scheme of ['light', 'dark'] as const) {
      for (const device of ['phone', 'desktop'] as const) {
        if (process.env.CONSOLE_SHOTS_QUICK && (scheme === 'dark' || locale === 'zh-CN')) continue;
        await shoot(browser, locale, scheme, device, invite, offer, first);
        first = false;
      }
    }
  }
} finally {
  await browser.close();
  await flock.close();
  await db.close();
}
