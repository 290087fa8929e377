/**
 * The browser half of the stories: every story of a widget is one state from states.ts. Its loader
 * asks Storybook's dev server to stage that state on a real Flock server (/__stories/stage, see
 * .storybook/stories-server.ts), the render wraps the widget in the provider with what came
 * back, and the play function performs the state's act (a tap, a typed code, a redemption).
 * A static `storybook build` has no such server: its stories show a note instead.
 */
import type { ArgTypes, Meta, StoryContext, StoryObj } from '@storybook/web-components';
import { provider } from '../../src/registry.js';
import { codeToType, findState, type Locale, type StagedState, type WidgetName, type WidgetTag, widgets } from './states.js';

export type Theme = 'light' | 'dark' | 'auto';

export interface StoryArgs {
  locale: Locale;
  theme: Theme;
  '--flock-color-brand': string;
  '--flock-radius': string;
  '--flock-font': string;
  [other: string]: unknown;
}

type Loaded = { staged: StagedState } | { unavailable: string };

const THEME_PROPERTIES = ['--flock-color-brand', '--flock-radius', '--flock-font'] as const;

/**
 * The args a story renders with. Every other attribute and property (offer, campaign, staff key…)
 * comes from the staged state, so its docs row has no control (see .storybook/preview.ts).
 */
export const STORY_CONTROLS: ReadonlySet<string> = new Set(['locale', 'theme', ...THEME_PROPERTIES]);

/**
 * The meta of a widget's stories, but for its title: the component its docs page describes (the
 * widget's own tag unless given), controls for locale, theme and the theme trio, and the render.
 * Storybook reads the title (and tags, set for all in .storybook/preview.ts) from the source text,
 * so each stories file writes its title itself: `export default { title: '…', ...widgetMeta('…') }`.
 */
export function widgetMeta(name: WidgetName, component?: typeof provider.tag): Meta<StoryArgs> {
  const widget = widgets.find((w) => w.name === name)!;
  // `type: string`: the manifest's types (`'light' | 'dark' | undefined`, `void` for CSS properties)
  // are not Storybook's, and it drops URL and control values it cannot map to them.
  const text = { name: 'string', required: false } as const;
  const argTypes: Partial<ArgTypes<StoryArgs>> = {
    locale: { type: text, control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
    theme: {
      type: text,
      control: 'inline-radio',
      options: ['light', 'dark', 'auto'],
      description: 'light or dark; auto follows prefers-color-scheme.',
    },
    '--flock-color-brand': { type: text, control: 'color' },
    '--flock-radius': { type: text, control: 'text' },
    '--flock-font': { type: text, control: 'text' },
  };

  return {
    component: component ?? widget.tag,
    args: { locale: 'zh-CN', theme: 'light', '--flock-color-brand': '#e0061d', '--flock-radius': '12px', '--flock-font': '' },
    argTypes,
    render: (args, context) => renderState(widget.tag, args, context as StoryContext<StoryArgs> & { loaded: Loaded }),
    parameters: { docs: { story: { inline: true } } },
  };
}

/** The story of one state: stage it, render it, perform its act. */
export function stateStory(name: WidgetName, stateName: string): StoryObj<StoryArgs> {
  const found = findState(name, stateName);
  if (!found) throw new Error(`states.ts has no ${name} state ${stateName}`);
  const { widget, state } = found;
  return {
    parameters: { docs: { description: { story: state.label } } },
    loaders: [
      async ({ args }): Promise<Loaded> => {
        const query = new URLSearchParams({ widget: widget.name, state: state.name, locale: String(args.locale) });
        try {
          const response = await fetch(`/__stories/stage?${query}`);
          if (!response.ok || !response.headers.get('content-type')?.includes('json'))
            return { unavailable: `the staging server answered HTTP ${response.status}` };
          return { staged: (await response.json()) as StagedState };
        } catch (error) {
          return { unavailable: String(error) };
        }
      },
    ],
    beforeEach: () => restoreNavigator,
    play: async ({ canvasElement, loaded, viewMode }) => {
      const { staged } = loaded as Partial<{ staged: StagedState }>;
      if (!staged?.act || viewMode === 'docs') return;
      const element = canvasElement.querySelector(widget.tag);
      if (!element) throw new Error(`no <${widget.tag}> rendered`);
      await performAct(element, staged);
    },
  };
}

let storyCount = 0;

function renderState(tag: WidgetTag, args: StoryArgs, context: StoryContext<StoryArgs> & { loaded: Loaded }): HTMLElement {
  const loaded = context.loaded;
  const wrapper = document.createElement('div');
  const className = `flock-story-${++storyCount}`;
  wrapper.className = `flock-story ${className}`;
  // Theme values go through a class and a <style>, never style="" on the widget (strict CSPs forbid it).
  const style = document.createElement('style');
  const declarations = THEME_PROPERTIES.map((property) => [property, cssValue(args[property])] as const)
    .filter(([, value]) => value)
    .map(([property, value]) => `${property}: ${value};`);
  const dark = args.theme === 'dark';
  style.textContent = `
    .${className} { ${declarations.join(' ')} padding: 16px 12px; box-sizing: border-box; ${context.viewMode === 'docs' ? '' : 'min-height: 100vh;'}
      ${args.theme === 'auto' ? '' : `color-scheme: ${args.theme}; background: ${dark ? '#000' : '#f7f8fa'};`} }
    .${className} > ${provider.tag} > * { display: block; max-width: 560px; margin: 0 auto; }
    .${className} .flock-story-note { font: 14px/1.5 system-ui, sans-serif; max-width: 560px; margin: 0 auto; padding: 16px;
      border: 1px dashed #999; border-radius: 8px; color: ${dark ? '#ddd' : '#333'}; }`;
  wrapper.append(style);

  if ('unavailable' in loaded) {
    const note = document.createElement('p');
    note.className = 'flock-story-note';
    note.innerHTML =
      'This story shows live data from the Flock server that <code>pnpm storybook</code> starts; this static build has none. ' +
      'Run <code>pnpm storybook</code> to see it.';
    note.title = loaded.unavailable;
    wrapper.append(note);
    return wrapper;
  }

  const { staged } = loaded;
  // The WeChat states need WeChat's user agent; on a docs page it would leak into every other story.
  if (staged.userAgent && context.viewMode !== 'docs') overrideNavigator('userAgent', staged.userAgent);
  const { host, element } = stagedElements(tag, staged, args.locale);
  if (args.theme !== 'auto') element.setAttribute('theme', args.theme);
  element.setAttribute('locale', args.locale);
  // Every `on…` arg is a Storybook action for one of the widget's events (from the manifest).
  for (const [arg, handler] of Object.entries(args)) {
    if (!arg.startsWith('onFlock') || typeof handler !== 'function') continue;
    const event = `flock${arg.slice('onFlock'.length).replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)}`;
    element.addEventListener(event, handler as EventListener);
  }
  wrapper.append(host);
  return wrapper;
}

/** A staged state's provider (its server, key, shopper and language) holding the widget with its attributes. */
export function stagedElements(tag: string, staged: StagedState, locale: string) {
  const host = document.createElement(provider.tag);
  host.setAttribute('api', staged.api);
  host.setAttribute('publishable-key', staged.publishableKey);
  if (staged.shopperToken) host.setAttribute('shopper-token', staged.shopperToken);
  host.setAttribute('locale', locale);
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(staged.attributes)) element.setAttribute(name, value);
  host.append(element);
  return { host, element };
}

