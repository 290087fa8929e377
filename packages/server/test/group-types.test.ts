import { createHash } from 'node:crypto';
import { drawCommitment, drawWinners } from '@flock/protocol/draw';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { type Harness, useHarness } from './harness.js';
import {
  expectError,
  expectOk,
  type Json,
  joinAndPay,
  newOffer,
  nextOrderRef,
  openConfirmedTeam,
  webhookEvents,
} from './util.js';

/**
 * The group types (issue 15, docs/group-buy.md): flash-sale stock, ladder tiers, lottery teams,
 * cross-product sets and new-customer teams, each on PGlite and PostgreSQL. Every test makes its
 * own offer and shoppers and moves the shared manual clock forward only.
 */
describe.each(testDatabases)('group types on $kind', ({ create }) => {
  const suite = useHarness(create);
  let h: Harness;
  let seq = 0;
  const shopper = (name: string) => `${name}-${++seq}`;
  beforeAll(() => {
    h = suite.h;
  });

  const stockLeft = async (offerId: string) =>
    (await expectOk(await h.asMerchant('GET', `/v1/group-buy-offers/${offerId}`))).stockLeft;
  const settlementOf = async (teamId: string, type: string) => {
    const events = (await webhookEvents(h.db, teamId)).filter((e) => e.type === type);
    expect(events).toHaveLength(1);
    return events[0]?.payload.data as Json;
  };

  describe('flash-sale stock (秒杀团)', () => {
    it('1,000 shoppers at startsAt on stock 20: exactly 20 units held, every other shopper 409 sold_out, none before the start', async () => {
      const startsAt = new Date(h.clock.now().getTime() + 60_000);
      const offer = await newOffer(h, { teamSize: 2, stock: 20, startsAt: startsAt.toISOString() });
      expect(offer).toMatchObject({ stock: 20, stockLeft: 20, active: false });
      const shoppers = Array.from({ length: 1000 }, (_, i) => shopper(`rush${i}`));
      for (const id of shoppers) await h.tokenFor(id);

      // A second before the start: refused, and no unit taken.
      h.clock.advance(59_000);
      await expectError(
        await h.asShopper(shoppers[0] as string, 'POST', `/v1/group-buy-offers/${offer.id}/teams`),
        409,
        'offer_not_active',
      );
      expect(await stockLeft(offer.id)).toBe(20);

      h.clock.advance(1_000);
      const answers = await Promise.all(shoppers.map((id) => h.asShopper(id, 'POST', `/v1/group-buy-offers/${offer.id}/teams`)));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(20);
      expect(statuses.filter((s) => s === 409)).toHaveLength(980);
      const refusals = await Promise.all(answers.filter((r) => r.status === 409).map((r) => r.json() as Promise<Json>));
      expect(new Set(refusals.map((body) => body.error.code))).toEqual(new Set(['sold_out']));
      expect(await stockLeft(offer.id)).toBe(0);
      const [{ held } = { held: -1 }] = await h.db.query<{ held: number }>(
        `select count(*)::int as held from reservations where offer_id = $1 and status = 'held'`,
        [offer.id],
      );
      expect(held).toBe(20);
    });

    it('returns the unit of a lapsed hold and those of a failed team, and keeps those of a team that succeeded', async () => {
      const offer = await newOffer(h, { teamSize: 2, stock: 3, teamTtlSeconds: 600, holdTtlSeconds: 60 });
      const leader = await openConfirmedTeam(h, offer.id, shopper('leader'));
      await expectOk(await h.asShopper(shopper('lapses'), 'POST', `/v1/teams/${leader.team.id}/reservations`), 201);
      expect(await stockLeft(offer.id)).toBe(1);
      h.clock.advance(61_000);
      await h.server.runJobs();
      expect(await stockLeft(offer.id)).toBe(2);

      // A team that fails at its deadline gives its paid leader's unit back.
      h.clock.advance(600_000);
      await h.server.runJobs();
      expect((await expectOk(await h.asMerchant('GET', `/v1/teams/${leader.team.id}`))).status).toBe('failed');
      expect(await stockLeft(offer.id)).toBe(3);

      // A team that fills keeps both units sold.
      const pair = await openConfirmedTeam(h, offer.id, shopper('pair'));
      await joinAndPay(h, pair.team.id, shopper('friend'));
      expect((await expectOk(await h.asMerchant('GET', `/v1/teams/${pair.team.id}`))).status).toBe('succeeded');
      expect(await stockLeft(offer.id)).toBe(1);
    });
  });

  describe('ladder price (阶梯团)', () => {
    const tiers = [
      { members: 3, price: 2900 },
      { members: 5, price: 2500 },
      { members: 10, price: 1900 },
    ];

    it('members pay the first tier; at the deadline each is refunded down to the tier reached, exactly', async () => {
      const offer = await newOffer(h, { regularPrice: 3900, groupPrice: 2900, teamSize: 10, teamTtlSeconds: 600, tiers });
      expect(offer).toMatchObject({ tiers, completeAtDeadline: { minMembers: 3 } });
      const { team } = await openConfirmedTeam(h, offer.id, shopper('leader'));
      for (let i = 0; i < 5; i++) await joinAndPay(h, team.id, shopper(`member${i}`));
      h.clock.advance(601_000);
      await h.server.runJobs();

      const data = await settlementOf(team.id, 'team.succeeded');
      expect(data.tier).toEqual({ members: 5, price: 2500 });
      expect(data.members).toHaveLength(6);
      for (const member of data.members) expect(member).toMatchObject({ paid: 2900, finalPrice: 2500, refund: 400 });
      const paid = data.members.reduce((sum: number, m: Json) => sum + m.paid, 0);
      const refunds = data.members.reduce((sum: number, m: Json) => sum + m.refund, 0);
      expect(refunds).toBe(paid - 6 * 2500);
    });

    it('a team that fills the last tier succeeds at once at its price; one short of the first tier fails and refunds in full', async () => {
      const offer = await newOffer(h, {
        regularPrice: 3900,
        groupPrice: 2900,
        teamSize: 3,
        teamTtlSeconds: 600,
        tiers: [
          { members: 2, price: 2900 },
          { members: 3, price: 2000 },
        ],
      });
      const full = await openConfirmedTeam(h, offer.id, shopper('leader'));
      await joinAndPay(h, full.team.id, shopper('a'));
      await joinAndPay(h, full.team.id, shopper('b'));
      const filled = await settlementOf(full.team.id, 'team.succeeded');
      expect(filled.tier).toEqual({ members: 3, price: 2000 });
      expect(filled.members.map((m: Json) => m.refund)).toEqual([900, 900, 900]);

      const alone = await openConfirmedTeam(h, offer.id, shopper('alone'));
      h.clock.advance(601_000);
      await h.server.runJobs();
      const failed = await settlementOf(alone.team.id, 'team.failed');
      expect(failed.tier).toBeNull();
      expect(failed.members).toEqual([expect.objectContaining({ paid: 2900, finalPrice: 0, refund: 2900 })]);
    });
  });

  describe('lottery team (抽奖团)', () => {
    it('publishes the commitment, keeps the seed sealed until the team fills, and draws what anyone can recompute', async () => {
      const offer = await newOffer(h, { regularPrice: 19900, groupPrice: 100, teamSize: 5, lottery: { winners: 2 } });
      expect(offer.lottery).toEqual({ winners: 2, consolationVoucherProductId: null });
      const { team } = await openConfirmedTeam(h, offer.id, shopper('leader'));
      const before = await expectOk(await h.asShopper(shopper('visitor'), 'GET', `/v1/teams/${team.id}/draw`));
      expect(before).toMatchObject({ algorithm: 'flock-draw-v1', seed: null, winners: [], winnersWanted: 2, drawnAt: null });
      expect(before.commitment).toMatch(/^[0-9a-f]{64}$/);
      // The seed is nowhere in clear before the draw: only its sealed form is stored.
      const [stored] = await h.db.query<{ seed: string | null; sealed_seed: string }>(
        `select seed, sealed_seed from team_draws where team_id = $1`,
        [team.id],
      );
      expect(stored?.seed).toBeNull();
      expect(stored?.sealed_seed).not.toMatch(/^[0-9a-f]{64}$/);

      for (let i = 0; i < 4; i++) await joinAndPay(h, team.id, shopper(`player${i}`));
      const after = await expectOk(await h.asShopper(shopper('visitor'), 'GET', `/v1/teams/${team.id}/draw`));
      expect(after.commitment).toBe(before.commitment);
      expect(after.seed).toMatch(/^[0-9a-f]{64}$/);
      expect(await drawCommitment(after.seed)).toBe(after.commitment);
      expect(createHash('sha256').update(Buffer.from(after.seed, 'hex')).digest('hex')).toBe(after.commitment);
      const ids = after.members.map((m: Json) => m.reservationId);
      expect(ids).toHaveLength(5);
      expect(after.winners).toEqual(await drawWinners(after.seed, team.id, ids, 2));
      expect(new Set(after.winners).size).toBe(2);

      const data = await settlementOf(team.id, 'team.succeeded');
      expect(data.draw.winners).toEqual(after.winners);
      for (const member of data.members) {
        const won = after.winners.includes(member.reservationId);
        expect(member).toMatchObject(won ? { won, finalPrice: 100, refund: 0 } : { won, finalPrice: 0, refund: 100 });
      }
    });

    it('gives the losers a consolation voucher instead of a refund when the offer names a voucher product', async () => {
      const product = await expectOk(await h.asMerchant('POST', '/v1/voucher-products', { title: '¥10 off', uses: 1 }), 201);
      const offer = await newOffer(h, {
        groupPrice: 100,
        teamSize: 3,
        lottery: { winners: 1, consolationVoucherProductId: product.id },
      });
      const { team } = await openConfirmedTeam(h, offer.id, shopper('leader'));
      await joinAndPay(h, team.id, shopper('a'));
      await joinAndPay(h, team.id, shopper('b'));
      const data = await settlementOf(team.id, 'team.succeeded');
      const losers = data.members.filter((m: Json) => !m.won);
      expect(losers).toHaveLength(2);
      for (const loser of losers)
        expect(loser).toMatchObject({ refund: 0, finalPrice: 0, voucherId: expect.stringMatching(/^vch_/) });
    });

    it('is 404 for a team of an offer without a lottery', async () => {
      const offer = await newOffer(h);
      const { team } = await openConfirmedTeam(h, offer.id, shopper('leader'));
      await expectError(await h.asShopper(shopper('x'), 'GET', `/v1/teams/${team.id}/draw`), 404, 'not_found');
    });
  });

  describe('cross-product 拼单', () => {
    const products = [
      { productRef: 'tea-green', title: 'Longjing green tea', regularPrice: 2990, groupPrice: 1990 },
      { productRef: 'tea-oolong', title: 'Tieguanyin oolong', regularPrice: 3990, groupPrice: 2590 },
    ];

    it('records each member’s pick and charges its group price; a pick outside the set is 400 naming productRef', async () => {
      const offer = await newOffer(h, { teamSize: 3, groupPrice: 1990, products });
      await expectError(
        await h.asShopper(shopper('x'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`),
        400,
        'invalid_request',
      );
      const bad = await expectError(
        await h.asShopper(shopper('x'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`, { productRef: 'coffee' }),
        400,
        'invalid_request',
      );
      expect(JSON.stringify(bad.error.details)).toContain('productRef');
      const opened = await expectOk(
        await h.asShopper(shopper('leader'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`, { productRef: 'tea-oolong' }),
        201,
      );
      expect(opened.reservation).toMatchObject({ productRef: 'tea-oolong', price: 2590 });
      await expectOk(
        await h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: nextOrderRef() }),
      );
      const joined = await expectOk(
        await h.asShopper(shopper('friend'), 'POST', `/v1/teams/${opened.team.id}/reservations`, { productRef: 'tea-green' }),
        201,
      );
      expect(joined.reservation).toMatchObject({ productRef: 'tea-green', price: 1990 });
      await expectOk(
        await h.asMerchant('POST', `/v1/reservations/${joined.reservation.id}/confirm`, { orderRef: nextOrderRef() }),
      );
      const team = await expectOk(await h.asMerchant('GET', `/v1/teams/${opened.team.id}`));
      expect(team.members.map((m: Json) => m.productRef)).toEqual(['tea-oolong', 'tea-green']);
    });

    it('refuses a productRef on an offer without products', async () => {
      const offer = await newOffer(h);
      await expectError(
        await h.asShopper(shopper('x'), 'POST', `/v1/group-buy-offers/${offer.id}/teams`, { productRef: 'tea-green' }),
        400,
        'invalid_request',
      );
    });
  });

  describe('new-customer teams (老带新)', () => {
    it('lets anyone lead, a first-time customer join, and refuses a returning one with 409 not_new_customer', async () => {
      const earlier = await newOffer(h, { teamSize: 2 });
      const returning = shopper('returning');
      await openConfirmedTeam(h, earlier.id, returning);
      const ordered = shopper('ordered');
      await expectOk(
        await h.asMerchant('POST', '/v1/orders', { orderRef: nextOrderRef(), amount: 1000, currency: 'CNY', shopperId: ordered }),
        201,
      );

      const offer = await newOffer(h, { teamSize: 4, joinersMustBeNew: true });
      expect(offer.joinersMustBeNew).toBe(true);
      const { team } = await openConfirmedTeam(h, offer.id, returning); // the leader may be anyone
      await expectError(await h.asShopper(returning, 'POST', `/v1/teams/${team.id}/reservations`), 409, 'already_member');
      await expectError(await h.asShopper(ordered, 'POST', `/v1/teams/${team.id}/reservations`), 409, 'not_new_customer');
      const other = shopper('other-returning');
      await openConfirmedTeam(h, earlier.id, other);
      await expectError(await h.asShopper(other, 'POST', `/v1/teams/${team.id}/reservations`), 409, 'not_new_customer');
      await joinAndPay(h, team.id, shopper('newcomer'));
    });
  });

  describe('bad combinations and tier lists', () => {
    const refused = async (overrides: Record<string, unknown>, field: string) => {
      const body = await expectError(
        await h.asMerchant('POST', '/v1/group-buy-offers', {
          productRef: 'tea',
          title: 'Tea',
          regularPrice: 3900,
          groupPrice: 2900,
          currency: 'CNY',
          teamSize: 10,
          teamTtlSeconds: 600,
          ...overrides,
        }),
        400,
        'invalid_request',
      );
      expect(JSON.stringify(body.error.details)).toContain(field);
    };
    const tiers = [
      { members: 3, price: 2900 },
      { members: 10, price: 1900 },
    ];

    it('answers 400 naming the field', async () => {
      // [members, price] pairs: out of order, a price that does not fall, a last tier short of teamSize, a first price ≠ groupPrice.
      const tierList = (pairs: number[][]) => pairs.map(([members, price]) => ({ members, price }));
      for (const [pairs, field] of [
        [
          [
            [3, 2900],
            [2, 1900],
            [10, 1000],
          ],
          'tiers',
        ],
        [
          [
            [3, 2900],
            [10, 2900],
          ],
          'tiers',
        ],
        [
          [
            [3, 2900],
            [9, 1900],
          ],
          'tiers',
        ],
        [
          [
            [3, 2500],
            [10, 1900],
          ],
          'groupPrice',
        ],
      ] as Array<[number[][], string]>) {
        await refused({ tiers: tierList(pairs) }, field);
      }
      await refused({ tiers, leaderPrice: 2000 }, 'leaderPrice');
      await refused({ tiers, completeAtDeadline: { minMembers: 3 } }, 'completeAtDeadline');
      await refused({ tiers, lottery: { winners: 1 } }, 'lottery');
      await refused({ lottery: { winners: 10 } }, 'winners');
      await refused({ lottery: { winners: 1 }, completeAtDeadline: { minMembers: 3 } }, 'completeAtDeadline');
      await refused({ lottery: { winners: 1, consolationVoucherProductId: 'vp_missing' } }, 'consolationVoucherProductId');
      const products = [
        { productRef: 'a', title: 'A', regularPrice: 3900, groupPrice: 2900 },
        { productRef: 'a', title: 'B', regularPrice: 3900, groupPrice: 3000 },
      ];
      await refused({ products }, 'products');
      await refused({ products: [products[0], { ...products[1], productRef: 'b', groupPrice: 4000 }] }, 'groupPrice');
      await refused({ products: [products[0], { ...products[1], productRef: 'b' }], groupPrice: 2000 }, 'groupPrice');
      await refused({ products: [products[0], { ...products[1], productRef: 'b' }], leaderPrice: 100 }, 'leaderPrice');
      await refused({ stock: 0 }, 'stock');
    });

    it('keeps a ladder’s and a product set’s prices fixed: PATCH groupPrice is 400 naming it', async () => {
      const ladder = await newOffer(h, { regularPrice: 3900, groupPrice: 2900, teamSize: 10, tiers });
      const body = await expectError(
        await h.asMerchant('PATCH', `/v1/group-buy-offers/${ladder.id}`, { groupPrice: 2000 }),
        400,
        'invalid_request',
      );
      expect(JSON.stringify(body.error.details)).toContain('groupPrice');
      await expectOk(await h.asMerchant('PATCH', `/v1/group-buy-offers/${ladder.id}`, { title: 'Ladder tea' }));
    });
  });
});
