import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { tryDecodeURIComponent } from 'hono/utils/url';
import { ApiError } from '../errors.js';
import { type UnstorableField, unstorable } from '../infra/storable-text.js';
import type { AppEnv } from './context.js';

/**
 * Refuses a request whose path parameters or query values (as the routes will read them, decoded)
 * cannot be stored, with 400 invalid_request naming the parameter, before any route runs. JSON
 * bodies get the same check in `jsonBody`.
 */
export const rejectUnstorableUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Raw, a URL holds neither a NUL (the HTTP parser refuses control characters) nor a surrogate
  // (its bytes read as Latin-1): only percent-escapes can decode to either.
  if (!c.req.url.includes('%')) return next();
  const found: UnstorableField[] = [];
  // The route's own path (`/v1/teams/:id`) names each segment of the request's path.
  const pattern = routePath(c, -1).split('/');
  c.req.path.split('/').forEach((segment, i) => {
    const reason = unstorable(tryDecodeURIComponent(segment));
    if (!reason) return;
    const name = /^:(\w+)/.exec(pattern[i] ?? '')?.[1] ?? 'path';
    found.push({ path: [name], message: `Path parameter ${name} ${reason}.` });
  });
  for (const [name, values] of Object.entries(c.req.queries())) {
    const nameReason = unstorable(name);
    if (nameReason) found.push({ path: ['query'], message: `A query parameter name ${nameReason}.` });
    for (const value of values) {
      const reason = unstorable(value);
      if (reason) found.push({ path: [name], message: `Query parameter ${name} ${reason}.` });
    }
  }
  if (found.length) throw new ApiError('invalid_request', found.map((f) => f.message).join(' '), found);
  await next();
};
