import { html, nothing } from 'lit';
import type { Translate } from '../i18n/localize.js';
import { alertMessage } from './card-messages.js';

/** Load errors that a retry cannot fix: no "try again" button for them. */
export const PERMANENT_LOAD_ERRORS: ReadonlySet<string> = new Set(['not_found', 'origin_not_allowed', 'invalid_key']);

/** The translated load-error message every widget shows, with a retry button when retrying can help. */
export function renderLoadError(
  message: string,
  code: string,
  t: Translate,
  retry: () => void,
  permanent = PERMANENT_LOAD_ERRORS,
) {
  return html`${alertMessage(message)}
    ${permanent.has(code) ? nothing : html`<button part="button" class="button secondary" @click=${retry}>${t('retry')}</button>`}`;
}
