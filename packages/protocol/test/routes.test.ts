import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routes } from '../src/reference.js';
import { routesByName } from '../src/routes.js';

// The route table is browser code: a page that calls one route must not carry the others, their
// schemas or the reference's prose. esbuild tree-shakes the way Vite's production build does.
async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('the route table in the browser', () => {
  it('carries only the routes a page imports', async () => {
    const code = await bundle(`import { getTeam } from '../src/routes.ts'; console.log(getTeam);`);
    expect(code).toContain(routesByName.getTeam.path);
    const others = Object.values(routesByName).filter(
      (route) => route !== routesByName.getTeam && route.path !== routesByName.getTeam.path,
    );
    expect(others.filter((route) => code.includes(`"${route.path}"`)).map((route) => route.path)).toEqual([]);
    // The merchant's schemas stay out (CreateMerchantRequest's `webhookUrl`, for one).
    expect(code).not.toContain('webhookUrl');
  });

  it('leaves the prose to the server', async () => {
    const code = await bundle(`import * as routes from '../src/routes.ts'; console.log(Object.keys(routes));`);
    const summaries = routes.map((route) => route.summary);
    expect(summaries.filter((summary) => code.includes(summary))).toEqual([]);
  });
});
