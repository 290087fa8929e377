import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextCut, simulateCuts } from '../src/domain/price-cut.js';

/** A random source that plays back fast-check's draws in a loop, so failures shrink to small cases. */
const replay = (draws: number[]) => {
  let i = 0;
  return () => draws[i++ % draws.length] as number;
};

/** A small seeded PRNG (mulberry32) for the statistical checks: reproducible, no flakes. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
/** Draws from [0, 1), with the ends and extreme values well represented. */
const draws = fc.array(fc.oneof(unit, fc.constantFrom(0, 1 - Number.EPSILON, 0.5)), { minLength: 1, maxLength: 120 });

describe('nextCut', () => {
  it('cuts positive integers that sum exactly to startPrice - floorPrice at the goal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        draws,
        (goal, floorPrice, extra, randoms) => {
          const startPrice = floorPrice + goal + extra; // start - floor ≥ goal
          const total = startPrice - floorPrice;
          const cuts = simulateCuts(total, goal, replay(randoms));
          expect(cuts).toHaveLength(goal);
          let price = startPrice;
          for (const [i, cut] of cuts.entries()) {
            expect(Number.isInteger(cut)).toBe(true);
            expect(cut).toBeGreaterThanOrEqual(1);
            price -= cut;
            // Never at or past the floor before the last help, never below it at all.
            if (i < goal - 1) expect(price).toBeGreaterThan(floorPrice);
          }
          expect(price).toBe(floorPrice);
          expect(cuts.reduce((a, b) => a + b, 0)).toBe(total);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('holds at the edges: the smallest totals and a stuck random source', () => {
    for (const goal of [1, 2, 3, 10, 100, 1000]) {
      for (const r of [0, 0.5, 1 - Number.EPSILON]) {
        const cuts = simulateCuts(goal, goal, () => r);
        expect(cuts).toEqual(Array(goal).fill(1)); // exactly one unit each
        const big = simulateCuts(100_000_000_00, goal, () => r);
        expect(big.reduce((a, b) => a + b, 0)).toBe(100_000_000_00);
        expect(Math.min(...big)).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('survives a broken random source (out of range, NaN) without breaking the sum', () => {
    for (const bad of [-1, 1, 7, Number.NaN, Number.POSITIVE_INFINITY]) {
      const cuts = simulateCuts(1000, 10, () => bad);
      expect(cuts.reduce((a, b) => a + b, 0)).toBe(1000);
      expect(Math.min(...cuts)).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives the last needed help exactly what remains', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), unit, (remaining, r) => {
        expect(nextCut({ remaining, helpsLeft: 1, random: () => r })).toBe(remaining);
      }),
    );
  });

  it('always leaves at least one unit for every help still to come', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1000 }), fc.integer({ min: 0, max: 10_000_000 }), unit, (helpsLeft, extra, r) => {
        const remaining = helpsLeft + extra;
        const cut = nextCut({ remaining, helpsLeft, random: () => r });
        expect(cut).toBeGreaterThanOrEqual(1);
        expect(remaining - cut).toBeGreaterThanOrEqual(helpsLeft - 1);
      }),
    );
  });

  it('rejects inputs that cannot be cut fairly', () => {
    expect(() => nextCut({ remaining: 2, helpsLeft: 3, random: Math.random })).toThrow(RangeError);
    expect(() => nextCut({ remaining: 5, helpsLeft: 0, random: Math.random })).toThrow(RangeError);
    expect(() => nextCut({ remaining: 5.5, helpsLeft: 2, random: Math.random })).toThrow(RangeError);
  });

  it('cuts larger early and smaller late, on average', () => {
    for (const [goal, total] of [
      [3, 1_000],
      [5, 10_000],
      [10, 9_900],
      [30, 100_000],
      [100, 1_000_000],
    ] as const) {
      const random = seeded(goal * 7919 + total);
      const sums = Array<number>(goal).fill(0);
      const runs = 2000;
      for (let run = 0; run < runs; run++) {
        for (const [i, cut] of simulateCuts(total, goal, random).entries()) sums[i] = (sums[i] as number) + cut;
      }
      const mean = sums.map((s) => s / runs);
      const third = Math.max(1, Math.floor(goal / 3));
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const early = avg(mean.slice(0, third));
      const late = avg(mean.slice(goal - third));
      expect(early, `goal ${goal}: early ${early} vs late ${late}`).toBeGreaterThan(late);
      // The first help is the biggest on average, about twice the even share.
      expect(mean[0]).toBe(Math.max(...mean));
      expect(mean[0] as number).toBeGreaterThan((1.5 * total) / goal);
    }
  });

  it('is random: the same situation gives different cuts', () => {
    const random = seeded(42);
    const firsts = new Set(Array.from({ length: 50 }, () => nextCut({ remaining: 10_000, helpsLeft: 10, random })));
    expect(firsts.size).toBeGreaterThan(20);
  });
});
