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
import { stageOverviewHistory } from './screenshots/overview-history.js';

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
  const asShopper = async (name: string, method: string, path: string, body: unknown = {}) => {
    const { token } = await asShop('POST', '/v1/shopper-tokens', { shopperId: name, displayName: name });
    return call(created.publishableKey, method, path, body, { origin: SHOP, 'flock-shopper': token });
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
  // A second referral program (the newest, so the ledger opens on it) through a commission's whole life:
  // clicks, orders released at once (it had no hold), a payout, a partial and a full refund, then a
  // 7-day hold for the orders after it, which are still holding.
  const ambassadors = await asShop('POST', '/v1/referral-programs', {
    name: zh ? '茶器推广大使' : 'Teaware ambassadors',
    commission: { type: 'percent', bps: 1500 },
    secondLevelBps: 300,
    holdDays: 0,
    attributionWindowDays: 14,
    product: { title: offers[2]?.title, price: 32000, currency: 'CNY', url: `${SHOP}/teapot` },
  });
  const ambassador = async (shopperId: string, name: string, referredBy?: string) => {
    const { token: joinToken } = await asShop('POST', '/v1/shopper-tokens', { shopperId, displayName: name });
    const { promoter } = await call(
      created.publishableKey,
      'POST',
      `/v1/referral-programs/${ambassadors.id}/promoters`,
      referredBy ? { referredBy } : {},
      { origin: SHOP, 'flock-shopper': joinToken },
    );
    return promoter as { id: string; code: string };
  };
  // The growth kit (issue 16): tiers, a first-order reward and a friend's amount off, from the first order on.
  await asShop('PATCH', `/v1/referral-programs/${ambassadors.id}`, {
    tiers: [
      { name: zh ? '银牌' : 'Silver', minCommission30d: 5000, bps: 1800 },
      { name: zh ? '金牌' : 'Gold', minCommission30d: 50000, bps: 2000 },
    ],
    firstOrderReward: { amount: 800 },
    friendReward: { amountOff: 1000, minSpend: 9900, validDays: 14 },
  });
  for (const material of [
    {
      title: zh ? '紫砂壶 · 春茶季' : 'Yixing teapot, spring tea season',
      text: zh
        ? '今年的新茶配这把壶刚刚好，用我的链接下单立减 10 元：{link}'
        : 'This year’s first flush deserves this pot. ¥10 off through my link: {link}',
      imageUrls: ['https://images.unsplash.com/photo-1563822249548-9a72b6353cd1?w=400'],
      price: 32000,
    },
    {
      title: zh ? '新手泡茶指南' : 'Brewing guide for beginners',
      text: zh ? '三分钟学会用紫砂壶泡茶' : 'Brew with a clay teapot in three minutes',
    },
  ])
    await asShop('POST', `/v1/referral-programs/${ambassadors.id}/materials`, material);
  const lin = await ambassador('amb-lin', zh ? '林小雨' : 'Lin Xiaoyu');
  const zhou = await ambassador('amb-zhou', zh ? '周杰' : 'Zhou Jie', lin.code);
  const wu = await ambassador('amb-wu', zh ? '吴芳' : 'Wu Fang');
  const visits = [lin, lin, lin, lin, lin, zhou, zhou, zhou, wu];
  for (const [i, promoter] of visits.entries())
    await call(
      created.publishableKey,
      'POST',
      '/v1/referral-clicks',
      { code: promoter.code, landingUrl: `${SHOP}/teapot?flock_ref=${promoter.code}` },
      { origin: SHOP, 'x-forwarded-for': `198.51.100.${40 + i}` },
    );
  const teapotSale = (orderRef: string, promoter: { code: string }, amount: number, buyer: number) =>
    asShop('POST', '/v1/orders', {
      orderRef,
      amount,
      currency: 'CNY',
      promoterCode: promoter.code,
      shopperId: `tea-buyer-${buyer}`,
      ip: `198.51.100.${60 + buyer}`,
    });
  await teapotSale('TW-2001', lin, 32000, 1);
  await teapotSale('TW-2002', lin, 26800, 2);
  await teapotSale('TW-2003', zhou, 32000, 3);
  await teapotSale('TW-2004', wu, 12800, 4);
  await flock.runJobs();
  await asShop('POST', `/v1/promoters/${lin.id}/payouts`, { amount: 6000, reference: 'WX-4200001987' });
  await asShop('POST', '/v1/orders/TW-2002/refunds', { amount: 13400 });
  await asShop('POST', '/v1/orders/TW-2004/refunds', { amount: 12800 });
  await asShop('PATCH', `/v1/referral-programs/${ambassadors.id}`, { holdDays: 7 });
  // Wu opted out of the leaderboard: the promoters list marks it, and the leaderboard leaves Wu out.
  const { token: wuToken } = await asShop('POST', '/v1/shopper-tokens', {
    shopperId: 'amb-wu',
    displayName: zh ? '吴芳' : 'Wu Fang',
  });
  await call(
    created.publishableKey,
    'PATCH',
    '/v1/promoters/me',
    { program: ambassadors.id, showOnLeaderboard: false },
    { origin: SHOP, 'flock-shopper': wuToken },
  );
  await teapotSale('TW-2005', zhou, 26800, 5);
  await teapotSale('TW-2006', lin, 9900, 6);
  // Assists: a price cut friends are cutting, a friends'-help campaign with one assist complete, a paused one.
  const priceCut = await asShop('POST', '/v1/assist-campaigns', {
    productRef: 'teapot',
    title: zh ? '紫砂壶 砍到 ¥99' : 'Yixing teapot, cut to ¥99',
    mode: 'price_cut',
    goal: 6,
    startPrice: 32000,
    floorPrice: 9900,
    currency: 'CNY',
    ttlSeconds: 48 * 3600,
    reward: { description: zh ? '¥99 买紫砂壶' : 'The teapot for ¥99' },
  });
  const friendsHelp = await asShop('POST', '/v1/assist-campaigns', {
    productRef: 'oolong-sample',
    title: zh ? '邀 3 位好友，免费领乌龙试饮装' : 'Free oolong sampler with 3 friends',
    mode: 'progress',
    goal: 3,
    ttlSeconds: 24 * 3600,
    helpsPerHelperPerDay: 3,
    reward: { description: zh ? '乌龙试饮装一份' : 'An oolong sampler' },
  });
  const paused = await asShop('POST', '/v1/assist-campaigns', {
    productRef: 'longjing-250',
    title: zh ? '龙井 助力 5 折' : 'Longjing at half price',
    mode: 'price_cut',
    goal: 10,
    startPrice: 9900,
    floorPrice: 4950,
    currency: 'CNY',
    ttlSeconds: 24 * 3600,
    reward: { description: zh ? '5 折买龙井' : 'Longjing at half price' },
  });
  await asShop('PATCH', `/v1/assist-campaigns/${paused.id}`, { status: 'paused' });
  // Each friend helps from a phone of their own (the per-address limit counts by X-Forwarded-For).
  const help = async (friend: number, assistId: string) => {
    const name = people[friend % people.length] as string;
    const { token: friendToken } = await asShop('POST', '/v1/shopper-tokens', {
      shopperId: `friend-${friend}`,
      displayName: name,
    });
    await call(
      created.publishableKey,
      'POST',
      `/v1/assists/${assistId}/helps`,
      {},
      { origin: SHOP, 'flock-shopper': friendToken, 'x-forwarded-for': `198.51.100.${friend + 1}` },
    );
  };
  const cutting = await asShopper(people[2] as string, 'POST', `/v1/assist-campaigns/${priceCut.id}/assists`);
  for (const friend of [0, 1, 3, 4]) await help(friend, cutting.assist.id);
  const justStarted = await asShopper(people[5] as string, 'POST', `/v1/assist-campaigns/${priceCut.id}/assists`);
  await help(5, justStarted.assist.id);
  const done = await asShopper(people[0] as string, 'POST', `/v1/assist-campaigns/${friendsHelp.id}/assists`);
  for (const friend of [6, 7, 8]) await help(friend, done.assist.id);
  await asShopper(people[1] as string, 'POST', `/v1/assist-campaigns/${friendsHelp.id}/assists`);
  await stageVouchers(created.secretKey, zh);
  await flock.runJobs();
  await stageGroupTypes(asShop, asShopper, pay, people, zh);
  return { invite: created.ownerInvite?.url as string, offer: ids[0] as string };
}

