/**
 * A ladder offer's rule (阶梯团), in one place for the server that settles by it and the widget that
 * shows it; a module of its own so the browser imports nothing else with it.
 *
 * The index of the last tier a team of `members` paid members has reached, or -1 below the first.
 */
export const tierIndexReached = (tiers: readonly { members: number }[], members: number): number =>
  tiers.reduce((found, tier, i) => (members >= tier.members ? i : found), -1);
