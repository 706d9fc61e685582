// Faults (issue 7, item 4): a crash between writing the temp file and the rename, and a full disk.
//
// The crash is real: CRR_TEST_CRASH_BEFORE_RENAME=<n> (a test-only hook in js/fsutil.js) makes
// the action SIGKILL itself right after its n-th temp file is completely written, before the
// rename. Afterwards every file must be old or new, never partial; the next run removes the temp
// file the dead one left and completes the job. The full disk is a real one too: a 64 KiB tmpfs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNAL_PATTERN, TEMP_PATTERN, cleanStaleJournals, isStaleTemp, tempName, writeJournal, STALE_AFTER_MS } from '../js/fsutil.js';
import { walk } from '../js/walk.js';
import { cannotMount, fileEntry, makeTree, mountTmpfs, posix, runAction, snapshotTree } from './helpers.js';

const R = 'r=imageTag: "(?<docker_image_tag>[^"]*)"';
const always = (glob, over = {}) => ({ mappings: `__always__ {THEN_UPDATE_FILES} ${glob}=r`, regexes: R, docker_image_tag: '2.0.0', ...over });
const OLD = 'image:\n  imageTag: "1.0.0"\n' + '# filler\n'.repeat(500);
const NEW = OLD.replace('1.0.0', '2.0.0');
const TARGETS = ['a/values.yaml', 'b/values.yaml', 'c/values.yaml'];
const temps = (snapshot) => Object.keys(snapshot).filter((p) => TEMP_PATTERN.test(p.split('/').at(-1)));
const journals = (snapshot) => Object.keys(snapshot).filter((p) => JOURNAL_PATTERN.test(p));

/** A pid that certainly is not running: a child that has exited (and been reaped). */
function deadPid() {
  return spawnSync(process.execPath, ['-e', '0']).pid;
}

// `**/values.yaml` lists every directory; `*/values.yaml` looks `values.yaml` up in each
// directory without listing it (js/walk.js plans), so the next run finds the dead run's temp file
// through its journal (js/fsutil.js).
for (const [glob, n] of [['**/values.yaml', 1], ['**/values.yaml', 2], ['**/values.yaml', 3], ['*/values.yaml', 1], ['*/values.yaml', 3]]) {
  const looksUp = process.platform === 'linux' && !glob.startsWith('**');
  test(`a crash before rename #${n} (${glob}): every file old or new, never partial; the next run cleans up and completes`, { skip: !posix }, () => {
    const tree = Object.fromEntries(TARGETS.map((p) => [p, OLD]));
    tree['README.md'] = 'not selected\n';
    const ws = makeTree(tree);
    const before = snapshotTree(ws);

    const crashed = runAction({ workspace: ws, with: always(glob), env: { CRR_TEST_CRASH_BEFORE_RENAME: String(n) } });
    assert.equal(crashed.signal, 'SIGKILL', `the hook killed the run: exit ${crashed.code}\n${crashed.stdout}`);
    assert.equal(crashed.outputText, '', 'it died before its outputs');

    // Files are processed in sorted order: the first n-1 are renamed into place, the n-th is a
    // complete temp file beside the old one, the rest are untouched.
    const after = snapshotTree(ws);
    for (const [i, path] of TARGETS.entries()) {
      const content = readFileSync(join(ws, path), 'utf8');
      assert.ok(content === OLD || content === NEW, `${path} is neither old nor new`);
      assert.equal(content, i < n - 1 ? NEW : OLD, path);
      assert.equal(statSync(join(ws, path)).mode & 0o777, 0o644, `${path} keeps its mode`);
    }
    const left = temps(after);
    assert.equal(left.length, 1, `one temp file left by the crash: ${JSON.stringify(Object.keys(after))}`);
    const [temp] = left;
    assert.ok(temp.startsWith(TARGETS[n - 1].replace(/values\.yaml$/, '.values.yaml.crr-')), temp);
    assert.equal(readFileSync(join(ws, temp), 'utf8'), NEW, 'the temp file was complete when the crash came');
    assert.equal(after['README.md'], before['README.md']);
    const journal = journals(after);
    assert.equal(journal.length, looksUp ? 1 : 0, `a journal only when directories were not listed: ${JSON.stringify(Object.keys(after))}`);
    if (looksUp) assert.equal(readFileSync(join(ws, journal[0]), 'utf8'), 'a\nb\nc\n', 'it names the directories written to');

    // The next run: removes the dead run's temp file, never selects it, completes the job.
    const next = runAction({ workspace: ws, with: always(looksUp ? glob : '**') });
    assert.equal(next.code, 0, next.stdout + next.stderr);
    assert.deepEqual(JSON.parse(next.outputs.modified_files), TARGETS.slice(n - 1), 'only what was left to do');
    const done = snapshotTree(ws);
    assert.deepEqual(temps(done), [], 'no temp file left');
    assert.deepEqual(journals(done), [], 'no journal left');
    const expected = { ...before };
    for (const p of TARGETS) expected[p] = fileEntry(NEW);
    assert.deepEqual(done, expected);
  });
}

