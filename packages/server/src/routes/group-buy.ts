import { ConfirmReservationRequest, CreateGroupBuyOfferRequest } from '@flock/protocol';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context.js';
import { confirmReservation, createOffer, getOffer, getTeam, openTeam, reserveSeat } from '../domain/teams.js';
import { jsonBody, merchantOf, requireKey, requireShopper, shopperOf } from '../middleware.js';

/** Opening a team or holding a seat takes no fields; an empty object keeps the body strict. */
const NoFields = z.strictObject({});

export const groupBuyRoutes = new Hono<AppEnv>()
  .post('/group-buy-offers', requireKey('secret'), jsonBody(CreateGroupBuyOfferRequest), async (c) =>
    c.json(await createOffer(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.valid('json')), 201),
  )
  .get('/group-buy-offers/:id', requireKey('publishable', 'secret'), async (c) =>
    c.json(await getOffer(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'), c.var.shopper ?? undefined)),
  )
  .post('/group-buy-offers/:id/teams', requireKey('publishable', 'secret'), requireShopper, jsonBody(NoFields), async (c) =>
    c.json(await openTeam(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'), shopperOf(c)), 201),
  )
  .get('/teams/:id', requireKey('publishable', 'secret'), async (c) =>
    c.json(await getTeam(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'), c.var.shopper ?? undefined)),
  )
  .post('/teams/:id/reservations', requireKey('publishable', 'secret'), requireShopper, jsonBody(NoFields), async (c) =>
    c.json(await reserveSeat(c.var.deps.db, c.var.deps.clock, merchantOf(c).id, c.req.param('id'), shopperOf(c)), 201),
  )
  .post('/reservations/:id/confirm', requireKey('secret'), jsonBody(ConfirmReservationRequest), async (c) =>
    c.json(
      await confirmReservation(
        c.var.deps.db,
        c.var.deps.clock,
        merchantOf(c).id,
        c.req.param('id'),
        c.req.valid('json').orderRef,
      ),
    ),
  );
