// Built by js/playground/build.mjs from js/playground/, pkg/ and examples/. Do not edit.

// pkg/conditional_regex_replace.js
var Engine = class _Engine {
  static __wrap(ptr) {
    const obj = Object.create(_Engine.prototype);
    obj.__wbg_ptr = ptr;
    EngineFinalization.register(obj, obj.__wbg_ptr, obj);
    return obj;
  }
  __destroy_into_raw() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    EngineFinalization.unregister(this);
    return ptr;
  }
  free() {
    const ptr = this.__destroy_into_raw();
    wasm.__wbg_engine_free(ptr, 0);
  }
  /**
   * `apply` for the action's loop over many files, without its JSON: the status, the number
   * of edits, six fields per edit (regex, variable, line, column, old, new) and the warnings
   * as JSON (empty without any), all NUL-separated; the new content waits for `takeContent`.
   * Decoded by js/engine.js `applyFile` into `apply`'s `FileResult`. Serializing and parsing
   * the JSON was most of `apply`'s time per file, cold (the matching itself is fast). NUL
   * cannot occur in a field (content with a NUL is skipped; inputs with one are refused): a
   * field that held one anyway makes the whole result `json` + NUL + `apply`'s JSON.
   * @param {string} path
   * @param {Uint8Array | number[]} content
   * @returns {string}
   */
  applyPacked(path, content) {
    let deferred3_0;
    let deferred3_1;
    try {
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passArray8ToWasm0(content, wasm.__wbindgen_malloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      const ret = wasm.engine_applyPacked(this.__wbg_ptr, ptr0, len0, ptr1, len1);
      deferred3_0 = ret[0];
      deferred3_1 = ret[1];
      return getStringFromWasm0(ret[0], ret[1]);
    } finally {
      wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
    }
  }
  /**
   * Applies the active mappings to one file. `content` is its bytes.
   * @param {string} path
   * @param {Uint8Array | number[]} content
   * @returns {any}
   */
  apply(path, content) {
    let ptr0, len0, ptr1, len1;
    try {
      ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len0 = WASM_VECTOR_LEN;
      ptr1 = passArray8ToWasm0(content, wasm.__wbindgen_malloc);
      len1 = WASM_VECTOR_LEN;
    } catch (e) {
      if (ptr1) {
        wasm.__wbindgen_free(ptr1, len1 * 1, 1);
      }
      if (ptr0) {
        wasm.__wbindgen_free(ptr0, len0 * 1, 1);
      }
      throw e;
    }
    const ret = wasm.engine_apply(this.__wbg_ptr, ptr0, len0, ptr1, len1);
    return ret;
  }
  /**
   * The commit message for these changed files (relative paths).
   * @param {string[]} modified_files
   * @returns {string}
   */
  commitMessage(modified_files) {
    let deferred2_0;
    let deferred2_1;
    try {
      const ptr0 = passArrayJsValueToWasm0(modified_files, wasm.__wbindgen_malloc);
      const len0 = WASM_VECTOR_LEN;
      const ret = wasm.engine_commitMessage(this.__wbg_ptr, ptr0, len0);
      deferred2_0 = ret[0];
      deferred2_1 = ret[1];
      return getStringFromWasm0(ret[0], ret[1]);
    } finally {
      wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
  }
  /**
   * The same content as a view into the engine's memory, not a copy (nor the allocation of
   * one per file): valid only until the next call into the engine, which may reuse or grow
   * that memory. js/core.js writes it, and its reporter reads it, before the next file.
   * @returns {Uint8Array | undefined}
   */
  contentView() {
    const ret = wasm.engine_contentView(this.__wbg_ptr);
    return ret;
  }
  /**
   * @returns {any}
   */
  diagnostics() {
    const ret = wasm.engine_diagnostics(this.__wbg_ptr);
    return ret;
  }
  /**
   * The `dump: true` text for these candidate paths.
   * @param {string[]} paths
   * @returns {string}
   */
  dump(paths) {
    let deferred2_0;
    let deferred2_1;
    try {
      const ptr0 = passArrayJsValueToWasm0(paths, wasm.__wbindgen_malloc);
      const len0 = WASM_VECTOR_LEN;
      const ret = wasm.engine_dump(this.__wbg_ptr, ptr0, len0);
      deferred2_0 = ret[0];
      deferred2_1 = ret[1];
      return getStringFromWasm0(ret[0], ret[1]);
    } finally {
      wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
  }
  /**
   * The same engine from the configuration flattened to two strings, the inputs and the
   * environment, each `name\0value\0` repeated (no environment string or input value holds
   * a NUL): two strings cross into wasm instead of four calls per entry.
   * @param {string} inputs
   * @param {string} env
   * @returns {Engine}
   */
  static fromFlat(inputs, env) {
    let ptr0, len0, ptr1, len1;
    try {
      ptr0 = passStringToWasm0(inputs, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len0 = WASM_VECTOR_LEN;
      ptr1 = passStringToWasm0(env, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len1 = WASM_VECTOR_LEN;
    } catch (e) {
      if (ptr1) {
        wasm.__wbindgen_free(ptr1, len1 * 1, 1);
      }
      if (ptr0) {
        wasm.__wbindgen_free(ptr0, len0 * 1, 1);
      }
      throw e;
    }
    const ret = wasm.engine_fromFlat(ptr0, len0, ptr1, len1);
    if (ret[2]) {
      throw takeFromExternrefTable0(ret[1]);
    }
    return _Engine.__wrap(ret[0]);
  }
  /**
   * @returns {boolean}
   */
  hasErrors() {
    const ret = wasm.engine_hasErrors(this.__wbg_ptr);
    return ret !== 0;
  }
  /**
   * Whether the walk must look into the directory `dir`: a glob may select something below it.
   * @param {string} dir
   * @param {boolean} all
   * @returns {boolean}
   */
  mayHoldSelected(dir, all) {
    const val2 = +all;
    const ptr0 = passStringToWasm0(dir, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.engine_mayHoldSelected(this.__wbg_ptr, ptr0, len0, val2);
    return ret !== 0;
  }
  /**
   * `config`: `{ inputs: {name: value}, env: {NAME: value} }`. Throws only when `config`
   * does not have that shape; problems in the values are `diagnostics()`.
   * @param {any} config
   */
  constructor(config) {
    const ret = wasm.engine_new(config);
    if (ret[2]) {
      throw takeFromExternrefTable0(ret[1]);
    }
    this.__wbg_ptr = ret[0];
    EngineFinalization.register(this, this.__wbg_ptr, this);
    return this;
  }
  /**
   * @returns {any}
   */
  options() {
    const ret = wasm.engine_options(this.__wbg_ptr);
    return ret;
  }
  /**
   * `[name, value]` for every variable with a value.
   * @returns {any}
   */
  outputs() {
    const ret = wasm.engine_outputs(this.__wbg_ptr);
    return ret;
  }
  /**
   * @returns {any}
   */
  report() {
    const ret = wasm.engine_report(this.__wbg_ptr);
    return ret;
  }
  /**
   * `select` for paths joined with NUL (which no path contains), as UTF-8 bytes: one block
   * crosses into wasm instead of one string per path, for the thousands of candidates of a
   * walk, and JavaScript encodes it natively (`Buffer.from`) instead of char by char. Bytes
   * that are not UTF-8 (no JavaScript string encodes to them) select nothing.
   * @param {Uint8Array | number[]} paths
   * @returns {any}
   */
  selectJoined(paths) {
    const ptr0 = passArray8ToWasm0(paths, wasm.__wbindgen_malloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.engine_selectJoined(this.__wbg_ptr, ptr0, len0);
    return ret;
  }
  /**
   * `selectJoined` as numbers, for the walk's batches: for each path some glob selects, its
   * position among `paths`, the number of targets selecting it, and those targets' positions
   * (in `selectJoined`'s `targets`). JavaScript has the paths already: none is sent back, and
   * no JSON is written or parsed (js/core.js).
   * @param {Uint8Array | number[]} paths
   * @returns {Uint32Array}
   */
  selectPacked(paths) {
    const ptr0 = passArray8ToWasm0(paths, wasm.__wbindgen_malloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.engine_selectPacked(this.__wbg_ptr, ptr0, len0);
    var v2 = getArrayU32FromWasm0(ret[0], ret[1]).slice();
    wasm.__wbindgen_free(ret[0], ret[1] * 4, 4);
    return v2;
  }
  /**
   * Which of `paths` (relative, `/`-separated) are selected, and by which globs.
   * @param {string[]} paths
   * @returns {any}
   */
  select(paths) {
    const ptr0 = passArrayJsValueToWasm0(paths, wasm.__wbindgen_malloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.engine_select(this.__wbg_ptr, ptr0, len0);
    return ret;
  }
  /**
   * The new content of the file the last `applyPacked` changed (then forgotten), or undefined.
   * @returns {Uint8Array | undefined}
   */
  takeContent() {
    const ret = wasm.engine_takeContent(this.__wbg_ptr);
    let v1;
    if (ret[0] !== 0) {
      v1 = getArrayU8FromWasm0(ret[0], ret[1]).slice();
      wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
    }
    return v1;
  }
};
if (Symbol.dispose) Engine.prototype[Symbol.dispose] = Engine.prototype.free;
function __wbg_get_imports() {
  const import0 = {
    __proto__: null,
    __wbg_Error_208446807d0d1e30: function(arg0, arg1) {
      const ret = Error(getStringFromWasm0(arg0, arg1));
      return ret;
    },
    __wbg___wbindgen_debug_string_f249a2a76caa9a55: function(arg0, arg1) {
      const ret = debugString(arg1);
      const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len1 = WASM_VECTOR_LEN;
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
    },
    __wbg___wbindgen_is_null_c22311b1cc228e3a: function(arg0) {
      const ret = arg0 === null;
      return ret;
    },
    __wbg___wbindgen_is_object_8b968c3ab8e96595: function(arg0) {
      const val = arg0;
      const ret = typeof val === "object" && val !== null;
      return ret;
    },
    __wbg___wbindgen_is_undefined_be5b34249ff1fc15: function(arg0) {
      const ret = arg0 === void 0;
      return ret;
    },
    __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
      const obj = arg1;
      const ret = typeof obj === "string" ? obj : void 0;
      var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      var len1 = WASM_VECTOR_LEN;
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
    },
    __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
      throw new Error(getStringFromWasm0(arg0, arg1));
    },
    __wbg_entries_7bb1459bd9b5c2b9: function(arg0) {
      const ret = Object.entries(arg0);
      return ret;
    },
    __wbg_get_2080c49015e35254: function() {
      return handleError(function(arg0, arg1) {
        const ret = Reflect.get(arg0, arg1);
        return ret;
      }, arguments);
    },
    __wbg_get_d7176cfb76d71114: function(arg0, arg1) {
      const ret = arg0[arg1 >>> 0];
      return ret;
    },
    __wbg_get_unchecked_e6325ad374eff861: function(arg0, arg1) {
      const ret = arg0[arg1 >>> 0];
      return ret;
    },
    __wbg_instanceof_Object_97e16a01fd368661: function(arg0) {
      let result;
      try {
        result = arg0 instanceof Object;
      } catch (_) {
        result = false;
      }
      const ret = result;
      return ret;
    },
    __wbg_length_b03a0fabb109b1e9: function(arg0) {
      const ret = arg0.length;
      return ret;
    },
    __wbg_new_37eb45aaf5eeb820: function() {
      const ret = new Array();
      return ret;
    },
    __wbg_new_from_slice_b8daf545a41c6aa0: function(arg0, arg1) {
      const ret = new Uint8Array(getArrayU8FromWasm0(arg0, arg1));
      return ret;
    },
    __wbg_parse_c3f72b5a24f83c01: function() {
      return handleError(function(arg0, arg1) {
        const ret = JSON.parse(getStringFromWasm0(arg0, arg1));
        return ret;
      }, arguments);
    },
    __wbg_set_2793479888329cb6: function() {
      return handleError(function(arg0, arg1, arg2) {
        const ret = Reflect.set(arg0, arg1, arg2);
        return ret;
      }, arguments);
    },
    __wbindgen_generic_0000000000000001: function(arg0, arg1) {
      const ret = getArrayU8FromWasm0(arg0, arg1);
      return ret;
    },
    __wbindgen_generic_0000000000000002: function(arg0, arg1) {
      const ret = getStringFromWasm0(arg0, arg1);
      return ret;
    },
    __wbindgen_init_externref_table: function() {
      const table = wasm.__wbindgen_externrefs;
      table.set(0, void 0);
      table.set(1024, void 0);
      table.set(1025, null);
      table.set(1026, true);
      table.set(1027, false);
    }
  };
  return {
    __proto__: null,
    "./conditional_regex_replace_bg.js": import0
  };
}
var EngineFinalization = typeof FinalizationRegistry === "undefined" ? { register: () => {
}, unregister: () => {
} } : new FinalizationRegistry((ptr) => wasm.__wbg_engine_free(ptr, 1));
function addToExternrefTable0(obj) {
  const idx = wasm.__externref_table_alloc();
  wasm.__wbindgen_externrefs.set(idx, obj);
  return idx;
}
function debugString(val) {
  switch (typeof val) {
    // primitive types
    case "number":
    case "boolean":
    case "undefined":
      return `${val}`;
    case "string":
      return JSON.stringify(val);
    case "bigint":
      return `${val}n`;
    case "symbol":
      return val.description !== void 0 ? `Symbol(${val.description})` : "Symbol";
    case "function":
      return typeof val.name === "string" && val.name !== "" ? `Function(${val.name})` : "Function";
    case "object": {
      if (val === null) {
        return "null";
      }
      if (Array.isArray(val)) {
        return "[" + Array.from(val, debugString).join(", ") + "]";
      }
      if (val instanceof Error) {
        return `${val.name}: ${val.message}
${val.stack}`;
      }
      const toStringOutput = toString.call(val);
      const className = /\[object ([^\]]+)\]/.exec(toStringOutput)?.[1];
      if (className === void 0) {
        return toStringOutput;
      }
      if (className === "Object") {
        try {
          return "Object(" + JSON.stringify(val) + ")";
        } catch (_) {
          return "Object";
        }
      }
      return className;
    }
  }
}
function getArrayU32FromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return getUint32ArrayMemory0().subarray(ptr / 4, ptr / 4 + len);
}
function getArrayU8FromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
}
var cachedDataViewMemory0 = null;
function getDataViewMemory0() {
  if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || cachedDataViewMemory0.buffer.detached === void 0 && cachedDataViewMemory0.buffer !== wasm.memory.buffer) {
    cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
  }
  return cachedDataViewMemory0;
}
function getStringFromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}
var cachedUint32ArrayMemory0 = null;
function getUint32ArrayMemory0() {
  if (cachedUint32ArrayMemory0 === null || cachedUint32ArrayMemory0.byteLength === 0) {
    cachedUint32ArrayMemory0 = new Uint32Array(wasm.memory.buffer);
  }
  return cachedUint32ArrayMemory0;
}
var cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
  if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
    cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
  }
  return cachedUint8ArrayMemory0;
}
function handleError(f, args) {
  try {
    return f.apply(this, args);
  } catch (e) {
    const idx = addToExternrefTable0(e);
    wasm.__wbindgen_exn_store(idx);
  }
}
function isLikeNone(x) {
  return x === void 0 || x === null;
}
function passArray8ToWasm0(arg, malloc) {
  const ptr = malloc(arg.length * 1, 1) >>> 0;
  getUint8ArrayMemory0().set(arg, ptr / 1);
  WASM_VECTOR_LEN = arg.length;
  return ptr;
}
function passArrayJsValueToWasm0(array, malloc) {
  const ptr = malloc(array.length * 4, 4) >>> 0;
  for (let i = 0; i < array.length; i++) {
    const add = addToExternrefTable0(array[i]);
    getDataViewMemory0().setUint32(ptr + 4 * i, add, true);
  }
  WASM_VECTOR_LEN = array.length;
  return ptr;
}
function passStringToWasm0(arg, malloc, realloc) {
  if (realloc === void 0) {
    const buf = cachedTextEncoder.encode(arg);
    const ptr2 = malloc(buf.length, 1) >>> 0;
    getUint8ArrayMemory0().subarray(ptr2, ptr2 + buf.length).set(buf);
    WASM_VECTOR_LEN = buf.length;
    return ptr2;
  }
  let len = arg.length;
  let ptr = malloc(len, 1) >>> 0;
  const mem = getUint8ArrayMemory0();
  let offset = 0;
  for (; offset < len; offset++) {
    const code2 = arg.charCodeAt(offset);
    if (code2 > 127) break;
    mem[ptr + offset] = code2;
  }
  if (offset !== len) {
    if (offset !== 0) {
      arg = arg.slice(offset);
    }
    ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
    const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
    const ret = cachedTextEncoder.encodeInto(arg, view);
    offset += ret.written;
    ptr = realloc(ptr, len, offset, 1) >>> 0;
  }
  WASM_VECTOR_LEN = offset;
  return ptr;
}
function takeFromExternrefTable0(idx) {
  const value = wasm.__wbindgen_externrefs.get(idx);
  wasm.__externref_table_dealloc(idx);
  return value;
}
var cachedTextDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
cachedTextDecoder.decode();
var MAX_SAFARI_DECODE_BYTES = 2146435072;
var numBytesDecoded = 0;
function decodeText(bytes) {
  numBytesDecoded += bytes.length;
  if (numBytesDecoded >= MAX_SAFARI_DECODE_BYTES) {
    cachedTextDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
    cachedTextDecoder.decode();
    numBytesDecoded = bytes.length;
  }
  return cachedTextDecoder.decode(bytes);
}
var cachedTextEncoder = new TextEncoder();
if (!("encodeInto" in cachedTextEncoder)) {
  cachedTextEncoder.encodeInto = function(arg, view) {
    const buf = cachedTextEncoder.encode(arg);
    view.set(buf);
    return {
      read: arg.length,
      written: buf.length
    };
  };
}
var WASM_VECTOR_LEN = 0;
var wasmModule;
var wasmInstance;
var wasm;
function __wbg_finalize_init(instance, module) {
  wasmInstance = instance;
  wasm = instance.exports;
  wasmModule = module;
  cachedDataViewMemory0 = null;
  cachedUint32ArrayMemory0 = null;
  cachedUint8ArrayMemory0 = null;
  wasm.__wbindgen_start();
  return wasm;
}
async function __wbg_load(module, imports) {
  if (typeof Response === "function" && module instanceof Response) {
    if (!module.ok) {
      throw new Error(`failed to fetch Wasm: ${module.status} ${module.statusText} fetching '${module.url}'`);
    }
    if (typeof WebAssembly.instantiateStreaming === "function") {
      try {
        return await WebAssembly.instantiateStreaming(module, imports);
      } catch (e) {
        const validResponse = expectedResponseType(module.type);
        if (validResponse && module.headers.get("Content-Type") !== "application/wasm") {
          console.warn("`WebAssembly.instantiateStreaming` failed because your server does not serve Wasm with `application/wasm` MIME type. Falling back to `WebAssembly.instantiate` which is slower. Original error:\n", e);
        } else {
          throw e;
        }
      }
    }
    const bytes = await module.arrayBuffer();
    return await WebAssembly.instantiate(bytes, imports);
  } else {
    const instance = await WebAssembly.instantiate(module, imports);
    if (instance instanceof WebAssembly.Instance) {
      return { instance, module };
    } else {
      return instance;
    }
  }
  function expectedResponseType(type) {
    switch (type) {
      case "basic":
      case "cors":
      case "default":
        return true;
    }
    return false;
  }
}
var __wbg_init_promise;
async function __wbg_init(module_or_path) {
  if (wasm !== void 0) return wasm;
  if (__wbg_init_promise === void 0) {
    __wbg_init_promise = __wbg_init_once(module_or_path);
    __wbg_init_promise.catch(() => {
      __wbg_init_promise = void 0;
    });
  }
  return __wbg_init_promise;
}
async function __wbg_init_once(module_or_path) {
  if (module_or_path !== void 0) {
    if (Object.getPrototypeOf(module_or_path) === Object.prototype) {
      ({ module_or_path } = module_or_path);
    } else {
      console.warn("using deprecated parameters for the initialization function; pass a single object instead");
    }
  }
  if (module_or_path === void 0) {
    module_or_path = new URL("conditional_regex_replace_bg.wasm", import.meta.url);
  }
  const imports = __wbg_get_imports();
  if (typeof module_or_path === "string" || typeof Request === "function" && module_or_path instanceof Request || typeof URL === "function" && module_or_path instanceof URL) {
    module_or_path = fetch(module_or_path);
  }
  const { instance, module } = await __wbg_load(await module_or_path, imports);
  return __wbg_finalize_init(instance, module);
}

