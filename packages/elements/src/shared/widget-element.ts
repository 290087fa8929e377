import { type ClientCore, FlockError } from '@flock/sdk';
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { parseStringOverrides, type StringOverrides } from '../i18n/localize.js';
import { type FlockContext, flockContext } from './context.js';
import { FlockErrorEvent } from './events.js';
import { ServerClock } from './server-clock.js';

/**
 * What every Flock widget opens with: the theme and language properties, the provider's client and
 * settings, and the busy / error / notice state of a shopper's action. Each widget adds its own
 * states, template and `settings` (a SettingsController with the widget's strings).
 */
export abstract class FlockWidgetElement extends LitElement {
  /** light or dark; unset takes the provider's `theme`, else follows prefers-color-scheme. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** zh-CN, zh-TW or en (any BCP 47 tag); unset takes the provider's, else the page's `lang`. */
  @property() locale = '';
  /**
   * The merchant's wording per locale, over the provider's: `{"en": {"startGroup": "Team up"}}` as a
   * JSON attribute or an object (keys: src/<name>/<name>.strings.ts and src/i18n/common.strings.ts).
   * Invalid JSON is ignored with a console warning.
   */
  @property({ converter: { fromAttribute: parseStringOverrides } }) strings?: StringOverrides;

  @consume({ context: flockContext, subscribe: true })
  @state()
  protected context: FlockContext | undefined;
  /** Countdowns on the server's clock rather than the phone's. */
  protected readonly clock = new ServerClock();

  /** An action is running: its buttons are disabled and another tap is ignored. */
  @state() protected busy = false;
  /** The error code of the last action that failed; the card shows its message. */
  @state() protected actionError: string | undefined;
  @state() protected notice: string | undefined;

  protected get client(): ClientCore | undefined {
    return this.context?.client;
  }

  /** The provider has a shopper token (the shop's backend signed the shopper in). */
  protected get signedIn(): boolean {
    return Boolean(this.client?.shopperToken);
  }

  /**
   * Runs one shopper action with the provider's client, one at a time: the last error and notice
   * clear, and a failure becomes `actionError` and a `flock-error` event (then `actionFailed()`).
   */
  protected async run(action: (client: ClientCore) => Promise<void>): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    this.busy = true;
    this.actionError = undefined;
    this.notice = undefined;
    try {
      await action(client);
    } catch (error) {
      this.fail(error instanceof FlockError ? error.code : 'unknown', error);
      this.actionFailed();
    } finally {
      this.busy = false;
    }
  }

  /** Shows `code`'s message on the card and tells the page. */
  protected fail(code: string, error: unknown): void {
    this.actionError = code;
    this.dispatchEvent(new FlockErrorEvent(code, error instanceof Error ? error.message : String(error)));
  }

  /** Called after an action of `run` failed, e.g. to refetch a resource that changed under the shopper. */
  protected actionFailed(): void {}
}
