import { CreateReferralProgramRequest, UpdateReferralProgramRequest } from '@flock/protocol';
import type { ReferralProgram } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { defaultCurrency, fromMinor, toMinor } from '../format.js';
import { EditedRecord, type FieldErrors, type FieldOptions, FormSubmission, fieldErrors } from '../forms.js';
import { $locale, $t, type MessageKey, type Translate } from '../i18n.js';
import {
  draftOf,
  type FriendKind,
  type GrowthDraft,
  growthFields,
  growthTerms,
  isGrowthPath,
  TIER_FIELDS,
  tierOrderErrors,
  tierRow,
} from '../program-growth.js';
import { createProgram, loadProgram, updateProgram } from '../stores/referral.js';
import { voucherProductChoices } from '../stores/vouchers.js';
import { go } from '../stores.js';
import { consoleStyles } from '../styles.js';
import { commissionText } from './referral-cells.js';

const CURRENCIES = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'JPY', 'SGD'];

type CommissionType = 'percent' | 'fixed';

/** A percentage as typed ("10", "2.5") in basis points; undefined when left empty, NaN when not a number. */
const toBps = (typed: string) => (typed === '' ? undefined : Math.round(Number(typed.replace(',', '.')) * 100));
const MAX_TIERS = 10;
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
  return growthTerms(t, said);
}

/**
 * A referral program's form: new (checked with the contract's create schema) or an edit (its update
 * schema). The commission rule and currency stay as created; name, product, hold and window change,
 * the hold for commissions earned from now on and the window for clicks from now on. The growth
 * section (tiers, first-order reward, boost, friend's reward) is checked as typed; clearing one of
 * them removes it (PATCH with null) for orders and claims from now on.
 */
@customElement('flock-console-program-form')
export class FlockConsoleProgramForm extends LitElement {
  static override styles = consoleStyles;
  /** The program being edited; none for a new one. */
  @property() programId: string | undefined;
  @state() private pickedCommissionType: CommissionType = 'percent';
  /** The growth section as typed (a program's saved fields once it loads). */
  @state() private growth: GrowthDraft = draftOf(undefined);
  readonly #t = new StoreController(this, $t);
  /** An edited program keeps its commission rule; a new one takes the rule picked. */
  get #commissionType(): CommissionType {
    return (this.#record.value?.commission.type as CommissionType | undefined) ?? this.pickedCommissionType;
  }
  readonly #locale = new StoreController(this, $locale);
  readonly #voucherProducts = new StoreController(this, voucherProductChoices.$list);
  readonly #form = new FormSubmission(this);
  readonly #record = new EditedRecord<ReferralProgram>(this, () => this.programId, loadProgram);
  /** The program whose saved growth fields the draft started from (null: a new program's empty draft). */
  #draftOf: ReferralProgram | null = null;
  /** Growth inputs the merchant typed in: their messages follow what is typed. */
  readonly #touched = new Set<string>();

  override connectedCallback(): void {
    super.connectedCallback();
    void voucherProductChoices.load();
  }

  protected override willUpdate(): void {
    // Before the record's own update (which drops a program no longer edited): a new program starts empty.
    const program = this.programId ? (this.#record.value ?? null) : null;
    if (program !== this.#draftOf) {
      this.#draftOf = program;
      this.growth = draftOf(program ?? undefined);
      this.#touched.clear();
    }
  }

  /** The program's one currency: its fixed commission's and its product's (a new program: the one picked). */
  #currencyNow(data?: FormData): string {
    const editing = this.#record.value;
    const picked = String(
      data?.get('currency') ?? this.renderRoot.querySelector<HTMLSelectElement>('select[name=currency]')?.value ?? 'CNY',
    );
    return editing ? (editing.product.currency ?? editing.commission.currency ?? picked) : picked;
  }

