import { describe, expect, it } from 'vitest';
import { createMerchant, createStaffKey } from '../src/domain/merchants.js';
import { mintVoucherCode, rotateSigningKey, verifyVoucherCode } from '../src/domain/voucher-codes.js';
import { testDatabases } from './databases.js';
import { useHarness } from './harness.js';
import { expectError, expectOk, type Json } from './util.js';

describe.each(testDatabases)('vouchers on $kind', ({ create }) => {
  const suite = useHarness(create);
  let seq = 0;

  const newProduct = async (overrides: Record<string, unknown> = {}): Promise<Json> =>
    expectOk(await suite.h.asMerchant('POST', '/v1/voucher-products', { title: 'A coffee', uses: 1, ...overrides }), 201);
  const issue = async (productId: string, shopperId = 'alice'): Promise<Json> =>
    expectOk(await suite.h.asMerchant('POST', '/v1/vouchers', { productId, shopperId, orderRef: `ord-${++seq}` }), 201);
  const codeOf = async (voucherId: string, shopperId = 'alice'): Promise<string> =>
    (await expectOk(await suite.h.asShopper(shopperId, 'GET', `/v1/vouchers/${voucherId}/code`))).code;
  const staffKey = async (store: string, merchantId = suite.h.merchant.merchantId) =>
    (await createStaffKey(suite.h.db, suite.h.clock, merchantId, store)).staffKey;
  const redeemWith = (key: string, code: string) =>
    Promise.resolve(
      suite.h.server.app.request('/v1/redemptions', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      }),
    );
  const redemptionCount = async (voucherId: string) =>
    (
      await suite.h.db.query<{ n: number }>(`select count(*)::int as n from voucher_redemptions where voucher_id = $1`, [
        voucherId,
      ])
    )[0]?.n;
  const usesLeft = async (voucherId: string) =>
    (await suite.h.db.query<{ uses_left: number }>(`select uses_left from vouchers where id = $1`, [voucherId]))[0]?.uses_left;

  it('runs the whole flow: product, voucher, list, code, redeem, used up', async () => {
    const { h } = suite;
    const product = await newProduct({
      title: '10-visit massage card',
      uses: 2,
      value: 50000,
      currency: 'CNY',
      stores: ['Xihu'],
    });
    expect(product).toMatchObject({ uses: 2, stores: ['Xihu'], value: 50000, currency: 'CNY', validFrom: null });
    const orderRef = `ord-${++seq}`;
    const voucher = await expectOk(
      await h.asMerchant('POST', '/v1/vouchers', { productId: product.id, shopperId: 'alice', orderRef }),
      201,
    );
    expect(voucher).toMatchObject({
      status: 'active',
      uses: 2,
      usesLeft: 2,
      title: '10-visit massage card',
      lastRedemption: null,
    });
    // Issuing is idempotent per order; the same order for another shopper is refused.
    const again = await expectOk(
      await h.asMerchant('POST', '/v1/vouchers', { productId: product.id, shopperId: 'alice', orderRef }),
      200,
    );
    expect(again.id).toBe(voucher.id);
    await expectError(
      await h.asMerchant('POST', '/v1/vouchers', { productId: product.id, shopperId: 'bob', orderRef }),
      409,
      'idempotency_conflict',
    );

    const list = await expectOk(await h.asShopper('alice', 'GET', '/v1/vouchers?shopper=me'));
    expect(list.vouchers.map((v: Json) => v.id)).toContain(voucher.id);
    expect((await expectOk(await h.asShopper('bob', 'GET', '/v1/vouchers?shopper=me'))).vouchers).toEqual([]);
    expect((await expectOk(await h.asShopper('alice', 'GET', `/v1/vouchers/${voucher.id}`))).id).toBe(voucher.id);
    await expectError(await h.asShopper('bob', 'GET', `/v1/vouchers/${voucher.id}`), 404, 'not_found');
    await expectError(await h.asShopper('bob', 'GET', `/v1/vouchers/${voucher.id}/code`), 404, 'not_found');

    const codeBody = await expectOk(await h.asShopper('alice', 'GET', `/v1/vouchers/${voucher.id}/code`));
    expect(new Date(codeBody.expiresAt).getTime() - new Date(codeBody.serverNow).getTime()).toBe(60_000);
    expect(codeBody.code.length).toBeLessThan(300);

    const key = await staffKey('Xihu');
    const first = await expectOk(await redeemWith(key, codeBody.code), 201);
    expect(first.voucher).toMatchObject({ id: voucher.id, usesLeft: 1, status: 'active' });
    expect(first.redemption).toMatchObject({ voucherId: voucher.id, store: 'Xihu' });
    expect(first.voucher.lastRedemption).toEqual(first.redemption);
    await expectError(await redeemWith(key, codeBody.code), 409, 'code_replayed');

    const second = await expectOk(await redeemWith(key, await codeOf(voucher.id)), 201);
    expect(second.voucher).toMatchObject({ usesLeft: 0, status: 'used_up' });
    await expectError(await h.asShopper('alice', 'GET', `/v1/vouchers/${voucher.id}/code`), 409, 'voucher_used_up');
    // A code minted before the last use is refused as used up.
    const late = await mintVoucherCode(h.db, h.clock, h.merchant.merchantId, voucher.id);
    await expectError(await redeemWith(key, late.code), 409, 'voucher_used_up');
    expect(await redemptionCount(voucher.id)).toBe(2);
    // Only staff keys redeem.
    await expectError(await h.asMerchant('POST', '/v1/redemptions', { code: late.code }), 403, 'forbidden');
  });

  it('writes the voucher.redeemed webhook and the live event with the redemption', async () => {
    const { h } = suite;
    const voucher = await issue((await newProduct()).id);
    const { redemption } = await expectOk(await redeemWith(await staffKey('Binjiang'), await codeOf(voucher.id)), 201);
    const hooks = await h.db.query<{ payload: string }>(`select payload from webhook_events where type = 'voucher.redeemed'`);
    const hook = hooks.map((row) => JSON.parse(row.payload) as Json).find((p) => p.data.voucher.id === voucher.id);
    expect(hook.data).toMatchObject({ redemption, voucher: { id: voucher.id, usesLeft: 0, status: 'used_up' } });
    const events = await h.db.query<{ type: string; payload: string }>(
      `select type, payload from live_events where topic = $1 order by id`,
      [`voucher:${voucher.id}`],
    );
    expect(events.map((e) => e.type)).toEqual(['voucher.updated']);
    expect(JSON.parse(events[0]?.payload ?? '{}')).toMatchObject({ status: 'used_up', lastRedemption: redemption });
  });

  it('redeems one code exactly once under 100 concurrent scans', async () => {
    const voucher = await issue((await newProduct({ uses: 5 })).id);
    const code = await codeOf(voucher.id);
    const key = await staffKey('Xihu');
    const responses = await Promise.all(Array.from({ length: 100 }, () => redeemWith(key, code)));
    const bodies = await Promise.all(responses.map(async (r) => ({ status: r.status, body: (await r.json()) as Json })));
    expect(bodies.filter((b) => b.status === 201)).toHaveLength(1);
    expect(bodies.filter((b) => b.status === 409 && b.body.error.code === 'code_replayed')).toHaveLength(99);
    expect(await redemptionCount(voucher.id)).toBe(1);
    expect(await usesLeft(voucher.id)).toBe(4);
  });

  it('redeems a 3-use voucher exactly 3 times from 100 concurrent fresh codes', async () => {
    const { h } = suite;
    const voucher = await issue((await newProduct({ uses: 3 })).id);
    const codes = await Promise.all(
      Array.from({ length: 100 }, async () => (await mintVoucherCode(h.db, h.clock, h.merchant.merchantId, voucher.id)).code),
    );
    expect(new Set(codes).size).toBe(100);
    const key = await staffKey('Xihu');
    const responses = await Promise.all(codes.map((code) => redeemWith(key, code)));
    const bodies = await Promise.all(responses.map(async (r) => ({ status: r.status, body: (await r.json()) as Json })));
    expect(bodies.filter((b) => b.status === 201)).toHaveLength(3);
    expect(bodies.filter((b) => b.status === 409 && b.body.error.code === 'voucher_used_up')).toHaveLength(97);
    expect(await redemptionCount(voucher.id)).toBe(3);
    expect(await usesLeft(voucher.id)).toBe(0);
  });

  it('refuses a voided voucher, distinct from a used-up one', async () => {
    const { h } = suite;
    const voucher = await issue((await newProduct({ uses: 3 })).id);
    const code = await codeOf(voucher.id);
    const voided = await expectOk(await h.asMerchant('POST', `/v1/vouchers/${voucher.id}/void`, {}));
    expect(voided).toMatchObject({ status: 'voided', usesLeft: 0 });
    // Voiding again changes nothing.
    expect((await expectOk(await h.asMerchant('POST', `/v1/vouchers/${voucher.id}/void`, {}))).status).toBe('voided');
    await expectError(await redeemWith(await staffKey('Xihu'), code), 409, 'voucher_voided');
    await expectError(await h.asShopper('alice', 'GET', `/v1/vouchers/${voucher.id}/code`), 409, 'voucher_voided');
    expect((await expectOk(await h.asShopper('alice', 'GET', `/v1/vouchers/${voucher.id}`))).status).toBe('voided');
    expect(await redemptionCount(voucher.id)).toBe(0);
    await expectError(await h.asMerchant('POST', '/v1/vouchers/vch_doesnotexist1234/void', {}), 404, 'not_found');
  });

  it('refuses forged, altered, malformed, expired and foreign codes, and a staff key of another store', async () => {
    const { h } = suite;
    const voucher = await issue((await newProduct({ uses: 3, stores: ['Xihu'] })).id);
    const key = await staffKey('Xihu');
    const code = await codeOf(voucher.id);
    const [header, payload, signature] = code.split('.') as [string, string, string];

    // A bad signature (signed with another key).
    const forgedSig = Buffer.from('x'.repeat(32)).toString('base64url');
    await expectError(await redeemWith(key, `${header}.${payload}.${forgedSig}`), 400, 'code_invalid');
    // Every single-character change, in each part, including the signature's last character.
    const swap = (ch: string) => (ch === 'A' ? 'B' : 'A');
    for (const index of [0, header.length + 5, header.length + payload.length, code.length - 10, code.length - 1]) {
      const altered = code.slice(0, index) + swap(code[index] as string) + code.slice(index + 1);
      await expectError(await redeemWith(key, altered), 400, 'code_invalid');
    }
    await expectError(await redeemWith(key, 'not-a-code-at-all'), 400, 'code_invalid');
    await expectError(await redeemWith(key, `${payload}.${header}.${signature}`), 400, 'code_invalid');
    // A staff key of another store.
    await expectError(await redeemWith(await staffKey('Binjiang'), code), 409, 'wrong_store');
    // Another merchant's staff scanning this merchant's code, and this merchant's staff scanning theirs.
    const other = await createMerchant(h.db, h.clock, h.server.secrets, { name: 'Other shop', origins: ['http://other.test'] });
    const otherKey = await staffKey('Xihu', other.merchantId);
    await expectError(await redeemWith(otherKey, code), 400, 'code_invalid');
    const foreign = await mintVoucherCode(h.db, h.clock, other.merchantId, voucher.id);
    await expectError(await redeemWith(key, foreign.code), 400, 'code_invalid');
    // Expired: 61 s later.
    h.clock.advance(61_000);
    await expectError(await redeemWith(key, code), 409, 'code_expired');
    // Nothing was redeemed; the genuine code would still have worked before it expired.
    expect(await redemptionCount(voucher.id)).toBe(0);
    expect(await usesLeft(voucher.id)).toBe(3);
    await expectOk(await redeemWith(key, await codeOf(voucher.id)), 201);
  });

  it('redeems the code typed by hand (12 digits, spaces allowed) as the same single use as its QR', async () => {
    const { h } = suite;
    const voucher = await issue((await newProduct({ uses: 3, stores: ['Xihu'] })).id);
    const key = await staffKey('Xihu');
    const body = await expectOk(await h.asShopper('alice', 'GET', `/v1/vouchers/${voucher.id}/code`));
    expect(body.shortCode).toMatch(/^\d{12}$/);
    // No typed code is kept in clear: only its hash is stored.
    const stored = await h.db.query(`select * from voucher_short_codes where voucher_id = $1`, [voucher.id]);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(body.shortCode);
    const typed = body.shortCode.replace(/(\d{4})(?=\d)/g, '$1 ');
    const redeemed = await expectOk(await redeemWith(key, typed), 201);
    expect(redeemed.voucher).toMatchObject({ id: voucher.id, usesLeft: 2 });
    // The QR of the same code is the same use, and so is typing it again.
    await expectError(await redeemWith(key, body.code), 409, 'code_replayed');
    await expectError(await redeemWith(key, body.shortCode), 409, 'code_replayed');
    // A code typed after the QR was scanned is refused the same way.
    const next = await expectOk(await h.asShopper('alice', 'GET', `/v1/vouchers/${voucher.id}/code`));
    expect(next.shortCode).not.toBe(body.shortCode);
    await expectOk(await redeemWith(key, next.code), 201);
    await expectError(await redeemWith(key, next.shortCode), 409, 'code_replayed');
    // Unknown digits, another merchant's staff, another store, and an expired code.
    await expectError(await redeemWith(key, '000000000000'), 400, 'code_invalid');
    const third = await expectOk(await h.asShopper('alice', 'GET', `/v1/vouchers/${voucher.id}/code`));
    const other = await createMerchant(h.db, h.clock, h.server.secrets, {
      name: 'Typed codes elsewhere',
      origins: ['http://other.test'],
    });
    await expectError(await redeemWith(await staffKey('Xihu', other.merchantId), third.shortCode), 400, 'code_invalid');
    await expectError(await redeemWith(await staffKey('Binjiang'), third.shortCode), 409, 'wrong_store');
    h.clock.advance(61_000);
    await expectError(await redeemWith(key, third.shortCode), 409, 'code_expired');
    expect(await usesLeft(voucher.id)).toBe(1);
  });

  it('checks the validity window before "already used"', async () => {
    const { h } = suite;
    const now = h.clock.now().getTime();
    const product = await newProduct({ uses: 1, validUntil: new Date(now + 3600_000).toISOString() });
    const voucher = await issue(product.id);
    const key = await staffKey('Xihu');
    await expectOk(await redeemWith(key, await codeOf(voucher.id)), 201);
    h.clock.advance(3600_000 + 1000);
    const late = await mintVoucherCode(h.db, h.clock, h.merchant.merchantId, voucher.id);
    await expectError(await redeemWith(key, late.code), 409, 'voucher_expired');

    const future = await newProduct({
      uses: 1,
      validFrom: new Date(h.clock.now().getTime() + 3600_000).toISOString(),
    });
    const early = await issue(future.id);
    await expectError(await redeemWith(key, await codeOf(early.id)), 409, 'voucher_not_yet_valid');
    expect(await redemptionCount(early.id)).toBe(0);

    const fresh = await issue(product.id);
    expect(fresh.status).toBe('expired');
    await expectError(await h.asShopper('alice', 'GET', `/v1/vouchers/${fresh.id}/code`), 409, 'voucher_expired');
  });

  it('verifies a code signed with the previous key after rotation, and rotates daily', async () => {
    const { h } = suite;
    const merchantId = h.merchant.merchantId;
    const voucher = await issue((await newProduct({ uses: 3 })).id);
    const before = await mintVoucherCode(h.db, h.clock, merchantId, voucher.id);
    await rotateSigningKey(h.db, h.clock, merchantId);
    const after = await mintVoucherCode(h.db, h.clock, merchantId, voucher.id);
    const kid = (code: string) => JSON.parse(Buffer.from(code.split('.')[0] as string, 'base64url').toString()).kid;
    expect(kid(after.code)).not.toBe(kid(before.code));
    const key = await staffKey('Xihu');
    await expectOk(await redeemWith(key, before.code), 201);
    await expectOk(await redeemWith(key, after.code), 201);
    // A day later the next code is signed with a new key; the day-old key still verifies.
    h.clock.advance(24 * 3600_000 + 1000);
    const dayOld = (
      await h.db.query<{ n: number }>(`select count(*)::int as n from voucher_signing_keys where merchant_id = $1`, [merchantId])
    )[0]?.n;
    const next = await mintVoucherCode(h.db, h.clock, merchantId, voucher.id);
    expect(kid(next.code)).not.toBe(kid(after.code));
    const keys = (
      await h.db.query<{ n: number }>(`select count(*)::int as n from voucher_signing_keys where merchant_id = $1`, [merchantId])
    )[0]?.n;
    expect(keys).toBe((dayOld ?? 0) + 1);
    await expect(verifyVoucherCode(h.db, h.clock, merchantId, next.code)).resolves.toMatchObject({ voucherId: voucher.id });
  });

  it('validates requests', async () => {
    const { h } = suite;
    await expectError(await h.asMerchant('POST', '/v1/voucher-products', { title: 'x', uses: 0 }), 400, 'invalid_request');
    await expectError(
      await h.asMerchant('POST', '/v1/voucher-products', {
        title: 'x',
        uses: 1,
        validFrom: '2026-12-02T00:00:00Z',
        validUntil: '2026-12-01T00:00:00Z',
      }),
      400,
      'invalid_request',
    );
    await expectError(
      await h.asMerchant('POST', '/v1/vouchers', { productId: 'vpr_nope1234567890', shopperId: 'a', orderRef: 'o' }),
      404,
      'not_found',
    );
    // A fresh shopper: earlier tests moved the clock past the cached tokens' day.
    await expectError(await h.asShopper('carol', 'GET', '/v1/vouchers'), 400, 'invalid_request');
    await expectError(await redeemWith(await staffKey('Xihu'), 'short'), 400, 'invalid_request');
  });
});