test('temp files: a live concurrent run’s is left alone, stale ones are removed, none is ever selected', { skip: !posix }, () => {
  const ws = makeTree({ 'env/values.yaml': 'imageTag: "1"\n' });
  const live = join(ws, 'env', tempName('values.yaml', process.pid)); // this test process: alive
  const old = join(ws, 'env', tempName('values.yaml', process.pid));
  const dead = join(ws, 'env', tempName('values.yaml', deadPid()));
  const lookalikes = ['values.yaml.tmp', '.values.yaml.crr.tmp', '.values.yaml.crr-12-xyz.tmp', 'x.crr-1-0123456789ab0.tmp'];
  for (const f of [live, old, dead]) writeFileSync(f, 'imageTag: "half"\n');
  for (const f of lookalikes) writeFileSync(join(ws, 'env', f), 'imageTag: "1"\n');
  const twoHoursAgo = new Date(Date.now() - 2 * STALE_AFTER_MS);
  utimesSync(old, twoHoursAgo, twoHoursAgo);

  const r = runAction({ workspace: ws, with: always('**') });
  assert.equal(r.code, 0, r.stdout);
  const names = readdirSync(join(ws, 'env')).sort();
  assert.deepEqual(names, [live.split('/').at(-1), ...lookalikes, 'values.yaml'].sort(), 'the stale ones (dead pid, over an hour old) are gone');
  assert.equal(readFileSync(live, 'utf8'), 'imageTag: "half"\n', 'a live run’s temp file is neither removed nor selected');
  // Files that merely look like temp files are ordinary files: selected and updated.
  assert.deepEqual(JSON.parse(r.outputs.modified_files), [...lookalikes.map((f) => `env/${f}`), 'env/values.yaml'].sort());
});

test('walk: temp files are never candidates; removeStaleTemps: false leaves them', { skip: !posix }, () => {
  const ws = makeTree({ 'values.yaml': 'x' });
  const stale = tempName('values.yaml', deadPid());
  writeFileSync(join(ws, stale), 'x');
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(ws, stale), past, past);
  const kept = walk(ws, [''], { removeStaleTemps: false });
  assert.deepEqual(kept.files, ['values.yaml']);
  assert.deepEqual(kept.removed, []);
  assert.deepEqual(readdirSync(ws).sort(), [stale, 'values.yaml'].sort());
  const cleaned = walk(ws, ['']);
  assert.deepEqual(cleaned.files, ['values.yaml']);
  assert.deepEqual(cleaned.removed, [stale]);
  assert.deepEqual(readdirSync(ws), ['values.yaml']);
});

