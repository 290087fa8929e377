import { atom, onMount, type ReadableAtom } from 'nanostores';
import { FlockError } from './errors.js';
import type { LiveConnection } from './live.js';

export interface ResourceState<T> {
  /** The latest good value; kept while a refresh fails, so a widget does not flash to an error. */
  data: T | undefined;
  error: FlockError | undefined;
  loading: boolean;
}

export interface ResourceStore<T> extends ReadableAtom<ResourceState<T>> {
  /** Fetches now (e.g. right after an action) instead of waiting for an event or a poll. */
  refresh(): Promise<void>;
  /** Puts a value the caller already has (e.g. from a POST response) into the store. */
  put(value: T): void;
}

export interface LiveBinding<T> {
  connection: LiveConnection;
  /** The topic to follow; a function when it is only known from the loaded data (e.g. a promoter id). */
  topic: string | ((data: T | undefined) => string | undefined);
  /**
   * Turns an event's public data into the store's next value. `refetch` asks for a fetch as well,
   * for views with viewer-specific parts the event cannot carry.
   */
  apply(data: unknown, previous: T | undefined): { value?: T; refetch: boolean };
}

export interface ResourceStoreOptions<T> {
  /** Poll interval while no live stream is open (or always, without `live`); 0 never polls. */
  pollIntervalMs: number;
  live?: LiveBinding<T>;
  /** Loads when first watched and never again by itself (data that does not change while the page is open). */
  once?: boolean;
}

/**
 * A store that loads a resource when its first listener arrives and stops when the last one
 * leaves (nanostores' onMount). While mounted it follows the resource's live topic; it polls only
 * while the live stream is down, and refetches a snapshot whenever the stream (re)opens.
 */
export function resourceStore<T>(load: () => Promise<T>, options: ResourceStoreOptions<T>): ResourceStore<T> {
  const $state = atom<ResourceState<T>>({ data: undefined, error: undefined, loading: true });
  let inFlight: Promise<void> | undefined;
  let followUp: Promise<void> | undefined;
  let mounted = false;
  let followed: { topic: string; unfollow: () => void } | undefined;
  const { live } = options;
  const follow = () => {
    const topic = live && mounted ? (typeof live.topic === 'function' ? live.topic($state.get().data) : live.topic) : undefined;
    if (topic === followed?.topic) return;
    followed?.unfollow();
    followed = undefined;
    if (!live || !topic) return;
    const unfollow = live.connection.follow(topic, (message) => {
      const { value, refetch } = live.apply(message.data, $state.get().data);
      if (value !== undefined) $state.set({ data: value, error: undefined, loading: false });
      if (refetch || value === undefined) void refreshAfterChange();
    });
    followed = { topic, unfollow };
  };
  /**
   * A fetch that sees a change just announced: a fetch already under way may have started before the
   * change, so one more follows it (one, however many changes are announced meanwhile).
   */
  const refreshAfterChange = (): Promise<void> => {
    if (!inFlight) return refresh();
    followUp ??= inFlight.then(() => {
      followUp = undefined;
      return refresh();
    });
    return followUp;
  };
  const refresh = (): Promise<void> => {
    inFlight ??= load()
      .then((data) => {
        $state.set({ data, error: undefined, loading: false });
        follow();
      })
      .catch((error: unknown) => {
        const flockError = error instanceof FlockError ? error : new FlockError('network_error', String(error));
        $state.set({ ...$state.get(), error: flockError, loading: false });
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  onMount($state, () => {
    if (options.once) {
      if (!$state.get().data) void refresh();
      return;
    }
    mounted = true;
    void refresh();
    follow();
    const { pollIntervalMs } = options;
    // Without a topic yet (nothing loaded), polling stands in for the stream.
    const liveOpen = () => followed !== undefined && live?.connection.status.get() === 'open';
    const timer = pollIntervalMs > 0 ? setInterval(() => liveOpen() || void refresh(), pollIntervalMs) : undefined;
    let wasOpen = liveOpen();
    const unwatch = live?.connection.status.listen((status) => {
      if (status === 'open' && !wasOpen) void refresh();
      wasOpen = status === 'open';
    });
    // Hidden tabs get throttled timers; catch up as soon as the page is visible again.
    const onVisible = () => {
      if (typeof document !== 'undefined' && document.visibilityState === 'visible') void refresh();
    };
    globalThis.addEventListener?.('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      mounted = false;
      follow();
      unwatch?.();
      globalThis.removeEventListener?.('visibilitychange', onVisible);
    };
  });
  return Object.assign($state, {
    refresh,
    put: (data: T) => $state.set({ data, error: undefined, loading: false }),
  });
}
