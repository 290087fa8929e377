import { css } from 'lit';

/** The friend offer's own rules, after the card's: a Vant-like coupon with a stub, terms and an action. */
export const friendOfferStyles = css`
  :host([data-flock-empty]) {
    display: none;
  }
  .coupon {
    position: relative;
    display: flex;
    align-items: center;
    gap: 12px;
    min-height: 84px;
    padding: 10px 12px 10px 0;
    border-radius: var(--_radius-small);
    background: var(--_brand-soft);
    overflow: hidden;
  }
  /* The stub's perforation: two bites out of the coupon's edges where the stub ends. */
  .coupon::before,
  .coupon::after {
    content: '';
    position: absolute;
    left: 92px;
    width: 12px;
    height: 12px;
    border-radius: 50%;
    background: var(--_surface);
  }
  .coupon::before {
    top: -6px;
  }
  .coupon::after {
    bottom: -6px;
  }
  .stub {
    flex: none;
    width: 98px;
    align-self: stretch;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 2px;
    padding: 0 6px;
    color: var(--_brand-ink);
    border-right: 1px dashed var(--_border);
    border-right: 1px dashed color-mix(in srgb, var(--_brand) 35%, transparent);
    text-align: center;
  }
  .stub-amount {
    font-size: 24px;
    font-weight: 700;
    letter-spacing: -0.5px;
    line-height: 1.1;
    white-space: nowrap;
  }
  .stub-caption {
    font-size: 12px;
    line-height: 1.3;
  }
  /* A ticket: a rounded rectangle with a notch on each side. */
  .ticket {
    width: 34px;
    height: 24px;
    border-radius: 4px;
    background:
      radial-gradient(circle at 0 50%, transparent 5px, currentColor 5.5px) left / 51% 100% no-repeat,
      radial-gradient(circle at 100% 50%, transparent 5px, currentColor 5.5px) right / 51% 100% no-repeat;
  }
  .terms {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .coupon-title {
    font-size: 15px;
    line-height: 1.35;
  }
  .coupon-voucher {
    font-size: 14px;
    font-weight: 600;
    color: var(--_brand-ink);
  }
  .coupon-sub {
    font-size: 12px;
    color: var(--_text-2);
  }
  .claim {
    flex: none;
  }
  .coupon.past {
    background: var(--_surface-2);
  }
  .coupon.past .stub {
    color: var(--_text-2);
    border-right-color: var(--_border);
  }
  /* The rubber stamp of a used or expired coupon. */
  .stamp {
    flex: none;
    padding: 4px 8px;
    border: 2px solid var(--_text-2);
    border-radius: var(--_radius-tiny);
    color: var(--_text-2);
    font-size: 13px;
    font-weight: 700;
    transform: rotate(-12deg);
  }
  .code-row {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px 8px 8px 12px;
    border-radius: var(--_radius-small);
    border: 1px dashed var(--_border);
  }
  .code-label {
    font-size: 12px;
    color: var(--_text-2);
  }
  .code {
    flex: 1;
    font-size: 18px;
    font-weight: 700;
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
    letter-spacing: 2px;
    user-select: all;
    -webkit-user-select: all;
  }
  .copy.done {
    color: var(--_on-brand);
    background: var(--_success-fill);
  }
  .note {
    margin: 0;
    font-size: 12px;
    color: var(--_text-2);
    text-align: center;
  }
  .coupon-bone {
    width: 100%;
    height: 84px;
    border-radius: var(--_radius-small);
  }
`;
