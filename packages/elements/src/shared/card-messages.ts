import { html, nothing } from 'lit';

/** A message the shopper must hear at once (an error): announced as an alert. */
export const alertMessage = (text: string) => html`<p class="message error" part="message" role="alert">${text}</p>`;

/** A passing notice under the card's body, if there is one. */
export const noticeMessage = (text: string | undefined) =>
  text ? html`<p class="message notice" part="message">${text}</p>` : nothing;

/**
 * The widget's one polite live region. Where the card sets aria-busy while loading, it goes outside
 * the card, or aria-busy would hold the announcements back.
 */
export const statusRegion = (text: string) => html`<p class="visually-hidden" role="status">${text}</p>`;
