import { topicNeedsShopper } from '@flock/protocol';
import { openStream } from '@flock/protocol/routes';
import { atom, type ReadableAtom } from 'nanostores';

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'down';

export interface LiveEventMessage {
  topic: string;
  type: string;
  data: unknown;
}

/** Anything shaped like the browser's EventSource (the `eventsource` package in Node). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface LiveOptions {
  api: string;
  publishableKey: string;
  /** Builds the EventSource; defaults to the browser's. */
  createEventSource?: (url: string) => EventSourceLike;
  /** The shopper token, sent only for topics only their shopper may follow (a promoter's earnings, a voucher). */
  shopperToken?: () => string | null;
}

/** Event types the server sends; each names the resource kind it carries. */
const EVENT_TYPES = [
  'team.updated',
  'offer.updated',
  'offer.stock',
  'assist.updated',
  'promoter.updated',
  'voucher.updated',
  'program.ledger',
];
const CLOSED = 2;
const MAX_BACKOFF_MS = 30_000;

/**
 * One Server-Sent Events connection per client (browsers allow six per host over HTTP/1.1), shared
 * by every live store. The topics follow the stores that have listeners: the stream is reopened
 * with the new set, resuming from the last event seen so nothing is missed. When the stream cannot
 * be opened, `status` turns `down` and the stores poll instead until it can.
 */
export class LiveConnection {
  private readonly _options: LiveOptions;
  private readonly _handlers = new Map<string, Set<(message: LiveEventMessage) => void>>();
  private readonly _status = atom<LiveStatus>('idle');
  private _source: EventSourceLike | undefined;
  private _openTopics = '';
  private _lastEventId: string | undefined;
  private _failures = 0;
  private _timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LiveOptions) {
    this._options = options;
    // Phones drop streams in the background (iOS does it silently): reconnect when the page is back.
    const wake = () => {
      if (typeof document === 'undefined' || document.visibilityState === 'visible') this._reconnectSoon(0, true);
    };
    globalThis.addEventListener?.('visibilitychange', wake);
    globalThis.addEventListener?.('pageshow', wake);
    globalThis.addEventListener?.('online', wake);
    // A page left for another (or kept in the back/forward cache) must not hold its stream open: browsers
    // allow six connections per host, and a held stream keeps the page out of that cache. pageshow reopens it.
    globalThis.addEventListener?.('pagehide', () => this._pause());
  }

  get status(): ReadableAtom<LiveStatus> {
    return this._status;
  }

  /** Calls onMessage for every event of the topic until the returned function is called. */
  follow(topic: string, onMessage: (message: LiveEventMessage) => void): () => void {
    const handlers = this._handlers.get(topic) ?? new Set();
    this._handlers.set(topic, handlers);
    handlers.add(onMessage);
    this._reconnectSoon(0);
    return () => {
      handlers.delete(onMessage);
      if (handlers.size === 0) this._handlers.delete(topic);
      this._reconnectSoon(0);
    };
  }

  private _topics(): string {
    return [...this._handlers.keys()].sort().join(',');
  }

  /** Coalesces topic changes made in the same tick (several widgets mounting) into one reconnect. */
  private _reconnectSoon(delayMs: number, force = false) {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._connect(force), delayMs);
  }

  private _connect(force: boolean) {
    const topics = this._topics();
    const healthy = this._source && this._source.readyState !== CLOSED;
    if (!force && healthy && topics === this._openTopics) return;
    this._source?.close();
    this._source = undefined;
    this._openTopics = topics;
    if (!topics) return this._status.set('idle');
    const create = this._options.createEventSource ?? ((url: string) => new EventSource(url) as EventSourceLike);
    const url = new URL(`${this._options.api.replace(/\/+$/, '')}${openStream.path}`);
    url.searchParams.set('key', this._options.publishableKey);
    url.searchParams.set('topics', topics);
    if (this._lastEventId) url.searchParams.set('lastEventId', this._lastEventId);
    // EventSource cannot send headers; the token goes in the query only when a shopper's own topic needs it.
    const token = this._options.shopperToken?.();
    if (token && topics.split(',').some(topicNeedsShopper)) url.searchParams.set('shopper', token);
    let source: EventSourceLike;
    try {
      source = create(url.toString());
    } catch {
      return this._fail();
    }
    this._source = source;
    this._status.set('connecting');
    source.onopen = () => {
      this._failures = 0;
      this._status.set('open');
    };
    source.onerror = () => {
      // EventSource retries by itself after a dropped connection; once it gives up (an HTTP error),
      // we retry with backoff and let the stores poll meanwhile.
      if (source.readyState === CLOSED && this._source === source) this._fail();
      else if (this._source === source) this._status.set('connecting');
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        if (event.lastEventId) this._lastEventId = event.lastEventId;
        let parsed: { topic: string; data: unknown };
        try {
          parsed = JSON.parse(event.data);
        } catch {
          return;
        }
        for (const handler of this._handlers.get(parsed.topic) ?? []) handler({ topic: parsed.topic, type, data: parsed.data });
      });
    }
  }

  private _fail() {
    this._source?.close();
    this._source = undefined;
    this._openTopics = '';
    this._status.set('down');
    this._failures++;
    this._reconnectSoon(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(this._failures, 5)));
  }

  /** Closes the stream but keeps the topics, for the next reconnect to reopen. */
  private _pause(): void {
    clearTimeout(this._timer);
    this._source?.close();
    this._source = undefined;
    this._openTopics = '';
    this._status.set('idle');
  }

  close(): void {
    this._pause();
    this._handlers.clear();
  }
}
