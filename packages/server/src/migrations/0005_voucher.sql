-- Voucher (核销): a product sets the terms, a voucher is one shopper's copy of it, redeemed in store
-- by scanning a short-lived signed code. As everywhere, merchant_id comes first in every primary key.

create table voucher_products (
  merchant_id text not null references merchants (id),
  id text not null,
  title text not null,
  value bigint check (value >= 0),
  currency text,
  uses integer not null check (uses between 1 and 100),
  valid_from timestamptz,
  valid_until timestamptz,
  -- Store names where it can be redeemed; null = every store.
  stores text[],
  created_at timestamptz not null,
  primary key (merchant_id, id),
  check (valid_from is null or valid_until is null or valid_from < valid_until)
);

create table vouchers (
  merchant_id text not null,
  id text not null,
  product_id text not null,
  shopper_id text not null,
  order_ref text not null,
  status text not null check (status in ('active', 'used_up', 'voided')),
  uses integer not null check (uses >= 1),
  uses_left integer not null check (uses_left >= 0 and uses_left <= uses),
  -- What a refund took away (the unused remainder when it was voided).
  voided_uses integer not null default 0 check (voided_uses >= 0),
  voided_at timestamptz,
  created_at timestamptz not null,
  primary key (merchant_id, id),
  foreign key (merchant_id, product_id) references voucher_products (merchant_id, id),
  -- Issuing is idempotent per order: one voucher per product and orderRef, whatever the concurrency.
  unique (merchant_id, product_id, order_ref),
  check ((status = 'active') = (uses_left > 0 and voided_at is null)),
  check ((status = 'voided') = (voided_at is not null))
);
create index vouchers_by_shopper on vouchers (merchant_id, shopper_id, created_at);

-- One row per use. Written in the same transaction that decrements uses_left, under the voucher's row lock.
create table voucher_redemptions (
  merchant_id text not null,
  id text not null,
  voucher_id text not null,
  store text not null,
  code_jti text not null,
  redeemed_at timestamptz not null,
  primary key (merchant_id, id),
  foreign key (merchant_id, voucher_id) references vouchers (merchant_id, id),
  unique (merchant_id, code_jti)
);
create index voucher_redemptions_by_voucher on voucher_redemptions (merchant_id, voucher_id, redeemed_at);

-- Every code (by its jti) that was accepted: the primary key refuses a replay, even a concurrent one.
-- Rows only matter while the code could still verify (60 s); the sweeper may drop older ones.
create table voucher_used_codes (
  merchant_id text not null,
  jti text not null,
  voucher_id text not null,
  expires_at timestamptz not null,
  used_at timestamptz not null,
  primary key (merchant_id, jti)
);
create index voucher_used_codes_by_expiry on voucher_used_codes (expires_at);

-- HMAC keys that sign the codes, per merchant; the newest signs, any kept one verifies (by kid).
create table voucher_signing_keys (
  merchant_id text not null references merchants (id),
  kid text not null,
  secret text not null,
  created_at timestamptz not null,
  primary key (merchant_id, kid)
);
create index voucher_signing_keys_newest on voucher_signing_keys (merchant_id, created_at);
