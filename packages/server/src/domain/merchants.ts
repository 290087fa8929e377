import type { CreatedMerchant, CreateMerchantRequest, Merchant, UpdateMerchantRequest } from '@flock/protocol';
import { addSeconds, type Clock } from '../clock.js';
import { newId, newSecret, sha256Hex } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { Db, Sql } from '../infra/db.js';
import { SEALED_PREFIX, type SecretBox } from '../infra/secret-box.js';
import { assertWebhookUrlAllowed, publicWebhooksOnly, type WebhookAddressPolicy } from '../infra/webhook-address.js';
import { recentBlockedOrigins } from './blocked-origins.js';
import { type ConsoleCaller, createInvite } from './console.js';

export type KeyKind = 'publishable' | 'secret' | 'staff';
const keyPrefix: Record<KeyKind, string> = { publishable: 'pk', secret: 'sk', staff: 'stf' };

/** A merchant's row. Stored, its two secrets are sealed with the server key; KeyCache hands it out opened. */
export interface MerchantRow {
  id: string;
  name: string;
  origins: string[];
  webhook_url: string | null;
  webhook_secret: string;
  token_signing_key: string;
  created_at: Date;
}

type MerchantSecret = 'webhook_secret' | 'token_signing_key';
/** Each sealed secret is bound to its merchant and column: moved to another row, it does not open. */
const secretPlace = (merchantId: string, column: MerchantSecret) => JSON.stringify(['merchants', column, merchantId]);

export const sealMerchantSecret = (secrets: SecretBox, merchantId: string, column: MerchantSecret, value: string) =>
  secrets.seal(value, secretPlace(merchantId, column));

export const openMerchantSecret = (secrets: SecretBox, merchantId: string, column: MerchantSecret, sealed: string) =>
  secrets.open(sealed, secretPlace(merchantId, column));

/** The row with its secrets in clear, for signing; kept in memory only. */
export const openMerchantSecrets = (secrets: SecretBox, row: MerchantRow): MerchantRow => ({
  ...row,
  webhook_secret: openMerchantSecret(secrets, row.id, 'webhook_secret', row.webhook_secret),
  token_signing_key: openMerchantSecret(secrets, row.id, 'token_signing_key', row.token_signing_key),
});

/** Seals the secrets an older version stored in clear; run at start-up. */
export async function sealClearMerchantSecrets(tx: Sql, secrets: SecretBox): Promise<void> {
  const clear = await tx.query<Pick<MerchantRow, 'id' | 'webhook_secret' | 'token_signing_key'>>(
    `select id, webhook_secret, token_signing_key from merchants
     where not starts_with(webhook_secret, $1) or not starts_with(token_signing_key, $1) for update`,
    [SEALED_PREFIX],
  );
  for (const row of clear) {
    const opened = openMerchantSecrets(secrets, row as MerchantRow);
    await tx.query(`update merchants set webhook_secret = $2, token_signing_key = $3 where id = $1`, [
      row.id,
      sealMerchantSecret(secrets, row.id, 'webhook_secret', opened.webhook_secret),
      sealMerchantSecret(secrets, row.id, 'token_signing_key', opened.token_signing_key),
    ]);
  }
}

export interface ResolvedKey {
  merchant: MerchantRow;
  kind: KeyKind;
  store: string | null;
  /** The key's id (`key_…`), when the credential is an API key. */
  keyId?: string;
  /** Set when the credential is a merchant console session (which stands in for the secret key). */
  console?: ConsoleCaller;
}

/** A rolled key keeps working this long, so a merchant can deploy the new one without downtime. */
const ROLLED_KEY_GRACE_SECONDS = 24 * 3600;

/** A publishable key is sealed to its merchant: moved to another merchant's row, it does not open. */
const publishableKeyPlace = (merchantId: string) => JSON.stringify(['api_keys', 'publishable', merchantId]);

/**
 * A new key; only its hash finds it. A publishable key is also kept sealed (`secrets`), so the
 * console can show it for snippets: it is public by design, in every page of the shop.
 */
