import { createSecretKey, type KeyObject, randomBytes, randomInt } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { addSeconds, type Clock } from '../clock.js';
import { randomBase62, sha256Hex } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { Sql } from '../infra/db.js';

/** A code is good for this long; the QR widget fetches a new one before then. */
export const CODE_TTL_SECONDS = 60;
/** The newest signing key signs for this long; then a new one is made. */
const KEY_ROTATE_SECONDS = 24 * 3600;
/** Old keys are kept (to verify codes signed just before a rotation) for this long, then dropped. */
const KEY_KEEP_SECONDS = 48 * 3600;

interface KeyRow {
  kid: string;
  secret: string;
  created_at: Date;
}

// Importing an HMAC key costs more than verifying with it; keep the imported keys (by key material).
const importedKeys = new Map<string, KeyObject>();
function keyObject(secret: string): KeyObject {
  let key = importedKeys.get(secret);
  if (!key) {
    if (importedKeys.size >= 10_000) importedKeys.clear();
    key = createSecretKey(Buffer.from(secret, 'base64url'));
    importedKeys.set(secret, key);
  }
  return key;
}

/**
 * The merchant's current signing key: the newest, or a new one when there is none or the newest
 * is older than a day (keys older than two days are dropped then). Two processes rotating at the
 * same moment both make a key; both verify, so that is harmless.
 */
export async function currentSigningKey(db: Sql, clock: Clock, merchantId: string): Promise<KeyRow> {
  const now = clock.now();
  const [newest] = await db.query<KeyRow>(
    `select kid, secret, created_at from voucher_signing_keys where merchant_id = $1 order by created_at desc, kid desc limit 1`,
    [merchantId],
  );
  if (newest && newest.created_at > addSeconds(now, -KEY_ROTATE_SECONDS)) return newest;
  return rotateSigningKey(db, clock, merchantId);
}

/** Makes a new signing key for the merchant now and drops keys past the keep window. */
export async function rotateSigningKey(db: Sql, clock: Clock, merchantId: string): Promise<KeyRow> {
  const now = clock.now();
  const row: KeyRow = { kid: randomBase62(8), secret: randomBytes(32).toString('base64url'), created_at: now };
  await db.query(`insert into voucher_signing_keys (merchant_id, kid, secret, created_at) values ($1, $2, $3, $4::timestamptz)`, [
    merchantId,
    row.kid,
    row.secret,
    now.toISOString(),
  ]);
  await db.query(`delete from voucher_signing_keys where merchant_id = $1 and created_at < $2::timestamptz`, [
    merchantId,
    addSeconds(now, -KEY_KEEP_SECONDS).toISOString(),
  ]);
  return row;
}

export interface MintedCode {
  code: string;
  /** The same use as 12 digits, for typing at the counter. */
  shortCode: string;
  jti: string;
  expiresAt: Date;
}

/** Digits of a typed code; 10^12 of them, so a guess among a merchant's live codes is hopeless. */
const SHORT_CODE_DIGITS = 12;
const SHORT_CODE_PATTERN = /^\d{12}$/;

/** A typed code as staff may enter it ("1234 5678 9012", "1234-5678-9012"), or undefined if it is not one. */
export function typedShortCode(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, '');
  return SHORT_CODE_PATTERN.test(digits) ? digits : undefined;
}

/**
 * Signs a single-use code for a voucher: HS256 JWT with kid in the header and only
 * sub (voucher id), aud (merchant), jti, iat and exp as claims, so the QR stays small.
 */
export async function mintVoucherCode(db: Sql, clock: Clock, merchantId: string, voucherId: string): Promise<MintedCode> {
  const key = await currentSigningKey(db, clock, merchantId);
  const issuedAt = clock.now();
  const expiresAt = addSeconds(issuedAt, CODE_TTL_SECONDS);
  const jti = randomBase62(16);
  const code = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setSubject(voucherId)
    .setAudience(merchantId)
    .setJti(jti)
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(keyObject(key.secret));
  const shortCode = await saveShortCode(db, merchantId, voucherId, jti, expiresAt);
  return { code, shortCode, jti, expiresAt };
}

