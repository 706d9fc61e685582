// The wasm engine's bytes, and the background compile the entry points start (js/preload.js).
//
// In dist/ the bundle and `conditional_regex_replace_bg.wasm` sit side by side. The path is built
// from the bundle's `__dirname` (or fileURLToPath + join unbundled), not `new URL(…,
// import.meta.url)`, which bundlers rewrite or break. Unbundled (running js/ straight from the
// repository), the wasm is in ../pkg/. This module loads nothing but the file: it runs before the
// rest of the bundle.
import { fs, path, url } from './node.js';

const { readFileSync } = fs;
const { dirname, join } = path;
const { fileURLToPath } = url;

const WASM = 'conditional_regex_replace_bg.wasm';

export function wasmBytes() {
  // The bundle's own directory in dist/ (CommonJS: no file URL to build and convert back).
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  try {
    return readFileSync(join(here, WASM));
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
    return readFileSync(join(here, '..', 'pkg', WASM));
  }
}

let compiling = null;

/**
 * Starts compiling the wasm module in the background: `WebAssembly.compile` has V8 decode and
 * validate it (~2 ms for its 400 KB) on another thread while this one evaluates the rest of the
 * bundle and reads the inputs; taking the result then costs ~0.3 ms. A failure (the file
 * unreadable) surfaces where the result is awaited (js/engine.js engineReady), not here.
 */
export function startCompile() {
  if (compiling) return;
  try {
    compiling = WebAssembly.compile(wasmBytes());
  } catch (e) {
    compiling = Promise.reject(e);
  }
  compiling.catch(() => {}); // awaited later: never an unhandled rejection meanwhile
}

/** The compile startCompile() started (a Promise of a WebAssembly.Module), or null. */
export const compiled = () => compiling;
