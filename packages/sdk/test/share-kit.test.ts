import { newShareId, shareLink, shareText } from '@flock/protocol/share-kit';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../server/test/databases.js';
import { SHOP_ORIGIN, useHarness } from '../../server/test/harness.js';
import { join, newProgram, nextRef, order } from '../../server/test/referral-helpers.js';
import { expectOk } from '../../server/test/util.js';
import { createClientCore, referralClient, shareKitClient } from '../src/index.js';
import { nodeEventSource, shopClient } from './shop-client.js';

/** The promoter's share kit as the SDK sees it (issue 16): materials, shares and their clicks, paging, suggestions, the opt-out. */
describe.each(testDatabases)('SDK share kit on $kind', ({ create }) => {
  const suite = useHarness(create, { listen: true });

  const coreFor = async (shopperId?: string) =>
    createClientCore({
      api: suite.api,
      publishableKey: suite.h.merchant.publishableKey,
      ...(shopperId ? { shopperToken: await suite.h.tokenFor(shopperId) } : {}),
      headers: { origin: SHOP_ORIGIN },
      pollIntervalMs: 0,
      live: false,
    });
  const material = async (programId: string, title: string) => {
    const response = await suite.h.asMerchant('POST', `/v1/referral-programs/${programId}/materials`, {
      title,
      text: `${title}: try it {link}`,
    });
    return (await expectOk(response, 201)) as { id: string };
  };

  it('records a copied share; a click through its link counts on the share in the history, which pages', async () => {
    const program = await newProgram(suite.h);
    await join(suite.h, program.id, 'kit-promoter');
    const tea = await material(program.id, 'Tea');
    const core = await coreFor('kit-promoter');
    const kit = shareKitClient(core);
    const $materials = kit.materialsStore(program.id);
    const stop = [$materials.listen(() => {})];
    await expect.poll(() => $materials.get().data?.data.length).toBe(1);
    const [shown] = $materials.get().data?.data ?? [];
    expect(shown?.link).toContain('flock_ref=');

    // What the card builds inside the tap.
    const shareId = newShareId();
    const link = shareLink(shown?.link ?? '', shareId);
    expect(shareText(shown?.text ?? '', link)).toBe(`Tea: try it ${link}`);
    const $shares = kit.sharesStore(program.id);
    stop.push($shares.listen(() => {}));
    await expect.poll(() => $shares.get().data?.data).toEqual([]);
    const record = await kit.recordShare(program.id, { shareId, materialId: tea.id, channel: 'copy' });
    expect(record).toMatchObject({ id: shareId, title: 'Tea', channel: 'copy', clicks: 0, orders: 0, commission: 0 });
    // Shown at once, and recording it again (a retry) is the same share.
    expect($shares.get().data?.data.map((share) => share.id)).toEqual([shareId]);
    expect((await kit.recordShare(program.id, { shareId, materialId: tea.id, channel: 'copy' })).id).toBe(shareId);

    // A friend opens the link: the click carries the share; their order counts on it.
    const friend = await coreFor();
    const attribution = await friend.captureAttribution(link);
    expect(attribution?.share).toBe(shareId);
    await order(suite.h, { amount: 10000, attributionId: attribution?.attributionId, shopperId: 'kit-friend' });
    await $shares.refresh();
    expect($shares.get().data?.data[0]).toMatchObject({ id: shareId, clicks: 1, orders: 1, commission: 1000 });

    // Eleven more shares, each shown at the top as it is recorded; a refresh keeps all that are shown
    // (the pages past the first: see the paging test below), newest first.
    for (let i = 0; i < 11; i++) {
      suite.h.clock.advance(1000);
      await kit.recordShare(program.id, { shareId: newShareId(), materialId: tea.id, channel: 'web_share' });
    }
    expect($shares.get().data?.data).toHaveLength(12);
    await $shares.refresh();
    const all = $shares.get().data?.data ?? [];
    expect(all).toHaveLength(12);
    expect(all.at(-1)?.id).toBe(shareId);
    expect($shares.get().data?.nextCursor).toBeNull();
    expect(await kit.moreShares(program.id)).toBe(false);
    for (const unsubscribe of stop) unsubscribe();
    core.close();
  });

  it('a refresh keeps the pages of the history the promoter opened, with their figures updated', async () => {
    const program = await newProgram(suite.h);
    await join(suite.h, program.id, 'pager');
    const tea = await material(program.id, 'Tea');
    const core = await coreFor('pager');
    const kit = shareKitClient(core);
    const [link] = (await kit.promoterMaterials(program.id)).data.map((shown) => shown.link);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      suite.h.clock.advance(1000);
      ids.unshift((await kit.recordShare(program.id, { shareId: newShareId(), materialId: tea.id, channel: 'copy' })).id);
    }
    const $shares = kit.sharesStore(program.id);
    const stop = $shares.listen(() => {});
    await expect.poll(() => $shares.get().data?.data.length).toBe(10);
    expect(await kit.moreShares(program.id)).toBe(true);
    expect($shares.get().data?.data.map((share) => share.id)).toEqual(ids.slice(0, 20));

    // A friend clicks the link of a share on page 2; a refresh (a poll) shows it there, still on page 2.
    const onPageTwo = ids[14] as string;
    await (await coreFor()).captureAttribution(shareLink(link ?? '', onPageTwo));
    await $shares.refresh();
    const page = $shares.get().data;
    expect(page?.data.map((share) => share.id)).toEqual(ids.slice(0, 20));
    expect(page?.data[14]).toMatchObject({ id: onPageTwo, clicks: 1 });
    expect(page?.nextCursor).not.toBeNull();
    // The next page follows on from there.
    expect(await kit.moreShares(program.id)).toBe(true);
    expect($shares.get().data?.data.map((share) => share.id)).toEqual(ids);
    expect($shares.get().data?.nextCursor).toBeNull();
    stop();
    core.close();
  });

  it('keeps the page "Show more" added while a refresh of the first was under way', async () => {
    const program = await newProgram(suite.h);
    await join(suite.h, program.id, 'racer');
    // The history's first page can be held: a refresh (a poll) answers only after "Show more" has.
    let held: Promise<void> | undefined;
    let release = () => {};
    const core = createClientCore({
      api: suite.api,
      publishableKey: suite.h.merchant.publishableKey,
      shopperToken: await suite.h.tokenFor('racer'),
      headers: { origin: SHOP_ORIGIN },
      pollIntervalMs: 0,
      live: false,
      fetch: async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        if (held && url.pathname === '/v1/promoters/me/shares' && !url.searchParams.has('cursor')) await held;
        return fetch(input, init);
      },
    });
    const kit = shareKitClient(core);
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) {
      suite.h.clock.advance(1000);
      ids.unshift((await kit.recordShare(program.id, { shareId: newShareId(), channel: 'copy' })).id);
    }
    const $shares = kit.sharesStore(program.id);
    const stop = $shares.listen(() => {});
    await expect.poll(() => $shares.get().data?.data.length).toBe(10);
    held = new Promise((resolve) => {
      release = resolve;
    });
    const refreshing = $shares.refresh();
    expect(await kit.moreShares(program.id)).toBe(true);
    expect($shares.get().data?.data).toHaveLength(15);
    release();
    await refreshing;
    expect($shares.get().data?.data.map((share) => share.id)).toEqual(ids);
    expect($shares.get().data?.nextCursor).toBeNull();
    stop();
    core.close();
  });

  it('suggests a material by the program’s orders until the promoter’s own friends buy', async () => {
    const program = await newProgram(suite.h);
    const tea = await material(program.id, 'Tea');
    await material(program.id, 'Cup');
    // Another promoter's friend buys tea through a shared link.
    await join(suite.h, program.id, 'seller');
    const seller = shareKitClient(await coreFor('seller'));
    const sellerTea = (await seller.promoterMaterials(program.id)).data.find((m) => m.id === tea.id);
    const sellerShare = newShareId();
    await seller.recordShare(program.id, { shareId: sellerShare, materialId: tea.id, channel: 'copy' });
    const visit = await (await coreFor()).captureAttribution(shareLink(sellerTea?.link ?? '', sellerShare));
    await order(suite.h, { amount: 5000, attributionId: visit?.attributionId, shopperId: `buyer-${nextRef()}` });

    await join(suite.h, program.id, 'newcomer');
    const newcomer = shareKitClient(await coreFor('newcomer'));
    const suggestions = await newcomer.suggestions(program.id);
    expect(suggestions.data[0]).toMatchObject({ reason: 'program', buyers: 1 });
    expect(suggestions.data[0]?.material.id).toBe(tea.id);
    expect(suggestions.data.length).toBeLessThanOrEqual(3);
  });

  it('the leaderboard switch changes the setting and the promoter’s card at once', async () => {
    const program = await newProgram(suite.h);
    await join(suite.h, program.id, 'shy');
    const core = await coreFor('shy');
    const $stats = referralClient(core).promoterStore(program.id);
    const stop = $stats.listen(() => {});
    await expect.poll(() => $stats.get().data?.showOnLeaderboard).toBe(true);
    const settings = await shareKitClient(core).setShowOnLeaderboard(program.id, false);
    expect(settings.showOnLeaderboard).toBe(false);
    expect($stats.get().data?.showOnLeaderboard).toBe(false);
    await $stats.refresh();
    expect($stats.get().data?.showOnLeaderboard).toBe(false);
    stop();
    core.close();
  });
  it('follows the promoter live: an order through a share refetches the history and the suggestions, with no polling', async () => {
    const program = await newProgram(suite.h);
    await join(suite.h, program.id, 'live-kit-promoter');
    const tea = await material(program.id, 'Tea');
    const client = await shopClient(suite, 'live-kit-promoter', nodeEventSource);
    // As the card does: the promoter's stats first (they name the topic), then the growth parts.
    const $stats = client.promoterStore(program.id);
    const stop = [$stats.listen(() => {})];
    await expect.poll(() => $stats.get().data?.promoter?.id).toBeDefined();
    const $shares = client.sharesStore(program.id);
    const $suggestions = client.suggestionsStore(program.id);
    stop.push(
      $shares.listen(() => {}),
      $suggestions.listen(() => {}),
    );
    await expect.poll(() => $shares.get().data?.data).toEqual([]);
    await expect.poll(() => $suggestions.get().data).toBeDefined();
    expect($suggestions.get().data?.data[0]?.reason).not.toBe('audience');
    const shareId = newShareId();
    const [shown] = (await client.promoterMaterials(program.id)).data;
    await client.recordShare(program.id, { shareId, materialId: tea.id, channel: 'copy' });
    await expect.poll(() => client.liveStatus?.get()).toBe('open');

    // A friend buys through the shared link: only the stream can bring it (pollIntervalMs 0).
    const friend = createClientCore({
      api: suite.api,
      publishableKey: suite.h.merchant.publishableKey,
      headers: { origin: SHOP_ORIGIN },
      live: false,
    });
    const attribution = await friend.captureAttribution(shareLink(shown?.link ?? '', shareId));
    await order(suite.h, { amount: 10000, attributionId: attribution?.attributionId, shopperId: 'live-kit-friend' });
    await expect.poll(() => $shares.get().data?.data[0], { timeout: 3000 }).toMatchObject({ id: shareId, clicks: 1, orders: 1 });
    await expect.poll(() => $suggestions.get().data?.data[0], { timeout: 3000 }).toMatchObject({ reason: 'audience', buyers: 1 });
    for (const unsubscribe of stop) unsubscribe();
    client.close();
  });
});
