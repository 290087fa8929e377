-- Referral (分销): a program sets the terms, shoppers become promoters, clicks attribute orders,
-- orders earn commissions, and every movement of commission money is a pair of ledger entries.
-- As everywhere, merchant_id comes first in every primary key. Money is bigint minor units.

create table referral_programs (
  merchant_id text not null references merchants (id),
  id text not null,
  name text not null,
  commission_type text not null check (commission_type in ('percent', 'fixed')),
  commission_bps integer check (commission_bps between 0 and 10000),
  commission_amount bigint check (commission_amount >= 0),
  second_level_bps integer check (second_level_bps between 0 and 10000),
  hold_days integer not null check (hold_days between 0 and 365),
  attribution_window_days integer not null check (attribution_window_days between 1 and 365),
  -- The one currency of the program's ledger: the fixed commission's, else the product's, else
  -- set by the first attributed order. Orders in another currency are refused (order_currency_mismatch).
  currency text,
  product_title text not null,
  product_image_url text,
  product_price bigint,
  product_currency text,
  product_url text not null,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  check ((commission_type = 'percent') = (commission_bps is not null)),
  check ((commission_type = 'fixed') = (commission_amount is not null and currency is not null)),
  check (coalesce(commission_bps, 0) + coalesce(second_level_bps, 0) <= 10000)
);

-- One promoter per shopper per program, whatever the concurrency; codes are unique per merchant,
-- so a click resolves its program from the code alone.
create table promoters (
  merchant_id text not null,
  id text not null,
  program_id text not null,
  shopper_id text not null,
  display_name text not null,
  code text not null,
  -- The direct referrer only (second level); a third level is never computed.
  referred_by text,
  -- The address the shopper joined from (a self-referral signal); null when unknown.
  joined_ip text,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  unique (merchant_id, program_id, shopper_id),
  unique (merchant_id, code),
  foreign key (merchant_id, program_id) references referral_programs (merchant_id, id),
  foreign key (merchant_id, referred_by) references promoters (merchant_id, id),
  check (referred_by is null or referred_by <> id)
);

-- A visit through a promoter's link; its id is the attribution id the order carries.
create table referral_clicks (
  merchant_id text not null,
  id text not null,
  program_id text not null,
  promoter_id text not null,
  landing_url text not null,
  ip text,
  user_agent text,
  -- Set when the visitor's browser sent a shopper token.
  shopper_id text,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  primary key (merchant_id, id),
  foreign key (merchant_id, promoter_id) references promoters (merchant_id, id)
);
create index referral_clicks_by_promoter on referral_clicks (merchant_id, promoter_id);

-- Orders the shop reported; order_ref is the idempotency key (the unique index is the final word
-- under concurrent duplicate reports). program_id and promoter_id are null when unattributed.
create table orders (
  merchant_id text not null,
  id text not null,
  order_ref text not null,
  program_id text,
  promoter_id text,
  amount bigint not null check (amount >= 0),
  currency text not null,
  refunded_amount bigint not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
  shopper_id text,
  attribution_id text,
  promoter_code text,
  reservation_id text,
  ip text,
  device_id text,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  unique (merchant_id, order_ref),
  foreign key (merchant_id, promoter_id) references promoters (merchant_id, id)
);
create index orders_by_promoter on orders (merchant_id, promoter_id, created_at);
create index orders_by_shopper on orders (merchant_id, shopper_id);

create table order_refunds (
  merchant_id text not null,
  id text not null,
  order_id text not null,
  amount bigint not null check (amount > 0),
  created_at timestamptz not null,
  primary key (merchant_id, id),
  foreign key (merchant_id, order_id) references orders (merchant_id, id)
);

create table commissions (
  merchant_id text not null,
  id text not null,
  program_id text not null,
  order_id text not null,
  promoter_id text not null,
  level integer not null check (level in (1, 2)),
  amount bigint not null check (amount > 0),
  -- What refunds took back so far; the rest sits in the account named by the status.
  reversed_amount bigint not null default 0 check (reversed_amount >= 0 and reversed_amount <= amount),
  currency text not null,
  status text not null check (status in ('pending', 'under_review', 'available', 'paid', 'reversed', 'rejected')),
  flags text[] not null default '{}',
  available_at timestamptz not null,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  unique (merchant_id, order_id, level),
  foreign key (merchant_id, order_id) references orders (merchant_id, id),
  foreign key (merchant_id, promoter_id) references promoters (merchant_id, id)
);
create index commissions_by_promoter on commissions (merchant_id, promoter_id);
create index commissions_due on commissions (available_at) where status = 'pending';

create table promoter_payouts (
  merchant_id text not null,
  id text not null,
  program_id text not null,
  promoter_id text not null,
  amount bigint not null check (amount > 0),
  reference text not null,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  foreign key (merchant_id, promoter_id) references promoters (merchant_id, id)
);

-- Double-entry ledger: every movement is two rows with the same movement id whose amounts sum to
-- zero, inserted by one statement. Accounts: merchant:commission_expense and
-- promoter:<id>:pending|under_review|available|paid. Balances are sums of entries, never stored.
create table ledger_entries (
  merchant_id text not null,
  id bigserial,
  movement_id text not null,
  program_id text not null,
  account text not null,
  amount bigint not null check (amount <> 0),
  kind text not null check (kind in ('accrue', 'release', 'approve', 'reject', 'reversal', 'payout')),
  commission_id text,
  payout_id text,
  created_at timestamptz not null,
  primary key (merchant_id, id)
);
create index ledger_entries_by_account on ledger_entries (merchant_id, account);
create index ledger_entries_by_program on ledger_entries (merchant_id, program_id);
