import type { Voucher, VoucherCode } from '@flock/sdk';
import { expect, html, waitUntil } from '@open-wc/testing';
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
  fixtureApi,
  mountInProvider,
  shadowText,
  tokenFor,
  untilShows,
} from '../../test/fixture-client.js';
import { serveZxingLocally } from '../../test/zxing.js';
import { qrPath } from '../shared/qr.js';
import type { FlockVoucherQr } from './voucher-qr.js';
import { nextCodeDelay, voucherQrView } from './voucher-qr-state.js';

serveZxingLocally();

// A real Flock server (web-test-runner.config.js); /__flock/* plays the shop's backend and the store's device.
let orders = 0;
async function issueVoucher(shopperId: string, product: Record<string, unknown> = {}) {
  const created = await fixtureApi<{ id: string }>('voucher-product', { title: 'Flat white', uses: 1, ...product });
  return fixtureApi<Voucher>('voucher', { productId: created.id, shopperId, orderRef: `order-v-${Date.now()}-${++orders}` });
}
const staffKey = async (store: string) => (await fixtureApi<{ staffKey: string }>('staff-key', { store })).staffKey;
const redeem = (key: string, code: string) =>
  fixtureApi<{ status: number; body: { voucher?: Voucher; error?: { code: string } } }>('redeem', { staffKey: key, code });

async function mount(voucherId: string, shopperId: string, locale = 'en') {
  const token = await tokenFor(shopperId);
  return mountInProvider<FlockVoucherQr>(html`<flock-voucher-qr voucher=${voucherId}></flock-voucher-qr>`, { token, locale });
}

const until = (el: HTMLElement, needle: string | RegExp) => untilShows(el, needle, { timeout: 10000 });
const shownCode = (el: FlockVoucherQr) => el.shadowRoot?.querySelector('[part="qr"] svg')?.getAttribute('data-code') ?? undefined;

/** Rasterizes the widget's QR SVG and decodes it with ZXing, as a counter scanner would. */
async function decodeShownQr(el: FlockVoucherQr): Promise<string[]> {
  const svgEl = el.shadowRoot!.querySelector('[part="qr"] svg')!;
  const clone = svgEl.cloneNode(true) as SVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', '400');
  clone.setAttribute('height', '400');
  const url = URL.createObjectURL(new Blob([clone.outerHTML], { type: 'image/svg+xml' }));
  const img = new Image();
  img.src = url;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 400;
  canvas.getContext('2d')!.drawImage(img, 0, 0, 400, 400);
  URL.revokeObjectURL(url);
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  return (await detector.detect(canvas)).map((c) => c.rawValue);
}

const voucher = (over: Partial<Voucher> = {}): Voucher => ({
  id: 'vch_1',
  productId: 'vpr_1',
  title: 'Flat white',
  status: 'active',
  uses: 3,
  usesLeft: 3,
  value: null,
  currency: null,
  validFrom: null,
  validUntil: null,
  stores: null,
  lastRedemption: null,
  serverNow: new Date().toISOString(),
  ...over,
});
const redemption = { id: 'rdm_1', voucherId: 'vch_1', store: 'Jing’an', redeemedAt: new Date().toISOString() };

