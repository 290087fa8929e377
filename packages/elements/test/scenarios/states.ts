/**
 * Every state of every widget, and how to reach each one through the real API: the one list that
 * `pnpm screenshots` photographs and Storybook shows (one story per state).
 *
 * A state's `setup` stages data on a Flock server (see flock.ts) and returns what the host page
 * needs; its optional `act` is what happens on the settled page before the state shows (a tap, a
 * typed code, a redemption at the counter). Acts are plain data, so each driver performs them its
 * own way: Playwright in the screenshot script, DOM calls in a Storybook play function.
 *
 * Only types come from flock.ts, so this module also loads in the browser (the stories read the
 * labels and acts from it).
 */
import { newShareId } from '@flock/protocol/share-kit';
import type { en } from '../../src/i18n/en.js';
import { type FlockWidget, flockWidgets, type WidgetName } from '../../src/registry.js';
import type { Flock, Shopper } from './flock.js';

export type Locale = 'zh-CN' | 'zh-TW' | 'en';
export type Strings = typeof en;

/** Everyone on the page and what they buy, per locale; `me` is the shopper looking at the widget. */
export interface Cast extends Record<'me' | 'bob' | 'chen' | 'wang' | 'lin' | 'zhou', Shopper> {
  title: string;
  reward: string;
  rewardProgress: string;
  voucherTitle: string;
  /** Two more vouchers for the wallet (voucher-list): a single tasting and a card soon used up. */
  tastingTitle: string;
  coffeeTitle: string;
  store: string;
}

export const cast: Record<Locale, Cast> = {
  'zh-CN': {
    title: '明前西湖龙井 250g 礼盒装',
    reward: '砍到 ¥0 免费领一盒，包邮到家',
    rewardProgress: '3 位好友助力，免费领 50g 品鉴装',
    voucherTitle: '10 次肩颈按摩卡',
    tastingTitle: '明前龙井到店品鉴券',
    coffeeTitle: '手冲咖啡单杯券',
    store: '静安店',
    me: { id: 'xiaomei', name: '小美' },
    bob: { id: 'aqiang', name: '阿强' },
    chen: { id: 'chen', name: '陈阿姨' },
    wang: { id: 'laowang', name: '老王' },
    lin: { id: 'xiaolin', name: '小林' },
    zhou: { id: 'zhouzhou', name: '周周' },
  },
  'zh-TW': {
    title: '明前西湖龍井 250g 禮盒裝',
    reward: '砍到 $0 免費領一盒，宅配到府',
    rewardProgress: '3 位好友助力，免費領 50g 品鑑罐',
    voucherTitle: '10 次肩頸按摩卡',
    tastingTitle: '明前龍井到店品鑑券',
    coffeeTitle: '手沖咖啡單杯券',
    store: '信義店',
    me: { id: 'xiaomei-tw', name: '小美' },
    bob: { id: 'aqiang-tw', name: '阿強' },
    chen: { id: 'chen-tw', name: '陳阿姨' },
    wang: { id: 'laowang-tw', name: '老王' },
    lin: { id: 'xiaolin-tw', name: '小林' },
    zhou: { id: 'zhouzhou-tw', name: '周周' },
  },
  en: {
    title: 'Pre-Qingming West Lake Longjing, 250 g gift box',
    reward: 'Cut it to ¥0 and the box is yours, shipped free',
    rewardProgress: 'Three friends help, and a 50 g tasting tin is yours free',
    voucherTitle: '10-visit massage card',
    tastingTitle: 'Longjing tasting in store',
    coffeeTitle: 'One pour-over coffee',
    store: "Jing'an store",
    me: { id: 'alice', name: 'Alice' },
    bob: { id: 'bob', name: 'Bob' },
    chen: { id: 'chen', name: 'Chen' },
    wang: { id: 'wang', name: 'Wang' },
    lin: { id: 'lin', name: 'Lin' },
    zhou: { id: 'zhou', name: 'Zhou' },
  },
};

/** What a state's setup hands to the host page. */
export interface Setup {
  offer?: string;
  /** The host page's `team` attribute. */
  team?: string;
  campaign?: string;
  /** The host page's `assist` attribute. */
  assist?: string;
  /** The referral card's `program` attribute. */
  program?: string;
  /** The friend offer's `attribution` attribute: the click of the promoter's link the friend came through. */
  attribution?: string;
  /** No shopper token: a visitor who has not signed in. */
  guest?: boolean;
  /** The shopper looking, when not the cast's `me`: a wallet needs one whose vouchers no other state touched. */
  shopper?: Shopper;
  /** Parameters of the host page's URL (`flock_assist`: a friend opening a shared link). */
  query?: Record<string, string>;
  /** The browser's user agent, e.g. WeChat's in-app browser. */
  userAgent?: string;
  /** 'STALL': point the provider at a path of the host that never answers. */
  api?: 'STALL';
  /** A team or assist the state's act needs. */
  otherTeam?: string;
  /** The voucher QR's `voucher` attribute. */
  voucher?: string;
  /** The scanner's staff key. */
  staffKey?: string;
  /** A voucher code the act types into the scanner. */
  code?: string;
}

