/**
 * The protocol's route table is what the server serves: every route is bound from its declaration,
 * nothing else answers, and each route's auth, idempotency, parameters and body are enforced as
 * declared. Every case below is derived from the table, so a declaration and the server cannot drift.
 */

import { type NamedRouteSpec, routes } from '@flock/protocol/reference';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { routeHandlers } from '../src/app.js';
import { createInvite } from '../src/domain/console.js';
import { createStaffKey } from '../src/domain/merchants.js';
import { bindRoutes } from '../src/http/bind.js';
import type { AppEnv } from '../src/http/context.js';
import type { Handlers } from '../src/http/handler.js';
import { testDatabases } from './databases.js';
import { SHOP_ORIGIN, useHarness } from './harness.js';
import { expectError } from './util.js';

const ADMIN_TOKEN = 'operator-token-for-route-table-0123456789';
const KEY_KINDS = ['publishable', 'secret', 'staff'] as const;
type KeyKind = (typeof KEY_KINDS)[number];

/** A concrete URL for a route: each path parameter an id that does not exist. */
const urlOf = (route: NamedRouteSpec) => route.path.replace(/:(\w+)/g, 'x_0123456789').replace('*', 'nothing-here.js');
const label = (route: NamedRouteSpec) => `${route.name} (${route.method.toUpperCase()} ${route.path})`;
const keyRoutes = routes.flatMap((route) => (route.auth.kind === 'keys' ? [{ route, auth: route.auth }] : []));

describe('binding the table', () => {
  const handlers = () => routeHandlers({} as never) as Record<string, unknown>;

  it('refuses to start when a route has no handler', () => {
    const { reserveSeat: _, ...rest } = handlers();
    expect(() => bindRoutes(new Hono<AppEnv>(), rest as Handlers)).toThrow('route reserveSeat has no handler');
  });

  it('refuses to start when a handler has no route', () => {
    const extra = { ...handlers(), cancelSeat: () => ({}) };
    expect(() => bindRoutes(new Hono<AppEnv>(), extra as unknown as Handlers)).toThrow(
      'handler cancelSeat has no route in the table',
    );
  });

  it('refuses to start when a route declares other path parameters than its path has', () => {
    const changed = routes.map((route) =>
      route.name === 'getTeam' ? { ...route, params: { teamId: route.params?.id } } : route,
    );
    expect(() => bindRoutes(new Hono<AppEnv>(), handlers() as Handlers, changed as NamedRouteSpec[])).toThrow(
      'route getTeam declares params [teamId] but its path has [id]',
    );
  });

  it('gives every route a unique name and declares exactly the parameters of its path', () => {
    expect(new Set(routes.map((r) => r.name)).size).toBe(routes.length);
    for (const route of routes) {
      const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      expect(Object.keys(route.params ?? {}).sort(), label(route)).toEqual(inPath.sort());
    }
  });
});

