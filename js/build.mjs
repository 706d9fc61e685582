#!/usr/bin/env node
// Builds dist/ from the sources — the one build script (`npm run build`):
//   1. wasm-pack build --target web --release --out-dir pkg   (the engine → pkg/)
//      with the cargo home and the checkout remapped, so the bytes do not depend on where the
//      build runs (two clean builds give the same wasm);
//   2. wasm-opt -Oz from the npm package binaryen (wasm-pack's own wasm-opt is off in Cargo.toml:
//      it would download binaryen from GitHub);
//   3. esbuild: js/action.js → dist/index.js, js/cli.js → dist/cli.js, and js/git.js →
//      dist/git.js, which those two load only to commit (CommonJS, platform node;
//      dist/package.json marks them so; minified, `--no-minify` for readable bundles);
//   4. the .wasm copied to dist/;
//   5. the playground (js/playground/build.mjs) → dist/playground/.
// `node js/build.mjs --js-only` redoes 3 and 4 from the existing pkg/ (development).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { homedir } from 'node:os';
import * as url from 'node:url';
import { build, transform } from 'esbuild';

const root = resolve(dirname(url.fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'pkg');
const dist = join(root, 'dist');
const WASM = 'conditional_regex_replace_bg.wasm';
const jsOnly = process.argv.includes('--js-only');
// Minified bundles start ~0.7 ms sooner (Node reads and pre-parses 32 KB instead of 60 KB; the
// start-up is budgeted). `--no-minify` gives readable ones, for profiles (bench/variant.mjs).
const minify = !process.argv.includes('--no-minify');

function step(text) {
  process.stderr.write(`build: ${text}\n`);
}

if (!jsOnly) {
  rmSync(pkgDir, { recursive: true, force: true });
  const cargoHome = process.env.CARGO_HOME || join(homedir(), '.cargo');
  const remap = `--remap-path-prefix=${cargoHome}=/cargo --remap-path-prefix=${root}=/src`;
  // SIMD128 (in Node since 16.4, in every current browser): memchr and memmem, which find the
  // regexes' literal text and count lines, then read 16 bytes at a time instead of 4; 300 files
  // of the benchmark, cold: 11.6 → 10.0 ms of `apply` (16 alternated runs), start-up unchanged.
  const simd = '-C target-feature=+simd128';
  const rustflags = [process.env.RUSTFLAGS, simd, remap].filter(Boolean).join(' ');
  step(`wasm-pack build --target web --release (RUSTFLAGS="${rustflags}")`);
  execFileSync('wasm-pack', ['build', '--target', 'web', '--release', '--no-pack', '--out-dir', 'pkg'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, RUSTFLAGS: rustflags },
  });

  const wasm = join(pkgDir, WASM);
  const before = statSync(wasm).size;
  step('wasm-opt -Oz (binaryen from npm)');
  const wasmOpt = join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  execFileSync(process.execPath, [wasmOpt, wasm, '-Oz', '--strip-debug', '--strip-producers', '-o', wasm + '.opt'], {
    cwd: root,
    stdio: 'inherit',
  });
  renameSync(wasm + '.opt', wasm);
  step(`wasm: ${before} → ${statSync(wasm).size} bytes`);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
step('esbuild js/action.js → dist/index.js, js/cli.js → dist/cli.js, js/git.js → dist/git.js');
const bundled = await build({
  absWorkingDir: root,
  // js/git.js in a file of its own, loaded only by a run that commits (js/core.js loadGit).
  entryPoints: { index: 'js/action.js', cli: 'js/cli.js', git: 'js/git.js' },
  external: ['./git.js'],
  outdir: 'dist',
  bundle: true,
  // CommonJS, not ESM: Node starts a CommonJS file a few milliseconds sooner (no ESM loader),
  // and start-up is budgeted. dist/package.json says so; the sources in js/ stay ESM, and
  // `import.meta.url` becomes this file's URL, computed only if something asks for it (no code on
  // the common path does: js/node.js takes the bundle's `require` as __crr_require, js/engine.js
  // `__dirname`), since building it costs start-up time.
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  charset: 'utf8',
  legalComments: 'inline',
  // Whitespace is minified after the eager-compile rewrite below, which reads esbuild's layout.
  minifyIdentifiers: minify,
  minifySyntax: minify,
  write: false,
  define: { __VERSION__: JSON.stringify(version), 'import.meta.url': '__crr_meta.url' },
  banner: {
    js:
      "const __crr_meta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };\n" +
      'const __crr_require = require;',
  },
  logLevel: 'warning',
});
for (const file of bundled.outputFiles) {
  const eager = eagerTopLevelFunctions(file.text, file.path);
  // Parsed again even unminified, where the output is discarded (it would lose the `// js/…`
  // module comments bench/profile.mjs attributes time by): a rewrite gone wrong is a syntax
  // error here, not a broken dist/.
  const { code } = await transform(eager, {
    minifyWhitespace: minify,
    minifyIdentifiers: minify,
    platform: 'node',
    target: 'node20',
    charset: 'utf8',
    legalComments: 'inline',
  });
  writeFileSync(file.path, minify ? code : eager);
}
copyFileSync(join(pkgDir, WASM), join(dist, WASM));
writeFileSync(join(dist, 'package.json'), '{ "type": "commonjs" }\n');
chmodSync(join(dist, 'cli.js'), 0o755);
for (const f of ['index.js', 'cli.js', 'git.js', WASM]) step(`dist/${f}: ${statSync(join(dist, f)).size} bytes`);

const playground = join(root, 'js', 'playground', 'build.mjs');
if (existsSync(playground)) {
  const { buildPlayground } = await import(url.pathToFileURL(playground).href);
  const { outDir, files } = await buildPlayground(join(dist, 'playground'));
  step(`playground → ${outDir} (${files.join(', ')})`);
}

/**
 * Rewrites every top-level `function f(…) {…}` of an esbuild bundle printed with whitespace as
 * `var f = (function (…) {…});` (the function still named `f`). V8 compiles a function lazily:
 * it pre-parses it with the script, then parses it again and generates its bytecode on the first
 * call. A function expression in parentheses it compiles with the script instead (its heuristic
 * for functions invoked at once), scanning it once. Nearly every top-level function of the
 * bundles runs in a usual run, so the second scan was paid for nearly all of them: the README
 * example 0.1–0.5 ms faster (medians, four sets of 100–150 alternated runs; BENCHMARKS.md,
 * optimisation 47). esbuild's minifier keeps the parentheses.
 *
 * A declaration is hoisted and the variable is not, so the bundle must not call a function
 * before the line that defines it: nothing does (every call runs from `main()`, after the whole
 * bundle is evaluated), and the tests run these bundles. esbuild prints a top-level function
 * from `function` at column 0 to the first line that is `}` alone; were that line inside a
 * template literal, the rewrite would leave a stray `}` at the top level, which esbuild's
 * `transform` rejects as a syntax error: the build fails rather than ship a broken bundle.
 */
function eagerTopLevelFunctions(text, path) {
  const lines = text.split('\n');
  const out = [];
  let rewritten = 0;
  for (let i = 0; i < lines.length; i++) {
    const head = /^(?:async )?function\*? ?([\w$]+)\(/.exec(lines[i]);
    if (!head) {
      out.push(lines[i]);
      continue;
    }
    const end = lines.indexOf('}', i + 1);
    if (end < 0) throw new Error(`${path}:${i + 1}: no end found for function ${head[1]}`);
    out.push(`var ${head[1]} = (${lines[i].replace(` ${head[1]}(`, '(')}`, ...lines.slice(i + 1, end), '});');
    rewritten++;
    i = end;
  }
  if (rewritten === 0) throw new Error(`${path}: no top-level function found to compile eagerly`);
  return out.join('\n');
}
