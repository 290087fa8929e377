// `pnpm demo`: Flock on embedded PGlite (in memory) + the example shop, with a demo merchant,
// a group-buy offer and one group already forming, so there is something to join straight away.
import { fileURLToPath } from 'node:url';
import { createFlockServer, createMerchant, OffsetClock, openPglite } from '@flock/server';
import { createShopApp, startShop } from './shop.js';

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

export async function startDemo(options: { flockPort?: number; shopPort?: number; quiet?: boolean } = {}) {
  const clock = new OffsetClock();
  const db = await openPglite();
  const server = await createFlockServer({ db, clock });
  const { url: flockApi } = await server.listen(options.flockPort ?? flockPort, host);
  const origin = `http://${host}:${options.shopPort ?? shopPort}`;
  const merchant = await createMerchant(db, clock, {
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
  const offer = await asMerchant('/group-buy-offers', {
    productRef: 'longjing-250g',
    title: '明前西湖龙井 250g 礼盒装',
    imageUrl: `${origin}/assets/tea.svg`,
    regularPrice: 2990,
    groupPrice: 1990,
    currency: 'CNY',
    teamSize: 3,
    teamTtlSeconds: 24 * 3600,
    holdTtlSeconds: 15 * 60,
  });
  // A neighbour already started a group, so the page shows 凑团 (join a forming group) at once.
  const { token } = await asMerchant('/shopper-tokens', {
    shopperId: 'chen',
    displayName: '陈阿姨',
    avatarUrl: `${origin}/assets/avatar/chen.svg`,
  });
  const seeded = await asMerchant(`/group-buy-offers/${offer.id}/teams`, {}, merchant.publishableKey, {
    origin,
    'flock-shopper': token,
  });
  await asMerchant(`/reservations/${seeded.reservation.id}/confirm`, { orderRef: 'demo-seed-1' });

  // One assist campaign of each mode: a price cut (砍价) and a progress goal (助力).
  const priceCut = await asMerchant('/assist-campaigns', {
    productRef: 'teapot-yixing',
    title: '宜兴紫砂壶 · 砍到 0 元免费拿',
    imageUrl: `${origin}/assets/tea.svg`,
    mode: 'price_cut',
    goal: 5,
    startPrice: 9900,
    floorPrice: 0,
    currency: 'CNY',
    ttlSeconds: 24 * 3600,
    purchaseTtlSeconds: 24 * 3600,
    helpsPerHelperPerDay: 10,
    reward: { description: '宜兴紫砂壶一把，砍到 ¥0 即可免费领取' },
  });
  const progress = await asMerchant('/assist-campaigns', {
    productRef: 'tea-sampler',
    title: '好友助力 · 免费领龙井试饮装',
    imageUrl: `${origin}/assets/tea.svg`,
    mode: 'progress',
    goal: 3,
    ttlSeconds: 24 * 3600,
    purchaseTtlSeconds: 24 * 3600,
    reward: { description: '龙井试饮装 3 袋，免费领取' },
  });

  // Share & earn: 10 % to the promoter, 3 % to the promoter's own recruiter, after a 7-day return window.
  const referral = await asMerchant('/referral-programs', {
    name: '龙井推广计划',
    commission: { type: 'percent', bps: 1000 },
    secondLevelBps: 300,
    holdDays: 7,
    attributionWindowDays: 30,
    product: {
      title: '明前西湖龙井 250g 礼盒装',
      imageUrl: `${origin}/assets/tea.svg`,
      price: 2990,
      currency: 'CNY',
      url: `${origin}/`,
    },
  });

  // In-store vouchers (核销): a 3-visit tea-tasting card for each demo shopper, and the counter's staff key.
  const voucherProduct = await asMerchant('/voucher-products', {
    title: '茶室品鉴 3 次卡',
    value: 9900,
    currency: 'CNY',
    uses: 3,
    stores: ['西湖店'],
  });
  const vouchers: Record<string, string> = {};
  for (const shopperId of ['alice', 'bob', 'carol', 'dave']) {
    const voucher = await asMerchant('/vouchers', {
      productId: voucherProduct.id,
      shopperId,
      orderRef: `demo-voucher-${shopperId}`,
    });
    vouchers[shopperId] = voucher.id;
  }
  const { staffKey } = await asMerchant('/staff-keys', { store: '西湖店' });

  // The framework examples read their configuration from the query string; this is Alice's.
  const exampleToken = await asMerchant('/shopper-tokens', {
    shopperId: 'alice',
    displayName: 'Alice',
    avatarUrl: `${origin}/assets/avatar/alice.svg`,
  });
  const frameworkExampleQuery = new URLSearchParams({
    api: flockApi,
    key: merchant.publishableKey,
    offer: offer.id,
    token: exampleToken.token,
  }).toString();

  const shop = await startShop(
    createShopApp({
      flockApi,
      publishableKey: merchant.publishableKey,
      secretKey: merchant.secretKey,
      offerId: offer.id,
      assistCampaigns: { priceCut: priceCut.id, progress: progress.id },
      referralProgramId: referral.id,
      vouchers,
      staffKey,
      origin,
      skipDay: async () => {
        clock.advance(24 * 3600 * 1000);
        await server.runJobs();
      },
    }),
    options.shopPort ?? shopPort,
    host,
  );
  return {
    flockApi,
    origin,
    offerId: offer.id as string,
    assistCampaigns: { priceCut: priceCut.id as string, progress: progress.id as string },
    referralProgramId: referral.id as string,
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

  Flock API       ${demo.flockApi}   (GET ${demo.flockApi}/healthz)
  Shop, shopper 1 ${shopOrigin}/?shopper=alice        (中文)
  Shop, shopper 2 ${shopOrigin}/?shopper=bob          (open in a second window or private tab)
  English         ${shopOrigin}/?shopper=alice&lang=en
  Assist (砍价/助力) ${shopOrigin}/assist?shopper=alice   (friends: bob, carol, dave)
  Share & earn    ${shopOrigin}/referral?shopper=alice  (then open Alice's link as bob and buy)
  Vouchers (核销)  ${shopOrigin}/vouchers?shopper=alice  and the store counter ${shopOrigin}/counter

Alice taps 发起拼团 and pays in the demo checkout; her group opens with a 24-hour countdown.
Bob opens the same page (or Alice's invite link) and joins; one more shopper completes the group.
On the assist page Alice starts a price cut and shares it; Bob, Carol and Dave open the link and help.

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
