import { type Voucher, type VoucherList, voucherClient } from '@flock/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { errorMessage, type TranslatorOf } from '../i18n/localize.js';
import { widget } from '../registry.js';
import { cardStyles } from '../shared/card.styles.js';
import { alertMessage, statusRegion } from '../shared/card-messages.js';
import { define } from '../shared/define-once.js';
import { FocusKeeper } from '../shared/focus-keeper.js';
import { formatDate } from '../shared/format.js';
import { PERMANENT_LOAD_ERRORS, renderLoadError } from '../shared/load-error.js';
import { SettingsController } from '../shared/settings-controller.js';
import { ResourceController } from '../shared/store-controller.js';
import { themeStyles } from '../shared/theme.styles.js';
import { FlockWidgetElement } from '../shared/widget-element.js';
import { FlockVoucherQr } from '../voucher-qr/voucher-qr.js';
import { voucherQrStrings } from '../voucher-qr/voucher-qr.strings.js';
import { voucherListStrings } from './voucher-list.strings.js';
import { voucherListStyles } from './voucher-list.styles.js';
import { isUsable, type VoucherListView, voucherListView } from './voucher-list-state.js';

/** Its strings and the shared ones. */
type Translate = TranslatorOf<typeof voucherListStrings | typeof voucherQrStrings>;

/** Signing in, not retrying, fixes a missing shopper token. */
const LIST_PERMANENT_ERRORS = new Set([...PERMANENT_LOAD_ERRORS, 'shopper_token_required', 'forbidden']);

/**
 * My vouchers (我的券): every voucher of the signed-in shopper, the usable ones first (soonest to
 * expire on top), then those used up, expired or refunded. "Show code" opens one as the voucher QR
 * card, for the counter; "All vouchers" goes back. Needs the provider's shopper token.
 *
 * @summary The shopper's vouchers, usable first; tap one to show its QR code at the counter.
 * @event flock-error - Loading the vouchers (or an opened voucher's code) failed; `detail.code`, `detail.message`.
 * @csspart base - The card.
 * @csspart voucher - One voucher in the list.
 * @csspart button - Every action button ("Show code", "All vouchers", retry).
 * @csspart message - The empty note and error messages.
 */
export class FlockVoucherList extends FlockWidgetElement {
  static override styles = [themeStyles, cardStyles, voucherListStyles];
  /** `t` (strings), `locale` (the Intl tag for strings, money, countdowns and dates), `ready`, `scheme`. */
  protected readonly settings = new SettingsController(this, voucherListStrings, voucherQrStrings);

  /** The voucher opened to show its code; undefined while the list shows. */
  @state() private openVoucherId: string | undefined;

  private readonly _vouchers = new ResourceController<VoucherList>(this);
  /** "Show code" and "All vouchers" replace each other: focus lands on the new view's first control. */
  protected readonly focusKeeper = new FocusKeeper(this);
  /** The opened voucher's QR card: the voucher-qr widget itself, so its rotating code is one piece of code. */
  private _qrCard: FlockVoucherQr | undefined;

  /** Fetches the vouchers now, e.g. right after the page's checkout issued one. */
  async refresh(): Promise<void> {
    await this._vouchers.store?.refresh();
  }

  protected override willUpdate(): void {
    this._vouchers.use(this.client && voucherClient(this.client).myVouchersStore());
  }

