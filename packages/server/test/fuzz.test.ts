/**
 * Property-based fuzzing of every operation in the route table with hostile input: bodies derived
 * from the request schemas with one value mutated (NUL bytes, lone surrogates, huge, negative and
 * fractional numbers, long strings, wrong types, extra fields, deep nesting), hostile path
 * parameters and query values, right and wrong keys. Every answer must be a 2xx or a 4xx with a
 * code from the contract, the server must stay up, and a refused request must write nothing.
 *
 * Deterministic: FLOCK_FUZZ_SEED (default below) and FLOCK_FUZZ_RUNS (per database) replay a run.
 */

import { type ErrorCode, errorCodes, errorStatus } from '@flock/protocol';
import { type RouteSpec, routes } from '@flock/protocol/reference';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { testDatabases } from './databases.js';
import { tableFingerprinter } from './db-fingerprint.js';
import { type Harness, offerInput, SHOP_ORIGIN, useHarness } from './harness.js';
import { programInput } from './referral-helpers.js';
import { expectOk, type Json } from './util.js';

const SEED = Number(process.env.FLOCK_FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FLOCK_FUZZ_RUNS ?? 1500);

// ---- JSON Schema → valid values -------------------------------------------------------------

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

const toJsonSchema = (schema: $ZodType) =>
  z.toJSONSchema(schema as never, { io: 'input', unrepresentable: 'any' }) as unknown as JsonSchema;

