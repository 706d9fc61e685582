// Loads the wasm engine synchronously from the bytes beside this file.
//
// In dist/ the bundle and `conditional_regex_replace_bg.wasm` sit side by side. The path is built
// with fileURLToPath + join, not `new URL(…, import.meta.url)`, which bundlers rewrite or break.
// Unbundled (running js/ straight from the repository), the wasm is in ../pkg/.
import { fs, path, url } from './node.js';
import { initSync, Engine } from '../pkg/conditional_regex_replace.js';

const { readFileSync } = fs;
const { dirname, join } = path;
const { fileURLToPath } = url;

const WASM = 'conditional_regex_replace_bg.wasm';
let loaded = false;

function wasmBytes() {
  // The bundle's own directory in dist/ (CommonJS: no file URL to build and convert back).
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  try {
    return readFileSync(join(here, WASM));
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
    return readFileSync(join(here, '..', 'pkg', WASM));
  }
}

/** The Engine class, with the wasm module instantiated on first use. */
export function loadEngine() {
  if (!loaded) {
    initSync({ module: wasmBytes() });
    loaded = true;
  }
  return Engine;
}
