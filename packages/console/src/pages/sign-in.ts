import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { errorCode } from '../forms.js';
import { $t, errorText } from '../i18n.js';
import { client, go } from '../stores.js';
import { consoleStyles } from '../styles.js';

@customElement('flock-console-sign-in')
export class FlockConsoleSignIn extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  @state() private busy = false;
  @state() private error = '';

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      await client.signIn(String(data.get('email') ?? ''), String(data.get('password') ?? ''));
      go('#/offers');
    } catch (error) {
      this.error = errorText(this.#t.value, errorCode(error));
    } finally {
      this.busy = false;
    }
  };

  override render() {
    const t = this.#t.value;
    return html`<form class="card form" style="width:min(400px,92vw)" @submit=${this.#submit} novalidate>
      <h1>${t('signIn.title')}</h1>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : ''}
      <label>${t('signIn.email')}<input name="email" type="email" autocomplete="username" required /></label>
      <label>${t('signIn.password')}<input name="password" type="password" autocomplete="current-password" required /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>${t('signIn.submit')}</button>
    </form>`;
  }
}
