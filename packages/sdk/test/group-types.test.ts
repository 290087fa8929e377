import { drawCommitment, drawWinners } from '@flock/protocol/draw';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../server/test/databases.js';
import { offerInput, useHarness } from '../../server/test/harness.js';
import { FlockError } from '../src/index.js';
import { nodeEventSource, shopClient } from './shop-client.js';

/** The group types of issue 15 as the SDK sees them: the productRef of a seat, a lottery's draw, an offer's live stock. */
describe.each(testDatabases)('SDK group types on $kind', ({ create }) => {
  const suite = useHarness(create, { listen: true });

  const clientFor = (shopperId: string, live = false) => shopClient(suite, shopperId, live ? nodeEventSource : undefined);
  const newOffer = async (overrides = {}) => {
    const response = await suite.h.asMerchant('POST', '/v1/group-buy-offers', offerInput(overrides));
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string };
  };
  const confirm = (reservationId: string) =>
    suite.h.asMerchant('POST', `/v1/reservations/${reservationId}/confirm`, { orderRef: `o-${reservationId}` });

  it('sends the picked productRef when opening and joining a cross-product team, with the idempotency key', async () => {
    const products = [
      { productRef: 'longjing', title: 'Longjing', regularPrice: 2990, groupPrice: 1990 },
      { productRef: 'biluochun', title: 'Biluochun', regularPrice: 3990, groupPrice: 2490 },
    ];
    const offer = await newOffer({ teamSize: 2, groupPrice: 1990, products });
    const alice = await clientFor('xp-alice');
    const opened = await alice.openTeam(offer.id, { productRef: 'biluochun', idempotencyKey: 'xp-tap-1' });
    expect(opened.reservation).toMatchObject({ productRef: 'biluochun', price: 2490 });
    const again = await alice.openTeam(offer.id, { productRef: 'biluochun', idempotencyKey: 'xp-tap-1' });
    expect(again.reservation.id).toBe(opened.reservation.id);
    await confirm(opened.reservation.id);
    // Without a pick the server says which field is missing.
    const bob = await clientFor('xp-bob');
    const missing = await bob.joinTeam(opened.team.id).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(FlockError);
    expect(missing).toMatchObject({ status: 400, code: 'invalid_request' });
    const joined = await bob.joinTeam(opened.team.id, { productRef: 'longjing' });
    expect(joined.reservation).toMatchObject({ productRef: 'longjing', price: 1990 });
    await confirm(joined.reservation.id);
    const team = await bob.getTeam(opened.team.id);
    expect(team.members.map((m) => m.productRef)).toEqual(['biluochun', 'longjing']);
  });

  it('reads a lottery team’s draw: the commitment first, then seed and winners that recompute in the browser’s way', async () => {
    const offer = await newOffer({ teamSize: 3, groupPrice: 100, lottery: { winners: 1 } });
    const leader = await clientFor('lot-leader');
    const { team, reservation } = await leader.openTeam(offer.id);
    await confirm(reservation.id);
    const before = await leader.getTeamDraw(team.id);
    expect(before).toMatchObject({ algorithm: 'flock-draw-v1', teamId: team.id, seed: null, winners: [], winnersWanted: 1 });
    expect(before.commitment).toMatch(/^[0-9a-f]{64}$/);
    for (const name of ['lot-b', 'lot-c']) {
      const friend = await clientFor(name);
      await confirm((await friend.joinTeam(team.id)).reservation.id);
    }
    const draw = await leader.getTeamDraw(team.id);
    expect(draw.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(draw.members).toHaveLength(3);
    expect(await drawCommitment(draw.seed as string)).toBe(draw.commitment);
    const winners = await drawWinners(draw.seed as string, team.id, draw.members, draw.winnersWanted);
    expect(winners.map((m) => m.reservationId)).toEqual(draw.winners);
    // A team of an offer without a lottery has no draw.
    const plain = await newOffer();
    const opened = await leader.openTeam(plain.id);
    await expect(leader.getTeamDraw(opened.team.id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('follows offer:<id> live: offer.stock patches the units left, offer.updated replaces the offer and keeps myTeams', async () => {
    const offer = await newOffer({ teamSize: 3, stock: 5 });
    const watcher = await clientFor('stock-watcher', true);
    const { reservation } = await watcher.openTeam(offer.id);
    const $offer = watcher.offerStore(offer.id);
    const unsubscribe = $offer.listen(() => {});
    await expect.poll(() => $offer.get().data?.stockLeft).toBe(4);
    await expect.poll(() => watcher.liveStatus?.get()).toBe('open');
    expect($offer.get().data?.myTeams?.[0]?.reservation.id).toBe(reservation.id);

    // Someone else's seat takes a unit: only the stream can bring it (no polling).
    const other = await clientFor('stock-other');
    await other.openTeam(offer.id);
    await expect.poll(() => $offer.get().data?.stockLeft, { timeout: 3000 }).toBe(3);
    expect($offer.get().data?.stock).toBe(5);

    const patched = await suite.h.asMerchant('PATCH', `/v1/group-buy-offers/${offer.id}`, { title: 'Renamed tea' });
    expect(patched.status).toBe(200);
    await expect.poll(() => $offer.get().data?.title, { timeout: 3000 }).toBe('Renamed tea');
    expect($offer.get().data?.myTeams?.[0]?.reservation.id).toBe(reservation.id);
    unsubscribe();
    watcher.close();
    other.close();
  });
});
