import { FlockError, type Voucher, type VoucherCode, voucherClient } from '@flock/sdk';
import { html, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorMessage, type TranslatorOf } from '../i18n/localize.js';
import { cardStyles } from '../shared/card.styles.js';
import { alertMessage, statusRegion } from '../shared/card-messages.js';
import { FlockErrorEvent } from '../shared/events.js';
import { FocusKeeper } from '../shared/focus-keeper.js';
import { PERMANENT_LOAD_ERRORS, renderLoadError } from '../shared/load-error.js';
import { qrPath } from '../shared/qr.js';
import { SettingsController } from '../shared/settings-controller.js';
import { ResourceController } from '../shared/store-controller.js';
import { themeStyles } from '../shared/theme.styles.js';
import { FlockWidgetElement } from '../shared/widget-element.js';
import { voucherQrStrings } from './voucher-qr.strings.js';
import { voucherQrStyles } from './voucher-qr.styles.js';
import { nextCodeDelay, type VoucherQrView, voucherQrView } from './voucher-qr-state.js';

/** Its strings and the shared ones. */
type Translate = TranslatorOf<typeof voucherQrStrings>;

/** Load errors that a retry cannot fix: a staff or wrong kind of key (forbidden) cannot be either. */
const VOUCHER_PERMANENT_ERRORS = new Set([...PERMANENT_LOAD_ERRORS, 'forbidden']);

/**
 * Voucher QR (核销码): the shopper shows it at the store's counter. The QR holds a signed code that
 * expires within a minute and is fetched anew before then, so a screenshot is worthless; when staff
 * scan it the card says where and when, live.
 *
 * @summary A shopper's voucher: title, uses left, validity and a rotating QR code for the counter.
 * @event flock-error - Loading the voucher or a code failed; `detail.code`, `detail.message`.
 * @csspart base - The card.
 * @csspart header - Title, uses left and validity.
 * @csspart qr - The QR code's frame.
 * @csspart code - The code's 12 digits under the QR, for staff to type when the camera cannot scan it.
 * @csspart status - The redeemed / used up / voided / expired headline.
 * @csspart button - Every action button.
 * @csspart message - Hints and error messages.
 */
export class FlockVoucherQr extends FlockWidgetElement {
  static override styles = [themeStyles, cardStyles, voucherQrStyles];
  /** `t` (strings), `locale` (the Intl tag for strings, money, countdowns and dates), `ready`, `scheme`. */
  protected readonly settings = new SettingsController(this, voucherQrStrings);

  /** The voucher id (vch_…); it must be the signed-in shopper's own. */
  @property({ reflect: true }) voucher = '';
  /** How long before a code expires the next one is fetched, in ms. */
  @property({ type: Number, attribute: 'refresh-lead-ms' }) refreshLeadMs = 10_000;

  @state() private code: VoucherCode | undefined;
  @state() private codeError: string | undefined;
  @state() private seenRedemptionId: string | null | undefined;
  @state() private dismissedRedemptionId: string | undefined;

  private readonly _voucher = new ResourceController<Voucher>(this);
  /** "Show the code again" is replaced by the code: focus lands on the voucher's title, not <body>. */
  protected readonly focusKeeper = new FocusKeeper(this);
  private _codeTimer: ReturnType<typeof setTimeout> | undefined;
  private _codeFor: string | undefined;
  private _codeRequest = 0;
  private _connected = false;

