-- Webhook secrets, token-signing keys and stored idempotent answers are sealed with the server key
-- (FLOCK_SECRET_KEY, or the key file of a PGlite directory) by the application, which also seals the
-- values stored in clear before this version when it starts. This one row, sealed with that key,
-- lets a server started with another key refuse at once instead of failing on the first webhook.
create table server_key_check (
  only_row boolean primary key default true check (only_row),
  sealed text not null
);
