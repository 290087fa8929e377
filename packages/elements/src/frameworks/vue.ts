// `@flock/elements/vue`: the Flock tags as global components for vue-tsc, so templates check
// their attributes and `@flock-checkout` handlers get the typed event. Load it once for its types:
// `import type {} from '@flock/elements/vue'` (and keep `isCustomElement` for `flock-` tags at runtime).
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { FlockTag, FlockTagEventMap, FlockTagProperties } from './tags.js';

/**
 * The component type Vue's docs recommend for custom elements: the element instance, plus `$props`
 * and `$emit` that only the template type-checker reads. Vue maps kebab-case attributes
 * (`publishable-key`) to these camelCase properties itself.
 */
export type FlockVueElement<Tag extends FlockTag> = new () => HTMLElementTagNameMap[Tag] & {
  /** @deprecated For template type-checking only; not a property of the element. */
  $props: HTMLAttributes & PublicProps & FlockTagProperties<Tag>;
  /** @deprecated For template type-checking only; not a property of the element. */
  $emit: EmitFn<{ [E in keyof FlockTagEventMap<Tag>]: (event: FlockTagEventMap<Tag>[E]) => void }>;
};

type FlockGlobalComponents = { [Tag in FlockTag]: FlockVueElement<Tag> };

declare module 'vue' {
  interface GlobalComponents extends FlockGlobalComponents {}
}
