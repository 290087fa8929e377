import { ConsoleSession, Invite } from '@flock/protocol';
import { describe, expect, it } from 'vitest';
import { createMerchant } from '../src/domain/merchants.js';
import { testDatabases } from './databases.js';
import { offerInput, SHOP_ORIGIN, useHarness } from './harness.js';
import type { Json } from './util.js';

// The merchant console's way in: an invite link, a password, a session cookie that stands in for the
// secret key (with a CSRF token on writes), two roles, sign-out, expiry and throttled sign-in.
describe.each(testDatabases)('console sign-in on $kind', ({ create }) => {
  const suite = useHarness(create);
  const PASSWORD = 'longjing-green-tea';

  const request = (method: string, path: string, options: { cookie?: string; csrf?: string; body?: unknown } = {}) =>
    suite.h.server.app.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(options.cookie && { cookie: options.cookie }),
        ...(options.csrf && { 'flock-csrf': options.csrf }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  /** The `name=value` of the session cookie a response sets, and its attributes. */
  const sessionCookie = (response: Response) => {
    const header = response.headers.get('set-cookie') ?? '';
    return { cookie: header.split(';')[0] as string, attributes: header };
  };
  let merchants = 0;
  /** A merchant created by the operator with an owner invite, as `flock-server merchant create --invite` does. */
  const newMerchantWithOwner = async (email = `owner${++merchants}@shop.example`) => {
    const created = await createMerchant(
      suite.h.db,
      suite.h.clock,
      suite.h.server.secrets,
      { name: `Tea shop ${merchants}`, origins: [SHOP_ORIGIN], ownerEmail: email },
      suite.h.server.webhookAddresses,
      'https://flock.shop.example',
    );
    return { created, email, invite: Invite.parse(created.ownerInvite) };
  };
  const tokenOf = (invite: Invite) => invite.url.split('#/invite/')[1] as string;
  const accept = async (invite: Invite, name = 'Ming') => {
    const response = await request('POST', '/v1/console/invites/accept', {
      body: { token: tokenOf(invite), name, password: PASSWORD },
    });
    expect(response.status).toBe(201);
    const session = ConsoleSession.parse(await response.json());
    return { session, ...sessionCookie(response) };
  };
  const errorCode = async (response: Response) => ((await response.json()) as Json).error.code;

  it('turns an invite link into a login and a session cookie, once', async () => {
    const { created, email, invite } = await newMerchantWithOwner('owner.one@shop.example');
    expect(invite.url).toMatch(/^https:\/\/flock\.shop\.example\/console\/#\/invite\/inv_\w+$/);
    expect(invite).toMatchObject({ email: 'owner.one@shop.example', role: 'owner' });
    const { session, cookie, attributes } = await accept(invite);
    expect(session).toMatchObject({ user: { email: 'owner.one@shop.example', name: 'Ming', role: 'owner' } });
    expect(session.merchant.id).toBe(created.merchantId);
    expect(attributes).toMatch(/flock_console=cs_\w+/);
    expect(attributes).toMatch(/HttpOnly/i);
    expect(attributes).toMatch(/SameSite=Strict/i);
    expect(attributes).toMatch(/Path=\//);

    const again = await request('POST', '/v1/console/invites/accept', {
      body: { token: tokenOf(invite), name: 'Mallory', password: 'another-password' },
    });
    expect(again.status).toBe(410);
    expect(await errorCode(again)).toBe('invite_invalid');

    const me = await request('GET', '/v1/console/session', { cookie });
    expect(me.status).toBe(200);
    expect(ConsoleSession.parse(await me.json()).user.email).toBe(email);
  });

  it('stands in for the secret key on merchant routes, and writes need the CSRF token', async () => {
    const { created, invite } = await newMerchantWithOwner();
    const { session, cookie } = await accept(invite);
    const merchant = (await (await request('GET', '/v1/merchant', { cookie })).json()) as Json;
    expect(merchant.id).toBe(created.merchantId);
    // The publishable key goes in every snippet, so the console shows it (it is kept sealed, not hashed only).
    expect(merchant.publishableKey).toBe(created.publishableKey);

    const withoutToken = await request('POST', '/v1/group-buy-offers', { cookie, body: offerInput() });
    expect(withoutToken.status).toBe(403);
    expect(await errorCode(withoutToken)).toBe('csrf_failed');
    const wrongToken = await request('POST', '/v1/group-buy-offers', { cookie, csrf: 'x'.repeat(64), body: offerInput() });
    expect(await errorCode(wrongToken)).toBe('csrf_failed');
    const made = await request('POST', '/v1/group-buy-offers', { cookie, csrf: session.csrfToken, body: offerInput() });
    expect(made.status).toBe(201);
    // The offer is this merchant's, not the harness merchant's.
    const listed = (await (await request('GET', '/v1/group-buy-offers', { cookie })).json()) as Json;
    expect(listed.data.map((offer: Json) => offer.id)).toEqual([((await made.json()) as Json).id]);

    // A store's scanner route takes a staff key only: a console session is not one.
    const redeem = await request('POST', '/v1/redemptions', { cookie, csrf: session.csrfToken, body: { code: '123456789012' } });
    expect(redeem.status).toBe(403);
  });

  it('answers nothing without a session', async () => {
    for (const [method, path] of [
      ['GET', '/v1/console/session'],
      ['POST', '/v1/console/sign-out'],
      ['GET', '/v1/group-buy-offers'],
      ['GET', '/v1/merchant'],
    ] as const) {
      const response = await request(method, path, { cookie: 'flock_console=cs_forged0000000000000000000000000000' });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(await errorCode(response)).toBe('unauthorized');
    }
  });

  it('lets an owner invite an operator, who runs campaigns but touches no keys, payouts or colleagues', async () => {
    const { invite } = await newMerchantWithOwner();
    const owner = await accept(invite);
    const invited = await request('POST', '/v1/console/invites', {
      cookie: owner.cookie,
      csrf: owner.session.csrfToken,
      body: { email: `op${merchants}@shop.example`, role: 'operator' },
    });
    expect(invited.status).toBe(201);
    const operator = await accept(Invite.parse(await invited.json()), 'Hua');
    expect(operator.session.user.role).toBe('operator');
    const write = (path: string, body: unknown) =>
      request('POST', path, { cookie: operator.cookie, csrf: operator.session.csrfToken, body });

    expect((await write('/v1/group-buy-offers', offerInput())).status).toBe(201);
    for (const [path, body] of [
      ['/v1/merchant/roll-keys', { which: 'secret' }],
      ['/v1/staff-keys', { store: 'West Lake' }],
      ['/v1/console/invites', { email: 'friend@shop.example', role: 'owner' }],
    ] as const) {
      const refused = await write(path, body);
      expect(refused.status, path).toBe(403);
      expect(await errorCode(refused)).toBe('forbidden');
    }
    // The owner may.
    const rolled = await request('POST', '/v1/merchant/roll-keys', {
      cookie: owner.cookie,
      csrf: owner.session.csrfToken,
      body: { which: 'publishable' },
    });
    expect(rolled.status).toBe(201);
    const rolledKey = ((await rolled.json()) as Json).key;
    const shown = (await (await request('GET', '/v1/merchant', { cookie: owner.cookie })).json()) as Json;
    expect(shown.publishableKey).toBe(rolledKey);
    // An email has one login on the server.
    const twice = await request('POST', '/v1/console/invites', {
      cookie: owner.cookie,
      csrf: owner.session.csrfToken,
      body: { email: operator.session.user.email, role: 'operator' },
    });
    expect(twice.status).toBe(409);
    expect(await errorCode(twice)).toBe('email_taken');
  });

  it('signs out at once, signs in again with the password, and ends sessions after 12 hours', async () => {
    const { email, invite } = await newMerchantWithOwner();
    const first = await accept(invite);
    const out = await request('POST', '/v1/console/sign-out', { cookie: first.cookie, csrf: first.session.csrfToken });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/flock_console=;.*Max-Age=0/i);
    expect((await request('GET', '/v1/console/session', { cookie: first.cookie })).status).toBe(401);

    const signIn = await request('POST', '/v1/console/sign-in', { body: { email: email.toUpperCase(), password: PASSWORD } });
    expect(signIn.status).toBe(200);
    const second = sessionCookie(signIn);
    expect(second.cookie).not.toBe(first.cookie);
    expect((await request('GET', '/v1/console/session', { cookie: second.cookie })).status).toBe(200);

    suite.h.clock.advance(12 * 3600 * 1000 + 1000);
    const lapsed = await request('GET', '/v1/group-buy-offers', { cookie: second.cookie });
    expect(lapsed.status).toBe(401);
    expect(await errorCode(lapsed)).toBe('session_expired');
  });

  it('refuses a wrong password and an unknown email alike, and throttles guessing', async () => {
    const { email, invite } = await newMerchantWithOwner();
    await accept(invite);
    const attempt = (body: unknown, ip: string) =>
      suite.h.server.app.request('/v1/console/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify(body),
      });
    const wrongPassword = await attempt({ email, password: 'not-the-password' }, '203.0.113.7');
    const unknownEmail = await attempt({ email: 'nobody@shop.example', password: PASSWORD }, '203.0.113.7');
    expect(wrongPassword.status).toBe(401);
    const [a, b] = [(await wrongPassword.json()) as Json, (await unknownEmail.json()) as Json];
    expect(a.error).toEqual(b.error);
    expect(a.error.code).toBe('sign_in_failed');

    // Ten attempts on one email in ten minutes, from however many addresses: then even the right password waits.
    for (let i = 0; i < 9; i++) await attempt({ email, password: `guess-number-${i}` }, `198.51.100.${i}`);
    const locked = await attempt({ email, password: PASSWORD }, '192.0.2.1');
    expect(locked.status).toBe(429);
    expect(await errorCode(locked)).toBe('rate_limited');
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    suite.h.clock.advance(600 * 1000);
    expect((await attempt({ email, password: PASSWORD }, '192.0.2.1')).status).toBe(200);

    // One address trying many emails: 30 attempts in ten minutes, then it waits too.
    for (let i = 0; i < 29; i++) await attempt({ email: `guess${i}@shop.example`, password: 'a-guessed-password' }, '192.0.2.1');
    const scanning = await attempt({ email: 'one-more@shop.example', password: 'a-guessed-password' }, '192.0.2.1');
    expect(scanning.status).toBe(429);
  });

  it('remembers the pages refused for an origin the merchant forgot, until it is allowed', async () => {
    const fromPage = (origin: string) =>
      suite.h.server.app.request('/v1/group-buy-offers/off_none0000000000', {
        headers: { authorization: `Bearer ${suite.h.merchant.publishableKey}`, origin },
      });
    expect((await fromPage('https://forgotten.example')).status).toBe(403);
    expect((await fromPage('not an origin')).status).toBe(403);
    const merchant = async () => (await (await suite.h.asMerchant('GET', '/v1/merchant')).json()) as Json;
    expect((await merchant()).blockedOrigins).toEqual([{ origin: 'https://forgotten.example', lastSeenAt: expect.any(String) }]);
    const allowed = await suite.h.asMerchant('PATCH', '/v1/merchant', { origins: [SHOP_ORIGIN, 'https://forgotten.example'] });
    expect(((await allowed.json()) as Json).blockedOrigins).toEqual([]);
    expect((await fromPage('https://forgotten.example')).status).toBe(404);
    await suite.h.asMerchant('PATCH', '/v1/merchant', { origins: [SHOP_ORIGIN] });
  });

  it('keeps no password, session token or invite token in clear', async () => {
    const { invite } = await newMerchantWithOwner();
    const { cookie } = await accept(invite);
    const dump = JSON.stringify([
      await suite.h.db.query('select * from console_users'),
      await suite.h.db.query('select * from console_sessions'),
      await suite.h.db.query('select * from console_invites'),
    ]);
    expect(dump).not.toContain(PASSWORD);
    expect(dump).not.toContain(cookie.split('=')[1]);
    expect(dump).not.toContain(tokenOf(invite));
    expect(dump).toMatch(/scrypt\$32768\$8\$1\$/);
  });

  it('validates what it is sent', async () => {
    const weak = await request('POST', '/v1/console/invites/accept', {
      body: { token: 'inv_abcdefghijklmnopqrstuvwxyz', name: 'Ming', password: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as Json).error.details).toContainEqual({ path: ['password'], message: expect.any(String) });
    const notAnEmail = await request('POST', '/v1/console/sign-in', { body: { email: 'ming', password: PASSWORD } });
    expect(notAnEmail.status).toBe(400);
    const unknownInvite = await request('POST', '/v1/console/invites/accept', {
      body: { token: 'inv_abcdefghijklmnopqrstuvwxyz', name: 'Ming', password: PASSWORD },
    });
    expect(unknownInvite.status).toBe(410);
  });
});
