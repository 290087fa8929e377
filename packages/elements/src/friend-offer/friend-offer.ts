import {
  type FriendReward,
  friendRewardClient,
  type MyFriendReward,
  REFERRAL_URL_PARAM,
  type ReferralProgram,
  referralClient,
} from '@flock/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorMessage, type TranslatorOf } from '../i18n/localize.js';
import { cardStyles } from '../shared/card.styles.js';
import { alertMessage, noticeMessage, statusRegion } from '../shared/card-messages.js';
import { CopiedFlag } from '../shared/copied-flag.js';
import { formatDate, formatMoney } from '../shared/format.js';
import { renderLoadError } from '../shared/load-error.js';
import { SettingsController } from '../shared/settings-controller.js';
import { copyText } from '../shared/share.js';
import { ResourceController } from '../shared/store-controller.js';
import { themeStyles } from '../shared/theme.styles.js';
import { FlockWidgetElement } from '../shared/widget-element.js';
import { FlockFriendRewardClaimedEvent } from './friend-offer.events.js';
import { friendOfferStrings } from './friend-offer.strings.js';
import { friendOfferStyles } from './friend-offer.styles.js';
import { type FriendOfferView, type FriendRewardRule, friendOfferView } from './friend-offer-state.js';

/** Its strings and the shared ones. */
type Translate = TranslatorOf<typeof friendOfferStrings>;

/** The host attribute that hides the whole box (no link of this program, or no gift): the page's layout closes up. */
const EMPTY_ATTRIBUTE = 'data-flock-empty';

/**
 * The friend's gift (好友专享券) on the page a promoter's link opens: the program's reward for friends
 * — an amount off with a minimum spend, or a voucher — with a Claim button. Claimed once per friend,
 * it shows the coupon code to copy (the checkout sends it as `friendCoupon`, which also credits the
 * promoter), its expiry, and "Used" once an order used it. A visitor who did not come through a link
 * of this program, or a program without a friend reward, sees nothing (the element is display: none
 * and fires no error). Claiming needs the provider's shopper token; without one the box asks the
 * visitor to sign in.
 *
 * @summary The private coupon a promoter's link unlocks for their friend: claim it, copy its code.
 * @event flock-friend-reward-claimed - The friend claimed the reward; `detail` is the reward (`code`, `kind`, `amountOff`, `minSpend`, `voucherId`, `expiresAt`…).
 * @event flock-error - Loading or claiming failed; `detail.code`, `detail.message` (the box shows it too).
 * @csspart base - The card.
 * @csspart coupon - The coupon: its stub (amount or voucher) and its terms.
 * @csspart amount - The amount off.
 * @csspart code - The coupon code and its copy button.
 * @csspart button - Every action button (Claim, Copy, retry).
 * @csspart message - Notes and error messages.
 */
export class FlockFriendOffer extends FlockWidgetElement {
  static override styles = [themeStyles, cardStyles, friendOfferStyles];
  /** `t` (strings), `locale` (the Intl tag for strings, money, countdowns and dates), `ready`, `scheme`. */
  protected readonly settings = new SettingsController(this, friendOfferStrings);

  /** The referral program id (prg_…). */
  @property({ reflect: true }) program = '';
  /**
   * The attribution id of the friend's visit, when the shop keeps it itself (e.g. in its first-party
   * cookie, see @flock/sdk/server); defaults to the one this browser recorded from the link (`flock_ref`).
   */
  @property() attribution = '';

  /** The attribution of this program's link: undefined while it is looked up, null when there is none. */
  @state() private found: { attributionId: string } | null | undefined;

  private readonly _program = new ResourceController<ReferralProgram>(this);
  private readonly _reward = new ResourceController<MyFriendReward>(this);
  private readonly _copied = new CopiedFlag(this);
  /** The lookup that `found` answers: a later one (another program or client) wins. */
  private _lookup = 0;

