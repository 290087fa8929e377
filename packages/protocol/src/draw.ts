/**
 * flock-draw-v1, the lottery team's draw (docs/group-buy.md), in one place for the server that
 * draws and the browser that checks: Web Crypto only, so both run the same code.
 *
 * Members are listed in the order they paid. For k = 0 … winners − 1: take the first 8 bytes of
 * HMAC-SHA256(key = the 32 seed bytes, message = UTF-8 of `${teamId}:${k}`) as a big-endian
 * unsigned integer, modulo the number of members not yet drawn, and draw that member from the
 * remaining list (which keeps its order). The commitment is sha256 of the seed bytes; both are
 * written as lowercase hex.
 */
export const DRAW_ALGORITHM = 'flock-draw-v1';

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

function bytesOfHex(text: string): BufferSource {
  if (!/^(?:[0-9a-f]{2})+$/.test(text)) throw new Error('not lowercase hex');
  return new Uint8Array(text.match(/../g)?.map((pair) => Number.parseInt(pair, 16)) ?? []);
}

/** sha256 of the seed's bytes, as lowercase hex: what a lottery team publishes when it opens. */
export async function drawCommitment(seedHex: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytesOfHex(seedHex)));
}

/** The winners (of `members`, in paid order) that flock-draw-v1 draws from the seed, in draw order. */
export async function drawWinners<T>(seedHex: string, teamId: string, members: readonly T[], winners: number): Promise<T[]> {
  const key = await crypto.subtle.importKey('raw', bytesOfHex(seedHex), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const remaining = [...members];
  const drawn: T[] = [];
  for (let k = 0; k < winners && remaining.length > 0; k++) {
    const mac = new DataView(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${teamId}:${k}`)));
    const index = Number(mac.getBigUint64(0, false) % BigInt(remaining.length));
    drawn.push(...remaining.splice(index, 1));
  }
  return drawn;
}