async function issueKey(
  tx: Sql,
  clock: Clock,
  merchantId: string,
  kind: KeyKind,
  options: { store?: string; secrets?: SecretBox } = {},
) {
  const key = newSecret(keyPrefix[kind]);
  const sealed = kind === 'publishable' && options.secrets ? options.secrets.seal(key, publishableKeyPlace(merchantId)) : null;
  await tx.query(
    `insert into api_keys (key_hash, merchant_id, kind, key_prefix, store, created_at, sealed_key)
     values ($1, $2, $3, $4, $5, $6::timestamptz, $7)`,
    [sha256Hex(key), merchantId, kind, key.slice(0, 8), options.store ?? null, clock.now().toISOString(), sealed],
  );
  return key;
}

/** The merchant's newest publishable key still working, if it was made since keys are kept sealed. */
export async function currentPublishableKey(db: Sql, clock: Clock, secrets: SecretBox, merchantId: string) {
  const [row] = await db.query<{ sealed_key: string | null }>(
    `select sealed_key from api_keys where merchant_id = $1 and kind = 'publishable'
       and (expires_at is null or expires_at > $2::timestamptz)
     order by expires_at is null desc, created_at desc limit 1`,
    [merchantId, clock.now().toISOString()],
  );
  return row?.sealed_key ? secrets.open(row.sealed_key, publishableKeyPlace(merchantId)) : null;
}

export async function createMerchant(
  db: Db,
  clock: Clock,
  secrets: SecretBox,
  input: CreateMerchantRequest,
  webhookAddresses: WebhookAddressPolicy = publicWebhooksOnly,
  /** Where the console is reached, for the owner's invite link. */
  publicUrl = 'http://localhost:8787',
): Promise<CreatedMerchant> {
  if (input.webhookUrl) await assertWebhookUrlAllowed(input.webhookUrl, webhookAddresses);
  return db.transaction(async (tx) => {
    const merchantId = newId('mer');
    const webhookSecret = newSecret('whsec');
    await tx.query(
      `insert into merchants (id, name, origins, webhook_url, webhook_secret, token_signing_key, created_at)
       values ($1, $2, $3::text[], $4, $5, $6, $7::timestamptz)`,
      [
        merchantId,
        input.name,
        toPgArray(input.origins),
        input.webhookUrl ?? null,
        sealMerchantSecret(secrets, merchantId, 'webhook_secret', webhookSecret),
        sealMerchantSecret(secrets, merchantId, 'token_signing_key', newSecret('tsk')),
        clock.now().toISOString(),
      ],
    );
    const created: CreatedMerchant = {
      merchantId,
      publishableKey: await issueKey(tx, clock, merchantId, 'publishable', { secrets }),
      secretKey: await issueKey(tx, clock, merchantId, 'secret'),
      webhookSecret,
    };
    if (input.ownerEmail) {
      created.ownerInvite = await createInvite(tx, clock, merchantId, { email: input.ownerEmail, role: 'owner' }, publicUrl);
    }
    return created;
  });
}

export async function createStaffKey(db: Db, clock: Clock, merchantId: string, store: string) {
  const merchant = await db.query(`select 1 from merchants where id = $1`, [merchantId]);
  if (merchant.length === 0) throw new ApiError('not_found', `No merchant ${merchantId}.`);
  return db.transaction(async (tx) => {
    const staffKey = await issueKey(tx, clock, merchantId, 'staff', { store });
    const [row] = await tx.query<{ id: string }>(`select id from api_keys where key_hash = $1`, [sha256Hex(staffKey)]);
    if (!row) throw new Error('staff key insert left no row');
    return { staffKey, id: row.id };
  });
}

/**
 * Finds the merchant a bearer key belongs to (only the key's hash is ever stored or compared),
 * remembering resolved keys for a few seconds to save a query on every request.
 * Expiry is still checked on each use; changes made through this process (origins, rolled keys)
 * drop the merchant's entries at once, and other processes see them within `ttlMs`.
 */
export class KeyCache {
  readonly #entries = new Map<string, { resolved: ResolvedKey & { expiresAt: Date | null }; cachedAt: number }>();
  constructor(
    private readonly secrets: SecretBox,
    private readonly ttlMs = 5_000,
  ) {}

