import { css, unsafeCSS } from 'lit';

/** The default brand colour, also what every derived default below is computed from. */
export const DEFAULT_BRAND = '#e0061d';

/**
 * The host attribute the dark tokens key on. The settings controller writes it from the element's own
 * `theme`, else the provider's, so a provider's pin reaches every widget and an element's own wins.
 */
const pinnedDark = css`:host([data-flock-scheme='dark'])`;
const followsSystem = css`:host(:not([data-flock-scheme='light']))`;

/** Dark-scheme values of the tokens that are not derived from the brand. */
const darkTokens = css`
  --_success: var(--flock-color-success, #43cf7c);
  --_text: var(--flock-color-text, #f5f5f5);
  --_text-2: var(--flock-color-text-2, #c8c9cc);
  --_text-3: var(--flock-color-text-3, #a0a1a6);
  --_surface: var(--flock-color-surface, #1c1c1e);
  --_surface-2: var(--flock-color-surface-2, #2c2c2e);
  --_border: var(--flock-color-border, #3a3a3c);
`;

/*
 * Brand-derived colours. Engines without color-mix() (the Chrome 69–110 in-app browsers of WeChat and
 * Alipay) get the plain declarations: fixed tints that suit the default red. A custom property holding
 * an unsupported color-mix() would be "invalid at computed-value time" and blank every background that
 * uses it, so the mixed values live only inside @supports.
 */
const lightFallback = css`
  --_brand-2: var(--flock-color-brand-2, var(--_brand));
  --_brand-ink: var(--flock-color-brand-text, var(--_brand));
  --_brand-soft: var(--flock-color-brand-soft, #fff1f0);
  --_brand-glow: rgb(0 0 0 / 0.12);
`;
const darkFallback = css`
  --_brand-ink: var(--flock-color-brand-text, #ff6b78);
  --_brand-soft: var(--flock-color-brand-soft, #3a1d1f);
`;
/* The defaults keep WCAG AA (4.5:1): white on both gradient ends; brand text on the surface and on the soft tint. */
const lightMixed = css`
  --_brand-2: var(--flock-color-brand-2, color-mix(in srgb, var(--_brand) 88%, #fff));
  --_brand-soft: var(--flock-color-brand-soft, color-mix(in srgb, var(--_brand) 5%, var(--_surface)));
  --_brand-glow: color-mix(in srgb, var(--_brand) 25%, transparent);
`;
const darkMixed = css`
  --_brand-ink: var(--flock-color-brand-text, color-mix(in srgb, var(--_brand) 60%, #fff));
  --_brand-soft: var(--flock-color-brand-soft, color-mix(in srgb, var(--_brand) 15%, var(--_surface)));
`;

/**
 * The inherited properties, set again on the shadow root's top-level elements (the `part="base"`
 * card and the live region beside it). They would otherwise inherit from the host element, which the
 * page's selectors reach (a reset stylesheet, `* { color: red !important }`, `flock-group-buy { … }`);
 * no page selector reaches inside. Values are the theme's, else what `all: initial` gives. Custom
 * properties still inherit (the --flock-* theme) and ::part() rules still apply. visibility and
 * pointer-events stay inherited: a page may hide or disable the whole widget through its host.
 */
