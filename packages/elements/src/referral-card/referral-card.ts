import { currentAttribution, type PromoterStats, type ReferralProgram, referralClient } from '@flock/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorMessage, type TranslatorOf } from '../i18n/localize.js';
import { cardStyles } from '../shared/card.styles.js';
import { alertMessage, noticeMessage, statusRegion } from '../shared/card-messages.js';
import { CopiedFlag } from '../shared/copied-flag.js';
import { FocusKeeper } from '../shared/focus-keeper.js';
import { formatMoney } from '../shared/format.js';
import { renderLoadError } from '../shared/load-error.js';
import { SettingsController } from '../shared/settings-controller.js';
import { copyText, shareLink } from '../shared/share.js';
import { ResourceController } from '../shared/store-controller.js';
import { themeStyles } from '../shared/theme.styles.js';
import { FlockWidgetElement } from '../shared/widget-element.js';
import { drawPoster } from './poster.js';
import { FlockPosterReadyEvent, FlockPromoterJoinedEvent } from './referral-card.events.js';
import { referralCardStrings } from './referral-card.strings.js';
import { referralCardStyles } from './referral-card.styles.js';
import {
  commissionRule,
  needsProgramAlone,
  type PosterState,
  type ReferralCardView,
  referralCardView,
  statsFigures,
} from './referral-card-state.js';

/** Its strings and the shared ones. */
type Translate = TranslatorOf<typeof referralCardStrings>;
type TranslationKey = Parameters<Translate>[0];

/** WeChat's in-app browser cannot open a share sheet from a page: the shopper shares with its "···" menu. */
const inWeChat = () => /MicroMessenger/i.test(globalThis.navigator?.userAgent ?? '');

type PromoterView = Extract<ReferralCardView, { kind: 'promoter' | 'poster' }>;

/** The growth kit's chunk (referral-card-growth.ts: tier, share kit, history, suggestions, leaderboard switch), fetched for a promoter's card. */
type Growth = typeof import('./referral-card-growth.js');

/**
 * Referral (分销 / 分享赚佣金): the shopper becomes a promoter of the program in one tap and gets
 * their link to copy or share, a poster to post in a chat group (a PNG drawn on the page, with a QR
 * code of the link), and their figures — clicks, orders, and commission pending, under review,
 * available and paid — updated live as friends buy.
 *
 * @summary A referral program's promoter card: join, share the link or a poster, follow the earnings.
 * @event flock-promoter-joined - The shopper became a promoter; `detail.promoter` ({id, code, programId}), `detail.shareUrl`.
 * @event flock-poster-ready - The poster is drawn; `detail.blob` (PNG), `detail.url` (an object URL, valid while the poster shows).
 * @event flock-error - An action failed; `detail.code`, `detail.message` (the widget shows it too).
 * @csspart base - The card.
 * @csspart header - Product image, title, price and commission.
 * @csspart image - The product image.
 * @csspart price - The product's price.
 * @csspart commission - The commission badge and the pitch's rule.
 * @csspart button - Every action button.
 * @csspart stats - The earnings panel (available, pending, under review, paid) and the clicks / orders row.
 * @csspart link - The promoter's link and its copy button.
 * @csspart poster - The poster image.
 * @csspart message - Notices and error messages.
 * @csspart tier - The promoter's tier, the next one and their bonuses.
 * @csspart tier-progress - The bar of the way to the next tier.
 * @csspart share-kit - The program's materials to copy or share.
 * @csspart material - One material.
 * @csspart thumb - A material's image.
 * @csspart suggestions - Materials suggested to the promoter, with the reason.
 * @csspart share-history - The promoter's shares and how each did.
 * @csspart share - One share in the history.
 * @csspart leaderboard-switch - The "Show me on the leaderboard" switch.
 * @cssprop --flock-tier-bar-color - The tier progress bar's fill.
 * @cssprop --flock-tier-bar-track - The tier progress bar's track.
 * @cssprop --flock-tier-bar-height - The tier progress bar's height.
 * @cssprop --flock-material-thumb-size - A material's image size.
 * @cssprop --flock-suggestion-reason-color - The color of a suggestion's reason.
 * @cssprop --flock-switch-on-color - The leaderboard switch when on.
 */