// examples/Chart.yaml
var Chart_default = 'apiVersion: v2\nname: myapp\ndescription: Helm chart of myapp, deployed once per environment (environments/<name>/values.yaml)\ntype: application\nversion: 0.7.0\nappVersion: "1.3.2"\n';

// examples/environments/dev/values.yaml
var values_default = '# dev: every push to main of the application repository lands here.\n# imageTag and git_branch are promoted by conditional-regex-replace; edit the rest by hand.\nreplicaCount: 1\n\nimage:\n  repository: ghcr.io/myorg/myapp\n  imageTag: "1.3.2-dev"\n  pullPolicy: Always\n\ngit_branch: "feature/faster-login"\n\ningress:\n  enabled: true\n  host: myapp.dev.example.com\n\nresources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n    memory: 256Mi\n\nenv:\n  LOG_LEVEL: debug\n';

// examples/environments/prod/values.yaml
var values_default2 = '# prod: only images tagged *-prod are promoted here.\n# imageTag and git_branch are promoted by conditional-regex-replace; edit the rest by hand.\nreplicaCount: 3\n\nimage:\n  repository: ghcr.io/myorg/myapp\n  imageTag: "1.3.1-prod"\n  pullPolicy: IfNotPresent\n\ngit_branch: "release"\n\ningress:\n  enabled: true\n  host: myapp.example.com\n\nresources:\n  requests:\n    cpu: 500m\n    memory: 512Mi\n  limits:\n    memory: 1Gi\n\nenv:\n  LOG_LEVEL: info\n';

