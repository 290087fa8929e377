/**
 * What the route declarations share: path and query parameter schemas and who may call a route (see
 * RouteAuth in ../routes.ts). Apart from the declarations, so each feature's routes are a module of their
 * own: a page that calls group-buy routes downloads no other feature's schemas.
 */

import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { CampaignStatus } from '../common.js';
import { LiveEventId } from '../live.js';

/** Bodies of routes that take no fields (the server rejects unknown ones). */
export const NoFields = /* @__PURE__ */ z.strictObject({});

/** Ids in paths are opaque: an unknown one is 404 not_found, so any string is accepted here. */
export const ResourceId = /* @__PURE__ */ z.string();
export const Text = ResourceId;
export const OptionalText = /* @__PURE__ */ z.optional(z.string());
export const OptionalLiveEventId = /* @__PURE__ */ z.optional(LiveEventId);
export const Me = /* @__PURE__ */ z.literal('me');
export const JsonDocument = /* @__PURE__ */ z.record(z.string(), z.unknown());
export const FileContent = ResourceId;
/** How many items a page of a list holds: 20 unless `?limit=` says otherwise. */
export const PageLimit = /* @__PURE__ */ z.optional(
  z.pipe(z.string().check(z.regex(/^(?:[1-9]\d?|100)$/, 'a whole number from 1 to 100')), z.transform(Number)),
);
export const PageCursor = /* @__PURE__ */ z.optional(
  z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/, 'a cursor this server gave')),
);
/** The query of every list route: `pageQuery` alone, or `pageQueryWith({ …filters })`. */
export const pageQuery = { limit: PageLimit, cursor: PageCursor } as const;
/**
 * A list route's query with its filters beside `limit` and `cursor`: a pure call rather than a spread in
 * the declaration, which a bundler must keep (a spread may run getters), so a page that does not
 * import the route does not carry it.
 */
export const pageQueryWith = <Filters extends Record<string, $ZodType>>(filters: Filters) => ({ ...pageQuery, ...filters });
/** The query of a campaign list (offers, assist campaigns, programs, voucher products): paging and a status. */
export const campaignListQuery = /* @__PURE__ */ pageQueryWith({ status: /* @__PURE__ */ z.optional(CampaignStatus) });

export const secret = { kind: 'keys', keys: ['secret'], shopper: 'ignored' } as const;
export const browser = { kind: 'keys', keys: ['publishable', 'secret'], shopper: 'optional' } as const;
export const shopper = { kind: 'keys', keys: ['publishable', 'secret'], shopper: 'required' } as const;
/** A page's reads: as `browser` and `shopper`, with the credentials allowed in the query (no preflight). */
export const browserRead = { kind: 'keys', keys: ['publishable', 'secret'], shopper: 'optional', inQuery: true } as const;
export const browserReadWithoutShopper = {
  kind: 'keys',
  keys: ['publishable', 'secret'],
  shopper: 'ignored',
  inQuery: true,
} as const;
export const shopperRead = { kind: 'keys', keys: ['publishable', 'secret'], shopper: 'required', inQuery: true } as const;
/** The secret key, or a console session of an owner (not an operator). */
export const ownerOnly = { kind: 'keys', keys: ['secret'], shopper: 'ignored', console: 'owner' } as const;
export const consoleSession = { kind: 'console' } as const;
export const consoleOwner = { kind: 'console', role: 'owner' } as const;
