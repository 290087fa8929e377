// The group types' parts of <flock-group-buy> (issue 15): a ladder's tiers, a lottery's rule, result
// and draw, a cross-product set's picker and picks, a new-customer team's note. A chunk of its own,
// fetched only for an offer that has one of these types, with its own strings (group-buy-types.strings.ts).
import type { GroupBuyOffer, Reservation, Team, TeamDraw } from '@flock/sdk';
import { html, nothing } from 'lit';
import type { TranslatorOf } from '../i18n/localize.js';
import type { DrawCheck } from './group-buy-state.js';
import { groupTypeStrings } from './group-buy-types.strings.js';
import { ladderOf, lotteryOutcome, productOf } from './group-buy-types-state.js';

export { groupTypeStrings };

/**
 * The group types' rules, in the shadow root with the parts that use them (a <style> in the card, not
 * the element's static styles, so a page whose offer has no group type does not download them).
 */
export const typeStyles = html`<style>
  /* Flash sale: units left under the prices, and the start's countdown. */
  .stock {
    margin-top: 4px;
    font-size: 12px;
    font-weight: 600;
    color: var(--_brand-ink);
  }
  .stock.out {
    color: var(--_text-2);
  }
  .countdown-line.starts {
    font-size: 20px;
  }
  /* Ladder (阶梯团): the tiers in a row, the reached one filled, as Youzan shows them. */
  .ladder {
    list-style: none;
    margin: 0 0 8px;
    padding: 0;
    display: flex;
    gap: 6px;
  }
  .tier {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    padding: 6px 4px;
    border-radius: var(--_radius-tiny);
    border: 1px solid var(--_border);
    font-size: 12px;
    color: var(--_text-2);
  }
  .tier-price {
    font-size: 15px;
    font-weight: 700;
    color: var(--_brand-ink);
  }
  .tier.reached {
    border-color: var(--_brand);
    background: var(--_brand-soft);
    color: var(--_brand-ink);
  }
  .hint.next {
    font-weight: 600;
    color: var(--_brand-ink);
  }
  /* Cross-product (拼单): the set to pick from, and what each friend chose. */
  .picker {
    margin: 0;
    padding: 0;
    border: 0;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .product {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-tiny);
    cursor: pointer;
  }
  .product.picked {
    border-color: var(--_brand);
    background: var(--_brand-soft);
  }
  .product input {
    margin: 0;
    accent-color: var(--_brand);
  }
  .product-image {
    width: 40px;
    height: 40px;
    border-radius: var(--_radius-tiny);
    object-fit: cover;
  }
  .product-title {
    flex: 1;
    min-width: 0;
    font-size: 14px;
  }
  .product-prices {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
  }
  .product .price {
    font-size: 15px;
  }
  .picks {
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: 13px;
    color: var(--_text-2);
    text-align: center;
  }
  /* Lottery (抽奖团): the published draw and this browser's verdict. */
  .draw {
    font-size: 13px;
    padding: 10px 12px;
    border-radius: var(--_radius-tiny);
    background: var(--_surface-2);
  }
  .draw dl {
    margin: 0;
  }
  .draw dt {
    color: var(--_text-2);
    margin-top: 8px;
  }
  .draw dt:first-child {
    margin-top: 0;
  }
  .draw dd {
    margin: 2px 0 0;
  }
  .hex {
    font-family: ui-monospace, Menlo, Consolas, monospace;
    font-size: 12px;
    overflow-wrap: anywhere;
  }
  .draw-members {
    margin: 0;
    padding-inline-start: 20px;
  }
  .refusal {
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  .won {
    margin-inline-start: 6px;
    font-size: 11px;
    padding: 0 5px;
    border-radius: var(--_radius-pill);
    color: var(--_on-brand);
    background: var(--_brand);
  }
  .verdict {
    margin: 10px 0 0;
    font-weight: 600;
  }
  .verdict.success {
    color: var(--_success);
  }
</style>`;

