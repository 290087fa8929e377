import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../server/test/databases.js';
import { offerInput, SHOP_ORIGIN, useHarness } from '../../server/test/harness.js';
import { clockOffset, createFlockClient, FlockError, msUntil } from '../src/index.js';

describe.each(testDatabases)('SDK against a real server on $kind', ({ create }) => {
  const suite = useHarness(create, { listen: true });

  const clientFor = async (shopperId?: string, overrides: { publishableKey?: string; origin?: string } = {}) =>
    createFlockClient({
      api: suite.api,
      publishableKey: overrides.publishableKey ?? suite.h.merchant.publishableKey,
      shopperToken: shopperId ? await suite.h.tokenFor(shopperId) : null,
      // Node's fetch sends no Origin; a browser on the shop's page would send this one.
      headers: { origin: overrides.origin ?? SHOP_ORIGIN },
      pollIntervalMs: 0,
    });
  const newOffer = async (overrides = {}) =>
    (await (await suite.h.asMerchant('POST', '/v1/group-buy-offers', offerInput(overrides))).json()) as { id: string };

  it('opens a team, joins it and parses every response with the contract', async () => {
    const offer = await newOffer({ teamSize: 2 });
    const alice = await clientFor('alice');
    const { team, reservation } = await alice.openTeam(offer.id);
    expect(team.status).toBe('pending');
    expect(reservation.status).toBe('held');
    await suite.h.asMerchant('POST', `/v1/reservations/${reservation.id}/confirm`, { orderRef: 'o-1' });
    const bob = await clientFor('bob');
    const joined = await bob.joinTeam(team.id);
    expect(joined.team.seatsLeft).toBe(0);
    expect(joined.team.myReservation?.shopperId).toBe('bob');
    const seen = await (await clientFor()).getOffer(offer.id);
    expect(seen.myTeams).toBeUndefined();
  });

  it('surfaces API errors as FlockError with the contract code and status', async () => {
    const offer = await newOffer({ teamSize: 2 });
    const alice = await clientFor('alice');
    const { team, reservation } = await alice.openTeam(offer.id);
    await suite.h.asMerchant('POST', `/v1/reservations/${reservation.id}/confirm`, { orderRef: 'o-2' });
    await (await clientFor('bob')).joinTeam(team.id);
    const error = await (await clientFor('carol')).joinTeam(team.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlockError);
    expect(error).toMatchObject({ code: 'team_full', status: 409 });

    const anonymous = await clientFor();
    await expect(anonymous.joinTeam(team.id)).rejects.toMatchObject({ code: 'shopper_token_required', status: 401 });
    await expect(anonymous.getOffer('off_nope00000000000000')).rejects.toMatchObject({ code: 'not_found', status: 404 });
    const foreign = await clientFor('alice', { origin: 'https://evil.example' });
    await expect(foreign.getOffer(offer.id)).rejects.toMatchObject({ code: 'origin_not_allowed' });
    const badKey = await clientFor('alice', { publishableKey: 'pk_wrong' });
    await expect(badKey.getOffer(offer.id)).rejects.toMatchObject({ code: 'invalid_key' });
  });

  it('reports an unreachable server as network_error', async () => {
    const client = createFlockClient({ api: 'http://127.0.0.1:9', publishableKey: 'pk_x', shopperToken: null });
    await expect(client.getOffer('off_x')).rejects.toMatchObject({ code: 'network_error' });
  });

  it('replays an idempotent POST instead of opening a second team', async () => {
    const offer = await newOffer();
    const alice = await clientFor('alice');
    const first = await alice.openTeam(offer.id, { idempotencyKey: 'tap-1' });
    const again = await alice.openTeam(offer.id, { idempotencyKey: 'tap-1' });
    expect(again.team.id).toBe(first.team.id);
    const rows = await suite.h.db.query<{ teams: number }>(`select count(*)::int as teams from teams where offer_id = $1`, [
      offer.id,
    ]);
    expect(rows[0]?.teams).toBe(1);
  });

  it("holds a seat as an action that updates the team's store and refetches the watched offer", async () => {
    const offer = await newOffer({ teamSize: 3 });
    const alice = await clientFor('alice');
    const $offer = alice.offerStore(offer.id);
    const unsubscribe = $offer.listen(() => {});
    await expect.poll(() => $offer.get().data?.id).toBe(offer.id);
    const { team, reservation } = await alice.openTeam(offer.id);
    // Nothing watches the team yet: the store holds what the POST answered, without a fetch.
    expect(alice.teamStore(team.id).get()).toMatchObject({ data: { id: team.id, status: 'pending' }, loading: false });
    await expect.poll(() => $offer.get().data?.myTeams?.[0]?.teamId).toBe(team.id);

    await suite.h.asMerchant('POST', `/v1/reservations/${reservation.id}/confirm`, { orderRef: 'o-seat' });
    const bob = await clientFor('bob');
    const joined = await bob.joinTeam(team.id);
    expect(bob.teamStore(team.id).get().data?.myReservation?.id).toBe(joined.reservation.id);
    unsubscribe();
  });

  it('keeps a store per resource that loads on first listener and refreshes on demand', async () => {
    const offer = await newOffer();
    const alice = await clientFor('alice');
    const $offer = alice.offerStore(offer.id);
    expect(alice.offerStore(offer.id)).toBe($offer);
    const states: string[] = [];
    const unsubscribe = $offer.subscribe((state) => states.push(state.loading ? 'loading' : state.data ? 'ready' : 'error'));
    await expect.poll(() => $offer.get().data?.id).toBe(offer.id);
    expect($offer.get().data?.openTeams).toEqual([]);

    const { reservation } = await alice.openTeam(offer.id);
    await suite.h.asMerchant('POST', `/v1/reservations/${reservation.id}/confirm`, { orderRef: 'o-3' });
    await $offer.refresh();
    expect($offer.get().data?.openTeams).toHaveLength(1);
    expect($offer.get().data?.myTeams?.[0]?.reservation.status).toBe('confirmed');
    expect(states[0]).toBe('loading');
    expect(states.at(-1)).toBe('ready');
    unsubscribe();
  });

  it('keeps the last good data when a refresh fails', async () => {
    const offer = await newOffer();
    const client = await clientFor('alice');
    const $offer = client.offerStore(offer.id);
    const unsubscribe = $offer.listen(() => {});
    await expect.poll(() => $offer.get().data?.id).toBe(offer.id);
    await suite.h.asMerchant('PATCH', '/v1/merchant', { origins: ['http://other.test'] });
    await $offer.refresh();
    expect($offer.get().error?.code).toBe('origin_not_allowed');
    expect($offer.get().data?.id).toBe(offer.id);
    await suite.h.asMerchant('PATCH', '/v1/merchant', { origins: [SHOP_ORIGIN] });
    unsubscribe();
  });
});

describe('countdown helpers', () => {
  it('count down on the server clock, whatever the phone says', () => {
    const phoneNow = Date.parse('2026-11-23T08:00:00Z');
    // The phone is 5 minutes fast.
    const offset = clockOffset('2026-11-23T07:55:00Z', phoneNow);
    expect(offset).toBe(-5 * 60_000);
    expect(msUntil('2026-11-23T08:55:00Z', offset, phoneNow)).toBe(60 * 60_000);
    expect(msUntil('2026-11-23T07:00:00Z', offset, phoneNow)).toBe(0);
  });
});
