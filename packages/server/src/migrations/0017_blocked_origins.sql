-- Pages refused for an origin the merchant has not allowed, so the console can offer to allow them
-- in one click. One row per merchant and origin, its latest refusal.
create table blocked_origins (
  merchant_id text not null references merchants (id),
  origin text not null,
  last_seen_at timestamptz not null,
  primary key (merchant_id, origin)
);