/** Makes the product of a state, with the locale's title. */
export interface Makers {
  /** A group-buy offer; `type` adds a group type's fields (issue 15) and a start ahead of the server's clock. */
  offerFor(type?: {
    extra?: Record<string, unknown> | ((imageUrl: string) => Record<string, unknown>);
    startsInMs?: number;
  }): Promise<string>;
  campaignFor(mode: 'price_cut' | 'progress', options?: { helpsPerHelperPerDay?: number; ttlSeconds?: number }): Promise<string>;
  programFor(options?: {
    fixed?: boolean;
    secondLevel?: boolean;
    friendReward?: Record<string, unknown>;
    /** Growth fields (issue 16): `tiers`, `newPromoterBoost`, `firstOrderReward`. */
    growth?: Record<string, unknown>;
  }): Promise<string>;
}

/**
 * What happens on the settled page, in this order: the browser is granted the clipboard, the QR's
 * current code is read, `server` runs (other people acting meanwhile), the browser goes offline, the
 * `tap` selector is tapped or `setup.code` (or any code) is typed into the scanner, and then the
 * driver waits for `waitFor`. Selectors are inside the widget's shadow root.
 */
export interface Act {
  clipboard?: boolean;
  /** Read the code the voucher QR shows (its `data-code`) and pass it to `server`. */
  readQrCode?: boolean;
  /** Runs on the server's side; a string it returns is the code `enterCode` types (else `setup.code`). */
  server?(flock: Flock, people: Cast, setup: Setup, qrCode: string | undefined): Promise<unknown>;
  offline?: boolean;
  tap?: string;
  /** Type a code into the scanner's manual entry and submit it. */
  enterCode?: boolean;
  waitFor: string;
}

export interface State {
  name: string;
  label: string;
  /** Also photographed on a desktop viewport. */
  desktop?: boolean;
  /** Moves the server's clock: run it after the others, or on a server of its own. */
  movesClock?: boolean;
  /** Puts the state in place through the API; returns what the host page needs. */
  setup(flock: Flock, people: Cast, make: Makers): Promise<Setup>;
  /** Text the widget shows once it has settled in this state (before any act). */
  expect(t: Strings, people: Cast): string;
  /** Extra settle condition: a selector in the shadow root. */
  selector?: string;
  act?: Act;
}

export type { WidgetName, WidgetTag } from '../../src/registry.js';

/**
 * A widget of src/registry.ts with its states. Its `name` is the file name prefix of the screenshots,
 * the SHOTS and STORIES prefix, and the Storybook staging key.
 */
export type Widget = FlockWidget & { states: State[] };

/** The part of a translation that does not depend on its {placeholders}. */
const fixedPart = (template: string) =>
  template
    .split(/\{\w+\}/)
    .map((s) => s.trim())
    .sort((a, b) => b.length - a.length)[0] ?? template;

const HOUR = 3600_000;

/** The attribute that names what a widget shows: the product it loads, or fails to. */
type ProductAttribute = 'offer' | 'campaign' | 'program' | 'voucher';

/** The skeleton while the first load is under way: the provider points at an API that never answers. */
function loadingState(attribute: ProductAttribute, create: (flock: Flock, people: Cast, make: Makers) => Promise<string>): State {
  return {
    name: 'loading',
    label: 'Loading',
    async setup(flock, people, make) {
      return { [attribute]: await create(flock, people, make), api: 'STALL' };
    },
    expect: (t) => t.loading,
    selector: '.skeleton',
  };
}

/** The card's load error: the host page names a product the server does not know. */
function loadErrorState(attribute: ProductAttribute, missingId: string, message: keyof Strings): State {
  return {
    name: 'load-error',
    label: `Load error (${attribute} not found)`,
    async setup() {
      return { [attribute]: missingId };
    },
    expect: (t) => t[message],
  };
}

/** Opens a team led by `leader` and pays its seat, then each of `members` joins and pays, in order. */
async function paidTeam(flock: Flock, offer: string, leader: Shopper, ...members: Shopper[]) {
  const team = await flock.openTeam(offer, leader);
  await flock.pay(team);
  for (const member of members) await flock.pay(await flock.join(team.teamId, member));
  return team;
}

/** Starts `owner`'s assist and has each of `helpers` help, in order. */
async function assistHelpedBy(flock: Flock, campaign: string, owner: Shopper, ...helpers: Shopper[]) {
  const assist = await flock.startAssist(campaign, owner);
  for (const helper of helpers) await flock.help(assist, helper);
  return assist;
}

/** A translation that names Bob (`{name}`): he leads the team or owns the assist the shopper opens. */
const namingBob =
  (key: keyof Strings): State['expect'] =>
  (t, p) =>
    t[key].replace('{name}', p.bob.name);

/** The shopper's own assist in `mode`, helped by the friends `helpers` picks. */
const myAssist =
  (mode: 'price_cut' | 'progress', helpers: (p: Cast) => Shopper[]): State['setup'] =>
  async (flock, p, { campaignFor }) => {
    const campaign = await campaignFor(mode);
    await assistHelpedBy(flock, campaign, p.me, ...helpers(p));
    return { campaign };
  };

/** Bob's assist in `mode`, helped by `helpers`, opened by the shopper from the link Bob shared. */
const bobsAssistLink =
  (mode: 'price_cut' | 'progress', helpers: (p: Cast) => Shopper[]): State['setup'] =>
  async (flock, p, { campaignFor }) => {
    const campaign = await campaignFor(mode);
    const assist = await assistHelpedBy(flock, campaign, p.bob, ...helpers(p));
    return { campaign, query: { flock_assist: assist } };
  };

/** The shopper's massage card. */
const massageCard = (flock: Flock, p: Cast, card: { uses: number; validUntil?: string }) =>
  flock.issueVoucher(p.me, { title: p.voucherTitle, ...card });

