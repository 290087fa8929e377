import type { PromoterStats, ReferralProgram } from '@flock/sdk';

/** The promoter's poster, drawn on this page on demand. */
export type PosterState = { status: 'drawing' } | { status: 'ready'; blob: Blob; url: string } | { status: 'failed' };

/** Everything the referral card can show; one render branch per kind. */
export type ReferralCardView =
  | { kind: 'loading' }
  | { kind: 'load-error'; code: string }
  /** Not a promoter yet: the pitch and the commission rule; `signedIn` false shows a sign-in message instead of the button. */
  | { kind: 'join'; program: ReferralProgram; signedIn: boolean }
  /** A promoter: the link (copy, share), the poster button and the figures, live. */
  | { kind: 'promoter'; program: ReferralProgram; stats: PromoterStats & { promoter: object }; shareUrl: string }
  /** A promoter who asked for the poster: the promoter view plus the poster being drawn, shown or failed. */
  | {
      kind: 'poster';
      program: ReferralProgram;
      stats: PromoterStats & { promoter: object };
      shareUrl: string;
      poster: PosterState;
    };

interface Loaded<T> {
  data?: T;
  error?: { code: string };
  loading: boolean;
}

/** Errors that mean "this shopper is not (validly) signed in": the card then shows the program to a guest. */
const SIGNED_OUT = new Set(['shopper_token_required', 'shopper_token_expired', 'shopper_token_invalid']);

export interface ReferralViewInput {
  /** Whether the page gave a shopper token. */
  signedIn: boolean;
  /** The shopper's promoter figures (undefined when not signed in). */
  stats: Loaded<PromoterStats> | undefined;
  /** The program alone, loaded when there are no figures to carry it (a guest, an expired token). */
  program: Loaded<ReferralProgram> | undefined;
  /** The poster, once asked for; undefined while the poster panel is closed. */
  poster: PosterState | undefined;
}

/** Derives the view from what the stores hold: pure, so every state is easy to test. */
export function referralCardView({ signedIn, stats, program, poster }: ReferralViewInput): ReferralCardView {
  const figures = signedIn ? stats?.data : undefined;
  if (figures) {
    if (!figures.promoter) return { kind: 'join', program: figures.program, signedIn: true };
    const promoterStats = figures as PromoterStats & { promoter: object };
    // The server builds the link (the product page plus `flock_ref`); the program's page is the fallback.
    const shareUrl = figures.shareUrl ?? figures.program.product.url;
    if (poster) return { kind: 'poster', program: figures.program, stats: promoterStats, shareUrl, poster };
    return { kind: 'promoter', program: figures.program, stats: promoterStats, shareUrl };
  }
  if (signedIn && stats?.error && !SIGNED_OUT.has(stats.error.code)) return { kind: 'load-error', code: stats.error.code };
  if (signedIn && !stats?.error) return { kind: 'loading' };
  if (program?.data) return { kind: 'join', program: program.data, signedIn: false };
  if (program?.error) return { kind: 'load-error', code: program.error.code };
  return { kind: 'loading' };
}

/** Whether the card needs the program on its own: for a guest, or when the shopper's token was refused. */
export function needsProgramAlone(signedIn: boolean, stats: Loaded<PromoterStats> | undefined): boolean {
  return !signedIn || (stats?.error !== undefined && SIGNED_OUT.has(stats.error.code) && !stats.data);
}

/** What a promoter earns per order, in the unit the program counts in. */
export type CommissionRule =
  | { type: 'percent'; percent: number; estimate: number | null; currency: string | null }
  | { type: 'fixed'; amount: number; currency: string };

/**
 * The program's rule, ready to word: a percentage (with what it comes to on the product's price,
 * rounded down as commission never exceeds the rate), or a fixed amount.
 */
export function commissionRule(program: ReferralProgram): CommissionRule | undefined {
  const { commission, product } = program;
  if (commission.type === 'percent' && commission.bps !== undefined) {
    const estimate = product.price !== null ? Math.floor((product.price * commission.bps) / 10_000) : null;
    return { type: 'percent', percent: commission.bps / 100, estimate, currency: product.currency };
  }
  if (commission.type === 'fixed' && commission.amount !== undefined) {
    return { type: 'fixed', amount: commission.amount, currency: commission.currency ?? product.currency ?? 'CNY' };
  }
  return undefined;
}

/** The money figures of the stats panel, in display order; under review only when something is held. */
export function statsFigures(stats: PromoterStats): { key: 'pending' | 'underReview' | 'paid'; amount: number }[] {
  const figures: { key: 'pending' | 'underReview' | 'paid'; amount: number }[] = [{ key: 'pending', amount: stats.pending }];
  if (stats.underReview > 0) figures.push({ key: 'underReview', amount: stats.underReview });
  figures.push({ key: 'paid', amount: stats.paid });
  return figures;
}
