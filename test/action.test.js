// The action end to end: dist/index.js spawned as the runner spawns it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeTree, runAction, seedTree, seedWith, read, posix, actionYml, parseOutputs } from './helpers.js';

const errors = (r) => r.commands.filter((c) => c.command === 'error');
const warnings = (r) => r.commands.filter((c) => c.command === 'warning');
const notices = (r) => r.commands.filter((c) => c.command === 'notice');
const OLD = new Date('2020-01-01T00:00:00Z');

function snapshot(ws, paths) {
  return Object.fromEntries(paths.map((p) => [p, read(ws, p)]));
}

test('the seed example: dev updated, prod untouched, outputs, groups, edits, summary', () => {
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith() });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(read(ws, 'environments/dev/values.yaml'), 'image:\n  imageTag: "1.2.0-dev"\ngit_branch: "feature/login"\nreplicas: 1\n');
  assert.equal(read(ws, 'environments/prod/values.yaml'), seedTree()['environments/prod/values.yaml']);
  assert.equal(r.outputs.total_modified_files, '1');
  assert.equal(r.outputs.modified_files, '["environments/dev/values.yaml"]');
  assert.equal(r.outputs.changed, 'true');
  assert.equal(r.outputs.docker_image_tag, '1.2.0-dev');
  assert.equal(r.outputs.git_branch, 'feature/login');
  assert.equal(r.outputs.git_tag, undefined, 'a variable without a value is no output');
  // One group per mapping, with the condition results and the files selected.
  const groups = r.commands.filter((c) => c.command === 'group').map((c) => c.message);
  assert.equal(groups.length, 2);
  assert.match(groups[0], /^Mapping 1: active/);
  assert.match(groups[1], /^Mapping 2: not active/);
  assert.equal(r.commands.filter((c) => c.command === 'endgroup').length, 2);
  assert.match(r.stdout, /✓ docker_image_tag = "1.2.0-dev" matches \.\*-dev/);
  assert.match(r.stdout, /^ {2}environments\/dev\/values\.yaml$/m);
  assert.match(r.stdout, /^environments\/dev\/values\.yaml:2: 1\.0\.0-dev → 1\.2\.0-dev$/m);
  assert.match(r.stdout, /^environments\/dev\/values\.yaml:3: main → feature\/login$/m);
  // The job summary: mappings and their result, changed files with their replacements.
  assert.match(r.summary, /\| 1 \| ✅ `docker_image_tag` `1\.2\.0-dev` matches `\.\*-dev` \| 1 file selected, 1 changed \|/);
  assert.match(r.summary, /\| 2 \| ❌ .* \| not active \|/);
  assert.match(r.summary, /\| `environments\/dev\/values\.yaml` \| 2 \| `docker_image_tag` \| `1\.0\.0-dev` \| `1\.2\.0-dev` \|/);
  assert.deepEqual(errors(r), []);
});

test('a slow engine compile is waited for, not cut short by the process exiting with nothing done', () => {
  // Node does not count a pending WebAssembly.compile as pending work: with nothing else to wait
  // for, it exits before the module is ready. Compiling the whole module up front (not lazily)
  // makes the background compile outlast everything the run does before it needs the engine.
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith(), nodeArgs: ['--no-wasm-lazy-compilation'] });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.outputs.total_modified_files, '1');
  assert.equal(read(ws, 'environments/dev/values.yaml'), 'image:\n  imageTag: "1.2.0-dev"\ngit_branch: "feature/login"\nreplicas: 1\n');
});

test('idempotent: a second run modifies nothing and leaves the mtime alone', () => {
  const ws = makeTree(seedTree());
  assert.equal(runAction({ workspace: ws, with: seedWith() }).code, 0);
  const file = join(ws, 'environments', 'dev', 'values.yaml');
  utimesSync(file, OLD, OLD);
  const before = readFileSync(file);
  const r = runAction({ workspace: ws, with: seedWith() });
  assert.equal(r.code, 0);
  assert.equal(r.outputs.total_modified_files, '0');
  assert.equal(r.outputs.modified_files, '[]');
  assert.equal(r.outputs.changed, 'false');
  assert.equal(statSync(file).mtimeMs, OLD.getTime());
  assert.deepEqual(readFileSync(file), before);
  assert.match(r.summary, /No file changed\./);
});

