import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cell, show, listHead, countLine, diagnosticText } from '../js/format.js';

test('summary cells: code spans, | escaped, backticks fenced, control characters shown, long text cut', () => {
  assert.equal(cell('1.0'), '`1.0`');
  assert.equal(cell('a|b'), '`a\\|b`');
  assert.equal(cell('a`b'), '``a`b``');
  assert.equal(cell('`a'), '`` `a ``');
  assert.equal(cell(''), '*(empty)*');
  assert.equal(cell('a\nb'), '`"a\\nb"`');
  assert.equal(cell('x'.repeat(300)).length, 2 + 200 + 1);
  assert.equal(cell(null), '');
  // The fast path for plain text (no options given) agrees with the full treatment (options given).
  for (const t of ['1.0', 'environments/eu/prod/values.yaml', 'x'.repeat(200), 'x'.repeat(201), 'a|b', 'a`b', '`a', 'a\tb', 'é😀', ' ', '', 'a\u007f']) {
    assert.equal(cell(t), cell(t, {}), JSON.stringify(t));
  }
});

test('log values: control characters made visible', () => {
  assert.equal(show('plain → ü'), 'plain → ü');
  assert.equal(show('a\r\nb'), '"a\\r\\nb"');
});

test('the closing line lists at most 20 paths', () => {
  const names = Array.from({ length: 25 }, (_, i) => `f${i}`);
  assert.equal(countLine(names, false), '25 files modified');
  assert.equal(countLine(['a'], true), '1 file would be modified (dry run)');
  assert.match(listHead(names), /^: f0, f1, .*f19, … and 5 more$/);
  assert.equal(listHead([]), '');
});

test('a diagnostic text drops the severity prefix the annotation already shows', () => {
  assert.equal(diagnosticText({ rendered: 'error: bad\n --> x\n', message: 'bad' }), 'bad\n --> x');
  assert.equal(diagnosticText({ rendered: '', message: 'plain' }), 'plain');
});
