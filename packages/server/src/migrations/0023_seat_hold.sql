-- A seat hold (POST /v1/teams/:id/reservations) and a team opening (POST /v1/group-buy-offers/:id/teams)
-- are each ONE call of a function below: one round trip to the database and one commit carrying the
-- seat, the reservation and the team's live event (its row and its NOTIFY). Sent as separate
-- statements, the hold took three round trips and two commits, the second one with the NOTIFY.
--
-- Functions rather than one statement of data-modifying CTEs: a statement reads one snapshot, taken
-- before it waits for the team's row lock, so it would render the team without the seats held by
-- whoever held the lock meanwhile, and announce stale seats. In a volatile function each statement
-- takes a fresh snapshot: once the lock is held, the checks and the team's view see every committed
-- seat. PostgreSQL and PGlite run them alike.
--
-- The server's clock comes in as clock_now (tests move it), never the database's now(). A refusal is
-- returned as an outcome, which the server turns into its API error (domain/teams.ts), not raised.

-- A timestamp as the API writes it: JavaScript's Date.toISOString(), milliseconds and Z.
create function api_time(t timestamptz) returns text language sql stable as $$
  select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- A seat's price, decided here and nowhere else: the team's leader pays the offer's leader price
-- when it has one; every other seat, and a leader's when the offer has none, pays the group price.
create function seat_price(leader boolean, group_price bigint, leader_price bigint) returns bigint
  language sql immutable as $$
  select case when leader then coalesce(leader_price, group_price) else group_price end
$$;

