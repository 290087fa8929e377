import type { BecomePromoterResponse, PromoterStats, ReferralClick, ReferralProgram } from '@flock/sdk';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { BarcodeDetector } from 'barcode-detector/ponyfill';
import '../define.js';
import {
  expectAccessible,
  focusBefore,
  holdApiRequests,
  liveRegionText,
  sendKeys,
  startFixtureServer,
  tabTo,
} from '../../test/a11y.js';
import {
  advanceClock,
  expectLoadingSkeleton,
  findButton,
  fixtureApi,
  mountInProvider,
  shadowText,
  tokenFor,
  untilLiveStreamOpen,
  untilShows,
} from '../../test/fixture-client.js';
import { serveZxingLocally } from '../../test/zxing.js';
import { drawPoster, POSTER_HEIGHT, POSTER_WIDTH, wrap } from './poster.js';
import type { FlockPosterReadyEvent, FlockPromoterJoinedEvent } from './referral-card.events.js';
import type { FlockReferralCard } from './referral-card.js';
import { commissionRule, referralCardView, statsFigures } from './referral-card-state.js';

serveZxingLocally();

// These tests drive a real Flock server started by the test runner (web-test-runner.config.js);
// /__flock/* plays the shop's backend and other shoppers' phones.
const productUrl = `${location.origin}/products/longjing`;
const imageUrl = `${location.origin}/__flock/product.svg`;
const createProgram = (overrides: Record<string, unknown> = {}, product: Record<string, unknown> = {}) =>
  fixtureApi<ReferralProgram>('program', {
    name: 'Longjing promoters',
    commission: { type: 'percent', bps: 1000 },
    holdDays: 7,
    attributionWindowDays: 30,
    ...overrides,
    product: { title: 'Longjing green tea 250 g', imageUrl, price: 2990, currency: 'CNY', url: productUrl, ...product },
  });
const names: Record<string, string> = { alice: 'Alice', bob: 'Bob', xiaomei: '小美' };
const shopper = (id: string) => ({ shopperId: id, displayName: names[id] ?? id });
const tokenOf = (id: string) => tokenFor(id, shopper(id).displayName);
/** Makes `id` a promoter from their own phone; returns the promoter and that phone's address. */
const becomePromoter = (programId: string, id: string) =>
  fixtureApi<BecomePromoterResponse & { ip: string }>('become-promoter', { programId, shopper: shopper(id) });
const clickLink = (code: string) => fixtureApi<ReferralClick>('click', { code });
let orders = 0;
const reportOrder = (body: Record<string, unknown>) =>
  fixtureApi('order', { orderRef: `order-${Date.now()}-${++orders}`, amount: 2990, currency: 'CNY', ...body });

async function mount(options: { program: string; shopper?: string; locale?: string; promoterName?: string }) {
  const token = options.shopper ? await tokenOf(options.shopper) : '';
  return mountInProvider<FlockReferralCard>(
    html`<flock-referral-card program=${options.program} promoter-name=${options.promoterName ?? ''}></flock-referral-card>`,
    { token, locale: options.locale },
  );
}

/** Its buttons, and the links styled as buttons. */
const button = (el: FlockReferralCard, label: string | RegExp) => findButton<HTMLElement>(el, label, 'button, a.button');
/** A figure of the stats panel by its label: "Pending" → "¥2.99". */
const figure = (el: FlockReferralCard, label: string) => {
  const row = [...(el.shadowRoot?.querySelectorAll('[part~="stats"] dl > div') ?? [])].find(
    (div) => div.querySelector('dt')?.textContent?.trim() === label,
  );
  return row?.querySelector('dd')?.textContent?.trim();
};
const available = (el: FlockReferralCard) => el.shadowRoot?.querySelector('.available-amount')?.textContent?.trim();
const closePoster = (el: FlockReferralCard) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.close')!.click();
const shareUrlOf = (el: FlockReferralCard) => el.shadowRoot?.querySelector('.link-url')?.textContent?.trim() ?? '';

/** Replaces a navigator (or document) property for one test. */
function stub(target: object, name: string, value: unknown): () => void {
  Object.defineProperty(target, name, { value, configurable: true, writable: true });
  return () => {
    delete (target as Record<string, unknown>)[name];
  };
}

/** Decodes every QR code in a PNG with ZXing (the barcode-detector ponyfill). */
async function decodeQr(blob: Blob): Promise<string[]> {
  const bitmap = await createImageBitmap(blob);
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  return (await detector.detect(bitmap)).map((code) => code.rawValue);
}

