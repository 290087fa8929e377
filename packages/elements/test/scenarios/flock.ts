// An in-process Flock server (PGlite in memory, OffsetClock) and the few API calls that stage the
// widgets' states (for `pnpm screenshots` and Storybook), made over HTTP exactly as a shop's backend
// and its shoppers' browsers would make them.
import { createFlockServer, createMerchant, OffsetClock, openPglite } from '@flock/server';

export interface Shopper {
  id: string;
  name: string;
}

export interface TeamHandle {
  teamId: string;
  reservationId: string;
}

export type Flock = Awaited<ReturnType<typeof startFlock>>;

export interface FlockOptions {
  /** The pages that show the widgets: the merchant's allowed origins. The first is the shoppers' own. */
  origins: string[];
  /** Where the page's host serves `/avatar/<name>.svg` (and the product image). */
  assetBase: string;
  /** The server's request log; stderr unless given. */
  log?: (line: string) => void;
}

export async function startFlock(options: FlockOptions) {
  const origin = options.origins[0]!;
  const clock = new OffsetClock();
  const db = await openPglite();
  // No background loop: time only moves when a shot asks, and then the jobs run by hand.
  // Friends help from their own phones: each request names its address in X-Forwarded-For (the help rate limit is per address).
  const server = await createFlockServer({
    db,
    clock,
    jobIntervalMs: 0,
    log: options.log ?? ((line) => console.error(line)),
    assist: { trustForwardedFor: true },
  });
  const { url: api } = await server.listen(0, '127.0.0.1');
  const merchant = await createMerchant(db, clock, server.secrets, { name: 'West Lake Tea House', origins: options.origins });

  const call = async (path: string, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(`${api}/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, any>;
    if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const asShop = (path: string, body: unknown) => call(path, body, { authorization: `Bearer ${merchant.secretKey}` });

  /** Mints a fresh token: tokens are checked against the (advanced) server clock, so mint them late. */
  const tokenFor = async (shopper: Shopper, assetBase: string): Promise<string> =>
    (
      await asShop('/shopper-tokens', {
        shopperId: shopper.id,
        displayName: shopper.name,
        avatarUrl: `${assetBase}/avatar/${encodeURIComponent(shopper.name)}.svg`,
      })
    ).token as string;

  let phones = 0;
  /** Each shopper on their own phone: the help rate limit counts per address. */
  const nextPhone = () => `10.1.${Math.floor(++phones / 250) % 250}.${phones % 250}`;
  const asShopper = async (shopper: Shopper, path: string, ip = nextPhone(), body: unknown = {}) =>
    call(path, body, {
      authorization: `Bearer ${merchant.publishableKey}`,
      origin,
      'flock-shopper': await tokenFor(shopper, options.assetBase),
      'x-forwarded-for': ip,
    });

  let orders = 0;
  return {
    api,
    publishableKey: merchant.publishableKey,
    tokenFor: (shopper: Shopper) => tokenFor(shopper, options.assetBase),

    /**
     * A group-buy offer; `extra` adds a group type's fields (issue 15), and `startsInMs` a start that
     * far ahead of the server's clock.
     */
    async createOffer(input: {
      title: string;
      imageUrl: string;
      extra?: Record<string, unknown>;
      startsInMs?: number;
    }): Promise<string> {
      const offer = await asShop('/group-buy-offers', {
        productRef: 'longjing-250g',
        title: input.title,
        imageUrl: input.imageUrl,
        regularPrice: 2990,
        groupPrice: 1990,
        currency: 'CNY',
        teamSize: 3,
        teamTtlSeconds: 24 * 3600,
        holdTtlSeconds: 15 * 60,
        ...(input.startsInMs ? { startsAt: new Date(clock.now().getTime() + input.startsInMs).toISOString() } : {}),
        ...input.extra,
      });
      return offer.id as string;
    },

    /** The shopper taps 发起拼团: a pending team with their seat held. */
    async openTeam(offerId: string, leader: Shopper, productRef?: string): Promise<TeamHandle> {
      const { team, reservation } = await asShopper(leader, `/group-buy-offers/${offerId}/teams`, undefined, { productRef });
      return { teamId: team.id, reservationId: reservation.id };
    },

    /** The shopper taps 去参团: their seat in the team is held. */
    async join(teamId: string, shopper: Shopper, productRef?: string): Promise<TeamHandle> {
      const { reservation } = await asShopper(shopper, `/teams/${teamId}/reservations`, undefined, { productRef });
      return { teamId, reservationId: reservation.id };
    },

    /** A lottery team's draw, as any page reads it (GET /v1/teams/:id/draw). */
    async draw(teamId: string): Promise<{ winners: string[]; seed: string | null }> {
      const response = await fetch(`${api}/v1/teams/${teamId}/draw`, {
        headers: { authorization: `Bearer ${merchant.publishableKey}`, origin },
      });
      if (!response.ok) throw new Error(`GET /teams/${teamId}/draw: HTTP ${response.status}`);
      return (await response.json()) as { winners: string[]; seed: string | null };
    },

    /** The shop took payment and confirms the seat with its secret key. */
    async pay(handle: TeamHandle): Promise<void> {
      await asShop(`/reservations/${handle.reservationId}/confirm`, { orderRef: `order-${++orders}` });
    },

    async createCampaign(input: {
      title: string;
      imageUrl: string;
      mode: 'price_cut' | 'progress';
      reward: string;
      helpsPerHelperPerDay?: number;
      ttlSeconds?: number;
    }): Promise<string> {
      const priceCut = input.mode === 'price_cut';
      const campaign = await asShop('/assist-campaigns', {
        productRef: 'longjing-250g',
        title: input.title,
        imageUrl: input.imageUrl,
        mode: input.mode,
        goal: priceCut ? 5 : 3,
        ...(priceCut ? { startPrice: 2990, floorPrice: 0, currency: 'CNY' } : {}),
        ttlSeconds: input.ttlSeconds ?? 24 * 3600,
        purchaseTtlSeconds: 2 * 3600,
        helpsPerHelperPerDay: input.helpsPerHelperPerDay,
        reward: { description: input.reward },
      });
      return campaign.id as string;
    },

    /** The shopper taps 发起砍价: their assist starts; returns its id. */
    async startAssist(campaignId: string, owner: Shopper): Promise<string> {
      const { assist } = await asShopper(owner, `/assist-campaigns/${campaignId}/assists`);
      return assist.id as string;
    },

    /** A friend taps 帮TA砍一刀 on their own phone. */
    async help(assistId: string, helper: Shopper): Promise<void> {
      await asShopper(helper, `/assists/${assistId}/helps`);
    },

    async createProgram(input: {
      title: string;
      imageUrl: string;
      commission: { type: 'percent'; bps: number } | { type: 'fixed'; amount: number; currency: string };
      secondLevelBps?: number;
      /** The friend's reward (issue 16): `{ amountOff, minSpend }` or `{ voucherProductId }`. */
      friendReward?: Record<string, unknown>;
      /** Growth fields (issue 16): `tiers`, `newPromoterBoost`, `firstOrderReward`. */
      growth?: Record<string, unknown>;
    }): Promise<string> {
      const program = await asShop('/referral-programs', {
        name: 'Longjing promoters',
        commission: input.commission,
        secondLevelBps: input.secondLevelBps,
        friendReward: input.friendReward,
        ...input.growth,
        holdDays: 7,
        attributionWindowDays: 30,
        product: {
          title: input.title,
          imageUrl: input.imageUrl,
          price: 2990,
          currency: 'CNY',
          url: 'https://tea.example.com/products/longjing-250g',
        },
      });
      return program.id as string;
    },

    /** The shopper taps 成为推广员 on their phone; `ip` is that phone's address. */
    async becomePromoter(programId: string, shopper: Shopper): Promise<{ promoterId: string; code: string; ip: string }> {
      const ip = nextPhone();
      const { promoter } = await asShopper(shopper, `/referral-programs/${programId}/promoters`, ip);
      return { promoterId: promoter.id as string, code: promoter.code as string, ip };
    },

    /** A friend opens the promoter's link; the SDK on their phone records the click. */
    async click(code: string, share?: string): Promise<string> {
      const click = await call(
        '/referral-clicks',
        { code, landingUrl: `https://tea.example.com/products/longjing-250g?flock_ref=${code}`, ...(share ? { share } : {}) },
        { authorization: `Bearer ${merchant.publishableKey}`, origin, 'x-forwarded-for': nextPhone() },
      );
      return click.attributionId as string;
    },

    /** The shop reports a paid order that carries the friend's attribution (optionally from `ip`). */
    async order(
      attributionId: string,
      input: { amount?: number; ip?: string; shopperId?: string; friendCoupon?: string } = {},
    ): Promise<void> {
      await asShop('/orders', {
        orderRef: `referral-order-${++orders}`,
        amount: input.amount ?? 2990,
        currency: 'CNY',
        shopperId: input.shopperId ?? `friend-${orders}`,
        attributionId,
        ...(input.ip ? { ip: input.ip } : {}),
        ...(input.friendCoupon ? { friendCoupon: input.friendCoupon } : {}),
      });
    },

    /** The merchant writes a share kit material (素材) in the console. */
    async material(programId: string, input: { title: string; text: string; imageUrls?: string[] }): Promise<string> {
      return (await asShop(`/referral-programs/${programId}/materials`, input)).id as string;
    },

    /** The promoter copies a material on their phone (the share id their link carries). */
    async recordShare(shopper: Shopper, programId: string, shareId: string, materialId: string): Promise<void> {
      await asShopper(shopper, '/promoters/me/shares', undefined, { program: programId, shareId, materialId, channel: 'copy' });
    },

    /** The friend taps Claim on the page the promoter's link opened: their reward's code. */
    async claimFriendReward(
      programId: string,
      attributionId: string,
      friend: Shopper,
    ): Promise<{ code: string; voucherId: string | null }> {
      const reward = await asShopper(friend, `/referral-programs/${programId}/friend-reward`, undefined, { attributionId });
      return { code: reward.code as string, voucherId: reward.voucherId as string | null };
    },

    /** A voucher product of the shop (a friend reward may give one). */
    async voucherProduct(input: { title: string; uses: number }): Promise<string> {
      return (await asShop('/voucher-products', input)).id as string;
    },

    /** The merchant records having paid the promoter. */
    async payout(promoterId: string, amount: number): Promise<void> {
      await asShop(`/promoters/${promoterId}/payouts`, { amount, reference: `payout-${++orders}` });
    },

    /** The shop issues a voucher of a new voucher product to `shopper`. */
    async issueVoucher(shopper: Shopper, input: { title: string; uses: number; validUntil?: string }): Promise<string> {
      const product = await asShop('/voucher-products', input);
      const voucher = await asShop('/vouchers', {
        productId: product.id,
        shopperId: shopper.id,
        orderRef: `voucher-order-${++orders}`,
      });
      return voucher.id as string;
    },

    /** A refund voids the unused remainder. */
    async voidVoucher(voucherId: string): Promise<void> {
      await asShop(`/vouchers/${voucherId}/void`, {});
    },

    /** A store device's staff key. */
    async staffKey(store: string): Promise<string> {
      return (await asShop('/staff-keys', { store })).staffKey as string;
    },

    /** The code the shopper's phone shows for `voucherId` right now. */
    async voucherCode(voucherId: string, shopper: Shopper): Promise<string> {
      const response = await fetch(`${api}/v1/vouchers/${voucherId}/code`, {
        headers: {
          authorization: `Bearer ${merchant.publishableKey}`,
          origin,
          'flock-shopper': await tokenFor(shopper, options.assetBase),
        },
      });
      const json = (await response.json()) as Record<string, any>;
      if (!response.ok) throw new Error(`GET code: HTTP ${response.status} ${JSON.stringify(json)}`);
      return json.code as string;
    },

    /** Staff redeem `code` with their staff key. */
    async redeem(staffKey: string, code: string): Promise<void> {
      await call('/redemptions', { code }, { authorization: `Bearer ${staffKey}` });
    },

    /** A time `days` ahead on the server's clock, which runs ahead of this machine's once a state has moved it. */
    inDays(days: number): string {
      return new Date(clock.now().getTime() + days * 24 * 3600_000).toISOString();
    },

    /** Moves the server's clock and lets the sweeper settle what ran out. */
    async advance(ms: number): Promise<void> {
      clock.advance(ms);
      await server.runJobs();
    },

    async close() {
      await server.close();
      await db.close();
    },
  };
}