test('the file mode is kept', { skip: !posix }, () => {
  const tree = seedTree();
  tree['environments/dev/values.yaml'] = { content: tree['environments/dev/values.yaml'], mode: 0o751 };
  const ws = makeTree(tree);
  const r = runAction({ workspace: ws, with: seedWith() });
  assert.equal(r.outputs.total_modified_files, '1');
  assert.equal(statSync(join(ws, 'environments/dev/values.yaml')).mode & 0o7777, 0o751);
});

test('a symlink to a file outside the workspace is neither read nor written', { skip: !posix }, () => {
  const outside = makeTree({ 'values.yaml': 'image:\n  imageTag: "secret"\n' });
  const ws = makeTree({
    'environments/dev/values.yaml': { symlink: join(outside, 'values.yaml') },
    'environments/qa-dev/values.yaml': 'image:\n  imageTag: "1"\n',
    'environments/linked-dev': { symlink: outside }, // a directory symlink: never followed
  });
  const r = runAction({ workspace: ws, with: seedWith() });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(read(outside, 'values.yaml'), 'image:\n  imageTag: "secret"\n');
  assert.ok(lstatSync(join(ws, 'environments/dev/values.yaml')).isSymbolicLink());
  assert.equal(r.outputs.modified_files, '["environments/qa-dev/values.yaml"]');
  assert.ok(
    warnings(r).some((w) => /environments\/dev\/values\.yaml: skipped, a symlink whose target is outside/.test(w.message)),
    r.stdout,
  );
});

test('a symlink to a file inside the workspace: the target is updated, the link stays', { skip: !posix }, () => {
  const ws = makeTree({
    'shared/values.yaml': 'image:\n  imageTag: "1"\n',
    'environments/dev/values.yaml': { symlink: '../../shared/values.yaml' },
  });
  const r = runAction({ workspace: ws, with: seedWith() });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(read(ws, 'shared/values.yaml'), 'image:\n  imageTag: "1.2.0-dev"\n');
  assert.ok(lstatSync(join(ws, 'environments/dev/values.yaml')).isSymbolicLink());
  assert.equal(readlinkSync(join(ws, 'environments/dev/values.yaml')), '../../shared/values.yaml');
});

test('a ../ glob is refused before any file is touched', () => {
  const ws = makeTree(seedTree());
  const r = runAction({
    workspace: join(ws, 'environments'),
    with: seedWith({
      mappings: '__always__ {THEN_UPDATE_FILES} dev/values.yaml=docker_image_tag_regex {NEXT_MAPPING} __always__ {THEN_UPDATE_FILES} ../Chart.yaml=docker_image_tag_regex',
    }),
  });
  assert.equal(r.code, 1);
  assert.ok(errors(r).length >= 1);
  assert.match(errors(r).map((e) => e.message).join('\n'), /\.\./);
  assert.deepEqual(snapshot(ws, Object.keys(seedTree())), seedTree());
  assert.equal(r.outputText, '');
});

test("the seed article's git_brach typo: exit 1, did-you-mean, nothing changed", () => {
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith({ git_branch_regex: 'git_branch: "(?<git_brach>.*)"' }) });
  assert.equal(r.code, 1);
  const [e] = errors(r);
  assert.ok(e, r.stdout);
  assert.ok(e.properties.title);
  assert.match(e.message, /git_brach/);
  assert.match(e.message, /did you mean `?git_branch`?/);
  assert.match(e.message, /\^/, 'the rendered caret text');
  assert.deepEqual(snapshot(ws, Object.keys(seedTree())), seedTree());
  assert.equal(r.outputText, '');
  assert.equal(r.summary, '');
});