/** Values the schema accepts (before its refinements), biased towards the bounds. */
function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map(validValue));
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, validValue(value)]));
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    case 'array':
      return fc.array(validValue(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      });
    case 'integer': {
      const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
      const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
      return fc.oneof(fc.constantFrom(min, max), fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number));
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string': {
      if (schema.format === 'uri') {
        return fc.oneof(fc.constantFrom('https://shop.test/tea', 'http://shop.test/landing?x=1'), fc.webUrl());
      }
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.min(schema.maxLength ?? 40, 40);
      return fc.oneof(
        fc.string({ minLength, maxLength: Math.max(minLength, maxLength) }),
        fc.string({ unit: 'grapheme', minLength, maxLength: Math.max(minLength, maxLength) }),
        ...(schema.maxLength ? [fc.constant('x'.repeat(schema.maxLength))] : []),
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// ---- Hostile values ---------------------------------------------------------------------------

/** A number written into the JSON text as is (1e309, -0, 1.0), which JSON.stringify cannot produce. */
class RawNumber {
  constructor(readonly text: string) {}
  toJSON() {
    return `\u0001RAW:${this.text}\u0001`;
  }
}
const serialize = (value: unknown) => JSON.stringify(value).replace(/"\\u0001RAW:(.*?)\\u0001"/g, '$1');

const nested = (depth: number): unknown => {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

const hostileString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'a\udc00b',
    '',
    ' ',
    'x'.repeat(10_000),
    '\u202e\u200b',
    '🦊'.repeat(60),
    "'; drop table merchants; --",
    '%00',
    'NaN',
    '-1',
    '1e309',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59-14:00',
    '2026-02-30T00:00:00Z',
    'https://[::1]/x',
    'javascript:alert(1)',
  ),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000`),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const hostileNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    1.5,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 32,
    2 ** 53,
    2 ** 63,
    1e10,
    1e10 + 1,
    1e21,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    Number.EPSILON,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc
    .constantFrom('1e309', '-1e309', '1.0', '1e2', '10000000000.0', '-0', '123456789012345678901234567890')
    .map((text) => new RawNumber(text)),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 4, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': '' }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2000 }).map(nested) },
);

type JsonPath = Array<string | number>;

/** Every place inside a JSON value (object properties and array items), outermost first. */
function placesIn(value: unknown, at: JsonPath = []): JsonPath[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...at, i], ...placesIn(item, [...at, i])]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [[...at, key], ...placesIn(item, [...at, key])]);
  }
  return [];
}

function setAt(value: unknown, path: JsonPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...JsonPath];
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[head] = setAt(copy[head], rest, replacement);
  return copy;
}

const pick = <T>(items: T[], index: number): T | undefined => (items.length ? items[index % items.length] : undefined);

type Body = { json: unknown } | { raw: string; contentType?: string };

/** A body for a route: valid by its schema, or with one value mutated, a field added or dropped, or not JSON at all. */
function bodyFor(schema: $ZodType): fc.Arbitrary<Body> {
  const valid = validValue(toJsonSchema(schema));
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((json) => ({ json })) },
    {
      weight: 6,
      arbitrary: fc.tuple(valid, fc.nat(), hostileValue).map(([base, i, value]) => {
        const place = pick(placesIn(base), i);
        return { json: place ? setAt(base, place, value) : { unexpected: value } };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat(), hostileString, hostileValue).map(([base, i, key, value]) => {
        const objects = [[], ...placesIn(base)].filter((p) => {
          const target = p.reduce<any>((v, k) => v?.[k], base);
          return target && typeof target === 'object' && !Array.isArray(target);
        });
        const place = pick(objects, i) ?? [];
        return { json: setAt(base, [...place, key || 'extra'], value) };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([base, i]) => {
        const place = pick(placesIn(base), i);
        return { json: place ? setAt(base, place, undefined) : base };
      }),
    },
    { weight: 1, arbitrary: hostileValue.map((json) => ({ json })) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc
          .constantFrom('', '{', '{"a":', 'null', '[]', '"x"', '\ufeff{}', '{"a":1,"a":2}', 'x'.repeat(1000))
          .map((raw) => ({ raw })),
        fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data').map((contentType) => ({
          raw: 'a=1',
          contentType,
        })),
      ),
    },
  );
}

// ---- Path, query and headers -----------------------------------------------------------------

/** What the test set up: real ids to aim at, so requests reach past "not found". */
interface Fixtures {
  byResource: Record<string, string>;
  programId: string;
  topics: string;
  staffKey: string;
  tokens: string[];
  lastEventId: string;
}

/** A URL component: a real id (maybe with something appended) or hostile text, already percent-encoded. */
type UrlPart = { fixture: true; suffix: string } | { raw: string };

const hostileUrlPart: fc.Arbitrary<UrlPart> = fc.oneof(
  fc
    .constantFrom(
      '%00',
      'a%00b',
      '%ED%A0%80',
      '%C3%28',
      '%FF%FE',
      '%',
      '%E2%82',
      '%2F..%2F..',
      '..',
      '%20',
      '%F0%9F%A6%8A',
      'x'.repeat(5000),
      '-1',
      '0',
      '99999999999999999999',
      'NaN',
      '%27%3B%20drop%20table%20merchants%3B--',
    )
    .map((raw) => ({ raw })),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((s) => ({ raw: encodeURIComponent(s) })),
  fc.constantFrom('', '%00', '%ED%A0%80', '_x', 'x'.repeat(300)).map((suffix) => ({ fixture: true as const, suffix })),
);

const urlPart = fc.oneof(
  { weight: 2, arbitrary: fc.constant<UrlPart>({ fixture: true, suffix: '' }) },
  { weight: 3, arbitrary: hostileUrlPart },
);

const resourceOf = (path: string) => path.split('/')[2] ?? '';

function validQueryValue(route: RouteSpec, name: string, fx: Fixtures, key: string): string {
  if (route.path === '/v1/stream') {
    if (name === 'key') return key;
    if (name === 'topics') return fx.topics;
    if (name === 'lastEventId') return fx.lastEventId;
    if (name === 'shopper') return fx.tokens[0] ?? '';
  }
  if (name === 'program') return fx.programId;
  if (name === 'shopper') return 'me';
  if (name === 'from' || name === 'to') return '2026-11-23';
  if (name === 'timeZone') return 'Asia/Shanghai';
  return 'x';
}

type KeyChoice = 'secret' | 'publishable' | 'staff' | 'wrong' | 'none' | 'malformed';

interface FuzzCase {
  route: RouteSpec;
  path: UrlPart[];
  query: Array<{ name: string; value: UrlPart | 'valid' }>;
  body?: Body;
  key: KeyChoice;
  origin: 'shop' | 'foreign' | 'none';
  shopper: number | 'none' | 'garbage';
  idempotencyKey?: string;
  lastEventIdHeader?: string;
}

const headerText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /^[\x21-\x7e][\x20-\x7e]*$/.test(s) && !s.endsWith(' ')),
  fc.constantFrom('x'.repeat(300), 'é-latin1-\u00ff', 'retry-1'),
);

function caseFor(route: RouteSpec): fc.Arbitrary<FuzzCase> {
  const pathParams = route.path.includes('*') ? 1 : [...route.path.matchAll(/:\w+/g)].length;
  const queryArb = fc.array(
    fc.oneof(
      ...(route.query ?? []).map((q) =>
        fc.oneof(fc.constant('valid' as const), hostileUrlPart).map((value) => ({ name: q.name, value })),
      ),
      fc.tuple(fc.constantFrom('extra', 'program', '__proto__', 'key'), hostileUrlPart).map(([name, value]) => ({ name, value })),
    ),
    { maxLength: 4 },
  );
  const required = (route.query ?? []).map((q) => ({ name: q.name, value: 'valid' as const }));
  return fc.record({
    route: fc.constant(route),
    path: fc.array(urlPart, { minLength: pathParams, maxLength: pathParams }),
    // Mostly every parameter valid with one hostile one on top; sometimes only hostile ones.
    query: fc.oneof(
      queryArb.map((extra) => {
        const byName = new Map<string, { name: string; value: UrlPart | 'valid' }>(required.map((q) => [q.name, q]));
        for (const q of extra) byName.set(q.name, q);
        return [...byName.values()];
      }),
      queryArb,
    ),
    body: route.body ? bodyFor(route.body) : fc.constant(undefined),
    key: fc.oneof(
      { weight: 6, arbitrary: fc.constant<KeyChoice>(rightKey(route)) },
      { weight: 2, arbitrary: fc.constantFrom<KeyChoice>('secret', 'publishable', 'staff', 'wrong', 'none', 'malformed') },
    ),
    origin: fc.oneof(
      { weight: 8, arbitrary: fc.constant('shop' as const) },
      fc.constantFrom('foreign' as const, 'none' as const),
    ),
    shopper: fc.oneof({ weight: 6, arbitrary: fc.nat({ max: 2 }) }, fc.constantFrom('none' as const, 'garbage' as const)),
    idempotencyKey: fc.option(headerText, { freq: 3, nil: undefined }),
    lastEventIdHeader:
      route.path === '/v1/stream'
        ? fc.option(
            fc.constantFrom('0', '1', '9223372036854775807', '9223372036854775808', '99999999999999999999', '-1', '1e3', 'abc'),
            { freq: 2, nil: undefined },
          )
        : fc.constant(undefined),
  });
}

function rightKey(route: RouteSpec): KeyChoice {
  if (route.auth.kind === 'keys') return route.auth.keys[0] as KeyChoice;
  if (route.auth.kind === 'stream') return 'publishable';
  return 'none';
}

function urlOf(c: FuzzCase, fx: Fixtures, key: string): string {
  const parts = c.path.map((part) => {
    if ('raw' in part) return part.raw;
    const id = fx.byResource[resourceOf(c.route.path)] ?? 'x';
    return encodeURIComponent(id) + part.suffix;
  });
  let path: string;
  if (c.route.path.includes('*')) path = c.route.path.replace('*', `chunks/${parts[0]}.js`);
  else {
    let i = 0;
    path = c.route.path.replace(/:\w+/g, () => parts[i++] ?? '');
  }
  const query = c.query.map(({ name, value }) => {
    const text =
      value === 'valid'
        ? encodeURIComponent(validQueryValue(c.route, name, fx, key))
        : 'raw' in value
          ? value.raw
          : encodeURIComponent(fx.programId) + value.suffix;
    return `${encodeURIComponent(name)}=${text}`;
  });
  return query.length ? `${path}?${query.join('&')}` : path;
}

// ---- The fixtures ----------------------------------------------------------------------------

async function setUp(h: Harness): Promise<Fixtures> {
  const shoppers = ['fuzz-alice', 'fuzz-bob', 'fuzz-carol'];
  const tokens = await Promise.all(shoppers.map((s) => h.tokenFor(s)));
  const offer = await expectOk(await h.asMerchant('POST', '/v1/group-buy-offers', offerInput({ teamSize: 5 })), 201);
  const opened = await expectOk(await h.asShopper('fuzz-alice', 'POST', `/v1/group-buy-offers/${offer.id}/teams`), 201);
  await expectOk(await h.asMerchant('POST', `/v1/reservations/${opened.reservation.id}/confirm`, { orderRef: 'fuzz-order-1' }));
  const held = await expectOk(await h.asShopper('fuzz-bob', 'POST', `/v1/teams/${opened.team.id}/reservations`), 201);
  const campaign = await expectOk(
    await h.asMerchant('POST', '/v1/assist-campaigns', {
      productRef: 'tea-001',
      title: 'Help me get tea',
      mode: 'progress',
      goal: 50,
      ttlSeconds: 86400,
      reward: { description: 'A free tin of tea' },
    }),
    201,
  );
  const started = await expectOk(await h.asShopper('fuzz-alice', 'POST', `/v1/assist-campaigns/${campaign.id}/assists`), 201);
  const program = await expectOk(await h.asMerchant('POST', '/v1/referral-programs', programInput()), 201);
  const joined = await expectOk(await h.asShopper('fuzz-alice', 'POST', `/v1/referral-programs/${program.id}/promoters`), 201);
  const order: Json = await expectOk(
    await h.asMerchant('POST', '/v1/orders', {
      orderRef: 'fuzz-order-2',
      amount: 19900,
      currency: 'CNY',
      promoterCode: joined.promoter.code,
    }),
    201,
  );
  const product = await expectOk(await h.asMerchant('POST', '/v1/voucher-products', { title: 'A coffee', uses: 3 }), 201);
  const voucher = await expectOk(
    await h.asMerchant('POST', '/v1/vouchers', { productId: product.id, shopperId: 'fuzz-alice', orderRef: 'fuzz-order-3' }),
    201,
  );
  const { staffKey } = await expectOk(await h.asMerchant('POST', '/v1/staff-keys', { store: 'Main street' }), 201);
  const [newest] = await h.db.query<{ id: string }>(`select max(id)::text as id from live_events`);
  return {
    byResource: {
      'group-buy-offers': offer.id,
      teams: opened.team.id,
      reservations: held.reservation.id,
      'assist-campaigns': campaign.id,
      assists: started.assist.id,
      'referral-programs': program.id,
      orders: order.orderRef,
      commissions: order.commissions[0]?.id ?? 'com_none',
      promoters: joined.promoter.id,
      vouchers: voucher.id,
    },
    programId: program.id,
    topics: `team:${opened.team.id},assist:${started.assist.id},promoter:${joined.promoter.id},voucher:${voucher.id}`,
    staffKey,
    tokens,
    lastEventId: newest?.id ?? '0',
  };
}

// ---- The property ----------------------------------------------------------------------------

interface Failure {
  route: string;
  request: string;
  status: number;
  problem: string;
}

describe.each(testDatabases)('hostile input on $kind', ({ create }) => {
  const suite = useHarness(create);

  it(
    `answers ${RUNS} hostile requests with 2xx or a contract 4xx, writing nothing when it refuses`,
    async () => {
      const { h } = suite;
      const fx = await setUp(h);
      const fingerprint = await tableFingerprinter(h.db);
      const keys: Record<KeyChoice, string | undefined> = {
        secret: h.merchant.secretKey,
        publishable: h.merchant.publishableKey,
        staff: fx.staffKey,
        wrong: 'sk_0000000000000000000000000000000000',
        none: undefined,
        malformed: undefined,
      };
      const failures: Failure[] = [];
      let before = await fingerprint();
      let requests = 0;
      const sentTo = new Map<string, number>();

      const send = async (c: FuzzCase) => {
        const key = keys[c.key];
        const url = urlOf(c, fx, key ?? '');
        const headers: Record<string, string> = {};
        if (key) headers.authorization = `Bearer ${key}`;
        if (c.key === 'malformed') headers.authorization = 'Basic Zm9vOmJhcg==';
        if (c.origin === 'shop') headers.origin = SHOP_ORIGIN;
        if (c.origin === 'foreign') headers.origin = 'https://evil.test';
        if (typeof c.shopper === 'number') headers['flock-shopper'] = fx.tokens[c.shopper] ?? '';
        if (c.shopper === 'garbage') headers['flock-shopper'] = 'eyJhbGciOiJub25lIn0.e30.';
        if (c.idempotencyKey) headers['idempotency-key'] = c.idempotencyKey;
        if (c.lastEventIdHeader) headers['last-event-id'] = c.lastEventIdHeader;
        let body: string | undefined;
        if (c.body) {
          headers['content-type'] = 'raw' in c.body ? (c.body.contentType ?? 'application/json') : 'application/json';
          body = 'raw' in c.body ? c.body.raw : serialize(c.body.json);
        }
        const method = c.route.method.toUpperCase();
        const route = `${method} ${c.route.path}`;
        const label = `${method} ${url.slice(0, 300)} key=${c.key} shopper=${c.shopper} body=${(body ?? '').slice(0, 300)}`;
        requests++;
        sentTo.set(route, (sentTo.get(route) ?? 0) + 1);
        const response = await h.server.app.request(url, { method, headers, body });
        if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
          await response.body?.cancel();
          if (response.status !== 200)
            failures.push({ route, request: label, status: response.status, problem: 'stream not 200' });
          return;
        }
        const text = await response.text();
        const status = response.status;
        if (status >= 200 && status < 300) {
          before = await fingerprint();
          // Keep the shop's page allowed, so later requests with the publishable key get past the origin check.
          if (c.route.method === 'patch' && c.route.path === '/v1/merchant') {
            await h.asMerchant('PATCH', '/v1/merchant', { origins: [SHOP_ORIGIN] });
            before = await fingerprint();
          }
          return;
        }
        let code: string | undefined;
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
        } catch {}
        if (status >= 500 || status < 400) failures.push({ route, request: label, status, problem: text.slice(0, 300) });
        else if (!code || !errorCodes.includes(code as ErrorCode)) {
          failures.push({ route, request: label, status, problem: `not a contract error: ${text.slice(0, 200)}` });
        } else if (errorStatus[code as ErrorCode] !== status) {
          failures.push({ route, request: label, status, problem: `${code} comes with ${errorStatus[code as ErrorCode]}` });
        }
        const after = await fingerprint();
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (changed.length)
          failures.push({ route, request: label, status, problem: `refused, yet wrote to ${changed.join(', ')}` });
        before = after;
      };

      await fc.assert(
        fc.asyncProperty(fc.oneof(...routes.map(caseFor)), async (c) => {
          await send(c);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );

      const health = await h.server.app.request('/healthz');
      expect(health.status).toBe(200);
      expect(requests).toBe(RUNS);
      // Every operation of the route table was walked.
      expect([...sentTo.keys()].sort()).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
      // One line per distinct problem (route and status), with the first request that showed it.
      const distinct = new Map<string, Failure>();
      for (const f of failures) if (!distinct.has(`${f.route} ${f.status}`)) distinct.set(`${f.route} ${f.status}`, f);
      expect(
        [...distinct.values()].map((f) => `${f.status} ${f.request}\n    → ${f.problem}`),
        `${failures.length} bad answers of ${requests} (seed ${SEED})`,
      ).toEqual([]);
    },
    60_000 + RUNS * 100,
  );
});