  /** Fetches the program and the shopper's reward now (e.g. after the page's checkout used the code). */
  async refresh(): Promise<void> {
    await Promise.all([this._program.store?.refresh(), this._reward.store?.refresh()]);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const map = changed as Map<PropertyKey, unknown>;
    const client = this.client;
    if (map.has('context') || map.has('program') || map.has('attribution')) {
      if (map.has('program') || map.has('attribution')) this.actionError = undefined;
      this._findAttribution();
    }
    // Nothing is read for a visitor who did not come through a link of this program.
    const linked = Boolean(client && this.program && this.found);
    this._program.use(linked && client ? referralClient(client).programStore(this.program) : undefined);
    this._reward.use(linked && client && this.signedIn ? friendRewardClient(client).friendRewardStore(this.program) : undefined);
    this.toggleAttribute(EMPTY_ATTRIBUTE, Boolean(this.context) && this._view().kind === 'hidden');
  }

  private _findAttribution() {
    const client = this.client;
    const lookup = ++this._lookup;
    if (!client || !this.program) {
      this.found = null;
      return;
    }
    if (this.attribution) {
      this.found = { attributionId: this.attribution };
      return;
    }
    this.found = undefined;
    void friendRewardClient(client)
      .programAttribution(this.program)
      .then((attribution) => {
        if (lookup === this._lookup) this.found = attribution ?? null;
      });
  }

