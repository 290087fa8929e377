import { CreateInviteRequest, type Invite, Origin, type RolledKey } from '@flock/protocol';
import { inviteToConsole, rollKeys } from '@flock/protocol/routes';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { formatDateTime } from '../format.js';
import { errorCode } from '../forms.js';
import { $locale, $t, errorText } from '../i18n.js';
import { $merchant, client, loadMerchant, saveOrigins } from '../stores.js';
import { consoleStyles } from '../styles.js';

type KeyKind = 'publishable' | 'secret' | 'webhook';
const KEY_KINDS: KeyKind[] = ['publishable', 'secret', 'webhook'];

/** Which sites may show the widgets, the keys (rolled here by an owner) and who else signs in. */
@customElement('flock-console-settings')
export class FlockConsoleSettings extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #merchant = new StoreController(this, $merchant);
  readonly #locale = new StoreController(this, $locale);
  @state() private error = '';
  @state() private fieldError = '';
  @state() private busy = false;
  @state() private invite: Invite | undefined;
  @state() private inviteError = '';
  readonly #session = new StoreController(this, client.$session);
  /** The key the owner is about to roll (asked once more), and the new one, shown once. */
  @state() private rolling: KeyKind | undefined;
  @state() private rolled: RolledKey | undefined;
  @state() private rollError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    loadMerchant().catch((error) => {
      this.error = errorText(this.#t.value, errorCode(error));
    });
  }

  async #save(origins: string[]) {
    this.busy = true;
    this.error = '';
    try {
      await saveOrigins(origins);
      return true;
    } catch (error) {
      this.error = errorText(this.#t.value, errorCode(error));
      return false;
    } finally {
      this.busy = false;
    }
  }

  #add = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    // "https://shop.example/" and "https://shop.example/page" both mean the site https://shop.example.
    const typed = String(new FormData(form).get('origin') ?? '').trim();
    const origin = URL.canParse(typed) ? new URL(typed).origin : typed;
    if (!z.safeParse(Origin, origin).success) {
      this.fieldError = this.#t.value('field.invalid');
      return;
    }
    this.fieldError = '';
    const current = this.#merchant.value?.origins ?? [];
    if (!current.includes(origin) && (await this.#save([...current, origin]))) form.reset();
  };

  #invite = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const parsed = z.safeParse(CreateInviteRequest, { email: String(data.get('email') ?? ''), role: String(data.get('role')) });
    this.invite = undefined;
    if (!parsed.success) {
      this.inviteError = this.#t.value('field.invalid');
      return;
    }
    this.inviteError = '';
    try {
      this.invite = await client.call(inviteToConsole, { body: parsed.data });
    } catch (error) {
      this.inviteError = errorText(this.#t.value, errorCode(error));
    }
  };

  async #roll(which: KeyKind) {
    this.rollError = '';
    try {
      this.rolled = await client.call(rollKeys, { body: { which } });
      this.rolling = undefined;
      // Snippets carry the publishable key: the page shows the new one at once.
      if (which === 'publishable') await loadMerchant();
    } catch (error) {
      this.rollError = errorText(this.#t.value, errorCode(error));
    }
  }

  #keys() {
    const t = this.#t.value;
    const merchant = this.#merchant.value;
    const owner = this.#session.value?.user.role === 'owner';
    const rolled = this.rolled;
    return html`<section class="card">
      <h2>${t('settings.keys')}</h2>
      <p class="muted">${t('settings.publishableKey')}</p>
      <pre data-publishable-key>${merchant?.publishableKey ?? '—'}</pre>
      ${
        owner
          ? html`<p class="muted" style="margin-top:12px">${t('settings.rollLead')}</p>
              <div class="row">
                ${KEY_KINDS.map(
                  (which) =>
                    html`<button data-roll=${which} aria-pressed=${this.rolling === which} @click=${() => (this.rolling = which)}>${t(`settings.roll.${which}`)}</button>`,
                )}
              </div>
              ${
                this.rolling
                  ? html`<p class="alert row spread" style="margin-top:12px">
                      <span>${t(`settings.rollWarn.${this.rolling}`)}</span>
                      <span class="row">
                        <button class="danger" @click=${() => this.#roll(this.rolling as KeyKind)}>${t('settings.rollNow')}</button>
                        <button @click=${() => (this.rolling = undefined)}>${t('offerForm.cancel')}</button>
                      </span>
                    </p>`
                  : ''
              }
              <span class="field-error" role="alert">${this.rollError}</span>
              ${
                rolled
                  ? html`<p style="margin-top:12px">
                        ${t('settings.rolled', {
                          which: t(`settings.keyName.${rolled.which as KeyKind}`),
                          until: formatDateTime(rolled.previousKeyExpiresAt, this.#locale.value),
                        })}
                      </p>
                      <pre data-rolled-key>${rolled.key}</pre>
                      <button @click=${() => navigator.clipboard.writeText(rolled.key)}>${t('snippet.copy')}</button>`
                  : ''
              }`
          : ''
      }
    </section>`;
  }

  #colleagues() {
    const t = this.#t.value;
    return html`<section class="card" style="margin-top:16px">
      <h2>${t('settings.colleagues')}</h2>
      <p class="muted">${t('settings.colleaguesLead')}</p>
      <form class="row" @submit=${this.#invite} novalidate>
        <input
          name="email"
          type="email"
          style="flex:1;min-width:200px"
          aria-label=${t('settings.inviteEmail')}
          placeholder=${t('settings.inviteEmail')}
          aria-invalid=${this.inviteError ? 'true' : 'false'}
          aria-describedby="invite-error"
        />
        <select name="role" aria-label=${t('settings.colleagues')} style="width:auto">
          <option value="operator">${t('settings.role.operator')}</option>
          <option value="owner">${t('settings.role.owner')}</option>
        </select>
        <button class="primary" type="submit">${t('settings.invite')}</button>
      </form>
      <span class="field-error" id="invite-error" role="alert">${this.inviteError}</span>
      ${
        this.invite
          ? html`<p style="margin-top:12px">${t('settings.inviteReady', { email: this.invite.email })}</p>
              <pre data-invite>${this.invite.url}</pre>`
          : ''
      }
    </section>`;
  }

  override render() {
    const t = this.#t.value;
    const merchant = this.#merchant.value;
    return html`<h1>${t('settings.title')}</h1>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : ''}
      <section class="card" style="margin-bottom:16px">
        <h2>${t('settings.origins')}</h2>
        <p class="muted">${t('settings.originsLead')}</p>
        ${(merchant?.blockedOrigins ?? []).map(
          (blocked) => html`<p class="alert row spread" data-blocked=${blocked.origin}>
            <span>${t('settings.blocked', { origin: blocked.origin, when: formatDateTime(blocked.lastSeenAt, this.#locale.value) })}</span>
            <button class="primary" ?disabled=${this.busy} @click=${() => this.#save([...(merchant?.origins ?? []), blocked.origin])}>
              ${t('settings.allow')}
            </button>
          </p>`,
        )}
        <table>
          <tbody>
            ${(merchant?.origins ?? []).map(
              (origin) => html`<tr>
                <td>${origin}</td>
                <td style="text-align:right">
                  <button
                    ?disabled=${this.busy || (merchant?.origins.length ?? 0) <= 1}
                    @click=${() => this.#save((merchant?.origins ?? []).filter((o) => o !== origin))}
                  >
                    ${t('settings.remove')}
                  </button>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
        <form class="row" style="margin-top:12px" @submit=${this.#add} novalidate>
          <input
            name="origin"
            style="flex:1;min-width:200px"
            placeholder=${t('settings.originPlaceholder')}
            aria-label=${t('settings.origins')}
            aria-invalid=${this.fieldError ? 'true' : 'false'}
            aria-describedby="origin-error"
          />
          <button class="primary" type="submit" ?disabled=${this.busy}>${t('settings.addOrigin')}</button>
        </form>
        <span class="field-error" id="origin-error">${this.fieldError}</span>
      </section>
      ${this.#keys()}
      ${this.#session.value?.user.role === 'owner' ? this.#colleagues() : ''}`;
  }
}
