// `pnpm --filter @flock/elements run manifest` → custom-elements.json, read by Storybook's docs pages
// and by editors. The JSDoc in each element class is the source; this file only tells the analyzer
// what it cannot see by itself.
import { readFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

/** Every element (src/registry.ts): the analyzer runs this config in plain Node, so tsx loads the TypeScript. */
const { flockRegistry, provider } = await tsImport('./src/registry.ts', import.meta.url);

/**
 * Our tags are registered by src/define.ts from the registry (through `define`, which skips tags
 * already defined, so two copies of Flock on one page do not throw). The analyzer only recognises a
 * literal `customElements.define(…)`, so this plugin gives each registered class its tag and the
 * module its custom-element-definition export.
 */
function flockDefineCalls() {
  /** class name → tag. */
  const tags = new Map(flockRegistry.map((entry) => [entry.className, entry.tag]));
  return {
    name: 'flock-define-calls',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const tag = tags.get(declaration.name);
          if (declaration.kind !== 'class' || !tag) continue;
          declaration.tagName = tag;
          declaration.customElement = true;
          module.exports ??= [];
          if (!module.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) {
            module.exports.push({
              kind: 'custom-element-definition',
              name: tag,
              declaration: { name: declaration.name, module: module.path },
            });
          }
        }
      }
    },
  };
}

/**
 * Widgets dispatch typed events (`this.dispatchEvent(new FlockErrorEvent(code, message))`); the
 * analyzer takes the constructor's first argument for the event's name and lists `code`, `team`, …
 * as events. This plugin learns each event class's real name from its `super('flock-…')` call, drops
 * those misnamed entries and gives the documented event (from `@event`) the class as its type.
 */
function flockEventClasses() {
  /** event class name → event name. */
  const names = new Map();
  return {
    name: 'flock-event-classes',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const extendsEvent = node.heritageClauses?.some((clause) => clause.types.some((t) => t.expression.getText() === 'Event'));
      if (!extendsEvent) return;
      const visit = (child) => {
        if (ts.isCallExpression(child) && child.expression.kind === ts.SyntaxKind.SuperKeyword) {
          const [name] = child.arguments;
          if (name && ts.isStringLiteral(name)) names.set(node.name.text, name.text);
        }
        ts.forEachChild(child, visit);
      };
      ts.forEachChild(node, visit);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.events) continue;
          const documented = declaration.events.filter((event) => event.description);
          for (const event of declaration.events) {
            const eventName = names.get(event.type?.text);
            if (event.description || !eventName) continue;
            const target = documented.find((d) => d.name === eventName);
            if (target) target.type = event.type;
            else documented.push({ name: eventName, type: event.type });
          }
          for (const event of documented) {
            const eventClass = [...names].find(([, name]) => name === event.name)?.[0];
            if (!event.type && eventClass) event.type = { text: eventClass };
          }
          declaration.events = documented;
        }
      }
    },
  };
}

/**
 * Docs pages render descriptions as Markdown: a bare `<body>` there is HTML, and the underscore of an
 * id prefix (`team_…`) can open an emphasis that runs into the next code span. Both become code.
 */
const asCode = (text) =>
  text.replace(/(^|[^`])(<\/?[a-z][\w-]*>)(?!`)/g, '$1`$2`').replace(/(^|[\s(])([a-z]+_…)(?!`)/g, '$1`$2`');

/**
 * The manifest describes the public API: private and protected members (`#client`, `context`, the
 * controllers) are implementation, and Storybook would list each one as a control. Descriptions get
 * their bare HTML tags and id prefixes quoted as code (a stray `<body>` in a docs table breaks the page).
 */
function flockPublicApi() {
  return {
    name: 'flock-public-api',
    packageLinkPhase({ customElementsManifest }) {
      // The same file on every machine, whatever order the file system lists the sources in.
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.members) declaration.members = declaration.members.filter((m) => !m.privacy || m.privacy === 'public');
          for (const item of [declaration, ...Object.values(declaration).filter(Array.isArray).flat()]) {
            if (item && typeof item.description === 'string') item.description = asCode(item.description);
            if (item && typeof item.summary === 'string') item.summary = asCode(item.summary);
          }
        }
      }
    },
  };
}

/**
 * Every widget takes the same theme properties. They are documented once, as `@cssprop` lines on
 * `themeStyles` in src/shared/theme.styles.ts, and this plugin gives each widget (not the provider,
 * which draws nothing) that list, in the shape the analyzer writes for its own `@cssprop` tags.
 */
function flockThemeProperties() {
  const source = readFileSync(new URL('./src/shared/theme.styles.ts', import.meta.url), 'utf8');
  const properties = [...source.matchAll(/^ \* @cssprop \[(--[\w-]+)(?:=([^\]]*))?\] - (.*)$/gm)].map(
    ([, name, defaultValue, description]) => ({ description, name, ...(defaultValue ? { default: defaultValue } : {}) }),
  );
  if (properties.length === 0) throw new Error('no @cssprop lines found in src/shared/theme.styles.ts');
  return {
    name: 'flock-theme-properties',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement || declaration.tagName === provider.tag) continue;
          const own = declaration.cssProperties ?? [];
          declaration.cssProperties = [...properties, ...own.filter((p) => !properties.some((t) => t.name === p.name))];
        }
      }
    },
  };
}

export default {
  // The elements, their registration, their event classes (shared and each widget's) and the base class
  // whose properties (theme, locale, strings) every widget inherits: what pages and Storybook use. (The
  // whole of src/ would also list string tables and helpers.)
  globs: [
    'src/define.ts',
    'src/shared/events.ts',
    'src/*/*.events.ts',
    'src/shared/widget-element.ts',
    ...flockRegistry.map((entry) => entry.entry),
  ],
  outdir: '.',
  litelement: true,
  plugins: [flockDefineCalls(), flockEventClasses(), flockThemeProperties(), flockPublicApi()],
};
