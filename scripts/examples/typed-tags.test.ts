// The per-tag event lists behind @flock/elements/react and /vue (FlockTagEvents in
// packages/elements/src/frameworks/tags.ts) are written by hand; this keeps them equal to the
// `@event` lines of the element classes, as the Custom Elements Manifest records them.
//
//   node --import tsx --test scripts/examples/typed-tags.test.ts   (part of examples/react's `pnpm test`)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ts from 'typescript';

const elements = new URL('../../packages/elements/', import.meta.url);

/** tag → its event names, read from the FlockTagEvents interface's syntax. */
function typedTagEvents(): Record<string, string[]> {
  const path = new URL('src/frameworks/tags.ts', elements);
  const source = ts.createSourceFile(path.pathname, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
  const declaration = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === 'FlockTagEvents',
  );
  assert.ok(declaration, 'FlockTagEvents is missing from tags.ts');
  const eventNames = (type: ts.TypeNode): string[] => {
    if (ts.isUnionTypeNode(type)) return type.types.flatMap(eventNames);
    if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text];
    assert.equal(type.kind, ts.SyntaxKind.NeverKeyword, `unexpected type ${type.getText(source)}`);
    return [];
  };
  return Object.fromEntries(
    declaration.members.filter(ts.isPropertySignature).map((member) => {
      assert.ok(member.type && ts.isStringLiteral(member.name));
      return [member.name.text, eventNames(member.type).sort()];
    }),
  );
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
