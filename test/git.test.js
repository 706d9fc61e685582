// `commit: true` and `push: true` (SPEC §6) with real git: a bare repository as `origin`, clones
// as runner workspaces, the committed dist/index.js spawned as the runner spawns it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cloneOrigin,
  distIndex,
  git,
  inputEnv,
  makeOrigin,
  makeTree,
  parseOutputs,
  runAction,
  scratchDir,
  seedTree,
  seedWith,
} from './helpers.js';

/** Runs the action asynchronously (two at the same moment), as runAction does. */
function runActionAsync({ with: withInputs, workspace }) {
  const files = scratchDir('runner-');
  const outputFile = join(files, 'output');
  writeFileSync(outputFile, '');
  writeFileSync(join(files, 'summary.md'), '');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [distIndex], {
      cwd: workspace,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SYSTEMROOT: process.env.SYSTEMROOT,
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: join(files, 'summary.md'),
        ...inputEnv(withInputs),
      },
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, outputs: parseOutputs(readFileSync(outputFile, 'utf8')) }),
    );
  });
}

const log = (origin, format = '%s') => git(origin, 'log', `--format=${format}`, 'main').split('\n');
const show = (origin, path) => git(origin, 'show', `main:${path}`);

test('commit: exactly the changed files, with the message, author and committer; other changes stay', () => {
  const { origin } = makeOrigin(seedTree());
  const ws = cloneOrigin(origin);
  writeFileSync(join(ws, 'Chart.yaml'), 'dirty: not ours\n');
  writeFileSync(join(ws, 'notes.txt'), 'staged, not ours\n');
  git(ws, 'add', 'notes.txt');
  const r = runAction({
    workspace: ws,
    with: seedWith({ commit: 'true', committer_name: 'Promoter', committer_email: 'promoter@example.com' }),
  });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.commit_sha, git(ws, 'rev-parse', 'HEAD'));
  assert.equal(git(ws, 'show', '--name-only', '--format=', 'HEAD'), 'environments/dev/values.yaml');
  assert.equal(
    git(ws, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%B'),
    'Promoter <promoter@example.com>|Promoter <promoter@example.com>|Promote 1.2.0-dev to environments/dev\n\n- environments/dev/values.yaml',
  );
  // The unrelated changes are still there, uncommitted: one dirty, one staged.
  assert.equal(git(ws, 'status', '--porcelain'), 'M Chart.yaml\nA  notes.txt');
  // Not pushed without `push: true`.
  assert.equal(log(origin).length, 1);
});

