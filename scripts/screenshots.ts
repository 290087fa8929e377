/**
 * `pnpm screenshots`: PNGs of every state of every widget of packages/elements/src/registry.ts, for
 * the README and reviews.
 *
 * Starts Flock in-process (PGlite in memory, an OffsetClock to move time) and a tiny static host on
 * 127.0.0.1, sets every state up through the real API (the states, shared with Storybook, are in
 * packages/elements/test/scenarios/states.ts), opens a minimal host page per shot in Debian's
 * Chromium (playwright-core, no browser download), waits until the widget shows the expected text
 * and clips the screenshot to the widget plus 16 px. Writes docs/images/<widget>-<state>-<locale>-
 * <scheme>-<device>.png (widget: its registry name, e.g. group-buy), then rewrites docs/gallery.md from
 * every widget shot in docs/images (so a partial run keeps the rest of the gallery).
 *
 *   Phone   (390×844 @2x):  every state × zh-CN, zh-TW, en × light, dark
 *   Desktop (1280×800 @2x): the states marked `desktop` × zh-CN, en × light
 *
 * Environment (optional): CHROMIUM=/usr/bin/chromium; SHOTS=waiting,assist-progress-helped,… only these
 * states (a bare name matches that state in every widget, `assist-progress-<state>` one widget's,
 * `assist-progress` all of its states); LOCALES=zh-TW,… only these languages.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translations } from '../packages/elements/src/i18n/translations.js';
import { type Flock, startFlock } from '../packages/elements/test/scenarios/flock.js';
import {
  type Act,
  type Cast,
  cast,
  codeToType,
  makersFor,
  type Setup,
  type State,
  type Widget,
  widgetAttributes,
  widgets,
} from '../packages/elements/test/scenarios/states.js';
import { launchChromium } from './chromium.js';
import { type HostPage, STALL_PATH, type StaticServer, startStaticServer } from './screenshots/static-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs', 'images');
const galleryFile = join(root, 'docs', 'gallery.md');
const bundle = join(root, 'packages', 'elements', 'dist', 'flock.js');
const teaSvg = join(root, 'examples', 'shop', 'public', 'tea.svg');

type Locale = 'zh-CN' | 'zh-TW' | 'en';
type Scheme = 'light' | 'dark';
type Device = 'phone' | 'desktop';

const allLocales: Locale[] = ['zh-CN', 'zh-TW', 'en'];
const onlyLocales = process.env.LOCALES?.split(',').filter(Boolean);
const locales = allLocales.filter((locale) => !onlyLocales || onlyLocales.includes(locale));
/** Desktop shots show the layout, not the script: Simplified Chinese and English are enough. */
const desktopLocales: Locale[] = ['zh-CN', 'en'];
const schemes: Scheme[] = ['light', 'dark'];

/** Performs a state's act on the settled page (see `Act`), then waits for its result. */
async function perform(page: Page, tag: string, act: Act, flock: Flock, people: Cast, setup: Setup) {
  if (act.clipboard) await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const qrCode = act.readQrCode
    ? await page.evaluate(
        (tag) => document.querySelector(tag)?.shadowRoot?.querySelector('[part="qr"] svg')?.getAttribute('data-code') ?? '',
        tag,
      )
    : undefined;
  const code = codeToType(await act.server?.(flock, people, setup, qrCode), setup);
  if (act.offline) await page.context().setOffline(true);
  try {
    // force: the help button gently pulses, which Playwright would otherwise wait out as "not stable".
    if (act.tap) await page.locator(`${tag} ${act.tap}`).first().click({ timeout: 2000, force: true });
    if (act.enterCode) {
      const input = page.locator(`${tag} input[name="code"]`);
      await input.fill(code);
      await input.press('Enter');
    }
    await page.waitForFunction(
      ({ tag, selector }) => document.querySelector(tag)?.shadowRoot?.querySelector(selector) != null,
      { tag, selector: act.waitFor },
      { timeout: 15_000, polling: 100 },
    );
  } finally {
    if (act.offline) await page.context().setOffline(false);
  }
}

// ---------------------------------------------------------------------------------------------

interface Shot {
  widget: Widget;
  state: State;
  locale: Locale;
  scheme: Scheme;
  device: Device;
  file: string;
}

const only = process.env.SHOTS?.split(',').filter(Boolean);
const wanted = (widget: Widget, state: State) =>
  !only || only.includes(state.name) || only.includes(`${widget.name}-${state.name}`) || only.includes(widget.name);
const shots: Shot[] = [];
for (const widget of widgets) {
  for (const state of widget.states) {
    if (!wanted(widget, state)) continue;
    for (const locale of locales) {
      for (const scheme of schemes) shots.push(shot(widget, state, locale, scheme, 'phone'));
      if (state.desktop && desktopLocales.includes(locale)) shots.push(shot(widget, state, locale, 'light', 'desktop'));
    }
  }
}

