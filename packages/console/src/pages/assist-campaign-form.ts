import { type AssistMode, CreateAssistCampaignRequest, UpdateAssistCampaignRequest } from '@flock/protocol';
import type { AssistCampaign } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { defaultCurrency, fromMinor, toInstant, toLocalInput, toMinor } from '../format.js';
import { EditedRecord, type FieldOptions, FormSubmission, fieldErrors } from '../forms.js';
import { $locale, $t, type MessageKey } from '../i18n.js';
import { createCampaign, loadAssistCampaign, loadRewardVouchers, updateCampaign } from '../stores/assist.js';
import { go } from '../stores.js';
import { consoleStyles } from '../styles.js';

const CURRENCIES = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'JPY', 'SGD'];
const MODES: AssistMode[] = ['price_cut', 'progress'];

/** Seconds as the hours a merchant types ("1.5"). */
const hoursOf = (seconds: number | undefined) => (seconds === undefined ? '' : String(seconds / 3600));

/**
 * An assist campaign's form: new, or an edit of an existing one. Both are checked with the
 * contract's create schema (its rules between fields: a price cut needs room for every helper to
 * cut something), an edit also with the update schema (what may change: not the product, type or
 * currency). Errors sit by their field.
 */
@customElement('flock-console-assist-campaign-form')
export class FlockConsoleAssistCampaignForm extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      /* A field's message below it must not stretch its neighbour's input. */
      .grid-2 {
        align-items: start;
      }
    `,
  ];
  /** The campaign being edited; none for a new one. */
  @property() campaignId: string | undefined;
  /** The type picked on a new campaign: a price cut asks for prices, friends' help does not. */
  @state() private pickedMode: AssistMode = 'price_cut';
  @state() private vouchers: { id: string; title: string }[] = [];
  readonly #t = new StoreController(this, $t);
  /** An edited campaign keeps its type; a new one takes the type picked. */
  get #mode(): AssistMode {
    return this.#record.value?.mode ?? this.pickedMode;
  }
  readonly #form = new FormSubmission(this);
  readonly #record = new EditedRecord<AssistCampaign>(this, () => this.campaignId, loadAssistCampaign);

  override connectedCallback(): void {
    super.connectedCallback();
    // The voucher picker is a convenience: without the list, the campaign is still made (with no voucher).
    loadRewardVouchers().then(
      (vouchers) => (this.vouchers = vouchers),
      () => {},
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('campaignId')) {
      this.pickedMode = 'price_cut';
      this.#form.refuse({}, '');
    }
  }

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    /** A typed number, or undefined when left empty (the schema says whether it may be). */
    const number = (name: string) => (text(name) ? Number(text(name)) : undefined);
    const seconds = (name: string) => (text(name) ? Math.round(Number(text(name)) * 3600) : undefined);
    const t = this.#t.value;
    const editing = this.#record.value;
    const mode = this.#mode;
    // The product, type and currency are fixed once created: an edit keeps the campaign's own.
    const currency = editing ? (editing.currency ?? undefined) : mode === 'price_cut' ? text('currency') : undefined;
    const price = (name: string) => (text(name) && currency ? toMinor(text(name), currency) : undefined);
    const voucherProductId = text('voucherProductId') || undefined;
    const input = {
      productRef: editing?.productRef ?? text('productRef'),
      title: text('title'),
      ...(text('imageUrl') && { imageUrl: text('imageUrl') }),
      mode,
      goal: number('goal'),
      ...(mode === 'price_cut' && { startPrice: price('startPrice'), floorPrice: price('floorPrice'), currency }),
      ttlSeconds: seconds('ttlHours'),
      purchaseTtlSeconds: seconds('purchaseHours'),
      helpsPerHelperPerDay: number('helpsPerHelperPerDay'),
      reward: { description: text('rewardDescription'), ...(voucherProductId && { voucherProductId }) },
      startsAt: toInstant(text('startsAt')),
      endsAt: toInstant(text('endsAt')),
    };
    const parsed = z.safeParse(CreateAssistCampaignRequest, input);
    if (!parsed.success) {
      this.#form.refuse(fieldErrors(t, parsed.error.issues), t('error.invalid_request'));
      return;
    }
    const campaign = parsed.data;
    let changes: UpdateAssistCampaignRequest | undefined;
    if (editing) {
      // Everything the update schema takes, an emptied optional field cleared (null).
      const update = z.safeParse(UpdateAssistCampaignRequest, {
        title: campaign.title,
        imageUrl: campaign.imageUrl ?? null,
        goal: campaign.goal,
        ...(mode === 'price_cut' && { startPrice: campaign.startPrice, floorPrice: campaign.floorPrice }),
        ttlSeconds: campaign.ttlSeconds,
        ...(campaign.purchaseTtlSeconds !== undefined && { purchaseTtlSeconds: campaign.purchaseTtlSeconds }),
        helpsPerHelperPerDay: campaign.helpsPerHelperPerDay ?? null,
        reward: campaign.reward,
        startsAt: campaign.startsAt ?? null,
        endsAt: campaign.endsAt ?? null,
      });
      if (!update.success) {
        this.#form.refuse(fieldErrors(t, update.error.issues), t('error.invalid_request'));
        return;
      }
      changes = update.data;
    }
    const saved = await this.#form.run(t, () =>
      editing && changes ? updateCampaign(editing.id, changes) : createCampaign(campaign),
    );
    if (saved) go('#/assist-campaigns');
  };

  #field(name: string, label: MessageKey, options: FieldOptions = {}) {
    return this.#form.field(this.#t.value, name, label, options);
  }

  override render() {
    const t = this.#t.value;
    const campaign = this.#record.value;
    const placeholder = this.#record.placeholder(t);
    if (placeholder) return placeholder;
    const money = (minor: number | null | undefined) =>
      campaign?.currency && minor !== null && minor !== undefined ? fromMinor(minor, campaign.currency) : '';
    const voucherId = campaign?.reward.voucherProductId ?? '';
    // A voucher the campaign names that is no longer running still shows as chosen.
    const vouchers =
      voucherId && !this.vouchers.some((voucher) => voucher.id === voucherId)
        ? [...this.vouchers, { id: voucherId, title: voucherId }]
        : this.vouchers;
    const priceCut = this.#mode === 'price_cut';
    return html`<h1>${campaign ? t('assistForm.editTitle') : t('assistForm.title')}</h1>
      ${campaign ? html`<p class="muted">${t('assistForm.editLead')}</p>` : ''}
      <form class="card form" @submit=${this.#submit} novalidate>
        ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
        ${this.#field('title', 'assistForm.campaignTitle', { value: campaign?.title })}
        ${this.#field('productRef', 'assistForm.productRef', { value: campaign?.productRef, disabled: !!campaign })}
        ${this.#field('imageUrl', 'assistForm.imageUrl', { type: 'url', value: campaign?.imageUrl ?? '' })}
        <label
          >${t('assistForm.mode')}<select
            name="mode"
            ?disabled=${!!campaign}
            @change=${(event: Event) => (this.pickedMode = (event.target as HTMLSelectElement).value as AssistMode)}
          >
            ${MODES.map(
              (mode) => html`<option value=${mode} ?selected=${mode === this.#mode}>${t(`assistForm.mode.${mode}`)}</option>`,
            )}
          </select></label
        >
        <div class="grid-2">
          ${this.#field('goal', 'assistForm.goal', { inputmode: 'numeric', value: String(campaign?.goal ?? 5) })}
          ${
            priceCut
              ? html`<label
                  >${t('assistForm.currency')}<select name="currency" ?disabled=${!!campaign}>
                    ${CURRENCIES.map(
                      (code) =>
                        html`<option value=${code} ?selected=${code === (campaign?.currency ?? defaultCurrency($locale.get()))}>${code}</option>`,
                    )}
                  </select></label
                >`
              : ''
          }
        </div>
        ${
          priceCut
            ? html`<div class="grid-2">
                  ${this.#field('startPrice', 'assistForm.startPrice', { inputmode: 'decimal', value: money(campaign?.startPrice) })}
                  ${this.#field('floorPrice', 'assistForm.floorPrice', { inputmode: 'decimal', value: money(campaign?.floorPrice) })}
                </div>
                <p class="muted hint" style="margin:-8px 0 0">${t('assistForm.priceHint')}</p>`
            : ''
        }
        ${this.#field('rewardDescription', 'assistForm.reward', {
          value: campaign?.reward.description,
          errorAs: 'reward.description',
          hint: 'assistForm.rewardHint',
        })}
        <label
          >${t('assistForm.voucherProduct')}<select name="voucherProductId">
            <option value="" ?selected=${!voucherId}>${t('assistForm.noVoucher')}</option>
            ${vouchers.map((voucher) => html`<option value=${voucher.id} ?selected=${voucher.id === voucherId}>${voucher.title}</option>`)}
          </select></label
        >
        <div class="grid-2">
          ${this.#field('ttlHours', 'assistForm.ttlHours', {
            inputmode: 'decimal',
            value: hoursOf(campaign?.ttlSeconds ?? 86_400),
            errorAs: 'ttlSeconds',
          })}
          ${this.#field('purchaseHours', 'assistForm.purchaseHours', {
            inputmode: 'decimal',
            value: hoursOf(campaign?.purchaseTtlSeconds ?? 86_400),
            errorAs: 'purchaseTtlSeconds',
          })}
        </div>
        ${this.#field('helpsPerHelperPerDay', 'assistForm.helpsPerDay', {
          inputmode: 'numeric',
          value: campaign?.helpsPerHelperPerDay ? String(campaign.helpsPerHelperPerDay) : '',
        })}
        <div class="grid-2">
          ${this.#field('startsAt', 'assistForm.startsAt', { type: 'datetime-local', value: toLocalInput(campaign?.startsAt) })}
          ${this.#field('endsAt', 'assistForm.endsAt', { type: 'datetime-local', value: toLocalInput(campaign?.endsAt) })}
        </div>
        <div class="row">
          <button class="primary" type="submit" ?disabled=${this.#form.busy}>
            ${campaign ? t('assistForm.save') : t('assistForm.create')}
          </button>
          <a class="button" href="#/assist-campaigns">${t('assistForm.cancel')}</a>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-assist-campaign-form': FlockConsoleAssistCampaignForm;
  }
}
