import { type Assist, type AssistCampaign, type AssistHelper, type AssistMode, assistClient } from '@flock/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorMessage, type TranslatorOf } from '../i18n/localize.js';
import { cardStyles } from '../shared/card.styles.js';
import { alertMessage, noticeMessage, statusRegion } from '../shared/card-messages.js';
import { TickController } from '../shared/clock-controller.js';
import { FocusKeeper } from '../shared/focus-keeper.js';
import { formatCountdown, formatMoney } from '../shared/format.js';
import { renderLoadError } from '../shared/load-error.js';
import { SettingsController } from '../shared/settings-controller.js';
import { shareLink } from '../shared/share.js';
import { ResourceController } from '../shared/store-controller.js';
import { themeStyles } from '../shared/theme.styles.js';
import { FlockWidgetElement } from '../shared/widget-element.js';
import { FlockAssistStartedEvent, FlockClaimEvent, FlockHelpedEvent } from './assist-progress.events.js';
import { assistProgressStrings } from './assist-progress.strings.js';
import { assistProgressStyles } from './assist-progress.styles.js';
import { type AssistProgressView, assistIdToShow, assistProgress, assistProgressView } from './assist-progress-state.js';

/** Its strings and the shared ones. */
type Translate = TranslatorOf<typeof assistProgressStrings>;
type TranslationKey = Parameters<Translate>[0];

/** The URL parameter that carries a shared assist: a friend opening the link sees that assist. */
export const ASSIST_URL_PARAM = 'flock_assist';

/** Help errors that another tap today cannot fix: the help button stays disabled after them. */
const HELP_BLOCKED = new Set(['help_limit_reached', 'self_help', 'shopper_token_required']);

/** Helpers listed before "show all". */
const HELPERS_SHOWN = 5;

/** WeChat's in-app browser cannot open a share sheet from a page: the shopper shares with its "···" menu. */
const inWeChat = () => /MicroMessenger/i.test(globalThis.navigator?.userAgent ?? '');

/**
 * Assist (助力 / 砍价): the shopper starts an assist and shares it; friends open the link and help,
 * each help cutting the price (price_cut) or counting towards a goal (progress); once the goal is
 * reached, the owner claims the reward through the page's own checkout. Updates live as friends help.
 *
 * @summary An assist campaign: start it, share it, help a friend's, follow the progress, claim the reward.
 * @event flock-assist-started - The shopper started their assist; `detail.assist`, `detail.shareUrl`.
 * @event flock-helped - The shopper helped a friend's assist; `detail.assist`, `detail.amountCut` (price_cut mode).
 * @event flock-claim - The owner of a completed assist claims the reward; `detail.assist` (its `currentPrice` in price_cut mode) is what the page's checkout should sell before `purchaseBy`.
 * @event flock-error - An action failed; `detail.code`, `detail.message` (the widget shows it too).
 * @csspart base - The card.
 * @csspart header - Product image, title, price and reward.
 * @csspart image - The product image.
 * @csspart price - The current (or lowest) price.
 * @csspart progress - The progress bar.
 * @csspart button - Every action button.
 * @csspart avatar - The owner's and helpers' avatars.
 * @csspart countdown - Every countdown.
 * @csspart helpers - The list of friends who helped.
 * @csspart message - The status headline, notices and error messages.
 */
export class FlockAssistProgress extends FlockWidgetElement {
  static override styles = [themeStyles, cardStyles, assistProgressStyles];
  /** `t` (strings), `locale` (the Intl tag for strings, money, countdowns and dates), `ready`, `scheme`. */
  protected readonly settings = new SettingsController(this, assistProgressStrings);

  /** The assist campaign id (asc_…). */
  @property({ reflect: true }) campaign = '';
  /** An assist to show (ast_…); defaults to the `flock_assist` URL parameter, then to the shopper's own assist. */
  @property({ reflect: true }) assist = '';
  /** The page friends should open; defaults to this page. The assist travels in `flock_assist`. */
  @property({ attribute: 'share-url' }) shareUrl = '';

