import { merchantTopic } from '@flock/protocol';
import { LIVE_CHANNEL } from '../domain/live-events.js';
import type { Db } from './db.js';

export interface StoredLiveEvent {
  id: string;
  topic: string;
  type: string;
  payload: string;
}

const encoder = new TextEncoder();

/** The Server-Sent Events frame of an event, as bytes: built once, written to every client. */
export function sseFrame(event: StoredLiveEvent): Uint8Array {
  return encoder.encode(
    `id: ${event.id}\nevent: ${event.type}\ndata: {"topic":${JSON.stringify(event.topic)},"data":${event.payload}}\n\n`,
  );
}

export interface LiveSubscriber {
  merchantId: string;
  topics: ReadonlySet<string>;
  send(event: StoredLiveEvent, frame: Uint8Array): void;
}

/** A NOTIFY on LIVE_CHANNEL: the event itself when its payload fitted in, else where to read it. */
interface Notification {
  merchantId: string;
  id: string;
  topic: string;
  event?: StoredLiveEvent;
}

/** Parses `<merchant_id> <id> <topic>[ <type> <payload>]` (publishLiveEvent); only the payload may hold spaces. */
function parseNotification(text: string): Notification {
  const at: number[] = [];
  for (let from = 0; at.length < 4; ) {
    const space = text.indexOf(' ', from);
    const end = space < 0 ? text.length : space;
    at.push(end);
    from = end + 1;
  }
  const [afterMerchant, afterId, afterTopic, afterType] = at as [number, number, number, number];
  const merchantId = text.slice(0, afterMerchant);
  const id = text.slice(afterMerchant + 1, afterId);
  const topic = text.slice(afterId + 1, afterTopic);
  if (afterTopic >= text.length) return { merchantId, id, topic };
  const type = text.slice(afterTopic + 1, afterType);
  return { merchantId, id, topic, event: { id, topic, type, payload: text.slice(afterType + 1) } };
}

/** Told of every event as soon as it is heard, before any stream gets it: what caches forget by. */
export interface LiveObserver {
  /** An event of `merchantId` on `topic` was committed, by this process or another. */
  changed(merchantId: string, topic: string): void;
  /** Listening resumed after the database connection dropped: the events committed meanwhile were never heard. */
  resumed(): void;
}

/**
 * Fans live events out to this process's stream clients. One LISTEN per process (started with the
 * first subscriber) hears every committed event from every process and sends it, framed once, to
 * each of those here who follow its topic, in commit order. Most events arrive whole in their
 * NOTIFY; one too large for it is read from the database once, only if someone here follows it.
 */
export class LiveHub {
  readonly #subscribers = new Map<string, Set<LiveSubscriber>>();
  #listening: Promise<() => Promise<void>> | undefined;
  /** Notifications waiting behind a read, in order; any later one must wait its turn too. */
  #queue: Promise<void> = Promise.resolve();
  #queued = 0;
  readonly #observers = new Set<LiveObserver>();

  constructor(
    private readonly db: Db,
    /** Where delivery failures are told, the streams' own included. */
    readonly log: (line: string) => void = () => {},
  ) {}

  get subscriberCount(): number {
    let count = 0;
    for (const set of this.#subscribers.values()) count += set.size;
    return count;
  }

  /** Starts listening (once) and resolves when NOTIFYs will be heard. */
  ready(): Promise<unknown> {
    let listens = 0;
    this.#listening ??= this.db.listen(
      LIVE_CHANNEL,
      (payload) => this.#heard(payload),
      () => {
        if (listens++ > 0) for (const observer of this.#observers) observer.resumed();
      },
    );
    return this.#listening;
  }

  /** Tells `observer` of every event from now on (call ready() to hear them); returns the way to stop. */
  observe(observer: LiveObserver): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  subscribe(subscriber: LiveSubscriber): () => void {
    for (const topic of subscriber.topics) {
      const key = `${subscriber.merchantId} ${topic}`;
      const set = this.#subscribers.get(key) ?? new Set<LiveSubscriber>();
      this.#subscribers.set(key, set);
      set.add(subscriber);
    }
    return () => {
      for (const topic of subscriber.topics) {
        const key = `${subscriber.merchantId} ${topic}`;
        const set = this.#subscribers.get(key);
        set?.delete(subscriber);
        if (set?.size === 0) this.#subscribers.delete(key);
      }
    };
  }

  #heard(text: string) {
    const notification = parseNotification(text);
    for (const observer of this.#observers) observer.changed(notification.merchantId, notification.topic);
    // A whole event with nothing queued ahead goes out at once, in this tick.
    if (notification.event && this.#queued === 0) return this.#send(notification, notification.event);
    this.#queued++;
    this.#queue = this.#queue
      .then(() => this.#deliver(notification))
      .catch((error: unknown) => this.#failed(error))
      .finally(() => {
        this.#queued--;
      });
  }

  /** Those following the event's topic, and those following everything of its merchant (the console). */
  #followers({ merchantId, topic }: Notification): LiveSubscriber[] {
    const exact = this.#subscribers.get(`${merchantId} ${topic}`);
    const whole = this.#subscribers.get(`${merchantId} ${merchantTopic(merchantId)}`);
    // A copy: a send may end a stream, which unsubscribes it.
    return [...(exact ?? []), ...(whole ?? [])];
  }

  async #deliver(notification: Notification) {
    if (notification.event) return this.#send(notification, notification.event);
    if (this.#followers(notification).length === 0) return;
    const [event] = await this.db.query<StoredLiveEvent>(
      `select id::text as id, topic, type, payload from live_events where merchant_id = $1 and id = $2`,
      [notification.merchantId, notification.id],
    );
    if (event) this.#send(notification, event);
  }

  #send(notification: Notification, event: StoredLiveEvent) {
    const followers = this.#followers(notification);
    if (followers.length === 0) return;
    const frame = sseFrame(event);
    for (const follower of followers) {
      try {
        follower.send(event, frame);
      } catch (error) {
        this.#failed(error); // one broken stream must not keep the event from the others
      }
    }
  }

  #failed(error: unknown) {
    this.log(`[flock] live event delivery failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  async close(): Promise<void> {
    const unlisten = await this.#listening?.catch(() => undefined);
    this.#listening = undefined;
    this.#subscribers.clear();
    this.#observers.clear();
    await unlisten?.();
  }
}
