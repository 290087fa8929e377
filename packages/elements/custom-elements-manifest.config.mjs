// `pnpm --filter @flock/elements run manifest` → custom-elements.json, read by Storybook's docs pages
// and by editors. The JSDoc in each element class is the source; this file only tells the analyzer
// what it cannot see by itself.
import { readFileSync } from 'node:fs';

/**
 * Our tags are registered through `define('flock-x', FlockX)` (it skips tags already defined, so two
 * copies of Flock on one page do not throw), from the `flockElements` table of src/define.ts. The
 * analyzer only recognises a literal `customElements.define(…)`, so this plugin reads that table (and
 * any literal `define` call) and gives each class its tag and the module its custom-element-definition export.
 */
function flockDefineCalls() {
  /** class name → tag, from every `'<tag>': <Class>` entry of flockElements and `define('<tag>', <Class>)` call. */
  const tags = new Map();
  return {
    name: 'flock-define-calls',
    analyzePhase({ ts, node }) {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'flockElements') {
        let table = node.initializer;
        while (table && !ts.isObjectLiteralExpression(table)) table = table.expression;
        for (const entry of table?.properties ?? []) {
          if (ts.isPropertyAssignment(entry) && ts.isStringLiteral(entry.name) && ts.isIdentifier(entry.initializer)) {
            tags.set(entry.initializer.text, entry.name.text);
          }
        }
        return;
      }
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, element] = node.arguments;
      if (tag && element && ts.isStringLiteral(tag) && ts.isIdentifier(element)) tags.set(element.text, tag.text);
    },
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
          if (!declaration.customElement || declaration.tagName === 'flock-provider') continue;
          const own = declaration.cssProperties ?? [];
          declaration.cssProperties = [...properties, ...own.filter((p) => !properties.some((t) => t.name === p.name))];
        }
      }
    },
  };
}

export default {
  // The elements, their registration and their event classes: what pages and Storybook use. (The whole
  // of src/ would also list string tables and helpers.) A new element goes here and in manifest.test.js.
  globs: [
    'src/define.ts',
    'src/shared/events.ts',
    'src/{provider,group-buy,assist-progress,referral-card,voucher-qr,voucher-scanner}/{provider,group-buy,assist-progress,referral-card,voucher-qr,voucher-scanner}.ts',
  ],
  outdir: '.',
  litelement: true,
  plugins: [flockDefineCalls(), flockEventClasses(), flockThemeProperties(), flockPublicApi()],
};
