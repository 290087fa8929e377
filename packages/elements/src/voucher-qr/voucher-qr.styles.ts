import { css } from 'lit';

/** Voucher QR rules on top of the shared card styles (shared/card.styles.ts). */
export const voucherQrStyles = css`
  .card {
    max-width: 400px;
  }
  .voucher-header {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding-bottom: 12px;
    border-bottom: 1px dashed var(--_border);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    font-size: 13px;
    color: var(--_text-2);
  }
  .tag.uses {
    font-size: 12px;
    line-height: 18px;
    padding: 0 6px;
  }
  .qr-area {
    display: flex;
    justify-content: center;
  }
  .qr {
    width: min(240px, 70vw);
    aspect-ratio: 1;
    padding: 8px;
    border-radius: var(--_radius-small);
    /* Always white: a QR code must stay dark-on-light to scan, in the dark theme too. */
    background: #fff;
    border: 1px solid var(--_border);
  }
  .qr svg {
    display: block;
    width: 100%;
    height: 100%;
  }
  .qr.placeholder {
    background: linear-gradient(90deg, var(--_border) 25%, var(--_surface-2) 37%, var(--_border) 63%);
    background-size: 400% 100%;
    animation: shimmer 1.4s ease infinite;
  }
  .short-code {
    margin: 0;
    display: flex;
    justify-content: center;
    align-items: baseline;
    gap: 8px;
  }
  .short-code .label {
    font-size: 12px;
    color: var(--_text-2);
  }
  .short-code .digits {
    font-size: 20px;
    font-weight: 700;
    letter-spacing: 0.06em;
    font-variant-numeric: tabular-nums;
    color: var(--_text);
    user-select: all;
  }
  .hint {
    margin: 0;
    font-size: 12px;
    text-align: center;
    color: var(--_text-2);
  }
  .bone.qr {
    width: 240px;
    height: 240px;
    align-self: center;
  }
  .status-panel {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 4px;
    padding: 20px 12px;
    border-radius: var(--_radius-small);
    background: var(--_surface-2);
    text-align: center;
  }
  .status-title {
    font-size: 20px;
    font-weight: 700;
  }
  .status-detail {
    font-size: 13px;
    color: var(--_text-2);
  }
  .status-icon {
    width: 44px;
    height: 44px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: 24px;
    color: #fff;
    background: var(--_success-fill);
  }
  .status-panel.success .status-title {
    color: var(--_success);
  }
  .status-panel.muted .status-title {
    color: var(--_text-2);
  }
  /* Refunded is not "used up": the brand colour and an outline set it apart. */
  .status-panel.voided {
    background: transparent;
    border: 1px solid var(--_brand-ink);
  }
  .status-panel.voided .status-title {
    color: var(--_brand-ink);
  }
`;
