import { css } from 'lit';

/**
 * What every Flock card widget looks like: the card, the product header, prices, buttons, status
 * lines, messages, avatars and the loading skeleton. Widgets add their own rules after these.
 */
export const cardStyles = css`
  .card {
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: 16px;
    max-width: 560px;
    box-shadow: 0 2px 12px rgb(100 101 102 / 0.08);
  }
  .header {
    display: flex;
    gap: 12px;
    padding-bottom: 12px;
    border-bottom: 1px solid var(--_border);
    margin-bottom: 12px;
  }
  .image {
    width: 88px;
    height: 88px;
    border-radius: var(--_radius-inner);
    object-fit: cover;
    flex: none;
    background: var(--_surface-2);
  }
  .summary {
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .title {
    margin: 0;
    font-size: 15px;
    font-weight: 600;
    line-height: 1.4;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .prices {
    display: flex;
    align-items: baseline;
    flex-wrap: wrap;
    gap: 6px;
  }
  .tag {
    font-size: 11px;
    line-height: 16px;
    padding: 0 5px;
    border-radius: var(--_radius-tiny);
    color: var(--_on-brand);
    background: var(--_brand);
    align-self: center;
  }
  .price-label {
    font-size: 12px;
    color: var(--_brand-ink);
  }
  .price {
    font-size: 22px;
    font-weight: 700;
    color: var(--_brand-ink);
    letter-spacing: -0.5px;
  }
  .regular {
    font-size: 12px;
    color: var(--_text-2);
  }
  .body {
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  .button {
    min-height: 44px;
    padding: 0 16px;
    border-radius: var(--_radius-pill);
    font-size: 15px;
    font-weight: 600;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    transition: opacity 0.2s, transform 0.1s;
  }
  .button:active:not([disabled]) {
    transform: scale(0.98);
    opacity: 0.9;
  }
  .button[disabled] {
    opacity: 0.5;
    cursor: default;
  }
  .button.primary {
    color: var(--_on-brand);
    background: linear-gradient(to right, var(--_brand-2), var(--_brand));
  }
  .button.secondary {
    color: var(--_brand-ink);
    background: var(--_brand-soft);
  }
  .button.small {
    min-height: 32px;
    padding: 0 14px;
    font-size: 13px;
  }
  .button-price {
    font-weight: 700;
    font-size: 16px;
  }
  .section-title {
    margin: 4px 0 0;
    font-size: 13px;
    font-weight: 500;
    color: var(--_text-2);
  }
  .countdown {
    font-variant-numeric: tabular-nums;
    color: var(--_brand-ink);
  }
  .status {
    display: block;
    text-wrap: balance;
    margin: 4px 0 0;
    font-size: 16px;
    font-weight: 600;
    text-align: center;
  }
  .status.success {
    color: var(--_success);
  }
  .status.failure {
    color: var(--_text-2);
  }
  .icon {
    display: inline-block;
    vertical-align: -5px;
    margin-inline-end: 8px;
    width: 22px;
    height: 22px;
    fill: currentColor;
    stroke: var(--_surface);
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .avatar {
    width: 44px;
    height: 44px;
    border-radius: 50%;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    object-fit: cover;
    font-weight: 600;
    font-size: 17px;
    vertical-align: middle;
  }
  .avatar.initial {
    color: var(--_on-brand);
    background: linear-gradient(135deg, var(--_brand-2), var(--_brand));
  }
  .message {
    margin: 8px 0 0;
    padding: 8px 12px;
    border-radius: var(--_radius-small);
    font-size: 13px;
    text-align: center;
  }
  .body > .message:first-child {
    margin-top: 0;
  }
  /* An outline, not a fill, so the error never looks like one more button. */
  .message.error {
    color: var(--_brand-ink);
    border: 1px solid currentColor;
  }
  .message.notice {
    color: var(--_text);
    background: var(--_surface-2);
  }
  .skeleton {
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .skeleton-header {
    display: flex;
    gap: 12px;
    padding-bottom: 12px;
    border-bottom: 1px solid var(--_border);
  }
  .skeleton-lines {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding-top: 4px;
  }
  .bone {
    height: 16px;
    width: 60%;
    border-radius: var(--_radius-tiny);
    background: linear-gradient(90deg, var(--_border) 25%, var(--_surface-2) 37%, var(--_border) 63%);
    background-size: 400% 100%;
    animation: shimmer 1.4s ease infinite;
  }
  .bone.wide {
    width: 90%;
  }
  .bone.short {
    width: 35%;
  }
  .bone.image {
    width: 88px;
    height: 88px;
    flex: none;
    border-radius: var(--_radius-inner);
  }
  .bone.button {
    height: 50px;
    flex: 1;
    border-radius: var(--_radius-pill);
  }
  @keyframes shimmer {
    0% {
      background-position: 100% 50%;
    }
    100% {
      background-position: 0 50%;
    }
  }
`;
