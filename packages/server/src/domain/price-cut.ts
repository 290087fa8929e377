/**
 * How much one help takes off the price in a price-cut (砍价) assist.
 *
 * The promise to the shopper and the merchant:
 * - every cut is a whole number of minor units, at least 1;
 * - cuts are random, larger early and smaller late (the first friends cut a lot, the last ones
 *   a little: "still ¥0.03 to go");
 * - the price never goes below the floor, and at the goal it is exactly the floor: the cuts sum
 *   to exactly `startPrice - floorPrice` after `goal` helps, never earlier, never past it.
 *
 * How: with `helpsLeft` helps still needed (this one included) and `remaining` minor units between
 * the current price and the floor, a help takes `round(remaining × r)` where r is drawn uniformly
 * from [1/helpsLeft, 3/helpsLeft) — twice the even share on average. Each help taking twice its
 * even share of what is left makes the expected cuts fall off linearly from about 2/goal of the
 * whole amount at the first help towards a unit at the end. The cut is clamped to
 * [1, remaining - (helpsLeft - 1)], which keeps one unit for every help still to come; the last
 * help takes exactly what remains. Because `remaining ≥ helpsLeft` holds before every help
 * (the campaign requires `startPrice - floorPrice ≥ goal`) and the clamp keeps it true after,
 * every cut is ≥ 1 and the last one lands exactly on the floor.
 */
export interface CutInput {
  /** Minor units between the current price and the floor; at least helpsLeft. */
  remaining: number;
  /** Helps still needed to reach the goal, this one included; at least 1. */
  helpsLeft: number;
  /** A uniform random number in [0, 1); injectable so tests can drive it. */
  random: () => number;
}

export function nextCut({ remaining, helpsLeft, random }: CutInput): number {
  if (!Number.isSafeInteger(helpsLeft) || helpsLeft < 1)
    throw new RangeError(`helpsLeft must be an integer ≥ 1, got ${helpsLeft}`);
  if (!Number.isSafeInteger(remaining) || remaining < helpsLeft) {
    throw new RangeError(`remaining must be an integer ≥ helpsLeft (${helpsLeft}), got ${remaining}`);
  }
  if (helpsLeft === 1) return remaining;
  const draw = random();
  // A broken source must not break the sum; anything outside [0, 1) is pulled back in.
  const u = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1 - Number.EPSILON) : 0.5;
  const share = (1 + 2 * u) / helpsLeft;
  const max = remaining - (helpsLeft - 1);
  return Math.min(Math.max(Math.round(remaining * share), 1), max);
}

/** Every cut of a whole assist, in order: for tests and for the docs' examples. */
export function simulateCuts(total: number, goal: number, random: () => number): number[] {
  const cuts: number[] = [];
  let remaining = total;
  for (let helpsLeft = goal; helpsLeft >= 1; helpsLeft--) {
    const cut = nextCut({ remaining, helpsLeft, random });
    cuts.push(cut);
    remaining -= cut;
  }
  return cuts;
}
