-- A friend's reward tells its true expiry (docs/promoter-growth.md): the voucher kind expires with its
-- voucher, whose product may have no end date (valid_until null), so expires_at is null for it then.
-- The amount-off kind always expires, after the program's validDays.

alter table friend_rewards
  alter column expires_at drop not null,
  add check (kind = 'voucher' or expires_at is not null);

-- Voucher rewards claimed before this were given a made-up 30 days: take their voucher's end instead.
update friend_rewards r
set expires_at = p.valid_until
from vouchers v
join voucher_products p on p.merchant_id = v.merchant_id and p.id = v.product_id
where r.kind = 'voucher' and v.merchant_id = r.merchant_id and v.id = r.voucher_id;
