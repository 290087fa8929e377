import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant } from '../src/domain/merchants.js';
import { publicWebhooksOnly } from '../src/infra/webhook-address.js';
import { testDatabases } from './databases.js';
import { type Harness, useHarness } from './harness.js';
import { expectError, expectOk, joinAndPay, newOffer, openConfirmedTeam, webhookEvents } from './util.js';

const ADMIN_TOKEN = 'operator-token-for-webhook-tests';

/** A DNS the test controls: host name → addresses; any other name does not resolve. */
function fakeDns() {
  const records = new Map<string, string[]>();
  const lookup: LookupFunction = (hostname, options, callback) => {
    const addresses = (records.get(hostname) ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    const [first] = addresses;
    if (!first) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  };
  return { records, lookup };
}

/** An HTTP endpoint on 127.0.0.1 that records every request and answers what `respond` says. */
class Receiver {
  requests: { method: string; url: string }[] = [];
  respond: (response: import('node:http').ServerResponse) => void = (response) => response.writeHead(200).end('ok');
  #server: Server = createServer((request, response) => {
    this.requests.push({ method: request.method ?? '', url: request.url ?? '' });
    request.resume();
    request.on('end', () => this.respond(response));
  });
  port = 0;
  get url() {
    return `http://127.0.0.1:${this.port}/flock/webhooks`;
  }
  async start() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
  }
  stop() {
    this.#server.closeAllConnections();
    return new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Fills a two-seat team, which enqueues one team.succeeded webhook; returns its event id. */
async function enqueueWebhook(h: Harness, name: string): Promise<string> {
  const offer = await newOffer(h, { teamSize: 2 });
  const { team } = await openConfirmedTeam(h, offer.id, `${name}-leader`);
  await joinAndPay(h, team.id, `${name}-member`);
  const [event] = await webhookEvents(h.db, team.id);
  return event!.id;
}

async function deliveryOf(h: Harness, eventId: string) {
  const [row] = await h.db.query<{ attempts: number; delivered_at: Date | null; last_error: string | null }>(
    `select attempts, delivered_at, last_error from webhook_events where id = $1`,
    [eventId],
  );
  return row;
}

/** Webhook URLs into the operator's network, each in a form that reaches it. */
const FORBIDDEN_URLS = [
  'http://127.0.0.1/hooks',
  'http://127.1.2.3:8080/hooks',
  'http://localhost:3000/hooks',
  'http://shop.localhost/hooks',
  'http://10.0.0.7/hooks',
  'http://172.16.5.4/hooks',
  'http://192.168.1.1/hooks',
  'http://169.254.169.254/latest/meta-data/',
  'http://100.64.0.1/hooks',
  'http://0.0.0.0/hooks',
  'http://224.0.0.1/hooks',
  'http://255.255.255.255/hooks',
  'http://2130706433/hooks', // 127.0.0.1 as one number
  'http://0x7f.1/hooks', // 127.0.0.1 in hex and short form
  'http://[::1]/hooks',
  'http://[::]/hooks',
  'http://[fc00::1]/hooks',
  'http://[fd12:3456::1]/hooks',
  'http://[fe80::1]/hooks',
  'http://[::ffff:127.0.0.1]/hooks',
  'http://[::ffff:169.254.169.254]/hooks',
  'http://[::127.0.0.1]/hooks', // IPv4-compatible
  'https://intranet.example.com/hooks', // a name the DNS resolves to a private address
  'https://half-private.example.com/hooks', // one public address and one private
];

describe.each(testDatabases)('webhook URLs on $kind, private addresses not allowed', ({ create }) => {
  const dns = fakeDns();
  const receiver = new Receiver();
  const suite = useHarness(create, {
    server: { allowPrivateWebhooks: false, adminToken: ADMIN_TOKEN, webhooks: { lookup: dns.lookup } },
  });
  beforeAll(async () => {
    await receiver.start();
    dns.records.set('intranet.example.com', ['10.1.2.3']);
    dns.records.set('half-private.example.com', ['93.184.215.14', '192.168.0.9']);
    dns.records.set('hooks.example.com', ['93.184.215.14']);
  });
  afterAll(() => receiver.stop());

  const merchantRow = async (h: Harness) =>
    (
      await h.db.query<{ webhook_url: string | null }>(`select webhook_url from merchants where id = $1`, [h.merchant.merchantId])
    )[0];
  const merchantCount = async (h: Harness) => (await h.db.query<{ n: number }>(`select count(*)::int as n from merchants`))[0]?.n;

  it('refuses each forbidden address on PATCH /v1/merchant, and writes nothing', async () => {
    const { h } = suite;
    await expectOk(await h.asMerchant('PATCH', '/v1/merchant', { webhookUrl: 'https://hooks.example.com/flock' }));
    for (const webhookUrl of FORBIDDEN_URLS) {
      const response = await h.asMerchant('PATCH', '/v1/merchant', { webhookUrl, origins: ['https://changed.test'] });
      expect({ webhookUrl, status: response.status }).toEqual({ webhookUrl, status: 400 });
      const body = await expectError(response, 400, 'webhook_url_not_allowed');
      expect(body.error.message).toContain('FLOCK_ALLOW_PRIVATE_WEBHOOKS');
      expect(await merchantRow(h)).toEqual({ webhook_url: 'https://hooks.example.com/flock' });
    }
    expect((await expectOk(await h.asMerchant('GET', '/v1/merchant'))).origins).not.toContain('https://changed.test');
  });

  it('refuses them when the operator creates a merchant, over HTTP or from the CLI, and creates none', async () => {
    const { h } = suite;
    const before = await merchantCount(h);
    for (const webhookUrl of FORBIDDEN_URLS) {
      const response = await h.server.app.request('/v1/merchants', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Probe', origins: ['https://probe.test'], webhookUrl }),
      });
      await expectError(response, 400, 'webhook_url_not_allowed');
      // What `flock-server merchant create` calls, without FLOCK_ALLOW_PRIVATE_WEBHOOKS.
      await expect(
        createMerchant(
          h.db,
          h.clock,
          h.server.secrets,
          { name: 'Probe', origins: [], webhookUrl },
          { ...publicWebhooksOnly, lookup: dns.lookup },
        ),
      ).rejects.toMatchObject({ code: 'webhook_url_not_allowed' });
    }
    expect(await merchantCount(h)).toBe(before);
  });

  it('accepts public addresses, and names that do not resolve yet (each delivery checks again)', async () => {
    const { h } = suite;
    for (const webhookUrl of [
      'https://hooks.example.com/flock',
      'http://93.184.215.14/flock',
      'https://[2606:4700::1111]/flock',
      'https://not-deployed-yet.example.com/flock',
    ]) {
      expect((await expectOk(await h.asMerchant('PATCH', '/v1/merchant', { webhookUrl }))).webhookUrl).toBe(webhookUrl);
    }
  });

  it('refuses at delivery a name that now resolves to loopback (DNS rebinding), and records the failed attempt', async () => {
    const { h } = suite;
    dns.records.set('rebound.example.com', ['93.184.215.14']);
    const webhookUrl = `http://rebound.example.com:${receiver.port}/flock/webhooks`;
    await expectOk(await h.asMerchant('PATCH', '/v1/merchant', { webhookUrl }));
    // After the check on save, the name's owner points it at the server's own machine.
    dns.records.set('rebound.example.com', ['127.0.0.1']);
    const eventId = await enqueueWebhook(h, 'rebound');
    receiver.requests = [];
    await h.server.runJobs();
    expect(receiver.requests).toEqual([]);
    const row = await deliveryOf(h, eventId);
    expect(row).toMatchObject({ attempts: 1, delivered_at: null });
    expect(row?.last_error).toMatch(/rebound\.example\.com resolves to 127\.0\.0\.1, a loopback address/);
  });

  it('refuses at delivery an address stored before this check existed', async () => {
    const { h } = suite;
    await h.db.query(`update merchants set webhook_url = $2 where id = $1`, [h.merchant.merchantId, receiver.url]);
    const eventId = await enqueueWebhook(h, 'stored');
    receiver.requests = [];
    await h.server.runJobs();
    expect(receiver.requests).toEqual([]);
    const row = await deliveryOf(h, eventId);
    expect(row).toMatchObject({ attempts: 1, delivered_at: null });
    expect(row?.last_error).toMatch(/127\.0\.0\.1.* loopback address/);
  });
});

