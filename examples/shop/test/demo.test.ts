import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../demo.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

// Keeps the README's demo honest: the page renders the tags with working keys, and the demo
// checkout confirms a held seat through the shop's backend so the group opens.
describe('example shop demo', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  beforeAll(async () => {
    demo = await startDemo({ flockPort: await freePort(), shopPort: await freePort() });
  });
  afterAll(() => demo?.close());

  it('serves the product page with the provider and the group-buy tag for the chosen shopper', async () => {
    const page = await (await fetch(`${demo.origin}/?shopper=bob&lang=en`)).text();
    expect(page).toContain(`<script type="module" src="${demo.flockApi}/sdk/flock.js"></script>`);
    expect(page).toContain(`<flock-group-buy offer="${demo.offerId}">`);
    expect(page).toMatch(/shopper-token="eyJ[\w-]+\.[\w-]+\.[\w-]+"/);
    expect(page).toContain('Shopping as <b>Bob</b>');
    expect(page).not.toContain(demo.merchant.secretKey);
  });

  it('seeds a group that is already forming', async () => {
    const response = await fetch(`${demo.flockApi}/v1/group-buy-offers/${demo.offerId}`, {
      headers: { authorization: `Bearer ${demo.merchant.publishableKey}`, origin: demo.origin },
    });
    const offer = await response.json();
    expect(offer.openTeams).toHaveLength(1);
    expect(offer.openTeams[0]).toMatchObject({ seatsLeft: 2, leader: { displayName: '陈阿姨' } });
  });

  it('confirms a held seat through the demo checkout', async () => {
    const page = await (await fetch(`${demo.origin}/?shopper=alice`)).text();
    const token = /shopper-token="([^"]+)"/.exec(page)?.[1] ?? '';
    const opened = await fetch(`${demo.flockApi}/v1/group-buy-offers/${demo.offerId}/teams`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${demo.merchant.publishableKey}`,
        origin: demo.origin,
        'flock-shopper': token,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    const { reservation } = await opened.json();
    const paid = await fetch(`${demo.origin}/checkout/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reservationId: reservation.id }),
    });
    expect(paid.status).toBe(200);
    expect((await paid.json()).status).toBe('confirmed');
  });

  it('serves the assist page with one campaign of each mode', async () => {
    const page = await (await fetch(`${demo.origin}/assist?shopper=carol&lang=en`)).text();
    expect(page).toContain(`<flock-assist-progress campaign="${demo.assistCampaigns.priceCut}">`);
    expect(page).toContain(`<flock-assist-progress campaign="${demo.assistCampaigns.progress}">`);
    expect(page).toContain('Shopping as <b>Carol</b>');
    for (const [mode, id] of [
      ['price_cut', demo.assistCampaigns.priceCut],
      ['progress', demo.assistCampaigns.progress],
    ]) {
      const campaign = await fetch(`${demo.flockApi}/v1/assist-campaigns/${id}`, {
        headers: { authorization: `Bearer ${demo.merchant.publishableKey}`, origin: demo.origin },
      });
      expect((await campaign.json()).mode).toBe(mode);
    }
  });

  it('credits the promoter when a friend buys through the link', async () => {
    const headers = {
      authorization: `Bearer ${demo.merchant.publishableKey}`,
      origin: demo.origin,
      'content-type': 'application/json',
    };
    const tokenOf = async (shopper: string) =>
      /shopper-token="([^"]+)"/.exec(await (await fetch(`${demo.origin}/referral?shopper=${shopper}`)).text())?.[1] ?? '';
    const alice = await tokenOf('alice');
    const joined = await fetch(`${demo.flockApi}/v1/referral-programs/${demo.referralProgramId}/promoters`, {
      method: 'POST',
      headers: { ...headers, 'flock-shopper': alice },
      body: '{}',
    });
    const { shareUrl } = await joined.json();
    // Bob's browser: the click is recorded and the shop keeps the attribution in its own cookie.
    const code = new URL(shareUrl).searchParams.get('flock_ref');
    const click = await (
      await fetch(`${demo.flockApi}/v1/referral-clicks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ code, landingUrl: shareUrl }),
      })
    ).json();
    const kept = await fetch(`${demo.origin}/flock/attribution`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ attributionId: click.attributionId }),
    });
    const cookie = kept.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toContain(click.attributionId);
    const bought = await fetch(`${demo.origin}/checkout/buy`, {
      method: 'POST',
      headers: { cookie, referer: `${demo.origin}/?shopper=bob` },
    });
    expect(bought.status).toBe(201);
    const stats = await (
      await fetch(`${demo.flockApi}/v1/promoters/me?program=${demo.referralProgramId}`, {
        headers: { ...headers, 'flock-shopper': alice },
      })
    ).json();
    expect(stats).toMatchObject({ orders: 1, pending: 299 });
  });

  it("serves each shopper's voucher and a store counter that can redeem it once", async () => {
    const mine = await (await fetch(`${demo.origin}/vouchers?shopper=bob`)).text();
    const voucherId = /<flock-voucher-qr voucher="(vch_\w+)">/.exec(mine)?.[1];
    expect(voucherId).toBeTruthy();
    const counter = await (await fetch(`${demo.origin}/counter`)).text();
    const staffKey = /<flock-voucher-scanner staff-key="(stf_\w+)"/.exec(counter)?.[1];
    const token = /shopper-token="([^"]+)"/.exec(mine)?.[1] ?? '';
    const { code } = await (
      await fetch(`${demo.flockApi}/v1/vouchers/${voucherId}/code`, {
        headers: { authorization: `Bearer ${demo.merchant.publishableKey}`, origin: demo.origin, 'flock-shopper': token },
      })
    ).json();
    const redeem = () =>
      fetch(`${demo.flockApi}/v1/redemptions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staffKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
    const first = await redeem();
    expect(first.status).toBe(201);
    expect((await first.json()).voucher.usesLeft).toBe(2);
    expect((await (await redeem()).json()).error.code).toBe('code_replayed');
  });

  it('loads the elements from the Flock server, as any shop would', async () => {
    const response = await fetch(`${demo.flockApi}/sdk/flock.js`);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toContain('flock-group-buy');
  });
});
