/**
 * `pnpm screenshots`: PNGs of every state of every widget (<flock-group-buy>, <flock-assist-progress>,
 * <flock-referral-card>, <flock-voucher-qr>, <flock-voucher-scanner>), for the README and reviews.
 *
 * Starts Flock in-process (PGlite in memory, an OffsetClock to move time) and a tiny static host on
 * 127.0.0.1, sets every state up through the real API, opens a minimal host page per shot in Debian's
 * Chromium (playwright-core, no browser download), waits until the widget shows the expected text
 * and clips the screenshot to the widget plus 16 px. Writes docs/images/<widget>-<state>-<locale>-
 * <scheme>-<device>.png (widget: group-buy, assist or referral) and prints a Markdown gallery to paste into the README.
 *
 *   Phone   (390×844 @2x):  every state × zh-CN, en × light, dark
 *   Desktop (1280×800 @2x): the states marked `desktop` × zh-CN, en × light
 *
 * Environment (optional): CHROMIUM=/usr/bin/chromium; SHOTS=waiting,assist-helped,… only these states
 * (a bare name matches that state in every widget, `assist-<state>` one widget's, `assist` all of its states).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { en } from '../packages/elements/src/i18n/en.js';
import { zhCN } from '../packages/elements/src/i18n/zh-cn.js';
import { type Flock, type Shopper, startFlock } from './screenshots/flock.js';
import { type HostPage, STALL_PATH, type StaticServer, startStaticServer } from './screenshots/static-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs', 'images');
const bundle = join(root, 'packages', 'elements', 'dist', 'flock.js');
const teaSvg = join(root, 'examples', 'shop', 'public', 'tea.svg');

type Locale = 'zh-CN' | 'en';
type Scheme = 'light' | 'dark';
type Device = 'phone' | 'desktop';

const locales: Locale[] = ['zh-CN', 'en'];
const schemes: Scheme[] = ['light', 'dark'];
const strings = { 'zh-CN': zhCN, en } as const;

/** Everyone on the page, per locale; `me` is the shopper looking at the widget. */
const cast = {
  'zh-CN': {
    title: '明前西湖龙井 250g 礼盒装',
    reward: '砍到 ¥0 免费领一盒，包邮到家',
    rewardProgress: '3 位好友助力，免费领 50g 品鉴装',
    me: { id: 'xiaomei', name: '小美' },
    bob: { id: 'aqiang', name: '阿强' },
    chen: { id: 'chen', name: '陈阿姨' },
    wang: { id: 'laowang', name: '老王' },
    lin: { id: 'xiaolin', name: '小林' },
    zhou: { id: 'zhouzhou', name: '周周' },
  },
  en: {
    title: 'Pre-Qingming West Lake Longjing, 250 g gift box',
    reward: 'Cut it to ¥0 and the box is yours, shipped free',
    rewardProgress: 'Three friends help, and a 50 g tasting tin is yours free',
    me: { id: 'alice', name: 'Alice' },
    bob: { id: 'bob', name: 'Bob' },
    chen: { id: 'chen', name: 'Chen' },
    wang: { id: 'wang', name: 'Wang' },
    lin: { id: 'lin', name: 'Lin' },
    zhou: { id: 'zhou', name: 'Zhou' },
  },
} satisfies Record<
  Locale,
  { title: string; reward: string; rewardProgress: string } & Record<'me' | 'bob' | 'chen' | 'wang' | 'lin' | 'zhou', Shopper>
>;

type Cast = (typeof cast)[Locale];
type Strings = typeof en;

interface Setup {
  offer?: string;
  /** The host page's `team` attribute. */
  team?: string;
  campaign?: string;
  /** The host page's `assist` attribute. */
  assist?: string;
  /** The referral card's `program` attribute. */
  program?: string;
  /** No shopper token: a visitor who has not signed in. */
  guest?: boolean;
  /** Parameters of the host page's URL (`flock_assist`: a friend opening a shared link). */
  query?: Record<string, string>;
  /** The browser's user agent, e.g. WeChat's in-app browser. */
  userAgent?: string;
  /** 'STALL': point the provider at a path of the static host that never answers. */
  api?: 'STALL';
  /** A team or assist the state's act() needs. */
  otherTeam?: string;
  /** The voucher QR's `voucher` attribute. */
  voucher?: string;
  /** The scanner's staff key. */
  staffKey?: string;
  /** A voucher code the scanner's act() types in. */
  code?: string;
}

