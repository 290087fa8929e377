import { CreateGroupBuyOfferRequest, UpdateGroupBuyOfferRequest } from '@flock/protocol';
import { getGroupBuyOffer, updateGroupBuyOffer } from '@flock/protocol/routes';
import type { GroupBuyOffer } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { defaultCurrency, formatMoney, fromMinor, toInstant, toLocalInput, toMinor } from '../format.js';
import { EditedRecord, type FieldOptions, FormSubmission, fieldErrors } from '../forms.js';
import { KINDS, kindOf, type OfferKind } from '../group-types.js';
import { $locale, $t, type MessageKey } from '../i18n.js';
import { voucherProductChoices } from '../stores/vouchers.js';
import { client, createOffer, go, offers } from '../stores.js';
import { consoleStyles } from '../styles.js';

const CURRENCIES = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'JPY', 'SGD'];

/** A row of the tier editor or the product-set editor, as typed (strings), with a key that follows it. */
interface TierRow {
  key: number;
  members: string;
  price: string;
}
interface ProductRow {
  key: number;
  productRef: string;
  title: string;
  regularPrice: string;
  groupPrice: string;
}
const TIER_FIELDS = ['members', 'price'] as const;
const PRODUCT_FIELDS = ['productRef', 'title', 'regularPrice', 'groupPrice'] as const;
let rowKeys = 0;
const tierRow = (members = '', price = ''): TierRow => ({ key: ++rowKeys, members, price });
const productRow = (): ProductRow => ({ key: ++rowKeys, productRef: '', title: '', regularPrice: '', groupPrice: '' });

/**
 * A group-buy offer's form: new (checked with the contract's create schema) or an edit of an
 * existing one (its update schema; what a team already holds keeps its terms). Errors sit by their field.
 */
