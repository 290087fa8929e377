import type { Voucher, VoucherCode } from '@flock/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { correction, generate } from 'lean-qr/nano';
import '../define.js';
import { expectAccessible, focusBefore, liveRegionText, sendKeys, startFixtureServer, tabTo } from '../../test/a11y.js';
import { fixtureApi, shadowText } from '../../test/fixture-client.js';
import { serveZxingLocally } from '../../test/zxing.js';
import type { FlockVoucherScanner } from './voucher-scanner.js';
import { failureResult, RecentCodes, withTimeout } from './voucher-scanner-state.js';

// The scanner lazily imports the barcode-detector ponyfill too: the same module, set up here.
serveZxingLocally();

/** The stand-in redemption API of test/fixture-server.ts: `ok-…` redeems once, `error-<code>` is refused. */
const CANNED_API = `${location.origin}/__flock/staff-api`;
const cannedCalls = () => fixtureApi<Record<string, number>>('staff-api-calls');
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

async function mount(options: { api?: string; staffKey?: string; locale?: string; camera?: 'auto' | 'off'; timeoutMs?: number }) {
  const el = await fixture<FlockVoucherScanner>(html`<flock-voucher-scanner
    api=${options.api ?? CANNED_API}
    staff-key=${options.staffKey ?? 'stf_test'}
    locale=${options.locale ?? 'en'}
    camera=${options.camera ?? 'off'}
    camera-timeout-ms=${options.timeoutMs ?? 8000}
    quiet
  ></flock-voucher-scanner>`);
  // A Chinese string table arrives as a chunk of its own; the scanner has no data to wait for besides.
  await waitUntil(() => el.shadowRoot?.querySelector('[part="base"]'), 'the scanner renders');
  return el;
}

const resultText = (el: HTMLElement) =>
  el.shadowRoot?.querySelector('[part="result"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const untilResult = (el: HTMLElement, needle: string | RegExp) =>
  waitUntil(
    () => (typeof needle === 'string' ? resultText(el).includes(needle) : needle.test(resultText(el))),
    `result shows ${needle}: ${resultText(el)}`,
    { timeout: 10000 },
  );
const input = (el: FlockVoucherScanner) => el.shadowRoot!.querySelector<HTMLInputElement>('input[name="code"]')!;
/** Types a code and presses Enter, as staff would on a keyboard. */
async function typeAndSubmit(el: FlockVoucherScanner, code: string) {
  const field = input(el);
  field.focus();
  field.value = code;
  field.form!.requestSubmit();
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot!.querySelector('.result:not(.pending)'), 'a result', { timeout: 10000 });
}

/** Replaces a property (navigator.onLine, mediaDevices.getUserMedia) for one test. */
function stub(target: object, name: string, value: unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { value, configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(target, name, own);
    else delete (target as Record<string, unknown>)[name];
  };
}

/**
 * A fake camera: a canvas showing the QR code of `text`, redrawn continuously, as a MediaStream.
 * getUserMedia is stubbed to return it, so the scanner sees the code for many frames.
 */
function fakeCamera(text: string) {
  const qr = generate(text, { minCorrectionLevel: correction.M });
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const ctx = canvas.getContext('2d')!;
  const module = Math.floor(360 / (qr.size + 8));
  let frame = 0;
  const draw = () => {
    ctx.fillStyle = frame++ % 2 ? '#fefefe' : '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#000';
    const left = (canvas.width - module * qr.size) / 2;
    const top = (canvas.height - module * qr.size) / 2;
    for (let row = 0; row < qr.size; row++) {
      for (let col = 0; col < qr.size; col++)
        if (qr.get(col, row)) ctx.fillRect(left + col * module, top + row * module, module, module);
    }
  };
  draw();
  const timer = setInterval(draw, 50);
  const stream = canvas.captureStream(20);
  const restore = stub(navigator.mediaDevices, 'getUserMedia', async () => stream);
  return () => {
    clearInterval(timer);
    for (const track of stream.getTracks()) track.stop();
    restore();
  };
}

describe('voucher scanner state', () => {
  it('remembers submitted codes for a minute', () => {
    const recent = new RecentCodes(60_000);
    expect(recent.seenOrRemember('a', 0)).to.equal(false);
    expect(recent.seenOrRemember('a', 1000)).to.equal(true);
    expect(recent.seenOrRemember('a', 59_000)).to.equal(true);
    expect(recent.seenOrRemember('a', 61_000)).to.equal(false);
  });

  it('never turns a failure into anything but a refusal or "offline"', () => {
    expect(failureResult('code_replayed', true)).to.deep.equal({ kind: 'refused', code: 'code_replayed' });
    expect(failureResult('network_error', true)).to.deep.equal({ kind: 'offline' });
    expect(failureResult('code_replayed', false)).to.deep.equal({ kind: 'offline' });
  });

  it('times out a promise that never settles, and hands over a late value', async () => {
    let late: string | undefined;
    let resolve!: (value: string) => void;
    const pending = new Promise<string>((r) => {
      resolve = r;
    });
    expect(await withTimeout(pending, 20, (value) => (late = value))).to.equal('timeout');
    resolve('camera');
    await Promise.resolve();
    expect(late).to.equal('camera');
  });
});

