import type { FriendReward, MyFriendReward, ReferralProgram } from '@flock/sdk';

/** The program's friend reward as the program describes it (before a claim). */
export type FriendRewardRule = NonNullable<ReferralProgram['friendReward']>;

/** Everything the friend offer can show; one render branch per kind. */
export type FriendOfferView =
  /** Not reached through a link of this program, or the program gives the friend nothing: no box at all. */
  | { kind: 'hidden' }
  | { kind: 'loading' }
  | { kind: 'load-error'; code: string }
  /** The gift, with Claim (or, for a visitor not signed in, a sign-in note). */
  | { kind: 'offer'; rule: FriendRewardRule; currency: string; signedIn: boolean }
  /** The promoter opened their own link: the gift is for their friends. */
  | { kind: 'own-link'; rule: FriendRewardRule; currency: string }
  | { kind: 'claimed'; reward: FriendReward; status: 'usable' | 'used' | 'expired' };

interface Loaded<T> {
  data?: T;
  error?: { code: string };
}

/** Errors that mean "this shopper is not (validly) signed in": the offer then asks them to sign in. */
const SIGNED_OUT = new Set(['shopper_token_required', 'shopper_token_expired', 'shopper_token_invalid']);

export interface FriendOfferInput {
  /**
   * The attribution of this program's link the browser came through: undefined while it is being
   * looked up, null when there is none.
   */
  attribution: { attributionId: string } | null | undefined;
  /** Whether the page's URL or attribute names a link, so a lookup under way shows the skeleton rather than nothing. */
  referred: boolean;
  signedIn: boolean;
  program: Loaded<ReferralProgram> | undefined;
  /** The shopper's reward (undefined when not signed in). */
  reward: Loaded<MyFriendReward> | undefined;
  /** The last claim's error code. */
  claimError: string | undefined;
  /** The server's time now (epoch ms), for expiry. */
  now: (serverNow: string) => number;
}

/** Programs without a currency of their own count in yuan. */
const DEFAULT_CURRENCY = 'CNY';

/** Derives the view from what the stores hold: pure, so every state is easy to test. */
export function friendOfferView(input: FriendOfferInput): FriendOfferView {
  const { attribution, signedIn, program, reward, claimError } = input;
  if (attribution === undefined) return input.referred ? { kind: 'loading' } : { kind: 'hidden' };
  if (attribution === null) return { kind: 'hidden' };
  const claimed = signedIn ? reward?.data?.reward : undefined;
  if (claimed) {
    // No expiry (a voucher whose product has no end date) never expires.
    const expired = claimed.expiresAt ? Date.parse(claimed.expiresAt) <= input.now(claimed.serverNow) : false;
    const status = claimed.usedAt ? 'used' : expired ? 'expired' : 'usable';
    return { kind: 'claimed', reward: claimed, status };
  }
  const rewardError = signedIn ? reward?.error?.code : undefined;
  const guest = !signedIn || (rewardError !== undefined && SIGNED_OUT.has(rewardError));
  if (rewardError && !guest) return { kind: 'load-error', code: rewardError };
  if (program?.error && !program.data) return { kind: 'load-error', code: program.error.code };
  if (!program?.data || (!guest && !reward?.data)) return { kind: 'loading' };
  const rule = program.data.friendReward;
  if (!rule) return { kind: 'hidden' };
  const currency = program.data.product.currency ?? DEFAULT_CURRENCY;
  if (claimError === 'own_referral_link') return { kind: 'own-link', rule, currency };
  return { kind: 'offer', rule, currency, signedIn: !guest };
}