/** Makes the product of a shot: a group-buy offer or an assist campaign, with the locale's title. */
interface Makers {
  offerFor(): Promise<string>;
  campaignFor(mode: 'price_cut' | 'progress', options?: { helpsPerHelperPerDay?: number; ttlSeconds?: number }): Promise<string>;
  programFor(options?: { fixed?: boolean; secondLevel?: boolean }): Promise<string>;
}

interface ShotState {
  name: string;
  label: string;
  desktop?: boolean;
  /** Puts the state in place through the API; returns what the host page needs. */
  setup(flock: Flock, people: Cast, make: Makers): Promise<Setup>;
  /** Text the widget shows once it has settled in this state. */
  expect(t: Strings, people: Cast): string;
  /** Optional: what to do on the settled page before the shot (e.g. tap a button). */
  act?(page: Page, flock: Flock, people: Cast, setup: Setup): Promise<void>;
  /** Extra settle condition: a selector in the shadow root. */
  selector?: string;
}

/** The part of a translation that does not depend on its {placeholders}. */
const fixedPart = (template: string) =>
  template
    .split(/\{\w+\}/)
    .map((s) => s.trim())
    .sort((a, b) => b.length - a.length)[0] ?? template;

const HOUR = 3600_000;

const groupBuyStates: ShotState[] = [
  {
    name: 'loading',
    label: 'Loading',
    async setup(_flock, _people, { offerFor }) {
      return { offer: await offerFor(), api: 'STALL' };
    },
    expect: (t) => t.loading,
    selector: '.skeleton',
  },
  {
    name: 'load-error',
    label: 'Load error (offer not found)',
    async setup() {
      return { offer: 'off_does_not_exist' };
    },
    expect: (t) => t['error.not_found'],
  },
  {
    name: 'offer',
    label: 'Offer, no group forming yet',
    desktop: true,
    async setup(_flock, _people, { offerFor }) {
      return { offer: await offerFor() };
    },
    expect: (t) => t.startGroup,
  },
  {
    name: 'offer-forming',
    label: 'Offer with groups forming',
    desktop: true,
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      await flock.pay(await flock.openTeam(offer, p.chen));
      const team = await flock.openTeam(offer, p.bob);
      await flock.pay(team);
      await flock.pay(await flock.join(team.teamId, p.wang));
      return { offer };
    },
    expect: (_t, p) => p.chen.name,
    selector: '.team-row + .team-row',
  },
  {
    name: 'invite',
    label: "Invited to someone's group",
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await flock.openTeam(offer, p.bob);
      await flock.pay(team);
      await flock.pay(await flock.join(team.teamId, p.chen));
      return { offer, team: team.teamId };
    },
    expect: (t, p) => t.invitedBy.replace('{name}', p.bob.name),
  },
  {
    name: 'team-unavailable',
    label: 'Shared group already completed',
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await flock.openTeam(offer, p.bob);
      await flock.pay(team);
      await flock.pay(await flock.join(team.teamId, p.chen));
      await flock.pay(await flock.join(team.teamId, p.wang));
      return { offer, team: team.teamId };
    },
    expect: (t) => t.teamCompleted,
  },
  {
    name: 'team-unavailable-full',
    label: 'Shared group full (last seat held)',
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await flock.openTeam(offer, p.bob);
      await flock.pay(team);
      await flock.pay(await flock.join(team.teamId, p.chen));
      await flock.join(team.teamId, p.wang); // held, not paid yet
      return { offer, team: team.teamId };
    },
    expect: (t) => t['error.team_full'],
  },
  {
    name: 'held',
    label: 'Seat held, pay before the countdown ends',
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await flock.openTeam(offer, p.bob);
      await flock.pay(team);
      await flock.join(team.teamId, p.me);
      return { offer };
    },
    expect: (t) => fixedPart(t.payBy),
    selector: '.countdown',
  },
  {
    name: 'waiting',
    label: 'Paid, waiting for the group to fill',
    desktop: true,
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await flock.openTeam(offer, p.me);
      await flock.pay(team);
      await flock.pay(await flock.join(team.teamId, p.bob));
      return { offer };
    },
    expect: (t) => t.leaderWaiting,
  },
  {
    name: 'succeeded',
    label: 'Group complete',
    desktop: true,
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await flock.openTeam(offer, p.me);
      await flock.pay(team);
      await flock.pay(await flock.join(team.teamId, p.bob));
      await flock.pay(await flock.join(team.teamId, p.chen));
      return { offer };
    },
    expect: (t) => t.succeeded,
  },
  {
    name: 'action-error',
    label: 'Action error (group filled just before joining)',
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await flock.openTeam(offer, p.chen);
      await flock.pay(team);
      return { offer, otherTeam: team.teamId };
    },
    expect: (_t, p) => p.chen.name,
    selector: '.team-row button',
    async act(page, flock, p, setup) {
      // Between the page's last poll and the tap, two other shoppers fill the group.
      const teamId = setup.otherTeam!;
      await flock.pay(await flock.join(teamId, p.bob));
      await flock.join(teamId, p.wang);
      await page.locator('flock-group-buy .team-row button').first().click({ timeout: 2000 });
      await page.waitForFunction(
        () => document.querySelector('flock-group-buy')?.shadowRoot?.querySelector('.message.error') !== null,
        undefined,
        { timeout: 15_000, polling: 100 },
      );
    },
  },
  // These two move the server's clock, so they go last.
  {
    name: 'failed',
    label: "Group didn't fill in time",
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await flock.openTeam(offer, p.me);
      await flock.pay(team);
      await flock.pay(await flock.join(team.teamId, p.bob));
      await flock.advance(24 * HOUR + 60_000);
      return { offer, team: team.teamId };
    },
    expect: (t) => t.failed,
  },
  {
    name: 'hold-expired',
    label: 'Seat released, payment timed out',
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await flock.openTeam(offer, p.bob);
      await flock.pay(team);
      await flock.join(team.teamId, p.me);
      await flock.advance(15 * 60_000 + 60_000);
      // The widget only picks live or paid seats by itself; the shopper comes back through the team link.
      return { offer, team: team.teamId };
    },
    expect: (t) => t.holdExpired,
  },
];

