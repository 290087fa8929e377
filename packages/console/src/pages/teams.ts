import type { TeamStatus, TeamSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDateTime } from '../format.js';
import type { Translate } from '../i18n.js';
import { $t } from '../i18n.js';
import type { Column, Filter } from '../list-view.js';
import type { LiveKind } from '../live.js';
import { offerChoices, teams } from '../stores.js';
import { consoleStyles } from '../styles.js';

const STATUSES: TeamStatus[] = ['open', 'pending', 'succeeded', 'failed'];

/** A team's every change arrives as its event: the table fills in front of the merchant. */
const LIVE: LiveKind[] = ['team'];

const statusTag = (t: Translate, status: TeamStatus) =>
  html`<span class="tag ${status === 'succeeded' ? 'ok' : status === 'open' ? 'brand' : ''}">${t(`teams.status.${status}`)}</span>`;

const COLUMNS: Column<TeamSummary>[] = [
  { key: 'offer', label: 'teams.col.offer', title: true, cell: (team) => team.offerTitle, csv: (team) => team.offerTitle },
  {
    key: 'members',
    label: 'teams.col.members',
    cell: (team) => team.members.map((member) => member.displayName).join('、') || '—',
    csv: (team) => team.members.map((member) => member.displayName).join(' / '),
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

  override connectedCallback(): void {
    super.connectedCallback();
    void offerChoices.load();
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
    return html`<h1>${t('teams.title')}</h1>
      <flock-console-list .list=${teams} .live=${LIVE} .columns=${COLUMNS} .filters=${filters} csvName="flock-teams.csv" empty="teams.empty"></flock-console-list>`;
  }
}
