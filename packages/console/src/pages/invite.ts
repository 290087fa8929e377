import { AcceptInviteRequest } from '@flock/protocol';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { FormSubmission, fieldErrors } from '../forms.js';
import { $t, errorText } from '../i18n.js';
import { client, go } from '../stores.js';
import { consoleStyles } from '../styles.js';

/** The page an invite link opens: a name and a password make the login, checked with the contract's schema. */
@customElement('flock-console-invite')
export class FlockConsoleInvite extends LitElement {
  static override styles = consoleStyles;
  @property() token = '';
  readonly #t = new StoreController(this, $t);
  readonly #form = new FormSubmission(this);

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const input = { token: this.token, name: String(data.get('name') ?? ''), password: String(data.get('password') ?? '') };
    const parsed = z.safeParse(AcceptInviteRequest, input);
    if (!parsed.success) {
      const fields = fieldErrors(this.#t.value, parsed.error.issues);
      this.#form.refuse(fields, fields.token ? errorText(this.#t.value, 'invite_invalid') : '');
      return;
    }
    const { token, name, password } = parsed.data;
    if (await this.#form.run(this.#t.value, () => client.acceptInvite(token, name, password))) go('#/'); // the first page of the table: where a merchant lands
  };

  override render() {
    const t = this.#t.value;
    const field = (name: 'name' | 'password', label: string, type: string, autocomplete: string) =>
      html`<label
        >${label}<input
          name=${name}
          type=${type}
          autocomplete=${autocomplete}
          aria-invalid=${this.#form.fields[name] ? 'true' : 'false'}
          aria-describedby="${name}-error"
        /><span class="field-error" id="${name}-error">${this.#form.fields[name] ?? ''}</span></label
      >`;
    return html`<form class="card form" style="width:min(420px,92vw)" @submit=${this.#submit} novalidate>
      <h1>${t('invite.title')}</h1>
      <p class="muted">${t('invite.lead')}</p>
      ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
      ${field('name', t('invite.name'), 'text', 'name')} ${field('password', t('invite.password'), 'password', 'new-password')}
      <button class="primary" type="submit" ?disabled=${this.#form.busy}>${t('invite.submit')}</button>
    </form>`;
  }
}
