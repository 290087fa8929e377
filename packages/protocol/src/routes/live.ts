/** Live updates: the Server-Sent Events stream a page follows. See ../routes.ts for what a route declares. */

import { LiveEvent } from '../live.js';
import type { RouteContract } from '../routes.js';
import { OptionalLiveEventId, OptionalText, Text } from './shared.js';

export const openStream = {
  method: 'get',
  path: '/v1/stream',
  auth: { kind: 'stream' },
  query: { key: OptionalText, topics: Text, lastEventId: OptionalLiveEventId, shopper: OptionalText },
  responses: { 200: LiveEvent },
  stream: true,
} as const satisfies RouteContract;
