import * as z from 'zod/mini';

/** Money is always an integer count of minor units (fen, cents). */
export const MinorUnits = z.int().check(z.minimum(0), z.maximum(100_000_000_00));
export const Currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'));
export const IsoDateTime = z.iso.datetime({ offset: true });
export const Id = (prefix: string) =>
  z.string().check(z.regex(new RegExp(`^${prefix}_[0-9A-Za-z]{10,40}$`), `an id starting with ${prefix}_`));
export const Url = z.url({ protocol: /^https?$/ });
export const ShortText = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
