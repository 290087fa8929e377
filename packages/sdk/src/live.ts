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
const EVENT_TYPES = ['team.updated', 'assist.updated', 'promoter.updated', 'voucher.updated'];
const CLOSED = 2;
const MAX_BACKOFF_MS = 30_000;

/**
 * One Server-Sent Events connection per client (browsers allow six per host over HTTP/1.1), shared
 * by every live store. The topics follow the stores that have listeners: the stream is reopened
 * with the new set, resuming from the last event seen so nothing is missed. When the stream cannot
 * be opened, `status` turns `down` and the stores poll instead until it can.
 */
export class LiveConnection {
  readonly #options: LiveOptions;
  readonly #handlers = new Map<string, Set<(message: LiveEventMessage) => void>>();
  readonly #status = atom<LiveStatus>('idle');
  #source: EventSourceLike | undefined;
  #openTopics = '';
  #lastEventId: string | undefined;
  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LiveOptions) {
    this.#options = options;
    // Phones drop streams in the background (iOS does it silently): reconnect when the page is back.
    const wake = () => {
      if (typeof document === 'undefined' || document.visibilityState === 'visible') this.#reconnectSoon(0, true);
    };
    globalThis.addEventListener?.('visibilitychange', wake);
    globalThis.addEventListener?.('pageshow', wake);
    globalThis.addEventListener?.('online', wake);
    // A page left for another (or kept in the back/forward cache) must not hold its stream open: browsers
    // allow six connections per host, and a held stream keeps the page out of that cache. pageshow reopens it.
    globalThis.addEventListener?.('pagehide', () => this.#pause());
  }

  get status(): ReadableAtom<LiveStatus> {
    return this.#status;
  }

  /** Calls onMessage for every event of the topic until the returned function is called. */
  follow(topic: string, onMessage: (message: LiveEventMessage) => void): () => void {
    const handlers = this.#handlers.get(topic) ?? new Set();
    this.#handlers.set(topic, handlers);
    handlers.add(onMessage);
    this.#reconnectSoon(0);
    return () => {
      handlers.delete(onMessage);
      if (handlers.size === 0) this.#handlers.delete(topic);
      this.#reconnectSoon(0);
    };
  }

  #topics(): string {
    return [...this.#handlers.keys()].sort().join(',');
  }

  /** Coalesces topic changes made in the same tick (several widgets mounting) into one reconnect. */
  #reconnectSoon(delayMs: number, force = false) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#connect(force), delayMs);
  }

  #connect(force: boolean) {
    const topics = this.#topics();
    const healthy = this.#source && this.#source.readyState !== CLOSED;
    if (!force && healthy && topics === this.#openTopics) return;
    this.#source?.close();
    this.#source = undefined;
    this.#openTopics = topics;
    if (!topics) return this.#status.set('idle');
    const create = this.#options.createEventSource ?? ((url: string) => new EventSource(url) as EventSourceLike);
    const url = new URL(`${this.#options.api.replace(/\/+$/, '')}${openStream.path}`);
    url.searchParams.set('key', this.#options.publishableKey);
    url.searchParams.set('topics', topics);
    if (this.#lastEventId) url.searchParams.set('lastEventId', this.#lastEventId);
    // EventSource cannot send headers; the token goes in the query only when a shopper's own topic needs it.
    const token = this.#options.shopperToken?.();
    if (token && topics.split(',').some(topicNeedsShopper)) url.searchParams.set('shopper', token);
    let source: EventSourceLike;
    try {
      source = create(url.toString());
    } catch {
      return this.#fail();
    }
    this.#source = source;
    this.#status.set('connecting');
    source.onopen = () => {
      this.#failures = 0;
      this.#status.set('open');
    };
    source.onerror = () => {
      // EventSource retries by itself after a dropped connection; once it gives up (an HTTP error),
      // we retry with backoff and let the stores poll meanwhile.
      if (source.readyState === CLOSED && this.#source === source) this.#fail();
      else if (this.#source === source) this.#status.set('connecting');
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        if (event.lastEventId) this.#lastEventId = event.lastEventId;
        let parsed: { topic: string; data: unknown };
        try {
          parsed = JSON.parse(event.data);
        } catch {
          return;
        }
        for (const handler of this.#handlers.get(parsed.topic) ?? []) handler({ topic: parsed.topic, type, data: parsed.data });
      });
    }
  }

  #fail() {
    this.#source?.close();
    this.#source = undefined;
    this.#openTopics = '';
    this.#status.set('down');
    this.#failures++;
    this.#reconnectSoon(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(this.#failures, 5)));
  }

  /** Closes the stream but keeps the topics, for the next reconnect to reopen. */
  #pause(): void {
    clearTimeout(this.#timer);
    this.#source?.close();
    this.#source = undefined;
    this.#openTopics = '';
    this.#status.set('idle');
  }

  close(): void {
    this.#pause();
    this.#handlers.clear();
  }
}
