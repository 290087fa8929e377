import type { CommissionStatus, CommissionSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { download, toCsv } from '../csv.js';
import { formatMoney } from '../format.js';
import { errorCode } from '../forms.js';
import { $locale, $t, errorText } from '../i18n.js';
import { $commissions, $commissionsFilter, loadCommissions, reviewCommission } from '../stores.js';
import { consoleStyles } from '../styles.js';

const STATUSES: CommissionStatus[] = ['under_review', 'pending', 'available', 'paid', 'rejected', 'reversed'];
const KNOWN_FLAGS = ['self_referral_device', 'order_velocity', 'refund_rate'] as const;

/** Promoters' commissions, those held for review first, approved or rejected in their row. */
@customElement('flock-console-commissions')
export class FlockConsoleCommissions extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #commissions = new StoreController(this, $commissions);
  readonly #filter = new StoreController(this, $commissionsFilter);
  @state() private actionError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void loadCommissions();
  }

  #filterBy(status: CommissionStatus | undefined) {
    $commissionsFilter.setKey('status', status);
    void loadCommissions();
  }

  async #review(commission: CommissionSummary, decision: 'approve' | 'reject') {
    this.actionError = '';
    try {
      await reviewCommission(commission.id, decision);
    } catch (error) {
      this.actionError = errorText(this.#t.value, errorCode(error));
    }
  }

  /** Why a commission is held, in words; a reason this console does not know yet shows as its code. */
  #flag(flag: string) {
    return (KNOWN_FLAGS as readonly string[]).includes(flag)
      ? this.#t.value(`commissions.flag.${flag as (typeof KNOWN_FLAGS)[number]}`)
      : flag;
  }

  #export = () => {
    const t = this.#t.value;
    const header = ['id', 'orderRef', 'promoterId', 'level', 'amount', 'currency', 'status', 'flags', 'createdAt'];
    const rows = this.#commissions.value.rows.map((c) => [
      c.id,
      c.orderRef,
      c.promoterId,
      c.level,
      c.amount,
      c.currency,
      t(`commissions.status.${c.status}`),
      c.flags.join(' / '),
      c.createdAt,
    ]);
    download('flock-commissions.csv', toCsv([header, ...rows]));
  };

  override render() {
    const t = this.#t.value;
    const locale = this.#locale.value;
    const { rows, loading, error, nextCursor } = this.#commissions.value;
    const current = this.#filter.value.status;
    return html`<div class="row spread" style="margin-bottom:8px">
        <h1 style="margin:0">${t('commissions.title')}</h1>
        <button @click=${this.#export}>${t('teams.export')}</button>
      </div>
      <p class="muted">${t('commissions.lead')}</p>
      <div class="row" role="group" style="margin-bottom:12px">
        ${STATUSES.map(
          (status) =>
            html`<button aria-pressed=${current === status} @click=${() => this.#filterBy(status)}>${t(`commissions.status.${status}`)}</button>`,
        )}
        <button aria-pressed=${current === undefined} @click=${() => this.#filterBy(undefined)}>${t('teams.filter.all')}</button>
      </div>
      <section class="card">
        ${this.actionError ? html`<p class="alert" role="alert">${this.actionError}</p>` : ''}
        ${error ? html`<p class="alert" role="alert">${errorText(t, error)}</p>` : ''}
        ${
          rows.length === 0
            ? html`<p class="muted" role="status">${loading ? t('common.loading') : t('commissions.empty')}</p>`
            : html`<table class="cards">
                <thead>
                  <tr>
                    <th>${t('commissions.col.order')}</th>
                    <th>${t('commissions.col.amount')}</th>
                    <th>${t('commissions.col.level')}</th>
                    <th>${t('commissions.col.flags')}</th>
                    <th>${t('commissions.col.status')}</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (c) => html`<tr data-commission=${c.id}>
                      <td>${c.orderRef}</td>
                      <td data-label=${t('commissions.col.amount')}>${formatMoney(c.amount, c.currency, locale)}</td>
                      <td data-label=${t('commissions.col.level')}>${c.level}</td>
                      <td data-label=${t('commissions.col.flags')}>${c.flags.map((flag) => this.#flag(flag)).join('、') || '—'}</td>
                      <td><span class="tag ${c.status === 'available' || c.status === 'paid' ? 'ok' : c.status === 'under_review' ? 'brand' : ''}"
                        >${t(`commissions.status.${c.status}`)}</span></td>
                      <td>
                        ${
                          c.status === 'under_review'
                            ? html`<div class="row">
                                <button class="primary" @click=${() => this.#review(c, 'approve')}>${t('commissions.approve')}</button>
                                <button @click=${() => this.#review(c, 'reject')}>${t('commissions.reject')}</button>
                              </div>`
                            : ''
                        }
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
        }
        ${nextCursor ? html`<button @click=${() => loadCommissions(true)}>${t('teams.more')}</button>` : ''}
      </section>`;
  }
}
