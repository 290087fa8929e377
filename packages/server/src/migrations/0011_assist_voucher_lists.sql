-- The merchant's lists of assist campaigns, assists, voucher products, redemptions and staff keys
-- page newest first by (created_at, id), ids compared byte by byte (redemptions by redeemed_at).

create index assist_campaigns_newest on assist_campaigns (merchant_id, created_at desc, id collate "C" desc);
create index assists_newest on assists (merchant_id, created_at desc, id collate "C" desc);
create index assists_newest_by_campaign on assists (merchant_id, campaign_id, created_at desc, id collate "C" desc);
create index voucher_products_newest on voucher_products (merchant_id, created_at desc, id collate "C" desc);
create index voucher_redemptions_newest on voucher_redemptions (merchant_id, redeemed_at desc, id collate "C" desc);
create index voucher_redemptions_newest_by_store
  on voucher_redemptions (merchant_id, store, redeemed_at desc, id collate "C" desc);

-- A key gets an id the merchant can name it by (the key itself is never kept, its hash never shown),
-- and a staff key can be revoked: from revoked_at on it authenticates nothing. The default also
-- gives every existing key its own id.
alter table api_keys add column id text not null default ('key_' || replace(gen_random_uuid()::text, '-', ''));
alter table api_keys add column revoked_at timestamptz;
create unique index api_keys_id on api_keys (merchant_id, id);
create index api_keys_staff_newest on api_keys (merchant_id, created_at desc, id collate "C" desc) where kind = 'staff';

-- Which staff key redeemed (null for redemptions made before keys had ids).
alter table voucher_redemptions add column staff_key_id text;