  private _view(): FriendOfferView {
    return friendOfferView({
      attribution: this.found,
      referred: Boolean(this.attribution) || new URLSearchParams(globalThis.location?.search).has(REFERRAL_URL_PARAM),
      signedIn: this.signedIn,
      program: this._program.state,
      reward: this._reward.state,
      claimError: this.actionError,
      now: (serverNow) => this.clock.now(serverNow),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Actions

  private _claim = () =>
    this.run(async (client) => {
      const attributionId = this.found?.attributionId;
      if (!attributionId) return;
      const reward = await friendRewardClient(client).claimFriendReward(this.program, attributionId);
      this.dispatchEvent(new FlockFriendRewardClaimedEvent(reward));
    });

  /** Called straight from the click, so the clipboard write happens inside the gesture (Safari). */
  private _copy = async (code: string) => {
    this.notice = undefined;
    if (await copyText(code)) {
      this._copied.set(true);
    } else {
      this.notice = this.settings.t('friendOffer.copyFailed', { code });
    }
  };

  // -------------------------------------------------------------------------------------------
  // Rendering

  /** A coupon's face value: whole amounts without their zero cents (¥10, not ¥10.00), as coupons print them. */
  private _money(amount: number, currency: string): string {
    const text = formatMoney(amount, currency, this.settings.locale);
    return amount % 100 === 0 ? text.replace(/[.,]00(?!\d)/, '') : text;
  }

  protected override render() {
    // Blank for the moment the language's strings take to arrive, rather than a flash of English.
    if (!this.settings.ready) return nothing;
    const t = this.settings.t;
    const view = this.context ? this._view() : undefined;
    if (!view) return this._frame(alertMessage(t('error.invalid_key')));
    if (view.kind === 'hidden') return html`${statusRegion('')}`;
    return this._frame(this._renderView(view, t), view);
  }

  private _frame(body: TemplateResult, view?: FriendOfferView) {
    const t = this.settings.t;
    const announced = view?.kind === 'loading' ? t('loading') : this._copied.is() ? t('friendOffer.copied') : '';
    return html`<div part="base" class="card ${view?.kind ?? ''}" aria-busy=${view?.kind === 'loading' ? 'true' : 'false'}>
      <div class="body">
        ${body}
        ${this.actionError && this.actionError !== 'own_referral_link' ? alertMessage(errorMessage(t, this.actionError, 'friendOffer')) : nothing}
        ${noticeMessage(this.notice)}
      </div>
    </div>
    ${statusRegion(announced)}`;
  }

  private _renderView(view: Exclude<FriendOfferView, { kind: 'hidden' }>, t: Translate): TemplateResult {
    switch (view.kind) {
      case 'loading':
        return html`<div class="skeleton" aria-hidden="true"><div class="bone coupon-bone"></div></div>`;
      case 'load-error':
        return renderLoadError(errorMessage(t, view.code, 'friendOffer'), view.code, t, () => this.refresh());
      case 'offer':
        return html`${this._coupon(view.rule, view.currency, t, {
          title: t('friendOffer.title'),
          sub: t('friendOffer.fromFriend'),
          action: view.signedIn
            ? html`<button part="button" class="button primary small claim" ?disabled=${this.busy} @click=${this._claim}>
                ${t('friendOffer.claim')}
              </button>`
            : nothing,
        })}
        ${view.signedIn ? nothing : html`<p class="note" part="message">${t('friendOffer.signIn')}</p>`}`;
      case 'own-link':
        return html`${this._coupon(view.rule, view.currency, t, {
          title: t('friendOffer.title'),
          sub: t('friendOffer.fromFriend'),
        })}
          <p class="message notice" part="message" role="alert">${t('friendOffer.ownLink')}</p>`;
      case 'claimed':
        return this._claimed(view.reward, view.status, t);
    }
  }

  /** The coupon as Chinese shops draw it: a stub with the value, the terms, an action or a stamp. */
  private _coupon(
    rule: Pick<FriendRewardRule, 'kind' | 'amountOff' | 'minSpend' | 'voucherTitle'>,
    currency: string,
    t: Translate,
    parts: { title: string; sub?: string; action?: unknown; stamp?: string; past?: boolean },
  ) {
    const amountOff = rule.kind === 'amount_off' && rule.amountOff !== null ? rule.amountOff : undefined;
    const terms =
      amountOff === undefined
        ? (rule.voucherTitle ?? '')
        : rule.minSpend
          ? t('friendOffer.minSpend', { amount: this._money(rule.minSpend, currency) })
          : t('friendOffer.noMinSpend');
    return html`<div part="coupon" class="coupon ${parts.past ? 'past' : ''}">
      <div class="stub">
        ${
          amountOff === undefined
            ? html`<span class="ticket" aria-hidden="true"></span><span class="stub-caption">${t('friendOffer.voucher')}</span>`
            : html`<span part="amount" class="stub-amount">${this._money(amountOff, currency)}</span>
                <span class="stub-caption">${terms}</span>`
        }
      </div>
      <div class="terms">
        <strong class="coupon-title">${parts.title}</strong>
        ${amountOff === undefined ? html`<span class="coupon-voucher">${terms}</span>` : nothing}
        ${parts.sub ? html`<span class="coupon-sub">${parts.sub}</span>` : nothing}
      </div>
      ${parts.action ?? nothing}
      ${parts.stamp ? html`<span class="stamp">${parts.stamp}</span>` : nothing}
    </div>`;
  }

  private _claimed(reward: FriendReward, status: 'usable' | 'used' | 'expired', t: Translate) {
    const currency = reward.currency ?? 'CNY';
    const stamp = status === 'used' ? t('friendOffer.used') : status === 'expired' ? t('friendOffer.expired') : undefined;
    const coupon = this._coupon(reward, currency, t, {
      title: t('friendOffer.from', { name: reward.promoterName }),
      sub: reward.expiresAt
        ? t('friendOffer.validUntil', { time: formatDate(reward.expiresAt, this.settings.locale) })
        : undefined,
      stamp,
      past: status !== 'usable',
    });
    if (status === 'used') {
      const note = reward.kind === 'voucher' ? t('friendOffer.voucherUsedNote') : t('friendOffer.usedNote');
      return html`${coupon}<p class="note" part="message">${note}</p>`;
    }
    if (status === 'expired') return coupon;
    return html`${coupon}
      <div part="code" class="code-row">
        <span class="code-label">${t('friendOffer.code')}</span>
        <span class="code" data-code=${reward.code}>${reward.code}</span>
        <button part="button" class="button secondary small copy ${this._copied.is() ? 'done' : ''}"
          aria-label="${this._copied.is() ? t('friendOffer.copied') : t('friendOffer.copy')}: ${reward.code}" @click=${() => this._copy(reward.code)}>
          ${this._copied.is() ? t('friendOffer.copied') : t('friendOffer.copy')}
        </button>
      </div>
      <p class="note" part="message">
        ${reward.kind === 'voucher' ? t('friendOffer.voucherHint') : t('friendOffer.applyHint')}
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-friend-offer': FlockFriendOffer;
  }
}