/** A signed-in promoter's card, settled. */
async function promoterCard(options: { shopper?: string; locale?: string; program?: Record<string, unknown> } = {}) {
  const program = await createProgram(options.program);
  const who = options.shopper ?? 'alice';
  const joined = await becomePromoter(program.id, who);
  const el = await mount({ program: program.id, shopper: who, locale: options.locale });
  await waitUntil(() => shareUrlOf(el) === joined.shareUrl, 'the promoter link shows', { timeout: 8000 });
  return { el, program, joined };
}

describe('referral card state', () => {
  const program = {
    id: 'prg_1',
    name: 'p',
    commission: { type: 'percent', bps: 1250 },
    secondLevelBps: null,
    holdDays: 7,
    attributionWindowDays: 30,
    product: { title: 'Tea', imageUrl: null, price: 2990, currency: 'CNY', url: 'https://shop.example/tea' },
    status: 'active',
    tiers: null,
    firstOrderReward: null,
    newPromoterBoost: null,
    friendReward: null,
    serverNow: new Date().toISOString(),
  } satisfies ReferralProgram;
  const stats = (over: Partial<PromoterStats> = {}): PromoterStats => ({
    promoter: { id: 'pro_1', code: 'ABCD1234', programId: 'prg_1' },
    program,
    shareUrl: 'https://shop.example/tea?flock_ref=ABCD1234',
    clicks: 0,
    orders: 0,
    pending: 0,
    underReview: 0,
    available: 0,
    paid: 0,
    currency: 'CNY',
    commission30d: 0,
    tier: null,
    nextTier: null,
    toNextTier: null,
    rateBps: 1250,
    boostEndsAt: null,
    firstOrderReward: null,
    showOnLeaderboard: true,
    serverNow: new Date().toISOString(),
    ...over,
  });

  it('derives every view', () => {
    const loaded = <T>(data: T) => ({ data, loading: false });
    expect(referralCardView({ signedIn: true, stats: undefined, program: undefined, poster: undefined }).kind).to.equal(
      'loading',
    );
    expect(referralCardView({ signedIn: false, stats: undefined, program: undefined, poster: undefined }).kind).to.equal(
      'loading',
    );
    expect(referralCardView({ signedIn: false, stats: undefined, program: loaded(program), poster: undefined })).to.deep.include({
      kind: 'join',
      signedIn: false,
    });
    expect(
      referralCardView({
        signedIn: true,
        stats: loaded(stats({ promoter: null, shareUrl: null })),
        program: undefined,
        poster: undefined,
      }),
    ).to.deep.include({ kind: 'join', signedIn: true });
    expect(referralCardView({ signedIn: true, stats: loaded(stats()), program: undefined, poster: undefined })).to.deep.include({
      kind: 'promoter',
      shareUrl: 'https://shop.example/tea?flock_ref=ABCD1234',
    });
    expect(
      referralCardView({ signedIn: true, stats: loaded(stats()), program: undefined, poster: { status: 'drawing' } }).kind,
    ).to.equal('poster');
    const failed = { loading: false, error: { code: 'not_found' } };
    expect(referralCardView({ signedIn: true, stats: failed, program: undefined, poster: undefined })).to.deep.equal({
      kind: 'load-error',
      code: 'not_found',
    });
    // A refused token shows the program as to a guest.
    const refused = { loading: false, error: { code: 'shopper_token_expired' } };
    expect(referralCardView({ signedIn: true, stats: refused, program: loaded(program), poster: undefined })).to.deep.include({
      kind: 'join',
      signedIn: false,
    });
  });

  it('words the commission rule and lists under review only when something is held', () => {
    expect(commissionRule(program)).to.deep.equal({ type: 'percent', percent: 12.5, estimate: 373, currency: 'CNY' });
    expect(commissionRule({ ...program, commission: { type: 'fixed', amount: 500, currency: 'CNY' } })).to.deep.equal({
      type: 'fixed',
      amount: 500,
      currency: 'CNY',
    });
    expect(statsFigures(stats()).map((f) => f.key)).to.deep.equal(['pending', 'paid']);
    expect(statsFigures(stats({ underReview: 1 })).map((f) => f.key)).to.deep.equal(['pending', 'underReview', 'paid']);
  });

  it('wraps titles by word in English and by character in Chinese, with an ellipsis on the last line', () => {
    const ctx = { measureText: (s: string) => ({ width: [...s].length * 10 }) as TextMetrics };
    expect(wrap(ctx, 'Longjing green tea', 100, 2)).to.deep.equal(['Longjing', 'green tea']);
    expect(wrap(ctx, '明前西湖龙井礼盒装', 50, 2)).to.deep.equal(['明前西湖龙', '井礼盒装']);
    expect(wrap(ctx, '明前西湖龙井礼盒装二五零克', 50, 2)).to.deep.equal(['明前西湖龙', '井礼盒装…']);
  });
});

