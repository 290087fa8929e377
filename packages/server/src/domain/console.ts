import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { AcceptInviteRequest, ConsoleRole, ConsoleSession, ConsoleUser, CreateInviteRequest, Invite } from '@flock/protocol';
import { addSeconds, type Clock } from '../clock.js';
import { hmacSha256Hex, newId, newSecret, sha256Hex } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { Db, Sql } from '../infra/db.js';
import type { SecretBox } from '../infra/secret-box.js';
import { type MerchantRow, openMerchantSecrets } from './merchants.js';

/** An invite link works this long, once. */
export const INVITE_TTL_SECONDS = 7 * 24 * 3600;
/** A console session lasts this long from sign-in, then the person signs in again. */
export const SESSION_TTL_SECONDS = 12 * 3600;

// scrypt with N = 2^15, r = 8, p = 1 (OWASP's minimum for scrypt): about 32 MiB and tens of ms per guess.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, params: { N: number; r: number; p: number }) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...params, maxmem: SCRYPT.maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

/** `scrypt$N$r$p$salt$key` (base64url), so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash to compare against when no login has the email, so both refusals take as long. */
let decoyHash: Promise<string> | undefined;

interface UserRow {
  merchant_id: string;
  id: string;
  email: string;
  name: string;
  role: ConsoleRole;
  password_hash: string;
  created_at: Date;
}

/** Who a console session belongs to, as the request's credential. */
export interface ConsoleCaller {
  sessionId: string;
  user: ConsoleUser;
  expiresAt: Date;
  /** What a write must send in Flock-CSRF; derived from the session token, so nothing more is stored. */
  csrfToken: string;
}

const userView = (row: UserRow): ConsoleUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  createdAt: row.created_at.toISOString(),
});

const csrfTokenOf = (sessionToken: string) => hmacSha256Hex(sessionToken, 'flock-console-csrf');

/** The session a request's cookie names, or why there is none. */
export async function resolveConsoleSession(
  db: Sql,
  clock: Clock,
  secrets: SecretBox,
  token: string,
): Promise<{ merchant: MerchantRow; caller: ConsoleCaller } | 'unknown' | 'expired'> {
  const [row] = await db.query<UserRow & { session_id: string; expires_at: Date; signed_out_at: Date | null }>(
    `select u.*, s.id as session_id, s.expires_at, s.signed_out_at
     from console_sessions s join console_users u on u.merchant_id = s.merchant_id and u.id = s.user_id
     where s.token_hash = $1`,
    [sha256Hex(token)],
  );
  if (!row || row.signed_out_at) return 'unknown';
  if (row.expires_at <= clock.now()) return 'expired';
  const [merchant] = await db.query<MerchantRow>(`select * from merchants where id = $1`, [row.merchant_id]);
  if (!merchant) return 'unknown';
  return {
    merchant: openMerchantSecrets(secrets, merchant),
    caller: { sessionId: row.session_id, user: userView(row), expiresAt: row.expires_at, csrfToken: csrfTokenOf(token) },
  };
}

/** A new session for a user: the token goes in the cookie, only its hash in the table. */
async function startSession(tx: Sql, clock: Clock, user: UserRow, merchantName: string) {
  const token = newSecret('cs');
  const now = clock.now();
  const expiresAt = addSeconds(now, SESSION_TTL_SECONDS);
  await tx.query(
    `insert into console_sessions (merchant_id, id, token_hash, user_id, created_at, expires_at)
     values ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz)`,
    [user.merchant_id, newId('ses'), sha256Hex(token), user.id, now.toISOString(), expiresAt.toISOString()],
  );
  const session: ConsoleSession = {
    user: userView(user),
    merchant: { id: user.merchant_id, name: merchantName },
    csrfToken: csrfTokenOf(token),
    expiresAt: expiresAt.toISOString(),
  };
  return { token, session };
}

export const sessionView = (merchant: MerchantRow, caller: ConsoleCaller): ConsoleSession => ({
  user: caller.user,
  merchant: { id: merchant.id, name: merchant.name },
  csrfToken: caller.csrfToken,
  expiresAt: caller.expiresAt.toISOString(),
});

