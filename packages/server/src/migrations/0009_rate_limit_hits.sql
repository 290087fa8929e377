-- One fixed-window counter table for every per-address limit (assist helps, failed authentication),
-- shared by every server process. A bucket names what is limited: 'assist-help:<merchant>', 'auth-failure'.
alter table assist_help_rate rename to rate_limit_hits;
alter table rate_limit_hits rename column merchant_id to bucket;
alter index assist_help_rate_pkey rename to rate_limit_hits_pkey;
alter index assist_help_rate_by_age rename to rate_limit_hits_by_age;
update rate_limit_hits set bucket = 'assist-help:' || bucket;