test('updated_file_suffix: the new content goes beside, written only when it differs', () => {
  const tree = seedTree();
  const ws = makeTree(tree);
  const r = runAction({ workspace: ws, with: seedWith({ updated_file_suffix: '.new' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(read(ws, 'environments/dev/values.yaml'), tree['environments/dev/values.yaml']);
  assert.match(read(ws, 'environments/dev/values.yaml.new'), /imageTag: "1\.2\.0-dev"/);
  assert.equal(r.outputs.modified_files, '["environments/dev/values.yaml.new"]');
  const suffixed = join(ws, 'environments/dev/values.yaml.new');
  utimesSync(suffixed, OLD, OLD);
  const again = runAction({ workspace: ws, with: seedWith({ updated_file_suffix: '.new', mappings: '__always__ {THEN_UPDATE_FILES} **/values.yaml*=docker_image_tag_regex&git_branch_regex' }) });
  assert.equal(again.code, 0, again.stdout);
  // values.yaml.new is never selected itself; dev's .new is up to date; prod's .new is created.
  assert.equal(again.outputs.modified_files, '["environments/prod/values.yaml.new"]');
  assert.equal(statSync(suffixed).mtimeMs, OLD.getTime());
  assert.ok(!existsSync(join(ws, 'environments/dev/values.yaml.new.new')));
});

test('a suffix with a path separator is refused', () => {
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith({ updated_file_suffix: '/../../x' }) });
  assert.equal(r.code, 1);
  assert.match(errors(r)[0].message, /updated_file_suffix/);
  assert.deepEqual(snapshot(ws, Object.keys(seedTree())), seedTree());
});

test('dry_run: everything reported, outputs say what would change, nothing written', () => {
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith({ dry_run: 'true' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(snapshot(ws, Object.keys(seedTree())), seedTree());
  assert.equal(r.outputs.total_modified_files, '1');
  assert.equal(r.outputs.changed, 'true');
  assert.match(r.stdout, /values\.yaml:2: 1\.0\.0-dev → 1\.2\.0-dev \(dry run\)/);
  assert.match(r.summary, /dry run/);
});

test('dump: prints the configuration and the files, changes nothing', () => {
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith({ dump: 'true' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(snapshot(ws, Object.keys(seedTree())), seedTree());
  assert.match(r.stdout, /docker_image_tag_regex/);
  assert.match(r.stdout, /environments\/prod\/values\.yaml/, 'files of inactive mappings are listed too');
  assert.match(r.stdout, /1\.2\.0-dev/);
  assert.equal(r.outputs.total_modified_files, '0');
});

test('binary and non-UTF-8 files are skipped with a warning and left alone', () => {
  const binary = Buffer.from('imageTag: "1"\n\0\x01\x02');
  const latin1 = Buffer.from('imageTag: "caf\xe9"\n', 'latin1');
  const ws = makeTree({ 'a/values.yaml': binary, 'b/values.yaml': latin1, 'c/values.yaml': 'imageTag: "1"\n' });
  const r = runAction({ workspace: ws, with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} **/values.yaml=r', regexes: 'r=imageTag: "(?<docker_image_tag>[^"]*)"' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(readFileSync(join(ws, 'a/values.yaml')), binary);
  assert.deepEqual(readFileSync(join(ws, 'b/values.yaml')), latin1);
  assert.equal(r.outputs.modified_files, '["c/values.yaml"]');
  const text = warnings(r).map((w) => w.message).join('\n');
  assert.match(text, /a\/values\.yaml/);
  assert.match(text, /b\/values\.yaml/);
});

test('a read-only file and a file over max_file_size are skipped with a warning', { skip: !posix }, () => {
  const ws = makeTree({
    'ro/values.yaml': { content: 'imageTag: "1"\n', mode: 0o444 },
    'big/values.yaml': 'imageTag: "1"\n' + '#'.repeat(2000) + '\n',
    'ok/values.yaml': 'imageTag: "1"\n',
  });
  const r = runAction({
    workspace: ws,
    with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} **/values.yaml=r', regexes: 'r=imageTag: "(?<docker_image_tag>[^"]*)"', max_file_size: '1000' }),
  });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.modified_files, '["ok/values.yaml"]');
  assert.equal(read(ws, 'ro/values.yaml'), 'imageTag: "1"\n');
  assert.match(read(ws, 'big/values.yaml'), /^imageTag: "1"/);
  const text = warnings(r).map((w) => w.message).join('\n');
  assert.match(text, /ro\/values\.yaml: skipped, read-only/);
  assert.match(text, /big\/values\.yaml: skipped, larger than max_file_size/);
});

test('a FIFO selected by a glob is skipped without being opened', { skip: !posix }, () => {
  const ws = makeTree({ 'ok/values.yaml': 'imageTag: "1"\n' });
  execFileSync('mkfifo', [join(ws, 'ok', 'pipe.yaml')]);
  const r = runAction({ workspace: ws, with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} ok/*.yaml=r', regexes: 'r=imageTag: "(?<docker_image_tag>[^"]*)"' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.modified_files, '["ok/values.yaml"]');
  assert.match(warnings(r).map((w) => w.message).join('\n'), /ok\/pipe\.yaml: skipped, not a regular file/);
});

test('.git/ is never selected', () => {
  const ws = makeTree({ '.git/values.yaml': 'imageTag: "1"\n', 'values.yaml': 'imageTag: "1"\n', '.github/values.yaml': 'imageTag: "1"\n' });
  const r = runAction({ workspace: ws, with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} **/values.yaml=r', regexes: 'r=imageTag: "(?<docker_image_tag>[^"]*)"' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.modified_files, '[".github/values.yaml","values.yaml"]');
  assert.equal(read(ws, '.git/values.yaml'), 'imageTag: "1"\n');
});