  /** The request the form holds now, checked with the contract's schema and the tiers' order. */
  #check(form: HTMLFormElement) {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const t = this.#t.value;
    const editing = this.#record.value;
    const currency = this.#currencyNow(data);
    const price = text('productPrice');
    const product = {
      title: text('productTitle'),
      url: text('productUrl'),
      ...(text('productImageUrl') && { imageUrl: text('productImageUrl') }),
      ...(price && { price: toMinor(price, currency) }),
      currency,
    };
    const terms = { holdDays: toDays(text('holdDays')), attributionWindowDays: toDays(text('attributionWindowDays')) };
    const growth = growthFields(this.growth, currency, { percent: this.#commissionType === 'percent', saved: editing });
    const parsed = editing
      ? z.safeParse(UpdateReferralProgramRequest, { name: text('name'), product, ...terms, ...growth })
      : z.safeParse(CreateReferralProgramRequest, {
          name: text('name'),
          commission:
            this.#commissionType === 'percent'
              ? { type: 'percent', bps: toBps(text('rate')) }
              : { type: 'fixed', amount: text('fixedAmount') ? toMinor(text('fixedAmount'), currency) : undefined, currency },
          ...(text('secondLevel') && { secondLevelBps: toBps(text('secondLevel')) }),
          ...terms,
          product,
          ...growth,
        });
    const errors: FieldErrors = parsed.success ? {} : inMerchantTerms(t, fieldErrors(t, parsed.error.issues), 'schema');
    // Tiers apply to a percent commission only (else they are not sent); a row out of order is said by its row.
    const order = this.#commissionType === 'percent' ? tierOrderErrors(t, this.growth, currency) : {};
    if (Object.keys(order).length > 0) delete errors.tiers;
    return { parsed, errors: { ...errors, ...order } };
  }

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const t = this.#t.value;
    const editing = this.#record.value;
    const { parsed, errors } = this.#check(event.target as HTMLFormElement);
    if (!parsed.success || Object.keys(errors).length > 0) {
      this.#form.refuse(errors, t('error.invalid_request'));
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

  /**
   * A growth input changed: the draft follows it, and the messages of the growth inputs typed in so
   * far are checked again (a tier's threshold is checked against the one before as it is typed).
   */
  #typed = (event: Event) => {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    const name = input.name;
    if (!isGrowthPath(name)) return;
    const row = /^tiers\.(\d+)\.(\w+)$/.exec(name);
    if (row) {
      const index = Number(row[1]);
      const field = row[2] as (typeof TIER_FIELDS)[number];
      this.growth = {
        ...this.growth,
        tiers: this.growth.tiers.map((tier, i) => (i === index ? { ...tier, [field]: input.value } : tier)),
      };
      // A threshold's order depends on its neighbours: their messages follow too.
      for (const i of [index - 1, index, index + 1]) if (i >= 0) this.#touched.add(`tiers.${i}.minCommission30d`);
    } else this.growth = { ...this.growth, values: { ...this.growth.values, [name]: input.value } };
    this.#touched.add(name);
    this.#recheckGrowth();
  };

  /** Shows the growth section's messages for what was typed in (or all of them once the form was sent). */
  #recheckGrowth() {
    const form = this.renderRoot.querySelector('form');
    if (!form) return;
    const { errors } = this.#check(form);
    const fields = { ...this.#form.fields };
    for (const path of new Set([...Object.keys(fields), ...Object.keys(errors)])) {
      if (!isGrowthPath(path)) continue;
      const shown = this.#touched.has(path) || path === 'tiers' || path in fields;
      if (errors[path] && shown) fields[path] = errors[path];
      else if (this.#touched.has(path) || path === 'tiers') delete fields[path];
    }
    this.#form.fields = fields;
    this.requestUpdate();
  }

  #addTier = () => {
    const last = this.growth.tiers[this.growth.tiers.length - 1];
    this.growth = { ...this.growth, tiers: [...this.growth.tiers, tierRow('', '', last?.bps ?? '')] };
  };
  #removeTier(key: number) {
    const tiers = this.growth.tiers.filter((row) => row.key !== key);
    this.growth = { ...this.growth, tiers };
    // The rows below moved up: their messages are checked again in their new places (those typed in).
    for (const path of [...this.#touched, ...Object.keys(this.#form.fields)])
      if (path.startsWith('tiers')) {
        this.#touched.delete(path);
        delete this.#form.fields[path];
      }
    for (const [i, row] of tiers.entries())
      for (const field of TIER_FIELDS) if (row[field].trim()) this.#touched.add(`tiers.${i}.${field}`);
    void this.updateComplete.then(() => this.#recheckGrowth());
  }
  /** Tiers and the boost are off with a fixed commission: their messages go with them. */
  #pickCommissionType = (event: Event) => {
    this.pickedCommissionType = (event.target as HTMLSelectElement).value as CommissionType;
    for (const path of Object.keys(this.#form.fields))
      if (/^(tiers|newPromoterBoost)(\.|$)/.test(path)) delete this.#form.fields[path];
    void this.updateComplete.then(() => this.#recheckGrowth());
  };
  #pickFriendKind = (event: Event) => {
    this.growth = { ...this.growth, friendKind: (event.target as HTMLSelectElement).value as FriendKind };
    for (const path of Object.keys(this.#form.fields)) if (path.startsWith('friendReward')) delete this.#form.fields[path];
  };

  #field(name: string, label: MessageKey, options: FieldOptions = {}) {
    return this.#form.field(this.#t.value, name, label, options);
  }

  /** A message of the form's check or the server's for a whole editor or a select (not one input). */
  #message(path: string) {
    const error = this.#form.fields[path];
    return html`<span class="field-error" id="${path}-error" role=${error ? 'alert' : 'none'}>${error ?? ''}</span>`;
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
            @change=${this.#pickCommissionType}
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
      >${this.#t.value('programForm.currency')}<select name="currency" aria-describedby="currency-error" @change=${() => this.requestUpdate()}>
        ${CURRENCIES.map(
          (code) => html`<option value=${code} ?selected=${code === defaultCurrency(this.#locale.value)}>${code}</option>`,
        )}
      </select><span class="field-error" id="currency-error">${error ?? ''}</span></label
    >`;
  }

  /** Tiers by output: a row per tier (name, 30-day commission that reaches it, its rate). */
  #tierEditor(percent: boolean) {
    const t = this.#t.value;
    const rows = this.growth.tiers;
    return html`<fieldset class="rows" ?disabled=${!percent} aria-describedby="tiers-hint">
      <legend>${t('growth.tiers')}</legend>
      <span class="muted hint" id="tiers-hint">${t('growth.tiersHint', { currency: this.#currencyNow() })}</span>
      ${rows.map(
        (row, i) => html`<div class="row-editor tier-editor">
          ${this.#field(`tiers.${i}.name`, 'growth.tierName', { value: row.name, labelValues: { n: i + 1 } })}
          ${this.#field(`tiers.${i}.minCommission30d`, 'growth.tierThreshold', {
            inputmode: 'decimal',
            value: row.minCommission30d,
            labelValues: { n: i + 1 },
          })}
          ${this.#field(`tiers.${i}.bps`, 'growth.tierRate', { inputmode: 'decimal', value: row.bps, labelValues: { n: i + 1 } })}
          <button
            type="button"
            class="remove"
            aria-label=${t('growth.removeTier', { n: i + 1 })}
            @click=${() => this.#removeTier(row.key)}
          >
            ${t('growth.remove')}
          </button>
        </div>`,
      )}
      ${this.#message('tiers')}
      <div class="row">
        <button type="button" @click=${this.#addTier} ?disabled=${rows.length >= MAX_TIERS}>${t('growth.addTier')}</button>
        ${rows.length === 0 ? html`<span class="muted">${t('growth.noTiers')}</span>` : ''}
      </div>
    </fieldset>`;
  }

  /** The friend's reward: none, a voucher of one of the merchant's voucher products, or an amount off a minimum spend. */
  #friendReward() {
    const t = this.#t.value;
    const { friendKind, values } = this.growth;
    const chosen = values['friendReward.voucherProductId'] ?? '';
    const products = this.#voucherProducts.value.rows;
    const productError = this.#form.fields['friendReward.voucherProductId'];
    return html`<fieldset class="rows">
      <legend>${t('growth.friend')}</legend>
      <span class="muted hint">${t('growth.friendHint')}</span>
      <label
        >${t('growth.friendKind')}<select name="friendKind" @change=${this.#pickFriendKind}>
          ${(['none', 'voucher', 'amount_off'] as const).map(
            (kind) => html`<option value=${kind} ?selected=${kind === friendKind}>${t(`growth.friendKind.${kind}`)}</option>`,
          )}
        </select></label
      >
      ${
        friendKind === 'voucher'
          ? html`<label
              >${t('growth.friendVoucher')}<select
                name="friendReward.voucherProductId"
                aria-invalid=${productError ? 'true' : 'false'}
                aria-describedby="friendReward.voucherProductId-error"
              >
                <option value="" ?selected=${chosen === ''}>${t('growth.friendVoucherPick')}</option>
                ${products
                  .filter((product) => product.status !== 'ended' || product.id === chosen)
                  .map(
                    (product) => html`<option value=${product.id} ?selected=${product.id === chosen}>${product.title}</option>`,
                  )}
              </select>
              ${this.#message('friendReward.voucherProductId')}</label
            >
            ${products.length === 0 ? html`<span class="muted hint">${t('growth.friendNoVouchers')}</span>` : ''}`
          : ''
      }
      ${
        friendKind === 'amount_off'
          ? html`<div class="grid-3">
              ${this.#field('friendReward.amountOff', 'growth.friendAmountOff', {
                inputmode: 'decimal',
                value: values['friendReward.amountOff'],
              })}
              ${this.#field('friendReward.minSpend', 'growth.friendMinSpend', {
                inputmode: 'decimal',
                value: values['friendReward.minSpend'],
              })}
              ${this.#field('friendReward.validDays', 'growth.friendValidDays', {
                inputmode: 'numeric',
                value: values['friendReward.validDays'],
              })}
            </div>`
          : ''
      }
      ${this.#message('friendReward')}
    </fieldset>`;
  }

  /** Tiers, the first-order reward, the new-promoter boost and the friend's reward. */
  #growth() {
    const t = this.#t.value;
    const percent = this.#commissionType === 'percent';
    const { values } = this.growth;
    return html`<h2 style="margin:8px 0 0">${t('growth.title')}</h2>
      <p class="muted" style="margin:0">${t('growth.lead')}</p>
      ${percent ? '' : html`<p class="notice" role="note">${t('growth.needsPercent')}</p>`}
      ${this.#tierEditor(percent)}
      <div class="grid-2">
        ${this.#field('firstOrderReward.amount', 'growth.firstOrderReward', {
          inputmode: 'decimal',
          value: values['firstOrderReward.amount'],
          hint: 'growth.firstOrderRewardHint',
        })}
      </div>
      <fieldset class="rows" ?disabled=${!percent}>
        <legend>${t('growth.boost')}</legend>
        <span class="muted hint">${t('growth.boostHint')}</span>
        <div class="grid-2">
          ${this.#field('newPromoterBoost.bps', 'growth.boostRate', { inputmode: 'decimal', value: values['newPromoterBoost.bps'] })}
          ${this.#field('newPromoterBoost.days', 'growth.boostDays', { inputmode: 'numeric', value: values['newPromoterBoost.days'] })}
        </div>
        ${this.#message('newPromoterBoost')}
      </fieldset>
      ${this.#friendReward()}`;
  }

  override render() {
    const t = this.#t.value;
    const program = this.#record.value;
    const placeholder = this.#record.placeholder(t);
    if (placeholder) return placeholder;
    const currency = program?.product.currency ?? program?.commission.currency;
    const price = program?.product.price;
    return html`<div class="row spread" style="margin-bottom:16px">
        <h1 style="margin:0">${program ? t('programForm.editTitle') : t('programForm.title')}</h1>
        ${
          program
            ? html`<div class="row">
                <a class="button" href="#/materials?program=${program.id}">${t('materials.open')}</a>
                <a class="button" href="#/leaderboard?program=${program.id}">${t('leaderboard.open')}</a>
              </div>`
            : ''
        }
      </div>
      <p class="muted">${program ? t('programForm.editLead') : t('programForm.lead')}</p>
      <form class="card form" @submit=${this.#submit} @input=${this.#typed} @change=${this.#typed} novalidate>
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
        ${this.#growth()}
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
