import type {
  CreateMaterialRequest,
  Material,
  MaterialList,
  PromoterMaterial,
  PromoterMaterialList,
  PromoterSettings,
  RecordShareRequest,
  ShareHistoryPage,
  ShareRecord,
  SuggestionList,
  UpdateMaterialRequest,
} from '@flock/protocol';
import type { Clock } from '../../clock.js';
import { newId } from '../../crypto.js';
import { ApiError, notFound } from '../../errors.js';
import type { Db, Sql } from '../../infra/db.js';
import { keysetPage, type PageRequest } from '../keyset-page.js';
import { publishLiveEvent } from '../live-events.js';
import { type BigIntish, moneyOrNull } from '../money.js';
import type { Shopper } from '../shoppers.js';
import { iso, loadProgram, type PromoterRow, promoterOfShopper, REF_PARAM } from './rows.js';

// The share kit: material (素材) the merchant writes per program, the shares promoters make of it, how
// each share did, and which material to share next. Every figure is counted from the click, order and
// commission rows when asked for; a share only records who shared what, when and where.

interface MaterialRow {
  id: string;
  program_id: string;
  title: string;
  body: string;
  image_urls: string[] | string;
  url: string;
  price: BigIntish | null;
  archived: boolean;
  created_at: Date;
}

/** text[] comes back as an array from both drivers; the literal form is handled in case it does not. */
const arrayOf = (value: string[] | string): string[] =>
  Array.isArray(value)
    ? value
    : value
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean)
        .map((item) => item.replace(/^"|"$/g, ''));

const materialView = (m: MaterialRow): Material => ({
  id: m.id,
  programId: m.program_id,
  title: m.title,
  text: m.body,
  imageUrls: arrayOf(m.image_urls),
  url: m.url,
  price: moneyOrNull(m.price),
  archived: m.archived,
  createdAt: iso(m.created_at),
});

/** The material's page carrying the promoter's code, as shareUrlFor builds the program's link. */
function promoterMaterialView(m: MaterialRow, promoter: PromoterRow): PromoterMaterial {
  const link = new URL(m.url);
  link.searchParams.set(REF_PARAM, promoter.code);
  return { ...materialView(m), link: link.toString() };
}

/** The calling shopper's promoter in the program; 404 (naming `program`) when they are not one. */
async function ownPromoter(sql: Sql, merchantId: string, programId: string, shopper: Shopper): Promise<PromoterRow> {
  const promoter = await promoterOfShopper(sql, merchantId, programId, shopper.id);
  if (!promoter) throw new ApiError('not_found', 'You are not a promoter of that program.', { field: 'program' });
  return promoter;
}

// ---------------------------------------------------------------------------------------------
// Leaderboard opt-out

export async function updatePromoterSettings(
  db: Db,
  clock: Clock,
  merchantId: string,
  shopper: Shopper,
  input: { program: string; showOnLeaderboard: boolean },
): Promise<PromoterSettings> {
  return db.transaction(async (tx) => {
    const [promoter] = await tx.query<PromoterRow>(
      `update promoters set show_on_leaderboard = $4 where merchant_id = $1 and program_id = $2 and shopper_id = $3 returning *`,
      [merchantId, input.program, shopper.id, input.showOnLeaderboard],
    );
    if (!promoter) throw new ApiError('not_found', 'You are not a promoter of that program.', { field: 'program' });
    // The leaderboard and the ticker change with it: their followers fetch them again.
    await publishLiveEvent(tx, clock, merchantId, `program:${promoter.program_id}`, 'program.ledger', {
      programId: promoter.program_id,
    });
    return { promoterId: promoter.id, showOnLeaderboard: promoter.show_on_leaderboard };
  });
}

// ---------------------------------------------------------------------------------------------
// Material

export async function createMaterial(
  db: Db,
  clock: Clock,
  merchantId: string,
  programId: string,
  input: CreateMaterialRequest,
): Promise<Material> {
  const program = await loadProgram(db, merchantId, programId);
  const [row] = await db.query<MaterialRow>(
    `insert into referral_materials (merchant_id, id, program_id, title, body, image_urls, url, price, created_at)
     values ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9::timestamptz) returning *`,
    [
      merchantId,
      newId('mat'),
      program.id,
      input.title,
      input.text,
      input.imageUrls ?? [],
      input.url ?? program.product_url,
      input.price ?? null,
      iso(clock.now()),
    ],
  );
  if (!row) throw new Error('insert returned no material');
  return materialView(row);
}

/** Every material of the program, archived ones included, newest first (for the console). */
export async function listMaterials(sql: Sql, merchantId: string, programId: string): Promise<MaterialList> {
  await loadProgram(sql, merchantId, programId);
  const rows = await sql.query<MaterialRow>(
    `select * from referral_materials where merchant_id = $1 and program_id = $2 order by created_at desc, id collate "C" desc`,
    [merchantId, programId],
  );
  return { data: rows.map(materialView) };
}

