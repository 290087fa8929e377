import { createSecretKey, type KeyObject } from 'node:crypto';
import type { CreateShopperTokenRequest, ShopperToken } from '@flock/protocol';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { addSeconds, type Clock } from '../clock.js';
import { sha256Hex } from '../crypto.js';
import { ApiError } from '../errors.js';
import { unstorable } from '../infra/storable-text.js';
import type { MerchantRow } from './merchants.js';

export interface Shopper {
  id: string;
  displayName: string;
  avatarUrl: string | null;
}

const DEFAULT_TOKEN_TTL_SECONDS = 24 * 3600;
const ISSUER = 'flock';

// Importing an HMAC key costs more than verifying with it; keep the imported keys (by key material).
const importedKeys = new Map<string, KeyObject>();
function signingKey(merchant: MerchantRow): KeyObject {
  let key = importedKeys.get(merchant.token_signing_key);
  if (!key) {
    if (importedKeys.size >= 10_000) importedKeys.clear();
    key = createSecretKey(Buffer.from(merchant.token_signing_key));
    importedKeys.set(merchant.token_signing_key, key);
  }
  return key;
}

/** Mints the signed, expiring token that the shop's page hands to `<flock-provider shopper-token>`. */
export async function mintShopperToken(
  merchant: MerchantRow,
  clock: Clock,
  input: CreateShopperTokenRequest,
): Promise<ShopperToken> {
  const issuedAt = clock.now();
  const expiresAt = addSeconds(issuedAt, input.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const token = await new SignJWT({ name: input.displayName, picture: input.avatarUrl })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(merchant.id)
    .setSubject(input.shopperId)
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(signingKey(merchant));
  return { token, expiresAt: expiresAt.toISOString() };
}

/**
 * Tokens whose signature and claims were checked, by merchant, signing key and the token's hash
 * (never the token itself), with their expiry: a page sends the same token with every read, and
 * checking an HS256 signature costs ~100 µs against ~1 µs for the hash.
 */
const verifiedTokens = new LRUCache<string, { shopper: Shopper; expiresAtMs: number }>({ max: 50_000 });

/** Checks signature, merchant (audience) and expiry against the domain clock. */
export async function verifyShopperToken(merchant: MerchantRow, clock: Clock, token: string): Promise<Shopper> {
  const cacheKey = `${merchant.id}:${sha256Hex(`${merchant.token_signing_key}:${token}`)}`;
  const verified = verifiedTokens.get(cacheKey);
  if (verified && clock.now().getTime() < verified.expiresAtMs) return verified.shopper;
  try {
    const { payload } = await jwtVerify(token, signingKey(merchant), {
      issuer: ISSUER,
      audience: merchant.id,
      algorithms: ['HS256'],
      currentDate: clock.now(),
    });
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('no subject');
    // Minting refuses such text now; a token minted before that must not break every later write.
    for (const claim of [payload.sub, payload.name, payload.picture]) {
      if (typeof claim === 'string' && unstorable(claim)) throw new Error('unstorable claim');
    }
    const shopper = {
      id: payload.sub,
      displayName: typeof payload.name === 'string' ? payload.name : payload.sub,
      avatarUrl: typeof payload.picture === 'string' ? payload.picture : null,
    };
    if (typeof payload.exp === 'number' && payload.nbf === undefined) {
      verifiedTokens.set(cacheKey, { shopper, expiresAtMs: payload.exp * 1000 });
    }
    return shopper;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw new ApiError('shopper_token_expired', 'The shopper token has expired; mint a new one.');
    }
    throw new ApiError('shopper_token_invalid', 'The shopper token is not valid for this merchant.');
  }
}
