import { css } from 'lit';

/** Group-buy rules on top of the shared card styles (shared/card.styles.ts). */
export const groupBuyStyles = css`
  .hint {
    margin: 0 0 8px;
    font-size: 12px;
    color: var(--_text-2);
  }
  .actions {
    display: flex;
    gap: 8px;
  }
  .actions .button {
    flex: 1;
    min-width: 0;
    padding: 0 12px;
    white-space: nowrap;
  }
  /* Price over label, as in Pinduoduo: fits half a phone's width in every language. */
  .button.stacked {
    flex-direction: column;
    gap: 0;
    min-height: 50px;
    line-height: 1.25;
  }
  .button.stacked .button-label {
    font-size: 13px;
    font-weight: 500;
  }
  .team-list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .team-row {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 10px 0;
    border-bottom: 1px solid var(--_border);
  }
  .team-row:last-child {
    border-bottom: 0;
  }
  .team-name {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 500;
  }
  .team-meta {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    font-size: 12px;
  }
  .need {
    color: var(--_text);
  }
  .need,
  .small {
    white-space: nowrap;
  }
  .countdown.small {
    color: var(--_text-3);
  }
  .countdown-line {
    margin: 0;
    text-align: center;
    font-size: 28px;
    font-weight: 600;
  }
  .team {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 8px;
  }
  .avatars {
    list-style: none;
    margin: 0;
    padding: 8px 0 4px;
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 14px;
  }
  .avatar-wrap {
    position: relative;
    display: inline-block;
  }
  .avatar.held {
    color: var(--_brand-ink);
    border: 1.5px solid var(--_brand-ink);
    background: var(--_brand-soft);
  }
  .avatar.empty {
    color: var(--_text-3);
    border: 1.5px dashed var(--_text-3);
    background: var(--_surface-2);
  }
  .team-row .avatar {
    width: 36px;
    height: 36px;
    font-size: 15px;
  }
  .badge {
    position: absolute;
    left: 50%;
    bottom: -6px;
    transform: translateX(-50%);
    font-size: 10px;
    line-height: 14px;
    padding: 0 4px;
    border-radius: var(--_radius-pill);
    color: var(--_on-brand);
    background: var(--_brand);
    white-space: nowrap;
    /* A ring in the card's colour keeps the badge apart from a red avatar. */
    box-shadow: 0 0 0 1.5px var(--_surface);
  }
  .progress-line {
    margin: 0;
    display: flex;
    gap: 6px;
    font-size: 13px;
    color: var(--_text-2);
  }
`;
