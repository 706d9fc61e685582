import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff, lineOps } from '../js/diff.js';

const lines = (n, f = (i) => `line ${i}`) => Array.from({ length: n }, (_, i) => f(i + 1)).join('\n') + '\n';

test('one changed line: a unified hunk with 3 lines of context', () => {
  const before = lines(10);
  const after = lines(10, (i) => (i === 5 ? 'line five' : `line ${i}`));
  assert.equal(
    unifiedDiff('v.yaml', 'v.yaml', before, after),
    ['--- a/v.yaml', '+++ b/v.yaml', '@@ -2,7 +2,7 @@', ' line 2', ' line 3', ' line 4', '-line 5', '+line five', ' line 6', ' line 7', ' line 8'].join('\n'),
  );
});

test('distant changes make separate hunks, near ones merge; CRLF is not shown', () => {
  const before = lines(30).replace(/\n/g, '\r\n');
  const after = lines(30, (i) => ([2, 4, 25].includes(i) ? `L${i}` : `line ${i}`)).replace(/\n/g, '\r\n');
  const diff = unifiedDiff('a', 'a.new', before, after);
  assert.equal(diff.match(/^@@/gm).length, 2);
  assert.match(diff, /^\+\+\+ b\/a\.new$/m);
  assert.ok(!diff.includes('\r'));
});

test('a value with a newline: the differing middle as one block', () => {
  const ops = lineOps('a\nb: 1\nc\n', 'a\nb: x\ny\nc\n');
  assert.deepEqual(ops.map((o) => o.op + o.text), [' a', '-b: 1', '+b: x', '+y', ' c']);
});

test('colour only when asked, with the changed span highlighted', () => {
  const plain = unifiedDiff('f', 'f', 'tag: "1.0"\n', 'tag: "2.0"\n');
  assert.ok(!plain.includes('\x1b['));
  const colored = unifiedDiff('f', 'f', 'tag: "1.0"\n', 'tag: "2.0"\n', { color: true });
  assert.ok(colored.includes('\x1b[31m'));
  assert.ok(colored.includes('\x1b[32m'));
  assert.ok(colored.includes('\x1b[7m'));
});