  private _open = (voucher: Voucher) => {
    this.openVoucherId = voucher.id;
  };
  private _close = () => {
    this.openVoucherId = undefined;
  };

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    // Blank for the moment the language's strings take to arrive, rather than a flash of English.
    if (!this.settings.ready) return nothing;
    const t = this.settings.t;
    if (!this.client) return this._frame(alertMessage(t('error.invalid_key')));
    const view = voucherListView(this._vouchers.state, this.openVoucherId);
    return this._frame(this._renderView(view, t), view);
  }

  private _frame(body: TemplateResult, view?: VoucherListView) {
    return html`<div part="base" class="card ${view?.kind ?? ''}" aria-busy=${view?.kind === 'loading' ? 'true' : 'false'}>
      <div class="body">${body}</div>
    </div>
    ${statusRegion(view?.kind === 'loading' ? this.settings.t('loading') : '')}`;
  }

  private _renderView(view: VoucherListView, t: Translate): TemplateResult {
    switch (view.kind) {
      case 'loading':
        return html`<div class="skeleton" aria-hidden="true">
          <div class="bone short"></div>
          <div class="bone coupon"></div>
          <div class="bone coupon"></div>
        </div>`;
      case 'load-error':
        return renderLoadError(errorMessage(t, view.code, 'vouchers'), view.code, t, () => this.refresh(), LIST_PERMANENT_ERRORS);
      case 'empty':
        return html`${this._heading(t, 0)}
          <div class="empty-note" part="message">
            <span class="empty-icon" aria-hidden="true"></span>
            <strong>${t('vouchers.empty')}</strong>
            <span>${t('vouchers.emptyHint')}</span>
          </div>`;
      case 'list':
        return html`${this._heading(t, view.usable.length)}
          ${view.usable.length ? this._section(t('vouchers.usable'), view.usable, t) : nothing}
          ${view.past.length ? this._section(t('vouchers.past'), view.past, t) : nothing}`;
      case 'open':
        return html`<button part="button" class="back" data-focus-landing @click=${this._close}>
            <span aria-hidden="true">‹</span> ${t('vouchers.back')}
          </button>
          ${this._qrCardFor(view.voucher)}`;
    }
  }

  private _heading(t: Translate, usable: number) {
    return html`<div class="list-header">
      <h3 class="title" tabindex="-1" data-focus-landing>${t('vouchers.title')}</h3>
      ${usable ? html`<span class="count">${t('vouchers.count', { n: usable })}</span>` : nothing}
    </div>`;
  }

  private _section(title: string, vouchers: Voucher[], t: Translate) {
    return html`<section class="section">
      <h4 class="section-title">${title}</h4>
      <ul class="coupons">
        ${vouchers.map((voucher) => this._coupon(voucher, t))}
      </ul>
    </section>`;
  }

  /** A coupon as Chinese wallets draw it: a stub with the uses left, the terms, the action. */
  private _coupon(voucher: Voucher, t: Translate) {
    const usable = isUsable(voucher);
    const uses = voucher.usesLeft === 1 ? t('voucher.usesLeftOne') : t('voucher.usesLeft', { n: voucher.usesLeft });
    const validity = voucher.validUntil
      ? t('voucher.validUntil', { time: formatDate(voucher.validUntil, this.settings.locale) })
      : '';
    return html`<li part="voucher" class="coupon ${usable ? 'usable' : 'past'}">
      <div class="stub">
        <span class="stub-count" aria-hidden="true">${voucher.usesLeft}</span>
        <span class="stub-caption" aria-hidden="true">${t('vouchers.usesCaption')}</span>
        <span class="visually-hidden">${uses}</span>
      </div>
      <div class="terms">
        <strong class="coupon-title">${voucher.title}</strong>
        ${usable ? nothing : html`<span class="past-status">${this._pastStatus(voucher, t)}</span>`}
        ${validity ? html`<span class="validity">${validity}</span>` : nothing}
      </div>
      ${
        usable
          ? html`<button part="button" class="button primary small" aria-label="${t('vouchers.open')}: ${voucher.title}"
              @click=${() => this._open(voucher)}>${t('vouchers.open')}</button>`
          : nothing
      }
    </li>`;
  }

  private _pastStatus(voucher: Voucher, t: Translate): string {
    if (voucher.status === 'voided') return t('voucher.voided');
    if (voucher.status === 'expired') return t('voucher.expired');
    return t('voucher.usedUp');
  }

  /** The voucher QR card, made once and pointed at the opened voucher, in this list's language and theme. */
  private _qrCardFor(voucher: Voucher) {
    const qr = widget('voucher-qr');
    // The autoloader defines tags it sees in the page, not inside this shadow root.
    define(qr.tag, FlockVoucherQr);
    this._qrCard ??= document.createElement(qr.tag) as FlockVoucherQr;
    const card = this._qrCard;
    card.className = 'qr-card';
    card.voucher = voucher.id;
    card.locale = this.locale;
    card.theme = this.theme;
    card.strings = this.strings;
    return card;
  }
}
