// Security (issue 7, item 5; the guarantees are listed in SECURITY.md):
//   - no shell anywhere: a grep over the sources (js/) and the shipped bundles (dist/);
//   - nothing outside `directory` is read or written: symlinks (file and directory, absolute and
//     relative, chained), `..`, absolute and drive-letter globs; `\` in a glob is an escape, never
//     a separator;
//   - values are never interpreted: not as regex replacement syntax, template code or shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cannotMount, fileEntry, makeTree, mountTmpfs, posix, root, runAction, seedTree, seedWith, snapshotTree } from './helpers.js';

const R = 'r=imageTag: "(?<docker_image_tag>[^"]*)"';
const always = (glob, over = {}) => ({ mappings: `__always__ {THEN_UPDATE_FILES} ${glob}=r`, regexes: R, docker_image_tag: '2', ...over });
const OLD = 'imageTag: "1"\n';
const NEW = 'imageTag: "2"\n';
const warnings = (r) => r.commands.filter((c) => c.command === 'warning').map((c) => c.message).join('\n');
const errors = (r) => r.commands.filter((c) => c.command === 'error').map((c) => c.message).join('\n');

// ── No shell ──────────────────────────────────────────────────────────────────────────────────

function sources() {
  const out = [];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) visit(abs);
      else if (/\.(m?js|cjs)$/.test(entry.name)) out.push(abs);
    }
  };
  visit(join(root, 'js'));
  visit(join(root, 'dist'));
  return out;
}

/** The code of a JS file without its comments (line and block), strings kept. Good enough for a grep. */
function code(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/[^\n]*/g, '$1');
}

