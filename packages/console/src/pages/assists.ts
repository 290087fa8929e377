import type { AssistStatus, AssistSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDateTime, formatMoney } from '../format.js';
import { $t, type ConsoleLocale, type Translate } from '../i18n.js';
import type { Column, Filter } from '../list-view.js';
import type { LiveKind } from '../live.js';
import { assistCampaignChoices, assists } from '../stores/assist.js';
import { consoleStyles } from '../styles.js';

const STATUSES: AssistStatus[] = ['active', 'completed', 'expired'];
/** Every help arrives as its assist's event: the merchant sees friends helping as it happens. */
const LIVE: LiveKind[] = ['assist'];

const statusTag = (t: Translate, status: AssistStatus) =>
  html`<span class="tag ${status === 'completed' ? 'ok' : status === 'active' ? 'brand' : ''}" style="white-space:nowrap"
    >${t(`assists.status.${status}`)}</span
  >`;

/** Helpers so far against those needed, as words and a bar (the cells live in the list's shadow root, hence inline styles). */
const progress = (assist: AssistSummary, t: Translate) => {
  const share = Math.min(100, Math.round((assist.helps / Math.max(1, assist.goal)) * 100));
  const fill = assist.status === 'completed' ? 'var(--c-ok)' : assist.status === 'active' ? 'var(--c-brand)' : 'var(--c-muted)';
  const label = t('assists.helps', { helps: assist.helps, goal: assist.goal });
  return html`${label}
    <div
      role="progressbar"
      aria-label=${label}
      aria-valuemin="0"
      aria-valuemax=${assist.goal}
      aria-valuenow=${assist.helps}
      style="height:6px;width:120px;max-width:100%;margin-top:4px;border-radius:3px;overflow:hidden;background:color-mix(in srgb, var(--c-muted) 22%, transparent)"
    >
      <div style="height:100%;width:${share}%;border-radius:3px;background:${fill}"></div>
    </div>`;
};

/** The price now, in a price cut; friends' help has none. */
const priceNow = (assist: AssistSummary, locale: ConsoleLocale) =>
  assist.currentPrice !== null && assist.currency ? formatMoney(assist.currentPrice, assist.currency, locale) : '';

/** An open assist runs until its deadline; a closed one ended when it completed, or at its deadline. */
const endedAt = (assist: AssistSummary) => assist.completedAt ?? assist.expiresAt;

const COLUMNS: Column<AssistSummary>[] = [
  { key: 'campaign', label: 'assists.col.campaign', title: true, cell: (assist) => assist.title, csv: (assist) => assist.title },
  {
    key: 'owner',
    label: 'assists.col.owner',
    cell: (assist) =>
      html`${assist.owner.displayName}${
        assist.owner.displayName === assist.ownerShopperId
          ? ''
          : html`<br /><span class="mono muted">${assist.ownerShopperId}</span>`
      }`,
    csv: (assist) =>
      assist.owner.displayName === assist.ownerShopperId
        ? assist.ownerShopperId
        : `${assist.owner.displayName} (${assist.ownerShopperId})`,
  },
  {
    key: 'helps',
    label: 'assists.col.helps',
    cell: (assist, { t }) => progress(assist, t),
    csv: (assist) => `${assist.helps}/${assist.goal}`,
  },
  {
    key: 'price',
    label: 'assists.col.price',
    cell: (assist, { t, locale }) =>
      assist.currentPrice !== null && assist.currency && assist.startPrice !== null && assist.floorPrice !== null
        ? html`<strong>${priceNow(assist, locale)}</strong><br /><span class="muted"
              >${t('assists.priceRange', {
                start: formatMoney(assist.startPrice, assist.currency, locale),
                floor: formatMoney(assist.floorPrice, assist.currency, locale),
              })}</span
            >`
        : '—',
    csv: (assist, { locale }) => priceNow(assist, locale),
  },
  {
    key: 'status',
    label: 'assists.col.status',
    cell: (assist, { t }) => statusTag(t, assist.status),
    csv: (assist, { t }) => t(`assists.status.${assist.status}`),
  },
  {
    key: 'deadline',
    label: 'assists.col.ends',
    cell: (assist, { t, locale }) =>
      html`<span style="white-space:nowrap">${formatDateTime(endedAt(assist), locale)}</span>${
        assist.status === 'completed' && assist.purchaseBy
          ? html`<br /><span class="muted">${t('assists.claimBy', { time: formatDateTime(assist.purchaseBy, locale) })}</span>`
          : ''
      }`,
    csv: (assist) => endedAt(assist),
  },
  { key: 'id', label: 'common.id', cell: (assist) => html`<span class="mono muted">${assist.id}</span>` },
];

/** Every assist shoppers started, newest first, by campaign and status; live while shown; exported as CSV. */
@customElement('flock-console-assists')
export class FlockConsoleAssists extends LitElement {
  static override styles = consoleStyles;
  /** The campaign to show (#/assists?campaign=…), or every campaign. */
  @property() campaign: string | undefined;
  readonly #t = new StoreController(this, $t);
  readonly #campaigns = new StoreController(this, assistCampaignChoices.$list);

  override connectedCallback(): void {
    super.connectedCallback();
    void assistCampaignChoices.load();
  }
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('campaign')) void assists.filter('campaign', this.campaign);
  }

  override render() {
    const t = this.#t.value;
    const filters: Filter[] = [
      {
        key: 'campaign',
        label: 'assists.col.campaign',
        options: this.#campaigns.value.rows.map((campaign) => ({ value: campaign.id, label: campaign.title })),
        select: true,
      },
      {
        key: 'status',
        label: 'assists.col.status',
        options: STATUSES.map((status) => ({ value: status, label: t(`assists.status.${status}`) })),
      },
    ];
    return html`<h1>${t('assists.title')}</h1>
      <p class="muted">${t('assists.lead')}</p>
      <flock-console-list
        .live=${LIVE}
        .list=${assists}
        .columns=${COLUMNS}
        .filters=${filters}
        csvName="flock-assists.csv"
        empty="assists.empty"
      ></flock-console-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-assists': FlockConsoleAssists;
  }
}