/**
 * The other four kinds of group buy (issue 15), for the offers list, the teams list and the draw:
 * a flash sale with some stock taken, a ladder, a lottery whose team filled and drew, and a
 * cross-product set with a member's pick; new customers only on the flash sale.
 */
async function stageGroupTypes(
  asShop: (method: string, path: string, body?: unknown) => Promise<any>,
  asShopper: (name: string, method: string, path: string, body?: unknown) => Promise<any>,
  pay: (reservationId: string) => Promise<unknown>,
  people: string[],
  zh: boolean,
) {
  const base = { currency: 'CNY', teamTtlSeconds: 86400 };
  const flash = await asShop('POST', '/v1/group-buy-offers', {
    ...base,
    title: zh ? '明前龙井 秒杀' : 'Pre-Qingming Longjing flash sale',
    productRef: 'longjing-flash',
    regularPrice: 12800,
    groupPrice: 7900,
    teamSize: 2,
    stock: 50,
    joinersMustBeNew: true,
  });
  await pay((await asShopper(people[5] as string, 'POST', `/v1/group-buy-offers/${flash.id}/teams`)).reservation.id);
  await asShop('POST', '/v1/group-buy-offers', {
    ...base,
    title: zh ? '碧螺春 阶梯团' : 'Biluochun ladder',
    productRef: 'biluochun-ladder',
    regularPrice: 8800,
    groupPrice: 6800,
    teamSize: 10,
    tiers: [
      { members: 2, price: 6800 },
      { members: 5, price: 5800 },
      { members: 10, price: 4800 },
    ],
  });
  const voucher = await asShop('POST', '/v1/voucher-products', { title: zh ? '满 100 减 10 券' : '¥10 off ¥100', uses: 1 });
  const lottery = await asShop('POST', '/v1/group-buy-offers', {
    ...base,
    title: zh ? '紫砂壶 1 元抽奖团' : 'Clay teapot ¥1 lottery',
    productRef: 'teapot-lottery',
    regularPrice: 32000,
    groupPrice: 100,
    teamSize: 3,
    lottery: { winners: 1, consolationVoucherProductId: voucher.id },
  });
  const drawn = await asShopper(people[0] as string, 'POST', `/v1/group-buy-offers/${lottery.id}/teams`);
  await pay(drawn.reservation.id);
  for (const name of people.slice(1, 3))
    await pay((await asShopper(name, 'POST', `/v1/teams/${drawn.team.id}/reservations`)).reservation.id);
  const set = await asShop('POST', '/v1/group-buy-offers', {
    ...base,
    title: zh ? '春茶拼单' : 'Spring tea set',
    productRef: 'spring-set',
    regularPrice: 5800,
    groupPrice: 3900,
    teamSize: 3,
    products: [
      { productRef: 'longjing-50', title: zh ? '龙井 50 克' : 'Longjing 50 g', regularPrice: 5800, groupPrice: 3900 },
      { productRef: 'oolong-50', title: zh ? '乌龙 50 克' : 'Oolong 50 g', regularPrice: 6800, groupPrice: 4900 },
    ],
  });
  await pay(
    (await asShopper(people[3] as string, 'POST', `/v1/group-buy-offers/${set.id}/teams`, { productRef: 'oolong-50' }))
      .reservation.id,
  );
}

