-- The merchant's list of teams pages newest first by (created_at, id), ids compared byte by byte,
-- over all teams, one offer's or one stage's.
create index teams_newest on teams (merchant_id, created_at desc, id collate "C" desc);
create index teams_newest_by_offer on teams (merchant_id, offer_id, created_at desc, id collate "C" desc);
create index teams_newest_by_status on teams (merchant_id, status, created_at desc, id collate "C" desc);
