import { randomBytes } from 'node:crypto';
import type {
  Assist,
  AssistCampaign,
  AssistCampaignPage,
  AssistCampaignSummary,
  AssistHelper,
  AssistMode,
  AssistPage,
  AssistStatus,
  AssistSummary,
  AssistWebhookData,
  CampaignStatus,
  CreateAssistCampaignRequest,
  HelpResponse,
  StartAssistRequest,
  StartAssistResponse,
  UpdateAssistCampaignRequest,
} from '@flock/protocol';
import { addSeconds, type Clock } from '../clock.js';
import { newId } from '../crypto.js';
import { ApiError, invalidField, notFound } from '../errors.js';
import type { Db, Sql } from '../infra/db.js';
import { nextStatus, notRunningMessage, patched, patchedSchedule } from './campaign-status.js';
import { type CampaignPageRequest, campaignsOf, keysetPage, type PageRequest } from './keyset-page.js';
import { publishLiveEvent } from './live-events.js';
import { moneyOrNull as money } from './money.js';
import { enqueueWebhook } from './outbox.js';
import { nextCut } from './price-cut.js';
import type { Shopper } from './shoppers.js';

/** Once the goal is reached, the shopper has this long to claim the reward unless the campaign says otherwise. */
const DEFAULT_PURCHASE_TTL_SECONDS = 24 * 3600;
/** The public view lists this many helpers, newest first. */
const HELPERS_SHOWN = 50;

interface CampaignRow {
  merchant_id: string;
  id: string;
  product_ref: string;
  title: string;
  image_url: string | null;
  mode: AssistMode;
  goal: number;
  start_price: number | string | null;
  floor_price: number | string | null;
  currency: string | null;
  ttl_seconds: number;
  purchase_ttl_seconds: number;
  helps_per_helper_per_day: number | null;
  reward_description: string;
  reward_voucher_product_id: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  status: CampaignStatus;
}

