import type { BecomePromoterResponse, FriendReward, ReferralClick, ReferralProgram } from '@flock/sdk';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.js';
import { expectAccessible, holdApiRequests, startFixtureServer } from '../../test/a11y.js';
import { findButton, fixtureApi, mountInProvider, shadowText, tokenFor, untilShows } from '../../test/fixture-client.js';
import type { FlockFriendRewardClaimedEvent } from './friend-offer.events.js';
import type { FlockFriendOffer } from './friend-offer.js';
import { zhCN } from './friend-offer.zh-cn.js';
import { zhTW } from './friend-offer.zh-tw.js';
import { friendOfferView } from './friend-offer-state.js';

// These tests drive a real Flock server started by the test runner (web-test-runner.config.js);
// /__flock/* plays the shop's backend and the promoter's phone.
const AMOUNT_OFF = { amountOff: 1000, minSpend: 9900, validDays: 30 };
const createProgram = (friendReward: Record<string, unknown> | undefined = AMOUNT_OFF) =>
  fixtureApi<ReferralProgram>('program', {
    name: 'Longjing promoters',
    commission: { type: 'percent', bps: 1000 },
    holdDays: 7,
    attributionWindowDays: 30,
    product: { title: 'Longjing green tea 250 g', price: 12800, currency: 'CNY', url: `${location.origin}/products/longjing` },
    ...(friendReward ? { friendReward } : {}),
  });
let seq = 0;
const unique = (name: string) => `${name}-${Date.now().toString(36)}-${++seq}`;
/** A promoter of `programId` named `name`, and a click of their link (what the friend's browser records). */
async function linkOf(programId: string, name: string, shopperId = unique(name)) {
  const joined = await fixtureApi<BecomePromoterResponse>('become-promoter', {
    programId,
    shopper: { shopperId, displayName: name },
  });
  const click = await fixtureApi<ReferralClick>('click', { code: joined.promoter.code });
  return { joined, click, shopperId };
}

const STORAGE_KEY = 'flock:attribution';
/** What the SDK keeps after a visit through a promoter's link (sdk/src/attribution.ts). */
const rememberVisit = (click: ReferralClick, code: string) =>
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...click, code }));

async function mount(program: string, options: { shopperId?: string; locale?: string; attribution?: string } = {}) {
  const token = options.shopperId ? await tokenFor(options.shopperId, options.shopperId) : '';
  return mountInProvider<FlockFriendOffer>(
    html`<flock-friend-offer program=${program} attribution=${options.attribution ?? ''}></flock-friend-offer>`,
    { token, locale: options.locale },
  );
}
const shown = (el: HTMLElement) => getComputedStyle(el).display !== 'none';

