import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../server/test/databases.js';
import { offerInput, SHOP_ORIGIN, useHarness } from '../../server/test/harness.js';
import { createFlockClient, type EventSourceLike } from '../src/index.js';
import { LiveConnection } from '../src/live.js';
import { nodeEventSource, shopClient } from './shop-client.js';

describe.each(testDatabases)('live stores on $kind', ({ create }) => {
  const suite = useHarness(create, { listen: true });

  const client = (shopperId: string, createEventSource = nodeEventSource) => shopClient(suite, shopperId, createEventSource);

  async function openTeam() {
    const offer = (await (await suite.h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ teamSize: 4 }))).json()) as any;
    const { team, reservation } = (await (
      await suite.h.asShopper('leader', 'POST', `/v1/group-buy-offers/${offer.id}/teams`)
    ).json()) as any;
    await suite.h.asMerchant('POST', `/v1/reservations/${reservation.id}/confirm`, { orderRef: `o-${reservation.id}` });
    return team.id as string;
  }

  it("updates a watcher's team store when someone else joins, without polling", async () => {
    const teamId = await openTeam();
    const watcher = await client('watcher');
    const $team = watcher.teamStore(teamId);
    const unsubscribe = $team.listen(() => {});
    await expect.poll(() => watcher.liveStatus?.get()).toBe('open');
    await expect.poll(() => $team.get().data?.seatsHeld).toBe(0);
    const joiner = await client('joiner');
    await joiner.joinTeam(teamId);
    await expect.poll(() => $team.get().data?.seatsHeld, { timeout: 2000 }).toBe(1);
    expect($team.get().data?.myReservation).toBeNull();
    unsubscribe();
    watcher.close();
    joiner.close();
  });

  it("refetches a member's own seat when an event concerns their team", async () => {
    const teamId = await openTeam();
    const member = await client('member');
    const { reservation } = await member.joinTeam(teamId);
    const $team = member.teamStore(teamId);
    const unsubscribe = $team.listen(() => {});
    await expect.poll(() => $team.get().data?.myReservation?.status).toBe('held');
    await expect.poll(() => member.liveStatus?.get()).toBe('open');
    // The shop's backend confirms the payment: the member's own reservation changes.
    await suite.h.asMerchant('POST', `/v1/reservations/${reservation.id}/confirm`, { orderRef: `o-${reservation.id}` });
    await expect.poll(() => $team.get().data?.myReservation?.status, { timeout: 2000 }).toBe('confirmed');
    expect($team.get().data?.members).toHaveLength(2);
    unsubscribe();
    member.close();
  });

  it('falls back to polling when the stream cannot be opened', async () => {
    const teamId = await openTeam();
    const broken = createFlockClient({
      api: suite.api,
      publishableKey: suite.h.merchant.publishableKey,
      shopperToken: await suite.h.tokenFor('offline'),
      headers: { origin: SHOP_ORIGIN },
      pollIntervalMs: 100,
      createEventSource: () => {
        throw new Error('no EventSource here');
      },
    });
    const $team = broken.teamStore(teamId);
    const unsubscribe = $team.listen(() => {});
    await expect.poll(() => broken.liveStatus?.get()).toBe('down');
    await (await client('joiner2')).joinTeam(teamId);
    await expect.poll(() => $team.get().data?.seatsHeld, { timeout: 2000 }).toBe(1);
    unsubscribe();
    broken.close();
  });

  it("updates a shopper's own voucher store when it is redeemed (the stream carries the shopper's token)", async () => {
    const { h } = suite;
    const product = (await (await h.asMerchant('POST', '/v1/voucher-products', { title: 'A coffee', uses: 2 })).json()) as any;
    const voucher = (await (
      await h.asMerchant('POST', '/v1/vouchers', { productId: product.id, shopperId: 'holder', orderRef: 'live-voucher' })
    ).json()) as any;
    const holder = await client('holder');
    const $voucher = holder.voucherStore(voucher.id);
    const unsubscribe = $voucher.listen(() => {});
    await expect.poll(() => $voucher.get().data?.usesLeft).toBe(2);
    await expect.poll(() => holder.liveStatus?.get()).toBe('open');
    const { code } = (await (await h.asShopper('holder', 'GET', `/v1/vouchers/${voucher.id}/code`)).json()) as any;
    const { staffKey } = (await (await h.asMerchant('POST', '/v1/staff-keys', { store: 'Main street' })).json()) as any;
    const redeemed = await h.server.app.request('/v1/redemptions', {
      method: 'POST',
      headers: { authorization: `Bearer ${staffKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(redeemed.status).toBe(201);
    await expect.poll(() => $voucher.get().data?.usesLeft, { timeout: 2000 }).toBe(1);
    unsubscribe();
    holder.close();
  });
});

describe('the live connection across page navigation', () => {
  /** Streams the connection opened, and whether each is still open. */
  const opened: { url: string; closed: boolean }[] = [];
  const fakeEventSource = (url: string): EventSourceLike => {
    const stream = { url, closed: false };
    opened.push(stream);
    return {
      get readyState() {
        return stream.closed ? 2 : 1;
      },
      onopen: null,
      onerror: null,
      addEventListener() {},
      close() {
        stream.closed = true;
      },
    };
  };

  it('closes its stream when the page is left (pagehide) and reopens the same topics when it is back (pageshow)', async () => {
    // Node's globalThis is no EventTarget: lend it one, as a browser window is.
    const page = new EventTarget();
    const lent = { addEventListener: page.addEventListener.bind(page) };
    Object.assign(globalThis, lent);
    try {
      const live = new LiveConnection({
        api: 'https://flock.test',
        publishableKey: 'pk_test',
        createEventSource: fakeEventSource,
      });
      const stop = live.follow('team:team_1', () => {});
      await expect.poll(() => opened.length).toBe(1);
      expect(opened[0]!.url).toContain('topics=team%3Ateam_1');

      page.dispatchEvent(new Event('pagehide'));
      expect(opened[0]!.closed).toBe(true);
      expect(live.status.get()).toBe('idle');

      page.dispatchEvent(new Event('pageshow'));
      await expect.poll(() => opened.length).toBe(2);
      expect(opened[1]!.url).toBe(opened[0]!.url);
      expect(opened[1]!.closed).toBe(false);
      stop();
      live.close();
    } finally {
      delete (globalThis as { addEventListener?: unknown }).addEventListener;
    }
  });
});
