import { type ConsoleClient, createConsoleClient } from '@flock/sdk';

/** The console talks to the server that serves it, through the same API as everyone else. */
export const client: ConsoleClient = createConsoleClient({ api: globalThis.location?.origin ?? '' });