/** WeChat's in-app browser on Android (XWeb): the assist widget shows a "tap ··· to share" hint there. */
const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

/** Taps a button in the assist widget's shadow root and waits for `selector` to appear there. */
async function tapAndWait(page: Page, button: string, selector: string) {
  // force: the help button gently pulses, which Playwright would otherwise wait out as "not stable".
  await page.locator(`flock-assist-progress ${button}`).first().click({ timeout: 2000, force: true });
  await page.waitForFunction(
    (selector) => document.querySelector('flock-assist-progress')?.shadowRoot?.querySelector(selector) != null,
    selector,
    { timeout: 15_000, polling: 100 },
  );
}

const assistStates: ShotState[] = [
  {
    name: 'loading',
    label: 'Loading',
    async setup(_flock, _people, { campaignFor }) {
      return { campaign: await campaignFor('price_cut'), api: 'STALL' };
    },
    expect: (t) => t.loading,
    selector: '.skeleton',
  },
  {
    name: 'load-error',
    label: 'Load error (campaign not found)',
    async setup() {
      return { campaign: 'asc_does_not_exist' };
    },
    expect: (t) => t['assist.error.not_found'],
  },
  {
    name: 'start',
    label: 'Start a price cut',
    desktop: true,
    async setup(_flock, _people, { campaignFor }) {
      return { campaign: await campaignFor('price_cut') };
    },
    expect: (t) => t['assist.start.price_cut'],
  },
  {
    name: 'start-progress',
    label: 'Start (progress mode)',
    async setup(_flock, _people, { campaignFor }) {
      return { campaign: await campaignFor('progress') };
    },
    expect: (t) => t['assist.start.progress'],
  },
  {
    name: 'active-owner',
    label: 'Own price cut, friends helping',
    desktop: true,
    async setup(flock, p, { campaignFor }) {
      const campaign = await campaignFor('price_cut');
      const assist = await flock.startAssist(campaign, p.me);
      for (const friend of [p.bob, p.chen]) await flock.help(assist, friend);
      return { campaign };
    },
    expect: (t) => t['assist.invite.price_cut'],
    selector: '.helper + .helper',
  },
  {
    name: 'active-owner-wechat',
    label: 'Own price cut inside WeChat (share hint)',
    async setup(flock, p, { campaignFor }) {
      const campaign = await campaignFor('price_cut');
      await flock.help(await flock.startAssist(campaign, p.me), p.bob);
      return { campaign, userAgent: WECHAT_UA };
    },
    expect: (t) => fixedPart(t['assist.wechatHint']),
  },
  {
    name: 'shared',
    label: 'Own assist, link copied after tapping invite',
    async setup(flock, p, { campaignFor }) {
      const campaign = await campaignFor('progress');
      await flock.help(await flock.startAssist(campaign, p.me), p.bob);
      return { campaign };
    },
    expect: (t) => t['assist.invite.progress'],
    async act(page) {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await tapAndWait(page, '.button.primary', '.message.notice');
    },
  },
  {
    name: 'active-friend',
    label: "A friend's price cut, opened from the shared link",
    desktop: true,
    async setup(flock, p, { campaignFor }) {
      const campaign = await campaignFor('price_cut');
      const assist = await flock.startAssist(campaign, p.bob);
      for (const friend of [p.chen, p.wang]) await flock.help(assist, friend);
      return { campaign, query: { flock_assist: assist } };
    },
    expect: (t, p) => t['assist.invitedBy.price_cut'].replace('{name}', p.bob.name),
  },
  {
    name: 'active-friend-progress',
    label: "A friend's assist (progress mode)",
    async setup(flock, p, { campaignFor }) {
      const campaign = await campaignFor('progress');
      const assist = await flock.startAssist(campaign, p.bob);
      await flock.help(assist, p.chen);
      return { campaign, query: { flock_assist: assist } };
    },
    expect: (t, p) => t['assist.help.progress'].replace('{name}', p.bob.name),
  },
  {
    name: 'helped',
    label: 'Helped a friend: the cut and thanks',
    async setup(flock, p, { campaignFor }) {
      const campaign = await campaignFor('price_cut');
      const assist = await flock.startAssist(campaign, p.bob);
      await flock.help(assist, p.chen);
      return { campaign, query: { flock_assist: assist } };
    },
    expect: (t, p) => t['assist.invitedBy.price_cut'].replace('{name}', p.bob.name),
    act: (page) => tapAndWait(page, '.button.help', '.status.success'),
  },
  {
    name: 'completed',
    label: 'Goal reached: claim before the window closes',
    desktop: true,
    async setup(flock, p, { campaignFor }) {
      const campaign = await campaignFor('price_cut');
      const assist = await flock.startAssist(campaign, p.me);
      for (const friend of [p.bob, p.chen, p.wang, p.lin, p.zhou]) await flock.help(assist, friend);
      return { campaign };
    },
    expect: (t) => t['assist.claim'],
  },
  {
    name: 'completed-friend',
    label: "A friend's assist reached its goal",
    async setup(flock, p, { campaignFor }) {
      const campaign = await campaignFor('progress');
      const assist = await flock.startAssist(campaign, p.bob);
      for (const friend of [p.chen, p.wang, p.lin]) await flock.help(assist, friend);
      return { campaign, query: { flock_assist: assist } };
    },
    expect: (t, p) => t['assist.completedFriend'].replace('{name}', p.bob.name),
  },
  {
    name: 'action-error',
    label: "Action error (today's helps used up)",
    async setup(flock, p, { campaignFor }) {
      // The limit counts a helper's helps across all of the shop's assists today: the shopper may
      // be there already from earlier shots; Chen helps as a newcomer.
      const campaign = await campaignFor('price_cut', { helpsPerHelperPerDay: 1 });
      await flock.help(await flock.startAssist(campaign, p.wang), p.me).catch((error: Error) => {
        if (!error.message.includes('help_limit_reached')) throw error;
      });
      const assist = await flock.startAssist(campaign, p.bob);
      await flock.help(assist, { ...p.chen, id: `${p.chen.id}-${Date.now()}` });
      return { campaign, query: { flock_assist: assist } };
    },
    expect: (t, p) => t['assist.invitedBy.price_cut'].replace('{name}', p.bob.name),
    act: (page) => tapAndWait(page, '.button.help', '.message.error'),
  },
  // This one moves the server's clock, so it goes last.
  {
    name: 'expired',
    label: 'Time ran out before the goal',
    async setup(flock, p, { campaignFor }) {
      const campaign = await campaignFor('price_cut', { ttlSeconds: 3600 });
      const assist = await flock.startAssist(campaign, p.me);
      for (const friend of [p.bob, p.chen]) await flock.help(assist, friend);
      await flock.advance(HOUR + 60_000);
      return { campaign, assist };
    },
    expect: (t) => t['assist.expired'],
  },
];

