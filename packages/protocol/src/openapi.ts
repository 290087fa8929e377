/**
 * The OpenAPI 3.1 document of the Flock API, generated from the route table and the zod contract.
 * `pnpm openapi` writes it to docs/openapi.json; the server also answers it at GET /openapi.json.
 * Server and documentation code only (not exported from the package's index).
 */

import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { type ErrorCode, errorCodes, errorStatus } from './errors.js';
import * as contract from './index.js';
import { type RouteSpec, routes, webhookEvents } from './reference.js';
import * as routeTable from './routes.js';

type JsonSchema = Record<string, unknown>;

const SCHEMA_REF = '#/components/schemas/';
const ref = (name: string) => ({ $ref: `${SCHEMA_REF}${name}` });

const isSchema = (value: unknown): value is $ZodType => typeof value === 'object' && value !== null && '_zod' in value;

/** The exported name of every contract schema, so the document's components read like the code. */
function schemaNames(): Map<$ZodType, string> {
  const names = new Map<$ZodType, string>();
  for (const [name, value] of Object.entries({ ...contract, ...routeTable })) {
    if (isSchema(value) && !names.has(value)) names.set(value, name);
  }
  return names;
}

/**
 * Converts the named schemas into components: request bodies as accepted (input), everything the
 * server sends as written (output). Named schemas nested in others become `$ref`s.
 */
function toComponents(schemas: Iterable<[$ZodType, string]>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of schemas) if (!registry.has(schema)) registry.add(schema, { id });
  const converted = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: (id) => `${SCHEMA_REF}${id}`,
    override: ({ zodSchema, jsonSchema }) => {
      // The server writes every time with toISOString(); the browser just doesn't re-check it.
      if (zodSchema === contract.Timestamp) jsonSchema.format = 'date-time';
      // ±2^53 bounds on every z.int() are noise to a reader.
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      // Answers may gain fields in later versions; only request bodies are strict.
      if (io === 'output' && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  }).schemas as Record<string, JsonSchema>;
  for (const schema of Object.values(converted)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return converted;
}

