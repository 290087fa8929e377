import type { TeamStatus, TeamSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { download, toCsv } from '../csv.js';
import { formatDateTime } from '../format.js';
import { $locale, $t, errorText, type Translate } from '../i18n.js';
import { $teams, $teamsFilter, allTeams, loadTeams } from '../stores.js';
import { consoleStyles } from '../styles.js';

const STATUSES: TeamStatus[] = ['open', 'pending', 'succeeded', 'failed'];
/** How often the table refreshes while it is on screen, so teams fill in front of the merchant. */
const REFRESH_MS = 4000;

const statusTag = (t: Translate, status: TeamStatus) =>
  html`<span class="tag ${status === 'succeeded' ? 'ok' : status === 'open' ? 'brand' : ''}">${t(`teams.status.${status}`)}</span>`;

/** Every team, newest first, filtered by offer and stage; refreshed while shown; exported as CSV. */
@customElement('flock-console-teams')
export class FlockConsoleTeams extends LitElement {
  static override styles = consoleStyles;
  @property() offer: string | undefined;
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #teams = new StoreController(this, $teams);
  readonly #filter = new StoreController(this, $teamsFilter);
  #timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => {
      // Only the first page refreshes: a merchant paging back through history keeps their place.
      if (document.visibilityState === 'visible' && !this.#teams.value.loading && !this.#teams.value.pagedOn) void loadTeams();
    }, REFRESH_MS);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }
  override willUpdate(changed: Map<string, unknown>): void {
    if (!this.hasUpdated || changed.has('offer')) {
      $teamsFilter.setKey('offer', this.offer);
      void loadTeams();
    }
  }

  #filterBy(status: TeamStatus | undefined) {
    $teamsFilter.setKey('status', status);
    void loadTeams();
  }

  #export = async () => {
    const t = this.#t.value;
    const rows = await allTeams();
    const header = ['id', 'offer', 'status', 'members', 'seatsHeld', 'size', 'createdAt', 'expiresAt', 'closedAt'];
    const lines = rows.map((team: TeamSummary) => [
      team.id,
      team.offerTitle,
      t(`teams.status.${team.status}`),
      team.members.map((member) => member.displayName).join(' / '),
      team.seatsHeld,
      team.size,
      team.createdAt,
      team.expiresAt,
      team.closedAt,
    ]);
    download('flock-teams.csv', toCsv([header, ...lines]));
  };

  override render() {
    const t = this.#t.value;
    const locale = this.#locale.value;
    const { rows, loading, error, nextCursor } = this.#teams.value;
    const current = this.#filter.value.status;
    return html`<div class="row spread" style="margin-bottom:16px">
        <h1 style="margin:0">${t('teams.title')}</h1>
        <button @click=${this.#export}>${t('teams.export')}</button>
      </div>
      <div class="row" role="group" style="margin-bottom:12px">
        <button aria-pressed=${current === undefined} @click=${() => this.#filterBy(undefined)}>${t('teams.filter.all')}</button>
        ${STATUSES.map(
          (status) =>
            html`<button aria-pressed=${current === status} @click=${() => this.#filterBy(status)}>${t(`teams.status.${status}`)}</button>`,
        )}
      </div>
      <section class="card">
        ${error ? html`<p class="alert" role="alert">${errorText(t, error)}</p>` : ''}
        ${
          rows.length === 0
            ? html`<p class="muted" role="status">${loading ? t('common.loading') : t('teams.empty')}</p>`
            : html`<table class="cards">
                <thead>
                  <tr>
                    <th>${t('teams.col.offer')}</th>
                    <th>${t('teams.col.members')}</th>
                    <th>${t('teams.col.seats')}</th>
                    <th>${t('teams.col.status')}</th>
                    <th>${t('teams.col.ends')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (team) => html`<tr data-team=${team.id}>
                      <td>${team.offerTitle}</td>
                      <td data-label=${t('teams.col.members')}>${team.members.map((member) => member.displayName).join('、') || '—'}</td>
                      <td data-label=${t('teams.col.seats')}>${t('teams.seats', { taken: team.members.length + team.seatsHeld, size: team.size })}</td>
                      <td>${statusTag(t, team.status)}</td>
                      <td data-label=${t('teams.col.ends')}>${formatDateTime(team.closedAt ?? team.expiresAt, locale)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
        }
        ${nextCursor ? html`<button @click=${() => loadTeams(true)}>${t('teams.more')}</button>` : ''}
      </section>`;
  }
}