/** Taps a control in the referral card's shadow root and waits for `selector` to appear there. */
async function tapReferral(page: Page, control: string, selector: string) {
  await page.locator(`flock-referral-card ${control}`).first().click({ timeout: 2000 });
  await page.waitForFunction(
    (selector) => document.querySelector('flock-referral-card')?.shadowRoot?.querySelector(selector) != null,
    selector,
    { timeout: 15_000, polling: 100 },
  );
}

const referralStates: ShotState[] = [
  {
    name: 'loading',
    label: 'Loading',
    async setup(_flock, _people, { programFor }) {
      return { program: await programFor(), api: 'STALL' };
    },
    expect: (t) => t.loading,
    selector: '.skeleton',
  },
  {
    name: 'load-error',
    label: 'Load error (program not found)',
    async setup() {
      return { program: 'prg_does_not_exist' };
    },
    expect: (t) => t['referral.error.not_found'],
  },
  {
    name: 'join',
    label: 'Join: the pitch and the commission rule',
    desktop: true,
    async setup(_flock, _people, { programFor }) {
      return { program: await programFor({ secondLevel: true }) };
    },
    expect: (t) => t['referral.become'],
  },
  {
    name: 'join-fixed',
    label: 'Join (fixed commission per order)',
    async setup(_flock, _people, { programFor }) {
      return { program: await programFor({ fixed: true }) };
    },
    expect: (t) => t['referral.become'],
  },
  {
    name: 'join-guest',
    label: 'Not signed in',
    async setup(_flock, _people, { programFor }) {
      return { program: await programFor(), guest: true };
    },
    expect: (t) => t['referral.signIn'],
  },
  {
    name: 'promoter',
    label: 'Promoter: link, share, poster (just joined)',
    desktop: true,
    async setup(flock, p, { programFor }) {
      const program = await programFor();
      await flock.becomePromoter(program, p.me);
      return { program };
    },
    expect: (t) => t['referral.myLink'],
  },
  {
    name: 'copied',
    label: 'Link copied',
    async setup(flock, p, { programFor }) {
      const program = await programFor();
      await flock.becomePromoter(program, p.me);
      return { program };
    },
    expect: (t) => t['referral.copy'],
    async act(page) {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await tapReferral(page, '.button.copy', '.button.copy.done');
    },
  },
  {
    name: 'promoter-wechat',
    label: 'Promoter inside WeChat (share hint)',
    async setup(flock, p, { programFor }) {
      const program = await programFor();
      await flock.becomePromoter(program, p.me);
      return { program, userAgent: WECHAT_UA };
    },
    expect: (t) => fixedPart(t['referral.wechatHint']),
  },
  {
    name: 'poster',
    label: 'Poster: the PNG with the QR code, Download and Share',
    desktop: true,
    async setup(flock, p, { programFor }) {
      const program = await programFor();
      await flock.becomePromoter(program, p.me);
      return { program };
    },
    expect: (t) => t['referral.poster'],
    act: (page) => tapReferral(page, '.actions .button.primary', 'img.poster'),
  },
  // This one moves the server's clock (past the 7-day hold), so it goes last.
  {
    name: 'stats',
    label: 'Earnings: pending, under review, available, paid',
    desktop: true,
    async setup(flock, p, { programFor }) {
      const program = await programFor();
      const promoter = await flock.becomePromoter(program, p.me);
      // Five friends open the link; three buy, two of them a week ago (past the hold).
      const clicks = [];
      for (let i = 0; i < 5; i++) clicks.push(await flock.click(promoter.code));
      await flock.order(clicks[0]!, { amount: 5980 });
      await flock.order(clicks[1]!);
      await flock.advance(7 * 24 * HOUR + 60_000);
      await flock.payout(promoter.promoterId, 299);
      await flock.order(clicks[2]!);
      // One bought from the promoter's own phone: held for the merchant's review.
      await flock.order(clicks[3]!, { ip: promoter.ip });
      return { program };
    },
    expect: (t) => t['referral.underReview'],
  },
];