@customElement('flock-console-offer-form')
export class FlockConsoleOfferForm extends LitElement {
  static override styles = consoleStyles;
  /** The offer being edited; none for a new one. */
  @property() offerId: string | undefined;
  /** The type of a new offer; an existing offer's type is fixed (its fields say which). */
  @state() private kind: OfferKind = 'regular';
  @state() private tiers: TierRow[] = [tierRow('2'), tierRow('5')];
  @state() private products: ProductRow[] = [productRow(), productRow()];
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #voucherProducts = new StoreController(this, voucherProductChoices.$list);
  readonly #form = new FormSubmission(this);
  readonly #record = new EditedRecord<GroupBuyOffer>(
    this,
    () => this.offerId,
    (id) => client.call(getGroupBuyOffer, { params: { id } }),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void voucherProductChoices.load();
  }

  /** What is typed in the form now, by input name: '' for an empty input, undefined for one not shown. */
  #typed(): (name: string) => string | undefined {
    const form = this.renderRoot.querySelector('form');
    const data = form ? new FormData(form) : undefined;
    return (name) => (data?.has(name) ? String(data.get(name)).trim() : undefined);
  }

  /** Keeps what the merchant typed in the rows (those shown) before a row is added or removed or the type changes. */
  #keepRows() {
    const text = this.#typed();
    this.tiers = this.tiers.map((row, i) => ({
      ...row,
      ...Object.fromEntries(TIER_FIELDS.map((f) => [f, text(`tiers.${i}.${f}`) ?? row[f]])),
    }));
    this.products = this.products.map((row, i) => ({
      ...row,
      ...Object.fromEntries(PRODUCT_FIELDS.map((f) => [f, text(`products.${i}.${f}`) ?? row[f]])),
    }));
  }

  #addTier = () => {
    this.#keepRows();
    this.tiers = [...this.tiers, tierRow()];
  };
  #removeTier(key: number) {
    this.#keepRows();
    this.tiers = this.tiers.filter((row) => row.key !== key);
  }
  #addProduct = () => {
    this.#keepRows();
    this.products = [...this.products, productRow()];
  };
  #removeProduct(key: number) {
    this.#keepRows();
    this.products = this.products.filter((row) => row.key !== key);
  }

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const t = this.#t.value;
    const editing = this.#record.value;
    const kind = editing ? kindOf(editing) : this.kind;
    const currency = editing?.currency ?? text('currency');
    const tiers =
      kind === 'ladder'
        ? this.tiers.map((_, i) => ({
            members: text(`tiers.${i}.members`) ? Number(text(`tiers.${i}.members`)) : Number.NaN,
            price: toMinor(text(`tiers.${i}.price`), currency),
          }))
        : undefined;
    const products =
      kind === 'cross'
        ? this.products.map((_, i) => ({
            productRef: text(`products.${i}.productRef`),
            title: text(`products.${i}.title`),
            regularPrice: toMinor(text(`products.${i}.regularPrice`), currency),
            groupPrice: toMinor(text(`products.${i}.groupPrice`), currency),
          }))
        : undefined;
    // A ladder's price is its first tier's and its size its last tier's; a set's price is its lowest.
    const groupPrice = tiers
      ? (tiers[0]?.price ?? Number.NaN)
      : products
        ? Math.min(...products.map((p) => p.groupPrice))
        : toMinor(text('groupPrice'), currency);
    const teamSize = tiers ? (tiers[tiers.length - 1]?.members ?? Number.NaN) : Number(text('teamSize'));
    const prices = { regularPrice: toMinor(text('regularPrice'), currency), groupPrice };
    const maxTeams = text('maxTeams') ? Number(text('maxTeams')) : undefined;
    const schedule = { startsAt: toInstant(text('startsAt')) ?? null, endsAt: toInstant(text('endsAt')) ?? null };
    const consolation = text('lottery.consolationVoucherProductId');
    const parsed = editing
      ? z.safeParse(UpdateGroupBuyOfferRequest, {
          title: text('title'),
          imageUrl: text('imageUrl') || null,
          // A ladder's and a set's prices are fixed by their tiers and products.
          ...(kind === 'ladder' || kind === 'cross' ? { regularPrice: prices.regularPrice } : prices),
          ...schedule,
          maxTeams: maxTeams ?? null,
        })
      : z.safeParse(CreateGroupBuyOfferRequest, {
          productRef: text('productRef'),
          title: text('title'),
          ...(text('imageUrl') && { imageUrl: text('imageUrl') }),
          ...prices,
          currency,
          teamSize,
          teamTtlSeconds: Math.round(Number(text('teamHours')) * 3600),
          ...(schedule.startsAt && { startsAt: schedule.startsAt }),
          ...(schedule.endsAt && { endsAt: schedule.endsAt }),
          ...(maxTeams !== undefined && { maxTeams }),
          ...(kind === 'flash' && { stock: text('stock') ? Number(text('stock')) : Number.NaN }),
          ...(tiers && { tiers }),
          ...(kind === 'lottery' && {
            lottery: {
              winners: text('lottery.winners') ? Number(text('lottery.winners')) : Number.NaN,
              ...(consolation && { consolationVoucherProductId: consolation }),
            },
          }),
          ...(products && { products }),
          ...(data.get('joinersMustBeNew') && { joinersMustBeNew: true }),
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

  /** A message of the form's check or the server's for a whole editor or a select (not one input). */
  #message(path: string) {
    const error = this.#form.fields[path];
    return html`<span class="field-error" id="${path}-error" role=${error ? 'alert' : 'none'}>${error ?? ''}</span>`;
  }

  #kindChoice(fixed: OfferKind | undefined) {
    const t = this.#t.value;
    const kind = fixed ?? this.kind;
    return html`<fieldset class="kinds" ?disabled=${!!fixed}>
      <legend>${t('offerForm.kind')}</legend>
      ${KINDS.map(
        (k) =>
          html`<label class="inline choice"
            ><input
              type="radio"
              name="kind"
              value=${k}
              .checked=${k === kind}
              @change=${() => {
                this.#keepRows();
                this.kind = k;
                // The vouchers to console losers with: one made in another tab since is offered too.
                if (k === 'lottery') void voucherProductChoices.load();
              }}
            />${t(`offerForm.kind.${k}`)}</label
          >`,
      )}
      <span class="muted hint">${t(`offerForm.kindHint.${kind}`)}</span>
    </fieldset>`;
  }

  #tierEditor(offer: GroupBuyOffer | undefined) {
    const t = this.#t.value;
    const currency = offer?.currency ?? this.#typed()('currency') ?? '';
    const rows = offer?.tiers
      ? offer.tiers.map((tier) => ({
          key: tier.members,
          members: String(tier.members),
          price: fromMinor(tier.price, offer.currency),
        }))
      : this.tiers;
    // The summary follows what is typed (the rows' state catches up only when a row is added or removed).
    const typed = this.#typed();
    const now = (i: number, row: TierRow | undefined): TierRow | undefined =>
      row && !offer
        ? { ...row, members: typed(`tiers.${i}.members`) ?? row.members, price: typed(`tiers.${i}.price`) ?? row.price }
        : row;
    const first = now(0, rows[0]);
    const last = now(rows.length - 1, rows[rows.length - 1]);
    const firstPrice = first ? toMinor(first.price, currency || 'CNY') : Number.NaN;
    return html`<fieldset class="rows">
      <legend>${t('offerForm.tiers')}</legend>
      ${rows.map(
        (row, i) => html`<div class="row-editor">
          ${this.#field(`tiers.${i}.members`, 'offerForm.tierMembers', {
            inputmode: 'numeric',
            value: row.members,
            labelValues: { n: i + 1 },
            disabled: !!offer,
          })}
          ${this.#field(`tiers.${i}.price`, 'offerForm.tierPrice', {
            inputmode: 'decimal',
            value: row.price,
            labelValues: { n: i + 1 },
            disabled: !!offer,
          })}
          ${
            offer
              ? ''
              : html`<button type="button" class="remove" ?disabled=${rows.length <= 2} @click=${() => this.#removeTier(row.key)}>
                ${t('offerForm.removeTier', { n: i + 1 })}
              </button>`
          }
        </div>`,
      )}
      ${this.#message('tiers')}
      ${offer ? '' : html`<button type="button" @click=${this.#addTier} ?disabled=${rows.length >= 10}>${t('offerForm.addTier')}</button>`}
      ${
        first?.members && last?.members && Number.isFinite(firstPrice)
          ? html`<p class="muted hint">
            ${t('offerForm.tiersSummary', {
              price: formatMoney(firstPrice, currency || 'CNY', this.#locale.value),
              size: last.members,
              min: first.members,
            })}
          </p>`
          : ''
      }
    </fieldset>`;
  }

  #productEditor(offer: GroupBuyOffer | undefined) {
    const t = this.#t.value;
    const currency = offer?.currency ?? this.#typed()('currency') ?? '';
    const rows: ProductRow[] = offer?.products
      ? offer.products.map((product, i) => ({
          key: i,
          productRef: product.productRef,
          title: product.title,
          regularPrice: fromMinor(product.regularPrice, offer.currency),
          groupPrice: fromMinor(product.groupPrice, offer.currency),
        }))
      : this.products;
    const typed = this.#typed();
    const lowest = Math.min(
      ...rows.map((row, i) =>
        toMinor(offer ? row.groupPrice : (typed(`products.${i}.groupPrice`) ?? row.groupPrice), currency || 'CNY'),
      ),
    );
    return html`<fieldset class="rows">
      <legend>${t('offerForm.products')}</legend>
      ${rows.map(
        (row, i) => html`<div class="product-editor">
          <div class="grid-2">
            ${this.#field(`products.${i}.productRef`, 'offerForm.productRefN', { value: row.productRef, labelValues: { n: i + 1 }, disabled: !!offer })}
            ${this.#field(`products.${i}.title`, 'offerForm.productTitleN', { value: row.title, labelValues: { n: i + 1 }, disabled: !!offer })}
          </div>
          <div class="grid-2">
            ${this.#field(`products.${i}.regularPrice`, 'offerForm.productRegularN', {
              inputmode: 'decimal',
              value: row.regularPrice,
              labelValues: { n: i + 1 },
              disabled: !!offer,
            })}
            ${this.#field(`products.${i}.groupPrice`, 'offerForm.productGroupN', {
              inputmode: 'decimal',
              value: row.groupPrice,
              labelValues: { n: i + 1 },
              disabled: !!offer,
            })}
          </div>
          ${
            offer
              ? ''
              : html`<button type="button" class="remove" ?disabled=${rows.length <= 2} @click=${() => this.#removeProduct(row.key)}>
                ${t('offerForm.removeProduct', { n: i + 1 })}
              </button>`
          }
        </div>`,
      )}
      ${this.#message('products')}
      ${offer ? '' : html`<button type="button" @click=${this.#addProduct} ?disabled=${rows.length >= 20}>${t('offerForm.addProduct')}</button>`}
      ${
        Number.isFinite(lowest)
          ? html`<p class="muted hint">${t('offerForm.productsSummary', { price: formatMoney(lowest, currency || 'CNY', this.#locale.value) })}</p>`
          : ''
      }
    </fieldset>`;
  }

  #lotteryFields(offer: GroupBuyOffer | undefined) {
    const t = this.#t.value;
    const chosen = offer?.lottery?.consolationVoucherProductId ?? '';
    const error = this.#form.fields['lottery.consolationVoucherProductId'];
    return html`${this.#field('lottery.winners', 'offerForm.winners', {
      inputmode: 'numeric',
      value: String(offer?.lottery?.winners ?? 1),
      disabled: !!offer,
    })}
      <div class="with-hint">
        <label
          >${t('offerForm.consolation')}<select
            name="lottery.consolationVoucherProductId"
            ?disabled=${!!offer}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="lottery.consolationVoucherProductId-error consolation-hint"
          >
            <option value="">${t('offerForm.consolationNone')}</option>
            ${this.#voucherProducts.value.rows.map(
              (product) => html`<option value=${product.id} ?selected=${product.id === chosen}>${product.title}</option>`,
            )}
          </select>
          ${this.#message('lottery.consolationVoucherProductId')}</label
        >
        <span class="muted hint" id="consolation-hint">${t('offerForm.consolationHint')}</span>
      </div>`;
  }

  override render() {
    const t = this.#t.value;
    const offer = this.#record.value;
    const placeholder = this.#record.placeholder(t);
    if (placeholder) return placeholder;
    const kind = offer ? kindOf(offer) : this.kind;
    const money = (minor: number | undefined) => (offer && minor !== undefined ? fromMinor(minor, offer.currency) : '');
    return html`<h1>${offer ? t('offerForm.editTitle') : t('offerForm.title')}</h1>
      ${offer ? html`<p class="muted">${t('offerForm.editLead')}</p>` : ''}
      <form class="card form" @submit=${this.#submit} @input=${() => this.requestUpdate()} novalidate>
        ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
        ${this.#kindChoice(offer ? kind : undefined)}
        ${this.#field('title', 'offerForm.offerTitle', { value: offer?.title })}
        ${this.#field('productRef', 'offerForm.productRef', { value: offer?.productRef, disabled: !!offer })}
        ${this.#field('imageUrl', 'offerForm.imageUrl', { type: 'url', value: offer?.imageUrl ?? '' })}
        <div class="grid-2">
          ${this.#field('regularPrice', 'offerForm.regularPrice', { inputmode: 'decimal', value: money(offer?.regularPrice) })}
          ${
            kind === 'ladder' || kind === 'cross'
              ? ''
              : this.#field('groupPrice', kind === 'lottery' ? 'offerForm.entryPrice' : 'offerForm.groupPrice', {
                  inputmode: 'decimal',
                  value: money(offer?.groupPrice),
                })
          }
        </div>
        <div class="grid-2">
          <label
            >${t('offerForm.currency')}<select name="currency" ?disabled=${!!offer} @change=${() => this.requestUpdate()}>
              ${CURRENCIES.map((code) => html`<option value=${code} ?selected=${code === (offer?.currency ?? defaultCurrency(this.#locale.value))}>${code}</option>`)}
            </select></label
          >
          ${
            kind === 'ladder'
              ? ''
              : this.#field('teamSize', 'offerForm.teamSize', {
                  inputmode: 'numeric',
                  value: String(offer?.teamSize ?? 3),
                  disabled: !!offer,
                })
          }
        </div>
        ${
          kind === 'flash'
            ? this.#field('stock', 'offerForm.stock', {
                inputmode: 'numeric',
                value: offer?.stock ? String(offer.stock) : '',
                disabled: !!offer,
                hint: 'offerForm.stockHint',
              })
            : ''
        }
        ${kind === 'ladder' ? this.#tierEditor(offer) : ''} ${kind === 'lottery' ? this.#lotteryFields(offer) : ''}
        ${kind === 'cross' ? this.#productEditor(offer) : ''}
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
        <div class="with-hint">
          <label class="inline switch"
            ><input
              type="checkbox"
              role="switch"
              name="joinersMustBeNew"
              .checked=${offer?.joinersMustBeNew ?? false}
              ?disabled=${!!offer}
              aria-describedby="joinersMustBeNew-hint"
            />${t('offerForm.joinersMustBeNew')}</label
          >
          <span class="muted hint" id="joinersMustBeNew-hint">${t('offerForm.joinersMustBeNewHint')}</span>
          ${this.#message('joinersMustBeNew')}
        </div>
        <div class="row">
          <button class="primary" type="submit" ?disabled=${this.#form.busy}>${offer ? t('offerForm.save') : t('offerForm.create')}</button>
          <a class="button" href="#/offers">${t('offerForm.cancel')}</a>
        </div>
      </form>`;
  }
}