/** What the parts need from the element: its translator for these strings, and its money format. */
export interface TypesContext {
  t: TranslatorOf<typeof groupTypeStrings>;
  money: (amount: number) => string;
}

/** The header's tag: a lottery's odds. */
export const odds = ({ t }: TypesContext, offer: GroupBuyOffer) =>
  offer.lottery ? t('lotteryOdds', { n: offer.lottery.winners, size: offer.teamSize }) : undefined;

/** A flash sale's units left (following the live offer.stock events), or sold out. */
export function stockLine({ t }: TypesContext, offer: GroupBuyOffer) {
  if (offer.stockLeft === null) return nothing;
  return html`<div class="stock ${offer.stockLeft === 0 ? 'out' : ''}" part="stock">
    ${offer.stockLeft === 0 ? t('soldOut') : t('unitsLeft', { n: offer.stockLeft })}
  </div>`;
}

/** The message of a refusal these types add (sold_out, not_new_customer), and its way out. */
export function refusal({ t }: TypesContext, code: string, busy: boolean, startOwn: () => void) {
  if (code !== 'sold_out' && code !== 'not_new_customer') return undefined;
  return html`<div class="refusal">
    <p class="message error" part="message" role="alert">${t(`error.${code}`)}</p>
    ${
      code === 'not_new_customer'
        ? html`<button part="button" class="button primary" ?disabled=${busy} @click=${startOwn}>${t('startOwn')}</button>`
        : nothing
    }
  </div>`;
}

/** Each group type's rules, before the team closes: the ladder, the lottery's odds, who may join. */
export function typeNotes({ t, money }: TypesContext, offer: GroupBuyOffer, team?: Team) {
  const ladder = ladderOf(offer, team?.members.length ?? 0);
  const lottery = offer.lottery;
  return html`${
    ladder
      ? html`<div class="ladder-box">
          <ol class="ladder" part="ladder">
            ${ladder.tiers.map(
              (
                tier,
                i,
              ) => html`<li class="tier ${i === ladder.reached ? 'reached' : ''}" aria-current=${i === ladder.reached ? 'true' : 'false'}>
                <span class="tier-members">${t('tierMembers', { n: tier.members })}</span>
                <span class="tier-price">${money(tier.price)}</span>
              </li>`,
            )}
          </ol>
          ${team && ladder.next ? html`<p class="hint next">${t('ladderNext', { n: ladder.next.more, price: money(ladder.next.price) })}</p>` : nothing}
          <p class="hint">${t('ladderUpFront', { price: money(ladder.upFront) })}</p>
        </div>`
      : nothing
  }
  ${
    lottery
      ? html`<p class="hint">${t(lottery.consolationVoucherProductId ? 'lotteryRuleVoucher' : 'lotteryRule', { n: lottery.winners, size: offer.teamSize })}</p>`
      : nothing
  }
  ${offer.joinersMustBeNew ? html`<p class="hint new-only">${t('newCustomersOnly')}</p>` : nothing}`;
}

/** A cross-product offer's set: native radios, so arrows move the pick and a screen reader reads the group. */
export function picker(
  { t, money }: TypesContext,
  offer: GroupBuyOffer,
  current: string | undefined,
  pick: (productRef: string) => void,
) {
  if (!offer.products) return nothing;
  return html`<fieldset class="picker">
    <legend class="section-title">${t('pickProduct')}</legend>
    ${offer.products.map(
      (p) => html`<label class="product ${p.productRef === current ? 'picked' : ''}" part="product">
        <input type="radio" name="product" .checked=${p.productRef === current} @change=${() => pick(p.productRef)} />
        ${p.imageUrl ? html`<img class="product-image" src=${p.imageUrl} alt="" loading="lazy" />` : nothing}
        <span class="product-title">${p.title}</span>
        <span class="product-prices"><span class="price">${money(p.groupPrice)}</span>
          <s class="regular">${money(p.regularPrice)}</s></span>
      </label>`,
    )}
  </fieldset>`;
}

