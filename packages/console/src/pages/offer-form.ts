import { CreateGroupBuyOfferRequest } from '@flock/protocol';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { toMinor } from '../format.js';
import { FormSubmission, fieldErrors } from '../forms.js';
import { $t, type MessageKey } from '../i18n.js';
import { createOffer, go, loadOffers } from '../stores.js';
import { consoleStyles } from '../styles.js';

const CURRENCIES = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'JPY', 'SGD'];

/** A new group-buy offer, checked with the contract's own schema before it is sent: errors sit by their field. */
@customElement('flock-console-offer-form')
export class FlockConsoleOfferForm extends LitElement {
  static override styles = consoleStyles;
  readonly #t = new StoreController(this, $t);
  readonly #form = new FormSubmission(this);

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const currency = text('currency');
    const input = {
      productRef: text('productRef'),
      title: text('title'),
      ...(text('imageUrl') && { imageUrl: text('imageUrl') }),
      regularPrice: toMinor(text('regularPrice'), currency),
      groupPrice: toMinor(text('groupPrice'), currency),
      currency,
      teamSize: Number(text('teamSize')),
      teamTtlSeconds: Math.round(Number(text('teamHours')) * 3600),
    };
    const t = this.#t.value;
    const parsed = z.safeParse(CreateGroupBuyOfferRequest, input);
    if (!parsed.success) {
      this.#form.refuse(fieldErrors(t, parsed.error.issues), t('error.invalid_request'));
      return;
    }
    const created = await this.#form.run(t, async () => {
      await createOffer(parsed.data);
      await loadOffers();
    });
    if (created) go('#/offers');
  };

  #field(name: string, label: MessageKey, options: { type?: string; value?: string; inputmode?: string; errorAs?: string } = {}) {
    const error = this.#form.fields[options.errorAs ?? name];
    return html`<label
      >${this.#t.value(label)}<input
        name=${name}
        type=${options.type ?? 'text'}
        inputmode=${options.inputmode ?? 'text'}
        .value=${options.value ?? ''}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${name}-error"
      /><span class="field-error" id="${name}-error">${error ?? ''}</span></label
    >`;
  }

  override render() {
    const t = this.#t.value;
    return html`<h1>${t('offerForm.title')}</h1>
      <form class="card form" @submit=${this.#submit} novalidate>
        ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
        ${this.#field('title', 'offerForm.offerTitle')} ${this.#field('productRef', 'offerForm.productRef')}
        ${this.#field('imageUrl', 'offerForm.imageUrl', { type: 'url' })}
        <div class="grid-2">
          ${this.#field('regularPrice', 'offerForm.regularPrice', { inputmode: 'decimal' })}
          ${this.#field('groupPrice', 'offerForm.groupPrice', { inputmode: 'decimal' })}
        </div>
        <div class="grid-2">
          <label
            >${t('offerForm.currency')}<select name="currency">
              ${CURRENCIES.map((code) => html`<option value=${code}>${code}</option>`)}
            </select></label
          >
          ${this.#field('teamSize', 'offerForm.teamSize', { inputmode: 'numeric', value: '3' })}
        </div>
        ${this.#field('teamHours', 'offerForm.teamHours', { inputmode: 'decimal', value: '24', errorAs: 'teamTtlSeconds' })}
        <div class="row">
          <button class="primary" type="submit" ?disabled=${this.#form.busy}>${t('offerForm.create')}</button>
          <a class="button" href="#/offers">${t('offerForm.cancel')}</a>
        </div>
      </form>`;
  }
}
