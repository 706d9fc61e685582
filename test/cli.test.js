// `npx conditional-regex-replace`: dist/cli.js spawned as a shell would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree, runCli, seedTree, read, root, SEED_MAPPINGS } from './helpers.js';

const seedArgs = (...more) => [
  '--mappings', SEED_MAPPINGS,
  '--var', 'docker_image_tag=1.2.0-dev',
  '--var', 'git_branch=feature/login',
  '--regex', 'docker_image_tag_regex=imageTag: "(?<docker_image_tag>.*)"',
  '--regex', 'git_branch_regex=git_branch: "(?<git_branch>.*)"',
  ...more,
];
const ESC = '\x1b[';

test('--help lists every flag and exits 0', () => {
  const r = runCli(['--help']);
  assert.equal(r.code, 0);
  for (const flag of ['--mappings', '--var NAME=VALUE', '--regex NAME=REGEX', '--directory', '--exclude', '--dry-run', '--dump', '--if-no-match-fail', '--updated-file-suffix', '--max-file-size']) {
    assert.ok(r.stdout.includes(flag), flag);
  }
  assert.match(r.stdout, /Exit codes: 0 done, 1 error/);
});

test('--version prints the package version', () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const r = runCli(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, version + '\n');
});

test('changes the files in the current directory and prints a plain diff when piped', () => {
  const ws = makeTree(seedTree());
  const r = runCli(seedArgs(), { cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(read(ws, 'environments/dev/values.yaml'), 'image:\n  imageTag: "1.2.0-dev"\ngit_branch: "feature/login"\nreplicas: 1\n');
  assert.ok(!r.stdout.includes(ESC), 'no colour when piped');
  assert.match(r.stdout, /^--- a\/environments\/dev\/values\.yaml$/m);
  assert.match(r.stdout, /^-  imageTag: "1\.0\.0-dev"$/m);
  assert.match(r.stdout, /^\+  imageTag: "1\.2\.0-dev"$/m);
  assert.match(r.stdout, /^1 file modified: environments\/dev\/values\.yaml$/m);
  assert.ok(!r.stdout.includes('::'), 'no runner commands from the CLI');
});

test('FORCE_COLOR colours the diff; NO_COLOR does not', () => {
  const colored = runCli(seedArgs('--dry-run'), { cwd: makeTree(seedTree()), env: { FORCE_COLOR: '1' } });
  assert.equal(colored.code, 0, colored.stderr);
  assert.ok(colored.stdout.includes(`${ESC}31m`) && colored.stdout.includes(`${ESC}32m`));
  const plain = runCli(seedArgs('--dry-run'), { cwd: makeTree(seedTree()), env: { NO_COLOR: '1' } });
  assert.ok(!plain.stdout.includes(ESC));
});

test('--dry-run and --directory: the diff is shown, nothing written', () => {
  const ws = makeTree({ ...Object.fromEntries(Object.entries(seedTree()).map(([k, v]) => [`sub/${k}`, v])) });
  const file = join(ws, 'sub', 'environments', 'dev', 'values.yaml');
  const before = statSync(file).mtimeMs;
  const r = runCli(seedArgs('--directory', 'sub', '--dry-run'), { cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\+  imageTag: "1\.2\.0-dev"/);
  assert.match(r.stdout, /1 file would be modified \(dry run\)/);
  assert.equal(read(ws, 'sub/environments/dev/values.yaml'), seedTree()['environments/dev/values.yaml']);
  assert.equal(statSync(file).mtimeMs, before);
});

test('--dump prints the configuration and changes nothing', () => {
  const ws = makeTree(seedTree());
  const r = runCli(seedArgs('--dump'), { cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /environments\/prod\/values\.yaml/);
  assert.equal(read(ws, 'environments/dev/values.yaml'), seedTree()['environments/dev/values.yaml']);
});

test('--exclude (repeatable) and --mappings-file', () => {
  const ws = makeTree({ ...seedTree(), 'mappings.txt': '__always__\n  {THEN_UPDATE_FILES} **/values.yaml=docker_image_tag_regex\n' });
  const r = runCli(
    ['--mappings-file', 'mappings.txt', '--var', 'docker_image_tag=9', '--regex', 'docker_image_tag_regex=imageTag: "(?<docker_image_tag>[^"]*)"', '--exclude', 'environments/prod/**', '--exclude', 'nothing/**'],
    { cwd: ws },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(read(ws, 'environments/dev/values.yaml'), /imageTag: "9"/);
  assert.match(read(ws, 'environments/prod/values.yaml'), /imageTag: "0\.9\.0-prod"/);
});

test('a mappings file holding a NUL character is refused, naming the input; nothing changed', () => {
  const ws = makeTree({ ...seedTree(), 'mappings.txt': '__always__ {THEN_UPDATE_FILES} **/values.yaml=docker_image_tag_regex\0\n' });
  const before = read(ws, 'environments/dev/values.yaml');
  const r = runCli(['--mappings-file', 'mappings.txt', '--var', 'docker_image_tag=9', '--regex', 'docker_image_tag_regex=imageTag: "(?<docker_image_tag>[^"]*)"'], { cwd: ws });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /input mappings contains a NUL character; nothing was changed/);
  assert.equal(read(ws, 'environments/dev/values.yaml'), before);
});

test('errors: exit 1, rendered with a caret and a hint on stderr, nothing changed', () => {
  const ws = makeTree(seedTree());
  const r = runCli(seedArgs('--regex', 'x_regex=(?<git_brach>.*)', '--mappings', 'ignored'), { cwd: ws });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /--mappings is given more than once/);
  const typo = runCli(
    ['--mappings', SEED_MAPPINGS, '--var', 'docker_image_tag=1.2.0-dev', '--regex', 'docker_image_tag_regex=imageTag: "(?<docker_image_tag>.*)"', '--regex', 'git_branch_regex=git_branch: "(?<git_brach>.*)"'],
    { cwd: ws },
  );
  assert.equal(typo.code, 1);
  assert.match(typo.stderr, /^error: /m);
  assert.match(typo.stderr, /git_brach/);
  assert.match(typo.stderr, /\^\^\^/);
  assert.match(typo.stderr, /did you mean `?git_branch`?/);
  assert.equal(read(ws, 'environments/dev/values.yaml'), seedTree()['environments/dev/values.yaml']);
});

test('usage errors name the flag', () => {
  const r = runCli(['--mapings', 'x']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unknown option: --mapings \(did you mean --mappings\?\)/);
  const missing = runCli(['--dry-run']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /--mappings is required/);
  const bad = runCli(seedArgs('--dry-run=maybe'), { cwd: makeTree(seedTree()) });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /dry_run/);
});

test('the same exit codes: 3 with --if-no-match-fail, 2 with --if-well-known-vars-missing-fail', () => {
  const ws = makeTree(seedTree());
  const none = runCli(seedArgs('--if-no-match-fail').map((a) => (a === 'docker_image_tag=1.2.0-dev' ? 'docker_image_tag=1.2.0-qa' : a)), { cwd: ws });
  assert.equal(none.code, 3, none.stderr);
  const missing = runCli(
    ['--mappings', '__always__ {THEN_UPDATE_FILES} **/values.yaml=r', '--regex', 'r=replicas: (?<x>\\d+)', '--var', 'x=5', '--if-well-known-vars-missing-fail'],
    { cwd: ws },
  );
  assert.equal(missing.code, 2, missing.stderr);
  assert.equal(read(ws, 'environments/dev/values.yaml'), seedTree()['environments/dev/values.yaml']);
});

test('environment variables are read as by the action', () => {
  const ws = makeTree(seedTree());
  const r = runCli(['--mappings', SEED_MAPPINGS], {
    cwd: ws,
    env: {
      DOCKER_IMAGE_TAG: '3.0.0-prod',
      DOCKER_IMAGE_TAG_REGEX: 'imageTag: "(?<docker_image_tag>.*)"',
      GIT_BRANCH_REGEX: 'git_branch: "(?<git_branch>.*)"',
    },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(read(ws, 'environments/prod/values.yaml'), /imageTag: "3\.0\.0-prod"/);
});
