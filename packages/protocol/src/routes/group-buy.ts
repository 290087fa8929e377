/** Group buy (拼团): offers, teams and the seats held in them. See ../routes.ts for what a route declares. */

import * as z from 'zod/mini';
import {
  ConfirmReservationRequest,
  CreateGroupBuyOfferRequest,
  GroupBuyOffer,
  GroupBuyOfferPage,
  Reservation,
  ReserveResponse,
  SeatRequest,
  Team,
  TeamDraw,
  TeamPage,
  TeamStatus,
  UpdateGroupBuyOfferRequest,
} from '../group-buy.js';
import type { RouteContract } from '../routes.js';
import { browserRead, campaignListQuery, OptionalText, pageQueryWith, ResourceId, secret, shopper } from './shared.js';

export const createGroupBuyOffer = {
  method: 'post',
  path: '/v1/group-buy-offers',
  auth: secret,
  body: CreateGroupBuyOfferRequest,
  responses: { 201: GroupBuyOffer },
  idempotent: true,
} as const satisfies RouteContract;
export const listGroupBuyOffers = {
  method: 'get',
  path: '/v1/group-buy-offers',
  auth: secret,
  query: campaignListQuery,
  responses: { 200: GroupBuyOfferPage },
} as const satisfies RouteContract;
export const getGroupBuyOffer = {
  method: 'get',
  path: '/v1/group-buy-offers/:id',
  params: { id: ResourceId },
  auth: browserRead,
  responses: { 200: GroupBuyOffer },
  etag: true,
} as const satisfies RouteContract;
export const updateGroupBuyOffer = {
  method: 'patch',
  path: '/v1/group-buy-offers/:id',
  params: { id: ResourceId },
  auth: secret,
  body: UpdateGroupBuyOfferRequest,
  responses: { 200: GroupBuyOffer },
  idempotent: true,
} as const satisfies RouteContract;
export const openTeam = {
  method: 'post',
  path: '/v1/group-buy-offers/:id/teams',
  params: { id: ResourceId },
  auth: shopper,
  body: SeatRequest,
  responses: { 201: ReserveResponse },
  idempotent: true,
} as const satisfies RouteContract;
export const listTeams = {
  method: 'get',
  path: '/v1/teams',
  auth: secret,
  query: /* @__PURE__ */ pageQueryWith({ offer: OptionalText, status: /* @__PURE__ */ z.optional(TeamStatus) }),
  responses: { 200: TeamPage },
} as const satisfies RouteContract;
export const getTeam = {
  method: 'get',
  path: '/v1/teams/:id',
  params: { id: ResourceId },
  auth: browserRead,
  responses: { 200: Team },
  etag: true,
} as const satisfies RouteContract;
export const getTeamDraw = {
  method: 'get',
  path: '/v1/teams/:id/draw',
  params: { id: ResourceId },
  auth: browserRead,
  responses: { 200: TeamDraw },
} as const satisfies RouteContract;
export const reserveSeat = {
  method: 'post',
  path: '/v1/teams/:id/reservations',
  params: { id: ResourceId },
  auth: shopper,
  body: SeatRequest,
  responses: { 201: ReserveResponse },
  idempotent: true,
} as const satisfies RouteContract;
export const confirmReservation = {
  method: 'post',
  path: '/v1/reservations/:id/confirm',
  params: { id: ResourceId },
  auth: secret,
  body: ConfirmReservationRequest,
  responses: { 200: Reservation },
  idempotent: true,
} as const satisfies RouteContract;
