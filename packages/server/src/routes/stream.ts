import { ServerResponse } from 'node:http';
import {
  LiveEventId,
  MAX_TOPICS_PER_STREAM,
  merchantTopic,
  TOPIC_PATTERN,
  type TopicKind,
  type topicAudience,
  topicNeedsShopper,
} from '@flock/protocol';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { ResolvedKey } from '../domain/merchants.js';
import { verifyShopperToken } from '../domain/shoppers.js';
import { ApiError, invalidField } from '../errors.js';
import { failedAuthentication, isOwnOrigin } from '../http/auth.js';
import type { AppEnv } from '../http/context.js';
import type { HandlersFor } from '../http/handler.js';
import type { Db } from '../infra/db.js';
import { type LiveHub, type StoredLiveEvent, sseFrame } from '../infra/live-hub.js';

type OwnerTopicKind = { [K in TopicKind]: (typeof topicAudience)[K] extends 'owner' ? K : never }[TopicKind];

/** The table each `owner` topic mirrors; its rows name their shopper in `shopper_id`. */
const ownerTopicTables: Record<OwnerTopicKind, string> = { promoter: 'promoters', voucher: 'vouchers' };

/** One query answering which of the given owner topics are the shopper's, across every kind. */
const OWNED_TOPICS_SQL = Object.entries(ownerTopicTables)
  .map(
    ([kind, table]) =>
      `select '${kind}:' || id as topic from ${table} where merchant_id = $1 and shopper_id = $2 and '${kind}:' || id = any($3::text[])`,
  )
  .join(' union all ');

/**
 * Lets a stream follow only what the key could read through the GET route of each topic's
 * resource (topicAudience): any key for a public one; for an owner's (a promoter's earnings, a
 * voucher), the secret key or that shopper's token in `?shopper=` (EventSource cannot send headers).
 * A topic of another shopper, of another merchant or of nothing is refused alike: existence is not told.
 */
async function assertTopicsAllowed(c: Context<AppEnv>, auth: ResolvedKey, topics: string[]) {
  // The whole-shop topic: only the merchant's own, and only with the secret key or a console session.
  const wholeShop = topics.filter((topic) => topic.startsWith('merchant:'));
  if (wholeShop.some((topic) => auth.kind !== 'secret' || topic !== merchantTopic(auth.merchant.id))) {
    throw new ApiError('forbidden', 'Only the merchant’s secret key or console may follow merchant:<its own id>.');
  }
  const owned = topics.filter(topicNeedsShopper);
  if (owned.length === 0 || auth.kind === 'secret') return;
  const token = c.req.query('shopper');
  if (!token) {
    const message = `Only the shopper ${owned.join(', ')} belongs to may follow it: send their token in ?shopper=.`;
    throw new ApiError('shopper_token_required', message);
  }
  const shopper = await verifyShopperToken(auth.merchant, c.get('deps').clock, token).catch(async (error) => {
    throw error instanceof ApiError ? await failedAuthentication(c, error) : error;
  });
  const own = await c
    .get('deps')
    .db.query<{ topic: string }>(OWNED_TOPICS_SQL, [auth.merchant.id, shopper.id, `{${owned.join(',')}}`]);
  const ownTopics = new Set(own.map((row) => row.topic));
  const notOwn = owned.filter((topic) => !ownTopics.has(topic));
  if (notOwn.length) throw new ApiError('forbidden', `Not this shopper's to follow: ${notOwn.join(', ')}.`);
}

/** Events a resuming client may ask for at once; older gaps mean it should refetch instead. */
const MAX_BACKLOG = 1000;

const encoder = new TextEncoder();
const OPENING = encoder.encode('retry: 3000\n: connected\n\n');
const HEARTBEAT = encoder.encode(': heartbeat\n\n');

/** Where a live stream's bytes go: Node's response itself, or the controller of a web stream. */
interface StreamSink {
  write(bytes: Uint8Array): void;
  end(): void;
}

/**
 * Runs one live stream into sink, and returns how to stop it once its client has gone. An event
 * costs each client one write of the frame the hub built once: no per-client encoding or promise.
 * Subscribes before reading the backlog, so nothing committed in between is missed; events heard
 * meanwhile wait until the backlog is out, and no event goes out twice or out of order.
 */
