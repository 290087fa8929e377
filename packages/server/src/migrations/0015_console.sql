-- The merchant console's logins, invites and sessions: like api_keys, small tables looked up by a
-- hash or an email before the merchant is known (Citus reference tables). Passwords are kept as scrypt hashes, invite
-- and session tokens as SHA-256 hashes: nothing here lets anyone sign in as anyone.
create table console_users (
  merchant_id text not null references merchants (id),
  id text not null,
  email text not null,
  name text not null,
  role text not null check (role in ('owner', 'operator')),
  password_hash text not null,
  created_at timestamptz not null,
  primary key (merchant_id, id)
);
-- Sign-in looks a person up by email alone; an email has one console login on the server.
create unique index console_users_email on console_users (email);

create table console_invites (
  merchant_id text not null references merchants (id),
  id text not null,
  token_hash text not null unique,
  email text not null,
  role text not null check (role in ('owner', 'operator')),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  primary key (merchant_id, id)
);

create table console_sessions (
  merchant_id text not null references merchants (id),
  id text not null,
  token_hash text not null unique,
  user_id text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  signed_out_at timestamptz,
  primary key (merchant_id, id)
);
create index console_sessions_by_user on console_sessions (merchant_id, user_id);
