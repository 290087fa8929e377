// The example shop's own small backend: it renders the shop's pages, mints the demo shoppers'
// Flock tokens and confirms paid reservations — the things that need the secret key.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attributionCookie, readAttributionCookie } from '@flock/sdk/server';
import { serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { avatarPath, avatarSvg } from './avatars.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const layout = readFileSync(here('./layout.html'), 'utf8');

/** A page is the shared layout with its own sections (`<!-- section: name -->` in pages/*.html). */
function composePage(file: string): string {
  const sections = new Map<string, string>();
  const parts = readFileSync(here(`./pages/${file}`), 'utf8').split(/^<!-- section: (\w+) -->\n/m);
  for (let i = 1; i < parts.length; i += 2) sections.set(parts[i] as string, (parts[i + 1] ?? '').replace(/\n$/, ''));
  return layout.replace(/\{\{!(title|intro|widgets|demo)\}\}/g, (_, name: string) => sections.get(name) ?? '');
}

export type Lang = 'zh-CN' | 'en';

/** The demo's shoppers: each browser tab is one of them (chosen in the page's top bar, kept per tab). */
export const demoShoppers: Record<string, Record<Lang, string>> = {
  alice: { 'zh-CN': '小美', en: 'Alice' },
  bob: { 'zh-CN': '阿强', en: 'Bob' },
  carol: { 'zh-CN': '小芳', en: 'Carol' },
  dave: { 'zh-CN': '大伟', en: 'Dave' },
};
export const demoFriendsOf = (shopperId: string) => Object.keys(demoShoppers).filter((id) => id !== shopperId);
/** A demo shopper's avatar initial: the given name's last character in Chinese (小美 → 美), else its first. */
const initialOf = (id: string, lang: Lang) => {
  const name = [...demoShoppers[id]![lang]];
  return (lang === 'en' ? name[0] : name.at(-1)) ?? '?';
};

/** A group-buy offer as the shop's pages word it. */
export interface ShopOffer {
  id: string;
  title: string;
  regularPrice: number;
  groupPrice: number;
  currency: string;
  teamSize: number;
  /** The page's picture (under /assets). */
  image?: string;
  stock?: number;
  tiers?: { members: number; price: number }[];
  winners?: number;
}

/** The other kinds of group buy (issue 15), one page each. */
export type GroupType = 'flashSale' | 'ladder' | 'lottery' | 'crossProduct' | 'newCustomer';

/** One storefront's Flock data (the demo seeds one per language, so each page shows its own language's). */
export interface Catalog {
  offer: ShopOffer;
  /** One offer of each other kind of group buy. */
  groupTypes: Record<GroupType, ShopOffer>;
  assistCampaigns: { priceCut: string; progress: string };
  referralProgramId: string;
  /** What the referral program pays, for the page's own words about it. */
  referralTerms: { bps: number; holdDays: number };
  /** Each demo shopper's voucher. */
  vouchers: Record<string, string>;
  /** The store whose counter redeems them, and its staff key (a real shop keeps it on the device). */
  store: string;
  staffKey: string;
}

/** Every page once: its route, template and shopper tab; the staff's counter has no tab and no shopper. */
const pages = [
  { path: '/', file: 'group-buy.html', tab: 'navGroupBuy', sub: 'navRegular' },
  { path: '/flash-sale', file: 'flash-sale.html', offer: 'flashSale', sub: 'navFlashSale' },
  { path: '/ladder', file: 'ladder.html', offer: 'ladder', sub: 'navLadder' },
  { path: '/lottery', file: 'lottery.html', offer: 'lottery', sub: 'navLottery' },
  { path: '/cross-product', file: 'cross-product.html', offer: 'crossProduct', sub: 'navCrossProduct' },
  { path: '/new-customer', file: 'new-customer.html', offer: 'newCustomer', sub: 'navNewCustomer' },
  { path: '/assist', file: 'assist.html', tab: 'navAssist' },
  { path: '/referral', file: 'referral.html', tab: 'navReferral' },
  { path: '/vouchers', file: 'vouchers.html', tab: 'navVouchers' },
  { path: '/counter', file: 'counter.html', staff: true },
] as const;

const strings = {
  'zh-CN': {
    pageTitle: '西湖龙井 · 拼团',
    productBlurb: '杭州西湖核心产区，清明前手工采摘。{teamSize}人成团，每人立省 {saving}。',
    demoShopper: '演示顾客',
    otherLang: 'EN',
    staffDevice: '店员设备',
    backToShop: '返回商城',
    checkoutTitle: '确认订单',
    total: '实付',
    friendGift: '好友专享券',
    free: '免费',
    payButton: '微信支付（演示）',
    claimButton: '确认领取',
    later: '稍后支付',
    notNow: '稍后再领',
    paidTitle: '支付成功',
    paidGroup: '已加入拼团，邀请好友一起拼，成团后发货',
    paidAlone: '订单已提交，我们会尽快发货',
    claimedTitle: '领取成功',
    claimedDetail: '奖励已加入订单，我们会尽快发货',
    done: '完成',
    payFailed: '支付未完成，请重试',
    whoTitle: '谁在打开这个链接？',
    whoBlurb: '演示：每个浏览器标签页代表一位顾客。选一位好友，看看 TA 收到链接后的页面。',
    demoNote: '演示：在两个标签页分别选两位顾客，一个开团，一个从分享链接参团。',
    skipDay: '快进 24 小时（查看拼团失败）',
    navGroupBuy: '拼团',
    groupTypes: '拼团玩法',
    navRegular: '普通拼团',
    navFlashSale: '秒杀',
    navLadder: '阶梯团',
    navLottery: '抽奖团',
    navCrossProduct: '拼单',
    navNewCustomer: '老带新',
    flashTitle: '限量秒杀 · 拼团',
    flashBlurb: '限量 {stock} 件，{teamSize} 人成团，每人只要 {groupPrice}。每个名额占一件库存，未付款或拼团失败会退回。',
    flashDemoNote: '演示：库存只有 {stock} 件。在几个标签页里各选一位顾客开团，库存随之减少；卖完后再开团会提示已售罄。',
    ladderSkipDay: '快进 24 小时（按已达档位成团）',
    ladderTitle: '阶梯团 · 人越多越便宜',
    ladderBlurb: '{tiers}。先按 {groupPrice} 付款，截止时按达到的档位退还差价。',
    ladderDemoNote:
      '演示：小美开团并支付，阿强、小芳依次从分享链接参团；满 {teamSize} 人即成团。也可以只凑 2 人后点“快进 24 小时”，团按已达到的档位成团并退差价。',
    lotteryTitle: '抽奖团 · 1 元抽紫砂壶',
    lotteryBlurb:
      '{groupPrice} 参团，满 {teamSize} 人开奖，{winners} 人中奖得紫砂壶；未中奖者获得一张满减券。开奖结果人人可验证。',
    lotteryDemoNote: '演示：四位顾客在四个标签页依次参团并支付；满团即开奖，页面显示中奖者和验证数据。',
    crossTitle: '拼单 · 任选一件一起拼',
    crossBlurb: '龙井、碧螺春、品茗杯任选一件，凑满 {teamSize} 人一起成团，各付各的拼团价，最低 {groupPrice}。',
    crossDemoNote: '演示：小美选一件开团，阿强、小芳从分享链接参团时各选自己想要的商品。',
    newCustomerTitle: '老带新 · 新客专享价',
    newCustomerBlurb: '团长不限；参团的朋友须是本店新客，{teamSize} 人成团，新客只要 {groupPrice}。',
    newCustomerDemoNote: '演示：阿强在本店买过东西（演示数据），从分享链接参团会被拒绝；小芳是新客，可以参团。',
    navAssist: '砍价助力',
    assistTitle: '好友助力 · 砍价免费拿',
    assistHeading: '邀请好友助力，好礼免费拿',
    assistBlurb: '发起砍价或助力，分享给好友，每位好友可帮你一次。',
    assistDemoNote: '演示：以小美发起并分享链接，在新标签页打开链接，依次选阿强、小芳、大伟帮她；回到小美的标签页领取。',
    navReferral: '分享赚钱',
    referralTitle: '分享赚佣金',
    referralHeading: '推荐好友购买，赚取佣金',
    referralBlurb: '成为推广员，分享链接或海报；好友通过你的链接下单，你赚 {percent} 佣金，{holdDays} 天退货期后可提现。',
    referralDemoNote:
      '演示：小美成为推广员并复制链接；在新标签页打开链接，选阿强，领取好友专享券，点“单独购买”并支付（立减¥10），小美的待结算佣金随即更新。',
    navVouchers: '我的券',
    vouchersTitle: '我的券',
    vouchersHeading: '我的券',
    vouchersBlurb: '到店出示二维码，店员扫码核销；扫不出时报出券码。二维码每分钟刷新。',
    vouchersDemoNote: '演示：在另一个标签页打开',
    openCounter: '门店核销（店员端）',
    vouchersDemoNoteAfter: '，用摄像头扫码，或输入二维码下方的 12 位券码。',
    counterTitle: '门店核销',
    counterHeading: '{store} · 扫码核销',
    counterBlurb: '店员扫描顾客出示的二维码，或输入 12 位券码；每个码只能核销一次。',
    counterDemoNote: '演示：这台设备使用“{store}”的店员密钥。',
  },
  en: {
    pageTitle: 'Longjing tea · Group buy',
    productBlurb: 'Hand-picked before Qingming in the heart of West Lake. Groups of {teamSize} save {saving} each.',
    demoShopper: 'Demo shopper',
    otherLang: '中文',
    staffDevice: 'Staff device',
    backToShop: 'Back to the shop',
    checkoutTitle: 'Confirm order',
    total: 'Total',
    friendGift: "Friend's gift",
    free: 'Free',
    payButton: 'Pay (demo)',
    claimButton: 'Claim it',
    later: 'Pay later',
    notNow: 'Not now',
    paidTitle: 'Payment successful',
    paidGroup: "You're in the group — invite friends; it ships once the group is full",
    paidAlone: "Order placed — we'll ship it soon",
    claimedTitle: 'Claimed',
    claimedDetail: "Your reward is on the order — we'll ship it soon",
    done: 'Done',
    payFailed: "Payment didn't go through — please try again",
    whoTitle: 'Who is opening this link?',
    whoBlurb: 'Demo: each browser tab is one shopper. Pick a friend to see the page they get from the link.',
    demoNote: 'Demo: pick two shoppers in two tabs; one starts a group, the other joins from the shared link.',
    skipDay: 'Skip 24 hours (see a group fail)',
    navGroupBuy: 'Group buy',
    groupTypes: 'Kinds of group buy',
    navRegular: 'Regular',
    navFlashSale: 'Flash sale',
    navLadder: 'Ladder',
    navLottery: 'Lottery',
    navCrossProduct: 'Mix & match',
    navNewCustomer: 'New customers',
    flashTitle: 'Flash sale · group buy',
    flashBlurb:
      'Only {stock} units: groups of {teamSize} pay {groupPrice} each. Every seat holds a unit; an unpaid seat or a failed group gives it back.',
    flashDemoNote:
      'Demo: there are only {stock} units. Start groups as different shoppers in a few tabs and watch the stock go down; once it is gone, a new group is refused as sold out.',
    ladderSkipDay: 'Skip 24 hours (close at the step reached)',
    ladderTitle: 'Ladder · the more join, the less each pays',
    ladderBlurb: '{tiers}. Pay {groupPrice} now; when the group closes, you are refunded down to the step it reached.',
    ladderDemoNote:
      'Demo: Alice starts a group and pays, then Bob and Carol join from her link; it succeeds at {teamSize}. Or stop at 2 and tap “Skip 24 hours”: it succeeds at the step reached and refunds the difference.',
    lotteryTitle: 'Lottery · a clay teapot for ¥1',
    lotteryBlurb:
      'Join for {groupPrice}; when {teamSize} have joined, {winners} wins the teapot and everyone else gets a voucher. Anyone can check the draw.',
    lotteryDemoNote:
      'Demo: four shoppers join and pay in four tabs; the draw happens as the group fills and the page shows the winner and the proof.',
    crossTitle: 'Mix & match · pick any one',
    crossBlurb:
      'Longjing, Biluochun or a tasting cup: pick one, fill a group of {teamSize}, each pays their item’s group price (from {groupPrice}).',
    crossDemoNote:
      'Demo: Alice picks an item and starts a group; Bob and Carol each pick their own when they join from her link.',
    newCustomerTitle: 'Bring a new friend',
    newCustomerBlurb: 'Anyone can start; friends who join must be new to the shop. Groups of {teamSize} pay {groupPrice} each.',
    newCustomerDemoNote:
      'Demo: Bob has bought here before (demo data), so joining from the link is refused for him; Carol is new and can join.',
    navAssist: 'Price cut',
    assistTitle: 'Friends help · get it free',
    assistHeading: 'Ask friends to help and get it free',
    assistBlurb: 'Start a price cut or a help campaign and share it; each friend can help once.',
    assistDemoNote:
      "Demo: start as Alice and share the link; open it in a new tab and pick Bob, Carol and Dave in turn to help her; then claim in Alice's tab.",
    navReferral: 'Share & earn',
    referralTitle: 'Share & earn',
    referralHeading: 'Recommend the tea, earn a commission',
    referralBlurb:
      'Become a promoter and share your link or poster; when a friend buys through it you earn {percent}, available after the {holdDays}-day return window.',
    referralDemoNote:
      "Demo: Alice becomes a promoter and copies her link; open it in a new tab, pick Bob, claim the friend's gift, tap Buy alone and pay (CN¥10 off) — Alice's pending commission updates at once.",
    navVouchers: 'My vouchers',
    vouchersTitle: 'My vouchers',
    vouchersHeading: 'My vouchers',
    vouchersBlurb:
      "Show the QR code at the counter for staff to scan, or read out the code if it won't scan. The code refreshes every minute.",
    vouchersDemoNote: 'Demo: open the ',
    openCounter: 'store counter (staff)',
    vouchersDemoNoteAfter: ' in another tab and scan the QR code, or type the 12-digit code under it.',
    counterTitle: 'Store counter',
    counterHeading: '{store} · scan to redeem',
    counterBlurb: 'Staff scan the QR code a shopper shows, or type its 12-digit code; each code redeems once.',
    counterDemoNote: "Demo: this device uses the {store}'s staff key.",
  },
} satisfies Record<Lang, Record<string, string>>;

/** The strings the page's script needs (checkout sheet, who-is-this sheet). */
const clientStrings = [
  'checkoutTitle',
  'free',
  'payButton',
  'claimButton',
  'later',
  'notNow',
  'paidTitle',
  'paidGroup',
  'paidAlone',
  'claimedTitle',
  'claimedDetail',
  'payFailed',
] as const;

/**
 * Money as the widgets write it (Intl's `symbol` display for the page's locale: ¥19.90 in Chinese,
 * CN¥19.90 in English), so the page and the widgets never disagree on a price.
 */
export function formatMoney(amountMinor: number, currency: string, lang: Lang): string {
  const format = new Intl.NumberFormat(lang, { style: 'currency', currency, currencyDisplay: 'symbol' });
  return format.format(amountMinor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

export interface ShopOptions {
  flockApi: string;
  publishableKey: string;
  secretKey: string;
  catalogs: Record<Lang, Catalog>;
  /** The shop's public origin, used for avatar URLs in shopper tokens. */
  origin: string;
  /** Demo only: moves the Flock server's clock forward. */
  skipDay?: () => Promise<void>;
}

export function createShopApp(options: ShopOptions) {
  const flock = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
    const response = await fetch(`${options.flockApi}/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${options.secretKey}`, 'content-type': 'application/json', ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const langOf = (c: Context): Lang => (c.req.query('lang') === 'en' ? 'en' : 'zh-CN');
  const tokenFor = async (shopperId: string, lang: Lang) =>
    (
      await flock('POST', '/shopper-tokens', {
        shopperId,
        displayName: demoShoppers[shopperId]![lang],
        avatarUrl: `${options.origin}${avatarPath(shopperId, initialOf(shopperId, lang))}`,
      })
    ).body.token as string;

  const render = async (c: Context, page: (typeof pages)[number], template: string) => {
    const lang = langOf(c);
    const t = strings[lang];
    const catalog = options.catalogs[lang];
    const offer = 'offer' in page ? catalog.groupTypes[page.offer] : catalog.offer;
    const money = (minor: number) => formatMoney(minor, offer.currency, lang);
    const fill = (text: string) =>
      text.replace(/\{(\w+)\}/g, (_, name: string) => {
        const vars: Record<string, string> = {
          teamSize: String(offer.teamSize),
          saving: money(offer.regularPrice - offer.groupPrice),
          groupPrice: money(offer.groupPrice),
          stock: String(offer.stock ?? ''),
          winners: String(offer.winners ?? ''),
          tiers: (offer.tiers ?? [])
            .map((tier) =>
              lang === 'en' ? `${tier.members} people: ${money(tier.price)}` : `${tier.members} 人 ${money(tier.price)}`,
            )
            .join(lang === 'en' ? ' · ' : '，'),
          percent: new Intl.NumberFormat(lang, { style: 'percent' }).format(catalog.referralTerms.bps / 10_000),
          holdDays: String(catalog.referralTerms.holdDays),
          store: catalog.store,
        };
        return vars[name] ?? name;
      });
    const staff = 'staff' in page && page.staff;
    // The shop knows who is shopping from its session; the demo lets each tab be any of its shoppers,
    // so the page carries each one's token and the tab's choice (sessionStorage) picks one. Share links
    // therefore never name a shopper: a friend who opens one is whoever their own tab is.
    const shoppers = staff
      ? null
      : Object.fromEntries(
          await Promise.all(
            Object.keys(demoShoppers).map(async (id) => [
              id,
              {
                name: demoShoppers[id]![lang],
                avatar: avatarPath(id, initialOf(id, lang)),
                token: await tokenFor(id, lang),
                voucher: catalog.vouchers[id] ?? '',
              },
            ]),
          ),
        );
    const pageData = {
      lang,
      shoppers,
      product: {
        offerId: offer.id,
        title: offer.title,
        image: offer.image ?? '/assets/tea.svg',
        regularPrice: offer.regularPrice,
        currency: offer.currency,
      },
      strings: Object.fromEntries(clientStrings.map((key) => [key, t[key]])),
    };
    const langQuery = (l: Lang) => (l === 'en' ? '?lang=en' : '');
    const otherLang: Lang = lang === 'en' ? 'zh-CN' : 'en';
    // A kind of group buy's page sits under the Group buy tab, with the kinds as a row of links.
    const groupBuyPage = 'sub' in page;
    const tabs = pages
      .filter((p) => 'tab' in p)
      .map(
        (p) =>
          `<a href="${p.path}${langQuery(lang)}"${p.path === page.path || (groupBuyPage && p.path === '/') ? ' aria-current="page"' : ''}>${escapeHtml(t[(p as { tab: keyof typeof t }).tab])}</a>`,
      )
      .join('');
    const kinds = groupBuyPage
      ? `<nav class="kinds" aria-label="${escapeHtml(t.groupTypes)}">${pages
          .filter((p) => 'sub' in p)
          .map(
            (p) =>
              `<a href="${p.path}${langQuery(lang)}"${p.path === page.path ? ' aria-current="page"' : ''}>${escapeHtml(t[(p as { sub: keyof typeof t }).sub])}</a>`,
          )
          .join('')}</nav>`
      : '';
    const who = staff
      ? `<span class="device">${escapeHtml(t.staffDevice)} · <b>${escapeHtml(catalog.store)}</b></span>
        <a class="back" href="/${langQuery(lang)}">${escapeHtml(t.backToShop)}</a>`
      : `<div class="who" role="group" aria-label="${escapeHtml(t.demoShopper)}">${Object.keys(demoShoppers)
          .map(
            (id) =>
              `<button type="button" data-shopper="${id}" aria-pressed="false"><img src="${escapeHtml(avatarPath(id, initialOf(id, lang)))}" alt="" />${escapeHtml(demoShoppers[id]![lang])}</button>`,
          )
          .join('')}</div>`;
    const values: Record<string, string> = {
      lang,
      flockApi: options.flockApi,
      publishableKey: options.publishableKey,
      offerId: offer.id,
      priceCutCampaignId: catalog.assistCampaigns.priceCut,
      progressCampaignId: catalog.assistCampaigns.progress,
      referralProgramId: catalog.referralProgramId,
      staffKey: catalog.staffKey,
      offerTitle: offer.title,
      otherLang,
      otherLangHref: `${page.path}${langQuery(otherLang)}`,
      counterHref: `/counter${langQuery(lang)}`,
      pageData: JSON.stringify(pageData),
    };
    const html = template
      .replace(/\{\{(t\.)?(\w+)\}\}/g, (_, isString: string | undefined, key: string) =>
        escapeHtml(isString ? fill((t as Record<string, string>)[key] ?? key) : (values[key] ?? '')),
      )
      .replace('{{!who}}', () => who)
      .replace('{{!tabs}}', () => (staff ? '' : `<nav class="tabs">${tabs}</nav>${kinds}`));
    return c.html(html);
  };

  const app = new Hono();
  for (const page of pages) {
    const template = composePage(page.file);
    app.get(page.path, (c) => render(c, page, template));
  }

  /** Tells Flock about a paid order, with the referral attribution this browser arrived with. */
  const reportOrder = (
    c: Context,
    order: {
      orderRef: string;
      amount: number;
      currency: string;
      shopperId: string;
      reservationId?: string;
      friendCoupon?: string;
    },
  ) => flock('POST', '/orders', { ...order, attributionId: readAttributionCookie(c.req.header('cookie')) });
  /**
   * The friend's coupon (docs/promoter-growth.md) the shopper claimed on this storefront, when `code` is it,
   * still unused and the amount reaches its minimum spend: read from Flock, never taken from the page.
   */
  const friendCouponFor = async (c: Context, shopperId: string, code: unknown, amount: number) => {
    if (typeof code !== 'string') return undefined;
    const programId = options.catalogs[langOf(c)].referralProgramId;
    const mine = await flock('GET', `/referral-programs/${encodeURIComponent(programId)}/friend-reward`, undefined, {
      'flock-shopper': await tokenFor(shopperId, langOf(c)),
    });
    const reward = mine.status === 200 ? mine.body.reward : null;
    const usable = reward?.code === code && reward.kind === 'amount_off' && !reward.usedAt && amount >= reward.minSpend;
    return usable ? { code, amountOff: reward.amountOff as number } : undefined;
  };
  /** The demo's checkout says which shopper pays (a real shop knows it from its session). */
  const shopperIn = (body: { shopper?: unknown }) =>
    typeof body.shopper === 'string' && demoShoppers[body.shopper] ? body.shopper : undefined;

  app.post('/checkout/pay', async (c) => {
    // A real shop charges the card here; only after that does it confirm the Flock reservation.
    const body = await c.req.json<{ reservationId: string; shopper?: string }>();
    const shopperId = shopperIn(body);
    if (!shopperId) return c.json({ error: { code: 'invalid_request', message: 'Which shopper pays?' } }, 400);
    const orderRef = `demo-order-${body.reservationId}`;
    const confirmed = await flock('POST', `/reservations/${encodeURIComponent(body.reservationId)}/confirm`, { orderRef });
    if (confirmed.status === 200) {
      await reportOrder(c, {
        orderRef,
        amount: confirmed.body.price,
        currency: confirmed.body.currency,
        shopperId,
        reservationId: body.reservationId,
      });
    }
    return c.json(confirmed.body, confirmed.status as 200);
  });
  app.post('/checkout/buy', async (c) => {
    // "Buy alone" at the regular price: an ordinary order, which may still earn a promoter commission.
    const body = await c.req.json<{ shopper?: string; offerId?: string; friendCoupon?: string }>();
    const shopperId = shopperIn(body);
    if (!shopperId) return c.json({ error: { code: 'invalid_request', message: 'Which shopper pays?' } }, 400);
    // The page's offer (one of this storefront's), else the main one; its price is the shop's, never the page's.
    const catalog = options.catalogs[langOf(c)];
    const offer = Object.values(catalog.groupTypes).find((o) => o.id === body.offerId) ?? catalog.offer;
    const orderRef = `demo-order-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    // A friend's coupon takes its amount off; the order still earns the promoter's commission.
    const coupon = await friendCouponFor(c, shopperId, body.friendCoupon, offer.regularPrice);
    const reported = await reportOrder(c, {
      orderRef,
      amount: offer.regularPrice - (coupon?.amountOff ?? 0),
      currency: offer.currency,
      shopperId,
      ...(coupon && { friendCoupon: coupon.code }),
    });
    return c.json(reported.body, reported.status as 200);
  });
  app.post('/checkout/claim', async (c) => {
    // A completed assist's reward: the shop sells it at the assist's price, read from Flock (never
    // from the page), and only to the assist's owner while the claim window is open.
    const body = await c.req.json<{ assistId: string; shopper?: string }>();
    const shopperId = shopperIn(body);
    if (!shopperId) return c.json({ error: { code: 'invalid_request', message: 'Which shopper claims?' } }, 400);
    const assist = await flock('GET', `/assists/${encodeURIComponent(body.assistId)}`, undefined, {
      'flock-shopper': await tokenFor(shopperId, langOf(c)),
    });
    if (assist.status !== 200) return c.json(assist.body, assist.status as 404);
    const { status, viewer, purchaseBy, serverNow, currentPrice, currency, title } = assist.body;
    const open = status === 'completed' && viewer?.isOwner && purchaseBy && Date.parse(purchaseBy) > Date.parse(serverNow);
    if (!open) return c.json({ error: { code: 'not_claimable', message: 'This reward cannot be claimed.' } }, 409);
    return c.json({ orderRef: `demo-claim-${body.assistId}`, title, amount: currentPrice ?? 0, currency }, 201);
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
  const assets: Record<string, string> = {
    'tea.svg': 'image/svg+xml',
    'teapot.svg': 'image/svg+xml',
    'shop.css': 'text/css',
    'shop.js': 'text/javascript',
  };
  app.get('/assets/:file', (c, next) => {
    const file = c.req.param('file');
    const type = assets[file];
    if (!type) return next();
    return c.body(readFileSync(here(`./public/${file}`)), 200, { 'content-type': `${type}; charset=utf-8` });
  });
  app.get('/assets/avatar/:file', (c) => {
    const id = c.req.param('file').replace(/\.svg$/, '');
    return c.body(avatarSvg(id, c.req.query('initial') || undefined), 200, { 'content-type': 'image/svg+xml' });
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
