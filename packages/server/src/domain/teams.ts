import { randomBytes } from 'node:crypto';
import type {
  CampaignStatus,
  CreateGroupBuyOfferRequest,
  GroupBuyOffer,
  GroupBuyOfferPage,
  GroupBuyOfferSummary,
  LadderTier,
  MemberSettlement,
  OpenTeamSummary,
  Reservation,
  ReserveResponse,
  SeatRequest,
  Team,
  TeamDraw,
  TeamMember,
  TeamPage,
  TeamStatus,
  TeamWebhookData,
  UpdateGroupBuyOfferRequest,
} from '@flock/protocol';
import { DRAW_ALGORITHM, drawCommitment, drawWinners } from '@flock/protocol/draw';
import { tierIndexReached } from '@flock/protocol/ladder';
import { addSeconds, type Clock, nextChange, type Timed } from '../clock.js';
import { newId } from '../crypto.js';
import { ApiError, invalidField, notFound } from '../errors.js';
import { type Db, insideTransaction, type Sql } from '../infra/db.js';
import type { SecretBox } from '../infra/secret-box.js';
import { nextStatus, notRunningMessage, patched, patchedSchedule } from './campaign-status.js';
import { type CampaignPageRequest, campaignsOf, keysetPage, type PageRequest } from './keyset-page.js';
import { publishLiveEvent } from './live-events.js';
import { type BigIntish, money, moneyOrNull } from './money.js';
import { enqueueWebhook } from './outbox.js';
import type { Shopper } from './shoppers.js';
import { issueVoucher } from './vouchers.js';

/** A hold lasts this long unless the offer says otherwise: long enough to pay, short enough to free seats. */
const DEFAULT_HOLD_TTL_SECONDS = 15 * 60;

interface OfferRow {
  merchant_id: string;
  id: string;
  product_ref: string;
  title: string;
  image_url: string | null;
  regular_price: BigIntish;
  group_price: BigIntish;
  leader_price: BigIntish | null;
  currency: string;
  team_size: number;
  team_ttl_seconds: number;
  hold_ttl_seconds: number;
  complete_min_members: number | null;
  starts_at: Date | null;
  ends_at: Date | null;
  max_teams: number | null;
  status: CampaignStatus;
  created_at: Date;
  tiers: LadderTier[] | null;
  lottery_winners: number | null;
  lottery_voucher_product_id: string | null;
  products: Array<{ productRef: string; title: string; imageUrl?: string; regularPrice: number; groupPrice: number }> | null;
  joiners_must_be_new: boolean;
  /** From offer_stock: a flash sale's units, and those not held or sold. */
  stock: number | null;
  stock_left: number | null;
}

/** An offer's row with its stock (offer_stock, migration 0024), as OfferRow reads it. */
const OFFERS_WITH_STOCK = `(select o.*, s.stock, s.stock - s.taken as stock_left from group_buy_offers o
  left join offer_stock s on s.merchant_id = o.merchant_id and s.offer_id = o.id) as offers`;

interface TeamRow {
  merchant_id: string;
  id: string;
  offer_id: string;
  status: TeamStatus;
  size: number;
  seats_taken: number;
  expires_at: Date;
  closed_at: Date | null;
  complete_min_members: number | null;
}

