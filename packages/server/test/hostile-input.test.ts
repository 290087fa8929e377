import { describe, expect, it } from 'vitest';
import type { MerchantRow } from '../src/domain/merchants.js';
import { mintShopperToken } from '../src/domain/shoppers.js';
import { testDatabases } from './databases.js';
import { tableFingerprinter } from './db-fingerprint.js';
import { type Harness, offerInput, SHOP_ORIGIN, useHarness } from './harness.js';
import { programInput } from './referral-helpers.js';
import { expectError, expectOk, rawRequest } from './util.js';

interface Detail {
  path: Array<string | number>;
  message: string;
}

/** Asserts 400 invalid_request and returns its details. */
async function invalid(response: Response): Promise<Detail[]> {
  const body = await expectError(response, 400, 'invalid_request');
  return body.error.details as Detail[];
}

describe.each(testDatabases)('text, numbers and ids the database cannot hold on $kind', ({ create }) => {
  const suite = useHarness(create);

  /** Runs `act`, which must be refused, and asserts that no table changed. */
  async function writesNothing(h: Harness, act: () => Promise<void>) {
    const fingerprint = await tableFingerprinter(h.db);
    const before = await fingerprint();
    await act();
    expect(await fingerprint()).toEqual(before);
  }

  describe('NUL characters and unpaired surrogates', () => {
    it('refuses them in JSON bodies at any depth, naming the field', async () => {
      const { h } = suite;
      await writesNothing(h, async () => {
        const program = programInput({ product: { ...programInput().product, title: 'Tea\u0000' } });
        const nul = await invalid(await h.asMerchant('POST', '/v1/referral-programs', program));
        expect(nul).toEqual([{ path: ['product', 'title'], message: expect.stringContaining('NUL') }]);

        const surrogate = await invalid(
          await h.asMerchant('POST', '/v1/voucher-products', { title: 'Coffee', uses: 1, stores: ['Main', 'West \ud800'] }),
        );
        expect(surrogate).toEqual([{ path: ['stores', 1], message: expect.stringContaining('surrogate') }]);

        const store = await invalid(await h.asMerchant('POST', '/v1/staff-keys', { store: 'a\u0000b' }));
        expect(store[0]?.path).toEqual(['store']);
      });
    });

    it('never mints a token for a shopper id with a NUL, and refuses one minted before', async () => {
      const { h } = suite;
      const offer = await expectOk(await h.asMerchant('POST', '/v1/group-buy-offers', offerInput()), 201);
      await writesNothing(h, async () => {
        const details = await invalid(await h.asMerchant('POST', '/v1/shopper-tokens', { shopperId: 'eve\u0000' }));
        expect(details[0]?.path).toEqual(['shopperId']);
        await invalid(await h.asMerchant('POST', '/v1/shopper-tokens', { shopperId: 'eve', displayName: 'Eve\u0000' }));

        // A token signed with the merchant's key before minting refused such ids.
        const [merchant] = await h.db.query<MerchantRow>(`select * from merchants where id = $1`, [h.merchant.merchantId]);
        const { token } = await mintShopperToken(merchant as MerchantRow, h.clock, { shopperId: 'eve\u0000' });
        await expectError(
          await rawRequest(h, 'POST', `/v1/group-buy-offers/${offer.id}/teams`, {
            key: h.merchant.publishableKey,
            shopperToken: token,
          }),
          401,
          'shopper_token_invalid',
        );
      });
    });

    it('refuses them in path parameters and query values, naming the parameter', async () => {
      const { h } = suite;
      await writesNothing(h, async () => {
        expect(await invalid(await h.asMerchant('GET', '/v1/teams/team_abc%00'))).toEqual([
          { path: ['id'], message: expect.stringContaining('NUL') },
        ]);
        expect((await invalid(await h.asMerchant('POST', '/v1/orders/a%00b/refunds', { amount: 1 })))[0]?.path).toEqual([
          'orderRef',
        ]);
        expect((await invalid(await h.asShopper('ann', 'GET', '/v1/promoters/me?program=prg_x%00')))[0]?.path).toEqual([
          'program',
        ]);
        expect((await invalid(await h.asShopper('ann', 'GET', '/v1/vouchers?shopper=me&note=a%00')))[0]?.path).toEqual(['note']);
        // Percent-encoding that is not UTF-8 (a surrogate's bytes among them) stays as typed: no id, nothing worse.
        await expectError(await h.asMerchant('GET', '/v1/teams/%C3%28'), 404, 'not_found');
        await expectError(await h.asMerchant('GET', '/v1/teams/%ED%A0%80'), 404, 'not_found');
        await expectError(await h.asMerchant('GET', '/v1/teams/%'), 404, 'not_found');
      });
    });
  });

  describe('numbers and dates the columns cannot hold', () => {
    it('keeps prices up to 10^10 minor units exact, as numbers, from offer to webhook', async () => {
      const { h } = suite;
      const max = 10_000_000_000;
      const offer = await expectOk(
        await h.asMerchant(
          'POST',
          '/v1/group-buy-offers',
          offerInput({ regularPrice: max, groupPrice: max, leaderPrice: max, teamSize: 2, maxTeams: 1_000_000 }),
        ),
        201,
      );
      expect(offer).toMatchObject({ regularPrice: max, groupPrice: max, leaderPrice: max, maxTeams: 1_000_000 });
      const opened = await expectOk(await h.asShopper('rich-lead', 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
      expect(opened.reservation.price).toBe(max);
      await expectOk(await h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: 'big-1' }));
      const joined = await expectOk(await h.asShopper('rich-friend', 'POST', `/v1/teams/${opened.team.id}/reservations`), 201);
      const confirmed = await expectOk(
        await h.asMerchant('POST', `/v1/reservations/${joined.reservation.id}/confirm`, { orderRef: 'big-2' }),
      );
      expect(confirmed.price).toBe(max);
      const [event] = await h.db.query<{ payload: string }>(
        `select payload from webhook_events where type = 'team.succeeded' and payload like $1`,
        [`%${opened.team.id}%`],
      );
      const prices = JSON.parse(event?.payload ?? '{}').data.paidReservations.map((r: { price: unknown }) => r.price);
      expect(prices).toEqual([max, max]);
    });

    it('refuses amounts and counts beyond the bounds with 400, writing nothing', async () => {
      const { h } = suite;
      await writesNothing(h, async () => {
        const tooMuch = await invalid(
          await h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ regularPrice: 10_000_000_001, groupPrice: 1 })),
        );
        expect(tooMuch.map((d) => d.path.join('.'))).toContain('regularPrice');
        const teams = await invalid(await h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ maxTeams: 2 ** 31 })));
        expect(teams.map((d) => d.path.join('.'))).toEqual(['maxTeams']);
        const refund = await invalid(await h.asMerchant('POST', '/v1/orders/o-1/refunds', { amount: 2 ** 53 - 1 }));
        expect(refund.map((d) => d.path.join('.'))).toEqual(['amount']);
        const payout = await invalid(
          await h.asMerchant('POST', '/v1/promoters/pro_abcdefghij/payouts', { amount: 2 ** 40, reference: 'r' }),
        );
        expect(payout.map((d) => d.path.join('.'))).toEqual(['amount']);
      });
    });

    it('refuses date-times PostgreSQL cannot hold and stores any valid offset in UTC', async () => {
      const { h } = suite;
      await writesNothing(h, async () => {
        const yearZero = await invalid(
          await h.asMerchant('POST', '/v1/voucher-products', { title: 'Old', uses: 1, validFrom: '0000-01-01T00:00:00Z' }),
        );
        expect(yearZero.map((d) => d.path.join('.'))).toEqual(['validFrom']);
        const tooLate = await invalid(
          await h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ endsAt: '9999-12-31T23:59:59-01:00' })),
        );
        expect(tooLate.map((d) => d.path.join('.'))).toEqual(['endsAt']);
      });
      // ISO 8601 allows offsets up to ±23:59; PostgreSQL only ±15:59.
      const product = await expectOk(
        await h.asMerchant('POST', '/v1/voucher-products', {
          title: 'Far east',
          uses: 1,
          validFrom: '2026-12-01T00:00:00-17:49',
          validUntil: '2027-01-01T00:00:00+23:30',
        }),
        201,
      );
      expect(product).toMatchObject({ validFrom: '2026-12-01T17:49:00.000Z', validUntil: '2026-12-31T00:30:00.000Z' });
    });
  });

  describe('live stream resume point', () => {
    const streamUrl = (h: Harness, query: string) =>
      `/v1/stream?key=${h.merchant.publishableKey}&topics=team:team_abcdefghij${query}`;
    const open = (h: Harness, url: string, headers: Record<string, string> = {}) =>
      Promise.resolve(h.server.app.request(url, { headers: { origin: SHOP_ORIGIN, ...headers } }));

    it('refuses a lastEventId beyond bigint with 400 before the stream opens', async () => {
      const { h } = suite;
      for (const id of ['9223372036854775808', '9999999999999999999', '99999999999999999999', '-1', '1e3']) {
        const response = await open(h, streamUrl(h, `&lastEventId=${id}`));
        expect(response.headers.get('content-type')).toContain('application/json');
        expect((await invalid(response))[0]?.path).toEqual(['lastEventId']);
        const viaHeader = await open(h, streamUrl(h, ''), { 'last-event-id': id });
        expect((await invalid(viaHeader))[0]?.path).toEqual(['lastEventId']);
      }
      const largest = await open(h, streamUrl(h, '&lastEventId=9223372036854775807'));
      expect(largest.status).toBe(200);
      expect(largest.headers.get('content-type')).toContain('text/event-stream');
      const reader = (largest.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      while (!text.includes(': connected')) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
    });
  });
});
