import * as z from 'zod/mini';

/**
 * Each kind of topic, and who may follow it: the same rights as the GET route of the resource it
 * mirrors. `anyone`: any publishable or secret key of the merchant (an offer, a team or an assist is
 * shown to every shopper). `owner`: only the shopper it belongs to, with their shopper token in `?shopper=`,
 * or the secret key (a promoter's earnings, a voucher). `merchant`: `merchant:<merchant id>`, every
 * event of the merchant (what the console watches), for the secret key or a console session only.
 */
export const topicAudience = {
  offer: 'anyone',
  team: 'anyone',
  assist: 'anyone',
  promoter: 'owner',
  /** A referral program's public figures (leaderboard, payout ticker): `program.ledger` when its ledger moves. */
  program: 'anyone',
  voucher: 'owner',
  merchant: 'merchant',
} as const;
export type TopicKind = keyof typeof topicAudience;

/** A topic names one resource whose changes a page follows: `offer:off_…`, `team:team_…`, `assist:ast_…`, `promoter:pro_…`, `voucher:vch_…`. */
export const TOPIC_PATTERN = /* @__PURE__ */ new RegExp(`^(${Object.keys(topicAudience).join('|')}):[A-Za-z0-9_]{3,64}$`);

/** Whether following `topic` takes the shopper's token (a topic of a kind only its owner may follow). */
export const topicNeedsShopper = (topic: string): boolean =>
  topicAudience[topic.slice(0, topic.indexOf(':')) as TopicKind] === 'owner';
export const MAX_TOPICS_PER_STREAM = 50;
/** The topic of every event of one merchant: the console's whole-shop view. */
export const merchantTopic = (merchantId: string) => `merchant:${merchantId}`;

/** A live event's id as a client sends it back to resume: digits that fit PostgreSQL's bigint. */
export const LiveEventId = /* @__PURE__ */ z.string().check(
  z.regex(/^\d{1,19}$/, 'an event id (digits)'),
  // zod runs every check, so this one must not trip over what the pattern already refused.
  z.refine((id) => !/^\d+$/.test(id) || BigInt(id) <= 9_223_372_036_854_775_807n, 'an event id of at most 2^63 − 1'),
);

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
