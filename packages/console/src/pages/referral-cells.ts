import type { ReferralProgram } from '@flock/sdk';
import { html } from 'lit';
import { formatMoney } from '../format.js';
import type { ConsoleLocale, Translate } from '../i18n.js';
import type { Filter } from '../list-view.js';

// What the referral pages show alike: money in a program's currency, a program's terms, the program picker.

/** An amount in the program's currency; a program without one yet (no order) has only zeros, shown as a dash. */
export const moneyText = (minor: number, currency: string | null, locale: ConsoleLocale) =>
  currency ? formatMoney(minor, currency, locale) : minor === 0 ? '—' : String(minor);

/** A money cell on one line; a negative amount (a refund after a payout) stands out. */
export const moneyCell = (minor: number, currency: string | null, locale: ConsoleLocale) =>
  html`<span style="white-space:nowrap;${minor < 0 ? 'color:var(--c-danger)' : ''}">${moneyText(minor, currency, locale)}</span>`;

/** The day, without the time (when a promoter joined). */
export const formatDay = (iso: string, locale: ConsoleLocale) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));

/** A moment as two short lines, the day over the time, so a narrow column does not wrap it word by word. */
export const whenCell = (iso: string, locale: ConsoleLocale) =>
  html`<span style="white-space:nowrap">${formatDay(iso, locale)}</span><br /><span class="muted" style="white-space:nowrap"
      >${new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(iso))}</span
    >`;

/** A promoter as the merchant knows them: their name over their code. */
export const promoterCell = (name: string, code: string) =>
  html`<span style="white-space:nowrap">${name}</span><br /><span class="mono muted">${code}</span>`;

/** Basis points as a percentage the merchant reads and types (1000 → "10"). */
export const percentOf = (bps: number) => String(bps / 100);

/** The program's commission rule in words: ["10 % of the order", "their recruiter 3 %"] or ["CN¥5.00 per order"]. */
export function commissionParts(
  t: Translate,
  program: Pick<ReferralProgram, 'commission' | 'secondLevelBps'>,
  locale: ConsoleLocale,
): string[] {
  const { commission, secondLevelBps } = program;
  const first =
    commission.type === 'fixed'
      ? t('programs.fixedPerOrder', { amount: formatMoney(commission.amount ?? 0, commission.currency ?? 'CNY', locale) })
      : t('programs.percent', { rate: percentOf(commission.bps ?? 0) });
  return secondLevelBps ? [first, t('programs.secondLevel', { rate: percentOf(secondLevelBps) })] : [first];
}

export const commissionText = (...args: Parameters<typeof commissionParts>) => commissionParts(...args).join(' · ');

/** The program's growth kit in words: its tiers, first-order reward, boost and friend's reward (none: empty). */
export function growthParts(
  t: Translate,
  program: Pick<ReferralProgram, 'tiers' | 'firstOrderReward' | 'newPromoterBoost' | 'friendReward' | 'product' | 'commission'>,
  locale: ConsoleLocale,
): string[] {
  const currency = program.product.currency ?? program.commission.currency ?? 'CNY';
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const { tiers, firstOrderReward, newPromoterBoost, friendReward } = program;
  return [
    tiers?.length
      ? t('growth.summary.tiers', { tiers: tiers.map((tier) => `${tier.name} ${percentOf(tier.bps)} %`).join(' / ') })
      : '',
    firstOrderReward ? t('growth.summary.firstOrder', { amount: money(firstOrderReward.amount) }) : '',
    newPromoterBoost ? t('growth.summary.boost', { rate: percentOf(newPromoterBoost.bps), days: newPromoterBoost.days }) : '',
    friendReward?.kind === 'voucher' ? t('growth.summary.friendVoucher', { title: friendReward.voucherTitle ?? '' }) : '',
    friendReward?.kind === 'amount_off'
      ? t('growth.summary.friendAmountOff', {
          amount: money(friendReward.amountOff ?? 0),
          min: money(friendReward.minSpend ?? 0),
        })
      : '',
  ].filter(Boolean);
}

/** The program picker of a list that takes `?program=` (promoters, orders, commissions, the ledger). */
export const programFilter = (
  choices: readonly { id: string; name: string }[],
  options: { required?: boolean } = {},
): Filter => ({
  key: 'program',
  label: 'referral.program',
  select: true,
  required: options.required,
  options: choices.map((program) => ({ value: program.id, label: program.name })),
});

/** The program picker heading a one-program page (the ledger's, the share kit's, the leaderboard's): picking one goes to its page. */
export const programPicker = (
  t: Translate,
  programs: readonly { id: string; name: string }[],
  shown: string | undefined,
  pageOf: (programId: string) => string,
) =>
  html`<label class="inline"
    ><span>${t('referral.program')}</span
    ><select @change=${(event: Event) => (location.hash = pageOf((event.target as HTMLSelectElement).value))}>
      ${programs.map((program) => html`<option value=${program.id} ?selected=${program.id === shown}>${program.name}</option>`)}
    </select></label
  >`;
