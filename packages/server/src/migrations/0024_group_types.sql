-- More ways to buy together (docs/group-buy.md): flash-sale stock (秒杀团), ladder tiers (阶梯团),
-- lottery teams (抽奖团), cross-product sets (拼单) and new-customer teams (老带新). Each is a field
-- of the offer; seats are still taken only by hold_seat and open_team, redefined here.

alter table group_buy_offers
  -- [{ "members": 3, "price": 2900 }, …]: members ascending, price descending (checked by the API).
  -- The first tier's members are stored as complete_min_members too: the team succeeds at its
  -- deadline once it reaches the first tier, or at once when it fills the last.
  add column tiers jsonb,
  add column lottery_winners integer check (lottery_winners > 0 and lottery_winners < team_size),
  add column lottery_voucher_product_id text,
  -- [{ "productRef", "title", "imageUrl", "regularPrice", "groupPrice" }, …]
  add column products jsonb,
  add column joiners_must_be_new boolean not null default false;

-- A flash sale's units, apart from the offer's row: a seat hold locks its team, then this row, while
-- opening a team locks the offer, then this row; so no two paths take the same two locks in
-- opposite orders. The check is the last line of defence against overselling.
create table offer_stock (
  merchant_id text not null,
  offer_id text not null,
  stock integer not null check (stock > 0),
  taken integer not null default 0,
  primary key (merchant_id, offer_id),
  check (taken >= 0 and taken <= stock)
);

-- The product a member picked in a cross-product offer.
alter table reservations add column product_ref text;

-- A lottery team's draw: the seed's commitment from the start, the seed itself sealed with the
-- server key until the team fills and draws, then revealed with the winners (reservation ids).
create table team_draws (
  merchant_id text not null,
  team_id text not null,
  commitment text not null,
  sealed_seed text not null,
  seed text,
  winners text[],
  drawn_at timestamptz,
  primary key (merchant_id, team_id)
);

-- "An earlier purchase from this merchant" for new-customer teams: a paid seat in a team that did
-- not fail, or an order the shop reported (orders_by_shopper).
create index reservations_paid_by_shopper on reservations (merchant_id, shopper_id) where status = 'confirmed';

create function is_returning_customer(merchant_id text, shopper_id text) returns boolean
  language sql stable as $$
  select exists (select 1 from reservations r
                 join teams t on t.merchant_id = r.merchant_id and t.id = r.team_id
                 where r.merchant_id = is_returning_customer.merchant_id and r.shopper_id = is_returning_customer.shopper_id
                   and r.status = 'confirmed' and t.status <> 'failed')
      or exists (select 1 from orders o
                 where o.merchant_id = is_returning_customer.merchant_id and o.shopper_id = is_returning_customer.shopper_id)
$$;

-- Tells every page following the offer (topic offer:<id>) how many units are left.
create function publish_stock(merchant_id text, offer_id text, clock_now timestamptz) returns void
  language plpgsql as $$
begin
  perform publish_live_event(publish_stock.merchant_id, 'offer:' || publish_stock.offer_id, 'offer.stock',
    (select json_build_object('offerId', s.offer_id, 'stock', s.stock, 'stockLeft', s.stock - s.taken)::text
     from offer_stock s where s.merchant_id = publish_stock.merchant_id and s.offer_id = publish_stock.offer_id),
    clock_now);
end $$;

-- Takes one unit of the offer's stock for a seat; false when none is left. An offer without stock
-- always has one.
create function take_stock(merchant_id text, offer_id text, clock_now timestamptz) returns boolean
  language plpgsql as $$
begin
  update offer_stock s set taken = s.taken + 1
  where s.merchant_id = take_stock.merchant_id and s.offer_id = take_stock.offer_id and s.taken < s.stock;
  if found then
    perform publish_stock(take_stock.merchant_id, take_stock.offer_id, clock_now);
    return true;
  end if;
  return not exists (select 1 from offer_stock s where s.merchant_id = take_stock.merchant_id and s.offer_id = take_stock.offer_id);
end $$;

-- Gives back the units of seats that lapsed, were released, or belonged to a team that failed.
create function return_stock(merchant_id text, offer_id text, units int, clock_now timestamptz) returns void
  language plpgsql as $$
begin
  if units <= 0 then
    return;
  end if;
  update offer_stock s set taken = s.taken - units
  where s.merchant_id = return_stock.merchant_id and s.offer_id = return_stock.offer_id;
  if found then
    perform publish_stock(return_stock.merchant_id, return_stock.offer_id, clock_now);
  end if;
end $$;

-- The price of a seat: the picked product's group price in a cross-product offer (null when the
-- product is not in the set), else seat_price's rule.
create function offer_seat_price(offer group_buy_offers, leader boolean, product_ref text) returns bigint
  language sql immutable as $$
  select case when offer.products is null then seat_price(leader, offer.group_price, offer.leader_price)
              else (select (p ->> 'groupPrice')::bigint from jsonb_array_elements(offer.products) p
                    where p ->> 'productRef' = product_ref) end
$$;