test('exclude removes files from every selection', () => {
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} **/values.yaml=docker_image_tag_regex', exclude: 'environments/prod/**\n' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.modified_files, '["environments/dev/values.yaml"]');
});

test('a glob that selects no file is a warning naming it; with if_no_match_fail: exit 3', () => {
  const ws = makeTree(seedTree());
  const withInputs = seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} nowhere/*.yaml=docker_image_tag_regex' });
  const r = runAction({ workspace: ws, with: withInputs });
  assert.equal(r.code, 0, r.stdout);
  assert.ok(warnings(r).some((w) => w.message.includes('nowhere/*.yaml')), r.stdout);
  assert.equal(r.outputs.changed, 'false');
  const fail = runAction({ workspace: ws, with: { ...withInputs, if_no_match_fail: 'true' } });
  assert.equal(fail.code, 3);
  assert.match(errors(fail).at(-1).message, /if_no_match_fail/);
  assert.equal(fail.outputs.total_modified_files, '0');
});

test('if_no_match_fail: exit 3 when no condition matches', () => {
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith({ docker_image_tag: '1.2.0-qa', if_no_match_fail: 'yes' }) });
  assert.equal(r.code, 3);
  assert.deepEqual(snapshot(ws, Object.keys(seedTree())), seedTree());
});

test('if_well_known_vars_missing_fail: exit 2 when none of the three has a value, nothing changed', () => {
  const ws = makeTree(seedTree());
  const r = runAction({
    workspace: ws,
    with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} **/values.yaml=r', regexes: 'r=replicas: (?<x>\\d+)', variables: 'x=7', docker_image_tag: '', git_branch: '  ', if_well_known_vars_missing_fail: 'true' }),
  });
  assert.equal(r.code, 2, r.stdout);
  assert.match(errors(r)[0].message, /docker_image_tag, git_tag, git_branch/);
  assert.deepEqual(snapshot(ws, Object.keys(seedTree())), seedTree());
  // Without the switch the same run succeeds.
  const ok = runAction({ workspace: ws, with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} **/values.yaml=r', regexes: 'r=replicas: (?<x>\\d+)', variables: 'x=7', docker_image_tag: '', git_branch: '' }) });
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(ok.outputs.total_modified_files, '2');
  assert.equal(ok.outputs.x, '7');
});

