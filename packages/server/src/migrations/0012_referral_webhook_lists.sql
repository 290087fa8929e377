-- The merchant's lists of referral programs, promoters, orders, commissions, payouts and webhook
-- deliveries page newest first by (created_at, id), ids compared byte by byte, after each filter.

create index referral_programs_newest on referral_programs (merchant_id, created_at desc, id collate "C" desc);
create index promoters_newest on promoters (merchant_id, created_at desc, id collate "C" desc);
create index promoters_newest_by_program on promoters (merchant_id, program_id, created_at desc, id collate "C" desc);
create index orders_newest on orders (merchant_id, created_at desc, id collate "C" desc);
-- Also counts a program's orders (the program list).
create index orders_newest_by_program on orders (merchant_id, program_id, created_at desc, id collate "C" desc);
create index commissions_newest on commissions (merchant_id, created_at desc, id collate "C" desc);
create index commissions_newest_by_program on commissions (merchant_id, program_id, created_at desc, id collate "C" desc);
create index commissions_newest_by_status on commissions (merchant_id, status, created_at desc, id collate "C" desc);
create index promoter_payouts_newest on promoter_payouts (merchant_id, created_at desc, id collate "C" desc);
create index promoter_payouts_newest_by_promoter
  on promoter_payouts (merchant_id, promoter_id, created_at desc, id collate "C" desc);
create index webhook_events_newest on webhook_events (merchant_id, created_at desc, id collate "C" desc);
-- The pending, retrying and failed deliveries: few among the delivered ones.
create index webhook_events_undelivered_newest on webhook_events (merchant_id, created_at desc, id collate "C" desc)
  where delivered_at is null;
