import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvite, type ConsoleShop, startConsoleShop } from './console-shop.js';

// A merchant given only an invite link, in real Chromium against a real server: creates a voucher
// product, finds a refunded shopper's voucher and voids it, sets up a store counter's phone with a
// staff key shown once (its QR code opens the scanner, which redeems with that key), revokes the key,
// and invites an operator, who may see the stores' keys but neither create nor revoke one.

describe('the merchant console’s vouchers, stores and staff keys', () => {
  let shop: ConsoleShop;
  let context: BrowserContext;

  beforeAll(async () => {
    shop = await startConsoleShop();
    context = await shop.browser.newContext({ locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shop.api });
  });
  afterAll(async () => {
    await context?.close();
    await shop?.close();
  });
  /** A voucher's fresh code, as its shopper's page fetches it (the shop signs the shopper in). */
  const codeOf = async (voucherId: string, shopperId: string) => {
    const { body: token } = await shop.asShop('POST', '/v1/shopper-tokens', { shopperId, displayName: shopperId });
    return (await shop.asShop('GET', `/v1/vouchers/${voucherId}/code`, undefined, { 'flock-shopper': token.token })).body as {
      code: string;
      shortCode: string;
    };
  };
  const voucherAs = async (voucherId: string, shopperId: string) => {
    const { body: token } = await shop.asShop('POST', '/v1/shopper-tokens', { shopperId, displayName: shopperId });
    return (await shop.asShop('GET', `/v1/vouchers/${voucherId}`, undefined, { 'flock-shopper': token.token })).body;
  };
  const redeemWith = (staffKey: string, code: string) =>
    fetch(`${shop.api}/v1/redemptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staffKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });

  it('runs vouchers from the console: a product, a void, a counter’s key shown once, its scanner, and roles', async () => {
    const owner = await context.newPage();
    const errors: string[] = [];
    owner.on('pageerror', (error) => errors.push(error.message));
    owner.on('dialog', (dialog) => void dialog.accept());
    await acceptInvite(owner, shop.created.ownerInvite?.url as string, 'Ming', 'west-lake-longjing');

    // 1. A voucher product; "0 uses" is refused by its field, by the contract's own rule.
    await owner.getByRole('link', { name: 'Voucher products' }).click();
    await owner.getByText('No voucher products yet').waitFor();
    await owner.getByRole('link', { name: 'New product' }).click();
    await owner.getByLabel('Title shoppers see').fill('Osmanthus latte');
    await owner.getByLabel('Face value').fill('28');
    await owner.getByLabel(/^Uses per voucher/).fill('0');
    await owner.getByRole('button', { name: 'Create product' }).click();
    await expect.poll(() => owner.locator('#uses-error').textContent()).toBe('At least 1.');
    await owner.getByLabel(/^Uses per voucher/).fill('1');
    await owner.getByRole('button', { name: 'Create product' }).click();
    const productRow = owner.getByRole('row', { name: /Osmanthus latte/ });
    await productRow.waitFor();
    expect(await productRow.textContent()).toMatch(/CN¥28\.00[\s\S]*Single use[\s\S]*0 issued[\s\S]*Active/);
    const { body: products } = await shop.asShop('GET', '/v1/voucher-products');
    expect(products.data).toEqual([
      expect.objectContaining({ title: 'Osmanthus latte', value: 2800, currency: 'CNY', uses: 1, stores: null }),
    ]);
    const productId = products.data[0].id as string;
    // Its terms are fixed once vouchers may be issued: the edit form changes the title alone.
    await productRow.getByRole('link', { name: 'Edit' }).click();
    await owner.getByText('Only the title can change').waitFor();
    expect(await owner.getByLabel(/^Uses per voucher/).isDisabled()).toBe(true);
    await owner.getByLabel('Title shoppers see').fill('Osmanthus latte, hot');
    await owner.getByRole('button', { name: 'Save changes' }).click();
    await owner.getByRole('row', { name: /Osmanthus latte, hot/ }).waitFor();
    expect((await shop.asShop('GET', `/v1/voucher-products/${productId}`)).body).toMatchObject({
      title: 'Osmanthus latte, hot',
      uses: 1,
    });

    // 2. Two shoppers bought one; one of them is refunded: the merchant finds that voucher and voids it.
    const issue = async (shopperId: string, orderRef: string) =>
      (await shop.asShop('POST', '/v1/vouchers', { productId, shopperId, orderRef })).body.id as string;
    const refunded = await issue('wei', 'WL-1001');
    const racing = await issue('lina', 'WL-1002');
    await owner.getByRole('link', { name: 'Issued vouchers' }).click();
    await owner
      .getByRole('row', { name: /WL-1001/ })
      .getByRole('button', { name: 'Void' })
      .click();
    await owner
      .getByRole('row', { name: /WL-1001/ })
      .getByText('Voided')
      .waitFor();
    expect(
      await owner
        .getByRole('row', { name: /WL-1001/ })
        .getByRole('button', { name: 'Void' })
        .count(),
    ).toBe(0);
    expect(await voucherAs(refunded, 'wei')).toMatchObject({ status: 'voided', usesLeft: 0 });
    // Lina's voucher is used at the counter while the page still shows it active: the refusal is said in words.
    const { body: counterKey } = await shop.asShop('POST', '/v1/staff-keys', { store: 'Binjiang store' });
    expect((await redeemWith(counterKey.staffKey, (await codeOf(racing, 'lina')).code)).status).toBe(201);
    await owner
      .getByRole('row', { name: /WL-1002/ })
      .getByRole('button', { name: 'Void' })
      .click();
    await owner.getByRole('alert').getByText('This voucher is used up: nothing is left to void.').waitFor();
    expect(await voucherAs(racing, 'lina')).toMatchObject({ status: 'used_up' });

    // 3. A staff key for a store, shown once with its QR code: the QR's link opens the counter's scanner.
    await owner.getByRole('link', { name: 'Stores & staff' }).click();
    await owner.getByLabel('Store name').fill('West Lake store');
    await owner.getByRole('button', { name: 'Create key' }).click();
    const staffKey = (await owner.locator('[data-staff-key]').textContent())?.trim() as string;
    const scannerLink = (await owner.locator('[data-scanner-link]').textContent())?.trim() as string;
    expect(staffKey).toMatch(/^stf_\w+$/);
    expect(scannerLink).toBe(`${shop.api}/console/scanner.html#key=${staffKey}&store=West+Lake+store`);
    expect(await owner.locator('[data-created-key] svg.qr').getAttribute('data-qr')).toBe(scannerLink);
    await owner.getByRole('button', { name: 'Copy link' }).click();
    expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(scannerLink);

    const phone = await context.newPage();
    phone.on('pageerror', (error) => errors.push(error.message));
    await phone.goto(scannerLink);
    const scanner = phone.locator('flock-voucher-scanner');
    await phone.getByRole('heading', { name: 'West Lake store' }).waitFor();
    await scanner.getByRole('heading', { name: 'Scan to redeem' }).waitFor({ timeout: 15_000 });
    expect(await scanner.getAttribute('staff-key')).toBe(staffKey);
    // A shopper reads out the 12 digits; the counter types them and the use goes through with this key.
    const latte = await issue('zhang', 'WL-1003');
    await scanner.locator('input[name="code"]').fill((await codeOf(latte, 'zhang')).shortCode);
    await scanner.getByRole('button', { name: 'Redeem' }).click();
    await scanner.locator('.result.success').waitFor();
    const { body: redemptions } = await shop.asShop('GET', '/v1/redemptions?store=West%20Lake%20store');
    expect(redemptions.data).toEqual([expect.objectContaining({ voucherId: latte, store: 'West Lake store' })]);
    await phone.close();

    // The key is never shown again: the list names its store and id only.
    expect(await owner.getByText(staffKey).count()).toBe(2);
    await owner.getByRole('button', { name: 'Done' }).click();
    expect(await owner.locator('[data-staff-key]').count()).toBe(0);
    await owner.getByRole('row', { name: /West Lake store/ }).waitFor();
    expect(await owner.getByText(staffKey).count()).toBe(0);

    // 4. Revoked, the key redeems nothing.
    await owner
      .getByRole('row', { name: /West Lake store/ })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await owner
      .getByRole('row', { name: /West Lake store/ })
      .getByText(/^Revoked/)
      .waitFor();
    const afterRevoke = await redeemWith(staffKey, (await codeOf(await issue('jing', 'WL-1004'), 'jing')).code);
    expect(afterRevoke.status).toBe(401);
    expect(((await afterRevoke.json()) as any).error.code).toBe('invalid_key');

    // 5. An operator sees the stores' keys but may neither create nor revoke one, on the page or through the API.
    await owner.getByRole('link', { name: 'Settings' }).click();
    await owner.getByPlaceholder('Their email').fill('hua@westlake.example');
    await owner.getByRole('combobox', { name: 'Invite a colleague' }).selectOption('operator');
    await owner.getByRole('button', { name: 'Create invite link' }).click();
    const operatorInvite = (await owner.locator('pre[data-invite]').textContent())?.trim() as string;
    const operatorContext = await shop.browser.newContext({ locale: 'en-US' });
    try {
      const operator = await operatorContext.newPage();
      operator.on('pageerror', (error) => errors.push(error.message));
      await acceptInvite(operator, operatorInvite, 'Hua', 'operator-password-1');
      await operator.goto(`${shop.api}/console/#/staff`);
      await operator.getByText('Only an owner can create or revoke staff keys.').waitFor();
      await operator.getByRole('row', { name: /Binjiang store/ }).waitFor();
      expect(await operator.getByRole('button', { name: 'Create key' }).count()).toBe(0);
      expect(await operator.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
      const refused = await operator.evaluate(async (keyId) => {
        const session = await (await fetch('/v1/console/session')).json();
        const post = (path: string, body: unknown) =>
          fetch(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'flock-csrf': session.csrfToken },
            body: JSON.stringify(body),
          }).then(async (response) => [response.status, (await response.json()).error?.code]);
        return [await post('/v1/staff-keys', { store: 'Sneaky store' }), await post(`/v1/staff-keys/${keyId}/revoke`, {})];
      }, counterKey.id as string);
      expect(refused).toEqual([
        [403, 'forbidden'],
        [403, 'forbidden'],
      ]);
      const { body: keys } = await shop.asShop('GET', '/v1/staff-keys');
      expect(keys.data.map((key: any) => [key.store, key.revokedAt === null])).toEqual([
        ['West Lake store', false],
        ['Binjiang store', true],
      ]);
    } finally {
      await operatorContext.close();
    }
    expect(errors).toEqual([]);
  });
});
