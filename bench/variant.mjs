#!/usr/bin/env node
// Builds a copy of dist/ (index.js, cli.js, the .wasm) around another engine build, to measure or
// profile it without touching dist/, pkg/ or target/:
//
//   node bench/variant.mjs --out DIR [--crate DIR] [--features regex:perf-literal,perf-dfa] [--names] [--readable]
//   bash bench/run.sh --dist DIR …          # then measure it like dist/
//   node bench/profile.mjs --dist DIR …     # or profile it
//
//   --crate DIR     the Rust crate to build (default: this repository); --features edits a COPY of it
//   --features      `dep:feature,feature`: features added to a dependency of the copy's Cargo.toml
//   --names         keep the wasm's function names (wasm-bindgen --keep-debug, no wasm-opt), for
//                   profiles; otherwise wasm-opt -Oz --strip-debug --strip-producers as js/build.mjs
//   --readable      bundles not minified (js/build.mjs --no-minify; implied by --names), for
//                   profiles that attribute time to each js/ module by the bundle's `// js/…` lines
// The JavaScript is bundled from js/ as it is now, by js/build.mjs --js-only run in a scratch copy.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const WASM = 'conditional_regex_replace_bg.wasm';
const log = (s) => process.stderr.write(`variant: ${s}\n`);

/** Adds `features` to dependency `dep` in the Cargo.toml text. */
function addFeatures(toml, dep, features) {
  const re = new RegExp(`^(${dep}\\s*=\\s*\\{[^\\n]*features\\s*=\\s*\\[)([^\\]]*)\\]`, 'm');
  if (!re.test(toml)) throw new Error(`Cargo.toml: no \`${dep} = { … features = [ … ] }\` line`);
  return toml.replace(re, (_, head, list) => `${head}${list}${features.map((f) => `, "${f}"`).join('')}]`);
}

export async function buildVariant({ out, crate = root, features = null, names = false, readable = names }) {
  out = resolve(out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  let crateDir = resolve(crate);
  if (features) {
    const copy = join(out, 'crate');
    mkdirSync(copy);
    for (const f of ['Cargo.toml', 'Cargo.lock', 'rust-toolchain.toml', 'src']) cpSync(join(crateDir, f), join(copy, f), { recursive: true });
    const [dep, list] = features.split(':');
    writeFileSync(join(copy, 'Cargo.toml'), addFeatures(readFileSync(join(copy, 'Cargo.toml'), 'utf8'), dep, list.split(',')));
    crateDir = copy;
  }
  // A target directory of its own (kept across variants of the same crate: incremental).
  const target = join(here, 'out', 'variant-target');
  log(`cargo build --release --target wasm32-unknown-unknown in ${crateDir} (CARGO_TARGET_DIR=${target})`);
  execFileSync('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown'], {
    cwd: crateDir,
    stdio: ['ignore', 2, 2],
    // The target feature js/build.mjs builds with (see there).
    env: { ...process.env, CARGO_TARGET_DIR: target, RUSTFLAGS: [process.env.RUSTFLAGS, '-C target-feature=+simd128'].filter(Boolean).join(' ') },
  });
  const raw = join(target, 'wasm32-unknown-unknown/release/conditional_regex_replace.wasm');
  const pkg = join(out, 'pkg');
  execFileSync('wasm-bindgen', ['--target', 'web', ...(names ? ['--keep-debug'] : []), '--out-dir', pkg, raw], { stdio: ['ignore', 2, 2] });
  if (!names) {
    const wasm = join(pkg, WASM);
    execFileSync(process.execPath, [join(root, 'node_modules/binaryen/bin/wasm-opt'), wasm, '-Oz', '--strip-debug', '--strip-producers', '-o', wasm + '.opt'], { stdio: ['ignore', 2, 2] });
    rmSync(wasm);
    copyFileSync(wasm + '.opt', wasm);
    rmSync(wasm + '.opt');
  }
  // The JavaScript: js/build.mjs itself (--js-only), run from a scratch root whose pkg/ is this
  // build, so that the bundles are made exactly as dist/'s are (format, defines, banner).
  const scratch = join(out, 'root');
  mkdirSync(scratch);
  for (const f of ['js', 'package.json']) cpSync(join(root, f), join(scratch, f), { recursive: true });
  rmSync(join(scratch, 'js', 'playground'), { recursive: true, force: true }); // build.mjs skips it then
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
  cpSync(pkg, join(scratch, 'pkg'), { recursive: true });
  execFileSync(process.execPath, [join(scratch, 'js', 'build.mjs'), '--js-only', ...(readable ? ['--no-minify'] : [])], { cwd: scratch, stdio: ['ignore', 2, 2] });
  for (const f of readdirSync(join(scratch, 'dist'))) cpSync(join(scratch, 'dist', f), join(out, f), { recursive: true });
  rmSync(scratch, { recursive: true, force: true });
  log(`${out}: ${WASM} ${statSync(join(out, WASM)).size} bytes, index.js ${statSync(join(out, 'index.js')).size} bytes`);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const out = opt('--out');
  if (!out) {
    process.stderr.write('usage: node bench/variant.mjs --out DIR [--crate DIR] [--features dep:f1,f2] [--names] [--readable]\n');
    process.exit(2);
  }
  const names = argv.includes('--names');
  await buildVariant({ out, crate: opt('--crate', root), features: opt('--features', null), names, readable: names || argv.includes('--readable') });
}