  @state() private chosenAssistId: string | undefined;
  @state() private ignoreLinkedAssist = false;
  @state() private lastHelp: { assistId: string; amountCut: number | null } | undefined;
  @state() private showAllHelpers = false;
  /** Linked assists that turned out to belong to another campaign (another widget's on the same page). */
  @state() private foreignAssists: ReadonlySet<string> = new Set();

  private readonly _campaign = new ResourceController<AssistCampaign>(this);
  private readonly _assist = new ResourceController<Assist>(this);
  /** Re-renders every second so countdowns move. */
  protected readonly ticker = new TickController(this);
  /** When an action replaces the focused button, focus lands on the new state's headline or first button. */
  protected readonly focusKeeper = new FocusKeeper(this);
  /** Share links the server returned when an assist was started on this page. */
  private readonly _shareUrls = new Map<string, string>();
  /** Assists refetched once after their countdown ran out, so the server's final word comes in. */
  private readonly _refetchedAtDeadline = new Set<string>();

  /** Fetches the campaign and the assist now. Live updates make this unnecessary in normal use. */
  async refresh(): Promise<void> {
    await Promise.all([this._campaign.store?.refresh(), this._assist.store?.refresh()]);
  }

  private _linkedAssistId(): string | undefined {
    if (this.ignoreLinkedAssist) return undefined;
    const linked = this.assist || new URLSearchParams(globalThis.location?.search ?? '').get(ASSIST_URL_PARAM) || undefined;
    // A page with several campaigns: a shared link belongs to one of them only.
    return linked && !this.foreignAssists.has(linked) ? linked : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another shopper signed in (or out): the last one's error is not theirs.
    if ((changed as Map<PropertyKey, unknown>).has('context')) this.actionError = undefined;
    const client = this.client;
    this._campaign.use(client && this.campaign ? assistClient(client).campaignStore(this.campaign) : undefined);
    const assistId = assistIdToShow({
      chosen: this.chosenAssistId,
      linked: this._linkedAssistId(),
      campaign: this._campaign.state?.data,
    });
    this._assist.use(client && assistId ? assistClient(client).assistStore(assistId) : undefined);
  }

  private _view(): AssistProgressView {
    const assist = this._assist.state?.data;
    return assistProgressView({
      campaignId: this.campaign || undefined,
      campaign: this._campaign.state,
      assist: this._assist.state,
      lastHelp: this.lastHelp,
      now: assist ? this.clock.now(assist.serverNow) : Date.now(),
    });
  }