test('tempName: recognisable, and short enough beside a 255-byte name (cut at a character boundary)', () => {
  const name = tempName('values.yaml', 1234, '0123456789abz');
  assert.equal(name, '.values.yaml.crr-1234-0123456789abz.tmp');
  assert.ok(TEMP_PATTERN.test(name));
  assert.ok(TEMP_PATTERN.test(tempName('new\nline.yaml')), 'any name, newlines included');
  const long = 'é'.repeat(127) + '.y'; // 256 bytes: over NAME_MAX already as a name
  const cut = tempName(long, 4294967295);
  assert.ok(Buffer.byteLength(cut) <= 255, `${Buffer.byteLength(cut)} bytes`);
  assert.ok(TEMP_PATTERN.test(cut));
  assert.ok(!cut.includes('\uFFFD'), 'no broken character');
  const unique = new Set(Array.from({ length: 1000 }, () => tempName('v')));
  assert.equal(unique.size, 1000);
});

test('isStaleTemp: only our pattern, only regular files, only written before this process, only when the writer is gone', () => {
  const start = 1_000_000_000_000;
  const file = (mtimeMs) => ({ isFile: () => true, mtimeMs });
  const opts = (alive) => ({ now: start + 1000, start, alive: () => alive });
  const ours = tempName('values.yaml', 999_999);
  assert.equal(isStaleTemp(ours, file(start - 10), opts(false)), true, 'writer gone');
  assert.equal(isStaleTemp(ours, file(start - 10), opts(true)), false, 'writer alive: a concurrent run');
  assert.equal(isStaleTemp(ours, file(start + 10), opts(false)), false, 'written after this process started');
  assert.equal(isStaleTemp(ours, file(start - STALE_AFTER_MS - 10), opts(true)), true, 'over an hour old');
  assert.equal(isStaleTemp(tempName('v', process.pid), file(start - 10), opts(true)), true, 'our own pid, from before we started: reused pid');
  assert.equal(isStaleTemp(ours, { isFile: () => false, mtimeMs: 0 }, opts(false)), false, 'not a regular file');
  assert.equal(isStaleTemp('values.yaml.tmp', file(0), opts(false)), false, 'not our pattern');
});

test('disk full: exit 1, a clear message naming the file, the original intact, no temp file left', { skip: cannotMount() || false }, (t) => {
  const m = mountTmpfs('size=64k');
  t.after(() => m.unmount());
  const small = 'imageTag: "1"\n';
  const big = 'imageTag: "1"\n' + '#'.repeat(40 * 1024) + '\n'; // 10 pages of a 16-page file system
  makeTree({ 'a/small.yaml': small, 'b/big.yaml': big }, m.dir);
  const before = snapshotTree(m.dir);

  const r = runAction({ workspace: m.dir, with: always('**/*.yaml') });
  assert.equal(r.code, 1, r.stdout);
  const errors = r.commands.filter((c) => c.command === 'error');
  assert.ok(
    errors.some((e) => /b\/big\.yaml/.test(e.message) && /ENOSPC/.test(e.message)),
    `an error naming b/big.yaml and ENOSPC:\n${r.stdout}`,
  );
  const after = snapshotTree(m.dir);
  assert.deepEqual(temps(after), [], 'the partial temp file was removed');
  assert.equal(after['b/big.yaml'], before['b/big.yaml'], 'the original is intact');
  assert.equal(readFileSync(join(m.dir, 'b/big.yaml'), 'utf8'), big);
  // The file that fit was written; the outputs say exactly what was.
  assert.equal(readFileSync(join(m.dir, 'a/small.yaml'), 'utf8'), 'imageTag: "2.0.0"\n');
  assert.deepEqual(JSON.parse(r.outputs.modified_files), ['a/small.yaml']);
  assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort());

  // With room again, the next run completes the job.
  m.remount('size=256k');
  const again = runAction({ workspace: m.dir, with: always('**/*.yaml') });
  assert.equal(again.code, 0, again.stdout);
  assert.deepEqual(JSON.parse(again.outputs.modified_files), ['b/big.yaml']);
  assert.equal(readFileSync(join(m.dir, 'b/big.yaml'), 'utf8'), big.replace('"1"', '"2.0.0"'));
  assert.deepEqual(temps(snapshotTree(m.dir)), []);
});

