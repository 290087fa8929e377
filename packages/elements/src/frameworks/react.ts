// `@flock/elements/react`: the Flock tags in React 19's JSX, with their properties, attributes and
// typed event props. Load it once for its types: `import type {} from '@flock/elements/react'`.
//
// React 19 sets a prop as a property when the element has it (`publishableKey`), as an attribute
// otherwise (`publishable-key`), and turns `on<event-name>` into addEventListener('<event-name>'),
// so `onflock-checkout` receives the FlockCheckoutEvent itself.
//
// What TypeScript checks: camelCase props fully (a misspelled `ofer` fails). A hyphenated prop
// (`onflock-checkout`, `publishable-key`) is checked only when spelled right; TypeScript lets any
// unknown hyphenated JSX attribute through, so `onflock-chekout={onCheckout}` compiles and never
// fires. For checked events, call the element's typed addEventListener from a ref in useEffect
// (examples/react).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { FlockTag, FlockTagAttributes, FlockTagEventMap, FlockTagEvents, FlockTagProperties } from './tags.js';

/**
 * `onflock-checkout={(event) => event.detail.reservation}` for each event the tag fires: the handler
 * is typed, but a misspelled event prop is not caught (TypeScript skips unknown hyphenated attributes).
 */
export type FlockReactEventProps<Tag extends FlockTag> = {
  [E in FlockTagEvents[Tag] as `on${E}`]?: (event: FlockTagEventMap<Tag>[E]) => void;
};

/** Everything a Flock tag accepts in JSX: the usual HTML props, its own properties and attributes, its events. */
export type FlockReactProps<Tag extends FlockTag> = DetailedHTMLProps<
  HTMLAttributes<HTMLElementTagNameMap[Tag]>,
  HTMLElementTagNameMap[Tag]
> &
  FlockTagProperties<Tag> &
  FlockTagAttributes<Tag> &
  FlockReactEventProps<Tag>;

type FlockIntrinsicElements = { [Tag in FlockTag]: FlockReactProps<Tag> };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends FlockIntrinsicElements {}
  }
}