const inheritedProperties = css`
  color: var(--_text);
  font-family: var(--_font);
  font-size: var(--flock-font-size, 14px);
  line-height: 1.5;
  font-style: normal;
  font-variant: normal;
  font-weight: 400;
  font-stretch: normal;
  font-kerning: auto;
  font-feature-settings: normal;
  font-variation-settings: normal;
  font-optical-sizing: auto;
  font-size-adjust: none;
  letter-spacing: normal;
  word-spacing: normal;
  text-align: start;
  text-align-last: auto;
  text-indent: 0;
  text-transform: none;
  text-shadow: none;
  text-rendering: auto;
  text-underline-position: auto;
  text-underline-offset: auto;
  text-decoration-skip-ink: auto;
  text-emphasis: none;
  white-space: normal;
  word-break: normal;
  overflow-wrap: normal;
  line-break: auto;
  hyphens: manual;
  tab-size: 8;
  direction: ltr;
  writing-mode: horizontal-tb;
  text-orientation: mixed;
  cursor: auto;
  caret-color: auto;
  accent-color: auto;
  list-style: disc outside none;
  quotes: auto;
  border-collapse: separate;
  border-spacing: 0;
  caption-side: top;
  empty-cells: show;
  image-rendering: auto;
  -webkit-text-fill-color: currentcolor;
  -webkit-text-stroke: 0 currentcolor;
  -webkit-font-smoothing: auto;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
  -webkit-tap-highlight-color: transparent;
  color-scheme: light;
  fill: black;
  fill-opacity: 1;
  fill-rule: nonzero;
  stroke: none;
  stroke-width: 1px;
  stroke-opacity: 1;
  stroke-linecap: butt;
  stroke-linejoin: miter;
  paint-order: normal;
`;
/**
 * The public theme: every knob is a --flock-* custom property (defaults here, documented in
 * docs/theming.md), mapped to private --_ variables the element styles use. The trio
 * --flock-color-brand, --flock-radius and --flock-font restyles every widget: the other brand colours
 * and every corner derive from them. `all: initial` resets what the page sets on the host, and
 * inheritedProperties what the host would pass on.
 *
 * Every widget takes these properties; custom-elements-manifest.config.mjs copies this list into each
 * widget's entry of custom-elements.json.
 * @cssprop [--flock-color-brand=#e0061d] - The brand colour: prices, main buttons, badges, progress, focus rings. The other brand colours derive from it.
 * @cssprop [--flock-color-brand-2=color-mix(in srgb, var(--flock-color-brand) 88%, #fff)] - Start of the main button's gradient (plain brand where color-mix() is missing).
 * @cssprop [--flock-color-brand-text=var(--flock-color-brand)] - Brand-coloured text on the surface; dark default color-mix(in srgb, var(--flock-color-brand) 60%, #fff), #ff6b78 where color-mix() is missing.
 * @cssprop [--flock-color-brand-soft=color-mix(in srgb, var(--flock-color-brand) 5%, var(--flock-color-surface))] - Soft brand tint behind secondary buttons and counters; dark 15%; #fff1f0 / #3a1d1f where color-mix() is missing.
 * @cssprop [--flock-color-on-brand=#fff] - Text and icons on brand fills.
 * @cssprop [--flock-color-success=#057a3d] - Success text and fills; dark #43cf7c for text (fills keep the light value).
 * @cssprop [--flock-color-text=#323233] - Main text; dark #f5f5f5.
 * @cssprop [--flock-color-text-2=#646566] - Secondary text; dark #c8c9cc.
 * @cssprop [--flock-color-text-3=#6b6c70] - Hints and placeholders; dark #a0a1a6.
 * @cssprop [--flock-color-surface=#fff] - The card; dark #1c1c1e.
 * @cssprop [--flock-color-surface-2=#f7f8fa] - Panels and fields inside the card; dark #2c2c2e.
 * @cssprop [--flock-color-border=#ebedf0] - Dividers and borders; dark #3a3a3c.
 * @cssprop [--flock-radius=12px] - The card's corner radius; images (radius − 4px), panels (⅔), tags (¼) and pill buttons (2×) follow it.
 * @cssprop [--flock-font=-apple-system, BlinkMacSystemFont, 'Helvetica Neue', Helvetica, 'PingFang SC', 'PingFang TC', …, sans-serif] - Font stack, for every text and control.
 * @cssprop [--flock-font-size=14px] - Base font size.
 */
export const themeStyles = css`
  :host {
    all: initial;
    display: block;
    contain: content;
    --_brand: var(--flock-color-brand, ${unsafeCSS(DEFAULT_BRAND)});
    --_on-brand: var(--flock-color-on-brand, #fff);
    --_success: var(--flock-color-success, #057a3d);
    /* Filled success panels keep the deep green in both schemes: white text needs it. */
    --_success-fill: var(--flock-color-success, #057a3d);
    --_text: var(--flock-color-text, #323233);
    --_text-2: var(--flock-color-text-2, #646566);
    --_text-3: var(--flock-color-text-3, #6b6c70);
    --_surface: var(--flock-color-surface, #fff);
    --_surface-2: var(--flock-color-surface-2, #f7f8fa);
    --_border: var(--flock-color-border, #ebedf0);
    ${lightFallback}
    /* Corners: the card's radius, and smaller or rounder ones in proportion (clamped at 0 by calc). */
    --_radius: var(--flock-radius, 12px);
    --_radius-inner: calc(var(--_radius) - 4px);
    --_radius-small: calc(var(--_radius) * 2 / 3);
    --_radius-tiny: calc(var(--_radius) / 4);
    --_radius-pill: calc(var(--_radius) * 2);
    --_font: var(--flock-font, -apple-system, BlinkMacSystemFont, 'Helvetica Neue', Helvetica, 'PingFang SC', 'PingFang TC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Microsoft JhengHei', 'Noto Sans CJK SC', 'Noto Sans CJK TC', Arial, sans-serif);
    font-family: var(--_font);
    font-size: var(--flock-font-size, 14px);
    line-height: 1.5;
    color: var(--_text);
    -webkit-tap-highlight-color: transparent;
  }
  :host > * {
    ${inheritedProperties}
  }
  ${pinnedDark} {
    ${darkTokens}
    ${darkFallback}
  }
  ${pinnedDark} > * {
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    ${followsSystem} {
      ${darkTokens}
      ${darkFallback}
    }
    ${followsSystem} > * {
      color-scheme: dark;
    }
  }
  @supports (color: color-mix(in srgb, red 50%, blue)) {
    :host {
      ${lightMixed}
    }
    ${pinnedDark} {
      ${darkMixed}
    }
    @media (prefers-color-scheme: dark) {
      ${followsSystem} {
        ${darkMixed}
      }
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input {
    font: inherit;
  }
  button {
    cursor: pointer;
    border: 0;
    -webkit-appearance: none;
    appearance: none;
  }
  /* [tabindex]: the headline focus lands on after an action replaced the button (shared/focus-keeper.ts). */
  button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--_brand-ink);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    /* Not left to its static position, which follows the host's direction (the page's). */
    left: 0;
    top: 0;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