export class FlockReferralCard extends FlockWidgetElement {
  static override styles = [themeStyles, cardStyles, referralCardStyles];
  /** `t` (strings), `locale` (the Intl tag for strings, money, countdowns and dates), `ready`, `scheme`. */
  protected readonly settings = new SettingsController(this, referralCardStrings);

  /** The referral program id (prg_…). */
  @property({ reflect: true }) program = '';
  /** The promoter's name on the poster ("{name} 推荐"); defaults to the name the shop gave in the shopper token. */
  @property({ attribute: 'promoter-name' }) promoterName = '';
  /**
   * The code of the promoter who recruited this shopper (their referrer, for a program with a second
   * level); defaults to the code of the promoter link this browser arrived through.
   */
  @property({ attribute: 'referred-by' }) referredBy = '';

  /** When an action replaces the focused button (join, poster open/close), focus lands somewhere sensible. */
  protected readonly focusKeeper = new FocusKeeper(this);
  @state() private poster: PosterState | undefined;

  private readonly _stats = new ResourceController<PromoterStats>(this);
  private readonly _program = new ResourceController<ReferralProgram>(this);
  private readonly _copied = new CopiedFlag(this);
  /** The poster's link: a poster of another link (after a new token) is drawn again. */
  private _posterFor: string | undefined;
  /** The growth kit's parts and their strings, once its chunk is here (a promoter's card only). */
  private _growth:
    | { parts: InstanceType<Growth['GrowthParts']>; settings: SettingsController<[Growth['growthStrings']]> }
    | undefined;
  private _growthLoading = false;

  /** Fetches the shopper's figures (or the program) now. Live updates make this unnecessary in normal use. */
  async refresh(): Promise<void> {
    await Promise.all([this._stats.store?.refresh(), this._program.store?.refresh()]);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const map = changed as Map<PropertyKey, unknown>;
    // Another shopper signed in (or out), or another program: the last one's error and poster are not theirs.
    if (map.has('context') || map.has('program')) {
      this.actionError = undefined;
      this.notice = undefined;
      if (map.get('context') !== undefined || map.has('program')) this._closePoster();
    }
    const client = this.client;
    const signedIn = this.signedIn;
    this._stats.use(client && this.program && signedIn ? referralClient(client).promoterStore(this.program) : undefined);
    this._program.use(
      client && this.program && needsProgramAlone(signedIn, this._stats.state)
        ? referralClient(client).programStore(this.program)
        : undefined,
    );
    const promoter = Boolean(signedIn && this._stats.state?.data?.promoter);
    if (promoter && !this._growth && !this._growthLoading) {
      this._growthLoading = true;
      void import('./referral-card-growth.js').then((growth) => {
        this._growth = {
          parts: new growth.GrowthParts(this._growthHost()),
          settings: new SettingsController(this, growth.growthStrings),
        };
        this.requestUpdate();
      });
    }
    this._growth?.parts.use(promoter);
  }

