import { provider, type WidgetName, widget } from '@flock/elements/registry';

/** Where the code goes: a page, a site builder's box, a React or a Vue app. */
export type SnippetKind = 'html' | 'classic' | 'react' | 'vue';
export type Scheme = 'auto' | 'light' | 'dark';

/** The theme knobs the builder offers: each a --flock-* custom property of the widgets (docs/theming.md). */
export interface SnippetTheme {
  brand: string;
  radius: number;
  font: string;
  scheme: Scheme;
}
/** The widgets' own defaults: a knob left at its default is left out of the code. */
export const DEFAULT_THEME: SnippetTheme = { brand: '#e0061d', radius: 12, font: '', scheme: 'auto' };

export interface SnippetOptions {
  kind: SnippetKind;
  server: string;
  publishableKey: string;
  widget: WidgetName;
  /** The widget's campaign attribute and value (`offer="off_…"`), if it shows one. */
  campaign?: { attribute: string; id: string };
  locale: string;
  theme: SnippetTheme;
}

/** The custom properties that differ from the defaults, in the order the theming guide lists them. */
export function themeProperties(theme: SnippetTheme): [string, string][] {
  const properties: [string, string][] = [];
  if (theme.brand.toLowerCase() !== DEFAULT_THEME.brand) properties.push(['--flock-color-brand', theme.brand]);
  if (theme.radius !== DEFAULT_THEME.radius) properties.push(['--flock-radius', `${theme.radius}px`]);
  if (theme.font) properties.push(['--flock-font', theme.font]);
  return properties;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The code a merchant pastes: the loader (or the package, in an app), a provider with their key,
 * language and theme, and the chosen widget. Tag names come from the widgets' registry.
 */
export function snippet(options: SnippetOptions): string {
  const { tag } = widget(options.widget);
  const properties = themeProperties(options.theme);
  const scheme = options.theme.scheme === 'auto' ? undefined : options.theme.scheme;
  const campaign = options.campaign;
  const cssText = properties.map(([name, value]) => `${name}: ${value}`).join('; ');

  if (options.kind === 'react') {
    const style = properties.length
      ? ` style={{ ${properties.map(([name, value]) => `'${name}': ${JSON.stringify(value)}`).join(', ')} } as CSSProperties}`
      : '';
    return `// npm install @flock/elements
import '@flock/elements';
import type {} from '@flock/elements/react';${properties.length ? "\nimport type { CSSProperties } from 'react';" : ''}

export function FlockWidget() {
  return (
    <${provider.tag}
      api="${options.server}"
      publishableKey="${options.publishableKey}"
      locale="${options.locale}"${scheme ? `\n      theme="${scheme}"` : ''}${style ? `\n     ${style}` : ''}
    >
      <${tag}${campaign ? ` ${campaign.attribute}="${campaign.id}"` : ''} />
    </${provider.tag}>
  );
}`;
  }
  const attributes = [
    `api="${options.server}"`,
    `publishable-key="${options.publishableKey}"`,
    `locale="${options.locale}"`,
    ...(scheme ? [`theme="${scheme}"`] : []),
    ...(cssText ? [`style="${escapeAttribute(cssText)}"`] : []),
  ].join(' ');
  const element = `<${tag}${campaign ? ` ${campaign.attribute}="${campaign.id}"` : ''}></${tag}>`;
  if (options.kind === 'vue')
    return `<!-- npm install @flock/elements; in vite.config: vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('flock-') } } }) -->
<script setup lang="ts">
import '@flock/elements';
import type {} from '@flock/elements/vue';
</script>

<template>
  <${provider.tag} ${attributes}>
    ${element}
  </${provider.tag}>
</template>`;
  const script =
    options.kind === 'html'
      ? `<script type="module" src="${options.server}/sdk/flock.js"></script>`
      : `<script src="${options.server}/sdk/flock-classic.js"></script>`;
  return `${script}
<${provider.tag} ${attributes}>
  ${element}
</${provider.tag}>`;
}
