import { CreateStaffKeyRequest, type StaffKeySummary } from '@flock/protocol/routes';
import { StoreController } from '@nanostores/lit';
import { toSvgPath } from 'lean-qr/extras/svg';
import { correction, generate } from 'lean-qr/nano';
import { css, html, LitElement, svg } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { formatDateTime } from '../format.js';
import { errorCode, FormSubmission, fieldErrors } from '../forms.js';
import { $t, errorText } from '../i18n.js';
import type { Column } from '../list-view.js';
import { createStoreKey, revokeStoreKey, scannerUrl, staffKeys } from '../stores/vouchers.js';
import { client } from '../stores.js';
import { consoleStyles } from '../styles.js';

/** A QR code as one inline SVG path, dark on white whatever the console's scheme, with its 4-module quiet zone. */
function qrCode(text: string, label: string) {
  const code = generate(text, { minCorrectionLevel: correction.M });
  const box = code.size + 8;
  return html`<svg class="qr" role="img" aria-label=${label} viewBox="-4 -4 ${box} ${box}" data-qr=${text}>
    ${svg`<rect x="-4" y="-4" width=${box} height=${box} fill="#fff"></rect><path d=${toSvgPath(code)} fill="#000"></path>`}
  </svg>`;
}

const COLUMNS: Column<StaffKeySummary>[] = [
  { key: 'store', label: 'staff.col.store', title: true, cell: (key) => html`<strong>${key.store}</strong>` },
  { key: 'createdAt', label: 'staff.col.created', cell: (key, { locale }) => formatDateTime(key.createdAt, locale) },
  {
    key: 'revokedAt',
    label: 'staff.col.status',
    cell: (key, { t, locale }) =>
      key.revokedAt
        ? html`<span class="tag">${t('staff.revokedAt', { when: formatDateTime(key.revokedAt, locale) })}</span>`
        : html`<span class="tag ok">${t('staff.active')}</span>`,
    csv: (key) => key.revokedAt ?? '',
  },
  { key: 'id', label: 'common.id', cell: (key) => html`<span class="mono muted">${key.id}</span>` },
];

/**
 * The stores' staff keys: an owner creates one per counter (shown once, with the QR code that opens
 * the scanner on the counter's phone) and revokes it when a phone is lost. Operators see the list.
 */
