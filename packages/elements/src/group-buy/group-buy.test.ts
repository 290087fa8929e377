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

  it('shows a visible error for an unknown offer', async () => {
    const el = await mount({ offer: 'off_doesnotexist0000000', shopper: 'alice' });
    await untilShows(el, "We couldn't find this group buy");
    // Retrying cannot make an unknown offer appear, so there is no retry button.
    expect(() => findButton(el, 'Try again')).to.throw();
    await expectAccessible(el, 'load-error');
  });
});
