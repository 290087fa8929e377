-- Assist (助力 / 砍价): a campaign sets the terms, a shopper starts an assist on it, friends help.
-- As everywhere, merchant_id comes first in every primary key.

create table assist_campaigns (
  merchant_id text not null references merchants (id),
  id text not null,
  product_ref text not null,
  title text not null,
  image_url text,
  mode text not null check (mode in ('progress', 'price_cut')),
  goal integer not null check (goal between 1 and 1000),
  start_price bigint check (start_price >= 0),
  floor_price bigint check (floor_price >= 0 and floor_price <= start_price),
  currency text,
  ttl_seconds integer not null check (ttl_seconds > 0),
  purchase_ttl_seconds integer not null check (purchase_ttl_seconds > 0),
  helps_per_helper_per_day integer check (helps_per_helper_per_day > 0),
  reward_description text not null,
  reward_voucher_product_id text,
  starts_at timestamptz,
  ends_at timestamptz,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  -- A price cut must be able to take at least one minor unit per help.
  check (mode <> 'price_cut' or (start_price is not null and floor_price is not null and currency is not null
                                 and start_price - floor_price >= goal))
);

-- An assist copies the campaign's terms when it starts, so it keeps the terms the shopper saw.
create table assists (
  merchant_id text not null,
  id text not null,
  campaign_id text not null,
  owner_shopper_id text not null,
  owner_display_name text not null,
  owner_avatar_url text,
  mode text not null check (mode in ('progress', 'price_cut')),
  status text not null check (status in ('active', 'completed', 'expired')),
  goal integer not null check (goal >= 1),
  helps integer not null default 0 check (helps >= 0 and helps <= goal),
  start_price bigint,
  floor_price bigint,
  -- In price_cut mode: start_price minus every cut so far; never below the floor.
  current_price bigint check (current_price >= floor_price and current_price <= start_price),
  currency text,
  purchase_ttl_seconds integer not null,
  expires_at timestamptz not null,
  completed_at timestamptz,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  foreign key (merchant_id, campaign_id) references assist_campaigns (merchant_id, id),
  check ((status = 'completed') = (completed_at is not null)),
  check (status <> 'completed' or helps = goal),
  check (mode <> 'price_cut' or status <> 'completed' or current_price = floor_price)
);
-- One active assist per shopper per campaign, whatever the concurrency.
create unique index assists_one_active on assists (merchant_id, campaign_id, owner_shopper_id) where status = 'active';
create index assists_by_owner on assists (merchant_id, campaign_id, owner_shopper_id, created_at);
create index assists_due on assists (expires_at) where status = 'active';

-- A helper counts once per assist: the primary key is the guarantee, under any concurrency.
-- seq numbers the helps 1..goal, so an assist can never collect more helps than its goal.
create table assist_helps (
  merchant_id text not null,
  assist_id text not null,
  helper_shopper_id text not null,
  helper_display_name text not null,
  helper_avatar_url text,
  seq integer not null check (seq >= 1),
  amount_cut bigint check (amount_cut >= 1),
  helped_at timestamptz not null,
  primary key (merchant_id, assist_id, helper_shopper_id),
  unique (merchant_id, assist_id, seq),
  foreign key (merchant_id, assist_id) references assists (merchant_id, id)
);

-- Helps given per helper per UTC day across all of a merchant's assists (for helpsPerHelperPerDay).
-- Upserted in the help's transaction: the row lock serialises one helper's concurrent helps, so
-- the daily limit holds exactly even when they help several assists at once.
create table assist_helper_days (
  merchant_id text not null,
  helper_shopper_id text not null,
  day date not null,
  helps integer not null check (helps >= 0),
  primary key (merchant_id, helper_shopper_id, day)
);

-- Fixed-window counter of help attempts per client IP, shared by every server process.
create table assist_help_rate (
  merchant_id text not null,
  ip text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (merchant_id, ip, window_start)
);
create index assist_help_rate_by_age on assist_help_rate (window_start);
