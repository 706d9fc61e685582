// The README as a newcomer follows it, read from README.md and run on examples/:
// - its YAML parses and gives the action only declared inputs; its Inputs and Outputs tables
//   match action.yml;
// - the upstream dispatch sends every field the downstream reads;
// - its variables/regexes example works, and the error it shows is the one printed;
// - its command-line examples and its "Try it locally" command run, and --dry-run writes nothing;
// - its promote step does for each dispatch what the quick start says, and its one-step workflow
//   (commit: true, push: true) lands each promotion on origin with its template's message.
// The benchmark runs the same example (bench/cases.mjs), read by the same helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  actionYml,
  cloneOrigin,
  git,
  makeOrigin,
  makeTree,
  read,
  readmeActionSteps,
  readmeCliArgs,
  readmeCommands,
  readmeExample,
  readmeSection,
  readmeYamlBlocks,
  root,
  runAction,
  runCli,
  scratchDir,
  snapshotTree,
  usesThisAction,
} from './helpers.js';

/** A copy of examples/ in a fresh directory: its path. */
function examplesCopy(into = scratchDir('examples-')) {
  cpSync(join(root, 'examples'), into, { recursive: true });
  return into;
}

const DEV = 'environments/dev/values.yaml';
const PROD = 'environments/prod/values.yaml';

/** `text` with `imageTag: "…"` and `git_branch: "…"` set to `tag` and `branch`. */
const promoted = (text, tag, branch) =>
  text.replace(/imageTag: "[^"]*"/, `imageTag: "${tag}"`).replace(/git_branch: "[^"]*"/, `git_branch: "${branch}"`);

test('README: every YAML block parses, and every input given to the action is one action.yml declares', () => {
  const blocks = readmeYamlBlocks();
  assert.ok(blocks.length >= 3, `${blocks.length} YAML blocks`);
  const given = [];
  for (const block of blocks) {
    const doc = parse(block); // throws on a block that is not YAML
    if (doc?.jobs) {
      for (const step of Object.values(doc.jobs).flatMap((job) => job.steps ?? [])) {
        if (usesThisAction(step)) given.push(...Object.keys(step.with ?? {}));
      }
    } else if (doc?.with) {
      given.push(...Object.keys(doc.with)); // a `with:` fragment
    } else {
      given.push(...Object.keys(doc ?? {})); // a single input, as the README shows one
    }
  }
  assert.ok(given.includes('mappings') && given.includes('commit_template'), given.join(', '));
  const unknown = given.filter((name) => !Object.hasOwn(actionYml.inputs, name));
  assert.deepEqual(unknown, []);
});

test('README: the upstream dispatch sends every client_payload field the downstream steps read, under the event type they listen for', () => {
  const docs = readmeYamlBlocks().map((block) => parse(block));
  const dispatch = docs
    .flatMap((doc) => Object.values(doc?.jobs ?? {}).flatMap((job) => job.steps ?? []))
    .find((step) => /\/dispatches"/.test(step.run ?? ''));
  assert.ok(dispatch, 'a step that POSTs to /dispatches');
  const sent = /client_payload:\s*\{([^}]*)\}/.exec(dispatch.run);
  assert.ok(sent, dispatch.run);
  const fields = [...sent[1].matchAll(/(\w+):/g)].map((m) => m[1]);
  const eventType = /event_type:\s*"([^"]+)"/.exec(dispatch.run)?.[1];

  const downstream = docs.filter((doc) => doc?.on?.repository_dispatch);
  assert.ok(downstream.length >= 2, `${downstream.length} workflows on repository_dispatch`);
  for (const doc of downstream) assert.deepEqual(doc.on.repository_dispatch.types, [eventType]);
  const readFields = new Set(readmeYamlBlocks().flatMap((block) => [...block.matchAll(/client_payload\.(\w+)/g)].map((m) => m[1])));
  assert.deepEqual([...readFields].filter((field) => !fields.includes(field)), []);
  assert.ok(['docker_image_tag', 'git_branch', 'commit_message'].every((f) => readFields.has(f)), [...readFields].join(', '));
});

