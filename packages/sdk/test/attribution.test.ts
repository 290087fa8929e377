import { describe, expect, it, vi } from 'vitest';
import { captureAttribution, currentAttribution } from '../src/attribution.js';
import { ATTRIBUTION_COOKIE, attributionCookie, readAttributionCookie } from '../src/server.js';

/** An in-memory stand-in for localStorage. */
const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
};

const DAY = 86_400_000;
const clickFor = (now: number) =>
  vi.fn(async (code: string) => ({
    attributionId: `att_${code}_${now}`,
    programId: 'prg_1',
    expiresAt: new Date(now + 7 * DAY).toISOString(),
  }));

describe('captureAttribution', () => {
  it('records the click once for the same link, and keeps it for the window', async () => {
    const storage = memoryStorage();
    const now = Date.parse('2026-11-23T08:00:00Z');
    const recordClick = clickFor(now);
    const first = await captureAttribution(recordClick, { url: 'https://shop.example/tea?flock_ref=ABCD2345', storage, now });
    const reload = await captureAttribution(recordClick, { url: 'https://shop.example/tea?flock_ref=ABCD2345', storage, now });
    expect(recordClick).toHaveBeenCalledTimes(1);
    expect(recordClick).toHaveBeenCalledWith('ABCD2345', 'https://shop.example/tea?flock_ref=ABCD2345');
    expect(reload).toEqual(first);
    // Any other page of the shop, later, without the parameter still has it…
    expect(await captureAttribution(recordClick, { url: 'https://shop.example/cart', storage, now: now + 6 * DAY })).toEqual(
      first,
    );
    // …until the window closes.
    expect(currentAttribution(storage, now + 8 * DAY)).toBeUndefined();
  });

  it('lets the last click win', async () => {
    const storage = memoryStorage();
    const now = Date.now();
    const recordClick = clickFor(now);
    await captureAttribution(recordClick, { url: 'https://shop.example/?flock_ref=FIRST234', storage, now });
    const last = await captureAttribution(recordClick, { url: 'https://shop.example/?flock_ref=LAST2345', storage, now });
    expect(last?.code).toBe('LAST2345');
    expect(currentAttribution(storage, now)?.attributionId).toBe(last?.attributionId);
  });

  it('does nothing on a page without a code and no earlier click', async () => {
    const recordClick = clickFor(Date.now());
    expect(await captureAttribution(recordClick, { url: 'https://shop.example/', storage: memoryStorage() })).toBeUndefined();
    expect(recordClick).not.toHaveBeenCalled();
  });
});

describe('@flock/sdk/server attribution cookie', () => {
  it('is first-party, HttpOnly, SameSite=Lax, Secure and lasts the window', () => {
    const header = attributionCookie('att_abc123', { maxAgeDays: 30 });
    expect(header).toBe(`${ATTRIBUTION_COOKIE}=att_abc123; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax; Secure`);
  });
  it('reads the id back from a Cookie header and ignores anything else', () => {
    expect(readAttributionCookie(`theme=dark; ${ATTRIBUTION_COOKIE}=att_abc123; other=1`)).toBe('att_abc123');
    expect(readAttributionCookie(`${ATTRIBUTION_COOKIE}=<script>`)).toBeUndefined();
    expect(readAttributionCookie(null)).toBeUndefined();
  });
  it('refuses to write something that is not an id', () => {
    expect(() => attributionCookie('a;b', { maxAgeDays: 1 })).toThrow(TypeError);
  });
});