describe('<flock-referral-card>', () => {
  before(startFixtureServer);

  it('shows a loading skeleton, then the pitch with the commission rule and the join button', async () => {
    const program = await createProgram({ secondLevelBps: 200 });
    const release = holdApiRequests();
    const el = await mount({ program: program.id, shopper: 'bob' });
    await expectLoadingSkeleton(el, release);
    await untilShows(el, 'Become a promoter');
    expect(shadowText(el)).to.include('Longjing green tea 250 g');
    expect(shadowText(el)).to.include('CN¥29.90');
    expect(shadowText(el)).to.include('Share & earn');
    expect(shadowText(el)).to.include('Earn 10% on every order');
    expect(shadowText(el)).to.include("That's about CN¥2.99 on a CN¥29.90 order");
    expect(shadowText(el)).to.include('Earn CN¥2.99');
    expect(shadowText(el)).to.include('Commission can be withdrawn 7 days after the order');
    expect(shadowText(el)).to.include('earn 2% more on their sales');
    expect(el.shadowRoot?.querySelector('[style]'), 'no style attributes (strict CSP)').to.equal(null);
    await expectAccessible(el, 'join');
  });

  it('shows the pitch in Chinese, with a fixed commission', async () => {
    const program = await createProgram({ commission: { type: 'fixed', amount: 500, currency: 'CNY' } });
    const el = await mount({ program: program.id, shopper: 'bob', locale: 'zh-CN' });
    await untilShows(el, '成为推广员');
    expect(shadowText(el)).to.include('分享赚佣金');
    expect(shadowText(el)).to.include('每成交一单赚 ¥5.00');
    expect(shadowText(el)).to.include('赚 ¥5.00');
    expect(shadowText(el)).to.include('订单完成 7 天后佣金可提现');
    expect(shadowText(el)).to.include('好友下单赚佣金');
    await expectAccessible(el, 'join-fixed (zh-CN)');
  });

  it('speaks Taiwan’s Traditional Chinese with locale zh-TW', async () => {
    const program = await createProgram(
      { commission: { type: 'fixed', amount: 5000, currency: 'TWD' } },
      { price: 59900, currency: 'TWD' },
    );
    const el = await mount({ program: program.id, shopper: 'bob', locale: 'zh-TW' });
    await untilShows(el, '成為推廣員');
    expect(shadowText(el)).to.include('分享賺佣金');
    expect(shadowText(el)).to.include('每成交一筆賺 NT$50');
    expect(shadowText(el)).to.include('NT$599');
    expect(shadowText(el)).to.include('訂單完成 7 天後佣金可提領');
    await expectAccessible(el, 'join-fixed (zh-TW)');
  });

  it('asks a guest to sign in instead of offering the button', async () => {
    const program = await createProgram();
    const el = await mount({ program: program.id });
    await untilShows(el, 'Sign in to become a promoter');
    expect(() => button(el, 'Become a promoter')).to.throw();
    await expectAccessible(el, 'join-guest');
    const zh = await mount({ program: program.id, locale: 'zh-CN' });
    await untilShows(zh, '登录后即可成为推广员');
    await expectAccessible(zh, 'join-guest (zh-CN)');
  });

  it('joins in one tap, fires flock-promoter-joined, then shows the link and zero figures', async () => {
    const program = await createProgram();
    const el = await mount({ program: program.id, shopper: 'bob' });
    await untilShows(el, 'Become a promoter');
    const joined = oneEvent(el, 'flock-promoter-joined') as Promise<FlockPromoterJoinedEvent>;
    button(el, 'Become a promoter').click();
    const { promoter, shareUrl } = (await joined).detail;
    expect(promoter.programId).to.equal(program.id);
    expect(new URL(shareUrl).searchParams.get('flock_ref')).to.equal(promoter.code);
    expect(shareUrl.startsWith(productUrl)).to.equal(true);
    await waitUntil(() => shareUrlOf(el) === shareUrl, 'the link shows');
    expect(shadowText(el)).to.include('Your link');
    expect(available(el)).to.equal('CN¥0.00');
    expect(figure(el, 'Pending')).to.equal('CN¥0.00');
    expect(figure(el, 'Paid out')).to.equal('CN¥0.00');
    expect(figure(el, 'Clicks')).to.equal('0');
    expect(figure(el, 'Orders')).to.equal('0');
    expect(figure(el, 'Under review'), 'under review only when something is held').to.equal(undefined);
    await expectAccessible(el, 'promoter');
  });

  it('works from the keyboard: join with Enter, open the poster, Escape closes it and focus returns', async () => {
    const program = await createProgram();
    const el = await mount({ program: program.id, shopper: 'kim' });
    await untilShows(el, 'Become a promoter');
    focusBefore(el);
    await tabTo(el, (f) => f.textContent?.includes('Become a promoter') ?? false, { maxPresses: 1 });
    const joined = oneEvent(el, 'flock-promoter-joined');
    await sendKeys({ press: 'Enter' });
    await joined;
    // The pressed button is gone: focus lands on "Make a poster", not on <body>.
    await waitUntil(() => el.shadowRoot?.activeElement?.textContent?.includes('Make a poster'), 'focus on the poster button');
    // Shift+Tab walks back through the link's controls in reading order.
    await tabTo(el, (f) => f.textContent?.includes('Share link') ?? false, { backwards: true, maxPresses: 1 });
    await tabTo(el, (f) => f.textContent?.includes('Copy link') ?? false, { backwards: true, maxPresses: 1 });
    await tabTo(el, (f) => f.textContent?.includes('Make a poster') ?? false, { maxPresses: 2 });
    const ready = oneEvent(el, 'flock-poster-ready');
    await sendKeys({ press: 'Enter' });
    await ready;
    await waitUntil(() => el.shadowRoot?.querySelector('img[part~="poster"]'), 'poster shown');
    expect(el.shadowRoot?.activeElement?.id, 'focus on the poster title').to.equal('poster-title');
    await tabTo(el, (f) => f.getAttribute('aria-label') === 'Close poster', { maxPresses: 1 });
    await sendKeys({ press: 'Escape' });
    await untilShows(el, 'Make a poster');
    expect(el.shadowRoot?.querySelector('img[part~="poster"]')).to.equal(null);
    await waitUntil(
      () => el.shadowRoot?.activeElement?.textContent?.includes('Make a poster'),
      'focus back on the poster button',
    );
  });

  it('shows the promoter view in Chinese', async () => {
    const { el } = await promoterCard({ shopper: 'xiaomei', locale: 'zh-CN' });
    for (const word of [
      '我的推广链接',
      '复制链接',
      '分享给好友',
      '生成推广海报',
      '我的收益',
      '可提现',
      '待结算',
      '已提现',
      '浏览',
      '成交',
    ]) {
      expect(shadowText(el)).to.include(word);
    }
    expect(shadowText(el)).not.to.include('审核中');
    await expectAccessible(el, 'promoter (zh-CN)');
  });

  it('copies the link inside the tap (Safari), and says "Copied"', async () => {
    const { el, joined } = await promoterCard({ locale: 'zh-CN' });
    let copied: string | undefined;
    const restore = stub(navigator, 'clipboard', {
      writeText: async (value: string) => {
        copied = value;
      },
    });
    try {
      button(el, '复制链接').click();
      // Written synchronously in the click, before any await: Safari allows nothing later.
      expect(copied).to.equal(joined.shareUrl);
      await untilShows(el, '已复制');
    } finally {
      restore();
    }
    expect(liveRegionText(el)).to.include('已复制');
    await expectAccessible(el, 'copied (zh-CN)');
  });

  it('falls back to execCommand("copy") where the Clipboard API is missing (WeChat)', async () => {
    const { el, joined } = await promoterCard();
    let selected: string | undefined;
    const restore = [
      stub(navigator, 'clipboard', undefined),
      stub(document, 'execCommand', (command: string) => {
        selected = command === 'copy' ? (document.activeElement as HTMLTextAreaElement).value : undefined;
        return command === 'copy';
      }),
    ];
    try {
      button(el, 'Copy link').click();
      await untilShows(el, 'Copied');
      expect(selected).to.equal(joined.shareUrl);
    } finally {
      for (const undo of restore) undo();
    }
    expect(document.querySelector('textarea'), 'the helper textarea is gone').to.equal(null);
  });

  it('shows the link to copy by hand when nothing can copy it', async () => {
    const { el, joined } = await promoterCard();
    const restore = [stub(navigator, 'clipboard', undefined), stub(document, 'execCommand', () => false)];
    try {
      button(el, 'Copy link').click();
      await untilShows(el, `Copy this link: ${joined.shareUrl}`);
      await expectAccessible(el, 'copy failed');
    } finally {
      for (const undo of restore) undo();
    }
  });

  it('opens the native share sheet with the link', async () => {
    const { el, joined } = await promoterCard();
    let shared: ShareData | undefined;
    const restore = stub(navigator, 'share', async (data: ShareData) => {
      shared = data;
    });
    try {
      button(el, 'Share link').click();
      await waitUntil(() => shared, 'share sheet opened');
    } finally {
      restore();
    }
    expect(shared?.url).to.equal(joined.shareUrl);
    expect(shared?.text).to.equal("I think you'll like Longjing green tea 250 g");
  });

  it('updates the figures live as friends click and buy, without a refresh', async () => {
    const { el, joined } = await promoterCard();
    await untilLiveStreamOpen(el);
    const click = await clickLink(joined.promoter.code);
    await waitUntil(() => figure(el, 'Clicks') === '1', 'click counted live', { timeout: 5000 });
    const announcedBefore = liveRegionText(el);
    await reportOrder({ attributionId: click.attributionId, shopperId: 'friend-1' });
    await waitUntil(() => figure(el, 'Orders') === '1', 'order counted live', { timeout: 5000 });
    // The order the stream brought in is announced; clicks alone are not (they would chatter).
    await waitUntil(() => liveRegionText(el) !== announcedBefore, 'live region announced the order', { timeout: 5000 });
    expect(liveRegionText(el)).to.include('CN¥2.99');
    await waitUntil(() => figure(el, 'Pending') === 'CN¥2.99', 'pending commission live', { timeout: 5000 });
    expect(available(el)).to.equal('CN¥0.00');
    // After the hold (7 days), the commission becomes available.
    await advanceClock(7 * 86400 + 60);
    await waitUntil(() => available(el) === 'CN¥2.99', 'available after the hold', { timeout: 5000 });
    expect(figure(el, 'Pending')).to.equal('CN¥0.00');
    await fixtureApi('payout', { promoterId: joined.promoter.id, payout: { amount: 299, reference: 'wechat-pay-1' } });
    await waitUntil(() => figure(el, 'Paid out') === 'CN¥2.99', 'paid out live', { timeout: 5000 });
    expect(available(el)).to.equal('CN¥0.00');
  });

  it('shows commission held for review as "under review"', async () => {
    const { el, joined } = await promoterCard({ locale: 'zh-CN' });
    await untilLiveStreamOpen(el);
    const click = await clickLink(joined.promoter.code);
    // Bought from the promoter's own phone: held until the merchant looks at it.
    await reportOrder({ attributionId: click.attributionId, shopperId: 'friend-2', ip: joined.ip });
    await waitUntil(() => figure(el, '审核中') === '¥2.99', 'under review live', { timeout: 5000 });
    expect(figure(el, '待结算')).to.equal('¥0.00');
    await expectAccessible(el, 'stats with under review (zh-CN)');
  });

  it('makes a poster PNG whose QR code decodes back to the link', async () => {
    const { el, joined } = await promoterCard({ locale: 'zh-CN' });
    const ready = oneEvent(el, 'flock-poster-ready') as Promise<FlockPosterReadyEvent>;
    button(el, '生成推广海报').click();
    await el.updateComplete;
    expect(shadowText(el)).to.include('海报生成中…');
    expect(liveRegionText(el)).to.include('海报生成中…');
    const { blob, url } = (await ready).detail;
    expect(blob.type).to.equal('image/png');
    await waitUntil(() => el.shadowRoot?.querySelector('img[part~="poster"]'), 'poster shown');
    const img = el.shadowRoot?.querySelector<HTMLImageElement>('img[part~="poster"]');
    expect(img!.getAttribute('src')).to.equal(url);
    expect(img!.alt).to.include('推广海报');
    await img!.decode();
    // Scaled by devicePixelRatio (1 in this browser).
    expect([img!.naturalWidth, img!.naturalHeight]).to.deep.equal([
      POSTER_WIDTH * devicePixelRatio,
      POSTER_HEIGHT * devicePixelRatio,
    ]);
    expect(await decodeQr(blob)).to.deep.equal([joined.shareUrl]);
    expect(shadowText(el)).to.include('长按海报可保存或发送给好友');
    const download = button(el, '保存图片') as HTMLAnchorElement;
    expect(download.href).to.equal(url);
    expect(download.download).to.equal('推广海报.png');
    expect(liveRegionText(el)).to.include('长按海报可保存或发送给好友');
    await expectAccessible(el, 'poster (zh-CN)');
    // Closing it frees the image.
    closePoster(el);
    await untilShows(el, '生成推广海报');
    expect(el.shadowRoot?.querySelector('img[part~="poster"]')).to.equal(null);
  });

  it('draws the poster with a placeholder when the product image cannot load, at most at 2×', async () => {
    const blob = await drawPoster(
      {
        title: 'A tea whose picture is gone',
        price: '¥29.90',
        imageUrl: `${location.origin}/__flock/missing.png`,
        recommender: 'Alice recommends',
        tagline: "Thought you'd like this",
        initial: 'A',
        scan: 'Scan the QR code',
        scanSub: 'to see the product',
        url: 'https://shop.example/products/tea?flock_ref=ABCD2345',
        fontFamily: 'sans-serif',
        brand: '#e0061d',
      },
      { pixelRatio: 3, imageTimeoutMs: 2000 },
    );
    const bitmap = await createImageBitmap(blob);
    expect([bitmap.width, bitmap.height]).to.deep.equal([POSTER_WIDTH * 2, POSTER_HEIGHT * 2]);
    expect(await decodeQr(blob)).to.deep.equal(['https://shop.example/products/tea?flock_ref=ABCD2345']);
  });

  it('shares the poster as a file where the share sheet takes files', async () => {
    const { el, joined } = await promoterCard();
    button(el, 'Make a poster').click();
    await waitUntil(() => el.shadowRoot?.querySelector('img[part~="poster"]'), 'poster shown');
    let shared: ShareData | undefined;
    const restore = [
      stub(navigator, 'canShare', (data: ShareData) => Boolean(data.files?.every((file) => file.type === 'image/png'))),
      stub(navigator, 'share', async (data: ShareData) => {
        shared = data;
      }),
    ];
    try {
      button(el, 'Share poster').click();
      await waitUntil(() => shared, 'share sheet opened');
    } finally {
      for (const undo of restore) undo();
    }
    expect(shared?.files?.[0]?.name).to.equal('poster.png');
    expect(shared?.files?.[0]?.type).to.equal('image/png');
    expect(shared?.text).to.include(joined.shareUrl);
  });

  it('puts the promoter name from the shopper token on the poster, or the one the page gives', async () => {
    // The name is drawn, not written: check through what the card passes to the canvas.
    const { el } = await promoterCard({ shopper: 'xiaomei', locale: 'zh-CN' });
    const drawn: string[] = [];
    const original = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, value: string, x: number, y: number) {
      drawn.push(value);
      return original.call(this, value, x, y);
    };
    try {
      button(el, '生成推广海报').click();
      await waitUntil(() => el.shadowRoot?.querySelector('img[part~="poster"]'), 'poster shown');
      expect(drawn).to.include('小美 推荐');
      expect(drawn).to.include('¥29.90');
      expect(drawn).to.include('长按识别二维码');
      el.promoterName = '小美的茶铺';
      closePoster(el);
      await untilShows(el, '生成推广海报');
      button(el, '生成推广海报').click();
      await waitUntil(() => drawn.includes('小美的茶铺 推荐'), 'the page-given name drawn');
    } finally {
      CanvasRenderingContext2D.prototype.fillText = original;
    }
  });

  it('shows a "tap ··· to share" hint instead of the share button inside WeChat', async () => {
    const restore = stub(navigator, 'userAgent', `${navigator.userAgent} MicroMessenger/8.0.47`);
    try {
      const { el } = await promoterCard({ locale: 'zh-CN' });
      expect(shadowText(el)).to.include('点击右上角 ··· 分享给好友');
      expect(() => button(el, '分享给好友')).to.throw();
      expect(button(el, '生成推广海报')).to.exist;
    } finally {
      restore();
    }
  });

  it('shows a visible error for an unknown program, without a retry button', async () => {
    const el = await mount({ program: 'prg_doesnotexist0000000', shopper: 'alice' });
    await untilShows(el, "We couldn't find this referral program");
    expect(() => button(el, 'Try again')).to.throw();
    await expectAccessible(el, 'load-error');
    const zh = await mount({ program: 'prg_doesnotexist0000000', locale: 'zh-CN' });
    await untilShows(zh, '没有找到这个推广活动');
    await expectAccessible(zh, 'load-error (zh-CN)');
  });
});

