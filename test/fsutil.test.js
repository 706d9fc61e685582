import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWrite, renameWithRetry, skipReason, readIfExists } from '../js/fsutil.js';
import { scratchDir } from './helpers.js';

const dir = () => scratchDir('fs-');

test('atomicWrite replaces the content, keeps the mode, leaves no temporary file', { skip: process.platform === 'win32' }, () => {
  const d = dir();
  const f = join(d, 'values.yaml');
  writeFileSync(f, 'old');
  chmodSync(f, 0o640);
  atomicWrite(f, Buffer.from('new content'));
  assert.equal(readFileSync(f, 'utf8'), 'new content');
  assert.equal(statSync(f).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(d), ['values.yaml']);
  chmodSync(f, 0o755);
  atomicWrite(f, Buffer.from('x'), { durable: true });
  assert.equal(readFileSync(f, 'utf8'), 'x');
  assert.equal(statSync(f).mode & 0o777, 0o755);
});

test('atomicWrite keeps modes the umask would strip, set-id bits included, on every write', { skip: process.platform === 'win32' }, () => {
  const old = process.umask(0o022);
  try {
    const d = dir();
    // Each mode twice: the first write learns whether the umask keeps it, the second relies on that.
    for (const mode of [0o644, 0o666, 0o777, 0o600, 0o2755, 0o644, 0o666, 0o777, 0o600, 0o2755]) {
      const f = join(d, `f${mode.toString(8)}`);
      writeFileSync(f, 'old');
      chmodSync(f, mode);
      atomicWrite(f, Buffer.from('new'));
      assert.equal(readFileSync(f, 'utf8'), 'new');
      assert.equal(statSync(f).mode & 0o7777, mode, mode.toString(8));
    }
    assert.equal(readdirSync(d).length, 5, 'no temporary file left');
  } finally {
    process.umask(old);
  }
});

test('atomicWrite creates a new file with the given mode', { skip: process.platform === 'win32' }, () => {
  const d = dir();
  const f = join(d, 'values.yaml.new');
  atomicWrite(f, Buffer.from('a'), { mode: 0o600 });
  assert.equal(readFileSync(f, 'utf8'), 'a');
  assert.equal(statSync(f).mode & 0o777, 0o600);
});

test('atomicWrite removes its temporary file when the rename fails', () => {
  const d = dir();
  // Renaming a file over a non-empty directory fails on every OS.
  mkdtempSync(join(d, 'x'));
  const sub = readdirSync(d)[0];
  writeFileSync(join(d, sub, 'keep'), 'k');
  assert.throws(() => atomicWrite(join(d, sub), Buffer.from('a'), { mode: 0o644 }));
  assert.deepEqual(readdirSync(d), [sub]);
});

test('renameWithRetry retries EPERM/EBUSY on Windows only, then gives up', () => {
  let calls = 0;
  const failing = (code, okAfter) => () => {
    calls++;
    if (calls <= okAfter) throw Object.assign(new Error(code), { code });
  };
  calls = 0;
  renameWithRetry('a', 'b', { platform: 'win32', rename: failing('EPERM', 2) });
  assert.equal(calls, 3);
  calls = 0;
  assert.throws(() => renameWithRetry('a', 'b', { platform: 'linux', rename: failing('EPERM', 2) }), /EPERM/);
  assert.equal(calls, 1);
  calls = 0;
  assert.throws(() => renameWithRetry('a', 'b', { platform: 'win32', rename: failing('EBUSY', 100) }), /EBUSY/);
  assert.equal(calls, 8);
  calls = 0;
  assert.throws(() => renameWithRetry('a', 'b', { platform: 'win32', rename: failing('ENOENT', 1) }), /ENOENT/);
  assert.equal(calls, 1);
});

test('skipReason: too large, no write bit, not a regular file', { skip: process.platform === 'win32' }, () => {
  const d = dir();
  const f = join(d, 'f');
  writeFileSync(f, '12345');
  assert.equal(skipReason(statSync(f), 5), null);
  assert.match(skipReason(statSync(f), 4), /larger than max_file_size \(5 bytes > 4 bytes\)/);
  chmodSync(f, 0o444);
  assert.match(skipReason(statSync(f), 100), /no write bit/);
  chmodSync(f, 0o200);
  assert.equal(skipReason(statSync(f), 100), null); // write bit for the owner: not skipped
  assert.match(skipReason(statSync(d), 100), /not a regular file/);
});

test('readIfExists', () => {
  const d = dir();
  assert.equal(readIfExists(join(d, 'none')), null);
  writeFileSync(join(d, 'a'), 'x');
  assert.equal(readIfExists(join(d, 'a')).toString(), 'x');
});
