import * as z from 'zod/mini';

// The console's overview charts: per-day figures counted by the server from the merchant's own
// rows (teams, assists, orders, commissions, redemptions) when asked, never kept as a copy.
// Each answer is column-shaped: `days` lists every day of the range, and each figure is an array
// of the same length, one number per day, zero on a day with nothing.

/**
 * The longest range one call may ask for, in days: a quarter, the longest the console shows. Each
 * chart is counted from the rows themselves, so its cost grows with the range; a quarter at a
 * million rows per merchant stays under 50 ms (docs/benchmarks.md). A year is four calls.
 */
export const MAX_STATS_DAYS = 92;

const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30), from 1970 to 9999. */
export const CalendarDay = /* @__PURE__ */ z.string().check(
  z.regex(DAY_PATTERN, 'a date such as 2026-11-23'),
  z.refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) && text >= '1970-01-01';
  }, 'a date that exists, from 1970 on'),
);

/**
 * An IANA time zone name (`Asia/Shanghai`, `Europe/Berlin`, `UTC`). Only its shape is checked
 * here; whether the zone exists is the server's to say (400 `invalid_time_zone`).
 */
export const TimeZoneName = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(64));

/** What every stats route is asked: a range of the merchant's own calendar days, both ends included. */
export const StatsRange = /* @__PURE__ */ z.object({
  from: z.string(),
  to: z.string(),
  /** The IANA zone the days are counted in. */
  timeZone: z.string(),
  /** Every day from `from` to `to`, in order: the figures' arrays line up with it. */
  days: z.array(z.string()),
});

const Counts = /* @__PURE__ */ z.array(z.int());

/** Teams per day: opened (the leader paid), and closed as succeeded or failed (after opening). */
export const TeamStats = /* @__PURE__ */ z.extend(StatsRange, { opened: Counts, succeeded: Counts, failed: Counts });
export type TeamStats = z.infer<typeof TeamStats>;

/** Assists per day: started, and completed (goal reached). */
export const AssistStats = /* @__PURE__ */ z.extend(StatsRange, { started: Counts, completed: Counts });
export type AssistStats = z.infer<typeof AssistStats>;

/** One currency's orders and commission per day, amounts in minor units. */
export const CurrencyDays = /* @__PURE__ */ z.object({
  currency: z.string(),
  /** Orders reported that day. */
  orders: Counts,
  /** What those orders came to, before refunds. */
  amount: Counts,
  /** Commission earned on that day's orders, less what refunds reversed; rejected commissions count nothing. */
  commission: Counts,
});
export type CurrencyDays = z.infer<typeof CurrencyDays>;

/** Orders and commission per day, one entry per currency that had any, the busiest first. */
export const OrderStats = /* @__PURE__ */ z.extend(StatsRange, { currencies: z.array(CurrencyDays) });
export type OrderStats = z.infer<typeof OrderStats>;

/** Voucher redemptions per store per day, one entry per store that had any, the busiest first. */
export const RedemptionStats = /* @__PURE__ */ z.extend(StatsRange, {
  stores: z.array(z.object({ store: z.string(), redemptions: Counts })),
});
export type RedemptionStats = z.infer<typeof RedemptionStats>;