describe('voucher QR state', () => {
  const base = { code: undefined, codeError: undefined, seenRedemptionId: undefined, dismissedRedemptionId: undefined };
  it('derives every state', () => {
    expect(voucherQrView({ ...base, voucher: undefined }).kind).to.equal('loading');
    expect(voucherQrView({ ...base, voucher: { loading: false, error: { code: 'not_found' } } }).kind).to.equal('load-error');
    expect(voucherQrView({ ...base, voucher: { loading: false, data: voucher() } }).kind).to.equal('active');
    expect(
      voucherQrView({ ...base, voucher: { loading: false, data: voucher({ status: 'used_up', usesLeft: 0 }) } }).kind,
    ).to.equal('used_up');
    expect(voucherQrView({ ...base, voucher: { loading: false, data: voucher({ status: 'expired' }) } }).kind).to.equal(
      'expired',
    );
    // Voided stays distinct from used up, even when nothing is left.
    expect(
      voucherQrView({ ...base, voucher: { loading: false, data: voucher({ status: 'voided', usesLeft: 0 }) } }).kind,
    ).to.equal('voided');
  });

  it('shows "redeemed" only for a redemption that happened while the widget was open', () => {
    const data = voucher({ usesLeft: 2, lastRedemption: redemption });
    expect(voucherQrView({ ...base, voucher: { loading: false, data }, seenRedemptionId: 'rdm_1' }).kind).to.equal('active');
    expect(voucherQrView({ ...base, voucher: { loading: false, data }, seenRedemptionId: null }).kind).to.equal('redeemed');
    expect(
      voucherQrView({ ...base, voucher: { loading: false, data }, seenRedemptionId: null, dismissedRedemptionId: 'rdm_1' }).kind,
    ).to.equal('active');
    const last = voucher({ status: 'used_up', usesLeft: 0, lastRedemption: redemption });
    expect(voucherQrView({ ...base, voucher: { loading: false, data: last }, seenRedemptionId: null }).kind).to.equal('redeemed');
  });

  it('fetches the next code 10 s before expiry on the server clock', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const code: VoucherCode = {
      code: 'x',
      shortCode: '123456789012',
      expiresAt: '2026-01-01T00:01:00Z',
      serverNow: '2026-01-01T00:00:00Z',
    };
    expect(nextCodeDelay(code, 0, now)).to.equal(50_000);
    // The phone's clock is 30 s behind the server's: 30 s sooner.
    expect(nextCodeDelay(code, 30_000, now)).to.equal(20_000);
    expect(nextCodeDelay(code, 120_000, now)).to.equal(1000);
  });

  it('draws QR codes ZXing reads back', async () => {
    const { path, box } = qrPath('https://example.com/v?c=abc');
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = box * 8;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(8, 8);
    ctx.fillStyle = '#000';
    ctx.fill(new Path2D(path));
    const found = await new BarcodeDetector({ formats: ['qr_code'] }).detect(canvas);
    expect(found.map((c) => c.rawValue)).to.deep.equal(['https://example.com/v?c=abc']);
  });
});