/** What each friend of a cross-product team chose. */
export function picks({ t }: TypesContext, offer: GroupBuyOffer, team: Team) {
  if (!offer.products) return nothing;
  return html`<ul class="picks">
    ${team.members.map((m) => html`<li>${t('chose', { name: m.displayName, product: productOf(offer, m.productRef)?.title ?? '' })}</li>`)}
  </ul>`;
}

/**
 * The headline of a closed team the shopper paid into, for a group type that changes it: a ladder's
 * tier and refund, a lottery's result; undefined otherwise (or while the draw loads).
 */
export function succeededText(
  { t, money }: TypesContext,
  offer: GroupBuyOffer,
  team: Team,
  reservation: Reservation,
  draw: TeamDraw | undefined,
): { text: string; won: boolean } | undefined {
  const ladder = ladderOf(offer, team.members.length);
  const tier = ladder?.tiers[ladder.reached];
  if (tier) {
    const back = money(Math.max(0, reservation.price - tier.price));
    return { text: t('ladderBack', { price: money(tier.price), back }), won: true };
  }
  const outcome = lotteryOutcome(offer, reservation, draw);
  if (!outcome) return undefined;
  if (outcome.won) return { text: t('lotteryWon'), won: true };
  return { text: outcome.voucher ? t('lotteryLostVoucher') : t('lotteryLost', { price: money(outcome.refund) }), won: false };
}

/** "Check the draw": the toggle, and when open the draw as published and what this browser recomputed. */
export function drawPanel(
  { t }: TypesContext,
  open: boolean,
  toggle: () => void,
  draw: TeamDraw | undefined,
  check: DrawCheck | undefined,
) {
  return html`<button part="button" class="button secondary draw-toggle" aria-expanded=${open ? 'true' : 'false'} @click=${toggle}>
      ${t('checkDraw')}
    </button>
    ${open ? drawView(t, draw, check) : nothing}`;
}

/** The verdict of a check, for the card and its live region. */
export const verdict = (t: TypesContext['t'], check: DrawCheck | undefined): string | undefined =>
  check?.kind === 'no-crypto'
    ? t('drawNeedsSecure')
    : check?.kind === 'checked'
      ? t(check.commitmentOk && check.winnersOk ? 'drawVerified' : 'drawMismatch')
      : undefined;

function drawView(t: TypesContext['t'], draw: TeamDraw | undefined, check: DrawCheck | undefined) {
  if (!draw) return html`<div class="draw" part="draw" aria-busy="true">${t('loading')}</div>`;
  const name = (id: string) => draw.members.find((m) => m.reservationId === id)?.displayName ?? id;
  const ok = check?.kind === 'checked' && check.commitmentOk && check.winnersOk;
  const said = verdict(t, check);
  return html`<section class="draw" part="draw" aria-label=${t('checkDraw')}>
    <dl>
      <dt>${t('drawCommitment')}</dt>
      <dd class="hex">${draw.commitment}</dd>
      <dt>${t('drawSeed')}</dt>
      <dd class="hex">${draw.seed ?? '—'}</dd>
      <dt>${t('drawMembers')}</dt>
      <dd>
        <ol class="draw-members">
          ${draw.members.map(
            (m) =>
              html`<li>${m.displayName}${draw.winners.includes(m.reservationId) ? html` <span class="won">${t('drawWon')}</span>` : nothing}</li>`,
          )}
        </ol>
      </dd>
      <dt>${t('drawWinners')}</dt>
      <dd>${draw.winners.map(name).join(', ') || '—'}</dd>
    </dl>
    ${said ? html`<p class="verdict ${ok ? 'success' : 'failure'}">${said}</p>` : nothing}
  </section>`;
}
