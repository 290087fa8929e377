-- A friend's gift that is a voucher reads as used from the voucher's first redemption at the counter
-- (vouchers.ts redeem): that redemption finds its reward by the voucher.

-- A redeemed voucher gift is used with no order: "used ⇔ an order" holds for the amount-off kind only
-- (friend_rewards_check1 is 0025's unnamed `check ((used_at is null) = (order_id is null))`).
alter table friend_rewards
  drop constraint friend_rewards_check1,
  add constraint friend_rewards_used_by_order check (kind = 'voucher' or (used_at is null) = (order_id is null));

create index friend_rewards_voucher on friend_rewards (merchant_id, voucher_id) where voucher_id is not null;

-- Gifts whose voucher was already redeemed before this: used at its first redemption.
update friend_rewards r
set used_at = first.redeemed_at
from (
  select merchant_id, voucher_id, min(redeemed_at) as redeemed_at
  from voucher_redemptions
  group by merchant_id, voucher_id
) first
where r.kind = 'voucher' and r.used_at is null
  and first.merchant_id = r.merchant_id and first.voucher_id = r.voucher_id;
