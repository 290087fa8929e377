import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IssuedVoucherPage, VoucherProductSummary } from '@flock/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../src/domain/console.js';
import { createMerchant } from '../src/domain/merchants.js';
import { freshPglite, testDatabases } from './databases.js';
import { SHOP_ORIGIN, useHarness } from './harness.js';
import { expectError, expectOk, type Json } from './util.js';

// The merchant's view of a voucher product and of the vouchers it issued: how a shop finds a
// shopper's voucher after a refund and voids it. Never a code: only the shopper mints those.
describe.each(testDatabases)('issued vouchers and a voucher product, for the merchant, on $kind', ({ create }) => {
  const suite = useHarness(create);
  const tick = () => suite.h.clock.advance(1000);
  let orderSeq = 0;
  const newProduct = async (body: Record<string, unknown>): Promise<Json> =>
    expectOk(await suite.h.asMerchant('POST', '/v1/voucher-products', { uses: 1, ...body }), 201);
  const issue = async (productId: string, shopperId: string): Promise<Json> => {
    const voucher = await expectOk(
      await suite.h.asMerchant('POST', '/v1/vouchers', { productId, shopperId, orderRef: `WL-${++orderSeq}` }),
      201,
    );
    tick();
    return voucher;
  };
  /** Every id of the list, following nextCursor two at a time. */
  const everyId = async (path: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const joiner = path.includes('?') ? '&' : '?';
      const page = IssuedVoucherPage.parse(
        await expectOk(await suite.h.asMerchant('GET', `${path}${joiner}limit=2${cursor ? `&cursor=${cursor}` : ''}`)),
      );
      expect(page.data.length).toBeLessThanOrEqual(2);
      ids.push(...page.data.map((voucher) => voucher.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };

  const made = {
    coffee: '',
    soup: '',
    vouchers: {} as Record<'usedUp' | 'voided' | 'active' | 'other', string>,
    soupVoucher: '',
  };
  let staffKey = '';
  beforeAll(async () => {
    made.coffee = (await newProduct({ title: 'Coffee', value: 2800, currency: 'CNY' })).id;
    tick();
    const validUntil = new Date(suite.h.clock.now().getTime() + 60_000).toISOString();
    made.soup = (await newProduct({ title: 'Soup', validUntil })).id;
    tick();
    made.vouchers.usedUp = (await issue(made.coffee, 'alice')).id;
    made.vouchers.voided = (await issue(made.coffee, 'bob')).id;
    made.vouchers.active = (await issue(made.coffee, 'carol')).id;
    made.vouchers.other = (await issue(made.coffee, 'dave')).id;
    made.soupVoucher = (await issue(made.soup, 'erin')).id;
    staffKey = (await expectOk(await suite.h.asMerchant('POST', '/v1/staff-keys', { store: 'Xihu' }), 201)).staffKey;
    const { code } = await expectOk(await suite.h.asShopper('alice', 'GET', `/v1/vouchers/${made.vouchers.usedUp}/code`));
    await expectOk(
      await suite.h.server.app.request('/v1/redemptions', {
        method: 'POST',
        headers: { authorization: `Bearer ${staffKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      }),
      201,
    );
    tick();
    await expectOk(await suite.h.asMerchant('POST', `/v1/vouchers/${made.vouchers.voided}/void`, {}));
    // Soup's validity runs out: its active voucher is expired from now on.
    suite.h.clock.advance(60_000);
  });

  it('answers one product with its vouchers counted as the list counts them', async () => {
    const product = VoucherProductSummary.parse(
      await expectOk(await suite.h.asMerchant('GET', `/v1/voucher-products/${made.coffee}`)),
    );
    expect(product).toMatchObject({ id: made.coffee, title: 'Coffee', value: 2800, currency: 'CNY', status: 'active' });
    expect(product.vouchers).toEqual({ issued: 4, active: 2, usedUp: 1, voided: 1, expired: 0 });
    const listed = await expectOk(await suite.h.asMerchant('GET', '/v1/voucher-products'));
    expect(listed.data.find((p: Json) => p.id === made.coffee)).toEqual(product);
    const soup = await expectOk(await suite.h.asMerchant('GET', `/v1/voucher-products/${made.soup}`));
    expect(soup.vouchers).toEqual({ issued: 1, active: 0, usedUp: 0, voided: 0, expired: 1 });
    await expectError(await suite.h.asMerchant('GET', '/v1/voucher-products/vpr_notOneOfOurs0000'), 404, 'not_found');
  });

  it('pages every voucher exactly once, newest first, each with its product, order, shopper and last use', async () => {
    const { usedUp, voided, active, other } = made.vouchers;
    expect(await everyId('/v1/issued-vouchers')).toEqual([made.soupVoucher, other, active, voided, usedUp]);
    expect(await everyId(`/v1/issued-vouchers?product=${made.coffee}`)).toEqual([other, active, voided, usedUp]);
    expect(await everyId('/v1/issued-vouchers?product=vpr_notOneOfOurs0000')).toEqual([]);
    const page = IssuedVoucherPage.parse(
      await expectOk(await suite.h.asMerchant('GET', `/v1/issued-vouchers?product=${made.coffee}`)),
    );
    expect(page.data.at(-1)).toEqual({
      id: usedUp,
      productId: made.coffee,
      productTitle: 'Coffee',
      shopperId: 'alice',
      orderRef: 'WL-1',
      status: 'used_up',
      uses: 1,
      usesLeft: 0,
      createdAt: '2026-11-23T08:00:02.000Z',
      voidedAt: null,
      lastRedemption: { id: expect.stringMatching(/^vrd_/), voucherId: usedUp, store: 'Xihu', redeemedAt: expect.any(String) },
    });
    expect(page.data.find((voucher) => voucher.id === voided)).toMatchObject({
      status: 'voided',
      usesLeft: 0,
      voidedAt: expect.any(String),
      lastRedemption: null,
    });
  });

  it('filters by status as settled now: an active voucher past its product’s end is expired, not active', async () => {
    const { usedUp, voided, active, other } = made.vouchers;
    const coffee = `/v1/issued-vouchers?product=${made.coffee}`;
    expect(await everyId(`${coffee}&status=active`)).toEqual([other, active]);
    expect(await everyId(`${coffee}&status=used_up`)).toEqual([usedUp]);
    expect(await everyId(`${coffee}&status=voided`)).toEqual([voided]);
    expect(await everyId(`${coffee}&status=expired`)).toEqual([]);
    const soup = `/v1/issued-vouchers?product=${made.soup}`;
    expect(await everyId(`${soup}&status=active`)).toEqual([]);
    expect(await everyId(`${soup}&status=expired`)).toEqual([made.soupVoucher]);
    // Across products too.
    expect(await everyId('/v1/issued-vouchers?status=active')).toEqual([other, active]);
    expect(await everyId('/v1/issued-vouchers?status=expired')).toEqual([made.soupVoucher]);
    const [expired] = (await expectOk(await suite.h.asMerchant('GET', soup))).data;
    expect(expired).toMatchObject({ id: made.soupVoucher, productTitle: 'Soup', status: 'expired', usesLeft: 1 });
    await expectError(await suite.h.asMerchant('GET', '/v1/issued-vouchers?status=spent'), 400, 'invalid_request');
  });

  it('never lists a code: not the signed one, nor the 12 digits, even while the shopper holds a fresh one', async () => {
    const minted = await expectOk(await suite.h.asShopper('carol', 'GET', `/v1/vouchers/${made.vouchers.active}/code`));
    const text = await (await suite.h.asMerchant('GET', '/v1/issued-vouchers?limit=100')).text();
    expect(text).not.toContain(minted.code);
    expect(text).not.toContain(minted.shortCode);
    expect(text).not.toContain(minted.code.split('.')[1] ?? minted.code);
    for (const voucher of JSON.parse(text).data as Json[]) {
      expect(Object.keys(voucher).sort()).toEqual(
        [
          'createdAt',
          'id',
          'lastRedemption',
          'orderRef',
          'productId',
          'productTitle',
          'shopperId',
          'status',
          'uses',
          'usesLeft',
          'voidedAt',
        ].sort(),
      );
    }
  });

  it('voids a voucher found in the list: it lists as voided and its shopper can no longer show a code', async () => {
    const coffee = `/v1/issued-vouchers?product=${made.coffee}`;
    const [newest] = (await expectOk(await suite.h.asMerchant('GET', `${coffee}&status=active&limit=1`))).data;
    expect(newest).toMatchObject({ id: made.vouchers.other, shopperId: 'dave' });
    await expectOk(await suite.h.asMerchant('POST', `/v1/vouchers/${newest.id}/void`, {}));
    expect(await everyId(`${coffee}&status=active`)).toEqual([made.vouchers.active]);
    expect(await everyId(`${coffee}&status=voided`)).toEqual([made.vouchers.other, made.vouchers.voided]);
    await expectError(await suite.h.asShopper('dave', 'GET', `/v1/vouchers/${newest.id}/code`), 409, 'voucher_voided');
    // A used-up voucher has nothing left to void.
    await expectError(await suite.h.asMerchant('POST', `/v1/vouchers/${made.vouchers.usedUp}/void`, {}), 409, 'voucher_used_up');
  });

  it('is the merchant’s alone: any console role may read it, a page’s or a counter’s key may not', async () => {
    const path = `/v1/issued-vouchers?product=${made.coffee}`;
    const invite = await createInvite(
      suite.h.db,
      suite.h.clock,
      suite.h.merchant.merchantId,
      { email: 'operator@shop.example', role: 'operator' },
      'http://flock.test',
    );
    const accepted = await suite.h.server.app.request('/v1/console/invites/accept', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invite.url.split('#/invite/')[1], name: 'Hua', password: 'operator-password-1' }),
    });
    const cookie = (accepted.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const asOperator = await expectOk(await suite.h.server.app.request(path, { headers: { cookie } }));
    expect(asOperator.data).toHaveLength(4);

    const withKey = (key: string, headers: Record<string, string> = {}) =>
      suite.h.server.app.request(path, { headers: { authorization: `Bearer ${key}`, ...headers } });
    await expectError(await withKey(suite.h.merchant.publishableKey, { origin: SHOP_ORIGIN }), 403, 'forbidden');
    await expectError(await withKey(staffKey), 403, 'forbidden');
    await expectError(await suite.h.server.app.request(path), 401, 'unauthorized');
  });

  it("never shows another merchant's vouchers, nor their product", async () => {
    const other = await createMerchant(
      suite.h.db,
      suite.h.clock,
      suite.h.server.secrets,
      { name: 'Other shop', origins: [SHOP_ORIGIN] },
      suite.h.server.webhookAddresses,
    );
    const asOther = (path: string) =>
      suite.h.server.app.request(path, { headers: { authorization: `Bearer ${other.secretKey}` } });
    expect(await expectOk(await asOther('/v1/issued-vouchers'))).toEqual({ data: [], nextCursor: null });
    expect(await expectOk(await asOther(`/v1/issued-vouchers?product=${made.coffee}`))).toEqual({ data: [], nextCursor: null });
    await expectError(await asOther(`/v1/voucher-products/${made.coffee}`), 404, 'not_found');
  });

  it('refuses a product whose validity ends before it starts, or a value without its currency, by the field', async () => {
    const refused = await expectError(
      await suite.h.asMerchant('POST', '/v1/voucher-products', {
        title: 'Backwards',
        uses: 1,
        validFrom: '2026-12-02T00:00:00Z',
        validUntil: '2026-12-01T00:00:00Z',
      }),
      400,
      'invalid_request',
    );
    expect(refused.error.details).toEqual([expect.objectContaining({ path: ['validUntil'] })]);
    const noCurrency = await expectError(
      await suite.h.asMerchant('POST', '/v1/voucher-products', { title: 'Priceless', uses: 1, value: 100 }),
      400,
      'invalid_request',
    );
    expect(noCurrency.error.details).toEqual([expect.objectContaining({ path: ['currency'] })]);
  });
});

// The page a staff key's QR code opens on the counter's phone: served by the console route with
// the camera allowed for it alone, and WebAssembly for the QR decoder; never framed or referred.
describe('the store counter’s scanner page', () => {
  const consoleDir = mkdtempSync(join(tmpdir(), 'flock-console-'));
  writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(consoleDir, 'scanner.html'), '<!doctype html><title>scanner</title>');
  const suite = useHarness(freshPglite, { server: { consoleDir } });

  it('answers scanner.html with its own policy, and every other console path with the console page', async () => {
    const scanner = await suite.h.server.app.request('/console/scanner.html');
    expect(scanner.status).toBe(200);
    expect(await scanner.text()).toContain('<title>scanner</title>');
    const policy = scanner.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(scanner.headers.get('permissions-policy')).toContain('camera=(self)');
    expect(scanner.headers.get('referrer-policy')).toBe('no-referrer');
    expect(scanner.headers.get('x-frame-options')).toBe('DENY');

    const page = await suite.h.server.app.request('/console/staff');
    expect(await page.text()).toContain('<title>console</title>');
    expect(page.headers.get('content-security-policy')).not.toContain('wasm-unsafe-eval');
    expect(page.headers.get('permissions-policy')).toBeNull();
  });
});