test('README: the variables and regexes example, as written, promotes a kustomize tag and a replica count', () => {
  const fragment = readmeYamlBlocks()
    .map((block) => parse(block))
    .find((doc) => doc?.with?.regexes && doc.with.variables);
  assert.ok(fragment, 'a `with:` block with variables and regexes');
  const ws = makeTree({
    'k8s/kustomization.yaml': 'images:\n  - name: myapp\n    newTag: 1.3.2\n',
    'k8s/values.yaml': 'replicaCount: 1\nimage: myapp\n',
  });
  const r = runAction({
    with: {
      ...fragment.with,
      mappings: '__always__ {THEN_UPDATE_FILES} k8s/kustomization.yaml=kustomize_tag_regex {AND} k8s/values.yaml=replicas_regex',
      docker_image_tag: '1.4.0',
    },
    workspace: ws,
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(read(ws, 'k8s/kustomization.yaml'), 'images:\n  - name: myapp\n    newTag: 1.4.0\n');
  assert.equal(read(ws, 'k8s/values.yaml'), 'replicaCount: 3\nimage: myapp\n');
});

test('README: the Inputs table has every input action.yml declares, with its default, and the Outputs table every output', () => {
  const rows = (text) => [...text.matchAll(/^\| `([a-z_]+)` \| ([^|]*) \|/gm)].map((m) => [m[1], m[2].trim()]);
  const inputs = rows(readmeSection('Inputs'));
  const declared = Object.keys(actionYml.inputs).filter((name) => !name.includes('-'));
  assert.deepEqual(inputs.map(([name]) => name).sort(), declared.sort());
  for (const [name, shown] of inputs) {
    const { required, default: value = '' } = actionYml.inputs[name];
    const literal = /^`([^`]*)`/.exec(shown)?.[1];
    if (required) assert.equal(shown, '*(required)*', name);
    else if (literal !== undefined) assert.equal(literal === "''" ? '' : literal, value, name);
    // A default in words (the workspace, the checked-out branch…) is one the action computes.
    else assert.equal(value, '', `${name}: the README describes its default in words; action.yml must leave it empty`);
  }
  const outputs = rows(readmeSection('Outputs')).map(([name]) => name);
  // The well-known variables are declared outputs too: the table's "every variable with a value".
  assert.deepEqual([...outputs, 'docker_image_tag', 'git_tag', 'git_branch'].sort(), Object.keys(actionYml.outputs).sort());
});

for (const { name, payload, changed, untouched } of [
  { name: 'a -dev tag promotes dev only', payload: { docker_image_tag: '1.4.0-dev', git_branch: 'main' }, changed: DEV, untouched: PROD },
  { name: 'a -prod tag promotes prod only', payload: { docker_image_tag: '1.4.0-prod', git_branch: 'release/1.4' }, changed: PROD, untouched: DEV },
]) {
  test(`README: the promote step, dispatched: ${name}, with the outputs its commit step reads`, () => {
    const ws = examplesCopy();
    const before = { [DEV]: read(ws, DEV), [PROD]: read(ws, PROD) };
    const r = runAction({ with: readmeExample(payload), workspace: ws });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(read(ws, changed), promoted(before[changed], payload.docker_image_tag, payload.git_branch));
    assert.notEqual(read(ws, changed), before[changed]);
    assert.equal(read(ws, untouched), before[untouched]);
    // steps.promote.outputs.changed / .modified_files / .docker_image_tag, as the README's next step uses them.
    assert.equal(r.outputs.changed, 'true');
    assert.deepEqual(JSON.parse(r.outputs.modified_files), [changed]);
    assert.equal(r.outputs.total_modified_files, '1');
    assert.equal(r.outputs.docker_image_tag, payload.docker_image_tag);
  });
}

test('README: the one-step workflow commits exactly the promoted file and pushes it, with its template\'s message', () => {
  const { origin } = makeOrigin(join(root, 'examples'));
  for (const { payload, file, message } of [
    {
      payload: { docker_image_tag: '1.4.0-dev', git_branch: 'main', commit_message: 'faster login' },
      file: DEV,
      message: 'Promote 1.4.0-dev from main: faster login',
    },
    { payload: { docker_image_tag: '1.4.0-prod', git_branch: 'release/1.4', commit_message: '' }, file: PROD, message: 'Promote 1.4.0-prod from release/1.4' },
  ]) {
    const steps = readmeActionSteps(payload).filter((s) => s.with.push === 'true');
    assert.equal(steps.length, 1, 'one README step with push: true');
    const ws = cloneOrigin(origin);
    const before = git(origin, 'rev-parse', 'main');
    const r = runAction({ with: steps[0].with, env: steps[0].env, workspace: ws });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(git(origin, 'log', '-1', '--format=%s', 'main'), message);
    assert.equal(git(origin, 'rev-parse', 'main~1'), before);
    assert.equal(git(origin, 'diff', '--name-only', 'main~1', 'main'), file);
    assert.equal(git(origin, 'show', `main:${file}`) + '\n', read(ws, file));
    assert.equal(r.outputs.commit_sha, git(origin, 'rev-parse', 'main'));
  }
});

test('README: the error it shows under "Errors" is the one the CLI prints and the action annotates, to the character', () => {
  const shown = /^```\n([\s\S]*?)\n^```$/m.exec(readmeSection('Errors'))?.[1];
  assert.ok(shown, 'a code block under "### Errors"');
  const mappings = /^1 \| (.*)$/m.exec(shown)?.[1];
  assert.ok(mappings, shown);
  const cli = runCli(['--directory', '.', '--mappings', mappings, '--var', 'docker_image_tag=1.4.0-dev'], { cwd: examplesCopy() });
  assert.equal(cli.code, 1);
  assert.equal(cli.stderr.slice(0, shown.length + 1), `${shown}\n`);
  const action = runAction({ with: { mappings, docker_image_tag: '1.4.0-dev' }, workspace: examplesCopy() });
  assert.equal(action.code, 1);
  const errors = action.commands.filter((c) => c.command === 'error');
  assert.equal(errors.length, 1, action.stdout);
  assert.equal(errors[0].message, shown.replace(/^error: /, '')); // the annotation's level says `error`
});

test('README: the "Command line" examples run as `npx` runs the package\'s bin, and write nothing', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.bin[pkg.name], 'dist/cli.js'); // `npx conditional-regex-replace` runs dist/cli.js
  const commands = readmeCommands('Command line', `npx ${pkg.name}`);
  assert.ok(commands.length >= 2, JSON.stringify(commands));
  const cwd = scratchDir('npx-');
  examplesCopy(join(cwd, 'gitops')); // the examples' `--directory ./gitops`
  const before = snapshotTree(cwd);
  const outputs = commands.map((args) => {
    const r = runCli(args, { cwd });
    assert.equal(r.code, 0, `${args.join(' ')}\n${r.stdout}${r.stderr}`);
    return r.stdout;
  });
  assert.deepEqual(snapshotTree(cwd), before);
  assert.ok(outputs.some((out) => /^1 file would be modified \(dry run\): environments\/dev\/values\.yaml$/m.test(out)), outputs.join('\n'));
});

test('README: "Try it locally" prints the dev change and writes nothing; without --dry-run it writes it', () => {
  const args = readmeCliArgs();
  assert.ok(args.includes('--dry-run'), args.join(' '));
  const cwd = scratchDir('try-');
  const examples = examplesCopy(join(cwd, 'examples'));
  const before = snapshotTree(cwd);
  const devBefore = read(examples, DEV);
  const prodBefore = read(examples, PROD);

  const dry = runCli(args, { cwd });
  assert.equal(dry.code, 0, dry.stdout + dry.stderr);
  assert.deepEqual(snapshotTree(cwd), before);
  // What the README says it shows: mapping 1 active, mapping 2 not, dev would get both values.
  assert.match(dry.stdout, /^Mapping 1: active /m);
  assert.match(dry.stdout, /^Mapping 2: not active /m);
  assert.match(dry.stdout, /^\+ {2}imageTag: "1\.4\.0-dev"$/m);
  assert.match(dry.stdout, /^\+git_branch: "main"$/m);
  assert.match(dry.stdout, /^1 file would be modified \(dry run\): environments\/dev\/values\.yaml$/m);

  const written = runCli(args.filter((a) => a !== '--dry-run'), { cwd });
  assert.equal(written.code, 0, written.stdout + written.stderr);
  assert.equal(read(examples, DEV), promoted(devBefore, '1.4.0-dev', 'main'));
  assert.equal(read(examples, PROD), prodBefore);
});
