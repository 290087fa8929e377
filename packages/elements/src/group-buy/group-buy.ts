import {
  type ClientCore,
  type GroupBuyOffer,
  groupBuyClient,
  type Reservation,
  type Team,
  type TeamDraw,
  type TeamMember,
} from '@flock/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorMessage, type TranslatorOf } from '../i18n/localize.js';
import { cardStyles } from '../shared/card.styles.js';
import { alertMessage, noticeMessage, statusRegion } from '../shared/card-messages.js';
import { TickController } from '../shared/clock-controller.js';
import { FocusKeeper } from '../shared/focus-keeper.js';
import { formatCountdown, formatMoney, formatTime } from '../shared/format.js';
import { renderLoadError } from '../shared/load-error.js';
import { SettingsController } from '../shared/settings-controller.js';
import { shareLink } from '../shared/share.js';
import { ResourceController } from '../shared/store-controller.js';
import { themeStyles } from '../shared/theme.styles.js';
import { FlockWidgetElement } from '../shared/widget-element.js';
import { FlockBuyAloneEvent, FlockCheckoutEvent, FlockTeamClosedEvent } from './group-buy.events.js';
import { groupBuyStrings } from './group-buy.strings.js';
import { groupBuyStyles } from './group-buy.styles.js';
import {
  checkDraw,
  type DrawCheck,
  type GroupBuyView,
  groupBuyView,
  hasGroupType,
  myCurrentTeamId,
  pickedProduct,
  type SalePhase,
  salePhase,
} from './group-buy-state.js';

/** The group types' chunk (group-buy-types.ts), fetched for an offer that has one. */
type Types = typeof import('./group-buy-types.js');

/** Its strings and the shared ones. */
type Translate = TranslatorOf<typeof groupBuyStrings>;

/** The URL parameter that carries a shared team: the widget opens that team when the page loads. */
export const TEAM_URL_PARAM = 'flock_team';

/**
 * Group buy (拼团): start a group or join one, pay for the seat through the page's own checkout,
 * and follow the group until it completes or fails.
 *
 * @summary A group-buy offer with its forming groups, the shopper's own group and its countdown.
 * @event flock-checkout - A seat is held; `detail.reservation` is what the page's checkout must charge and confirm.
 * @event flock-buy-alone - The shopper chose the regular price.
 * @event flock-team-closed - The shopper's group completed or failed; `detail.team`.
 * @event flock-error - An action failed; `detail.code`, `detail.message` (the widget shows it too).
 * @csspart base - The card.
 * @csspart header - Product image, title and prices.
 * @csspart image - The product image.
 * @csspart price - The group price.
 * @csspart button - Every action button.
 * @csspart avatar - A member's avatar or an open seat.
 * @csspart countdown - Every countdown.
 * @csspart message - The status headline and error messages.
 * @csspart stock - A flash sale's units left, or sold out.
 * @csspart ladder - A ladder offer's tiers (the reached one has `aria-current`).
 * @csspart product - A product of a cross-product offer's picker.
 * @csspart draw - A lottery team's "check the draw" view.
 */
export class FlockGroupBuy extends FlockWidgetElement {
  static override styles = [themeStyles, cardStyles, groupBuyStyles];
  /** `t` (strings), `locale` (the Intl tag for strings, money, countdowns and dates), `ready`, `scheme`. */
  protected readonly settings = new SettingsController(this, groupBuyStrings);

  /** The group-buy offer id (off_…). */
  @property({ reflect: true }) offer = '';
  /** A team to show (team_…); defaults to the `flock_team` URL parameter, then to the shopper's own team. */
  @property({ reflect: true }) team = '';
  /** Link shared with friends; defaults to this page with the team in `flock_team`. */
  @property({ attribute: 'share-url' }) shareUrl = '';

  @state() private chosenTeamId: string | undefined;
  @state() private dismissedTeams: ReadonlySet<string> = new Set();
  @state() private ignoreLinkedTeam = false;
  /** The product picked in a cross-product offer (拼单); the first until the shopper picks. */
  @state() private picked: string | undefined;
  /** The "check the draw" view is open, and what checking found. */
  @state() private drawOpen = false;
  @state() private drawCheck: DrawCheck | undefined;

