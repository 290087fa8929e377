/** Referral (分销): programs, promoters and their clicks, orders, commissions and payouts. See ../routes.ts for what a route declares. */

import * as z from 'zod/mini';
import {
  BecomePromoterRequest,
  BecomePromoterResponse,
  CommissionPage,
  CommissionStatus,
  CommissionView,
  CreateReferralProgramRequest,
  Order,
  OrderPage,
  Payout,
  PayoutPage,
  PayoutRequest,
  ProgramBalances,
  PromoterBalancePage,
  PromoterPage,
  PromoterStats,
  ReferralClick,
  ReferralClickRequest,
  ReferralProgram,
  ReferralProgramPage,
  RefundRequest,
  ReportOrderRequest,
  UpdateReferralProgramRequest,
} from '../referral.js';
import type { RouteContract } from '../routes.js';
import {
  browser,
  browserReadWithoutShopper,
  campaignListQuery,
  NoFields,
  OptionalText,
  ownerOnly,
  pageQueryWith,
  ResourceId,
  secret,
  shopper,
  shopperRead,
  Text,
} from './shared.js';

export const createReferralProgram = {
  method: 'post',
  path: '/v1/referral-programs',
  auth: secret,
  body: CreateReferralProgramRequest,
  responses: { 201: ReferralProgram },
  idempotent: true,
} as const satisfies RouteContract;
export const listReferralPrograms = {
  method: 'get',
  path: '/v1/referral-programs',
  auth: secret,
  query: campaignListQuery,
  responses: { 200: ReferralProgramPage },
} as const satisfies RouteContract;
export const getReferralProgram = {
  method: 'get',
  path: '/v1/referral-programs/:id',
  params: { id: ResourceId },
  auth: browserReadWithoutShopper,
  responses: { 200: ReferralProgram },
} as const satisfies RouteContract;
export const updateReferralProgram = {
  method: 'patch',
  path: '/v1/referral-programs/:id',
  params: { id: ResourceId },
  auth: secret,
  body: UpdateReferralProgramRequest,
  responses: { 200: ReferralProgram },
  idempotent: true,
} as const satisfies RouteContract;
export const becomePromoter = {
  method: 'post',
  path: '/v1/referral-programs/:id/promoters',
  params: { id: ResourceId },
  auth: shopper,
  body: BecomePromoterRequest,
  responses: { 201: BecomePromoterResponse, 200: BecomePromoterResponse },
  idempotent: true,
} as const satisfies RouteContract;
export const recordReferralClick = {
  method: 'post',
  path: '/v1/referral-clicks',
  auth: browser,
  body: ReferralClickRequest,
  responses: { 201: ReferralClick },
  idempotent: true,
} as const satisfies RouteContract;
export const reportOrder = {
  method: 'post',
  path: '/v1/orders',
  auth: secret,
  body: ReportOrderRequest,
  responses: { 201: Order, 200: Order },
  idempotent: true,
} as const satisfies RouteContract;
export const listOrders = {
  method: 'get',
  path: '/v1/orders',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ program: OptionalText }),
  responses: { 200: OrderPage },
} as const satisfies RouteContract;
export const refundOrder = {
  method: 'post',
  path: '/v1/orders/:orderRef/refunds',
  params: { orderRef: ResourceId },
  auth: secret,
  body: RefundRequest,
  responses: { 201: Order },
  idempotent: true,
} as const satisfies RouteContract;
export const listCommissions = {
  method: 'get',
  path: '/v1/commissions',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ program: OptionalText, status: /* @__PURE__ */ z.optional(CommissionStatus) }),
  responses: { 200: CommissionPage },
} as const satisfies RouteContract;
export const approveCommission = {
  method: 'post',
  path: '/v1/commissions/:id/approve',
  params: { id: ResourceId },
  auth: secret,
  body: NoFields,
  responses: { 200: CommissionView },
  idempotent: true,
} as const satisfies RouteContract;
export const rejectCommission = {
  method: 'post',
  path: '/v1/commissions/:id/reject',
  params: { id: ResourceId },
  auth: secret,
  body: NoFields,
  responses: { 200: CommissionView },
  idempotent: true,
} as const satisfies RouteContract;
export const getPromoterStats = {
  method: 'get',
  path: '/v1/promoters/me',
  auth: shopperRead,
  query: { program: Text },
  responses: { 200: PromoterStats },
} as const satisfies RouteContract;
export const listPromoters = {
  method: 'get',
  path: '/v1/promoters',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ program: OptionalText }),
  responses: { 200: PromoterPage },
} as const satisfies RouteContract;
export const recordPayout = {
  method: 'post',
  path: '/v1/promoters/:id/payouts',
  params: { id: ResourceId },
  auth: ownerOnly,
  body: PayoutRequest,
  responses: { 201: Payout },
  idempotent: true,
} as const satisfies RouteContract;
export const listPayouts = {
  method: 'get',
  path: '/v1/payouts',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ promoter: OptionalText }),
  responses: { 200: PayoutPage },
} as const satisfies RouteContract;
export const listPromoterBalances = {
  method: 'get',
  path: '/v1/promoter-balances',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ program: Text }),
  responses: { 200: PromoterBalancePage },
} as const satisfies RouteContract;
export const getProgramBalances = {
  method: 'get',
  path: '/v1/referral-programs/:id/balances',
  params: { id: ResourceId },
  auth: secret,
  responses: { 200: ProgramBalances },
} as const satisfies RouteContract;
