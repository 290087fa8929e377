import { CreateReferralProgramRequest, UpdateReferralProgramRequest } from '@flock/protocol';
import type { ReferralProgram } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { fromMinor, toMinor } from '../format.js';
import { EditedRecord, type FieldErrors, type FieldOptions, FormSubmission, fieldErrors } from '../forms.js';
import { $locale, $t, type MessageKey, type Translate } from '../i18n.js';
import { createProgram, loadProgram, updateProgram } from '../stores/referral.js';
import { go } from '../stores.js';
import { consoleStyles } from '../styles.js';
import { commissionText } from './referral-cells.js';

const CURRENCIES = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'JPY', 'SGD'];

type CommissionType = 'percent' | 'fixed';

/** A percentage as typed ("10", "2.5") in basis points; undefined when left empty, NaN when not a number. */
const toBps = (typed: string) => (typed === '' ? undefined : Math.round(Number(typed.replace(',', '.')) * 100));
/** A whole number of days as typed; undefined when left empty. */
const toDays = (typed: string) => (typed === '' ? undefined : Number(typed));

/**
 * Said in the merchant's terms, by the field: the contract counts rates in basis points (0–10000),
 * and the server's own rules (once the schema passed) refuse two levels above 100 % and a product
 * in another currency than the program's.
 */
function inMerchantTerms(t: Translate, errors: FieldErrors, from: 'schema' | 'server'): FieldErrors {
  const said = { ...errors };
  if (from === 'server') {
    if (said.secondLevelBps) said.secondLevelBps = t('programForm.levelsOver');
    if (said['product.currency']) said['product.currency'] = t('programForm.currencyFixed');
    return said;
  }
  for (const field of ['commission.bps', 'secondLevelBps'])
    if (said[field] && said[field] !== t('field.required')) said[field] = t('programForm.percentRange');
  for (const field of ['product.url', 'product.imageUrl'])
    if (said[field] && said[field] !== t('field.required')) said[field] = t('programForm.url');
  return said;
}

/**
 * A referral program's form: new (checked with the contract's create schema) or an edit (its update
 * schema). The commission rule and currency stay as created; name, product, hold and window change,
 * the hold for commissions earned from now on and the window for clicks from now on.
 */
