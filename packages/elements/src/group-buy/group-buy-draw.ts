// Loaded only when a shopper opens "check the draw": the verification of a lottery team's draw
// (flock-draw-v1), with the same code the server draws with.
import { drawCommitment, drawWinners } from '@flock/protocol/draw';
import type { TeamDraw } from '@flock/sdk';
import type { DrawCheck } from './group-buy-state.js';

/**
 * Recomputes the commitment from the revealed seed and the winners from the seed, the team and the
 * members in paid order. Web Crypto (`crypto.subtle`) exists only on secure pages (https, localhost).
 */
export async function checkDraw(draw: TeamDraw): Promise<DrawCheck> {
  if (!globalThis.crypto?.subtle) return { kind: 'no-crypto' };
  if (!draw.seed) return { kind: 'not-drawn' };
  try {
    const commitment = await drawCommitment(draw.seed);
    const winners = (await drawWinners(draw.seed, draw.teamId, draw.members, draw.winnersWanted)).map((m) => m.reservationId);
    return {
      kind: 'checked',
      commitmentOk: commitment === draw.commitment,
      winnersOk: winners.length === draw.winners.length && winners.every((id, i) => id === draw.winners[i]),
      winners,
    };
  } catch {
    // A seed that is not lowercase hex cannot match anything.
    return { kind: 'checked', commitmentOk: false, winnersOk: false, winners: [] };
  }
}