export async function updateMaterial(
  sql: Sql,
  merchantId: string,
  materialId: string,
  input: UpdateMaterialRequest,
): Promise<Material> {
  const [row] = await sql.query<MaterialRow>(
    `update referral_materials set
       title = coalesce($3, title),
       body = coalesce($4, body),
       image_urls = coalesce($5::text[], image_urls),
       url = coalesce($6, url),
       price = coalesce($7, price),
       archived = coalesce($8, archived)
     where merchant_id = $1 and id = $2 returning *`,
    [
      merchantId,
      materialId,
      input.title ?? null,
      input.text ?? null,
      input.imageUrls ?? null,
      input.url ?? null,
      input.price ?? null,
      input.archived ?? null,
    ],
  );
  if (!row) throw notFound('material');
  return materialView(row);
}

/** The program's active material as the calling promoter shares it (their code in each link). */
export async function listPromoterMaterials(
  sql: Sql,
  merchantId: string,
  programId: string,
  shopper: Shopper,
): Promise<PromoterMaterialList> {
  await loadProgram(sql, merchantId, programId);
  const promoter = await ownPromoter(sql, merchantId, programId, shopper);
  const rows = await sql.query<MaterialRow>(
    `select * from referral_materials where merchant_id = $1 and program_id = $2 and not archived
     order by created_at desc, id collate "C" desc`,
    [merchantId, programId],
  );
  return { data: rows.map((m) => promoterMaterialView(m, promoter)) };
}

// ---------------------------------------------------------------------------------------------
// Shares and their history

interface ShareRow {
  id: string;
  program_id: string;
  promoter_id: string;
  material_id: string | null;
  channel: string;
  created_at: Date;
}

interface ShareFigures {
  id: string;
  title: string;
  clicks: BigIntish;
  orders: BigIntish;
  commission: BigIntish;
}

/**
 * A share's clicks are the clicks whose link carried its id, through its promoter's code; its orders
 * are the orders those clicks attributed; its commission is the promoter's level-1 commission on those
 * orders, net of reversals (rejected ones aside).
 */
async function shareFigures(sql: Sql, merchantId: string, shareIds: readonly string[]): Promise<Map<string, ShareFigures>> {
  if (shareIds.length === 0) return new Map();
  const rows = await sql.query<ShareFigures>(
    `select s.id, coalesce(m.title, g.product_title) as title,
       (select count(*) from referral_clicks k
        where k.merchant_id = s.merchant_id and k.share_id = s.id and k.promoter_id = s.promoter_id) as clicks,
       (select count(*) from referral_clicks k
        join orders o on o.merchant_id = k.merchant_id and o.attribution_id = k.id and o.promoter_id = k.promoter_id
        where k.merchant_id = s.merchant_id and k.share_id = s.id and k.promoter_id = s.promoter_id) as orders,
       (select coalesce(sum(c.amount - c.reversed_amount), 0) from referral_clicks k
        join orders o on o.merchant_id = k.merchant_id and o.attribution_id = k.id and o.promoter_id = k.promoter_id
        join commissions c on c.merchant_id = o.merchant_id and c.order_id = o.id and c.promoter_id = k.promoter_id
          and c.level = 1 and c.kind = 'commission' and c.status <> 'rejected'
        where k.merchant_id = s.merchant_id and k.share_id = s.id and k.promoter_id = s.promoter_id) as commission
     from promoter_shares s
     join referral_programs g on g.merchant_id = s.merchant_id and g.id = s.program_id
     left join referral_materials m on m.merchant_id = s.merchant_id and m.id = s.material_id
     where s.merchant_id = $1 and s.id = any($2::text[])`,
    [merchantId, shareIds],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

function shareView(share: ShareRow, figures: ShareFigures | undefined): ShareRecord {
  return {
    id: share.id,
    materialId: share.material_id,
    title: figures?.title ?? '',
    channel: share.channel,
    createdAt: iso(share.created_at),
    clicks: Number(figures?.clicks ?? 0),
    orders: Number(figures?.orders ?? 0),
    commission: Number(figures?.commission ?? 0),
  };
}

/**
 * Records a share the promoter's browser made (its id already in the link). Idempotent by share id
 * per merchant: the same promoter gets the record back (created false); another promoter, a 409.
 */
export async function recordShare(
  db: Db,
  clock: Clock,
  merchantId: string,
  shopper: Shopper,
  input: RecordShareRequest,
): Promise<{ share: ShareRecord; created: boolean }> {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, merchantId, input.program);
    const promoter = await ownPromoter(tx, merchantId, program.id, shopper);
    if (input.materialId !== undefined) {
      const [material] = await tx.query<{ id: string }>(
        `select id from referral_materials where merchant_id = $1 and id = $2 and program_id = $3`,
        [merchantId, input.materialId, program.id],
      );
      if (!material) throw new ApiError('not_found', 'No material of this program with that id.', { field: 'materialId' });
    }
    const inserted = await tx.query<ShareRow>(
      `insert into promoter_shares (merchant_id, id, program_id, promoter_id, material_id, channel, created_at)
       values ($1, $2, $3, $4, $5, $6, $7::timestamptz) on conflict do nothing returning *`,
      [merchantId, input.shareId, program.id, promoter.id, input.materialId ?? null, input.channel, iso(clock.now())],
    );
    const share =
      inserted[0] ??
      (
        await tx.query<ShareRow>(`select * from promoter_shares where merchant_id = $1 and id = $2`, [merchantId, input.shareId])
      )[0];
    if (!share) throw new Error('a share that clashed is gone');
    if (share.promoter_id !== promoter.id) {
      throw new ApiError('idempotency_conflict', 'That share id was already recorded by someone else: make a new one.', {
        field: 'shareId',
      });
    }
    const figures = await shareFigures(tx, merchantId, [share.id]);
    return { share: shareView(share, figures.get(share.id)), created: inserted.length > 0 };
  });
}

