/** Assist (助力 / 砍价): campaigns, each shopper's assist and the helps of friends. See ../routes.ts for what a route declares. */

import * as z from 'zod/mini';
import {
  Assist,
  AssistCampaign,
  AssistCampaignPage,
  AssistPage,
  AssistStatus,
  CreateAssistCampaignRequest,
  HelpResponse,
  StartAssistRequest,
  StartAssistResponse,
  UpdateAssistCampaignRequest,
} from '../assist.js';
import type { RouteContract } from '../routes.js';
import { browserRead, campaignListQuery, NoFields, OptionalText, pageQueryWith, ResourceId, secret, shopper } from './shared.js';

export const createAssistCampaign = {
  method: 'post',
  path: '/v1/assist-campaigns',
  auth: secret,
  body: CreateAssistCampaignRequest,
  responses: { 201: AssistCampaign },
  idempotent: true,
} as const satisfies RouteContract;
export const listAssistCampaigns = {
  method: 'get',
  path: '/v1/assist-campaigns',
  auth: secret,
  query: campaignListQuery,
  responses: { 200: AssistCampaignPage },
} as const satisfies RouteContract;
export const getAssistCampaign = {
  method: 'get',
  path: '/v1/assist-campaigns/:id',
  params: { id: ResourceId },
  auth: browserRead,
  responses: { 200: AssistCampaign },
} as const satisfies RouteContract;
export const updateAssistCampaign = {
  method: 'patch',
  path: '/v1/assist-campaigns/:id',
  params: { id: ResourceId },
  auth: secret,
  body: UpdateAssistCampaignRequest,
  responses: { 200: AssistCampaign },
  idempotent: true,
} as const satisfies RouteContract;
export const startAssist = {
  method: 'post',
  path: '/v1/assist-campaigns/:id/assists',
  params: { id: ResourceId },
  auth: shopper,
  body: StartAssistRequest,
  responses: { 201: StartAssistResponse, 200: StartAssistResponse },
  idempotent: true,
} as const satisfies RouteContract;
export const listAssists = {
  method: 'get',
  path: '/v1/assists',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ campaign: OptionalText, status: /* @__PURE__ */ z.optional(AssistStatus) }),
  responses: { 200: AssistPage },
} as const satisfies RouteContract;
export const getAssist = {
  method: 'get',
  path: '/v1/assists/:id',
  params: { id: ResourceId },
  auth: browserRead,
  responses: { 200: Assist },
} as const satisfies RouteContract;
export const helpAssist = {
  method: 'post',
  path: '/v1/assists/:id/helps',
  params: { id: ResourceId },
  auth: shopper,
  body: NoFields,
  responses: { 201: HelpResponse },
  idempotent: true,
} as const satisfies RouteContract;
