import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Starts every sealed value, so a clear one (stored by an older version) is told apart. */
export const SEALED_PREFIX = 'sealed.v1.';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals the secrets the server must read back (webhook secrets, token-signing keys, stored
 * idempotent answers) with the server key, so the database holds none of them in clear.
 * AES-256-GCM with a fresh nonce per value; `place` (table, column and row) is authenticated
 * with it, so a sealed value copied into another row does not open there.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The server key must be 32 bytes.');
    this.#key = Buffer.from(key);
  }

  seal(plain: string, place: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce).setAAD(Buffer.from(place));
    const sealed = Buffer.concat([nonce, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return SEALED_PREFIX + sealed.toString('base64url');
  }

  /**
   * The clear value; throws when it was sealed with another key or for another place, or was altered.
   * A value stored in clear by an older version (sealed at the next start) is returned as it is.
   */
  open(sealed: string, place: string): string {
    if (!SecretBox.isSealed(sealed)) return sealed;
    const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, NONCE_BYTES)).setAAD(Buffer.from(place));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Whether a stored value is sealed (values written before sealing existed are not). */
  static isSealed(value: string): boolean {
    return value.startsWith(SEALED_PREFIX);
  }
}