describe('friend offer state', () => {
  const program = (friendReward: ReferralProgram['friendReward']) =>
    ({
      data: {
        id: 'prg_1',
        name: 'p',
        commission: { type: 'percent', bps: 1000 },
        secondLevelBps: null,
        holdDays: 7,
        attributionWindowDays: 30,
        product: { title: 'Tea', imageUrl: null, price: 2990, currency: 'CNY', url: 'https://shop.example/tea' },
        status: 'active',
        tiers: null,
        firstOrderReward: null,
        newPromoterBoost: null,
        friendReward,
        serverNow: '2026-11-25T00:00:00.000Z',
      },
    }) satisfies { data: ReferralProgram };
  const rule = {
    kind: 'amount_off',
    voucherProductId: null,
    voucherTitle: null,
    amountOff: 1000,
    minSpend: 9900,
    validDays: 30,
  } as const;
  const reward = (over: Partial<FriendReward> = {}): FriendReward => ({
    id: 'frw_1',
    programId: 'prg_1',
    kind: 'amount_off',
    code: 'ABCD2345',
    promoterName: '王**',
    amountOff: 1000,
    minSpend: 9900,
    currency: 'CNY',
    voucherId: null,
    voucherTitle: null,
    expiresAt: '2026-12-25T00:00:00.000Z',
    usedAt: null,
    serverNow: '2026-11-25T00:00:00.000Z',
    ...over,
  });
  const input = (over: Partial<Parameters<typeof friendOfferView>[0]> = {}) => ({
    attribution: { attributionId: 'att_1' },
    referred: false,
    signedIn: true,
    program: program(rule),
    reward: { data: { reward: null } },
    claimError: undefined,
    now: (serverNow: string) => Date.parse(serverNow),
    ...over,
  });

  it('shows nothing without a link of this program or without a friend reward', () => {
    expect(friendOfferView(input({ attribution: null }))).to.deep.equal({ kind: 'hidden' });
    expect(friendOfferView(input({ attribution: undefined }))).to.deep.equal({ kind: 'hidden' });
    expect(friendOfferView(input({ attribution: undefined, referred: true }))).to.deep.equal({ kind: 'loading' });
    expect(friendOfferView(input({ program: program(null) }))).to.deep.equal({ kind: 'hidden' });
  });

  it('offers the gift, asks a visitor to sign in, and says when the link is the promoter’s own', () => {
    expect(friendOfferView(input())).to.deep.equal({ kind: 'offer', rule, currency: 'CNY', signedIn: true });
    expect(friendOfferView(input({ signedIn: false, reward: undefined }))).to.deep.equal({
      kind: 'offer',
      rule,
      currency: 'CNY',
      signedIn: false,
    });
    expect(friendOfferView(input({ reward: { error: { code: 'shopper_token_expired' } } }))).to.include({
      kind: 'offer',
      signedIn: false,
    });
    expect(friendOfferView(input({ claimError: 'own_referral_link' }))).to.include({ kind: 'own-link' });
    expect(friendOfferView(input({ reward: { error: { code: 'rate_limited' } } }))).to.deep.equal({
      kind: 'load-error',
      code: 'rate_limited',
    });
    expect(friendOfferView(input({ reward: undefined }))).to.deep.equal({ kind: 'loading' });
  });

  it('shows a claimed reward as usable, used or expired by the server’s clock', () => {
    expect(friendOfferView(input({ reward: { data: { reward: reward() } } }))).to.include({ kind: 'claimed', status: 'usable' });
    expect(friendOfferView(input({ reward: { data: { reward: reward({ usedAt: '2026-11-26T00:00:00.000Z' }) } } }))).to.include({
      status: 'used',
    });
    const expired = reward({ serverNow: '2026-12-25T00:00:00.000Z' });
    expect(friendOfferView(input({ reward: { data: { reward: expired } } }))).to.include({ status: 'expired' });
    // A voucher whose product has no end date never expires.
    const endless = reward({ kind: 'voucher', expiresAt: null, serverNow: '2036-12-25T00:00:00.000Z' });
    expect(friendOfferView(input({ reward: { data: { reward: endless } } }))).to.include({ status: 'usable' });
  });
});

