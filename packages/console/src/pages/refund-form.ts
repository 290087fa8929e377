import { RefundRequest } from '@flock/protocol';
import { FlockError, type OrderSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { formatMoney, fromMinor, toMinor } from '../format.js';
import { FormSubmission, fieldErrors } from '../forms.js';
import { $locale, $t } from '../i18n.js';
import { refundOrder } from '../stores/referral.js';
import { consoleStyles } from '../styles.js';

/** Sent when the form is done with: `refunded` is the amount reported, or null when cancelled. */
export class RefundClosedEvent extends Event {
  constructor(readonly refunded: number | null) {
    super('flock-refund-closed', { bubbles: true, composed: true });
  }
}

/**
 * Reports that the shop refunded (part of) an order: the whole remainder or less, checked with the
 * contract's RefundRequest. The server reverses the order's commissions in proportion and refuses a
 * refund beyond what is left of the order; its refusal names what is.
 */
@customElement('flock-console-refund-form')
export class FlockConsoleRefundForm extends LitElement {
  static override styles = consoleStyles;
  @property({ attribute: false }) order!: OrderSummary;
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #form = new FormSubmission(this);

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const t = this.#t.value;
    const { order } = this;
    const typed = String(new FormData(event.target as HTMLFormElement).get('amount') ?? '').trim();
    const parsed = z.safeParse(RefundRequest, { amount: typed ? toMinor(typed, order.currency) : undefined });
    if (!parsed.success) {
      this.#form.refuse(fieldErrors(t, parsed.error.issues), t('error.invalid_request'));
      return;
    }
    const reported = await this.#form.run(t, () => refundOrder(order.orderRef, parsed.data.amount));
    if (reported) {
      this.dispatchEvent(new RefundClosedEvent(parsed.data.amount));
      return;
    }
    const refusal = this.#form.failure;
    if (refusal instanceof FlockError && refusal.code === 'refund_exceeds_order') {
      const refundable = (refusal.details as { refundable?: number } | undefined)?.refundable ?? 0;
      this.#form.refuse(
        { amount: t('refund.exceeds', { refundable: formatMoney(refundable, order.currency, this.#locale.value) }) },
        this.#form.error,
      );
    }
  };

  override render() {
    const t = this.#t.value;
    const { order } = this;
    const locale = this.#locale.value;
    const left = order.amount - order.refundedAmount;
    const error = this.#form.fields.amount;
    return html`<form class="card form" style="max-width:none;margin-bottom:16px" @submit=${this.#submit} novalidate>
      <h2 style="margin:0">${t('refund.title', { ref: order.orderRef })}</h2>
      <p class="muted" style="margin:0">
        ${t('refund.left', { left: formatMoney(left, order.currency, locale), amount: formatMoney(order.amount, order.currency, locale) })}
      </p>
      ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
      <label style="max-width:280px"
        >${t('refund.amount')}<input
          name="amount"
          inputmode="decimal"
          .value=${fromMinor(left, order.currency)}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="amount-error"
        /><span class="field-error" id="amount-error">${error ?? ''}</span></label
      >
      <p class="muted" style="margin:0">${order.commissions.length > 0 ? t('refund.proportion') : t('refund.noCommission')}</p>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.#form.busy}>${t('refund.submit')}</button>
        <button type="button" @click=${() => this.dispatchEvent(new RefundClosedEvent(null))}>${t('refund.cancel')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-refund-form': FlockConsoleRefundForm;
  }
  interface HTMLElementEventMap {
    'flock-refund-closed': RefundClosedEvent;
  }
}
