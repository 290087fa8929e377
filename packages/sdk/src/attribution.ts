import type { ReferralClick } from '@flock/protocol';

/** The URL parameter a promoter's link carries. */
export const REFERRAL_URL_PARAM = 'flock_ref';
/** The URL parameter that carries the promoter's share (the same as @flock/protocol/share-kit's SHARE_PARAM). */
export const SHARE_URL_PARAM = 'flock_share';
const STORAGE_KEY = 'flock:attribution';

export interface Attribution extends ReferralClick {
  code: string;
  /** The share id the link carried, if any. */
  share?: string;
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
 * same link does not count a second click. The link's share id (`?flock_share=`) goes with the click.
 */
export async function captureAttribution(
  recordClick: (code: string, landingUrl: string, share?: string) => Promise<ReferralClick>,
  options: { url?: string; storage?: Storage; now?: number } = {},
): Promise<Attribution | undefined> {
  const url = options.url ?? globalThis.location?.href;
  const storage = options.storage ?? defaultStorage();
  const params = url ? new URL(url).searchParams : undefined;
  const code = params?.get(REFERRAL_URL_PARAM)?.trim();
  // The share the link came from (a promoter's copied or shared material): the click counts for it.
  const share = params?.get(SHARE_URL_PARAM)?.trim() || undefined;
  const held = currentAttribution(storage, options.now);
  if (!code || !url) return held;
  // Another share of the same promoter is another click (each share counts its own).
  if (held && held.code === code && held.share === share) return held;
  const click = await (share ? recordClick(code, url, share) : recordClick(code, url));
  const attribution: Attribution = share ? { ...click, code, share } : { ...click, code };
  storage?.setItem(STORAGE_KEY, JSON.stringify(attribution));
  return attribution;
}