interface ReservationRow {
  id: string;
  team_id: string;
  offer_id: string;
  shopper_id: string;
  display_name: string;
  avatar_url: string | null;
  leader: boolean;
  status: Reservation['status'];
  price: BigIntish;
  currency: string;
  expires_at: Date;
  order_ref: string | null;
  product_ref: string | null;
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------------------------
// Offers

export async function createOffer(
  db: Db,
  clock: Clock,
  merchantId: string,
  input: CreateGroupBuyOfferRequest,
): Promise<GroupBuyOffer> {
  const id = newId('off');
  const consolation = input.lottery?.consolationVoucherProductId;
  if (consolation) {
    const [product] = await db.query<{ status: CampaignStatus }>(
      `select status from voucher_products where merchant_id = $1 and id = $2`,
      [merchantId, consolation],
    );
    if (!product) {
      throw invalidField(['lottery', 'consolationVoucherProductId'], `No voucher product ${consolation} in this shop.`);
    }
  }
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into group_buy_offers (merchant_id, id, product_ref, title, image_url, regular_price, group_price,
       leader_price, currency, team_size, team_ttl_seconds, hold_ttl_seconds, complete_min_members,
       starts_at, ends_at, max_teams, created_at, tiers, lottery_winners, lottery_voucher_product_id, products,
       joiners_must_be_new)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14::timestamptz,$15::timestamptz,$16,$17::timestamptz,
       $18::text::jsonb,$19,$20,$21::text::jsonb,$22)`,
      [
        merchantId,
        id,
        input.productRef,
        input.title,
        input.imageUrl ?? null,
        input.regularPrice,
        input.groupPrice,
        input.leaderPrice ?? null,
        input.currency,
        input.teamSize,
        input.teamTtlSeconds,
        input.holdTtlSeconds ?? DEFAULT_HOLD_TTL_SECONDS,
        // A ladder team succeeds at its deadline once it reaches the first tier.
        input.tiers?.[0]?.members ?? input.completeAtDeadline?.minMembers ?? null,
        input.startsAt ?? null,
        input.endsAt ?? null,
        input.maxTeams ?? null,
        iso(clock.now()),
        input.tiers ? JSON.stringify(input.tiers) : null,
        input.lottery?.winners ?? null,
        consolation ?? null,
        input.products ? JSON.stringify(input.products) : null,
        input.joinersMustBeNew ?? false,
      ],
    );
    if (input.stock !== undefined) {
      await tx.query(`insert into offer_stock (merchant_id, offer_id, stock) values ($1, $2, $3)`, [merchantId, id, input.stock]);
    }
  });
  return getOffer(db, clock, merchantId, id);
}

async function loadOffer(sql: Sql, merchantId: string, offerId: string, lock = false): Promise<OfferRow> {
  const rows = await sql.query<OfferRow>(
    lock
      ? `select o.*, null as stock, null as stock_left from group_buy_offers o where merchant_id = $1 and id = $2 for update`
      : `select * from ${OFFERS_WITH_STOCK} where merchant_id = $1 and id = $2`,
    [merchantId, offerId],
  );
  if (!rows[0]) throw notFound('group-buy offer');
  return rows[0];
}

/**
 * PATCH: changes an offer's editable fields and status with its row locked, so it takes effect
 * between two team openings (openTeam locks the same row). Seats already held or paid keep their
 * price (each reservation copied it); teams already formed keep their size and clocks.
 */
export async function updateOffer(
  db: Db,
  clock: Clock,
  merchantId: string,
  offerId: string,
  input: UpdateGroupBuyOfferRequest,
): Promise<GroupBuyOffer> {
  const updated = await db.transaction(async (tx) => {
    const offer = await loadOffer(tx, merchantId, offerId, true);
    const status = nextStatus(offer.status, input.status, 'group-buy offer');
    if (input.failOpenTeams && status !== 'ended') {
      throw invalidField('failOpenTeams', 'failOpenTeams ends the offer: send it with status "ended".');
    }
    // A ladder's prices are its tiers, a product set's its products: fixed with them at creation.
    for (const field of ['groupPrice', 'leaderPrice'] as const) {
      if (input[field] !== undefined && (offer.tiers || offer.products)) {
        const what = offer.tiers ? 'a ladder offer’s prices are its tiers' : 'each product of the set has its own price';
        throw invalidField(field, `${field} cannot change: ${what}; create a new offer for new prices.`);
      }
    }
    const regularPrice = input.regularPrice ?? money(offer.regular_price);
    const groupPrice = input.groupPrice ?? money(offer.group_price);
    const leaderPrice = patched(input.leaderPrice, moneyOrNull(offer.leader_price));
    const { startsAt, endsAt } = patchedSchedule(input, offer);
    // The create request's rules, against the prices and dates as they will be stored.
    if (groupPrice > regularPrice) throw invalidField('groupPrice', 'groupPrice must not exceed regularPrice.');
    if (leaderPrice !== null && leaderPrice > groupPrice) {
      throw invalidField('leaderPrice', 'leaderPrice must not exceed groupPrice.');
    }
    await tx.query(
      `update group_buy_offers set title = $3, image_url = $4, regular_price = $5, group_price = $6, leader_price = $7,
         starts_at = $8::timestamptz, ends_at = $9::timestamptz, max_teams = $10, status = $11
       where merchant_id = $1 and id = $2`,
      [
        merchantId,
        offerId,
        input.title ?? offer.title,
        patched(input.imageUrl, offer.image_url),
        regularPrice,
        groupPrice,
        leaderPrice,
        startsAt,
        endsAt,
        patched(input.maxTeams, offer.max_teams),
        status,
      ],
    );
    const view = await getOffer(tx, clock, merchantId, offerId);
    // Announced by the commit that stores it: pages, and every process's cached reads of the offer, hear it.
    await publishLiveEvent(tx, clock, merchantId, `offer:${offerId}`, 'offer.updated', view);
    return view;
  });
  if (!input.failOpenTeams) return updated;
  // After the offer has ended, so no new team can start meanwhile; one team per transaction, each
  // under its own lock like any seat change (never the offer's lock and a team's together).
  const forming = await db.query<{ id: string }>(
    `select id from teams where merchant_id = $1 and offer_id = $2 and status in ('pending', 'open') order by id`,
    [merchantId, offerId],
  );
  for (const { id } of forming) {
    await db.transaction(async (tx) => {
      const team = await loadTeam(tx, merchantId, id, true);
      // A team the sweeper or a last payment closed meanwhile keeps that outcome. Only an open team
      // has paid members to refund: a pending one's leader never paid, so it fails quietly.
      if (team.status === 'pending' || team.status === 'open') await closeTeam(tx, clock, team, 'failed', team.status === 'open');
    });
  }
  return getOffer(db, clock, merchantId, offerId);
}

/** Whether an offer takes new teams now; open_team (migration 0023) applies the same rule when one opens. */
const offerIsActive = (offer: OfferRow, now: Date) =>
  offer.status === 'active' && (!offer.starts_at || offer.starts_at <= now) && (!offer.ends_at || offer.ends_at > now);

/** Seats counted from the reservations themselves, so a lapsed hold frees its seat before any sweep. */
const LIVE_SEATS = `(select count(*)::int from reservations r
   where r.merchant_id = t.merchant_id and r.team_id = t.id
     and (r.status = 'confirmed' or (r.status = 'held' and r.expires_at > $NOW::timestamptz)))`;

/** An offer's terms as the API shows them, and whether it takes new teams now. */
function offerTerms(offer: OfferRow, now: Date): Omit<GroupBuyOffer, 'openTeams' | 'myTeams' | 'serverNow'> {
  return {
    id: offer.id,
    productRef: offer.product_ref,
    title: offer.title,
    imageUrl: offer.image_url,
    regularPrice: money(offer.regular_price),
    groupPrice: money(offer.group_price),
    leaderPrice: moneyOrNull(offer.leader_price),
    currency: offer.currency,
    teamSize: offer.team_size,
    teamTtlSeconds: offer.team_ttl_seconds,
    holdTtlSeconds: offer.hold_ttl_seconds,
    completeAtDeadline: offer.complete_min_members ? { minMembers: offer.complete_min_members } : null,
    startsAt: isoOrNull(offer.starts_at),
    endsAt: isoOrNull(offer.ends_at),
    maxTeams: offer.max_teams,
    stock: offer.stock,
    stockLeft: offer.stock_left,
    tiers: offer.tiers,
    lottery: offer.lottery_winners
      ? { winners: offer.lottery_winners, consolationVoucherProductId: offer.lottery_voucher_product_id }
      : null,
    products: offer.products?.map((p) => ({ ...p, imageUrl: p.imageUrl ?? null })) ?? null,
    joinersMustBeNew: offer.joiners_must_be_new,
    active: offerIsActive(offer, now),
    status: offer.status,
  };
}

/** The merchant's offers, newest first, with how many of each offer's teams are at each stage. */
export async function listOffers(
  db: Sql,
  clock: Clock,
  merchantId: string,
  page: CampaignPageRequest,
): Promise<GroupBuyOfferPage> {
  const { rows: offers, nextCursor } = await keysetPage<OfferRow>(
    db,
    campaignsOf(OFFERS_WITH_STOCK, merchantId, page.status),
    page,
  );
  // Forming teams are counted from the teams themselves, closed ones from their totals (0021).
  const counts = await db.query<{ offer_id: string; status: TeamStatus; teams: number }>(
    `select offer_id, status, count(*)::int as teams from teams
     where merchant_id = $1 and offer_id = any($2::text[]) and status in ('pending', 'open') group by offer_id, status
     union all
     select offer_id, closed.status, closed.teams::int from (
       select offer_id, sum(succeeded) as succeeded, sum(failed) as failed from offer_team_totals
       where merchant_id = $1 and offer_id = any($2::text[]) group by offer_id
     ) as totals
     cross join lateral (values ('succeeded', totals.succeeded), ('failed', totals.failed)) as closed (status, teams)`,
    [merchantId, offers.map((offer) => offer.id)],
  );
  const now = clock.now();
  const data: GroupBuyOfferSummary[] = offers.map((offer) => {
    const teams = { pending: 0, open: 0, succeeded: 0, failed: 0 };
    for (const count of counts) if (count.offer_id === offer.id) teams[count.status] = count.teams;
    return { ...offerTerms(offer, now), createdAt: iso(offer.created_at), teams };
  });
  return { data, nextCursor };
}

/** A team row of the merchant's list, with what its view needs from the offer. */
interface ListedTeamRow extends TeamRow {
  offer_title: string;
  opened_at: Date | null;
  created_at: Date;
}

/** The merchant's teams, newest first, optionally of one offer or at one stage. */
export async function listTeams(
  db: Sql,
  clock: Clock,
  merchantId: string,
  query: PageRequest & { offer?: string; status?: TeamStatus },
): Promise<TeamPage> {
  const { rows: teams, nextCursor } = await keysetPage<ListedTeamRow>(
    db,
    {
      table: `(select t.*, o.title as offer_title, o.complete_min_members from teams t
               join group_buy_offers o on o.merchant_id = t.merchant_id and o.id = t.offer_id) as listed_teams`,
      where: 'merchant_id = $1 and ($2::text is null or offer_id = $2) and ($3::text is null or status = $3)',
      params: [merchantId, query.offer ?? null, query.status ?? null],
    },
    query,
  );
  // One query for every team's reservations on the page, not one per team.
  const reservations = await db.query<ReservationRow & { confirmed_at: Date | null }>(
    `select * from reservations where merchant_id = $1 and team_id = any($2::text[])
     order by leader desc, confirmed_at asc, created_at asc`,
    [merchantId, teams.map((team) => team.id)],
  );
  const data = teams.map((team) => {
    const {
      myReservation: _mine,
      serverNow: _now,
      ...view
    } = teamViewOf(
      team,
      reservations.filter((r) => r.team_id === team.id),
      clock.now(),
    );
    return { ...view, offerTitle: team.offer_title, createdAt: iso(team.created_at), openedAt: isoOrNull(team.opened_at) };
  });
  return { data, nextCursor };
}

export async function getOffer(
  db: Sql,
  clock: Clock,
  merchantId: string,
  offerId: string,
  shopper?: Shopper,
): Promise<GroupBuyOffer> {
  const now = clock.now();
  const { view } = await offerForEveryone(db, now, merchantId, offerId);
  if (shopper) view.myTeams = (await myTeamsIn(db, now, merchantId, offerId, shopper)).view;
  return view;
}

/**
 * An offer as every viewer sees it (without `myTeams`). It stays the same until a write announces a
 * change or `changesAt`: when the offer starts or ends, a listed team's deadline passes or one of its holds lapses.
 */
export async function offerForEveryone(db: Sql, now: Date, merchantId: string, offerId: string): Promise<Timed<GroupBuyOffer>> {
  const offer = await loadOffer(db, merchantId, offerId);
  const forming = await db.query<{
    id: string;
    size: number;
    expires_at: Date;
    live_seats: number;
    next_lapse: Date | null;
    display_name: string;
    avatar_url: string | null;
    product_ref: string | null;
  }>(
    `select t.id, t.size, t.expires_at, ${LIVE_SEATS.replaceAll('$NOW', '$3')} as live_seats,
       (select min(r.expires_at) from reservations r where r.merchant_id = t.merchant_id and r.team_id = t.id
          and r.status = 'held' and r.expires_at > $3::timestamptz) as next_lapse,
       l.display_name, l.avatar_url, l.product_ref
     from teams t
     join reservations l on l.merchant_id = t.merchant_id and l.team_id = t.id and l.leader and l.status = 'confirmed'
     where t.merchant_id = $1 and t.offer_id = $2 and t.status = 'open' and t.expires_at > $3::timestamptz
     order by t.expires_at asc limit 50`,
    [merchantId, offerId, iso(now)],
  );
  const openTeams: OpenTeamSummary[] = forming
    .filter((t) => t.live_seats < t.size)
    .slice(0, 10)
    .map((t) => ({
      id: t.id,
      leader: { displayName: t.display_name, avatarUrl: t.avatar_url, leader: true, productRef: t.product_ref },
      size: t.size,
      seatsLeft: t.size - t.live_seats,
      expiresAt: iso(t.expires_at),
    }));
  return {
    view: { ...offerTerms(offer, now), openTeams, serverNow: iso(now) },
    now,
    changesAt: nextChange(now, [offer.starts_at, offer.ends_at, ...forming.flatMap((t) => [t.expires_at, t.next_lapse])]),
  };
}

/** The shopper's own teams in an offer (`myTeams`); a held seat shows as expired once its hold lapses. */
export async function myTeamsIn(
  db: Sql,
  now: Date,
  merchantId: string,
  offerId: string,
  shopper: Shopper,
): Promise<Timed<NonNullable<GroupBuyOffer['myTeams']>>> {
  const mine = await db.query<ReservationRow>(
    `select * from reservations where merchant_id = $1 and offer_id = $2 and shopper_id = $3
     order by created_at desc limit 20`,
    [merchantId, offerId, shopper.id],
  );
  return {
    view: mine.map((r) => ({ teamId: r.team_id, reservation: reservationView(r, now) })),
    now,
    changesAt: nextChange(
      now,
      mine.filter((r) => r.status === 'held').map((r) => r.expires_at),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Teams and seats

function reservationView(row: ReservationRow, now: Date): Reservation {
  // A hold past its expiry is reported as expired even before the sweeper writes it.
  const lapsed = row.status === 'held' && row.expires_at <= now;
  return {
    id: row.id,
    teamId: row.team_id,
    offerId: row.offer_id,
    shopperId: row.shopper_id,
    status: lapsed ? 'expired' : row.status,
    leader: row.leader,
    price: money(row.price),
    currency: row.currency,
    expiresAt: iso(row.expires_at),
    orderRef: row.order_ref,
    productRef: row.product_ref,
    serverNow: iso(now),
  };
}

async function loadTeam(sql: Sql, merchantId: string, teamId: string, lock: boolean): Promise<TeamRow> {
  // The lock is taken on the team row alone (`for update of t`): every change to a team's seats
  // goes through it, so concurrent reservations queue here instead of overselling.
  const rows = await sql.query<TeamRow>(
    `select t.*, o.complete_min_members from teams t
     join group_buy_offers o on o.merchant_id = t.merchant_id and o.id = t.offer_id
     where t.merchant_id = $1 and t.id = $2${lock ? ' for update of t' : ''}`,
    [merchantId, teamId],
  );
  if (!rows[0]) throw notFound('team');
  return rows[0];
}

/** A team's reservations, leader first, then by payment. */
const reservationsOf = (sql: Sql, team: TeamRow) =>
  sql.query<ReservationRow>(
    `select * from reservations where merchant_id = $1 and team_id = $2 order by leader desc, confirmed_at asc, created_at asc`,
    [team.merchant_id, team.id],
  );

async function teamView(sql: Sql, clock: Clock, team: TeamRow, shopper?: Shopper): Promise<Team> {
  return teamViewOf(team, await reservationsOf(sql, team), clock.now(), shopper);
}

/**
 * A team as the API shows it, from its reservations (leader first, then by payment). Writes render
 * the same view in the database (team_view, migration 0023): test/seat-hold.test.ts keeps them equal.
 */
function teamViewOf(team: TeamRow, reservations: ReservationRow[], now: Date, shopper?: Shopper): Team {
  const members: TeamMember[] = reservations
    .filter((r) => r.status === 'confirmed')
    .map((r) => ({ displayName: r.display_name, avatarUrl: r.avatar_url, leader: r.leader, productRef: r.product_ref }));
  const seatsHeld = reservations.filter((r) => r.status === 'held' && r.expires_at > now).length;
  const joinable = team.status === 'open' && team.expires_at > now;
  const view: Team = {
    id: team.id,
    offerId: team.offer_id,
    status: team.status,
    size: team.size,
    members,
    seatsHeld,
    seatsLeft: joinable ? Math.max(0, team.size - members.length - seatsHeld) : 0,
    expiresAt: iso(team.expires_at),
    completesAtDeadline: team.complete_min_members ? { minMembers: team.complete_min_members } : null,
    closedAt: isoOrNull(team.closed_at),
    serverNow: iso(now),
  };
  if (shopper) view.myReservation = myReservationOf(reservations, shopper, now);
  return view;
}

/** The shopper's reservation in a team (`myReservation`): a live or paid seat before any earlier one. */
function myReservationOf(reservations: ReservationRow[], shopper: Shopper, now: Date): Reservation | null {
  const mine = reservations
    .filter((r) => r.shopper_id === shopper.id)
    .sort(
      (a, b) => Number(b.status === 'held' || b.status === 'confirmed') - Number(a.status === 'held' || a.status === 'confirmed'),
    );
  return mine[0] ? reservationView(mine[0], now) : null;
}

/** Tells every page following the team (topic team:<id>) its new public state (publish_team, migration 0023). */
async function publishTeam(tx: Sql, clock: Clock, team: TeamRow): Promise<void> {
  await tx.query(`select from publish_team($1, $2, $3::timestamptz)`, [team.merchant_id, team.id, iso(clock.now())]);
}

/**
 * Brings a locked team up to date with the clock: lapsed holds free their seats, a pending team
 * whose leader never paid fails quietly, and an open team past its deadline closes.
 */
async function settleLockedTeam(tx: Sql, clock: Clock, team: TeamRow): Promise<TeamRow> {
  const now = iso(clock.now());
  const lapsed = await tx.query<{ leader: boolean }>(
    `update reservations set status = 'expired'
     where merchant_id = $1 and team_id = $2 and status = 'held' and expires_at <= $3::timestamptz
     returning leader`,
    [team.merchant_id, team.id, now],
  );
  if (lapsed.length > 0) {
    await tx.query(`update teams set seats_taken = seats_taken - $3 where merchant_id = $1 and id = $2`, [
      team.merchant_id,
      team.id,
      lapsed.length,
    ]);
    await returnStock(tx, clock, team, lapsed.length);
    team = { ...team, seats_taken: team.seats_taken - lapsed.length };
    const closing = team.expires_at <= clock.now() || (team.status === 'pending' && lapsed.some((r) => r.leader));
    if (!closing) await publishTeam(tx, clock, team);
  }
  if (team.status === 'pending' && (lapsed.some((r) => r.leader) || team.expires_at <= clock.now())) {
    // Nobody paid, so nobody is refunded and the merchant hears nothing: the team never existed publicly.
    return closeTeam(tx, clock, team, 'failed', false);
  }
  if (team.status === 'open' && team.expires_at <= clock.now()) {
    const [{ paid } = { paid: 0 }] = await tx.query<{ paid: number }>(
      `select count(*)::int as paid from reservations where merchant_id = $1 and team_id = $2 and status = 'confirmed'`,
      [team.merchant_id, team.id],
    );
    const completes = team.complete_min_members !== null && paid >= team.complete_min_members;
    return closeTeam(tx, clock, team, completes ? 'succeeded' : 'failed', true);
  }
  return team;
}

/** A flash sale's units back, for seats that lapsed or were released, or paid in a team that failed (migration 0024). */
async function returnStock(tx: Sql, clock: Clock, team: TeamRow, units: number): Promise<void> {
  if (units > 0) {
    await tx.query(`select from return_stock($1, $2, $3, $4::timestamptz)`, [
      team.merchant_id,
      team.offer_id,
      units,
      iso(clock.now()),
    ]);
  }
}

/**
 * What a lottery team's draw needs that only the caller has: the server key that opens the seed,
 * and the database, for consolation vouchers. Only the payment that fills a team closes it as
 * succeeded, so only confirmReservation passes it; a lottery team never succeeds at a deadline.
 */
interface DrawContext {
  /** The database as seen inside the closing transaction (insideTransaction). */
  db: Db;
  secrets: SecretBox;
}

async function closeTeam(
  tx: Sql,
  clock: Clock,
  team: TeamRow,
  status: 'succeeded' | 'failed',
  notify: boolean,
  draws?: DrawContext,
) {
  const now = iso(clock.now());
  // Seats still held when the team closes can no longer be paid for.
  const released = await tx.query(
    `update reservations set status = 'released' where merchant_id = $1 and team_id = $2 and status = 'held' returning id`,
    [team.merchant_id, team.id],
  );
  const rows = await tx.query<TeamRow>(
    `update teams set status = $3, closed_at = $4::timestamptz, seats_taken = seats_taken - $5
     where merchant_id = $1 and id = $2 returning *`,
    [team.merchant_id, team.id, status, now, released.length],
  );
  const closed = { ...(rows[0] as TeamRow), complete_min_members: team.complete_min_members };
  const paid = await tx.query<ReservationRow>(
    `select * from reservations where merchant_id = $1 and team_id = $2 and status = 'confirmed' order by confirmed_at, id`,
    [team.merchant_id, team.id],
  );
  // A failed team's paid units go back on sale with the released ones; a success keeps its units sold.
  await returnStock(tx, clock, team, released.length + (status === 'failed' ? paid.length : 0));
  await publishTeam(tx, clock, closed);
  if (!notify) return closed;
  const offer = await loadOffer(tx, team.merchant_id, team.offer_id);
  const tier = status === 'succeeded' ? tierReached(offer.tiers, paid.length) : null;
  const draw =
    status === 'succeeded' && offer.lottery_winners !== null
      ? await drawTeam(tx, clock, team, paid, offer.lottery_winners, draws)
      : null;
  const members: MemberSettlement[] = [];
  for (const r of paid) {
    const price = money(r.price);
    const won = draw ? draw.winners.includes(r.id) : undefined;
    // What the seat finally costs: nothing when the team failed or the draw passed it by, the tier's price reached.
    const finalPrice = status === 'failed' || won === false ? 0 : tier ? Math.min(price, tier.price) : price;
    const voucherId =
      won === false && offer.lottery_voucher_product_id && draws
        ? await consolationVoucher(clock, draws.db, team.merchant_id, offer.lottery_voucher_product_id, r)
        : undefined;
    members.push({
      reservationId: r.id,
      shopperId: r.shopper_id,
      orderRef: r.order_ref,
      productRef: r.product_ref,
      currency: r.currency,
      paid: price,
      finalPrice,
      refund: voucherId ? 0 : price - finalPrice,
      ...(won === undefined ? {} : { won, ...(offer.lottery_voucher_product_id ? { voucherId: voucherId ?? null } : {}) }),
    });
  }
  const data: TeamWebhookData = {
    team: await teamView(tx, clock, closed),
    members,
    tier,
    draw,
    paidReservations: paid.map((r) => ({
      reservationId: r.id,
      shopperId: r.shopper_id,
      orderRef: r.order_ref,
      price: money(r.price),
      currency: r.currency,
    })),
  };
  await enqueueWebhook(tx, clock, team.merchant_id, status === 'succeeded' ? 'team.succeeded' : 'team.failed', data);
  return closed;
}

/** Where a team's sealed draw seed belongs: moved to another team's row, it does not open. */
const seedPlace = (teamId: string) => JSON.stringify(['team_draws', 'seed', teamId]);

/** A new lottery team's seed, sealed, and its commitment, for open_team to keep if the offer is a lottery. */
async function newDrawSeed(secrets: SecretBox, teamId: string): Promise<{ commitment: string; sealedSeed: string }> {
  const seed = randomBytes(32).toString('hex');
  return { commitment: await drawCommitment(seed), sealedSeed: secrets.seal(seed, seedPlace(teamId)) };
}

interface DrawRow {
  commitment: string;
  sealed_seed: string;
  seed: string | null;
  winners: string[] | null;
  drawn_at: Date | null;
}

/** Draws a full lottery team's winners from its seed (flock-draw-v1), reveals the seed and keeps the result. */
async function drawTeam(
  tx: Sql,
  clock: Clock,
  team: TeamRow,
  paid: ReservationRow[],
  winners: number,
  draws: DrawContext | undefined,
): Promise<TeamDraw> {
  if (!draws) throw new Error(`lottery team ${team.id} closed without the server key to open its seed`);
  const [row] = await tx.query<DrawRow>(`select * from team_draws where merchant_id = $1 and team_id = $2 for update`, [
    team.merchant_id,
    team.id,
  ]);
  if (!row) throw new Error(`lottery team ${team.id} has no draw`);
  const seed = draws.secrets.open(row.sealed_seed, seedPlace(team.id));
  const drawn = (await drawWinners(seed, team.id, paid, winners)).map((r) => r.id);
  const [stored] = await tx.query<DrawRow>(
    `update team_draws set seed = $3, winners = $4::text[], drawn_at = $5::timestamptz
     where merchant_id = $1 and team_id = $2 returning *`,
    [team.merchant_id, team.id, seed, drawn, iso(clock.now())],
  );
  return drawView(team.id, stored as DrawRow, paid, winners, clock.now());
}

function drawView(teamId: string, row: DrawRow, paid: ReservationRow[], winnersWanted: number, now: Date): TeamDraw {
  return {
    algorithm: DRAW_ALGORITHM,
    teamId,
    commitment: row.commitment,
    seed: row.seed,
    winnersWanted,
    members: paid.map((r) => ({ displayName: r.display_name, reservationId: r.id })),
    winners: row.winners ?? [],
    drawnAt: isoOrNull(row.drawn_at),
    serverNow: iso(now),
  };
}

/** A lottery team's draw as anyone may check it: the commitment, then the seed and winners once drawn. */
export async function getTeamDraw(db: Sql, clock: Clock, merchantId: string, teamId: string): Promise<TeamDraw> {
  const [row] = await db.query<DrawRow & { lottery_winners: number }>(
    `select d.*, o.lottery_winners from team_draws d
     join teams t on t.merchant_id = d.merchant_id and t.id = d.team_id
     join group_buy_offers o on o.merchant_id = t.merchant_id and o.id = t.offer_id
     where d.merchant_id = $1 and d.team_id = $2`,
    [merchantId, teamId],
  );
  if (!row) throw notFound('lottery team');
  const paid = await db.query<ReservationRow>(
    `select * from reservations where merchant_id = $1 and team_id = $2 and status = 'confirmed' order by confirmed_at, id`,
    [merchantId, teamId],
  );
  return drawView(teamId, row, paid, row.lottery_winners, clock.now());
}

/** The last tier a team of `members` paid members reached (ladder offers), or null. */
function tierReached(tiers: LadderTier[] | null, members: number): LadderTier | null {
  return tiers?.[tierIndexReached(tiers, members)] ?? null;
}

/**
 * A losing member's consolation voucher, issued once per reservation (its order key is the
 * reservation), in a savepoint: a voucher product paused or ended since the offer was made issues
 * nothing, and the member is refunded instead.
 */
async function consolationVoucher(
  clock: Clock,
  db: Db,
  merchantId: string,
  productId: string,
  reservation: ReservationRow,
): Promise<string | undefined> {
  try {
    const { voucher } = await issueVoucher(db, clock, merchantId, {
      productId,
      shopperId: reservation.shopper_id,
      orderRef: `lottery:${reservation.id}`,
    });
    return voucher.id;
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Taking a seat: one database call each, one round trip and one commit that carries the seat,
// the reservation and the team's live event (migration 0023_seat_hold.sql says why it is shaped so)

type SeatTaken = 'held' | 'opened' | 'pending_own';
type SeatRefused =
  | 'not_found'
  | 'settle'
  | 'team_closed'
  | 'already_member'
  | 'team_full'
  | 'campaign_not_active'
  | 'offer_not_active'
  | 'offer_sold_out'
  | 'sold_out'
  | 'not_new_customer'
  | 'product_required'
  | 'unknown_product'
  | 'no_products';

/** What hold_seat and open_team answer: the team and the shopper's seat in it, or why not. */
type SeatCall =
  | {
      outcome: SeatTaken;
      /** The team as every viewer sees it, as its live event announced it. */
      team: Omit<Team, 'myReservation'>;
      /** The shopper's reservation row, as JSON (timestamps as text). */
      reservation: Omit<ReservationRow, 'expires_at'> & { expires_at: string };
    }
  | {
      outcome: SeatRefused;
      /** The refusing team's status (team_closed), or offer's (campaign_not_active, offer_not_active). */
      state: string | null;
    };

/** The API's answer to a seat call: the team with the shopper's seat in it, or the error its outcome names. */
function seatAnswer(call: SeatCall, now: Date, notFoundWhat: string): ReserveResponse {
  switch (call.outcome) {
    case 'held':
    case 'opened':
    case 'pending_own': {
      const reservation = reservationView({ ...call.reservation, expires_at: new Date(call.reservation.expires_at) }, now);
      return { team: { ...call.team, myReservation: reservation }, reservation };
    }
    case 'not_found':
      throw notFound(notFoundWhat);
    case 'team_closed':
      throw new ApiError('team_closed', call.state === 'pending' ? 'This team is not open yet.' : 'This team has closed.');
    case 'already_member':
      throw new ApiError('already_member', 'You already have a seat in this team.');
    case 'team_full':
      throw new ApiError('team_full', 'This team is full; start a new one.');
    // Paused or ended by the merchant: the same code as every campaign; outside its dates: the offer's own.
    case 'campaign_not_active':
    case 'offer_not_active':
      throw new ApiError(call.outcome, notRunningMessage(call.state as CampaignStatus, 'group-buy offer'));
    case 'offer_sold_out':
      throw new ApiError('offer_sold_out', 'No more teams can be opened for this offer.');
    case 'sold_out':
      throw new ApiError('sold_out', 'Sold out: every unit of this offer is taken.');
    case 'not_new_customer':
      throw new ApiError('not_new_customer', 'This team is for first-time customers of the shop; start your own team instead.');
    case 'product_required':
      throw invalidField('productRef', 'Pick one of the offer’s products: send its productRef.');
    case 'unknown_product':
      throw invalidField('productRef', 'productRef is not one of the offer’s products.');
    case 'no_products':
      throw invalidField('productRef', 'This offer has no set of products to pick from: send no productRef.');
    case 'settle':
      throw new Error('hold_seat asked again to settle a team that was just settled');
  }
}

/**
 * Opens a team in `pending` and holds the leader's seat; it opens to others once the leader pays.
 * A shopper who taps "start a group" again before paying gets the same unpaid team back.
 */
export async function openTeam(
  db: Db,
  clock: Clock,
  secrets: SecretBox,
  merchantId: string,
  offerId: string,
  shopper: Shopper,
  seat: SeatRequest = {},
): Promise<ReserveResponse> {
  const now = clock.now();
  const teamId = newId('team');
  // Every team gets a seed; open_team keeps it only for a lottery offer (it alone reads the offer under its lock).
  const draw = await newDrawSeed(secrets, teamId);
  const [call] = await db.query<SeatCall>(`select * from open_team($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz)`, [
    merchantId,
    offerId,
    shopper.id,
    shopper.displayName,
    shopper.avatarUrl,
    teamId,
    newId('res'),
    seat.productRef ?? null,
    draw.commitment,
    draw.sealedSeed,
    iso(now),
  ]);
  return seatAnswer(call as SeatCall, now, 'group-buy offer');
}

/** Holds a seat in an open team for the shopper; the hold ends at the offer's hold TTL or the team's deadline. */
export async function reserveSeat(
  db: Db,
  clock: Clock,
  merchantId: string,
  teamId: string,
  shopper: Shopper,
  seat: SeatRequest = {},
): Promise<ReserveResponse> {
  const now = clock.now();
  const holdSeat = async (sql: Sql) => {
    const [call] = await sql.query<SeatCall>(`select * from hold_seat($1, $2, $3, $4, $5, $6, $7, $8::timestamptz)`, [
      merchantId,
      teamId,
      shopper.id,
      shopper.displayName,
      shopper.avatarUrl,
      newId('res'),
      seat.productRef ?? null,
      iso(now),
    ]);
    return call as SeatCall;
  };
  const call = await holdSeat(db);
  if (call.outcome !== 'settle') return seatAnswer(call, now, 'team');
  // A lapsed hold or a passed deadline first: settling may close the team and tell the merchant (a
  // webhook listing the paid seats), which is done here; then the same call, in the same transaction.
  return db.transaction(async (tx) => {
    await settleLockedTeam(tx, clock, await loadTeam(tx, merchantId, teamId, true));
    return seatAnswer(await holdSeat(tx), now, 'team');
  });
}

/**
 * Called by the shop's backend after it took payment. The leader's payment opens the team and
 * starts its countdown; the payment that fills the last seat completes it.
 */
export async function confirmReservation(
  db: Db,
  clock: Clock,
  secrets: SecretBox,
  merchantId: string,
  reservationId: string,
  orderRef: string,
): Promise<Reservation> {
  return db.transaction(async (tx) => {
    const [found] = await tx.query<{ team_id: string }>(`select team_id from reservations where merchant_id = $1 and id = $2`, [
      merchantId,
      reservationId,
    ]);
    if (!found) throw notFound('reservation');
    let team = await settleLockedTeam(tx, clock, await loadTeam(tx, merchantId, found.team_id, true));
    const now = clock.now();
    const [reservation] = await tx.query<ReservationRow>(`select * from reservations where merchant_id = $1 and id = $2`, [
      merchantId,
      reservationId,
    ]);
    if (!reservation) throw notFound('reservation');
    if (reservation.status === 'confirmed') {
      if (reservation.order_ref === orderRef) return reservationView(reservation, now);
      throw new ApiError('reservation_not_held', 'This reservation was already confirmed with another orderRef.');
    }
    if (reservation.status === 'expired') {
      throw new ApiError('reservation_expired', 'The seat hold expired before payment; refund the shopper.');
    }
    if (reservation.status === 'released' || (team.status !== 'open' && team.status !== 'pending')) {
      throw new ApiError('team_closed', 'The team closed before this payment; refund the shopper.');
    }
    const [confirmed] = await tx.query<ReservationRow>(
      `update reservations set status = 'confirmed', order_ref = $3, confirmed_at = $4::timestamptz
       where merchant_id = $1 and id = $2 returning *`,
      [merchantId, reservationId, orderRef, iso(now)],
    );
    if (team.status === 'pending' && reservation.leader) {
      const offer = await loadOffer(tx, merchantId, team.offer_id);
      const rows = await tx.query<TeamRow>(
        `update teams set status = 'open', opened_at = $3::timestamptz, expires_at = $4::timestamptz
         where merchant_id = $1 and id = $2 returning *`,
        [merchantId, team.id, iso(now), iso(addSeconds(now, offer.team_ttl_seconds))],
      );
      team = { ...(rows[0] as TeamRow), complete_min_members: team.complete_min_members };
    }
    const [{ paid } = { paid: 0 }] = await tx.query<{ paid: number }>(
      `select count(*)::int as paid from reservations where merchant_id = $1 and team_id = $2 and status = 'confirmed'`,
      [merchantId, team.id],
    );
    if (paid >= team.size) await closeTeam(tx, clock, team, 'succeeded', true, { db: insideTransaction(db, tx), secrets });
    else await publishTeam(tx, clock, team);
    return reservationView(confirmed as ReservationRow, now);
  });
}

/** Reads a team, settling it first when its clock has run out so nobody sees a stale state. */
export async function getTeam(db: Db, clock: Clock, merchantId: string, teamId: string, shopper?: Shopper): Promise<Team> {
  const team = await teamForEveryone(db, clock, merchantId, teamId);
  return shopper ? { ...team.view, myReservation: team.myReservation(shopper) } : team.view;
}

/**
 * A team as every viewer sees it (without `myReservation`), settled first when its clock has run
 * out, and each shopper's own part from the same rows. It stays the same until a write announces
 * a change or `changesAt`: the team's deadline, or one of its holds lapsing.
 */
export async function teamForEveryone(
  db: Db,
  clock: Clock,
  merchantId: string,
  teamId: string,
): Promise<Timed<Team> & { myReservation(shopper: Shopper): Reservation | null }> {
  let team = await loadTeam(db, merchantId, teamId, false);
  if (await teamIsDue(db, clock, team)) {
    await db.transaction(async (tx) => settleLockedTeam(tx, clock, await loadTeam(tx, merchantId, teamId, true)));
    team = await loadTeam(db, merchantId, teamId, false);
  }
  const reservations = await reservationsOf(db, team);
  const now = clock.now();
  const forming = team.status === 'pending' || team.status === 'open';
  return {
    view: teamViewOf(team, reservations, now),
    now,
    changesAt: nextChange(now, [
      forming ? team.expires_at : null,
      ...reservations.filter((r) => r.status === 'held').map((r) => r.expires_at),
    ]),
    myReservation: (shopper) => myReservationOf(reservations, shopper, now),
  };
}

async function teamIsDue(sql: Sql, clock: Clock, team: TeamRow): Promise<boolean> {
  if (team.status !== 'pending' && team.status !== 'open') return false;
  if (team.expires_at <= clock.now()) return true;
  const lapsed = await sql.query(
    `select 1 from reservations where merchant_id = $1 and team_id = $2 and status = 'held' and expires_at <= $3::timestamptz limit 1`,
    [team.merchant_id, team.id, iso(clock.now())],
  );
  return lapsed.length > 0;
}

/**
 * One pass of the background sweeper: settles teams with lapsed holds or past deadlines. Each team
 * is settled in its own transaction under `skip locked`, so several server processes can sweep
 * the same database without blocking on or double-closing a team.
 */
export async function sweepTeams(db: Db, clock: Clock, batch = 100): Promise<number> {
  const now = iso(clock.now());
  const due = await db.query<{ merchant_id: string; id: string }>(
    `select merchant_id, id from teams where status in ('pending', 'open') and expires_at <= $1::timestamptz
     union
     select merchant_id, team_id from reservations where status = 'held' and expires_at <= $1::timestamptz
     limit $2`,
    [now, batch],
  );
  let settled = 0;
  for (const { merchant_id, id } of due) {
    settled += await db.transaction(async (tx) => {
      const rows = await tx.query<TeamRow>(
        `select t.*, o.complete_min_members from teams t
         join group_buy_offers o on o.merchant_id = t.merchant_id and o.id = t.offer_id
         where t.merchant_id = $1 and t.id = $2 for update of t skip locked`,
        [merchant_id, id],
      );
      if (!rows[0]) return 0;
      await settleLockedTeam(tx, clock, rows[0]);
      return 1;
    });
  }
  return settled;
}
