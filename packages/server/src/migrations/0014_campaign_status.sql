-- The merchant pauses, resumes or ends a campaign: a paused or ended one starts nothing new (no
-- team, assist, promoter or voucher), while what shoppers already hold runs on. Ending is final,
-- which the server enforces (PATCH answers 409); existing rows are all active.
alter table group_buy_offers
  add column status text not null default 'active' check (status in ('active', 'paused', 'ended'));
alter table assist_campaigns
  add column status text not null default 'active' check (status in ('active', 'paused', 'ended'));
alter table referral_programs
  add column status text not null default 'active' check (status in ('active', 'paused', 'ended'));
alter table voucher_products
  add column status text not null default 'active' check (status in ('active', 'paused', 'ended'));