test('hyphenated inputs are honoured; both spellings with different values is an error', () => {
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith({ 'dry-run': 'true' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.total_modified_files, '1');
  assert.deepEqual(snapshot(ws, Object.keys(seedTree())), seedTree(), 'dry-run: nothing written');

  // MY_REGEX is auto-detected and `*` applies every registered regex…
  const env = { MY_REGEX: 'replicas: (?<docker_image_tag>\\d+)' };
  const all = seedWith({ mappings: 'docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=*' });
  const detected = runAction({ workspace: makeTree(seedTree()), with: all, env });
  assert.equal(detected.code, 0, detected.stdout);
  assert.match(read(detected.ws, 'environments/dev/values.yaml'), /replicas: 1\.2\.0-dev/);
  // …unless skip-regexes-autodetect (hyphenated) says not to.
  const skipped = runAction({ workspace: makeTree(seedTree()), with: { ...all, 'skip-regexes-autodetect': 'true' }, env });
  assert.equal(skipped.code, 0, skipped.stdout);
  assert.match(read(skipped.ws, 'environments/dev/values.yaml'), /replicas: 1\n/);
  assert.match(read(skipped.ws, 'environments/dev/values.yaml'), /imageTag: "1\.2\.0-dev"/);

  // (A value equal to the default is "not given": the runner fills in defaults for the underscore
  // spellings, so `dry_run: false` beside `dry-run: true` cannot be told from `dry-run` alone.)
  const both = runAction({ workspace: ws, with: seedWith({ updated_file_suffix: '.a', 'updated-file-suffix': '.b' }) });
  assert.equal(both.code, 1);
  assert.match(errors(both).map((e) => e.message).join('\n'), /updated.file.suffix/);
  assert.deepEqual(snapshot(ws, Object.keys(seedTree())), seedTree());
});

test('multi-line mappings from a YAML block scalar', () => {
  const step = parse(`
uses: ./
with:
  mappings: |
    docker_image_tag==.*-dev
      {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex&git_branch_regex
    {NEXT_MAPPING}
    docker_image_tag==.*-prod
      {THEN_UPDATE_FILES} **prod/values.yaml=docker_image_tag_regex
  docker_image_tag: 2.0.0-prod
  docker_image_tag_regex: 'imageTag: "(?<docker_image_tag>.*)"'
  git_branch_regex: 'git_branch: "(?<git_branch>.*)"'
`);
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: step.with });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.outputs.modified_files, '["environments/prod/values.yaml"]');
  assert.match(read(ws, 'environments/prod/values.yaml'), /imageTag: "2\.0\.0-prod"/);
});

test('directory: relative to the workspace; missing or not a directory is a clear error', () => {
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith({ directory: 'environments/dev', mappings: '__always__ {THEN_UPDATE_FILES} values.yaml=docker_image_tag_regex' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.modified_files, '["values.yaml"]');
  const missing = runAction({ workspace: ws, with: seedWith({ directory: 'nope' }) });
  assert.equal(missing.code, 1);
  assert.match(errors(missing)[0].message, /directory: .*nope does not exist/);
  const file = runAction({ workspace: ws, with: seedWith({ directory: 'Chart.yaml' }) });
  assert.equal(file.code, 1);
  assert.match(errors(file)[0].message, /Chart\.yaml is not a directory/);
});

test('an unknown input is an error with did-you-mean', () => {
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith({ dryrun: 'true' }) });
  assert.equal(r.code, 1);
  assert.match(errors(r).map((e) => e.message).join('\n'), /dry_run/);
  assert.deepEqual(snapshot(ws, Object.keys(seedTree())), seedTree());
});