function runLiveStream(
  sink: StreamSink,
  hub: LiveHub,
  db: Db,
  merchantId: string,
  topics: ReadonlySet<string>,
  resumeFrom: string | undefined,
  heartbeatMs: number,
): () => void {
  // The newest id sent, per topic: ids are drawn when an event is written, not when it commits, so two
  // topics' events may arrive out of id order; one topic's never do (its writes lock the same row).
  const resumedAfter = BigInt(resumeFrom ?? 0);
  const lastSent = new Map<string, bigint>();
  let caughtUp = false;
  let open = true;
  const early: StoredLiveEvent[] = [];
  const write = (event: StoredLiveEvent, frame = sseFrame(event)) => {
    const id = BigInt(event.id);
    if (id <= (lastSent.get(event.topic) ?? resumedAfter)) return;
    lastSent.set(event.topic, id);
    sink.write(frame);
  };
  const unsubscribe = hub.subscribe({
    merchantId,
    topics,
    send: (event, frame) => {
      if (caughtUp) write(event, frame);
      else early.push(event);
    },
  });
  const heartbeat = setInterval(() => sink.write(HEARTBEAT), heartbeatMs);
  const stop = () => {
    open = false;
    clearInterval(heartbeat);
    unsubscribe();
  };
  sink.write(OPENING);
  const catchUp = async () => {
    if (resumeFrom !== undefined) {
      const backlog = await db.query<StoredLiveEvent>(
        // Ordered by the bigint column, not the text alias ('10' < '9' as text).
        `select id::text as id, topic, type, payload from live_events
         where merchant_id = $1 and (topic = any($2::text[]) or $4::boolean) and id > $3::bigint
         order by live_events.id limit ${MAX_BACKLOG}`,
        [merchantId, `{${[...topics].join(',')}}`, resumeFrom, topics.has(merchantTopic(merchantId))],
      );
      if (!open) return;
      for (const event of backlog) write(event);
    }
    caughtUp = true;
    for (const event of early.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))) write(event);
    early.length = 0;
  };
  // A failed backlog read ends the stream; EventSource reconnects with Last-Event-ID and tries again.
  catchUp().catch((error: unknown) => {
    hub.log(`[flock] live stream backlog failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!open) return;
    stop();
    sink.end();
  });
  return stop;
}

/**
 * GET /v1/stream?key=pk_…&topics=team:…,assist:…[&lastEventId=…] — Server-Sent Events. The key
 * and the resume point travel in the query because EventSource cannot send headers; the
 * Last-Event-ID header a reconnecting EventSource sends is honoured too.
 */
export function streamHandlers(hub: LiveHub, options: { heartbeatMs: number }): HandlersFor<'openStream'> {
  const raw = async (c: Context<AppEnv>) => {
    const { db, clock, keys } = c.get('deps');
    const key = c.req.query('key') ?? /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    // Without a key, the merchant console's session (its cookie, resolved by authenticate) stands in for the secret key.
    const session = key ? null : c.get('auth')?.console ? c.get('auth') : null;
    if (!key && !session) {
      if (c.get('consoleSessionLapsed')) throw new ApiError('session_expired', 'The console session has ended: sign in again.');
      throw new ApiError('unauthorized', 'Pass the publishable key as ?key=pk_….');
    }
    const auth = session ?? (key ? await keys.resolve(db, clock, key) : null);
    if (!auth) throw await failedAuthentication(c, new ApiError('invalid_key', 'The API key is not valid.'));
    if (auth.kind === 'staff') throw new ApiError('forbidden', 'Staff keys cannot open a stream.');
    const origin = c.req.header('origin');
    if (auth.kind === 'publishable') {
      if (!(origin && auth.merchant.origins.includes(origin)) && !isOwnOrigin(c, origin)) {
        throw new ApiError('origin_not_allowed', `Origin ${origin ?? '(none)'} is not in this merchant's allowed origins.`);
      }
      c.header('access-control-allow-origin', origin);
      c.header('vary', 'Origin');
    }
    const topics = new Set((c.req.query('topics') ?? '').split(',').filter(Boolean));
    if (topics.size === 0 || topics.size > MAX_TOPICS_PER_STREAM || [...topics].some((t) => !TOPIC_PATTERN.test(t))) {
      throw new ApiError(
        'invalid_request',
        `topics must be 1 to ${MAX_TOPICS_PER_STREAM} comma-separated names like team:team_… or assist:ast_….`,
      );
    }
    await assertTopicsAllowed(c, auth, [...topics]);
    // On an automatic reconnect EventSource repeats the original URL but sends the newest id in
    // Last-Event-ID, so the header wins over the query.
    const resumeFrom = c.req.header('last-event-id') || c.req.query('lastEventId');
    // Checked before the stream opens: once it has, a refusal could only close it, and EventSource reconnects forever.
    if (resumeFrom !== undefined && !LiveEventId.safeParse(resumeFrom).success) {
      const message = 'lastEventId (or Last-Event-ID) must be the id of an event this stream sent.';
      throw invalidField('lastEventId', message);
    }
    await hub.ready();
    c.header('content-type', 'text/event-stream');
    c.header('cache-control', 'no-cache, no-transform');
    c.header('connection', 'keep-alive');
    // Declared up front: the head goes out at once, without waiting for a first chunk to size the body.
    c.header('transfer-encoding', 'chunked');
    // nginx and similar proxies buffer responses unless told not to.
    c.header('x-accel-buffering', 'no');
    const run = (sink: StreamSink) => runLiveStream(sink, hub, db, auth.merchant.id, topics, resumeFrom, options.heartbeatMs);
    const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
    if (outgoing instanceof ServerResponse) {
      // Served by @hono/node-server: frames go straight to Node's response, as a bare node:http server
      // writes them; a web stream in between costs each client a read, a promise and a microtask per event.
      outgoing.writeHead(200, Object.fromEntries(c.body(null).headers));
      const stop = run({ write: (bytes) => outgoing.write(bytes), end: () => outgoing.end() });
      // The client may have gone while the stream was being authorised.
      if (outgoing.closed) stop();
      else outgoing.once('close', stop);
      return RESPONSE_ALREADY_SENT;
    }
    // Anywhere else (app.request() in tests, other runtimes): the same stream as a web stream body.
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        stop = run({ write: (bytes) => controller.enqueue(bytes), end: () => controller.close() });
      },
      cancel: () => stop(),
    });
    return c.body(body);
  };
  return { openStream: { raw } };
}
