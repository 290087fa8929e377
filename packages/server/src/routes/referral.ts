import type { Context } from 'hono';
import { becomePromoter, promoterStatsOf, recordClick } from '../domain/referral/attribution.js';
import { listPromoterBalances, programBalances } from '../domain/referral/balances.js';
import { approveCommission, listCommissions, rejectCommission } from '../domain/referral/commissions.js';
import { claimFriendReward, getFriendReward } from '../domain/referral/friend-reward.js';
import { listOrders, refundOrder, reportOrder } from '../domain/referral/orders.js';
import { listPayouts, recordPayout } from '../domain/referral/payouts.js';
import { createProgram, getProgram, listPrograms, updateProgram } from '../domain/referral/programs.js';
import { listPromoters } from '../domain/referral/promoter-stats.js';
import type { AppEnv } from '../http/context.js';
import { Answer, type HandlersFor } from '../http/handler.js';
import { clientIp } from '../rate-limit.js';

export interface ReferralRouteOptions {
  /** Take the client's address from X-Forwarded-For (only behind a proxy that sets it); as for assists. */
  trustForwardedFor?: boolean;
}

export function referralHandlers(options: ReferralRouteOptions = {}) {
  const trustForwardedFor = options.trustForwardedFor ?? false;
  const ipOf = (c: Context<AppEnv>) => {
    const ip = clientIp(c, trustForwardedFor);
    return ip === 'unknown' ? null : ip;
  };
  return {
    createReferralProgram: ({ body }, { db, clock, merchant }) => createProgram(db, clock, merchant.id, body),
    listReferralPrograms: ({ query }, { db, clock, merchant }) => listPrograms(db, clock, merchant.id, query),
    getReferralProgram: ({ params }, { db, clock, merchant }) => getProgram(db, clock, merchant.id, params.id),
    updateReferralProgram: ({ params, body }, { db, clock, merchant }) => updateProgram(db, clock, merchant.id, params.id, body),
    becomePromoter: async ({ params, body }, { db, clock, merchant, shopper, http }) => {
      const { created, ...joined } = await becomePromoter(db, clock, merchant.id, params.id, shopper, body, ipOf(http));
      // 201 for a new promoter, 200 when the shopper already is one.
      return created ? new Answer(201, joined) : new Answer(200, joined);
    },
    recordReferralClick: ({ body }, { db, clock, merchant, shopper, http }) =>
      recordClick(db, clock, merchant.id, body, {
        ip: ipOf(http),
        userAgent: http.req.header('user-agent') ?? null,
        shopperId: shopper?.id ?? null,
      }),
    reportOrder: async ({ body }, { db, clock, merchant }) => {
      const { order, created } = await reportOrder(db, clock, merchant.id, body);
      // 201 when recorded now, 200 when this orderRef was already reported (same amount and currency).
      return created ? new Answer(201, order) : new Answer(200, order);
    },
    listOrders: ({ query }, { db, merchant }) => listOrders(db, merchant.id, query),
    refundOrder: ({ params, body }, { db, clock, merchant }) => refundOrder(db, clock, merchant.id, params.orderRef, body.amount),
    listCommissions: ({ query }, { db, merchant }) => listCommissions(db, merchant.id, query),
    approveCommission: ({ params }, { db, clock, merchant }) => approveCommission(db, clock, merchant.id, params.id),
    rejectCommission: ({ params }, { db, clock, merchant }) => rejectCommission(db, clock, merchant.id, params.id),
    getPromoterStats: ({ query }, { db, clock, merchant, shopper }) =>
      promoterStatsOf(db, clock, merchant.id, query.program, shopper),
    listPromoters: ({ query }, { db, clock, merchant }) => listPromoters(db, clock, merchant.id, query),
    recordPayout: ({ params, body }, { db, clock, merchant }) => recordPayout(db, clock, merchant.id, params.id, body),
    listPayouts: ({ query }, { db, merchant }) => listPayouts(db, merchant.id, query),
    listPromoterBalances: ({ query }, { db, merchant }) => listPromoterBalances(db, merchant.id, query),
    getProgramBalances: ({ params }, { db, merchant }) => programBalances(db, merchant.id, params.id),
    claimFriendReward: async ({ params, body }, { db, clock, merchant, shopper }) => {
      const { reward, created } = await claimFriendReward(db, clock, merchant.id, params.id, shopper, body.attributionId);
      // 201 when issued now, 200 when the shopper already had it.
      return created ? new Answer(201, reward) : new Answer(200, reward);
    },
    getFriendReward: ({ params }, { db, clock, merchant, shopper }) =>
      getFriendReward(db, clock, merchant.id, params.id, shopper),
  } satisfies HandlersFor<
    | 'createReferralProgram'
    | 'listReferralPrograms'
    | 'getReferralProgram'
    | 'updateReferralProgram'
    | 'becomePromoter'
    | 'recordReferralClick'
    | 'reportOrder'
    | 'listOrders'
    | 'refundOrder'
    | 'listCommissions'
    | 'approveCommission'
    | 'rejectCommission'
    | 'getPromoterStats'
    | 'listPromoters'
    | 'recordPayout'
    | 'listPayouts'
    | 'listPromoterBalances'
    | 'getProgramBalances'
    | 'claimFriendReward'
    | 'getFriendReward'
  >;
}
