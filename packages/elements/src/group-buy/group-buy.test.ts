import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.js';
import {
  expectAccessible,
  focusBefore,
  holdApiRequests,
  liveRegionText,
  sendKeys,
  startFixtureServer,
  tabTo,
} from '../../test/a11y.js';
import {
  advanceClock,
  createOffer,
  expectLoadingSkeleton,
  findButton,
  fixtureApi,
  mountInProvider,
  shadowText,
  tokenFor,
  untilLiveStreamOpen,
  untilShows,
} from '../../test/fixture-client.js';
import type { FlockCheckoutEvent } from './group-buy.events.js';
import type { FlockGroupBuy } from './group-buy.js';

// These tests drive a real Flock server started by the test runner (web-test-runner.config.js);
// /__flock/* plays the shop's backend: it creates offers, mints shopper tokens and confirms payments.
const confirm = (reservationId: string) => fixtureApi('confirm', { reservationId, orderRef: `order-${reservationId}` });

async function mount(options: { offer: string; shopper?: string; team?: string; locale?: string }) {
  const token = options.shopper ? await tokenFor(options.shopper, options.shopper === 'alice' ? 'Alice' : options.shopper) : '';
  return mountInProvider<FlockGroupBuy>(
    html`<flock-group-buy offer=${options.offer} team=${options.team ?? ''}></flock-group-buy>`,
    { token, locale: options.locale },
  );
}

/** Alice opens a team and pays: returns the open team's id. */
async function openPaidTeam(offerId: string) {
  const el = await mount({ offer: offerId, shopper: 'alice' });
  await untilShows(el, 'Start a group');
  const checkout = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
  findButton(el, 'Start a group').click();
  const { reservation } = (await checkout).detail;
  await confirm(reservation.id);
  return { el, teamId: reservation.teamId, reservation };
}

