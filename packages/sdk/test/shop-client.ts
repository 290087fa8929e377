import { EventSource } from 'eventsource';
import type { useHarness } from '../../server/test/harness.js';
import { SHOP_ORIGIN } from '../../server/test/harness.js';
import { createFlockClient, type EventSourceLike } from '../src/index.js';

/** Node's stand-in for the browser's EventSource, sending the Origin a browser on the shop's page would. */
export const nodeEventSource = (url: string) =>
  new EventSource(url, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, origin: SHOP_ORIGIN } }),
  }) as unknown as EventSourceLike;

/**
 * A shopper's client on the shop's page, against the suite's listening server: no polling, so only
 * the stream (when `createEventSource` is given) or a fetch can bring a change.
 */
export const shopClient = async (
  suite: ReturnType<typeof useHarness>,
  shopperId: string,
  createEventSource?: (url: string) => EventSourceLike,
) =>
  createFlockClient({
    api: suite.api,
    publishableKey: suite.h.merchant.publishableKey,
    shopperToken: await suite.h.tokenFor(shopperId),
    headers: { origin: SHOP_ORIGIN },
    pollIntervalMs: 0,
    ...(createEventSource ? { createEventSource } : {}),
  });