  /** What the growth parts borrow from the card. */
  private _growthHost(): import('./referral-card-growth.js').GrowthHost {
    const card = this;
    return {
      addController: (controller) => card.addController(controller),
      removeController: (controller) => card.removeController(controller),
      requestUpdate: () => card.requestUpdate(),
      get updateComplete() {
        return card.updateComplete;
      },
      get renderRoot() {
        return card.renderRoot;
      },
      get client() {
        return card.client;
      },
      get program() {
        return card.program;
      },
      money: (amount, currency) => card._money(amount, currency),
      percent: (bps) => card._percent(bps / 100),
      locale: () => card.settings.locale,
      poster: (link) => {
        const view = card._view();
        if (view.kind === 'promoter' || view.kind === 'poster') void card._makePoster({ ...view, shareUrl: link });
      },
      fail: (code, error) => card.fail(code, error),
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._closePoster();
  }

  private _view(): ReferralCardView {
    return referralCardView({
      signedIn: this.signedIn,
      stats: this._stats.state,
      program: this._program.state,
      poster: this.poster,
    });
  }

  // -------------------------------------------------------------------------------------------
  // Actions

  private _join = () =>
    this.run(async (client) => {
      // The link this browser came through counts only if it is one of this program's promoters'.
      const attribution = currentAttribution();
      const referredBy = this.referredBy || (attribution?.programId === this.program ? attribution.code : undefined);
      // The client's action shows the promoter in the promoter store at once, then refetches its figures.
      const { promoter, shareUrl } = await referralClient(client).becomePromoter(this.program, referredBy ? { referredBy } : {});
      this.dispatchEvent(new FlockPromoterJoinedEvent(promoter, shareUrl));
    });

  /** Called straight from the click, so the clipboard write happens inside the gesture (Safari). */
  private _copy = async (url: string) => {
    this.notice = undefined;
    if (await copyText(url)) {
      this._copied.set(true);
    } else {
      this.notice = this.settings.t('copyFailed', { url });
    }
  };

  private _shareLink = async (view: PromoterView) => {
    const t = this.settings.t;
    this.notice = undefined;
    const { title } = view.program.product;
    const result = await shareLink({ title, text: t('referral.shareText', { title }), url: view.shareUrl });
    this.notice =
      result === 'copied' ? t('linkCopied') : result === 'failed' ? t('copyFailed', { url: view.shareUrl }) : undefined;
  };

  private _sharePoster = async (view: PromoterView, blob: Blob) => {
    const t = this.settings.t;
    this.notice = undefined;
    const { title } = view.program.product;
    const file = new File([blob], `${t('referral.posterFile')}.png`, { type: 'image/png' });
    const result = await shareLink({ title, text: t('referral.shareText', { title }), url: view.shareUrl, files: [file] });
    this.notice =
      result === 'copied' ? t('linkCopied') : result === 'failed' ? t('copyFailed', { url: view.shareUrl }) : undefined;
  };

  private _makePoster = async (view: PromoterView) => {
    if (this.poster?.status === 'drawing') return;
    if (this.poster?.status === 'ready' && this._posterFor === view.shareUrl) return;
    this._closePoster();
    const t = this.settings.t;
    const { product } = view.program;
    const name = this.promoterName || nameInToken(this.client?.shopperToken ?? null);
    const style = getComputedStyle(this);
    const drawing: PosterState = { status: 'drawing' };
    this.poster = drawing;
    this._posterFor = view.shareUrl;
    this.actionError = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector('.poster-panel')?.scrollIntoView?.({ block: 'nearest' }));
    try {
      const blob = await drawPoster({
        title: product.title,
        price: product.price !== null ? this._money(product.price, product.currency) : null,
        imageUrl: product.imageUrl,
        recommender: name ? t('referral.poster.recommends', { name }) : t('referral.poster.recommendsAnon'),
        tagline: t('referral.poster.tagline'),
        initial: [...(name ?? product.title)][0]?.toUpperCase() ?? '',
        scan: t('referral.poster.scan'),
        scanSub: t('referral.poster.scanSub'),
        url: view.shareUrl,
        fontFamily: style.fontFamily,
        brand: style.getPropertyValue('--_brand').trim() || '#e0061d',
      });
      // Closed (or asked for again) while drawing: this one is nobody's.
      if (this.poster !== drawing) return;
      const url = URL.createObjectURL(blob);
      this.poster = { status: 'ready', blob, url };
      this.dispatchEvent(new FlockPosterReadyEvent(blob, url));
    } catch (error) {
      if (this.poster !== drawing) return;
      this.poster = { status: 'failed' };
      this.fail('poster_failed', error);
    }
  };

  private _closePoster = () => {
    if (this.poster?.status === 'ready') URL.revokeObjectURL(this.poster.url);
    if (this.poster) this.poster = undefined;
    this._posterFor = undefined;
    if (this.actionError === 'poster_failed') this.actionError = undefined;
  };

  // -------------------------------------------------------------------------------------------
  // Rendering

  private _money(amount: number, currency: string | null): string {
    return formatMoney(amount, currency ?? 'CNY', this.settings.locale);
  }