  /** Fetches the voucher and a fresh code now. */
  async refresh(): Promise<void> {
    await this._voucher.store?.refresh();
    this._fetchCode();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._connected = true;
    document.addEventListener('visibilitychange', this._onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._connected = false;
    document.removeEventListener('visibilitychange', this._onVisibility);
    clearTimeout(this._codeTimer);
    this._codeFor = undefined;
  }

  /** Hidden tabs' timers are throttled: a phone unlocked at the counter must not show a stale code. */
  private _onVisibility = () => {
    if (document.visibilityState !== 'visible' || !this.code) return;
    if (nextCodeDelay(this.code, this.clock.offset(this.code.serverNow), Date.now(), this.refreshLeadMs) <= 1000) {
      this._fetchCode();
    }
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    const client = this.client;
    if (changed.has('voucher')) {
      this.seenRedemptionId = undefined;
      this.dismissedRedemptionId = undefined;
      this.code = undefined;
    }
    this._voucher.use(client && this.voucher ? voucherClient(client).voucherStore(this.voucher) : undefined);
    const voucher = this._voucher.state?.data;
    if (voucher && voucher.id === this.voucher && this.seenRedemptionId === undefined) {
      this.seenRedemptionId = voucher.lastRedemption?.id ?? null;
    }
  }

  protected override updated(): void {
    const voucher = this._voucher.state?.data;
    const wantsCode = this._connected && voucher?.id === this.voucher && voucher.status === 'active' && voucher.usesLeft > 0;
    const key = wantsCode ? `${voucher.id}:${voucher.usesLeft}` : undefined;
    if (key !== this._codeFor) {
      // A new voucher, or a use was redeemed (the shown code is spent): fetch a fresh code.
      this._codeFor = key;
      clearTimeout(this._codeTimer);
      if (key) this._fetchCode();
      else this.code = undefined;
    }
  }

  private async _fetchCode() {
    const client = this.client;
    const id = this.voucher;
    if (!client || !id || !this._codeFor) return;
    clearTimeout(this._codeTimer);
    const request = ++this._codeRequest;
    try {
      const code = await voucherClient(client).voucherCode(id);
      if (request !== this._codeRequest || !this._codeFor) return;
      this.code = code;
      this.codeError = undefined;
      const delay = nextCodeDelay(code, this.clock.offset(code.serverNow), Date.now(), this.refreshLeadMs);
      this._codeTimer = setTimeout(() => this._fetchCode(), delay);
    } catch (error) {
      if (request !== this._codeRequest || !this._codeFor) return;
      const code = error instanceof FlockError ? error.code : 'unknown';
      this.codeError = code;
      // A refused code often means the voucher changed (used up, voided): reload it, then retry.
      void this._voucher.store?.refresh();
      this._codeTimer = setTimeout(() => this._fetchCode(), 5000);
      this.dispatchEvent(new FlockErrorEvent(code, error instanceof Error ? error.message : String(error)));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    // Blank for the moment the language's strings take to arrive, rather than a flash of English.
    if (!this.settings.ready) return nothing;
    const t = this.settings.t;
    if (!this.client) {
      return this._frame(alertMessage(t('error.invalid_key')));
    }
    const view = voucherQrView({
      voucher: this._voucher.state,
      code: this.code,
      codeError: this.codeError,
      seenRedemptionId: this.seenRedemptionId,
      dismissedRedemptionId: this.dismissedRedemptionId,
    });
    return this._frame(this._renderView(view, t), view);
  }

  private _frame(body: TemplateResult, view?: VoucherQrView) {
    return html`<div part="base" class="card ${view?.kind ?? ''}" aria-busy=${view?.kind === 'loading' ? 'true' : 'false'}>
      <div class="body">${body}</div>
    </div>
    ${statusRegion(this._announcement(view))}`;
  }

  /**
   * What the one polite live region says: loading, then the voucher's state, so a redemption pushed
   * by the server ("Redeemed at …") is announced. A fresh QR code every minute is not (it would chatter).
   */
  private _announcement(view?: VoucherQrView): string {
    const t = this.settings.t;
    switch (view?.kind) {
      case 'loading':
        return t('loading');
      case 'redeemed':
        return `${t('voucher.redeemed')}. ${t('voucher.redeemedAt', { time: this._dateTime(view.redemption.redeemedAt), name: view.redemption.store })}`;
      case 'used_up':
        return t('voucher.usedUp');
      case 'voided':
        return t('voucher.voided');
      case 'expired':
        return t('voucher.expired');
      default:
        return '';
    }
  }

  private _renderView(view: VoucherQrView, t: Translate): TemplateResult {
    switch (view.kind) {
      case 'loading':
        return html`<div class="skeleton" aria-hidden="true">
          <div class="bone wide"></div>
          <div class="bone short"></div>
          <div class="bone qr"></div>
        </div>`;
      case 'load-error':
        return renderLoadError(
          errorMessage(t, view.code, 'voucher'),
          view.code,
          t,
          () => this.refresh(),
          VOUCHER_PERMANENT_ERRORS,
        );
      case 'active':
        return html`${this._header(view.voucher, t)}
          <div class="qr-area">${this._qr(view.voucher, view.code, t)}</div>
          ${view.code ? this._shortCode(view.code, t) : nothing}
          <p class="hint" part="message">${t('voucher.showAtCounter')} · ${t('voucher.refreshes')}</p>
          ${view.codeError ? alertMessage(errorMessage(t, view.codeError, 'voucher')) : nothing}`;
      case 'redeemed': {
        const { redemption, voucher } = view;
        return html`${this._header(voucher, t)}
          <div class="status-panel success" part="status">
            <span class="status-icon" aria-hidden="true">✓</span>
            <strong class="status-title">${t('voucher.redeemed')}</strong>
            <span class="status-detail">${t('voucher.redeemedAt', { time: this._dateTime(redemption.redeemedAt), name: redemption.store })}</span>
          </div>
          ${
            voucher.status === 'active' && voucher.usesLeft > 0
              ? html`<button part="button" class="button primary" @click=${() => {
                  this.dismissedRedemptionId = redemption.id;
                }}>${t('voucher.showAgain')}</button>`
              : nothing
          }`;
      }
      case 'used_up':
        return this._final(view.voucher, t('voucher.usedUp'), 'muted', t);
      case 'voided':
        return this._final(view.voucher, t('voucher.voided'), 'voided', t);
      case 'expired':
        return this._final(view.voucher, t('voucher.expired'), 'muted', t);
    }
  }

  private _final(voucher: Voucher, title: string, tone: string, t: Translate) {
    const last = voucher.lastRedemption;
    return html`${this._header(voucher, t)}
      <div class="status-panel ${tone}" part="status">
        <strong class="status-title">${title}</strong>
        ${
          last
            ? html`<span class="status-detail">${t('voucher.redeemedAt', { time: this._dateTime(last.redeemedAt), name: last.store })}</span>`
            : nothing
        }
      </div>`;
  }

  private _header(voucher: Voucher, t: Translate) {
    const uses = voucher.usesLeft === 1 ? t('voucher.usesLeftOne') : t('voucher.usesLeft', { n: voucher.usesLeft });
    return html`<div part="header" class="voucher-header">
      <h3 class="title" tabindex="-1" data-focus-landing>${voucher.title}</h3>
      <div class="meta">
        ${voucher.status === 'active' ? html`<span class="tag uses">${uses}</span>` : nothing}
        ${voucher.validUntil ? html`<span class="validity">${t('voucher.validUntil', { time: this._dateTime(voucher.validUntil) })}</span>` : nothing}
      </div>
    </div>`;
  }

  private _qr(voucher: Voucher, code: VoucherCode | undefined, t: Translate) {
    if (!code) {
      return html`<div part="qr" class="qr placeholder"><span class="visually-hidden">${t('voucher.codeLoading')}</span></div>`;
    }
    const { path, box } = qrPath(code.code);
    // Drawn black on white in both themes: scanners need the contrast, and a dark QR on a dark card fails.
    return html`<div part="qr" class="qr">
      <svg role="img" aria-label=${t('voucher.qrAlt', { title: voucher.title })} viewBox="0 0 ${box} ${box}" shape-rendering="crispEdges" data-code=${code.code}>
        ${svg`<rect width=${box} height=${box} fill="#fff"></rect><path d=${path} fill="#000"></path>`}
      </svg>
    </div>`;
  }

  /** Grouped in fours (1234 5678 9012), as it is read out and typed at the counter. */
  private _shortCode(code: VoucherCode, t: Translate) {
    const grouped = code.shortCode.replace(/(\d{4})(?=\d)/g, '$1 ');
    return html`<p part="code" class="short-code">
      <span class="label">${t('voucher.shortCode')}</span>
      <span class="digits">${grouped}</span>
    </p>`;
  }

  private _dateTime(iso: string): string {
    return new Intl.DateTimeFormat(this.settings.locale, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(iso));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-voucher-qr': FlockVoucherQr;
  }
}
