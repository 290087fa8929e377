import { PayoutRequest } from '@flock/protocol';
import { FlockError } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { fromMinor, toMinor } from '../format.js';
import { FormSubmission, fieldErrors } from '../forms.js';
import { $locale, $t } from '../i18n.js';
import { recordPayout } from '../stores/referral.js';
import { consoleStyles } from '../styles.js';
import { moneyText } from './referral-cells.js';

/** Who is being paid, and what they had available when the merchant opened the form. */
export interface PayoutTarget {
  id: string;
  displayName: string;
  code: string;
  available: number;
  currency: string | null;
}

/** Sent when the form is done with: `recorded` says whether a payout was recorded. */
export class PayoutClosedEvent extends Event {
  constructor(readonly recorded: { amount: number; reference: string } | null) {
    super('flock-payout-closed', { bubbles: true, composed: true });
  }
}

/**
 * A page's "Record payout" (the promoters page and the ledger alike): the row action that opens the
 * form for one promoter, the form while open, and what was recorded once it closes.
 */
export class PayoutDesk implements ReactiveController {
  #paying: PayoutTarget | undefined;
  #notice = '';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The row's action: opens the form for that promoter. */
  readonly action = (target: PayoutTarget) =>
    html`<button
      @click=${() => {
        this.#notice = '';
        this.#paying = target;
        this.host.requestUpdate();
      }}
    >
      ${$t.get()('payout.open')}
    </button>`;

  #closed = (event: PayoutClosedEvent) => {
    const paying = this.#paying;
    this.#paying = undefined;
    this.#notice =
      event.recorded && paying
        ? $t.get()('payout.recorded', {
            amount: moneyText(event.recorded.amount, paying.currency, $locale.get()),
            name: paying.displayName,
          })
        : '';
    this.host.requestUpdate();
  };

  /** Above the table: the notice of the payout just recorded, and the open form. */
  render() {
    return html`${this.#notice ? html`<p class="tag ok" role="status" style="margin-bottom:12px">${this.#notice}</p>` : nothing}
    ${
      this.#paying
        ? html`<flock-console-payout-form .promoter=${this.#paying} @flock-payout-closed=${this.#closed}></flock-console-payout-form>`
        : nothing
    }`;
  }
}

/**
 * Records that the merchant paid a promoter (an owner's action): the amount and the transfer's
 * reference, checked with the contract's PayoutRequest. The server refuses more than is available
 * now; its refusal names what is, and shows here.
 */
@customElement('flock-console-payout-form')
export class FlockConsolePayoutForm extends LitElement {
  static override styles = consoleStyles;
  @property({ attribute: false }) promoter!: PayoutTarget;
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #form = new FormSubmission(this);

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const t = this.#t.value;
    const data = new FormData(event.target as HTMLFormElement);
    const amount = String(data.get('amount') ?? '').trim();
    const parsed = z.safeParse(PayoutRequest, {
      amount: amount ? toMinor(amount, this.promoter.currency ?? 'CNY') : undefined,
      reference: String(data.get('reference') ?? '').trim(),
    });
    if (!parsed.success) {
      this.#form.refuse(fieldErrors(t, parsed.error.issues), t('error.invalid_request'));
      return;
    }
    const recorded = await this.#form.run(t, () => recordPayout(this.promoter.id, parsed.data));
    if (recorded) {
      this.dispatchEvent(new PayoutClosedEvent(parsed.data));
      return;
    }
    // More than is available now: say how much is, in money.
    const refusal = this.#form.failure;
    if (refusal instanceof FlockError && refusal.code === 'insufficient_balance') {
      const available = (refusal.details as { available?: number } | undefined)?.available ?? 0;
      this.#form.refuse(
        {
          amount: t('payout.insufficient', {
            available: moneyText(Math.max(0, available), this.promoter.currency, this.#locale.value),
          }),
        },
        this.#form.error,
      );
    }
  };

  override render() {
    const t = this.#t.value;
    const { promoter } = this;
    const amountError = this.#form.fields.amount;
    const referenceError = this.#form.fields.reference;
    return html`<form class="card form" style="max-width:none;margin-bottom:16px" @submit=${this.#submit} novalidate>
      <h2 style="margin:0">${t('payout.title', { name: promoter.displayName })}</h2>
      <p class="muted" style="margin:0">
        ${t('payout.available', { amount: moneyText(promoter.available, promoter.currency, this.#locale.value), code: promoter.code })}
      </p>
      ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
      <div class="grid-2">
        <label
          >${t('payout.amount')}<input
            name="amount"
            inputmode="decimal"
            .value=${promoter.available > 0 && promoter.currency ? fromMinor(promoter.available, promoter.currency) : ''}
            aria-invalid=${amountError ? 'true' : 'false'}
            aria-describedby="amount-error"
          /><span class="field-error" id="amount-error">${amountError ?? ''}</span></label
        >
        <label
          >${t('payout.reference')}<input
            name="reference"
            placeholder=${t('payout.referencePlaceholder')}
            aria-invalid=${referenceError ? 'true' : 'false'}
            aria-describedby="reference-error"
          /><span class="field-error" id="reference-error">${referenceError ?? ''}</span></label
        >
      </div>
      <p class="muted" style="margin:0">${t('payout.lead')}</p>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.#form.busy}>${t('payout.submit')}</button>
        <button type="button" @click=${() => this.dispatchEvent(new PayoutClosedEvent(null))}>${t('payout.cancel')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-payout-form': FlockConsolePayoutForm;
  }
  interface HTMLElementEventMap {
    'flock-payout-closed': PayoutClosedEvent;
  }
}