const groupBuyStates: State[] = [
  loadingState('offer', (_flock, _people, { offerFor }) => offerFor()),
  loadErrorState('offer', 'off_does_not_exist', 'error.not_found'),
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
      await paidTeam(flock, offer, p.chen);
      await paidTeam(flock, offer, p.bob, p.wang);
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
      const team = await paidTeam(flock, offer, p.bob, p.chen);
      return { offer, team: team.teamId };
    },
    expect: namingBob('invitedBy'),
  },
  {
    name: 'team-unavailable',
    label: 'Shared group already completed',
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await paidTeam(flock, offer, p.bob, p.chen, p.wang);
      return { offer, team: team.teamId };
    },
    expect: (t) => t.teamCompleted,
  },
  {
    name: 'team-unavailable-full',
    label: 'Shared group full (last seat held)',
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await paidTeam(flock, offer, p.bob, p.chen);
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
      const team = await paidTeam(flock, offer, p.bob);
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
      await paidTeam(flock, offer, p.me, p.bob);
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
      await paidTeam(flock, offer, p.me, p.bob, p.chen);
      return { offer };
    },
    expect: (t) => t.succeeded,
  },
  {
    name: 'action-error',
    label: 'Action error (group filled just before joining)',
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await paidTeam(flock, offer, p.chen);
      return { offer, otherTeam: team.teamId };
    },
    expect: (_t, p) => p.chen.name,
    selector: '.team-row button',
    act: {
      // Between the page's last poll and the tap, two other shoppers fill the group.
      async server(flock, p, setup) {
        const teamId = setup.otherTeam!;
        await flock.pay(await flock.join(teamId, p.bob));
        await flock.join(teamId, p.wang);
      },
      tap: '.team-row button',
      waitFor: '.message.error',
    },
  },
  ...groupTypeStates(),
  // These two move the server's clock, so they go last.
  {
    name: 'failed',
    movesClock: true,
    label: "Group didn't fill in time",
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await paidTeam(flock, offer, p.me, p.bob);
      await flock.advance(24 * HOUR + 60_000);
      return { offer, team: team.teamId };
    },
    expect: (t) => t.failed,
  },
  {
    name: 'hold-expired',
    movesClock: true,
    label: 'Seat released, payment timed out',
    async setup(flock, p, { offerFor }) {
      const offer = await offerFor();
      const team = await paidTeam(flock, offer, p.bob);
      await flock.join(team.teamId, p.me);
      await flock.advance(15 * 60_000 + 60_000);
      // The widget only picks live or paid seats by itself; the shopper comes back through the team link.
      return { offer, team: team.teamId };
    },
    expect: (t) => t.holdExpired,
  },
];

/** A ladder of three tiers (阶梯团): 2 people ¥29, 3 people ¥25, 4 people ¥19; everyone pays ¥29 up front. */
const LADDER = {
  teamSize: 4,
  regularPrice: 3990,
  groupPrice: 2900,
  tiers: [
    { members: 2, price: 2900 },
    { members: 3, price: 2500 },
    { members: 4, price: 1900 },
  ],
};

/** A cross-product set (拼单) of two teas, with the locale's titles. */
const productsFor = (p: Cast) => (imageUrl: string) => {
  const [longjing, biluochun] =
    p.me.id === 'alice'
      ? ['Longjing 250 g', 'Biluochun 250 g']
      : p.me.id.endsWith('-tw')
        ? ['西湖龍井 250g', '洞庭碧螺春 250g']
        : ['西湖龙井 250g', '洞庭碧螺春 250g'];
  return {
    products: [
      { productRef: 'longjing', title: longjing, regularPrice: 2990, groupPrice: 1990, imageUrl },
      { productRef: 'biluochun', title: biluochun, regularPrice: 3990, groupPrice: 2490, imageUrl },
    ],
  };
};

/**
 * A filled lottery team (一元购, 1 of 5 wins) in which the shopper won (or lost): teams are filled
 * until the draw goes that way, as the draw cannot be chosen. Returns the offer and that team.
 */
async function lotteryTeam(flock: Flock, p: Cast, offerFor: Makers['offerFor'], won: boolean) {
  const offer = await offerFor({ extra: { teamSize: 5, groupPrice: 100, lottery: { winners: 1 } } });
  for (let attempt = 0; attempt < 40; attempt++) {
    const team = await paidTeam(flock, offer, p.me, p.bob, p.chen, p.wang, p.lin);
    const draw = await flock.draw(team.teamId);
    if (draw.winners.includes(team.reservationId) === won) return { offer, team: team.teamId };
  }
  throw new Error(`no lottery team drawn the shopper ${won ? 'a win' : 'a loss'} in 40 attempts`);
}

