import { readFileSync } from 'node:fs';
import { errorCodes, errorStatus } from '@flock/protocol';
import { createOpenApiDocument, errorCodesOf, openApiJson, openApiPathsOf } from '@flock/protocol/openapi';
import { routes } from '@flock/protocol/reference';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { useHarness } from './harness.js';

const committedDocument = new URL('../../../docs/openapi.json', import.meta.url);
const methods = ['get', 'post', 'patch', 'put', 'delete'] as const;

/** `METHOD /path` for every operation of an OpenAPI document. */
function documentedOperations(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    methods.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    // validate() dereferences in place: give it a copy.
    const result = await validate(structuredClone(createOpenApiDocument()) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.specification).toBe('OpenAPI');
  });

  it('is committed as docs/openapi.json exactly as generated (run `pnpm openapi` after changing the contract)', () => {
    expect(readFileSync(committedDocument, 'utf8')).toBe(openApiJson());
  });

  it('sends Idempotency-Key on every POST that takes a credential, and the SSE route as text/event-stream', () => {
    const document = createOpenApiDocument();
    for (const [path, item] of Object.entries(document.paths)) {
      const post = item.post as { parameters?: { $ref?: string }[]; security?: unknown[] } | undefined;
      // Signing in and accepting an invite answer a new session: never stored to be replayed.
      if (!post || post.security?.length === 0) continue;
      expect(post.parameters, path).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    }
    const stream = document.paths['/v1/stream']?.get as { responses: Record<string, { content: object }> };
    expect(Object.keys(stream.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
  });

  it('lists only error codes that exist, with the status errors.ts gives them', () => {
    const document = createOpenApiDocument();
    expect(document.components.schemas.ErrorCode).toEqual({ type: 'string', enum: errorCodes });
    for (const route of routes) {
      for (const path of openApiPathsOf(route)) {
        const operation = document.paths[path]?.[route.method] as {
          responses: Record<string, { content?: Record<string, { schema: { allOf?: [unknown, { properties: unknown }] } }> }>;
        };
        const documented = Object.entries(operation.responses).flatMap(([status, response]) => {
          const schema = response.content?.['application/json']?.schema;
          const codes = (schema?.allOf?.[1]?.properties as { error: { properties: { code: { enum: string[] } } } } | undefined)
            ?.error.properties.code.enum;
          return (codes ?? []).map((code) => `${code}:${status}`);
        });
        expect(documented.sort(), `${route.method} ${path}`).toEqual(
          errorCodesOf(route)
            .map((code) => `${code}:${errorStatus[code]}`)
            .sort(),
        );
      }
    }
  });
});

describe.each(testDatabases.filter((d) => d.kind === 'postgres'))('the real app ($kind)', ({ create }) => {
  const suite = useHarness(create);

  it('registers exactly the routes of the route table', () => {
    // Middleware is registered as ALL; a route with several handlers appears once per handler.
    const registered = new Set(suite.h.server.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const table = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(new Set(table).size, 'a route is listed twice in the table').toBe(table.length);
    expect([...registered].sort()).toEqual([...table].sort());
  });

  it('documents every route it serves and nothing else', () => {
    const expected = routes.flatMap((r) => openApiPathsOf(r).map((path) => `${r.method.toUpperCase()} ${path}`));
    expect(documentedOperations(createOpenApiDocument()).sort()).toEqual(expected.sort());
  });

  it('routes every documented operation to a handler (no "No route" 404)', async () => {
    for (const operation of documentedOperations(createOpenApiDocument())) {
      const [method, path] = operation.split(' ') as [string, string];
      const concrete = path.replace(/\{[^}]+\}/g, 'x_0123456789');
      const response = await suite.h.server.app.request(concrete, { method, body: method === 'GET' ? undefined : '{}' });
      const text = await response.text();
      expect(text, operation).not.toContain('No route');
    }
  });

  it('serves the committed document at GET /openapi.json', async () => {
    const response = await suite.h.server.app.request('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.text()).toBe(readFileSync(committedDocument, 'utf8'));
  });
});
