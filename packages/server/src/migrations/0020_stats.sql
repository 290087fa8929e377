-- The console's overview charts (domain/stats.ts) count, for each day of a range, the rows whose
-- time falls in it: one index range per day and series, read from the index alone (the columns
-- the count needs are in it), so a chart reads only the rows of its range. The assists started
-- per day are counted on assists_newest (0011).
create index teams_opened_by_day on teams (merchant_id, opened_at) where opened_at is not null;
create index teams_closed_by_day on teams (merchant_id, closed_at) include (status)
  where opened_at is not null and closed_at is not null;
create index assists_completed_by_day on assists (merchant_id, completed_at) where completed_at is not null;
create index orders_by_day on orders (merchant_id, created_at) include (currency, amount);
create index commissions_by_day on commissions (merchant_id, created_at) include (currency, amount, reversed_amount, status);
create index voucher_redemptions_by_day on voucher_redemptions (merchant_id, redeemed_at) include (store);