describe.each(testDatabases)('webhook delivery on $kind with FLOCK_ALLOW_PRIVATE_WEBHOOKS=1', ({ create }) => {
  const dns = fakeDns();
  const suite = useHarness(create, { server: { webhooks: { lookup: dns.lookup } } });
  const receiver = new Receiver();
  const inside = new Receiver();
  beforeAll(async () => {
    await receiver.start();
    await inside.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await inside.stop();
  });

  it('allows a receiver on 127.0.0.1', async () => {
    const { h } = suite;
    await expectOk(await h.asMerchant('PATCH', '/v1/merchant', { webhookUrl: receiver.url }));
    receiver.requests = [];
    const eventId = await enqueueWebhook(h, 'allowed');
    await h.server.runJobs();
    expect(receiver.requests).toEqual([{ method: 'POST', url: '/flock/webhooks' }]);
    expect((await deliveryOf(h, eventId))?.delivered_at).not.toBeNull();
  });

  it('connects to the address the lookup gave, not to a second resolution', async () => {
    const { h } = suite;
    dns.records.set('receiver.example.com', ['127.0.0.1']);
    await expectOk(
      await h.asMerchant('PATCH', '/v1/merchant', { webhookUrl: `http://receiver.example.com:${receiver.port}/named` }),
    );
    receiver.requests = [];
    const eventId = await enqueueWebhook(h, 'named');
    await h.server.runJobs();
    expect(receiver.requests).toEqual([{ method: 'POST', url: '/named' }]);
    expect((await deliveryOf(h, eventId))?.delivered_at).not.toBeNull();
  });

  it('does not follow a redirect: a 3xx is a failed delivery', async () => {
    const { h } = suite;
    await expectOk(await h.asMerchant('PATCH', '/v1/merchant', { webhookUrl: receiver.url }));
    receiver.respond = (response) => response.writeHead(307, { location: `${inside.url}?via=redirect` }).end();
    receiver.requests = [];
    inside.requests = [];
    const eventId = await enqueueWebhook(h, 'redirected');
    await h.server.runJobs();
    expect(receiver.requests).toHaveLength(1);
    expect(inside.requests).toEqual([]);
    expect(await deliveryOf(h, eventId)).toMatchObject({ attempts: 1, delivered_at: null, last_error: 'HTTP 307' });
  });
});
