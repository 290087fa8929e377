import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultWebhookDelivery, retryDelaySeconds } from '../src/infra/webhook-delivery.js';
import { type TestDatabase, testDatabases } from './databases.js';
import { createHarness, type Harness } from './harness.js';
import { type Json, joinAndPay, newOffer, openConfirmedTeam, webhookEvents } from './util.js';

interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  body: Json;
  answered: number;
}

/** A merchant's webhook endpoint on 127.0.0.1: records every delivery and answers what `respond` says. */
class Receiver {
  deliveries: Delivery[] = [];
  /** Status to answer with, given how many times this event id was seen (1 = first attempt). */
  respond: (attemptOfEvent: number) => number = () => 200;
  #server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(rawBody);
      const attempt = this.deliveries.filter((d) => d.body.id === body.id).length + 1;
      const answered = this.respond(attempt);
      this.deliveries.push({ headers: request.headers, rawBody, body, answered });
      response.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'try later');
    });
  });
  url = '';

  async start() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/flock/webhooks`;
  }
  stop() {
    this.#server.closeAllConnections();
    return new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
  of(eventId: string) {
    return this.deliveries.filter((d) => d.body.id === eventId);
  }
}

/** What a merchant's endpoint does: checks `Flock-Signature: t=…,v1=…` against the raw body. */
function verifySignature(secret: string, header: string, rawBody: string): { valid: boolean; t: number } {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return { valid: Number.isInteger(t) && given.length === expected.length && timingSafeEqual(given, expected), t };
}

describe.each(testDatabases)('webhook delivery on $kind', ({ create }) => {
  let database: TestDatabase;
  let h: Harness;
  const receiver = new Receiver();
  let seq = 0;
  const shopper = (name: string) => `${name}-${++seq}`;

  beforeAll(async () => {
    await receiver.start();
    database = await create();
    h = await createHarness(await database.open(), { webhookUrl: receiver.url });
  });
  afterAll(async () => {
    await h?.server.close();
    await database?.drop();
    await receiver.stop();
  });
  beforeEach(() => {
    receiver.deliveries = [];
    receiver.respond = () => 200;
  });

  /** Fills a two-seat team, which enqueues exactly one team.succeeded event; returns its id and the team. */
  async function succeededTeam() {
    const offer = await newOffer(h, { teamSize: 2 });
    const { team, reservation } = await openConfirmedTeam(h, offer.id, shopper('alice'));
    const member = await joinAndPay(h, team.id, shopper('bob'));
    const events = await webhookEvents(h.db, team.id);
    expect(events.map((e) => e.type)).toEqual(['team.succeeded']);
    return { event: events[0] as (typeof events)[number], team, leader: reservation, member };
  }

  it('retries with backoff after two 500s, delivers on the third attempt, and then never again', async () => {
    const { event } = await succeededTeam();
    receiver.respond = (attempt) => (attempt <= 2 ? 500 : 200);
    const firstDelay = retryDelaySeconds(1, defaultWebhookDelivery);
    const secondDelay = retryDelaySeconds(2, defaultWebhookDelivery);
    expect([firstDelay, secondDelay]).toEqual([10, 20]);

    await h.server.runJobs();
    expect(receiver.of(event.id).map((d) => d.answered)).toEqual([500]);

    // Not before the retry delay has passed.
    h.clock.advance((firstDelay - 1) * 1000);
    await h.server.runJobs();
    expect(receiver.of(event.id)).toHaveLength(1);

    h.clock.advance(1000);
    await h.server.runJobs();
    expect(receiver.of(event.id).map((d) => d.answered)).toEqual([500, 500]);

    h.clock.advance((secondDelay - 1) * 1000);
    await h.server.runJobs();
    expect(receiver.of(event.id)).toHaveLength(2);

    h.clock.advance(1000);
    const { deliveredWebhooks } = await h.server.runJobs();
    expect(deliveredWebhooks).toBe(1);
    expect(receiver.of(event.id).map((d) => d.answered)).toEqual([500, 500, 200]);
    // Every attempt carried the same event.
    expect(new Set(receiver.of(event.id).map((d) => d.rawBody)).size).toBe(1);
    expect(receiver.deliveries.every((d) => d.body.id === event.id)).toBe(true);

    const [row] = await h.db.query<{ attempts: number; delivered_at: Date | null; last_error: string | null }>(
      `select attempts, delivered_at, last_error from webhook_events where id = $1`,
      [event.id],
    );
    expect(row?.attempts).toBe(3);
    expect(row?.delivered_at).not.toBeNull();
    expect(row?.last_error).toBeNull();

    // Exactly once accepted: nothing more, however long we wait.
    for (const hours of [1, 12]) {
      h.clock.advance(hours * 3600_000);
      expect((await h.server.runJobs()).deliveredWebhooks).toBe(0);
    }
    expect(receiver.of(event.id)).toHaveLength(3);
  });

  it('signs every delivery: Flock-Signature t=…,v1=HMAC-SHA256(webhookSecret, "t.body")', async () => {
    const { event } = await succeededTeam();
    await h.server.runJobs();
    const [delivery] = receiver.of(event.id);
    expect(delivery).toBeDefined();
    const d = delivery as Delivery;
    expect(d.headers['content-type']).toContain('application/json');
    const header = d.headers['flock-signature'];
    expect(typeof header).toBe('string');
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    const secret = h.merchant.webhookSecret;
    const checked = verifySignature(secret, header as string, d.rawBody);
    expect(checked.valid).toBe(true);
    // t is the server's clock (the manual one here), in Unix seconds.
    expect(checked.t).toBe(Math.floor(h.clock.now().getTime() / 1000));

    // A body altered on the way, a wrong secret or a replayed signature under another t do not verify.
    const tampered = d.rawBody.replace('"team.succeeded"', '"team.failed"');
    expect(tampered).not.toBe(d.rawBody);
    expect(verifySignature(secret, header as string, tampered).valid).toBe(false);
    expect(verifySignature(secret, header as string, `${d.rawBody} `).valid).toBe(false);
    expect(verifySignature(`${secret}x`, header as string, d.rawBody).valid).toBe(false);
    const shifted = (header as string).replace(/^t=(\d+)/, (_, t: string) => `t=${Number(t) + 1}`);
    expect(verifySignature(secret, shifted, d.rawBody).valid).toBe(false);
  });

  it('sends team.succeeded with the team and its paid reservations', async () => {
    const { event, team, leader, member } = await succeededTeam();
    await h.server.runJobs();
    const [delivery] = receiver.of(event.id);
    const body = (delivery as Delivery).body;
    expect(body).toMatchObject({
      id: event.id,
      type: 'team.succeeded',
      merchantId: h.merchant.merchantId,
      data: {
        team: { id: team.id, offerId: team.offerId, status: 'succeeded', size: 2, seatsLeft: 0 },
      },
    });
    expect(Date.parse(body.createdAt)).not.toBeNaN();
    expect(body.data.team.members).toHaveLength(2);
    expect(body.data.team.members.filter((m: { leader: boolean }) => m.leader)).toHaveLength(1);
    const paid = [...body.data.paidReservations].sort((a: { reservationId: string }, b: { reservationId: string }) =>
      a.reservationId.localeCompare(b.reservationId),
    );
    const expected = [leader, member]
      .map((r) => ({ reservationId: r.id, shopperId: r.shopperId, orderRef: r.orderRef, price: r.price, currency: 'CNY' }))
      .sort((a, b) => a.reservationId.localeCompare(b.reservationId));
    expect(paid).toEqual(expected);
  });

  it('sends team.failed with every paid reservation to refund', async () => {
    const offer = await newOffer(h, { teamSize: 3, teamTtlSeconds: 600 });
    const { team, reservation } = await openConfirmedTeam(h, offer.id, shopper('alice'));
    h.clock.advance(601_000);
    await h.server.runJobs(); // closes the team (outbox) and delivers in the same pass
    const deliveries = receiver.deliveries.filter((d) => d.body.data?.team?.id === team.id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.body).toMatchObject({
      type: 'team.failed',
      data: {
        team: { id: team.id, status: 'failed' },
        paidReservations: [{ reservationId: reservation.id, orderRef: reservation.orderRef }],
      },
    });
    expect(
      verifySignature(h.merchant.webhookSecret, deliveries[0]?.headers['flock-signature'] as string, deliveries[0]?.rawBody ?? '')
        .valid,
    ).toBe(true);
  });
});
