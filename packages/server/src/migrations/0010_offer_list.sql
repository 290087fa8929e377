-- The merchant's list of offers pages newest first by (created_at, id), ids compared byte by byte.
create index group_buy_offers_newest on group_buy_offers (merchant_id, created_at desc, id collate "C" desc);
