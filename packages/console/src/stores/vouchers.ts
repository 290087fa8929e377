import {
  createStaffKey,
  createVoucherProduct,
  getVoucherProduct,
  listIssuedVouchers,
  listRedemptions,
  listStaffKeys,
  listVoucherProducts,
  revokeStaffKey,
  updateVoucherProduct,
  voidVoucher,
} from '@flock/protocol/routes';
import type { CampaignStatus, CreateVoucherProductRequest, UpdateVoucherProductRequest } from '@flock/sdk';
import { client } from '../client.js';
import { listStore } from '../lists.js';

/** The voucher products page's table (filtered by status as the merchant picks). */
export const voucherProducts = listStore(listVoucherProducts);
/** Every product, unfiltered: the product picker of the vouchers page, and the face values of redemptions. */
export const voucherProductChoices = listStore(listVoucherProducts);
/** The vouchers the shop issued, newest first, by product and status: where one is found to void it. */
export const issuedVouchers = listStore(listIssuedVouchers);
export const redemptions = listStore(listRedemptions);
/** The stores' staff keys, revoked ones included: the staff page's table and the stores the redemptions page filters by. */
export const staffKeys = listStore(listStaffKeys);

export const loadVoucherProduct = (id: string) => client.call(getVoucherProduct, { params: { id } });

export async function createProduct(input: CreateVoucherProductRequest): Promise<void> {
  await client.call(createVoucherProduct, { body: input });
  await voucherProducts.load();
}

export async function updateProduct(id: string, changes: UpdateVoucherProductRequest): Promise<void> {
  await client.call(updateVoucherProduct, { params: { id }, body: changes });
  await voucherProducts.load();
}

/**
 * Pauses, resumes or ends a product, then reloads the list. Vouchers already issued keep showing
 * codes and redeeming until their own expiry; only new vouchers wait. Ending is final.
 */
export const setVoucherProductStatus = (id: string, status: CampaignStatus) => updateProduct(id, { status });

/** Voids a voucher (after a refund: its unused uses are gone), then reloads the list it was found in. */
export async function voidIssuedVoucher(id: string): Promise<void> {
  await client.call(voidVoucher, { params: { id }, body: {} });
  await issuedVouchers.load();
}

/** A new staff key for a store: the answer holds the key itself, the only time it is ever shown. */
export async function createStoreKey(store: string): Promise<{ staffKey: string; id: string }> {
  const created = await client.call(createStaffKey, { body: { store } });
  await staffKeys.load();
  return created;
}

export async function revokeStoreKey(id: string): Promise<void> {
  await client.call(revokeStaffKey, { params: { id }, body: {} });
  await staffKeys.load();
}

/**
 * The counter's scanner page for a staff key: the key (and the store, for its heading) ride in the
 * fragment, which browsers never send to a server, so no access log or proxy holds the key.
 */
export const scannerUrl = (staffKey: string, store: string) =>
  `${globalThis.location?.origin ?? ''}/console/scanner.html#${new URLSearchParams({ key: staffKey, store })}`;