test('runner protocol: every line of stdout is a well-formed command or plain log, outputs parse strictly', () => {
  const ws = makeTree({ ...seedTree(), 'environments/dev/values.yaml': 'image:\n  imageTag: "50%,done:x"\ngit_branch: "a"\n' });
  const r = runAction({ workspace: ws, with: seedWith({ variables: 'note=a:b,c%d', mappings: 'docker_image_tag==.*-dev {OR} nope_var {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex' }) });
  // An unknown variable in a condition: an error annotation whose message is the rendered text.
  assert.equal(r.code, 1);
  const raw = r.stdout.split('\n').find((l) => l.startsWith('::error '));
  assert.ok(raw, r.stdout);
  assert.match(raw, /^::error title=[^:,\r\n]*::[^\r\n]*$/, 'properties escaped, one line');
  assert.ok(!/[^%]%(?!25|0A|0D|3A|2C)/.test(raw.replace(/^::error title=[^:]*::/, '')), 'only documented escapes');
  const [e] = errors(r);
  assert.ok(e.message.includes('\n'), 'the multi-line rendering survives the escaping');
  assert.match(e.message, /nope_var/);

  const ok = runAction({ workspace: ws, with: seedWith({ variables: 'note=a:b,c%d\nmulti=x' }) });
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(ok.outputs.note, 'a:b,c%d');
  assert.match(ok.stdout, /^environments\/dev\/values\.yaml:2: 50%,done:x → 1\.2\.0-dev$/m);
  const strict = parseOutputs(ok.outputText);
  assert.equal(strict.changed, 'true');
});

test('action.yml declares every input, its hyphenated spelling without default, and the outputs', () => {
  const names = Object.keys(actionYml.inputs);
  for (const name of names.filter((n) => n.includes('_'))) {
    const hyphen = name.replace(/_/g, '-');
    assert.ok(actionYml.inputs[hyphen], `${hyphen} is declared`);
    assert.equal(actionYml.inputs[hyphen].default, undefined, `${hyphen} has no default`);
  }
  assert.equal(actionYml.inputs.mappings.required, true);
  for (const o of ['total_modified_files', 'modified_files', 'changed', 'commit_sha']) assert.ok(actionYml.outputs[o], o);
  assert.equal(actionYml.runs.using, 'node24');
  assert.equal(actionYml.runs.main, 'dist/index.js');
  assert.ok(actionYml.branding.icon && actionYml.branding.color);
});

test('CRLF line endings, a BOM and a missing final newline are kept', () => {
  const content = '\ufeffimage:\r\n  imageTag: "1.0.0-dev"\r\ngit_branch: "main"';
  const ws = makeTree({ 'environments/dev/values.yaml': content });
  const r = runAction({ workspace: ws, with: seedWith() });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(read(ws, 'environments/dev/values.yaml'), '\ufeffimage:\r\n  imageTag: "1.2.0-dev"\r\ngit_branch: "feature/login"');
});

