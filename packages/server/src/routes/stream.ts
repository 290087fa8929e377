import { MAX_TOPICS_PER_STREAM, TOPIC_PATTERN } from '@flock/protocol';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv, Deps } from '../context.js';
import type { ResolvedKey } from '../domain/merchants.js';
import { verifyShopperToken } from '../domain/shoppers.js';
import { ApiError } from '../errors.js';
import { type LiveHub, type StoredLiveEvent, sseFrame } from '../live-hub.js';

/**
 * A promoter's topic carries their earnings, so only that promoter (shopper token in `?shopper=`,
 * since EventSource cannot send headers) or the merchant's secret key may follow it.
 */
async function assertPrivateTopicsAllowed(deps: Deps, auth: ResolvedKey, topics: string[], shopperToken: string | undefined) {
  const promoterIds = topics.filter((t) => t.startsWith('promoter:')).map((t) => t.slice('promoter:'.length));
  if (promoterIds.length === 0 || auth.kind === 'secret') return;
  if (!shopperToken)
    throw new ApiError('shopper_token_required', "Promoter topics need the promoter's shopper token in ?shopper=.");
  const shopper = await verifyShopperToken(auth.merchant, deps.clock, shopperToken);
  const own = await deps.db.query<{ id: string }>(
    `select id from promoters where merchant_id = $1 and shopper_id = $2 and id = any($3::text[])`,
    [auth.merchant.id, shopper.id, `{${promoterIds.join(',')}}`],
  );
  if (own.length !== promoterIds.length) throw new ApiError('forbidden', 'Only the promoter can follow their own earnings.');
}

/** Events a resuming client may ask for at once; older gaps mean it should refetch instead. */
const MAX_BACKLOG = 1000;

/**
 * GET /v1/stream?key=pk_…&topics=team:…,assist:…[&lastEventId=…] — Server-Sent Events. The key
 * and the resume point travel in the query because EventSource cannot send headers; the
 * Last-Event-ID header a reconnecting EventSource sends is honoured too.
 */
export function streamRoutes(hub: LiveHub, options: { heartbeatMs: number }) {
  return new Hono<AppEnv>().get('/stream', async (c) => {
    const { db, clock, keys } = c.var.deps;
    const key = c.req.query('key') ?? /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (!key) throw new ApiError('unauthorized', 'Pass the publishable key as ?key=pk_….');
    const auth = await keys.resolve(db, clock, key);
    if (!auth) throw new ApiError('invalid_key', 'The API key is not valid.');
    if (auth.kind === 'staff') throw new ApiError('forbidden', 'Staff keys cannot open a stream.');
    const origin = c.req.header('origin');
    if (auth.kind === 'publishable') {
      if (!origin || !auth.merchant.origins.includes(origin)) {
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
    await assertPrivateTopicsAllowed(c.var.deps, auth, [...topics], c.req.query('shopper'));
    // On an automatic reconnect EventSource repeats the original URL but sends the newest id in
    // Last-Event-ID, so the header wins over the query.
    const resumeFrom = c.req.header('last-event-id') || c.req.query('lastEventId');
    if (resumeFrom !== undefined && !/^\d{1,19}$/.test(resumeFrom)) {
      throw new ApiError('invalid_request', 'lastEventId must be the id of an event this stream sent.');
    }
    await hub.ready();
    c.header('cache-control', 'no-cache, no-transform');
    // nginx and similar proxies buffer responses unless told not to.
    c.header('x-accel-buffering', 'no');

    return streamSSE(c, async (stream) => {
      let lastSent = BigInt(resumeFrom ?? 0);
      let caughtUp = false;
      const early: StoredLiveEvent[] = [];
      const write = (event: StoredLiveEvent, frame = sseFrame(event)) => {
        if (BigInt(event.id) <= lastSent) return;
        lastSent = BigInt(event.id);
        void stream.write(frame);
      };
      // Subscribe before reading the backlog, so nothing committed in between is missed.
      const unsubscribe = hub.subscribe({
        merchantId: auth.merchant.id,
        topics,
        send: (event, frame) => (caughtUp ? write(event, frame) : early.push(event)),
      });
      const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), options.heartbeatMs);
      try {
        await stream.write(`retry: 3000\n: connected\n\n`);
        if (resumeFrom !== undefined) {
          const backlog = await db.query<StoredLiveEvent>(
            // Ordered by the bigint column, not the text alias ('10' < '9' as text).
            `select id::text as id, topic, type, payload from live_events
             where merchant_id = $1 and topic = any($2::text[]) and id > $3::bigint order by live_events.id limit ${MAX_BACKLOG}`,
            [auth.merchant.id, `{${[...topics].join(',')}}`, resumeFrom],
          );
          for (const event of backlog) write(event);
        }
        caughtUp = true;
        for (const event of early.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))) write(event);
        await new Promise<void>((resolve) => stream.onAbort(resolve));
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
      }
    });
  });
}
