/** The promoter growth kit: leaderboard, payout ticker, share kit, shares, suggestions, friend reward. See ../routes.ts for what a route declares. */

import * as z from 'zod/mini';
import {
  ClaimFriendRewardRequest,
  CreateMaterialRequest,
  FriendReward,
  Leaderboard,
  LeaderboardPeriod,
  Material,
  MaterialList,
  MyFriendReward,
  PromoterMaterialList,
  PromoterSettings,
  RecentPayouts,
  RecordShareRequest,
  ShareHistoryPage,
  ShareRecord,
  SuggestionList,
  UpdateMaterialRequest,
  UpdatePromoterSettingsRequest,
} from '../promoter-growth.js';
import type { RouteContract } from '../routes.js';
import { browserReadWithoutShopper, PageCursor, PageLimit, ResourceId, secret, shopper, shopperRead, Text } from './shared.js';

export const getLeaderboard = {
  method: 'get',
  path: '/v1/referral-programs/:id/leaderboard',
  params: { id: ResourceId },
  auth: browserReadWithoutShopper,
  query: {
    period: /* @__PURE__ */ z.optional(LeaderboardPeriod),
    limit: /* @__PURE__ */ z.optional(
      /* @__PURE__ */ z.pipe(
        z.string().check(z.regex(/^(?:[1-9]|[1-4]\d|50)$/, 'a whole number from 1 to 50')),
        z.transform(Number),
      ),
    ),
  },
  responses: { 200: Leaderboard },
} as const satisfies RouteContract;
export const getRecentPayouts = {
  method: 'get',
  path: '/v1/referral-programs/:id/payouts/recent',
  params: { id: ResourceId },
  auth: browserReadWithoutShopper,
  responses: { 200: RecentPayouts },
} as const satisfies RouteContract;
export const updatePromoterSettings = {
  method: 'patch',
  path: '/v1/promoters/me',
  auth: shopper,
  body: UpdatePromoterSettingsRequest,
  responses: { 200: PromoterSettings },
  idempotent: true,
} as const satisfies RouteContract;
export const createMaterial = {
  method: 'post',
  path: '/v1/referral-programs/:id/materials',
  params: { id: ResourceId },
  auth: secret,
  body: CreateMaterialRequest,
  responses: { 201: Material },
  idempotent: true,
} as const satisfies RouteContract;
export const listMaterials = {
  method: 'get',
  path: '/v1/referral-programs/:id/materials',
  params: { id: ResourceId },
  auth: secret,
  responses: { 200: MaterialList },
} as const satisfies RouteContract;
export const updateMaterial = {
  method: 'patch',
  path: '/v1/materials/:id',
  params: { id: ResourceId },
  auth: secret,
  body: UpdateMaterialRequest,
  responses: { 200: Material },
  idempotent: true,
} as const satisfies RouteContract;
export const listPromoterMaterials = {
  method: 'get',
  path: '/v1/promoters/me/materials',
  auth: shopperRead,
  query: { program: Text },
  responses: { 200: PromoterMaterialList },
} as const satisfies RouteContract;
export const recordShare = {
  method: 'post',
  path: '/v1/promoters/me/shares',
  auth: shopper,
  body: RecordShareRequest,
  responses: { 201: ShareRecord, 200: ShareRecord },
  idempotent: true,
} as const satisfies RouteContract;
export const listShares = {
  method: 'get',
  path: '/v1/promoters/me/shares',
  auth: shopperRead,
  query: { program: Text, limit: PageLimit, cursor: PageCursor },
  responses: { 200: ShareHistoryPage },
} as const satisfies RouteContract;
export const listSuggestions = {
  method: 'get',
  path: '/v1/promoters/me/suggestions',
  auth: shopperRead,
  query: { program: Text },
  responses: { 200: SuggestionList },
} as const satisfies RouteContract;
export const claimFriendReward = {
  method: 'post',
  path: '/v1/referral-programs/:id/friend-reward',
  params: { id: ResourceId },
  auth: shopper,
  body: ClaimFriendRewardRequest,
  responses: { 201: FriendReward, 200: FriendReward },
  idempotent: true,
} as const satisfies RouteContract;
export const getFriendReward = {
  method: 'get',
  path: '/v1/referral-programs/:id/friend-reward',
  params: { id: ResourceId },
  auth: shopperRead,
  responses: { 200: MyFriendReward },
} as const satisfies RouteContract;
