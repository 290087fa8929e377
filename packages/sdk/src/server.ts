/**
 * `@flock/sdk/server`: for the shop's own backend (Node, Deno, Bun, edge). Keeps the referral
 * attribution in a first-party, server-set, HttpOnly cookie, which Safari does not cap at 7 days
 * as it does for script-written storage.
 *
 *   // POST /flock/attribution {attributionId} from the page (the provider's attribution-endpoint)
 *   response.headers.append('set-cookie', attributionCookie(attributionId, { maxAgeDays: 30 }));
 *   // at checkout
 *   const attributionId = readAttributionCookie(request.headers.get('cookie'));
 *   // and report the order to Flock with it (the `reportOrder` route: docs/api.md, Referral)
 */
export const ATTRIBUTION_COOKIE = 'flock_attribution';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export interface AttributionCookieOptions {
  /** How long to keep it: the program's attribution window. */
  maxAgeDays: number;
  /** Set false only for plain-http development. */
  secure?: boolean;
  domain?: string;
  path?: string;
}

/** The Set-Cookie header value that keeps an attribution id. */
export function attributionCookie(attributionId: string, options: AttributionCookieOptions): string {
  if (!ID_PATTERN.test(attributionId)) throw new TypeError('attributionId is not an id Flock issued');
  const parts = [
    `${ATTRIBUTION_COOKIE}=${attributionId}`,
    `Max-Age=${Math.round(options.maxAgeDays * 86400)}`,
    `Path=${options.path ?? '/'}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure !== false) parts.push('Secure');
  if (options.domain) parts.push(`Domain=${options.domain}`);
  return parts.join('; ');
}

/** The attribution id from a Cookie request header, if any. */
export function readAttributionCookie(cookieHeader: string | null | undefined): string | undefined {
  for (const pair of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = pair.trim().split('=');
    const value = rest.join('=');
    if (name === ATTRIBUTION_COOKIE && ID_PATTERN.test(value)) return value;
  }
  return undefined;
}