const VOUCHER_TITLES = { 'zh-CN': '10 次肩颈按摩卡', en: '10-visit massage card' } as const;
const STORE = { 'zh-CN': '静安店', en: "Jing'an store" } as const;
const localeOf = (p: Cast): Locale => (p.me.id === cast['zh-CN'].me.id ? 'zh-CN' : 'en');
const inTwoMonths = () => new Date(Date.now() + 60 * 24 * HOUR).toISOString();

const voucherQrStates: ShotState[] = [
  {
    name: 'loading',
    label: 'Loading',
    async setup(flock, p) {
      return { voucher: await flock.issueVoucher(p.me, { title: VOUCHER_TITLES[localeOf(p)], uses: 10 }), api: 'STALL' };
    },
    expect: (t) => t.loading,
    selector: '.skeleton',
  },
  {
    name: 'active',
    label: 'Active: QR code, uses left, validity',
    desktop: true,
    async setup(flock, p) {
      return {
        voucher: await flock.issueVoucher(p.me, { title: VOUCHER_TITLES[localeOf(p)], uses: 10, validUntil: inTwoMonths() }),
      };
    },
    expect: (t) => fixedPart(t['voucher.refreshes']),
    selector: '[part="qr"] svg',
  },
  {
    name: 'redeemed',
    label: 'Just redeemed at the counter (live)',
    async setup(flock, p) {
      const voucher = await flock.issueVoucher(p.me, { title: VOUCHER_TITLES[localeOf(p)], uses: 10, validUntil: inTwoMonths() });
      return { voucher, staffKey: await flock.staffKey(STORE[localeOf(p)]) };
    },
    expect: (t) => fixedPart(t['voucher.refreshes']),
    selector: '[part="qr"] svg',
    async act(page, flock, _p, setup) {
      const code = await page.evaluate(
        () =>
          document.querySelector('flock-voucher-qr')?.shadowRoot?.querySelector('[part="qr"] svg')?.getAttribute('data-code') ??
          '',
      );
      await flock.redeem(setup.staffKey!, code);
      await page.waitForFunction(
        () => document.querySelector('flock-voucher-qr')?.shadowRoot?.querySelector('.status-panel.success') != null,
        undefined,
        { timeout: 15_000, polling: 100 },
      );
    },
  },
  {
    name: 'used-up',
    label: 'Used up',
    async setup(flock, p) {
      const voucher = await flock.issueVoucher(p.me, { title: VOUCHER_TITLES[localeOf(p)], uses: 1 });
      await flock.redeem(await flock.staffKey(STORE[localeOf(p)]), await flock.voucherCode(voucher, p.me));
      return { voucher };
    },
    expect: (t) => t['voucher.usedUp'],
  },
  {
    name: 'voided',
    label: 'Refunded (voided), distinct from used up',
    async setup(flock, p) {
      const voucher = await flock.issueVoucher(p.me, { title: VOUCHER_TITLES[localeOf(p)], uses: 10 });
      await flock.voidVoucher(voucher);
      return { voucher };
    },
    expect: (t) => t['voucher.voided'],
  },
  {
    name: 'load-error',
    label: 'Load error (voucher not found)',
    async setup() {
      return { voucher: 'vch_missing0000000000' };
    },
    expect: (t) => t['voucher.error.not_found'],
  },
];