/** A control's value as a CSS value: nothing that could end the declaration or the rule. */
const cssValue = (value: unknown) => (typeof value === 'string' ? value.replace(/[;{}<>]/g, '').trim() : '');

const overridden = new Set<'userAgent' | 'onLine'>();

/** Shadows a navigator property with an own property; `restoreNavigator` removes it again. */
function overrideNavigator(property: 'userAgent' | 'onLine', value: unknown) {
  Object.defineProperty(navigator, property, { configurable: true, get: () => value });
  overridden.add(property);
}

function restoreNavigator() {
  for (const property of overridden) delete (navigator as unknown as Record<string, unknown>)[property];
  overridden.clear();
}

/** Performs the act of states.ts on a staged widget (a story, the host-CSS test), as the screenshot script does with Playwright. */
export async function performAct(element: Element, staged: StagedState) {
  const act = staged.act!;
  const root = () => element.shadowRoot;
  // The page has settled once the control the act needs is there.
  const ready =
    act.tap ?? (act.enterCode ? 'input[name="code"]:not([disabled])' : act.readQrCode ? '[part="qr"] svg[data-code]' : undefined);
  if (ready) await waitFor(() => root()?.querySelector(ready));
  const qrCode = act.readQrCode ? (root()?.querySelector('[part="qr"] svg')?.getAttribute('data-code') ?? '') : undefined;
  let fromServer: unknown;
  if (act.server) {
    const query = new URLSearchParams({ session: staged.session, ...(qrCode ? { qrCode } : {}) });
    const response = await fetch(`/__stories/act?${query}`, { method: 'POST' });
    if (!response.ok) throw new Error(`the act's server step failed: HTTP ${response.status} ${await response.text()}`);
    fromServer = ((await response.json()) as { result: unknown }).result;
  }
  const code = codeToType(fromServer, act.code ? { code: act.code } : {});
  if (act.offline) overrideNavigator('onLine', false);
  try {
    if (act.tap) (root()?.querySelector(act.tap) as HTMLElement | null)?.click();
    if (act.enterCode) {
      const input = root()?.querySelector<HTMLInputElement>('input[name="code"]');
      if (!input) throw new Error('the scanner has no code input');
      input.value = code;
      input.form?.requestSubmit();
    }
    await waitFor(() => root()?.querySelector(act.waitFor));
  } finally {
    if (act.offline) restoreNavigator();
  }
}

/** Polls until `found` returns something, for up to 15 s. */
async function waitFor(found: () => unknown) {
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (found()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the story did not reach its state in 15 s');
}
