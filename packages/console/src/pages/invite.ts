import { AcceptInviteRequest } from '@flock/protocol';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { errorCode, type FieldErrors, fieldErrors } from '../forms.js';
import { $t, errorText } from '../i18n.js';
import { client, go } from '../stores.js';
import { consoleStyles } from '../styles.js';

/** The page an invite link opens: a name and a password make the login, checked with the contract's schema. */
@customElement('flock-console-invite')
export class FlockConsoleInvite extends LitElement {
  static override styles = consoleStyles;
  @property() token = '';
  readonly #t = new StoreController(this, $t);
  @state() private busy = false;
  @state() private error = '';
  @state() private fields: FieldErrors = {};

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const input = { token: this.token, name: String(data.get('name') ?? ''), password: String(data.get('password') ?? '') };
    const parsed = z.safeParse(AcceptInviteRequest, input);
    this.fields = parsed.success ? {} : fieldErrors(this.#t.value, parsed.error.issues);
    if (!parsed.success) {
      if (this.fields.token) this.error = errorText(this.#t.value, 'invite_invalid');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      await client.acceptInvite(parsed.data.token, parsed.data.name, parsed.data.password);
      go('#/offers');
    } catch (error) {
      this.error = errorText(this.#t.value, errorCode(error));
    } finally {
      this.busy = false;
    }
  };

  override render() {
    const t = this.#t.value;
    const field = (name: 'name' | 'password', label: string, type: string, autocomplete: string) =>
      html`<label
        >${label}<input
          name=${name}
          type=${type}
          autocomplete=${autocomplete}
          aria-invalid=${this.fields[name] ? 'true' : 'false'}
          aria-describedby="${name}-error"
        /><span class="field-error" id="${name}-error">${this.fields[name] ?? ''}</span></label
      >`;
    return html`<form class="card form" style="width:min(420px,92vw)" @submit=${this.#submit} novalidate>
      <h1>${t('invite.title')}</h1>
      <p class="muted">${t('invite.lead')}</p>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : ''}
      ${field('name', t('invite.name'), 'text', 'name')} ${field('password', t('invite.password'), 'password', 'new-password')}
      <button class="primary" type="submit" ?disabled=${this.busy}>${t('invite.submit')}</button>
    </form>`;
  }
}