/** Inline JSON Schema for an unnamed schema (query parameters, the /openapi.json answer). */
function inline(schema: $ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** The document's paths for a route: `/v1/teams/:id` → `/v1/teams/{id}`; wildcards list theirs. */
export const openApiPathsOf = (route: RouteSpec): readonly string[] =>
  route.documentedAs ?? [route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')];
const pathParams = (path: string) => [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string);

/** `post /v1/group-buy-offers/{id}/teams` → `postV1GroupBuyOffersIdTeams`. */
const operationId = (method: string, path: string) =>
  method +
  path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');

/** The validator headers of a route declared `etag` (its 200 and 304 answers). */
const etagHeaders = {
  ETag: { $ref: '#/components/headers/ETag' },
  'Cache-Control': { $ref: '#/components/headers/CacheControl' },
};

/** Every code a route can answer: its own, plus those its auth, body and idempotency bring. */
export function errorCodesOf(route: RouteSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors);
  const { auth } = route;
  if (route.body || route.query?.length) codes.add('invalid_request');
  if (auth.kind === 'operator') for (const code of ['forbidden', 'unauthorized'] as const) codes.add(code);
  if (auth.kind === 'console') for (const code of ['unauthorized', 'session_expired', 'forbidden'] as const) codes.add(code);
  // A console session may stand in for the secret key: it can lapse, and its writes need the CSRF token.
  if ((auth.kind === 'console' || (auth.kind === 'keys' && auth.keys.includes('secret'))) && route.method !== 'get')
    codes.add('csrf_failed');
  if (auth.kind === 'keys' && auth.keys.includes('secret')) codes.add('session_expired');
  if (auth.kind === 'keys' || auth.kind === 'stream') {
    for (const code of ['unauthorized', 'invalid_key', 'forbidden'] as const) codes.add(code);
  }
  // Publishable and staff keys are browser keys: refused from a page whose origin the merchant does not allow.
  if (auth.kind === 'stream' || (auth.kind === 'keys' && auth.keys.some((key) => key === 'publishable' || key === 'staff'))) {
    codes.add('origin_not_allowed');
  }
  if (auth.kind === 'keys' && auth.shopper !== 'ignored') {
    codes.add('shopper_token_invalid');
    codes.add('shopper_token_expired');
    if (auth.shopper === 'required') codes.add('shopper_token_required');
  }
  // A refused credential counts against the caller's address: past 20 a minute the answer is 429.
  if (auth.kind !== 'public') codes.add('rate_limited');
  if (route.idempotent) {
    for (const code of ['invalid_request', 'idempotency_conflict', 'idempotency_in_progress'] as const) codes.add(code);
  }
  if (auth.kind !== 'public') codes.add('internal_error');
  // Node refuses headers over its limit before any route runs, so every operation can answer it.
  codes.add('headers_too_large');
  // In the order of errors.ts, so the document is stable.
  return errorCodes.filter((code) => codes.has(code));
}

function security(route: RouteSpec): Record<string, string[]>[] {
  const { auth } = route;
  switch (auth.kind) {
    case 'public':
      return [];
    case 'operator':
      return [{ operatorToken: [] }];
    case 'stream':
      return [{ streamKey: [] }, { publishableKey: [] }, { secretKey: [] }];
    case 'console':
      return [{ consoleSession: [] }];
    case 'keys': {
      const withShopper = (key: Record<string, string[]>, token: string) => {
        if (auth.shopper === 'required') return [{ ...key, [token]: [] }];
        if (auth.shopper === 'optional') return [key, { ...key, [token]: [] }];
        return [key];
      };
      const keys = auth.keys.flatMap((kind) => withShopper({ [`${kind}Key`]: [] }, 'shopperToken'));
      // A page's read may carry both in the query instead (no CORS preflight).
      if (auth.inQuery) keys.push(...withShopper({ publishableKeyInQuery: [] }, 'shopperTokenInQuery'));
      // Wherever the secret key goes, a console session goes too (with its CSRF header on writes).
      return auth.keys.includes('secret') ? [...keys, { consoleSession: [] }] : keys;
    }
  }
}

const authText: Record<string, string> = {
  public: 'No authentication.',
  operator: 'The operator token (`FLOCK_ADMIN_TOKEN`) as a bearer token.',
  stream: 'The publishable key in `?key=` (with an allowed `Origin`) or the secret key.',
  console: 'A merchant console session (its cookie; writes also send its CSRF token).',
};

function describeAuth(route: RouteSpec): string {
  const { auth } = route;
  if (auth.kind === 'console' && auth.role === 'owner') return 'A merchant console session of an owner.';
  if (auth.kind !== 'keys') return authText[auth.kind] as string;
  const consoleText = auth.console === 'owner' ? ', or a console session of an owner' : ', or a console session';
  const keys = auth.keys.map((k) => `${k} key`).join(' or ') + (auth.keys.includes('secret') ? consoleText : '');
  const shopper = {
    required: ' and a `Flock-Shopper` token',
    optional: ' (a `Flock-Shopper` token adds the shopper’s own fields)',
    ignored: '',
  };
  const inQuery = auth.inQuery
    ? ` A page may send the publishable key as \`?${contract.KEY_QUERY_PARAM}=\`${auth.shopper === 'ignored' ? '' : ` and the token as \`?${contract.SHOPPER_QUERY_PARAM}=\``} instead of headers: the browser then sends the GET without a CORS preflight.`
    : '';
  return `Needs a ${keys}${shopper[auth.shopper]}.${inQuery}`;
}

function errorResponses(route: RouteSpec): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(route)) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  const responses: Record<string, unknown> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: codes.map((c) => `\`${c}\``).join(', '),
      ...(status === 429 ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
      content: {
        'application/json': {
          schema: {
            allOf: [ref('Error'), { properties: { error: { properties: { code: { enum: codes } } } } }],
          },
        },
      },
    };
  }
  return responses;
}

function operation(route: RouteSpec, path: string, names: Map<$ZodType, string>) {
  const schemaOf = (schema: $ZodType, io: 'input' | 'output') => {
    const name = names.get(schema);
    return name ? ref(name) : inline(schema, io);
  };
  const parameters: unknown[] = pathParams(path).map((name) => {
    // A wildcard's documented paths (`/sdk/chunks/{file}`) name parameters the route does not declare.
    const declared = route.params?.[name];
    return { name, in: 'path', required: true, schema: declared ? inline(declared, 'input') : { type: 'string' } };
  });
  for (const q of route.query ?? []) {
    parameters.push({
      name: q.name,
      in: 'query',
      required: q.required,
      description: q.description,
      schema: inline(q.schema, 'input'),
    });
  }
  if (route.stream) {
    parameters.push({
      name: 'Last-Event-ID',
      in: 'header',
      required: false,
      description: 'Sent by EventSource on reconnect; wins over `lastEventId`.',
      schema: inline(contract.LiveEventId, 'input'),
    });
  }
  if (route.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (route.etag) parameters.push({ $ref: '#/components/parameters/IfNoneMatch' });

  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    responses[status] = {
      description: answer.description,
      ...(route.idempotent ? { headers: { 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } } } : {}),
      ...(route.etag ? { headers: etagHeaders } : {}),
      content: route.file
        ? { [route.file]: { schema: { type: 'string' } } }
        : route.stream
          ? {
              'text/event-stream': {
                schema: {
                  type: 'string',
                  description:
                    'Server-Sent Events; the `data:` line of each event is a JSON `LiveEvent` without its `id` and `type`.',
                  // JSON Schema's own words for what a string decodes to: here the events, as EventSource reads them.
                  contentMediaType: 'text/event-stream',
                  contentSchema: { type: 'array', items: schemaOf(answer.schema, 'output') },
                },
              },
            }
          : { 'application/json': { schema: schemaOf(answer.schema, 'output') } },
    };
  }
  if (route.etag) {
    responses[304] = {
      description: 'Nothing but `serverNow` changed since the answer whose `ETag` was sent in `If-None-Match`: no body.',
      headers: etagHeaders,
    };
  }
  Object.assign(responses, errorResponses(route));

  return {
    operationId: operationId(route.method, path),
    tags: [route.tag],
    summary: route.summary,
    description: [route.description, describeAuth(route)].filter(Boolean).join('\n\n'),
    security: security(route),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } }
      : {}),
    responses,
  };
}

