import type { Assist } from '@flock/sdk';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
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
  createCampaign,
  expectLoadingSkeleton,
  findButton,
  fixtureApi,
  mountInProvider,
  shadowText,
  tokenFor,
  untilLiveStreamOpen,
  untilShows,
} from '../../test/fixture-client.js';
import { commonStrings } from '../i18n/common.strings.js';
import { en } from '../i18n/en.js';
import { errorMessage, translator } from '../i18n/localize.js';
import { zhCN } from '../i18n/zh-cn.js';
import type { FlockAssistStartedEvent, FlockClaimEvent, FlockHelpedEvent } from './assist-progress.events.js';
import type { FlockAssistProgress } from './assist-progress.js';
import { assistProgressStrings } from './assist-progress.strings.js';
import { assistProgress, assistProgressView } from './assist-progress-state.js';

// These tests drive a real Flock server started by the test runner (web-test-runner.config.js);
// /__flock/* plays the shop's backend and other shoppers' phones.
const names: Record<string, string> = { alice: 'Alice', bob: 'Bob', carol: 'Carol', dave: 'Dave', xiaomei: '小美' };
const shopper = (id: string) => ({ shopperId: id, displayName: names[id] ?? id });
const tokenOf = (id: string) => tokenFor(id, shopper(id).displayName);
/** Starts `owner`'s assist from their own phone; returns its id. */
const startAssist = async (campaignId: string, owner = 'alice') =>
  (await fixtureApi<{ assist: Assist }>('start-assist', { campaignId, shopper: shopper(owner) })).assist.id;
const helpFrom = (assistId: string, helper: string) => fixtureApi('help', { assistId, shopper: shopper(helper) });

async function mount(options: { campaign: string; shopper?: string; assist?: string; locale?: string }) {
  const token = options.shopper ? await tokenOf(options.shopper) : '';
  return mountInProvider<FlockAssistProgress>(
    html`<flock-assist-progress campaign=${options.campaign} assist=${options.assist ?? ''}></flock-assist-progress>`,
    { token, locale: options.locale },
  );
}

const bar = (el: FlockAssistProgress) => el.shadowRoot?.querySelector('[role="progressbar"]') as HTMLElement;

/** Replaces a navigator property for one test (share, clipboard, userAgent). */
function stubNavigator(name: string, value: unknown): () => void {
  Object.defineProperty(navigator, name, { value, configurable: true });
  return () => {
    delete (navigator as unknown as Record<string, unknown>)[name];
  };
}