// js/playground/example.js
function exampleState() {
  return {
    mappings: "docker_image_tag==.*-dev  {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex&git_branch_regex\n{NEXT_MAPPING}\ndocker_image_tag==.*-prod {THEN_UPDATE_FILES} **prod/values.yaml=docker_image_tag_regex&git_branch_regex\n",
    variables: [
      { name: "docker_image_tag", value: "1.4.0-dev" },
      { name: "git_branch", value: "main" }
    ],
    regexes: [
      { name: "docker_image_tag_regex", pattern: 'imageTag: "(?<docker_image_tag>.*)"' },
      { name: "git_branch_regex", pattern: 'git_branch: "(?<git_branch>.*)"' }
    ],
    files: [
      { path: "Chart.yaml", content: Chart_default },
      { path: "environments/dev/values.yaml", content: values_default },
      { path: "environments/prod/values.yaml", content: values_default2 }
    ],
    exclude: "",
    payload: false
  };
}

// js/playground/yaml.js
var NEEDS_ESCAPES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
var MULTI_LINE = /\n/;
var ESCAPES = {
  "\0": "\\0",
  "\x07": "\\a",
  "\b": "\\b",
  "	": "\\t",
  "\n": "\\n",
  "\v": "\\v",
  "\f": "\\f",
  "\r": "\\r",
  "\x1B": "\\e",
  '"': '\\"',
  "\\": "\\\\",
  "": "\\N",
  "\u2028": "\\L",
  "\u2029": "\\P"
};
function hex(code2, width) {
  return code2.toString(16).toUpperCase().padStart(width, "0");
}
function doubleQuoted(s) {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code2 = s.charCodeAt(i);
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (code2 < 32 || code2 >= 127 && code2 <= 159) out += "\\x" + hex(code2, 2);
    else if (code2 === 65279 || code2 === 65534 || code2 === 65535) out += "\\u" + hex(code2, 4);
    else if (code2 >= 55296 && code2 <= 56319 && i + 1 < s.length && (s.charCodeAt(i + 1) & 64512) === 56320) {
      out += ch + s[i + 1];
      i++;
    } else if (code2 >= 55296 && code2 <= 57343) out += "\\u" + hex(code2, 4);
    else out += ch;
  }
  return out + '"';
}
function singleQuoted(s) {
  return "'" + s.replaceAll("'", "''") + "'";
}
function literalBlock(s, indent) {
  const lines = s.split("\n");
  let chomp;
  if (!s.endsWith("\n")) chomp = "-";
  else {
    lines.pop();
    chomp = lines[lines.length - 1] === "" ? "+" : "";
  }
  const step = 2;
  const first = lines.findIndex((l) => /[^ ]/.test(l));
  const needsIndicator = first === -1 || /^[ \t]/.test(lines[first]) || lines.slice(0, first).some((l) => l !== "");
  const header = "|" + (needsIndicator ? String(step) : "") + chomp;
  const pad = " ".repeat(indent + step);
  return [header, ...lines.map((l) => l === "" ? "" : pad + l)];
}
function blankEdges(s) {
  const lines = s.split("\n");
  const first = lines.findIndex((l) => /[^ \t]/.test(l));
  const last = lines.findLastIndex((l) => /[^ \t]/.test(l));
  return lines.some((l, i) => l !== "" && (first === -1 || i < first || i > last));
}
function entry(key, value, indent) {
  const at = " ".repeat(indent);
  if (NEEDS_ESCAPES.test(value) || MULTI_LINE.test(value) && blankEdges(value)) {
    return [`${at}${key}: ${doubleQuoted(value)}`];
  }
  if (MULTI_LINE.test(value)) {
    const [header, ...rest] = literalBlock(value, indent);
    return [`${at}${key}: ${header}`, ...rest];
  }
  return [`${at}${key}: ${singleQuoted(value)}`];
}
function rawEntry(key, expression, indent) {
  return [`${" ".repeat(indent)}${key}: ${expression}`];
}

