/**
 * A widget's first read, started by the loader (flock.js) while the widget's code still downloads,
 * and adopted by the SDK's first GET of the same URL instead of a second request: the page waits
 * for the chunks and the data at once, not one after the other. Both sides build the URL with
 * `routeUrl`, so they agree on it to the byte.
 *
 * Imports two constants only: the loader bundles this file and must stay tiny.
 */
import { KEY_QUERY_PARAM, SHOPPER_QUERY_PARAM } from '@flock/protocol/query-credentials';

/** Responses started and not adopted yet, by absolute URL; shared by every copy of Flock on the page. */
const started = (): Map<string, Promise<Response>> => {
  const page = globalThis as { [key: symbol]: Map<string, Promise<Response>> | undefined };
  const key = Symbol.for('flock.prefetched');
  const map = page[key] ?? new Map();
  page[key] = map;
  return map;
};

const absolute = (url: string) => new URL(url, globalThis.location?.href).href;

/** `api` + a route's path with its `:params` filled in + the query: the URL every call of the SDK goes to. */
export function routeUrl(api: string, path: string, params: Record<string, string>, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  const filled = path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  return `${api.replace(/\/+$/, '')}${filled}${search ? `?${search}` : ''}`;
}

/** The query of a page's read: the publishable key and the shopper token (routes whose auth says `inQuery`). */
export const credentialsQuery = (key: string, shopperToken: string | null | undefined): Record<string, string> =>
  shopperToken ? { [KEY_QUERY_PARAM]: key, [SHOPPER_QUERY_PARAM]: shopperToken } : { [KEY_QUERY_PARAM]: key };

/** Starts a GET of `url` for the SDK to adopt. */
export function prefetch(url: string): void {
  const key = absolute(url);
  if (started().has(key)) return;
  const response = fetch(key);
  // Nobody may adopt it (the widget never mounts); its failure is the SDK's to report, not the console's.
  response.catch(() => {});
  started().set(key, response);
}

/** The response a prefetch of `url` started, once: a second GET of the same URL asks the server again. */
export function adoptPrefetched(url: string): Promise<Response> | undefined {
  const key = absolute(url);
  const response = started().get(key);
  started().delete(key);
  return response;
}
