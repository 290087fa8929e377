import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { LRUCache } from 'lru-cache';
import type { Timed } from '../clock.js';
import type { LiveHub, LiveObserver } from '../infra/live-hub.js';
import type { AppEnv } from './context.js';

/**
 * A JSON answer as text with a hole wherever its `serverNow` goes, so one serialisation serves every
 * request at its own time; `tag` covers everything else, the holes aside.
 */
export class JsonTemplate<T = unknown> {
  /** The ETag header: a weak validator, since `serverNow` differs between answers it matches. */
  readonly etag: string;

  private constructor(
    readonly pieces: readonly string[],
    readonly tag: string,
  ) {
    this.etag = `W/"${tag}"`;
  }

  /** `view` as computed at `now`: each `"serverNow":"<now>"` in it becomes a hole. */
  static of<T>(view: T, now: Date): JsonTemplate<T> {
    // Quotes inside JSON strings are escaped, so this text only ever matches a key and its value.
    const pieces = JSON.stringify(view).split(serverNowField(now));
    const tag = createHash('sha256').update(pieces.join('"serverNow"')).digest('base64url').slice(0, 22);
    return new JsonTemplate(pieces, tag);
  }

  /** This object with `name: part` added as its last field; the tag covers both. */
  with<K extends string, V>(name: K, part: JsonTemplate<V>): JsonTemplate<T & Record<K, V>> {
    const [first = '', ...rest] = part.pieces;
    const last = this.pieces.at(-1) ?? '';
    const pieces = [...this.pieces.slice(0, -1), `${last.slice(0, -1)},${JSON.stringify(name)}:${first}`, ...rest];
    pieces[pieces.length - 1] += '}';
    return new JsonTemplate(pieces, `${this.tag}.${part.tag}`);
  }

  render(now: Date): string {
    return this.pieces.join(serverNowField(now));
  }
}

/** `"serverNow":"<now>"`; the last one is kept, since every answer of the same millisecond asks for it again. */
let lastServerNow = { ms: Number.NaN, field: '' };
function serverNowField(now: Date): string {
  const ms = now.getTime();
  if (ms !== lastServerNow.ms) lastServerNow = { ms, field: `"serverNow":"${now.toISOString()}"` };
  return lastServerNow.field;
}

/**
 * What a handler of a route declared `etag` returns: the answer with a weak ETag over everything
 * but `serverNow`, or 304 without a body when `If-None-Match` names it. Never stored by browsers
 * (`no-store`): a copy revalidated later would carry an old `serverNow`, and countdowns run on it.
 */
export class TaggedAnswer<T = unknown> {
  constructor(
    readonly template: JsonTemplate<T>,
    readonly now: Date,
  ) {}

  respond(c: Context): Response {
    const { etag } = this.template;
    if (holdsTag(c.req.header('if-none-match'), this.template.tag))
      return c.body(null, 304, { etag, 'cache-control': 'no-store' });
    return c.body(this.template.render(this.now), 200, { etag, 'cache-control': 'no-store', 'content-type': 'application/json' });
  }
}

/** Whether an If-None-Match header names this tag, weakly compared (RFC 9110 §13.1.2), or is `*`. */
function holdsTag(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const quoted = `"${tag}"`;
  return header.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || value === quoted || value === `W/${quoted}`;
  });
}

/** A read kept in memory: its answer, what it was made from, and the change number when its loading began. */
export interface CachedRead<V extends Timed<unknown>> {
  template: JsonTemplate<V['view']>;
  value: V;
  read: number;
}

export interface ReadCacheOptions {
  /**
   * Topic kinds whose changes show in a parent's reads, by the parent's kind: `{ team: 'offer' }`
   * (a team's seats show in its offer's open teams). An event of such a topic whose parent this
   * process never saw changes every read of its merchant.
   */
  nested?: Readonly<Record<string, string>>;
  /** The answers kept, counted in characters of their JSON (default 16 million, about 32 MB). */
  maxSize?: number;
  /** How long an answer is kept at most, even when no event says it changed (default 60 s). */
  maxAgeMs?: number;
  /** Changes remembered per topic (default 20,000); beyond them, reads older than the oldest remembered are dropped. */
  maxChanges?: number;
}

/**
 * This process's memory of shared reads (an offer, a team), per merchant, kept until a live event
 * says what they show changed. Every process hears every committed event (LiveHub's LISTEN), so a
 * write through any process makes every process forget; a write through this one also makes it
 * forget its merchant's reads as soon as the write answers, before its event comes back. Reads
 * are kept only while listening; after the connection dropped, everything read before is forgotten.
 *
 * Each change is numbered; a read records the number when its loading began, and stays good while
 * neither its topic nor its merchant changed since, and its view's `changesAt` is still ahead.
 * A change during a load makes that load's result unfit to keep (the caller still gets it).
 */
