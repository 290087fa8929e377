import type { ConsoleSession } from '@flock/protocol';
import type { RouteContract } from '@flock/protocol/routes';
import { acceptConsoleInvite, getConsoleSession, signInToConsole, signOutOfConsole } from '@flock/protocol/routes';
import { atom } from 'nanostores';
import { isFlockError } from './errors.js';
import { type CallInput, type CallOutput, Http, type HttpOptions } from './http.js';

export type ConsoleClientOptions = Omit<HttpOptions, 'publishableKey' | 'shopperToken' | 'csrfToken'>;

/**
 * The merchant console's client: the same HTTP API as every other caller, authenticated by the
 * session cookie the server sets at sign-in (same origin, so the browser sends it by itself) and the
 * session's CSRF token on every write. `$session` is undefined until known, null when signed out.
 */
export function createConsoleClient(options: ConsoleClientOptions) {
  let csrfToken: string | undefined;
  const http = new Http({ ...options, csrfToken: () => csrfToken });
  const $session = atom<ConsoleSession | null | undefined>(undefined);
  const remember = (session: ConsoleSession) => {
    csrfToken = session.csrfToken;
    $session.set(session);
    return session;
  };
  const forget = () => {
    csrfToken = undefined;
    $session.set(null);
  };

  /** Any route of the table, as the signed-in merchant: a lapsed session signs the console out. */
  async function call<R extends RouteContract>(route: R, input: CallInput<R>): Promise<CallOutput<R>> {
    try {
      return await http.call(route, input);
    } catch (error) {
      if (isFlockError(error) && (error.code === 'session_expired' || error.code === 'unauthorized')) forget();
      throw error;
    }
  }

  return {
    $session,
    call,
    /** Learns whether this browser has a session (on start). */
    async loadSession(): Promise<ConsoleSession | null> {
      try {
        return remember(await http.call(getConsoleSession, {}));
      } catch (error) {
        if (isFlockError(error) && (error.code === 'unauthorized' || error.code === 'session_expired')) {
          forget();
          return null;
        }
        throw error;
      }
    },
    signIn: async (email: string, password: string) => remember(await http.call(signInToConsole, { body: { email, password } })),
    acceptInvite: async (token: string, name: string, password: string) =>
      remember(await http.call(acceptConsoleInvite, { body: { token, name, password } })),
    async signOut(): Promise<void> {
      await http.call(signOutOfConsole, {}).catch(() => undefined);
      forget();
    },
  };
}

export type ConsoleClient = ReturnType<typeof createConsoleClient>;