  /** A percentage as the locale writes it: 10%, 12.5%. */
  private _percent(percent: number): string {
    return new Intl.NumberFormat(this.settings.locale, { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
  }

  /** Renders a translation whose {placeholders} are templates, keeping each language's word order. */
  private _rich(key: TranslationKey, parts: Record<string, unknown>): unknown[] {
    return this.settings
      .t(key)
      .split(/\{(\w+)\}/)
      .map((piece, i) => (i % 2 === 1 ? (parts[piece] ?? `{${piece}}`) : piece));
  }

  protected override render() {
    // Blank for the moment the language's strings take to arrive, rather than a flash of English.
    if (!this.settings.ready) return nothing;
    const t = this.settings.t;
    if (!this.context) return this._frame(alertMessage(t('error.invalid_key')));
    const view = this._view();
    return this._frame(this._renderView(view, t), view);
  }

  private _frame(body: TemplateResult, view?: ReferralCardView) {
    const t = this.settings.t;
    return html`<div part="base" class="card" aria-busy=${view?.kind === 'loading' ? 'true' : 'false'}>
      ${view && 'program' in view ? this._header(view.program, t) : nothing}
      <div class="body">${body}</div>
      ${this.actionError ? alertMessage(errorMessage(t, this.actionError, 'referral')) : nothing}
      ${noticeMessage(this.notice)}
    </div>
    ${statusRegion(this._announcement(view))}`;
  }

  /**
   * What the one polite live region says: copy and poster progress, else the promoter's orders and
   * commission, so an order pushed by the server is announced. Clicks stay out (they would chatter).
   */
  private _announcement(view?: ReferralCardView): string {
    const t = this.settings.t;
    if (this.notice) return this.notice;
    if (this._copied.is()) return t('referral.copied');
    if (view?.kind === 'loading') return t('loading');
    if (view?.kind !== 'promoter' && view?.kind !== 'poster') return '';
    if (view.kind === 'poster' && view.poster.status === 'drawing') return t('referral.posterDrawing');
    if (view.kind === 'poster' && view.poster.status === 'ready') return t('referral.posterHint');
    const { stats } = view;
    const currency = stats.currency ?? stats.program.product.currency;
    return [
      `${t('referral.orders')} ${stats.orders}`,
      ...statsFigures(stats).map(({ key, amount }) => `${t(`referral.${key}`)} ${this._money(amount, currency)}`),
      `${t('referral.available')} ${this._money(stats.available, currency)}`,
    ].join(', ');
  }

  private _header(program: ReferralProgram, t: Translate) {
    const { product } = program;
    return html`<div part="header" class="header">
      ${product.imageUrl ? html`<img part="image" class="image" src=${product.imageUrl} alt="" loading="lazy" />` : nothing}
      <div class="summary">
        <h3 class="title">${product.title}</h3>
        ${
          product.price !== null
            ? html`<div class="prices"><span class="price" part="price">${this._money(product.price, product.currency)}</span></div>`
            : nothing
        }
        <p class="earn-line">
          <span class="tag">${t('referral.feature')}</span>
          ${this._badge(program, t)}
        </p>
      </div>
    </div>`;
  }

  /** "赚 ¥2.99" (or "赚 10%" without a price): what one order earns, at a glance. */
  private _badge(program: ReferralProgram, t: Translate) {
    const rule = commissionRule(program);
    if (!rule) return nothing;
    const text =
      rule.type === 'fixed'
        ? t('referral.earnBadge', { price: this._money(rule.amount, rule.currency) })
        : rule.estimate !== null
          ? t('referral.earnBadge', { price: this._money(rule.estimate, rule.currency) })
          : t('referral.earnBadgePercent', { amount: this._percent(rule.percent) });
    return html`<span class="earn-badge" part="commission">${text}</span>`;
  }

  private _renderView(view: ReferralCardView, t: Translate): TemplateResult {
    switch (view.kind) {
      case 'loading':
        // Mirrors the loaded card (header, panel, button), so the page does not jump when data arrives.
        return html`<div class="skeleton" aria-hidden="true">
          <div class="skeleton-header">
            <div class="bone image"></div>
            <div class="skeleton-lines"><div class="bone wide"></div><div class="bone short"></div><div class="bone"></div></div>
          </div>
          <div class="bone earnings-bone"></div>
          <div class="bone button"></div>
        </div>`;
      case 'load-error':
        return renderLoadError(errorMessage(t, view.code, 'referral'), view.code, t, () => this.refresh());
      case 'join':
        return this._renderJoin(view.program, view.signedIn, t);
      case 'promoter':
      case 'poster':
        return html`${this._earnings(view.stats, t)} ${this._link(view, t)}
        ${view.kind === 'poster' ? this._posterPanel(view, view.poster, t) : this._actions(view, t)}
        ${this._growth?.settings.ready ? this._growth.parts.render(view.stats, this._growth.settings.t) : nothing}`;
    }
  }

  private _renderJoin(program: ReferralProgram, signedIn: boolean, t: Translate) {
    const rule = commissionRule(program);
    const amount =
      rule?.type === 'fixed' ? this._money(rule.amount, rule.currency) : rule ? this._percent(rule.percent) : undefined;
    const price = program.product.price;
    const about =
      rule?.type === 'percent' && rule.estimate !== null && price !== null
        ? html`<p class="about">
            ${t('referral.earnAbout', { price: this._money(rule.estimate, rule.currency), base: this._money(price, program.product.currency) })}
          </p>`
        : nothing;
    const step = (n: number, key: TranslationKey) =>
      html`<li class="step"><span class="step-n" aria-hidden="true">${n}</span><span>${t(key)}</span></li>`;
    return html`<div class="pitch-block">
        ${amount ? html`<p class="rule" part="commission">${this._rich('referral.earnPerOrder', { amount: html`<em>${amount}</em>` })}</p>` : nothing}
        ${about}
        <p class="pitch">${t('referral.pitch')}</p>
      </div>
      <ol class="steps">
        ${step(1, 'referral.step.join')} ${step(2, 'referral.step.share')} ${step(3, 'referral.step.earn')}
      </ol>
      ${this._terms(program, t)}
      ${
        signedIn
          ? html`<button part="button" class="button primary" ?disabled=${this.busy} @click=${this._join}>
            ${t('referral.become')}
          </button>`
          : html`<p class="message notice sign-in" part="message">${t('referral.signIn')}</p>`
      }`;
  }

  /** The fine print: when commission can be withdrawn, and the second level if there is one. */
  private _terms(program: ReferralProgram, t: Translate) {
    const lines: string[] = [];
    if (program.secondLevelBps) lines.push(t('referral.secondLevel', { amount: this._percent(program.secondLevelBps / 100) }));
    if (program.holdDays > 0) lines.push(t('referral.hold', { n: program.holdDays }));
    if (lines.length === 0) return nothing;
    return html`<ul class="terms">
      ${lines.map((line) => html`<li>${line}</li>`)}
    </ul>`;
  }

  private _earnings(stats: PromoterStats, t: Translate) {
    const currency = stats.currency ?? stats.program.product.currency;
    return html`<section class="earnings" part="stats" aria-labelledby="earnings-title">
      <div class="panel">
        <h4 class="panel-title" id="earnings-title">${t('referral.stats')}</h4>
        <p class="available">
          <span class="available-label">${t('referral.available')}</span>
          <span class="available-amount">${this._money(stats.available, currency)}</span>
        </p>
        <dl class="figures">
          ${statsFigures(stats).map(
            ({ key, amount }) =>
              html`<div class="figure ${key}">
                <dt>${t(`referral.${key}`)}</dt>
                <dd>${this._money(amount, currency)}</dd>
              </div>`,
          )}
        </dl>
      </div>
      <dl class="counts">
        <div class="count">
          <dt>${t('referral.clicks')}</dt>
          <dd>${stats.clicks}</dd>
        </div>
        <div class="count">
          <dt>${t('referral.orders')}</dt>
          <dd>${stats.orders}</dd>
        </div>
      </dl>
    </section>`;
  }

  private _link(view: PromoterView, t: Translate) {
    return html`<div class="link-box" part="link">
      <p class="link-label" id="link-label">${t('referral.myLink')}</p>
      <div class="link-row">
        <span class="link-url" aria-labelledby="link-label">${view.shareUrl}</span>
        <button
          part="button"
          class="button small copy ${this._copied.is() ? 'done' : ''}"
          @click=${() => this._copy(view.shareUrl)}
        >
          ${this._copied.is() ? t('referral.copied') : t('referral.copy')}
        </button>
      </div>
    </div>`;
  }

  private _actions(view: PromoterView, t: Translate) {
    // Focus comes back here when the poster closes (the focus keeper's landing).
    const poster = html`<button part="button" class="button primary" data-focus-landing @click=${() => this._makePoster(view)}>
      <svg class="button-icon" viewBox="0 0 24 24" aria-hidden="true">
        <rect x="4" y="3" width="16" height="18" rx="2" /><path d="M8 7h8M8 11h5M14 15h3v3h-3z" />
      </svg>
      ${t('referral.poster')}
    </button>`;
    if (inWeChat()) {
      return html`${poster}
        <p class="wechat-hint" part="message">
          <span>${t('referral.wechatHint')}</span>
          <svg class="arrow" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 18L18 6M9 6h9v9" /></svg>
        </p>`;
    }
    return html`<div class="actions">
      <button part="button" class="button secondary" @click=${() => this._shareLink(view)}>
        <svg class="button-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 12v7a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-7M12 3v12M7.5 7.5L12 3l4.5 4.5" />
        </svg>
        ${t('referral.share')}
      </button>
      ${poster}
    </div>`;
  }

  private _posterPanel(view: PromoterView, poster: PosterState, t: Translate) {
    // Not modal (the card stays usable), so no focus trap: focus lands on the title, Escape closes.
    return html`<section
      class="poster-panel"
      aria-labelledby="poster-title"
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') this._closePoster();
      }}
    >
      <div class="poster-head">
        <h4 class="poster-title" id="poster-title" tabindex="-1" data-focus-landing>${t('referral.posterTitle')}</h4>
        <button part="button" class="close" aria-label=${t('referral.posterClose')} @click=${this._closePoster}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>
        </button>
      </div>
      ${this._posterBody(view, poster, t)}
    </section>`;
  }

  private _posterBody(view: PromoterView, poster: PosterState, t: Translate) {
    if (poster.status === 'drawing') {
      return html`<div class="poster-frame drawing">
        <span class="spinner" aria-hidden="true"></span>
        <span>${t('referral.posterDrawing')}</span>
      </div>`;
    }
    if (poster.status === 'failed') {
      return html`<button part="button" class="button primary" @click=${() => this._makePoster(view)}>${t('retry')}</button>`;
    }
    const { title } = view.program.product;
    return html`<div class="poster-frame">
        <img part="poster" class="poster" src=${poster.url} alt=${t('referral.posterAlt', { title })} />
      </div>
      <p class="poster-hint">${t('referral.posterHint')}</p>
      ${
        inWeChat()
          ? nothing
          : html`<div class="actions">
            <a part="button" class="button secondary" href=${poster.url} download=${`${t('referral.posterFile')}.png`}>
              <svg class="button-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 4v11M7.5 10.5L12 15l4.5-4.5M5 20h14" /></svg>
              ${t('referral.posterDownload')}
            </a>
            <button part="button" class="button primary" @click=${() => this._sharePoster(view, poster.blob)}>
              <svg class="button-icon" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M4 12v7a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-7M12 3v12M7.5 7.5L12 3l4.5 4.5" />
              </svg>
              ${t('referral.posterShare')}
            </button>
          </div>`
      }`;
  }
}

/**
 * The shopper's display name from the token the shop's backend minted (its `name` claim), for the
 * poster's "{name} 推荐". Read only, never trusted: the server checks the token.
 */
function nameInToken(token: string | null): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as { name?: unknown };
    return typeof claims.name === 'string' && claims.name ? claims.name : undefined;
  } catch {
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-referral-card': FlockReferralCard;
  }
}
