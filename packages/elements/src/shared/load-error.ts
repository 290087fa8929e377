import { html, nothing } from 'lit';
import type { CommonKey } from '../i18n/common.strings.js';
import type { Translate } from '../i18n/localize.js';
import { alertMessage } from './card-messages.js';

/** Load errors that a retry cannot fix: no "try again" button for them. */
export const PERMANENT_LOAD_ERRORS: ReadonlySet<string> = new Set(['not_found', 'origin_not_allowed', 'invalid_key']);

/**
 * The developer's half of a set-up error: the shopper reads "This page is not allowed…", the console
 * says what to change. Keys are never printed (a staff key is a secret).
 */
const setupHints: Record<string, () => string> = {
  origin_not_allowed: () =>
    `Flock: this page's origin, ${globalThis.location?.origin}, is not one of the merchant's allowed origins, so the ` +
    `Flock server refused it (403 origin_not_allowed). Add "${globalThis.location?.origin}" to the merchant's origins ` +
    '(PATCH /v1/merchant with the secret key, from your backend) and reload.',
  invalid_key: () =>
    'Flock: the Flock server refused the API key (401 invalid_key: unknown, malformed or rolled more than 24 h ago). ' +
    "Check <flock-provider>'s publishable-key (or the scanner's staff-key) and its api.",
};
const hinted = new Set<string>();

/** Tells the developer, once per page and code, how to fix an error that the page's set-up causes. */
export function hintSetupError(code: string): void {
  const hint = setupHints[code];
  if (!hint || hinted.has(code)) return;
  hinted.add(code);
  console.warn(hint());
}

/** The translated load-error message every widget shows, with a retry button when retrying can help. */
export function renderLoadError(
  message: string,
  code: string,
  t: Translate<CommonKey>,
  retry: () => void,
  permanent = PERMANENT_LOAD_ERRORS,
) {
  hintSetupError(code);
  return html`${alertMessage(message)}
    ${permanent.has(code) ? nothing : html`<button part="button" class="button secondary" @click=${retry}>${t('retry')}</button>`}`;
}
