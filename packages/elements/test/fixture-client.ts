// Browser side of test/fixture-server.ts for the element tests: /__flock/* plays the shop's backend,
// other shoppers' phones and the store's device. Also the helpers every widget test reads its
// widget with. Each test keeps its own fixtures' specifics (names, overrides) local.
import type { AssistCampaign } from '@flock/sdk';
import { expect, fixture, html, unsafeStatic, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { provider as providerEntry } from '../src/registry.js';
import { expectAccessible, liveRegionText } from './a11y.js';

/**
 * Which test server an action runs on: the shop of this page (its merchant allows the test pages'
 * origins), or a foreign one (a shop elsewhere, whose merchant does not allow this page).
 */
export type FixtureShop = 'own' | 'foreign';

/** Calls one of the fixture server's /__flock/* actions and returns its JSON answer. */
export async function fixtureApi<T = any>(path: string, body: unknown = {}, shop: FixtureShop = 'own'): Promise<T> {
  const response = await fetch(`/__flock/${shop === 'foreign' ? 'foreign/' : ''}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return response.json();
}

/** Where the test server's Flock API is, and the shop's publishable key for it. */
export const fixtureConfig = (shop: FixtureShop = 'own') =>
  fixtureApi<{ api: string; publishableKey: string }>('config', {}, shop);

/** A shopper token minted by the shop's backend; without a display name the server picks its own. */
export const tokenFor = async (shopperId: string, displayName?: string, shop: FixtureShop = 'own') =>
  (await fixtureApi<{ token: string }>('token', { shopperId, displayName }, shop)).token;

/** Moves the server's clock on (expiry, holds, refreshes). */
export const advanceClock = (seconds: number) => fixtureApi('advance', { seconds });

/** A group-buy offer for a tin of Longjing; `overrides` replace any field. */
export const createOffer = (overrides: Record<string, unknown> = {}, shop: FixtureShop = 'own') =>
  fixtureApi<{ id: string }>(
    'offer',
    {
      productRef: 'tea',
      title: 'Longjing green tea 250 g',
      regularPrice: 2990,
      groupPrice: 1990,
      currency: 'CNY',
      teamSize: 3,
      teamTtlSeconds: 86400,
      holdTtlSeconds: 600,
      ...overrides,
    },
    shop,
  );

/** A price-cut assist campaign for a tin of Longjing; `overrides` replace any field. */
export const createCampaign = (overrides: Record<string, unknown> = {}, shop: FixtureShop = 'own') =>
  fixtureApi<AssistCampaign>(
    'campaign',
    {
      productRef: 'tea',
      title: 'Longjing green tea 250 g',
      mode: 'price_cut',
      goal: 5,
      startPrice: 9900,
      floorPrice: 0,
      currency: 'CNY',
      ttlSeconds: 86400,
      purchaseTtlSeconds: 3600,
      reward: { description: 'A 250 g tin of Longjing, shipped free' },
      ...overrides,
    },
    shop,
  );

/**
 * Renders `widget` inside the provider pointed at the test server, signed in with `token`
 * (none: a guest), and returns the widget's element.
 */
export async function mountInProvider<T extends HTMLElement>(
  widget: TemplateResult,
  options: { token?: string; locale?: string } = {},
): Promise<T> {
  const { api, publishableKey } = await fixtureConfig();
  const provider =
    await fixture(html`<${unsafeStatic(providerEntry.tag)} api=${api} publishable-key=${publishableKey} shopper-token=${options.token ?? ''} locale=${options.locale ?? 'en'}>
    ${widget}
  </${unsafeStatic(providerEntry.tag)}>`);
  return provider.lastElementChild as T;
}

/** The widget's shadow-DOM text with white space folded, as a shopper reads it. */
export const shadowText = (el: Element) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';

const matches = (text: string, needle: string | RegExp) =>
  typeof needle === 'string' ? text.includes(needle) : needle.test(text);

/** Waits until the widget's text contains `needle` (a string, or a pattern it matches); a failure says what it shows. */
export async function untilShows(
  el: Element,
  needle: string | RegExp,
  { message = `widget shows ${needle}`, timeout = 8000 }: { message?: string; timeout?: number } = {},
): Promise<void> {
  try {
    await waitUntil(() => matches(shadowText(el), needle), message, { timeout });
  } catch (error) {
    throw new Error(`${(error as Error).message}; it shows: ${shadowText(el)}`);
  }
}

/** The widget's control (by default a <button>) whose label contains `label`; fails listing what the widget shows. */
export function findButton<T extends HTMLElement = HTMLButtonElement>(
  el: Element,
  label: string | RegExp,
  selector = 'button',
): T {
  const found = [...(el.shadowRoot?.querySelectorAll<T>(selector) ?? [])].find((b) => matches(b.textContent ?? '', label));
  if (!found) throw new Error(`no button ${label} in: ${shadowText(el)}`);
  return found;
}

/** Waits until the widget's provider has its live (SSE) stream open. */
export const untilLiveStreamOpen = (el: Element) => {
  const provider = el.closest(providerEntry.tag) as unknown as { context?: { client: { liveStatus?: { get(): string } } } };
  return waitUntil(() => provider.context?.client.liveStatus?.get() === 'open', 'live stream open', { timeout: 5000 });
};

/**
 * The widget's loading state while holdApiRequests() keeps the API back: its skeleton, "Loading…"
 * in its live region, and no axe violations. Then `release` lets the requests through.
 */
export async function expectLoadingSkeleton(el: HTMLElement, release: () => void): Promise<void> {
  try {
    expect(el.shadowRoot?.querySelector('.skeleton'), 'skeleton while loading').to.exist;
    expect(liveRegionText(el)).to.equal('Loading…');
    await expectAccessible(el, 'loading');
  } finally {
    release();
  }
}
