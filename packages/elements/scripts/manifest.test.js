// custom-elements.json feeds Storybook's docs pages and editors' completions. A change in the
// analyzer or its config could leave it empty without any error: check that every tag is there,
// with its attributes and the events its JSDoc promises.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8'));
const elements = new Map(
  manifest.modules.flatMap((module) =>
    (module.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => [d.tagName, { ...d, module }]),
  ),
);

/** Each widget's events, as its class's `@event` lines name them. */
const widgetEvents = {
  'flock-group-buy': ['flock-checkout', 'flock-buy-alone', 'flock-team-closed', 'flock-error'],
  'flock-assist-progress': ['flock-assist-started', 'flock-helped', 'flock-claim', 'flock-error'],
  'flock-referral-card': ['flock-promoter-joined', 'flock-poster-ready', 'flock-error'],
  'flock-voucher-qr': ['flock-error'],
  'flock-voucher-scanner': ['flock-redeemed', 'flock-error'],
};

test('the manifest lists all six tags, each exported under its tag name', () => {
  assert.deepEqual([...elements.keys()].sort(), ['flock-provider', ...Object.keys(widgetEvents)].sort());
  for (const [tag, element] of elements) {
    const definition = element.module.exports?.find((e) => e.kind === 'custom-element-definition' && e.name === tag);
    assert.ok(definition, `${tag} has no custom-element-definition export`);
  }
});

for (const [tag, events] of Object.entries(widgetEvents)) {
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

test('flock-provider: its attributes and default slot', () => {
  const provider = elements.get('flock-provider');
  const attributes = provider.attributes.map((a) => a.name);
  for (const attribute of ['api', 'publishable-key', 'shopper-token', 'locale']) assert.ok(attributes.includes(attribute));
  assert.ok(provider.slots.some((slot) => slot.name === ''));
});
