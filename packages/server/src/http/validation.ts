import type { RouteSpec } from '@flock/protocol/reference';
import { sValidator } from '@hono/standard-validator';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { MiddlewareHandler } from 'hono';
import * as z from 'zod/mini';
import { ApiError } from '../errors.js';
import { unstorableFields } from '../infra/storable-text.js';
import type { AppEnv } from './context.js';

interface Issue {
  path: Array<string | number>;
  message: string;
}

/**
 * Validates the JSON body with the route's schema; failures become 400 invalid_request with the
 * issues, and so do strings the database cannot store (a NUL, an unpaired surrogate) at any depth.
 */
export const jsonBody = <S extends StandardSchemaV1>(schema: S) =>
  sValidator('json', schema, (result) => {
    if (!result.success) {
      throw new ApiError(
        'invalid_request',
        'The request body does not match the API: see details.',
        result.error.map((issue) => ({
          path: (issue.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)),
          message: issue.message,
        })),
      );
    }
    const unstorable = unstorableFields(result.data);
    if (unstorable.length) throw new ApiError('invalid_request', unstorable.map((f) => f.message).join(' '), unstorable);
  });

/**
 * Parses the declared path parameters and query values into `c.get('input')`; a missing required
 * value or one its schema refuses is 400 invalid_request naming the parameter. Undeclared query
 * values are ignored (text the database cannot store was refused before, in `rejectUnstorableUrl`).
 */
export const urlInput =
  (route: RouteSpec): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const issues: Issue[] = [];
    const params: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(route.params ?? {})) {
      const parsed = z.safeParse(schema, c.req.param(name));
      if (parsed.success) params[name] = parsed.data;
      else issues.push({ path: [name], message: `Path parameter ${name} is not valid: ${parsed.error.issues[0]?.message}.` });
    }
    const query: Record<string, unknown> = {};
    for (const declared of route.query ?? []) {
      const value = c.req.query(declared.name);
      if (value === undefined) {
        if (declared.required) issues.push({ path: [declared.name], message: missingQuery(declared.name, declared.description) });
        continue;
      }
      const parsed = z.safeParse(declared.schema, value);
      if (parsed.success) query[declared.name] = parsed.data;
      else issues.push({ path: [declared.name], message: `?${declared.name}= is not valid: ${declared.description}` });
    }
    if (issues.length) throw new ApiError('invalid_request', issues.map((issue) => issue.message).join(' '), issues);
    c.set('input', { params, query });
    await next();
  };

const missingQuery = (name: string, description: string) => `Say ?${name}=: ${description}`;
