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

/**
 * Fans live events out to this process's stream clients. One LISTEN per process (started with the
 * first subscriber) hears every committed event from every process; an event is read from the
 * database once, only if someone here follows its topic, and sent to each of them in commit order.
 */
export class LiveHub {
  readonly #subscribers = new Map<string, Set<LiveSubscriber>>();
  #listening: Promise<() => Promise<void>> | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get subscriberCount(): number {
    let count = 0;
    for (const set of this.#subscribers.values()) count += set.size;
    return count;
  }

  /** Starts listening (once) and resolves when NOTIFYs will be heard. */
  ready(): Promise<unknown> {
    this.#listening ??= this.db.listen(LIVE_CHANNEL, (payload) => this.#enqueue(payload));
    return this.#listening;
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

  #enqueue(notification: string) {
    // NOTIFY payload: "<merchant_id> <event id> <topic>"; handled one after another to keep order.
    this.#queue = this.#queue
      .then(() => this.#deliver(notification))
      .catch((error: unknown) => {
        this.log(`[flock] live event delivery failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  }

  async #deliver(notification: string) {
    const [merchantId = '', id, topic] = notification.split(' ');
    // Those following this topic, and those following everything of its merchant (the console).
    const subscribers = [
      ...(this.#subscribers.get(`${merchantId} ${topic}`) ?? []),
      ...(this.#subscribers.get(`${merchantId} ${merchantTopic(merchantId)}`) ?? []),
    ];
    if (subscribers.length === 0) return;
    const [event] = await this.db.query<StoredLiveEvent>(
      `select id::text as id, topic, type, payload from live_events where merchant_id = $1 and id = $2`,
      [merchantId, id],
    );
    if (!event) return;
    const frame = sseFrame(event);
    for (const subscriber of subscribers) subscriber.send(event, frame);
  }

  async close(): Promise<void> {
    const unlisten = await this.#listening?.catch(() => undefined);
    this.#listening = undefined;
    this.#subscribers.clear();
    await unlisten?.();
  }
}