  private readonly _offer = new ResourceController<GroupBuyOffer>(this);
  private readonly _team = new ResourceController<Team>(this);
  private readonly _draw = new ResourceController<TeamDraw>(this);
  /** The group types' parts and their strings, once fetched (an offer with a type shows its skeleton until then). */
  private _types: { parts: Types; settings: SettingsController<[Types['groupTypeStrings']]> } | undefined;
  private _typesLoading = false;
  /** The start a flash sale's countdown was last seen before, to fetch the offer once when it passes. */
  private _countingDownTo: string | undefined;
  /** Re-renders every second so countdowns move. */
  protected readonly ticker = new TickController(this);
  /** When an action replaces the focused button, focus lands on the new state's headline. */
  protected readonly focusKeeper = new FocusKeeper(this);
  private _reportedClosed = new Set<string>();

  /** Fetches the offer and the team now, e.g. right after the page's checkout confirmed a payment. */
  async refresh(): Promise<void> {
    await Promise.all([this._offer.store?.refresh(), this._team.store?.refresh()]);
  }

  private _linkedTeamId(): string | undefined {
    if (this.ignoreLinkedTeam) return undefined;
    if (this.team) return this.team;
    return new URLSearchParams(globalThis.location?.search ?? '').get(TEAM_URL_PARAM) ?? undefined;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const client = this.client;
    this._offer.use(client && this.offer ? groupBuyClient(client).offerStore(this.offer) : undefined);
    const teamId = this.chosenTeamId ?? this._linkedTeamId() ?? myCurrentTeamId(this._offer.state?.data, this.dismissedTeams);
    this._team.use(client && teamId && !this.dismissedTeams.has(teamId) ? groupBuyClient(client).teamStore(teamId) : undefined);
    // A lottery team's draw is read once the team has closed: the seed and the winners are final then.
    const team = this._team.state?.data;
    const drawn = client && team?.status === 'succeeded' && this._offer.state?.data?.lottery;
    this._draw.use(drawn ? groupBuyClient(client).drawStore(team.id) : undefined);
    const offer = this._offer.state?.data;
    if (offer && hasGroupType(offer) && !this._typesLoading) {
      this._typesLoading = true;
      void import('./group-buy-types.js').then((parts) => {
        this._types = { parts, settings: new SettingsController(this, parts.groupTypeStrings) };
        this.requestUpdate();
      });
    }
  }

  /** The group types' parts with their translator and this card's money format, once they are here. */
  private _typeParts(offer: GroupBuyOffer) {
    const types = this._types;
    if (!types?.settings.ready) return undefined;
    return { ...types.parts, c: { t: types.settings.t, money: (amount: number) => this._money(amount, offer) } };
  }