/** The group types of issue 15: flash sale, ladder, lottery, cross-product, new-customer. */
function groupTypeStates(): State[] {
  return [
    {
      name: 'flash-upcoming',
      label: 'Flash sale: starts in 02:13:09, units left',
      desktop: true,
      async setup(_flock, _p, { offerFor }) {
        return { offer: await offerFor({ extra: { stock: 50 }, startsInMs: (2 * 3600 + 13 * 60 + 12) * 1000 }) };
      },
      expect: (t) => fixedPart(t.startsIn),
      selector: '.starts .countdown',
    },
    {
      name: 'flash-open',
      label: 'Flash sale: on, 12 units left (live)',
      async setup(flock, p, { offerFor }) {
        const offer = await offerFor({ extra: { stock: 15 } });
        await paidTeam(flock, offer, p.chen);
        await paidTeam(flock, offer, p.bob, p.wang);
        return { offer };
      },
      expect: (t) => t.unitsLeft.replace('{n}', '12'),
    },
    {
      name: 'flash-sold-out',
      label: 'Flash sale: sold out',
      async setup(flock, p, { offerFor }) {
        const offer = await offerFor({ extra: { stock: 3 } });
        await paidTeam(flock, offer, p.chen, p.bob, p.wang);
        return { offer };
      },
      expect: (t) => t.soldOut,
    },
    {
      name: 'ladder-offer',
      label: 'Ladder price: the tiers, paid up front',
      async setup(_flock, _p, { offerFor }) {
        return { offer: await offerFor({ extra: LADDER }) };
      },
      expect: (t) => fixedPart(t.ladderUpFront),
    },
    {
      name: 'ladder-waiting',
      label: 'Ladder price: first tier reached, 1 more unlocks the next',
      desktop: true,
      async setup(flock, p, { offerFor }) {
        const offer = await offerFor({ extra: LADDER });
        await paidTeam(flock, offer, p.me, p.bob);
        return { offer };
      },
      expect: (t) => fixedPart(t.ladderNext),
      selector: '.tier.reached',
    },
    {
      name: 'ladder-succeeded',
      label: 'Ladder price: complete at the last tier, the difference back',
      async setup(flock, p, { offerFor }) {
        const offer = await offerFor({ extra: LADDER });
        await paidTeam(flock, offer, p.me, p.bob, p.chen, p.wang);
        return { offer };
      },
      expect: (t) => fixedPart(t.ladderBack),
    },
    {
      name: 'lottery-offer',
      label: 'Lottery: 1 of 5 wins',
      async setup(flock, p, { offerFor }) {
        const offer = await offerFor({ extra: { teamSize: 5, groupPrice: 100, lottery: { winners: 1 } } });
        await paidTeam(flock, offer, p.bob, p.chen);
        return { offer };
      },
      expect: (t) => fixedPart(t.lotteryRule),
    },
    {
      name: 'lottery-won',
      label: 'Lottery: won',
      async setup(flock, p, { offerFor }) {
        return lotteryTeam(flock, p, offerFor, true);
      },
      expect: (t) => t.lotteryWon,
    },
    {
      name: 'lottery-lost',
      label: 'Lottery: not this time, refunded',
      async setup(flock, p, { offerFor }) {
        return lotteryTeam(flock, p, offerFor, false);
      },
      expect: (t) => fixedPart(t.lotteryLost),
    },
    {
      name: 'lottery-draw',
      label: 'Lottery: the draw checked in the browser',
      desktop: true,
      async setup(flock, p, { offerFor }) {
        return lotteryTeam(flock, p, offerFor, false);
      },
      expect: (t) => t.checkDraw,
      act: { tap: '.draw-toggle', waitFor: '.verdict' },
    },
    {
      name: 'products-picker',
      label: 'Cross-product: pick an item from the set',
      desktop: true,
      async setup(_flock, p, { offerFor }) {
        const offer = await offerFor({ extra: productsFor(p) });
        return { offer };
      },
      expect: (t) => t.pickProduct,
    },
    {
      name: 'products-team',
      label: 'Cross-product: what each friend chose',
      async setup(flock, p, { offerFor }) {
        const offer = await offerFor({ extra: productsFor(p) });
        const team = await flock.openTeam(offer, p.me, 'biluochun');
        await flock.pay(team);
        await flock.pay(await flock.join(team.teamId, p.bob, 'longjing'));
        return { offer };
      },
      expect: (t, p) => t.chose.replace('{name}', p.bob.name).split('{product}')[0]!.trim(),
    },
    {
      name: 'new-customer-invite',
      label: 'New-customer team: joiners must be first-time customers',
      async setup(flock, p, { offerFor }) {
        const offer = await offerFor({ extra: { joinersMustBeNew: true } });
        const team = await paidTeam(flock, offer, p.bob);
        return { offer, team: team.teamId };
      },
      expect: (t) => t.newCustomersOnly,
    },
    {
      name: 'new-customer-refused',
      label: 'New-customer team: a returning customer refused, start your own',
      async setup(flock, p, { offerFor }) {
        // The shopper bought before: a paid seat in another offer of the shop.
        await paidTeam(flock, await offerFor(), p.me);
        const offer = await offerFor({ extra: { joinersMustBeNew: true } });
        const team = await paidTeam(flock, offer, p.bob);
        return { offer, team: team.teamId };
      },
      expect: (t) => t.newCustomersOnly,
      act: { tap: '.join', waitFor: '.message.error' },
    },
  ];
}

/** WeChat's in-app browser on Android (XWeb): the assist widget shows a "tap ··· to share" hint there. */
const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