@customElement('flock-console-program-form')
export class FlockConsoleProgramForm extends LitElement {
  static override styles = consoleStyles;
  /** The program being edited; none for a new one. */
  @property() programId: string | undefined;
  @state() private pickedCommissionType: CommissionType = 'percent';
  readonly #t = new StoreController(this, $t);
  /** An edited program keeps its commission rule; a new one takes the rule picked. */
  get #commissionType(): CommissionType {
    return (this.#record.value?.commission.type as CommissionType | undefined) ?? this.pickedCommissionType;
  }
  readonly #locale = new StoreController(this, $locale);
  readonly #form = new FormSubmission(this);
  readonly #record = new EditedRecord<ReferralProgram>(this, () => this.programId, loadProgram);

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const t = this.#t.value;
    const editing = this.#record.value;
    // One currency for the program: the fixed commission's and the product's (the ledger has one).
    const currency = editing ? (editing.product.currency ?? editing.commission.currency ?? text('currency')) : text('currency');
    const price = text('productPrice');
    const product = {
      title: text('productTitle'),
      url: text('productUrl'),
      ...(text('productImageUrl') && { imageUrl: text('productImageUrl') }),
      ...(price && { price: toMinor(price, currency) }),
      currency,
    };
    const terms = { holdDays: toDays(text('holdDays')), attributionWindowDays: toDays(text('attributionWindowDays')) };
    const parsed = editing
      ? z.safeParse(UpdateReferralProgramRequest, { name: text('name'), product, ...terms })
      : z.safeParse(CreateReferralProgramRequest, {
          name: text('name'),
          commission:
            this.#commissionType === 'percent'
              ? { type: 'percent', bps: toBps(text('rate')) }
              : { type: 'fixed', amount: text('fixedAmount') ? toMinor(text('fixedAmount'), currency) : undefined, currency },
          ...(text('secondLevel') && { secondLevelBps: toBps(text('secondLevel')) }),
          ...terms,
          product,
        });
    if (!parsed.success) {
      this.#form.refuse(inMerchantTerms(t, fieldErrors(t, parsed.error.issues), 'schema'), t('error.invalid_request'));
      return;
    }
    const saved = await this.#form.run(t, () =>
      editing
        ? updateProgram(editing.id, parsed.data as UpdateReferralProgramRequest)
        : createProgram(parsed.data as CreateReferralProgramRequest),
    );
    if (saved) go('#/programs');
    else this.#form.refuse(inMerchantTerms(t, this.#form.fields, 'server'), this.#form.error);
  };

  #field(name: string, label: MessageKey, options: FieldOptions = {}) {
    return this.#form.field(this.#t.value, name, label, options);
  }

  /** New: the rule is chosen here. Editing: it is shown, fixed (create another program for other terms). */
  #commission() {
    const t = this.#t.value;
    const program = this.#record.value;
    if (program)
      return html`<p>
          <strong>${t('programForm.commission')}</strong><br />${commissionText(t, program, this.#locale.value)}<br /><span
            class="muted"
            >${t('programForm.commissionFixed')}</span
          >
        </p>
        ${program.product.currency || program.commission.currency ? '' : this.#currency()}`;
    return html`<div class="grid-2">
        <label
          >${t('programForm.commissionType')}<select
            name="commissionType"
            @change=${(event: Event) => (this.pickedCommissionType = (event.target as HTMLSelectElement).value as CommissionType)}
          >
            <option value="percent" ?selected=${this.#commissionType === 'percent'}>${t('programForm.type.percent')}</option>
            <option value="fixed" ?selected=${this.#commissionType === 'fixed'}>${t('programForm.type.fixed')}</option>
          </select></label
        >
        ${this.#currency()}
      </div>
      <div class="grid-2">
        ${
          this.#commissionType === 'percent'
            ? this.#field('rate', 'programForm.rate', { inputmode: 'decimal', value: '10', errorAs: 'commission.bps' })
            : this.#field('fixedAmount', 'programForm.fixedAmount', { inputmode: 'decimal', errorAs: 'commission.amount' })
        }
        ${this.#field('secondLevel', 'programForm.secondLevel', {
          inputmode: 'decimal',
          errorAs: 'secondLevelBps',
          hint: 'programForm.secondLevelHint',
        })}
      </div>`;
  }

  /** The program's one currency: its fixed commission's and its product's. */
  #currency() {
    const error = this.#form.fields['product.currency'] ?? this.#form.fields['commission.currency'];
    return html`<label
      >${this.#t.value('programForm.currency')}<select name="currency" aria-describedby="currency-error">
        ${CURRENCIES.map((code) => html`<option value=${code}>${code}</option>`)}
      </select><span class="field-error" id="currency-error">${error ?? ''}</span></label
    >`;
  }

  override render() {
    const t = this.#t.value;
    const program = this.#record.value;
    const placeholder = this.#record.placeholder(t);
    if (placeholder) return placeholder;
    const currency = program?.product.currency ?? program?.commission.currency;
    const price = program?.product.price;
    return html`<h1>${program ? t('programForm.editTitle') : t('programForm.title')}</h1>
      <p class="muted">${program ? t('programForm.editLead') : t('programForm.lead')}</p>
      <form class="card form" @submit=${this.#submit} novalidate>
        ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
        ${this.#field('name', 'programForm.name', { value: program?.name })}
        ${this.#commission()}
        <div class="grid-2">
          ${this.#field('holdDays', 'programForm.holdDays', {
            inputmode: 'numeric',
            value: String(program?.holdDays ?? 7),
            hint: 'programForm.holdHint',
          })}
          ${this.#field('attributionWindowDays', 'programForm.windowDays', {
            inputmode: 'numeric',
            value: String(program?.attributionWindowDays ?? 30),
            hint: 'programForm.windowHint',
          })}
        </div>
        <h2 style="margin:8px 0 0">${t('programForm.product')}</h2>
        <p class="muted" style="margin:0">${t('programForm.productLead')}</p>
        ${this.#field('productTitle', 'programForm.productTitle', { value: program?.product.title, errorAs: 'product.title' })}
        ${this.#field('productUrl', 'programForm.productUrl', { type: 'url', value: program?.product.url, errorAs: 'product.url' })}
        <div class="grid-2">
          ${this.#field('productPrice', 'programForm.productPrice', {
            inputmode: 'decimal',
            value: price !== null && price !== undefined && currency ? fromMinor(price, currency) : '',
            errorAs: 'product.price',
          })}
          ${this.#field('productImageUrl', 'programForm.productImageUrl', {
            type: 'url',
            value: program?.product.imageUrl ?? '',
            errorAs: 'product.imageUrl',
          })}
        </div>
        <div class="row">
          <button class="primary" type="submit" ?disabled=${this.#form.busy}>
            ${program ? t('programForm.save') : t('programForm.create')}
          </button>
          <a class="button" href="#/programs">${t('programForm.cancel')}</a>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-program-form': FlockConsoleProgramForm;
  }
}