/** Keeps a fresh 12-digit code for the jti (by hash); draws again on the rare clash with a kept one. */
async function saveShortCode(db: Sql, merchantId: string, voucherId: string, jti: string, expiresAt: Date): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const shortCode = String(randomInt(0, 10 ** SHORT_CODE_DIGITS)).padStart(SHORT_CODE_DIGITS, '0');
    const saved = await db.query(
      `insert into voucher_short_codes (merchant_id, code_hash, voucher_id, jti, expires_at)
       values ($1, $2, $3, $4, $5::timestamptz) on conflict do nothing returning jti`,
      [merchantId, sha256Hex(shortCode), voucherId, jti, expiresAt.toISOString()],
    );
    if (saved.length > 0) return shortCode;
    if (attempt >= 4) throw new Error('could not draw a free voucher short code');
  }
}

export interface VerifiedCode {
  voucherId: string;
  jti: string;
  expiresAt: Date;
}

const codeInvalid = () => new ApiError('code_invalid', 'This is not a valid voucher code for this merchant.');

/**
 * Checks a scanned code against the scanning merchant's keys: a forged, altered, malformed or
 * another merchant's code is 400 code_invalid; a genuine but expired one is 409 code_expired.
 * The signature is checked before the expiry, so "expired" is only ever said of a genuine code.
 */
export async function verifyVoucherCode(db: Sql, clock: Clock, merchantId: string, code: string): Promise<VerifiedCode> {
  const parts = code.split('.');
  // base64url leaves spare bits in the signature's last character; insist on the one canonical
  // spelling, so that changing any single character of a code makes it invalid.
  const signature = parts[2];
  if (parts.length !== 3 || !signature || Buffer.from(signature, 'base64url').toString('base64url') !== signature) {
    throw codeInvalid();
  }
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(code).kid;
  } catch {
    throw codeInvalid();
  }
  if (typeof kid !== 'string' || kid.length > 64) throw codeInvalid();
  const [key] = await db.query<KeyRow>(
    `select kid, secret, created_at from voucher_signing_keys where merchant_id = $1 and kid = $2`,
    [merchantId, kid],
  );
  if (!key) throw codeInvalid();
  try {
    const { payload } = await jwtVerify(code, keyObject(key.secret), {
      audience: merchantId,
      algorithms: ['HS256'],
      currentDate: clock.now(),
      clockTolerance: 0,
      requiredClaims: ['sub', 'jti', 'exp'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') {
      throw codeInvalid();
    }
    return { voucherId: payload.sub, jti: payload.jti, expiresAt: new Date(payload.exp * 1000) };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw new ApiError('code_expired', 'This code has expired; ask the shopper to refresh the voucher.');
    }
    throw codeInvalid();
  }
}

/**
 * A typed code: the signed code it stands for, looked up by hash. Unknown digits (or another
 * merchant's) are 400 code_invalid, an expired code 409 code_expired, as for the QR.
 */
export async function verifyShortVoucherCode(
  db: Sql,
  clock: Clock,
  merchantId: string,
  shortCode: string,
): Promise<VerifiedCode> {
  const [row] = await db.query<{ voucher_id: string; jti: string; expires_at: Date }>(
    `select voucher_id, jti, expires_at from voucher_short_codes where merchant_id = $1 and code_hash = $2`,
    [merchantId, sha256Hex(shortCode)],
  );
  if (!row) throw codeInvalid();
  if (row.expires_at <= clock.now()) {
    throw new ApiError('code_expired', 'This code has expired; ask the shopper to refresh the voucher.');
  }
  return { voucherId: row.voucher_id, jti: row.jti, expiresAt: row.expires_at };
}

/** Drops remembered jtis and typed codes that expired over an hour ago (they can no longer verify anyway). */
export async function pruneUsedVoucherCodes(db: Sql, clock: Clock): Promise<void> {
  const cutoff = addSeconds(clock.now(), -3600).toISOString();
  await db.query(`delete from voucher_used_codes where expires_at < $1::timestamptz`, [cutoff]);
  await db.query(`delete from voucher_short_codes where expires_at < $1::timestamptz`, [cutoff]);
}