const assistStates: State[] = [
  loadingState('campaign', (_flock, _people, { campaignFor }) => campaignFor('price_cut')),
  loadErrorState('campaign', 'asc_does_not_exist', 'assist.error.not_found'),
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
    setup: myAssist('price_cut', (p) => [p.bob, p.chen]),
    expect: (t) => t['assist.invite.price_cut'],
    selector: '.helper + .helper',
  },
  {
    name: 'active-owner-wechat',
    label: 'Own price cut inside WeChat (share hint)',
    async setup(flock, p, { campaignFor }) {
      const campaign = await campaignFor('price_cut');
      await assistHelpedBy(flock, campaign, p.me, p.bob);
      return { campaign, userAgent: WECHAT_UA };
    },
    expect: (t) => fixedPart(t['assist.wechatHint']),
  },
  {
    name: 'shared',
    label: 'Own assist, link copied after tapping invite',
    setup: myAssist('progress', (p) => [p.bob]),
    expect: (t) => t['assist.invite.progress'],
    act: { clipboard: true, tap: '.button.primary', waitFor: '.message.notice' },
  },
  {
    name: 'active-friend',
    label: "A friend's price cut, opened from the shared link",
    desktop: true,
    setup: bobsAssistLink('price_cut', (p) => [p.chen, p.wang]),
    expect: namingBob('assist.invitedBy.price_cut'),
  },
  {
    name: 'active-friend-progress',
    label: "A friend's assist (progress mode)",
    setup: bobsAssistLink('progress', (p) => [p.chen]),
    expect: namingBob('assist.help.progress'),
  },
  {
    name: 'helped',
    label: 'Helped a friend: the cut and thanks',
    setup: bobsAssistLink('price_cut', (p) => [p.chen]),
    expect: namingBob('assist.invitedBy.price_cut'),
    act: { tap: '.button.help', waitFor: '.status.success' },
  },
  {
    name: 'completed',
    label: 'Goal reached: claim before the window closes',
    desktop: true,
    setup: myAssist('price_cut', (p) => [p.bob, p.chen, p.wang, p.lin, p.zhou]),
    expect: (t) => t['assist.claim'],
  },
  {
    name: 'completed-friend',
    label: "A friend's assist reached its goal",
    setup: bobsAssistLink('progress', (p) => [p.chen, p.wang, p.lin]),
    expect: namingBob('assist.completedFriend'),
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
      const assist = await assistHelpedBy(flock, campaign, p.bob, { ...p.chen, id: `${p.chen.id}-${Date.now()}` });
      return { campaign, query: { flock_assist: assist } };
    },
    expect: namingBob('assist.invitedBy.price_cut'),
    act: { tap: '.button.help', waitFor: '.message.error' },
  },
  // This one moves the server's clock, so it goes last.
  {
    name: 'expired',
    movesClock: true,
    label: 'Time ran out before the goal',
    async setup(flock, p, { campaignFor }) {
      const campaign = await campaignFor('price_cut', { ttlSeconds: 3600 });
      const assist = await assistHelpedBy(flock, campaign, p.me, p.bob, p.chen);
      await flock.advance(HOUR + 60_000);
      return { campaign, assist };
    },
    expect: (t) => t['assist.expired'],
  },
];

/** A referral program the shopper has just joined as a promoter. */
async function joinedProgram(flock: Flock, p: Cast, { programFor }: Makers) {
  const program = await programFor();
  await flock.becomePromoter(program, p.me);
  return program;
}

/**
 * A program with tiers, a new-promoter boost and a first-order reward, two materials; another promoter's
 * friend bought through a shared material (a suggestion), and the shopper shared one that a friend opened.
 */
async function growthProgram(flock: Flock, p: Cast, { programFor }: Makers) {
  const program = await programFor({
    growth: {
      tiers: [
        { name: 'Silver', minCommission30d: 500, bps: 1200 },
        { name: 'Gold', minCommission30d: 3000, bps: 1500 },
      ],
      newPromoterBoost: { bps: 2000, days: 14 },
      firstOrderReward: { amount: 500 },
    },
  });
  const tea = await flock.material(program, { title: p.title, text: `${p.title} {link}` });
  await flock.material(program, { title: p.voucherTitle, text: `${p.voucherTitle} {link}` });
  const seller = await flock.becomePromoter(program, p.bob);
  const sellerShare = newShareId();
  await flock.recordShare(p.bob, program, sellerShare, tea);
  await flock.order(await flock.click(seller.code, sellerShare));
  const me = await flock.becomePromoter(program, p.me);
  const myShare = newShareId();
  await flock.recordShare(p.me, program, myShare, tea);
  await flock.click(me.code, myShare);
  return program;
}

/** A promoter's card has settled once its growth kit (a lazily loaded chunk) shows. */
const GROWTH_SETTLED = '[part~="leaderboard-switch"]';