// js/playground/state.js
var WELL_KNOWN_VARIABLES = ["docker_image_tag", "git_tag", "git_branch"];
var WELL_KNOWN_REGEXES = WELL_KNOWN_VARIABLES.map((n) => `${n}_regex`);
var ACTION = "conditional-regex-replace/conditional-regex-replace@v1";
var NAME = /^[A-Za-z0-9_]+$/;
function problem(message, hint, origin, table, row) {
  return {
    severity: "error",
    title: "invalid name",
    message,
    hint,
    origin,
    table,
    row,
    rendered: `error: ${message}
${hint ? `  = hint: ${hint}
` : ""}`,
    line: null,
    column: null,
    endLine: null,
    endColumn: null,
    path: null
  };
}
function toInputs(state2) {
  const inputs = { mappings: state2.mappings };
  const problems = [];
  const origins = {};
  for (const [table, wellKnown, input, valueOf] of [
    ["variables", WELL_KNOWN_VARIABLES, "variables", (r) => r.value],
    ["regexes", WELL_KNOWN_REGEXES, "regexes", (r) => r.pattern]
  ]) {
    const lines = [];
    const lineRows = [null];
    state2[table].forEach((row, i) => {
      const name = row.name.trim();
      const value = valueOf(row);
      const what = table === "variables" ? "variable" : "regex";
      if (name === "") {
        if (value.trim() !== "") {
          problems.push(problem(`${what} ${i + 1} has a value but no name`, "give it a name, or remove the row", `${table} table`, table, i));
        }
        return;
      }
      if (!NAME.test(name)) {
        problems.push(problem(`\`${name}\` is not a ${what} name`, "names are letters, digits and `_`", `${table} table`, table, i));
        return;
      }
      const lower = name.toLowerCase();
      if (wellKnown.includes(lower)) {
        inputs[lower] = value;
        origins[`input ${lower}`] = [table, i];
        return;
      }
      if (/[\r\n]/.test(value)) {
        problems.push(problem(`the ${what} \`${name}\` contains a line break`, "a value is one line", `${table} table`, table, i));
        return;
      }
      lines.push(`${name}=${value}`);
      lineRows.push([table, i]);
    });
    if (lines.length) {
      inputs[input] = lines.join("\n");
      origins[`input ${input}`] = lineRows;
    }
  }
  if (state2.exclude.trim() !== "") inputs.exclude = state2.exclude;
  return { inputs, problems, origins };
}
function rowOf(diagnostic, origins) {
  if (diagnostic.table) return [diagnostic.table, diagnostic.row];
  const o = origins[diagnostic.origin];
  if (!o) return null;
  if (typeof o[0] === "string") return o;
  return o[diagnostic.line ?? -1] ?? null;
}
function workflowStep(state2) {
  const env = [];
  const withLines = [...entry("mappings", state2.mappings, 4)];
  const custom = [];
  for (const { name, value } of state2.variables) {
    const n = name.trim();
    if (n === "") continue;
    const lower = n.toLowerCase();
    const wellKnown = WELL_KNOWN_VARIABLES.includes(lower);
    if (state2.payload && NAME.test(n)) {
      const expression = `\${{ github.event.client_payload.${lower} }}`;
      if (wellKnown) withLines.push(...rawEntry(lower, expression, 4));
      else env.push(...rawEntry(`${n.toUpperCase()}_VAR`, expression, 4));
    } else if (wellKnown && NAME.test(n)) {
      if (value !== "") withLines.push(...entry(lower, value, 4));
    } else custom.push(`${n}=${value}`);
  }
  if (custom.length) withLines.push(...entry("variables", custom.join("\n"), 4));
  const customRegexes = [];
  for (const { name, pattern } of state2.regexes) {
    const n = name.trim();
    if (n === "") continue;
    const lower = n.toLowerCase();
    if (WELL_KNOWN_REGEXES.includes(lower) && NAME.test(n)) withLines.push(...entry(lower, pattern, 4));
    else customRegexes.push(`${n}=${pattern}`);
  }
  if (customRegexes.length) withLines.push(...entry("regexes", customRegexes.join("\n"), 4));
  if (state2.exclude.trim() !== "") withLines.push(...entry("exclude", state2.exclude, 4));
  const lines = [`- uses: ${ACTION}`];
  if (env.length) lines.push("  env:", ...env);
  lines.push("  with:", ...withLines);
  return lines.join("\n") + "\n";
}
var PREFIX = "v1.";
function toBase64Url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 32768) bin += String.fromCharCode(...bytes.subarray(i, i + 32768));
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("the link is damaged (not base64url)");
  const bin = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}
