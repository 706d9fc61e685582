// The wasm engine: the Engine class of the wasm-bindgen glue, with the module instantiated once,
// from the compile js/preload.js started in the background when there is one (engineReady), or
// synchronously from the file (loadEngine).
import { initSync, Engine } from '../pkg/conditional_regex_replace.js';
import { compiled, wasmBytes } from './wasm-file.js';

let loaded = false;

/** The Engine class, with the wasm module compiled and instantiated here on first use. */
export function loadEngine() {
  if (!loaded) {
    initSync({ module: wasmBytes() });
    loaded = true;
  }
  return Engine;
}

/** The Engine class, from the module js/preload.js started compiling, or else loadEngine(). */
export async function engineReady() {
  if (!loaded && compiled()) {
    // Node does not count a pending WebAssembly.compile as work that keeps the process alive:
    // with nothing else pending, it would exit (code 0, having done nothing) before the module
    // is ready. A timer holds the event loop open while waiting.
    const alive = setTimeout(() => {}, 1 << 30);
    let module;
    try {
      module = await compiled();
    } finally {
      clearTimeout(alive);
    }
    if (!loaded) {
      initSync({ module });
      loaded = true;
    }
  }
  return loadEngine();
}

/**
 * `engine.apply(path, bytes)`'s FileResult — `{ path, status, edits, warnings, content }` —
 * through `applyPacked` and `takeContent` (src/wasm.rs): one NUL-separated string instead of
 * JSON out of wasm and `JSON.parse`, which were most of the time per file. With `view`, the
 * content is `contentView()`: the engine's own bytes, not a copy, which must not be used after
 * the next call into the engine (js/core.js writes and reports each file before the next).
 */
export function applyFile(engine, path, bytes, { view = false } = {}) {
  const packed = engine.applyPacked(path, bytes);
  if (packed.startsWith('json\0')) {
    const result = JSON.parse(packed.slice(5));
    result.content = result.status === 'changed' ? engine.takeContent() : null;
    return result;
  }
  const f = packed.split('\0');
  const status = f[0];
  const n = Number(f[1]);
  const edits = new Array(n);
  for (let i = 0, k = 2; i < n; i++, k += 6) {
    edits[i] = { regex: f[k], variable: f[k + 1], line: Number(f[k + 2]), column: Number(f[k + 3]), old: f[k + 4], new: f[k + 5] };
  }
  const warnings = f[2 + 6 * n] ? JSON.parse(f[2 + 6 * n]) : [];
  const content = status !== 'changed' ? null : view ? engine.contentView() : engine.takeContent();
  return { path, status, edits, warnings, content };
}

/**
 * Appends to `selection` (`{ files, targets }` as `engine.selectJoined` returns them; the
 * targets' `files` grow) what the globs select among `paths`, through `selectPacked`
 * (src/wasm.rs): numbers out of wasm instead of the selected paths again, in JSON.
 */
export function selectInto(engine, paths, selection) {
  // [position, n, target…] for each path selected.
  const packed = engine.selectPacked(Buffer.from(paths.join('\0'), 'utf8'));
  for (let at = 0; at < packed.length; ) {
    const path = paths[packed[at]];
    const end = at + 2 + packed[at + 1];
    let active = false;
    for (at += 2; at < end; at++) {
      const target = selection.targets[packed[at]];
      target.files.push(path);
      active ||= target.active;
    }
    if (active) selection.files.push(path);
  }
  return selection;
}
