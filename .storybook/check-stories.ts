/**
 * `pnpm check-stories` (with `pnpm storybook` running): opens every story in Debian's Chromium and
 * checks that it reaches its state with live data: the text the widget shows in that state (the same
 * expectation `pnpm screenshots` waits for) and, for states with an act, the act's result. Also checks
 * that every state in states.ts has a story. Writes each story's screenshot to $STORY_SHOTS
 * (default /tmp/flock-stories) for a look.
 *
 * Environment (optional): STORYBOOK=http://127.0.0.1:6006; CHROMIUM=/usr/bin/chromium;
 * STORY_LOCALE=zh-CN|zh-TW|en; STORIES=group-buy,assist-progress-helped,… only these (as SHOTS in screenshots.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { en } from '../packages/elements/src/i18n/en.js';
import { zhCN } from '../packages/elements/src/i18n/zh-cn.js';
import { zhTW } from '../packages/elements/src/i18n/zh-tw.js';
import { cast, type Locale, widgets } from '../packages/elements/test/scenarios/states.js';

const storybook = process.env.STORYBOOK ?? 'http://127.0.0.1:6006';
const outDir = process.env.STORY_SHOTS ?? '/tmp/flock-stories';
const locale = (process.env.STORY_LOCALE ?? 'zh-CN') as Locale;
const strings = { 'zh-CN': zhCN, 'zh-TW': zhTW, en }[locale];
const only = process.env.STORIES?.split(',').filter(Boolean);

/** Storybook's id of an export: `LoadError` in "Widgets/<tag>" → widgets-<tag>--load-error. */
const storyId = (tag: string, state: string) => `widgets-${tag}--${state}`;

const index = (await (await fetch(`${storybook}/index.json`)).json()) as { entries: Record<string, { type: string }> };
const problems: string[] = [];
for (const widget of widgets)
  for (const state of widget.states)
    if (!index.entries[storyId(widget.tag, state.name)]) problems.push(`${widget.name}/${state.name}: no story`);

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
let checked = 0;
try {
  // Vite optimises dependencies on the first visit and then reloads the page: get that out of the way.
  const warmUp = await browser.newPage();
  await warmUp.goto(`${storybook}/iframe.html?id=${storyId(widgets[0]!.tag, 'load-error')}&viewMode=story`);
  await warmUp.waitForTimeout(5000);
  await warmUp.close();
  for (const widget of widgets) {
    for (const state of widget.states) {
      const name = `${widget.name}-${state.name}`;
      if (only && !only.includes(name) && !only.includes(widget.name)) continue;
      const id = storyId(widget.tag, state.name);
      const context = await browser.newContext({ viewport: { width: 430, height: 900 }, deviceScaleFactor: 2 });
      if (state.act?.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: storybook });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(`${storybook}/iframe.html?id=${id}&viewMode=story&args=locale:${locale}`);
        // Before any act: the state's own text; after it: the act's result.
        const text = state.act ? undefined : state.expect(strings, cast[locale]);
        const selector = state.act?.waitFor ?? state.selector;
        await page.waitForFunction(
          ({ tag, text, selector }) => {
            const root = document.querySelector(tag)?.shadowRoot;
            if (!root) return false;
            if (selector && !root.querySelector(selector)) return false;
            return !text || (root.textContent ?? '').includes(text);
          },
          { tag: widget.tag, text, selector },
          { timeout: 30_000, polling: 200 },
        );
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true, animations: 'disabled' });
        checked++;
        console.error(`ok   ${id}`);
      } catch (error) {
        const shown = await page
          .evaluate((tag) => document.querySelector(tag)?.shadowRoot?.textContent ?? document.body.textContent ?? '', widget.tag)
          .catch(() => '(the page navigated)');
        problems.push(
          `${id}: ${(error as Error).message.split('\n')[0]}; shows: ${shown.replace(/\s+/g, ' ').trim().slice(0, 200)}`,
        );
        problems.push(...errors.map((message) => `${id}: page error: ${message}`));
        console.error(`FAIL ${id}`);
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
}
for (const problem of problems) console.error(problem);
console.error(`${checked} stories reached their state; ${problems.length} problems. Screenshots in ${outDir}/`);
if (problems.length > 0) process.exitCode = 1;
