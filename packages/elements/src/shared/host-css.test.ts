import { expect, fixture, html, unsafeStatic, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { shadowText } from '../../test/fixture-client.js';
import { cast, type StagedState, widgets } from '../../test/scenarios/states.js';
import { performAct, stagedElements } from '../../test/scenarios/storybook.js';
import { flockElements } from '../define.js';
import { en } from '../i18n/en.js';
import { provider as providerEntry, widget } from '../registry.js';

// The page around a widget must not restyle it: a shop's reset stylesheet and its blunt `!important`
// rules reach the widget's host element, and the host passes inherited properties (colour, font, line
// height…) on to everything inside unless the widget sets them itself. Every widget, in every state
// of test/scenarios/states.ts (staged through Storybook's staging server, /__stories), is read on a
// clean page and again with the hostile page's CSS added: every computed style and box in its shadow
// root must stay the same.

const WIDGET_TAGS = Object.keys(flockElements).filter((tag) => tag !== providerEntry.tag);

/** What real shops load: Bootstrap 5's reboot and Tailwind 4's preflight (test/host-css/, with their licences). */
const LIBRARY_CSS = ['bootstrap-reboot.css', 'tailwind-preflight.css'];

/** What a shop's own stylesheet may do: blunt rules on every element, on common tags and on the widget's tag. */
const HOSTILE_RULES = `
  * {
    color: red !important;
    font-size: 30px !important;
    line-height: 3 !important;
    letter-spacing: 5px !important;
    text-transform: uppercase !important;
    font-family: serif !important;
  }
  div, span, p, button, h3 {
    font-weight: 900 !important;
    font-style: italic !important;
    word-spacing: 12px !important;
    text-align: right !important;
    text-shadow: 2px 2px 0 lime !important;
    white-space: pre !important;
  }
  ${WIDGET_TAGS.join(', ')} {
    font-weight: 100;
    font-style: oblique;
    font-variant: small-caps;
    font-stretch: condensed;
    font-kerning: none;
    font-feature-settings: 'smcp';
    font-variation-settings: 'wght' 200;
    text-align: justify;
    text-indent: 3em;
    text-shadow: 1px 1px 0 blue;
    text-rendering: optimizeLegibility;
    word-spacing: 8px;
    word-break: break-all;
    overflow-wrap: anywhere;
    hyphens: auto;
    tab-size: 2;
    white-space: nowrap;
    direction: rtl;
    cursor: crosshair;
    caret-color: lime;
    accent-color: lime;
    list-style: square inside;
    quotes: '<' '>';
    border-collapse: collapse;
    border-spacing: 7px;
    -webkit-text-fill-color: orange;
    -webkit-text-stroke: 1px green;
    -webkit-font-smoothing: none;
    fill: red;
    stroke: red;
    stroke-width: 3px;
    paint-order: stroke;
  }
`;

/** Every computed property (custom properties aside: theming rides on them) and the box of each element in the shadow root. */
function readStyles(element: HTMLElement): Map<string, string> {
  const read = new Map<string, string>();
  const nodes = [...element.shadowRoot!.querySelectorAll('*')].filter((node) => node.localName !== 'style');
  for (const [index, node] of nodes.entries()) {
    const classes = node.getAttribute('class')?.trim().split(/\s+/).join('.');
    const name = `#${index} <${node.localName}${classes ? `.${classes}` : ''}>`;
    const style = getComputedStyle(node);
    for (let i = 0; i < style.length; i++) {
      const property = style.item(i);
      if (!property.startsWith('--')) read.set(`${name} ${property}`, style.getPropertyValue(property));
    }
    const box = node.getBoundingClientRect();
    read.set(`${name} box`, `${box.width.toFixed(1)} × ${box.height.toFixed(1)}`);
  }
  return read;
}

/** Reads the widget on the clean page and with the hostile CSS, in one go (no render or tick in between). */
function readBothWays(element: HTMLElement, hostile: CSSStyleSheet[]) {
  const clean = readStyles(element);
  const cleanHost = getComputedStyle(element).color;
  const pageSheets = [...document.adoptedStyleSheets];
  document.adoptedStyleSheets = [...pageSheets, ...hostile];
  // Bootstrap's dark mode: color-scheme: dark on the page, while the widget follows its own scheme.
  document.documentElement.setAttribute('data-bs-theme', 'dark');
  try {
    const attacked = readStyles(element);
    const attackedHost = getComputedStyle(element).color;
    return { clean, attacked, hostReached: attackedHost !== cleanHost };
  } finally {
    document.adoptedStyleSheets = pageSheets;
    document.documentElement.removeAttribute('data-bs-theme');
  }
}

/** Shadows a navigator property for one state; returns the undo. */
function stubNavigator(property: string, value: unknown): () => void {
  Object.defineProperty(navigator, property, { configurable: true, get: () => value });
  return () => delete (navigator as unknown as Record<string, unknown>)[property];
}

/** Renders a staged state as Storybook does (provider + widget), in a fixed-width column. */
async function render(tag: string, staged: StagedState): Promise<HTMLElement> {
  const column = await fixture<HTMLDivElement>(html`<div style="width: 380px"></div>`);
  const { host, element } = stagedElements(tag, staged, staged.locale);
  column.append(host);
  return element;
}

describe('host page CSS', () => {
  let hostile: CSSStyleSheet[];

  before(async () => {
    // Shimmering skeletons would move between two readings: the widgets' reduced-motion styles stop them.
    await emulateMedia({ reducedMotion: 'reduce' });
    const texts = await Promise.all(
      LIBRARY_CSS.map(async (file) => {
        const response = await fetch(new URL(`../../test/host-css/${file}`, import.meta.url));
        if (!response.ok) throw new Error(`test/host-css/${file}: HTTP ${response.status}`);
        return response.text();
      }),
    );
    hostile = [...texts, HOSTILE_RULES].map((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });
  });
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('walks every widget the elements register', () => {
    expect(WIDGET_TAGS.length).to.be.greaterThan(0);
    for (const tag of WIDGET_TAGS) {
      expect(
        widgets.find((widget) => widget.tag === tag)?.states.length,
        `${tag} has states in test/scenarios/states.ts`,
      ).to.be.greaterThan(0);
    }
  });

  it('still takes the --flock-* theme and ::part() rules on a hostile page', async () => {
    const scannerTag = widget('voucher-scanner').tag;
    const column = await fixture<HTMLDivElement>(
      html`<div style="--flock-font: Georgia, serif; --flock-font-size: 17px"><${unsafeStatic(scannerTag)} camera="off" quiet></${unsafeStatic(scannerTag)}></div>`,
    );
    const scanner = column.querySelector(scannerTag)!;
    await waitUntil(() => scanner.shadowRoot?.querySelector('[part="base"]'), 'the scanner renders');
    const part = new CSSStyleSheet();
    part.replaceSync(`${scannerTag}::part(base) { color: rgb(1, 2, 3); letter-spacing: 1px }`);
    const pageSheets = [...document.adoptedStyleSheets];
    document.adoptedStyleSheets = [...pageSheets, ...hostile, part];
    try {
      const base = getComputedStyle(scanner.shadowRoot!.querySelector('[part="base"]')!);
      expect(base.fontFamily).to.equal('Georgia, serif');
      expect(base.fontSize).to.equal('17px');
      expect(base.color).to.equal('rgb(1, 2, 3)');
      expect(base.letterSpacing).to.equal('1px');
    } finally {
      document.adoptedStyleSheets = pageSheets;
    }
  });

  for (const tag of WIDGET_TAGS) {
    const widget = widgets.find((w) => w.tag === tag);
    for (const state of widget?.states ?? []) {
      it(`${tag} (${state.name}) looks the same on a page with hostile CSS`, async function () {
        this.timeout(40000);
        const query = new URLSearchParams({ widget: widget!.name, state: state.name, locale: 'en' });
        const response = await fetch(`/__stories/stage?${query}`);
        if (!response.ok) throw new Error(`staging ${tag} ${state.name}: HTTP ${response.status} ${await response.text()}`);
        const staged = (await response.json()) as StagedState;
        // WeChat's user agent where the state needs it, and a clipboard that takes the copied link (no share sheet).
        const restore: Array<() => void> = [];
        if (staged.userAgent) restore.push(stubNavigator('userAgent', staged.userAgent));
        if (staged.act?.clipboard)
          restore.push(stubNavigator('share', undefined), stubNavigator('clipboard', { writeText: async () => {} }));
        try {
          const element = await render(tag, staged);
          const expected = state.expect(en, cast.en);
          await waitUntil(
            () =>
              shadowText(element).includes(expected) && (!state.selector || element.shadowRoot?.querySelector(state.selector)),
            `${tag} shows ${state.name}`,
            { timeout: 15000 },
          );
          if (staged.act) await performAct(element, staged);

          const { clean, attacked, hostReached } = readBothWays(element, hostile);
          expect(hostReached, 'the hostile CSS restyles the host element itself').to.equal(true);
          const changed = [...clean]
            .filter(([key, value]) => attacked.get(key) !== value)
            .map(([key, value]) => `${key}: ${value} → ${attacked.get(key)}`);
          expect(changed.length, `the page's CSS reached inside:\n${changed.slice(0, 40).join('\n')}`).to.equal(0);
          expect(clean.size, 'read some elements').to.be.greaterThan(0);
        } finally {
          for (const undo of restore) undo();
        }
      });
    }
  }
});
