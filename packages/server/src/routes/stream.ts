import {
  LiveEventId,
  MAX_TOPICS_PER_STREAM,
  merchantTopic,
  TOPIC_PATTERN,
  type TopicKind,
  type topicAudience,
  topicNeedsShopper,
} from '@flock/protocol';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ResolvedKey } from '../domain/merchants.js';
import { verifyShopperToken } from '../domain/shoppers.js';
import { ApiError, invalidField } from '../errors.js';
import { failedAuthentication, isOwnOrigin } from '../http/auth.js';
import type { AppEnv } from '../http/context.js';
import type { HandlersFor } from '../http/handler.js';
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
  const shopper = await verifyShopperToken(auth.merchant, c.var.deps.clock, token).catch(async (error) => {
    throw error instanceof ApiError ? await failedAuthentication(c, error) : error;
  });
  const own = await c.var.deps.db.query<{ topic: string }>(OWNED_TOPICS_SQL, [
    auth.merchant.id,
    shopper.id,
    `{${owned.join(',')}}`,
  ]);
  const ownTopics = new Set(own.map((row) => row.topic));
  const notOwn = owned.filter((topic) => !ownTopics.has(topic));
  if (notOwn.length) throw new ApiError('forbidden', `Not this shopper's to follow: ${notOwn.join(', ')}.`);
}

/** Events a resuming client may ask for at once; older gaps mean it should refetch instead. */
const MAX_BACKLOG = 1000;

/**
 * GET /v1/stream?key=pk_…&topics=team:…,assist:…[&lastEventId=…] — Server-Sent Events. The key
 * and the resume point travel in the query because EventSource cannot send headers; the
 * Last-Event-ID header a reconnecting EventSource sends is honoured too.
 */
export function streamHandlers(hub: LiveHub, options: { heartbeatMs: number }): HandlersFor<'openStream'> {
  const raw = async (c: Context<AppEnv>) => {
    const { db, clock, keys } = c.var.deps;
    const key = c.req.query('key') ?? /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    // Without a key, the merchant console's session (its cookie, resolved by authenticate) stands in for the secret key.
    const session = key ? null : c.var.auth?.console ? c.var.auth : null;
    if (!key && !session) {
      if (c.var.consoleSessionLapsed) throw new ApiError('session_expired', 'The console session has ended: sign in again.');
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
             where merchant_id = $1 and (topic = any($2::text[]) or $4::boolean) and id > $3::bigint
             order by live_events.id limit ${MAX_BACKLOG}`,
            [auth.merchant.id, `{${[...topics].join(',')}}`, resumeFrom, topics.has(merchantTopic(auth.merchant.id))],
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
  };
  return { openStream: { raw } };
}
