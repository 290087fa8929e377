/**
 * Runs the verification code of docs/webhooks.md, as a merchant would copy it, against real
 * deliveries signed by the server: the guide's code must accept them and refuse forgeries.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { signWebhook } from '../src/infra/webhook-delivery.js';
import { type TestDatabase, testDatabases } from './databases.js';
import { createHarness, type Harness } from './harness.js';
import { joinAndPay, newOffer, openConfirmedTeam } from './util.js';

const guide = readFileSync(new URL('../../../docs/webhooks.md', import.meta.url), 'utf8');

/** The body of the one fenced block whose info string is exactly `lang label` (or `lang` alone, when it is the only one). */
function fencedBlock(info: RegExp): string {
  const blocks = [...guide.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].filter((m) => info.test(m[1] ?? ''));
  expect(blocks, `exactly one block matching ${info} in docs/webhooks.md`).toHaveLength(1);
  return blocks[0]?.[2] as string;
}

interface GuideModule {
  TOLERANCE_SECONDS: number;
  verifyFlockSignature(rawBody: Buffer | string, header: string | undefined, secrets: string | string[], now?: number): boolean;
  flockWebhookHandler(options: {
    secrets: string[];
    onEvent: (event: { id: string; type: string; data: unknown }) => Promise<void>;
  }): (request: IncomingMessage, response: import('node:http').ServerResponse) => Promise<void>;
}