async function encodeState(state2) {
  const json = JSON.stringify({
    m: state2.mappings,
    v: state2.variables.map((r) => [r.name, r.value]),
    r: state2.regexes.map((r) => [r.name, r.pattern]),
    f: state2.files.map((f) => [f.path, f.content]),
    x: state2.exclude,
    p: state2.payload ? 1 : 0
  });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return PREFIX + toBase64Url(packed);
}
var isStr = (x) => typeof x === "string";
var isPairs = (x) => Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && p.every(isStr));
async function decodeState(hash) {
  const text = hash.replace(/^#/, "");
  if (!text.startsWith(PREFIX)) throw new Error("the link is not a playground link of this version");
  let json;
  try {
    const bytes = await pipe(fromBase64Url(text.slice(PREFIX.length)), new DecompressionStream("deflate-raw"));
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (e) {
    throw new Error(`the link is damaged (${e.message})`);
  }
  if (!json || !isStr(json.m) || !isPairs(json.v) || !isPairs(json.r) || !isPairs(json.f) || !isStr(json.x)) {
    throw new Error("the link is damaged (unexpected content)");
  }
  return {
    mappings: json.m,
    variables: json.v.map(([name, value]) => ({ name, value })),
    regexes: json.r.map(([name, pattern]) => ({ name, pattern })),
    files: json.f.map(([path, content]) => ({ path, content })),
    exclude: json.x,
    payload: json.p === 1
  };
}
function checkPath(typed, others) {
  const path = typed.trim().replaceAll("\\", "/").replace(/^(\.\/)+/, "").replace(/^\/+/, "").replace(/\/{2,}/g, "/");
  if (path === "") return { error: "a file needs a path" };
  if (path.endsWith("/")) return { error: "a path ends with a file name, not `/`" };
  if (path.split("/").some((part) => part === ".." || part === ".")) return { error: "a path may not contain `.` or `..` parts" };
  if (path === ".git" || path.startsWith(".git/")) return { error: "files under `.git/` are never selected" };
  if (others.includes(path)) return { error: `there is already a file \`${path}\`` };
  for (const o of others) {
    if (o.startsWith(path + "/")) return { error: `\`${path}\` is a directory here` };
    if (path.startsWith(o + "/")) return { error: `\`${o}\` is a file, not a directory` };
  }
  return { path };
}

// js/playground/diff.js
function offsetOf(text, line, column) {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", at);
    if (nl === -1) return -1;
    at = nl + 1;
  }
  return at + column - 1;
}
function replay(original, edits) {
  let pieces = [{ o: true, start: 0, end: original.length, text: original }];
  let current = original;
  let base = original;
  let shift = 0;
  let lastEnd = -1;
  let lastRegex = null;
  let exact = true;
  edits.forEach((edit, index) => {
    let at = -1;
    if (edit.regex === lastRegex) {
      const inBase = offsetOf(base, edit.line, edit.column);
      if (inBase >= lastEnd && inBase >= 0 && current.startsWith(edit.old, inBase + shift)) {
        at = inBase + shift;
        lastEnd = inBase + edit.old.length;
      }
    }
    if (at === -1) {
      const here = offsetOf(current, edit.line, edit.column);
      if (here < 0 || !current.startsWith(edit.old, here)) {
        exact = false;
        return;
      }
      base = current;
      shift = 0;
      at = here;
      lastEnd = here + edit.old.length;
    }
    lastRegex = edit.regex;
    pieces = splice(pieces, at, at + edit.old.length, { o: false, text: edit.new, edit: index });
    current = current.slice(0, at) + edit.new + current.slice(at + edit.old.length);
    shift += edit.new.length - edit.old.length;
  });
  const removed = new Uint8Array(original.length).fill(1);
  const added = new Uint8Array(current.length);
  const addedBy = new Int32Array(current.length).fill(-1);
  let pos = 0;
  for (const p of pieces) {
    if (p.o) removed.fill(0, p.start, p.end);
    else {
      added.fill(1, pos, pos + p.text.length);
      addedBy.fill(p.edit, pos, pos + p.text.length);
    }
    pos += p.text.length;
  }
  return { text: current, removed, added, addedBy, exact };
}
function splice(pieces, from, to, piece) {
  const out = [];
  let pos = 0;
  let inserted = false;
  for (const p of pieces) {
    const start = pos;
    const end = pos + p.text.length;
    pos = end;
    if (end <= from) {
      out.push(p);
      continue;
    }
    if (start < from) out.push(cut(p, 0, from - start));
    if (!inserted) {
      out.push(piece);
      inserted = true;
    }
    if (end > to) out.push(cut(p, Math.max(0, to - start), p.text.length));
  }
  if (!inserted) out.push(piece);
  return out.filter((p) => p.text.length > 0);
}
function cut(p, a, b) {
  if (a === 0 && b === p.text.length) return p;
  if (p.o) return { o: true, start: p.start + a, end: p.start + b, text: p.text.slice(a, b) };
  return { o: false, text: p.text.slice(a, b), edit: p.edit };
}
function splitLines(text) {
  const lines = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf("\n", at);
    const end = nl === -1 ? text.length : nl + 1;
    lines.push({ start: at, end, text: text.slice(at, end) });
    at = end;
  }
  return lines;
}
function diffLines(a, b) {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x2;
      if (k === -d || k !== d && v[max + k - 1] < v[max + k + 1]) x2 = v[max + k + 1];
      else x2 = v[max + k - 1] + 1;
      let y2 = x2 - k;
      while (x2 < n && y2 < m && a[x2] === b[y2]) {
        x2++;
        y2++;
      }
      v[max + k] = x2;
      if (x2 >= n && y2 >= m) {
        done = true;
        break;
      }
    }
  }
  const ops = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    let prevK;
    if (k === -d || k !== d && vd[max + k - 1] < vd[max + k + 1]) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : vd[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: " ", a: --x, b: --y });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ op: "+", a: -1, b: --y });
      else ops.push({ op: "-", a: --x, b: -1 });
    }
  }
  while (x > 0 && y > 0) ops.push({ op: " ", a: --x, b: --y });
  ops.reverse();
  const out = [];
  for (let i = 0; i < ops.length; ) {
    if (ops[i].op === " ") {
      out.push(ops[i++]);
      continue;
    }
    const run2 = [];
    while (i < ops.length && ops[i].op !== " ") run2.push(ops[i++]);
    out.push(...run2.filter((o) => o.op === "-"), ...run2.filter((o) => o.op === "+"));
  }
  return out;
}
function fileDiff(original, edits, context = 2) {
  const r = replay(original, edits);
  const oldLines = splitLines(original);
  const newLines = splitLines(r.text);
  const ops = diffLines(
    oldLines.map((l) => l.text),
    newLines.map((l) => l.text)
  );
  const rows = ops.map((o) => {
    if (o.op === "+") {
      const l = newLines[o.b];
      return { op: "+", oldNo: null, newNo: o.b + 1, text: strip(l.text), marks: marksOf(r.added, l, r.addedBy) };
    }
    if (o.op === "-") {
      const l = oldLines[o.a];
      return { op: "-", oldNo: o.a + 1, newNo: null, text: strip(l.text), marks: marksOf(r.removed, l, null) };
    }
    return { op: " ", oldNo: o.a + 1, newNo: o.b + 1, text: strip(oldLines[o.a].text), marks: [] };
  });
  const keep = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    if (row.op !== " ") keep.fill(1, Math.max(0, i - context), Math.min(rows.length, i + context + 1));
  });
  const hunks = [];
  let hunk = null;
  rows.forEach((row, i) => {
    if (!keep[i]) {
      hunk = null;
      return;
    }
    if (!hunk) hunks.push(hunk = { lines: [] });
    hunk.lines.push(row);
  });
  return { hunks, text: r.text, exact: r.exact };
}
function strip(line) {
  return line.replace(/\r?\n$/, "");
}
function marksOf(mask, line, by) {
  const marks = [];
  const end = line.start + strip(line.text).length;
  for (let i = line.start; i < end; ) {
    if (!mask[i]) {
      i++;
      continue;
    }
    const edit = by ? by[i] : -1;
    let j = i;
    while (j < end && mask[j] && (by ? by[j] === edit : true)) j++;
    marks.push([i - line.start, j - line.start, edit]);
    i = j;
  }
  return marks;
}

