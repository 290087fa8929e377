import type { ReferralProgram, UpdateReferralProgramRequest } from '@flock/sdk';
import { fromMinor, toMinor } from './format.js';
import type { FieldErrors } from './forms.js';
import type { Translate } from './i18n.js';

// The growth section of a referral program's form (issue 16): tiers by output, the first-order
// reward, the new-promoter boost and the friend's reward, as typed, turned into the contract's fields.
// The form checks the result with the contract's own schema; what that schema cannot say by the
// field (a tier not above the one before) is checked here, as typed.

/** A tier row as typed (major units, a percentage), with a key that follows the row when one is removed. */
export interface TierRow {
  key: number;
  name: string;
  minCommission30d: string;
  bps: string;
}
export const TIER_FIELDS = ['name', 'minCommission30d', 'bps'] as const;

export type FriendKind = 'none' | 'voucher' | 'amount_off';

/** The growth section as typed, by the input names (the contract's paths: `newPromoterBoost.days`). */
export interface GrowthDraft {
  tiers: TierRow[];
  values: Record<string, string>;
  friendKind: FriendKind;
}

/** The growth fields' input names besides the tier rows; every one is its contract path. */
export const GROWTH_INPUTS = [
  'firstOrderReward.amount',
  'newPromoterBoost.bps',
  'newPromoterBoost.days',
  'friendReward.voucherProductId',
  'friendReward.amountOff',
  'friendReward.minSpend',
  'friendReward.validDays',
] as const;

/** The contract paths the growth section shows messages for (a path under one of them is its field's). */
export const isGrowthPath = (path: string) => /^(tiers|firstOrderReward|newPromoterBoost|friendReward)(\.|$)/.test(path);

let rowKeys = 0;
export const tierRow = (name = '', minCommission30d = '', bps = ''): TierRow => ({ key: ++rowKeys, name, minCommission30d, bps });

/** A percentage as typed ("10", "2.5") in basis points; undefined when left empty, NaN when not a number. */
export const toBps = (typed: string) => (typed.trim() === '' ? undefined : Math.round(Number(typed.replace(',', '.')) * 100));
/** A whole number as typed; undefined when left empty, NaN when not a whole number. */
export const toWhole = (typed: string) =>
  typed.trim() === '' ? undefined : /^\d+$/.test(typed.trim()) ? Number(typed) : Number.NaN;
const percentText = (bps: number) => String(bps / 100);

/** The draft of a program's growth fields as saved (a new program: none). */
export function draftOf(program: ReferralProgram | undefined): GrowthDraft {
  const currency = program?.product.currency ?? program?.commission.currency ?? 'CNY';
  const reward = program?.friendReward;
  const values: Record<string, string> = {
    'firstOrderReward.amount': program?.firstOrderReward ? fromMinor(program.firstOrderReward.amount, currency) : '',
    'newPromoterBoost.bps': program?.newPromoterBoost ? percentText(program.newPromoterBoost.bps) : '',
    'newPromoterBoost.days': program?.newPromoterBoost ? String(program.newPromoterBoost.days) : '',
    'friendReward.voucherProductId': reward?.voucherProductId ?? '',
    'friendReward.amountOff': reward?.amountOff != null ? fromMinor(reward.amountOff, currency) : '',
    'friendReward.minSpend': reward?.minSpend != null ? fromMinor(reward.minSpend, currency) : '',
    'friendReward.validDays': reward?.validDays != null ? String(reward.validDays) : '',
  };
  return {
    tiers: (program?.tiers ?? []).map((tier) =>
      tierRow(tier.name, fromMinor(tier.minCommission30d, currency), percentText(tier.bps)),
    ),
    values,
    friendKind: reward?.kind ?? 'none',
  };
}

type Growth = Pick<UpdateReferralProgramRequest, 'tiers' | 'firstOrderReward' | 'newPromoterBoost' | 'friendReward'>;

/**
 * The contract's growth fields from the draft, in `currency`. A field left empty is absent for a new
 * program, and null (removed) for a program that has it. Tiers and the boost need a percent commission:
 * with a fixed one they are left out (the form disables them).
 */
export function growthFields(
  draft: GrowthDraft,
  currency: string,
  options: { percent: boolean; saved?: ReferralProgram },
): Growth {
  const { values } = draft;
  const { saved } = options;
  const none = <K extends keyof Growth>(key: K) => (saved?.[key] ? { [key]: null } : {});
  const boostRate = values['newPromoterBoost.bps'] ?? '';
  const boostDays = values['newPromoterBoost.days'] ?? '';
  const reward = values['firstOrderReward.amount'] ?? '';
  const tiers =
    options.percent && draft.tiers.length > 0
      ? {
          tiers: draft.tiers.map((row) => ({
            name: row.name.trim(),
            minCommission30d: toMinor(row.minCommission30d, currency),
            bps: toBps(row.bps) as number,
          })),
        }
      : none('tiers');
  const boost =
    options.percent && (boostRate.trim() || boostDays.trim())
      ? { newPromoterBoost: { bps: toBps(boostRate) as number, days: toWhole(boostDays) as number } }
      : none('newPromoterBoost');
  const validDays = toWhole(values['friendReward.validDays'] ?? '');
  const friend =
    draft.friendKind === 'voucher'
      ? { friendReward: { voucherProductId: values['friendReward.voucherProductId'] ?? '' } }
      : draft.friendKind === 'amount_off'
        ? {
            friendReward: {
              amountOff: toMinor(values['friendReward.amountOff'] ?? '', currency),
              minSpend: toMinor(values['friendReward.minSpend'] ?? '', currency),
              ...(validDays !== undefined && { validDays }),
            },
          }
        : none('friendReward');
  return {
    ...tiers,
    ...(reward.trim() ? { firstOrderReward: { amount: toMinor(reward, currency) } } : none('firstOrderReward')),
    ...boost,
    ...friend,
  } as Growth;
}

/** What the schema cannot say by its row: each tier's threshold must be above the one before. */
export function tierOrderErrors(t: Translate, draft: GrowthDraft, currency: string): FieldErrors {
  const errors: FieldErrors = {};
  draft.tiers.forEach((row, i) => {
    const before = draft.tiers[i - 1];
    if (!before) return;
    const threshold = toMinor(row.minCommission30d, currency);
    const previous = toMinor(before.minCommission30d, currency);
    if (Number.isFinite(threshold) && Number.isFinite(previous) && threshold <= previous)
      errors[`tiers.${i}.minCommission30d`] = t('growth.tierAbove', { n: i });
  });
  return errors;
}

/**
 * The schema's messages for the growth fields in the merchant's terms: rates are percentages, and
 * a field the form shows as one input (the boost's percentage) takes its path's message.
 */
export function growthTerms(t: Translate, errors: FieldErrors): FieldErrors {
  const said = { ...errors };
  for (const [field, message] of Object.entries(said)) {
    if (!isGrowthPath(field) || message === t('field.required')) continue;
    if (/(^|\.)bps$/.test(field)) said[field] = t('programForm.percentRange');
  }
  return said;
}
