// Type-only helpers shared by the React and Vue tag types: what a page may set on each Flock tag
// and which events it fires, derived from the element classes rather than copied by hand.
import type { LitElement } from 'lit';
// The element files put each tag in HTMLElementTagNameMap and each event in GlobalEventHandlersEventMap.
import type {} from '../index.js';
import type { FlockElementEntry } from '../registry.js';

/**
 * The events each tag dispatches (its `events` in src/registry.ts, the `@event` lines of its class).
 * Their classes come from `GlobalEventHandlersEventMap` (shared/events.ts and each widget's <name>.events.ts), so a handler's `event.detail` is typed.
 */
export type FlockTagEvents = { [Entry in FlockElementEntry as Entry['tag']]: Entry['events'][number] };

/** Every Flock tag; each must also be in `HTMLElementTagNameMap` (where its file registers its class). */
export type FlockTag = keyof FlockTagEvents & keyof HTMLElementTagNameMap;

type IfEquals<X, Y, Then> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? Then : never;
type WritableKeys<T> = { [K in keyof T]-?: IfEquals<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K> }[keyof T];

/**
 * The public properties a tag's class adds to LitElement, minus methods and read-only getters:
 * exactly what a page may set (`offer`, `publishableKey`, `theme`…).
 */
export type FlockTagProperties<Tag extends FlockTag> = {
  [K in Exclude<WritableKeys<HTMLElementTagNameMap[Tag]>, keyof LitElement> as HTMLElementTagNameMap[Tag][K] extends (
    ...args: never[]
  ) => unknown
    ? never
    : K]?: HTMLElementTagNameMap[Tag][K];
};

/** `publishableKey` → `publishable-key`. */
export type KebabCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${KebabCase<Tail>}`
  : S;

/**
 * The same properties under their attribute names. Every Flock property's Lit `attribute` option
 * is the kebab-case of its name (`publishable-key`, `share-url`), which is what makes this derivable.
 */
export type FlockTagAttributes<Tag extends FlockTag> = {
  [K in keyof FlockTagProperties<Tag> as K extends string ? KebabCase<K> : never]?: FlockTagProperties<Tag>[K];
};

/** A tag's events by name, e.g. `FlockTagEventMap<'flock-group-buy'>['flock-checkout']` is `FlockCheckoutEvent`. */
export type FlockTagEventMap<Tag extends FlockTag> = {
  [E in FlockTagEvents[Tag]]: GlobalEventHandlersEventMap[E];
};
