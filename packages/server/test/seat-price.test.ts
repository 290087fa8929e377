import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seatPriceSql } from '../src/domain/seat-price.js';
import { type Db, openPglite } from '../src/infra/db.js';

/** The pricing rule on its own, evaluated by the database over offer rows written as a values list. */
describe('seat price', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(async () => {
    await db.close();
  });

  const priceOf = async (groupPrice: number, leaderPrice: number | null, leader: boolean) => {
    const [row] = await db.query<{ price: string | number | bigint }>(
      `select ${seatPriceSql('o', 'o.leader')} as price
       from (values ($1::bigint, $2::bigint, $3::boolean)) as o(group_price, leader_price, leader)`,
      [groupPrice, leaderPrice, leader],
    );
    return Number(row?.price);
  };

  it("charges the leader the offer's leader price", async () => {
    expect(await priceOf(1990, 990, true)).toBe(990);
  });

  it('charges the leader the group price when the offer has no leader price', async () => {
    expect(await priceOf(1990, null, true)).toBe(1990);
  });

  it('charges every other seat the group price, leader price or not', async () => {
    expect(await priceOf(1990, 990, false)).toBe(1990);
    expect(await priceOf(1990, null, false)).toBe(1990);
  });

  it('keeps the largest prices exact', async () => {
    expect(await priceOf(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, true)).toBe(Number.MAX_SAFE_INTEGER - 1);
  });
});