  protected override updated(): void {
    const draw = this._draw.state?.data;
    if (this.drawOpen && draw && !this.drawCheck) void checkDraw(draw).then((check) => (this.drawCheck = check));
    // A flash sale's countdown reached its start: the offer is fetched again (active, units left).
    const offer = this._offer.state?.data;
    const upcoming = offer?.startsAt && salePhase(offer, (d) => this.clock.msUntil(d, offer.serverNow)).kind === 'upcoming';
    if (upcoming) this._countingDownTo = offer.startsAt!;
    else if (this._countingDownTo && offer?.startsAt === this._countingDownTo) {
      this._countingDownTo = undefined;
      void this._offer.store?.refresh();
    }
    const team = this._team.state?.data;
    if (team && (team.status === 'succeeded' || team.status === 'failed') && team.myReservation?.status === 'confirmed') {
      if (!this._reportedClosed.has(team.id)) {
        this._reportedClosed.add(team.id);
        this.dispatchEvent(new FlockTeamClosedEvent(team));
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Actions

  /** Holds a seat and hands it to the page's checkout. */
  private _hold(reserve: (client: ClientCore) => Promise<{ team: Team; reservation: Reservation }>) {
    return this.run(async (client) => {
      // The client's action has put the team in its store and refetched the offer.
      const { team, reservation } = await reserve(client);
      this.chosenTeamId = team.id;
      this.dispatchEvent(new FlockCheckoutEvent(reservation));
    });
  }

  /** A full or closed team changes what the widget should show. */
  protected override actionFailed(): void {
    void this.refresh();
  }

  /** In a cross-product offer, the seat carries the product picked. */
  private _seat = () => {
    const offer = this._offer.state?.data;
    const productRef = offer && pickedProduct(offer, this.picked)?.productRef;
    return productRef ? { productRef } : {};
  };
  private _startGroup = () => this._hold((client) => groupBuyClient(client).openTeam(this.offer, this._seat()));
  private _join = (teamId: string) => this._hold((client) => groupBuyClient(client).joinTeam(teamId, this._seat()));
  /** Refused from a friend's new-customer team: the shopper leads a team of their own instead. */
  private _startOwn = () => {
    const teamId = this._team.state?.data?.id;
    if (teamId) this._startOver(teamId);
    this._startGroup();
  };
  private _toggleDraw = () => {
    this.drawOpen = !this.drawOpen;
  };
  private _pay = (reservation: Reservation) => this.dispatchEvent(new FlockCheckoutEvent(reservation));
  private _buyAlone = () => this.dispatchEvent(new FlockBuyAloneEvent(this.offer));

  private _startOver = (teamId: string) => {
    this.dismissedTeams = new Set([...this.dismissedTeams, teamId]);
    this.chosenTeamId = undefined;
    this.ignoreLinkedTeam = true;
    this.drawOpen = false;
    this.drawCheck = undefined;
    this.actionError = undefined;
    this.notice = undefined;
  };

  private _invite = async (offer: GroupBuyOffer, team: Team) => {
    const url = new URL(this.shareUrl || globalThis.location.href);
    url.searchParams.set(TEAM_URL_PARAM, team.id);
    const t = this.settings.t;
    const result = await shareLink({
      title: offer.title,
      text: `${t('nMore', { n: team.seatsLeft })} · ${t('groupPrice')} ${this._money(offer.groupPrice, offer)}`,
      url: url.toString(),
    });
    this.notice =
      result === 'copied' ? t('linkCopied') : result === 'failed' ? t('copyFailed', { url: url.toString() }) : undefined;
  };

  // -------------------------------------------------------------------------------------------
  // Rendering

  private _money(amount: number, offer: GroupBuyOffer): string {
    return formatMoney(amount, offer.currency, this.settings.locale);
  }

  private _countdown(deadline: string, serverNow: string): string {
    // serverNow is from the last poll; its offset keeps the countdown on the server's clock.
    return formatCountdown(this.clock.msUntil(deadline, serverNow), this.settings.t, this.settings.locale);
  }

  protected override render() {
    // Blank for the moment the language's strings take to arrive, rather than a flash of English.
    if (!this.settings.ready) return nothing;
    const t = this.settings.t;
    if (!this.context) return this._frame(alertMessage(t('error.invalid_key')));
    let view = groupBuyView(this._offer.state, this._team.state);
    // An offer with a group type waits for that type's parts (a chunk, and its strings) as it waits for data.
    if ('offer' in view && hasGroupType(view.offer) && !this._typeParts(view.offer)) view = { kind: 'loading' };
    return this._frame(this._renderView(view, t), view);
  }

  private _frame(body: TemplateResult, view?: GroupBuyView) {
    const offer = view && 'offer' in view ? view.offer : undefined;
    return html`${this._types?.parts.typeStyles ?? nothing}<div part="base" class="card" aria-busy=${view?.kind === 'loading' ? 'true' : 'false'}>
      ${offer ? this._header(offer) : nothing}
      <div class="body">${body}</div>
      ${this.actionError ? this._refusal(this.actionError, offer) : nothing}
      ${noticeMessage(this.notice)}
    </div>
    ${statusRegion(this._announcement(view))}`;
  }

  /**
   * What the one polite live region says: the state's headline and, while the group forms, how full
   * it is, so a join pushed by the server is announced. Countdowns stay out (they would chatter).
   */
  private _announcement(view?: GroupBuyView): string {
    const t = this.settings.t;
    if (this.notice) return this.notice;
    if (!view) return '';
    const progress = (team: Team) => {
      if (team.status !== 'open' && team.status !== 'pending') return '';
      const joined = t('joinedOf', { n: team.members.length, size: team.size });
      return team.seatsHeld > 0 ? ` ${joined} · ${t('paying', { n: team.seatsHeld })}` : ` ${joined}`;
    };
    switch (view.kind) {
      case 'loading':
        return t('loading');
      case 'invite':
        return t('invitedBy', { name: view.team.members.find((m) => m.leader)?.displayName ?? '' }) + progress(view.team);
      case 'held':
        return t('payBy', { time: formatTime(view.reservation.expiresAt, this.settings.locale) });
      case 'waiting':
        return (view.reservation.leader ? t('leaderWaiting') : t('paidWaiting')) + progress(view.team);
      case 'succeeded':
        return (
          (this.drawOpen && this._typeParts(view.offer)?.verdict(this._types!.settings.t, this.drawCheck)) ||
          this._succeededText(view).text
        );
      case 'failed':
        return t('failed');
      case 'hold-expired':
        return t('holdExpired');
      case 'team-unavailable':
        return view.team.status === 'open'
          ? t('error.team_full')
          : view.team.status === 'succeeded'
            ? t('teamCompleted')
            : t('teamEnded');
      default:
        return '';
    }
  }

  private _header(offer: GroupBuyOffer) {
    const t = this.settings.t;
    const parts = this._typeParts(offer);
    return html`<div part="header" class="header">
      ${offer.imageUrl ? html`<img part="image" class="image" src=${offer.imageUrl} alt="" loading="lazy" />` : nothing}
      <div class="summary">
        <h3 class="title">${offer.title}</h3>
        <div class="prices">
          <span class="tag">${parts?.odds(parts.c, offer) || t('teamOf', { n: offer.teamSize })}</span>
          <span class="price-label">${t('groupPrice')}</span>
          <span class="price" part="price">${this._money(offer.groupPrice, offer)}</span>
          <s class="regular">${this._money(offer.regularPrice, offer)}</s>
        </div>
        ${
          offer.leaderPrice !== null && offer.leaderPrice < offer.groupPrice
            ? html`<div class="hint">${t('leaderPrice', { price: this._money(offer.leaderPrice, offer) })}</div>`
            : nothing
        }
        ${parts ? parts.stockLine(parts.c, offer) : nothing}
      </div>
    </div>`;
  }

  private _renderView(view: GroupBuyView, t: Translate): TemplateResult {
    switch (view.kind) {
      case 'loading':
        // Mirrors the loaded card's header and buttons, so the page does not jump when data arrives.
        return html`<div class="skeleton" aria-hidden="true">
          <div class="skeleton-header">
            <div class="bone image"></div>
            <div class="skeleton-lines"><div class="bone wide"></div><div class="bone"></div><div class="bone short"></div></div>
          </div>
          <div class="actions"><div class="bone button"></div><div class="bone button"></div></div>
        </div>`;
      case 'load-error':
        return renderLoadError(errorMessage(t, view.code), view.code, t, () => this.refresh());
      case 'offer':
        return this._renderOffer(view.offer, t);
      case 'invite': {
        const leader = view.team.members.find((m) => m.leader);
        const soldOut = view.offer.stockLeft === 0 && this._typeParts(view.offer);
        // Refused as a returning customer, the shopper can only start their own team (the refusal's button).
        const refused = this.actionError === 'not_new_customer';
        return html`${this._status(t('invitedBy', { name: leader?.displayName ?? '' }))} ${this._teamPanel(view.team, t, view.offer)}
          ${this._typeNotes(view.offer, view.team)} ${this._picker(view.offer)}
          <button part="button" class="button primary join" ?disabled=${this.busy || soldOut || refused} @click=${() => this._join(view.team.id)}>
            ${soldOut ? soldOut.c.t('soldOut') : html`${t('joinGroup')} ${this._money(this._seatPrice(view.offer, false), view.offer)}`}
          </button>`;
      }
      case 'team-unavailable':
        return html`${this._status(
          view.team.status === 'open'
            ? t('error.team_full')
            : view.team.status === 'succeeded'
              ? t('teamCompleted')
              : t('teamEnded'),
        )}
          ${this._teamPanel(view.team, t, view.offer)} ${this._startAnotherButton(view.team.id, t)}`;
      case 'held': {
        const left = this._countdown(view.reservation.expiresAt, view.reservation.serverNow);
        return html`${this._status(t('payBy', { time: formatTime(view.reservation.expiresAt, this.settings.locale) }))}
          <p class="countdown-line">
            <!-- A timer is not live (no announcement each second); its name says what the digits count. -->
            <span class="countdown" part="countdown" role="timer" aria-label=${t('timeLeft', { time: left })}>${left}</span>
          </p>
          <button part="button" class="button primary" @click=${() => this._pay(view.reservation)}>
            ${t('payNow', { price: this._money(view.reservation.price, view.offer) })}
          </button>`;
      }
      case 'waiting':
        return html`${this._status(view.reservation.leader ? t('leaderWaiting') : t('paidWaiting'))} ${this._teamPanel(view.team, t, view.offer)}
          ${this._typeNotes(view.offer, view.team)}
          <button part="button" class="button primary" @click=${() => this._invite(view.offer, view.team)}>${t('inviteFriends')}</button>`;
      case 'succeeded':
        return this._renderSucceeded(view, t);
      case 'failed':
        return html`${this._status(t('failed'), 'failure')} ${this._teamPanel(view.team, t)}
          ${this._startAnotherButton(view.team.id, t)}`;
      case 'hold-expired':
        return html`${this._status(t('holdExpired'), 'failure')}
          ${
            !view.reservation.leader && view.team.status === 'open' && view.team.seatsLeft > 0
              ? html`<button part="button" class="button primary" ?disabled=${this.busy} @click=${() => this._join(view.team.id)}>
                  ${t('joinAgain')}
                </button>`
              : nothing
          }
          ${this._startAnotherButton(view.team.id, t)}`;
    }
  }

  private _renderOffer(offer: GroupBuyOffer, t: Translate) {
    const phase: SalePhase = salePhase(offer, (deadline) => this.clock.msUntil(deadline, offer.serverNow));
    // A start ahead is counted down for a flash sale (its parts are here); other offers are simply not on yet.
    const tt = this._typeParts(offer)?.c.t;
    if (phase.kind === 'inactive' || (phase.kind === 'upcoming' && !tt)) return this._status(t('notActive'), 'failure');
    const startsIn = phase.kind === 'upcoming' ? formatCountdown(phase.msLeft, t, this.settings.locale) : '';
    return html`
      ${
        phase.kind === 'upcoming'
          ? html`<p class="countdown-line starts">
            <span class="countdown" part="countdown" role="timer">${tt!('startsIn', { time: startsIn })}</span>
          </p>`
          : nothing
      }
      ${
        offer.completeAtDeadline && !offer.tiers
          ? html`<p class="hint">${t('completesAtDeadline', { n: offer.completeAtDeadline.minMembers })}</p>`
          : nothing
      }
      ${this._typeNotes(offer)} ${this._picker(offer)}
      <div class="actions">
        <button part="button" class="button secondary stacked" @click=${this._buyAlone}>
          <span class="button-price">${this._money(offer.regularPrice, offer)}</span>
          <span class="button-label">${t('buyAlone')}</span>
        </button>
        <button part="button" class="button primary stacked" ?disabled=${this.busy || phase.kind !== 'open'} @click=${this._startGroup}>
          <span class="button-price">${this._money(this._seatPrice(offer, true), offer)}</span>
          <span class="button-label">${phase.kind === 'sold-out' && tt ? tt('soldOut') : t('startGroup')}</span>
        </button>
      </div>
      ${
        offer.openTeams.length > 0
          ? html`<section class="forming" aria-label=${t('forming')}>
            <h4 class="section-title">${t('forming')}</h4>
            <ul class="team-list">
              ${offer.openTeams.map(
                (team) => html`<li class="team-row">
                  ${this._avatar(team.leader, t)}
                  <span class="team-name">${team.leader.displayName}</span>
                  <span class="team-meta">
                    <span class="need">${t('nMore', { n: team.seatsLeft })}</span>
                    <span class="countdown small" part="countdown">${t('timeLeft', { time: this._countdown(team.expiresAt, offer.serverNow) })}</span>
                  </span>
                  <button part="button" class="button small primary" ?disabled=${this.busy || phase.kind === 'sold-out'} @click=${() => this._join(team.id)}>
                    ${t('joinGroup')}
                  </button>
                </li>`,
              )}
            </ul>
          </section>`
          : nothing
      }
    `;
  }

  private _status(text: string, tone: 'neutral' | 'success' | 'failure' = 'neutral') {
    const icon =
      tone === 'success'
        ? html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" /><path d="M7 12.5l3.2 3.2L17 9" /></svg>`
        : tone === 'failure'
          ? html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" /><path d="M12 7v6M12 16.5v.5" /></svg>`
          : nothing;
    // Not a live region itself (the frame's one is): focus lands here when an action replaced the button.
    return html`<p class="status ${tone}" part="message" tabindex="-1" data-focus-landing>${icon}<span>${text}</span></p>`;
  }

  private _teamPanel(team: Team, t: Translate, offer?: GroupBuyOffer) {
    const live = team.status === 'open' || team.status === 'pending';
    // Held seats are someone paying right now: shown as taken, never as a person.
    const heldSeats = live ? team.seatsHeld : 0;
    const emptySeats = live ? Math.max(0, team.size - team.members.length - heldSeats) : 0;
    const seat = (kind: 'held' | 'empty') =>
      html`<li><span class="avatar ${kind}" part="avatar" role="img" aria-label=${t(kind === 'held' ? 'payingSeat' : 'emptySeat')}
        >${kind === 'held' ? '…' : '?'}</span></li>`;
    return html`<div class="team">
      <ul class="avatars" aria-label=${t('members')}>
        ${team.members.map((member) => html`<li>${this._avatar(member, t)}</li>`)}
        ${Array.from({ length: heldSeats }, () => seat('held'))} ${Array.from({ length: emptySeats }, () => seat('empty'))}
      </ul>
      ${offer && this._typeParts(offer) ? this._typeParts(offer)!.picks(this._typeParts(offer)!.c, offer, team) : nothing}
      ${
        live
          ? html`<p class="progress-line">
            <span>${t('joinedOf', { n: team.members.length, size: team.size })}</span>
            ${heldSeats > 0 ? html`<span aria-hidden="true">·</span> <span>${t('paying', { n: heldSeats })}</span>` : nothing}
            <span aria-hidden="true">·</span>
            <span class="countdown" part="countdown" role="timer">${t('timeLeft', { time: this._countdown(team.expiresAt, team.serverNow) })}</span>
          </p>
          ${team.completesAtDeadline ? html`<p class="hint">${t('completesAtDeadline', { n: team.completesAtDeadline.minMembers })}</p>` : nothing}`
          : nothing
      }
    </div>`;
  }

  /** What a seat costs the shopper: the product picked (拼单), else the leader's or the group price. */
  private _seatPrice(offer: GroupBuyOffer, leader: boolean): number {
    const product = pickedProduct(offer, this.picked);
    return product ? product.groupPrice : leader ? (offer.leaderPrice ?? offer.groupPrice) : offer.groupPrice;
  }

  private _typeNotes(offer: GroupBuyOffer, team?: Team) {
    const parts = this._typeParts(offer);
    return parts ? parts.typeNotes(parts.c, offer, team) : nothing;
  }

  private _picker(offer: GroupBuyOffer) {
    const parts = this._typeParts(offer);
    const current = pickedProduct(offer, this.picked)?.productRef;
    return parts ? parts.picker(parts.c, offer, current, (productRef) => (this.picked = productRef)) : nothing;
  }

  /** An action's error: a group type's refusal (sold out, not a new customer) with its way out, else the shared message. */
  private _refusal(code: string, offer: GroupBuyOffer | undefined) {
    const parts = offer && this._typeParts(offer);
    return parts?.refusal(parts.c, code, this.busy, this._startOwn) ?? alertMessage(errorMessage(this.settings.t, code));
  }

  /** The headline of a closed team the shopper paid into: the group type's (a ladder's refund, a lottery's result), or the price. */
  private _succeededText({ offer, team, reservation }: Extract<GroupBuyView, { kind: 'succeeded' }>): {
    text: string;
    won: boolean;
  } {
    const parts = this._typeParts(offer);
    return (
      parts?.succeededText(parts.c, offer, team, reservation, this._draw.state?.data) ?? {
        text: offer.lottery
          ? this.settings.t('succeeded')
          : this.settings.t('succeededEach', { price: this._money(reservation.price, offer) }),
        won: true,
      }
    );
  }

  private _renderSucceeded(view: Extract<GroupBuyView, { kind: 'succeeded' }>, t: Translate) {
    const { text, won } = this._succeededText(view);
    const parts = this._typeParts(view.offer);
    return html`${this._status(text, won ? 'success' : 'neutral')} ${this._teamPanel(view.team, t, view.offer)}
      ${
        parts && view.offer.lottery
          ? parts.drawPanel(parts.c, this.drawOpen, this._toggleDraw, this._draw.state?.data, this.drawCheck)
          : nothing
      }
      ${this._startAnotherButton(view.team.id, t)}`;
  }

  private _avatar(member: TeamMember, t: Translate) {
    const initial = [...member.displayName][0]?.toUpperCase() ?? '?';
    return html`<span class="avatar-wrap">
      ${
        member.avatarUrl
          ? html`<img class="avatar" part="avatar" src=${member.avatarUrl} alt=${member.displayName} loading="lazy" />`
          : html`<span class="avatar initial" part="avatar" role="img" aria-label=${member.displayName}>${initial}</span>`
      }
      ${member.leader ? html`<span class="badge">${t('leader')}</span>` : nothing}
    </span>`;
  }

  private _startAnotherButton(teamId: string, t: Translate) {
    return html`<button part="button" class="button secondary" @click=${() => this._startOver(teamId)}>${t('startAnother')}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-group-buy': FlockGroupBuy;
  }
}
