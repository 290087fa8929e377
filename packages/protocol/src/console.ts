import * as z from 'zod/mini';
import { ShortText, Timestamp } from './common.js';

/**
 * The merchant console's people and sessions. A console login is per person (email and password),
 * with a role: an owner may do everything; an operator runs campaigns and approvals but touches no
 * keys, staff keys, payouts or colleagues. The session travels in an httpOnly, SameSite=Strict
 * cookie; a request that writes also sends the session's CSRF token in CONSOLE_CSRF_HEADER.
 */
export const CONSOLE_SESSION_COOKIE = 'flock_console';
export const CONSOLE_CSRF_HEADER = 'Flock-CSRF';

export const ConsoleRole = /* @__PURE__ */ z.enum(['owner', 'operator']);
export type ConsoleRole = z.infer<typeof ConsoleRole>;

/** Emails are compared lowercased and trimmed: one person, one login, however they type it. */
export const Email = /* @__PURE__ */ z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.maxLength(254),
    z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address such as ming@shop.example'),
  );
/** Long enough to resist guessing; the upper bound keeps the KDF's work bounded. */
export const Password = /* @__PURE__ */ z
  .string()
  .check(z.minLength(10, 'at least 10 characters'), z.maxLength(200, 'at most 200 characters'));

export const SignInRequest = /* @__PURE__ */ z.strictObject({
  email: Email,
  password: /* @__PURE__ */ z.string().check(z.maxLength(200)),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const AcceptInviteRequest = /* @__PURE__ */ z.strictObject({
  /** The secret part of the invite link (after `#/invite/`). */
  token: /* @__PURE__ */ z.string().check(z.regex(/^inv_[0-9A-Za-z]{20,64}$/, 'the token of an invite link')),
  name: ShortText,
  password: Password,
});
export type AcceptInviteRequest = z.infer<typeof AcceptInviteRequest>;

export const CreateInviteRequest = /* @__PURE__ */ z.strictObject({
  /** Who the invite is for: only this email can accept it. */
  email: Email,
  role: ConsoleRole,
});
export type CreateInviteRequest = z.infer<typeof CreateInviteRequest>;

/** A one-time invite link, shown once: only its hash is kept. */
export const Invite = /* @__PURE__ */ z.object({
  id: z.string(),
  email: z.string(),
  role: ConsoleRole,
  /** Open it in a browser to set a password; it works once, until `expiresAt`. */
  url: z.string(),
  expiresAt: Timestamp,
});
export type Invite = z.infer<typeof Invite>;

export const ConsoleUser = /* @__PURE__ */ z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ConsoleRole,
  createdAt: Timestamp,
});
export type ConsoleUser = z.infer<typeof ConsoleUser>;

/** Who is signed in, for which merchant, and the token writes must echo in CONSOLE_CSRF_HEADER. */
export const ConsoleSession = /* @__PURE__ */ z.object({
  user: ConsoleUser,
  merchant: z.object({ id: z.string(), name: z.string() }),
  csrfToken: z.string(),
  expiresAt: Timestamp,
});
export type ConsoleSession = z.infer<typeof ConsoleSession>;

export const SignedOut = /* @__PURE__ */ z.object({ signedOut: z.literal(true) });
