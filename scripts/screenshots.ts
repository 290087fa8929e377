/**
 * `pnpm screenshots`: PNGs of every <flock-group-buy> state, for the README and reviews.
 *
 * Starts Flock in-process (PGlite in memory, an OffsetClock to move time) and a tiny static host on
 * 127.0.0.1, sets every state up through the real API, opens a minimal host page per shot in Debian's
 * Chromium (playwright-core, no browser download), waits until the widget shows the expected text
 * and clips the screenshot to the widget plus 16 px. Writes docs/images/group-buy-<state>-<locale>-
 * <scheme>-<device>.png and prints a Markdown gallery to paste into the README.
 *
 *   Phone   (390×844 @2x):  every state × zh-CN, en × light, dark
 *   Desktop (1280×800 @2x): offer, offer-forming, waiting, succeeded × zh-CN, en × light
 *
 * Environment (optional): CHROMIUM=/usr/bin/chromium, SHOTS=waiting,held (only these states).
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
    me: { id: 'xiaomei', name: '小美' },
    bob: { id: 'aqiang', name: '阿强' },
    chen: { id: 'chen', name: '陈阿姨' },
    wang: { id: 'laowang', name: '老王' },
  },
  en: {
    title: 'Pre-Qingming West Lake Longjing, 250 g gift box',
    me: { id: 'alice', name: 'Alice' },
    bob: { id: 'bob', name: 'Bob' },
    chen: { id: 'chen', name: 'Chen' },
    wang: { id: 'wang', name: 'Wang' },
  },
} satisfies Record<Locale, { title: string } & Record<'me' | 'bob' | 'chen' | 'wang', Shopper>>;

type Cast = (typeof cast)[Locale];
type Strings = typeof en;

interface Setup {
  offer: string;
  /** The host page's `team` attribute. */
  team?: string;
  /** 'STALL': point the provider at a path of the static host that never answers. */
  api?: 'STALL';
  /** A team the state's act() needs. */
  otherTeam?: string;
}

