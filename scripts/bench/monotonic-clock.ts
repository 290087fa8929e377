/**
 * Microseconds on CLOCK_MONOTONIC (process.hrtime), one clock for every process of the machine:
 * a time taken in one benchmark process compares directly with a time taken in another.
 */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
