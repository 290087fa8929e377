import * as z from 'zod/mini';

/** A topic names one resource whose changes a page follows: `team:team_…`, `assist:ast_…`, `promoter:pro_…`. */
export const TOPIC_PATTERN = /^(team|assist|promoter|voucher):[A-Za-z0-9_]{3,64}$/;
export const MAX_TOPICS_PER_STREAM = 50;

/**
 * One Server-Sent Event, sent as `id: <id>`, `event: <type>`, `data: <json>`. The data carries the
 * topic and the resource as any shopper would see it (no shopper-specific fields); clients refetch
 * when they need their own view.
 */
export const LiveEvent = z.object({
  id: z.string(),
  topic: z.string(),
  type: z.string(),
  data: z.unknown(),
});
export type LiveEvent = z.infer<typeof LiveEvent>;
