import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { FormSubmission } from '../forms.js';
import { $t } from '../i18n.js';
import { client, go } from '../stores.js';
import { consoleStyles } from '../styles.js';

@customElement('flock-console-sign-in')
export class FlockConsoleSignIn extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #form = new FormSubmission(this);

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const signedIn = await this.#form.run(this.#t.value, () =>
      client.signIn(String(data.get('email') ?? ''), String(data.get('password') ?? '')),
    );
    if (signedIn) go('#/'); // the first page of the table: where a merchant lands
  };

  override render() {
    const t = this.#t.value;
    return html`<form class="card form" style="width:min(400px,92vw)" @submit=${this.#submit} novalidate>
      <h1>${t('signIn.title')}</h1>
      ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
      <label>${t('signIn.email')}<input name="email" type="email" autocomplete="username" required /></label>
      <label>${t('signIn.password')}<input name="password" type="password" autocomplete="current-password" required /></label>
      <button class="primary" type="submit" ?disabled=${this.#form.busy}>${t('signIn.submit')}</button>
    </form>`;
  }
}