export class ReadCache implements LiveObserver {
  readonly #entries: LRUCache<string, CachedRead<Timed<unknown>>>;
  /** When each topic (`<merchant> <topic>`) or merchant last changed; oldest change evicted first. */
  readonly #changedAt: LRUCache<string, number>;
  /** The parent topic of each nested topic seen in a read (`<merchant> team:…` → `offer:…`). */
  readonly #parents: LRUCache<string, string>;
  readonly #loading = new Map<string, { read: number; promise: Promise<CachedRead<Timed<unknown>>> }>();
  readonly #nested: Readonly<Record<string, string>>;
  #changes = 0;
  /** Reads begun before this are forgotten: a change older than any remembered, or events missed. */
  #floor = 0;
  /** Resolves to whether events are heard; while they are not (LISTEN failed), nothing is kept. */
  #listening: Promise<boolean> | undefined;
  #heard = false;

  constructor(
    private readonly hub: LiveHub,
    options: ReadCacheOptions = {},
  ) {
    this.#nested = options.nested ?? {};
    this.#entries = new LRUCache({
      maxSize: options.maxSize ?? 16_000_000,
      // The JSON, and as much again for the view and rows it came from.
      sizeCalculation: (entry) => 2 * entry.template.pieces.reduce((sum, piece) => sum + piece.length, 64),
      ttl: options.maxAgeMs ?? 60_000,
    });
    this.#changedAt = new LRUCache({
      max: options.maxChanges ?? 20_000,
      dispose: (change, _key, reason) => {
        if (reason === 'evict') this.#floor = Math.max(this.#floor, change);
      },
    });
    this.#parents = new LRUCache({ max: options.maxChanges ?? 20_000 });
  }

  /**
   * The read of `topic` (`offer:off_…`) for `variant` (everyone, or one shopper), from memory
   * while it is still good, else from `load` (kept for the next caller when nothing changed
   * meanwhile). Callers that miss at once share one load.
   */
  async remember<V extends Timed<unknown>>(
    merchantId: string,
    topic: string,
    variant: string,
    now: Date,
    load: () => Promise<V>,
  ): Promise<CachedRead<V>> {
    const key = JSON.stringify([merchantId, topic, variant]);
    const dependsOn = [merchantId, `${merchantId} ${topic}`];
    const kept = this.#entries.get(key) as CachedRead<V> | undefined;
    if (kept && this.#good(kept, dependsOn, now)) return kept;
    const loading = this.#loading.get(key);
    if (loading && this.#unchangedSince(loading.read, dependsOn)) {
      const shared = (await loading.promise) as CachedRead<V>;
      if (this.#good(shared, dependsOn, now)) return shared;
    }
    // Kept only once every later change will be heard; the first read waits for that (one round trip).
    if (!(await this.#listen())) return this.#cached(await load(), this.#changes);
    const read = this.#changes;
    const promise = load().then((value) => this.#cached(value, read));
    this.#loading.set(key, { read, promise });
    try {
      const loaded = await promise;
      if (this.#unchangedSince(read, dependsOn)) this.#entries.set(key, loaded);
      return loaded;
    } finally {
      if (this.#loading.get(key)?.promise === promise) this.#loading.delete(key);
    }
  }

  /** Records that `child` (`team:…`) of the merchant shows in `parent`'s reads (`offer:…`). */
  nest(merchantId: string, child: string, parent: string): void {
    this.#parents.set(`${merchantId} ${child}`, parent);
  }

  /** A live event: what its topic shows changed, and its parent's reads with it. */
  changed(merchantId: string, topic: string): void {
    const key = `${merchantId} ${topic}`;
    this.#change(key);
    if (this.#nested[topic.slice(0, topic.indexOf(':'))] === undefined) return;
    const parent = this.#parents.get(key);
    this.#change(parent === undefined ? merchantId : `${merchantId} ${parent}`);
  }

  resumed(): void {
    this.#floor = ++this.#changes;
  }

  /**
   * Forgets the merchant's reads once a request that may have written (any method but GET, HEAD
   * and OPTIONS) has answered, so its caller reads its own write here at once; other processes
   * hear of it through the write's live event.
   */
  forgetWrites(c: Context<AppEnv>): void {
    const { method } = c.req;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
    const merchantId = c.get('auth')?.merchant.id;
    if (merchantId) this.#change(merchantId);
  }

  #change(key: string) {
    this.#changedAt.set(key, ++this.#changes);
  }

  #unchangedSince(read: number, dependsOn: readonly string[]): boolean {
    return read >= this.#floor && dependsOn.every((key) => (this.#changedAt.peek(key) ?? 0) <= read);
  }

  #good(entry: CachedRead<Timed<unknown>>, dependsOn: readonly string[], now: Date): boolean {
    const { value } = entry;
    return value.now <= now && (value.changesAt === null || now < value.changesAt) && this.#unchangedSince(entry.read, dependsOn);
  }

  #cached<V extends Timed<unknown>>(value: V, read: number): CachedRead<V> {
    return { template: JsonTemplate.of(value.view as V['view'], value.now), value, read };
  }

  /** Starts hearing events (once); resolves to whether they are heard. */
  #listen(): boolean | Promise<boolean> {
    if (this.#heard) return true;
    if (!this.#listening) {
      const stop = this.hub.observe(this);
      this.#listening = this.hub.ready().then(
        () => (this.#heard = true),
        () => {
          stop();
          this.#listening = undefined;
          return false;
        },
      );
    }
    return this.#listening;
  }
}