const signInFailed = () => new ApiError('sign_in_failed', 'That email and password do not match a console login.');

/** Checks an email and password; the same refusal whether the email or the password is wrong. */
export async function signIn(db: Db, clock: Clock, email: string, password: string) {
  const [user] = await db.query<UserRow & { merchant_name: string }>(
    `select u.*, m.name as merchant_name from console_users u join merchants m on m.id = u.merchant_id where u.email = $1`,
    [email],
  );
  if (!user) {
    decoyHash ??= hashPassword(newSecret('decoy'));
    await verifyPassword(password, await decoyHash);
    throw signInFailed();
  }
  if (!(await verifyPassword(password, user.password_hash))) throw signInFailed();
  return db.transaction((tx) => startSession(tx, clock, user, user.merchant_name));
}

export async function signOut(db: Sql, clock: Clock, merchantId: string, sessionId: string): Promise<void> {
  await db.query(
    `update console_sessions set signed_out_at = $3::timestamptz where merchant_id = $1 and id = $2 and signed_out_at is null`,
    [merchantId, sessionId, clock.now().toISOString()],
  );
}

const emailTaken = (email: string) =>
  new ApiError('email_taken', `${email} already has a console login; sign in with it, or invite another address.`);

/**
 * A one-time invite for `email`: the link's token is shown once, only its hash is kept. `baseUrl`
 * is where this server's console is reached (the request's own origin, or FLOCK_PUBLIC_URL).
 */
export async function createInvite(
  db: Sql,
  clock: Clock,
  merchantId: string,
  input: CreateInviteRequest,
  baseUrl: string,
): Promise<Invite> {
  // Sign-in compares lowercased emails; a caller that skipped the contract's parse gets the same.
  const email = input.email.trim().toLowerCase();
  const taken = await db.query(`select 1 from console_users where email = $1`, [email]);
  if (taken.length > 0) throw emailTaken(email);
  const token = newSecret('inv');
  const now = clock.now();
  const expiresAt = addSeconds(now, INVITE_TTL_SECONDS);
  const id = newId('cin');
  await db.query(
    `insert into console_invites (merchant_id, id, token_hash, email, role, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz)`,
    [merchantId, id, sha256Hex(token), email, input.role, now.toISOString(), expiresAt.toISOString()],
  );
  // The token rides in the fragment: browsers never send it to a server, so no log or referrer holds it.
  const url = `${baseUrl.replace(/\/+$/, '')}/console/#/invite/${token}`;
  return { id, email, role: input.role, url, expiresAt: expiresAt.toISOString() };
}

/** Turns an invite into a login and signs it in, once: the invite row is locked while it is used. */
export async function acceptInvite(db: Db, clock: Clock, input: AcceptInviteRequest) {
  // Hashed before the transaction: scrypt is slow and must not hold the invite's lock.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [invite] = await tx.query<{ merchant_id: string; id: string; email: string; role: ConsoleRole; merchant_name: string }>(
      `select i.*, m.name as merchant_name from console_invites i join merchants m on m.id = i.merchant_id
       where i.token_hash = $1 and i.accepted_at is null and i.expires_at > $2::timestamptz for update of i`,
      [sha256Hex(input.token), clock.now().toISOString()],
    );
    if (!invite) {
      throw new ApiError('invite_invalid', 'This invite link was already used or has expired: ask for a new one.');
    }
    const taken = await tx.query(`select 1 from console_users where email = $1`, [invite.email]);
    if (taken.length > 0) throw emailTaken(invite.email);
    const now = clock.now().toISOString();
    await tx.query(`update console_invites set accepted_at = $3::timestamptz where merchant_id = $1 and id = $2`, [
      invite.merchant_id,
      invite.id,
      now,
    ]);
    const [user] = await tx.query<UserRow>(
      `insert into console_users (merchant_id, id, email, name, role, password_hash, created_at)
       values ($1, $2, $3, $4, $5, $6, $7::timestamptz) returning *`,
      [invite.merchant_id, newId('usr'), invite.email, input.name, invite.role, passwordHash, now],
    );
    return startSession(tx, clock, user as UserRow, invite.merchant_name);
  });
}
