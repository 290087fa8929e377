import type { BecomePromoterResponse, Leaderboard, ReferralClick, ReferralProgram } from '@flock/sdk';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../define.js';
import { expectAccessible, focusBefore, holdApiRequests, sendKeys, startFixtureServer, tabTo } from '../../test/a11y.js';
import {
  advanceClock,
  expectLoadingSkeleton,
  fixtureApi,
  mountInProvider,
  shadowText,
  untilLiveStreamOpen,
  untilShows,
} from '../../test/fixture-client.js';
import type { FlockPromoterLeaderboard } from './promoter-leaderboard.js';
import { zhCN } from './promoter-leaderboard.zh-cn.js';
import { leaderboardView, medalOf, payoutAge } from './promoter-leaderboard-state.js';

// These tests drive a real Flock server started by the test runner (web-test-runner.config.js);
// /__flock/* plays the shop's backend and the promoters' friends.
const createProgram = () =>
  fixtureApi<ReferralProgram>('program', {
    name: 'Longjing promoters',
    commission: { type: 'percent', bps: 1000 },
    holdDays: 7,
    attributionWindowDays: 30,
    product: { title: 'Longjing green tea 250 g', price: 2990, currency: 'CNY', url: `${location.origin}/products/longjing` },
  });
let orders = 0;
/** `name` becomes a promoter and each amount is an order of a friend who came through their link. */
async function promoterSells(programId: string, name: string, amounts: number[]) {
  const joined = await fixtureApi<BecomePromoterResponse>('become-promoter', {
    programId,
    shopper: { shopperId: `lb-${name}-${programId}`, displayName: name },
  });
  for (const amount of amounts) {
    const click = await fixtureApi<ReferralClick>('click', { code: joined.promoter.code });
    await fixtureApi('order', {
      orderRef: `lb-${Date.now()}-${++orders}`,
      amount,
      currency: 'CNY',
      shopperId: `lb-friend-${orders}`,
      attributionId: click.attributionId,
    });
  }
  return joined.promoter;
}

const mount = (program: string, locale = 'en', period = 'week') =>
  mountInProvider<FlockPromoterLeaderboard>(
    html`<flock-promoter-leaderboard program=${program} period=${period}></flock-promoter-leaderboard>`,
    { locale },
  );
const rows = (el: FlockPromoterLeaderboard) =>
  [...(el.shadowRoot?.querySelectorAll('[part~="row"]') ?? [])].map((row) => ({
    medal: row.querySelector('[part~="medal"]')?.className.replace('medal', '').trim(),
    name: row.querySelector('.name')?.textContent?.trim(),
    amount: row.querySelector('.amount')?.textContent?.replace(/\s+/g, ' ').trim(),
  }));

describe('promoter leaderboard state', () => {
  const board = (over: Partial<Leaderboard> = {}): Leaderboard => ({
    period: 'week',
    from: '2026-11-23T00:00:00.000Z',
    to: '2026-11-30T00:00:00.000Z',
    currency: null,
    data: [],
    serverNow: '2026-11-25T00:00:00.000Z',
    ...over,
  });

  it('derives every view, never padding the rows', () => {
    expect(leaderboardView(undefined, 'week')).to.deep.equal({ kind: 'loading' });
    expect(leaderboardView({ error: { code: 'not_found' } }, 'week')).to.deep.equal({ kind: 'load-error', code: 'not_found' });
    expect(leaderboardView({ data: board() }, 'week')).to.deep.equal({ kind: 'empty', period: 'week' });
    // The other period's figures are not shown under this period's label.
    expect(leaderboardView({ data: board() }, 'month')).to.deep.equal({ kind: 'loading' });
    const data = [
      { rank: 1, displayName: '王**', commission: 900 },
      { rank: 1, displayName: 'A***', commission: 900 },
    ];
    expect(leaderboardView({ data: board({ data, currency: 'USD' }) }, 'week')).to.deep.equal({
      kind: 'list',
      period: 'week',
      rows: data,
      currency: 'USD',
    });
  });

  it('gives medals to ranks 1 to 3 and words a payout’s age in whole units', () => {
    expect([1, 2, 3, 4].map(medalOf)).to.deep.equal(['gold', 'silver', 'bronze', undefined]);
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(payoutAge('2026-11-25T11:59:30Z', now)).to.deep.equal({ unit: 'now' });
    expect(payoutAge('2026-11-25T11:55:00Z', now)).to.deep.equal({ unit: 'minute', value: 5 });
    expect(payoutAge('2026-11-25T09:00:00Z', now)).to.deep.equal({ unit: 'hour', value: 3 });
    expect(payoutAge('2026-11-23T12:00:00Z', now)).to.deep.equal({ unit: 'day', value: 2 });
    // A phone clock behind the server's never makes a payout from the future.
    expect(payoutAge('2026-11-25T12:00:10Z', now)).to.deep.equal({ unit: 'now' });
  });
});