interface Delivery {
  rawBody: Buffer;
  signature: string;
  answered: number;
}

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe.each(testDatabases.filter((d) => d.kind === 'postgres'))('the webhook guide’s code ($kind)', ({ create }) => {
  let database: TestDatabase;
  let h: Harness;
  let guideCode: GuideModule;
  let workDir: string;
  let server: Server;
  const deliveries: Delivery[] = [];
  const handled: { id: string; type: string }[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'flock-webhook-guide-'));
    const file = join(workDir, 'flock-webhooks.mjs');
    writeFileSync(file, fencedBlock(/^js flock-webhooks\.mjs$/));
    guideCode = (await import(pathToFileURL(file).href)) as GuideModule;

    database = await create();
    // Signatures carry the server clock's time and the guide compares it with the real clock.
    const clock = new ManualClock(new Date());
    let handler: ReturnType<GuideModule['flockWebhookHandler']> | undefined;
    // The merchant's endpoint is the guide's handler; a recording shim in front keeps the raw delivery.
    server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const rawBody = Buffer.concat(chunks);
      const replay = Object.assign(Readable.from([rawBody]), { headers: request.headers }) as unknown as IncomingMessage;
      response.on('finish', () =>
        deliveries.push({ rawBody, signature: String(request.headers['flock-signature']), answered: response.statusCode }),
      );
      await handler?.(replay, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/flock/webhooks`;
    h = await createHarness(await database.open(), { clock, webhookUrl: url });
    handler = guideCode.flockWebhookHandler({
      secrets: [h.merchant.webhookSecret],
      onEvent: async (event) => {
        handled.push({ id: event.id, type: event.type });
      },
    });
  });
  afterAll(async () => {
    await h?.server.close();
    await database?.drop();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  /** A real team.succeeded delivery, received and accepted by the guide's handler. */
  async function realDelivery(): Promise<Delivery> {
    const offer = await newOffer(h, { teamSize: 2 });
    const { team } = await openConfirmedTeam(h, offer.id, `leader-${deliveries.length}`);
    await joinAndPay(h, team.id, `friend-${deliveries.length}`);
    const { deliveredWebhooks } = await h.server.runJobs();
    expect(deliveredWebhooks).toBe(1);
    const delivery = deliveries.at(-1) as Delivery;
    expect(JSON.parse(delivery.rawBody.toString('utf8')).data.team.id).toBe(team.id);
    return delivery;
  }

  it('accepts a genuine delivery and hands the event to onEvent', async () => {
    const delivery = await realDelivery();
    expect(delivery.answered).toBe(200);
    const event = JSON.parse(delivery.rawBody.toString('utf8'));
    expect(handled.at(-1)).toEqual({ id: event.id, type: 'team.succeeded' });
    expect(guideCode.verifyFlockSignature(delivery.rawBody, delivery.signature, h.merchant.webhookSecret)).toBe(true);
    // A string body of the same bytes verifies too.
    expect(
      guideCode.verifyFlockSignature(delivery.rawBody.toString('utf8'), delivery.signature, [h.merchant.webhookSecret]),
    ).toBe(true);
  });

  it('refuses a tampered body, a wrong secret, an old or future timestamp and malformed headers', async () => {
    const { rawBody, signature } = await realDelivery();
    const secret = h.merchant.webhookSecret;
    const verify = guideCode.verifyFlockSignature;
    const tampered = Buffer.from(rawBody.toString('utf8').replace('"team.succeeded"', '"team.failed"'));
    expect(tampered.equals(rawBody)).toBe(false);
    expect(verify(tampered, signature, secret)).toBe(false);
    expect(verify(rawBody, signature, 'whsec_not-the-merchants-secret')).toBe(false);

    const now = Math.floor(Date.now() / 1000);
    const tolerance = guideCode.TOLERANCE_SECONDS;
    expect(tolerance).toBe(300);
    // Signed by the server's own code with the right secret, but outside the 5-minute window.
    expect(verify(rawBody, signWebhook(secret, rawBody.toString('utf8'), now - tolerance - 60), secret)).toBe(false);
    expect(verify(rawBody, signWebhook(secret, rawBody.toString('utf8'), now + tolerance + 60), secret)).toBe(false);
    expect(verify(rawBody, signWebhook(secret, rawBody.toString('utf8'), now - tolerance + 60), secret)).toBe(true);

    for (const header of [undefined, '', 't=abc,v1=00', signature.replace(/v1=[0-9a-f]{2}/, 'v1=zz'), signature.split(',')[0]]) {
      expect(verify(rawBody, header, secret), String(header)).toBe(false);
    }
  });

  it('answers 400 to a forged delivery and does not act on it', async () => {
    const { rawBody } = await realDelivery();
    const handledBefore = handled.length;
    const forged = rawBody.toString('utf8').replace('"team.succeeded"', '"team.failed"');
    const now = Math.floor(Date.now() / 1000);
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/flock/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'flock-signature': signWebhook('whsec_guessed', forged, now) },
      body: forged,
    });
    expect(response.status).toBe(400);
    expect(handled).toHaveLength(handledBefore);
  });

  it('accepts the new secret and the old one while the secret is rolled', async () => {
    const { rawBody, signature } = await realDelivery();
    expect(guideCode.verifyFlockSignature(rawBody, signature, ['whsec_newer-one', h.merchant.webhookSecret])).toBe(true);
  });

  it.skipIf(!hasPython)('the Python version agrees on genuine and forged deliveries', async () => {
    const { rawBody, signature } = await realDelivery();
    const secret = h.merchant.webhookSecret;
    const now = Math.floor(Date.now() / 1000);
    const body = rawBody.toString('utf8');
    const cases = [
      { name: 'genuine', body, header: signature, secrets: [secret], expected: true },
      { name: 'rolled', body, header: signature, secrets: ['whsec_newer-one', secret], expected: true },
      {
        name: 'tampered',
        body: body.replace('"team.succeeded"', '"team.failed"'),
        header: signature,
        secrets: [secret],
        expected: false,
      },
      { name: 'wrong secret', body, header: signature, secrets: ['whsec_other'], expected: false },
      { name: 'old', body, header: signWebhook(secret, body, now - 600), secrets: [secret], expected: false },
      { name: 'malformed', body, header: 't=1,v1=zz', secrets: [secret], expected: false },
    ];
    const driver = `${fencedBlock(/^python$/)}
import json, sys
cases = json.load(sys.stdin)
print(json.dumps([verify_flock_signature(c["body"].encode(), c["header"], c["secrets"]) for c in cases]))
`;
    const output = execFileSync('python3', ['-c', driver], { input: JSON.stringify(cases), encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(cases.map((c) => c.expected));
  });
});
