// `pnpm demo`: Flock on embedded PGlite (in memory) + the example shop, with a demo merchant whose
// catalogue exists once per language (a Chinese and an English storefront), each with a group
// already forming, so there is something to join straight away.
import { fileURLToPath } from 'node:url';
import { createFlockServer, createMerchant, OffsetClock, openPglite } from '@flock/server';
import { avatarPath } from './avatars.js';
import {
  type Catalog,
  createShopApp,
  demoFriendsOf,
  demoShoppers,
  type GroupType,
  type Lang,
  type ShopOffer,
  startShop,
} from './shop.js';

const host = '127.0.0.1';
const flockPort = Number(process.env.FLOCK_PORT ?? 8787);
const shopPort = Number(process.env.SHOP_PORT ?? 5173);
const shopOrigin = `http://${host}:${shopPort}`;
/** The framework examples' dev servers (examples/react, vue, vite): the demo merchant allows them too. */
const frameworkExamples = [
  { name: 'React 19', filter: '@flock/example-react', port: 5174 },
  { name: 'Vue 3', filter: '@flock/example-vue', port: 5175 },
  { name: 'Plain Vite', filter: '@flock/example-vite', port: 5176 },
];

/** The merchant's sample data, as each storefront writes it. Prices in minor units (fen). */
const sampleData = {
  'zh-CN': {
    tea: '明前西湖龙井 250g 礼盒装',
    neighbour: { id: 'chen', name: '陈阿姨', initial: '陈' },
    priceCut: { title: '宜兴紫砂壶 · 砍到 0 元免费拿', reward: '宜兴紫砂壶一把，好友帮砍到 0 元即可免费领取' },
    progress: { title: '好友助力 · 免费领龙井试饮装', reward: '龙井试饮装 3 袋，免费领取' },
    program: '龙井推广计划',
    groupTypes: {
      flashSale: '明前龙井 50g 尝鲜装 · 限量秒杀',
      ladder: '洞庭碧螺春 250g · 阶梯团',
      lottery: '宜兴紫砂壶 · 1 元抽奖团',
      crossProduct: '春茶拼单 · 任选一件',
      newCustomer: '龙井试饮装 · 新客专享',
      consolation: '满 100 减 10 元券',
      products: ['西湖龙井 50g', '洞庭碧螺春 50g', '青瓷品茗杯'],
    },
    tiers: [
      { name: '银牌推手', minCommission30d: 2000, bps: 1200 },
      { name: '金牌推手', minCommission30d: 10000, bps: 1500 },
    ],
    materials: [
      { title: '明前龙井 · 朋友圈文案', text: '今年的明前龙井到了，豆香清爽，回甘明显。用我的链接下单还有好友专享券 👉 {link}' },
      { title: '送礼推荐', text: '给长辈送茶，这盒西湖龙井礼盒很体面。{link}' },
    ],
    tasting: '茶室品鉴 3 次卡',
    store: '西湖店',
  },
  en: {
    tea: 'West Lake Longjing, pre-Qingming, 250\u00a0g gift box',
    neighbour: { id: 'grace', name: 'Grace', initial: 'G' },
    priceCut: {
      title: 'Yixing clay teapot: cut it to zero',
      reward: 'A Yixing clay teapot, free once friends cut its price to zero',
    },
    progress: { title: 'Free Longjing tasting pack', reward: 'Three Longjing tasting sachets, free when friends help' },
    program: 'Longjing promoter programme',
    groupTypes: {
      flashSale: 'Longjing 50\u00a0g taster · flash sale',
      ladder: 'Biluochun 250\u00a0g · ladder price',
      lottery: 'Yixing clay teapot · ¥1 lottery',
      crossProduct: 'Spring tea · mix & match',
      newCustomer: 'Longjing tasting pack · new customers',
      consolation: '¥10 off ¥100',
      products: ['West Lake Longjing 50\u00a0g', 'Dongting Biluochun 50\u00a0g', 'Celadon tasting cup'],
    },
    tiers: [
      { name: 'Silver', minCommission30d: 2000, bps: 1200 },
      { name: 'Gold', minCommission30d: 10000, bps: 1500 },
    ],
    materials: [
      {
        title: 'Spring Longjing · post',
        text: 'This year’s pre-Qingming Longjing is in: fresh, nutty, long finish. My link gets you a friend’s coupon 👉 {link}',
      },
      { title: 'Gift idea', text: 'Looking for a gift for tea lovers? This West Lake Longjing box is lovely. {link}' },
    ],
    tasting: 'Tea-room tasting, 3 visits',
    store: 'West Lake store',
  },
} satisfies Record<Lang, unknown>;

