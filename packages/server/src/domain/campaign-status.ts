import type { CampaignStatus } from '@flock/protocol';
import { ApiError, invalidField } from '../errors.js';

// Shared by the four campaigns a merchant runs (group-buy offers, assist campaigns, referral
// programs, voucher products): `active` starts new things, `paused` and `ended` do not, and
// ending is final.

/**
 * The status a PATCH leaves, checked on the locked row: unchanged when it names none (or the same),
 * and never out of `ended` (409 campaign_not_active).
 */
export function nextStatus(current: CampaignStatus, requested: CampaignStatus | undefined, what: string): CampaignStatus {
  if (requested === undefined || requested === current) return current;
  if (current === 'ended') {
    throw new ApiError(
      'campaign_not_active',
      `This ${what} has ended, and ending is final: it cannot become ${requested} again. Create a new one instead.`,
      { field: 'status', status: current },
    );
  }
  return requested;
}

/** Why a campaign that is not `active` starts nothing new, for its 409. */
export const notRunningMessage = (status: CampaignStatus, what: string) =>
  status === 'paused'
    ? `This ${what} is paused.`
    : status === 'ended'
      ? `This ${what} has ended.`
      : `This ${what} is not running now.`;

/** A PATCH value: the stored one when the field was left out, else the new one (null clears). */
export const patched = <T>(value: T | undefined, stored: T): T => (value === undefined ? stored : value);

/**
 * A PATCH's start and end as they will be stored, refused when the start is not before the end
 * (the create request's rule, checked against the stored value of the field left out).
 */
export function patchedSchedule(
  input: { startsAt?: string | null; endsAt?: string | null },
  stored: { starts_at: Date | null; ends_at: Date | null },
): { startsAt: string | null; endsAt: string | null } {
  const startsAt = patched(input.startsAt, stored.starts_at?.toISOString() ?? null);
  const endsAt = patched(input.endsAt, stored.ends_at?.toISOString() ?? null);
  if (startsAt && endsAt && Date.parse(startsAt) >= Date.parse(endsAt)) {
    throw invalidField('endsAt', 'startsAt must be before endsAt.');
  }
  return { startsAt, endsAt };
}
