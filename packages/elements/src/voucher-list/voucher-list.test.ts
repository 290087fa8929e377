import type { Voucher, VoucherCode } from '@flock/sdk';
import { expect, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import { deepActiveElement, liveRegionText, startFixtureServer } from '../../test/a11y.js';
import { findButton, fixtureApi, mountInProvider, shadowText, tokenFor, untilShows } from '../../test/fixture-client.js';
import { widget } from '../registry.js';
import type { FlockVoucherQr } from '../voucher-qr/voucher-qr.js';
import type { FlockVoucherList } from './voucher-list.js';
import { voucherListView } from './voucher-list-state.js';

// Behaviour particular to the wallet; what every widget owes (states, axe, keyboard, theme, host CSS)
// is test/suites/widget.suite.ts.

const DAY = 24 * 3600_000;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

let orders = 0;
async function issueVoucher(shopperId: string, product: { title: string; uses?: number; validUntil?: string }) {
  const created = await fixtureApi<{ id: string }>('voucher-product', { uses: 1, ...product });
  return fixtureApi<Voucher>('voucher', { productId: created.id, shopperId, orderRef: `order-l-${Date.now()}-${++orders}` });
}
async function redeemAtCounter(voucher: Voucher, shopperId: string) {
  const { staffKey } = await fixtureApi<{ staffKey: string }>('staff-key', { store: 'Store 1' });
  const { code } = await fixtureApi<VoucherCode>('voucher-code', { voucherId: voucher.id, shopperId });
  await fixtureApi('redeem', { staffKey, code });
}

async function mount(shopperId: string | undefined, locale = 'en') {
  const token = shopperId ? await tokenFor(shopperId) : '';
  const tag = widget('voucher-list').tag;
  const el = await mountInProvider<FlockVoucherList>(html`<flock-voucher-list></flock-voucher-list>`, { token, locale });
  expect(el.localName).to.equal(tag);
  return el;
}

const couponTitles = (el: FlockVoucherList, kind: 'usable' | 'past') =>
  [...(el.shadowRoot?.querySelectorAll(`.coupon.${kind} .coupon-title`) ?? [])].map((node) => node.textContent?.trim());

const voucher = (id: string, fields: Partial<Voucher> = {}): Voucher => ({
  id,
  productId: 'vpr_1',
  title: id,
  status: 'active',
  uses: 1,
  usesLeft: 1,
  value: null,
  currency: null,
  validFrom: null,
  validUntil: null,
  stores: null,
  lastRedemption: null,
  serverNow: new Date().toISOString(),
  ...fields,
});

describe('voucherListView', () => {
  it('puts the usable vouchers first, the soonest to end on top and those without an end last', () => {
    const soon = new Date(Date.now() + DAY).toISOString();
    const later = new Date(Date.now() + 30 * DAY).toISOString();
    const view = voucherListView(
      {
        data: {
          vouchers: [
            voucher('forever'),
            voucher('used', { status: 'used_up', usesLeft: 0 }),
            voucher('later', { validUntil: later }),
            voucher('refunded', { status: 'voided' }),
            voucher('soon', { validUntil: soon }),
            voucher('expired', { status: 'expired', validUntil: soon }),
          ],
        },
      },
      undefined,
    );
    expect(view.kind).to.equal('list');
    if (view.kind !== 'list') return;
    expect(view.usable.map((v) => v.id)).to.deep.equal(['soon', 'later', 'forever']);
    expect(view.past.map((v) => v.id)).to.deep.equal(['used', 'refunded', 'expired']);
  });

  it('keeps an opened voucher open after it is used up, and shows loading, errors and an empty wallet', () => {
    const used = voucher('used', { status: 'used_up', usesLeft: 0 });
    expect(voucherListView({ data: { vouchers: [used] } }, 'used')).to.deep.equal({ kind: 'open', voucher: used });
    expect(voucherListView({ data: { vouchers: [used] } }, 'gone').kind).to.equal('list');
    expect(voucherListView({ data: { vouchers: [] } }, undefined)).to.deep.equal({ kind: 'empty' });
    expect(voucherListView(undefined, undefined)).to.deep.equal({ kind: 'loading' });
    expect(voucherListView({ error: { code: 'network_error' } }, undefined)).to.deep.equal({
      kind: 'load-error',
      code: 'network_error',
    });
  });
});

describe('<flock-voucher-list>', () => {
  before(startFixtureServer);

  it("lists the shopper's own vouchers only, usable first, with uses left and the end date", async () => {
    const me = unique('wallet');
    const coffee = await issueVoucher(me, { title: 'Coffee' });
    // The fixture server's clock runs ahead of this browser's once other tests advance it: end dates follow the server's.
    const inDays = (days: number) => new Date(Date.parse(coffee.serverNow) + days * DAY).toISOString();
    await issueVoucher(me, { title: 'Massage card', uses: 10, validUntil: inDays(60) });
    await issueVoucher(me, { title: 'Tasting', validUntil: inDays(7) });
    await redeemAtCounter(coffee, me);
    await issueVoucher(unique('someone-else'), { title: 'Not yours' });

    const el = await mount(me);
    await untilShows(el, 'Used and expired', { timeout: 10000 });
    expect(couponTitles(el, 'usable')).to.deep.equal(['Tasting', 'Massage card']);
    expect(couponTitles(el, 'past')).to.deep.equal(['Coffee']);
    expect(shadowText(el)).to.include('10 uses left').and.include('2 ready to use').and.include('Used up');
    // The stub's big number is read out as the whole phrase, once.
    expect(el.shadowRoot!.querySelector('.coupon.usable .stub .visually-hidden')?.textContent).to.equal('1 use left');
    expect(shadowText(el)).to.match(/Valid until \d+\/\d+\/\d{4}/);
    expect(shadowText(el)).not.to.include('Not yours');
    // Only usable vouchers can be opened.
    expect(el.shadowRoot!.querySelectorAll('.coupon.past button')).to.have.length(0);
  });

  it('opens a voucher as its QR card and goes back to the list, focus following', async () => {
    const me = unique('wallet-open');
    const card = await issueVoucher(me, { title: 'Massage card', uses: 3 });
    const el = await mount(me);
    await untilShows(el, 'Ready to use', { timeout: 10000 });

    const open = findButton(el, 'Show code');
    expect(open.getAttribute('aria-label')).to.equal('Show code: Massage card');
    open.focus();
    open.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.qr-card'), 'the QR card opens');
    const qr = el.shadowRoot!.querySelector<FlockVoucherQr>('.qr-card')!;
    expect(qr.localName).to.equal(widget('voucher-qr').tag);
    expect(qr.voucher).to.equal(card.id);
    // The nested card is a defined, working voucher QR: its rotating code arrives.
    await waitUntil(() => qr.shadowRoot?.querySelector('[part="qr"] svg[data-code]'), 'the QR code shows', { timeout: 10000 });
    await waitUntil(() => deepActiveElement()?.classList.contains('back'), 'focus lands on "All vouchers"');

    findButton(el, 'All vouchers').click();
    await untilShows(el, 'Ready to use');
    await waitUntil(() => deepActiveElement()?.classList.contains('title'), 'focus lands on the list title');
  });

  it('moves a voucher to the used ones when the counter redeems its last use', async () => {
    const me = unique('wallet-live');
    const single = await issueVoucher(me, { title: 'Single visit' });
    const el = await mount(me);
    await untilShows(el, 'Ready to use', { timeout: 10000 });
    await redeemAtCounter(single, me);
    await waitUntil(() => couponTitles(el, 'past').includes('Single visit'), 'the used voucher moves down', { timeout: 10000 });
    expect(couponTitles(el, 'usable')).to.deep.equal([]);
  });

  it('asks a visitor who is not signed in to sign in, without a retry button', async () => {
    const el = await mount(undefined);
    await untilShows(el, 'Please sign in to see your vouchers', { timeout: 10000 });
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('speaks Chinese', async () => {
    const me = unique('wallet-zh');
    await issueVoucher(me, { title: '按摩卡', uses: 10 });
    const el = await mount(me, 'zh-CN');
    await untilShows(el, '我的券', { timeout: 10000 });
    expect(shadowText(el)).to.include('可使用').and.include('出示券码').and.include('1 张可用');
    expect(liveRegionText(el)).to.equal('');
  });
});