/** The counter's scanner page of the locale being photographed, and a fresh 12-digit code for it to redeem. */
const counter = { scannerLink: '', freshCode: async (): Promise<string> => '' };

/**
 * Vouchers (核销): products (one paused), staff keys for two stores (and a revoked one), vouchers
 * issued after purchases, redeemed at both counters, one voided after a refund.
 */
async function stageVouchers(secretKey: string, zh: boolean) {
  const request = async (key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    (await (
      await flock.app.request(path, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    ).json()) as any;
  const asShop = (method: string, path: string, body?: unknown) => request(secretKey, method, path, body);
  /** A voucher's code as its shopper's page fetches it (the shop's backend signs them in). */
  const codeOf = async (voucher: { id: string }, shopper: string) => {
    const { token } = await asShop('POST', '/v1/shopper-tokens', { shopperId: shopper, displayName: shopper });
    return request(secretKey, 'GET', `/v1/vouchers/${voucher.id}/code`, undefined, { 'flock-shopper': token });
  };
  /** Midnight n days from now: validity ends with a day. */
  const days = (n: number) => {
    const date = new Date();
    date.setHours(0, 0, 0, 0);
    date.setDate(date.getDate() + n);
    return date.toISOString();
  };
  const product = (body: Record<string, unknown>) => asShop('POST', '/v1/voucher-products', body);
  const westLake = zh ? '西湖店' : 'West Lake store';
  const binjiang = zh ? '滨江店' : 'Binjiang store';
  const mooncake = await product({
    title: zh ? '中秋月饼礼盒提货券' : 'Mooncake gift box',
    value: 26800,
    currency: 'CNY',
    uses: 1,
  });
  const tasting = await product({
    title: zh ? '双人品茶体验' : 'Tea tasting for two',
    value: 16800,
    currency: 'CNY',
    uses: 1,
    validUntil: days(60),
    stores: [westLake],
  });
  const card = await product({
    title: zh ? '午市套餐 10 次卡' : 'Lunch card, 10 visits',
    value: 30000,
    currency: 'CNY',
    uses: 10,
  });
  const latte = await product({
    title: zh ? '桂花拿铁一杯' : 'Osmanthus latte',
    value: 2800,
    currency: 'CNY',
    uses: 1,
    validUntil: days(30),
  });
  const key = async (store: string) => (await asShop('POST', '/v1/staff-keys', { store })) as { staffKey: string; id: string };
  const oldKiosk = await key(zh ? '断桥快闪店' : 'Broken Bridge kiosk');
  await asShop('POST', `/v1/staff-keys/${oldKiosk.id}/revoke`, {});
  const westKey = await key(westLake);
  const binjiangKey = await key(binjiang);
  const people = zh ? ['小王', '李娜', '张伟', '陈静', '刘洋', '赵敏'] : ['Wei', 'Lina', 'Zhang', 'Jing', 'Yang', 'Min'];
  let order = 30410;
  const issue = (productId: string, shopper: string) =>
    asShop('POST', '/v1/vouchers', { productId, shopperId: shopper, orderRef: `WL-${++order}` });
  const redeem = async (voucher: { id: string }, shopper: string, staffKey: string) =>
    request(staffKey, 'POST', '/v1/redemptions', { code: (await codeOf(voucher, shopper)).code });
  const [wei, lina, zhang, jing, yang, min] = people as [string, string, string, string, string, string];
  const lunch = await issue(card.id, wei);
  for (const staffKey of [westKey.staffKey, binjiangKey.staffKey, westKey.staffKey]) await redeem(lunch, wei, staffKey);
  await redeem(await issue(latte.id, lina), lina, binjiangKey.staffKey);
  await redeem(await issue(tasting.id, zhang), zhang, westKey.staffKey);
  await issue(latte.id, jing);
  const refunded = await issue(latte.id, yang);
  await asShop('POST', `/v1/vouchers/${refunded.id}/void`, {});
  await issue(mooncake.id, min);
  // The season is over: no more mooncake vouchers, while the ones sold still redeem.
  await asShop('PATCH', `/v1/voucher-products/${mooncake.id}`, { status: 'paused' });
  const counterCard = await issue(card.id, min);
  await issue(tasting.id, lina);
  counter.scannerLink = `scanner.html#${new URLSearchParams({ key: westKey.staffKey, store: westLake })}`;
  counter.freshCode = async () => (await codeOf(counterCard, min)).shortCode;
}

const pages: {
  name: string;
  hash: (offer: string) => string;
  ready: (page: Page) => Promise<unknown>;
  act?: (page: Page) => Promise<unknown>;
  /** Data only this page's picture shows, staged before it and removed after (the returned function). */
  stage?: (ownerEmail: string) => Promise<() => Promise<void>>;
}[] = [
  {
    name: 'overview',
    hash: () => '#/overview',
    stage: (ownerEmail) => stageOverviewHistory(db, ownerEmail),
    // Signing in landed on this page before the history was staged: load it afresh.
    ready: async (page) => {
      await page.reload();
      await page.locator('[data-chart] flock-console-chart canvas').nth(3).waitFor();
      await page.locator('.charts[aria-busy="false"]').waitFor();
    },
  },
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
  {
    // A ladder's tier editor as a merchant meets its error: a second tier dearer than the first.
    name: 'new-offer-ladder',
    hash: () => '#/offers/new',
    ready: (page) => page.locator('form input[name="title"]').waitFor(),
    act: async (page) => {
      // The same hash as the shot before: a fresh form, not the one that shot left behind.
      await page.reload();
      await page.locator('input[name="kind"][value="ladder"]').check();
      await page.locator('input[name="title"]').fill('Biluochun');
      await page.locator('input[name="productRef"]').fill('biluochun-250');
      await page.locator('input[name="regularPrice"]').fill('88');
      await page.locator('input[name="tiers.0.price"]').fill('68');
      await page.locator('input[name="tiers.1.price"]').fill('72');
      await page.locator('form fieldset.rows > button[type="button"]').click();
      await page.locator('input[name="tiers.2.members"]').fill('10');
      await page.locator('input[name="tiers.2.price"]').fill('48');
      await page.locator('button[type="submit"]').click();
      await page.locator('[id="tiers-error"]:not(:empty)').waitFor();
    },
  },
  {
    // A lottery with its consolation voucher picked, and a flash sale's stock with new customers only.
    name: 'new-offer-lottery',
    hash: () => '#/offers/new',
    ready: (page) => page.locator('form input[name="title"]').waitFor(),
    act: async (page) => {
      // The same hash as the shot before: a fresh form, not the one that shot left behind.
      await page.reload();
      await page.locator('input[name="kind"][value="lottery"]').check();
      await page.locator('input[name="title"]').fill('Clay teapot ¥1 lottery');
      await page.locator('input[name="productRef"]').fill('teapot-lottery');
      await page.locator('input[name="regularPrice"]').fill('320');
      await page.locator('input[name="groupPrice"]').fill('1');
      await page.locator('select[name="lottery.consolationVoucherProductId"] option:nth-child(2)').waitFor({ state: 'attached' });
      await page.locator('select[name="lottery.consolationVoucherProductId"]').selectOption({ index: 1 });
      await page.locator('input[name="lottery.winners"]').fill('3');
      await page.locator('input[name="joinersMustBeNew"]').check();
      await page.locator('button[type="submit"]').click();
      await page.locator('[id="lottery.winners-error"]:not(:empty)').waitFor();
    },
  },
  {
    name: 'new-offer-flash',
    hash: () => '#/offers/new',
    ready: (page) => page.locator('form input[name="title"]').waitFor(),
    act: async (page) => {
      // The same hash as the shot before: a fresh form, not the one that shot left behind.
      await page.reload();
      await page.locator('input[name="kind"][value="flash"]').check();
      await page.locator('input[name="stock"]').fill('50');
      await page.locator('input[name="joinersMustBeNew"]').check();
    },
  },
  {
    // The product-set editor: two products with the same code, refused by their editor.
    name: 'new-offer-cross',
    hash: () => '#/offers/new',
    ready: (page) => page.locator('form input[name="title"]').waitFor(),
    act: async (page) => {
      // The same hash as the shot before: a fresh form, not the one that shot left behind.
      await page.reload();
      await page.locator('input[name="kind"][value="cross"]').check();
      await page.locator('input[name="title"]').fill('Spring tea set');
      await page.locator('input[name="productRef"]').fill('spring-set');
      await page.locator('input[name="regularPrice"]').fill('68');
      for (const [i, values] of [
        ['longjing-50', 'Longjing 50 g', '58', '39'],
        ['longjing-50', 'Oolong 50 g', '68', '49'],
      ].entries())
        for (const [j, field] of ['productRef', 'title', 'regularPrice', 'groupPrice'].entries())
          await page.locator(`input[name="products.${i}.${field}"]`).fill(values[j] as string);
      await page.locator('button[type="submit"]').click();
      await page.locator('[id="products-error"]:not(:empty)').waitFor();
    },
  },
  { name: 'teams', hash: () => '#/teams', ready: (page) => page.locator('tbody tr').nth(2).waitFor() },
  {
    // A lottery team's draw: commitment, seed and winner, as anyone can check them.
    name: 'teams-draw',
    hash: () => '#/teams',
    ready: (page) => page.locator('tbody tr td button').first().waitFor(),
    act: async (page) => {
      await page.locator('tbody tr td button').first().click();
      await page.locator('dialog dl.draw').waitFor();
    },
  },
  { name: 'assist-campaigns', hash: () => '#/assist-campaigns', ready: (page) => page.locator('tbody tr').nth(2).waitFor() },
  {
    name: 'new-assist-campaign',
    hash: () => '#/assist-campaigns/new',
    ready: (page) => page.locator('form input[name="title"]').waitFor(),
    // A price cut whose floor leaves too little to cut: the contract's rule, shown by its field.
    act: async (page) => {
      await page.locator('input[name="title"]').fill('Teapot');
      await page.locator('input[name="productRef"]').fill('teapot');
      await page.locator('input[name="goal"]').fill('8');
      await page.locator('input[name="startPrice"]').fill('99');
      await page.locator('input[name="floorPrice"]').fill('98.95');
      await page.locator('input[name="rewardDescription"]').fill('The teapot for ¥98.95');
      await page.locator('button[type="submit"]').click();
      await page.locator('#floorPrice-error:not(:empty)').waitFor();
    },
  },
  { name: 'assists', hash: () => '#/assists', ready: (page) => page.locator('tbody tr').nth(3).waitFor() },
  { name: 'programs', hash: () => '#/programs', ready: (page) => page.locator('tbody tr').nth(1).waitFor() },
  {
    name: 'new-program',
    hash: () => '#/programs/new',
    ready: (page) => page.locator('form input[name="name"]').waitFor(),
    // The form as a merchant meets its errors: a rate above 100 % and a product page that is not a URL.
    act: async (page) => {
      await page.locator('input[name="name"]').fill('Teaware ambassadors');
      await page.locator('input[name="rate"]').fill('150');
      await page.locator('input[name="productTitle"]').fill('Yixing clay teapot');
      await page.locator('input[name="productUrl"]').fill('tea.example/teapot');
      await page.locator('button[type="submit"]').click();
      await page.locator('#rate-error:not(:empty)').waitFor();
    },
  },
  {
    // The growth section of a program with tiers, a first-order reward and a friend's amount off.
    name: 'program-growth',
    hash: () => '#/programs',
    ready: (page) => page.locator('tbody tr').nth(1).waitFor(),
    act: async (page) => {
      await page.locator('tbody tr').first().locator('a[href^="#/programs/"]').click();
      await page.locator('input[name="tiers.1.name"]').waitFor();
    },
  },
  {
    // The tier editor as a merchant meets its error, checked as typed: a second tier not above the first.
    name: 'new-program-tiers',
    hash: () => '#/programs/new',
    ready: (page) => page.locator('form input[name="name"]').waitFor(),
    act: async (page) => {
      await page.reload();
      await page.locator('form input[name="name"]').waitFor();
      const addTier = page.locator('fieldset.rows .row button[type="button"]').first();
      await addTier.click();
      await page.locator('input[name="tiers.0.name"]').fill('Silver');
      await page.locator('input[name="tiers.0.minCommission30d"]').fill('500');
      await page.locator('input[name="tiers.0.bps"]').fill('12');
      await addTier.click();
      await page.locator('input[name="tiers.1.name"]').fill('Gold');
      await page.locator('input[name="tiers.1.minCommission30d"]').fill('300');
      await page.locator('input[name="tiers.1.bps"]').fill('15');
      await page.locator('select[name="friendKind"]').selectOption('voucher');
      await page.locator('[id="tiers.1.minCommission30d-error"]:not(:empty)').waitFor();
    },
  },
  {
    name: 'materials',
    hash: () => '#/materials',
    ready: (page) => page.locator('li.material').nth(1).waitFor(),
    // Editing the first material: its copy previewed with an example link.
    act: async (page) => {
      await page.locator('li.material').first().locator('button').first().click();
      await page.locator('[data-preview]:not(:empty)').waitFor();
    },
  },
  {
    name: 'leaderboard',
    hash: () => '#/leaderboard',
    ready: (page) => page.locator('flock-console-leaderboard tbody tr').nth(1).waitFor(),
  },
  { name: 'promoters', hash: () => '#/promoters', ready: (page) => page.locator('tbody tr').nth(3).waitFor() },
  {
    name: 'orders',
    hash: () => '#/orders',
    ready: (page) => page.locator('tbody tr').nth(7).waitFor(),
    // The refund form, opened on the newest order.
    act: async (page) => {
      await page.locator('tbody tr').first().locator('button').click();
      await page.locator('flock-console-refund-form input[name="amount"]').waitFor();
    },
  },
  { name: 'commissions', hash: () => '#/commissions', ready: (page) => page.locator('tbody tr').first().waitFor() },
  { name: 'ledger', hash: () => '#/ledger', ready: (page) => page.locator('tbody tr').nth(2).waitFor() },
  { name: 'payouts', hash: () => '#/payouts', ready: (page) => page.locator('tbody tr').first().waitFor() },
  { name: 'webhooks', hash: () => '#/webhooks', ready: (page) => page.locator('tbody tr').first().waitFor() },
  {
    name: 'snippet',
    hash: (offer) => `#/snippet?offer=${offer}`,
    // The live preview too: the real widget, loaded from this server, showing the offer.
    ready: (page) => page.locator('.preview flock-group-buy').getByRole('button').first().waitFor(),
  },
  {
    name: 'snippet-react',
    hash: (offer) => `#/snippet?offer=${offer}`,
    ready: (page) => page.locator('.preview flock-group-buy').getByRole('button').first().waitFor(),
    // A dark widget in the green of a tea shop, with square corners, as React code.
    act: async (page) => {
      await page.locator('select').nth(3).selectOption('dark');
      await page.locator('input[type="color"]').fill('#0f8a4a');
      await page.locator('input[type="range"]').fill('4');
      await page.locator('div[role="group"] button').nth(2).click();
      await page.locator('pre[data-snippet]').getByText('publishableKey').waitFor();
    },
  },
  {
    name: 'offers-end',
    hash: () => '#/offers',
    ready: (page) => page.locator('tbody tr').first().waitFor(),
    // Ending asks what becomes of the teams still forming.
    act: async (page) => {
      await page.locator('tbody tr').first().locator('button').last().click();
      await page.locator('dialog[open]').waitFor();
    },
  },
  { name: 'settings', hash: () => '#/settings', ready: (page) => page.locator('td').first().waitFor() },
  {
    name: 'settings-rolled',
    hash: () => '#/settings',
    ready: (page) => page.locator('td').first().waitFor(),
    // An owner rolls the webhook secret (it spoils no page): asked once more, then shown once.
    act: async (page) => {
      await page.locator('[data-roll="webhook"]').click();
      await page.locator('button.danger').click();
      await page.locator('pre[data-rolled-key]').waitFor();
    },
  },
  { name: 'voucher-products', hash: () => '#/voucher-products', ready: (page) => page.locator('tbody tr').nth(3).waitFor() },
  {
    name: 'new-voucher-product',
    hash: () => '#/voucher-products/new',
    ready: (page) => page.locator('form input[name="title"]').waitFor(),
    // A validity that ends before it starts: the contract's rule, said by its field.
    act: async (page) => {
      await page.locator('input[name="title"]').fill('Osmanthus latte');
      await page.locator('input[name="value"]').fill('28');
      await page.locator('input[name="validFrom"]').fill('2026-12-10T10:00');
      await page.locator('input[name="validUntil"]').fill('2026-12-01T10:00');
      await page.locator('button[type="submit"]').click();
      await page.locator('#validUntil-error:not(:empty)').waitFor();
    },
  },
  { name: 'vouchers', hash: () => '#/vouchers', ready: (page) => page.locator('tbody tr').nth(6).waitFor() },
  { name: 'redemptions', hash: () => '#/redemptions', ready: (page) => page.locator('tbody tr').nth(4).waitFor() },
  {
    name: 'staff',
    hash: () => '#/staff',
    ready: (page) => page.locator('tbody tr').nth(2).waitFor(),
    // A new key for a store, as the owner sees it the one time: its QR code opens the counter's scanner.
    act: async (page) => {
      const zh = (await page.evaluate(() => document.documentElement.lang)).startsWith('zh');
      await page.locator('input[name="store"]').fill(zh ? '河坊街店' : 'Hefang Street store');
      await page.locator('button[type="submit"]').click();
      await page.locator('[data-created-key] svg.qr').waitFor();
    },
  },
  {
    name: 'scanner',
    hash: () => counter.scannerLink,
    ready: (page) => page.locator('flock-voucher-scanner input[name="code"]').waitFor(),
    // A code the shopper reads out, typed in: the counter sees the use go through.
    act: async (page) => {
      await page.locator('flock-voucher-scanner input[name="code"]').fill(await counter.freshCode());
      await page.locator('flock-voucher-scanner form button[type="submit"]').click();
      await page.locator('flock-voucher-scanner .result.success').waitFor();
    },
  },
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
    const unstage = await shot.stage?.(`owner-${locale}@tea.example`);
    try {
      await page.goto(`${api}/console/${shot.hash(offer)}`);
      await shot.ready(page);
      await shot.act?.(page);
      // A full-page picture from the top: the sticky header where a visitor sees it.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: file(shot.name), fullPage: true });
    } finally {
      await unstage?.();
    }
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