describe('<flock-promoter-leaderboard>', () => {
  before(startFixtureServer);

  it('shows the loading skeleton until the leaderboard arrives', async () => {
    const program = await createProgram();
    const release = holdApiRequests();
    const el = await mount(program.id);
    await expectLoadingSkeleton(el, release);
    await untilShows(el, 'No commission yet this week');
  });

  it('ranks the program’s promoters by commission, masked, with medals for the top three, and no made-up rows', async () => {
    const program = await createProgram();
    await promoterSells(program.id, '王小明', [29900]);
    await promoterSells(program.id, 'Alice', [12800, 2990]);
    await promoterSells(program.id, 'bob', [5980]);
    await promoterSells(program.id, 'Zoe', [2990]);
    const el = await mount(program.id);
    await waitUntil(() => rows(el).length === 4, 'four rows', { timeout: 8000 });
    expect(rows(el)).to.deep.equal([
      { medal: 'gold', name: '王**', amount: 'Commission CN¥29.90' },
      { medal: 'silver', name: 'A***', amount: 'Commission CN¥15.79' },
      { medal: 'bronze', name: 'B***', amount: 'Commission CN¥5.98' },
      { medal: 'plain', name: 'Z***', amount: 'Commission CN¥2.99' },
    ]);
    expect(shadowText(el)).not.to.include('小明');
    await expectAccessible(el, 'list');
  });

  it('says nobody has earned yet, in the page’s language, and never invents a row', async () => {
    const program = await createProgram();
    const el = await mount(program.id, 'zh-CN');
    await untilShows(el, zhCN['leaderboard.emptyWeek']);
    expect(rows(el)).to.have.length(0);
    expect(el.shadowRoot?.querySelector('.ticker'), 'no ticker without payouts').to.equal(null);
    await expectAccessible(el, 'empty');
  });

  it('moves when the ledger moves: a new order elsewhere in the program shows without a reload', async () => {
    const program = await createProgram();
    await promoterSells(program.id, 'Bob', [5980]);
    const el = await mount(program.id);
    await waitUntil(() => rows(el).length === 1, 'one row', { timeout: 8000 });
    await untilLiveStreamOpen(el);
    await promoterSells(program.id, 'Carol', [29900]);
    await waitUntil(() => rows(el)[0]?.name === 'C***', `Carol on top: ${JSON.stringify(rows(el))}`, { timeout: 8000 });
    expect(rows(el).map((row) => row.name)).to.deep.equal(['C***', 'B***']);
  });

  it('switches between this week and this month with the arrow keys', async () => {
    const program = await createProgram();
    await promoterSells(program.id, 'Dora', [2990]);
    const el = await mount(program.id);
    await waitUntil(() => rows(el).length === 1, 'one row', { timeout: 8000 });
    const week = el.shadowRoot!.querySelector<HTMLInputElement>('input[value="week"]')!;
    const anchor = focusBefore(el);
    await tabTo(el, (focused) => focused === week);
    anchor.remove();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => el.period === 'month', 'month chosen');
    expect(el.getAttribute('period')).to.equal('month');
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[value="month"]')!.checked).to.equal(true);
    await waitUntil(() => rows(el).length === 1, 'the month’s row', { timeout: 8000 });
    expect(shadowText(el)).to.include('This month');
  });

  it('shows a translated load error and tells the page once', async () => {
    const el = await mountInProvider<FlockPromoterLeaderboard>(
      html`<flock-promoter-leaderboard program="prg_does_not_exist"></flock-promoter-leaderboard>`,
      { locale: 'zh-CN' },
    );
    const error = await oneEvent(el, 'flock-error');
    expect(error.detail.code).to.equal('not_found');
    await untilShows(el, zhCN['leaderboard.error.not_found']);
  });

  // Moves the server's clock a week on (past the hold, so a payout can be made): keep it last.
  it('shows the latest payouts in the ticker, masked, and keeps it still with reduced motion', async () => {
    const program = await createProgram();
    const promoter = await promoterSells(program.id, 'Li', [12800]);
    await advanceClock(8 * 24 * 3600);
    const el = await mount(program.id);
    await untilShows(el, 'No commission yet this week');
    await untilLiveStreamOpen(el);
    const promoterId = (promoter as { id: string }).id;
    await fixtureApi('payout', { promoterId, payout: { amount: 1280, reference: `lb-payout-${Date.now()}` } });
    await untilShows(el, 'L*** just cashed out CN¥12.80');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const line = el.shadowRoot!.querySelector('.ticker-line')!;
      expect(getComputedStyle(line).animationName).to.equal('none');
      await expectAccessible(el, 'ticker');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});
