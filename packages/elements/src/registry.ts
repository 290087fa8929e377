/**
 * Every Flock element, declared once. An element's one name is its folder under src/: its tag is
 * `flock-<name>`, its class `Flock<Name>` in src/<name>/<name>.ts, which is also its chunk's entry
 * (dist/chunks/<name>-<hash>.js); `events` are what it fires (the `@event` lines of its class, which
 * scripts/manifest.test.js holds to this list); `firstRead` is the read its store makes first, which
 * the loader starts beside the element's chunks (src/loader/autoloader.ts).
 *
 * Plain data without Lit, so node scripts read it too. define.ts pairs it with the classes; the
 * loader's chunk table and the build's entries (vite.config.ts), the typed JSX/Vue tags
 * (frameworks/tags.ts), the Custom Elements Manifest config, the screenshots, Storybook's checks and
 * the shared test suites derive their lists from it. A new element is one line here.
 */

import type { RouteName, routesByName } from '@flock/protocol/routes';

/** The routes a page may read without a preflight, by one `:id` (see RouteAuth's `inQuery`). */
type PageRead = {
  [Name in RouteName]: (typeof routesByName)[Name] extends { method: 'get'; auth: { inQuery: true }; params: { id: unknown } }
    ? Name
    : never;
}[RouteName];

/** The GET of `route` with the element's `attribute` as its `:id`, made by the element's store before anything else. */
export interface FirstRead {
  attribute: string;
  route: PageRead;
}

type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<S>;

function element<const Name extends string, const Events extends readonly `flock-${string}`[]>(
  name: Name,
  events: Events,
  firstRead?: FirstRead,
) {
  const pascal = name.replace(/(?:^|-)(\w)/g, (_, letter: string) => letter.toUpperCase()) as PascalCase<Name>;
  return {
    name,
    tag: `flock-${name}` as const,
    className: `Flock${pascal}` as const,
    /** The module that holds the class, relative to the package: the element's chunk entry. */
    entry: `src/${name}/${name}.ts` as const,
    events,
    firstRead,
  };
}

/** The provider first: a widget defined before it would miss its context. */
export const flockRegistry = [
  element('provider', []),
  element('group-buy', ['flock-checkout', 'flock-buy-alone', 'flock-team-closed', 'flock-error'], {
    attribute: 'offer',
    route: 'getGroupBuyOffer',
  }),
  element('assist-progress', ['flock-assist-started', 'flock-helped', 'flock-claim', 'flock-error'], {
    attribute: 'campaign',
    route: 'getAssistCampaign',
  }),
  element('referral-card', ['flock-promoter-joined', 'flock-poster-ready', 'flock-error']),
  element('voucher-qr', ['flock-error'], { attribute: 'voucher', route: 'getVoucher' }),
  element('voucher-scanner', ['flock-redeemed', 'flock-error']),
  element('voucher-list', ['flock-error']),
  element('promoter-leaderboard', ['flock-error'], { attribute: 'program', route: 'getLeaderboard' }),
  element('friend-offer', ['flock-friend-reward-claimed', 'flock-error']),
] as const;

export type FlockElementEntry = (typeof flockRegistry)[number];
export type FlockTag = FlockElementEntry['tag'];
export type FlockClassName = FlockElementEntry['className'];

/** `<flock-provider>`: it draws nothing, it gives every widget inside it the client, locale and theme. */
export const provider = flockRegistry[0];

/** The elements a shopper sees: every entry but the provider. */
export type FlockWidget = Exclude<FlockElementEntry, typeof provider>;
export type WidgetName = FlockWidget['name'];
export type WidgetTag = FlockWidget['tag'];
export const flockWidgets = flockRegistry.filter((entry): entry is FlockWidget => entry !== provider);

/** The entry of a widget by its name: `widget('group-buy').tag`. */
export const widget = <Name extends WidgetName>(name: Name) =>
  flockWidgets.find((entry) => entry.name === name) as Extract<FlockWidget, { name: Name }>;
