import * as z from 'zod/mini';

// Top-level schemas are marked pure: bundlers cannot prove zod's .check() calls side-effect free,
// and the browser bundle, which only parses responses, should drop every schema it does not use.

/**
 * Money is always an integer count of minor units (fen, cents), at most 10^10 (100 million major
 * units). Every money column is `bigint`, so sums of many amounts cannot overflow either.
 */
export const MAX_MINOR_UNITS = 100_000_000_00;
export const MinorUnits = /* @__PURE__ */ z.int().check(z.minimum(0), z.maximum(MAX_MINOR_UNITS));
/** An amount that moves money (a refund, a payout): at least one minor unit. */
export const PositiveMinorUnits = /* @__PURE__ */ z.int().check(z.minimum(1), z.maximum(MAX_MINOR_UNITS));
export const Currency = /* @__PURE__ */ z.string().check(z.regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'));
const EARLIEST_INSTANT = Date.UTC(1970, 0, 1);
const LATEST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/**
 * An ISO 8601 date-time with an offset, between 1970 and 9999, handed on in UTC: PostgreSQL refuses
 * year 0 and offsets beyond ±15:59 that the ISO syntax allows.
 */
export const IsoDateTime = /* @__PURE__ */ z.pipe(
  z.iso.datetime({ offset: true }).check(
    z.refine((text) => {
      const instant = Date.parse(text);
      return instant >= EARLIEST_INSTANT && instant <= LATEST_INSTANT;
    }, 'a date-time between 1970 and 9999'),
  ),
  z.transform((text) => new Date(text).toISOString()),
);
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

/**
 * A page of a list, newest first: `nextCursor` is opaque, to be sent back as `?cursor=` for the
 * following page, and null on the last one.
 */
export const pageOf = <Item extends z.ZodMiniType>(item: Item) =>
  z.object({ data: z.array(item), nextCursor: z.nullable(z.string()) });

/**
 * Where a merchant's campaign (group-buy offer, assist campaign, referral program, voucher product)
 * stands: `active` takes new teams, assists, promoters or vouchers (within its schedule);
 * `paused` and `ended` take none, while what shoppers already hold runs on. Ending is final.
 */
export const CampaignStatus = /* @__PURE__ */ z.enum(['active', 'paused', 'ended']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** The check of every PATCH body: it names at least one field, so `{}` is refused rather than answered as a no-op. */
export const someField = () =>
  z.refine<object>((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Name at least one field to change.',
  });