describe('<flock-referral-card> growth kit (tier, share kit, history, suggestions, leaderboard switch)', () => {
  const addMaterial = (programId: string, material: Record<string, unknown>) =>
    fixtureApi<{ id: string }>('material', { programId, material });
  const growthPart = (el: FlockReferralCard, part: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`);
  /** A button of the share kit by its label. */
  const kitButton = (el: FlockReferralCard, label: string) => {
    const found = [...(growthPart(el, 'share-kit')?.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent?.trim() === label,
    );
    if (!found) throw new Error(`no button ${label} in the share kit`);
    return found;
  };
  const until = (el: FlockReferralCard, part: string) =>
    waitUntil(() => growthPart(el, part), `the ${part} shows`, { timeout: 8000 });

  it('copies a material with the link and a fresh share id inside the tap, records the share, and counts a click through it', async () => {
    const program = await createProgram();
    await addMaterial(program.id, { title: 'Spring tea', text: 'Fresh Longjing, picked this week {link}' });
    const joined = await becomePromoter(program.id, 'alice');
    const el = await mount({ program: program.id, shopper: 'alice' });
    await until(el, 'share-kit');
    await until(el, 'share-history');
    let copied: string | undefined;
    const restore = stub(navigator, 'clipboard', {
      writeText: async (value: string) => {
        copied = value;
      },
    });
    try {
      kitButton(el, 'Copy').click();
      // Written synchronously in the click, before any await.
      expect(copied).to.match(/^Fresh Longjing, picked this week https?:\/\/\S+flock_share=shr_[A-Za-z0-9]{16}$/);
      expect(copied).to.include(`flock_ref=${joined.promoter.code}`);
      await untilShows(el, 'Copied');
    } finally {
      restore();
    }
    const shareId = /flock_share=(shr_[A-Za-z0-9]+)/.exec(copied ?? '')?.[1] as string;
    await waitUntil(() => growthPart(el, 'share')?.textContent?.includes('Spring tea'), 'the share is in the history');
    expect(growthPart(el, 'share')?.textContent).to.include('Clicks 0');
    // A friend opens that link on their phone: the history shows the click.
    await fixtureApi('click', { code: joined.promoter.code, share: shareId });
    await (el as unknown as { refresh(): Promise<void> }).refresh();
    const { shareKitClient } = await import('@flock/sdk');
    const client = (el as unknown as { client: Parameters<typeof shareKitClient>[0] }).client;
    await shareKitClient(client).sharesStore(program.id).refresh();
    await waitUntil(() => growthPart(el, 'share')?.textContent?.includes('Clicks 1'), 'the click counts on the share');
    await expectAccessible(el, 'growth kit');
  });

  it('keeps the history’s next page shown when the history refreshes', async () => {
    const program = await createProgram();
    const material = await addMaterial(program.id, { title: 'Spring tea', text: 'Fresh Longjing {link}' });
    await becomePromoter(program.id, 'alice');
    const { newShareId } = await import('@flock/protocol/share-kit');
    const { shareKitClient } = await import('@flock/sdk');
    const kitOf = (card: FlockReferralCard) =>
      shareKitClient((card as unknown as { client: Parameters<typeof shareKitClient>[0] }).client);
    // Twelve shares from another page of the shop (another client): this card reads them fresh.
    const elsewhere = await mount({ program: program.id, shopper: 'alice' });
    for (let i = 0; i < 12; i++) {
      await kitOf(elsewhere).recordShare(program.id, { shareId: newShareId(), materialId: material.id, channel: 'copy' });
    }
    const el = await mount({ program: program.id, shopper: 'alice' });
    const kit = kitOf(el);
    const shares = () => el.shadowRoot?.querySelectorAll('[part~="share"]').length;
    const more = () =>
      [...(growthPart(el, 'share-history')?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === 'Show more');
    await waitUntil(() => shares() === 10 && more(), 'the first page and its Show more', { timeout: 8000 });
    more()?.click();
    await waitUntil(() => shares() === 12 && !more(), 'the second page');
    // What a poll (or the tab shown again) does: the second page stays.
    await kit.sharesStore(program.id).refresh();
    await el.updateComplete;
    expect(shares()).to.equal(12);
    expect(more()).to.equal(undefined);
  });

  it('selects the text for the shopper when the clipboard is refused', async () => {
    const program = await createProgram();
    await addMaterial(program.id, { title: 'Spring tea', text: 'Fresh Longjing {link}' });
    await becomePromoter(program.id, 'bob');
    const el = await mount({ program: program.id, shopper: 'bob', locale: 'zh-CN' });
    await until(el, 'share-kit');
    const restoreClipboard = stub(navigator, 'clipboard', undefined);
    const restoreExec = stub(document, 'execCommand', () => false);
    try {
      kitButton(el, '复制文案').click();
      await untilShows(el, '当前页面无法复制');
    } finally {
      restoreClipboard();
      restoreExec();
    }
    const area = el.shadowRoot?.querySelector<HTMLTextAreaElement>('.refused-text');
    expect(area?.value).to.match(/^Fresh Longjing https?:\/\/\S+flock_share=shr_/);
    await waitUntil(
      () => area?.selectionStart === 0 && area.selectionEnd === area.value.length,
      'the text is selected for a long press or Ctrl+C',
    );
  });

  it('shows the tier, the next one and the way to it, the boost and the first-order reward', async () => {
    const { el } = await promoterCard({
      program: {
        tiers: [
          { name: 'Silver', minCommission30d: 100, bps: 1200 },
          { name: 'Gold', minCommission30d: 2000, bps: 1500 },
        ],
        newPromoterBoost: { bps: 2000, days: 14 },
        firstOrderReward: { amount: 500 },
      },
    });
    await until(el, 'tier');
    const tier = growthPart(el, 'tier')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(tier).to.include('Base rate');
    expect(tier).to.include('CN¥1.00 more this month to reach Silver (12%)');
    expect(tier).to.include('New promoter bonus: 20%');
    expect(tier).to.include('Your first order earns CN¥5.00 extra');
    expect(growthPart(el, 'tier-progress')?.getAttribute('aria-valuenow')).to.equal('0');
    await expectAccessible(el, 'tier');
  });

  it('suggests the program’s best seller with its reason', async () => {
    const program = await createProgram();
    await addMaterial(program.id, { title: 'Spring tea', text: 'Fresh {link}' });
    // Bob copies the material; a friend buys through that link.
    const seller = await becomePromoter(program.id, 'bob');
    const bobCard = await mount({ program: program.id, shopper: 'bob' });
    await until(bobCard, 'share-kit');
    let copied = '';
    const restore = stub(navigator, 'clipboard', {
      writeText: async (value: string) => {
        copied = value;
      },
    });
    try {
      kitButton(bobCard, 'Copy').click();
      await untilShows(bobCard, 'Copied');
    } finally {
      restore();
    }
    const share = /flock_share=(shr_[A-Za-z0-9]+)/.exec(copied)?.[1];
    await waitUntil(() => growthPart(bobCard, 'share'), 'bob’s share is recorded');
    const click = await fixtureApi<ReferralClick>('click', { code: seller.promoter.code, share });
    await reportOrder({ attributionId: click.attributionId, shopperId: 'friend-1' });
    // Alice has no friends' orders yet: the program's best seller, and why.
    await becomePromoter(program.id, 'alice');
    const el = await mount({ program: program.id, shopper: 'alice' });
    await until(el, 'suggestions');
    const text = growthPart(el, 'suggestions')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).to.include('Spring tea');
    expect(text).to.include('Popular: 1 sold through friends’ links');
    await expectAccessible(el, 'suggestions');
  });

  it('the leaderboard switch turns the promoter off the leaderboard, from the keyboard', async () => {
    const { el } = await promoterCard({ shopper: 'bob' });
    await until(el, 'leaderboard-switch');
    const toggle = el.shadowRoot?.querySelector<HTMLInputElement>('[role="switch"]') as HTMLInputElement;
    expect(toggle.checked).to.equal(true);
    toggle.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => !toggle.checked, 'the switch is off');
    const { referralClient } = await import('@flock/sdk');
    const client = (el as unknown as { client: Parameters<typeof referralClient>[0] }).client;
    const store = referralClient(client).promoterStore(el.program);
    // The server's answer puts the setting in the card's store; a refetch reads it back from the server.
    await waitUntil(() => store.get().data?.showOnLeaderboard === false, 'the server saved the setting');
    await store.refresh();
    expect(store.get().data?.showOnLeaderboard).to.equal(false);
    expect(toggle.checked).to.equal(false);
  });
});
