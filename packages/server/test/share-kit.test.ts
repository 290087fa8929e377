import { newShareId, shareLink } from '@flock/protocol/share-kit';
import { describe, expect, it } from 'vitest';
import { createMerchant } from '../src/domain/merchants.js';
import { testDatabases } from './databases.js';
import type { Harness } from './harness.js';
import { useHarness } from './harness.js';
import { asShopper, click, clickRequest, join, newProgram, order, refund } from './referral-helpers.js';
import { expectError, expectOk, type Json, rawRequest } from './util.js';

const material = (overrides: Record<string, unknown> = {}) => ({
  title: 'Longjing, first flush',
  text: 'The first Longjing of spring, picked by hand: {link}',
  imageUrls: ['https://shop.test/img/longjing-1.jpg', 'https://shop.test/img/longjing-2.jpg'],
  url: 'https://shop.test/longjing?size=250',
  price: 19900,
  ...overrides,
});

async function newMaterial(h: Harness, programId: string, overrides: Record<string, unknown> = {}): Promise<Json> {
  return expectOk(await h.asMerchant('POST', `/v1/referral-programs/${programId}/materials`, material(overrides)), 201);
}

describe.each(testDatabases)('share kit on $kind', ({ create }) => {
  const suite = useHarness(create);
  let seq = 0;
  const who = (name: string) => `${name}-${++seq}`;

  const share = (h: Harness, shopperId: string, body: Record<string, unknown>) =>
    asShopper(h, shopperId, 'POST', '/v1/promoters/me/shares', body);
  const history = async (h: Harness, shopperId: string, programId: string, query = '') =>
    expectOk(await asShopper(h, shopperId, 'GET', `/v1/promoters/me/shares?program=${programId}${query}`));
  const suggestions = async (h: Harness, shopperId: string, programId: string) =>
    expectOk(await asShopper(h, shopperId, 'GET', `/v1/promoters/me/suggestions?program=${programId}`));

  it('materials: create, list, update and archive with the secret key; bad input is 400; others are 404', async () => {
    const { h } = suite;
    const program = await newProgram(h);
    const created = await newMaterial(h, program.id);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^mat_/),
      programId: program.id,
      title: 'Longjing, first flush',
      imageUrls: material().imageUrls,
      url: 'https://shop.test/longjing?size=250',
      price: 19900,
      archived: false,
    });
    // Without a url the program's product page; without images none.
    h.clock.advance(1000);
    const plain = await newMaterial(h, program.id, { url: undefined, imageUrls: undefined, price: undefined, title: 'Plain' });
    expect(plain).toMatchObject({ url: 'https://shop.test/tea?variant=250g', imageUrls: [], price: null });

    const listed = await expectOk(await h.asMerchant('GET', `/v1/referral-programs/${program.id}/materials`));
    expect(listed.data.map((m: Json) => m.id)).toEqual([plain.id, created.id]);

    const renamed = await expectOk(await h.asMerchant('PATCH', `/v1/materials/${created.id}`, { title: 'Longjing 2026' }));
    expect(renamed).toMatchObject({ id: created.id, title: 'Longjing 2026', text: created.text, price: 19900 });
    const archived = await expectOk(await h.asMerchant('PATCH', `/v1/materials/${created.id}`, { archived: true }));
    expect(archived.archived).toBe(true);
    // The console still lists it.
    expect((await expectOk(await h.asMerchant('GET', `/v1/referral-programs/${program.id}/materials`))).data).toHaveLength(2);

    const bad = (body: unknown) => h.asMerchant('POST', `/v1/referral-programs/${program.id}/materials`, body);
    await expectError(await bad(material({ title: '' })), 400, 'invalid_request');
    await expectError(await bad(material({ text: '   ' })), 400, 'invalid_request');
    await expectError(await bad(material({ imageUrls: ['http://shop.test/a.jpg'] })), 400, 'invalid_request');
    await expectError(await bad(material({ url: 'javascript:alert(1)' })), 400, 'invalid_request');
    await expectError(await bad(material({ price: -1 })), 400, 'invalid_request');
    await expectError(await bad(material({ extra: 1 })), 400, 'invalid_request');
    await expectError(await h.asMerchant('PATCH', `/v1/materials/${created.id}`, {}), 400, 'invalid_request');

    await expectError(await h.asMerchant('POST', '/v1/referral-programs/prg_nope/materials', material()), 404, 'not_found');
    await expectError(await h.asMerchant('GET', '/v1/referral-programs/prg_nope/materials'), 404, 'not_found');
    await expectError(await h.asMerchant('PATCH', '/v1/materials/mat_nope', { title: 'x' }), 404, 'not_found');
    // Another merchant's program and material are unknown here.
    const other = await createMerchant(h.db, h.clock, h.server.secrets, { name: 'Other shop', origins: ['http://other.test'] });
    const asOther = (method: string, path: string, body?: unknown) =>
      rawRequest(h, method, path, {
        key: other.secretKey,
        origin: null,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    await expectError(await asOther('GET', `/v1/referral-programs/${program.id}/materials`), 404, 'not_found');
    await expectError(await asOther('PATCH', `/v1/materials/${plain.id}`, { title: 'x' }), 404, 'not_found');
    // The publishable key may not write material.
    const asShop = await asShopper(h, who('x'), 'POST', `/v1/referral-programs/${program.id}/materials`, material());
    expect(asShop.status).toBe(403);
  });

  it("promoter materials are the active ones, each linked with the promoter's code", async () => {
    const { h } = suite;
    const program = await newProgram(h);
    const active = await newMaterial(h, program.id);
    const gone = await newMaterial(h, program.id, { title: 'Old' });
    await expectOk(await h.asMerchant('PATCH', `/v1/materials/${gone.id}`, { archived: true }));
    const alice = who('alice');
    const joined = await join(h, program.id, alice);
    const mine = await expectOk(await asShopper(h, alice, 'GET', `/v1/promoters/me/materials?program=${program.id}`));
    expect(mine.data).toHaveLength(1);
    expect(mine.data[0]).toMatchObject({ id: active.id, title: active.title });
    const link = new URL(mine.data[0].link);
    expect(link.origin + link.pathname).toBe('https://shop.test/longjing');
    expect(link.searchParams.get('size')).toBe('250');
    expect(link.searchParams.get('flock_ref')).toBe(joined.promoter.code);

    await expectError(
      await asShopper(h, who('stranger'), 'GET', `/v1/promoters/me/materials?program=${program.id}`),
      404,
      'not_found',
    );
    await expectError(await asShopper(h, alice, 'GET', '/v1/promoters/me/materials?program=prg_nope'), 404, 'not_found');
  });

  it('a share, its clicks, an order through them and its commission show in the history; a refund lowers it', async () => {
    const { h } = suite;
    const program = await newProgram(h);
    const item = await newMaterial(h, program.id);
    const alice = who('alice');
    const joined = await join(h, program.id, alice);
    const [linked] = (await expectOk(await asShopper(h, alice, 'GET', `/v1/promoters/me/materials?program=${program.id}`))).data;

    const shareId = newShareId();
    const recorded = await expectOk(
      await share(h, alice, { program: program.id, shareId, materialId: item.id, channel: 'copy' }),
      201,
    );
    expect(recorded).toMatchObject({
      id: shareId,
      materialId: item.id,
      title: item.title,
      channel: 'copy',
      clicks: 0,
      orders: 0,
      commission: 0,
    });
    // The same share again: 200 and the same record (a retried request).
    const again = await expectOk(
      await share(h, alice, { program: program.id, shareId, materialId: item.id, channel: 'copy' }),
      200,
    );
    expect(again).toEqual(recorded);
    // The program's own link, shared later.
    h.clock.advance(1000);
    const ownLinkShare = newShareId();
    await expectOk(await share(h, alice, { program: program.id, shareId: ownLinkShare, channel: 'wechat' }), 201);

    // Friends click the shared link (its flock_share reaches the click as `share`).
    const sharedUrl = new URL(shareLink(linked.link, shareId));
    const sharedParam = sharedUrl.searchParams.get('flock_share') ?? '';
    const clicks = [];
    for (let i = 0; i < 3; i++)
      clicks.push(await click(h, joined.promoter.code, { share: sharedParam, ip: `198.51.100.${10 + i}` }));
    // A click without a share, and one with a malformed share (kept, the share ignored).
    await click(h, joined.promoter.code);
    const malformed = await click(h, joined.promoter.code, { share: 'shr_<script>' });
    expect(malformed.attributionId).toMatch(/^att_/);
    const stored = await h.db.query<{ share_id: string | null }>(`select share_id from referral_clicks where id = $1`, [
      malformed.attributionId,
    ]);
    expect(stored[0]?.share_id).toBeNull();

    const placed = await order(h, { amount: 20000, attributionId: clicks[0].attributionId, shopperId: who('friend') });
    await order(h, { amount: 10000, attributionId: clicks[1].attributionId, shopperId: who('friend') });
    const page = await history(h, alice, program.id);
    expect(page.nextCursor).toBeNull();
    expect(page.data.map((s: Json) => s.id)).toEqual([ownLinkShare, shareId]);
    expect(page.data[0]).toMatchObject({
      materialId: null,
      title: program.product.title,
      channel: 'wechat',
      clicks: 0,
      orders: 0,
      commission: 0,
    });
    expect(page.data[1]).toMatchObject({ id: shareId, clicks: 3, orders: 2, commission: 3000 });

    await refund(h, placed.orderRef, 5000);
    expect((await history(h, alice, program.id)).data[1]).toMatchObject({ clicks: 3, orders: 2, commission: 2500 });

    // Paging: one at a time, newest first.
    const first = await history(h, alice, program.id, '&limit=1');
    expect(first.data.map((s: Json) => s.id)).toEqual([ownLinkShare]);
    const second = await history(h, alice, program.id, `&limit=1&cursor=${first.nextCursor}`);
    expect(second.data.map((s: Json) => s.id)).toEqual([shareId]);
    expect(second.nextCursor).toBeNull();
  });

  it('recordShare: another promoter reusing a share id is 409; a material of another program is 404; bad input 400', async () => {
    const { h } = suite;
    const program = await newProgram(h);
    const otherProgram = await newProgram(h);
    const foreign = await newMaterial(h, otherProgram.id);
    const alice = who('alice');
    const bob = who('bob');
    await join(h, program.id, alice);
    await join(h, program.id, bob);
    const shareId = newShareId();
    await expectOk(await share(h, alice, { program: program.id, shareId, channel: 'poster' }), 201);
    await expectError(await share(h, bob, { program: program.id, shareId, channel: 'poster' }), 409, 'idempotency_conflict');
    const wrong = await expectError(
      await share(h, alice, { program: program.id, shareId: newShareId(), materialId: foreign.id, channel: 'copy' }),
      404,
      'not_found',
    );
    expect(JSON.stringify(wrong)).toContain('materialId');
    await expectError(
      await share(h, who('stranger'), { program: program.id, shareId: newShareId(), channel: 'copy' }),
      404,
      'not_found',
    );
    await expectError(
      await share(h, alice, { program: program.id, shareId: 'shr_short', channel: 'copy' }),
      400,
      'invalid_request',
    );
    await expectError(
      await share(h, alice, { program: program.id, shareId: newShareId(), channel: 'fax' }),
      400,
      'invalid_request',
    );
    await expectError(
      await asShopper(h, alice, 'GET', `/v1/promoters/me/shares?program=${program.id}&cursor=nope`),
      400,
      'invalid_request',
    );
  });

  it("suggestions rank by the promoter's audience and fall back to the program's", async () => {
    const { h } = suite;
    const program = await newProgram(h);
    const [a, b, c, d] = [
      await newMaterial(h, program.id, { title: 'A' }),
      await newMaterial(h, program.id, { title: 'B' }),
      await newMaterial(h, program.id, { title: 'C' }),
      await newMaterial(h, program.id, { title: 'D' }),
    ];
    const alice = who('alice');
    const carol = who('carol');
    const pa = await join(h, program.id, alice);
    const pc = await join(h, program.id, carol);

    /** `clicks` clicks of promoter through a share of material, `orders` of them ordering (by distinct buyers unless `buyer`). */
    const traffic = async (shopperId: string, code: string, item: Json, clicks: number, orders: number, buyer?: string) => {
      const shareId = newShareId();
      await expectOk(await share(h, shopperId, { program: program.id, shareId, materialId: item.id, channel: 'copy' }), 201);
      for (let i = 0; i < clicks; i++) {
        const made = await click(h, code, { share: shareId, ip: `192.0.2.${++seq % 250}` });
        if (i < orders) await order(h, { amount: 1000, attributionId: made.attributionId, shopperId: buyer ?? who('buyer') });
      }
    };
    // Nobody has data: nothing to suggest.
    expect((await suggestions(h, alice, program.id)).data).toEqual([]);

    // Carol's audience: B converts 2/4, A 1/4, D 1/2.
    await traffic(carol, pc.promoter.code, b, 4, 2);
    await traffic(carol, pc.promoter.code, a, 4, 1);
    await traffic(carol, pc.promoter.code, d, 2, 1);
    // Alice has clicks but no order yet: the program's ranking, with her link.
    await traffic(alice, pa.promoter.code, c, 3, 0);
    const fallback = await suggestions(h, alice, program.id);
    // B and D both convert half their clicks; B has more buyers.
    expect(fallback.data.map((s: Json) => [s.material.title, s.reason, s.clicks, s.conversionBps, s.buyers])).toEqual([
      ['B', 'program', 4, 5000, 2],
      ['D', 'program', 2, 5000, 1],
      ['A', 'program', 4, 2500, 1],
    ]);
    expect(new URL(fallback.data[0].material.link).searchParams.get('flock_ref')).toBe(pa.promoter.code);

    // Alice's own friends buy C: her audience ranks C first.
    await traffic(alice, pa.promoter.code, c, 2, 2, who('friend'));
    const own = await suggestions(h, alice, program.id);
    expect(own.data[0]).toMatchObject({ reason: 'audience', clicks: 5, conversionBps: 4000, buyers: 1 });
    expect(own.data[0].material.title).toBe('C');
    expect(own.data.every((s: Json) => s.reason === 'audience')).toBe(true);
    // Carol keeps her own ranking.
    const carols = await suggestions(h, carol, program.id);
    expect(carols.data.map((s: Json) => s.material.title)).toEqual(['B', 'D', 'A']);
    expect(carols.data[0]).toMatchObject({ reason: 'audience', buyers: 2 });

    // An archived material is no longer suggested.
    await expectOk(await h.asMerchant('PATCH', `/v1/materials/${c.id}`, { archived: true }));
    expect((await suggestions(h, alice, program.id)).data.every((s: Json) => s.reason === 'program')).toBe(true);
    await expectError(
      await asShopper(h, who('stranger'), 'GET', `/v1/promoters/me/suggestions?program=${program.id}`),
      404,
      'not_found',
    );
  });

  it('a click with a share still counts when the share is recorded after it', async () => {
    const { h } = suite;
    const program = await newProgram(h);
    const alice = who('alice');
    const joined = await join(h, program.id, alice);
    const shareId = newShareId();
    const early = await clickRequest(h, joined.promoter.code, { share: shareId });
    expect(early.status).toBe(201);
    await expectOk(await share(h, alice, { program: program.id, shareId, channel: 'web_share' }), 201);
    expect((await history(h, alice, program.id)).data[0]).toMatchObject({ id: shareId, clicks: 1 });
  });
});