// js/playground/run.js
var encoder = new TextEncoder();
var decoder = new TextDecoder("utf-8", { ignoreBOM: true });
function run(Engine2, state2) {
  const { inputs, problems, origins } = toInputs(state2);
  const engine = new Engine2({ inputs, env: {} });
  try {
    const diagnostics = [...problems, ...engine.diagnostics()];
    const errors = diagnostics.filter((d) => d.severity === "error");
    if (errors.length || engine.hasErrors()) return { diagnostics, errors, origins };
    const report = engine.report();
    const contents = new Map(state2.files.map((f) => [f.path, f.content]));
    const selection = engine.select(state2.files.map((f) => f.path));
    const warned = /* @__PURE__ */ new Set();
    for (const t of selection.targets) {
      const mapping = report.mappings[t.mapping];
      if (mapping?.active && t.files.length === 0 && !warned.has(t.glob)) {
        warned.add(t.glob);
        diagnostics.push({
          severity: "warning",
          title: "Glob selects no file",
          message: `glob ${t.glob} (mapping ${t.mapping + 1}) selects no file`,
          hint: null,
          origin: null,
          rendered: `warning: glob ${t.glob} (mapping ${t.mapping + 1}) selects no file
`,
          line: null,
          column: null,
          endLine: null,
          endColumn: null,
          path: null
        });
      }
    }
    const files = selection.files.map((path) => {
      const original = contents.get(path);
      const r = engine.apply(path, encoder.encode(original));
      diagnostics.push(...r.warnings);
      const file = { path, status: r.status, edits: r.edits, warnings: r.warnings, diff: null };
      if (r.status === "changed") {
        file.diff = fileDiff(original, r.edits);
        file.content = decoder.decode(r.content);
      }
      return file;
    });
    return { diagnostics, errors, origins, report, selection, files };
  } finally {
    engine.free();
  }
}

