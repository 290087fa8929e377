import { atom } from 'nanostores';
import { describe, expect, it } from 'vitest';
import type { LiveConnection, LiveEventMessage } from '../src/live.js';
import { resourceStore } from '../src/resource-store.js';

describe('a resource store', () => {
  it('fetches once more after a fetch under way when an event announces a change meanwhile', async () => {
    // Each load answers when the test says, with the number of the load.
    const answers: Array<() => void> = [];
    let loads = 0;
    const load = () =>
      new Promise<number>((resolve) => {
        const n = ++loads;
        answers.push(() => resolve(n));
      });
    // A stream that is open, and whose events the test sends.
    const handlers = new Set<(message: LiveEventMessage) => void>();
    const connection = {
      status: atom('open'),
      follow: (_topic: string, onMessage: (message: LiveEventMessage) => void) => {
        handlers.add(onMessage);
        return () => handlers.delete(onMessage);
      },
    } as unknown as LiveConnection;
    const announce = () => {
      for (const handler of handlers) handler({ data: {} } as LiveEventMessage);
    };
    const $store = resourceStore(load, {
      pollIntervalMs: 0,
      live: { connection, topic: 'team:t1', apply: () => ({ refetch: true }) },
    });

    // Watched, it loads and follows its topic. Two changes are announced while that fetch is under way:
    // it may have started before them, so one more fetch follows it (one for both).
    const stop = $store.listen(() => {});
    expect(loads).toBe(1);
    announce();
    announce();
    expect(loads).toBe(1);
    answers.shift()?.();
    await expect.poll(() => loads).toBe(2);
    expect($store.get().data).toBe(1);
    answers.shift()?.();
    await expect.poll(() => $store.get().data).toBe(2);
    expect(loads).toBe(2);

    // A refresh asked for by hand while one is under way shares it.
    const first = $store.refresh();
    expect($store.refresh()).toBe(first);
    expect(loads).toBe(3);
    answers.shift()?.();
    await first;
    expect($store.get().data).toBe(3);

    // An event with nothing under way: one fetch.
    announce();
    expect(loads).toBe(4);
    answers.shift()?.();
    await expect.poll(() => $store.get().data).toBe(4);
    expect(loads).toBe(4);
    stop();
  });
});
