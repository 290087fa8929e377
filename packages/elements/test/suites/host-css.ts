// The page around a widget must not restyle it: a shop's reset stylesheet and its blunt `!important`
// rules reach the widget's host element, and the host passes inherited properties (colour, font, line
// height…) on to everything inside unless the widget sets them itself. A widget is read on a clean
// page and again with the hostile page's CSS added: every computed style and box in its shadow root
// must stay the same.
import { expect } from '@open-wc/testing';
import { flockWidgets } from '../../src/registry.js';

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
  ${flockWidgets.map((widget) => widget.tag).join(', ')} {
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

let sheets: Promise<CSSStyleSheet[]> | undefined;

/** The hostile page's style sheets (the libraries and the blunt rules), fetched once. */
export function hostileSheets(): Promise<CSSStyleSheet[]> {
  sheets ??= Promise.all(
    LIBRARY_CSS.map(async (file) => {
      const response = await fetch(new URL(`../host-css/${file}`, import.meta.url));
      if (!response.ok) throw new Error(`test/host-css/${file}: HTTP ${response.status}`);
      return response.text();
    }),
  ).then((texts) =>
    [...texts, HOSTILE_RULES].map((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    }),
  );
  return sheets;
}

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

/**
 * The hostile CSS restyles the widget's host element but nothing inside it. Shimmering skeletons
 * would move between the two readings: emulate reduced motion (the widgets' styles stop them) first.
 */
export async function expectHostCssKeptOut(element: HTMLElement): Promise<void> {
  const { clean, attacked, hostReached } = readBothWays(element, await hostileSheets());
  expect(hostReached, 'the hostile CSS restyles the host element itself').to.equal(true);
  const changed = [...clean]
    .filter(([key, value]) => attacked.get(key) !== value)
    .map(([key, value]) => `${key}: ${value} → ${attacked.get(key)}`);
  expect(changed.length, `the page's CSS reached inside:\n${changed.slice(0, 40).join('\n')}`).to.equal(0);
  expect(clean.size, 'read some elements').to.be.greaterThan(0);
}