test('a crash while writing through a symlink: the next run finds the temp file beside the target, in a directory no glob walks', { skip: !posix }, () => {
  // `env/*.yaml` walks env/ only; env/values.yaml links to shared/values.yaml, and the temp file
  // of its write goes beside the target, in shared/: the journal names that directory.
  const ws = makeTree({ 'shared/values.yaml': OLD, 'env/values.yaml': { symlink: '../shared/values.yaml' } });
  const crashed = runAction({ workspace: ws, with: always('env/*.yaml'), env: { CRR_TEST_CRASH_BEFORE_RENAME: '1' } });
  assert.equal(crashed.signal, 'SIGKILL', crashed.stdout);
  const after = snapshotTree(ws);
  assert.equal(temps(after).length, 1, JSON.stringify(Object.keys(after)));
  assert.ok(temps(after)[0].startsWith('shared/.values.yaml.crr-'), temps(after)[0]);
  assert.equal(journals(after).length, 1, 'a journal names shared/');

  const next = runAction({ workspace: ws, with: always('env/*.yaml') });
  assert.equal(next.code, 0, next.stdout + next.stderr);
  assert.deepEqual(JSON.parse(next.outputs.modified_files), ['env/values.yaml']);
  const done = snapshotTree(ws);
  assert.deepEqual(temps(done), [], 'the temp file in shared/ is gone');
  assert.deepEqual(journals(done), []);
  assert.equal(readFileSync(join(ws, 'shared/values.yaml'), 'utf8'), NEW);
});

test('journals: a stale one leads to its stale temp files and goes; a live one stays; lines leaving the tree are ignored', { skip: !posix }, () => {
  const ws = makeTree({ 'a/values.yaml': 'a', 'b/values.yaml': 'b', 'outside/values.yaml': 'o' });
  const past = new Date(Date.now() - 10_000);
  const stamp = (p) => utimesSync(join(ws, p), past, past);
  const dead = deadPid();
  const staleTemp = `a/${tempName('values.yaml', dead)}`;
  const liveTemp = `b/${tempName('values.yaml', process.pid)}`;
  for (const p of [staleTemp, liveTemp]) {
    writeFileSync(join(ws, p), 'x');
    stamp(p);
  }
  // A dead run's journal, naming a/ and lines that must never be followed.
  const staleJournal = `.crr-${dead}-0123456789abz.journal`;
  writeFileSync(join(ws, staleJournal), 'a\n../outside\n/etc\n\0\n');
  stamp(staleJournal);
  // A live run's journal (this process, written after it started): left alone with its temps.
  const live = writeJournal(ws, ['b']);
  assert.ok(JOURNAL_PATTERN.test(live.split('/').at(-1)), live);
  assert.equal(readFileSync(live, 'utf8'), 'b\n');

  assert.deepEqual(cleanStaleJournals(ws), [staleTemp]);
  const names = (d) => readdirSync(join(ws, d)).sort();
  assert.deepEqual(names('a'), ['values.yaml'], 'the stale temp file is gone');
  assert.deepEqual(names('b'), [liveTemp.split('/')[1], 'values.yaml'].sort(), 'the live one stays');
  assert.deepEqual(names('.').filter((n) => JOURNAL_PATTERN.test(n)), [live.split('/').at(-1)], 'only the live journal is left');
});

test('walk: a journal is never a candidate', () => {
  const ws = makeTree({ 'values.yaml': 'v' });
  writeFileSync(join(ws, '.crr-123-0123456789abz.journal'), 'a\n');
  assert.deepEqual(walk(ws, ['']).files, ['values.yaml']);
  assert.deepEqual(walk(ws, [''], { plans: [['anyName']] }).files, ['values.yaml']);
  assert.deepEqual(walk(ws, [''], { plans: [[{ name: '.crr-123-0123456789abz.journal' }]] }).files, []);
});