@customElement('flock-console-staff')
export class FlockConsoleStaff extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      .once {
        margin-bottom: 16px;
        border-color: var(--c-brand);
      }
      .once-grid {
        display: grid;
        grid-template-columns: 232px minmax(0, 1fr);
        gap: 24px;
        align-items: start;
      }
      /* Dark on white in every scheme, large enough for a phone camera at arm's length. */
      .qr-tile {
        background: #fff;
        border: 1px solid var(--c-line);
        border-radius: var(--radius);
        padding: 8px;
      }
      .qr {
        display: block;
        width: 100%;
        height: auto;
      }
      .once-text {
        display: grid;
        gap: 12px;
        min-width: 0;
      }
      .once-text > * {
        margin: 0;
      }
      .field-label {
        font-weight: 500;
        margin-bottom: 4px;
      }
      code.secret {
        flex: 1;
        min-width: 0;
        word-break: break-all;
        background: var(--c-bg);
        border: 1px solid var(--c-line);
        border-radius: 8px;
        padding: 8px 10px;
      }
      .copy-row {
        flex-wrap: nowrap;
        align-items: stretch;
      }
      .new-key {
        margin-bottom: 16px;
      }
      .new-key input {
        flex: 1;
        min-width: 180px;
        width: auto;
      }
      @media (max-width: 640px) {
        .once-grid {
          grid-template-columns: 1fr;
        }
        .qr-tile {
          width: 232px;
          justify-self: center;
        }
      }
    `,
  ];
  readonly #t = new StoreController(this, $t);
  readonly #session = new StoreController(this, client.$session);
  readonly #form = new FormSubmission(this);
  /** The key just created: shown this once, never again (only its hash is kept). */
  @state() private created: { staffKey: string; id: string; store: string } | undefined;
  @state() private copied: 'key' | 'link' | undefined;
  @state() private actionError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void staffKeys.load();
  }

  get #owner() {
    return this.#session.value?.user.role === 'owner';
  }

  #create = async (event: SubmitEvent) => {
    event.preventDefault();
    const t = this.#t.value;
    const form = event.target as HTMLFormElement;
    const parsed = z.safeParse(CreateStaffKeyRequest, { store: String(new FormData(form).get('store') ?? '') });
    if (!parsed.success) {
      this.#form.refuse(fieldErrors(t, parsed.error.issues), '');
      return;
    }
    this.created = undefined;
    const store = parsed.data.store;
    await this.#form.run(t, async () => {
      const created = await createStoreKey(store);
      this.created = { ...created, store };
      form.reset();
    });
  };

  async #revoke(key: StaffKeySummary) {
    const t = this.#t.value;
    if (!confirm(t('staff.confirmRevoke', { store: key.store }))) return;
    this.actionError = '';
    try {
      await revokeStoreKey(key.id);
      if (this.created?.id === key.id) this.created = undefined;
    } catch (error) {
      this.actionError = errorText(t, errorCode(error));
    }
  }

  async #copy(what: 'key' | 'link', text: string) {
    await navigator.clipboard.writeText(text);
    this.copied = what;
    setTimeout(() => {
      if (this.copied === what) this.copied = undefined;
    }, 2000);
  }

  #actions = (key: StaffKeySummary) =>
    this.#owner && !key.revokedAt
      ? html`<button @click=${() => this.#revoke(key)}>${this.#t.value('staff.revoke')}</button>`
      : '';

  #shownOnce(created: { staffKey: string; store: string }) {
    const t = this.#t.value;
    const link = scannerUrl(created.staffKey, created.store);
    return html`<section class="card once" data-created-key aria-live="polite">
      <div class="once-grid">
        <div class="qr-tile">${qrCode(link, t('staff.scanHint'))}</div>
        <div class="once-text">
          <h2>${t('staff.shownOnce', { store: created.store })}</h2>
          <p class="muted">${t('staff.scanHint')}</p>
          <div>
            <div class="field-label" id="staff-key-label">${t('staff.keyLabel')}</div>
            <div class="row copy-row">
              <code class="mono secret" data-staff-key aria-labelledby="staff-key-label">${created.staffKey}</code>
              <button type="button" @click=${() => this.#copy('key', created.staffKey)}>
                ${this.copied === 'key' ? t('staff.copied') : t('staff.copyKey')}
              </button>
            </div>
          </div>
          <div>
            <div class="field-label" id="scanner-link-label">${t('staff.linkLabel')}</div>
            <div class="row copy-row">
              <code class="mono secret" data-scanner-link aria-labelledby="scanner-link-label">${link}</code>
              <button type="button" @click=${() => this.#copy('link', link)}>
                ${this.copied === 'link' ? t('staff.copied') : t('staff.copyLink')}
              </button>
            </div>
          </div>
          <p class="alert">${t('staff.keepSecret')}</p>
          <div class="row">
            <a class="button" href=${link} target="_blank" rel="noopener noreferrer">${t('staff.openScanner')}</a>
            <button type="button" class="primary" @click=${() => (this.created = undefined)}>${t('staff.done')}</button>
          </div>
        </div>
      </div>
    </section>`;
  }

  override render() {
    const t = this.#t.value;
    const storeError = this.#form.fields.store;
    return html`<h1>${t('staff.title')}</h1>
      <p class="muted">${t('staff.lead')}</p>
      ${this.created ? this.#shownOnce(this.created) : ''}
      ${
        this.#owner
          ? html`<form class="card new-key" @submit=${this.#create} novalidate>
              <h2>${t('staff.new')}</h2>
              ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
              <label for="store-name">${t('staff.store')}</label>
              <div class="row" style="margin-top:4px">
                <input
                  id="store-name"
                  name="store"
                  placeholder=${t('staff.storePlaceholder')}
                  aria-invalid=${storeError ? 'true' : 'false'}
                  aria-describedby="store-error"
                />
                <button class="primary" type="submit" ?disabled=${this.#form.busy}>${t('staff.create')}</button>
              </div>
              <span class="field-error" id="store-error">${storeError ?? ''}</span>
            </form>`
          : html`<p class="muted" data-owner-only>${t('staff.ownerOnly')}</p>`
      }
      ${this.actionError ? html`<p class="alert" role="alert">${this.actionError}</p>` : ''}
      <flock-console-list
        .list=${staffKeys}
        .columns=${COLUMNS}
        .actions=${this.#actions}
        csvName="flock-staff-keys.csv"
        empty="staff.empty"
      ></flock-console-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-staff': FlockConsoleStaff;
  }
}
