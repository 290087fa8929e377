import { CreateVoucherProductRequest, UpdateVoucherProductRequest } from '@flock/protocol';
import type { VoucherProductSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { defaultCurrency, fromMinor, toInstant, toLocalInput, toMinor } from '../format.js';
import { EditedRecord, type FieldOptions, FormSubmission, fieldErrors } from '../forms.js';
import { $locale, $t, type MessageKey } from '../i18n.js';
import { createProduct, loadVoucherProduct, updateProduct } from '../stores/vouchers.js';
import { go } from '../stores.js';
import { consoleStyles } from '../styles.js';

const CURRENCIES = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'JPY', 'SGD'];
/** The contract's rule that a product's validity ends after it starts: said by the "valid until" field. */
const VALIDITY_RULE = 'validFrom must be before validUntil';

/** What the new product's form holds, as the create request: empty optional fields left out. */
function newProductInput(text: (name: string) => string) {
  const currency = text('currency');
  const stores = text('stores')
    .split(/[\n,，、]/)
    .map((store) => store.trim())
    .filter(Boolean);
  const validFrom = toInstant(text('validFrom'));
  const validUntil = toInstant(text('validUntil'));
  return {
    title: text('title'),
    // A face value is optional; when given, it is in the currency picked beside it.
    ...(text('value') && { value: toMinor(text('value'), currency), currency }),
    uses: Number(text('uses')),
    ...(validFrom && { validFrom }),
    ...(validUntil && { validUntil }),
    ...(stores.length > 0 && { stores }),
  };
}

/**
 * A voucher product's form: new (checked with the contract's create schema) or an edit of an
 * existing one (its update schema: only the title, since issued vouchers read the product's terms).
 * Errors sit by their field.
 */
@customElement('flock-console-voucher-product-form')
export class FlockConsoleVoucherProductForm extends LitElement {
  static override styles = [
    consoleStyles,
    // A message under one field of a pair must not stretch its neighbour.
    css`
      .grid-2 {
        align-items: start;
      }
    `,
  ];
  /** The product being edited; none for a new one. */
  @property() productId: string | undefined;
  readonly #t = new StoreController(this, $t);
  readonly #form = new FormSubmission(this);
  readonly #record = new EditedRecord<VoucherProductSummary>(this, () => this.productId, loadVoucherProduct);

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const t = this.#t.value;
    const editing = this.#record.value;
    const parsed = editing
      ? z.safeParse(UpdateVoucherProductRequest, { title: text('title') })
      : z.safeParse(CreateVoucherProductRequest, newProductInput(text));
    if (!parsed.success) {
      const fields = fieldErrors(t, parsed.error.issues);
      if (parsed.error.issues.some((issue) => issue.message === VALIDITY_RULE))
        fields.validUntil = t('voucherForm.validUntilBeforeFrom');
      this.#form.refuse(fields, t('error.invalid_request'));
      return;
    }
    const saved = await this.#form.run(t, () =>
      editing
        ? updateProduct(editing.id, parsed.data as UpdateVoucherProductRequest)
        : createProduct(parsed.data as CreateVoucherProductRequest),
    );
    if (saved) go('#/voucher-products');
  };

  #field(name: string, label: MessageKey, options: FieldOptions = {}) {
    return this.#form.field(this.#t.value, name, label, options);
  }

  override render() {
    const t = this.#t.value;
    const product = this.#record.value;
    const placeholder = this.#record.placeholder(t);
    if (placeholder) return placeholder;
    const fixed = !!product;
    // A store name too long is reported at its line (stores.2): shown under the one field.
    const storesError = Object.entries(this.#form.fields).find(([field]) => field.split('.')[0] === 'stores')?.[1];
    return html`<h1>${product ? t('voucherForm.editTitle') : t('voucherForm.title')}</h1>
      ${product ? html`<p class="muted">${t('voucherForm.editLead')}</p>` : ''}
      <form class="card form" @submit=${this.#submit} novalidate>
        ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
        ${this.#field('title', 'voucherForm.productTitle', { value: product?.title })}
        <div class="grid-2">
          ${this.#field('value', 'voucherForm.value', {
            inputmode: 'decimal',
            value: product?.value != null && product.currency ? fromMinor(product.value, product.currency) : '',
            disabled: fixed,
          })}
          <label
            >${t('voucherForm.currency')}<select name="currency" ?disabled=${fixed} aria-describedby="currency-error">
              ${CURRENCIES.map((code) => html`<option value=${code} ?selected=${code === (product?.currency ?? defaultCurrency($locale.get()))}>${code}</option>`)}
            </select
            ><span class="field-error" id="currency-error">${this.#form.fields.currency ?? ''}</span></label
          >
        </div>
        ${this.#field('uses', 'voucherForm.uses', { inputmode: 'numeric', value: String(product?.uses ?? 1), disabled: fixed })}
        <div class="grid-2">
          ${this.#field('validFrom', 'voucherForm.validFrom', {
            type: 'datetime-local',
            value: toLocalInput(product?.validFrom),
            disabled: fixed,
          })}
          ${this.#field('validUntil', 'voucherForm.validUntil', {
            type: 'datetime-local',
            value: toLocalInput(product?.validUntil),
            disabled: fixed,
          })}
        </div>
        <label
          >${t('voucherForm.stores')}<textarea
            name="stores"
            rows="3"
            .value=${product?.stores?.join('\n') ?? ''}
            ?disabled=${fixed}
            aria-invalid=${storesError ? 'true' : 'false'}
            aria-describedby="stores-hint stores-error"
          ></textarea
          ><span class="muted" id="stores-hint" style="font-weight:400;font-size:13px">${t('voucherForm.storesHint')}</span
          ><span class="field-error" id="stores-error">${storesError ?? ''}</span></label
        >
        <div class="row">
          <button class="primary" type="submit" ?disabled=${this.#form.busy}>
            ${product ? t('voucherForm.save') : t('voucherForm.create')}
          </button>
          <a class="button" href="#/voucher-products">${t('voucherForm.cancel')}</a>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-voucher-product-form': FlockConsoleVoucherProductForm;
  }
}
