import { createServer } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../../packages/elements/src/i18n/en.js';
import { zhCN } from '../../../packages/elements/src/i18n/zh-cn.js';
import { drawCommitment, drawWinners } from '../../../packages/protocol/src/draw.js';
import { launchChromium } from '../../../scripts/chromium.js';
import { startDemo } from '../demo.js';
import { demoFriendsOf, demoShoppers } from '../shop.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const tokenIn = (page: string, shopper: string) => {
  const content = /<meta name="demo-page" content="([^"]*)"/.exec(page)?.[1] ?? '{}';
  const data = JSON.parse(content.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))));
  return data.shoppers?.[shopper]?.token as string;
};

// Keeps the README's demo honest: the page renders the tags with working keys, and the demo
// checkout confirms a held seat through the shop's backend so the group opens.
describe('example shop demo', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  beforeAll(async () => {
    demo = await startDemo({ flockPort: await freePort(), shopPort: await freePort() });
  });
  afterAll(() => demo?.close());

  it('serves the product page with the provider, the group-buy tag and a token for each demo shopper', async () => {
    const page = await (await fetch(`${demo.origin}/?lang=en`)).text();
    expect(page).toContain(`<script type="module" src="${demo.flockApi}/sdk/flock.js"></script>`);
    expect(page).toContain(`<flock-group-buy offer="${demo.catalogs.en.offer.id}">`);
    expect(tokenIn(page, 'bob')).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(page).toContain('data-shopper="bob"');
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
    const token = tokenIn(await (await fetch(`${demo.origin}/`)).text(), 'alice');
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
      body: JSON.stringify({ reservationId: reservation.id, shopper: 'alice' }),
    });
    expect(paid.status).toBe(200);
    expect((await paid.json()).status).toBe('confirmed');
  });

  it('serves the assist page with one campaign of each mode, each finishable by the demo friends', async () => {
    const page = await (await fetch(`${demo.origin}/assist?lang=en`)).text();
    const { priceCut, progress } = demo.catalogs.en.assistCampaigns;
    expect(page).toContain(`<flock-assist-progress campaign="${priceCut}">`);
    expect(page).toContain(`<flock-assist-progress campaign="${progress}">`);
    for (const catalog of Object.values(demo.catalogs)) {
      for (const [mode, id] of Object.entries({
        price_cut: catalog.assistCampaigns.priceCut,
        progress: catalog.assistCampaigns.progress,
      })) {
        const campaign = await (
          await fetch(`${demo.flockApi}/v1/assist-campaigns/${id}`, {
            headers: { authorization: `Bearer ${demo.merchant.publishableKey}`, origin: demo.origin },
          })
        ).json();
        expect(campaign.mode).toBe(mode);
        // Any demo shopper can reach the goal with the help of all the others.
        expect(campaign.goal).toBeLessThanOrEqual(demoFriendsOf('alice').length);
      }
    }
  });

  it('credits the promoter when a friend buys through the link', async () => {
    const headers = {
      authorization: `Bearer ${demo.merchant.publishableKey}`,
      origin: demo.origin,
      'content-type': 'application/json',
    };
    const alice = tokenIn(await (await fetch(`${demo.origin}/referral`)).text(), 'alice');
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
    // Bob claims the friend's coupon of Alice's link (¥10 off ¥20) and buys with it.
    const bob = tokenIn(await (await fetch(`${demo.origin}/referral`)).text(), 'bob');
    const claimed = await fetch(`${demo.flockApi}/v1/referral-programs/${demo.referralProgramId}/friend-reward`, {
      method: 'POST',
      headers: { ...headers, 'flock-shopper': bob },
      body: JSON.stringify({ attributionId: click.attributionId }),
    });
    expect(claimed.status).toBe(201);
    const reward = await claimed.json();
    const bought = await fetch(`${demo.origin}/checkout/buy`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ shopper: 'bob', friendCoupon: reward.code }),
    });
    expect(bought.status, await bought.clone().text()).toBe(201);
    expect(await bought.json()).toMatchObject({ amount: 2990 - 1000, currency: 'CNY' });
    const again = await fetch(
      `${demo.flockApi}/v1/referral-programs/${demo.referralProgramId}/friend-reward?key=${demo.merchant.publishableKey}&shopper=${encodeURIComponent(bob)}`,
      {
        headers: { origin: demo.origin },
      },
    );
    expect((await again.json()).reward.usedAt).not.toBe(null);
    const stats = await (
      await fetch(`${demo.flockApi}/v1/promoters/me?program=${demo.referralProgramId}`, {
        headers: { ...headers, 'flock-shopper': alice },
      })
    ).json();
    // Alice is a new promoter: the boosted 15 % of the ¥19.90 paid (298) and the first-order reward (500).
    expect(stats).toMatchObject({ orders: 1, pending: 298 + 500 });
  });

  it("opens the leaderboard on the neighbour's real referral orders, masked", async () => {
    for (const [lang, name] of [
      ['zh-CN', '陈**'],
      ['en', 'G***'],
    ] as const) {
      const board = await (
        await fetch(`${demo.flockApi}/v1/referral-programs/${demo.catalogs[lang].referralProgramId}/leaderboard?period=week`, {
          headers: { authorization: `Bearer ${demo.merchant.publishableKey}`, origin: demo.origin },
        })
      ).json();
      // Two orders of ¥29.90 at her new-promoter 15 %: 2 × 448.
      expect(board.data).toContainEqual({ rank: expect.any(Number), displayName: name, commission: 2 * 448 });
    }
  });

  it("serves each shopper's voucher and a store counter that can redeem it once", async () => {
    const voucherId = demo.catalogs['zh-CN'].vouchers.bob;
    const mine = await (await fetch(`${demo.origin}/vouchers`)).text();
    expect(mine).toContain(`&#34;voucher&#34;:&#34;${voucherId}&#34;`);
    const counter = await (await fetch(`${demo.origin}/counter`)).text();
    const staffKey = /<flock-voucher-scanner staff-key="(stf_\w+)"/.exec(counter)?.[1];
    const { code } = await (
      await fetch(`${demo.flockApi}/v1/vouchers/${voucherId}/code`, {
        headers: {
          authorization: `Bearer ${demo.merchant.publishableKey}`,
          origin: demo.origin,
          'flock-shopper': tokenIn(mine, 'bob'),
        },
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

  it("shows no shopper switcher and carries no shopper's token on the staff counter", async () => {
    for (const query of ['', '?lang=en']) {
      const counter = await (await fetch(`${demo.origin}/counter${query}`)).text();
      expect(counter).toContain('<flock-voucher-scanner');
      expect(counter).not.toMatch(/data-shopper=|shopper=|shopper-token=|token&#34;/);
    }
  });

  it('loads the elements from the Flock server, as any shop would', async () => {
    const response = await fetch(`${demo.flockApi}/sdk/flock.js`);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toContain('flock-group-buy');
  });

  describe('the kinds of group buy (issue 15): one page each, each finishable through the demo checkout', () => {
    const kinds = [
      ['/flash-sale', 'flashSale'],
      ['/ladder', 'ladder'],
      ['/lottery', 'lottery'],
      ['/cross-product', 'crossProduct'],
      ['/new-customer', 'newCustomer'],
    ] as const;
    const asBrowser = (token?: string) => ({
      authorization: `Bearer ${demo.merchant.publishableKey}`,
      origin: demo.origin,
      'content-type': 'application/json',
      ...(token && { 'flock-shopper': token }),
    });
    const offerOf = async (id: string) =>
      (await fetch(`${demo.flockApi}/v1/group-buy-offers/${id}`, { headers: asBrowser() })).json();
    /** A demo shopper takes a seat on a page (with that page's token), as the widget does. */
    const seat = async (path: string, shopper: string, url: string, body: unknown = {}) => {
      const token = tokenIn(await (await fetch(`${demo.origin}${path}?lang=en`)).text(), shopper);
      const response = await fetch(`${demo.flockApi}/v1${url}`, {
        method: 'POST',
        headers: asBrowser(token),
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };
    /** The shop's checkout: it confirms the held seat, as the page's Pay button does. */
    const pay = async (reservationId: string, shopper: string) => {
      const paid = await fetch(`${demo.origin}/checkout/pay?lang=en`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reservationId, shopper }),
      });
      expect(paid.status).toBe(200);
      return paid.json();
    };
    /** Opens a team as the first shopper and has each of the others join it, every seat paid through the checkout. */
    const fill = async (path: string, offerId: string, shoppers: string[], bodies: unknown[] = []) => {
      const opened = await seat(path, shoppers[0] as string, `/group-buy-offers/${offerId}/teams`, bodies[0]);
      expect(opened.status).toBe(201);
      await pay(opened.body.reservation.id, shoppers[0] as string);
      for (const [i, shopper] of shoppers.slice(1).entries()) {
        const joined = await seat(path, shopper, `/teams/${opened.body.team.id}/reservations`, bodies[i + 1]);
        expect(joined.status).toBe(201);
        await pay(joined.body.reservation.id, shopper);
      }
      return (await fetch(`${demo.flockApi}/v1/teams/${opened.body.team.id}`, { headers: asBrowser() })).json();
    };

    it('serves a page for each kind, linked from the group-buy page, each with its own offer', async () => {
      for (const lang of ['zh-CN', 'en'] as const) {
        const query = lang === 'en' ? '?lang=en' : '';
        const catalog = demo.catalogs[lang];
        const home = await (await fetch(`${demo.origin}/${query}`)).text();
        for (const [path, kind] of kinds) {
          expect(home).toContain(`href="${path}${query}"`);
          const page = await (await fetch(`${demo.origin}${path}${query}`)).text();
          expect(page).toContain(`<flock-group-buy offer="${catalog.groupTypes[kind].id}">`);
          expect(page).toContain(`<a href="${path}${query}" aria-current="page">`);
          expect(tokenIn(page, 'carol')).toMatch(/^eyJ/);
        }
        const offers = Object.fromEntries(
          await Promise.all(kinds.map(async ([, kind]) => [kind, await offerOf(catalog.groupTypes[kind].id)])),
        );
        expect(offers.flashSale).toMatchObject({ active: true, stock: 5, stockLeft: 5 });
        expect(offers.ladder).toMatchObject({ active: true, teamSize: 3, completeAtDeadline: { minMembers: 2 } });
        expect(offers.ladder.tiers).toHaveLength(2);
        expect(offers.lottery).toMatchObject({ active: true, teamSize: 4, groupPrice: 100, lottery: { winners: 1 } });
        expect(offers.lottery.lottery.consolationVoucherProductId).toMatch(/^vpr_/);
        expect(offers.crossProduct).toMatchObject({ active: true, groupPrice: 2900 });
        expect(offers.crossProduct.products).toHaveLength(3);
        expect(offers.newCustomer).toMatchObject({ active: true, joinersMustBeNew: true });
      }
    });

    it('refuses a returning customer in a new-customer team and lets a new one join', async () => {
      const { id } = demo.catalogs.en.groupTypes.newCustomer;
      // Dave leads (the leader may be anyone); Bob has an earlier order (demo data); Carol is new.
      const opened = await seat('/new-customer', 'dave', `/group-buy-offers/${id}/teams`);
      expect(opened.status).toBe(201);
      await pay(opened.body.reservation.id, 'dave');
      const returning = await seat('/new-customer', 'bob', `/teams/${opened.body.team.id}/reservations`);
      expect(returning.status).toBe(409);
      expect(returning.body.error.code).toBe('not_new_customer');
      const newcomer = await seat('/new-customer', 'carol', `/teams/${opened.body.team.id}/reservations`);
      expect(newcomer.status).toBe(201);
      expect((await pay(newcomer.body.reservation.id, 'carol')).status).toBe('confirmed');
    });

    it('fills a lottery team through the checkout: the draw is published and anyone can recompute it', async () => {
      const { id } = demo.catalogs.en.groupTypes.lottery;
      const team = await fill('/lottery', id, ['alice', 'bob', 'carol', 'dave']);
      expect(team.status).toBe('succeeded');
      const draw = await (await fetch(`${demo.flockApi}/v1/teams/${team.id}/draw`, { headers: asBrowser() })).json();
      expect(draw).toMatchObject({ algorithm: 'flock-draw-v1', winnersWanted: 1 });
      expect(await drawCommitment(draw.seed)).toBe(draw.commitment);
      const ids = draw.members.map((m: { reservationId: string }) => m.reservationId);
      expect(await drawWinners(draw.seed, team.id, ids, 1)).toEqual(draw.winners);
    });

    it('fills a ladder team to its last tier and a flash sale takes a unit per seat', async () => {
      const { ladder, flashSale } = demo.catalogs['zh-CN'].groupTypes;
      expect((await fill('/ladder', ladder.id, ['alice', 'bob', 'carol'])).status).toBe('succeeded');
      const opened = await seat('/flash-sale', 'dave', `/group-buy-offers/${flashSale.id}/teams`);
      expect(opened.status).toBe(201);
      expect((await offerOf(flashSale.id)).stockLeft).toBe(4);
    });

    it('takes each member’s pick in a cross-product team, at that product’s group price', async () => {
      const { crossProduct } = demo.catalogs.en.groupTypes;
      const offer = await offerOf(crossProduct.id);
      const refs = offer.products.map((p: { productRef: string }) => p.productRef);
      const missing = await seat('/cross-product', 'alice', `/group-buy-offers/${crossProduct.id}/teams`);
      expect(missing.status).toBe(400);
      const team = await fill(
        '/cross-product',
        crossProduct.id,
        ['alice', 'bob', 'carol'],
        refs.map((productRef: string) => ({ productRef })),
      );
      expect(team.status).toBe('succeeded');
      expect(team.members.map((m: { productRef: string }) => m.productRef)).toEqual(refs);
    });
  });

  // -------------------------------------------------------------------------------------------
  // Walked through in Chromium at phone size, as a shopper, her friends and the counter staff.

  describe('in the browser', () => {
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    /** One person's browser: tabs opened in it share cookies and the clipboard, not sessionStorage. */
    const person = async (lang: 'zh-CN' | 'en') => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: lang,
        reducedMotion: 'reduce',
      });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.origin });
      contexts.push(context);
      return context;
    };
    /** A tab that fails the test on any browser dialog (alert, confirm) and any page error. */
    const tab = async (context: BrowserContext) => {
      const page = await context.newPage();
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return page;
    };
    let dialogs: string[] = [];
    let pageErrors: string[] = [];
    const q = (lang: 'zh-CN' | 'en') => (lang === 'en' ? '?lang=en' : '');
    const strings = { 'zh-CN': zhCN, en };

    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      for (const context of contexts) await context.close();
      await browser?.close();
    });
    beforeEach(() => {
      dialogs = [];
      pageErrors = [];
    });

    /** Waits until every widget on the page has rendered its content (no skeleton, nothing busy). */
    const settled = (page: Page) =>
      page.waitForFunction(() =>
        [...document.querySelectorAll('flock-provider > *')].every((el) => {
          // A friend offer on a page not reached through a link renders nothing.
          if (el.localName === 'flock-friend-offer' && getComputedStyle(el).display === 'none') return true;
          const base = el.shadowRoot?.querySelector('[part="base"]');
          return base && base.getAttribute('aria-busy') !== 'true' && !base.querySelector('.skeleton');
        }),
      );

    it('copies a share link that names no shopper, and a friend who opens it gets the friend view', async () => {
      const t = strings['zh-CN'];
      const alice = await tab(await person('zh-CN'));
      await alice.goto(`${demo.origin}/assist?shopper=alice`);
      // The name in the address is taken for this tab, then dropped from it.
      expect(new URL(alice.url()).searchParams.has('shopper')).toBe(false);
      const campaign = alice.locator('flock-assist-progress').nth(1);
      await campaign.getByRole('button', { name: t['assist.start.progress'] }).click();
      await campaign.getByRole('button', { name: t['assist.invite.progress'] }).click();
      await campaign.getByText(t.linkCopied, { exact: true }).first().waitFor();
      const link = await alice.evaluate(() => navigator.clipboard.readText());
      expect(new URL(link).searchParams.has('flock_assist')).toBe(true);
      expect(new URL(link).searchParams.has('shopper')).toBe(false);

      // The friend's phone: a new tab (same browser, even) is nobody yet, so it asks who is opening the link.
      const friend = await tab(alice.context());
      await friend.goto(link);
      await friend.locator('#who[open] [data-choose="bob"]').click();
      const help = friend
        .locator('flock-assist-progress')
        .nth(1)
        .getByRole('button', { name: t['assist.help.progress'].replace('{name}', '小美') });
      await help.click();
      await friend
        .locator('flock-assist-progress')
        .nth(1)
        .getByText(t['assist.helped.progress'], { exact: true })
        .first()
        .waitFor();
      // Alice's own tab is still Alice: it shows her progress, not a friend's view.
      await campaign.getByText('阿强').first().waitFor();
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    });

    it("finishes a price cut with the demo's friends, then claims it in the shop's own checkout", async () => {
      const t = strings.en;
      const alice = await tab(await person('en'));
      await alice.goto(`${demo.origin}/assist${q('en')}`);
      const cut = alice.locator('flock-assist-progress').first();
      await cut.getByRole('button', { name: t['assist.start.price_cut'] }).click();
      await cut.getByRole('button', { name: t['assist.invite.price_cut'] }).click();
      await cut.getByText(t.linkCopied, { exact: true }).first().waitFor();
      const link = await alice.evaluate(() => navigator.clipboard.readText());
      // Every friend, each on their own phone.
      for (const friendId of demoFriendsOf('alice')) {
        const friend = await tab(await person('en'));
        await friend.goto(link);
        await friend.locator(`#who[open] [data-choose="${friendId}"]`).click();
        const friendCut = friend.locator('flock-assist-progress').first();
        await friendCut.getByRole('button', { name: t['assist.help.price_cut'] }).click();
        // Their help shows in the list (the last one sees the goal reached at once).
        await friendCut.getByText(demoShoppers[friendId]!.en, { exact: true }).first().waitFor();
      }
      const claim = cut.getByRole('button', { name: new RegExp(t['assist.claim']) });
      await claim.click();
      const sheet = alice.locator('#checkout[open]');
      await sheet.waitFor();
      expect(await sheet.locator('#checkout-total').textContent()).toBe('CN¥0.00');
      await sheet.getByRole('button', { name: 'Claim it' }).click();
      await sheet.getByRole('heading', { name: 'Claimed' }).waitFor();
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    });

    it("gives the friend who opens a promoter's shared material a coupon to claim; the order earns the promoter's commission, shown on their card, history, suggestions and the leaderboard", async () => {
      const t = strings.en;
      // Alice becomes a promoter of the English storefront's program: her level and share kit appear.
      const alice = await tab(await person('en'));
      await alice.goto(`${demo.origin}/referral?lang=en&shopper=alice`);
      const card = alice.locator('flock-referral-card');
      await card.getByRole('button', { name: t['referral.become'] }).click();
      await card.getByText(t.tierTitle, { exact: true }).waitFor();
      await card.getByText(t.historyEmpty, { exact: true }).waitFor();
      // She copies the first material's text, her link (with this share's id) inserted.
      const material = card.locator('.material').first();
      await material.getByRole('button', { name: t.copyText, exact: true }).click();
      await material.getByRole('button', { name: t.copiedText, exact: true }).waitFor();
      const text = await alice.evaluate(() => navigator.clipboard.readText());
      const link = /https?:\/\/\S+/.exec(text)?.[0] ?? '';
      expect(new URL(link).searchParams.has('flock_ref')).toBe(true);
      expect(new URL(link).searchParams.has('flock_share')).toBe(true);
      await card.getByText(t['channel.copy'], { exact: true }).waitFor();

      // Bob's phone opens it: the landing page shows the gift above the group buy, and he claims it.
      const bob = await tab(await person('en'));
      await bob.goto(link);
      await bob.locator('#who[open] [data-choose="bob"]').click();
      const offer = bob.locator('flock-friend-offer');
      await offer.getByText(t['friendOffer.fromFriend'], { exact: true }).waitFor();
      const claimed = bob.waitForEvent('console', (message) => message.text() === 'claimed');
      await bob.evaluate(() =>
        document.addEventListener('flock-friend-reward-claimed', () => console.log('claimed'), { once: true }),
      );
      await offer.getByRole('button', { name: t['friendOffer.claim'] }).click();
      await claimed;
      await offer.getByText(t['friendOffer.from'].replace('{name}', 'A***'), { exact: true }).waitFor();
      await offer.getByText(t['friendOffer.code'], { exact: true }).waitFor();

      // Buy alone: the shop's checkout takes the ¥10 off the ¥29.90 and reports the order with the code.
      await bob
        .locator('flock-group-buy')
        .getByRole('button', { name: new RegExp(t.buyAlone) })
        .click();
      const sheet = bob.locator('#checkout[open]');
      await sheet.waitFor();
      expect(await sheet.locator('#checkout-price').textContent()).toBe('CN¥29.90');
      expect(await sheet.locator('#checkout-discount').textContent()).toBe("Friend's gift−CN¥10.00");
      expect(await sheet.locator('#checkout-total').textContent()).toBe('CN¥19.90');
      await sheet.getByRole('button', { name: 'Pay (demo)' }).click();
      await sheet.getByRole('heading', { name: 'Payment successful' }).waitFor();
      // The gift now reads as used.
      await offer.getByText(t['friendOffer.used'], { exact: true }).first().waitFor();

      // Alice's card, still open, shows the boosted 15 % of ¥19.90 plus the ¥5 first-order reward, live;
      // her share's figures, the suggestion from her friend's order, and her place on the leaderboard.
      await card.getByText('CN¥7.98').first().waitFor();
      await card.getByText(/^Clicks 1 · Orders 1 · /).waitFor();
      await card.getByText(t['reason.audience'].replace('{n}', '1'), { exact: true }).waitFor();
      await alice.locator('flock-promoter-leaderboard').getByText('A***', { exact: true }).waitFor();
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    });

    it('completes a ladder team by clicking through the widget and the shop’s checkout, one phone per shopper', async () => {
      const { ladder } = demo.catalogs.en.groupTypes;
      let teamId = '';
      for (const [i, shopper] of ['alice', 'bob', 'carol'].entries()) {
        const phone = await tab(await person('en'));
        const held = phone.waitForResponse((r) =>
          /\/v1\/(group-buy-offers\/[\w-]+\/teams|teams\/[\w-]+\/reservations)$/.test(r.url()),
        );
        await phone.goto(`${demo.origin}/ladder?lang=en&shopper=${shopper}`);
        const widget = phone.locator('flock-group-buy');
        // The first starts a group; the others join the one forming (凑团).
        await widget
          .getByRole('button', { name: i === 0 ? /Start a group/ : /Join/ })
          .first()
          .click();
        teamId = ((await (await held).json()) as { team: { id: string } }).team.id;
        const sheet = phone.locator('#checkout[open]');
        await sheet.waitFor();
        await sheet.getByRole('button', { name: 'Pay (demo)' }).click();
        await sheet.getByRole('heading', { name: 'Payment successful' }).waitFor();
      }
      const team = await (
        await fetch(`${demo.flockApi}/v1/teams/${teamId}`, {
          headers: { authorization: `Bearer ${demo.merchant.publishableKey}`, origin: demo.origin },
        })
      ).json();
      expect(team).toMatchObject({ offerId: ladder.id, status: 'succeeded' });
      expect(team.members).toHaveLength(3);
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    });

    it('shows the voucher code in digits, and the counter redeems it typed by hand', async () => {
      const shopper = await tab(await person('zh-CN'));
      await shopper.goto(`${demo.origin}/vouchers?shopper=carol`);
      const digits = shopper.locator('flock-voucher-qr [part="code"] .digits');
      const typed = (await digits.textContent())?.trim() ?? '';
      expect(typed).toMatch(/^\d{4} \d{4} \d{4}$/);
      const counter = await tab(await person('zh-CN'));
      await counter.goto(`${demo.origin}/counter`);
      await counter.locator('flock-voucher-scanner input[name="code"]').fill(typed);
      await counter.locator('flock-voucher-scanner').getByRole('button', { name: zhCN['scanner.redeem'] }).click();
      await counter
        .locator('flock-voucher-scanner')
        .getByText(zhCN['scanner.success'].replace('{n}', '2'), { exact: true })
        .first()
        .waitFor();
      // The shopper's phone says so, live.
      await shopper.locator('flock-voucher-qr').getByText(zhCN['voucher.redeemed'], { exact: true }).first().waitFor();
      expect(pageErrors).toEqual([]);
    });

    it('keeps every card off the screen edges and writes the widgets in the page font, in both languages', async () => {
      for (const lang of ['zh-CN', 'en'] as const) {
        const page = await tab(await person(lang));
        for (const path of ['/', '/assist', '/referral', '/vouchers', '/counter']) {
          await page.goto(`${demo.origin}${path}${q(lang)}`);
          await settled(page);
          const widgets = await page.evaluate(() => {
            const pageFont = getComputedStyle(document.body).fontFamily;
            // A friend offer on a visit not made through a link is hidden: it has no card to place.
            const shown = [...document.querySelectorAll('flock-provider > *')].filter(
              (el) => getComputedStyle(el).display !== 'none',
            );
            return shown.map((el) => {
              const box = el.getBoundingClientRect();
              const base = el.shadowRoot?.querySelector('[part="base"]') as Element;
              return {
                tag: el.localName,
                left: box.left,
                right: innerWidth - box.right,
                font: getComputedStyle(base).fontFamily,
                pageFont,
              };
            });
          });
          expect(widgets.length, `${lang} ${path}`).toBeGreaterThan(0);
          for (const widget of widgets) {
            expect(widget.left, `${lang} ${path} ${widget.tag}`).toBeGreaterThanOrEqual(8);
            expect(widget.right, `${lang} ${path} ${widget.tag}`).toBeGreaterThanOrEqual(8);
            expect(widget.font, `${lang} ${path} ${widget.tag}`).toBe(widget.pageFont);
          }
        }
      }
    }, 120_000);

    it('shows English pages in English only, with prices written as the widgets write them', async () => {
      const page = await tab(await person('en'));
      for (const path of ['/', '/assist', '/referral', '/vouchers', '/counter']) {
        await page.goto(`${demo.origin}${path}?lang=en`);
        await settled(page);
        // Everything a shopper reads: the page (less the link to the Chinese page) and each widget.
        const text = await page.evaluate(() => {
          const own = [...document.body.querySelectorAll('header, nav, main')]
            .map((el) => {
              const copy = el.cloneNode(true) as HTMLElement;
              for (const other of copy.querySelectorAll('[lang]:not([lang="en"])')) other.remove();
              return copy.textContent;
            })
            .join('\n');
          const widgets = [...document.querySelectorAll('flock-provider > *')].map(
            (el) => el.shadowRoot?.querySelector('[part="base"]')?.textContent ?? '',
          );
          return [own, ...widgets].join('\n');
        });
        expect(text, path).not.toMatch(/[\u3400-\u9fff]/);
        expect(text, path).not.toMatch(/(?<!CN)¥/);
      }
      expect(await (await fetch(`${demo.origin}/?lang=en`)).text()).toContain('save CN¥10.00 each');
    });
  });
});
