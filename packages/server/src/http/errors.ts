import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from '../errors.js';
import type { AppEnv } from './context.js';

/** Every error becomes the API's `{error: {code, message, details}}`; only a real failure is a 5xx, and is logged. */
export function answerErrors(app: Hono<AppEnv>, log: (line: string) => void): void {
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json({ error: { code: error.code, message: error.message, details: error.details } }, error.status as 400);
    }
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own validator rejects malformed JSON this way.
      return c.json({ error: { code: 'invalid_request', message: error.message || 'Malformed request.' } }, 400);
    }
    // Log the failure without the request's headers or body: they can carry keys and tokens.
    log(
      `[flock] ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return c.json({ error: { code: 'internal_error', message: 'Something went wrong on our side; it is safe to retry.' } }, 500);
  });
}
