import { css } from 'lit';

/** Voucher list rules on top of the shared card styles (shared/card.styles.ts). */
export const voucherListStyles = css`
  .list-header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 8px;
  }
  .title {
    font-size: 17px;
  }
  .count {
    font-size: 13px;
    color: var(--_brand-ink);
  }
  .section {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .coupons {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  /* A coupon: a stub and the terms, with a dashed tear line between them (Vant's coupon). */
  .coupon {
    display: flex;
    align-items: center;
    gap: 12px;
    padding-right: 12px;
    min-height: 84px;
    border-radius: var(--_radius-inner);
    background: var(--_surface);
    box-shadow: 0 0 0 1px var(--_border);
    overflow: hidden;
  }
  .stub {
    align-self: stretch;
    width: 76px;
    flex: none;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 2px;
    padding: 0 4px;
    text-align: center;
    color: var(--_on-brand);
    background: linear-gradient(to bottom, var(--_brand-2), var(--_brand));
    border-right: 2px dashed var(--_surface);
  }
  .stub-count {
    font-size: 26px;
    font-weight: 700;
    line-height: 1;
    font-variant-numeric: tabular-nums;
  }
  .stub-caption {
    font-size: 11px;
    line-height: 1.3;
  }
  .terms {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 4px;
    padding: 10px 0;
  }
  .coupon-title {
    font-size: 15px;
    font-weight: 600;
    line-height: 1.4;
    overflow-wrap: anywhere;
  }
  .validity,
  .past-status {
    font-size: 12px;
    color: var(--_text-2);
  }
  .coupon .button {
    flex: none;
  }
  .coupon.past .stub {
    color: var(--_text-2);
    background: var(--_surface-2);
    border-right-color: var(--_border);
  }
  .coupon.past .coupon-title {
    color: var(--_text-2);
  }
  .empty-note {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 6px;
    padding: 28px 12px;
    text-align: center;
    font-size: 13px;
    color: var(--_text-2);
  }
  .empty-note strong {
    font-size: 15px;
    color: var(--_text);
  }
  .empty-icon {
    width: 56px;
    height: 40px;
    margin-bottom: 6px;
    border-radius: var(--_radius-small);
    border: 2px dashed var(--_border);
  }
  .back {
    align-self: flex-start;
    min-height: 44px;
    padding: 0 4px;
    font-size: 14px;
    color: var(--_text-2);
    background: transparent;
  }
  /* The opened voucher's card sits inside this one: no second frame. */
  .qr-card::part(base) {
    padding: 0;
    max-width: none;
    box-shadow: none;
    background: transparent;
  }
  .bone.coupon {
    height: 84px;
    width: 100%;
  }
`;
