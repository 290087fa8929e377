import { type NamedRouteSpec, routes } from '@flock/protocol/reference';
import type { RouteAuth } from '@flock/protocol/routes';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { authenticate, authorize } from './auth.js';
import type { AppEnv } from './context.js';
import { Answer, type Handlers, type JsonHandler, type RawHandler } from './handler.js';
import { idempotency } from './idempotency.js';
import { rejectUnstorableUrl } from './input-guard.js';
import { TaggedAnswer } from './read-cache.js';
import { jsonBody, urlInput } from './validation.js';

/**
 * Registers every route of the protocol table on `app` from its declaration: credentials and
 * origins for every /v1 request, then per route its idempotency, its `auth`, its path and query
 * parameters and its body, and finally its handler with typed input and one context.
 * Throws (at start-up) when a route has no handler, a handler no route, or a route's declared
 * path parameters differ from its path. `table` is the protocol's; tests pass a changed copy.
 */
export function bindRoutes(app: Hono<AppEnv>, handlers: Handlers, table: readonly NamedRouteSpec[] = routes): void {
  assertBindable(handlers, table);
  const byRoute = new Map(table.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route]));
  const authOf = (c: Context<AppEnv>): RouteAuth | undefined => byRoute.get(`${c.req.method} ${routePath(c, -1)}`)?.auth;
  // Before keys are looked up: text the database cannot store is refused for what it is.
  app.use('/v1/*', rejectUnstorableUrl, authenticate(authOf));
  for (const route of table) {
    const handler = handlers[route.name] as JsonHandler<never> | RawHandler;
    const chain: MiddlewareHandler<AppEnv>[] = [...(route.idempotent ? [idempotency(route)] : []), ...authorize(route.auth)];
    const register = (...last: MiddlewareHandler<AppEnv>[]) =>
      app.on(route.method.toUpperCase(), [route.path], ...chain, ...last);
    if ('raw' in handler) {
      register(async (c) => handler.raw(c));
      continue;
    }
    chain.push(urlInput(route));
    if (route.body) chain.push(jsonBody(route.body) as unknown as MiddlewareHandler<AppEnv>);
    register(async (c) => {
      // c.get, not c.var: Hono builds a new object of every variable on each c.var.
      const { params, query } = c.get('input');
      const body = route.body ? c.req.valid('json' as never) : undefined;
      const auth = c.get('auth');
      const shopper = c.get('shopper');
      // A route that ignores the shopper does not see one, even when a page sends its token.
      const caller =
        route.auth.kind === 'keys' && auth
          ? { merchant: auth.merchant, key: auth, shopper: route.auth.shopper === 'ignored' ? undefined : (shopper ?? undefined) }
          : route.auth.kind === 'console' && auth
            ? { merchant: auth.merchant, key: auth }
            : {};
      const reply: unknown = await handler({ params, query, body } as never, { ...c.get('deps'), ...caller, http: c } as never);
      if (reply instanceof TaggedAnswer) return reply.respond(c);
      return reply instanceof Answer ? c.json(reply.body, reply.status as 200) : c.json(reply, soleStatus(route) as 200);
    });
  }
}

/** The status of a route that declares one; a route declaring several must answer with an `Answer`. */
function soleStatus(route: NamedRouteSpec): number {
  const statuses = Object.keys(route.responses).map(Number);
  if (statuses.length !== 1) throw new Error(`${route.name} declares several statuses: its handler must return an Answer.`);
  return statuses[0] as number;
}

function assertBindable(handlers: Handlers, table: readonly NamedRouteSpec[]): void {
  const declared = new Set<string>(table.map((route) => route.name));
  const problems = [
    ...table.filter((route) => !(route.name in handlers)).map((route) => `route ${route.name} has no handler`),
    ...Object.keys(handlers)
      .filter((name) => !declared.has(name))
      .map((name) => `handler ${name} has no route in the table`),
  ];
  for (const route of table) {
    const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
    const inDeclaration = Object.keys(route.params ?? {}).sort();
    if (inPath.join() !== inDeclaration.join()) {
      problems.push(`route ${route.name} declares params [${inDeclaration}] but its path has [${inPath}]`);
    }
  }
  if (problems.length) throw new Error(`The route table and the handlers disagree: ${problems.join('; ')}.`);
}
