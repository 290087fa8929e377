import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { tryDecodeURIComponent } from 'hono/utils/url';
import { ApiError } from '../errors.js';
import type { AppEnv } from './context.js';

/** A UTF-16 surrogate without its other half. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL cannot store `text` as sent, or undefined when it can: a NUL character (text
 * columns refuse it, so the query fails), or an unpaired surrogate (not encodable as UTF-8: the
 * driver would store U+FFFD, so two different values could be saved as the same one).
 */
export function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(text)) return 'is not valid Unicode (an unpaired surrogate)';
  return undefined;
}

export interface UnstorableField {
  path: Array<string | number>;
  message: string;
}

/** Every string (and object key) in a parsed JSON value that cannot be stored, with where it is. */
export function unstorableFields(value: unknown): UnstorableField[] {
  const found: UnstorableField[] = [];
  // Iterative, so no nesting depth can overflow the stack.
  const pending: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: item, path } = next;
    if (typeof item === 'string') {
      const reason = unstorable(item);
      if (reason) found.push({ path, message: `${describe(path)} ${reason}, which cannot be stored.` });
    } else if (Array.isArray(item)) {
      for (const [i, element] of item.entries()) pending.push({ value: element, path: [...path, i] });
    } else if (item && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        const reason = unstorable(key);
        if (reason) found.push({ path, message: `A field name in ${describe(path)} ${reason}.` });
        pending.push({ value: element, path: [...path, key] });
      }
    }
  }
  return found;
}

const describe = (path: Array<string | number>) => (path.length ? path.join('.') : 'The body');

/**
 * Refuses a request whose path parameters or query values (as the routes will read them, decoded)
 * cannot be stored, with 400 invalid_request naming the parameter, before any route runs. JSON
 * bodies get the same check in `jsonBody`.
 */
export const rejectUnstorableUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
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
