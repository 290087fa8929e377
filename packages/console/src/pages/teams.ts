import type { TeamDraw } from '@flock/protocol';
import { getTeamDraw } from '@flock/protocol/routes';
import type { GroupBuyOfferSummary, TeamStatus, TeamSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDateTime } from '../format.js';
import { FormSubmission } from '../forms.js';
import type { Translate } from '../i18n.js';
import { $t } from '../i18n.js';
import type { Column, Filter } from '../list-view.js';
import type { LiveKind } from '../live.js';
import { $merchant, client, loadMerchant, offerChoices, teams } from '../stores.js';
import { consoleStyles } from '../styles.js';

const STATUSES: TeamStatus[] = ['open', 'pending', 'succeeded', 'failed'];

/** A team's every change arrives as its event: the table fills in front of the merchant. */
const LIVE: LiveKind[] = ['team'];

const statusTag = (t: Translate, status: TeamStatus) =>
  html`<span class="tag ${status === 'succeeded' ? 'ok' : status === 'open' ? 'brand' : ''}">${t(`teams.status.${status}`)}</span>`;

/** A member as the table names them: with the product they picked in a cross-product offer. */
const memberText = (
  offers: ReadonlyMap<string, GroupBuyOfferSummary>,
  team: TeamSummary,
  member: TeamSummary['members'][number],
) => {
  if (!member.productRef) return member.displayName;
  const product = offers.get(team.offerId)?.products?.find((p) => p.productRef === member.productRef);
  return `${member.displayName} (${product?.title ?? member.productRef})`;
};

const columns = (offers: ReadonlyMap<string, GroupBuyOfferSummary>): Column<TeamSummary>[] => [
  { key: 'offer', label: 'teams.col.offer', title: true, cell: (team) => team.offerTitle, csv: (team) => team.offerTitle },
  {
    key: 'members',
    label: 'teams.col.members',
    cell: (team) => team.members.map((member) => memberText(offers, team, member)).join('、') || '—',
    csv: (team) => team.members.map((member) => memberText(offers, team, member)).join(' / '),
  },
  {
    key: 'seats',
    label: 'teams.col.seats',
    cell: (team, { t }) => t('teams.seats', { taken: team.members.length + team.seatsHeld, size: team.size }),
    csv: (team) => `${team.members.length + team.seatsHeld}/${team.size}`,
  },
  {
    key: 'status',
    label: 'teams.col.status',
    cell: (team, { t }) => statusTag(t, team.status),
    csv: (team, { t }) => t(`teams.status.${team.status}`),
  },
  {
    key: 'deadline',
    label: 'teams.col.ends',
    cell: (team, { locale }) => formatDateTime(team.closedAt ?? team.expiresAt, locale),
    csv: (team) => team.closedAt ?? team.expiresAt,
  },
  { key: 'id', label: 'common.id', cell: (team) => html`<span class="muted mono">${team.id}</span>` },
];

/** Every team, newest first, filtered by offer and stage; live while shown; exported as CSV. */
@customElement('flock-console-teams')
export class FlockConsoleTeams extends LitElement {
  static override styles = consoleStyles;
  @property() offer: string | undefined;
  readonly #t = new StoreController(this, $t);
  readonly #offers = new StoreController(this, offerChoices.$list);
  readonly #merchant = new StoreController(this, $merchant);
  readonly #drawing = new FormSubmission(this);
  /** The lottery team whose draw is shown (commitment, seed, winners), once fetched. */
  @state() private draw: TeamDraw | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void offerChoices.load();
    if (!$merchant.get()) void loadMerchant().catch(() => {});
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  async #showDraw(team: TeamSummary) {
    await this.#drawing.run(this.#t.value, async () => {
      this.draw = await client.call(getTeamDraw, { params: { id: team.id } });
    });
  }

  /** A lottery team's row offers its draw. */
  #actions = (team: TeamSummary) =>
    this.#offers.value.rows.find((offer) => offer.id === team.offerId)?.lottery
      ? html`<button type="button" @click=${() => this.#showDraw(team)}>${this.#t.value('teams.draw')}</button>`
      : '';

  #drawDialog(draw: TeamDraw) {
    const t = this.#t.value;
    const key = this.#merchant.value?.publishableKey;
    const name = (reservationId: string) =>
      draw.members.find((m) => m.reservationId === reservationId)?.displayName ?? reservationId;
    return html`<dialog aria-labelledby="draw-title" @close=${() => (this.draw = undefined)}>
      <h2 id="draw-title">${t('teams.drawTitle', { id: draw.teamId })}</h2>
      <p class="muted">${t('teams.drawLead')}</p>
      <dl class="draw">
        <dt>${t('teams.drawCommitment')}</dt>
        <dd class="mono">${draw.commitment}</dd>
        <dt>${t('teams.drawSeed')}</dt>
        <dd class="mono">${draw.seed ?? t('teams.drawSealed')}</dd>
        <dt>${t('teams.drawWinners')}</dt>
        <dd>${draw.winners.length ? draw.winners.map(name).join('、') : t('teams.drawNone')}</dd>
      </dl>
      <div class="choices">
        ${
          key
            ? html`<a class="button" href="${location.origin}/v1/teams/${draw.teamId}/draw?key=${encodeURIComponent(key)}" target="_blank" rel="noopener"
              >${t('teams.drawData')}</a
            >`
            : ''
        }
        <button @click=${() => (this.draw = undefined)}>${t('teams.close')}</button>
      </div>
    </dialog>`;
  }
  override willUpdate(changed: Map<string, unknown>): void {
    if (!this.hasUpdated || changed.has('offer')) void teams.filter('offer', this.offer);
  }

  override render() {
    const t = this.#t.value;
    const filters: Filter[] = [
      {
        key: 'offer',
        label: 'teams.col.offer',
        options: this.#offers.value.rows.map((offer) => ({ value: offer.id, label: offer.title })),
        select: true,
      },
      {
        key: 'status',
        label: 'teams.col.status',
        options: STATUSES.map((status) => ({ value: status, label: t(`teams.status.${status}`) })),
      },
    ];
    const offers = new Map(this.#offers.value.rows.map((offer) => [offer.id, offer]));
    return html`<h1>${t('teams.title')}</h1>
      ${this.#drawing.error ? html`<p class="alert" role="alert">${this.#drawing.error}</p>` : ''}
      ${this.draw ? this.#drawDialog(this.draw) : ''}
      <flock-console-list
        .list=${teams}
        .live=${LIVE}
        .columns=${columns(offers)}
        .filters=${filters}
        .actions=${this.#actions}
        csvName="flock-teams.csv"
        empty="teams.empty"
      ></flock-console-list>`;
  }
}