async function typeCode(page: Page, code: string, selector: string) {
  const input = page.locator('flock-voucher-scanner input[name="code"]');
  await input.fill(code);
  await input.press('Enter');
  await page.waitForFunction(
    (selector) => document.querySelector('flock-voucher-scanner')?.shadowRoot?.querySelector(selector) != null,
    selector,
    { timeout: 15_000, polling: 100 },
  );
}

const scannerStates: ShotState[] = [
  {
    name: 'ready',
    label: 'Ready (camera off, manual entry)',
    desktop: true,
    async setup(flock, p) {
      return { staffKey: await flock.staffKey(STORE[localeOf(p)]) };
    },
    expect: (t) => t['scanner.enterCode'],
  },
  {
    name: 'success',
    label: 'Redeemed — uses left',
    async setup(flock, p) {
      const voucher = await flock.issueVoucher(p.me, { title: VOUCHER_TITLES[localeOf(p)], uses: 10 });
      return { voucher, staffKey: await flock.staffKey(STORE[localeOf(p)]) };
    },
    expect: (t) => t['scanner.enterCode'],
    act: async (page, flock, p, setup) => typeCode(page, await flock.voucherCode(setup.voucher!, p.me), '.result.success'),
  },
  {
    name: 'refused',
    label: 'Refused (code already used)',
    async setup(flock, p) {
      const voucher = await flock.issueVoucher(p.me, { title: VOUCHER_TITLES[localeOf(p)], uses: 10 });
      const staffKey = await flock.staffKey(STORE[localeOf(p)]);
      const code = await flock.voucherCode(voucher, p.me);
      await flock.redeem(staffKey, code);
      return { code, staffKey };
    },
    expect: (t) => t['scanner.enterCode'],
    act: (page, _flock, _p, setup) => typeCode(page, setup.code!, '.result.failure'),
  },
  {
    name: 'offline',
    label: 'Offline',
    async setup(flock, p) {
      return { staffKey: await flock.staffKey(STORE[localeOf(p)]) };
    },
    expect: (t) => t['scanner.enterCode'],
    async act(page) {
      await page.context().setOffline(true);
      try {
        await typeCode(page, 'any-code-while-offline', '.result.offline');
      } finally {
        await page.context().setOffline(false);
      }
    },
  },
];

interface Widget {
  /** File name prefix and SHOTS prefix. */
  prefix: 'group-buy' | 'assist' | 'referral' | 'voucher-qr' | 'voucher-scanner';
  tag: 'flock-group-buy' | 'flock-assist-progress' | 'flock-referral-card' | 'flock-voucher-qr' | 'flock-voucher-scanner';
  states: ShotState[];
}

