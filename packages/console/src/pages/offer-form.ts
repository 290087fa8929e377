import { CreateGroupBuyOfferRequest, UpdateGroupBuyOfferRequest } from '@flock/protocol';
import { getGroupBuyOffer, updateGroupBuyOffer } from '@flock/protocol/routes';
import type { GroupBuyOffer } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { fromMinor, toInstant, toLocalInput, toMinor } from '../format.js';
import { EditedRecord, type FieldOptions, FormSubmission, fieldErrors } from '../forms.js';
import { $t, type MessageKey } from '../i18n.js';
import { client, createOffer, go, offers } from '../stores.js';
import { consoleStyles } from '../styles.js';

const CURRENCIES = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'JPY', 'SGD'];

/**
 * A group-buy offer's form: new (checked with the contract's create schema) or an edit of an
 * existing one (its update schema; what a team already holds keeps its terms). Errors sit by their field.
 */
@customElement('flock-console-offer-form')
export class FlockConsoleOfferForm extends LitElement {
  static override styles = consoleStyles;
  /** The offer being edited; none for a new one. */
  @property() offerId: string | undefined;
  readonly #t = new StoreController(this, $t);
  readonly #form = new FormSubmission(this);
  readonly #record = new EditedRecord<GroupBuyOffer>(
    this,
    () => this.offerId,
    (id) => client.call(getGroupBuyOffer, { params: { id } }),
  );

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const t = this.#t.value;
    const editing = this.#record.value;
    const currency = editing?.currency ?? text('currency');
    const prices = { regularPrice: toMinor(text('regularPrice'), currency), groupPrice: toMinor(text('groupPrice'), currency) };
    const maxTeams = text('maxTeams') ? Number(text('maxTeams')) : undefined;
    const schedule = { startsAt: toInstant(text('startsAt')) ?? null, endsAt: toInstant(text('endsAt')) ?? null };
    const parsed = editing
      ? z.safeParse(UpdateGroupBuyOfferRequest, {
          title: text('title'),
          imageUrl: text('imageUrl') || null,
          ...prices,
          ...schedule,
          maxTeams: maxTeams ?? null,
        })
      : z.safeParse(CreateGroupBuyOfferRequest, {
          productRef: text('productRef'),
          title: text('title'),
          ...(text('imageUrl') && { imageUrl: text('imageUrl') }),
          ...prices,
          currency,
          teamSize: Number(text('teamSize')),
          teamTtlSeconds: Math.round(Number(text('teamHours')) * 3600),
          ...(schedule.startsAt && { startsAt: schedule.startsAt }),
          ...(schedule.endsAt && { endsAt: schedule.endsAt }),
          ...(maxTeams !== undefined && { maxTeams }),
        });
    if (!parsed.success) {
      this.#form.refuse(fieldErrors(t, parsed.error.issues), t('error.invalid_request'));
      return;
    }
    const saved = await this.#form.run(t, async () => {
      if (editing)
        await client.call(updateGroupBuyOffer, { params: { id: editing.id }, body: parsed.data as UpdateGroupBuyOfferRequest });
      else await createOffer(parsed.data as CreateGroupBuyOfferRequest);
      await offers.load();
    });
    if (saved) go('#/offers');
  };

  #field(name: string, label: MessageKey, options: FieldOptions = {}) {
    return this.#form.field(this.#t.value, name, label, options);
  }

  override render() {
    const t = this.#t.value;
    const offer = this.#record.value;
    const placeholder = this.#record.placeholder(t);
    if (placeholder) return placeholder;
    const money = (minor: number | undefined) => (offer && minor !== undefined ? fromMinor(minor, offer.currency) : '');
    return html`<h1>${offer ? t('offerForm.editTitle') : t('offerForm.title')}</h1>
      ${offer ? html`<p class="muted">${t('offerForm.editLead')}</p>` : ''}
      <form class="card form" @submit=${this.#submit} novalidate>
        ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
        ${this.#field('title', 'offerForm.offerTitle', { value: offer?.title })}
        ${this.#field('productRef', 'offerForm.productRef', { value: offer?.productRef, disabled: !!offer })}
        ${this.#field('imageUrl', 'offerForm.imageUrl', { type: 'url', value: offer?.imageUrl ?? '' })}
        <div class="grid-2">
          ${this.#field('regularPrice', 'offerForm.regularPrice', { inputmode: 'decimal', value: money(offer?.regularPrice) })}
          ${this.#field('groupPrice', 'offerForm.groupPrice', { inputmode: 'decimal', value: money(offer?.groupPrice) })}
        </div>
        <div class="grid-2">
          <label
            >${t('offerForm.currency')}<select name="currency" ?disabled=${!!offer}>
              ${CURRENCIES.map((code) => html`<option value=${code} ?selected=${code === offer?.currency}>${code}</option>`)}
            </select></label
          >
          ${this.#field('teamSize', 'offerForm.teamSize', { inputmode: 'numeric', value: String(offer?.teamSize ?? 3), disabled: !!offer })}
        </div>
        ${this.#field('teamHours', 'offerForm.teamHours', {
          inputmode: 'decimal',
          value: String((offer?.teamTtlSeconds ?? 86_400) / 3600),
          errorAs: 'teamTtlSeconds',
          disabled: !!offer,
        })}
        <div class="grid-2">
          ${this.#field('startsAt', 'offerForm.startsAt', { type: 'datetime-local', value: toLocalInput(offer?.startsAt ?? null) })}
          ${this.#field('endsAt', 'offerForm.endsAt', { type: 'datetime-local', value: toLocalInput(offer?.endsAt ?? null) })}
        </div>
        ${this.#field('maxTeams', 'offerForm.maxTeams', { inputmode: 'numeric', value: offer?.maxTeams ? String(offer.maxTeams) : '' })}
        <div class="row">
          <button class="primary" type="submit" ?disabled=${this.#form.busy}>${offer ? t('offerForm.save') : t('offerForm.create')}</button>
          <a class="button" href="#/offers">${t('offerForm.cancel')}</a>
        </div>
      </form>`;
  }
}