interface AssistRow {
  merchant_id: string;
  id: string;
  campaign_id: string;
  owner_shopper_id: string;
  owner_display_name: string;
  owner_avatar_url: string | null;
  mode: AssistMode;
  status: AssistStatus;
  goal: number;
  helps: number;
  start_price: number | string | null;
  floor_price: number | string | null;
  current_price: number | string | null;
  currency: string | null;
  purchase_ttl_seconds: number;
  expires_at: Date;
  completed_at: Date | null;
  created_at: Date;
  /** Joined from the campaign. */
  title: string;
  image_url: string | null;
  reward_description: string;
  helps_per_helper_per_day: number | null;
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** A uniform number in [0, 1) from the operating system's CSPRNG: nobody can predict or steer a cut. */
const cryptoRandom = () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48;

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && String((error as { code?: unknown }).code) === '23505';

// ---------------------------------------------------------------------------------------------
// Campaigns

export async function createCampaign(
  db: Db,
  clock: Clock,
  merchantId: string,
  input: CreateAssistCampaignRequest,
): Promise<AssistCampaign> {
  const id = newId('asc');
  await db.query(
    `insert into assist_campaigns (merchant_id, id, product_ref, title, image_url, mode, goal, start_price, floor_price,
       currency, ttl_seconds, purchase_ttl_seconds, helps_per_helper_per_day, reward_description, reward_voucher_product_id,
       starts_at, ends_at, created_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16::timestamptz,$17::timestamptz,$18::timestamptz)`,
    [
      merchantId,
      id,
      input.productRef,
      input.title,
      input.imageUrl ?? null,
      input.mode,
      input.goal,
      input.startPrice ?? null,
      input.floorPrice ?? null,
      input.currency ?? null,
      input.ttlSeconds,
      input.purchaseTtlSeconds ?? DEFAULT_PURCHASE_TTL_SECONDS,
      input.helpsPerHelperPerDay ?? null,
      input.reward.description,
      input.reward.voucherProductId ?? null,
      input.startsAt ?? null,
      input.endsAt ?? null,
      iso(clock.now()),
    ],
  );
  return getCampaign(db, clock, merchantId, id);
}

async function loadCampaign(sql: Sql, merchantId: string, campaignId: string, lock = false): Promise<CampaignRow> {
  const rows = await sql.query<CampaignRow>(
    `select * from assist_campaigns where merchant_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [merchantId, campaignId],
  );
  if (!rows[0]) throw notFound('assist campaign');
  return rows[0];
}

const campaignIsActive = (campaign: CampaignRow, now: Date) =>
  campaign.status === 'active' &&
  (!campaign.starts_at || campaign.starts_at <= now) &&
  (!campaign.ends_at || campaign.ends_at > now);

/**
 * PATCH: changes a campaign's editable fields and status with its row locked, so it takes effect
 * between two starts (startAssist locks the same row). Running assists keep the goal, prices and
 * deadline they copied when they started; title, image, reward and the daily help cap are read
 * from the campaign, so they apply to them too.
 */
export async function updateCampaign(
  db: Db,
  clock: Clock,
  merchantId: string,
  campaignId: string,
  input: UpdateAssistCampaignRequest,
): Promise<AssistCampaign> {
  return db.transaction(async (tx) => {
    const c = await loadCampaign(tx, merchantId, campaignId, true);
    const status = nextStatus(c.status, input.status, 'assist campaign');
    const goal = input.goal ?? c.goal;
    const startPrice = input.startPrice ?? money(c.start_price);
    const floorPrice = input.floorPrice ?? money(c.floor_price);
    const { startsAt, endsAt } = patchedSchedule(input, c);
    // The create request's rules, against the values as they will be stored (mode and currency are fixed).
    if ((input.startPrice !== undefined || input.floorPrice !== undefined) && c.currency === null) {
      throw invalidField('startPrice', 'This campaign has no currency, so it takes no prices.');
    }
    if (startPrice !== null && floorPrice !== null && floorPrice > startPrice) {
      throw invalidField('floorPrice', 'floorPrice must not exceed startPrice.');
    }
    if (c.mode === 'price_cut' && (startPrice ?? 0) - (floorPrice ?? 0) < goal) {
      throw invalidField(
        'floorPrice',
        'startPrice - floorPrice must be at least goal minor units, so every help cuts at least one.',
      );
    }
    await tx.query(
      `update assist_campaigns set title = $3, image_url = $4, goal = $5, start_price = $6, floor_price = $7,
         ttl_seconds = $8, purchase_ttl_seconds = $9, helps_per_helper_per_day = $10, reward_description = $11,
         reward_voucher_product_id = $12, starts_at = $13::timestamptz, ends_at = $14::timestamptz, status = $15
       where merchant_id = $1 and id = $2`,
      [
        merchantId,
        campaignId,
        input.title ?? c.title,
        patched(input.imageUrl, c.image_url),
        goal,
        startPrice,
        floorPrice,
        input.ttlSeconds ?? c.ttl_seconds,
        input.purchaseTtlSeconds ?? c.purchase_ttl_seconds,
        patched(input.helpsPerHelperPerDay, c.helps_per_helper_per_day),
        input.reward ? input.reward.description : c.reward_description,
        input.reward ? (input.reward.voucherProductId ?? null) : c.reward_voucher_product_id,
        startsAt,
        endsAt,
        status,
      ],
    );
    return getCampaign(tx, clock, merchantId, campaignId);
  });
}

/** What a status really is now: an active assist past its deadline has expired, written or not. */
const settledStatus = (status: AssistStatus, expiresAt: Date, now: Date): AssistStatus =>
  status === 'active' && expiresAt <= now ? 'expired' : status;

export async function getCampaign(
  db: Sql,
  clock: Clock,
  merchantId: string,
  campaignId: string,
  shopper?: Shopper,
): Promise<AssistCampaign> {
  const now = clock.now();
  const c = await loadCampaign(db, merchantId, campaignId);
  const view: AssistCampaign = { ...campaignTerms(c, now), serverNow: iso(now) };
  if (shopper) {
    const [mine] = await db.query<{ id: string; status: AssistStatus; expires_at: Date }>(
      `select id, status, expires_at from assists where merchant_id = $1 and campaign_id = $2 and owner_shopper_id = $3
       order by created_at desc, id desc limit 1`,
      [merchantId, campaignId, shopper.id],
    );
    view.myAssist = mine ? { id: mine.id, status: settledStatus(mine.status, mine.expires_at, now) } : null;
  }
  return view;
}

/** A campaign's terms, as its view and the merchant's list show them. */
const campaignTerms = (c: CampaignRow, now: Date): Omit<AssistCampaign, 'myAssist' | 'serverNow'> => ({
  id: c.id,
  productRef: c.product_ref,
  title: c.title,
  imageUrl: c.image_url,
  mode: c.mode,
  goal: c.goal,
  startPrice: money(c.start_price),
  floorPrice: money(c.floor_price),
  currency: c.currency,
  ttlSeconds: c.ttl_seconds,
  purchaseTtlSeconds: c.purchase_ttl_seconds,
  helpsPerHelperPerDay: c.helps_per_helper_per_day,
  reward: { description: c.reward_description, voucherProductId: c.reward_voucher_product_id },
  startsAt: isoOrNull(c.starts_at),
  endsAt: isoOrNull(c.ends_at),
  active: campaignIsActive(c, now),
  status: c.status,
});

/**
 * An assist's status as SQL sees it now ($NOW): an active one past its deadline has expired, written or not.
 * Over `assists a`: a campaign joined beside it has a status of its own.
 */
const SETTLED_STATUS = `case when a.status = 'active' and a.expires_at <= $NOW::timestamptz then 'expired' else a.status end`;

/** The merchant's campaigns, newest first, each with how many of its assists are at each status. */
export async function listCampaigns(
  db: Sql,
  clock: Clock,
  merchantId: string,
  page: CampaignPageRequest,
): Promise<AssistCampaignPage> {
  const { rows: campaigns, nextCursor } = await keysetPage<CampaignRow & { created_at: Date }>(
    db,
    campaignsOf('assist_campaigns', merchantId, page.status),
    page,
  );
  const now = clock.now();
  const counts = await db.query<{ campaign_id: string; status: AssistStatus; assists: number }>(
    `select campaign_id, ${SETTLED_STATUS.replace('$NOW', '$3')} as status, count(*)::int as assists from assists a
     where merchant_id = $1 and campaign_id = any($2::text[]) group by 1, 2`,
    [merchantId, campaigns.map((campaign) => campaign.id), iso(now)],
  );
  const data = campaigns.map((campaign): AssistCampaignSummary => {
    const assists = { active: 0, completed: 0, expired: 0 };
    for (const count of counts) if (count.campaign_id === campaign.id) assists[count.status] = count.assists;
    return { ...campaignTerms(campaign, now), createdAt: iso(campaign.created_at), assists };
  });
  return { data, nextCursor };
}

// ---------------------------------------------------------------------------------------------
// Assists

async function loadAssist(sql: Sql, merchantId: string, assistId: string, lock: boolean): Promise<AssistRow> {
  // Every change to an assist (a help, completion, expiry) goes through this row lock, so helps
  // on one assist queue here: the count and the price move one help at a time.
  const rows = await sql.query<AssistRow>(
    `select a.*, c.title, c.image_url, c.reward_description, c.helps_per_helper_per_day
     from assists a join assist_campaigns c on c.merchant_id = a.merchant_id and c.id = a.campaign_id
     where a.merchant_id = $1 and a.id = $2${lock ? ' for update of a' : ''}`,
    [merchantId, assistId],
  );
  if (!rows[0]) throw notFound('assist');
  return rows[0];
}

/** The assist as anyone may see it (what live events and webhooks carry); `viewer` is added per caller. */
async function assistView(sql: Sql, clock: Clock, a: AssistRow): Promise<Assist> {
  const now = clock.now();
  const helpers = await sql.query<{
    helper_display_name: string;
    helper_avatar_url: string | null;
    amount_cut: number | string | null;
    helped_at: Date;
  }>(
    `select helper_display_name, helper_avatar_url, amount_cut, helped_at from assist_helps
     where merchant_id = $1 and assist_id = $2 order by seq desc limit ${HELPERS_SHOWN}`,
    [a.merchant_id, a.id],
  );
  return {
    ...assistState(a, now),
    helpers: helpers.map(
      (h): AssistHelper => ({
        displayName: h.helper_display_name,
        avatarUrl: h.helper_avatar_url,
        amountCut: money(h.amount_cut),
        helpedAt: iso(h.helped_at),
      }),
    ),
    serverNow: iso(now),
  };
}

/** What an assist's view and the merchant's list share: everything but the helpers and the caller's fields. */
const assistState = (a: AssistRow, now: Date): Omit<Assist, 'helpers' | 'viewer' | 'serverNow'> => ({
  id: a.id,
  campaignId: a.campaign_id,
  mode: a.mode,
  title: a.title,
  imageUrl: a.image_url,
  status: settledStatus(a.status, a.expires_at, now),
  owner: { displayName: a.owner_display_name, avatarUrl: a.owner_avatar_url },
  helps: a.helps,
  goal: a.goal,
  startPrice: money(a.start_price),
  floorPrice: money(a.floor_price),
  currentPrice: money(a.current_price),
  currency: a.currency,
  reward: { description: a.reward_description },
  expiresAt: iso(a.expires_at),
  completedAt: isoOrNull(a.completed_at),
  purchaseBy: a.completed_at ? iso(addSeconds(a.completed_at, a.purchase_ttl_seconds)) : null,
});

/** The merchant's assists, newest first, optionally of one campaign or at one status (as settled now). */
export async function listAssists(
  db: Sql,
  clock: Clock,
  merchantId: string,
  query: PageRequest & { campaign?: string; status?: AssistStatus },
): Promise<AssistPage> {
  const now = clock.now();
  const { rows: assists, nextCursor } = await keysetPage<AssistRow>(
    db,
    {
      table: `(select a.*, c.title, c.image_url, c.reward_description, c.helps_per_helper_per_day,
                 ${SETTLED_STATUS.replace('$NOW', '$4')} as settled_status
               from assists a join assist_campaigns c on c.merchant_id = a.merchant_id and c.id = a.campaign_id) as listed_assists`,
      where: 'merchant_id = $1 and ($2::text is null or campaign_id = $2) and ($3::text is null or settled_status = $3)',
      params: [merchantId, query.campaign ?? null, query.status ?? null, iso(now)],
    },
    query,
  );
  const data = assists.map(
    (a): AssistSummary => ({ ...assistState(a, now), ownerShopperId: a.owner_shopper_id, createdAt: iso(a.created_at) }),
  );
  return { data, nextCursor };
}

async function viewerOf(sql: Sql, a: AssistRow, shopper: Shopper): Promise<NonNullable<Assist['viewer']>> {
  if (a.owner_shopper_id === shopper.id) return { isOwner: true, helped: false };
  const helped = await sql.query(
    `select 1 from assist_helps where merchant_id = $1 and assist_id = $2 and helper_shopper_id = $3`,
    [a.merchant_id, a.id, shopper.id],
  );
  return { isOwner: false, helped: helped.length > 0 };
}

/** Tells every page following the assist (topic assist:<id>) its new public state. */
async function publishAssist(tx: Sql, clock: Clock, a: AssistRow, view?: Assist): Promise<Assist> {
  const publicView = view ?? (await assistView(tx, clock, a));
  await publishLiveEvent(tx, clock, a.merchant_id, `assist:${a.id}`, 'assist.updated', publicView);
  return publicView;
}

/** Writes `expired` on a locked active assist past its deadline and announces it; returns the row as it now is. */
async function settleLockedAssist(tx: Sql, clock: Clock, a: AssistRow): Promise<AssistRow> {
  if (a.status !== 'active' || a.expires_at > clock.now()) return a;
  await tx.query(`update assists set status = 'expired' where merchant_id = $1 and id = $2`, [a.merchant_id, a.id]);
  const expired: AssistRow = { ...a, status: 'expired' };
  await publishAssist(tx, clock, expired);
  return expired;
}

/** `shareBaseUrl` with `flock_assist=<id>` added (replacing any there), keeping its other parameters and fragment. */
function shareUrlFor(shareBaseUrl: string | undefined, assistId: string): string | null {
  if (!shareBaseUrl) return null;
  const url = new URL(shareBaseUrl);
  url.searchParams.set('flock_assist', assistId);
  return url.toString();
}

/**
 * Starts the shopper's assist on a campaign, or gives back the one they already have running:
 * a shopper has at most one active assist per campaign (tapping "start" twice shares the same link).
 */
export async function startAssist(
  db: Db,
  clock: Clock,
  merchantId: string,
  campaignId: string,
  shopper: Shopper,
  input: StartAssistRequest,
): Promise<StartAssistResponse & { created: boolean }> {
  const result = await db.transaction(async (tx) => {
    const now = clock.now();
    // Locking the campaign serialises starts per campaign, so two taps cannot start two assists
    // (the partial unique index assists_one_active backs this up).
    const campaign = await loadCampaign(tx, merchantId, campaignId, true);
    const [running] = await tx.query<{ id: string }>(
      `select id from assists where merchant_id = $1 and campaign_id = $2 and owner_shopper_id = $3 and status = 'active'`,
      [merchantId, campaignId, shopper.id],
    );
    if (running) {
      const existing = await settleLockedAssist(tx, clock, await loadAssist(tx, merchantId, running.id, true));
      if (existing.status === 'active') return { row: existing, created: false };
    }
    if (!campaignIsActive(campaign, now)) {
      // Paused or ended, or outside its schedule: no new assist (running ones can still be helped).
      throw new ApiError('campaign_not_active', notRunningMessage(campaign.status, 'assist campaign'));
    }
    const deadline = addSeconds(now, campaign.ttl_seconds);
    const expiresAt = campaign.ends_at && campaign.ends_at < deadline ? campaign.ends_at : deadline;
    const id = newId('ast');
    await tx.query(
      `insert into assists (merchant_id, id, campaign_id, owner_shopper_id, owner_display_name, owner_avatar_url, mode,
         status, goal, helps, start_price, floor_price, current_price, currency, purchase_ttl_seconds, expires_at, created_at)
       values ($1,$2,$3,$4,$5,$6,$7,'active',$8,0,$9,$10,$11,$12,$13,$14::timestamptz,$15::timestamptz)`,
      [
        merchantId,
        id,
        campaignId,
        shopper.id,
        shopper.displayName,
        shopper.avatarUrl,
        campaign.mode,
        campaign.goal,
        campaign.start_price,
        campaign.floor_price,
        campaign.mode === 'price_cut' ? campaign.start_price : null,
        campaign.currency,
        campaign.purchase_ttl_seconds,
        iso(expiresAt),
        iso(now),
      ],
    );
    const row = await loadAssist(tx, merchantId, id, false);
    await publishAssist(tx, clock, row);
    return { row, created: true };
  });
  const view = await assistView(db, clock, result.row);
  return {
    assist: { ...view, viewer: { isOwner: true, helped: false } },
    shareUrl: shareUrlFor(input.shareBaseUrl, result.row.id),
    created: result.created,
  };
}

/** Reads an assist, writing `expired` first when its deadline has passed so nobody sees a stale state. */
export async function getAssist(db: Db, clock: Clock, merchantId: string, assistId: string, shopper?: Shopper): Promise<Assist> {
  let row = await loadAssist(db, merchantId, assistId, false);
  if (row.status === 'active' && row.expires_at <= clock.now()) {
    row = await db.transaction(async (tx) => settleLockedAssist(tx, clock, await loadAssist(tx, merchantId, assistId, true)));
  }
  const view = await assistView(db, clock, row);
  return shopper ? { ...view, viewer: await viewerOf(db, row, shopper) } : view;
}

export interface HelpOptions {
  /** Uniform in [0, 1); the CSPRNG unless a test injects its own. */
  random?: () => number;
}

/**
 * A friend helps: in one transaction with the assist row locked, checks who may help, counts the
 * help once (the primary key of assist_helps is the final word), cuts the price in price_cut mode,
 * and on reaching the goal completes the assist and writes the assist.completed webhook.
 */
export async function help(
  db: Db,
  clock: Clock,
  merchantId: string,
  assistId: string,
  helper: Shopper,
  options: HelpOptions = {},
): Promise<HelpResponse> {
  const random = options.random ?? cryptoRandom;
  let outcome: HelpResponse | 'expired';
  try {
    outcome = await db.transaction(async (tx): Promise<HelpResponse | 'expired'> => {
      const now = clock.now();
      const locked = await loadAssist(tx, merchantId, assistId, true);
      if (locked.owner_shopper_id === helper.id) {
        throw new ApiError('self_help', "You can't help your own assist; share it with friends.");
      }
      if (locked.status === 'active' && locked.expires_at <= now) {
        // The expiry is written and announced (this transaction commits), then reported as assist_expired.
        await settleLockedAssist(tx, clock, locked);
        return 'expired';
      }
      const a = locked;
      if (a.status === 'expired') throw assistExpired();
      if (a.status === 'completed') throw new ApiError('assist_completed', 'This assist already reached its goal.');
      const helped = await tx.query(
        `select 1 from assist_helps where merchant_id = $1 and assist_id = $2 and helper_shopper_id = $3`,
        [merchantId, assistId, helper.id],
      );
      if (helped.length > 0) throw new ApiError('already_helped', 'You have already helped this assist.');

      // Every help counts towards the helper's day, whatever the campaign; the row lock on the
      // counter serialises one helper's concurrent helps across assists, so the limit is exact.
      const [day] = await tx.query<{ helps: number }>(
        `insert into assist_helper_days (merchant_id, helper_shopper_id, day, helps) values ($1, $2, $3::date, 1)
         on conflict (merchant_id, helper_shopper_id, day) do update set helps = assist_helper_days.helps + 1
         returning helps`,
        [merchantId, helper.id, iso(now).slice(0, 10)],
      );
      if (a.helps_per_helper_per_day !== null && (day?.helps ?? 0) > a.helps_per_helper_per_day) {
        throw new ApiError(
          'help_limit_reached',
          `You can help at most ${a.helps_per_helper_per_day} time(s) a day here; come back tomorrow.`,
          { limit: a.helps_per_helper_per_day },
        );
      }

      const helpsLeft = a.goal - a.helps;
      const current = money(a.current_price);
      const floor = money(a.floor_price);
      const amountCut =
        a.mode === 'price_cut' && current !== null && floor !== null
          ? nextCut({ remaining: current - floor, helpsLeft, random })
          : null;
      const completes = helpsLeft === 1;
      await tx.query(
        `insert into assist_helps (merchant_id, assist_id, helper_shopper_id, helper_display_name, helper_avatar_url, seq,
           amount_cut, helped_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz)`,
        [merchantId, assistId, helper.id, helper.displayName, helper.avatarUrl, a.helps + 1, amountCut, iso(now)],
      );
      await tx.query(
        `update assists set helps = helps + 1, current_price = current_price - $3::bigint,
           status = $4, completed_at = $5::timestamptz
         where merchant_id = $1 and id = $2`,
        [merchantId, assistId, amountCut ?? 0, completes ? 'completed' : 'active', completes ? iso(now) : null],
      );
      const fresh = await loadAssist(tx, merchantId, assistId, false);
      const view = await publishAssist(tx, clock, fresh);
      if (completes) {
        const data: AssistWebhookData = { assist: view, ownerShopperId: fresh.owner_shopper_id };
        await enqueueWebhook(tx, clock, merchantId, 'assist.completed', data);
      }
      return { assist: { ...view, viewer: { isOwner: false, helped: true } }, help: { amountCut } };
    });
  } catch (error) {
    // Two helps by the same helper that both passed the check: the primary key lets one in.
    if (isUniqueViolation(error)) throw new ApiError('already_helped', 'You have already helped this assist.');
    throw error;
  }
  if (outcome === 'expired') throw assistExpired();
  return outcome;
}

const assistExpired = () => new ApiError('assist_expired', 'This assist has ended: its time ran out before the goal.');

// ---------------------------------------------------------------------------------------------
// Background

/**
 * One sweeper pass: writes `expired` on assists past their deadline (announcing each, under
 * `skip locked` so several processes can sweep at once).
 */
export async function sweepAssists(db: Db, clock: Clock, batch = 100): Promise<number> {
  const now = clock.now();
  const due = await db.query<{ merchant_id: string; id: string }>(
    `select merchant_id, id from assists where status = 'active' and expires_at <= $1::timestamptz limit $2`,
    [iso(now), batch],
  );
  let settled = 0;
  for (const { merchant_id, id } of due) {
    settled += await db.transaction(async (tx) => {
      const rows = await tx.query<AssistRow>(
        `select a.*, c.title, c.image_url, c.reward_description, c.helps_per_helper_per_day
         from assists a join assist_campaigns c on c.merchant_id = a.merchant_id and c.id = a.campaign_id
         where a.merchant_id = $1 and a.id = $2 for update of a skip locked`,
        [merchant_id, id],
      );
      const row = rows[0];
      if (row?.status !== 'active' || row.expires_at > now) return 0;
      await settleLockedAssist(tx, clock, row);
      return 1;
    });
  }
  return settled;
}
