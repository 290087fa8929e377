import { type ClientCore, type GroupBuyOffer, groupBuyClient, type Reservation, type Team, type TeamMember } from '@flock/sdk';
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
import { type GroupBuyView, groupBuyView, myCurrentTeamId } from './group-buy-state.js';

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

  readonly #offer = new ResourceController<GroupBuyOffer>(this);
  readonly #team = new ResourceController<Team>(this);
  /** Re-renders every second so countdowns move. */
  protected readonly ticker = new TickController(this);
  /** When an action replaces the focused button, focus lands on the new state's headline. */
  protected readonly focusKeeper = new FocusKeeper(this);
  #reportedClosed = new Set<string>();

  /** Fetches the offer and the team now, e.g. right after the page's checkout confirmed a payment. */
  async refresh(): Promise<void> {
    await Promise.all([this.#offer.store?.refresh(), this.#team.store?.refresh()]);
  }

  #linkedTeamId(): string | undefined {
    if (this.ignoreLinkedTeam) return undefined;
    if (this.team) return this.team;
    return new URLSearchParams(globalThis.location?.search ?? '').get(TEAM_URL_PARAM) ?? undefined;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const client = this.client;
    this.#offer.use(client && this.offer ? groupBuyClient(client).offerStore(this.offer) : undefined);
    const teamId = this.chosenTeamId ?? this.#linkedTeamId() ?? myCurrentTeamId(this.#offer.state?.data, this.dismissedTeams);
    this.#team.use(client && teamId && !this.dismissedTeams.has(teamId) ? groupBuyClient(client).teamStore(teamId) : undefined);
  }

  protected override updated(): void {
    const team = this.#team.state?.data;
    if (team && (team.status === 'succeeded' || team.status === 'failed') && team.myReservation?.status === 'confirmed') {
      if (!this.#reportedClosed.has(team.id)) {
        this.#reportedClosed.add(team.id);
        this.dispatchEvent(new FlockTeamClosedEvent(team));
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Actions

  /** Holds a seat and hands it to the page's checkout. */
  #hold(reserve: (client: ClientCore) => Promise<{ team: Team; reservation: Reservation }>) {
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

  #startGroup = () => this.#hold((client) => groupBuyClient(client).openTeam(this.offer));
  #join = (teamId: string) => this.#hold((client) => groupBuyClient(client).joinTeam(teamId));
  #pay = (reservation: Reservation) => this.dispatchEvent(new FlockCheckoutEvent(reservation));
  #buyAlone = () => this.dispatchEvent(new FlockBuyAloneEvent(this.offer));

  #startOver = (teamId: string) => {
    this.dismissedTeams = new Set([...this.dismissedTeams, teamId]);
    this.chosenTeamId = undefined;
    this.ignoreLinkedTeam = true;
    this.actionError = undefined;
    this.notice = undefined;
  };

  #invite = async (offer: GroupBuyOffer, team: Team) => {
    const url = new URL(this.shareUrl || globalThis.location.href);
    url.searchParams.set(TEAM_URL_PARAM, team.id);
    const t = this.settings.t;
    const result = await shareLink({
      title: offer.title,
      text: `${t('nMore', { n: team.seatsLeft })} · ${t('groupPrice')} ${this.#money(offer.groupPrice, offer)}`,
      url: url.toString(),
    });
    this.notice =
      result === 'copied' ? t('linkCopied') : result === 'failed' ? t('copyFailed', { url: url.toString() }) : undefined;
  };

  // -------------------------------------------------------------------------------------------
  // Rendering

  #money(amount: number, offer: GroupBuyOffer): string {
    return formatMoney(amount, offer.currency, this.settings.locale);
  }

  #countdown(deadline: string, serverNow: string): string {
    // serverNow is from the last poll; its offset keeps the countdown on the server's clock.
    return formatCountdown(this.clock.msUntil(deadline, serverNow), this.settings.t, this.settings.locale);
  }

  protected override render() {
    // Blank for the moment the language's strings take to arrive, rather than a flash of English.
    if (!this.settings.ready) return nothing;
    const t = this.settings.t;
    if (!this.context) return this.#frame(alertMessage(t('error.invalid_key')));
    const view = groupBuyView(this.#offer.state, this.#team.state);
    return this.#frame(this.#renderView(view, t), view);
  }

  #frame(body: TemplateResult, view?: GroupBuyView) {
    const offer = view && 'offer' in view ? view.offer : undefined;
    return html`<div part="base" class="card" aria-busy=${view?.kind === 'loading' ? 'true' : 'false'}>
      ${offer ? this.#header(offer) : nothing}
      <div class="body">${body}</div>
      ${this.actionError ? alertMessage(errorMessage(this.settings.t, this.actionError)) : nothing}
      ${noticeMessage(this.notice)}
    </div>
    ${statusRegion(this.#announcement(view))}`;
  }

  /**
   * What the one polite live region says: the state's headline and, while the group forms, how full
   * it is, so a join pushed by the server is announced. Countdowns stay out (they would chatter).
   */
  #announcement(view?: GroupBuyView): string {
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
        return t('succeededEach', { price: this.#money(view.reservation.price, view.offer) });
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

  #header(offer: GroupBuyOffer) {
    const t = this.settings.t;
    return html`<div part="header" class="header">
      ${offer.imageUrl ? html`<img part="image" class="image" src=${offer.imageUrl} alt="" loading="lazy" />` : nothing}
      <div class="summary">
        <h3 class="title">${offer.title}</h3>
        <div class="prices">
          <span class="tag">${t('teamOf', { n: offer.teamSize })}</span>
          <span class="price-label">${t('groupPrice')}</span>
          <span class="price" part="price">${this.#money(offer.groupPrice, offer)}</span>
          <s class="regular">${this.#money(offer.regularPrice, offer)}</s>
        </div>
        ${
          offer.leaderPrice !== null && offer.leaderPrice < offer.groupPrice
            ? html`<div class="hint">${t('leaderPrice', { price: this.#money(offer.leaderPrice, offer) })}</div>`
            : nothing
        }
      </div>
    </div>`;
  }

  #renderView(view: GroupBuyView, t: Translate): TemplateResult {
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
        return this.#renderOffer(view.offer, t);
      case 'invite': {
        const leader = view.team.members.find((m) => m.leader);
        return html`${this.#status(t('invitedBy', { name: leader?.displayName ?? '' }))} ${this.#teamPanel(view.team, t)}
          <button part="button" class="button primary" ?disabled=${this.busy} @click=${() => this.#join(view.team.id)}>
            ${t('joinGroup')} ${this.#money(view.offer.groupPrice, view.offer)}
          </button>`;
      }
      case 'team-unavailable':
        return html`${this.#status(
          view.team.status === 'open'
            ? t('error.team_full')
            : view.team.status === 'succeeded'
              ? t('teamCompleted')
              : t('teamEnded'),
        )}
          ${this.#teamPanel(view.team, t)} ${this.#startAnotherButton(view.team.id, t)}`;
      case 'held': {
        const left = this.#countdown(view.reservation.expiresAt, view.reservation.serverNow);
        return html`${this.#status(t('payBy', { time: formatTime(view.reservation.expiresAt, this.settings.locale) }))}
          <p class="countdown-line">
            <!-- A timer is not live (no announcement each second); its name says what the digits count. -->
            <span class="countdown" part="countdown" role="timer" aria-label=${t('timeLeft', { time: left })}>${left}</span>
          </p>
          <button part="button" class="button primary" @click=${() => this.#pay(view.reservation)}>
            ${t('payNow', { price: this.#money(view.reservation.price, view.offer) })}
          </button>`;
      }
      case 'waiting':
        return html`${this.#status(view.reservation.leader ? t('leaderWaiting') : t('paidWaiting'))} ${this.#teamPanel(view.team, t)}
          <button part="button" class="button primary" @click=${() => this.#invite(view.offer, view.team)}>${t('inviteFriends')}</button>`;
      case 'succeeded':
        return html`${this.#status(t('succeededEach', { price: this.#money(view.reservation.price, view.offer) }), 'success')}
          ${this.#teamPanel(view.team, t)} ${this.#startAnotherButton(view.team.id, t)}`;
      case 'failed':
        return html`${this.#status(t('failed'), 'failure')} ${this.#teamPanel(view.team, t)}
          ${this.#startAnotherButton(view.team.id, t)}`;
      case 'hold-expired':
        return html`${this.#status(t('holdExpired'), 'failure')}
          ${
            !view.reservation.leader && view.team.status === 'open' && view.team.seatsLeft > 0
              ? html`<button part="button" class="button primary" ?disabled=${this.busy} @click=${() => this.#join(view.team.id)}>
                  ${t('joinAgain')}
                </button>`
              : nothing
          }
          ${this.#startAnotherButton(view.team.id, t)}`;
    }
  }

  #renderOffer(offer: GroupBuyOffer, t: Translate) {
    if (!offer.active) return this.#status(t('notActive'), 'failure');
    return html`
      ${
        offer.completeAtDeadline
          ? html`<p class="hint">${t('completesAtDeadline', { n: offer.completeAtDeadline.minMembers })}</p>`
          : nothing
      }
      <div class="actions">
        <button part="button" class="button secondary stacked" @click=${this.#buyAlone}>
          <span class="button-price">${this.#money(offer.regularPrice, offer)}</span>
          <span class="button-label">${t('buyAlone')}</span>
        </button>
        <button part="button" class="button primary stacked" ?disabled=${this.busy} @click=${this.#startGroup}>
          <span class="button-price">${this.#money(offer.leaderPrice ?? offer.groupPrice, offer)}</span>
          <span class="button-label">${t('startGroup')}</span>
        </button>
      </div>
      ${
        offer.openTeams.length > 0
          ? html`<section class="forming" aria-label=${t('forming')}>
            <h4 class="section-title">${t('forming')}</h4>
            <ul class="team-list">
              ${offer.openTeams.map(
                (team) => html`<li class="team-row">
                  ${this.#avatar(team.leader, t)}
                  <span class="team-name">${team.leader.displayName}</span>
                  <span class="team-meta">
                    <span class="need">${t('nMore', { n: team.seatsLeft })}</span>
                    <span class="countdown small" part="countdown">${t('timeLeft', { time: this.#countdown(team.expiresAt, offer.serverNow) })}</span>
                  </span>
                  <button part="button" class="button small primary" ?disabled=${this.busy} @click=${() => this.#join(team.id)}>
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

  #status(text: string, tone: 'neutral' | 'success' | 'failure' = 'neutral') {
    const icon =
      tone === 'success'
        ? html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" /><path d="M7 12.5l3.2 3.2L17 9" /></svg>`
        : tone === 'failure'
          ? html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" /><path d="M12 7v6M12 16.5v.5" /></svg>`
          : nothing;
    // Not a live region itself (the frame's one is): focus lands here when an action replaced the button.
    return html`<p class="status ${tone}" part="message" tabindex="-1" data-focus-landing>${icon}<span>${text}</span></p>`;
  }

  #teamPanel(team: Team, t: Translate) {
    const live = team.status === 'open' || team.status === 'pending';
    // Held seats are someone paying right now: shown as taken, never as a person.
    const heldSeats = live ? team.seatsHeld : 0;
    const emptySeats = live ? Math.max(0, team.size - team.members.length - heldSeats) : 0;
    const seat = (kind: 'held' | 'empty') =>
      html`<li><span class="avatar ${kind}" part="avatar" role="img" aria-label=${t(kind === 'held' ? 'payingSeat' : 'emptySeat')}
        >${kind === 'held' ? '…' : '?'}</span></li>`;
    return html`<div class="team">
      <ul class="avatars" aria-label=${t('members')}>
        ${team.members.map((member) => html`<li>${this.#avatar(member, t)}</li>`)}
        ${Array.from({ length: heldSeats }, () => seat('held'))} ${Array.from({ length: emptySeats }, () => seat('empty'))}
      </ul>
      ${
        live
          ? html`<p class="progress-line">
            <span>${t('joinedOf', { n: team.members.length, size: team.size })}</span>
            ${heldSeats > 0 ? html`<span aria-hidden="true">·</span> <span>${t('paying', { n: heldSeats })}</span>` : nothing}
            <span aria-hidden="true">·</span>
            <span class="countdown" part="countdown" role="timer">${t('timeLeft', { time: this.#countdown(team.expiresAt, team.serverNow) })}</span>
          </p>
          ${team.completesAtDeadline ? html`<p class="hint">${t('completesAtDeadline', { n: team.completesAtDeadline.minMembers })}</p>` : nothing}`
          : nothing
      }
    </div>`;
  }

  #avatar(member: TeamMember, t: Translate) {
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

  #startAnotherButton(teamId: string, t: Translate) {
    return html`<button part="button" class="button secondary" @click=${() => this.#startOver(teamId)}>${t('startAnother')}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-group-buy': FlockGroupBuy;
  }
}
