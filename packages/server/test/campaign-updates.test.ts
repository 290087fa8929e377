import { AssistCampaign, GroupBuyOffer, ReferralProgram, VoucherProduct } from '@flock/protocol';
import { describe, expect, it } from 'vitest';
import { createMerchant } from '../src/domain/merchants.js';
import { testDatabases } from './databases.js';
import { offerInput, SHOP_ORIGIN, useHarness } from './harness.js';
import { programInput } from './referral-helpers.js';
import { expectError, expectOk, type Json, webhookEvents } from './util.js';

// PATCH /v1/group-buy-offers/:id, /v1/assist-campaigns/:id, /v1/referral-programs/:id and
// /v1/voucher-products/:id: the merchant edits a campaign's editable fields and pauses, resumes or
// ends it. A campaign that is not active starts nothing new, while what shoppers already hold
// (open teams, running assists, promoter links, issued vouchers) runs on with the terms it copied.
describe.each(testDatabases)('campaign updates on $kind', ({ create }) => {
  const suite = useHarness(create);
  let ipSeq = 0;
  let orderSeq = 0;

  const patch = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    suite.h.asMerchant('PATCH', path, body, headers);
  const asShopper = (shopper: string, method: string, path: string, body?: unknown) =>
    suite.h.asShopper(shopper, method, path, body, { 'x-forwarded-for': `10.7.0.${++ipSeq}` });

  const newOffer = async (overrides: Record<string, unknown> = {}): Promise<Json> =>
    expectOk(await suite.h.asMerchant('POST', '/v1/group-buy-offers', offerInput(overrides)), 201);
  const newCampaign = async (overrides: Record<string, unknown> = {}): Promise<Json> =>
    expectOk(
      await suite.h.asMerchant('POST', '/v1/assist-campaigns', {
        productRef: 'tea-001',
        title: 'Help me get Longjing',
        mode: 'progress',
        goal: 3,
        ttlSeconds: 86400,
        reward: { description: 'A tin of Longjing' },
        ...overrides,
      }),
      201,
    );
  const newProgram = async (overrides: Record<string, unknown> = {}): Promise<Json> =>
    expectOk(await suite.h.asMerchant('POST', '/v1/referral-programs', programInput(overrides)), 201);
  const newProduct = async (overrides: Record<string, unknown> = {}): Promise<Json> =>
    expectOk(await suite.h.asMerchant('POST', '/v1/voucher-products', { title: 'Flat white', uses: 2, ...overrides }), 201);

  /** Opens a team as `leader` and pays the leader's seat, so the team is open to others. */
  const openPaidTeam = async (offerId: string, leader: string): Promise<Json> => {
    const opened = await expectOk(await asShopper(leader, 'POST', `/v1/group-buy-offers/${offerId}/teams`), 201);
    await expectOk(
      await suite.h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: `o-${++orderSeq}` }),
    );
    return opened.team;
  };
  const issue = (productId: string, shopperId: string, orderRef: string) =>
    suite.h.asMerchant('POST', '/v1/vouchers', { productId, shopperId, orderRef });

  describe('group-buy offers', () => {
    it('edits the display fields, prices, schedule and cap, reads them back, and clears with null', async () => {
      const offer = await newOffer({ imageUrl: 'https://shop.test/tea.jpg', maxTeams: 5 });
      const updated = GroupBuyOffer.parse(
        await expectOk(
          await patch(`/v1/group-buy-offers/${offer.id}`, {
            title: 'Longjing, spring harvest',
            regularPrice: 3290,
            groupPrice: 2290,
            leaderPrice: 1990,
            endsAt: '2027-01-01T00:00:00+08:00',
            maxTeams: 50,
          }),
        ),
      );
      expect(updated).toMatchObject({
        id: offer.id,
        title: 'Longjing, spring harvest',
        imageUrl: 'https://shop.test/tea.jpg',
        regularPrice: 3290,
        groupPrice: 2290,
        leaderPrice: 1990,
        endsAt: '2026-12-31T16:00:00.000Z',
        maxTeams: 50,
        // Fixed terms are as created.
        teamSize: 3,
        currency: 'CNY',
        active: true,
        status: 'active',
      });
      const read = await expectOk(await suite.h.asMerchant('GET', `/v1/group-buy-offers/${offer.id}`));
      expect(read).toMatchObject({ title: 'Longjing, spring harvest', groupPrice: 2290, maxTeams: 50, status: 'active' });
      const cleared = await expectOk(
        await patch(`/v1/group-buy-offers/${offer.id}`, { imageUrl: null, leaderPrice: null, endsAt: null, maxTeams: null }),
      );
      expect(cleared).toMatchObject({ imageUrl: null, leaderPrice: null, endsAt: null, maxTeams: null, groupPrice: 2290 });
      // A start in the future makes it inactive until then, status or not.
      const later = await expectOk(await patch(`/v1/group-buy-offers/${offer.id}`, { startsAt: '2027-02-01T00:00:00Z' }));
      expect(later).toMatchObject({ startsAt: '2027-02-01T00:00:00.000Z', active: false, status: 'active' });
    });

    it('checks new prices and dates against the stored ones', async () => {
      const offer = await newOffer({ leaderPrice: 1500, endsAt: '2027-01-01T00:00:00Z' });
      const tooCheap = await expectError(
        await patch(`/v1/group-buy-offers/${offer.id}`, { regularPrice: 1000 }),
        400,
        'invalid_request',
      );
      expect(tooCheap.error.details).toEqual([{ path: ['groupPrice'], message: expect.stringContaining('regularPrice') }]);
      const leader = await expectError(
        await patch(`/v1/group-buy-offers/${offer.id}`, { groupPrice: 1400 }),
        400,
        'invalid_request',
      );
      expect(leader.error.details).toEqual([{ path: ['leaderPrice'], message: expect.any(String) }]);
      const dates = await expectError(
        await patch(`/v1/group-buy-offers/${offer.id}`, { startsAt: '2027-02-01T00:00:00Z' }),
        400,
        'invalid_request',
      );
      expect(dates.error.details).toEqual([{ path: ['endsAt'], message: 'startsAt must be before endsAt.' }]);
      // Nothing changed.
      expect(await expectOk(await suite.h.asMerchant('GET', `/v1/group-buy-offers/${offer.id}`))).toMatchObject({
        regularPrice: 2990,
        groupPrice: 1990,
        startsAt: null,
      });
    });

    it('keeps the price of seats already held; seats taken after a price change pay the new one', async () => {
      const offer = await newOffer();
      const team = await openPaidTeam(offer.id, 'gb-ann');
      const held = await expectOk(await asShopper('gb-bob', 'POST', `/v1/teams/${team.id}/reservations`), 201);
      expect(held.reservation.price).toBe(1990);
      await expectOk(await patch(`/v1/group-buy-offers/${offer.id}`, { groupPrice: 1490 }));
      const bobsView = await expectOk(await asShopper('gb-bob', 'GET', `/v1/teams/${team.id}`));
      expect(bobsView.myReservation).toMatchObject({ id: held.reservation.id, status: 'held', price: 1990 });
      const late = await expectOk(await asShopper('gb-cat', 'POST', `/v1/teams/${team.id}/reservations`), 201);
      expect(late.reservation.price).toBe(1490);
      // The paid leader's price is as it was, too.
      const [leader] = await suite.h.db.query<{ price: number | string }>(
        `select price from reservations where team_id = $1 and leader`,
        [team.id],
      );
      expect(Number(leader?.price)).toBe(1990);
    });

    it('pausing stops new teams (campaign_not_active) while an open team still fills; resuming opens again', async () => {
      const offer = await newOffer();
      const team = await openPaidTeam(offer.id, 'gp-ann');
      const paused = await expectOk(await patch(`/v1/group-buy-offers/${offer.id}`, { status: 'paused' }));
      expect(paused).toMatchObject({ status: 'paused', active: false });
      expect(paused.openTeams.map((t: Json) => t.id)).toEqual([team.id]);
      const refused = await expectError(
        await asShopper('gp-dan', 'POST', `/v1/group-buy-offers/${offer.id}/teams`),
        409,
        'campaign_not_active',
      );
      expect(refused.error.message).toContain('paused');
      // The team already open takes members, is paid for, and completes.
      const joined = await expectOk(await asShopper('gp-bob', 'POST', `/v1/teams/${team.id}/reservations`), 201);
      await expectOk(
        await suite.h.asMerchant('POST', `/v1/reservations/${joined.reservation.id}/confirm`, { orderRef: 'gp-bob-1' }),
      );
      const last = await expectOk(await asShopper('gp-cat', 'POST', `/v1/teams/${team.id}/reservations`), 201);
      await expectOk(
        await suite.h.asMerchant('POST', `/v1/reservations/${last.reservation.id}/confirm`, { orderRef: 'gp-cat-1' }),
      );
      expect(await expectOk(await suite.h.asMerchant('GET', `/v1/teams/${team.id}`))).toMatchObject({ status: 'succeeded' });
      // The merchant's list shows the status too.
      const listed = await expectOk(await suite.h.asMerchant('GET', '/v1/group-buy-offers?limit=100'));
      expect(listed.data.find((o: Json) => o.id === offer.id)).toMatchObject({ status: 'paused', active: false });

      const resumed = await expectOk(await patch(`/v1/group-buy-offers/${offer.id}`, { status: 'active' }));
      expect(resumed).toMatchObject({ status: 'active', active: true });
      await expectOk(await asShopper('gp-dan', 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
    });

    it('lets a leader holding a seat pay after a pause: the team opens and fills', async () => {
      const offer = await newOffer({ teamSize: 2 });
      const opened = await expectOk(await asShopper('gl-ann', 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
      await expectOk(await patch(`/v1/group-buy-offers/${offer.id}`, { status: 'paused' }));
      await expectOk(
        await suite.h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: 'gl-ann-1' }),
      );
      await expectOk(await asShopper('gl-bob', 'POST', `/v1/teams/${opened.team.id}/reservations`), 201);
    });

    it('ending is final: an ended offer cannot become active or paused again', async () => {
      const offer = await newOffer();
      expect(await expectOk(await patch(`/v1/group-buy-offers/${offer.id}`, { status: 'ended' }))).toMatchObject({
        status: 'ended',
        active: false,
      });
      for (const status of ['active', 'paused']) {
        const body = await expectError(await patch(`/v1/group-buy-offers/${offer.id}`, { status }), 409, 'campaign_not_active');
        expect(body.error.message).toContain('ending is final');
      }
      await expectError(await asShopper('ge-ann', 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 409, 'campaign_not_active');
      // Saying ended again, or fixing its title, is fine.
      expect(
        await expectOk(await patch(`/v1/group-buy-offers/${offer.id}`, { status: 'ended', title: 'Sold out for good' })),
      ).toMatchObject({ status: 'ended', title: 'Sold out for good' });
    });

    it('ending with failOpenTeams fails what is forming now: refunds through team.failed, a pending team quietly', async () => {
      const offer = await newOffer({ teamSize: 3 });
      const open = await openPaidTeam(offer.id, 'gf-ann');
      const joined = await expectOk(await asShopper('gf-bob', 'POST', `/v1/teams/${open.id}/reservations`), 201);
      await expectOk(
        await suite.h.asMerchant('POST', `/v1/reservations/${joined.reservation.id}/confirm`, { orderRef: 'gf-bob-1' }),
      );
      const held = await expectOk(await asShopper('gf-cat', 'POST', `/v1/teams/${open.id}/reservations`), 201);
      const pending = await expectOk(await asShopper('gf-dan', 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
      const other = await newOffer();
      const untouched = await openPaidTeam(other.id, 'gf-eve');

      // Only with ending: pausing with it is refused and changes nothing.
      await expectError(
        await patch(`/v1/group-buy-offers/${offer.id}`, { status: 'paused', failOpenTeams: true }),
        400,
        'invalid_request',
      );
      expect(await expectOk(await suite.h.asMerchant('GET', `/v1/teams/${open.id}`))).toMatchObject({ status: 'open' });

      const ended = await expectOk(await patch(`/v1/group-buy-offers/${offer.id}`, { status: 'ended', failOpenTeams: true }));
      expect(ended).toMatchObject({ status: 'ended', openTeams: [] });
      expect(await expectOk(await suite.h.asMerchant('GET', `/v1/teams/${open.id}`))).toMatchObject({ status: 'failed' });
      expect(await expectOk(await suite.h.asMerchant('GET', `/v1/teams/${pending.team.id}`))).toMatchObject({ status: 'failed' });
      expect(await expectOk(await suite.h.asMerchant('GET', `/v1/teams/${untouched.id}`))).toMatchObject({ status: 'open' });
      // The held seat can no longer be paid for.
      await expectError(
        await suite.h.asMerchant('POST', `/v1/reservations/${held.reservation.id}/confirm`, { orderRef: 'gf-cat-1' }),
        409,
        'team_closed',
      );
      // One team.failed for the open team, naming exactly the two paid seats; none for the pending one.
      const failed = (await webhookEvents(suite.h.db, open.id)).filter((event) => event.type === 'team.failed');
      expect(failed).toHaveLength(1);
      const refunds = failed[0]?.payload.data.paidReservations as Json[];
      expect(refunds.map((r) => r.shopperId).sort()).toEqual(['gf-ann', 'gf-bob']);
      expect((await webhookEvents(suite.h.db, pending.team.id)).filter((event) => event.type === 'team.failed')).toHaveLength(0);
      // Saying it again on the ended offer is harmless: nothing is failed or notified twice.
      await expectOk(await patch(`/v1/group-buy-offers/${offer.id}`, { failOpenTeams: true }));
      expect((await webhookEvents(suite.h.db, open.id)).filter((event) => event.type === 'team.failed')).toHaveLength(1);
    });

    it('replays an answer under the same Idempotency-Key', async () => {
      const offer = await newOffer();
      const headers = { 'idempotency-key': `offer-title-${offer.id}` };
      const first = await patch(`/v1/group-buy-offers/${offer.id}`, { title: 'Once' }, headers);
      expect(first.status).toBe(200);
      const again = await patch(`/v1/group-buy-offers/${offer.id}`, { title: 'Once' }, headers);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(await first.json());
      await expectError(
        await patch(`/v1/group-buy-offers/${offer.id}`, { title: 'Twice' }, headers),
        409,
        'idempotency_conflict',
      );
    });
  });

  describe('assist campaigns', () => {
    it('edits fields and reads them back; a running assist keeps its goal, a new one takes the new goal', async () => {
      const campaign = await newCampaign({ helpsPerHelperPerDay: 5 });
      const running = await expectOk(await asShopper('as-ann', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}), 201);
      expect(running.assist.goal).toBe(3);
      const updated = AssistCampaign.parse(
        await expectOk(
          await patch(`/v1/assist-campaigns/${campaign.id}`, {
            title: 'Help me get spring Longjing',
            imageUrl: 'https://shop.test/spring.jpg',
            goal: 5,
            ttlSeconds: 7200,
            purchaseTtlSeconds: 3600,
            helpsPerHelperPerDay: null,
            reward: { description: 'A tin of spring Longjing' },
            endsAt: '2027-01-01T00:00:00Z',
          }),
        ),
      );
      expect(updated).toMatchObject({
        title: 'Help me get spring Longjing',
        imageUrl: 'https://shop.test/spring.jpg',
        goal: 5,
        ttlSeconds: 7200,
        purchaseTtlSeconds: 3600,
        helpsPerHelperPerDay: null,
        reward: { description: 'A tin of spring Longjing', voucherProductId: null },
        endsAt: '2027-01-01T00:00:00.000Z',
        mode: 'progress',
        status: 'active',
        active: true,
      });
      expect(await expectOk(await suite.h.asMerchant('GET', `/v1/assist-campaigns/${campaign.id}`))).toMatchObject({
        goal: 5,
        title: 'Help me get spring Longjing',
      });
      // Ann's assist keeps the goal and deadline it started with; it shows the new title.
      const anns = await expectOk(await suite.h.asMerchant('GET', `/v1/assists/${running.assist.id}`));
      expect(anns).toMatchObject({ goal: 3, expiresAt: running.assist.expiresAt, title: 'Help me get spring Longjing' });
      const bobs = await expectOk(await asShopper('as-bob', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}), 201);
      expect(bobs.assist.goal).toBe(5);
      expect(Date.parse(bobs.assist.expiresAt) - suite.h.clock.now().getTime()).toBe(7200_000);
    });

    it('checks prices against the stored ones and refuses the fixed fields', async () => {
      const cut = await newCampaign({ mode: 'price_cut', startPrice: 1000, floorPrice: 500, currency: 'CNY' });
      const narrow = await expectError(
        await patch(`/v1/assist-campaigns/${cut.id}`, { floorPrice: 999 }),
        400,
        'invalid_request',
      );
      expect(narrow.error.details).toEqual([{ path: ['floorPrice'], message: expect.stringContaining('goal') }]);
      await expectError(await patch(`/v1/assist-campaigns/${cut.id}`, { floorPrice: 1200 }), 400, 'invalid_request');
      expect(await expectOk(await patch(`/v1/assist-campaigns/${cut.id}`, { startPrice: 2000, goal: 10 }))).toMatchObject({
        startPrice: 2000,
        floorPrice: 500,
        goal: 10,
      });
      const progress = await newCampaign();
      const noCurrency = await expectError(
        await patch(`/v1/assist-campaigns/${progress.id}`, { startPrice: 100 }),
        400,
        'invalid_request',
      );
      expect(noCurrency.error.details).toEqual([{ path: ['startPrice'], message: expect.stringContaining('currency') }]);
      for (const fixed of [{ mode: 'price_cut' }, { currency: 'USD' }, { productRef: 'other' }]) {
        await expectError(await patch(`/v1/assist-campaigns/${cut.id}`, fixed), 400, 'invalid_request');
      }
    });

    it('pausing stops new assists (campaign_not_active) while a running one is still helped; resuming starts again', async () => {
      const campaign = await newCampaign();
      const running = await expectOk(await asShopper('ap-ann', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}), 201);
      expect(await expectOk(await patch(`/v1/assist-campaigns/${campaign.id}`, { status: 'paused' }))).toMatchObject({
        status: 'paused',
        active: false,
      });
      const refused = await expectError(
        await asShopper('ap-bob', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}),
        409,
        'campaign_not_active',
      );
      expect(refused.error.message).toContain('paused');
      // Ann gets her running assist back, and friends still help it.
      const again = await expectOk(await asShopper('ap-ann', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}), 200);
      expect(again.assist.id).toBe(running.assist.id);
      const helped = await expectOk(await asShopper('ap-cat', 'POST', `/v1/assists/${running.assist.id}/helps`, {}), 201);
      expect(helped.assist.helps).toBe(1);

      await expectOk(await patch(`/v1/assist-campaigns/${campaign.id}`, { status: 'active' }));
      await expectOk(await asShopper('ap-bob', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}), 201);
    });

    it('ending is final', async () => {
      const campaign = await newCampaign();
      await expectOk(await patch(`/v1/assist-campaigns/${campaign.id}`, { status: 'ended' }));
      await expectError(await patch(`/v1/assist-campaigns/${campaign.id}`, { status: 'active' }), 409, 'campaign_not_active');
      await expectError(await patch(`/v1/assist-campaigns/${campaign.id}`, { status: 'paused' }), 409, 'campaign_not_active');
      await expectError(
        await asShopper('ae-ann', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`, {}),
        409,
        'campaign_not_active',
      );
    });
  });

  describe('referral programs', () => {
    it('edits the name, product, hold and window and reads them back', async () => {
      const program = await newProgram();
      const updated = ReferralProgram.parse(
        await expectOk(
          await patch(`/v1/referral-programs/${program.id}`, {
            name: 'Tea friends, spring',
            holdDays: 14,
            attributionWindowDays: 7,
            product: { title: 'Spring Longjing', price: 25900, currency: 'CNY', url: 'https://shop.test/spring' },
          }),
        ),
      );
      expect(updated).toMatchObject({
        name: 'Tea friends, spring',
        holdDays: 14,
        attributionWindowDays: 7,
        product: { title: 'Spring Longjing', imageUrl: null, price: 25900, currency: 'CNY', url: 'https://shop.test/spring' },
        // The commission rule is as created.
        commission: { type: 'percent', bps: 1000 },
        secondLevelBps: 300,
        status: 'active',
      });
      expect(await expectOk(await suite.h.asMerchant('GET', `/v1/referral-programs/${program.id}`))).toMatchObject({
        name: 'Tea friends, spring',
        holdDays: 14,
      });
      // A new promoter's link points at the new product page.
      const joined = await expectOk(await asShopper('rf-ann', 'POST', `/v1/referral-programs/${program.id}/promoters`, {}), 201);
      expect(joined.shareUrl).toMatch(/^https:\/\/shop\.test\/spring\?flock_ref=/);
    });

    it("refuses the commission terms and a product in another currency than the program's", async () => {
      const program = await newProgram();
      for (const fixed of [{ commission: { type: 'percent', bps: 2000 } }, { secondLevelBps: 0 }]) {
        await expectError(await patch(`/v1/referral-programs/${program.id}`, fixed), 400, 'invalid_request');
      }
      const currency = await expectError(
        await patch(`/v1/referral-programs/${program.id}`, {
          product: { title: 'Tea', currency: 'USD', url: 'https://shop.test/tea' },
        }),
        400,
        'invalid_request',
      );
      expect(currency.error.details).toEqual([{ path: ['product', 'currency'], message: expect.stringContaining('CNY') }]);
    });

    it('pausing stops new promoters (campaign_not_active) while existing links still attribute; resuming takes them again', async () => {
      const program = await newProgram();
      const ann = await expectOk(await asShopper('rp-ann', 'POST', `/v1/referral-programs/${program.id}/promoters`, {}), 201);
      expect(await expectOk(await patch(`/v1/referral-programs/${program.id}`, { status: 'paused' }))).toMatchObject({
        status: 'paused',
      });
      const refused = await expectError(
        await asShopper('rp-bob', 'POST', `/v1/referral-programs/${program.id}/promoters`, {}),
        409,
        'campaign_not_active',
      );
      expect(refused.error.message).toContain('paused');
      // Ann already promotes it: she gets her link back.
      const again = await expectOk(await asShopper('rp-ann', 'POST', `/v1/referral-programs/${program.id}/promoters`, {}), 200);
      expect(again.promoter.id).toBe(ann.promoter.id);
      // Her link still records a click, which attributes an order and earns her commission.
      const click = await expectOk(
        await asShopper('rp-cat', 'POST', '/v1/referral-clicks', { code: ann.promoter.code, landingUrl: ann.shareUrl }),
        201,
      );
      const order = await expectOk(
        await suite.h.asMerchant('POST', '/v1/orders', {
          orderRef: 'rp-order-1',
          amount: 19900,
          currency: 'CNY',
          shopperId: 'rp-cat',
          attributionId: click.attributionId,
        }),
        201,
      );
      expect(order.promoterId).toBe(ann.promoter.id);
      expect(order.commissions).toEqual([expect.objectContaining({ promoterId: ann.promoter.id, amount: 1990 })]);

      await expectOk(await patch(`/v1/referral-programs/${program.id}`, { status: 'active' }));
      await expectOk(await asShopper('rp-bob', 'POST', `/v1/referral-programs/${program.id}/promoters`, {}), 201);
    });

    it('ending is final', async () => {
      const program = await newProgram();
      await expectOk(await patch(`/v1/referral-programs/${program.id}`, { status: 'ended' }));
      await expectError(await patch(`/v1/referral-programs/${program.id}`, { status: 'active' }), 409, 'campaign_not_active');
      await expectError(
        await asShopper('re-ann', 'POST', `/v1/referral-programs/${program.id}/promoters`, {}),
        409,
        'campaign_not_active',
      );
    });
  });

  describe('voucher products', () => {
    it('renames a product and reads it back; the terms are fixed', async () => {
      const product = await newProduct({ value: 3000, currency: 'CNY' });
      const updated = VoucherProduct.parse(
        await expectOk(await patch(`/v1/voucher-products/${product.id}`, { title: 'Oat flat white' })),
      );
      expect(updated).toEqual({ ...product, title: 'Oat flat white' });
      const listed = await expectOk(await suite.h.asMerchant('GET', '/v1/voucher-products?limit=100'));
      expect(listed.data.find((p: Json) => p.id === product.id)).toMatchObject({ title: 'Oat flat white', status: 'active' });
      for (const fixed of [{ value: 1 }, { uses: 5 }, { validUntil: '2027-01-01T00:00:00Z' }, { stores: ['Xihu'] }]) {
        const body = await expectError(await patch(`/v1/voucher-products/${product.id}`, fixed), 400, 'invalid_request');
        expect(JSON.stringify(body.error.details)).toContain(Object.keys(fixed)[0]);
      }
    });

    it('pausing stops new vouchers (campaign_not_active) while an issued one still redeems; resuming issues again', async () => {
      const product = await newProduct();
      const voucher = await expectOk(await issue(product.id, 'vp-ann', 'vp-order-1'), 201);
      expect(await expectOk(await patch(`/v1/voucher-products/${product.id}`, { status: 'paused' }))).toMatchObject({
        status: 'paused',
      });
      const refused = await expectError(await issue(product.id, 'vp-bob', 'vp-order-2'), 409, 'campaign_not_active');
      expect(refused.error.message).toContain('paused');
      // The order already issued is answered again, and its voucher shows a code and redeems.
      expect((await expectOk(await issue(product.id, 'vp-ann', 'vp-order-1'), 200)).id).toBe(voucher.id);
      const { staffKey } = await expectOk(await suite.h.asMerchant('POST', '/v1/staff-keys', { store: 'Xihu' }), 201);
      const { code } = await expectOk(await suite.h.asShopper('vp-ann', 'GET', `/v1/vouchers/${voucher.id}/code`));
      const redeemed = await expectOk(
        await suite.h.server.app.request('/v1/redemptions', {
          method: 'POST',
          headers: { authorization: `Bearer ${staffKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        }),
        201,
      );
      expect(redeemed.voucher).toMatchObject({ id: voucher.id, usesLeft: 1 });

      await expectOk(await patch(`/v1/voucher-products/${product.id}`, { status: 'active' }));
      await expectOk(await issue(product.id, 'vp-bob', 'vp-order-2'), 201);
    });

    it('ending is final', async () => {
      const product = await newProduct();
      await expectOk(await patch(`/v1/voucher-products/${product.id}`, { status: 'ended' }));
      await expectError(await patch(`/v1/voucher-products/${product.id}`, { status: 'paused' }), 409, 'campaign_not_active');
      await expectError(await issue(product.id, 've-ann', 've-order-1'), 409, 'campaign_not_active');
    });
  });

  describe.each([
    { name: 'group-buy offer', path: '/v1/group-buy-offers', make: () => newOffer(), fixed: { teamSize: 5 } },
    { name: 'assist campaign', path: '/v1/assist-campaigns', make: () => newCampaign(), fixed: { mode: 'price_cut' } },
    { name: 'referral program', path: '/v1/referral-programs', make: () => newProgram(), fixed: { holdDays: 7, bogus: 1 } },
    { name: 'voucher product', path: '/v1/voucher-products', make: () => newProduct(), fixed: { uses: 3 } },
  ])('every $name', ({ path, make, fixed }) => {
    it('refuses an empty body, an unknown or fixed field and a bad status with 400, changing nothing', async () => {
      const created = await make();
      const empty = await expectError(await patch(`${path}/${created.id}`, {}), 400, 'invalid_request');
      expect(empty.error.details).toEqual([{ path: [], message: 'Name at least one field to change.' }]);
      const unknown = await expectError(await patch(`${path}/${created.id}`, fixed), 400, 'invalid_request');
      expect(JSON.stringify(unknown.error.details)).toContain('Unrecognized key');
      await expectError(await patch(`${path}/${created.id}`, { status: 'archived' }), 400, 'invalid_request');
      await expectError(await patch(`${path}/${created.id}`, { title: '' }), 400, 'invalid_request');
      const { serverNow: _then, ...before } = created;
      const after = await expectOk(await patch(`${path}/${created.id}`, { status: 'active' }));
      const { serverNow: _now, ...unchanged } = after;
      expect(unchanged).toEqual(before);
    });

    it("answers 404 for another merchant's id and for an unknown one", async () => {
      const other = await createMerchant(
        suite.h.db,
        suite.h.clock,
        suite.h.server.secrets,
        { name: 'Other shop', origins: [SHOP_ORIGIN] },
        suite.h.server.webhookAddresses,
      );
      const created = await make();
      const foreign = await suite.h.server.app.request(`${path}/${created.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${other.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'paused' }),
      });
      await expectError(foreign, 404, 'not_found');
      await expectError(await patch(`${path}/nope_0123456789`, { status: 'paused' }), 404, 'not_found');
      // Still active for its own merchant.
      expect((await expectOk(await patch(`${path}/${created.id}`, { status: 'active' }))).status).toBe('active');
    });

    it('is for the merchant only: the publishable key gets 403', async () => {
      const created = await make();
      const body = await expectError(
        await suite.h.asShopper('pk-ann', 'PATCH', `${path}/${created.id}`, { status: 'paused' }),
        403,
        'forbidden',
      );
      expect(body.error.message).toContain('publishable');
    });
  });
});
