import { atom, onMount, type ReadableAtom } from 'nanostores';
import { FlockError } from './errors.js';

export interface ResourceState<T> {
  /** The latest good value; kept while a refresh fails, so a widget does not flash to an error. */
  data: T | undefined;
  error: FlockError | undefined;
  loading: boolean;
}

export interface ResourceStore<T> extends ReadableAtom<ResourceState<T>> {
  /** Fetches now (e.g. right after an action) instead of waiting for the next poll. */
  refresh(): Promise<void>;
  /** Puts a value the caller already has (e.g. from a POST response) into the store. */
  put(value: T): void;
}

/**
 * A store that loads a resource when its first listener arrives, polls while anyone listens,
 * and stops when the last one leaves (nanostores' onMount). Live updates replace polling later.
 */
export function resourceStore<T>(load: () => Promise<T>, pollIntervalMs: number): ResourceStore<T> {
  const $state = atom<ResourceState<T>>({ data: undefined, error: undefined, loading: true });
  let inFlight: Promise<void> | undefined;
  const refresh = () => {
    inFlight ??= load()
      .then((data) => $state.set({ data, error: undefined, loading: false }))
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
    void refresh();
    const timer = pollIntervalMs > 0 ? setInterval(() => void refresh(), pollIntervalMs) : undefined;
    // Hidden tabs get throttled timers; catch up as soon as the page is visible again.
    const onVisible = () => {
      if (typeof document !== 'undefined' && document.visibilityState === 'visible') void refresh();
    };
    globalThis.addEventListener?.('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      globalThis.removeEventListener?.('visibilitychange', onVisible);
    };
  });
  return Object.assign($state, {
    refresh,
    put: (data: T) => $state.set({ data, error: undefined, loading: false }),
  });
}
