// js/engine.js applyFile and selectInto (the action's packed paths through wasm) against the
// engine's own `apply` and `selectJoined` (JSON): the same selection and the same FileResult for
// every file of every golden fixture (tests/fixtures/: changed, unchanged, skipped with a
// warning, CRLF, BOM, non-ASCII, several edits per line…), and for content built to hit the
// edges of the packing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { applyFile, loadEngine, selectInto } from '../js/engine.js';
import { root } from './helpers.js';

const Engine = loadEngine();
const fixtures = join(root, 'tests', 'fixtures');

function filesBelow(dir, rel = '') {
  const out = [];
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    if (statSync(join(dir, path)).isDirectory()) out.push(...filesBelow(dir, path));
    else out.push(path);
  }
  return out;
}

/** Both ways on the same engine: `apply` first (it leaves the packed path's state alone). */
function bothWays(engine, path, bytes) {
  const expected = engine.apply(path, bytes);
  const actual = applyFile(engine, path, bytes);
  return { expected: { ...expected, content: expected.content && Buffer.from(expected.content) }, actual: { ...actual, content: actual.content && Buffer.from(actual.content) } };
}

for (const name of readdirSync(fixtures).sort()) {
  test(`applyFile ≡ apply: fixture ${name}`, () => {
    const config = JSON.parse(readFileSync(join(fixtures, name, 'config.json'), 'utf8'));
    const engine = new Engine({ inputs: config.inputs ?? {}, env: config.env ?? {} });
    try {
      const before = join(fixtures, name, 'before');
      const paths = filesBelow(before);
      // selectInto (selectPacked) ≡ selectJoined, in batches as the walk gives them; then, as
      // the action does, apply after select (the engine reuses what select matched).
      const joined = engine.selectJoined(Buffer.from(paths.join('\0')));
      const into = engine.selectJoined(new Uint8Array(0));
      for (let i = 0; i < paths.length; i += 3) selectInto(engine, paths.slice(i, i + 3), into);
      assert.deepEqual(into, joined, 'selectInto');
      assert.ok(joined.targets.some((t) => t.files.length > 0) || engine.hasErrors(), `${name}: some glob selects files`);
      let compared = 0;
      for (const path of paths) {
        const bytes = readFileSync(join(before, path));
        const { expected, actual } = bothWays(engine, path, bytes);
        assert.deepEqual(actual, expected, path);
        // The view of the engine's memory holds the same bytes (read before the next call).
        const viewed = applyFile(engine, path, bytes, { view: true });
        assert.deepEqual(viewed.content && Buffer.from(viewed.content), expected.content, `${path}: contentView`);
        compared++;
      }
      assert.ok(compared > 0, 'the fixture has files');
    } finally {
      engine.free();
    }
  });
}

test('applyFile ≡ apply: many edits, empty old values, separators and control characters in the content', () => {
  const engine = new Engine({
    inputs: {
      mappings: '__always__ {THEN_UPDATE_FILES} **=tag_regex',
      regexes: 'tag_regex=tag: (?<git_tag>[^\\n]*)',
      git_tag: 'v2 \u0001 | \\0 "q"',
    },
    env: {},
  });
  try {
    const lines = [];
    for (let i = 0; i < 500; i++) lines.push(i % 3 === 0 ? 'tag: ' : `tag: v1-\u0001-${i}-é`);
    const cases = [
      ['many.yaml', lines.join('\n') + '\n'],
      ['unchanged.yaml', 'nothing here\n'],
      ['binary.yaml', 'tag: x\0y\n'],
      ['empty.yaml', ''],
    ];
    for (const [path, text] of cases) {
      const { expected, actual } = bothWays(engine, path, Buffer.from(text));
      assert.deepEqual(actual, expected, path);
    }
    const many = applyFile(engine, 'many.yaml', Buffer.from(lines.join('\n')));
    assert.equal(many.status, 'changed');
    assert.equal(many.edits.length, 500);
    assert.equal(many.edits[1].old, 'v1-\u0001-1-é');
    assert.equal(many.edits[1].new, 'v2 \u0001 | \\0 "q"');
    assert.equal(many.edits[499].line, 500);
    assert.equal(applyFile(engine, 'binary.yaml', Buffer.from('tag: x\0y\n')).warnings.length, 1);
    assert.equal(engine.takeContent(), undefined, 'the content is handed out once');
  } finally {
    engine.free();
  }
});
