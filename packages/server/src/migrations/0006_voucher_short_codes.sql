-- The typed form of a voucher code (券码): 12 digits the shopper can read out and staff can type
-- when the camera cannot scan. Each stands for one signed code (its jti, so scanning and typing the
-- same code are one use) and expires with it. Only a hash is kept, as for every other credential.
create table voucher_short_codes (
  merchant_id text not null references merchants (id),
  code_hash text not null,
  voucher_id text not null,
  jti text not null,
  expires_at timestamptz not null,
  primary key (merchant_id, code_hash)
);
create index voucher_short_codes_by_expiry on voucher_short_codes (expires_at);
