import { CONSOLE_SESSION_COOKIE, type ConsoleSession } from '@flock/protocol';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { acceptInvite, createInvite, SESSION_TTL_SECONDS, sessionView, signIn, signOut } from '../domain/console.js';
import type { AppEnv } from '../http/context.js';
import type { HandlersFor } from '../http/handler.js';
import { clientIp, enforceRateLimit, type RateLimit } from '../rate-limit.js';

/** Sign-ins per email: slow enough to make guessing one person's password hopeless. */
export const CONSOLE_SIGN_IN_LIMIT: RateLimit = { max: 10, windowSeconds: 600 };
/** Sign-in and invite attempts per address: a shop's office behind one address signs in many people. */
export const CONSOLE_ADDRESS_LIMIT: RateLimit = { max: 30, windowSeconds: 600 };

/** Where this server is reached, for invite links: FLOCK_PUBLIC_URL, else the request's own origin. */
const publicUrlOf = (c: Context<AppEnv>) => c.get('deps').publicUrl ?? new URL(c.req.url).origin;

/** The session cookie: never readable by scripts, never sent from another site, https-only when served so. */
function setSessionCookie(c: Context<AppEnv>, token: string) {
  const https = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
  setCookie(c, CONSOLE_SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: https,
    path: '/',
    maxAge: SESSION_TTL_SECONDS,
  });
}

const signedIn = (c: Context<AppEnv>, started: { token: string; session: ConsoleSession }) => {
  setSessionCookie(c, started.token);
  return started.session;
};

const throttle = (c: Context<AppEnv>, bucket: string, key: string, limit: RateLimit) =>
  enforceRateLimit(c, bucket, key, limit, 'Too many sign-in attempts');

export const consoleHandlers = {
  signInToConsole: async ({ body }, { db, clock, http, trustForwardedFor }) => {
    await throttle(http, 'console-sign-in', clientIp(http, trustForwardedFor), CONSOLE_ADDRESS_LIMIT);
    await throttle(http, 'console-sign-in-email', body.email, CONSOLE_SIGN_IN_LIMIT);
    return signedIn(http, await signIn(db, clock, body.email, body.password));
  },
  acceptConsoleInvite: async ({ body }, { db, clock, http, trustForwardedFor }) => {
    await throttle(http, 'console-invite', clientIp(http, trustForwardedFor), CONSOLE_ADDRESS_LIMIT);
    return signedIn(http, await acceptInvite(db, clock, body));
  },
  getConsoleSession: (_, { merchant, key }) => sessionView(merchant, key.console),
  signOutOfConsole: async (_, { db, clock, merchant, key, http }) => {
    await signOut(db, clock, merchant.id, key.console.sessionId);
    deleteCookie(http, CONSOLE_SESSION_COOKIE, { path: '/' });
    return { signedOut: true as const };
  },
  inviteToConsole: ({ body }, { db, clock, merchant, http }) => createInvite(db, clock, merchant.id, body, publicUrlOf(http)),
} satisfies HandlersFor<'signInToConsole' | 'acceptConsoleInvite' | 'getConsoleSession' | 'signOutOfConsole' | 'inviteToConsole'>;
