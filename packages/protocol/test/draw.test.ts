import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawCommitment, drawWinners } from '../src/draw.js';

/** flock-draw-v1 as docs/group-buy.md words it, written again with node:crypto instead of Web Crypto. */
function referenceDraw(seedHex: string, teamId: string, members: string[], winners: number): string[] {
  const remaining = [...members];
  const drawn: string[] = [];
  for (let k = 0; k < winners; k++) {
    const mac = createHmac('sha256', Buffer.from(seedHex, 'hex')).update(`${teamId}:${k}`, 'utf8').digest();
    drawn.push(...remaining.splice(Number(mac.readBigUInt64BE(0) % BigInt(remaining.length)), 1));
  }
  return drawn;
}

describe('flock-draw-v1', () => {
  it('commits to sha256 of the seed bytes, in lowercase hex', async () => {
    const seed = 'ab'.repeat(32);
    expect(await drawCommitment(seed)).toBe(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex'));
  });

  it('draws what the documented steps draw, for many seeds, team sizes and winner counts', async () => {
    for (let i = 0; i < 200; i++) {
      const seed = randomBytes(32).toString('hex');
      const members = Array.from({ length: 2 + (i % 20) }, (_, m) => `res_${i}_${m}`);
      const winners = 1 + (i % (members.length - 1));
      const drawn = await drawWinners(seed, `team_${i}`, members, winners);
      expect(drawn).toEqual(referenceDraw(seed, `team_${i}`, members, winners));
      expect(new Set(drawn).size).toBe(winners);
    }
  });

  it('refuses a seed that is not lowercase hex', async () => {
    await expect(drawCommitment('AB'.repeat(32))).rejects.toThrow();
  });
});