test('a condition on a variable without a value is false, with a notice', () => {
  const ws = makeTree(seedTree());
  const r = runAction({ workspace: ws, with: seedWith({ mappings: 'git_tag {THEN_UPDATE_FILES} **/values.yaml=docker_image_tag_regex' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.changed, 'false');
  assert.ok(notices(r).some((n) => /git_tag/.test(n.message)), r.stdout);
});

test('the job summary is written once per run and stays below 1 MiB for many edits', () => {
  const files = {};
  for (let i = 0; i < 400; i++) files[`env${i}/values.yaml`] = Array.from({ length: 40 }, (_, j) => `k${j}: "${'v'.repeat(30)}"`).join('\n') + '\n';
  const ws = makeTree(files);
  const r = runAction({ workspace: ws, with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} **/values.yaml=r', regexes: 'r=: "(?<docker_image_tag>[^"]*)"', docker_image_tag: 'x'.repeat(40) }) });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.outputs.total_modified_files, '400');
  assert.ok(Buffer.byteLength(r.summary) < 1024 * 1024);
  assert.match(r.summary, /Summary cut/);
});

test('the job summary lists every replacement once, in order, across its 64 KiB blocks of rows', () => {
  const files = {};
  const names = [];
  for (let i = 0; i < 1000; i++) {
    const name = `env${String(i).padStart(4, '0')}/values.yaml`;
    names.push(name);
    files[name] = `image:\n  tag: "old-${i}-${'x'.repeat(80)}"\n`;
  }
  const ws = makeTree(files);
  const r = runAction({ workspace: ws, with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} **/values.yaml=r', regexes: 'r=tag: "(?<docker_image_tag>[^"]*)"', docker_image_tag: '2.0.0' }) });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.outputs.total_modified_files, '1000');
  const rows = names.map((n, i) => `| \`${n}\` | 2 | \`docker_image_tag\` | \`old-${i}-${'x'.repeat(80)}\` | \`2.0.0\` |\n`).join('');
  assert.ok(Buffer.byteLength(rows) > 2 * 64 * 1024, 'the rows fill more than two blocks');
  const header = '| File | Line | Variable | Old | New |\n| --- | --- | --- | --- | --- |\n';
  assert.ok(r.summary.endsWith(header + rows), 'every row once, in order, right after the table header, and nothing after');
});

test('debug detail only when step debug is on (RUNNER_DEBUG or ACTIONS_STEP_DEBUG)', () => {
  const ws = makeTree(seedTree());
  const quiet = runAction({ workspace: ws, with: seedWith({ dry_run: 'true' }) });
  assert.equal(quiet.commands.filter((c) => c.command === 'debug').length, 0);
  for (const env of [{ RUNNER_DEBUG: '1' }, { ACTIONS_STEP_DEBUG: 'true' }]) {
    const loud = runAction({ workspace: ws, with: seedWith({ dry_run: 'true' }), env });
    const debug = loud.commands.filter((c) => c.command === 'debug').map((c) => c.message).join('\n');
    assert.match(debug, /walked .* 3 files/, JSON.stringify(env));
    assert.match(debug, /selected 1 file of 3/);
  }
});

test('a file reached twice through symlinks is processed once, whichever comes first', () => {
  const { symlinkSync } = process.getBuiltinModule('node:fs');
  const ws = makeTree({ 'env/b.yaml': 'tag: "1"\n', 'env/d.yaml': 'tag: "1"\n' });
  symlinkSync('b.yaml', join(ws, 'env', 'a.yaml')); // before its target in the walk's order
  symlinkSync('b.yaml', join(ws, 'env', 'c.yaml')); // after it
  symlinkSync('d.yaml', join(ws, 'env', 'e.yaml')); // a second path to d.yaml, after it
  symlinkSync('d.yaml', join(ws, 'env', 'f.yaml')); // a third
  const r = runAction({
    workspace: ws,
    with: { mappings: '__always__ {THEN_UPDATE_FILES} env/*.yaml=r', regexes: 'r=tag: "(?<docker_image_tag>[^"]*)"', docker_image_tag: '2' },
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(read(ws, 'env/b.yaml'), 'tag: "2"\n');
  assert.equal(read(ws, 'env/d.yaml'), 'tag: "2"\n');
  assert.ok(lstatSync(join(ws, 'env', 'a.yaml')).isSymbolicLink(), 'the symlink is kept: its target was written');
  assert.deepEqual(JSON.parse(r.outputs.modified_files), ['env/a.yaml', 'env/d.yaml']);
  const skipped = warnings(r).map((w) => w.message).filter((m) => m.includes('the same file as'));
  assert.deepEqual(skipped, [
    'env/b.yaml: skipped, the same file as env/a.yaml, already processed',
    'env/c.yaml: skipped, the same file as env/a.yaml, already processed',
    'env/e.yaml: skipped, the same file as env/d.yaml, already processed',
    'env/f.yaml: skipped, the same file as env/d.yaml, already processed',
  ]);
});

test('a regex that would rescan the file after each match stops on its work budget: file unchanged, warning, exit 0', () => {
  const slow = 'a'.repeat(50_000) + '\n';
  const ws = makeTree({ 'slow.txt': slow, 'ok.txt': 'ab\n' });
  const started = Date.now();
  const r = runAction({
    workspace: ws,
    with: { mappings: '__always__ {THEN_UPDATE_FILES} *.txt=r', regexes: 'r=(?<docker_image_tag>[a-z]*x|a)', docker_image_tag: 'b' },
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(Date.now() - started < 30_000, 'it does not hang');
  assert.equal(read(ws, 'slow.txt'), slow);
  assert.equal(read(ws, 'ok.txt'), 'bb\n');
  assert.deepEqual(JSON.parse(r.outputs.modified_files), ['ok.txt']);
  const w = warnings(r).map((c) => c.message).find((m) => m.includes('work budget'));
  assert.match(w, /`slow\.txt` skipped: matching regex `r` on it did not finish within its work budget/);
});
