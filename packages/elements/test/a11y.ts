// Accessibility helpers for the element tests: axe-core (WCAG 2.2 AA) in both colour schemes, real
// keyboard input through the test runner, and checks that focus is visible and not lost.
import 'axe-core/axe.min.js';
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import { provider } from '../src/registry.js';

interface Axe {
  run(context: Element, options: RunOptions): Promise<AxeResults>;
}
const axe = () => (globalThis as unknown as { axe: Axe }).axe;

/** WCAG 2.0–2.2 A and AA plus axe's best practices; target-size (2.5.8) is off in axe by default. */
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  rules: { 'target-size': { enabled: true } },
  resultTypes: ['violations'],
};

type Themed = HTMLElement & { updateComplete?: Promise<unknown> };

function describeViolations(scheme: string, violations: Result[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `    at ${JSON.stringify(node.target)}: ${node.html}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`,
        )
        .join('\n');
      return `  [${scheme}] ${violation.id} (${violation.impact}): ${violation.help}\n${nodes}`;
    })
    .join('\n');
}

/**
 * Runs axe-core on the element (its shadow DOM included) once with theme="light" and once with
 * theme="dark", then restores the element's own theme. Fails with every violation listed.
 */
export async function expectAccessible(el: Themed, state = el.localName): Promise<void> {
  const original = el.getAttribute('theme');
  const reports: string[] = [];
  try {
    for (const scheme of ['light', 'dark']) {
      el.setAttribute('theme', scheme);
      await el.updateComplete;
      // The scheme reaches the styles through the host's data-flock-scheme (settings controller).
      await waitUntil(() => el.getAttribute('data-flock-scheme') === scheme, `${state} switched to ${scheme}`);
      const { violations } = await axe().run(el, AXE_OPTIONS);
      if (violations.length > 0) reports.push(describeViolations(scheme, violations));
    }
  } finally {
    if (original === null) el.removeAttribute('theme');
    else el.setAttribute('theme', original);
    await el.updateComplete;
  }
  if (reports.length > 0) throw new Error(`axe found accessibility violations in ${state}:\n${reports.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------
// Keyboard (sendKeys: real key events through the DevTools protocol)

export { sendKeys };

/** The focused element, looking through open shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const describeElement = (el: Element | null) =>
  el
    ? `<${el.localName}${el.id ? `#${el.id}` : ''}> "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)}"`
    : 'nothing';

/**
 * Presses Tab (Shift+Tab with `backwards`) until the focused element matches, and returns it; fails
 * when focus leaves the element, or after `maxPresses`. Also checks that the control shows its focus.
 */
export async function tabTo(
  host: Element,
  matches: (focused: Element) => boolean,
  { maxPresses = 12, backwards = false } = {},
): Promise<HTMLElement> {
  const seen: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    if (backwards) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (backwards) await sendKeys({ up: 'Shift' });
    const focused = deepActiveElement();
    seen.push(describeElement(focused));
    if (focused && host.shadowRoot?.contains(focused) && matches(focused)) {
      expectFocusVisible(focused as HTMLElement);
      return focused as HTMLElement;
    }
  }
  throw new Error(`Tab did not reach the control within ${maxPresses} presses; focus went: ${seen.join(' → ')}`);
}

/** Focuses the page before the element, so the next Tab enters the element at its first control; returns that page button. */
export function focusBefore(host: Element): HTMLButtonElement {
  const anchor = document.createElement('button');
  anchor.textContent = 'before';
  const first = host.closest(provider.tag) ?? host;
  first.parentNode?.insertBefore(anchor, first);
  anchor.focus();
  return anchor;
}

/** The element's controls a keyboard user should reach: rendered, enabled, and not taken out of the tab order. */
export function tabbableControls(host: Element): HTMLElement[] {
  const candidates = host.shadowRoot?.querySelectorAll<HTMLElement>(
    'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]',
  );
  return [...(candidates ?? [])].filter(
    (control) =>
      control.tabIndex >= 0 &&
      !control.matches(':disabled') &&
      !(control instanceof HTMLInputElement && control.type === 'hidden') &&
      !isOtherRadioOfGroup(control) &&
      control.checkVisibility({ visibilityProperty: true }),
  );
}

/** A radio group is one tab stop, its checked radio (arrow keys move within it): the others are not reached by Tab. */
function isOtherRadioOfGroup(control: HTMLElement): boolean {
  if (!(control instanceof HTMLInputElement) || control.type !== 'radio' || !control.name || control.checked) return false;
  const group = [...(control.getRootNode() as ParentNode).querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter(
    (radio) => radio.name === control.name && radio.form === control.form,
  );
  return group.some((radio) => radio.checked) || group[0] !== control;
}

/**
 * Tabs from the page before the element until focus leaves it: Tab reaches every control of
 * `tabbableControls`, once each and in reading order, and each shows its focus.
 */
export async function expectTabReachesEveryControl(host: Element): Promise<void> {
  const controls = tabbableControls(host);
  const anchor = focusBefore(host);
  const reached: Element[] = [];
  try {
    // One press more than there are controls: the last one leaves the element.
    for (let press = 0; press <= controls.length; press++) {
      await sendKeys({ press: 'Tab' });
      const focused = deepActiveElement();
      if (!focused || !host.shadowRoot?.contains(focused)) break;
      expectFocusVisible(focused as HTMLElement);
      reached.push(focused);
    }
  } finally {
    anchor.remove();
  }
  if (reached.length !== controls.length || reached.some((focused, i) => focused !== controls[i]))
    throw new Error(
      `Tab went ${reached.map(describeElement).join(' → ') || 'nowhere'}; the controls are ${controls.map(describeElement).join(' → ') || 'none'}`,
    );
}

/**
 * The focused control shows a focus indicator that is not clipped: it matches :focus-visible, has an
 * outline, and no ancestor inside the shadow root cuts the outline off with overflow.
 */
export function expectFocusVisible(control: HTMLElement): void {
  if (!control.matches(':focus-visible')) throw new Error(`${describeElement(control)} is focused but not :focus-visible`);
  const style = getComputedStyle(control);
  const width = Number.parseFloat(style.outlineWidth);
  if (style.outlineStyle === 'none' || !(width >= 2))
    throw new Error(`${describeElement(control)} has no visible focus outline (${style.outlineStyle} ${style.outlineWidth})`);
  const reach = width + Math.max(0, Number.parseFloat(style.outlineOffset) || 0);
  const box = control.getBoundingClientRect();
  for (let parent = control.parentElement; parent; parent = parent.parentElement) {
    const { overflowX, overflowY } = getComputedStyle(parent);
    if (overflowX === 'visible' && overflowY === 'visible') continue;
    const clip = parent.getBoundingClientRect();
    const clipped =
      box.left - reach < clip.left - 0.5 ||
      box.right + reach > clip.right + 0.5 ||
      box.top - reach < clip.top - 0.5 ||
      box.bottom + reach > clip.bottom + 0.5;
    if (clipped)
      throw new Error(
        `${describeElement(control)}'s focus outline is clipped by ${describeElement(parent)} (overflow ${overflowX}/${overflowY})`,
      );
  }
}

