import { css } from 'lit';

/** Dark-scheme defaults, for a pinned theme="dark" and for prefers-color-scheme alike. */
const darkTokens = css`
  --_brand-ink: var(--flock-color-brand-text, #ff6b78);
  --_success: var(--flock-color-success, #43cf7c);
  --_text: var(--flock-color-text, #f5f5f5);
  --_text-2: var(--flock-color-text-2, #c8c9cc);
  --_text-3: var(--flock-color-text-3, #a0a1a6);
  --_surface: var(--flock-color-surface, #1c1c1e);
  --_surface-2: var(--flock-color-surface-2, #2c2c2e);
  --_border: var(--flock-color-border, #3a3a3c);
  --_brand-soft: var(--flock-color-brand-soft, #3a1d1f);
`;

/**
 * The public theme: every knob is a --flock-* custom property (defaults here), mapped to private
 * --_ variables the element styles use. `all: initial` keeps the page's CSS from leaking in.
 */
export const themeStyles = css`
  :host {
    all: initial;
    display: block;
    contain: content;
    /* Defaults meet WCAG AA contrast (4.5:1) in light and dark. */
    --_brand: var(--flock-color-brand, #e0061d);
    --_brand-2: var(--flock-color-brand-2, #d9361a);
    --_brand-ink: var(--flock-color-brand-text, var(--_brand));
    --_on-brand: var(--flock-color-on-brand, #fff);
    --_success: var(--flock-color-success, #057a3d);
    --_text: var(--flock-color-text, #323233);
    --_text-2: var(--flock-color-text-2, #646566);
    --_text-3: var(--flock-color-text-3, #6b6c70);
    --_surface: var(--flock-color-surface, #fff);
    --_surface-2: var(--flock-color-surface-2, #f7f8fa);
    --_border: var(--flock-color-border, #ebedf0);
    --_brand-soft: var(--flock-color-brand-soft, #fff1f0);
    --_radius: var(--flock-radius, 12px);
    --_font: var(--flock-font, -apple-system, BlinkMacSystemFont, 'Helvetica Neue', Helvetica, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', Arial, sans-serif);
    font-family: var(--_font);
    font-size: var(--flock-font-size, 14px);
    line-height: 1.5;
    color: var(--_text);
    -webkit-tap-highlight-color: transparent;
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
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
  button {
    font: inherit;
    cursor: pointer;
    border: 0;
    -webkit-appearance: none;
    appearance: none;
  }
  button:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--_brand);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
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
