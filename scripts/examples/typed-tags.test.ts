// The per-tag event lists behind @flock/elements/react and /vue (FlockTagEvents in
// packages/elements/src/frameworks/tags.ts) are derived from the `events` of each element in
// packages/elements/src/registry.ts; this keeps those equal to the `@event` lines of the element
// classes, as the Custom Elements Manifest records them.
//
//   node --import tsx --test scripts/examples/typed-tags.test.ts   (part of examples/react's `pnpm test`)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { flockRegistry } from '../../packages/elements/src/registry.js';

const elements = new URL('../../packages/elements/', import.meta.url);

/** tag → its event names, as the registry (and so FlockTagEvents) declares them. */
function typedTagEvents(): Record<string, string[]> {
  return Object.fromEntries(flockRegistry.map((entry) => [entry.tag, [...entry.events].sort()]));
}

/** tag → its event names, from custom-elements.json. */
function manifestEvents(): Record<string, string[]> {
  const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', elements), 'utf8')) as {
    modules: { declarations?: { tagName?: string; events?: { name: string }[] }[] }[];
  };
  const tags = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
  return Object.fromEntries(tags.map((tag) => [tag.tagName!, (tag.events ?? []).map((event) => event.name).sort()]));
}

test('every Flock tag and each of its events has a typed handler in the React and Vue types', () => {
  assert.deepEqual(typedTagEvents(), manifestEvents());
});
