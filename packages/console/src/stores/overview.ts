import type { AssistStats, OrderStats, RedemptionStats, TeamStats } from '@flock/protocol';
import { getAssistStats, getOrderStats, getRedemptionStats, getTeamStats } from '@flock/protocol/routes';
import { atom, map } from 'nanostores';
import { client } from '../client.js';
import { errorCode } from '../forms.js';

// The overview page's data: the four per-day series of the stats routes over the merchant's
// chosen period, in their chosen time zone. The server counts every figure; nothing is added up here.

/** The periods the page offers, in days ending today. */
export const RANGES = [7, 30, 90] as const;
export type OverviewRange = (typeof RANGES)[number];

export interface OverviewData {
  teams: TeamStats;
  assists: AssistStats;
  orders: OrderStats;
  redemptions: RedemptionStats;
}

export interface OverviewState {
  data?: OverviewData;
  loading: boolean;
  error?: string;
}

const ZONE_KEY = 'flock-console-time-zone';
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const $overviewRange = atom<OverviewRange>(30);
/** The zone the days are counted in: the merchant's pick, remembered in this browser, else the browser's own. */
export const $timeZone = atom<string>(globalThis.localStorage?.getItem(ZONE_KEY) ?? browserZone());
export const $overview = map<OverviewState>({ loading: true });

/** Today's date (`YYYY-MM-DD`) in the zone. */
const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The last `days` calendar days ending today in the zone, as the stats routes take them. */
export function rangeQuery(days: number, timeZone: string): { from: string; to: string; timeZone: string } {
  const to = todayIn(timeZone);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to, timeZone };
}

/** Only the newest load may set the figures: switching periods quickly never shows an older answer. */
let generation = 0;

export async function loadOverview(): Promise<void> {
  const current = ++generation;
  $overview.setKey('loading', true);
  const query = rangeQuery($overviewRange.get(), $timeZone.get());
  try {
    const [teams, assists, orders, redemptions] = await Promise.all([
      client.call(getTeamStats, { query }),
      client.call(getAssistStats, { query }),
      client.call(getOrderStats, { query }),
      client.call(getRedemptionStats, { query }),
    ]);
    if (current === generation) $overview.set({ data: { teams, assists, orders, redemptions }, loading: false });
  } catch (error) {
    if (current === generation) $overview.set({ ...$overview.get(), loading: false, error: errorCode(error) });
  }
}

export function showRange(days: OverviewRange): Promise<void> {
  $overviewRange.set(days);
  return loadOverview();
}

export function countDaysIn(timeZone: string): Promise<void> {
  globalThis.localStorage?.setItem(ZONE_KEY, timeZone);
  $timeZone.set(timeZone);
  return loadOverview();
}

/** Every zone this browser knows, for the picker, with the current one even if it is not listed (UTC). */
export function timeZoneChoices(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}