const referralStates: State[] = [
  loadingState('program', (_flock, _people, { programFor }) => programFor()),
  loadErrorState('program', 'prg_does_not_exist', 'referral.error.not_found'),
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
    async setup(flock, p, make) {
      return { program: await joinedProgram(flock, p, make) };
    },
    expect: (t) => t['referral.myLink'],
    // The growth kit's chunk has loaded (the card's last part to show).
    selector: GROWTH_SETTLED,
  },
  {
    name: 'copied',
    label: 'Link copied',
    async setup(flock, p, make) {
      return { program: await joinedProgram(flock, p, make) };
    },
    expect: (t) => t['referral.copy'],
    // The growth kit's chunk has loaded (the card's last part to show).
    selector: GROWTH_SETTLED,
    act: { clipboard: true, tap: '.button.copy', waitFor: '.button.copy.done' },
  },
  {
    name: 'promoter-wechat',
    label: 'Promoter inside WeChat (share hint)',
    async setup(flock, p, make) {
      return { program: await joinedProgram(flock, p, make), userAgent: WECHAT_UA };
    },
    expect: (t) => fixedPart(t['referral.wechatHint']),
    // The growth kit's chunk has loaded (the card's last part to show).
    selector: GROWTH_SETTLED,
  },
  {
    name: 'poster',
    label: 'Poster: the PNG with the QR code, Download and Share',
    desktop: true,
    async setup(flock, p, make) {
      return { program: await joinedProgram(flock, p, make) };
    },
    expect: (t) => t['referral.poster'],
    // The growth kit's chunk has loaded (the card's last part to show).
    selector: GROWTH_SETTLED,
    act: { tap: '.actions .button.primary', waitFor: 'img.poster' },
  },
  {
    name: 'promoter-growth',
    label: 'Promoter growth kit: tier, bonuses, share kit, suggestions, share history, leaderboard switch',
    desktop: true,
    async setup(flock, p, make) {
      return { program: await growthProgram(flock, p, make) };
    },
    expect: (t) => t.kitTitle,
    selector: '[part~="share-history"]',
  },
  {
    name: 'material-copied',
    label: 'Share kit: a material copied with the promoter’s link',
    async setup(flock, p, make) {
      return { program: await growthProgram(flock, p, make) };
    },
    expect: (t) => t.kitTitle,
    act: { clipboard: true, tap: '.material .button.copy', waitFor: '.material .button.copy.done' },
  },
  // This one moves the server's clock (past the 7-day hold), so it goes last.
  {
    name: 'stats',
    movesClock: true,
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
    // The growth kit's chunk has loaded (the card's last part to show).
    selector: GROWTH_SETTLED,
  },
];

const voucherQrStates: State[] = [
  loadingState('voucher', (flock, p) => massageCard(flock, p, { uses: 10 })),
  {
    name: 'active',
    label: 'Active: QR code, uses left, validity',
    desktop: true,
    async setup(flock, p) {
      return {
        voucher: await massageCard(flock, p, { uses: 10, validUntil: flock.inDays(60) }),
      };
    },
    expect: (t) => fixedPart(t['voucher.refreshes']),
    selector: '[part="qr"] svg',
  },
  {
    name: 'redeemed',
    label: 'Just redeemed at the counter (live)',
    async setup(flock, p) {
      const voucher = await massageCard(flock, p, { uses: 10, validUntil: flock.inDays(60) });
      return { voucher, staffKey: await flock.staffKey(p.store) };
    },
    expect: (t) => fixedPart(t['voucher.refreshes']),
    selector: '[part="qr"] svg',
    act: {
      readQrCode: true,
      // Staff at the counter scan the code the phone shows right now.
      async server(flock, _p, setup, qrCode) {
        await flock.redeem(setup.staffKey!, qrCode!);
      },
      waitFor: '.status-panel.success',
    },
  },
  {
    name: 'used-up',
    label: 'Used up',
    async setup(flock, p) {
      const voucher = await massageCard(flock, p, { uses: 1 });
      await flock.redeem(await flock.staffKey(p.store), await flock.voucherCode(voucher, p.me));
      return { voucher };
    },
    expect: (t) => t['voucher.usedUp'],
  },
  {
    name: 'voided',
    label: 'Refunded (voided), distinct from used up',
    async setup(flock, p) {
      const voucher = await massageCard(flock, p, { uses: 10 });
      await flock.voidVoucher(voucher);
      return { voucher };
    },
    expect: (t) => t['voucher.voided'],
  },
  loadErrorState('voucher', 'vch_missing0000000000', 'voucher.error.not_found'),
];

/** A shopper with a wallet of their own, so no other state's vouchers show in it. */
const walletOwner = (p: Cast): Shopper => ({
  id: `${p.me.id}-wallet-${Math.random().toString(36).slice(2, 10)}`,
  name: p.me.name,
});

/** A wallet: two usable vouchers (the one ending sooner first) and a used one. */
async function fullWallet(flock: Flock, p: Cast): Promise<Setup> {
  const shopper = walletOwner(p);
  await flock.issueVoucher(shopper, { title: p.voucherTitle, uses: 10, validUntil: flock.inDays(60) });
  await flock.issueVoucher(shopper, { title: p.tastingTitle, uses: 1, validUntil: flock.inDays(14) });
  const coffee = await flock.issueVoucher(shopper, { title: p.coffeeTitle, uses: 1 });
  await flock.redeem(await flock.staffKey(p.store), await flock.voucherCode(coffee, shopper));
  return { shopper };
}

const voucherListStates: State[] = [
  {
    name: 'loading',
    label: 'Loading',
    async setup(_flock, p) {
      return { shopper: walletOwner(p), api: 'STALL' };
    },
    expect: (t) => t.loading,
    selector: '.skeleton',
  },
  {
    name: 'list',
    label: 'Usable vouchers first (soonest to end on top), then used ones',
    desktop: true,
    setup: fullWallet,
    expect: (t) => t['vouchers.past'],
    selector: '.coupon.past',
  },
  {
    name: 'open',
    label: 'A voucher opened: its QR code for the counter',
    setup: fullWallet,
    expect: (t) => t['vouchers.usable'],
    act: { tap: '.coupon.usable .button', waitFor: '.qr-card' },
  },
  {
    name: 'empty',
    label: 'No vouchers yet',
    async setup(_flock, p) {
      return { shopper: walletOwner(p) };
    },
    expect: (t) => t['vouchers.empty'],
  },
  {
    name: 'signed-out',
    label: 'Not signed in',
    async setup() {
      return { guest: true };
    },
    expect: (t) => t['vouchers.error.shopper_token_required'],
  },
];

