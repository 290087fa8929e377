import type { CampaignStatus, ReferralProgramSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { campaignActions, campaignStatusFilter } from '../campaigns.js';
import { FormSubmission } from '../forms.js';
import { $t } from '../i18n.js';
import type { Column, Filter } from '../list-view.js';
import { programs, setProgramStatus } from '../stores/referral.js';
import { consoleStyles } from '../styles.js';
import { commissionParts, commissionText, growthParts } from './referral-cells.js';

const COLUMNS: Column<ReferralProgramSummary>[] = [
  {
    key: 'name',
    label: 'programs.col.name',
    title: true,
    cell: (program, { t }) =>
      html`<strong>${program.name}</strong><br /><span class="muted">${program.product.title}</span><br /><span class="links"
          ><a href="#/materials?program=${program.id}">${t('materials.open')}</a> ·
          <a href="#/leaderboard?program=${program.id}">${t('leaderboard.open')}</a></span
        >`,
    csv: (program) => program.name,
  },
  {
    key: 'commission',
    label: 'programs.col.commission',
    cell: (program, { t, locale }) => {
      const [rate, recruiter] = commissionParts(t, program, locale);
      // The growth kit under the rule it adds to: tiers, rewards, the boost, the friend's reward.
      const growth = growthParts(t, program, locale);
      return html`${rate}${recruiter ? html`<br /><span class="muted">${recruiter}</span>` : ''}${growth.map(
        (part) => html`<br /><span class="muted" style="white-space:nowrap">${part}</span>`,
      )}`;
    },
    csv: (program, { t, locale }) => [commissionText(t, program, locale), ...growthParts(t, program, locale)].join(' · '),
  },
  {
    key: 'holdDays',
    label: 'programs.col.hold',
    cell: (program, { t }) => t('programs.days', { n: program.holdDays }),
    csv: (program) => program.holdDays,
  },
  {
    key: 'attributionWindowDays',
    label: 'programs.col.window',
    cell: (program, { t }) => t('programs.days', { n: program.attributionWindowDays }),
    csv: (program) => program.attributionWindowDays,
  },
  {
    key: 'promoters',
    label: 'programs.col.promoters',
    cell: (program) => html`<a href="#/promoters?program=${program.id}">${program.promoters}</a>`,
  },
  {
    key: 'orders',
    label: 'programs.col.orders',
    cell: (program) => html`<a href="#/orders?program=${program.id}">${program.orders}</a>`,
  },
  {
    key: 'status',
    label: 'programs.col.status',
    cell: (program, { t }) =>
      html`<span class="tag ${program.status === 'active' ? 'ok' : ''}">${t(`campaign.status.${program.status}`)}</span>`,
    csv: (program, { t }) => t(`campaign.status.${program.status}`),
  },
  { key: 'id', label: 'common.id', cell: (program) => html`<span class="mono muted">${program.id}</span>` },
];

/** The merchant's referral programs, newest first: their terms, how many promoters and orders each has. */
@customElement('flock-console-programs')
export class FlockConsolePrograms extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #action = new FormSubmission(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void programs.load();
  }

  async #setStatus(program: ReferralProgramSummary, status: CampaignStatus) {
    await this.#action.run(this.#t.value, () => setProgramStatus(program.id, status));
  }

  #actions = (program: ReferralProgramSummary) => {
    const t = this.#t.value;
    return html`<a class="button" href="#/ledger?program=${program.id}">${t('programs.ledger')}</a> ${campaignActions(
      t,
      program,
      {
        editHref: `#/programs/${program.id}`,
        setStatus: (status) => void this.#setStatus(program, status),
        confirmEnd: () => confirm(this.#t.value('programs.confirmEnd', { name: program.name })),
      },
    )}`;
  };

  override render() {
    const t = this.#t.value;
    const filters: Filter[] = [campaignStatusFilter(t)];
    return html`<div class="row spread" style="margin-bottom:16px">
        <h1 style="margin:0">${t('programs.title')}</h1>
        <a class="button primary" href="#/programs/new">${t('programs.new')}</a>
      </div>
      <p class="muted">${t('programs.lead')}</p>
      ${this.#action.error ? html`<p class="alert" role="alert">${this.#action.error}</p>` : ''}
      <flock-console-list
        .list=${programs}
        .columns=${COLUMNS}
        .filters=${filters}
        .actions=${this.#actions}
        csvName="flock-referral-programs.csv"
        empty="programs.empty"
      ></flock-console-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-programs': FlockConsolePrograms;
  }
}