// js/playground/app.js
var DEBOUNCE_MS = 80;
var $ = (id) => document.getElementById(id);
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === void 0 || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === void 0 || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
var code = (text) => h("code", {}, text);
var plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
var state = exampleState();
var selectedPath = state.files[1]?.path ?? null;
var ready = false;
var timer = 0;
var updates = 0;
var hashSeq = 0;
var lastResult = null;
var hashPending = 0;
var timings = [];
var tables = {
  variables: { tbody: () => $("variables").querySelector("tbody"), value: "value", what: "variable", valueLabel: "Value" },
  regexes: { tbody: () => $("regexes").querySelector("tbody"), value: "pattern", what: "regex", valueLabel: "Regex" }
};
function rowLabel(table, i) {
  const name = state[table][i].name.trim();
  return name || `${tables[table].what} ${i + 1}`;
}
function renderTable(table) {
  const t = tables[table];
  const rows = state[table].map((row, i) => {
    const name = h("input", {
      type: "text",
      class: "name",
      value: row.name,
      spellcheck: "false",
      autocomplete: "off",
      "aria-label": `Name of ${t.what} ${i + 1}`,
      oninput: (e) => {
        row.name = e.target.value;
        value.setAttribute("aria-label", `${t.valueLabel} of ${rowLabel(table, i)}`);
        remove.setAttribute("aria-label", `Remove ${rowLabel(table, i)}`);
        schedule();
      }
    });
    const value = h("input", {
      type: "text",
      class: "value",
      value: row[t.value],
      spellcheck: "false",
      autocomplete: "off",
      "aria-label": `${t.valueLabel} of ${rowLabel(table, i)}`,
      oninput: (e) => {
        row[t.value] = e.target.value;
        schedule();
      }
    });
    const remove = h("button", {
      type: "button",
      class: "remove",
      title: "Remove",
      "aria-label": `Remove ${rowLabel(table, i)}`,
      onclick: () => {
        state[table].splice(i, 1);
        renderTable(table);
        const buttons = t.tbody().querySelectorAll("button.remove");
        (buttons[Math.min(i, buttons.length - 1)] ?? $(table === "variables" ? "add-variable" : "add-regex")).focus();
        schedule();
      }
    }, "×");
    return h("tr", {}, h("td", {}, name), h("td", {}, value), h("td", { class: "act" }, remove));
  });
  t.tbody().replaceChildren(...rows);
}
function addRow(table) {
  state[table].push(table === "variables" ? { name: "", value: "" } : { name: "", pattern: "" });
  renderTable(table);
  const names = tables[table].tbody().querySelectorAll("input.name");
  names[names.length - 1].focus();
  schedule();
}
function renderTree() {
  const root = { dirs: /* @__PURE__ */ new Map(), files: [] };
  for (const f of state.files) {
    const parts = f.path.split("/");
    let node = root;
    for (const dir of parts.slice(0, -1)) {
      if (!node.dirs.has(dir)) node.dirs.set(dir, { dirs: /* @__PURE__ */ new Map(), files: [] });
      node = node.dirs.get(dir);
    }
    node.files.push({ name: parts[parts.length - 1], path: f.path });
  }
  const status = new Map((lastResult?.files ?? []).map((f) => [f.path, f.status]));
  const items = (node) => [
    ...[...node.dirs.keys()].sort().map(
      (name) => h("li", { class: "dir" }, h("span", { class: "dir-name" }, `${name}/`), h("ul", {}, items(node.dirs.get(name))))
    ),
    ...node.files.sort((a, b) => a.name < b.name ? -1 : 1).map((f) => {
      const s = status.get(f.path);
      const badge = s === "changed" ? "changed" : s ? "selected" : null;
      return h(
        "li",
        { class: "file" },
        h("button", {
          type: "button",
          "data-path": f.path,
          "aria-current": f.path === selectedPath ? "true" : null,
          "aria-label": badge ? `${f.path} (${badge})` : f.path,
          onclick: () => selectFile(f.path)
        }, f.name),
        badge ? h("span", { class: `badge ${badge}`, "aria-hidden": "true" }, badge) : null
      );
    })
  ];
  const focused = document.activeElement?.closest?.("#tree button")?.dataset.path;
  $("tree").replaceChildren(...items(root));
  if (focused !== void 0) {
    [...$("tree").querySelectorAll("button")].find((b) => b.dataset.path === focused)?.focus();
  }
}
function renderEditor() {
  const file = state.files.find((f) => f.path === selectedPath);
  const path = $("file-path");
  const content = $("file-content");
  path.disabled = content.disabled = $("delete-file").disabled = !file;
  path.value = file ? file.path : "";
  content.value = file ? file.content : "";
  content.setAttribute("aria-label", file ? `Content of ${file.path}` : "Content (no file)");
  setPathProblem("");
}
function selectFile(path) {
  selectedPath = path;
  renderTree();
  renderEditor();
  document.querySelector(`#tree button[aria-current="true"]`)?.focus();
}
function setPathProblem(text) {
  $("file-path-problem").textContent = text;
  if (text) $("file-path").setAttribute("aria-invalid", "true");
  else $("file-path").removeAttribute("aria-invalid");
}
function renameSelected() {
  const file = state.files.find((f) => f.path === selectedPath);
  if (!file) return;
  const typed = $("file-path").value;
  if (typed === file.path) return setPathProblem("");
  const checked = checkPath(typed, state.files.filter((f) => f !== file).map((f) => f.path));
  if (checked.error) return setPathProblem(checked.error);
  file.path = selectedPath = checked.path;
  $("file-path").value = checked.path;
  setPathProblem("");
  renderTree();
  $("file-content").setAttribute("aria-label", `Content of ${file.path}`);
  schedule();
}
function addFile() {
  const paths = state.files.map((f) => f.path);
  let path = "new-file.yaml";
  for (let n = 2; paths.includes(path); n++) path = `new-file-${n}.yaml`;
  state.files.push({ path, content: "" });
  selectedPath = path;
  renderTree();
  renderEditor();
  $("file-path").focus();
  $("file-path").select();
  schedule();
}
function deleteSelected() {
  const i = state.files.findIndex((f) => f.path === selectedPath);
  if (i === -1) return;
  state.files.splice(i, 1);
  selectedPath = state.files[Math.min(i, state.files.length - 1)]?.path ?? null;
  renderTree();
  renderEditor();
  (document.querySelector('#tree button[aria-current="true"]') ?? $("add-file")).focus();
  schedule();
}
function renderInputs() {
  $("mappings").value = state.mappings;
  sizeMappings();
  renderTable("variables");
  renderTable("regexes");
  if (!state.files.some((f) => f.path === selectedPath)) selectedPath = state.files[0]?.path ?? null;
  renderTree();
  renderEditor();
  $("exclude").value = state.exclude;
  $("payload").checked = state.payload;
}
function sizeMappings() {
  const lines = $("mappings").value.split("\n").length;
  $("mappings").rows = Math.max(4, Math.min(16, lines + 1));
}
function renderLayer(diagnostics) {
  const ta = $("mappings");
  const text = ta.value;
  const spans = [];
  for (const d of diagnostics) {
    if (d.origin !== "mappings" || d.line === null || d.severity === "notice") continue;
    const from = offsetOf(text, d.line, d.column);
    if (from < 0 || from > text.length) continue;
    let to = d.endLine === null ? from : offsetOf(text, d.endLine, d.endColumn);
    if (to < from) to = from;
    if (to === from && from < text.length && text[from] !== "\n") to = from + 1;
    spans.push({ from, to, severity: d.severity, title: d.message });
  }
  spans.sort((a, b) => a.from - b.from || (a.severity === "error" ? -1 : 1));
  const out = [];
  let at = 0;
  for (const s of spans) {
    if (s.from < at) continue;
    out.push(text.slice(at, s.from));
    const inner = s.to > s.from ? text.slice(s.from, s.to) : " ";
    out.push(h("mark", { class: s.severity, "data-from": String(s.from), "data-to": String(s.to) }, inner));
    at = s.to;
  }
  out.push(text.slice(at), "\n\n");
  $("mappings-layer").replaceChildren(...out);
  requestAnimationFrame(syncScroll);
  const own = diagnostics.filter((d) => d.origin === "mappings" && d.severity === "error");
  $("mappings-problems").textContent = own.length ? own.map((d) => `Line ${d.line}, column ${d.column}: ${d.message}`).join(" · ") : "";
  if (own.length) ta.setAttribute("aria-invalid", "true");
  else ta.removeAttribute("aria-invalid");
}
function syncScroll() {
  const ta = $("mappings");
  const layer = $("mappings-layer");
  layer.scrollTop = ta.scrollTop;
  layer.scrollLeft = ta.scrollLeft;
}
function showInMappings(d) {
  const ta = $("mappings");
  const from = offsetOf(ta.value, d.line, d.column);
  const to = d.endLine === null ? from : offsetOf(ta.value, d.endLine, d.endColumn);
  ta.focus();
  ta.setSelectionRange(from, Math.max(from, to));
  ta.scrollIntoView({ block: "nearest" });
}
function markRows(result) {
  for (const table of Object.keys(tables)) {
    for (const input of tables[table].tbody().querySelectorAll("input")) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-errormessage");
    }
  }
  for (const [i, d] of result.diagnostics.entries()) {
    if (d.severity !== "error") continue;
    const row = rowOf(d, result.origins);
    if (!row) continue;
    const tr = tables[row[0]].tbody().children[row[1]];
    const input = tr?.querySelector(/name/i.test(d.title) ? "input.name" : "input.value");
    if (!input) continue;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-errormessage", `problem-${i}`);
  }
}
function renderProblems(result) {
  const list = result.diagnostics.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i);
  if (!list.length) {
    $("problems").replaceChildren(h("p", { class: "none" }, "No errors, warnings or notices."));
    return;
  }
  $("problems").replaceChildren(
    ...list.map(({ d, i }) => {
      const row = rowOf(d, result.origins);
      let action = null;
      if (d.origin === "mappings" && d.line !== null) {
        action = h("button", { type: "button", class: "link", onclick: () => showInMappings(d) }, "Show in the mappings");
      } else if (row) {
        action = h("button", {
          type: "button",
          class: "link",
          onclick: () => {
            const tr = tables[row[0]].tbody().children[row[1]];
            tr?.querySelector(/name/i.test(d.title) ? "input.name" : "input.value")?.focus();
          }
        }, `Go to ${rowLabel(row[0], row[1])}`);
      }
      return h(
        "div",
        { class: `diag ${d.severity}`, id: `problem-${i}` },
        h(
          "p",
          { class: "diag-head" },
          h("span", { class: `sev ${d.severity}` }, d.severity),
          " ",
          d.title,
          d.origin ? h("span", { class: "origin" }, ` — ${d.origin}`) : null
        ),
        h("pre", { class: "rendered", tabindex: "0" }, d.rendered.replace(/\n+$/, "")),
        action
      );
    })
  );
}
var rank = (d) => ({ error: 0, warning: 1, notice: 2 })[d.severity] ?? 3;
function renderMappings(result) {
  if (!result.report) {
    $("mapping-results").replaceChildren(h("p", { class: "none" }, "Shown when there are no errors."));
    return;
  }
  $("mapping-results").replaceChildren(
    ...result.report.mappings.map((m) => {
      const conditions = h(
        "table",
        { class: "conds" },
        h("caption", { class: "vh" }, `Conditions of mapping ${m.index + 1}`),
        h("thead", {}, h("tr", {}, ["Variable", "Value", "Regex", "Result"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, m.conditions.map((c) => [
          h(
            "tr",
            { class: c.matched ? "yes" : "no" },
            h("td", {}, code(c.variable)),
            h("td", {}, c.value === null ? h("em", {}, "no value") : code(c.value)),
            h("td", {}, code(c.regex)),
            h("td", { class: "result" }, c.matched ? "✓ matches" : "✗ no match")
          ),
          c.note ? h("tr", { class: "note" }, h("td", { colspan: "4" }, c.note)) : null
        ]))
      );
      const selected = (result.selection?.targets ?? []).filter((t) => t.mapping === m.index);
      const targets = h("ul", { class: "targets" }, m.targets.map((t, ti) => {
        const files = selected.find((s) => s.target === ti)?.files ?? [];
        return h(
          "li",
          {},
          h("span", { class: "glob" }, code(t.glob)),
          " with ",
          t.regexes.length ? t.regexes.map((r, ri) => [ri ? " & " : "", code(r)]) : h("em", {}, "no regex"),
          files.length ? h(
            "ul",
            { class: "selected", "aria-label": `Files ${m.active ? "" : "it would "}select${m.active ? "s" : ""}` },
            files.map((f) => h("li", {}, f))
          ) : h("p", { class: "nofile" }, "selects no file")
        );
      }));
      return h(
        "article",
        { class: `mapping ${m.active ? "active" : "inactive"}` },
        h(
          "h3",
          {},
          `Mapping ${m.index + 1} `,
          h("span", { class: `badge ${m.active ? "on" : "off"}` }, m.active ? "active" : "not active")
        ),
        h("pre", { class: "mapping-text" }, m.text),
        conditions,
        h("p", { class: "targets-head" }, m.active ? "Targets:" : "Targets (left alone, since no condition matched):"),
        targets
      );
    })
  );
}
function renderChanges(result) {
  if (!result.files) {
    $("changes").replaceChildren(h("p", { class: "none" }, "Shown when there are no errors."));
    return;
  }
  const changed = result.files.filter((f) => f.status === "changed");
  const unchanged = result.files.filter((f) => f.status === "unchanged");
  const skipped = result.files.filter((f) => f.status === "skipped");
  const out = changed.map((f) => {
    const rows = [];
    f.diff.hunks.forEach((hunk, hi) => {
      if (hi > 0) rows.push(h("tr", { class: "gap" }, h("td", { colspan: "4" }, "⋯")));
      for (const l of hunk.lines) {
        const kind = l.op === "+" ? "add" : l.op === "-" ? "del" : "ctx";
        const wrap = l.op === "+" ? "ins" : "del";
        const pieces = [];
        let at = 0;
        for (const [a, b, edit] of l.marks) {
          pieces.push(l.text.slice(at, a));
          const e = f.edits[edit];
          pieces.push(h(wrap, { title: e ? `${e.regex}: ${e.variable}` : null }, l.text.slice(a, b)));
          at = b;
        }
        pieces.push(l.text.slice(at));
        rows.push(h(
          "tr",
          { class: kind },
          h("td", { class: "ln" }, l.oldNo ?? ""),
          h("td", { class: "ln" }, l.newNo ?? ""),
          h(
            "td",
            { class: "sign" },
            h("span", { "aria-hidden": "true" }, l.op === " " ? "" : l.op === "-" ? "−" : "+"),
            l.op === " " ? null : h("span", { class: "vh" }, l.op === "-" ? "removed" : "added")
          ),
          h("td", { class: "text" }, h("code", {}, pieces))
        ));
      }
    });
    return h(
      "article",
      { class: "file-diff", "data-path": f.path },
      h("h3", {}, code(f.path), " ", h("span", { class: "badge changed" }, "changed")),
      h("ul", { class: "edits" }, f.edits.map((e) => h("li", {}, `line ${e.line}: `, code(e.old), " → ", code(e.new), h("span", { class: "muted" }, ` (${e.regex}, ${e.variable})`)))),
      h(
        "div",
        { class: "diff-scroll", tabindex: "0", role: "region", "aria-label": `Diff of ${f.path}` },
        h("table", { class: "diff" }, h("caption", { class: "vh" }, `Changes in ${f.path}`), h("tbody", {}, rows))
      )
    );
  });
  if (!changed.length) out.push(h("p", { class: "none" }, "No file would change."));
  if (unchanged.length) {
    out.push(h(
      "p",
      { class: "muted" },
      "Selected, nothing to replace: ",
      unchanged.map((f, i) => [i ? ", " : "", code(f.path)])
    ));
  }
  if (skipped.length) {
    out.push(h("p", { class: "muted" }, "Skipped: ", skipped.map((f, i) => [i ? ", " : "", code(f.path)]), " (see Problems)."));
  }
  $("changes").replaceChildren(...out);
}
function renderSummary(result) {
  let text;
  if (result.errors.length) {
    text = `${plural(result.errors.length, "error")}: nothing would change. Fix ${result.errors.length === 1 ? "it" : "them"} to see the results.`;
  } else {
    const active = result.report.mappings.filter((m) => m.active).length;
    const changed = result.files.filter((f) => f.status === "changed");
    const edits = changed.reduce((n, f) => n + f.edits.length, 0);
    text = `${active} of ${plural(result.report.mappings.length, "mapping")} active; ` + (changed.length ? `${plural(changed.length, "file")} would change (${plural(edits, "replacement")}): ${changed.map((f) => f.path).join(", ")}.` : "no file would change.");
    const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
    if (warnings) text += ` ${plural(warnings, "warning")}.`;
  }
  const summary = $("summary");
  if (summary.textContent !== text) summary.textContent = text;
  summary.classList.toggle("bad", result.errors.length > 0);
}
function renderStep() {
  $("step").textContent = workflowStep(state);
}
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(update, DEBOUNCE_MS);
}
function update() {
  clearTimeout(timer);
  timer = 0;
  if (!ready) return;
  const t0 = performance.now();
  let result;
  try {
    result = run(Engine, state);
  } catch (e) {
    ready = false;
    result = {
      diagnostics: [{
        severity: "error",
        title: "engine crashed",
        message: String(e?.message ?? e),
        hint: "reload the page; please report this with the link",
        origin: null,
        rendered: `error: ${e?.message ?? e}
  = hint: reload the page; please report this with the link (Copy link)
`,
        line: null,
        column: null,
        endLine: null,
        endColumn: null,
        path: null
      }],
      origins: {}
    };
    result.errors = result.diagnostics;
  }
  lastResult = result;
  renderLayer(result.diagnostics);
  markRows(result);
  renderProblems(result);
  renderMappings(result);
  renderChanges(result);
  renderSummary(result);
  renderTree();
  renderStep();
  const ms = performance.now() - t0;
  updates++;
  timings.push(ms);
  document.documentElement.dataset.updates = String(updates);
  document.documentElement.dataset.updateMs = ms.toFixed(2);
  $("timing").textContent = `Updated in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms ·`;
  saveHash();
}
var HASH_INTERVAL_MS = 350;
var hashTimer = 0;
var lastReplace = -Infinity;
async function saveHash() {
  const seq = ++hashSeq;
  hashPending++;
  try {
    const hash = await encodeState(state);
    if (seq !== hashSeq) return;
    clearTimeout(hashTimer);
    hashTimer = 0;
    const replace = () => {
      hashTimer = 0;
      lastReplace = performance.now();
      if (location.hash !== `#${hash}`) history.replaceState(null, "", `#${hash}`);
    };
    const wait = lastReplace + HASH_INTERVAL_MS - performance.now();
    if (wait <= 0) replace();
    else hashTimer = setTimeout(replace, wait);
  } finally {
    hashPending--;
  }
}
async function loadFromHash() {
  if (!location.hash || location.hash === "#") return false;
  try {
    state = await decodeState(location.hash);
    $("banner").hidden = true;
    return true;
  } catch (e) {
    $("banner").textContent = `Could not restore the state from this link: ${e.message}. Showing the example instead.`;
    $("banner").hidden = false;
    state = exampleState();
    return false;
  }
}
async function copy(text, what) {
  let ok = false;
  try {
    await navigator.clipboard.writeText(text);
    ok = true;
  } catch {
    const ta = h("textarea", { class: "offscreen", "aria-hidden": "true", readonly: true });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    ta.remove();
  }
  toast(ok ? `${what} copied to the clipboard.` : `Could not copy: select the ${what.toLowerCase()} by hand.`);
}
var toastTimer = 0;
function toast(text) {
  clearTimeout(toastTimer);
  $("toast").textContent = text;
  toastTimer = setTimeout(() => $("toast").textContent = "", 4e3);
}
function wire() {
  const ta = $("mappings");
  ta.addEventListener("input", () => {
    state.mappings = ta.value;
    sizeMappings();
    renderLayer(lastResult?.diagnostics.filter((d) => d.origin !== "mappings") ?? []);
    schedule();
  });
  ta.addEventListener("scroll", syncScroll);
  $("add-variable").addEventListener("click", () => addRow("variables"));
  $("add-regex").addEventListener("click", () => addRow("regexes"));
  $("add-file").addEventListener("click", addFile);
  $("delete-file").addEventListener("click", deleteSelected);
  $("file-path").addEventListener("change", renameSelected);
  $("file-path").addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      $("file-path").value = selectedPath ?? "";
      setPathProblem("");
    }
  });
  $("file-content").addEventListener("input", (e) => {
    const file = state.files.find((f) => f.path === selectedPath);
    if (!file) return;
    file.content = e.target.value;
    schedule();
  });
  $("exclude").addEventListener("input", (e) => {
    state.exclude = e.target.value;
    schedule();
  });
  $("payload").addEventListener("change", (e) => {
    state.payload = e.target.checked;
    renderStep();
    saveHash();
  });
  $("copy-link").addEventListener("click", async () => {
    const hash = await encodeState(state);
    copy(`${location.href.split("#")[0]}#${hash}`, "Link");
  });
  $("copy-step").addEventListener("click", () => copy(workflowStep(state), "Workflow step"));
  $("reset").addEventListener("click", async () => {
    state = exampleState();
    selectedPath = state.files[1].path;
    renderInputs();
    const hash = await encodeState(state);
    clearTimeout(hashTimer);
    hashTimer = 0;
    hashSeq++;
    history.pushState(null, "", `#${hash}`);
    update();
    toast("Reset to the example. Back restores the previous state.");
  });
  window.addEventListener("hashchange", async () => {
    const current = await encodeState(state);
    if (location.hash === `#${current}`) return;
    await loadFromHash();
    renderInputs();
    update();
  });
}
async function main() {
  wire();
  await loadFromHash();
  selectedPath = state.files.find((f) => f.path === "environments/dev/values.yaml")?.path ?? state.files[0]?.path ?? null;
  renderInputs();
  renderStep();
  try {
    await __wbg_init({ module_or_path: new URL("./conditional_regex_replace_bg.wasm", import.meta.url) });
    ready = true;
  } catch (e) {
    $("summary").textContent = `The engine could not be loaded: ${e.message}`;
    $("summary").classList.add("bad");
    return;
  }
  update();
  document.documentElement.dataset.ready = "true";
  window.playground = {
    state: () => structuredClone(state),
    result: () => lastResult,
    timings: () => [...timings],
    update,
    async idle() {
      while (timer || hashPending || hashTimer) await new Promise((r) => setTimeout(r, 10));
    }
  };
}
main();