describe('<flock-voucher-scanner> (stand-in API)', () => {
  before(startFixtureServer);

  it('redeems a typed code once, then refuses the same code as replayed', async () => {
    const el = await mount({});
    await expectAccessible(el, 'ready (manual entry)');
    const code = unique('ok-manual');
    await typeAndSubmit(el, code);
    expect(resultText(el)).to.include('Redeemed — 2 uses left');
    expect(liveRegionText(el)).to.include('Redeemed — 2 uses left');
    await expectAccessible(el, 'success');
    expect(el.shadowRoot!.querySelector('[part="result"]')!.classList.contains('success')).to.equal(true);
    expect(input(el).value).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
    await typeAndSubmit(el, code);
    expect(resultText(el)).to.include('This code was already used');
    expect(el.shadowRoot!.querySelector('[part="result"]')!.getAttribute('role')).to.equal('alert');
    expect((await cannedCalls())[code]).to.equal(2);
    await expectAccessible(el, 'refused');
  });

  it('works from the keyboard: Tab to the code field, type, Enter redeems; the camera button toggles', async () => {
    const el = await mount({});
    focusBefore(el);
    await tabTo(el, (f) => f.textContent?.includes('Start camera') ?? false, { maxPresses: 1 });
    const field = await tabTo(el, (f) => f.localName === 'input', { maxPresses: 1 });
    expect(field).to.equal(input(el));
    const code = unique('ok-keys');
    await sendKeys({ type: code });
    await sendKeys({ press: 'Enter' });
    await untilResult(el, 'Redeemed — 2 uses left');
    expect(liveRegionText(el)).to.include('Redeemed — 2 uses left');
    expect(el.shadowRoot!.activeElement, 'focus stays in the field for the next code').to.equal(input(el));
    await tabTo(el, (f) => f.textContent?.includes('Redeem') ?? false, { maxPresses: 1 });
  });

  it('words every refusal, in English and Chinese', async () => {
    const expected: Record<string, [string, string]> = {
      code_invalid: ["This isn't a valid voucher code", '无效的券码'],
      code_expired: ['This code has expired', '券码已过期'],
      code_replayed: ['This code was already used', '该券码已使用'],
      voucher_used_up: ['This voucher is used up', '该券已用完'],
      voucher_voided: ['refunded and is no longer valid', '该券已退款作废'],
      voucher_expired: ['This voucher has expired', '该券已过期'],
      voucher_not_yet_valid: ["This voucher isn't valid yet", '该券尚未到可用时间'],
      wrong_store: ["can't be redeemed at this store", '该券不能在本店核销'],
    };
    const en = await mount({});
    const zh = await mount({ locale: 'zh-CN' });
    for (const [code, [english, chinese]] of Object.entries(expected)) {
      await typeAndSubmit(en, `error-${code}`);
      expect(resultText(en)).to.include(english);
      expect(en.shadowRoot!.querySelector('[part="result"]')!.classList.contains('failure')).to.equal(true);
      await typeAndSubmit(zh, `error-${code}`);
      expect(resultText(zh)).to.include(chinese);
      expect(resultText(zh)).to.include('核销失败');
    }
    await expectAccessible(zh, 'refused (zh-CN)');
  });

  it('speaks Taiwan’s Traditional Chinese with locale zh-TW', async () => {
    const el = await mount({ locale: 'zh-TW' });
    expect(shadowText(el)).to.include('手動輸入券碼');
    await typeAndSubmit(el, 'error-wrong_store');
    expect(resultText(el)).to.include('此券無法在本店核銷');
    expect(resultText(el)).to.include('核銷失敗');
    await expectAccessible(el, 'refused (zh-TW)');
  });

  it('says "offline" without sending anything when the browser is offline', async () => {
    const el = await mount({ locale: 'zh-CN' });
    const code = unique('ok-offline');
    const restore = stub(navigator, 'onLine', false);
    try {
      await typeAndSubmit(el, code);
    } finally {
      restore();
    }
    expect(resultText(el)).to.include('网络已断开，暂无法核销');
    await expectAccessible(el, 'offline (zh-CN)');
    expect((await cannedCalls())[code]).to.equal(undefined);
  });

  it('says "offline" (never a success) when the server cannot be reached', async () => {
    const el = await mount({ api: 'http://127.0.0.1:9' });
    await typeAndSubmit(el, unique('ok-unreachable'));
    expect(resultText(el)).to.include("Offline — can't redeem right now");
    expect(el.shadowRoot!.querySelector('.result.success')).to.equal(null);
    await expectAccessible(el, 'offline');
  });

  it('offers manual entry when the camera prompt never answers', async () => {
    const restore = stub(navigator.mediaDevices, 'getUserMedia', () => new Promise(() => {}));
    try {
      const el = await mount({ camera: 'auto', timeoutMs: 300 });
      await waitUntil(() => shadowText(el).includes("The camera didn't start"), 'the timeout message', { timeout: 5000 });
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      await expectAccessible(el, 'camera failed');
    } finally {
      restore();
    }
  });

  it('redeems a QR code seen by the camera exactly once, however many frames show it', async () => {
    const code = unique('ok-camera');
    const stop = fakeCamera(code);
    try {
      const el = await mount({ camera: 'auto' });
      await untilResult(el, 'Redeemed — 2 uses left');
      // Keep "filming" the same code for a while: still one call, still the green result.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await cannedCalls())[code]).to.equal(1);
      expect(resultText(el)).to.include('Redeemed — 2 uses left');
      expect(el.shadowRoot!.querySelector('video')!.srcObject).to.not.equal(null);
      await expectAccessible(el, 'scanning');
    } finally {
      stop();
    }
  });
});

