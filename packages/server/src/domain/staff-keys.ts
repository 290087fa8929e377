import type { StaffKeyPage, StaffKeySummary } from '@flock/protocol/routes';
import type { Clock } from '../clock.js';
import { notFound } from '../errors.js';
import type { Sql } from '../infra/db.js';
import { keysetPage, type PageRequest } from './keyset-page.js';

/** What the merchant may see of a staff key: never the key, nor its hash. */
interface StaffKeyRow {
  id: string;
  store: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

/** Only these columns of api_keys ever leave this module. */
const STAFF_KEY_COLUMNS = 'merchant_id, id, store, created_at, revoked_at';

const staffKeyView = (row: StaffKeyRow): StaffKeySummary => ({
  id: row.id,
  store: row.store ?? '',
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
});

/** The merchant's staff keys, newest first, revoked ones included. */
export async function listStaffKeys(db: Sql, merchantId: string, page: PageRequest): Promise<StaffKeyPage> {
  const { rows, nextCursor } = await keysetPage<StaffKeyRow>(
    db,
    {
      table: `(select ${STAFF_KEY_COLUMNS} from api_keys where kind = 'staff') as staff_keys`,
      where: 'merchant_id = $1',
      params: [merchantId],
    },
    page,
  );
  return { data: rows.map(staffKeyView), nextCursor };
}

/**
 * Revokes one of the merchant's staff keys: key resolution refuses it from then on (the caller
 * drops the merchant's cached keys). Revoking it again answers it with its first `revokedAt`.
 */
export async function revokeStaffKey(db: Sql, clock: Clock, merchantId: string, keyId: string): Promise<StaffKeySummary> {
  const [row] = await db.query<StaffKeyRow>(
    `update api_keys set revoked_at = coalesce(revoked_at, $3::timestamptz)
     where merchant_id = $1 and id = $2 and kind = 'staff' returning ${STAFF_KEY_COLUMNS}`,
    [merchantId, keyId, clock.now().toISOString()],
  );
  if (!row) throw notFound('staff key');
  return staffKeyView(row);
}