  async resolve(db: Sql, clock: Clock, key: string): Promise<ResolvedKey | null> {
    const hash = sha256Hex(key);
    const hit = this.#entries.get(hash);
    if (hit && Date.now() - hit.cachedAt < this.ttlMs) {
      const { expiresAt, ...resolved } = hit.resolved;
      return expiresAt === null || expiresAt > clock.now() ? resolved : null;
    }
    // A revoked key is as unknown as one never issued (revoking drops the merchant's cached entries).
    const rows = await db.query<
      MerchantRow & { kind: KeyKind; store: string | null; key_id: string; key_expires_at: Date | null }
    >(
      `select m.*, k.kind, k.store, k.id as key_id, k.expires_at as key_expires_at
       from api_keys k join merchants m on m.id = k.merchant_id
       where k.key_hash = $1 and k.revoked_at is null`,
      [hash],
    );
    const row = rows[0];
    if (!row) return null;
    const { kind, store, key_id: keyId, key_expires_at, ...stored } = row;
    const merchant = openMerchantSecrets(this.secrets, stored);
    if (this.#entries.size >= 10_000) this.#entries.clear();
    this.#entries.set(hash, { resolved: { merchant, kind, store, keyId, expiresAt: key_expires_at }, cachedAt: Date.now() });
    return key_expires_at === null || key_expires_at > clock.now() ? { merchant, kind, store, keyId } : null;
  }

  forget(merchantId: string): void {
    for (const [hash, entry] of this.#entries) if (entry.resolved.merchant.id === merchantId) this.#entries.delete(hash);
  }
}

/** The merchant as GET /v1/merchant shows it: with the publishable key for snippets and the pages refused lately. */
export const merchantView = async (db: Sql, clock: Clock, secrets: SecretBox, row: MerchantRow): Promise<Merchant> => ({
  id: row.id,
  name: row.name,
  origins: row.origins,
  webhookUrl: row.webhook_url,
  publishableKey: await currentPublishableKey(db, clock, secrets, row.id),
  blockedOrigins: await recentBlockedOrigins(db, clock, row.id, row.origins),
  createdAt: row.created_at.toISOString(),
});

export async function updateMerchant(
  db: Db,
  clock: Clock,
  secrets: SecretBox,
  merchantId: string,
  input: UpdateMerchantRequest,
  webhookAddresses: WebhookAddressPolicy = publicWebhooksOnly,
): Promise<Merchant> {
  if (input.webhookUrl) await assertWebhookUrlAllowed(input.webhookUrl, webhookAddresses);
  const rows = await db.query<MerchantRow>(
    `update merchants set
       origins = coalesce($2::text[], origins),
       webhook_url = case when $3::boolean then $4 else webhook_url end
     where id = $1 returning *`,
    [merchantId, input.origins ? toPgArray(input.origins) : null, input.webhookUrl !== undefined, input.webhookUrl ?? null],
  );
  return merchantView(db, clock, secrets, rows[0] as MerchantRow);
}

/** Issues a new key of one kind; the previous ones keep working for 24 h. */
export async function rollKey(
  db: Db,
  clock: Clock,
  secrets: SecretBox,
  merchantId: string,
  which: 'publishable' | 'secret' | 'webhook',
) {
  const now = clock.now();
  const graceEnds = addSeconds(now, ROLLED_KEY_GRACE_SECONDS);
  return db.transaction(async (tx) => {
    if (which === 'webhook') {
      // Webhooks are signed with one secret at a time; receivers should accept both during the switch.
      const key = newSecret('whsec');
      await tx.query(`update merchants set webhook_secret = $2 where id = $1`, [
        merchantId,
        sealMerchantSecret(secrets, merchantId, 'webhook_secret', key),
      ]);
      return { which, key, previousKeyExpiresAt: now.toISOString() };
    }
    await tx.query(
      `update api_keys set expires_at = $3::timestamptz
       where merchant_id = $1 and kind = $2 and (expires_at is null or expires_at > $3::timestamptz)`,
      [merchantId, which, graceEnds.toISOString()],
    );
    const key = await issueKey(tx, clock, merchantId, which, { secrets });
    return { which, key, previousKeyExpiresAt: graceEnds.toISOString() };
  });
}

/** A PostgreSQL array literal; both clients accept it for a text[] parameter. */
function toPgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
