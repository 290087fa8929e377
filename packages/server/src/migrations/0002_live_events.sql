-- Every state change a page may follow live (team:…, assist:…), written in the same transaction
-- as the change and announced with NOTIFY flock_live '<merchant_id> <id> <topic>' on commit, so every
-- server process can fan it out to its own Server-Sent Events clients. Kept a day for resumes.
create table live_events (
  merchant_id text not null,
  id bigserial,
  topic text not null,
  type text not null,
  payload text not null,
  created_at timestamptz not null,
  primary key (merchant_id, id)
);
create index live_events_by_topic on live_events (merchant_id, topic, id);
create index live_events_by_age on live_events (created_at);
