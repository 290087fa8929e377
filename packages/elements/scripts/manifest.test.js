// custom-elements.json feeds Storybook's docs pages and editors' completions. A change in the
// analyzer or its config could leave it empty without any error: check that every tag of
// src/registry.ts is there, with its attributes, and that its JSDoc promises the registry's events.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { tsImport } from 'tsx/esm/api';

const { flockRegistry, flockWidgets, provider } = await tsImport('../src/registry.ts', import.meta.url);

const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8'));
const elements = new Map(
  manifest.modules.flatMap((module) =>
    (module.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => [d.tagName, { ...d, module }]),
  ),
);

test('the manifest lists every tag of the registry, each exported under its tag name', () => {
  assert.deepEqual([...elements.keys()].sort(), flockRegistry.map((entry) => entry.tag).sort());
  for (const [tag, element] of elements) {
    const definition = element.module.exports?.find((e) => e.kind === 'custom-element-definition' && e.name === tag);
    assert.ok(definition, `${tag} has no custom-element-definition export`);
  }
});

for (const { tag, events } of flockWidgets) {
  test(`${tag}: events, attributes, parts and theme properties`, () => {
    const element = elements.get(tag);
    assert.ok(element, `${tag} is missing`);
    // Exactly the documented events: the analyzer's misreadings (`code`, `team`, …) must stay out.
    assert.deepEqual(element.events.map((e) => e.name).sort(), [...events].sort());
    for (const event of element.events) assert.ok(event.description, `${tag} ${event.name} has no description`);
    const attributes = element.attributes.map((a) => a.name);
    for (const attribute of ['theme', 'locale']) assert.ok(attributes.includes(attribute), `${tag} lacks ${attribute}`);
    assert.ok(element.cssParts?.length > 0, `${tag} lists no css parts`);
    const properties = element.cssProperties.map((p) => p.name);
    for (const property of ['--flock-color-brand', '--flock-radius', '--flock-font'])
      assert.ok(properties.includes(property), `${tag} lacks ${property}`);
  });
}

test(`${provider.tag}: its attributes and default slot`, () => {
  const element = elements.get(provider.tag);
  const attributes = element.attributes.map((a) => a.name);
  for (const attribute of ['api', 'publishable-key', 'shopper-token', 'locale']) assert.ok(attributes.includes(attribute));
  assert.ok(element.slots.some((slot) => slot.name === ''));
});
