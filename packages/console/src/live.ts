import { merchantTopic, type TopicKind, topicAudience } from '@flock/protocol';
import { atom } from 'nanostores';
import { client } from './client.js';

/** Whether the console hears the shop live: `live` once the stream is open, `offline` while it reconnects. */
export type LiveState = 'off' | 'connecting' | 'live' | 'offline';
export const $live = atom<LiveState>('off');

/** A kind of resource whose events a page follows (teams, assists, promoters' earnings, vouchers). */
export type LiveKind = Exclude<TopicKind, 'merchant'>;
const KINDS = (Object.keys(topicAudience) as TopicKind[]).filter((kind): kind is LiveKind => kind !== 'merchant');

const followers = new Set<{ kinds: ReadonlySet<LiveKind>; changed: () => void }>();
let source: EventSource | undefined;
let followedMerchant: string | undefined;

/**
 * Calls `changed` when something of these kinds changes anywhere in the shop, over the same stream
 * the widgets use (`merchant:<id>`, authenticated by the console's session cookie). Several events
 * in a burst (a team filling) make one call. Returns the unsubscribe.
 */
export function onLive(kinds: readonly LiveKind[], changed: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const follower = {
    kinds: new Set(kinds),
    changed: () => {
      clearTimeout(timer);
      timer = setTimeout(changed, 250);
    },
  };
  followers.add(follower);
  return () => {
    clearTimeout(timer);
    followers.delete(follower);
  };
}

function connect(merchantId: string) {
  source?.close();
  $live.set('connecting');
  source = new EventSource(`${location.origin}/v1/stream?topics=${encodeURIComponent(merchantTopic(merchantId))}`);
  source.onopen = () => $live.set('live');
  // EventSource reconnects by itself (after `retry`), resuming from the last event id.
  source.onerror = () => $live.set('offline');
  for (const kind of KINDS)
    source.addEventListener(`${kind}.updated`, () => {
      for (const follower of followers) if (follower.kinds.has(kind)) follower.changed();
    });
}

// One stream per signed-in console; none while signed out.
client.$session.subscribe((session) => {
  if (session?.merchant.id === followedMerchant) return;
  followedMerchant = session?.merchant.id;
  if (session) connect(session.merchant.id);
  else {
    source?.close();
    source = undefined;
    $live.set('off');
  }
});
