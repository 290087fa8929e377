-- The merchant's list of issued vouchers (to find one and void it) pages newest first by
-- (created_at, id), ids compared byte by byte, over all of them, one product's or one stored status.
create index vouchers_newest on vouchers (merchant_id, created_at desc, id collate "C" desc);
create index vouchers_newest_by_product on vouchers (merchant_id, product_id, created_at desc, id collate "C" desc);
create index vouchers_newest_by_status on vouchers (merchant_id, status, created_at desc, id collate "C" desc);
