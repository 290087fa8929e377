import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RouteName, routesByName } from '@flock/protocol/routes';
import { describe, expect, it } from 'vitest';

// The SDK's calls are derived from the protocol's route table (Http.call): no path is written here
// twice, and every route a page's key may call has its call.

const SOURCE = join(import.meta.dirname, '../src');
const sources = readdirSync(SOURCE)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(join(SOURCE, file), 'utf8') }));

/** Every string and template literal of a source file (comments and code left out). */
const literals = (text: string) =>
  [...text.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0]);

const routeNames = Object.keys(routesByName) as RouteName[];
/** The collections under /v1: `group-buy-offers`, `teams`, `reservations`, `stream`… */
const pathWords = [
  'v1',
  ...new Set(routeNames.flatMap((name) => /^\/v1\/([a-z-]+)/.exec(routesByName[name].path)?.slice(1) ?? [])),
];

describe('the SDK and the route table', () => {
  it('writes no API path of its own', () => {
    expect(pathWords).toContain('group-buy-offers');
    const found = sources.flatMap(({ file, text }) =>
      literals(text)
        .filter((literal) => pathWords.some((word) => new RegExp(`(^|[/'"\`])${word}([/?'"\`]|$)`).test(literal)))
        .map((literal) => `${file}: ${literal}`),
    );
    expect(found).toEqual([]);
  });

  it('has a call for every route a page or a staff device may call', () => {
    const browserRoutes = routeNames.filter((name) => {
      const { auth } = routesByName[name];
      return auth.kind === 'stream' || (auth.kind === 'keys' && auth.keys.some((key) => key !== 'secret'));
    });
    expect(browserRoutes).toContain('reserveSeat');
    const called = new Set(
      sources.flatMap(({ text }) => [...text.matchAll(/routes\.(\w+)|\b(openStream)\b/g)].map((m) => m[1] ?? m[2])),
    );
    expect(browserRoutes.filter((name) => !called.has(name))).toEqual([]);
  });
});
