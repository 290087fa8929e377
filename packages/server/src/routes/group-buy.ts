import {
  confirmReservation,
  createOffer,
  getTeamDraw,
  listOffers,
  listTeams,
  myTeamsIn,
  offerForEveryone,
  openTeam,
  reserveSeat,
  teamForEveryone,
  updateOffer,
} from '../domain/teams.js';
import type { HandlersFor } from '../http/handler.js';
import { JsonTemplate, ReadCache, TaggedAnswer } from '../http/read-cache.js';
import type { LiveHub } from '../infra/live-hub.js';

/** This process's cache of offer and team reads: a team's seats show in its offer's open teams too. */
export const groupBuyReads = (hub: LiveHub) => new ReadCache(hub, { nested: { team: 'offer' } });

/** The reads of offers and teams come from `reads` while no live event says they changed. */
export const groupBuyHandlers = (reads: ReadCache) =>
  ({
    createGroupBuyOffer: ({ body }, { db, clock, merchant }) => createOffer(db, clock, merchant.id, body),
    listGroupBuyOffers: ({ query }, { db, clock, merchant }) => listOffers(db, clock, merchant.id, query),
    getGroupBuyOffer: async ({ params }, { db, clock, merchant, shopper }) => {
      const now = clock.now();
      const topic = `offer:${params.id}`;
      const everyone = await reads.remember(merchant.id, topic, '', now, async () => {
        const offer = await offerForEveryone(db, clock.now(), merchant.id, params.id);
        // Its open teams' events change it: a seat taken or freed, a team filling.
        for (const team of offer.view.openTeams) reads.nest(merchant.id, `team:${team.id}`, topic);
        return offer;
      });
      if (!shopper) return new TaggedAnswer(everyone.template, clock.now());
      // Every seat of the shopper's changes with an event of its team, and so of this offer.
      const mine = await reads.remember(merchant.id, topic, `shopper ${shopper.id}`, now, () =>
        myTeamsIn(db, clock.now(), merchant.id, params.id, shopper),
      );
      return new TaggedAnswer(everyone.template.with('myTeams', mine.template), clock.now());
    },
    updateGroupBuyOffer: ({ params, body }, { db, clock, merchant }) => updateOffer(db, clock, merchant.id, params.id, body),
    openTeam: ({ params, body }, { db, clock, secrets, merchant, shopper }) =>
      openTeam(db, clock, secrets, merchant.id, params.id, shopper, body),
    listTeams: ({ query }, { db, clock, merchant }) => listTeams(db, clock, merchant.id, query),
    getTeam: async ({ params }, { db, clock, merchant, shopper }) => {
      const now = clock.now();
      const team = await reads.remember(merchant.id, `team:${params.id}`, '', now, async () => {
        const read = await teamForEveryone(db, clock, merchant.id, params.id);
        reads.nest(merchant.id, `team:${params.id}`, `offer:${read.view.offerId}`);
        return read;
      });
      if (!shopper) return new TaggedAnswer(team.template, clock.now());
      // The shopper's part comes from the same rows, as of the same moment.
      const mine = JsonTemplate.of(team.value.myReservation(shopper), team.value.now);
      return new TaggedAnswer(team.template.with('myReservation', mine), clock.now());
    },
    reserveSeat: ({ params, body }, { db, clock, merchant, shopper }) =>
      reserveSeat(db, clock, merchant.id, params.id, shopper, body),
    getTeamDraw: ({ params }, { db, clock, merchant }) => getTeamDraw(db, clock, merchant.id, params.id),
    confirmReservation: ({ params, body }, { db, clock, secrets, merchant }) =>
      confirmReservation(db, clock, secrets, merchant.id, params.id, body.orderRef),
  }) satisfies HandlersFor<
    | 'createGroupBuyOffer'
    | 'listGroupBuyOffers'
    | 'getGroupBuyOffer'
    | 'updateGroupBuyOffer'
    | 'openTeam'
    | 'listTeams'
    | 'getTeam'
    | 'getTeamDraw'
    | 'reserveSeat'
    | 'confirmReservation'
  >;
