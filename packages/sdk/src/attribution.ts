import type { ReferralClick } from '@flock/protocol';

/** The URL parameter a promoter's link carries. */
export const REFERRAL_URL_PARAM = 'flock_ref';
const STORAGE_KEY = 'flock:attribution';

export interface Attribution extends ReferralClick {
  code: string;
}

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const defaultStorage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled (private mode, sandboxed iframe)
  }
};

/**
 * The attribution this browser holds, if still inside its window. localStorage is only a cache:
 * Safari deletes script-written storage after 7 days, so shops keep the id in a server-set cookie
 * too (see `@flock/sdk/server`).
 */
export function currentAttribution(storage = defaultStorage(), now = Date.now()): Attribution | undefined {
  const raw = storage?.getItem(STORAGE_KEY);
  if (!raw) return undefined;
  try {
    const attribution = JSON.parse(raw) as Attribution;
    if (Date.parse(attribution.expiresAt) > now) return attribution;
  } catch {}
  storage?.removeItem(STORAGE_KEY);
  return undefined;
}

/**
 * On a page opened through a promoter's link (`?flock_ref=CODE`), records the click once and keeps
 * the attribution; a later link with another code replaces it (last click wins). Reloading the
 * same link does not count a second click.
 */
export async function captureAttribution(
  recordClick: (code: string, landingUrl: string) => Promise<ReferralClick>,
  options: { url?: string; storage?: Storage; now?: number } = {},
): Promise<Attribution | undefined> {
  const url = options.url ?? globalThis.location?.href;
  const storage = options.storage ?? defaultStorage();
  const code = url ? new URL(url).searchParams.get(REFERRAL_URL_PARAM)?.trim() : undefined;
  const held = currentAttribution(storage, options.now);
  if (!code || !url) return held;
  if (held && held.code === code) return held;
  const click = await recordClick(code, url);
  const attribution: Attribution = { ...click, code };
  storage?.setItem(STORAGE_KEY, JSON.stringify(attribution));
  return attribution;
}