/** The promoter's shares in the program, newest first, each with how it did. */
export async function listShares(
  sql: Sql,
  merchantId: string,
  shopper: Shopper,
  query: PageRequest & { program: string },
): Promise<ShareHistoryPage> {
  await loadProgram(sql, merchantId, query.program);
  const promoter = await ownPromoter(sql, merchantId, query.program, shopper);
  const { rows, nextCursor } = await keysetPage<ShareRow>(
    sql,
    { table: 'promoter_shares', where: 'merchant_id = $1 and promoter_id = $2', params: [merchantId, promoter.id] },
    query,
  );
  const figures = await shareFigures(
    sql,
    merchantId,
    rows.map((row) => row.id),
  );
  return { data: rows.map((row) => shareView(row, figures.get(row.id))), nextCursor };
}

// ---------------------------------------------------------------------------------------------
// Suggestions

const MAX_SUGGESTIONS = 3;

interface SuggestionRow extends MaterialRow {
  clicks: BigIntish;
  orders: BigIntish;
  buyers: BigIntish;
}

/**
 * Per active material, orders per click over the clicks whose share names it: among this promoter's
 * own clicks (`audience`) once at least one of them brought an order, else over every promoter of the
 * program (`program`). At most 3, best conversion first, ties by buyers (distinct shoppers, or orders
 * without one).
 */
export async function listSuggestions(
  sql: Sql,
  merchantId: string,
  programId: string,
  shopper: Shopper,
): Promise<SuggestionList> {
  await loadProgram(sql, merchantId, programId);
  const promoter = await ownPromoter(sql, merchantId, programId, shopper);
  const ranked = (onlyPromoter: string | null) =>
    sql.query<SuggestionRow>(
      `with material_clicks as (
         select m.id as material_id, k.id as click_id
         from referral_materials m
         join promoter_shares s on s.merchant_id = m.merchant_id and s.material_id = m.id
         join referral_clicks k on k.merchant_id = s.merchant_id and k.share_id = s.id and k.promoter_id = s.promoter_id
         where m.merchant_id = $1 and m.program_id = $2 and not m.archived and ($3::text is null or s.promoter_id = $3)
       ),
       figures as (
         select mc.material_id, count(distinct mc.click_id) as clicks, count(distinct o.id) as orders,
           count(distinct coalesce(o.shopper_id, o.id)) filter (where o.id is not null) as buyers
         from material_clicks mc
         left join orders o on o.merchant_id = $1 and o.attribution_id = mc.click_id
         group by mc.material_id
       )
       select m.*, f.clicks, f.orders, f.buyers from figures f
       join referral_materials m on m.merchant_id = $1 and m.id = f.material_id
       order by f.orders::numeric / f.clicks desc, f.buyers desc, m.created_at desc, m.id collate "C"
       limit $4`,
      [merchantId, programId, onlyPromoter, MAX_SUGGESTIONS],
    );
  const own = await ranked(promoter.id);
  const audience = own.some((row) => Number(row.orders) > 0);
  const rows = audience ? own : await ranked(null);
  return {
    data: rows.map((row) => ({
      material: promoterMaterialView(row, promoter),
      reason: audience ? 'audience' : 'program',
      buyers: Number(row.buyers),
      clicks: Number(row.clicks),
      conversionBps: Math.floor((Number(row.orders) * 10000) / Number(row.clicks)),
    })),
  };
}