describe('<flock-voucher-qr> against the server', () => {
  before(startFixtureServer);

  it('shows a QR code that decodes to a code the server redeems, then "redeemed at" live', async () => {
    const v = await issueVoucher('qr-alice', { title: '10-visit massage card', uses: 10 });
    const release = holdApiRequests();
    const el = await mount(v.id, 'qr-alice');
    await expectLoadingSkeleton(el, release);
    await until(el, '10-visit massage card');
    await until(el, '10 uses left');
    await waitUntil(() => shownCode(el), 'a QR code shows', { timeout: 10000 });
    expect(shadowText(el)).to.include("Code refreshes every minute — screenshots won't work");
    await expectAccessible(el, 'active');
    const announcedBefore = liveRegionText(el);
    const decoded = await decodeShownQr(el);
    expect(decoded).to.deep.equal([shownCode(el)]);
    const key = await staffKey('Jing’an store');
    const result = await redeem(key, decoded[0]!);
    expect(result.status, JSON.stringify(result.body)).to.be.within(200, 201);
    expect(result.body.voucher?.usesLeft).to.equal(9);
    await until(el, /Redeemed at Jing’an store/);
    // Redeemed on the store's device: the stream brings it in, and the live region says so.
    expect(liveRegionText(el)).not.to.equal(announcedBefore);
    expect(liveRegionText(el)).to.include('Redeemed at Jing’an store');
    await expectAccessible(el, 'redeemed');
    // Showing it again (from the keyboard) brings a fresh code: the scanned one is spent.
    const spent = decoded[0];
    focusBefore(el);
    await tabTo(el, (f) => f.textContent?.includes('Show the code again') ?? false, { maxPresses: 1 });
    await sendKeys({ press: 'Enter' });
    // The pressed button is gone: focus lands on the voucher's title, not on <body>.
    await waitUntil(() => el.shadowRoot?.activeElement?.textContent?.includes('10-visit massage card'), 'focus on the title');
    await until(el, '9 uses left');
    await waitUntil(() => shownCode(el) && shownCode(el) !== spent, 'a fresh code shows', { timeout: 10000 });
  });

  it('shows the code as digits staff can type, and the typed digits redeem it', async () => {
    const v = await issueVoucher('qr-dave', { title: 'Tea tasting', uses: 2 });
    const el = await mount(v.id, 'qr-dave', 'zh-CN');
    await waitUntil(() => shownCode(el), 'a QR code shows', { timeout: 10000 });
    const typed = () => el.shadowRoot?.querySelector('[part="code"] .digits')?.textContent?.trim() ?? '';
    expect(el.shadowRoot?.querySelector('[part="code"]')?.textContent).to.include('券码');
    // Grouped in fours, as read out at the counter.
    expect(typed()).to.match(/^\d{4} \d{4} \d{4}$/);
    const result = await redeem(await staffKey('Store T'), typed());
    expect(result.status, JSON.stringify(result.body)).to.be.within(200, 201);
    expect(result.body.voucher?.usesLeft).to.equal(1);
    // The QR and the digits are one use: both are replaced by a fresh code once it is spent.
    const spent = typed();
    await until(el, '已核销');
    el.shadowRoot?.querySelector<HTMLButtonElement>('button.primary')?.click();
    await waitUntil(() => typed() && typed() !== spent, 'fresh digits show', { timeout: 10000 });
    await expectAccessible(el, 'active with typed code (zh-CN)');
  });

  it('shows used up, voided (distinct) and speaks Chinese', async () => {
    const used = await issueVoucher('qr-bob');
    const key = await staffKey('Store A');
    const { code } = await fixtureApi<VoucherCode>('voucher-code', { voucherId: used.id, shopperId: 'qr-bob' });
    expect((await redeem(key, code)).status).to.be.within(200, 201);
    const el = await mount(used.id, 'qr-bob', 'zh-CN');
    await until(el, '已用完');
    expect(shadowText(el)).to.include('在Store A核销');
    await expectAccessible(el, 'used-up (zh-CN)');

    const voided = await issueVoucher('qr-bob', { uses: 5 });
    await fixtureApi('void-voucher', { voucherId: voided.id });
    const el2 = await mount(voided.id, 'qr-bob', 'zh-CN');
    await until(el2, '已退款作废');
    expect(shadowText(el2)).not.to.include('已用完');
    await expectAccessible(el2, 'voided (zh-CN)');
  });

  it('speaks Taiwan’s Traditional Chinese with locale zh-TW', async () => {
    const voucher = await issueVoucher('qr-carol', { uses: 3 });
    const el = await mount(voucher.id, 'qr-carol', 'zh-TW');
    await until(el, '剩餘3次');
    expect(shadowText(el)).to.include('到店出示此條碼');
    expect(shadowText(el)).to.include('QR碼每分鐘自動更新，截圖無效');
    await expectAccessible(el, 'active (zh-TW)');
  });

  it('shows an expired voucher', async () => {
    // The fixture server's clock runs ahead of this browser's once tests advance it: use the server's.
    const { serverNow } = await issueVoucher('qr-dan');
    const validUntil = new Date(Date.parse(serverNow) + 60_000).toISOString();
    const v = await issueVoucher('qr-dan', { validUntil });
    await advanceClock(61);
    const el = await mount(v.id, 'qr-dan');
    await until(el, 'Expired');
    expect(shownCode(el)).to.equal(undefined);
    await expectAccessible(el, 'expired');
  });

  it('shows an error for a voucher that is not there', async () => {
    const el = await mount('vch_nope0000000000', 'qr-carol');
    await until(el, "We couldn't find this voucher");
    await expectAccessible(el, 'load-error');
  });
});
