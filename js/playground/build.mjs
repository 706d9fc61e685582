#!/usr/bin/env node
// Builds the playground into `outDir` (default dist/playground/) as plain static files:
//   index.html, style.css      copied from js/playground/
//   app.js                     js/playground/app.js bundled with the wasm-bindgen glue of the
//                              `--target web` build (pkg/conditional_regex_replace.js) and the
//                              example tree (examples/) by esbuild: one ES module
//   conditional_regex_replace_bg.wasm
//                              a copy of dist/'s (the action's own), or pkg/'s when dist has none
// The output depends only on those inputs: same inputs, same bytes (no timestamps, no paths).
//
//   node js/playground/build.mjs            → dist/playground/
//   import { buildPlayground } from './playground/build.mjs'; await buildPlayground(dir);
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const WASM = 'conditional_regex_replace_bg.wasm';
const GLUE = join(root, 'pkg', 'conditional_regex_replace.js');

export async function buildPlayground(outDir = join(root, 'dist', 'playground')) {
  if (!existsSync(GLUE)) {
    throw new Error(`${GLUE} is missing: build the engine first (npm run build, or wasm-pack build --target web --release --out-dir pkg)`);
  }
  const wasm = [join(root, 'dist', WASM), join(root, 'pkg', WASM)].find((p) => existsSync(p));
  if (!wasm) throw new Error(`no ${WASM} in dist/ or pkg/: build the engine first`);

  const result = await build({
    absWorkingDir: root,
    entryPoints: ['js/playground/app.js'],
    bundle: true,
    write: false,
    outfile: 'app.js',
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'inline',
    loader: { '.yaml': 'text' },
    banner: { js: '// Built by js/playground/build.mjs from js/playground/, pkg/ and examples/. Do not edit.' },
    logLevel: 'warning',
  });
  const [bundle] = result.outputFiles;

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'app.js'), bundle.contents);
  for (const f of ['index.html', 'style.css']) {
    writeFileSync(join(outDir, f), readFileSync(join(here, f)));
  }
  copyFileSync(wasm, join(outDir, WASM));
  return { outDir, files: ['index.html', 'app.js', 'style.css', WASM] };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const { outDir: dir, files } = await buildPlayground(outDir);
  process.stderr.write(`build: playground → ${dir} (${files.join(', ')})\n`);
}