describe('<flock-assist-progress>', () => {
  before(startFixtureServer);

  it('shows a loading skeleton, then the campaign with its pitch, reward and start button', async () => {
    const campaign = await createCampaign();
    const release = holdApiRequests();
    const el = await mount({ campaign: campaign.id, shopper: 'alice' });
    await expectLoadingSkeleton(el, release);
    await untilShows(el, 'Start a price cut');
    expect(shadowText(el)).to.include('Longjing green tea 250 g');
    expect(shadowText(el)).to.include('Price cut');
    expect(shadowText(el)).to.include('Get 5 friends to help: from CN¥99.00 down to CN¥0.00');
    expect(shadowText(el)).to.include('A 250 g tin of Longjing, shipped free');
    await expectAccessible(el, 'start');
  });

  it('shows Chinese strings with locale zh-CN, in both modes', async () => {
    const cut = await createCampaign();
    const el = await mount({ campaign: cut.id, shopper: 'alice', locale: 'zh-CN' });
    await untilShows(el, '发起砍价');
    expect(shadowText(el)).to.include('邀请5位好友帮砍，¥99.00直降到¥0.00');
    expect(shadowText(el)).to.include('最低');
    const progress = await createCampaign({ mode: 'progress', goal: 3, startPrice: undefined, floorPrice: undefined });
    const el2 = await mount({ campaign: progress.id, shopper: 'alice', locale: 'zh-CN' });
    await untilShows(el2, '发起助力');
    expect(shadowText(el2)).to.include('邀请3位好友助力即可领取');
    await expectAccessible(el, 'start (zh-CN)');
    await expectAccessible(el2, 'start-progress (zh-CN)');
  });

  it('speaks Taiwan’s Traditional Chinese with locale zh-TW', async () => {
    const cut = await createCampaign({ currency: 'TWD', startPrice: 99900, floorPrice: 0 });
    const el = await mount({ campaign: cut.id, shopper: 'alice', locale: 'zh-TW' });
    await untilShows(el, '發起砍價');
    expect(shadowText(el)).to.include('邀請5位朋友幫砍，NT$999直降到NT$0');
    expect(shadowText(el)).to.include('獎勵');
    await expectAccessible(el, 'start (zh-TW)');
  });

  it('starts the assist, fires flock-assist-started, then shows the bar, countdown and share button', async () => {
    const campaign = await createCampaign();
    const el = await mount({ campaign: campaign.id, shopper: 'alice' });
    await untilShows(el, 'Start a price cut');
    const started = oneEvent(el, 'flock-assist-started') as Promise<FlockAssistStartedEvent>;
    findButton(el, 'Start a price cut').click();
    const { assist, shareUrl } = (await started).detail;
    expect(assist.status).to.equal('active');
    expect(new URL(shareUrl).searchParams.get('flock_assist')).to.equal(assist.id);
    await untilShows(el, 'CN¥0.00 off, CN¥99.00 to go');
    const progressbar = bar(el);
    expect(progressbar.getAttribute('aria-valuenow')).to.equal('0');
    expect(progressbar.getAttribute('aria-valuemin')).to.equal('0');
    expect(progressbar.getAttribute('aria-valuemax')).to.equal('9900');
    expect(progressbar.getAttribute('aria-valuetext')).to.equal('CN¥0.00 off, CN¥99.00 to go');
    expect(el.shadowRoot?.querySelector('[part~="countdown"]')?.textContent).to.match(/^23:59:5\d$/);
    expect(shadowText(el)).to.include('No helps yet — invite your friends');
    await expectAccessible(el, 'active-owner');

    // No share sheet here (desktop Linux): the link is copied, and the widget says so.
    let copied = '';
    const restore = [
      stubNavigator('share', undefined),
      stubNavigator('clipboard', {
        writeText: async (value: string) => {
          copied = value;
        },
      }),
    ];
    try {
      findButton(el, 'Invite friends to cut').click();
      await untilShows(el, 'Link copied');
      expect(liveRegionText(el)).to.include('Link copied');
      await expectAccessible(el, 'shared');
    } finally {
      for (const undo of restore) undo();
    }
    expect(copied).to.equal(shareUrl);

    // Coming back later, the shopper sees their own assist without any link.
    const again = await mount({ campaign: campaign.id, shopper: 'alice' });
    await untilShows(again, 'CN¥0.00 off, CN¥99.00 to go');
    expect(() => findButton(again, 'Start a price cut')).to.throw();
  });

  it('works from the keyboard: Tab to "Start a price cut", Enter, focus on the share button, Enter copies', async () => {
    const campaign = await createCampaign();
    const el = await mount({ campaign: campaign.id, shopper: 'kim' });
    await untilShows(el, 'Start a price cut');
    focusBefore(el);
    await tabTo(el, (f) => f.textContent?.includes('Start a price cut') ?? false, { maxPresses: 1 });
    const started = oneEvent(el, 'flock-assist-started') as Promise<FlockAssistStartedEvent>;
    await sendKeys({ press: 'Enter' });
    await started;
    // The pressed button is gone: focus lands on the share button that replaced it, not on <body>.
    await waitUntil(
      () => el.shadowRoot?.activeElement?.textContent?.includes('Invite friends to cut'),
      'focus on the share button',
    );
    const restore = [stubNavigator('share', undefined), stubNavigator('clipboard', { writeText: async () => {} })];
    try {
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => liveRegionText(el).includes('Link copied'), 'the copy is announced');
    } finally {
      for (const undo of restore) undo();
    }
  });

  it('uses the native share sheet when there is one', async () => {
    const campaign = await createCampaign({ mode: 'progress', goal: 3, startPrice: undefined, floorPrice: undefined });
    const assistId = await startAssist(campaign.id);
    const el = await mount({ campaign: campaign.id, shopper: 'alice', assist: assistId });
    await untilShows(el, 'Invite friends to help');
    let shared: ShareData | undefined;
    const restore = stubNavigator('share', async (data: ShareData) => {
      shared = data;
    });
    try {
      findButton(el, 'Invite friends to help').click();
      await waitUntil(() => shared, 'share sheet opened');
    } finally {
      restore();
    }
    expect(shared?.text).to.equal('Help me get Longjing green tea 250 g!');
    expect(new URL(shared!.url!).searchParams.get('flock_assist')).to.equal(assistId);
    expect(shadowText(el)).not.to.include('Link copied');
  });

  it('shows a "tap ··· to share" hint instead of the share button inside WeChat', async () => {
    const campaign = await createCampaign();
    const assistId = await startAssist(campaign.id);
    const restore = stubNavigator('userAgent', `${navigator.userAgent} MicroMessenger/8.0.47`);
    try {
      const el = await mount({ campaign: campaign.id, shopper: 'alice', assist: assistId, locale: 'zh-CN' });
      await untilShows(el, '点击右上角 ··· 分享给好友');
      expect(() => findButton(el, '邀请好友帮我砍')).to.throw();
    } finally {
      restore();
    }
  });

  it('lets a friend help through the shared link: thanks with the amount cut, button disabled, flock-helped', async () => {
    const campaign = await createCampaign();
    const assistId = await startAssist(campaign.id, 'xiaomei');
    const url = new URL(location.href);
    url.searchParams.set('flock_assist', assistId);
    history.replaceState(null, '', url);
    try {
      // No `assist` attribute: the link's flock_assist parameter picks the assist.
      const el = await mount({ campaign: campaign.id, shopper: 'bob', locale: 'zh-CN' });
      await untilShows(el, '小美 邀请你帮TA砍一刀');
      expect(shadowText(el)).to.include('已砍¥0.00，还差¥99.00');
      expect(shadowText(el)).to.include('快来第一个助力吧');
      await expectAccessible(el, 'active-friend (zh-CN)');
      const helped = oneEvent(el, 'flock-helped') as Promise<FlockHelpedEvent>;
      findButton(el, '帮TA砍一刀').click();
      const { amountCut, assist } = (await helped).detail;
      expect(amountCut).to.be.greaterThan(0);
      expect(assist.helps).to.equal(1);
      await untilShows(el, /助力成功！你帮TA砍掉了¥\d+\.\d\d/);
      expect(findButton(el, '已助力').disabled).to.equal(true);
      expect(bar(el).getAttribute('aria-valuenow')).to.equal(String(amountCut));
      expect(el.shadowRoot?.querySelectorAll('.helper')).to.have.length(1);
      expect(shadowText(el)).to.include('Bob');
      expect(shadowText(el)).to.include('砍掉¥');
      await expectAccessible(el, 'helped (zh-CN)');
      // The friend can start their own from here.
      findButton(el, '我也要砍价').click();
      await untilShows(el, '发起砍价');
    } finally {
      url.searchParams.delete('flock_assist');
      history.replaceState(null, '', url);
    }
  });

  it("leaves a shared link to another campaign's assist to that campaign's widget", async () => {
    const cut = await createCampaign();
    const other = await createCampaign({ mode: 'progress', goal: 3, startPrice: undefined, floorPrice: undefined });
    const assistId = await startAssist(cut.id);
    const url = new URL(location.href);
    url.searchParams.set('flock_assist', assistId);
    history.replaceState(null, '', url);
    try {
      const mine = await mount({ campaign: cut.id, shopper: 'bob' });
      const theirs = await mount({ campaign: other.id, shopper: 'bob' });
      await untilShows(mine, 'Alice asked you to help cut the price');
      await untilShows(theirs, 'Ask friends to help');
    } finally {
      url.searchParams.delete('flock_assist');
      history.replaceState(null, '', url);
    }
  });

  it('helps in progress mode with "Help {name}" and a thank-you', async () => {
    const campaign = await createCampaign({ mode: 'progress', goal: 3, startPrice: undefined, floorPrice: undefined });
    const assistId = await startAssist(campaign.id);
    const el = await mount({ campaign: campaign.id, shopper: 'carol', assist: assistId });
    await untilShows(el, 'Alice asked for your help');
    expect(shadowText(el)).to.include('0 of 3 friends helped — 3 to go');
    await expectAccessible(el, 'active-friend-progress');
    findButton(el, 'Help Alice').click();
    await untilShows(el, 'Thanks for helping Alice!');
    expect(bar(el).getAttribute('aria-valuenow')).to.equal('1');
    expect(bar(el).getAttribute('aria-valuetext')).to.equal('1 of 3 friends helped — 2 to go');
    expect(shadowText(el)).to.include('Carol helped');
    await expectAccessible(el, 'helped');
  });

  it('draws the bar without inline styles, and stops animating it under reduced motion', async () => {
    const campaign = await createCampaign({ mode: 'progress', goal: 4, startPrice: undefined, floorPrice: undefined });
    const assistId = await startAssist(campaign.id);
    await helpFrom(assistId, 'bob');
    const el = await mount({ campaign: campaign.id, shopper: 'alice', assist: assistId });
    await untilShows(el, '1 of 4 friends helped');
    const fill = el.shadowRoot?.querySelector('.fill') as SVGRectElement;
    expect(fill.getAttribute('width')).to.equal('25%');
    expect(el.shadowRoot?.querySelector('[style]'), 'no style attributes (strict CSP)').to.equal(null);
    expect(getComputedStyle(fill).transitionDuration).to.equal('0.6s');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(fill).transitionDuration).to.equal('0s');
      const help = await mount({ campaign: campaign.id, shopper: 'carol', assist: assistId });
      await untilShows(help, 'Help Alice');
      expect(getComputedStyle(help.shadowRoot!.querySelector('.button.help')!).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('shows the already-helped message for a second help', async () => {
    const campaign = await createCampaign();
    const assistId = await startAssist(campaign.id);
    // Bob has the link open twice; he helps in the first, then taps again in the second.
    const first = await mount({ campaign: campaign.id, shopper: 'bob', assist: assistId });
    const second = await mount({ campaign: campaign.id, shopper: 'bob', assist: assistId });
    await untilShows(first, 'Help cut the price');
    await untilShows(second, 'Help cut the price');
    findButton(first, 'Help cut the price').click();
    await untilShows(first, /Thanks! You cut CN¥/);
    const failed = oneEvent(second, 'flock-error');
    findButton(second, 'Help cut the price').click();
    expect((await failed).detail.code).to.equal('already_helped');
    await untilShows(second, "You've already helped");
    await untilShows(second, 'Helped');
    await expectAccessible(second, 'action-error');
    expect(findButton(second, 'Helped').disabled).to.equal(true);
    const zh = await mount({ campaign: campaign.id, shopper: 'bob', assist: assistId, locale: 'zh-CN' });
    await untilShows(zh, '你已经帮TA助力过了');
  });

  it("tells the owner they can't help themselves", async () => {
    const campaign = await createCampaign();
    const assistId = await startAssist(campaign.id);
    const el = await mount({ campaign: campaign.id, shopper: 'bob', assist: assistId });
    await untilShows(el, 'Help cut the price');
    // The page signs Alice in while Bob's view is still showing: her tap reaches the server as hers.
    const provider = el.closest('flock-provider') as HTMLElement & { shopperToken: string; updateComplete: Promise<boolean> };
    provider.shopperToken = await tokenOf('alice');
    await provider.updateComplete;
    const failed = oneEvent(el, 'flock-error');
    findButton(el, 'Help cut the price').click();
    expect((await failed).detail.code).to.equal('self_help');
    await untilShows(el, "You can't help yourself — share it with friends");
    // Once refetched, she sees her own assist with the share button.
    await untilShows(el, 'Invite friends to cut');
  });

  it('updates live in another page when a friend helps, without reloading', async () => {
    const campaign = await createCampaign();
    const assistId = await startAssist(campaign.id);
    const owner = await mount({ campaign: campaign.id, shopper: 'alice', assist: assistId });
    await untilShows(owner, 'Invite friends to cut');
    await untilLiveStreamOpen(owner);
    const announcedBefore = liveRegionText(owner);
    const friend = await mount({ campaign: campaign.id, shopper: 'dave', assist: assistId });
    await untilShows(friend, 'Help cut the price');
    findButton(friend, 'Help cut the price').click();
    await untilShows(friend, /Thanks! You cut CN¥/);
    // Polling pauses while the stream is open, so only the stream can bring this in.
    await waitUntil(() => bar(owner).getAttribute('aria-valuenow') !== '0', 'owner bar moved', { timeout: 5000 });
    await untilShows(owner, 'Dave');
    expect(owner.shadowRoot?.querySelectorAll('.helper')).to.have.length(1);
    // The owner's live region announces the help the stream brought in.
    await waitUntil(() => liveRegionText(owner) !== announcedBefore, 'live region announced the help', { timeout: 5000 });
    expect(liveRegionText(owner)).to.include('Dave');
  });

  it('completes: the owner sees the claim window and claims; a friend sees it done', async () => {
    const campaign = await createCampaign({ goal: 2, startPrice: 2990, floorPrice: 990 });
    const assistId = await startAssist(campaign.id);
    await helpFrom(assistId, 'bob');
    await helpFrom(assistId, 'carol');
    const el = await mount({ campaign: campaign.id, shopper: 'alice', assist: assistId });
    await untilShows(el, /Done! Claim it within 00:59:\d\d/);
    expect(shadowText(el)).to.include('CN¥20.00 off — down to CN¥9.90');
    expect(bar(el).getAttribute('aria-valuenow')).to.equal('2000');
    await expectAccessible(el, 'completed');
    const claim = oneEvent(el, 'flock-claim') as Promise<FlockClaimEvent>;
    findButton(el, 'Claim now').click();
    const { assist } = (await claim).detail;
    expect(assist.status).to.equal('completed');
    expect(assist.currentPrice).to.equal(990);

    const zh = await mount({ campaign: campaign.id, shopper: 'alice', assist: assistId, locale: 'zh-CN' });
    await untilShows(zh, /助力完成，00:59:\d\d内下单领取/);
    const friend = await mount({ campaign: campaign.id, shopper: 'bob', assist: assistId });
    await untilShows(friend, 'Alice reached the goal');
    expect(() => findButton(friend, 'Claim now')).to.throw();
    await expectAccessible(friend, 'completed-friend');
    await expectAccessible(zh, 'completed (zh-CN)');
  });

  it('folds a long helper list behind a "Show all" toggle that works from the keyboard', async () => {
    const campaign = await createCampaign({ mode: 'progress', goal: 8, startPrice: undefined, floorPrice: undefined });
    const assistId = await startAssist(campaign.id);
    for (const helper of ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) await helpFrom(assistId, helper);
    const el = await mount({ campaign: campaign.id, shopper: 'alice', assist: assistId });
    await untilShows(el, 'Show all 6');
    expect(el.shadowRoot?.querySelectorAll('.helper')).to.have.length(5);
    await expectAccessible(el, 'active-owner with many helpers');
    focusBefore(el);
    const toggle = await tabTo(el, (f) => f.textContent?.includes('Show all 6') ?? false, { maxPresses: 3 });
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await untilShows(el, 'Show less');
    expect(el.shadowRoot?.querySelectorAll('.helper')).to.have.length(6);
    // The same button, now expanded, keeps focus.
    expect(el.shadowRoot?.activeElement).to.equal(toggle);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await expectAccessible(el, 'active-owner with every helper shown');
  });

  it('shows an ended assist, and lets the owner start again', async () => {
    const campaign = await createCampaign({ ttlSeconds: 3600 });
    const assistId = await startAssist(campaign.id);
    await advanceClock(3601);
    const friend = await mount({ campaign: campaign.id, shopper: 'bob', assist: assistId, locale: 'zh-CN' });
    await untilShows(friend, '活动已结束');
    expect(() => findButton(friend, '帮TA砍一刀')).to.throw();
    const el = await mount({ campaign: campaign.id, shopper: 'alice', assist: assistId });
    await untilShows(el, 'This has ended');
    await expectAccessible(el, 'expired');
    await expectAccessible(friend, 'expired-friend (zh-CN)');
    const started = oneEvent(el, 'flock-assist-started') as Promise<FlockAssistStartedEvent>;
    findButton(el, 'Start again').click();
    expect((await started).detail.assist.id).not.to.equal(assistId);
    await untilShows(el, 'CN¥0.00 off, CN¥99.00 to go');
  });

  it("says so when the helper used up today's helps", async () => {
    const campaign = await createCampaign({ helpsPerHelperPerDay: 1 });
    const first = await startAssist(campaign.id, 'alice');
    const second = await startAssist(campaign.id, 'carol');
    await helpFrom(first, 'dave');
    const el = await mount({ campaign: campaign.id, shopper: 'dave', assist: second });
    await untilShows(el, 'Help cut the price');
    findButton(el, 'Help cut the price').click();
    await untilShows(el, "You've used up today's helps — come back tomorrow");
    expect(findButton(el, 'Help cut the price').disabled, 'no point tapping again today').to.equal(true);
  });

  it('says so when too many helps come from one network', async () => {
    const campaign = await createCampaign();
    const assistId = await startAssist(campaign.id);
    const el = await mount({ campaign: campaign.id, shopper: 'erin', assist: assistId, locale: 'zh-CN' });
    await untilShows(el, '帮TA砍一刀');
    expect((await fixtureApi<{ status: number }>('use-up-help-rate')).status).to.equal(429);
    try {
      findButton(el, '帮TA砍一刀').click();
      await untilShows(el, '操作太频繁，请稍后再试');
    } finally {
      await advanceClock(61); // a new rate-limit window for the tests after this one
    }
  });

  it('shows a visible error for an unknown campaign, without a retry button', async () => {
    const el = await mount({ campaign: 'asc_doesnotexist0000000', shopper: 'alice' });
    await untilShows(el, "We couldn't find this campaign");
    expect(() => findButton(el, 'Try again')).to.throw();
    await expectAccessible(el, 'load-error');
    const zh = await mount({ campaign: 'asc_doesnotexist0000000', shopper: 'alice', locale: 'zh-CN' });
    await untilShows(zh, '没有找到这个活动');
    await expectAccessible(zh, 'load-error (zh-CN)');
  });

  it('says when the campaign is not running, with no start button', async () => {
    const campaign = await createCampaign({ startsAt: '2100-01-01T00:00:00.000Z' });
    const el = await mount({ campaign: campaign.id, shopper: 'alice' });
    await untilShows(el, "This campaign isn't running right now");
    expect(() => findButton(el, 'Start a price cut')).to.throw();
    await expectAccessible(el, 'not running');
  });

  it('has its own message for every help error, in both languages', async () => {
    const strings = [commonStrings, assistProgressStrings];
    await Promise.all(strings.map((part) => part.load('zh-CN')));
    const codes = ['already_helped', 'self_help', 'assist_completed', 'assist_expired', 'help_limit_reached', 'rate_limited'];
    for (const locale of ['en', 'zh-CN']) {
      const t = translator(strings, locale);
      const generic = t('error.unknown');
      const messages = codes.map((code) => errorMessage(t, code, 'assist'));
      for (const message of messages) expect(message).not.to.equal(generic);
      // assist_expired says the same as the ended state; the others are each their own.
      expect(new Set(messages).size).to.equal(codes.length);
    }
    expect(Object.keys(zhCN).sort()).to.deep.equal(Object.keys(en).sort());
  });
});

describe('assistProgressView', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  const assist = (over: Partial<Assist> = {}): Assist => ({
    id: 'ast_1',
    campaignId: 'asc_1',
    mode: 'price_cut',
    title: 'Tea',
    imageUrl: null,
    status: 'active',
    owner: { displayName: 'Alice', avatarUrl: null },
    helps: 1,
    goal: 5,
    startPrice: 9900,
    floorPrice: 0,
    currentPrice: 7000,
    currency: 'CNY',
    helpers: [],
    reward: { description: 'Tea' },
    expiresAt: '2025-01-02T00:00:00Z',
    completedAt: null,
    purchaseBy: null,
    viewer: { isOwner: false, helped: false },
    serverNow: '2025-01-01T00:00:00Z',
    ...over,
  });
  const loaded = <T>(data: T) => ({ data, loading: false });
  const view = (a: Assist, lastHelp?: { assistId: string; amountCut: number | null }) =>
    assistProgressView({ campaign: undefined, assist: loaded(a), lastHelp, now }).kind;

  it('derives each state', () => {
    expect(assistProgressView({ campaign: undefined, assist: undefined, now }).kind).to.equal('loading');
    expect(
      assistProgressView({ campaign: { loading: false, error: { code: 'not_found' } }, assist: undefined, now }),
    ).to.deep.equal({
      kind: 'load-error',
      code: 'not_found',
    });
    expect(view(assist({ viewer: { isOwner: true, helped: false } }))).to.equal('active-owner');
    expect(view(assist())).to.equal('active-friend');
    expect(view(assist(), { assistId: 'ast_1', amountCut: 120 })).to.equal('helped');
    expect(view(assist({ viewer: { isOwner: false, helped: true } }))).to.equal('helped');
    expect(view(assist({ status: 'completed', purchaseBy: '2025-01-01T01:00:00Z' }))).to.equal('completed');
    expect(view(assist({ status: 'expired' }))).to.equal('expired');
    // Past its deadline before the server said so.
    expect(view(assist({ expiresAt: '2024-12-31T23:59:59Z' }))).to.equal('expired');
  });

  it('closes the claim window at purchaseBy', () => {
    const closed = assistProgressView({
      campaign: undefined,
      assist: loaded(
        assist({ status: 'completed', purchaseBy: '2024-12-31T23:00:00Z', viewer: { isOwner: true, helped: false } }),
      ),
      now,
    });
    expect(closed).to.include({ kind: 'completed', owner: true, claimOpen: false });
  });

  it('measures progress in the mode’s unit', () => {
    expect(assistProgress(assist())).to.deep.equal({ value: 2900, max: 9900, percent: 29.3, left: 7000 });
    expect(
      assistProgress(assist({ mode: 'progress', startPrice: null, floorPrice: null, currentPrice: null, helps: 2, goal: 3 })),
    ).to.deep.equal({ value: 2, max: 3, percent: 66.7, left: 1 });
  });
});
