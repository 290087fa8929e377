-- Money is bigint everywhere: the API takes amounts up to 10^10 minor units, more than the group-buy
-- tables' integer columns (2^31 − 1) could hold. Their checks keep working across the type change.
alter table group_buy_offers
  alter column regular_price type bigint,
  alter column group_price type bigint,
  alter column leader_price type bigint;
alter table reservations alter column price type bigint;