describe('<flock-voucher-scanner> against the server', () => {
  let orders = 0;
  async function voucherCode(uses: number, stores?: string[]) {
    const shopperId = unique('scan-shopper');
    const product = await fixtureApi<{ id: string }>('voucher-product', {
      title: 'Massage card',
      uses,
      ...(stores ? { stores } : {}),
    });
    const voucher = await fixtureApi<Voucher>('voucher', {
      productId: product.id,
      shopperId,
      orderRef: `order-s-${++orders}-${Date.now()}`,
    });
    const code = await fixtureApi<VoucherCode>('voucher-code', { voucherId: voucher.id, shopperId });
    return { voucher, code: code.code, shopperId };
  }
  /** The real server, behind the page's origin (test/fixture-server.ts /__flock/api). */
  const PROXIED_API = `${location.origin}/__flock/api`;
  const staffKey = async (store: string) => (await fixtureApi<{ staffKey: string }>('staff-key', { store })).staffKey;

  it('redeems a typed code once; the same code again is refused as replayed', async () => {
    const { code } = await voucherCode(3);
    const el = await mount({ api: PROXIED_API, staffKey: await staffKey('Store 1') });
    await typeAndSubmit(el, code);
    expect(resultText(el)).to.include('Redeemed — 2 uses left');
    await typeAndSubmit(el, code);
    expect(resultText(el)).to.include('This code was already used');
  });

  it('redeems the QR code of a real code from the camera once', async () => {
    const { code, voucher, shopperId } = await voucherCode(3);
    const stop = fakeCamera(code);
    try {
      const el = await mount({ api: PROXIED_API, staffKey: await staffKey('Store 1'), camera: 'auto' });
      await untilResult(el, 'Redeemed — 2 uses left');
      await new Promise((r) => setTimeout(r, 1500));
      expect(resultText(el)).to.include('Redeemed — 2 uses left');
      // The server agrees: exactly one use is gone (a fresh code leaves 1 of 3).
      const next = await fixtureApi<VoucherCode>('voucher-code', { voucherId: voucher.id, shopperId });
      const again = await fixtureApi<{ body: { voucher: Voucher } }>('redeem', {
        staffKey: await staffKey('Store 1'),
        code: next.code,
      });
      expect(again.body.voucher.usesLeft).to.equal(1);
    } finally {
      stop();
    }
  });

  it('calls the server cross-origin with a staff key (needs CORS for staff keys on the server)', async () => {
    const { code } = await voucherCode(3);
    const { api } = await fixtureApi<{ api: string }>('config');
    const el = await mount({ api, staffKey: await staffKey('Store 1') });
    await typeAndSubmit(el, code);
    expect(resultText(el)).to.include('Redeemed — 2 uses left');
  });

  it('refuses a voucher of another store', async () => {
    const { code } = await voucherCode(1, ['Store 1']);
    const el = await mount({ api: PROXIED_API, staffKey: await staffKey('Store 2') });
    await typeAndSubmit(el, code);
    expect(resultText(el)).to.include("can't be redeemed at this store");
  });
});