describe.each(testDatabases.filter((d) => d.kind === 'postgres'))('the served routes ($kind)', ({ create }) => {
  const suite = useHarness(create, { server: { adminToken: ADMIN_TOKEN } });

  /** The headers of a call with one key kind, as its legitimate caller sends it (a page for the publishable key). */
  let consoleSession: Promise<Record<string, string>> | undefined;
  /** An owner's console session of the harness merchant: its cookie, and its CSRF token for writes. */
  const consoleHeaders = () =>
    (consoleSession ??= (async () => {
      const { h } = suite;
      const invite = await createInvite(
        h.db,
        h.clock,
        h.merchant.merchantId,
        { email: 'route-table@shop.example', role: 'owner' },
        'http://flock.test',
      );
      const accepted = await h.server.app.request('/v1/console/invites/accept', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: invite.url.split('#/invite/')[1], name: 'Route table', password: 'route-table-password' }),
      });
      const { csrfToken } = (await accepted.json()) as { csrfToken: string };
      return { cookie: (accepted.headers.get('set-cookie') ?? '').split(';')[0] as string, 'flock-csrf': csrfToken };
    })());

  async function credentials(kind: KeyKind | 'operator' | 'console' | 'none', shopper = false): Promise<Record<string, string>> {
    const { h } = suite;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (kind === 'console') Object.assign(headers, await consoleHeaders());
    if (kind === 'publishable')
      Object.assign(headers, { authorization: `Bearer ${h.merchant.publishableKey}`, origin: SHOP_ORIGIN });
    if (kind === 'secret') headers.authorization = `Bearer ${h.merchant.secretKey}`;
    if (kind === 'staff')
      headers.authorization = `Bearer ${(await createStaffKey(h.db, h.clock, h.merchant.merchantId, 'Store 1')).staffKey}`;
    if (kind === 'operator') headers.authorization = `Bearer ${ADMIN_TOKEN}`;
    if (shopper) headers['flock-shopper'] = await h.tokenFor('route-table-shopper');
    return headers;
  }
  const call = (route: NamedRouteSpec, headers: Record<string, string>, body?: string) =>
    suite.h.server.app.request(urlOf(route), { method: route.method.toUpperCase(), headers, body });

  it('registers exactly the routes of the table', () => {
    const registered = new Set(suite.h.server.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    expect([...registered].sort()).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
  });

  it('answers 404 "No route" to every method a declared path does not declare', async () => {
    const declared = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const route of routes) {
      for (const method of ['get', 'post', 'patch', 'put', 'delete']) {
        if (declared.has(`${method} ${route.path}`)) continue;
        const response = await call(
          { ...route, method: method as 'get' },
          await credentials('secret'),
          method === 'get' ? undefined : '{}',
        );
        const body = await expectError(response, 404, 'not_found');
        expect(body.error.message, `${method} ${route.path}`).toContain('No route');
      }
    }
  });

  it('refuses a call without a key, and with each key kind the route does not declare, as declared', async () => {
    for (const { route, auth } of keyRoutes) {
      await expectError(await call(route, await credentials('none'), route.body ? '{}' : undefined), 401, 'unauthorized');
      for (const kind of KEY_KINDS.filter((k) => !auth.keys.includes(k))) {
        const body = await expectError(
          await call(route, await credentials(kind), route.body ? '{}' : undefined),
          403,
          'forbidden',
        );
        expect(body.error.message, `${label(route)} with a ${kind} key`).toContain(`not a ${kind} key`);
      }
    }
  });

  it('lets each declared key kind through its auth (the call fails later, or succeeds)', async () => {
    for (const { route, auth } of keyRoutes) {
      for (const kind of auth.keys) {
        // An invalid body stops a write before it does anything.
        const response = await call(route, await credentials(kind, auth.shopper !== 'ignored'), route.body ? '[]' : undefined);
        const { error } = (await response.json()) as { error?: { code: string } };
        expect(['unauthorized', 'forbidden', 'shopper_token_required'], `${label(route)} with a ${kind} key`).not.toContain(
          error?.code,
        );
      }
    }
  });

  it('asks for the shopper token exactly on the routes that declare it required', async () => {
    for (const { route, auth } of keyRoutes) {
      const response = await call(route, await credentials(auth.keys[0] as KeyKind), route.body ? '[]' : undefined);
      const { error } = (await response.json()) as { error?: { code: string } };
      if (auth.shopper === 'required') expect(error?.code, label(route)).toBe('shopper_token_required');
      else expect(error?.code, label(route)).not.toBe('shopper_token_required');
    }
  });

  it('takes the operator token, and nothing else, on operator routes', async () => {
    for (const route of routes.filter((r) => r.auth.kind === 'operator')) {
      await expectError(await call(route, await credentials('none'), '{}'), 401, 'unauthorized');
      await expectError(await call(route, await credentials('secret'), '{}'), 401, 'unauthorized');
      await expectError(await call(route, await credentials('operator'), '[]'), 400, 'invalid_request');
    }
  });

  it('validates the declared body: not the declared shape, or not JSON, is 400 invalid_request', async () => {
    for (const route of routes.filter((r) => r.body)) {
      const { auth } = route;
      const kind =
        auth.kind === 'keys'
          ? (auth.keys[0] as KeyKind)
          : auth.kind === 'public'
            ? 'none'
            : (auth.kind as 'operator' | 'console');
      const headers = await credentials(kind, route.auth.kind === 'keys' && route.auth.shopper !== 'ignored');
      const wrongShape = await expectError(await call(route, headers, '[]'), 400, 'invalid_request');
      expect(wrongShape.error.details, label(route)).toBeInstanceOf(Array);
      await expectError(await call(route, headers, '{'), 400, 'invalid_request');
    }
  });

  it('validates the declared query: a required value missing is 400 invalid_request naming it', async () => {
    for (const { route, auth } of keyRoutes) {
      for (const parameter of (route.query ?? []).filter((q) => q.required)) {
        const body = await expectError(
          await call(route, await credentials(auth.keys[0] as KeyKind, true)),
          400,
          'invalid_request',
        );
        expect(body.error.details, label(route)).toContainEqual({ path: [parameter.name], message: expect.any(String) });
      }
    }
  });

  it('stores and replays answers under an Idempotency-Key exactly on the routes declared idempotent', async () => {
    for (const route of routes.filter((r) => r.auth.kind === 'keys' || r.auth.kind === 'operator')) {
      const kind = route.auth.kind === 'keys' ? (route.auth.keys[0] as KeyKind) : 'operator';
      const headers = {
        ...(await credentials(kind, route.auth.kind === 'keys' && route.auth.shopper !== 'ignored')),
        'idempotency-key': `route-table-${route.name}`,
      };
      const body = route.method === 'get' ? undefined : '[]';
      const first = await call(route, headers, body);
      const again = await call(route, headers, body);
      expect(first.headers.get('idempotent-replayed'), label(route)).toBeNull();
      expect(again.headers.get('idempotent-replayed'), label(route)).toBe(route.idempotent ? 'true' : null);
      expect(await again.text(), label(route)).toBe(await first.text());
    }
  });

  it('opens a stream only with a key in the query or the header, never a staff key', async () => {
    for (const route of routes.filter((r) => r.auth.kind === 'stream')) {
      await expectError(await call(route, {}), 401, 'unauthorized');
      await expectError(await call(route, await credentials('staff')), 403, 'forbidden');
    }
  });

  it('serves the public routes without credentials', async () => {
    for (const route of routes.filter((r) => r.auth.kind === 'public')) {
      const response = await call(route, {});
      // A public route that takes a body (signing in) refuses an empty one; the others answer.
      expect(route.body ? [400] : [200, 404], label(route)).toContain(response.status);
      if (response.status === 404)
        expect((await expectError(response, 404, 'not_found')).error.message).not.toContain('No route');
    }
  });
});