/** Keeps only the components some `$ref` reaches from the document's paths and webhooks. */
function reachableSchemas(document: unknown, schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const keep = new Set<string>();
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF)) {
        const name = value.slice(SCHEMA_REF.length);
        if (!keep.has(name)) {
          keep.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(document);
  return Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .filter((name) => keep.has(name))
      .map((name) => [name, schemas[name] as JsonSchema]),
  );
}

const tagDescriptions: Record<string, string> = {
  Operations: 'Health and self-description.',
  Merchants: 'Keys, allowed origins, webhooks and shopper tokens.',
  Console: 'The merchant console’s logins: invites, sign-in and sessions (a session stands in for the secret key).',
  'Group buy': '拼团: offers, teams and seat reservations.',
  Assist: '助力 / 砍价: friends help a shopper reach a goal or cut a price.',
  Referral: '分销: promoters, attribution, orders, commissions and payouts.',
  'Promoter growth':
    'For promoters and their friends: leaderboard, payout ticker, share kit, share history, suggestions and the friend’s reward.',
  Vouchers: 'Vouchers shown as QR codes and redeemed at the counter.',
  Stats: 'Per-day figures for the console’s charts, counted from the merchant’s own rows in their time zone.',
  'Live updates': 'One Server-Sent Events stream per page.',
};

export interface OpenApiOptions {
  /** The server the document describes; a variable with a local default when omitted. */
  serverUrl?: string;
}

