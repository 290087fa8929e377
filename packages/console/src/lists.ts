import type { RouteContract } from '@flock/protocol/routes';
import type { CallInput, CallOutput } from '@flock/sdk';
import { map } from 'nanostores';
import { client } from './client.js';
import { errorCode } from './forms.js';

/** A list as a page shows it: its rows, whether more follow, and what went wrong loading it. */
export interface ListState<T> {
  rows: T[];
  nextCursor: string | null;
  loading: boolean;
  error?: string;
  /** Set once "Load more" went past the first page: refreshing would lose the merchant's place. */
  pagedOn?: boolean;
}

/** A list route of the table: GET, cursor-paged, answering `{ data, nextCursor }`. */
type ListRoute = RouteContract & { method: 'get'; query: { limit: unknown; cursor: unknown } };
type RowOf<R extends ListRoute> = CallOutput<R> extends { data: (infer Row)[] } ? Row : never;
/** The route's filters: its query without the paging. */
export type FiltersOf<R extends ListRoute> = Omit<
  CallInput<R> extends { query: infer Query } ? Query : never,
  'limit' | 'cursor'
>;

/** Rows per page on screen; the CSV export pages at the API's maximum. */
const PAGE = '50';
const EXPORT_PAGE = '100';

/**
 * One merchant list (offers, teams, commissions…) as a store of its own: the route it reads, its
 * filters, its rows and paging. Pages declare which list and which columns; loading, filtering,
 * "load more", refreshing and the CSV export are written once, here and in <flock-console-list>.
 */
export function listStore<R extends ListRoute>(route: R, initialFilters: FiltersOf<R> = {} as FiltersOf<R>) {
  const $filters = map<FiltersOf<R>>(initialFilters);
  const $list = map<ListState<RowOf<R>>>({ rows: [], nextCursor: null, loading: true });
  const params = (extra: { limit: string; cursor?: string }) =>
    ({ query: { ...$filters.get(), ...extra } }) as unknown as CallInput<R>;
  /** The answer that arrived last wins nothing: only the newest request may set the rows. */
  let generation = 0;

  async function load(more = false): Promise<void> {
    const current = ++generation;
    const cursor = more ? ($list.get().nextCursor ?? undefined) : undefined;
    $list.setKey('loading', true);
    try {
      const page = (await client.call(route, params({ limit: PAGE, cursor }))) as { data: RowOf<R>[]; nextCursor: string | null };
      if (current !== generation) return;
      $list.set({
        rows: more ? [...$list.get().rows, ...page.data] : page.data,
        nextCursor: page.nextCursor,
        loading: false,
        pagedOn: more,
      });
    } catch (error) {
      if (current === generation) $list.set({ ...$list.get(), loading: false, error: errorCode(error) });
    }
  }

  return {
    $filters,
    $list,
    load,
    /** Reloads the first page unless the merchant paged on (they keep their place). */
    refresh(): Promise<void> {
      const { loading, pagedOn } = $list.get();
      return loading || pagedOn ? Promise.resolve() : load();
    },
    /** Sets one filter (undefined clears it) and reloads from the first page. */
    filter<K extends keyof FiltersOf<R> & string>(key: K, value: FiltersOf<R>[K] | undefined): Promise<void> {
      $filters.set({ ...$filters.get(), [key]: value });
      return load();
    },
    /** Every row matching the filters, all pages: what the CSV export holds. */
    async all(): Promise<RowOf<R>[]> {
      const rows: RowOf<R>[] = [];
      let cursor: string | undefined;
      do {
        const page = (await client.call(route, params({ limit: EXPORT_PAGE, cursor }))) as {
          data: RowOf<R>[];
          nextCursor: string | null;
        };
        rows.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return rows;
    },
  };
}

export type ListStore<Row> = {
  $filters: ReturnType<typeof map<Record<string, unknown>>>;
  $list: ReturnType<typeof map<ListState<Row>>>;
  load(more?: boolean): Promise<void>;
  refresh(): Promise<void>;
  filter(key: string, value: unknown): Promise<void>;
  all(): Promise<Row[]>;
};