const widgets: Widget[] = [
  { prefix: 'group-buy', tag: 'flock-group-buy', states: groupBuyStates },
  { prefix: 'assist', tag: 'flock-assist-progress', states: assistStates },
  { prefix: 'referral', tag: 'flock-referral-card', states: referralStates },
  { prefix: 'voucher-qr', tag: 'flock-voucher-qr', states: voucherQrStates },
  { prefix: 'voucher-scanner', tag: 'flock-voucher-scanner', states: scannerStates },
];

const hostWidget = {
  'flock-group-buy': 'group-buy',
  'flock-assist-progress': 'assist-progress',
  'flock-referral-card': 'referral-card',
  'flock-voucher-qr': 'voucher-qr',
  'flock-voucher-scanner': 'voucher-scanner',
} as const;

// ---------------------------------------------------------------------------------------------

interface Shot {
  widget: Widget;
  state: ShotState;
  locale: Locale;
  scheme: Scheme;
  device: Device;
  file: string;
}

const only = process.env.SHOTS?.split(',').filter(Boolean);
const wanted = (widget: Widget, state: ShotState) =>
  !only || only.includes(state.name) || only.includes(`${widget.prefix}-${state.name}`) || only.includes(widget.prefix);
const shots: Shot[] = [];
for (const widget of widgets) {
  for (const state of widget.states) {
    if (!wanted(widget, state)) continue;
    for (const locale of locales) {
      for (const scheme of schemes) shots.push(shot(widget, state, locale, scheme, 'phone'));
      if (state.desktop) shots.push(shot(widget, state, locale, 'light', 'desktop'));
    }
  }
}

function shot(widget: Widget, state: ShotState, locale: Locale, scheme: Scheme, device: Device): Shot {
  return { widget, state, locale, scheme, device, file: `${widget.prefix}-${state.name}-${locale}-${scheme}-${device}.png` };
}

const contextOptions = (locale: Locale, scheme: Scheme, device: Device, userAgent?: string) => ({
  locale,
  ...(userAgent ? { userAgent } : {}),
  colorScheme: scheme,
  timezoneId: 'Asia/Shanghai',
  ...(device === 'phone'
    ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
    : { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 }),
});

async function capture(browser: Browser, contexts: Map<string, BrowserContext>, host: StaticServer, flock: Flock, s: Shot) {
  const people = cast[s.locale];
  const t = strings[s.locale];
  const imageUrl = `${host.origin}/tea.svg`;
  const setup = await s.state.setup(flock, people, {
    offerFor: () => flock.createOffer({ title: people.title, imageUrl }),
    campaignFor: (mode, options = {}) =>
      flock.createCampaign({
        title: people.title,
        imageUrl,
        mode,
        reward: mode === 'price_cut' ? people.reward : people.rewardProgress,
        ...options,
      }),
    programFor: (options = {}) =>
      flock.createProgram({
        title: people.title,
        imageUrl,
        commission: options.fixed ? { type: 'fixed', amount: 500, currency: 'CNY' } : { type: 'percent', bps: 1000 },
        secondLevelBps: options.secondLevel ? 200 : undefined,
      }),
  });
  const key = `${s.locale}|${s.scheme}|${s.device}|${setup.userAgent ?? ''}`;
  let context = contexts.get(key);
  if (!context) {
    context = await browser.newContext(contextOptions(s.locale, s.scheme, s.device, setup.userAgent));
    contexts.set(key, context);
  }
  const config: HostPage = {
    widget: hostWidget[s.widget.tag],
    lang: s.locale,
    api: setup.api === 'STALL' ? `${host.origin}${STALL_PATH}` : flock.api,
    publishableKey: flock.publishableKey,
    shopperToken: setup.guest ? '' : await flock.tokenFor(people.me),
    offer: setup.offer,
    team: setup.team,
    campaign: setup.campaign,
    assist: setup.assist,
    program: setup.program,
    voucher: setup.voucher,
    staffKey: setup.staffKey,
    scheme: s.scheme,
    device: s.device,
  };
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !['load-error', 'action-error', 'refused', 'offline'].includes(s.state.name))
      problems.push(`console: ${message.text()}`);
  });
  try {
    const query = setup.query ? `?${new URLSearchParams(setup.query)}` : '';
    await page.goto(`${host.page(config)}${query}`);
    const expected = s.state.expect(t, people);
    await settle(page, s.widget.tag, expected, s.state.selector);
    if (s.state.act) {
      await s.state.act(page, flock, people, setup);
      await settle(page, s.widget.tag, undefined, undefined);
    }
    // Let a final render and image decode land.
    await page.waitForTimeout(150);
    // The box is relative to the viewport, the clip to the page: measure from the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await page.locator(s.widget.tag).boundingBox();
    if (!box) throw new Error('the widget has no box');
    const pad = 16;
    const x = Math.max(0, Math.floor(box.x - pad));
    const y = Math.max(0, Math.floor(box.y - pad));
    await page.screenshot({
      path: join(outDir, s.file),
      clip: { x, y, width: Math.ceil(box.x + box.width + pad) - x, height: Math.ceil(box.y + box.height + pad) - y },
      fullPage: true,
      animations: 'disabled',
      caret: 'hide',
    });
    for (const problem of problems) console.error(`  ${s.file}: ${problem}`);
  } finally {
    await page.close();
  }
}