/** The OpenAPI 3.1 document for every route in the route table, deterministic for a given contract. */
export function createOpenApiDocument(options: OpenApiOptions = {}) {
  const names = schemaNames();
  const requestSchemas = routes.flatMap((r) => (r.body && names.has(r.body) ? [r.body] : []));
  const requestSet = new Set<$ZodType>(requestSchemas);
  const components = {
    ...toComponents(
      [...names].filter(([schema]) => !requestSet.has(schema)),
      'output',
    ),
    ...toComponents(
      requestSchemas.map((s) => [s, names.get(s) as string]),
      'input',
    ),
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    for (const path of openApiPathsOf(route)) paths[path] = { ...paths[path], [route.method]: operation(route, path, names) };
  }

  const webhooks: Record<string, unknown> = {};
  for (const [type, event] of Object.entries(webhookEvents)) {
    webhooks[type] = {
      post: {
        operationId: `webhook${type.replace(/(^|\.)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`,
        summary: event.summary,
        description:
          'POSTed to the merchant’s `webhookUrl`. Verify `Flock-Signature` against the raw body before trusting it, answer 2xx quickly, and deduplicate on `id`: failed deliveries are retried with exponential backoff. See docs/webhooks.md.',
        // What the merchant checks before trusting a delivery (lint tools ask every operation to name one).
        security: [{ webhookSignature: [] }],
        parameters: [{ $ref: '#/components/parameters/FlockSignature' }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                allOf: [
                  ref('WebhookEvent'),
                  { properties: { type: { const: type }, data: ref(names.get(event.data) as string) } },
                ],
              },
            },
          },
        },
        responses: {
          '2XX': { description: 'Received; any 2xx stops the retries.' },
          default: { description: 'Anything else (or no answer within 10 s) is retried later.' },
        },
      },
    };
  }

  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Flock API',
      version: '1',
      summary: 'Group buy, assist, referral and vouchers for any shop page.',
      description:
        'Generated from the zod contract in `packages/protocol` (`pnpm openapi`). JSON in and out; money in integer minor units with an ISO 4217 `currency`; times ISO 8601 UTC. Every error is `{"error": {"code", "message", "details?"}}`. The conventions are in docs/api.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: options.serverUrl
      ? [{ url: options.serverUrl }]
      : [
          {
            url: '{origin}',
            description: 'Your Flock server',
            variables: { origin: { default: 'http://127.0.0.1:8787', description: 'Scheme, host and port of the server.' } },
          },
        ],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name, description: tagDescriptions[name] ?? '' })),
    paths,
    webhooks,
    components: {
      schemas: {} as Record<string, JsonSchema>,
      parameters: {
        IdempotencyKey: {
          name: contract.IDEMPOTENCY_HEADER,
          in: 'header',
          required: false,
          description:
            'Up to 255 characters. The first answer (2xx or 4xx) is stored for 24 h and replayed for the same key and body; another body under the key is 409 `idempotency_conflict`. 5xx and 429 answers are not stored.',
          schema: { type: 'string', maxLength: 255 },
        },
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description:
            'The `ETag` of the answer you hold: 304 without a body while nothing in it but `serverNow` changed. Its `serverNow` is then the server’s time when you received that answer: keep the clock offset measured then.',
          schema: { type: 'string' },
        },
        FlockSignature: {
          name: contract.SIGNATURE_HEADER,
          in: 'header',
          required: true,
          description: '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the webhook secret>`.',
          schema: { type: 'string', pattern: '^t=\\d+,v1=[0-9a-f]{64}$' },
        },
      },
      headers: {
        IdempotentReplayed: {
          description: '`true` when this answer is a replay of the first one stored under the `Idempotency-Key`.',
          schema: { type: 'string', enum: ['true'] },
        },
        ETag: {
          description:
            'A weak validator (`W/"…"`) of everything in the answer but `serverNow`, the shopper’s own fields included: send it back in `If-None-Match`.',
          schema: { type: 'string' },
        },
        CacheControl: {
          description:
            '`no-store`: browsers keep no copy, since one revalidated later would carry an old `serverNow`; clients that keep their own revalidate it with `If-None-Match`.',
          schema: { type: 'string', enum: ['no-store'] },
        },
        RetryAfter: { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
      },
      securitySchemes: {
        publishableKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'pk_…',
          description: 'For the shop’s pages; only from the merchant’s allowed origins (`Origin` header).',
        },
        secretKey: { type: 'http', scheme: 'bearer', bearerFormat: 'sk_…', description: 'For the shop’s backend only.' },
        staffKey: { type: 'http', scheme: 'bearer', bearerFormat: 'stf_…', description: 'For a store’s voucher scanner.' },
        operatorToken: { type: 'http', scheme: 'bearer', description: 'The server’s `FLOCK_ADMIN_TOKEN`.' },
        shopperToken: {
          type: 'apiKey',
          in: 'header',
          name: contract.SHOPPER_HEADER,
          description: 'A token from `POST /v1/shopper-tokens` naming the signed-in shopper.',
        },
        streamKey: { type: 'apiKey', in: 'query', name: 'key', description: 'The publishable key, for EventSource.' },
        publishableKeyInQuery: {
          type: 'apiKey',
          in: 'query',
          name: contract.KEY_QUERY_PARAM,
          description:
            'The publishable key on a page’s reads, so the browser sends the GET as a CORS simple request (no preflight); the same allowed-`Origin` rule as in the header. Other keys are refused here (`403 forbidden`).',
        },
        shopperTokenInQuery: {
          type: 'apiKey',
          in: 'query',
          name: contract.SHOPPER_QUERY_PARAM,
          description: 'The shopper token on a page’s reads, beside the publishable key in the query.',
        },
        consoleSession: {
          type: 'apiKey',
          in: 'cookie',
          name: contract.CONSOLE_SESSION_COOKIE,
          description: `A merchant console session, from \`POST /v1/console/sign-in\`. Requests that write also send its \`csrfToken\` in the \`${contract.CONSOLE_CSRF_HEADER}\` header.`,
        },
        webhookSignature: {
          type: 'apiKey',
          in: 'header',
          name: contract.SIGNATURE_HEADER,
          description:
            'Sent by Flock to the merchant’s webhook: not a key but an HMAC-SHA256 of the raw body with the webhook secret (its format is the `Flock-Signature` parameter); verify it before trusting the body (docs/webhooks.md).',
        },
      },
    },
  };
  document.components.schemas = reachableSchemas(document, {
    ...components,
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: ref('ErrorCode'),
            message: { type: 'string', description: 'For developers, in English; show your own text to shoppers.' },
            details: { description: 'For `invalid_request`: `[{path, message}]`; for some codes, an object with specifics.' },
          },
        },
      },
    },
    ErrorCode: { type: 'string', enum: errorCodes },
  });
  return document;
}

/** The document as committed in docs/openapi.json (two-space JSON and a final newline). */
export const openApiJson = (options?: OpenApiOptions) => `${JSON.stringify(createOpenApiDocument(options), null, 2)}\n`;