function shot(widget: Widget, state: State, locale: Locale, scheme: Scheme, device: Device): Shot {
  return { widget, state, locale, scheme, device, file: `${widget.name}-${state.name}-${locale}-${scheme}-${device}.png` };
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
  const t = translations[s.locale];
  const imageUrl = `${host.origin}/tea.svg`;
  const setup = await s.state.setup(flock, people, makersFor(flock, people, imageUrl));
  const key = `${s.locale}|${s.scheme}|${s.device}|${setup.userAgent ?? ''}`;
  let context = contexts.get(key);
  if (!context) {
    context = await browser.newContext(contextOptions(s.locale, s.scheme, s.device, setup.userAgent));
    contexts.set(key, context);
  }
  const config: HostPage = {
    tag: s.widget.tag,
    attributes: widgetAttributes(s.widget, setup, { linkAsAttribute: false }),
    centred: s.widget.name !== 'voucher-qr' && s.widget.name !== 'voucher-scanner',
    lang: s.locale,
    api: setup.api === 'STALL' ? `${host.origin}${STALL_PATH}` : flock.api,
    publishableKey: flock.publishableKey,
    shopperToken: setup.guest ? '' : await flock.tokenFor(setup.shopper ?? people.me),
    scheme: s.scheme,
    device: s.device,
  };
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A state whose name ends in one of these shows a refusal on purpose (new-customer-refused…).
    const refusal = ['load-error', 'action-error', 'refused', 'offline'].some((name) => s.state.name.endsWith(name));
    if (message.type() === 'error' && !refusal) problems.push(`console: ${message.text()}`);
  });
  try {
    const query = setup.query ? `?${new URLSearchParams(setup.query)}` : '';
    await page.goto(`${host.page(config)}${query}`);
    const expected = s.state.expect(t, people);
    await settle(page, s.widget.tag, expected, s.state.selector);
    if (s.state.act) {
      await perform(page, s.widget.tag, s.state.act, flock, people, setup);
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

/** The gallery page: per widget, every state's phone shots (each language, light and dark), then its desktop ones. */
function gallery(files: Set<string>): string {
  const rel = (file: string) => relative(join(root, 'docs'), join(outDir, file)).split('\\').join('/');
  const cell = (file: string, alt: string, width: number) =>
    files.has(file) ? `<img src="${rel(file)}" width="${width}" alt="${alt}">` : '—';
  const phoneColumns = schemes.flatMap((scheme) => allLocales.map((locale) => ({ locale, scheme })));
  const lines = [
    '# Widget gallery',
    '',
    'Every state of every widget, made by `pnpm screenshots` (headless Chromium against a real Flock server; phone 390×844 in zh-CN, zh-TW and en, light and dark; desktop 1280×800). This page is written by the script: edit `scripts/screenshots.ts`, not this file.',
    '',
  ];
  for (const widget of widgets) {
    const file = (state: State, locale: Locale, scheme: Scheme, device: Device) =>
      `${widget.name}-${state.name}-${locale}-${scheme}-${device}.png`;
    const states = widget.states.filter((state) => allLocales.some((locale) => files.has(file(state, locale, 'light', 'phone'))));
    if (states.length === 0) continue;
    lines.push(`## \`<${widget.tag}>\``, '');
    lines.push(`| State | ${phoneColumns.map((c) => `${c.locale} · ${c.scheme}`).join(' | ')} |`);
    lines.push(`| --- |${phoneColumns.map(() => ' --- |').join('')}`);
    for (const state of states) {
      const cells = phoneColumns.map((c) =>
        cell(file(state, c.locale, c.scheme, 'phone'), `${state.label}, ${c.locale}, ${c.scheme}`, 180),
      );
      lines.push(`| ${state.label} | ${cells.join(' | ')} |`);
    }
    const desktop = states.filter((state) => files.has(file(state, 'zh-CN', 'light', 'desktop')));
    if (desktop.length > 0) {
      lines.push('', 'Desktop (1280 × 800):', '');
      lines.push(`| State | ${desktopLocales.join(' | ')} |`, `| --- |${desktopLocales.map(() => ' --- |').join('')}`);
      for (const state of desktop) {
        const cells = desktopLocales.map((locale) =>
          cell(file(state, locale, 'light', 'desktop'), `${state.label}, ${locale}, desktop`, 400),
        );
        lines.push(`| ${state.label} | ${cells.join(' | ')} |`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  if (!only && !onlyLocales) {
    // A full run replaces every widget's shots, so renamed or dropped states leave nothing stale.
    const prefixes = new RegExp(`^(${widgets.map((w) => w.name).join('|')})-.*\\.png$`);
    for (const file of readdirSync(outDir)) if (prefixes.test(file)) rmSync(join(outDir, file));
  }
  const host = await startStaticServer({ bundle, teaSvg });
  const flock = await startFlock({ origins: [host.origin], assetBase: host.origin });
  let browser: Browser | undefined;
  const written = new Set<string>();
  try {
    browser = await launchChromium();
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
  writeFileSync(galleryFile, gallery(new Set(readdirSync(outDir))));
  // Laid out as `pnpm lint` wants it (biome aligns Markdown tables).
  execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', galleryFile], { stdio: 'ignore' });
  console.error(`\n${written.size} screenshots in ${relative(root, outDir)}/; ${relative(root, galleryFile)} rewritten.`);
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