const scannerStates: State[] = [
  {
    name: 'ready',
    label: 'Ready (camera off, manual entry)',
    desktop: true,
    async setup(flock, p) {
      return { staffKey: await flock.staffKey(p.store) };
    },
    expect: (t) => t['scanner.enterCode'],
  },
  {
    name: 'success',
    label: 'Redeemed — uses left',
    async setup(flock, p) {
      const voucher = await massageCard(flock, p, { uses: 10 });
      return { voucher, staffKey: await flock.staffKey(p.store) };
    },
    expect: (t) => t['scanner.enterCode'],
    act: {
      // The code the shopper's phone shows at the moment staff type it in.
      server: (flock, p, setup) => flock.voucherCode(setup.voucher!, p.me),
      enterCode: true,
      waitFor: '.result.success',
    },
  },
  {
    name: 'refused',
    label: 'Refused (code already used)',
    async setup(flock, p) {
      const voucher = await massageCard(flock, p, { uses: 10 });
      const staffKey = await flock.staffKey(p.store);
      const code = await flock.voucherCode(voucher, p.me);
      await flock.redeem(staffKey, code);
      return { code, staffKey };
    },
    expect: (t) => t['scanner.enterCode'],
    act: { enterCode: true, waitFor: '.result.failure' },
  },
  {
    name: 'offline',
    label: 'Offline',
    async setup(flock, p) {
      return { staffKey: await flock.staffKey(p.store) };
    },
    expect: (t) => t['scanner.enterCode'],
    act: { offline: true, enterCode: true, waitFor: '.result.offline' },
  },
];

/** Promoters of a program and what their friends bought through their links, in order (issue 16). */
async function promotersWithOrders(flock: Flock, program: string, sales: Array<[Shopper, number[]]>) {
  const promoters = [];
  for (const [shopper, amounts] of sales) {
    const promoter = await flock.becomePromoter(program, shopper);
    for (const amount of amounts) await flock.order(await flock.click(promoter.code), { amount });
    promoters.push(promoter);
  }
  return promoters;
}

const leaderboardStates: State[] = [
  loadingState('program', (_flock, _people, { programFor }) => programFor()),
  loadErrorState('program', 'prg_does_not_exist', 'leaderboard.error.not_found'),
  {
    name: 'empty',
    label: 'Empty: nobody has earned commission this week',
    async setup(_flock, _people, { programFor }) {
      return { program: await programFor() };
    },
    expect: (t) => t['leaderboard.emptyWeek'],
  },
  // This one moves the server's clock (past the 7-day hold, so payouts can be made), so it goes last.
  {
    name: 'list',
    movesClock: true,
    label: 'Top promoters with medals, and the payout ticker',
    desktop: true,
    async setup(flock, p, { programFor }) {
      const program = await programFor();
      // Last week's sales, held 7 days and then paid out: the ticker's payouts.
      const [wang, lin] = await promotersWithOrders(flock, program, [
        [p.wang, [12800]],
        [p.lin, [5980]],
      ]);
      await flock.advance(7 * 24 * HOUR + 60_000);
      await flock.payout(wang!.promoterId, 1280);
      await flock.payout(lin!.promoterId, 598);
      // This week's: 10 % of each order, ranked.
      await promotersWithOrders(flock, program, [
        [p.chen, [29900, 12800]],
        [p.bob, [25900]],
        [p.me, [12800, 2990]],
        [p.zhou, [5980]],
        [p.wang, [2990]],
      ]);
      return { program };
    },
    expect: (t) => t['leaderboard.commission'],
    selector: '.ticker',
  },
];

/** ¥10 off orders of ¥99 or more, for friends of the program's promoters. */
const AMOUNT_OFF = { amountOff: 1000, minSpend: 9900, validDays: 30 };

/** A program with a friend reward, a promoter (Bob) and the click of his link that brought `me`. */
async function friendArrives(flock: Flock, p: Cast, { programFor }: Makers, reward: Record<string, unknown> = AMOUNT_OFF) {
  const program = await programFor({ friendReward: reward });
  const bob = await flock.becomePromoter(program, p.bob);
  return { program, attribution: await flock.click(bob.code) };
}

