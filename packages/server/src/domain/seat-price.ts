/**
 * A seat's price, decided here and nowhere else: the team's leader pays the offer's leader price
 * when it has one; every other seat, and a leader's when the offer has none, pays the group price.
 *
 * Written as SQL because the common hold prices the seat in the same statement that takes it
 * (one round trip, see `holdSeatInOneStatement`); every path that writes a reservation's price
 * uses this expression. `offer` is the alias of a `group_buy_offers` row, `leader` a boolean
 * SQL expression.
 */
export const seatPriceSql = (offer: string, leader: string): string =>
  `case when ${leader} then coalesce(${offer}.leader_price, ${offer}.group_price) else ${offer}.group_price end`;
