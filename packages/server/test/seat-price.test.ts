import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPglite } from '../src/infra/db.js';
import { migrate } from '../src/infra/migrate.js';

/** The pricing rule on its own: the database function every seat is priced with (migration 0023). */
describe('seat price', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
  });

  const priceOf = async (groupPrice: number, leaderPrice: number | null, leader: boolean) => {
    const [row] = await db.query<{ price: string | number | bigint }>(
      `select seat_price(leader => $3::boolean, group_price => $1::bigint, leader_price => $2::bigint) as price`,
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
