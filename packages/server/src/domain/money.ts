/** A bigint column as the drivers hand it back: a string (postgres.js) or a bigint (PGlite). */
export type BigIntish = number | string | bigint;

/** Money columns are bigint; amounts stay within MAX_MINOR_UNITS, so they are exact as numbers. */
export const money = (v: BigIntish): number => Number(v);
export const moneyOrNull = (v: BigIntish | null): number | null => (v === null ? null : Number(v));