test('commit: nothing changed, no commit; not a repository, an error before any write', () => {
  const { origin } = makeOrigin(seedTree());
  const ws = cloneOrigin(origin);
  const r = runAction({ workspace: ws, with: seedWith({ commit: 'true', docker_image_tag: '1.0.0-rc' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.changed, 'false');
  assert.equal(r.outputs.commit_sha, undefined);
  assert.equal(git(ws, 'rev-list', '--count', 'HEAD'), '1');

  const plain = makeTree(seedTree());
  const r2 = runAction({ workspace: plain, with: seedWith({ commit: 'true' }) });
  assert.equal(r2.code, 1);
  assert.match(r2.stdout, /::error title=Cannot commit::commit: .* is not inside a git repository/);
  assert.match(readFileSync(join(plain, 'environments/dev/values.yaml'), 'utf8'), /1\.0\.0-dev/, 'nothing written');
});

test('commit_template renders variables; injection strings are passed verbatim, never run', () => {
  const { origin } = makeOrigin(seedTree());
  const ws = cloneOrigin(origin);
  const name = `Eve "$(touch pwned-name)"; touch pwned-name2 \`id\``;
  const email = `eve+$(touch pwned-mail)@example.com`;
  const branch = `promote/$(touch${'${IFS}'}pwned-branch);x'y"`;
  const r = runAction({
    workspace: ws,
    with: seedWith({
      push: 'true',
      push_branch: branch,
      committer_name: name,
      committer_email: email,
      git_branch: `x$(touch pwned-value)`,
      commit_template: `Deploy {{ $docker_image_tag }} from {{ git_branch }}\n\n$(touch pwned-msg); "quoted" 'single' \\ back`,
    }),
  });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(git(origin, 'log', '-1', '--format=%an|%ae|%cn|%B', `refs/heads/${branch}`),
    `${name}|${email}|${name}|Deploy 1.2.0-dev from x$(touch pwned-value)\n\n$(touch pwned-msg); "quoted" 'single' \\ back`);
  for (const dir of [ws, process.cwd()]) {
    for (const f of ['pwned-name', 'pwned-name2', 'pwned-mail', 'pwned-branch', 'pwned-msg', 'pwned-value']) {
      assert.equal(existsSync(join(dir, f)), false, `${f} must not exist in ${dir}`);
    }
  }
});

test('push lands on the checked-out branch', () => {
  const { origin } = makeOrigin(seedTree());
  const ws = cloneOrigin(origin);
  const r = runAction({ workspace: ws, with: seedWith({ push: 'true' }) });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(git(origin, 'rev-parse', 'main'), r.outputs.commit_sha);
  assert.match(show(origin, 'environments/dev/values.yaml'), /imageTag: "1\.2\.0-dev"/);
});

for (const order of ['dev first', 'prod first']) {
  test(`two promotions racing for different environments both land, no force (${order})`, async () => {
    const { origin } = makeOrigin(seedTree());
    const dev = cloneOrigin(origin);
    const prod = cloneOrigin(origin);
    const runs = [
      { workspace: dev, with: seedWith({ push: 'true', docker_image_tag: '2.0.0-dev' }) },
      { workspace: prod, with: seedWith({ push: 'true', docker_image_tag: '2.0.0-prod' }) },
    ];
    if (order === 'prod first') runs.reverse();
    const results = await Promise.all(runs.map(runActionAsync));
    for (const r of results) assert.equal(r.code, 0, r.stdout);
    // Both changes are on origin, each in its own commit on a linear history.
    assert.match(show(origin, 'environments/dev/values.yaml'), /imageTag: "2\.0\.0-dev"/);
    assert.match(show(origin, 'environments/prod/values.yaml'), /imageTag: "2\.0\.0-prod"/);
    assert.deepEqual(log(origin).sort(), ['Promote 2.0.0-dev to environments/dev', 'Promote 2.0.0-prod to environments/prod', 'initial'].sort());
    assert.equal(git(origin, 'rev-list', '--merges', '--count', 'main'), '0');
    // The loser of the race said so and retried.
    assert.equal(results.filter((r) => /::warning title=Push rejected::/.test(r.stdout)).length, 1);
    // Each run's `commit_sha` is the commit that landed.
    const landed = log(origin, '%H');
    for (const r of results) assert.ok(landed.includes(r.outputs.commit_sha), `${r.outputs.commit_sha} is on origin`);
  });
}

test('two runs promoting the same value: one commit, not two', async () => {
  const { origin } = makeOrigin(seedTree());
  const a = cloneOrigin(origin);
  const b = cloneOrigin(origin);
  const results = await Promise.all([a, b].map((workspace) => runActionAsync({ workspace, with: seedWith({ push: 'true' }) })));
  for (const r of results) assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(log(origin), ['Promote 1.2.0-dev to environments/dev', 'initial']);
  // The second run either found nothing left to change after moving to the new head, or (both
  // commits made in the same second: same tree, parent, author, date and message) made the very
  // same commit, whose push then changed nothing.
  const head = git(origin, 'rev-parse', 'main');
  const loser = results.find((r) => /already promoted/.test(r.stdout));
  if (loser) {
    assert.equal(loser.outputs.commit_sha, undefined);
    assert.equal(loser.outputs.changed, 'false');
  } else {
    for (const r of results) assert.equal(r.outputs.commit_sha, head);
  }
});

test('push refused every time (a pre-receive hook): exit 1 after push_retries, never forced', () => {
  const { origin } = makeOrigin(seedTree());
  const hook = join(origin, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\necho "promotions are frozen" >&2\nexit 1\n');
  chmodSync(hook, 0o755);
  const ws = cloneOrigin(origin);
  const r = runAction({ workspace: ws, with: seedWith({ push: 'true', push_retries: '2' }) });
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /::error title=Push failed::push: origin rejected the push 3 time\(s\) \(push_retries: 2\); nothing was forced\. Last answer: .*promotions are frozen/s);
  assert.equal((r.stdout.match(/::warning title=Push rejected::/g) || []).length, 2);
  assert.deepEqual(log(origin), ['initial']);
});

test('push: an invalid push_branch is an error before any write', () => {
  const { origin } = makeOrigin(seedTree());
  const ws = cloneOrigin(origin);
  const r = runAction({ workspace: ws, with: seedWith({ push: 'true', push_branch: 'my branch' }) });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /::error title=Cannot push::push_branch "my branch" is not a valid branch name/);
  assert.equal(git(ws, 'status', '--porcelain'), '');
});

test('push: a detached HEAD without push_branch is an error before any write', () => {
  const { origin } = makeOrigin(seedTree());
  const ws = cloneOrigin(origin);
  git(ws, 'checkout', '--quiet', '--detach');
  const r = runAction({ workspace: ws, with: seedWith({ push: 'true' }) });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /::error title=Cannot push::push: HEAD is detached .*set push_branch/);
  assert.equal(git(ws, 'status', '--porcelain'), '');
});

test('push: a retry never discards uncommitted changes; it stops with an error instead', () => {
  const { origin } = makeOrigin(seedTree());
  const ws = cloneOrigin(origin);
  // Someone else changes Chart.yaml on origin; this workspace has its own uncommitted edit of it.
  const other = cloneOrigin(origin);
  writeFileSync(join(other, 'Chart.yaml'), 'apiVersion: v2\nname: myapp\nversion: 0.2.0\n');
  git(other, 'commit', '--quiet', '-am', 'bump chart');
  git(other, 'push', '--quiet', 'origin', 'HEAD:main');
  writeFileSync(join(ws, 'Chart.yaml'), 'local edit\n');
  const r = runAction({ workspace: ws, with: seedWith({ push: 'true' }) });
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /would overwrite uncommitted changes in the work tree, so nothing was discarded/);
  assert.equal(readFileSync(join(ws, 'Chart.yaml'), 'utf8'), 'local edit\n');
  assert.deepEqual(log(origin), ['bump chart', 'initial']);
});
