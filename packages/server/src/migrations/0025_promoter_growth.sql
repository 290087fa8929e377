-- The promoter growth kit (docs/referral.md): tiers by output, a first-order reward, a boost for new
-- promoters, a reward for the friend, share material (素材), shares and their history, and the
-- leaderboard opt-out. Every figure shown (tier, leaderboard, ticker, share performance, suggestions)
-- is a sum over ledger entries, commissions, clicks and orders at the time it is asked for: none is stored.

alter table referral_programs
  -- [{ "name": "Gold", "minCommission30d": 50000, "bps": 1500 }, …]: thresholds ascending (checked by the API).
  add column tiers jsonb,
  add column first_order_reward bigint check (first_order_reward > 0),
  add column boost_bps integer check (boost_bps between 0 and 10000),
  add column boost_days integer check (boost_days between 1 and 365),
  -- The friend's reward: a voucher product of the merchant, or an amount off a minimum spend.
  add column friend_voucher_product_id text,
  add column friend_amount_off bigint check (friend_amount_off > 0),
  add column friend_min_spend bigint check (friend_min_spend >= 0),
  add column friend_valid_days integer check (friend_valid_days between 1 and 365),
  add check ((boost_bps is null) = (boost_days is null)),
  add check ((friend_amount_off is null) = (friend_min_spend is null)),
  add check (friend_voucher_product_id is null or friend_amount_off is null);

alter table promoters add column show_on_leaderboard boolean not null default true;

-- A first-order reward is a commission row of its own kind on level 1, so it is held, released,
-- reviewed, reversed and paid by the same code and counted in the same balances; the partial unique
-- index pays it once per promoter, however often or concurrently orders are reported.
alter table commissions
  add column kind text not null default 'commission' check (kind in ('commission', 'first_order_reward')),
  -- The rate it was earned at (a tier's, the boost's or the program's); null for a fixed amount.
  add column rate_bps integer check (rate_bps between 0 and 10000),
  drop constraint commissions_merchant_id_order_id_level_key,
  add unique (merchant_id, order_id, level, kind),
  add check (kind = 'commission' or level = 1);
create unique index commissions_one_first_order_reward on commissions (merchant_id, promoter_id)
  where kind = 'first_order_reward';
-- Leaderboards and tiers sum a promoter's commissions by time.
create index commissions_by_promoter_time on commissions (merchant_id, promoter_id, created_at);
create index ledger_entries_by_commission on ledger_entries (merchant_id, commission_id) where commission_id is not null;

-- Share material, per program: copy with {link}, images and the page the link leads to.
create table referral_materials (
  merchant_id text not null,
  id text not null,
  program_id text not null,
  title text not null,
  body text not null,
  image_urls text[] not null default '{}',
  url text not null,
  price bigint check (price >= 0),
  archived boolean not null default false,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  foreign key (merchant_id, program_id) references referral_programs (merchant_id, id)
);
create index referral_materials_by_program on referral_materials (merchant_id, program_id, created_at desc);

-- A share: its id is made by the promoter's browser and travels in the link (flock_share), so a
-- click may name a share recorded a moment later; history joins them by id and promoter.
create table promoter_shares (
  merchant_id text not null,
  id text not null,
  program_id text not null,
  promoter_id text not null,
  material_id text,
  channel text not null check (channel in ('copy', 'web_share', 'poster', 'wechat', 'other')),
  created_at timestamptz not null,
  primary key (merchant_id, id),
  foreign key (merchant_id, promoter_id) references promoters (merchant_id, id)
);
create index promoter_shares_newest on promoter_shares (merchant_id, promoter_id, created_at desc, id collate "C" desc);

alter table referral_clicks add column share_id text;
create index referral_clicks_by_share on referral_clicks (merchant_id, share_id) where share_id is not null;

-- A friend's reward: one per shopper per program (the unique key settles concurrent claims).
-- `code` goes into the order report (friendCoupon); used_at and order_id are set by that order once.
create table friend_rewards (
  merchant_id text not null,
  id text not null,
  program_id text not null,
  promoter_id text not null,
  click_id text not null,
  shopper_id text not null,
  kind text not null check (kind in ('voucher', 'amount_off')),
  code text not null,
  amount_off bigint,
  min_spend bigint,
  currency text,
  voucher_id text,
  expires_at timestamptz not null,
  used_at timestamptz,
  order_id text,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  unique (merchant_id, program_id, shopper_id),
  unique (merchant_id, code),
  foreign key (merchant_id, promoter_id) references promoters (merchant_id, id),
  check ((kind = 'amount_off') = (amount_off is not null and min_spend is not null)),
  check ((used_at is null) = (order_id is null))
);

alter table orders add column friend_coupon text;
