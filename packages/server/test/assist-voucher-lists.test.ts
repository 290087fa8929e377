import { createHash } from 'node:crypto';
import { AssistCampaignPage, AssistPage, RedemptionPage, VoucherProductPage } from '@flock/protocol';
import { StaffKeyPage, StaffKeySummary } from '@flock/protocol/routes';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMerchant } from '../src/domain/merchants.js';
import { testDatabases } from './databases.js';
import { SHOP_ORIGIN, useHarness } from './harness.js';
import { expectError, expectOk, type Json } from './util.js';

// The merchant console's lists: assist campaigns, assists, voucher products, redemptions and staff
// keys, each the merchant's own, newest first, in keyset pages like GET /v1/group-buy-offers.
describe.each(testDatabases)('assist and voucher lists on $kind', ({ create }) => {
  const suite = useHarness(create);
  let ipSeq = 0;

  /** A page schema of protocol: whatever its items, each has an id. */
  interface Page<Item extends { id: string } = { id: string }> {
    parse(value: unknown): { data: Item[]; nextCursor: string | null };
  }
  const list = async <Item extends { id: string }>(schema: Page<Item>, path: string) =>
    schema.parse(await expectOk(await suite.h.asMerchant('GET', path)));
  /** Follows nextCursor with `limit=2` to the end: every id, in the order the pages gave them. */
  const everyId = async (schema: Page, path: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const joiner = path.includes('?') ? '&' : '?';
      const page: { data: { id: string }[]; nextCursor: string | null } = await list(
        schema,
        `${path}${joiner}limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.data.length).toBeLessThanOrEqual(2);
      ids.push(...page.data.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };
  const tick = () => suite.h.clock.advance(1000);

  const newCampaign = async (title: string, overrides: Record<string, unknown> = {}): Promise<Json> =>
    expectOk(
      await suite.h.asMerchant('POST', '/v1/assist-campaigns', {
        productRef: 'tea-001',
        title,
        mode: 'progress',
        goal: 1,
        ttlSeconds: 86400,
        reward: { description: 'A free tin of tea' },
        ...overrides,
      }),
      201,
    );
  const startAssist = async (owner: string, campaignId: string): Promise<Json> =>
    (await expectOk(await suite.h.asShopper(owner, 'POST', `/v1/assist-campaigns/${campaignId}/assists`, {}), 201)).assist;
  const helpAs = async (helper: string, assistId: string) =>
    expectOk(
      await suite.h.asShopper(helper, 'POST', `/v1/assists/${assistId}/helps`, {}, { 'x-forwarded-for': `10.9.0.${++ipSeq}` }),
      201,
    );
  const newProduct = async (title: string, overrides: Record<string, unknown> = {}): Promise<Json> =>
    expectOk(await suite.h.asMerchant('POST', '/v1/voucher-products', { title, uses: 1, ...overrides }), 201);
  let orderSeq = 0;
  const issue = async (productId: string, shopperId = 'alice'): Promise<Json> =>
    expectOk(await suite.h.asMerchant('POST', '/v1/vouchers', { productId, shopperId, orderRef: `list-${++orderSeq}` }), 201);
  const newStaffKey = async (store: string): Promise<{ staffKey: string; id: string }> =>
    expectOk(await suite.h.asMerchant('POST', '/v1/staff-keys', { store }), 201);
  const redeemWith = async (staffKey: string, voucherId: string, shopperId = 'alice') => {
    const { code } = await expectOk(await suite.h.asShopper(shopperId, 'GET', `/v1/vouchers/${voucherId}/code`));
    return suite.h.server.app.request('/v1/redemptions', {
      method: 'POST',
      headers: { authorization: `Bearer ${staffKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  };

  // Built once, oldest first, one second apart: what every list below pages through.
  const made = {
    campaigns: [] as string[],
    assists: {} as Record<'completed' | 'expired' | 'active' | 'other', string>,
    products: [] as string[],
    vouchers: {} as Record<'usedUp' | 'voided' | 'active' | 'expiring' | 'multi', string>,
    redemptions: [] as string[],
    staffKeys: [] as { staffKey: string; id: string }[],
  };
  beforeAll(async () => {
    // Campaigns: "Tea" gets a completed and an active assist, "Cake" one that runs out, "Rice" none.
    for (const [title, ttlSeconds] of [
      ['Tea', 86400],
      ['Cake', 60],
      ['Rice', 86400],
    ] as const) {
      made.campaigns.push((await newCampaign(title, { ttlSeconds })).id);
      tick();
    }
    const [tea, cake] = made.campaigns as [string, string];
    made.assists.completed = (await startAssist('alice', tea)).id;
    tick();
    await helpAs('carol', made.assists.completed);
    made.assists.expired = (await startAssist('dave', cake)).id;
    tick();
    made.assists.active = (await startAssist('erin', tea)).id;
    tick();
    made.assists.other = (await startAssist('frank', made.campaigns[2] as string)).id;
    tick();

    // Products: a single-use coffee (used up, voided, active), a card that expires, a 3-visit card.
    made.products.push((await newProduct('Coffee')).id);
    tick();
    const validUntil = new Date(suite.h.clock.now().getTime() + 120_000).toISOString();
    made.products.push((await newProduct('Soup', { validUntil })).id);
    tick();
    made.products.push((await newProduct('Lunch card', { uses: 3 })).id);
    tick();
    const [coffee, soup, lunch] = made.products as [string, string, string];
    made.vouchers.usedUp = (await issue(coffee)).id;
    made.vouchers.voided = (await issue(coffee)).id;
    made.vouchers.active = (await issue(coffee, 'bob')).id;
    made.vouchers.expiring = (await issue(soup)).id;
    made.vouchers.multi = (await issue(lunch, 'bob')).id;
    expectOk(await suite.h.asMerchant('POST', `/v1/vouchers/${made.vouchers.voided}/void`, {}));

    // Staff keys and redemptions: Xihu, then Binjiang, then Xihu again.
    made.staffKeys.push(await newStaffKey('Xihu'));
    tick();
    made.staffKeys.push(await newStaffKey('Binjiang'));
    tick();
    const [xihu, binjiang] = made.staffKeys as [(typeof made.staffKeys)[0], (typeof made.staffKeys)[0]];
    for (const [key, voucherId, shopperId] of [
      [xihu.staffKey, made.vouchers.usedUp, 'alice'],
      [binjiang.staffKey, made.vouchers.multi, 'bob'],
      [xihu.staffKey, made.vouchers.multi, 'bob'],
    ] as const) {
      made.redemptions.push((await expectOk(await redeemWith(key, voucherId, shopperId), 201)).redemption.id);
      tick();
    }
    // Soup's validity and Cake's assist run out.
    suite.h.clock.advance(120_000);
  });

  it('pages every assist campaign exactly once, newest first, with its assists counted by status', async () => {
    expect(await everyId(AssistCampaignPage, '/v1/assist-campaigns')).toEqual([...made.campaigns].reverse());
    const page = await list(AssistCampaignPage, '/v1/assist-campaigns');
    expect(page.data.map((campaign) => [campaign.title, campaign.assists])).toEqual([
      ['Rice', { active: 1, completed: 0, expired: 0 }],
      ['Cake', { active: 0, completed: 0, expired: 1 }],
      ['Tea', { active: 1, completed: 1, expired: 0 }],
    ]);
    expect(page.data[2]).toMatchObject({ mode: 'progress', goal: 1, active: true, createdAt: '2026-11-23T08:00:00.000Z' });
    expect(page.data[2]).not.toHaveProperty('serverNow');
    expect(page.data[2]).not.toHaveProperty('myAssist');
  });

  it('pages every assist exactly once, newest first, filtered by campaign and by status as settled now', async () => {
    const { completed, expired, active, other } = made.assists;
    expect(await everyId(AssistPage, '/v1/assists')).toEqual([other, active, expired, completed]);
    const [tea, cake] = made.campaigns as [string, string];
    expect(await everyId(AssistPage, `/v1/assists?campaign=${tea}`)).toEqual([active, completed]);
    expect(await everyId(AssistPage, '/v1/assists?status=completed')).toEqual([completed]);
    // Dave's assist ran out but no sweep wrote it yet: it is expired all the same, and not active.
    expect(await everyId(AssistPage, '/v1/assists?status=expired')).toEqual([expired]);
    expect(await everyId(AssistPage, '/v1/assists?status=active')).toEqual([other, active]);
    expect(await everyId(AssistPage, `/v1/assists?campaign=${cake}&status=active`)).toEqual([]);
    expect(await everyId(AssistPage, '/v1/assists?campaign=asc_nothingLikeThis')).toEqual([]);

    const page = await list(AssistPage, `/v1/assists?campaign=${tea}&status=completed`);
    expect(page.data).toEqual([
      expect.objectContaining({
        id: completed,
        campaignId: tea,
        ownerShopperId: 'alice',
        owner: { displayName: 'alice', avatarUrl: null },
        status: 'completed',
        helps: 1,
        goal: 1,
        title: 'Tea',
        currentPrice: null,
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        completedAt: expect.any(String),
      }),
    ]);
    expect(page.data[0]).not.toHaveProperty('helpers');
  });

  it('pages every voucher product exactly once, newest first, with its vouchers counted by status', async () => {
    expect(await everyId(VoucherProductPage, '/v1/voucher-products')).toEqual([...made.products].reverse());
    const page = await list(VoucherProductPage, '/v1/voucher-products');
    expect(page.data.map((product) => [product.title, product.vouchers])).toEqual([
      ['Lunch card', { issued: 1, active: 1, usedUp: 0, voided: 0, expired: 0 }],
      ['Soup', { issued: 1, active: 0, usedUp: 0, voided: 0, expired: 1 }],
      ['Coffee', { issued: 3, active: 1, usedUp: 1, voided: 1, expired: 0 }],
    ]);
    expect(page.data[0]).toMatchObject({ uses: 3, stores: null, createdAt: expect.any(String) });
  });

  it('pages every redemption exactly once, newest first, filtered by store, with product and staff key', async () => {
    const [first, second, third] = made.redemptions as [string, string, string];
    expect(await everyId(RedemptionPage, '/v1/redemptions')).toEqual([third, second, first]);
    expect(await everyId(RedemptionPage, '/v1/redemptions?store=Xihu')).toEqual([third, first]);
    expect(await everyId(RedemptionPage, '/v1/redemptions?store=Nowhere')).toEqual([]);
    const page = await list(RedemptionPage, '/v1/redemptions?store=Binjiang');
    expect(page.data).toEqual([
      {
        id: second,
        voucherId: made.vouchers.multi,
        productId: made.products[2],
        productTitle: 'Lunch card',
        shopperId: 'bob',
        store: 'Binjiang',
        staffKeyId: made.staffKeys[1]?.id,
        redeemedAt: expect.any(String),
      },
    ]);
  });

  it('pages every staff key exactly once, newest first, and never shows a key or its hash', async () => {
    expect(await everyId(StaffKeyPage, '/v1/staff-keys')).toEqual(made.staffKeys.map((key) => key.id).reverse());
    const text = await (await suite.h.asMerchant('GET', '/v1/staff-keys?limit=100')).text();
    for (const { staffKey, id } of made.staffKeys) {
      expect(id).toMatch(/^key_/);
      expect(text).not.toContain(staffKey);
      expect(text).not.toContain(staffKey.slice(4, 12));
      expect(text).not.toContain(createHash('sha256').update(staffKey).digest('hex'));
    }
    expect(JSON.parse(text).data[0]).toEqual({
      id: made.staffKeys[1]?.id,
      store: 'Binjiang',
      createdAt: expect.any(String),
      revokedAt: null,
    });
  });

  it('revokes a staff key: it redeems nothing from then on, and revoking again answers the same key', async () => {
    const key = await newStaffKey('Gongshu');
    const voucher = await issue(made.products[2] as string, 'gina');
    const revoked = StaffKeySummary.parse(await expectOk(await suite.h.asMerchant('POST', `/v1/staff-keys/${key.id}/revoke`)));
    expect(revoked).toEqual({ id: key.id, store: 'Gongshu', createdAt: expect.any(String), revokedAt: expect.any(String) });
    tick();
    expect(await expectOk(await suite.h.asMerchant('POST', `/v1/staff-keys/${key.id}/revoke`))).toEqual(revoked);

    await expectError(await redeemWith(key.staffKey, voucher.id, 'gina'), 401, 'invalid_key');
    const untouched = await expectOk(await suite.h.asShopper('gina', 'GET', `/v1/vouchers/${voucher.id}`));
    expect(untouched.usesLeft).toBe(3);
    // Other staff keys still redeem, and the list shows when this one was revoked.
    await expectOk(await redeemWith(made.staffKeys[0]?.staffKey as string, voucher.id, 'gina'), 201);
    const listed = await list(StaffKeyPage, '/v1/staff-keys?limit=1');
    expect(listed.data).toEqual([revoked]);

    await expectError(await suite.h.asMerchant('POST', '/v1/staff-keys/key_notOneOfOurs0000/revoke'), 404, 'not_found');
    // Only staff keys: the secret key's own id is not one.
    const [secret] = await suite.h.db.query<{ id: string }>(
      `select id from api_keys where merchant_id = $1 and kind = 'secret'`,
      [suite.h.merchant.merchantId],
    );
    await expectError(await suite.h.asMerchant('POST', `/v1/staff-keys/${secret?.id}/revoke`), 404, 'not_found');
  });

  it("never shows another merchant's rows, and a filter naming them finds nothing", async () => {
    const other = await createMerchant(
      suite.h.db,
      suite.h.clock,
      suite.h.server.secrets,
      { name: 'Other shop', origins: [SHOP_ORIGIN] },
      suite.h.server.webhookAddresses,
    );
    const asOther = (method: string, path: string, body?: unknown) =>
      suite.h.server.app.request(path, {
        method,
        headers: { authorization: `Bearer ${other.secretKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const theirCampaign = await expectOk(
      await asOther('POST', '/v1/assist-campaigns', {
        productRef: 'x',
        title: 'Theirs',
        mode: 'progress',
        goal: 1,
        ttlSeconds: 600,
        reward: { description: 'x' },
      }),
      201,
    );
    const theirProduct = await expectOk(await asOther('POST', '/v1/voucher-products', { title: 'Theirs', uses: 1 }), 201);
    const theirKey = await expectOk(await asOther('POST', '/v1/staff-keys', { store: 'Xihu' }), 201);

    for (const path of ['/v1/assist-campaigns', '/v1/assists', '/v1/voucher-products', '/v1/redemptions', '/v1/staff-keys']) {
      const mine = JSON.stringify(await expectOk(await suite.h.asMerchant('GET', `${path}?limit=100`)));
      for (const theirs of [theirCampaign.id, theirProduct.id, theirKey.id]) expect(mine, path).not.toContain(theirs);
    }
    expect(await everyId(AssistPage, `/v1/assists?campaign=${theirCampaign.id}`)).toEqual([]);
    await expectError(await suite.h.asMerchant('POST', `/v1/staff-keys/${theirKey.id}/revoke`), 404, 'not_found');

    // And the other merchant sees only its own.
    const theirs = async (path: string) => ((await expectOk(await asOther('GET', path))) as Json).data.map((r: Json) => r.id);
    expect(await theirs('/v1/assist-campaigns')).toEqual([theirCampaign.id]);
    expect(await theirs('/v1/assists')).toEqual([]);
    expect(await theirs('/v1/voucher-products')).toEqual([theirProduct.id]);
    expect(await theirs('/v1/redemptions')).toEqual([]);
    expect(await theirs('/v1/staff-keys')).toEqual([theirKey.id]);
    expect(await theirs(`/v1/assists?campaign=${made.campaigns[0]}`)).toEqual([]);
  });

  const lists = ['/v1/assist-campaigns', '/v1/assists', '/v1/voucher-products', '/v1/redemptions', '/v1/staff-keys'];

  it.each(lists)('%s refuses a cursor it did not give with 400 invalid_request naming it', async (path) => {
    for (const cursor of ['abc', 'not%20one', Buffer.from('["yesterday",1]').toString('base64url')]) {
      const body = await expectError(await suite.h.asMerchant('GET', `${path}?cursor=${cursor}`), 400, 'invalid_request');
      expect(body.error.details).toContainEqual({ path: ['cursor'], message: expect.any(String) });
    }
    const body = await expectError(await suite.h.asMerchant('GET', `${path}?limit=0`), 400, 'invalid_request');
    expect(body.error.details).toContainEqual({ path: ['limit'], message: expect.any(String) });
  });

  it('refuses an assist status that does not exist with 400 invalid_request naming it', async () => {
    const body = await expectError(await suite.h.asMerchant('GET', '/v1/assists?status=paused'), 400, 'invalid_request');
    expect(body.error.details).toContainEqual({ path: ['status'], message: expect.any(String) });
  });

  it.each([...lists.map((path) => ['GET', path] as const), ['POST', `/v1/staff-keys/key_any0000000000/revoke`] as const])(
    'is for the merchant only: %s %s with the publishable key gets 403',
    async (method, path) => {
      const response = await suite.h.asShopper('alice', method, path, method === 'POST' ? {} : undefined);
      await expectError(response, 403, 'forbidden');
    },
  );
});
