// The example shop's own small backend: it renders the product page for a demo shopper, mints
// that shopper's Flock token and confirms paid reservations — the two things that need the secret key.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attributionCookie, readAttributionCookie } from '@flock/sdk/server';
import { serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { avatarSvg } from './avatars.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const layout = readFileSync(here('./layout.html'), 'utf8');

/** A page is the shared layout with its own sections (`<!-- section: name -->` in pages/*.html). */
function composePage(file: string): string {
  const sections = new Map<string, string>();
  const parts = readFileSync(here(`./pages/${file}`), 'utf8').split(/^<!-- section: (\w+) -->\n/m);
  for (let i = 1; i < parts.length; i += 2) sections.set(parts[i] as string, (parts[i + 1] ?? '').replace(/\n$/, ''));
  return layout.replace(/\{\{!(title|intro|widgets|demo|extra)\}\}/g, (_, name: string) => sections.get(name) ?? '');
}

const templates = {
  groupBuy: composePage('group-buy.html'),
  assist: composePage('assist.html'),
  referral: composePage('referral.html'),
  vouchers: composePage('vouchers.html'),
  counter: composePage('counter.html'),
};
// The demo knows who is shopping from the page's query (a real shop: from its session).
const shopperOf = (c: Context) => {
  const referer = c.req.header('referer');
  const id = referer ? new URL(referer).searchParams.get('shopper') : null;
  return id && demoShoppers[id] ? id : 'alice';
};

export const demoShoppers: Record<string, { zh: string; en: string }> = {
  alice: { zh: '小美', en: 'Alice' },
  bob: { zh: '阿强', en: 'Bob' },
  carol: { zh: '小芳', en: 'Carol' },
  dave: { zh: '大伟', en: 'Dave' },
};

const strings = {
  'zh-CN': {
    pageTitle: '西湖龙井 · 拼团',
    productTitle: '明前西湖龙井 250g 礼盒装',
    productBlurb: '杭州西湖核心产区，清明前手工采摘。3人成团，每人立省 ¥10。',
    signedInAs: '当前顾客：',
    switchShopper: '切换顾客',
    otherLang: 'English',
    checkoutTitle: '确认订单',
    payButton: '微信支付（演示）',
    later: '稍后支付',
    buyAloneAlert: '演示商店：单独购买将加入购物车。',
    demoNote: '演示：在两个窗口分别以两位顾客打开本页，一个开团，一个参团。',
    skipDay: '快进 24 小时（查看拼团失败）',
    switchTo: '切换为',
    navGroupBuy: '拼团',
    navAssist: '砍价 · 助力',
    assistTitle: '好友助力 · 砍价免费拿',
    assistHeading: '邀请好友助力，好礼免费拿',
    assistBlurb: '发起砍价或助力，分享给好友，每位好友可帮你一次。',
    assistDemoNote: '演示：以小美发起并分享，再切换为阿强、小芳、大伟打开分享链接帮她。',
    claimAlert: '演示商店：奖励已加入购物车。',
    navReferral: '分享赚佣金',
    referralTitle: '分享赚佣金',
    referralHeading: '推荐好友购买，赚取佣金',
    referralBlurb: '成为推广员，分享链接或海报；好友通过你的链接下单，你赚 10% 佣金，7 天退货期后可提现。',
    referralDemoNote: '演示：小美成为推广员并复制链接；切换为阿强打开链接，点“单独购买”下单，小美的待结算佣金随即更新。',
    boughtAlert: '演示商店：订单已支付。',
    navVouchers: '我的券',
    navCounter: '门店核销',
    vouchersTitle: '我的券',
    vouchersHeading: '我的券',
    vouchersBlurb: '到店出示二维码，店员扫码核销。二维码每分钟刷新。',
    vouchersDemoNote: '演示：在另一个窗口打开“门店核销”，用摄像头扫描或手动输入券码。',
    counterTitle: '门店核销',
    counterHeading: '西湖店 · 扫码核销',
    counterBlurb: '店员扫描顾客出示的二维码，每张券每次只能核销一次。',
    counterDemoNote: '演示：这台设备使用“西湖店”的店员密钥。',
  },
  en: {
    pageTitle: 'Longjing tea · Group buy',
    productTitle: 'Pre-Qingming West Lake Longjing, 250 g gift box',
    productBlurb: 'Hand-picked before Qingming in the heart of West Lake. Groups of 3 save ¥10 each.',
    signedInAs: 'Shopping as',
    switchShopper: 'Switch shopper',
    otherLang: '中文',
    checkoutTitle: 'Confirm order',
    payButton: 'Pay (demo)',
    later: 'Pay later',
    buyAloneAlert: 'Demo shop: buying alone would add the tea to your cart.',
    demoNote: 'Demo: open this page as two shoppers in two windows; one starts a group, the other joins.',
    skipDay: 'Skip 24 hours (see a group fail)',
    switchTo: 'Switch to',
    navGroupBuy: 'Group buy',
    navAssist: 'Price cut · Help',
    assistTitle: 'Friends help · get it free',
    assistHeading: 'Ask friends to help and get it free',
    assistBlurb: 'Start a price cut or a help campaign and share it; each friend can help once.',
    assistDemoNote: 'Demo: start as Alice and share, then switch to Bob, Carol and Dave and open the shared link to help her.',
    claimAlert: 'Demo shop: the reward was added to your cart.',
    navReferral: 'Share & earn',
    referralTitle: 'Share & earn',
    referralHeading: 'Recommend the tea, earn a commission',
    referralBlurb:
      'Become a promoter and share your link or poster; when a friend buys through it you earn 10 %, available after the 7-day return window.',
    referralDemoNote:
      "Demo: Alice becomes a promoter and copies her link; switch to Bob, open the link and tap Buy alone — Alice's pending commission updates at once.",
    boughtAlert: 'Demo shop: order paid.',
    navVouchers: 'My vouchers',
    navCounter: 'Store counter',
    vouchersTitle: 'My vouchers',
    vouchersHeading: 'My vouchers',
    vouchersBlurb: 'Show the QR code at the counter; staff scan it. The code refreshes every minute.',
    vouchersDemoNote: 'Demo: open "Store counter" in another window and scan the code with a camera, or type it in.',
    counterTitle: 'Store counter',
    counterHeading: 'West Lake store · scan to redeem',
    counterBlurb: 'Staff scan the code a shopper shows; each code redeems once.',
    counterDemoNote: "Demo: this device uses the West Lake store's staff key.",
  },
};

export interface ShopOptions {
  flockApi: string;
  publishableKey: string;
  secretKey: string;
  offerId: string;
  assistCampaigns: { priceCut: string; progress: string };
  referralProgramId: string;
  /** Demo: each shopper's voucher, and the store counter's staff key (a real shop keeps it on the device). */
  vouchers: Record<string, string>;
  staffKey: string;
  /** The shop's public origin, used for avatar URLs in shopper tokens. */
  origin: string;
  /** Demo only: moves the Flock server's clock forward. */
  skipDay?: () => Promise<void>;
}

export function createShopApp(options: ShopOptions) {
  const flock = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${options.flockApi}/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${options.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  /** Renders a page for a demo shopper (?shopper=alice|bob|carol|dave) in ?lang=zh-CN|en. */
  const page = async (c: Context, template: string) => {
    const lang = c.req.query('lang') === 'en' ? 'en' : 'zh-CN';
    const requested = c.req.query('shopper') ?? '';
    const shopperId = demoShoppers[requested] ? requested : 'alice';
    const nameOf = (id: string) => demoShoppers[id]![lang === 'en' ? 'en' : 'zh'];
    const token = await flock('POST', '/shopper-tokens', {
      shopperId,
      displayName: nameOf(shopperId),
      avatarUrl: `${options.origin}/assets/avatar/${shopperId}.svg`,
    });
    const t = strings[lang];
    // Keeps the rest of the query (e.g. a shared flock_team / flock_assist) when switching shoppers.
    const linkFor = (id: string) => {
      const url = new URL(c.req.url);
      url.searchParams.set('shopper', id);
      return `${url.pathname}${url.search}`;
    };
    const shopperLinks = `${escapeHtml(t.switchTo)} ${Object.keys(demoShoppers)
      .filter((id) => id !== shopperId)
      .map((id) => `<a href="${escapeHtml(linkFor(id))}">${escapeHtml(nameOf(id))}</a>`)
      .join(' ')}`;
    const values: Record<string, string> = {
      lang,
      otherLang: lang === 'en' ? 'zh-CN' : 'en',
      flockApi: options.flockApi,
      publishableKey: options.publishableKey,
      shopperToken: token.body.token,
      offerId: options.offerId,
      priceCutCampaignId: options.assistCampaigns.priceCut,
      progressCampaignId: options.assistCampaigns.progress,
      referralProgramId: options.referralProgramId,
      voucherId: options.vouchers[shopperId] ?? '',
      staffKey: options.staffKey,
      shopperId,
      shopperName: nameOf(shopperId),
    };
    const currentPath = new URL(c.req.url).pathname;
    const tabs = [
      ['/', t.navGroupBuy],
      ['/assist', t.navAssist],
      ['/referral', t.navReferral],
      ['/vouchers', t.navVouchers],
      ['/counter', t.navCounter],
    ]
      .map(
        ([path, label]) =>
          `<a href="${path}?shopper=${shopperId}&amp;lang=${lang}"${path === currentPath ? ' aria-current="page"' : ''}>${escapeHtml(label as string)}</a>`,
      )
      .join('');
    const html = template
      .replace('{{!shopperLinks}}', shopperLinks)
      .replace('{{!tabs}}', tabs)
      .replace(/\{\{(t\.)?(\w+)\}\}/g, (_, isString: string | undefined, key: string) =>
        escapeHtml(isString ? ((t as Record<string, string>)[key] ?? key) : (values[key] ?? '')),
      );
    return c.html(html);
  };

  const app = new Hono();
  app.get('/', (c) => page(c, templates.groupBuy));
  app.get('/referral', (c) => page(c, templates.referral));
  app.get('/vouchers', (c) => page(c, templates.vouchers));
  app.get('/counter', (c) => page(c, templates.counter));
  app.get('/assist', (c) => page(c, templates.assist));
  /** Tells Flock about a paid order, with the referral attribution this browser arrived with. */
  const reportOrder = (c: Context, order: { orderRef: string; amount: number; reservationId?: string }) =>
    flock('POST', '/orders', {
      ...order,
      currency: 'CNY',
      shopperId: shopperOf(c),
      attributionId: readAttributionCookie(c.req.header('cookie')),
    });

  app.post('/checkout/pay', async (c) => {
    // A real shop charges the card here; only after that does it confirm the Flock reservation.
    const { reservationId } = await c.req.json<{ reservationId: string }>();
    const orderRef = `demo-order-${reservationId}`;
    const confirmed = await flock('POST', `/reservations/${encodeURIComponent(reservationId)}/confirm`, { orderRef });
    if (confirmed.status === 200) await reportOrder(c, { orderRef, amount: confirmed.body.price, reservationId });
    return c.json(confirmed.body, confirmed.status as 200);
  });
  app.post('/checkout/buy', async (c) => {
    // "Buy alone" at the regular price: an ordinary order, which may still earn a promoter commission.
    const orderRef = `demo-order-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const reported = await reportOrder(c, { orderRef, amount: 2990 });
    return c.json(reported.body, reported.status as 200);
  });
  app.post('/flock/attribution', async (c) => {
    // The provider's attribution-endpoint: keep the id in a first-party, server-set cookie, which
    // Safari does not cap at 7 days like script-written storage.
    const { attributionId } = await c.req.json<{ attributionId: string }>();
    c.header('set-cookie', attributionCookie(attributionId, { maxAgeDays: 30, secure: false }));
    return c.body(null, 204);
  });
  app.post('/demo/skip-day', async (c) => {
    await options.skipDay?.();
    return c.json({ ok: true });
  });
  app.get('/assets/tea.svg', (c) => c.body(readFileSync(here('./public/tea.svg')), 200, { 'content-type': 'image/svg+xml' }));
  app.get('/assets/shop.css', (c) => c.body(readFileSync(here('./public/shop.css')), 200, { 'content-type': 'text/css' }));
  app.get('/assets/avatar/:file', (c) => {
    const name = c.req.param('file').replace(/\.svg$/, '');
    const shopper = demoShoppers[name];
    return c.body(avatarSvg(shopper ? shopper.en : name), 200, { 'content-type': 'image/svg+xml' });
  });
  return app;
}

export function startShop(app: Hono, port: number, hostname = '127.0.0.1') {
  return new Promise<{ close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname }, () =>
      resolve({ close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