/** Waits until the widget's shadow root shows `text` (and `selector`), with every image decoded. */
async function settle(page: Page, tag: string, text: string | undefined, selector: string | undefined) {
  try {
    await page.waitForFunction(
      ({ tag, text, selector }) => {
        const root = document.querySelector(tag)?.shadowRoot;
        if (!root) return false;
        if (selector && !root.querySelector(selector)) return false;
        if (text && !(root.textContent ?? '').includes(text)) return false;
        return [...root.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0);
      },
      { tag, text, selector },
      { timeout: 15_000, polling: 100 },
    );
  } catch (error) {
    const shown = await page.evaluate((tag) => document.querySelector(tag)?.shadowRoot?.textContent ?? '(no shadow root)', tag);
    throw new Error(
      `widget did not show ${JSON.stringify(text)} ${selector ?? ''}; it shows: ${shown.replace(/\s+/g, ' ').trim()}`,
      {
        cause: error,
      },
    );
  }
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** A Markdown gallery per widget, of the shots this run wrote. */
function gallery(files: Set<string>): string {
  const rel = (file: string) => relative(root, join(outDir, file)).split('\\').join('/');
  const cell = (file: string, alt: string, width = 260) =>
    files.has(file) ? `<img src="${rel(file)}" width="${width}" alt="${alt}">` : '—';
  const lines: string[] = [];
  for (const widget of widgets) {
    const file = (state: ShotState, locale: Locale, scheme: Scheme, device: Device) =>
      `${widget.prefix}-${state.name}-${locale}-${scheme}-${device}.png`;
    const states = widget.states.filter((state) => locales.some((locale) => files.has(file(state, locale, 'light', 'phone'))));
    if (states.length === 0) continue;
    lines.push(`## \`<${widget.tag}>\``, '');
    lines.push('| State | zh-CN · light | en · light | zh-CN · dark |', '| --- | --- | --- | --- |');
    for (const state of states) {
      const f = (locale: Locale, scheme: Scheme) => file(state, locale, scheme, 'phone');
      lines.push(
        `| ${state.label} | ${cell(f('zh-CN', 'light'), `${state.label}, zh-CN, light`)} | ${cell(f('en', 'light'), `${state.label}, en, light`)} | ${cell(f('zh-CN', 'dark'), `${state.label}, zh-CN, dark`)} |`,
      );
    }
    const desktop = states.filter((state) => files.has(file(state, 'zh-CN', 'light', 'desktop')));
    if (desktop.length > 0) {
      lines.push('', 'Desktop (1280 × 800, the card keeps its 560 px maximum width):', '');
      lines.push('| State | zh-CN | en |', '| --- | --- | --- |');
      for (const state of desktop) {
        const f = (locale: Locale) => file(state, locale, 'light', 'desktop');
        lines.push(
          `| ${state.label} | ${cell(f('zh-CN'), `${state.label}, zh-CN, desktop`, 400)} | ${cell(f('en'), `${state.label}, en, desktop`, 400)} |`,
        );
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  if (!only) {
    // A full run replaces every widget's shots, so renamed or dropped states leave nothing stale.
    const prefixes = new RegExp(`^(${widgets.map((w) => w.prefix).join('|')})-.*\\.png$`);
    for (const file of readdirSync(outDir)) if (prefixes.test(file)) rmSync(join(outDir, file));
  }
  const host = await startStaticServer({ bundle, teaSvg });
  const flock = await startFlock({ origin: host.origin });
  let browser: Browser | undefined;
  const written = new Set<string>();
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const contexts = new Map<string, BrowserContext>();
    for (const s of shots) {
      await capture(browser, contexts, host, flock, s);
      written.add(s.file);
      console.error(`wrote docs/images/${s.file}`);
    }
  } finally {
    await browser?.close();
    await host.close();
    await flock.close();
  }
  console.error(`\n${written.size} screenshots in ${relative(root, outDir)}/. Gallery for the README:\n`);
  console.log(gallery(written));
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
