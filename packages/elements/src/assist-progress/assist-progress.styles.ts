import { css } from 'lit';

/** Assist rules on top of the shared card styles (shared/card.styles.ts). */
export const assistProgressStyles = css`
  .reward {
    margin: 0;
    display: flex;
    align-items: flex-start;
    gap: 4px;
    font-size: 12px;
    line-height: 1.45;
    color: var(--_text-2);
  }
  .gift {
    flex: none;
    width: 14px;
    height: 14px;
    margin-top: 2px;
    fill: none;
    stroke: var(--_brand-ink);
    stroke-width: 1.8;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  em {
    font-style: normal;
    font-weight: 700;
    color: var(--_brand-ink);
  }
  .pitch {
    margin: 0;
    text-align: center;
    text-wrap: balance;
    font-size: 15px;
    color: var(--_text);
  }
  .owner {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 8px;
  }
  .owner-line {
    margin: 0;
    text-align: center;
    text-wrap: balance;
    font-size: 16px;
    font-weight: 600;
  }
  .avatar.large {
    width: 56px;
    height: 56px;
    font-size: 22px;
    /* A ring in the brand's soft tint, as shop apps mark the person asking. */
    box-shadow:
      0 0 0 2px var(--_surface),
      0 0 0 4px var(--_brand-soft);
  }
  .avatar.small {
    width: 32px;
    height: 32px;
    font-size: 14px;
    flex: none;
  }
  .progress {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .progress-text {
    margin: 0;
    text-align: center;
    font-size: 16px;
    font-weight: 600;
  }
  .progress-text em {
    font-size: 18px;
  }
  .bar svg {
    display: block;
  }
  .track {
    fill: var(--_brand-soft);
  }
  .stop-start {
    stop-color: var(--_brand-2);
  }
  .stop-end {
    stop-color: var(--_brand);
  }
  /* The width is an SVG attribute (no inline styles under a strict CSP); Chromium and Firefox animate it as the geometry property. */
  .fill {
    transition: width 0.6s cubic-bezier(0.22, 1, 0.36, 1);
  }
  .bar-ends {
    margin: -2px 0 0;
    display: flex;
    justify-content: space-between;
    font-size: 12px;
    color: var(--_text-3);
  }
  .deadline {
    margin: 0;
    text-align: center;
    font-size: 13px;
    color: var(--_text-2);
  }
  .countdown {
    color: var(--_text);
    white-space: nowrap;
  }
  .digits {
    display: inline-block;
    min-width: 24px;
    margin: 0 3px;
    padding: 0 3px;
    border-radius: var(--_radius-tiny);
    line-height: 20px;
    text-align: center;
    font-size: 13px;
    font-weight: 600;
    color: var(--_surface);
    background: var(--_text);
  }
  .status .countdown {
    color: inherit;
  }
  /* The card's own colour on the success green: AA in light (white on dark green) and dark (near-black on light green). */
  .status .digits {
    font-size: 14px;
    line-height: 22px;
    color: var(--_surface);
    background: var(--_success);
  }
  .button {
    width: 100%;
  }
  /* Done or not possible (helped, today's helps used up): a quiet grey pill, not a faded red one. */
  .button.primary[disabled] {
    opacity: 1;
    color: var(--_text-3);
    background: var(--_surface-2);
    box-shadow: none;
    animation: none;
  }
  .button.help {
    min-height: 48px;
    font-size: 17px;
    box-shadow: 0 4px 12px var(--_brand-glow);
    animation: nudge 1.6s ease-in-out infinite;
  }
  .button-icon {
    width: 18px;
    height: 18px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .button-price {
    margin-inline-start: 2px;
  }
  .wechat-hint {
    margin: 0;
    min-height: 44px;
    padding: 0 16px;
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    border-radius: var(--_radius-pill);
    border: 1px dashed currentColor;
    color: var(--_brand-ink);
    background: var(--_brand-soft);
    font-size: 14px;
    font-weight: 600;
  }
  .arrow {
    width: 18px;
    height: 18px;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2.2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .helpers {
    margin-top: 16px;
    padding-top: 12px;
    border-top: 1px solid var(--_border);
  }
  .helpers .section-title {
    margin: 0 0 4px;
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .count {
    min-width: 18px;
    padding: 0 5px;
    border-radius: var(--_radius-pill);
    line-height: 18px;
    font-size: 11px;
    text-align: center;
    color: var(--_brand-ink);
    background: var(--_brand-soft);
  }
  .helper-list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .helper {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px 0;
    border-bottom: 1px solid var(--_border);
  }
  .helper:last-child {
    border-bottom: 0;
  }
  .helper-name {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .helper-amount {
    flex: none;
    font-size: 13px;
    font-weight: 500;
    color: var(--_brand-ink);
  }
  .empty {
    margin: 8px 0 4px;
    text-align: center;
    font-size: 13px;
    color: var(--_text-3);
  }
  .link {
    display: block;
    width: 100%;
    min-height: 40px;
    background: none;
    color: var(--_text-2);
    font-size: 13px;
  }
  .bone.headline {
    width: 50%;
    height: 20px;
    margin: 4px auto 0;
  }
  .bone.bar {
    width: 100%;
    height: 10px;
    border-radius: var(--_radius-pill);
  }
  .bone.button {
    flex: none;
    width: 100%;
    height: 44px;
  }
  @keyframes nudge {
    0%,
    100% {
      transform: scale(1);
    }
    50% {
      transform: scale(1.03);
    }
  }
`;
