import { css } from 'lit';

/**
 * The leaderboard's own rules, after the card's: a Vant-like ranked list with medals for the top
 * three, a pill switch for the period and a notice-bar ticker of payouts.
 * @cssprop [--flock-medal-gold=#ffd666] - The first place's badge (its text stays dark: #6b4400).
 * @cssprop [--flock-medal-silver=#dfe4ec] - The second place's badge.
 * @cssprop [--flock-medal-bronze=#f5c9a6] - The third place's badge.
 */
export const promoterLeaderboardStyles = css`
  .board-header {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .trophy {
    width: 30px;
    height: 30px;
    flex: none;
    padding: 5px;
    border-radius: 50%;
    fill: var(--_on-brand);
    background: linear-gradient(135deg, var(--_brand-2), var(--_brand));
    box-shadow: 0 2px 6px var(--_brand-glow);
  }
  .board-header .title {
    font-size: 17px;
  }
  .ticker {
    position: relative;
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 36px;
    padding: 0 12px;
    border-radius: var(--_radius-pill);
    color: var(--_brand-ink);
    background: var(--_brand-soft);
    font-size: 13px;
    overflow: hidden;
  }
  /* A loudspeaker: a square and a cone. */
  .horn {
    flex: none;
    width: 14px;
    height: 12px;
    background: currentColor;
    clip-path: polygon(0 30%, 35% 30%, 100% 0, 100% 100%, 35% 70%, 0 70%);
  }
  .ticker-window {
    flex: 1;
    min-width: 0;
    height: 20px;
    overflow: hidden;
  }
  .ticker-line {
    display: block;
    line-height: 20px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    animation: ticker-in 0.45s ease-out;
  }
  .ticker-line.odd {
    animation-name: ticker-in-again;
  }
  @keyframes ticker-in-again {
    from {
      transform: translateY(100%);
      opacity: 0;
    }
    to {
      transform: none;
      opacity: 1;
    }
  }
  @keyframes ticker-in {
    from {
      transform: translateY(100%);
      opacity: 0;
    }
    to {
      transform: none;
      opacity: 1;
    }
  }
  .segments {
    display: flex;
    padding: 3px;
    border-radius: var(--_radius-pill);
    background: var(--_surface-2);
    border: 1px solid var(--_border);
  }
  .segment {
    position: relative;
    flex: 1;
    min-height: 36px;
    display: flex;
    align-items: center;
    justify-content: center;
    border-radius: var(--_radius-pill);
    font-size: 14px;
    color: var(--_text-2);
  }
  .segment.on {
    color: var(--_on-brand);
    font-weight: 600;
    background: linear-gradient(to right, var(--_brand-2), var(--_brand));
    box-shadow: 0 2px 6px var(--_brand-glow);
  }
  /* The radio is the whole segment, so its focus ring is the segment's. */
  .segment input {
    position: absolute;
    inset: 0;
    margin: 0;
    border-radius: inherit;
    -webkit-appearance: none;
    appearance: none;
    cursor: pointer;
  }
  .segment span {
    position: relative;
    pointer-events: none;
  }
  .rows {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 52px;
    padding: 6px 4px;
    border-bottom: 1px solid var(--_border);
  }
  .row:last-child {
    border-bottom: 0;
  }
  .medal {
    flex: none;
    width: 26px;
    height: 26px;
    border-radius: 50%;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    font-size: 13px;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .medal.plain {
    color: var(--_text-2);
  }
  .medal.gold {
    color: #6b4400;
    background: var(--flock-medal-gold, #ffd666);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--flock-medal-gold, #ffd666) 35%, transparent);
  }
  .medal.silver {
    color: #3f4654;
    background: var(--flock-medal-silver, #dfe4ec);
  }
  .medal.bronze {
    color: #6e3512;
    background: var(--flock-medal-bronze, #f5c9a6);
  }
  .row .avatar {
    width: 36px;
    height: 36px;
    font-size: 15px;
    flex: none;
    color: var(--_brand-ink);
    background: var(--_brand-soft);
  }
  .row.gold .avatar {
    color: var(--_on-brand);
    background: linear-gradient(135deg, var(--_brand-2), var(--_brand));
  }
  .name {
    flex: 1;
    min-width: 0;
    font-size: 15px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .amount {
    flex: none;
    font-size: 15px;
    font-weight: 600;
    color: var(--_brand-ink);
    font-variant-numeric: tabular-nums;
  }
  .row.gold .amount {
    font-size: 17px;
    font-weight: 700;
  }
  .row-bone {
    width: 100%;
    height: 40px;
  }
  .empty-note {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 6px;
    padding: 24px 12px 12px;
    text-align: center;
    font-size: 13px;
    color: var(--_text-2);
  }
  .empty-note strong {
    font-size: 15px;
    color: var(--_text);
    text-wrap: balance;
  }
  /* A podium with nobody on it yet. */
  .empty-icon {
    width: 60px;
    height: 36px;
    margin-bottom: 6px;
    background:
      linear-gradient(var(--_border), var(--_border)) 0 100% / 18px 20px no-repeat,
      linear-gradient(var(--_brand-soft), var(--_brand-soft)) 50% 100% / 20px 36px no-repeat,
      linear-gradient(var(--_border), var(--_border)) 100% 100% / 18px 14px no-repeat;
    border-radius: var(--_radius-tiny);
  }
`;