const ALLOWED = ['execFile', 'execFileSync', 'spawn', 'spawnSync'];
const SHELLS = /^['"`](?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh|fish|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)['"`]$/i;

/** What in `text` (a JS file named `name`) could run a shell or run a string as code. */
function shellProblems(name, source) {
  const text = code(source);
  const problems = [];
  let calls = 0;
  // 1. Every use of child_process names one of the allowed functions, directly.
  for (const m of text.matchAll(/['"](?:node:)?child_process['"]/g)) {
    const before = text.slice(Math.max(0, m.index - 200), m.index);
    const afterText = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const imported = /import\s*\{([^}]*)\}\s*from\s*$/.exec(before);
    const called = /^\s*\)\s*\.\s*([A-Za-z]+)\s*\(/.exec(afterText);
    if (imported) {
      for (const spec of imported[1].split(',').map((x) => x.trim().split(/\s+as\s+/)[0]).filter(Boolean)) {
        if (!ALLOWED.includes(spec)) problems.push(`${name}: imports ${spec} from child_process`);
      }
    } else if (called) {
      if (!ALLOWED.includes(called[1])) problems.push(`${name}: child_process.${called[1]}()`);
    } else {
      problems.push(`${name}: child_process used other than by importing or calling ${ALLOWED.join('/')}: …${before.slice(-60)}${m[0]}${afterText}`);
    }
  }
  // 2. No exec/execSync (they run a shell), no shell option, no code from strings.
  for (const [re, what] of [
    [/\bexecSync\s*\(/g, 'execSync('],
    [/(?<![.\w$])exec\s*\(/g, 'exec('],
    [/[{,]\s*(?:\[\s*)?['"]?shell['"]?(?:\s*\])?\s*:\s*(?!false\b)/g, 'a shell: option'],
    [/(?<![.\w$])eval\s*\(/g, 'eval('],
    [/\bnew\s+Function\s*\(/g, 'new Function('],
    [/\bprocess\.binding\s*\(/g, 'process.binding('],
  ]) {
    for (const m of text.matchAll(re)) problems.push(`${name}: ${what} at …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
  }
  // 3. Each execFile/spawn call: a program that is not a shell, then an argument array (a literal
  // or a variable); never a whole command line in one string.
  for (const m of text.matchAll(/\b(execFile|execFileSync|spawn|spawnSync)\s*\(\s*([^,()]+(?:\([^()]*\))?)\s*(,\s*(\[|[A-Za-z_$][\w$.]*\s*[,)])|\))/g)) {
    calls++;
    const program = m[2].trim();
    if (SHELLS.test(program)) problems.push(`${name}: ${m[1]}(${program}, …) runs a shell`);
    if (/^['"`][^'"`]*\s[^'"`]*['"`]$/.test(program)) problems.push(`${name}: ${m[1]}(${program}): a command line in one string`);
    if (!m[4]) problems.push(`${name}: ${m[1]}(${program}) without an argument array`);
  }
  return { problems, calls };
}

test('no shell anywhere: child_process only through execFile/spawn with an argument array, never shell: true', () => {
  const files = sources();
  assert.ok(files.some((f) => f.endsWith(join('dist', 'index.js'))) && files.some((f) => f.endsWith(join('js', 'git.js'))), 'js/ and dist/ scanned');
  const problems = [];
  let calls = 0;
  for (const file of files) {
    const found = shellProblems(relative(root, file), readFileSync(file, 'utf8'));
    problems.push(...found.problems);
    calls += found.calls;
  }
  assert.deepEqual(problems, []);
  assert.ok(calls >= 3, `the execFile calls were found (${calls}): the grep is not blind`);
});

test('the no-shell grep catches what it forbids', () => {
  const bad = [
    "import { exec } from 'node:child_process'; exec('git status');",
    "import { execFile, execSync as run } from 'child_process';",
    "require('child_process').execSync('ls')",
    "const cp = require('node:child_process'); cp.execFile('git', [])",
    "load('node:child_process').exec(`git ${x}`)",
    "spawn('git', ['x'], { shell: true })",
    "spawnSync('git', ['x'], { shell: process.env.SHELL })",
    "spawnSync('git', ['x'], { cwd, 'shell': '/bin/sh' })",
    "execFile('sh', ['-c', cmd])",
    "execFileSync('/bin/bash', ['-c', cmd])",
    "execFileSync('git commit -m x')",
    "spawn(cmdline)",
    "eval(value)",
    "new Function('return ' + value)()",
  ];
  for (const snippet of bad) assert.ok(shellProblems('snippet', snippet).problems.length > 0, snippet);
  const good = [
    "import { execFileSync } from 'node:child_process'; execFileSync('git', ['status'], { cwd });",
    "load('node:child_process').execFile('git', args, { env }, cb)",
    "const m = /x/.exec(text); // exec( in a comment, and a RegExp's exec",
    "const s = 'use no shell: ever';",
  ];
  for (const snippet of good) assert.deepEqual(shellProblems('snippet', snippet).problems, [], snippet);
});

// ── Never outside `directory` ─────────────────────────────────────────────────────────────────

/**
 * A tree outside the workspace, on a strictatime tmpfs where one is possible: any read of a file
 * or listing of a directory there moves its atime, so "not read" is checked, not assumed.
 */
function outsideTree(t) {
  const m = cannotMount() ? null : mountTmpfs('size=1m,strictatime');
  if (m) t.after(() => m.unmount());
  const dir = makeTree({ 'secret.yaml': 'imageTag: "secret"\n', 'dir/values.yaml': 'imageTag: "secret"\n' }, m ? m.dir : undefined);
  const entries = ['secret.yaml', 'dir/values.yaml', 'dir', '.'];
  const old = new Date('2001-01-01T00:00:00Z');
  let snapshot;
  return {
    dir,
    /** Takes the snapshot (which reads everything), then sets every atime far in the past. */
    freeze() {
      snapshot = snapshotTree(dir);
      for (const p of entries) utimesSync(join(dir, p), old, old);
    },
    /** Every entry outside: bytes unchanged, and (on the tmpfs) neither read nor listed. */
    assertUntouched(what) {
      if (m) {
        for (const p of entries) assert.equal(statSync(join(dir, p)).atimeMs, old.getTime(), `${what}: outside ${p} was read or listed`);
      }
      assert.deepEqual(snapshotTree(dir), snapshot, `${what}: outside, not one byte changed`);
      for (const p of entries) utimesSync(join(dir, p), old, old);
    },
    /** The atime check is not blind: a read and a listing do move the atimes here. */
    assertAtimeSeesReads() {
      if (!m) return;
      readFileSync(join(dir, 'secret.yaml'));
      readdirSync(join(dir, 'dir'));
      assert.notEqual(statSync(join(dir, 'secret.yaml')).atimeMs, old.getTime(), 'a read moves the atime');
      assert.notEqual(statSync(join(dir, 'dir')).atimeMs, old.getTime(), 'a listing moves the atime');
    },
  };
}

test('symlinks out of the directory (file, directory, relative, chained) are neither read nor written', { skip: !posix }, (t) => {
  const outside = outsideTree(t);
  const ws = makeTree({
    'env/dev/values.yaml': { symlink: join(outside.dir, 'secret.yaml') }, // absolute, to a file outside
    'env/linked': { symlink: join(outside.dir, 'dir') }, // a directory outside: never followed
    'env/chain/values.yaml': { symlink: '../dev/values.yaml' }, // inside link → link → outside
    'env/ok/values.yaml': OLD,
  });
  // A relative link that climbs out: ../../../…/secret.yaml from env/qa.
  mkdirSync(join(ws, 'env', 'qa'));
  symlinkSync(relative(join(ws, 'env', 'qa'), join(outside.dir, 'secret.yaml')), join(ws, 'env', 'qa', 'values.yaml'));
  outside.freeze();
  const before = snapshotTree(ws);

  for (const glob of ['**/values.yaml', '**', 'env/linked/*.yaml', 'env/linked/**']) {
    const r = runAction({ workspace: ws, with: always(glob) });
    assert.equal(r.code, 0, `${glob}: ${r.stdout}`);
    outside.assertUntouched(glob);
    if (glob.startsWith('**')) {
      for (const link of ['env/dev/values.yaml', 'env/qa/values.yaml', 'env/chain/values.yaml']) {
        assert.match(warnings(r), new RegExp(`${link.replace(/[./]/g, '\\$&')}: skipped, a symlink whose target is outside`), `${glob}: ${link}`);
      }
    }
    assert.ok(!/secret/.test(r.stdout + r.summary + r.outputText), `${glob}: nothing of the outside content reported`);
  }
  // Only the real file inside changed; every link is still a link to where it pointed.
  assert.deepEqual(snapshotTree(ws), { ...before, 'env/ok/values.yaml': fileEntry(NEW) });
  outside.assertAtimeSeesReads();
});

test('updated_file_suffix: an existing path+suffix that links outside is not written through', { skip: !posix }, (t) => {
  const outside = outsideTree(t);
  const ws = makeTree({ 'env/values.yaml': OLD, 'env/values.yaml.new': { symlink: join(outside.dir, 'secret.yaml') } });
  outside.freeze();
  const before = snapshotTree(ws);
  const r = runAction({ workspace: ws, with: always('env/values.yaml', { updated_file_suffix: '.new' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.match(warnings(r), /env\/values\.yaml\.new: not written, it is a symlink to a file outside directory/);
  outside.assertUntouched('updated_file_suffix');
  assert.deepEqual(snapshotTree(ws), before);
});

test('.., absolute and drive-letter globs are refused before anything is read', () => {
  const ws = makeTree(seedTree());
  const before = snapshotTree(ws);
  const globs = [
    ['../environments/dev/values.yaml', /leaves the directory with `\.\.`/],
    ['environments/**/../../../etc/passwd', /leaves the directory with `\.\.`/],
    ['/etc/passwd', /is an absolute path/],
    ['C:\\Windows\\System32\\drivers\\etc\\hosts', /is an absolute path/],
    ['c:/Windows/win.ini', /is an absolute path/],
  ];
  for (const [glob, message] of globs) {
    for (const where of ['mapping', 'exclude']) {
      const withInputs =
        where === 'mapping'
          ? seedWith({ mappings: `__always__ {THEN_UPDATE_FILES} ${glob}=docker_image_tag_regex` })
          : seedWith({ exclude: glob });
      const r = runAction({ workspace: join(ws, 'environments'), with: withInputs });
      assert.equal(r.code, 1, `${where} ${glob}: ${r.stdout}`);
      assert.match(errors(r), message, `${where} ${glob}`);
      assert.equal(r.outputText, '');
    }
  }
  assert.deepEqual(snapshotTree(ws), before);
});

test('a backslash in a glob is an escape, never a path separator', { skip: !posix }, () => {
  const ws = makeTree({
    'environments/dev/values.yaml': OLD,
    'a*.yaml': OLD, // a file literally named a*.yaml
    'ab.yaml': OLD,
  });
  const before = snapshotTree(ws);
  // Windows-style separators: `\d` is an escaped `d`, so this is one literal name, matching nothing.
  for (const glob of ['environments\\dev\\values.yaml', '..\\..\\etc\\passwd', '\\\\server\\share\\x.yaml']) {
    const r = runAction({ workspace: ws, with: always(glob) });
    assert.equal(r.code, 0, `${glob}: ${r.stdout}`);
    assert.match(warnings(r), /selects no file/, glob);
    assert.equal(r.outputs.changed, 'false', glob);
  }
  assert.deepEqual(snapshotTree(ws), before);
  // `\*` is a literal star: only `a*.yaml`, not `ab.yaml`.
  const star = runAction({ workspace: ws, with: always('a\\*.yaml') });
  assert.equal(star.code, 0, star.stdout);
  assert.deepEqual(JSON.parse(star.outputs.modified_files), ['a*.yaml']);
  assert.deepEqual(snapshotTree(ws), { ...before, 'a*.yaml': fileEntry(NEW) });
});

// ── Values are never interpreted ──────────────────────────────────────────────────────────────

const NASTY = {
  docker_image_tag: '$(touch pwned)`touch pwned2`;touch pwned3',
  git_branch: 'a$1b$&$$${docker_image_tag}$<git_branch>\\1\\0',
  x: '{{ git_branch }}{% if x %}yes{% endif %}{{ $x }}@if($x)',
};

test('values are written literally: no $ expansion, no template, no shell', () => {
  const ws = makeTree({
    'values.yaml': 'tag: "1"\nbranch: "main"\nx: "0"\n',
  });
  const r = runAction({
    workspace: ws,
    with: {
      mappings: '__always__ {THEN_UPDATE_FILES} values.yaml=*',
      regexes: 'a=tag: "(?<docker_image_tag>[^"]*)"\nb=branch: "(?<git_branch>[^"]*)"\nc=x: "(?<x>[^"]*)"',
      docker_image_tag: NASTY.docker_image_tag,
      git_branch: NASTY.git_branch,
      variables: `x=${NASTY.x}`,
    },
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(
    readFileSync(join(ws, 'values.yaml'), 'utf8'),
    `tag: "${NASTY.docker_image_tag}"\nbranch: "${NASTY.git_branch}"\nx: "${NASTY.x}"\n`,
  );
  for (const [name, value] of Object.entries(NASTY)) assert.equal(r.outputs[name], value, `output ${name}`);
  for (const f of ['pwned', 'pwned2', 'pwned3']) assert.ok(!existsSync(join(ws, f)), `${f} created`);
});

test('values in the commit message are literal too (commit: true, real git, no shell)', { skip: !posix }, () => {
  const ws = makeTree({ 'values.yaml': 'tag: "1"\n' });
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=Setup', '-c', 'user.email=setup@example.com', ...args], { cwd: ws, encoding: 'utf8' }).trim();
  git('init', '--quiet');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'initial');
  const r = runAction({
    workspace: ws,
    with: {
      mappings: '__always__ {THEN_UPDATE_FILES} values.yaml=a',
      regexes: 'a=tag: "(?<docker_image_tag>[^"]*)"',
      docker_image_tag: NASTY.docker_image_tag,
      variables: `x=${NASTY.x}\ngit_branch=${NASTY.git_branch}`,
      commit: 'true',
      commit_template: 'Deploy {{ docker_image_tag }} / {{ git_branch }} / {{ x }}',
    },
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(git('log', '-1', '--format=%B'), `Deploy ${NASTY.docker_image_tag} / ${NASTY.git_branch} / ${NASTY.x}`);
  assert.equal(git('status', '--porcelain'), '', 'only the changed file, committed');
  for (const f of ['pwned', 'pwned2', 'pwned3']) assert.ok(!existsSync(join(ws, f)), `${f} created`);
});