describe('<flock-friend-offer>', () => {
  before(startFixtureServer);
  beforeEach(() => localStorage.removeItem(STORAGE_KEY));
  after(() => localStorage.removeItem(STORAGE_KEY));

  it('renders nothing and fires no error for a visitor who did not come through a link', async () => {
    const program = await createProgram();
    const errors: Event[] = [];
    const el = await mount(program.id, { shopperId: unique('visitor') });
    el.addEventListener('flock-error', (event) => errors.push(event));
    await waitUntil(() => !shown(el), 'hidden');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(shown(el)).to.equal(false);
    expect(errors).to.have.length(0);
  });

  it('renders nothing for a program without a friend reward, even through a link', async () => {
    const program = await createProgram(null as never);
    const { click, joined } = await linkOf(program.id, 'Bob');
    rememberVisit(click, joined.promoter.code);
    // Hidden from the start (while the link is looked up), it shows its skeleton while its reads of the
    // program and the reward are held: hidden again after that means they answered.
    const release = holdApiRequests();
    let el: FlockFriendOffer;
    try {
      el = await mount(program.id, { shopperId: unique('friend') });
      await waitUntil(() => el.shadowRoot?.querySelector('.skeleton'), 'the skeleton while its reads are held', {
        timeout: 5000,
      });
    } finally {
      release();
    }
    await waitUntil(() => el.hasAttribute('data-flock-empty'), 'hidden once its reads answered', { timeout: 8000 });
    expect(el.shadowRoot?.querySelector('[role="status"]')).to.not.equal(null);
    expect(shown(el)).to.equal(false);
    expect(el.shadowRoot?.querySelector('[part="base"]')).to.equal(null);
  });

  it('renders nothing for a link of another program', async () => {
    const program = await createProgram();
    const other = await createProgram();
    const { click, joined } = await linkOf(other.id, 'Bob');
    rememberVisit(click, joined.promoter.code);
    const el = await mount(program.id, { shopperId: unique('friend') });
    await waitUntil(() => !shown(el), 'hidden');
  });

  it('asks a visitor who is not signed in to sign in, without a Claim button', async () => {
    const program = await createProgram();
    const { click, joined } = await linkOf(program.id, 'Bob');
    rememberVisit(click, joined.promoter.code);
    const el = await mount(program.id, { locale: 'zh-TW' });
    await untilShows(el, zhTW['friendOffer.signIn']);
    expect(shadowText(el)).to.include(zhTW['friendOffer.title']);
    expect(el.shadowRoot?.querySelector('.claim')).to.equal(null);
  });

  it('claims the gift of the link the friend came through, fires the reward, copies and later shows it used', async () => {
    const program = await createProgram();
    const { click, joined } = await linkOf(program.id, '王小明');
    rememberVisit(click, joined.promoter.code);
    const friend = unique('friend');
    const el = await mount(program.id, { shopperId: friend, locale: 'zh-CN' });
    await untilShows(el, zhCN['friendOffer.claim']);
    expect(shadowText(el)).to.include('¥10');
    expect(shadowText(el)).to.include('满 ¥99 可用');
    await expectAccessible(el, 'offer');

    const claimed = oneEvent(el, 'flock-friend-reward-claimed');
    findButton(el, zhCN['friendOffer.claim']).click();
    const event = (await claimed) as unknown as FlockFriendRewardClaimedEvent;
    expect(event.detail).to.include({ kind: 'amount_off', amountOff: 1000, promoterName: '王**', usedAt: null });
    await untilShows(el, event.detail.code);
    expect(shadowText(el)).to.include('王** 送你的专属优惠');
    await expectAccessible(el, 'claimed');

    const copied: string[] = [];
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('.button.copy')!.click();
      await untilShows(el, zhCN['friendOffer.copied']);
      expect(copied).to.deep.equal([event.detail.code]);
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      if (clipboard) Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
    }

    // The shop's checkout sends the code with the order: the offer says it was used.
    await fixtureApi('order', {
      orderRef: unique('fo-order'),
      amount: 12800,
      currency: 'CNY',
      shopperId: friend,
      friendCoupon: event.detail.code,
    });
    await el.refresh();
    await untilShows(el, zhCN['friendOffer.usedNote']);
    expect(shadowText(el)).to.include(zhCN['friendOffer.used']);
  });

  it('tells a promoter who opened their own link that the gift is for their friends', async () => {
    const program = await createProgram();
    const { click, joined, shopperId } = await linkOf(program.id, 'Alice');
    rememberVisit(click, joined.promoter.code);
    const el = await mount(program.id, { shopperId });
    await untilShows(el, 'Claim');
    findButton(el, 'Claim').click();
    await untilShows(el, 'This is your own link');
    expect(el.shadowRoot?.querySelector('.claim')).to.equal(null);
    await expectAccessible(el, 'own link');
  });

  /** A friend claims a program's voucher gift of a product made with `product` (a title, one use, and more). */
  const claimVoucherGift = async (product: Record<string, unknown> = {}) => {
    const { id } = await fixtureApi<{ id: string }>('voucher-product', { title: 'Longjing tasting', uses: 1, ...product });
    const program = await createProgram({ voucherProductId: id });
    const { click } = await linkOf(program.id, 'Bob');
    const el = await mount(program.id, { shopperId: unique('friend'), attribution: click.attributionId });
    await untilShows(el, 'Longjing tasting');
    findButton(el, 'Claim').click();
    await untilShows(el, 'Saved to My vouchers');
    return el;
  };

  it('shows a voucher gift by its title and says where the voucher went', async () => {
    const el = await claimVoucherGift();
    // The voucher product has no end date: neither has the reward.
    expect(shadowText(el)).to.not.include('Valid until');
  });

  it('says until when a voucher gift is valid: the voucher product’s end', async () => {
    const el = await claimVoucherGift({ validUntil: '2099-06-30T12:00:00.000Z' });
    expect(shadowText(el)).to.include('Valid until 6/30/2099');
  });

  it('translates a claim the server refuses, and tells the page', async () => {
    const program = await createProgram();
    const el = await mount(program.id, { shopperId: unique('friend'), locale: 'zh-CN', attribution: 'att_unknown000000' });
    await untilShows(el, zhCN['friendOffer.claim']);
    const failed = oneEvent(el, 'flock-error');
    findButton(el, zhCN['friendOffer.claim']).click();
    const error = await failed;
    const message = zhCN[`friendOffer.error.${error.detail.code}` as keyof typeof zhCN];
    expect(message, `a zh-CN message for ${error.detail.code}`).to.be.a('string');
    await untilShows(el, message);
  });
});
