// What the group types show (issue 15), derived from the offer, the team and the draw: pure, so each
// state is easy to test. Only the group types' chunk (group-buy-types.ts) imports it.
import { tierIndexReached } from '@flock/protocol/ladder';
import type { GroupBuyOffer, Reservation, TeamDraw } from '@flock/sdk';

/** A ladder offer's tiers with the one `paid` members reach (-1: none yet), the next one and what a member gets back. */
export interface Ladder {
  tiers: { members: number; price: number }[];
  reached: number;
  /** The next tier and how many more paid members unlock it. */
  next?: { price: number; more: number };
  /** Paid up front (the first tier's price). */
  upFront: number;
}

export function ladderOf(offer: GroupBuyOffer, paid = 0): Ladder | undefined {
  const tiers = offer.tiers;
  if (!tiers?.length) return undefined;
  const reached = tierIndexReached(tiers, paid);
  const next = tiers[reached + 1];
  return { tiers, reached, next: next && { price: next.price, more: next.members - paid }, upFront: tiers[0]!.price };
}

/** What a lottery team's draw means for the shopper's seat; undefined until it is drawn. */
export type LotteryOutcome = { won: true } | { won: false; voucher: boolean; refund: number };

export function lotteryOutcome(
  offer: GroupBuyOffer,
  reservation: Reservation,
  draw: TeamDraw | undefined,
): LotteryOutcome | undefined {
  if (!offer.lottery || !draw?.seed) return undefined;
  if (draw.winners.includes(reservation.id)) return { won: true };
  const voucher = offer.lottery.consolationVoucherProductId !== null;
  return { won: false, voucher, refund: voucher ? 0 : reservation.price };
}

/** A cross-product offer's product of `productRef`. */
export const productOf = (offer: GroupBuyOffer, productRef: string | null | undefined) =>
  offer.products?.find((p) => p.productRef === productRef);
