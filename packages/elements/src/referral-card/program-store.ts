import { type FlockClient, FlockError, type ReferralProgram, type ResourceStore } from '@flock/sdk';
import { atom, onMount } from 'nanostores';

const stores = new WeakMap<FlockClient, Map<string, ResourceStore<ReferralProgram>>>();

/**
 * The program alone, for a shopper who is not signed in (signed in, `client.promoterStore` carries
 * the program with the shopper's figures). Loaded once per client and program, when first watched;
 * a program's pitch does not change while the page is open, so it neither polls nor follows events.
 */
export function programStore(client: FlockClient, programId: string): ResourceStore<ReferralProgram> {
  let byId = stores.get(client);
  if (!byId) {
    byId = new Map();
    stores.set(client, byId);
  }
  const existing = byId.get(programId);
  if (existing) return existing;
  const $state = atom<{ data: ReferralProgram | undefined; error: FlockError | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  let inFlight: Promise<void> | undefined;
  const refresh = () =>
    (inFlight ??= client
      .getProgram(programId)
      .then((data) => $state.set({ data, error: undefined, loading: false }))
      .catch((error: unknown) => {
        const flockError = error instanceof FlockError ? error : new FlockError('network_error', String(error));
        $state.set({ ...$state.get(), error: flockError, loading: false });
      })
      .finally(() => {
        inFlight = undefined;
      }));
  onMount($state, () => {
    if (!$state.get().data) void refresh();
  });
  const store = Object.assign($state, {
    refresh,
    put: (data: ReferralProgram) => $state.set({ data, error: undefined, loading: false }),
  });
  byId.set(programId, store);
  return store;
}
