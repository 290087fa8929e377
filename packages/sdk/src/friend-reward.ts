import type { FriendReward, MyFriendReward } from '@flock/protocol';
import * as routes from '@flock/protocol/routes';
import { type Attribution, currentAttribution } from './attribution.js';
import { clientPart } from './core.js';
import { endpoint, type Http } from './http.js';
import type { ResourceStore } from './resource-store.js';

// The routes as this client calls them: their answers' schemas, not their requests' (see endpoint).
const claimFriendReward = /* @__PURE__ */ endpoint(routes.claimFriendReward);
const getFriendReward = /* @__PURE__ */ endpoint(routes.getFriendReward);

/** The friend's reward of a program (publishable key + shopper token). */
export function friendRewardApi(http: Http) {
  return {
    /** Claims the reward of the promoter link the shopper came through (`attributionId`): once per shopper and program. */
    claimFriendReward: (programId: string, attributionId: string, options: { idempotencyKey?: string } = {}) =>
      http.call(claimFriendReward, { params: { id: programId }, body: { attributionId } }, options.idempotencyKey),
    /** The shopper's reward in the program (`reward: null` when they have none). */
    myFriendReward: (programId: string) => http.call(getFriendReward, { params: { id: programId } }),
  };
}

/** The friend reward's part of a client: the shopper's reward in a program, the attribution that unlocks one, and claiming. */
export const friendRewardClient = clientPart((core) => {
  const api = friendRewardApi(core.http);
  // Not polled: only the shopper's own claim (put at once) and their order change it; a checkout on this
  // page calls refresh(), and a checkout elsewhere is seen when the tab is shown again or the page reloads.
  const friendRewardStore = (programId: string): ResourceStore<MyFriendReward> =>
    core.store(`friend-reward:${programId}`, () => api.myFriendReward(programId), { poll: false });
  return {
    ...api,
    friendRewardStore,
    /**
     * The attribution of a promoter link of `programId` this browser came through, if still live: what a
     * claim needs. On the page the link opened, the click is recorded first (once, however many
     * widgets ask: see core.captureAttribution).
     */
    programAttribution: async (programId: string): Promise<Attribution | undefined> => {
      const attribution = (await core.captureAttribution().catch(() => undefined)) ?? currentAttribution();
      return attribution?.programId === programId ? attribution : undefined;
    },
    /** Claims the reward and puts it in the shopper's store. */
    claimFriendReward: async (
      programId: string,
      attributionId: string,
      options?: { idempotencyKey?: string },
    ): Promise<FriendReward> => {
      const reward = await api.claimFriendReward(programId, attributionId, options);
      friendRewardStore(programId).put({ reward });
      return reward;
    },
  };
});
