import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { walk, normaliseRoots, isInside } from '../js/walk.js';
import { scratchDir } from './helpers.js';

// Symlinks need privileges on Windows: the trees with links are POSIX-only.
const posix = process.platform !== 'win32';

function tree() {
  const base = scratchDir('walk-');
  const ws = join(base, 'ws');
  const outside = join(base, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.yaml'), 'secret');
  mkdirSync(join(outside, 'dir'));
  writeFileSync(join(outside, 'dir', 'values.yaml'), 'x');
  for (const d of ['env/dev', 'env/prod', '.git/objects', 'sub/.git', '.github']) mkdirSync(join(ws, d), { recursive: true });
  writeFileSync(join(ws, 'Chart.yaml'), 'c');
  writeFileSync(join(ws, 'env/dev/values.yaml'), 'd');
  writeFileSync(join(ws, 'env/prod/values.yaml'), 'p');
  writeFileSync(join(ws, '.git/config'), 'g');
  writeFileSync(join(ws, '.git/objects/values.yaml'), 'g');
  writeFileSync(join(ws, 'sub/.git/HEAD'), 'g');
  writeFileSync(join(ws, 'sub/x.yaml'), 's');
  writeFileSync(join(ws, '.github/ci.yml'), 'dot');
  writeFileSync(join(ws, '.hidden'), 'dot');
  symlinkSync(join(outside, 'secret.yaml'), join(ws, 'env/dev/escape.yaml'));
  symlinkSync(join(outside, 'dir'), join(ws, 'env/linked-dir'));
  symlinkSync(join(ws, 'env/dev'), join(ws, 'devlink'));
  symlinkSync(join(ws, 'env/prod/values.yaml'), join(ws, 'env/prod-values.yaml'));
  symlinkSync('../prod/values.yaml', join(ws, 'env/dev/relative.yaml'));
  symlinkSync(join(ws, 'nope'), join(ws, 'dangling.yaml'));
  return { ws, outside };
}

test('walks everything from the root, sorted, with / paths; never .git, never directory symlinks', { skip: !posix }, () => {
  const { ws } = tree();
  const { files, outside } = walk(ws, ['']);
  assert.deepEqual(files, [
    '.github/ci.yml',
    '.hidden',
    'Chart.yaml',
    'env/dev/relative.yaml',
    'env/dev/values.yaml',
    'env/prod/values.yaml',
    'env/prod-values.yaml',
    'sub/x.yaml',
  ]);
  assert.deepEqual(outside.sort(), ['dangling.yaml', 'env/dev/escape.yaml']);
});

test('starts only from the walk roots', { skip: !posix }, () => {
  const { ws } = tree();
  assert.deepEqual(walk(ws, ['env/dev']).files, ['env/dev/relative.yaml', 'env/dev/values.yaml']);
  assert.deepEqual(walk(ws, ['env/prod', 'env']).files.length, 4); // nested root not walked twice
  assert.deepEqual(walk(ws, ['missing/dir', 'Chart.yaml']).files, []); // missing, or a file: nothing
});

test('never goes down a root through a directory symlink or into .git', { skip: !posix }, () => {
  const { ws } = tree();
  assert.deepEqual(walk(ws, ['devlink']).files, []);
  assert.deepEqual(walk(ws, ['env/linked-dir']).files, []);
  assert.deepEqual(walk(ws, ['.git']).files, []);
  assert.deepEqual(walk(ws, ['.git/objects']).files, []);
});

test('roots that leave the directory are ignored', () => {
  assert.deepEqual(normaliseRoots(['../x', '/etc', 'C:/x', 'a/../b', 'a//b', 'ok/dir/', './ok2']), ['ok/dir', 'ok2']);
  assert.deepEqual(normaliseRoots(['a/b', 'a', 'a/c', 'b']), ['a', 'b']);
  assert.deepEqual(normaliseRoots(['a', '']), ['']);
});

test('without links: sorted / paths from the roots, dotfiles in, .git out', () => {
  const ws = scratchDir('walk-');
  for (const d of ['b/.git', 'a', '.git', '.config']) mkdirSync(join(ws, d), { recursive: true });
  for (const f of ['b/.git/x', 'b/z', 'b/y', 'a/x', '.git/HEAD', '.config/c', 'top']) writeFileSync(join(ws, ...f.split('/')), f);
  assert.deepEqual(walk(ws, ['']).files, ['.config/c', 'a/x', 'b/y', 'b/z', 'top']);
  assert.deepEqual(walk(ws, ['b', 'a']).files, ['a/x', 'b/y', 'b/z']);
  assert.deepEqual(walk(join(ws, 'a'), ['../']).files, []);
});

test('isInside compares whole path components', () => {
  assert.equal(isInside('/a/bc', '/a/b'), false);
  assert.equal(isInside('/a/b/c', '/a/b'), true);
  assert.equal(isInside('/a/b', '/a/b'), true);
});

// The walk along the engine's plans (names looked up, not listed) against the walk of whole
// directories: after the engine's selection, the same files in the same order, the same
// symlinks refused, for globs of every step kind.
test('plans: the same selection as walking whole directories', { skip: process.platform !== 'linux' }, async () => {
  const { loadEngine } = await import('../js/engine.js');
  const Engine = loadEngine();
  const { ws } = tree();
  mkdirSync(join(ws, 'env/prod/app'), { recursive: true });
  writeFileSync(join(ws, 'env/prod/app/values.yaml'), 'a');
  writeFileSync(join(ws, 'env/values.yaml'), 'e');
  mkdirSync(join(ws, 'env/values.yaml.d'));
  // (case, globs of one mapping each)
  const cases = [
    ['literal file', ['Chart.yaml']],
    ['literal path', ['env/prod/values.yaml']],
    ['star then name', ['env/*/values.yaml']],
    ['star star', ['*/*/values.yaml']],
    ['pattern component', ['env/[dp]*/values.yaml', 'env/{dev,prod}/*.yaml']],
    ['any depth below a name', ['env/**/values.yaml']],
    ['glued **', ['**prod/values.yaml']],
    ['symlinks by name', ['env/dev/escape.yaml', 'env/prod-values.yaml', 'env/dev/relative.yaml', 'dangling.yaml']],
    ['through a directory symlink: never', ['devlink/values.yaml', 'env/linked-dir/values.yaml']],
    ['into .git: never', ['.git/config', '.git/objects/values.yaml', 'sub/.git/HEAD']],
    ['a name that is a directory', ['env/values.yaml.d', 'env']],
    ['missing names', ['nope/values.yaml', 'env/nope.yaml']],
    ['dotfiles', ['.hidden', '.github/*.yml']],
    ['two globs, shared directories', ['env/prod/values.yaml', 'env/*/values.yaml', 'env/prod/*/values.yaml']],
  ];
  let total = 0;
  for (const [name, globs] of cases) {
    const mappings = globs.map((g) => `__always__ {THEN_UPDATE_FILES} ${g}=r`).join(' {NEXT_MAPPING} ');
    const engine = new Engine({ inputs: { mappings, regexes: 'r=tag: (?<docker_image_tag>.*)', docker_image_tag: '1' }, env: {} });
    try {
      assert.equal(engine.hasErrors(), false, name);
      const report = engine.report();
      const descend = (dir) => engine.mayHoldSelected(dir, false);
      const whole = walk(ws, report.walkRoots, { descend, removeStaleTemps: false });
      const planned = walk(ws, report.walkRoots, { descend, removeStaleTemps: false, plans: report.walkPlans });
      const selected = (files) => engine.select(files).files;
      assert.deepEqual(selected(planned.files), selected(whole.files), name);
      total += selected(whole.files).length;
      assert.deepEqual(planned.outside.filter((f) => selected([f]).length), whole.outside.filter((f) => selected([f]).length), `${name}: outside`);
      assert.deepEqual([...planned.special].filter((f) => selected([f]).length), [...whole.special].filter((f) => selected([f]).length), `${name}: special`);
    } finally {
      engine.free();
    }
  }
  assert.ok(total >= 20, `the cases select files (${total})`);
});

test('plans: names are looked up, directories listed only where a glob needs it', { skip: process.platform !== 'linux' }, () => {
  const ws = scratchDir('walk-');
  for (const d of ['env/eu/prod/a', 'env/eu/prod/b', 'env/eu/dev/a', 'env/us/prod/a']) mkdirSync(join(ws, ...d.split('/')), { recursive: true });
  for (const f of ['env/eu/prod/a/values.yaml', 'env/eu/prod/a/other.yaml', 'env/eu/prod/b/values.yaml', 'env/eu/dev/a/values.yaml', 'env/us/prod/a/values.yaml', 'top.yaml']) {
    writeFileSync(join(ws, ...f.split('/')), f);
  }
  const plan = [{ name: 'env' }, 'anyName', { name: 'prod' }, 'anyName', { name: 'values.yaml' }];
  const { files, unlisted } = walk(ws, ['env'], { plans: [plan] });
  assert.deepEqual(files, ['env/eu/prod/a/values.yaml', 'env/eu/prod/b/values.yaml', 'env/us/prod/a/values.yaml']);
  assert.deepEqual([...unlisted].sort(), ['env/eu/prod/a', 'env/eu/prod/b', 'env/us/prod/a'], 'where names were looked up');
  assert.deepEqual(walk(ws, [''], { plans: [['anyName']] }).files, ['top.yaml']);
  assert.deepEqual(walk(ws, [''], { plans: [] }).files, [], 'no active glob: nothing');
  assert.deepEqual(walk(ws, [''], { plans: [['deep']] }).files.length, 6, 'deep lists everything');
});