  protected override updated(): void {
    const assist = this._assist.state?.data;
    if (assist && this.campaign && assist.campaignId !== this.campaign) {
      this.foreignAssists = new Set([...this.foreignAssists, assist.id]);
    }
    // The countdown ran out before the server said so: fetch its final word once.
    if (assist?.status === 'active' && !this._refetchedAtDeadline.has(assist.id)) {
      if (this.clock.msUntil(assist.expiresAt, assist.serverNow) === 0) {
        this._refetchedAtDeadline.add(assist.id);
        void this._assist.store?.refresh();
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Actions

  /** Already helped, completed, expired: the assist changed under the shopper; show what it is now. */
  protected override actionFailed(): void {
    void this.refresh();
  }

  private _start = () =>
    this.run(async (client) => {
      // The client's actions put the assist in its store (and refetch the campaign).
      const { assist, shareUrl } = await assistClient(client).startAssist(this.campaign, { shareBaseUrl: this._shareBase() });
      const url = shareUrl ?? this._shareUrlFor(assist.id);
      this._shareUrls.set(assist.id, url);
      this.chosenAssistId = assist.id;
      this.dispatchEvent(new FlockAssistStartedEvent(assist, url));
    });

  private _help = (assistId: string) =>
    this.run(async (client) => {
      const { assist, help } = await assistClient(client).help(assistId);
      this.lastHelp = { assistId, amountCut: help.amountCut };
      this.dispatchEvent(new FlockHelpedEvent(assist, help.amountCut));
    });

  private _claim = (assist: Assist) => this.dispatchEvent(new FlockClaimEvent(assist));

  /** Leaves the friend's assist for the shopper's own (or the start button). */
  private _startOwn = () => {
    this.ignoreLinkedAssist = true;
    this.chosenAssistId = undefined;
    this.actionError = undefined;
    this.notice = undefined;
    this.showAllHelpers = false;
  };

  private _shareBase(): string | undefined {
    const url = new URL(this.shareUrl || globalThis.location.href);
    url.searchParams.delete(ASSIST_URL_PARAM);
    return /^https?:$/.test(url.protocol) ? url.toString() : undefined;
  }

  private _shareUrlFor(assistId: string): string {
    const known = this._shareUrls.get(assistId);
    if (known) return known;
    const url = new URL(this.shareUrl || globalThis.location.href);
    url.searchParams.set(ASSIST_URL_PARAM, assistId);
    return url.toString();
  }

  private _share = async (assist: Assist) => {
    const t = this.settings.t;
    const url = this._shareUrlFor(assist.id);
    this.actionError = undefined;
    this.notice = undefined;
    const result = await shareLink({
      title: assist.title,
      text: t(`assist.shareText.${assist.mode}`, { title: assist.title }),
      url,
    });
    this.notice = result === 'copied' ? t('linkCopied') : result === 'failed' ? t('copyFailed', { url }) : undefined;
  };

  // -------------------------------------------------------------------------------------------
  // Rendering

  private _money(amount: number, currency: string | null): string {
    return formatMoney(amount, currency ?? 'CNY', this.settings.locale);
  }

  /**
   * Renders a translation whose {placeholders} are templates (emphasis, countdown digits), keeping
   * each language's word order.
   */
  private _rich(key: TranslationKey, parts: Record<string, unknown>): unknown[] {
    return this.settings
      .t(key)
      .split(/\{(\w+)\}/)
      .map((piece, i) => (i % 2 === 1 ? (parts[piece] ?? `{${piece}}`) : piece));
  }

  /** A countdown as digit boxes, 02:13:09 (with a day prefix beyond a day); reads as plain text. */
  private _countdown(deadline: string, serverNow: string, className = ''): TemplateResult {
    const text = formatCountdown(this.clock.msUntil(deadline, serverNow), this.settings.t, this.settings.locale);
    const match = /^(.*?)(\d\d):(\d\d):(\d\d)$/.exec(text);
    if (!match) return html`<span class="countdown ${className}" part="countdown" role="timer">${text}</span>`;
    const [, days, h, m, s] = match;
    return html`<span class="countdown ${className}" part="countdown" role="timer"
      >${days}<b class="digits">${h}</b>:<b class="digits">${m}</b>:<b class="digits">${s}</b></span
    >`;
  }

  protected override render() {
    // Blank for the moment the language's strings take to arrive, rather than a flash of English.
    if (!this.settings.ready) return nothing;
    const t = this.settings.t;
    if (!this.context) return this._frame(alertMessage(t('error.invalid_key')));
    const view = this._view();
    return this._frame(this._renderView(view, t), view);
  }

  private _frame(body: TemplateResult, view?: AssistProgressView) {
    const t = this.settings.t;
    // The helped view already says "you have helped"; the same words again as an error would be noise.
    const error = this.actionError && !(view?.kind === 'helped' && this.actionError === 'already_helped');
    return html`<div part="base" class="card" aria-busy=${view?.kind === 'loading' ? 'true' : 'false'}>
      ${view?.kind === 'start' ? this._campaignHeader(view.campaign, t) : nothing}
      ${view && 'assist' in view ? this._assistHeader(view.assist, t) : nothing}
      <div class="body">${body}</div>
      ${error ? alertMessage(errorMessage(t, this.actionError!, 'assist')) : nothing}
      ${noticeMessage(this.notice)}
      ${view && 'assist' in view ? this._helpers(view.assist, view.kind === 'active-owner', t) : nothing}
    </div>
    ${statusRegion(this._announcement(view))}`;
  }

  /**
   * What the one polite live region says: the state, the progress and the latest helper, so a help
   * pushed by the server is announced. Countdowns stay out (they would chatter every second).
   */
  private _announcement(view?: AssistProgressView): string {
    const t = this.settings.t;
    if (this.notice) return this.notice;
    if (!view || !('assist' in view)) return view?.kind === 'loading' ? t('loading') : '';
    const { assist } = view;
    const progress = assistProgress(assist);
    const priceCut = assist.mode === 'price_cut' && assist.startPrice !== null && assist.floorPrice !== null;
    const money = (amount: number) => this._money(amount, assist.currency);
    const done = progress.left === 0;
    const progressText = priceCut
      ? t(done ? 'assist.cutDone' : 'assist.cutProgress', {
          cut: money(progress.value),
          left: money(progress.left),
          floor: money(assist.floorPrice!),
        })
      : t(done ? 'assist.helpDone' : 'assist.helpProgress', {
          n: assist.helps,
          goal: assist.goal,
          left: Math.max(0, assist.goal - assist.helps),
        });
    const latest = assist.helpers[0];
    const latestText = latest
      ? `${latest.displayName} ${latest.amountCut !== null ? t('assist.helperCut', { price: money(latest.amountCut) }) : t('assist.helperHelped')}`
      : '';
    const lead =
      view.kind === 'active-friend'
        ? t(`assist.invitedBy.${assist.mode}`, { name: assist.owner.displayName })
        : view.kind === 'helped'
          ? view.amountCut === undefined
            ? t('assist.error.already_helped')
            : assist.mode === 'price_cut' && view.amountCut !== null
              ? t('assist.helped.price_cut', { price: money(view.amountCut) })
              : t('assist.helped.progress', { name: assist.owner.displayName })
          : view.kind === 'completed' && !view.owner
            ? t('assist.completedFriend', { name: assist.owner.displayName })
            : view.kind === 'completed' && !view.claimOpen
              ? t('assist.claimClosed')
              : view.kind === 'expired'
                ? t('assist.expired')
                : '';
    return [lead, progressText, latestText].filter(Boolean).join('. ');
  }

  private _header(
    t: Translate,
    item: { title: string; imageUrl: string | null; mode: AssistMode; reward: { description: string } },
    prices: TemplateResult | typeof nothing,
  ) {
    return html`<div part="header" class="header">
      ${item.imageUrl ? html`<img part="image" class="image" src=${item.imageUrl} alt="" loading="lazy" />` : nothing}
      <div class="summary">
        <h3 class="title">${item.title}</h3>
        <div class="prices">
          <span class="tag">${t(`assist.kind.${item.mode}`)}</span>
          ${prices}
        </div>
        <p class="reward">
          <svg class="gift" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 11h16v9a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1zM3 7h18v4H3zM12 7v14M12 7C10 3 6.5 3.5 7 6c.3 1.2 2.4 1 5 1zm0 0c1.5-4 5.5-3.5 5-1-.3 1.2-2.4 1-5 1z" />
          </svg>
          <span class="visually-hidden">${t('assist.reward')}:</span>
          <span>${item.reward.description}</span>
        </p>
      </div>
    </div>`;
  }

  private _campaignHeader(campaign: AssistCampaign, t: Translate) {
    const prices =
      campaign.mode === 'price_cut' && campaign.startPrice !== null && campaign.floorPrice !== null
        ? html`<span class="price-label">${t('assist.lowest')}</span>
            <span class="price" part="price">${this._money(campaign.floorPrice, campaign.currency)}</span>
            <s class="regular">${this._money(campaign.startPrice, campaign.currency)}</s>`
        : nothing;
    return this._header(t, campaign, prices);
  }

  private _assistHeader(assist: Assist, t: Translate) {
    const prices =
      assist.mode === 'price_cut' && assist.startPrice !== null && assist.currentPrice !== null
        ? html`<span class="price-label">${t('assist.currentPrice')}</span>
            <span class="price" part="price">${this._money(assist.currentPrice, assist.currency)}</span>
            ${assist.currentPrice < assist.startPrice ? html`<s class="regular">${this._money(assist.startPrice, assist.currency)}</s>` : nothing}`
        : nothing;
    return this._header(t, assist, prices);
  }

  private _renderView(view: AssistProgressView, t: Translate): TemplateResult {
    switch (view.kind) {
      case 'loading':
        // Mirrors the loaded card (header, bar, button), so the page does not jump when data arrives.
        return html`<div class="skeleton" aria-hidden="true">
          <div class="skeleton-header">
            <div class="bone image"></div>
            <div class="skeleton-lines"><div class="bone wide"></div><div class="bone short"></div><div class="bone"></div></div>
          </div>
          <div class="bone headline"></div>
          <div class="bone bar"></div>
          <div class="bone button"></div>
        </div>`;
      case 'load-error':
        return renderLoadError(errorMessage(t, view.code, 'assist'), view.code, t, () => this.refresh());
      case 'start':
        return this._renderStart(view.campaign, t);
      case 'active-owner':
        return html`${this._progress(view.assist, t)} ${this._deadline(view.assist)} ${this._shareAction(view.assist, t)}`;
      case 'active-friend':
        return html`${this._owner(view.assist, t)} ${this._progress(view.assist, t)} ${this._deadline(view.assist)}
          <button
            part="button"
            class="button primary help"
            ?disabled=${this.busy || (this.actionError !== undefined && HELP_BLOCKED.has(this.actionError))}
            @click=${() => this._help(view.assist.id)}
          >
            ${t(`assist.help.${view.assist.mode}`, { name: view.assist.owner.displayName })}
          </button>`;
      case 'helped': {
        const { assist, amountCut } = view;
        const thanks =
          amountCut === undefined
            ? t('assist.error.already_helped')
            : assist.mode === 'price_cut' && amountCut !== null
              ? t('assist.helped.price_cut', { price: this._money(amountCut, assist.currency) })
              : t('assist.helped.progress', { name: assist.owner.displayName });
        return html`${this._status(thanks, 'success')} ${this._progress(assist, t)} ${this._deadline(assist)}
          <button part="button" class="button primary" disabled>${t('assist.helpedButton')}</button>
          ${this._startOwnButton(assist.mode, t)}`;
      }
      case 'completed': {
        const { assist } = view;
        if (!view.owner) {
          return html`${this._status(t('assist.completedFriend', { name: assist.owner.displayName }), 'success')}
            ${this._progress(assist, t)} ${this._startOwnButton(assist.mode, t)}`;
        }
        if (!view.claimOpen) return html`${this._status(t('assist.claimClosed'), 'failure')} ${this._progress(assist, t)}`;
        return html`<p class="status success" part="message" tabindex="-1" data-focus-landing>
            ${this._icon('success')}<span
              >${this._rich('assist.completed', {
                time: assist.purchaseBy ? this._countdown(assist.purchaseBy, assist.serverNow, 'inline') : '',
              })}</span
            >
          </p>
          ${this._progress(assist, t)}
          <button part="button" class="button primary" @click=${() => this._claim(assist)}>
            ${t('assist.claim')}${
              assist.mode === 'price_cut' && assist.currentPrice !== null
                ? html` <span class="button-price">${this._money(assist.currentPrice, assist.currency)}</span>`
                : nothing
            }
          </button>`;
      }
      case 'expired':
        return html`${this._status(t('assist.expired'), 'failure')} ${this._progress(view.assist, t)}
          ${view.owner ? this._startAgainButton(t) : this._startOwnButton(view.assist.mode, t)}`;
    }
  }

  private _renderStart(campaign: AssistCampaign, t: Translate) {
    if (!campaign.active) return this._status(t('assist.error.campaign_not_active'), 'failure');
    const pitch =
      campaign.mode === 'price_cut' && campaign.startPrice !== null && campaign.floorPrice !== null
        ? this._rich('assist.pitch.price_cut', {
            n: html`<em>${campaign.goal}</em>`,
            start: html`<em>${this._money(campaign.startPrice, campaign.currency)}</em>`,
            floor: html`<em>${this._money(campaign.floorPrice, campaign.currency)}</em>`,
          })
        : this._rich('assist.pitch.progress', { n: html`<em>${campaign.goal}</em>` });
    return html`<p class="pitch">${pitch}</p>
      <button part="button" class="button primary" ?disabled=${this.busy} @click=${this._start}>
        ${t(`assist.start.${campaign.mode}`)}
      </button>`;
  }

  private _icon(tone: 'success' | 'failure') {
    return tone === 'success'
      ? html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" /><path d="M7 12.5l3.2 3.2L17 9" /></svg>`
      : html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" /><path d="M12 7v6M12 16.5v.5" /></svg>`;
  }

  private _status(text: string, tone: 'success' | 'failure') {
    // Not a live region itself (the frame's one is): focus lands here when an action replaced the button.
    return html`<p class="status ${tone}" part="message" tabindex="-1" data-focus-landing>${this._icon(tone)}<span>${text}</span></p>`;
  }

  /** Whose assist this is, for a friend who opened the shared link. */
  private _owner(assist: Assist, t: Translate) {
    return html`<div class="owner">
      ${this._avatar(assist.owner, 'large')}
      <p class="owner-line">${t(`assist.invitedBy.${assist.mode}`, { name: assist.owner.displayName })}</p>
    </div>`;
  }

  /** The headline numbers, the bar, and the bar's ends. */
  private _progress(assist: Assist, t: Translate) {
    const progress = assistProgress(assist);
    const priceCut = assist.mode === 'price_cut' && assist.startPrice !== null && assist.floorPrice !== null;
    const money = (amount: number) => this._money(amount, assist.currency);
    const done = progress.left === 0;
    let text: string;
    let headline: unknown[];
    if (priceCut) {
      const parts = { cut: money(progress.value), left: money(progress.left), floor: money(assist.floorPrice!) };
      const key = done ? 'assist.cutDone' : 'assist.cutProgress';
      text = t(key, parts);
      headline = this._rich(key, {
        cut: html`<em>${parts.cut}</em>`,
        left: html`<em>${parts.left}</em>`,
        floor: html`<em>${parts.floor}</em>`,
      });
    } else {
      const parts = { n: assist.helps, goal: assist.goal, left: Math.max(0, assist.goal - assist.helps) };
      const key = done ? 'assist.helpDone' : 'assist.helpProgress';
      text = t(key, parts);
      headline = this._rich(key, {
        n: html`<em>${parts.n}</em>`,
        goal: html`<em>${parts.goal}</em>`,
        left: html`<em>${parts.left}</em>`,
      });
    }
    return html`<div class="progress">
      <p class="progress-text" aria-hidden="true">${headline}</p>
      <div
        class="bar"
        part="progress"
        role="progressbar"
        aria-label=${t(`assist.progressLabel.${assist.mode}`)}
        aria-valuemin="0"
        aria-valuemax=${progress.max}
        aria-valuenow=${progress.value}
        aria-valuetext=${text}
      >
        <svg width="100%" height="10" aria-hidden="true" focusable="false">
          <defs>
            <linearGradient id="bar-fill"><stop class="stop-start" offset="0" /><stop class="stop-end" offset="1" /></linearGradient>
          </defs>
          <rect class="track" width="100%" height="10" rx="5" />
          <rect class="fill" width="${progress.percent}%" height="10" rx="5" fill="url(#bar-fill)" />
        </svg>
      </div>
      ${
        priceCut
          ? html`<p class="bar-ends" aria-hidden="true">
            <span>${t('assist.from', { price: money(assist.startPrice!) })}</span>
            <span>${t('assist.downTo', { price: money(assist.floorPrice!) })}</span>
          </p>`
          : nothing
      }
    </div>`;
  }

  private _deadline(assist: Assist) {
    return html`<p class="deadline">${this._rich('assist.endsIn', { time: this._countdown(assist.expiresAt, assist.serverNow) })}</p>`;
  }

  private _shareAction(assist: Assist, t: Translate) {
    if (inWeChat()) {
      return html`<p class="wechat-hint" part="message">
        <span>${t('assist.wechatHint')}</span>
        <svg class="arrow" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 18L18 6M9 6h9v9" /></svg>
      </p>`;
    }
    return html`<button part="button" class="button primary" @click=${() => this._share(assist)}>
      <svg class="button-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M4 12v7a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-7M12 3v12M7.5 7.5L12 3l4.5 4.5" />
      </svg>
      ${t(`assist.invite.${assist.mode}`)}
    </button>`;
  }

  private _startOwnButton(mode: AssistMode, t: Translate) {
    // Starting needs the campaign; a page that only names an assist cannot offer it.
    if (!this.campaign) return nothing;
    return html`<button part="button" class="button secondary" @click=${this._startOwn}>${t(`assist.startOwn.${mode}`)}</button>`;
  }

  /** The owner's assist ran out: a new one starts from the full price (while the campaign runs). */
  private _startAgainButton(t: Translate) {
    if (!this.campaign || this._campaign.state?.data?.active === false) return nothing;
    return html`<button part="button" class="button secondary" ?disabled=${this.busy} @click=${this._start}>${t('assist.startAgain')}</button>`;
  }

  private _helpers(assist: Assist, owner: boolean, t: Translate) {
    const helpers = assist.helpers;
    const shown = this.showAllHelpers ? helpers : helpers.slice(0, HELPERS_SHOWN);
    const live = assist.status === 'active';
    if (helpers.length === 0 && !live) return nothing;
    return html`<section class="helpers" part="helpers" aria-labelledby="helpers-title">
      <h4 class="section-title" id="helpers-title">
        ${t('assist.helpers')}${helpers.length > 0 ? html` <span class="count">${assist.helps}</span>` : nothing}
      </h4>
      ${
        helpers.length === 0
          ? html`<p class="empty">${t(owner ? 'assist.noHelpersOwner' : 'assist.noHelpersFriend')}</p>`
          : html`<ul class="helper-list">
            ${shown.map((helper) => this._helperRow(helper, assist, t))}
          </ul>`
      }
      ${
        helpers.length > HELPERS_SHOWN
          ? html`<button class="link" aria-expanded=${this.showAllHelpers ? 'true' : 'false'} @click=${() => {
              this.showAllHelpers = !this.showAllHelpers;
            }}>
            ${this.showAllHelpers ? t('assist.showLess') : t('assist.showAll', { n: helpers.length })}
          </button>`
          : nothing
      }
    </section>`;
  }

  private _helperRow(helper: AssistHelper, assist: Assist, t: Translate) {
    return html`<li class="helper">
      ${this._avatar(helper)}
      <span class="helper-name">${helper.displayName}</span>
      <span class="helper-amount">
        ${
          helper.amountCut !== null
            ? t('assist.helperCut', { price: this._money(helper.amountCut, assist.currency) })
            : t('assist.helperHelped')
        }
      </span>
    </li>`;
  }

  /** Avatars are decorative: the name is always written beside them. */
  private _avatar(person: { displayName: string; avatarUrl: string | null }, size: 'large' | 'small' = 'small') {
    const initial = [...person.displayName][0]?.toUpperCase() ?? '?';
    return person.avatarUrl
      ? html`<img class="avatar ${size}" part="avatar" src=${person.avatarUrl} alt="" loading="lazy" />`
      : html`<span class="avatar ${size} initial" part="avatar" aria-hidden="true">${initial}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-assist-progress': FlockAssistProgress;
  }
}