const friendOfferStates: State[] = [
  {
    name: 'loading',
    label: 'Loading',
    async setup(flock, p, make) {
      return { ...(await friendArrives(flock, p, make)), api: 'STALL' };
    },
    expect: (t) => t.loading,
    selector: '.skeleton',
  },
  {
    name: 'offer',
    label: 'A friend arrives through a link: the gift and Claim',
    desktop: true,
    async setup(flock, p, make) {
      return friendArrives(flock, p, make);
    },
    expect: (t) => t['friendOffer.claim'],
  },
  {
    name: 'guest',
    label: 'Not signed in: sign in to claim',
    async setup(flock, p, make) {
      return { ...(await friendArrives(flock, p, make)), guest: true };
    },
    expect: (t) => t['friendOffer.signIn'],
  },
  {
    name: 'claimed',
    label: 'Claimed: the coupon code to copy, its expiry',
    desktop: true,
    async setup(flock, p, make) {
      return friendArrives(flock, p, make);
    },
    expect: (t) => t['friendOffer.claim'],
    act: { tap: '.claim', waitFor: '.code-row' },
  },
  {
    name: 'copied',
    label: 'Code copied',
    async setup(flock, p, make) {
      const arrived = await friendArrives(flock, p, make);
      await flock.claimFriendReward(arrived.program, arrived.attribution, p.me);
      return arrived;
    },
    expect: (t) => t['friendOffer.applyHint'],
    act: { clipboard: true, tap: '.button.copy', waitFor: '.button.copy.done' },
  },
  {
    name: 'voucher',
    label: 'A voucher as the gift, claimed',
    async setup(flock, p, make) {
      const voucherProductId = await flock.voucherProduct({ title: p.tastingTitle, uses: 1 });
      const arrived = await friendArrives(flock, p, make, { voucherProductId });
      await flock.claimFriendReward(arrived.program, arrived.attribution, p.me);
      return arrived;
    },
    expect: (t) => t['friendOffer.voucherHint'],
  },
  {
    name: 'used',
    label: 'Used on an order',
    async setup(flock, p, make) {
      const arrived = await friendArrives(flock, p, make);
      const { code } = await flock.claimFriendReward(arrived.program, arrived.attribution, p.me);
      await flock.order(arrived.attribution, { amount: 12800, shopperId: p.me.id, friendCoupon: code });
      return arrived;
    },
    expect: (t) => t['friendOffer.usedNote'],
  },
  {
    name: 'voucher-used',
    label: 'A voucher gift, redeemed at the counter',
    async setup(flock, p, make) {
      const voucherProductId = await flock.voucherProduct({ title: p.tastingTitle, uses: 1 });
      const arrived = await friendArrives(flock, p, make, { voucherProductId });
      const { voucherId } = await flock.claimFriendReward(arrived.program, arrived.attribution, p.me);
      await flock.redeem(await flock.staffKey(p.store), await flock.voucherCode(voucherId!, p.me));
      return arrived;
    },
    expect: (t) => t['friendOffer.voucherUsedNote'],
  },
  {
    name: 'own-link',
    label: 'The promoter opened their own link',
    async setup(flock, p, { programFor }) {
      const program = await programFor({ friendReward: AMOUNT_OFF });
      const me = await flock.becomePromoter(program, p.me);
      return { program, attribution: await flock.click(me.code) };
    },
    expect: (t) => t['friendOffer.claim'],
    act: { tap: '.claim', waitFor: '.message.notice' },
  },
];

const statesOf: Record<WidgetName, State[]> = {
  'group-buy': groupBuyStates,
  'assist-progress': assistStates,
  'referral-card': referralStates,
  'voucher-qr': voucherQrStates,
  'voucher-scanner': scannerStates,
  'voucher-list': voucherListStates,
  'promoter-leaderboard': leaderboardStates,
  'friend-offer': friendOfferStates,
};

/** Every widget of the registry, in its order, with its states. */
export const widgets: Widget[] = flockWidgets.map((widget) => ({ ...widget, states: statesOf[widget.name] }));

export function findState(widget: string, state: string): { widget: Widget; state: State } | undefined {
  const found = widgets.find((w) => w.name === widget);
  const s = found?.states.find((s) => s.name === state);
  return found && s ? { widget: found, state: s } : undefined;
}

/** The makers of a state's product on `flock`, with the product image at `imageUrl`. */
export function makersFor(flock: Flock, people: Cast, imageUrl: string): Makers {
  return {
    offerFor: ({ extra, startsInMs } = {}) =>
      flock.createOffer({
        title: people.title,
        imageUrl,
        startsInMs,
        extra: typeof extra === 'function' ? extra(imageUrl) : extra,
      }),
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
        friendReward: options.friendReward,
        growth: options.growth,
      }),
  };
}

/** The code an act types: what its server step returned, else the staged one, else any (offline). */
export const codeToType = (fromServer: unknown, setup: Setup): string =>
  typeof fromServer === 'string' ? fromServer : (setup.code ?? 'any-code-while-offline');

/** The widget's attributes for a staged state (a friend's shared link becomes `assist`, as the widget documents). */
export function widgetAttributes(widget: Widget, setup: Setup, options: { linkAsAttribute: boolean }): Record<string, string> {
  const attributes: Record<string, string | undefined> = {
    'group-buy': { offer: setup.offer, team: setup.team },
    'assist-progress': {
      campaign: setup.campaign,
      assist: setup.assist ?? (options.linkAsAttribute ? setup.query?.flock_assist : undefined),
    },
    'referral-card': { program: setup.program },
    'voucher-qr': { voucher: setup.voucher },
    'voucher-scanner': { camera: 'off', quiet: '', 'staff-key': setup.staffKey },
    'voucher-list': {},
    'promoter-leaderboard': { program: setup.program },
    'friend-offer': { program: setup.program, attribution: setup.attribution },
  }[widget.name];
  return Object.fromEntries(Object.entries(attributes).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** What Storybook's staging server (.storybook/stories-server.ts) returns for a story to render (storybook.ts). */
export interface StagedState {
  session: string;
  locale: Locale;
  api: string;
  publishableKey: string;
  /** Empty for a visitor who has not signed in. */
  shopperToken: string;
  attributes: Record<string, string>;
  userAgent?: string;
  act?: {
    clipboard: boolean;
    readQrCode: boolean;
    /** The act has a server-side step: POST /__stories/act before tapping or typing. */
    server: boolean;
    offline: boolean;
    tap?: string;
    enterCode: boolean;
    /** The staged code `enterCode` types when the server step returns none. */
    code?: string;
    waitFor: string;
  };
}
