/**
 * Where a page's reads may carry the publishable key and the shopper token instead of the headers
 * (routes whose auth says `inQuery`), as the live stream does: `?key=pk_…&shopper=…`. A module of
 * its own, free of zod, for the loader (flock.js) to import.
 */
export const KEY_QUERY_PARAM = 'key';
export const SHOPPER_QUERY_PARAM = 'shopper';