-- Records a live event and announces it on commit: NOTIFY flock_live (LIVE_CHANNEL in
-- domain/live-events.ts) with '<merchant_id> <id> <topic>', then ' <type> <payload>' when the
-- payload fits in the NOTIFY (INLINE_PAYLOAD_MAX_BYTES there; PostgreSQL's limit is 8000 bytes).
create function publish_live_event(merchant_id text, topic text, event_type text, payload text, created_at timestamptz)
  returns void language plpgsql as $$
declare
  event_id bigint;
begin
  insert into live_events as e (merchant_id, topic, type, payload, created_at)
  values (publish_live_event.merchant_id, publish_live_event.topic, event_type, publish_live_event.payload,
          publish_live_event.created_at)
  returning e.id into event_id;
  perform pg_notify('flock_live', publish_live_event.merchant_id || ' ' || event_id || ' ' || publish_live_event.topic
    || case when octet_length(publish_live_event.payload) <= 7000
            then ' ' || event_type || ' ' || publish_live_event.payload else '' end);
end $$;

-- A team as any viewer sees it (the API's Team without myReservation): paid members leader first,
-- then by payment; unexpired holds counted, never shown. GET /v1/teams/:id renders the same from
-- the same rows in TypeScript (teamViewOf); test/seat-hold.test.ts keeps the two equal.
-- The members are joined as text: json_agg would put line breaks between them, and the payload
-- travels as one line of a Server-Sent Event.
create function team_view(merchant_id text, team_id text, clock_now timestamptz) returns json
  language plpgsql stable as $$
begin
  return (
    select json_build_object(
      'id', t.id,
      'offerId', t.offer_id,
      'status', t.status,
      'size', t.size,
      'members', seats.members::json,
      'seatsHeld', seats.held,
      'seatsLeft', case when t.status = 'open' and t.expires_at > clock_now
                        then greatest(0, t.size - seats.paid - seats.held) else 0 end,
      'expiresAt', api_time(t.expires_at),
      'completesAtDeadline', case when o.complete_min_members is not null
                                  then json_build_object('minMembers', o.complete_min_members) end,
      'closedAt', api_time(t.closed_at),
      'serverNow', api_time(clock_now))
    from teams t
    join group_buy_offers o on o.merchant_id = t.merchant_id and o.id = t.offer_id
    cross join lateral (
      select count(*) filter (where r.status = 'confirmed')::int as paid,
             count(*) filter (where r.status = 'held' and r.expires_at > clock_now)::int as held,
             '[' || coalesce(string_agg(
               json_build_object('displayName', r.display_name, 'avatarUrl', r.avatar_url, 'leader', r.leader)::text,
               ', ' order by r.leader desc, r.confirmed_at asc, r.created_at asc) filter (where r.status = 'confirmed'), '')
               || ']' as members
      from reservations r
      where r.merchant_id = t.merchant_id and r.team_id = t.id and r.status in ('held', 'confirmed')
    ) as seats
    where t.merchant_id = team_view.merchant_id and t.id = team_view.team_id);
end $$;

-- Tells every page following the team (topic team:<id>) its new public state, and returns it.
create function publish_team(merchant_id text, team_id text, clock_now timestamptz) returns json
  language plpgsql as $$
declare
  public_view json := team_view(publish_team.merchant_id, publish_team.team_id, clock_now);
begin
  perform publish_live_event(publish_team.merchant_id, 'team:' || publish_team.team_id, 'team.updated',
                             public_view::text, clock_now);
  return public_view;
end $$;

-- Holds a seat in an open team for the shopper, until the offer's hold TTL or the team's deadline.
-- The offer's status is not asked: a paused or ended offer's open teams still take members (only
-- new teams are refused, in open_team).
-- outcome: 'held' (team: its public view, reservation: the new row), or why not: 'not_found',
-- 'settle' (a lapsed hold or a passed deadline to settle first, which may close the team and tell
-- the merchant: the server does that, then calls again), 'team_closed' (state: the team's status),
-- 'already_member', 'team_full'.
create function hold_seat(merchant_id text, team_id text, shopper_id text, display_name text, avatar_url text,
                          reservation_id text, clock_now timestamptz,
                          out outcome text, out state text, out team json, out reservation json)
  language plpgsql as $$
declare
  locked teams;
  offer group_buy_offers;
  held reservations;
begin
  -- Every change to a team's seats takes this lock first: holds of one team queue here, never oversell.
  select * into locked from teams t
  where t.merchant_id = hold_seat.merchant_id and t.id = hold_seat.team_id for update;
  if not found then
    outcome := 'not_found';
    return;
  end if;
  if (locked.status in ('pending', 'open') and locked.expires_at <= clock_now)
     or exists (select 1 from reservations r where r.merchant_id = locked.merchant_id and r.team_id = locked.id
                  and r.status = 'held' and r.expires_at <= clock_now) then
    outcome := 'settle';
    return;
  end if;
  if locked.status <> 'open' then
    outcome := 'team_closed';
    state := locked.status;
    return;
  end if;
  if exists (select 1 from reservations r where r.merchant_id = locked.merchant_id and r.team_id = locked.id
               and r.shopper_id = hold_seat.shopper_id and r.status in ('held', 'confirmed')) then
    outcome := 'already_member';
    return;
  end if;
  if locked.seats_taken >= locked.size then
    outcome := 'team_full';
    return;
  end if;

  select * into offer from group_buy_offers o where o.merchant_id = locked.merchant_id and o.id = locked.offer_id;
  update teams t set seats_taken = t.seats_taken + 1 where t.merchant_id = locked.merchant_id and t.id = locked.id;
  insert into reservations as r (merchant_id, id, team_id, offer_id, shopper_id, display_name, avatar_url, leader,
                                 status, price, currency, expires_at, created_at)
  values (locked.merchant_id, reservation_id, locked.id, locked.offer_id, hold_seat.shopper_id, hold_seat.display_name,
          hold_seat.avatar_url, false, 'held', seat_price(false, offer.group_price, offer.leader_price), offer.currency,
          least(clock_now + make_interval(secs => offer.hold_ttl_seconds), locked.expires_at), clock_now)
  returning r.* into held;
  outcome := 'held';
  team := publish_team(locked.merchant_id, locked.id, clock_now);
  reservation := to_json(held);
end $$;

-- Opens a team in 'pending' with the leader's seat held; it opens to others once the leader pays.
-- outcome: 'opened' (team: its public view, reservation: the leader's row), 'pending_own' (the
-- shopper's own unpaid team, given back as it is: tapping "start a group" twice opens one team), or
-- why not: 'not_found', 'campaign_not_active' (state: the offer's status: paused or ended),
-- 'offer_not_active' (outside its dates), 'offer_sold_out' (maxTeams reached).
create function open_team(merchant_id text, offer_id text, shopper_id text, display_name text, avatar_url text,
                          team_id text, reservation_id text, clock_now timestamptz,
                          out outcome text, out state text, out team json, out reservation json)
  language plpgsql as $$
declare
  offer group_buy_offers;
  own reservations;
  hold_until timestamptz;
  teams_counted int;
begin
  -- Locking the offer serialises team openings per offer, which keeps maxTeams exact.
  select * into offer from group_buy_offers o
  where o.merchant_id = open_team.merchant_id and o.id = open_team.offer_id for update;
  if not found then
    outcome := 'not_found';
    return;
  end if;
  -- Paused or ended by the merchant: the code every campaign answers; outside its dates: the offer's own.
  -- (The same rule as offerIsActive in domain/teams.ts, which shows it as the offer's `active`.)
  if offer.status <> 'active' then
    outcome := 'campaign_not_active';
    state := offer.status;
    return;
  end if;
  if (offer.starts_at is not null and offer.starts_at > clock_now) or (offer.ends_at is not null and offer.ends_at <= clock_now) then
    outcome := 'offer_not_active';
    state := offer.status;
    return;
  end if;

  select r.* into own from reservations r
  join teams t on t.merchant_id = r.merchant_id and t.id = r.team_id
  where r.merchant_id = offer.merchant_id and r.offer_id = offer.id and r.shopper_id = open_team.shopper_id
    and r.leader and r.status = 'held' and r.expires_at > clock_now and t.status = 'pending'
  order by r.created_at desc limit 1;
  if found then
    outcome := 'pending_own';
    team := team_view(offer.merchant_id, own.team_id, clock_now);
    reservation := to_json(own);
    return;
  end if;

  if offer.max_teams is not null then
    -- A pending team whose leader still holds a seat counts too, like any stock hold: otherwise
    -- several leaders could each open one, all pay, and the offer would end up over maxTeams.
    select (select coalesce(sum(x.succeeded), 0) from offer_team_totals x
            where x.merchant_id = offer.merchant_id and x.offer_id = offer.id)
         + (select count(*) from teams t
            where t.merchant_id = offer.merchant_id and t.offer_id = offer.id and t.status in ('pending', 'open')
              and (t.status = 'open' or t.expires_at > clock_now))
    into teams_counted;
    if teams_counted >= offer.max_teams then
      outcome := 'offer_sold_out';
      return;
    end if;
  end if;

  hold_until := clock_now + make_interval(secs => offer.hold_ttl_seconds);
  insert into teams (merchant_id, id, offer_id, status, size, seats_taken, expires_at, created_at)
  values (offer.merchant_id, open_team.team_id, offer.id, 'pending', offer.team_size, 1, hold_until, clock_now);
  insert into reservations as r (merchant_id, id, team_id, offer_id, shopper_id, display_name, avatar_url, leader,
                                 status, price, currency, expires_at, created_at)
  values (offer.merchant_id, reservation_id, open_team.team_id, offer.id, open_team.shopper_id, open_team.display_name,
          open_team.avatar_url, true, 'held', seat_price(true, offer.group_price, offer.leader_price), offer.currency,
          hold_until, clock_now)
  returning r.* into own;
  outcome := 'opened';
  -- Nobody follows a team before it exists; the merchant's console, following the whole shop, sees it start.
  team := publish_team(offer.merchant_id, open_team.team_id, clock_now);
  reservation := to_json(own);
end $$;
