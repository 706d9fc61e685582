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
    const module = await compiled();
    if (!loaded) {
      initSync({ module });
      loaded = true;
    }
  }
  return loadEngine();
}
