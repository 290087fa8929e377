import { css } from 'lit';

/** Referral card rules on top of the shared card styles (shared/card.styles.ts). */
export const referralCardStyles = css`
  em {
    font-style: normal;
    font-weight: 700;
    color: var(--_brand-ink);
  }
  .earn-line {
    margin: 0;
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 6px;
  }
  .earn-badge {
    font-size: 12px;
    line-height: 18px;
    padding: 0 6px;
    border-radius: var(--_radius-tiny);
    font-weight: 600;
    color: var(--_brand-ink);
    border: 1px solid currentColor;
  }

  /* Join: the pitch, the three steps, the fine print. */
  .pitch-block {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 4px;
    text-align: center;
  }
  .rule {
    margin: 0;
    font-size: 18px;
    font-weight: 600;
    text-wrap: balance;
  }
  .rule em {
    font-size: 22px;
  }
  .about {
    margin: 0;
    font-size: 13px;
    color: var(--_text-2);
  }
  .pitch {
    margin: 0;
    font-size: 13px;
    color: var(--_text-2);
    text-wrap: balance;
  }
  .steps {
    list-style: none;
    margin: 0;
    padding: 12px 8px;
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 4px;
    border-radius: var(--_radius-inner);
    background: var(--_surface-2);
    counter-reset: none;
  }
  .step {
    position: relative;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 6px;
    font-size: 12px;
    line-height: 1.35;
    text-align: center;
    color: var(--_text);
  }
  /* A thin arrow between steps. */
  .step + .step::before {
    content: '';
    position: absolute;
    top: 11px;
    left: -6px;
    width: 7px;
    height: 7px;
    border-top: 1.5px solid var(--_text-3);
    border-right: 1.5px solid var(--_text-3);
    transform: rotate(45deg);
  }
  .step-n {
    width: 28px;
    height: 28px;
    border-radius: 50%;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    font-weight: 700;
    font-size: 14px;
    color: var(--_brand-ink);
    background: var(--_brand-soft);
  }
  .terms {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 12px;
    color: var(--_text-2);
    text-align: center;
  }
  .sign-in {
    margin: 0;
    font-size: 14px;
  }

  /* Promoter: the earnings panel, the counts, the link. */
  .earnings {
    display: flex;
    flex-direction: column;
    gap: 0;
    border-radius: var(--_radius-inner);
    overflow: hidden;
    border: 1px solid var(--_border);
  }
  .panel {
    padding: 14px 16px 12px;
    color: var(--_on-brand);
    background: linear-gradient(135deg, var(--_brand-2), var(--_brand));
  }
  .panel-title {
    margin: 0;
    font-size: 13px;
    font-weight: 600;
  }
  .available {
    margin: 6px 0 10px;
    display: flex;
    flex-direction: column;
  }
  .available-label {
    font-size: 12px;
  }
  .available-amount {
    font-size: 30px;
    line-height: 1.2;
    font-weight: 700;
    letter-spacing: -0.5px;
    font-variant-numeric: tabular-nums;
  }
  .figures,
  .counts {
    margin: 0;
    display: grid;
    grid-auto-columns: 1fr;
    grid-auto-flow: column;
  }
  .figures {
    padding-top: 10px;
    border-top: 1px solid rgb(255 255 255 / 0.35);
  }
  .figure,
  .count {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-width: 0;
  }
  .figure + .figure {
    padding-inline-start: 12px;
    border-inline-start: 1px solid rgb(255 255 255 / 0.35);
  }
  dt {
    font-size: 12px;
  }
  dd {
    margin: 0;
    font-size: 15px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .counts {
    padding: 10px 16px;
    background: var(--_surface);
  }
  .count {
    align-items: center;
    text-align: center;
  }
  .count + .count {
    border-inline-start: 1px solid var(--_border);
  }
  .count dt {
    color: var(--_text-2);
  }
  .count dd {
    font-size: 18px;
    color: var(--_text);
  }
  .link-box {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .link-label {
    margin: 0;
    font-size: 13px;
    font-weight: 500;
    color: var(--_text-2);
  }
  .link-row {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 6px 6px 12px;
    border-radius: var(--_radius-pill);
    background: var(--_surface-2);
  }
  .link-url {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 13px;
    color: var(--_text);
    user-select: all;
    -webkit-user-select: all;
  }
  .button.copy {
    flex: none;
    min-width: 84px;
    color: var(--_on-brand);
    background: var(--_brand);
  }
  .button.copy.done {
    color: var(--_success);
    background: var(--_surface);
    box-shadow: inset 0 0 0 1px currentColor;
  }
  .actions {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 10px;
  }
  .actions > .button {
    min-width: 0;
  }
  .body > .button {
    width: 100%;
  }
  a.button {
    text-decoration: none;
  }
  .button-icon {
    flex: none;
    width: 18px;
    height: 18px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
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

  /* The poster: the PNG itself (long-press saves or scans it in WeChat), then Download and Share. */
  .poster-panel {
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: 4px 12px 14px;
    border-radius: var(--_radius-inner);
    background: var(--_surface-2);
  }
  .poster-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    margin-inline-end: -8px;
  }
  .poster-title {
    margin: 0;
    font-size: 14px;
    font-weight: 600;
  }
  .poster-frame {
    align-self: center;
    width: min(100%, 280px);
    aspect-ratio: 375 / 672;
    border-radius: var(--_radius-small);
    overflow: hidden;
    background: #fff;
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.12);
  }
  .poster-frame.drawing {
    min-height: 300px; /* engines without aspect-ratio (Chrome < 88) */
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 12px;
    font-size: 13px;
    color: var(--_text-2);
    background: var(--_surface);
  }
  .poster {
    display: block;
    width: 100%;
    height: 100%;
    -webkit-touch-callout: default;
  }
  .poster-hint {
    margin: 0;
    text-align: center;
    font-size: 12px;
    color: var(--_text-2);
  }
  .close {
    width: 40px;
    height: 40px;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    border-radius: 50%;
    color: var(--_text-2);
    background: none;
  }
  .close svg {
    width: 20px;
    height: 20px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
  }
  .spinner {
    width: 28px;
    height: 28px;
    border-radius: 50%;
    border: 3px solid var(--_border);
    border-top-color: var(--_brand);
    animation: spin 0.8s linear infinite;
  }
  .bone.earnings-bone {
    width: 100%;
    height: 150px;
    border-radius: var(--_radius-inner);
  }
  .bone.button {
    flex: none;
    width: 100%;
    height: 44px;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
`;