export async function startDemo(options: { flockPort?: number; shopPort?: number; quiet?: boolean } = {}) {
  const clock = new OffsetClock();
  const db = await openPglite();
  // A local demo: a webhook receiver on this machine (PATCH /v1/merchant) must be allowed.
  const server = await createFlockServer({ db, clock, allowPrivateWebhooks: true });
  const { url: flockApi } = await server.listen(options.flockPort ?? flockPort, host);
  const origin = `http://${host}:${options.shopPort ?? shopPort}`;
  const merchant = await createMerchant(db, clock, server.secrets, {
    name: 'West Lake Tea House',
    origins: [
      origin,
      `http://localhost:${options.shopPort ?? shopPort}`,
      ...frameworkExamples.map(({ port }) => `http://localhost:${port}`),
    ],
  });
  const asMerchant = async (path: string, body: unknown, key = merchant.secretKey, extra: Record<string, string> = {}) => {
    const response = await fetch(`${flockApi}/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...extra },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, any>;
  };
  // Every demo shopper can be helped to the goal by all the others: the goal is the number of friends.
  const friends = demoFriendsOf('alice').length;

  /** One storefront's catalogue: the offer, one assist campaign of each mode, the referral program and vouchers. */
  const seedCatalog = async (lang: Lang): Promise<Catalog> => {
    const data = sampleData[lang];
    const landing = lang === 'en' ? `${origin}/?lang=en` : `${origin}/`;
    const offerTerms = { regularPrice: 2990, groupPrice: 1990, currency: 'CNY', teamSize: 3 };
    const offer = await asMerchant('/group-buy-offers', {
      productRef: `longjing-250g-${lang}`,
      title: data.tea,
      imageUrl: `${origin}/assets/tea.svg`,
      ...offerTerms,
      teamTtlSeconds: 24 * 3600,
      holdTtlSeconds: 15 * 60,
    });
    // A neighbour already started a group, so the page shows 凑团 (join a forming group) at once.
    const { token } = await asMerchant('/shopper-tokens', {
      shopperId: data.neighbour.id,
      displayName: data.neighbour.name,
      avatarUrl: `${origin}${avatarPath(data.neighbour.id, data.neighbour.initial)}`,
    });
    const seeded = await asMerchant(`/group-buy-offers/${offer.id}/teams`, {}, merchant.publishableKey, {
      origin,
      'flock-shopper': token,
    });
    await asMerchant(`/reservations/${seeded.reservation.id}/confirm`, { orderRef: `demo-seed-${lang}` });

    // One assist campaign of each mode: a price cut (砍价) and a progress goal (助力).
    const priceCut = await asMerchant('/assist-campaigns', {
      productRef: `teapot-yixing-${lang}`,
      title: data.priceCut.title,
      imageUrl: `${origin}/assets/teapot.svg`,
      mode: 'price_cut',
      goal: friends,
      startPrice: 9900,
      floorPrice: 0,
      currency: 'CNY',
      ttlSeconds: 24 * 3600,
      purchaseTtlSeconds: 24 * 3600,
      helpsPerHelperPerDay: 10,
      reward: { description: data.priceCut.reward },
    });
    const progress = await asMerchant('/assist-campaigns', {
      productRef: `tea-sampler-${lang}`,
      title: data.progress.title,
      imageUrl: `${origin}/assets/tea.svg`,
      mode: 'progress',
      goal: friends,
      ttlSeconds: 24 * 3600,
      purchaseTtlSeconds: 24 * 3600,
      reward: { description: data.progress.reward },
    });

    // Share & earn: 10 % to the promoter, 3 % to the promoter's own recruiter, after a 7-day return window.
    const referralTerms = { bps: 1000, holdDays: 7 };
    const referral = await asMerchant('/referral-programs', {
      name: data.program,
      commission: { type: 'percent', bps: referralTerms.bps },
      secondLevelBps: 300,
      holdDays: referralTerms.holdDays,
      attributionWindowDays: 30,
      product: {
        title: data.tea,
        imageUrl: `${origin}/assets/tea.svg`,
        price: offerTerms.regularPrice,
        currency: offerTerms.currency,
        url: landing,
      },
      // The growth kit (docs/promoter-growth.md): tiers by 30-day commission, a first-order reward, a
      // boost for new promoters, and ¥10 off ¥20 for the friend who arrives through a promoter's link.
      tiers: data.tiers,
      firstOrderReward: { amount: 500 },
      newPromoterBoost: { bps: 1500, days: 7 },
      friendReward: { amountOff: 1000, minSpend: 2000, validDays: 30 },
    });
    // Share material (素材) promoters copy with their link inserted.
    for (const material of data.materials) {
      await asMerchant(`/referral-programs/${referral.id}/materials`, {
        ...material,
        url: landing,
        price: offerTerms.regularPrice,
      });
    }

    // The neighbour already promotes the tea, and two of her friends bought through her link: the
    // leaderboard opens on real orders and ledger entries, as it would in a shop that has been selling.
    const neighbour = { origin, 'flock-shopper': token };
    const { shareUrl } = await asMerchant(`/referral-programs/${referral.id}/promoters`, {}, merchant.publishableKey, neighbour);
    for (const n of [1, 2]) {
      const click = await asMerchant(
        '/referral-clicks',
        { code: new URL(shareUrl).searchParams.get('flock_ref'), landingUrl: shareUrl },
        merchant.publishableKey,
        { origin },
      );
      await asMerchant('/orders', {
        orderRef: `demo-seed-referral-${lang}-${n}`,
        amount: offerTerms.regularPrice,
        currency: offerTerms.currency,
        shopperId: `${data.neighbour.id}-friend-${n}`,
        attributionId: click.attributionId,
      });
    }

    // In-store vouchers (核销): a 3-visit tea-tasting card for each demo shopper, and the counter's staff key.
    const voucherProduct = await asMerchant('/voucher-products', {
      title: data.tasting,
      value: 9900,
      currency: 'CNY',
      uses: 3,
      stores: [data.store],
    });
    const vouchers: Record<string, string> = {};
    for (const shopperId of Object.keys(demoShoppers)) {
      const voucher = await asMerchant('/vouchers', {
        productId: voucherProduct.id,
        shopperId,
        orderRef: `demo-voucher-${lang}-${shopperId}`,
      });
      vouchers[shopperId] = voucher.id;
    }
    const { staffKey } = await asMerchant('/staff-keys', { store: data.store });
    return {
      offer: { id: offer.id, title: data.tea, ...offerTerms },
      groupTypes: await seedGroupTypes(lang),
      assistCampaigns: { priceCut: priceCut.id, progress: progress.id },
      referralProgramId: referral.id,
      referralTerms,
      vouchers,
      store: data.store,
      staffKey,
    };
  };
  /**
   * One offer of each other kind of group buy (issue 15), each finishable by the four demo shoppers
   * clicking through the shop's checkout: a flash sale, a ladder, a lottery with a consolation
   * voucher, a cross-product set, and a new-customer team (Bob has an earlier order, so he is refused).
   */
  const seedGroupTypes = async (lang: Lang): Promise<Record<GroupType, ShopOffer>> => {
    const names = sampleData[lang].groupTypes;
    const base = { currency: 'CNY', teamTtlSeconds: 24 * 3600, holdTtlSeconds: 15 * 60 };
    const create = async (key: GroupType, terms: Record<string, unknown>, image = 'tea.svg'): Promise<ShopOffer> => {
      const created = await asMerchant('/group-buy-offers', {
        productRef: `${key}-${lang}`,
        title: names[key],
        imageUrl: `${origin}/assets/${image}`,
        ...base,
        ...terms,
      });
      if (!created.id) throw new Error(`demo offer ${key}: ${JSON.stringify(created)}`);
      return {
        id: created.id,
        title: created.title,
        regularPrice: created.regularPrice,
        groupPrice: created.groupPrice,
        currency: created.currency,
        teamSize: created.teamSize,
        image: `/assets/${image}`,
        ...(created.stock !== null && { stock: created.stock }),
        ...(created.tiers && { tiers: created.tiers }),
        ...(created.lottery && { winners: created.lottery.winners }),
      };
    };
    const consolation = await asMerchant('/voucher-products', {
      title: names.consolation,
      value: 1000,
      currency: 'CNY',
      uses: 1,
    });
    const [longjing, biluochun, cup] = names.products;
    return {
      flashSale: await create('flashSale', { regularPrice: 3900, groupPrice: 990, teamSize: 2, stock: 5 }),
      ladder: await create('ladder', {
        regularPrice: 16800,
        groupPrice: 12800,
        teamSize: 3,
        tiers: [
          { members: 2, price: 12800 },
          { members: 3, price: 9900 },
        ],
      }),
      lottery: await create(
        'lottery',
        {
          regularPrice: 32000,
          groupPrice: 100,
          teamSize: 4,
          lottery: { winners: 1, consolationVoucherProductId: consolation.id },
        },
        'teapot.svg',
      ),
      crossProduct: await create('crossProduct', {
        regularPrice: 4800,
        groupPrice: 2900,
        teamSize: 3,
        products: [
          { productRef: `longjing-50g-${lang}`, title: longjing, regularPrice: 4800, groupPrice: 3500 },
          { productRef: `biluochun-50g-${lang}`, title: biluochun, regularPrice: 4200, groupPrice: 2900 },
          { productRef: `celadon-cup-${lang}`, title: cup, regularPrice: 6800, groupPrice: 4900 },
        ],
      }),
      newCustomer: await create('newCustomer', { regularPrice: 2990, groupPrice: 990, teamSize: 2, joinersMustBeNew: true }),
    };
  };
  // Bob bought from the shop before: a new-customer team refuses him (the merchant's orders are shared by both storefronts).
  await asMerchant('/orders', { orderRef: 'demo-earlier-order-bob', amount: 2990, currency: 'CNY', shopperId: 'bob' });
  const catalogs: Record<Lang, Catalog> = { 'zh-CN': await seedCatalog('zh-CN'), en: await seedCatalog('en') };

  // The framework examples read their configuration from the query string; this is Alice's.
  const exampleToken = await asMerchant('/shopper-tokens', {
    shopperId: 'alice',
    displayName: 'Alice',
    avatarUrl: `${origin}${avatarPath('alice', 'A')}`,
  });
  const frameworkExampleQuery = new URLSearchParams({
    api: flockApi,
    key: merchant.publishableKey,
    offer: catalogs['zh-CN'].offer.id,
    token: exampleToken.token,
  }).toString();

  const shop = await startShop(
    createShopApp({
      flockApi,
      publishableKey: merchant.publishableKey,
      secretKey: merchant.secretKey,
      catalogs,
      origin,
      skipDay: async () => {
        clock.advance(24 * 3600 * 1000);
        await server.runJobs();
      },
    }),
    options.shopPort ?? shopPort,
    host,
  );
  const zh = catalogs['zh-CN'];
  return {
    flockApi,
    origin,
    catalogs,
    /** The Chinese storefront's ids (the framework examples use these). */
    offerId: zh.offer.id,
    assistCampaigns: zh.assistCampaigns,
    referralProgramId: zh.referralProgramId,
    merchant,
    frameworkExampleQuery,
    async close() {
      await shop.close();
      await server.close();
      await db.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const demo = await startDemo();
  console.log(`
Flock demo is running (embedded PGlite, in memory — restart for a clean slate).

  Flock API        ${demo.flockApi}   (GET ${demo.flockApi}/healthz)
  Shop (中文)       ${shopOrigin}/
  Shop (English)   ${shopOrigin}/?lang=en
  Store counter    ${shopOrigin}/counter   (the staff's device: scan or type a voucher's code)

Each browser tab is one shopper: pick who you are in the bar at the top (小美/Alice, 阿强/Bob,
小芳/Carol, 大伟/Dave). A link shared from the page and opened in a new tab asks who is opening it.

  拼团 Group buy   Alice starts a group (or joins the neighbour's) and pays; friends join from her link.
  砍价 Price cut   Alice starts and shares; Bob, Carol and Dave open the link and help; Alice claims.
  分享 Share       Alice becomes a promoter and copies her link; Bob opens it and buys; her commission shows.
  核销 Vouchers    Alice shows her voucher; the counter scans the QR or types its 12-digit code.

Kinds of group buy (the chips under 拼团 / Group buy; docs/group-buy.md):
  秒杀 Flash sale      ${shopOrigin}/flash-sale      5 units across all groups; then sold out.
  阶梯团 Ladder         ${shopOrigin}/ladder          2 people ¥128, 3 people ¥99: the difference is refunded at the close.
  抽奖团 Lottery        ${shopOrigin}/lottery         4 join at ¥1, 1 wins the teapot, the others get a voucher; the draw is checkable.
  拼单 Cross-product    ${shopOrigin}/cross-product   each member picks one of three products.
  老带新 New customers  ${shopOrigin}/new-customer    Bob bought before (demo data) and is refused; Carol joins.

Framework examples: start one with \`pnpm --filter <name> dev\`, then open its link (as Alice).
${frameworkExamples.map(({ name, filter, port }) => `  ${name.padEnd(15)} ${filter.padEnd(21)} http://localhost:${port}/?${demo.frameworkExampleQuery}`).join('\n')}

Press Ctrl+C to stop.
`);
  const stop = async () => {
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