interface ShotState {
  name: string;
  label: string;
  desktop?: boolean;
  /** Puts the state in place through the API; returns what the host page needs. */
  setup(flock: Flock, people: Cast, offerFor: () => Promise<string>): Promise<Setup>;
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

const states: ShotState[] = [
  {
    name: 'loading',
    label: 'Loading',
    async setup(_flock, _people, offerFor) {
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
    async setup(_flock, _people, offerFor) {
      return { offer: await offerFor() };
    },
    expect: (t) => t.startGroup,
  },
  {
    name: 'offer-forming',
    label: 'Offer with groups forming',
    desktop: true,
    async setup(flock, p, offerFor) {
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
    async setup(flock, p, offerFor) {
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
    async setup(flock, p, offerFor) {
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
    async setup(flock, p, offerFor) {
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
    async setup(flock, p, offerFor) {
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
    async setup(flock, p, offerFor) {
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
    async setup(flock, p, offerFor) {
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
    async setup(flock, p, offerFor) {
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
    async setup(flock, p, offerFor) {
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
    async setup(flock, p, offerFor) {
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

// ---------------------------------------------------------------------------------------------

interface Shot {
  state: ShotState;
  locale: Locale;
  scheme: Scheme;
  device: Device;
  file: string;
}

const only = process.env.SHOTS?.split(',').filter(Boolean);
const shots: Shot[] = [];
for (const state of states) {
  if (only && !only.includes(state.name)) continue;
  for (const locale of locales) {
    for (const scheme of schemes) shots.push(shot(state, locale, scheme, 'phone'));
    if (state.desktop) shots.push(shot(state, locale, 'light', 'desktop'));
  }
}

function shot(state: ShotState, locale: Locale, scheme: Scheme, device: Device): Shot {
  return { state, locale, scheme, device, file: `group-buy-${state.name}-${locale}-${scheme}-${device}.png` };
}

const contextOptions = (locale: Locale, scheme: Scheme, device: Device) => ({
  locale,
  colorScheme: scheme,
  timezoneId: 'Asia/Shanghai',
  ...(device === 'phone'
    ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
    : { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 }),
});

async function capture(browser: Browser, contexts: Map<string, BrowserContext>, host: StaticServer, flock: Flock, s: Shot) {
  const key = `${s.locale}|${s.scheme}|${s.device}`;
  let context = contexts.get(key);
  if (!context) {
    context = await browser.newContext(contextOptions(s.locale, s.scheme, s.device));
    contexts.set(key, context);
  }
  const people = cast[s.locale];
  const t = strings[s.locale];
  const offerFor = () => flock.createOffer({ title: people.title, imageUrl: `${host.origin}/tea.svg` });
  const setup = await s.state.setup(flock, people, offerFor);
  const config: HostPage = {
    lang: s.locale,
    api: setup.api === 'STALL' ? `${host.origin}${STALL_PATH}` : flock.api,
    publishableKey: flock.publishableKey,
    shopperToken: await flock.tokenFor(people.me),
    offer: setup.offer,
    team: setup.team,
    scheme: s.scheme,
    device: s.device,
  };
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && s.state.name !== 'load-error' && s.state.name !== 'action-error')
      problems.push(`console: ${message.text()}`);
  });
  try {
    await page.goto(host.page(config));
    const expected = s.state.expect(t, people);
    await settle(page, expected, s.state.selector);
    if (s.state.act) {
      await s.state.act(page, flock, people, setup);
      await settle(page, undefined, undefined);
    }
    // Let a final render and image decode land.
    await page.waitForTimeout(150);
    const box = await page.locator('flock-group-buy').boundingBox();
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
async function settle(page: Page, text: string | undefined, selector: string | undefined) {
  try {
    await page.waitForFunction(
      ({ text, selector }) => {
        const root = document.querySelector('flock-group-buy')?.shadowRoot;
        if (!root) return false;
        if (selector && !root.querySelector(selector)) return false;
        if (text && !(root.textContent ?? '').includes(text)) return false;
        return [...root.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0);
      },
      { text, selector },
      { timeout: 15_000, polling: 100 },
    );
  } catch (error) {
    const shown = await page.evaluate(
      () => document.querySelector('flock-group-buy')?.shadowRoot?.textContent ?? '(no shadow root)',
    );
    throw new Error(
      `widget did not show ${JSON.stringify(text)} ${selector ?? ''}; it shows: ${shown.replace(/\s+/g, ' ').trim()}`,
      {
        cause: error,
      },
    );
  }
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

function gallery(files: Set<string>): string {
  const rel = (file: string) => relative(root, join(outDir, file)).split('\\').join('/');
  const cell = (file: string, alt: string, width = 260) =>
    files.has(file) ? `<img src="${rel(file)}" width="${width}" alt="${alt}">` : '—';
  const lines = [
    '| State | zh-CN · light | en · light | zh-CN · dark |',
    '| --- | --- | --- | --- |',
    ...states.map((state) => {
      const f = (locale: Locale, scheme: Scheme) => `group-buy-${state.name}-${locale}-${scheme}-phone.png`;
      return `| ${state.label} | ${cell(f('zh-CN', 'light'), `${state.label}, zh-CN, light`)} | ${cell(f('en', 'light'), `${state.label}, en, light`)} | ${cell(f('zh-CN', 'dark'), `${state.label}, zh-CN, dark`)} |`;
    }),
  ];
  const desktop = states.filter((state) => state.desktop);
  if (desktop.some((state) => files.has(`group-buy-${state.name}-zh-CN-light-desktop.png`))) {
    lines.push('', 'Desktop (1280 × 800, the card keeps its 560 px maximum width):', '');
    lines.push('| State | zh-CN | en |', '| --- | --- | --- |');
    for (const state of desktop) {
      const f = (locale: Locale) => `group-buy-${state.name}-${locale}-light-desktop.png`;
      lines.push(
        `| ${state.label} | ${cell(f('zh-CN'), `${state.label}, zh-CN, desktop`, 400)} | ${cell(f('en'), `${state.label}, en, desktop`, 400)} |`,
      );
    }
  }
  return lines.join('\n');
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  if (!only) {
    // A full run replaces every group-buy shot, so renamed or dropped states leave nothing stale.
    for (const file of readdirSync(outDir)) if (/^group-buy-.*\.png$/.test(file)) rmSync(join(outDir, file));
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
