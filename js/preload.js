// Imported first by the entry points (js/action.js, js/cli.js), for its side effect: the wasm
// engine starts compiling on V8's background threads (js/wasm-file.js startCompile) while the
// rest of the bundle is evaluated and the inputs are read. In the bundle, modules run in the order
// of the imports, so this runs right after js/node.js, before the wasm-bindgen glue and the rest.
import { startCompile } from './wasm-file.js';

startCompile();
