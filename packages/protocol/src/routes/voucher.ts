/** Vouchers: products, the vouchers shoppers hold, their rotating codes and redemptions. See ../routes.ts for what a route declares. */

import * as z from 'zod/mini';
import type { RouteContract } from '../routes.js';
import {
  CreateVoucherProductRequest,
  IssuedVoucherPage,
  IssueVoucherRequest,
  RedeemRequest,
  RedeemResponse,
  RedemptionPage,
  UpdateVoucherProductRequest,
  Voucher,
  VoucherCode,
  VoucherList,
  VoucherProduct,
  VoucherProductPage,
  VoucherProductSummary,
  VoucherStatus,
} from '../voucher.js';
import {
  campaignListQuery,
  Me,
  NoFields,
  OptionalText,
  pageQueryWith,
  ResourceId,
  secret,
  shopper,
  shopperRead,
} from './shared.js';

export const createVoucherProduct = {
  method: 'post',
  path: '/v1/voucher-products',
  auth: secret,
  body: CreateVoucherProductRequest,
  responses: { 201: VoucherProduct },
  idempotent: true,
} as const satisfies RouteContract;
export const listVoucherProducts = {
  method: 'get',
  path: '/v1/voucher-products',
  auth: secret,
  query: campaignListQuery,
  responses: { 200: VoucherProductPage },
} as const satisfies RouteContract;
export const getVoucherProduct = {
  method: 'get',
  path: '/v1/voucher-products/:id',
  params: { id: ResourceId },
  auth: secret,
  responses: { 200: VoucherProductSummary },
} as const satisfies RouteContract;
export const updateVoucherProduct = {
  method: 'patch',
  path: '/v1/voucher-products/:id',
  params: { id: ResourceId },
  auth: secret,
  body: UpdateVoucherProductRequest,
  responses: { 200: VoucherProduct },
  idempotent: true,
} as const satisfies RouteContract;
export const listIssuedVouchers = {
  method: 'get',
  path: '/v1/issued-vouchers',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ product: OptionalText, status: /* @__PURE__ */ z.optional(VoucherStatus) }),
  responses: { 200: IssuedVoucherPage },
} as const satisfies RouteContract;
export const issueVoucher = {
  method: 'post',
  path: '/v1/vouchers',
  auth: secret,
  body: IssueVoucherRequest,
  responses: { 201: Voucher, 200: Voucher },
  idempotent: true,
} as const satisfies RouteContract;
export const voidVoucher = {
  method: 'post',
  path: '/v1/vouchers/:id/void',
  params: { id: ResourceId },
  auth: secret,
  body: NoFields,
  responses: { 200: Voucher },
  idempotent: true,
} as const satisfies RouteContract;
export const listVouchers = {
  method: 'get',
  path: '/v1/vouchers',
  // Not `shopperRead`: its own `?shopper=me` would stand where the shopper token goes.
  auth: shopper,
  query: { shopper: Me },
  responses: { 200: VoucherList },
} as const satisfies RouteContract;
export const getVoucher = {
  method: 'get',
  path: '/v1/vouchers/:id',
  params: { id: ResourceId },
  auth: shopperRead,
  responses: { 200: Voucher },
} as const satisfies RouteContract;
export const getVoucherCode = {
  method: 'get',
  path: '/v1/vouchers/:id/code',
  params: { id: ResourceId },
  auth: shopperRead,
  responses: { 200: VoucherCode },
} as const satisfies RouteContract;
export const redeemVoucher = {
  method: 'post',
  path: '/v1/redemptions',
  auth: { kind: 'keys', keys: ['staff'], shopper: 'ignored' },
  body: RedeemRequest,
  responses: { 201: RedeemResponse },
  idempotent: true,
} as const satisfies RouteContract;
export const listRedemptions = {
  method: 'get',
  path: '/v1/redemptions',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ store: OptionalText }),
  responses: { 200: RedemptionPage },
} as const satisfies RouteContract;