describe('<flock-group-buy>', () => {
  before(startFixtureServer);

  it('shows a loading skeleton, then the offer with group and regular prices', async () => {
    const offer = await createOffer();
    const release = holdApiRequests();
    const el = await mount({ offer: offer.id, shopper: 'alice' });
    await expectLoadingSkeleton(el, release);
    await untilShows(el, 'Start a group');
    expect(shadowText(el)).to.include('CN¥19.90');
    expect(shadowText(el)).to.include('CN¥29.90 Buy alone');
    expect(shadowText(el)).to.include('Group of 3');
    await expectAccessible(el, 'offer');
  });

  it('shows Chinese strings with locale zh-CN', async () => {
    const offer = await createOffer();
    const el = await mount({ offer: offer.id, shopper: 'alice', locale: 'zh-CN' });
    await untilShows(el, '发起拼团');
    expect(shadowText(el)).to.include('拼团价');
    expect(shadowText(el)).to.include('¥29.90 单独购买');
    expect(shadowText(el)).to.include('3人团');
    await expectAccessible(el, 'offer (zh-CN)');
  });

  it('speaks Taiwan’s Traditional Chinese for zh-TW (and zh-Hant), with prices in NT$', async () => {
    const offer = await createOffer({ currency: 'TWD', regularPrice: 29900, groupPrice: 19900 });
    const el = await mount({ offer: offer.id, shopper: 'alice', locale: 'zh-Hant-TW' });
    await untilShows(el, '發起揪團');
    expect(shadowText(el)).to.include('團購價');
    expect(shadowText(el)).to.include('NT$199');
    expect(shadowText(el)).to.include('NT$299 單獨購買');
    expect(shadowText(el)).to.include('3人團');
    await expectAccessible(el, 'offer (zh-TW)');
  });

  it('holds the leader seat and fires flock-checkout, then waits for others once paid', async () => {
    const offer = await createOffer();
    const el = await mount({ offer: offer.id, shopper: 'alice' });
    await untilShows(el, 'Start a group');
    const checkout = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
    findButton(el, 'Start a group').click();
    const { reservation } = (await checkout).detail;
    expect(reservation.status).to.equal('held');
    expect(reservation.price).to.equal(1990);
    await untilShows(el, 'Pay by');
    const countdown = el.shadowRoot?.querySelector('[part~="countdown"]');
    expect(countdown?.textContent).to.match(/^\d\d:\d\d:\d\d$/);
    // The countdown is a timer (never live, it would chatter), named by what it counts.
    expect(countdown?.getAttribute('role')).to.equal('timer');
    expect(countdown?.getAttribute('aria-label')).to.match(/^\d\d:\d\d:\d\d left$/);
    await expectAccessible(el, 'held');
    // Paying again re-fires the checkout with the same reservation.
    const again = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
    findButton(el, 'Pay CN¥19.90').click();
    expect((await again).detail.reservation.id).to.equal(reservation.id);

    await confirm(reservation.id);
    await el.refresh();
    await untilShows(el, '1 of 3 joined');
    expect(shadowText(el)).to.include('Your group is open! Invite friends to fill it');
    expect(shadowText(el)).to.match(/23:59:\d\d left/);
    expect(el.shadowRoot?.querySelectorAll('.avatar.empty')).to.have.length(2);
    expect(findButton(el, 'Invite friends')).to.exist;
    await expectAccessible(el, 'waiting');
  });

  it('works from the keyboard: Tab to "Start a group", Enter, focus on the held seat, Space pays', async () => {
    const offer = await createOffer();
    const el = await mount({ offer: offer.id, shopper: 'kim' });
    await untilShows(el, 'Start a group');
    focusBefore(el);
    // Buy alone comes first, then Start a group: the order they are read in.
    const buyAlone = await tabTo(el, (f) => f.textContent?.includes('Buy alone') ?? false, { maxPresses: 1 });
    expect(buyAlone.localName).to.equal('button');
    await tabTo(el, (f) => f.textContent?.includes('Start a group') ?? false, { maxPresses: 1 });
    const checkout = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
    await sendKeys({ press: 'Enter' });
    const { reservation } = (await checkout).detail;
    await untilShows(el, 'Pay by');
    // The pressed button is gone: focus lands on the new headline, not on <body>.
    await waitUntil(() => el.shadowRoot?.activeElement?.textContent?.includes('Pay by'), 'focus on the held headline');
    expect(liveRegionText(el)).to.include('Pay by');
    await tabTo(el, (f) => f.textContent?.includes('Pay') ?? false, { maxPresses: 1 });
    const again = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
    await sendKeys({ press: 'Space' });
    expect((await again).detail.reservation.id).to.equal(reservation.id);
  });

  it('lets a friend open the shared team, join, pay, and completes the group', async () => {
    const offer = await createOffer();
    const { teamId } = await openPaidTeam(offer.id);
    for (const friend of ['bob', 'carol']) {
      const el = await mount({ offer: offer.id, shopper: friend, team: teamId });
      await untilShows(el, 'Alice invited you to join');
      await expectAccessible(el, 'invite');
      const checkout = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
      findButton(el, 'Join group').click();
      const { reservation } = (await checkout).detail;
      await confirm(reservation.id);
      await el.refresh();
      if (friend === 'carol') {
        await untilShows(el, 'Group complete — CN¥19.90 each');
        expect(el.shadowRoot?.querySelectorAll('.avatars .avatar:not(.empty)')).to.have.length(3);
        await expectAccessible(el, 'succeeded');
        // Someone else opening the shared link of the completed group is told so.
        const late = await mount({ offer: offer.id, shopper: 'lee', team: teamId });
        await untilShows(late, 'This group is already complete');
        await expectAccessible(late, 'team-unavailable (completed)');
      } else {
        await untilShows(el, '2 of 3 joined');
      }
    }
  });

  it('updates live in another page when a friend joins, without reloading or polling', async () => {
    const offer = await createOffer();
    const { el: leaderView, teamId } = await openPaidTeam(offer.id);
    await leaderView.refresh();
    await untilShows(leaderView, '1 of 3 joined');
    const provider = leaderView.closest('flock-provider') as unknown as {
      context?: { client: { liveStatus?: { get(): string } } };
    };
    await waitUntil(() => provider.context?.client.liveStatus?.get() === 'open', 'live stream open', { timeout: 5000 });
    const friend = await mount({ offer: offer.id, shopper: 'hank', team: teamId });
    await untilShows(friend, 'Join group');
    findButton(friend, 'Join group').click();
    // Polling pauses while the stream is open, so only the stream can bring this in.
    await untilShows(leaderView, /1 paying/);
    // …and the leader's live region announces it.
    await waitUntil(() => /1 paying/.test(liveRegionText(leaderView)), 'live region announced the join', { timeout: 5000 });
  });

  it('lists teams already forming on the offer and joins one from there', async () => {
    const offer = await createOffer();
    await openPaidTeam(offer.id);
    const el = await mount({ offer: offer.id, shopper: 'dave' });
    await untilShows(el, 'These groups are forming');
    expect(shadowText(el)).to.include('2 more to go');
    await expectAccessible(el, 'offer with forming groups');
    const checkout = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
    findButton(el, /^\s*Join group\s*$/).click();
    expect((await checkout).detail.reservation.status).to.equal('held');
    await untilShows(el, 'Pay by');
  });

  it('shows a translated error when the team filled up in the meantime', async () => {
    const offer = await createOffer({ teamSize: 2 });
    const { teamId } = await openPaidTeam(offer.id);
    // Erin sees the team in the list of forming teams (the list is a snapshot, not live)…
    const el = await mount({ offer: offer.id, shopper: 'erin', locale: 'zh-CN' });
    await untilShows(el, '还差1人拼成');
    // …and someone else takes the last seat before she taps.
    const frank = await mount({ offer: offer.id, shopper: 'frank', team: teamId });
    await untilShows(frank, 'Join group');
    findButton(frank, 'Join group').click();
    await untilShows(frank, 'Pay by');
    // Others see Frank's unpaid seat as taken, not as a member.
    const watcher = await mount({ offer: offer.id, shopper: 'alice', team: teamId });
    await untilShows(watcher, /1 of 2 joined · ?1 paying/);
    expect(watcher.shadowRoot?.querySelectorAll('.avatar.held')).to.have.length(1);
    expect(watcher.shadowRoot?.querySelectorAll('.avatar.empty')).to.have.length(0);
    await expectAccessible(watcher, 'waiting (a seat held by someone paying)');
    // A newcomer with the link finds every seat taken.
    const newcomer = await mount({ offer: offer.id, shopper: 'gus', team: teamId });
    await untilShows(newcomer, 'This group is full');
    await expectAccessible(newcomer, 'team-unavailable (full)');
    const failed = oneEvent(el, 'flock-error');
    findButton(el, /^\s*去参团\s*$/).click();
    expect((await failed).detail.code).to.equal('team_full');
    await untilShows(el, '该团已满，去开个新团吧');
    await expectAccessible(el, 'action-error (zh-CN)');
  });

  it('shows an expired hold when the shopper did not pay in time', async () => {
    const offer = await createOffer({ holdTtlSeconds: 60 });
    const el = await mount({ offer: offer.id, shopper: 'gina' });
    await untilShows(el, 'Start a group');
    findButton(el, 'Start a group').click();
    await untilShows(el, 'Pay by');
    await advanceClock(61);
    await el.refresh();
    await untilShows(el, 'Your spot was released because payment timed out');
    await expectAccessible(el, 'hold-expired');
    findButton(el, 'Start a new group').click();
    await untilShows(el, 'Start a group');
  });

  it('shows a failed team with the refund promise after the deadline', async () => {
    const offer = await createOffer({ teamTtlSeconds: 3600 });
    const { teamId } = await openPaidTeam(offer.id);
    await advanceClock(3601);
    const el = await mount({ offer: offer.id, shopper: 'alice', team: teamId, locale: 'zh-CN' });
    await untilShows(el, '拼团失败，款项将原路退回');
    const en = await mount({ offer: offer.id, shopper: 'alice', team: teamId });
    await untilShows(en, "Group didn't fill — you'll be refunded");
    await expectAccessible(en, 'failed');
    await expectAccessible(el, 'failed (zh-CN)');
  });

  describe('group types (issue 15)', () => {
    /** A shopper id no earlier test has used: a first-time customer. */
    let n = 0;
    const fresh = (name: string) => `${name}-${Date.now().toString(36)}-${++n}`;
    /** `shopper` joins `teamId` through the widget and pays. */
    async function joinAndPay(offerId: string, teamId: string, shopper: string, locale?: string) {
      const el = await mount({ offer: offerId, shopper, team: teamId, locale });
      await untilShows(el, locale === 'zh-CN' ? '去参团' : 'Join group');
      const checkout = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
      findButton(el, locale === 'zh-CN' ? '去参团' : 'Join group').click();
      const { reservation } = (await checkout).detail;
      await confirm(reservation.id);
      return { el, reservation };
    }

    it('flash sale: counts down to the start on the server clock, then follows the units left live to sold out, and explains a 409 sold_out', async () => {
      const probe = (await createOffer()) as unknown as { serverNow: string };
      const startsAt = new Date(Date.parse(probe.serverNow) + 2 * 3600_000 + 30_000).toISOString();
      const offer = await createOffer({ stock: 2, startsAt, teamSize: 3 });
      const early = await mount({ offer: offer.id, shopper: 'ivy', locale: 'zh-CN' });
      await untilShows(early, /距开抢 02:00:\d\d/);
      expect(shadowText(early)).to.include('仅剩 2 件');
      expect(findButton(early, '发起拼团').disabled).to.equal(true);
      expect(early.shadowRoot?.querySelector('.starts [part~="countdown"]')?.getAttribute('role')).to.equal('timer');
      await expectAccessible(early, 'flash sale before its start (zh-CN)');

      await advanceClock(2 * 3600 + 31);
      const a = await mount({ offer: offer.id, shopper: fresh('rush-a') });
      const b = await mount({ offer: offer.id, shopper: fresh('rush-b') });
      const watcher = await mount({ offer: offer.id, shopper: fresh('watch') });
      for (const el of [a, b, watcher]) await untilShows(el, 'Only 2 left');
      await untilLiveStreamOpen(watcher);
      expect(findButton(a, 'Start a group').disabled).to.equal(false);
      await expectAccessible(a, 'flash sale open, units left');
      // One unit is taken: the watcher's page hears it on the stream.
      const checkout = oneEvent(a, 'flock-checkout') as Promise<FlockCheckoutEvent>;
      findButton(a, 'Start a group').click();
      await checkout;
      await untilShows(watcher, 'Only 1 left');
      // Two shoppers tap for the last unit at once: one holds it, the other is refused with sold_out.
      const c = await mount({ offer: offer.id, shopper: fresh('rush-c') });
      await untilShows(c, 'Only 1 left');
      await untilShows(b, 'Only 1 left');
      const errors = [b, c].map((el) => oneEvent(el, 'flock-error'));
      const seats = [b, c].map((el) => oneEvent(el, 'flock-checkout'));
      findButton(b, 'Start a group').click();
      findButton(c, 'Start a group').click();
      const first = await Promise.race([...errors.map((e, i) => e.then((ev) => ({ i, code: ev.detail.code })))]);
      expect(first.code).to.equal('sold_out');
      const refused = [b, c][first.i]!;
      await untilShows(refused, 'Sold out — every unit has been taken');
      await Promise.race(seats);
      // Everyone's button turns to a disabled "Sold out".
      for (const el of [refused, watcher]) {
        await waitUntil(() => findButton(el, 'Sold out').disabled, 'sold-out button disabled');
      }
      await expectAccessible(refused, 'flash sale sold out, with the refusal');
    });

    it('ladder: shows the tiers, highlights the one reached, says how many friends unlock the next, and what comes back', async () => {
      const tiers = [
        { members: 2, price: 2900 },
        { members: 3, price: 2500 },
        { members: 4, price: 1900 },
      ];
      const offer = await createOffer({ teamSize: 4, regularPrice: 3990, groupPrice: 2900, tiers, teamTtlSeconds: 3600 });
      const el = await mount({ offer: offer.id, shopper: fresh('ladder-lead') });
      await untilShows(el, 'Everyone pays CN¥29.00 now; the difference comes back when the group closes');
      expect(el.shadowRoot?.querySelectorAll('[part~="ladder"] li')).to.have.length(3);
      expect(shadowText(el)).to.include('4 people CN¥19.00');
      await expectAccessible(el, 'ladder offer');
      const checkout = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
      findButton(el, 'Start a group').click();
      const { reservation } = (await checkout).detail;
      expect(reservation.price).to.equal(2900);
      await confirm(reservation.id);
      await joinAndPay(offer.id, reservation.teamId, fresh('ladder-b'));
      await el.refresh();
      await untilShows(el, '1 more to unlock CN¥25.00 each');
      const reached = el.shadowRoot?.querySelector('.tier[aria-current="true"]');
      expect(reached?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('2 people CN¥29.00');
      await expectAccessible(el, 'ladder team, first tier reached');
      await joinAndPay(offer.id, reservation.teamId, fresh('ladder-c'));
      // The deadline closes the team at the tier reached: 3 paid members, CN¥25.00 each.
      await advanceClock(3601);
      await el.refresh();
      await untilShows(el, 'Group complete at CN¥25.00 each — CN¥4.00 back to you');
      await expectAccessible(el, 'ladder succeeded, refund');
    });

    it('lottery: "1 of 3 wins" before; after the draw the result, and a "check the draw" view that recomputes it here', async () => {
      const offer = await createOffer({ teamSize: 3, regularPrice: 2990, groupPrice: 100, lottery: { winners: 1 } });
      const el = await mount({ offer: offer.id, shopper: fresh('lucky-a') });
      await untilShows(el, '1 of 3 wins');
      expect(shadowText(el)).to.include('the others get a full refund');
      await expectAccessible(el, 'lottery offer');
      const checkout = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
      findButton(el, 'Start a group').click();
      const { reservation } = (await checkout).detail;
      await confirm(reservation.id);
      await joinAndPay(offer.id, reservation.teamId, fresh('lucky-b'));
      await joinAndPay(offer.id, reservation.teamId, fresh('lucky-c'));
      await el.refresh();
      await untilShows(el, /You won! The item is yours|Not this time — CN¥1\.00 will be refunded/);
      await expectAccessible(el, 'lottery result');
      // From the keyboard: Tab to "Check the draw", Enter opens it.
      focusBefore(el);
      const toggle = await tabTo(el, (f) => f.textContent?.includes('Check the draw') ?? false);
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      await sendKeys({ press: 'Enter' });
      await untilShows(el, 'Verified: the seed matches the commitment and draws these winners');
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const hex = [...(el.shadowRoot?.querySelectorAll('.hex') ?? [])].map((d) => d.textContent?.trim());
      expect(hex[0]).to.match(/^[0-9a-f]{64}$/);
      expect(hex[1]).to.match(/^[0-9a-f]{64}$/);
      expect(el.shadowRoot?.querySelectorAll('.draw-members li')).to.have.length(3);
      expect(el.shadowRoot?.querySelectorAll('.draw-members .won')).to.have.length(1);
      await expectAccessible(el, 'lottery draw checked');
      await waitUntil(() => /Verified/.test(liveRegionText(el)), 'the verdict is announced');
    });

    it('lottery: says so when this page cannot recompute the draw (no Web Crypto)', async () => {
      const offer = await createOffer({ teamSize: 2, groupPrice: 100, lottery: { winners: 1 } });
      const el = await mount({ offer: offer.id, shopper: fresh('insecure-a') });
      await untilShows(el, 'Start a group');
      const checkout = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
      findButton(el, 'Start a group').click();
      const { reservation } = (await checkout).detail;
      await confirm(reservation.id);
      await joinAndPay(offer.id, reservation.teamId, fresh('insecure-b'));
      await el.refresh();
      await untilShows(el, 'Check the draw');
      Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
      try {
        findButton(el, 'Check the draw').click();
        await untilShows(el, 'Checking needs a secure page (https)');
      } finally {
        delete (globalThis.crypto as { subtle?: unknown }).subtle;
      }
      expect(globalThis.crypto.subtle).to.exist;
    });

    it('cross-product: picks an item before opening and joining, sends it as productRef, and shows what each friend chose', async () => {
      const products = [
        { productRef: 'longjing', title: 'Longjing', regularPrice: 2990, groupPrice: 1990 },
        { productRef: 'biluochun', title: 'Biluochun', regularPrice: 3990, groupPrice: 2490 },
      ];
      const offer = await createOffer({ teamSize: 2, products });
      const leader = fresh('picker');
      const el = await mount({ offer: offer.id, shopper: leader });
      await untilShows(el, 'Pick your item');
      expect(el.shadowRoot?.querySelectorAll('[part~="product"]')).to.have.length(2);
      await expectAccessible(el, 'cross-product picker');
      // Arrow keys move the pick, as in any radio group; the start button follows the price.
      el.shadowRoot?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
      await sendKeys({ press: 'ArrowDown' });
      await untilShows(el, 'CN¥24.90 Start a group');
      const checkout = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
      findButton(el, 'Start a group').click();
      const { reservation } = (await checkout).detail;
      expect(reservation).to.include({ productRef: 'biluochun', price: 2490 });
      await confirm(reservation.id);
      const friend = await mount({ offer: offer.id, shopper: fresh('friend'), team: reservation.teamId });
      await untilShows(friend, 'Join group CN¥19.90');
      const joined = oneEvent(friend, 'flock-checkout') as Promise<FlockCheckoutEvent>;
      findButton(friend, 'Join group').click();
      const mine = (await joined).detail.reservation;
      expect(mine).to.include({ productRef: 'longjing', price: 1990 });
      await confirm(mine.id);
      await friend.refresh();
      await untilShows(friend, `${leader} chose Biluochun`);
      expect(shadowText(friend)).to.include('chose Longjing');
      await expectAccessible(friend, 'cross-product team, each pick');
    });

    it('new-customer team: notes who may join, explains a 409 not_new_customer and starts the shopper’s own team', async () => {
      const offer = await createOffer({ joinersMustBeNew: true });
      const { teamId } = await openPaidTeam(offer.id);
      // A returning customer: they bought from this shop before.
      const returning = fresh('returning');
      const earlier = await createOffer({ teamSize: 2 });
      const first = await mount({ offer: earlier.id, shopper: returning });
      await untilShows(first, 'Start a group');
      const paid = oneEvent(first, 'flock-checkout') as Promise<FlockCheckoutEvent>;
      findButton(first, 'Start a group').click();
      await confirm((await paid).detail.reservation.id);

      const el = await mount({ offer: offer.id, shopper: returning, team: teamId });
      await untilShows(el, 'Friends who join must be first-time customers');
      await expectAccessible(el, 'new-customer invite');
      const refused = oneEvent(el, 'flock-error');
      findButton(el, 'Join group').click();
      expect((await refused).detail.code).to.equal('not_new_customer');
      await untilShows(el, 'This group is for first-time customers — start your own');
      expect(findButton(el, 'Join group').disabled).to.equal(true);
      await expectAccessible(el, 'not_new_customer refusal');
      const own = oneEvent(el, 'flock-checkout') as Promise<FlockCheckoutEvent>;
      findButton(el, 'Start my own group').click();
      const { reservation } = (await own).detail;
      expect(reservation.leader).to.equal(true);
      expect(reservation.teamId).not.to.equal(teamId);
      await untilShows(el, 'Pay by');
      // A first-time customer joins the same team.
      await joinAndPay(offer.id, teamId, fresh('newbie'));
    });
  });

  it('shows a visible error for an unknown offer', async () => {
    const el = await mount({ offer: 'off_doesnotexist0000000', shopper: 'alice' });
    await untilShows(el, "We couldn't find this group buy");
    // Retrying cannot make an unknown offer appear, so there is no retry button.
    expect(() => findButton(el, 'Try again')).to.throw();
    await expectAccessible(el, 'load-error');
  });
});
