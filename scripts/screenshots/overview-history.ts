/**
 * Four weeks of past activity for the overview's screenshot: teams, assists, orders with their
 * commissions, and redemptions at the shop's stores on each of the last 29 days, written straight
 * into the staged shop's database (its API only ever writes "now"). The charts then have a shape
 * to show; every other page is photographed without these rows, so `stage` hands back `unstage`.
 * For the screenshot shop only: real data is never written this way.
 */
import type { Db } from '../../packages/server/src/infra/db.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Every row written here has an id with this prefix, which is how unstage finds them. */
const PREFIX = 'hist_';

/** A busy shop's week: more on the weekend, a slow climb over the month, some noise that repeats. */
const volume = (daysAgo: number, base: number) => {
  const date = new Date(Date.now() - daysAgo * DAY_MS);
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 1.5 : 1;
  const trend = 1 + (29 - daysAgo) / 40;
  const wobble = 0.8 + ((daysAgo * 7919) % 11) / 25;
  return Math.round(base * weekend * trend * wobble);
};

/** Stages the history of the shop whose owner signs in with `ownerEmail`; resolves to the function removing it. */
export async function stageOverviewHistory(db: Db, ownerEmail: string): Promise<() => Promise<void>> {
  const [owner] = await db.query<{ merchant_id: string }>(`select merchant_id from console_users where email = lower($1)`, [
    ownerEmail,
  ]);
  const merchantId = owner?.merchant_id;
  if (!merchantId) throw new Error(`no console login ${ownerEmail}`);
  const one = async <Row>(text: string) => (await db.query<Row>(text, [merchantId]))[0];
  const offer = await one<{ id: string }>(`select id from group_buy_offers where merchant_id = $1 order by created_at limit 1`);
  const campaign = await one<{ id: string; goal: number }>(
    `select id, goal from assist_campaigns where merchant_id = $1 and mode = 'progress' order by created_at limit 1`,
  );
  const promoter = await one<{ id: string; program_id: string }>(
    `select id, program_id from promoters where merchant_id = $1 order by created_at limit 1`,
  );
  const voucher = await one<{ id: string }>(`select id from vouchers where merchant_id = $1 order by created_at limit 1`);
  const stores = (
    await db.query<{ store: string }>(
      `select distinct store from api_keys where merchant_id = $1 and kind = 'staff' and revoked_at is null order by store`,
      [merchantId],
    )
  ).map((row) => row.store);
  if (!offer || !campaign || !promoter || !voucher || stores.length === 0) {
    throw new Error('stageShop must stage an offer, a progress assist campaign, a promoter, a voucher and a staff key first');
  }

  const teams: unknown[][] = [];
  const assists: unknown[][] = [];
  const orders: unknown[][] = [];
  const redemptions: unknown[][] = [];
  const midnight = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  for (let daysAgo = 29; daysAgo >= 1; daysAgo--) {
    const day = midnight - daysAgo * DAY_MS;
    const at = (i: number) => new Date(day + 9 * HOUR_MS + ((i * 53) % 720) * 60_000);
    for (let i = 0; i < volume(daysAgo, 8); i++) {
      const opened = at(i);
      // Most teams fill within hours; one in four runs out of time a day later.
      const failed = i % 4 === 3;
      const closed = new Date(opened.getTime() + (failed ? 24 : 2 + (i % 5)) * HOUR_MS);
      const status = closed.getTime() > Date.now() ? 'open' : failed ? 'failed' : 'succeeded';
      teams.push([`${PREFIX}team_${daysAgo}_${i}`, status, failed ? 1 : 3, opened, status === 'open' ? null : closed]);
    }
    for (let i = 0; i < volume(daysAgo, 5); i++) {
      const started = at(i + 3);
      const goal = new Date(started.getTime() + (5 + (i % 7) * 3) * HOUR_MS);
      const completed = i % 3 === 0 || goal.getTime() > Date.now() ? null : goal;
      assists.push([`${PREFIX}assist_${daysAgo}_${i}`, `${PREFIX}owner_${daysAgo}_${i}`, started, completed]);
    }
    for (let i = 0; i < volume(daysAgo, 6); i++) {
      const amount = [9900, 5800, 32000, 6990][i % 4] as number;
      orders.push([`${PREFIX}order_${daysAgo}_${i}`, amount, i % 3 === 0, at(i + 5)]);
    }
    for (let i = 0; i < volume(daysAgo, 4); i++) {
      redemptions.push([`${PREFIX}redemption_${daysAgo}_${i}`, stores[i % stores.length], at(i + 7)]);
    }
  }
  const column = (rows: unknown[][], index: number) => rows.map((row) => row[index]);

  await db.transaction(async (tx) => {
    await tx.query(
      `insert into teams (merchant_id, id, offer_id, status, size, seats_taken, expires_at, opened_at, closed_at, created_at)
       select $1, id, $2, status, 3, seats, opened + interval '1 day', opened, closed, opened
       from unnest($3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[]) as t(id, status, seats, opened, closed)`,
      [merchantId, offer.id, ...[0, 1, 2, 3, 4].map((i) => column(teams, i))],
    );
    await tx.query(
      `insert into assists (merchant_id, id, campaign_id, owner_shopper_id, owner_display_name, mode, status, goal, helps,
         purchase_ttl_seconds, expires_at, completed_at, created_at)
       select $1, id, $2, owner, owner, 'progress', case when completed is null then 'expired' else 'completed' end, $3::int,
         case when completed is null then 0 else $3::int end, 86400, started + interval '1 day', completed, started
       from unnest($4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[]) as a(id, owner, started, completed)`,
      [merchantId, campaign.id, campaign.goal, ...[0, 1, 2, 3].map((i) => column(assists, i))],
    );
    await tx.query(
      `insert into orders (merchant_id, id, order_ref, program_id, promoter_id, amount, currency, created_at)
       select $1, id, id, case when referred then $2 end, case when referred then $3 end, amount, 'CNY', at
       from unnest($4::text[], $5::bigint[], $6::bool[], $7::timestamptz[]) as o(id, amount, referred, at)`,
      [merchantId, promoter.program_id, promoter.id, ...[0, 1, 2, 3].map((i) => column(orders, i))],
    );
    // A tenth of each referred order as commission, as the staged program pays.
    await tx.query(
      `insert into commissions (merchant_id, id, program_id, order_id, promoter_id, level, amount, currency, status,
         available_at, created_at)
       select merchant_id, 'hist_commission_' || id, program_id, id, promoter_id, 1, amount / 10, currency, 'pending',
         created_at + interval '7 days', created_at
       from orders where merchant_id = $1 and id like 'hist\\_%' and promoter_id is not null`,
      [merchantId],
    );
    await tx.query(
      `insert into voucher_redemptions (merchant_id, id, voucher_id, store, code_jti, redeemed_at)
       select $1, id, $2, store, id, at from unnest($3::text[], $4::text[], $5::timestamptz[]) as r(id, store, at)`,
      [merchantId, voucher.id, ...[0, 1, 2].map((i) => column(redemptions, i))],
    );
  });

  return () =>
    db.transaction(async (tx) => {
      for (const table of ['voucher_redemptions', 'commissions', 'orders', 'assists', 'teams']) {
        await tx.query(`delete from ${table} where merchant_id = $1 and id like 'hist\\_%'`, [merchantId]);
      }
    });
}