-- The product a seat request names, checked against the offer: null when it is fine, else the
-- outcome refusing it ('product_required', 'unknown_product', 'no_products').
create function product_refusal(offer group_buy_offers, product_ref text) returns text
  language sql immutable as $$
  select case
    when offer.products is null then case when product_ref is null then null else 'no_products' end
    when product_ref is null then 'product_required'
    when not exists (select 1 from jsonb_array_elements(offer.products) p where p ->> 'productRef' = product_ref)
      then 'unknown_product'
  end
$$;

-- A seat's reservation, held until expires_at at the price offer_seat_price decides: the one insert
-- of hold_seat and open_team.
create function insert_seat(offer group_buy_offers, team_id text, reservation_id text, shopper_id text,
                            display_name text, avatar_url text, leader boolean, product_ref text,
                            expires_at timestamptz, clock_now timestamptz) returns reservations
  language sql as $$
  insert into reservations (merchant_id, id, team_id, offer_id, shopper_id, display_name, avatar_url, leader,
                            status, price, currency, expires_at, created_at, product_ref)
  values (offer.merchant_id, reservation_id, team_id, offer.id, shopper_id, display_name, avatar_url, leader,
          'held', offer_seat_price(offer, leader, product_ref), offer.currency, expires_at, clock_now, product_ref)
  returning *
$$;

-- team_view with each member's picked product (cross-product offers); otherwise as in 0023.
create or replace function team_view(merchant_id text, team_id text, clock_now timestamptz) returns json
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
               json_build_object('displayName', r.display_name, 'avatarUrl', r.avatar_url, 'leader', r.leader,
                                 'productRef', r.product_ref)::text,
               ', ' order by r.leader desc, r.confirmed_at asc, r.created_at asc) filter (where r.status = 'confirmed'), '')
               || ']' as members
      from reservations r
      where r.merchant_id = t.merchant_id and r.team_id = t.id and r.status in ('held', 'confirmed')
    ) as seats
    where t.merchant_id = team_view.merchant_id and t.id = team_view.team_id);
end $$;

drop function hold_seat(text, text, text, text, text, text, timestamptz);
drop function open_team(text, text, text, text, text, text, text, timestamptz);

-- As in 0023, and: the picked product (product_ref) is checked and priced; a joiner of a
-- new-customer offer must not be a returning customer ('not_new_customer'); a flash sale's seat
-- takes a unit ('sold_out' when none is left).
create function hold_seat(merchant_id text, team_id text, shopper_id text, display_name text, avatar_url text,
                          reservation_id text, product_ref text, clock_now timestamptz,
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
  outcome := product_refusal(offer, hold_seat.product_ref);
  if outcome is not null then
    return;
  end if;
  if offer.joiners_must_be_new and is_returning_customer(locked.merchant_id, hold_seat.shopper_id) then
    outcome := 'not_new_customer';
    return;
  end if;
  if not take_stock(locked.merchant_id, locked.offer_id, clock_now) then
    outcome := 'sold_out';
    return;
  end if;
  update teams t set seats_taken = t.seats_taken + 1 where t.merchant_id = locked.merchant_id and t.id = locked.id;
  held := insert_seat(offer, locked.id, reservation_id, hold_seat.shopper_id, hold_seat.display_name, hold_seat.avatar_url,
                      false, hold_seat.product_ref,
                      least(clock_now + make_interval(secs => offer.hold_ttl_seconds), locked.expires_at), clock_now);
  outcome := 'held';
  team := publish_team(locked.merchant_id, locked.id, clock_now);
  reservation := to_json(held);
end $$;

-- As in 0023, and: the picked product is checked and priced, a flash sale's seat takes a unit
-- ('sold_out'), and a lottery offer's team gets its draw's commitment and sealed seed (made by the
-- server, which alone holds the key that opens the seed).
create function open_team(merchant_id text, offer_id text, shopper_id text, display_name text, avatar_url text,
                          team_id text, reservation_id text, product_ref text, draw_commitment text, draw_sealed_seed text,
                          clock_now timestamptz,
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
  outcome := product_refusal(offer, open_team.product_ref);
  if outcome is not null then
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
  if not take_stock(offer.merchant_id, offer.id, clock_now) then
    outcome := 'sold_out';
    return;
  end if;

  hold_until := clock_now + make_interval(secs => offer.hold_ttl_seconds);
  insert into teams (merchant_id, id, offer_id, status, size, seats_taken, expires_at, created_at)
  values (offer.merchant_id, open_team.team_id, offer.id, 'pending', offer.team_size, 1, hold_until, clock_now);
  own := insert_seat(offer, open_team.team_id, reservation_id, open_team.shopper_id, open_team.display_name,
                     open_team.avatar_url, true, open_team.product_ref, hold_until, clock_now);
  if offer.lottery_winners is not null then
    insert into team_draws (merchant_id, team_id, commitment, sealed_seed)
    values (offer.merchant_id, open_team.team_id, draw_commitment, draw_sealed_seed);
  end if;
  outcome := 'opened';
  -- Nobody follows a team before it exists; the merchant's console, following the whole shop, sees it start.
  team := publish_team(offer.merchant_id, open_team.team_id, clock_now);
  reservation := to_json(own);
end $$;