/** The text of the element's polite live region (role="status"), the one that announces state changes. */
export function liveRegionText(host: Element): string {
  const regions = [...(host.shadowRoot?.querySelectorAll('[role="status"]') ?? [])];
  return regions.map((region) => region.textContent?.replace(/\s+/g, ' ').trim() ?? '').join(' | ');
}

/**
 * Holds every request to the Flock API (not the test fixture's /__flock/*) until the returned
 * release() is called, so a test can look at the loading state for as long as it needs.
 */
export function holdApiRequests(): () => void {
  const realFetch = globalThis.fetch;
  const held: Array<() => void> = [];
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (new URL(url, location.href).pathname.startsWith('/__flock/')) return realFetch(input, init);
    return new Promise<void>((resolve) => held.push(resolve)).then(() => realFetch(input, init));
  };
  return () => {
    globalThis.fetch = realFetch;
    for (const resolve of held.splice(0)) resolve();
  };
}

/**
 * The first request to /__flock/* starts the fixture server (PGlite, migrations): seconds on a busy
 * machine. A suite's before() hook pays that once, outside any one test's time limit.
 */
export async function startFixtureServer(this: Mocha.Context): Promise<void> {
  this.timeout(120_000);
  await fetch('/__flock/config', { method: 'POST', body: '{}' });
}
