/**
 * The reference for the live fan-out bench: the least a Node server can do to send one event to N
 * Server-Sent-Events clients. Plain node:http, in its own process like the Flock server:
 *   GET /stream            opens a stream (the same first comment as Flock's, so clients count it open)
 *   POST /broadcast?bytes=N  writes one N-byte `team.updated` frame, built once, to every open stream, then answers 204
 * Prints `listening on http://127.0.0.1:<port>` on stderr once it listens.
 */
import { createServer, type ServerResponse } from 'node:http';

const streams = new Set<ServerResponse>();
let lastId = 0;

/** An SSE frame of exactly `bytes` bytes (or the shortest one, if fewer are asked). */
function frameOf(bytes: number): Buffer {
  const head = `id: ${++lastId}\nevent: team.updated\ndata: {"pad":"`;
  const tail = `"}\n\n`;
  return Buffer.from(`${head}${'x'.repeat(Math.max(0, bytes - head.length - tail.length))}${tail}`);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://reference');
  if (req.method === 'GET' && url.pathname === '/stream') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write('retry: 3000\n: connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  } else if (req.method === 'POST' && url.pathname === '/broadcast') {
    req.resume();
    req.on('end', () => {
      const frame = frameOf(Number(url.searchParams.get('bytes') ?? 0));
      for (const stream of streams) stream.write(frame);
      res.writeHead(204).end();
    });
  } else {
    res.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.error(`sse-reference: listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
