/**
 * The reference for the reads bench: a bare Hono hello-world on @hono/node-server, the same
 * versions the Flock server runs on, in its own process like it. `GET /` answers `Hello Hono!`.
 * Prints `listening on http://127.0.0.1:<port>` on stderr once it listens.
 */
import { createRequire } from 'node:module';

// Hono is the server package's dependency, not the workspace root's: resolve it from there.
const fromServer = createRequire(new URL('../../packages/server/package.json', import.meta.url));
const { Hono } = await import(fromServer.resolve('hono'));
const { serve } = await import(fromServer.resolve('@hono/node-server'));

const app = new Hono();
app.get('/', (c: { text(body: string): Response }) => c.text('Hello Hono!'));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: { port: number }) => {
  console.error(`reads-reference: listening on http://127.0.0.1:${info.port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
