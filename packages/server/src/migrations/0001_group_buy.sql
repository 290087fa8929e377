-- Every table carries merchant_id and every primary key starts with it, so the data can be
-- distributed by merchant (Citus) later; api_keys is the one small global lookup table.

create table merchants (
  id text primary key,
  name text not null,
  origins text[] not null,
  webhook_url text,
  -- Both are used to sign (HMAC), so they are kept, unlike API keys, which are stored hashed.
  webhook_secret text not null,
  token_signing_key text not null,
  created_at timestamptz not null
);

create table api_keys (
  key_hash text primary key,
  merchant_id text not null references merchants (id),
  kind text not null check (kind in ('publishable', 'secret', 'staff')),
  key_prefix text not null,
  store text,
  created_at timestamptz not null,
  expires_at timestamptz
);
create index api_keys_merchant on api_keys (merchant_id, kind);

create table group_buy_offers (
  merchant_id text not null references merchants (id),
  id text not null,
  product_ref text not null,
  title text not null,
  image_url text,
  regular_price integer not null check (regular_price >= 0),
  group_price integer not null check (group_price >= 0 and group_price <= regular_price),
  leader_price integer check (leader_price >= 0 and leader_price <= group_price),
  currency text not null,
  team_size integer not null check (team_size between 2 and 100),
  team_ttl_seconds integer not null check (team_ttl_seconds > 0),
  hold_ttl_seconds integer not null check (hold_ttl_seconds > 0),
  complete_min_members integer check (complete_min_members >= 2 and complete_min_members <= team_size),
  starts_at timestamptz,
  ends_at timestamptz,
  max_teams integer check (max_teams > 0),
  created_at timestamptz not null,
  primary key (merchant_id, id)
);

create table teams (
  merchant_id text not null,
  id text not null,
  offer_id text not null,
  status text not null check (status in ('pending', 'open', 'succeeded', 'failed')),
  size integer not null,
  -- Held + confirmed seats. The check is the last line of defence against overselling;
  -- the reservation transaction also locks this row before counting.
  seats_taken integer not null check (seats_taken >= 0 and seats_taken <= size),
  expires_at timestamptz not null,
  opened_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  foreign key (merchant_id, offer_id) references group_buy_offers (merchant_id, id)
);
create index teams_by_offer on teams (merchant_id, offer_id, status, expires_at);
create index teams_due on teams (expires_at) where status in ('pending', 'open');

create table reservations (
  merchant_id text not null,
  id text not null,
  team_id text not null,
  offer_id text not null,
  shopper_id text not null,
  display_name text not null,
  avatar_url text,
  leader boolean not null,
  status text not null check (status in ('held', 'confirmed', 'released', 'expired')),
  price integer not null,
  currency text not null,
  expires_at timestamptz not null,
  order_ref text,
  confirmed_at timestamptz,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  foreign key (merchant_id, team_id) references teams (merchant_id, id)
);
-- A shopper has at most one live seat in a team, whatever the concurrency.
create unique index reservations_one_live_seat on reservations (merchant_id, team_id, shopper_id)
  where status in ('held', 'confirmed');
create index reservations_by_team on reservations (merchant_id, team_id, status);
create index reservations_by_shopper on reservations (merchant_id, offer_id, shopper_id);
create index reservations_due on reservations (expires_at) where status = 'held';

create table idempotency_keys (
  merchant_id text not null,
  scope text not null,
  key text not null,
  request_hash text not null,
  response_status integer,
  response_body text,
  created_at timestamptz not null,
  primary key (merchant_id, scope, key)
);

-- Transactional outbox: written in the same transaction as the change it reports.
create table webhook_events (
  merchant_id text not null,
  id text not null,
  type text not null,
  payload text not null,
  created_at timestamptz not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  locked_until timestamptz,
  delivered_at timestamptz,
  last_error text,
  primary key (merchant_id, id)
);
create index webhook_events_due on webhook_events (next_attempt_at) where delivered_at is null;
