import * as z from 'zod/mini';

// Top-level schemas are marked pure: bundlers cannot prove zod's .check() calls side-effect free,
// and the browser bundle, which only parses responses, should drop every schema it does not use.

/** Money is always an integer count of minor units (fen, cents). */
export const MinorUnits = /* @__PURE__ */ z.int().check(z.minimum(0), z.maximum(100_000_000_00));
export const Currency = /* @__PURE__ */ z.string().check(z.regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'));
export const IsoDateTime = /* @__PURE__ */ z.iso.datetime({ offset: true });
/**
 * Response fields: the server always writes ISO 8601 UTC (toISOString) and whole minor units.
 * The browser trusts that shape instead of re-validating it, which keeps zod's date-time and
 * range machinery out of the widget bundle (requests keep the strict schemas above).
 */
export const Timestamp = /* @__PURE__ */ z.string();
export const Id = (prefix: string) =>
  z.string().check(z.regex(new RegExp(`^${prefix}_[0-9A-Za-z]{10,40}$`), `an id starting with ${prefix}_`));
export const Url = /* @__PURE__ */ z.url({ protocol: /^https?$/ });
export const ShortText = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
