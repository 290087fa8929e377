/**
 * One load-generator process of the live fan-out bench: scripts/bench/sse.ts forks several, so the
 * clients do not share the event loop of the parent that times the trigger, nor of each other.
 * Each holds its share of the Server-Sent-Events connections (one TCP connection each) and stamps
 * every event with process.hrtime, which reads CLOCK_MONOTONIC: one clock for every process of the
 * machine, so the parent's send times and these receive times compare directly.
 *
 * IPC (advanced serialization, so NaN and typed arrays survive):
 *   ← {type: 'connect', urls, origin}   → {type: 'connected', connected, failures, connectUs}  one stream per URL
 *   → {type: 'done', id}                 once every open stream here has the event `id`
 *   ← {type: 'collect'}                  → {type: 'arrivals', events, unexpected, ended}
 *                                          events: [{id, frameBytes, atUs: Float64Array (NaN: not received)}]
 *   ← {type: 'collect', summary: true}   → the same with events: [{id, data, received, firstUs, lastUs}]
 *                                          (data: the event's data line, as the first stream got it)
 *   ← {type: 'close'}                         → {type: 'closed', closed} once every socket has closed
 * It exits when the parent goes away (IPC disconnect).
 */
import { type ClientRequest, request } from 'node:http';
import { createParser } from 'eventsource-parser';
import { monotonicUs } from './monotonic-clock.js';

if (!process.send) {
  console.error('scripts/bench/sse-clients.ts is forked by scripts/bench/sse.ts (needs IPC).');
  process.exit(2);
}
const send = (message: unknown) => process.send?.(message);

const CONNECT_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 10_000;

interface Stream {
  req: ClientRequest;
  open: boolean;
  ended: boolean;
  closed: boolean;
}

interface EventArrivals {
  id: string;
  data: string;
  frameBytes: number;
  atUs: Float64Array;
  received: number;
}

let streams: Stream[] = [];
/** Events seen since the last collect, by id, oldest first. */
let events = new Map<string, EventArrivals>();
let unexpected = 0;
/** Streams open and not ended by the server: those an event must reach. */
let following = 0;

function arrived(index: number, id: string | undefined, type: string, data: string, atUs: number) {
  if (id === undefined) {
    unexpected++;
    return;
  }
  let event = events.get(id);
  if (!event) {
    // The frame as sent, to size the reference broadcaster's payload alike.
    const frameBytes = Buffer.byteLength(`id: ${id}\nevent: ${type}\ndata: ${data}\n\n`);
    event = { id, data, frameBytes, atUs: new Float64Array(streams.length).fill(Number.NaN), received: 0 };
    events.set(id, event);
  }
  if (!Number.isNaN(event.atUs[index] as number)) {
    unexpected++; // the same event twice on one stream
    return;
  }
  event.atUs[index] = atUs;
  event.received++;
  if (event.received === following) send({ type: 'done', id });
}

async function connect(urls: string[], origin: string) {
  const count = urls.length;
  const startUs = monotonicUs();
  const failures: Record<string, number> = {};
  const connectUs: number[] = [];
  streams = [];
  events = new Map();
  unexpected = 0;
  following = 0;
  await new Promise<void>((resolve) => {
    let settled = 0;
    const timer = setTimeout(resolve, CONNECT_TIMEOUT_MS);
    const settle = () => {
      if (++settled === count) {
        clearTimeout(timer);
        resolve();
      }
    };
    for (let index = 0; index < count; index++) {
      const req = request(urls[index] as string, {
        agent: false,
        headers: { origin, accept: 'text/event-stream', 'cache-control': 'no-cache' },
      });
      const stream: Stream = { req, open: false, ended: false, closed: false };
      streams.push(stream);
      let settledHere = false;
      const fail = (reason: string) => {
        if (settledHere) return;
        settledHere = true;
        failures[reason] = (failures[reason] ?? 0) + 1;
        settle();
      };
      let chunkAtUs = 0;
      const parser = createParser({
        onComment: (comment) => {
          if (comment.trim() !== 'connected' || settledHere) return;
          settledHere = true;
          stream.open = true;
          following++;
          connectUs.push(chunkAtUs - startUs);
          settle();
        },
        onEvent: (event) => arrived(index, event.id, event.event ?? 'message', event.data, chunkAtUs),
      });
      req.on('response', (res) => {
        if (res.statusCode !== 200) {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => fail(`HTTP ${res.statusCode} ${/"code":"([^"]+)"/.exec(body)?.[1] ?? ''}`.trim()));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          // The time the bytes reached this process, before any parsing.
          chunkAtUs = monotonicUs();
          parser.feed(chunk);
        });
        res.on('end', () => {
          stream.ended = true;
          if (stream.open) following--;
        });
        res.on('error', () => {});
      });
      req.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
      req.on('close', () => {
        stream.closed = true;
      });
      req.end();
    }
  });
  for (const stream of streams) if (!stream.open && !stream.closed) stream.req.destroy();
  const connected = streams.filter((s) => s.open).length;
  const missing = count - connected - Object.values(failures).reduce((a, b) => a + b, 0);
  if (missing > 0) failures[`not connected within ${CONNECT_TIMEOUT_MS / 1000} s`] = missing;
  send({ type: 'connected', connected, failures, connectUs: Float64Array.from(connectUs) });
}

async function close() {
  for (const stream of streams) stream.req.destroy();
  const deadline = Date.now() + CLOSE_TIMEOUT_MS;
  while (streams.some((s) => !s.closed) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  send({ type: 'closed', closed: streams.filter((s) => s.closed).length });
  streams = [];
}

const summarize = ({ id, data, atUs, received }: EventArrivals) => {
  let firstUs = Number.POSITIVE_INFINITY;
  let lastUs = Number.NEGATIVE_INFINITY;
  for (const us of atUs) {
    if (us < firstUs) firstUs = us;
    if (us > lastUs) lastUs = us;
  }
  return { id, data, received, firstUs, lastUs };
};

process.on('message', (message: { type: string; urls?: string[]; origin?: string; summary?: boolean }) => {
  if (message.type === 'connect') void connect(message.urls ?? [], message.origin ?? '');
  else if (message.type === 'collect') {
    send({
      type: 'arrivals',
      events: message.summary
        ? Array.from(events.values(), summarize)
        : Array.from(events.values(), ({ id, frameBytes, atUs }) => ({ id, frameBytes, atUs })),
      unexpected,
      ended: streams.filter((s) => s.open && s.ended).length,
    });
    events = new Map();
    unexpected = 0;
  } else if (message.type === 'close') void close();
});
process.on('disconnect', () => process.exit(0));
