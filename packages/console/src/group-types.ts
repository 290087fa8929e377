import type { GroupBuyOfferSummary } from '@flock/sdk';
import { html, type TemplateResult } from 'lit';
import { formatMoney } from './format.js';
import type { ConsoleLocale, Translate } from './i18n.js';

/** The five kinds of group buy a merchant picks from (issue 15); an offer's fields say which it is. */
export const KINDS = ['regular', 'flash', 'ladder', 'lottery', 'cross'] as const;
export type OfferKind = (typeof KINDS)[number];

type KindFields = Pick<GroupBuyOfferSummary, 'tiers' | 'lottery' | 'products' | 'stock'>;

/** What kind an offer is: tiers make a ladder, a draw a lottery, products a cross-product set, stock alone a flash sale. */
export const kindOf = (offer: KindFields): OfferKind =>
  offer.tiers ? 'ladder' : offer.lottery ? 'lottery' : offer.products ? 'cross' : offer.stock !== null ? 'flash' : 'regular';

/** An offer's type and, where it applies, its stock left, tiers, draw or product count, as the offers list shows them. */
export function offerTypeCell(t: Translate, locale: ConsoleLocale, offer: GroupBuyOfferSummary): TemplateResult {
  const kind = kindOf(offer);
  const money = (minor: number) => formatMoney(minor, offer.currency, locale);
  const details = [
    offer.stock !== null ? t('offers.stockLeft', { left: offer.stockLeft ?? 0, stock: offer.stock }) : '',
    ...(offer.tiers ?? []).map((tier) => t('offers.tier', { members: tier.members, price: money(tier.price) })),
    offer.lottery ? t('offers.winners', { winners: offer.lottery.winners, size: offer.teamSize }) : '',
    offer.products ? t('offers.products', { count: offer.products.length }) : '',
  ].filter(Boolean);
  return html`<span class="tag ${kind === 'regular' ? '' : 'brand'}">${t(`kind.${kind}`)}</span>
    ${offer.joinersMustBeNew ? html`<span class="tag">${t('kind.newCustomers')}</span>` : ''}
    ${details.length ? html`<br /><span class="muted">${details.join(' · ')}</span>` : ''}`;
}

/** The same as one line of text, for the CSV export. */
export function offerTypeText(t: Translate, locale: ConsoleLocale, offer: GroupBuyOfferSummary): string {
  const money = (minor: number) => formatMoney(minor, offer.currency, locale);
  return [
    t(`kind.${kindOf(offer)}`),
    offer.joinersMustBeNew ? t('kind.newCustomers') : '',
    offer.stock !== null ? t('offers.stockLeft', { left: offer.stockLeft ?? 0, stock: offer.stock }) : '',
    ...(offer.tiers ?? []).map((tier) => t('offers.tier', { members: tier.members, price: money(tier.price) })),
    offer.lottery ? t('offers.winners', { winners: offer.lottery.winners, size: offer.teamSize }) : '',
    ...(offer.products ?? []).map((product) => `${product.title} ${money(product.groupPrice)}`),
  ]
    .filter(Boolean)
    .join('; ');
}
