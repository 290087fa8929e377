import { css } from 'lit';

/** Scanner rules on top of the shared card styles: a counter device, so everything is large. */
export const voucherScannerStyles = css`
  .card {
    max-width: 480px;
  }
  .camera {
    position: relative;
    overflow: hidden;
    border-radius: var(--_radius-small);
    background: #000;
    aspect-ratio: 4 / 3;
  }
  .camera[hidden] {
    display: none;
  }
  video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .viewfinder {
    position: absolute;
    inset: 15% 25%;
    border: 3px solid rgb(255 255 255 / 0.85);
    border-radius: var(--_radius);
    box-shadow: 0 0 0 9999px rgb(0 0 0 / 0.35);
    pointer-events: none;
  }
  .camera-hint {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 8px;
    margin: 0;
    text-align: center;
    font-size: 13px;
    color: #fff;
    text-shadow: 0 1px 2px #000;
  }
  .camera-actions {
    display: flex;
    justify-content: flex-end;
  }
  .result-slot:empty {
    display: none;
  }
  .result {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 4px;
    padding: 20px 12px;
    border-radius: var(--_radius);
    text-align: center;
  }
  .result.pending {
    color: var(--_text-2);
    background: var(--_surface-2);
    font-size: 16px;
  }
  /* Filled panels in both schemes: AA with their text (#057a3d and #e0061d with #fff are above 4.5:1). */
  .result.success {
    color: #fff;
    background: var(--_success-fill);
  }
  .result.failure {
    color: var(--_on-brand);
    background: var(--_brand);
  }
  .result-icon {
    width: 48px;
    height: 48px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: 28px;
    font-weight: 700;
    background: rgb(255 255 255 / 0.2);
  }
  .result-title {
    font-size: 24px;
    font-weight: 700;
    line-height: 1.3;
  }
  .result-detail {
    font-size: 15px;
  }
  .manual {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .manual-label {
    font-size: 13px;
    font-weight: 500;
    color: var(--_text-2);
  }
  .manual-row {
    display: flex;
    gap: 8px;
  }
  input {
    flex: 1;
    min-width: 0;
    min-height: 44px;
    padding: 0 12px;
    font: inherit;
    font-size: 16px;
    color: var(--_text);
    background: var(--_surface-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-small);
  }
  input::placeholder {
    color: var(--_text-3);
  }
  input:focus-visible {
    outline: 2px solid var(--_brand-ink);
    outline-offset: 1px;
  }
  .manual-row .button {
    flex: none;
  }
`;
