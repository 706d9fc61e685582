#!/usr/bin/env node
const __crr_meta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };
const __crr_require = require;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// js/cli.js
var cli_exports = {};
__export(cli_exports, {
  cliReporter: () => cliReporter,
  main: () => main,
  useColor: () => useColor
});
module.exports = __toCommonJS(cli_exports);

// js/node.js
var import_node_module = require("node:module");
var load = typeof __crr_require === "function" ? __crr_require : (0, import_node_module.createRequire)(__crr_meta.url);
var fs = load("node:fs");
var path = load("node:path");
var url = load("node:url");
var EOL = process.platform === "win32" ? "\r\n" : "\n";
var POOL_SIZE = 256;
var pool = null;
var poolUsed = 0;
function readUrandom(n) {
  const buffer = Buffer.alloc(n);
  const fd = fs.openSync("/dev/urandom", "r");
  try {
    let got = 0;
    while (got < n) got += fs.readSync(fd, buffer, got, n - got, null);
  } finally {
    fs.closeSync(fd);
  }
  return buffer;
}
function randomBytes(n) {
  if (process.platform !== "win32") {
    try {
      if (n > POOL_SIZE) return readUrandom(n);
      if (pool === null || poolUsed + n > POOL_SIZE) {
        pool = readUrandom(POOL_SIZE);
        poolUsed = 0;
      }
      const bytes = Buffer.from(pool.subarray(poolUsed, poolUsed + n));
      pool.fill(0, poolUsed, poolUsed + n);
      poolUsed += n;
      return bytes;
    } catch {
    }
  }
  return load("node:crypto").randomBytes(n);
}
var pause = new Int32Array(new SharedArrayBuffer(4));
function writeFd(fd, text) {
  const buffer = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
    } catch (e) {
      if (e.code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      if (e.code === "EPIPE") return;
      throw e;
    }
  }
}
function finish(code, { streamed = false } = {}) {
  process.exitCode = code;
  if (!streamed) process.exit(code);
}

// js/wasm-file.js
var { readFileSync } = fs;
var { dirname, join } = path;
var { fileURLToPath } = url;
var WASM = "conditional_regex_replace_bg.wasm";
function wasmBytes() {
  const here = typeof __dirname === "string" ? __dirname : dirname(fileURLToPath(__crr_meta.url));
  try {
    return readFileSync(join(here, WASM));
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
    return readFileSync(join(here, "..", "pkg", WASM));
  }
}
var compiling = null;
function startCompile() {
  if (compiling) return;
  try {
    compiling = WebAssembly.compile(wasmBytes());
  } catch (e) {
    compiling = Promise.reject(e);
  }
  compiling.catch(() => {
  });
}
var compiled = () => compiling;

// js/preload.js
startCompile();

// js/args.js
var INPUTS = [
  { name: "mappings", arg: "TEXT", help: "the mappings (required): COND {THEN_UPDATE_FILES} GLOB=REGEXES {NEXT_MAPPING} …" },
  { name: "docker_image_tag", arg: "VALUE", help: "well-known variable (default: $DOCKER_IMAGE_TAG)" },
  { name: "git_tag", arg: "VALUE", help: "well-known variable (default: $GIT_TAG)" },
  { name: "git_branch", arg: "VALUE", help: "well-known variable (default: $GIT_BRANCH)" },
  { name: "docker_image_tag_regex", arg: "REGEX", help: "well-known regex (default: $DOCKER_IMAGE_TAG_REGEX)" },
  { name: "git_tag_regex", arg: "REGEX", help: "well-known regex (default: $GIT_TAG_REGEX)" },
  { name: "git_branch_regex", arg: "REGEX", help: "well-known regex (default: $GIT_BRANCH_REGEX)" },
  { name: "register_custom_variables", arg: "NAMES", help: "comma-separated variable names, read from $NAME" },
  { name: "register_custom_regexes", arg: "NAMES", help: "comma-separated regex names, read from $NAME" },
  { name: "skip_variables_autodetect", bool: true, help: "do not register $*_VAR environment variables" },
  { name: "skip_regexes_autodetect", bool: true, help: "do not register $*_REGEX environment variables" },
  { name: "if_well_known_vars_missing_fail", bool: true, help: "exit 2 when docker_image_tag, git_tag and git_branch are all empty" },
  { name: "if_no_match_fail", bool: true, help: "exit 3 when no file changes" },
  { name: "updated_file_suffix", arg: "SUFFIX", help: "write the new content to FILE+SUFFIX, keep FILE" },
  { name: "dump", bool: true, help: "print variables, regexes, globs and their files, mappings; change nothing" },
  { name: "commit", bool: true, help: "commit the changed files" },
  { name: "committer_name", arg: "NAME", help: "committer and author name of the commit" },
  { name: "committer_email", arg: "EMAIL", help: "committer and author e-mail of the commit" },
  { name: "commit_template", arg: "TEXT", help: "commit message template ({{ name }}, {% if name %}…{% endif %})" },
  { name: "variables", arg: "LINES", help: "variables, one name=value per line (see also --var)" },
  { name: "regexes", arg: "LINES", help: "regexes, one name=regex per line (see also --regex)" },
  { name: "exclude", arg: "GLOB", repeat: true, help: "leave out files matching GLOB (repeatable)" },
  { name: "directory", arg: "DIR", help: "the directory the globs select below (default: the current directory)" },
  { name: "dry_run", bool: true, help: "compute and report everything, write nothing" },
  { name: "allow_multiline_values", bool: true, help: "allow control characters (newlines) in values" },
  { name: "max_file_size", arg: "BYTES", help: "skip larger files (default: 67108864)" },
  { name: "push", bool: true, help: "push the commit (retried when the branch moved)" },
  { name: "push_retries", arg: "N", help: "how often to re-apply and push again after a rejected push (default: 3)" },
  { name: "push_branch", arg: "BRANCH", help: "the branch to push to (default: the current one)" }
];
var EXTRA = [
  { flag: "var", arg: "NAME=VALUE", repeat: true, input: "variables", help: "a variable (repeatable); = splits at the first one" },
  { flag: "regex", arg: "NAME=REGEX", repeat: true, input: "regexes", help: "a regex (repeatable); = splits at the first one" },
  { flag: "mappings-file", arg: "FILE", help: "read the mappings from FILE" },
  { flag: "verbose", bool: true, help: "print debug detail" },
  { flag: "help", bool: true, short: "h", help: "print this help" },
  { flag: "version", bool: true, short: "V", help: "print the version" }
];
var UsageError = class extends Error {
};
var SHORT = { h: "help", V: "version", m: "mappings", C: "directory", n: "dry-run" };
function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}
function flagTable() {
  const table = /* @__PURE__ */ new Map();
  for (const i of INPUTS) table.set(i.name.replace(/_/g, "-"), { ...i, flag: i.name.replace(/_/g, "-"), input: i.name });
  for (const e of EXTRA) table.set(e.flag, { ...e });
  return table;
}
function parseArgs(argv, { readFile } = {}) {
  const table = flagTable();
  const values = /* @__PURE__ */ new Map();
  const result = { inputs: {}, verbose: false, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (arg === "--") {
      if (i + 1 < argv.length) throw new UsageError(`unexpected argument: ${argv[i + 1]} (every input is a --flag; see --help)`);
      break;
    }
    if (/^-[A-Za-z]$/.test(arg)) {
      const long = SHORT[arg[1]];
      if (!long) throw new UsageError(`unknown option: ${arg} (see --help)`);
      arg = "--" + long;
    }
    if (!arg.startsWith("--")) {
      throw new UsageError(`unexpected argument: ${arg} (every input is a --flag, e.g. --directory ${arg}; see --help)`);
    }
    let name = arg.slice(2);
    let value;
    const eq = name.indexOf("=");
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    name = name.replace(/_/g, "-");
    let spec = table.get(name);
    if (!spec && name.startsWith("no-") && table.get(name.slice(3))?.bool && value === void 0) {
      spec = table.get(name.slice(3));
      value = "false";
      name = name.slice(3);
    }
    if (!spec) {
      let best = null;
      for (const known of table.keys()) {
        const dist = distance(name, known);
        if (dist <= Math.max(2, Math.floor(name.length / 4)) && (!best || dist < best.dist)) best = { known, dist };
      }
      throw new UsageError(`unknown option: --${name}${best ? ` (did you mean --${best.known}?)` : ""} (see --help)`);
    }
    if (spec.bool) {
      if (value === void 0) value = "true";
    } else if (value === void 0) {
      if (i + 1 >= argv.length) throw new UsageError(`option --${name} needs a value: --${name} ${spec.arg}`);
      value = argv[++i];
    }
    if (spec.repeat) {
      if (!values.has(name)) values.set(name, []);
      values.get(name).push(value);
    } else {
      if (values.has(name)) throw new UsageError(`option --${name} is given more than once`);
      values.set(name, value);
    }
  }
  const bool = (flag) => {
    const v = values.get(flag);
    return v !== void 0 && v !== "false";
  };
  result.help = bool("help");
  result.version = bool("version");
  result.verbose = bool("verbose");
  const multi = { variables: [], regexes: [] };
  for (const [flag, value] of values) {
    const spec = table.get(flag);
    if (!spec.input) continue;
    if (spec.input === "variables" || spec.input === "regexes") {
      const list = Array.isArray(value) ? value : [value];
      if (spec.flag === "var" || spec.flag === "regex") {
        for (const v of list) {
          if (!v.includes("=")) {
            throw new UsageError(`--${flag} ${v}: expected ${spec.arg} (split at the first =)`);
          }
        }
      }
      multi[spec.input].push(...list);
    } else if (spec.input === "exclude") {
      result.inputs.exclude = value.join("\n");
    } else {
      result.inputs[spec.input] = value;
    }
  }
  if (values.has("mappings-file")) {
    if (values.has("mappings")) throw new UsageError("give either --mappings or --mappings-file, not both");
    const file = values.get("mappings-file");
    try {
      result.inputs.mappings = readFile(file);
    } catch (e) {
      throw new UsageError(`--mappings-file ${file}: cannot be read (${e.code ?? e.message})`);
    }
  }
  if (multi.variables.length) result.inputs.variables = multi.variables.join("\n");
  if (multi.regexes.length) result.inputs.regexes = multi.regexes.join("\n");
  return result;
}
function helpText(version) {
  const rows = [];
  const fmt = (flag, arg) => `--${flag}${arg ? " " + arg : ""}`;
  const all = [
    ...INPUTS.map((i) => ({ flag: i.name.replace(/_/g, "-"), arg: i.arg, help: i.help })),
    ...EXTRA.map((e) => ({ flag: e.flag, arg: e.arg, help: e.help, short: e.short }))
  ];
  const width = Math.max(...all.map((r) => fmt(r.flag, r.arg).length)) + 2;
  for (const r of all) rows.push(`  ${fmt(r.flag, r.arg).padEnd(width)}${r.help}`);
  return `conditional-regex-replace ${version}

If a variable matches a condition, then in the files a glob selects, replace the spans that
the named groups of a regex capture with variable values.

Usage:
  npx conditional-regex-replace --mappings 'COND {THEN_UPDATE_FILES} GLOB=REGEX' [options]

Example:
  npx conditional-regex-replace \\
    --mappings 'docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex' \\
    --docker-image-tag 1.2.0-dev \\
    --regex 'docker_image_tag_regex=imageTag: "(?<docker_image_tag>[^"]*)"' \\
    --dry-run

Options (each is also an input of the GitHub Action, spelt with _):
${rows.join("\n")}

Switches take --flag, --flag=true|false or --no-flag. Short forms: -m (--mappings),
-C (--directory), -n (--dry-run), -h, -V. Environment variables are read as by the action
(DOCKER_IMAGE_TAG, *_VAR, *_REGEX, …). Colour: on a terminal unless NO_COLOR is set; FORCE_COLOR
forces it.

Exit codes: 0 done, 1 error (nothing changed), 2 no well-known variable has a value and
--if-well-known-vars-missing-fail, 3 no file changed and --if-no-match-fail.
`;
}

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
   * Applies the active mappings to one file. `content` is its bytes.
   * @param {string} path
   * @param {Uint8Array | number[]} content
   * @returns {any}
   */
  apply(path2, content) {
    let ptr0, len0, ptr1, len1;
    try {
      ptr0 = passStringToWasm0(path2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
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
    const code = arg.charCodeAt(offset);
    if (code > 127) break;
    mem[ptr + offset] = code;
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
function __wbg_finalize_init(instance, module2) {
  wasmInstance = instance;
  wasm = instance.exports;
  wasmModule = module2;
  cachedDataViewMemory0 = null;
  cachedUint8ArrayMemory0 = null;
  wasm.__wbindgen_start();
  return wasm;
}
function initSync(module2) {
  if (wasm !== void 0) return wasm;
  if (module2 !== void 0) {
    if (Object.getPrototypeOf(module2) === Object.prototype) {
      ({ module: module2 } = module2);
    } else {
      console.warn("using deprecated parameters for `initSync()`; pass a single object instead");
    }
  }
  const imports = __wbg_get_imports();
  if (!(module2 instanceof WebAssembly.Module)) {
    module2 = new WebAssembly.Module(module2);
  }
  const instance = new WebAssembly.Instance(module2, imports);
  return __wbg_finalize_init(instance, module2);
}

// js/engine.js
var loaded = false;
function loadEngine() {
  if (!loaded) {
    initSync({ module: wasmBytes() });
    loaded = true;
  }
  return Engine;
}
async function engineReady() {
  if (!loaded && compiled()) {
    const module2 = await compiled();
    if (!loaded) {
      initSync({ module: module2 });
      loaded = true;
    }
  }
  return loadEngine();
}

// js/fsutil.js
var { closeSync, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readFileSync: readFileSync2, renameSync, statSync, unlinkSync, writeSync } = fs;
var { basename, dirname: dirname2, join: join2 } = path;
function skipReason(st, maxFileSize) {
  if (!st.isFile()) return "not a regular file";
  if (st.size > maxFileSize) {
    return `larger than max_file_size (${st.size} bytes > ${maxFileSize} bytes)`;
  }
  if ((st.mode & 146) === 0) return "read-only: the file has no write bit at all";
  return null;
}
var token = null;
var counter = 0;
function tempToken() {
  if (token === null) token = randomBytes(6).toString("hex");
  return `${token}${(counter++).toString(36)}`;
}
var TEMP_PATTERN = /^\.[\s\S]*\.crr-(\d{1,10})-([0-9a-f]{12}[0-9a-z]+)\.tmp$/;
var TEMP_NAME_MAX = 200;
function tempName(name, pid = process.pid, unique = tempToken()) {
  let prefix = name;
  if (Buffer.byteLength(prefix) > TEMP_NAME_MAX) {
    prefix = Buffer.from(name).subarray(0, TEMP_NAME_MAX).toString("utf8").replace(/\uFFFD+$/, "");
  }
  return `.${prefix}.crr-${pid}-${unique}.tmp`;
}
var processStart = Date.now();
var STALE_AFTER_MS = 60 * 60 * 1e3;
function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}
function isStaleTemp(name, st, { now = Date.now(), start = processStart, alive = processAlive } = {}) {
  const m = TEMP_PATTERN.exec(name);
  if (!m || !st.isFile() || st.mtimeMs >= start) return false;
  const pid = Number(m[1]);
  return pid === process.pid || now - st.mtimeMs > STALE_AFTER_MS || !alive(pid);
}
function removeIfStaleTemp(path2) {
  let st;
  try {
    st = lstatSync(path2);
  } catch {
    return false;
  }
  if (!isStaleTemp(basename(path2), st)) return false;
  try {
    unlinkSync(path2);
    return true;
  } catch {
    return false;
  }
}
var crashBeforeRename = Number(process.env.CRR_TEST_CRASH_BEFORE_RENAME) || 0;
var tempsWritten = 0;
var sleepArray = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms) {
  Atomics.wait(sleepArray, 0, 0, ms);
}
function renameWithRetry(from, to, { platform = process.platform, rename = renameSync } = {}) {
  const delays = platform === "win32" ? [10, 20, 40, 80, 160, 320, 640] : [];
  for (let attempt = 0; ; attempt++) {
    try {
      rename(from, to);
      return;
    } catch (e) {
      const retriable = e.code === "EPERM" || e.code === "EACCES" || e.code === "EBUSY";
      if (!retriable || attempt >= delays.length) throw e;
      sleep(delays[attempt]);
    }
  }
}
function atomicWrite(path2, bytes, { mode, uid, gid, durable = false } = {}) {
  if (mode === void 0) {
    try {
      const st = statSync(path2);
      mode = st.mode & 4095;
      uid = st.uid;
      gid = st.gid;
    } catch (e) {
      if (e.code !== "ENOENT") throw e;
      mode = 420;
    }
  }
  const dir = dirname2(path2);
  let temp;
  let fd;
  for (; ; ) {
    temp = join2(dir, tempName(basename(path2)));
    try {
      fd = openSync(temp, "wx", 384);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
  }
  try {
    let offset = 0;
    while (offset < bytes.length) {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    }
    fchmodSync(fd, mode);
    if (process.platform !== "win32" && uid !== void 0 && (uid !== ownUid() || gid !== ownGid())) {
      try {
        fchownSync(fd, uid, gid);
      } catch {
      }
    }
    if (durable) fsyncSync(fd);
    closeSync(fd);
    fd = void 0;
    if (crashBeforeRename !== 0 && ++tempsWritten === crashBeforeRename) process.kill(process.pid, "SIGKILL");
    renameWithRetry(temp, path2);
  } catch (e) {
    if (fd !== void 0) {
      try {
        closeSync(fd);
      } catch {
      }
    }
    try {
      unlinkSync(temp);
    } catch {
    }
    throw e;
  }
}
var uidCache;
var gidCache;
var ownUid = () => uidCache ??= process.getuid();
var ownGid = () => gidCache ??= process.getgid();
function readIfExists(path2) {
  try {
    return readFileSync2(path2);
  } catch (e) {
    if (e.code === "ENOENT") return null;
    throw e;
  }
}

// js/walk.js
var { lstatSync: lstatSync2, readdirSync, realpathSync, statSync: statSync2 } = fs;
var { join: join3, sep } = path;
function isInside(real, rootReal) {
  if (real === rootReal) return true;
  const prefix = rootReal.endsWith(sep) ? rootReal : rootReal + sep;
  return real.startsWith(prefix);
}
var byName = (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
var child = (abs, name) => abs.endsWith(sep) ? abs + name : abs + sep + name;
function normaliseRoots(roots) {
  const clean = [];
  for (const raw of roots) {
    const root = String(raw).replace(/\\/g, "/").replace(/^\.\/+/, "").replace(/\/+$/, "");
    const parts = root === "" || root === "." ? [] : root.split("/");
    if (root.startsWith("/") || /^[A-Za-z]:/.test(root) || parts.some((p) => p === ".." || p === "." || p === "")) {
      continue;
    }
    clean.push(parts.join("/"));
  }
  clean.sort();
  const out = [];
  for (const root of clean) {
    if (out.some((r) => r === "" || root === r || root.startsWith(r + "/"))) continue;
    out.push(root);
  }
  return out;
}
function walk(directory, roots, { removeStaleTemps = true, descend = () => true, batch = null, batchSize = 4096 } = {}) {
  const rootReal = realpathSync(directory);
  let files = [];
  const add = (path2) => {
    files.push(path2);
    if (batch && files.length >= batchSize) {
      batch(files);
      files = [];
    }
  };
  const outside = [];
  const removed = [];
  const special = /* @__PURE__ */ new Set();
  const visit = (abs, rel) => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      if (e.code === "ENOENT" || e.code === "ENOTDIR") return;
      throw Object.assign(
        new Error(`cannot list the directory ${rel === "" ? "." : rel + "/"} below ${directory} (${e.code}): files in it could not be selected`),
        { code: e.code }
      );
    }
    entries.sort(byName);
    for (const entry of entries) {
      const name = entry.name;
      if (name === ".git") continue;
      const childRel = rel === "" ? name : rel + "/" + name;
      if (!entry.isDirectory() && TEMP_PATTERN.test(name)) {
        if (removeStaleTemps && removeIfStaleTemp(child(abs, name))) removed.push(childRel);
        continue;
      }
      if (entry.isDirectory()) {
        if (descend(childRel)) visit(child(abs, name), childRel);
      } else if (entry.isSymbolicLink()) {
        const childAbs = child(abs, name);
        let target;
        try {
          target = statSync2(childAbs);
        } catch {
          outside.push(childRel);
          continue;
        }
        if (target.isDirectory()) continue;
        let real;
        try {
          real = realpathSync(childAbs);
        } catch {
          outside.push(childRel);
          continue;
        }
        if (isInside(real, rootReal)) {
          special.add(childRel);
          add(childRel);
        } else outside.push(childRel);
      } else {
        if (!entry.isFile()) special.add(childRel);
        add(childRel);
      }
    }
  };
  for (const root of normaliseRoots(roots)) {
    let abs = directory;
    let ok = true;
    for (const part of root === "" ? [] : root.split("/")) {
      if (part === ".git") {
        ok = false;
        break;
      }
      abs = join3(abs, part);
      let st;
      try {
        st = lstatSync2(abs);
      } catch {
        ok = false;
        break;
      }
      if (!st.isDirectory()) {
        ok = false;
        break;
      }
    }
    if (ok) visit(abs, root);
  }
  if (batch) {
    if (files.length) batch(files);
    files = [];
  }
  return { files, outside, removed, special };
}

// js/git.js
var GitError = class extends Error {
  constructor(args, code, stderr) {
    super(`git ${args.join(" ")} failed (exit ${code}): ${stderr.trim() || "no message"}`);
    this.args = args;
    this.code = code;
    this.stderr = stderr;
  }
};
function git(cwd, args, { env = {}, input } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child2 = load("node:child_process").execFile(
      "git",
      args,
      {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...env },
        maxBuffer: 64 * 1024 * 1024,
        windowsHide: true
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof error.code === "number" ? error.code : error.code === "ENOENT" ? "not found" : error.code;
          reject(new GitError(args, code, String(stderr || error.message)));
        } else {
          resolvePromise(String(stdout));
        }
      }
    );
    if (input !== void 0) child2.stdin.end(input);
  });
}
async function repoRoot(dir) {
  try {
    return (await git(dir, ["rev-parse", "--show-toplevel"])).trim();
  } catch (e) {
    throw new Error(`commit: ${dir} is not inside a git repository (${e.stderr?.trim() || e.message})`);
  }
}
async function currentBranch(top) {
  try {
    return (await git(top, ["symbolic-ref", "--quiet", "--short", "HEAD"])).trim();
  } catch {
    return "";
  }
}
function identity(name, email) {
  return {
    args: ["-c", `user.name=${name}`, "-c", `user.email=${email}`],
    env: {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email
    }
  };
}
async function commitPaths({ top, paths, message, name, email }) {
  const who = identity(name, email);
  const literal = { GIT_LITERAL_PATHSPECS: "1" };
  await git(top, ["add", "--", ...paths], { env: literal });
  await git(top, [...who.args, "commit", "--quiet", "--only", "-F", "-", "--", ...paths], {
    env: { ...who.env, ...literal },
    input: message
  });
  return (await git(top, ["rev-parse", "HEAD"])).trim();
}
function isRejection(stderr) {
  return /\[(remote )?rejected\]|non-fast-forward|fetch first|failed to push some refs|cannot lock ref/i.test(stderr);
}
async function push({ top, remote, branch }) {
  await git(top, ["push", "--porcelain", remote, `HEAD:refs/heads/${branch}`]);
}
async function moveToRemoteHead({ top, remote, branch }) {
  await git(top, ["fetch", "--quiet", remote, `refs/heads/${branch}`]);
  try {
    await git(top, ["reset", "--quiet", "--keep", "FETCH_HEAD"]);
  } catch (e) {
    throw new Error(
      `push: the branch ${branch} moved on ${remote}, and moving to its new head would overwrite uncommitted changes in the work tree, so nothing was discarded (${e.stderr?.trim() || e.message})`
    );
  }
}
function repoPaths(top, files) {
  const { realpathSync: realpathSync3 } = load("node:fs");
  const { relative: relative2, sep: sep3 } = load("node:path");
  return files.map((f) => relative2(top, realpathSync3(f)).split(sep3).join("/"));
}
async function prepare({ directory, push: push2, pushBranch }) {
  const top = await repoRoot(directory);
  let branch = "";
  if (push2) {
    if (pushBranch) {
      try {
        await git(top, ["check-ref-format", "--branch", pushBranch]);
      } catch {
        throw new Error(`push_branch ${JSON.stringify(pushBranch)} is not a valid branch name (see git check-ref-format: no spaces, \`..\`, \`~^:?*[\\\`)`);
      }
    }
    branch = pushBranch || await currentBranch(top);
    if (!branch) {
      throw new Error("push: HEAD is detached (no branch is checked out); set push_branch to the branch to push to");
    }
  }
  return { top, branch };
}
async function commitAndPush({ top, branch, remote = "origin", pass, reapply, message, name, email, push: pushing, retries, reporter }) {
  let current = pass;
  let sha = await commitPaths({ top, paths: repoPaths(top, current.written), message: message(current.modified), name, email });
  reporter.info(`committed ${sha}: ${current.written.length} file(s)`);
  if (!pushing) return { sha, pass: current };
  for (let attempt = 1; ; attempt++) {
    try {
      await push({ top, remote, branch });
      reporter.info(`pushed ${sha} to ${remote} ${branch}`);
      return { sha, pass: current };
    } catch (e) {
      const why = e instanceof GitError ? e.stderr.trim() : String(e.message || e);
      if (!(e instanceof GitError) || !isRejection(e.stderr)) {
        throw new Error(`push: pushing to ${remote} ${branch} failed: ${why}`);
      }
      if (attempt > retries) {
        throw new Error(
          `push: ${remote} rejected the push ${attempt} time(s) (push_retries: ${retries}); nothing was forced. Last answer: ${why}`
        );
      }
      reporter.warning(
        "Push rejected",
        `${remote} rejected the push to ${branch} (the branch moved, or a hook refused it): moving to its new head, re-applying the mappings and retrying (${attempt}/${retries})`
      );
    }
    await moveToRemoteHead({ top, remote, branch });
    current = reapply();
    if (current.failed) throw new Error("push: re-applying the mappings on the new head failed; see the errors above");
    if (current.written.length === 0) {
      reporter.info(`re-applied on the new head of ${branch}: nothing to change (already promoted); no commit`);
      return { sha: "", pass: current };
    }
    sha = await commitPaths({ top, paths: repoPaths(top, current.written), message: message(current.modified), name, email });
    reporter.info(`committed ${sha} on the new head: ${current.written.length} file(s)`);
  }
}

// js/format.js
function show(s) {
  return /[\u0000-\u001f\u007f]/.test(s) ? JSON.stringify(s) : s;
}
function diagnosticText(d) {
  const text = d.rendered || d.message;
  return text.replace(/^(error|warning|notice|note): /, "").replace(/\s+$/, "");
}
function oneLine(s) {
  return s.replace(/\s+/g, " ").trim();
}
function plural(n, one, many = one + "s") {
  return `${n} ${n === 1 ? one : many}`;
}
function countLine(modified, dryRun) {
  return `${plural(modified.length, "file")} ${dryRun ? "would be modified (dry run)" : "modified"}`;
}
function listHead(names, max = 20) {
  if (names.length === 0) return "";
  const head = names.slice(0, max).join(", ");
  return `: ${head}${names.length > max ? `, … and ${names.length - max} more` : ""}`;
}
function cell(s, { code = true, max = 200 } = {}) {
  if (s === null || s === void 0) return "";
  let t = show(String(s));
  if (t.length > max) t = t.slice(0, max) + "…";
  t = t.replace(/\|/g, "\\|");
  if (!code) return t;
  if (t === "") return "*(empty)*";
  const ticks = t.includes("`") ? "``" : "`";
  const pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
  return `${ticks}${pad}${t}${pad}${ticks}`;
}

// js/core.js
var { lstatSync: lstatSync3, readFileSync: readFileSync3, realpathSync: realpathSync2, statSync: statSync3 } = fs;
var { isAbsolute, join: join4, relative, resolve, sep: sep2 } = path;
var EXIT = Object.freeze({ OK: 0, ERROR: 1, WELL_KNOWN_MISSING: 2, NO_MATCH: 3 });
var RESERVED_OUTPUTS = ["total_modified_files", "modified_files", "changed", "commit_sha"];
async function run({ inputs, env, baseDir, reporter }) {
  for (const name in inputs) {
    if (inputs[name].includes("\0")) {
      reporter.error("Invalid input", `input ${name} contains a NUL character; nothing was changed`);
      return EXIT.ERROR;
    }
  }
  const Engine2 = await engineReady();
  const engine = Engine2.fromFlat(flat(inputs), flat(env));
  const diagnostics = engine.diagnostics();
  for (const d of diagnostics) reporter.diagnostic(d);
  if (engine.hasErrors() || diagnostics.some((d) => d.severity === "error")) return EXIT.ERROR;
  const opts = engine.options();
  const directory = resolve(baseDir, opts.directory ? opts.directory : ".");
  let directoryStat;
  try {
    directoryStat = statSync3(directory);
  } catch (e) {
    reporter.error("Directory not found", `input directory: ${directory} does not exist (${e.code})`);
    return EXIT.ERROR;
  }
  if (!directoryStat.isDirectory()) {
    reporter.error("Not a directory", `input directory: ${directory} is not a directory`);
    return EXIT.ERROR;
  }
  reporter.begin({ directory });
  const suffix = opts.updatedFileSuffix || "";
  if (/[/\\]/.test(suffix) || suffix === "." || suffix === "..") {
    reporter.error(
      "Invalid updated_file_suffix",
      `input updated_file_suffix: ${JSON.stringify(suffix)} must not contain a path separator; it is appended to the file name (e.g. ".updated")`
    );
    return EXIT.ERROR;
  }
  const writing = !opts.dryRun && !opts.dump;
  if (opts.wellKnownVarsMissing && opts.ifWellKnownVarsMissingFail) {
    reporter.error(
      "Well-known variables missing",
      "none of docker_image_tag, git_tag, git_branch has a value, and if_well_known_vars_missing_fail is true"
    );
    return EXIT.WELL_KNOWN_MISSING;
  }
  const committing = writing && (opts.commit || opts.push);
  let repo = null;
  if (committing) {
    try {
      repo = await prepare({ directory, push: opts.push, pushBranch: opts.pushBranch });
    } catch (e) {
      reporter.error(opts.push ? "Cannot push" : "Cannot commit", `${e.message}; nothing was changed`);
      return EXIT.ERROR;
    }
  }
  const report = engine.report();
  const rootReal = realpathSync2(directory);
  const roots = opts.dump ? report.allWalkRoots : report.walkRoots;
  const started = Date.now();
  const descend = (dir) => engine.mayHoldSelected(dir, opts.dump);
  const selectAll = () => {
    const selection2 = { files: [], targets: engine.selectJoined(new Uint8Array(0)).targets };
    const all = [];
    let count2 = 0;
    const batch = (paths) => {
      count2 += paths.length;
      if (opts.dump) all.push(...paths);
      const part = engine.selectJoined(Buffer.from(paths.join("\0"), "utf8"));
      for (const f of part.files) selection2.files.push(f);
      part.targets.forEach((t, i) => {
        for (const f of t.files) selection2.targets[i].files.push(f);
      });
    };
    const { outside: outside2, special } = roots.length ? walk(directory, roots, { removeStaleTemps: writing, descend, batch }) : { outside: [], special: /* @__PURE__ */ new Set() };
    selection2.special = special;
    return { selection: selection2, outside: outside2, count: count2, all };
  };
  let listed;
  try {
    listed = selectAll();
  } catch (e) {
    reporter.error("Cannot list directory", `${e.message}; nothing was changed`);
    return EXIT.ERROR;
  }
  const { selection, outside, count, all: candidates } = listed;
  reporter.debug(
    `walked ${roots.map((r) => JSON.stringify(r)).join(", ") || "nothing"} under ${directory}: ${plural(count, "file")} in ${Date.now() - started} ms`
  );
  reporter.debug(`selected ${plural(selection.files.length, "file")} of ${count}`);
  if (outside.length) {
    for (const path2 of engine.select(outside).files) {
      reporter.warning(
        "File skipped",
        `${path2}: skipped, a symlink whose target is outside ${directory} (or missing); it is neither read nor written`,
        { path: path2 }
      );
    }
  }
  if (opts.dump) {
    reporter.dump(engine.dump(candidates));
    writeOutputs(engine, reporter, []);
    return EXIT.OK;
  }
  const warnedGlobs = /* @__PURE__ */ new Set();
  for (const mapping of report.mappings) {
    const targets = selection.targets.filter((t) => t.mapping === mapping.index);
    reporter.startGroup(
      `Mapping ${mapping.index + 1}: ${mapping.active ? "active" : "not active"} — ${oneLine(mapping.text)}`
    );
    for (const c of mapping.conditions) {
      const value = c.value === null ? "has no value" : `= ${JSON.stringify(c.value)}`;
      reporter.info(
        `${c.matched ? "✓" : "✗"} ${c.variable} ${value} ${c.matched ? "matches" : "does not match"} ${c.regex}` + (c.note ? ` (${c.note})` : "")
      );
    }
    if (!mapping.active) reporter.info("no condition matched: files left alone");
    for (const t of targets) {
      const regexes = mapping.targets[t.target]?.regexes ?? [];
      if (!mapping.active) {
        reporter.info(`${t.glob} = ${regexes.join(" & ")}`);
        continue;
      }
      reporter.info(`${t.glob} = ${regexes.join(" & ")}: ${plural(t.files.length, "file")}`);
      for (const f of t.files) reporter.info(`  ${f}`);
      if (t.files.length === 0 && !warnedGlobs.has(t.glob)) {
        warnedGlobs.add(t.glob);
        reporter.warning("Glob selects no file", `glob ${t.glob} (mapping ${mapping.index + 1}) selects no file under ${directory}`);
      }
    }
    reporter.endGroup();
  }
  const context = { engine, opts, directory, rootReal, suffix, reporter, committing };
  let pass = applyPass(context, selection);
  let commitSha = "";
  if (committing && pass.written.length > 0 && !pass.failed) {
    try {
      const landed = await commitAndPush({
        ...repo,
        pass,
        reapply: () => applyPass(context, selectAll().selection),
        message: (modified2) => engine.commitMessage(modified2),
        name: opts.committerName,
        email: opts.committerEmail,
        push: opts.push,
        retries: opts.pushRetries,
        reporter
      });
      commitSha = landed.sha;
      pass = landed.pass;
    } catch (e) {
      reporter.error(opts.push ? "Push failed" : "Commit failed", e.message);
      pass.failed = true;
    }
  }
  const { modified, changes, failed } = pass;
  writeOutputs(engine, reporter, modified, commitSha);
  reporter.summary(summaryMarkdown({ report, selection, changes, modified, dryRun: opts.dryRun, directory, baseDir }));
  reporter.finished({ modified, dryRun: opts.dryRun });
  if (failed) return EXIT.ERROR;
  if (modified.length === 0 && opts.ifNoMatchFail) {
    reporter.error(
      "No file changed",
      `no file ${opts.dryRun ? "would be " : "was "}changed, and if_no_match_fail is true`
    );
    return EXIT.NO_MATCH;
  }
  return EXIT.OK;
}
function applyPass({ engine, opts, directory, rootReal, suffix, reporter, committing }, selection) {
  const modified = [];
  const written = [];
  const changes = { paths: /* @__PURE__ */ new Set(), rows: new RowBuffer(), rowsLeftOut: 0 };
  const linkTargets = /* @__PURE__ */ new Map();
  let order = null;
  let failed = false;
  for (let index = 0; index < selection.files.length; index++) {
    const rel = selection.files[index];
    const abs = below(directory, rel);
    let real = abs;
    let st;
    let first;
    let before;
    if (linkTargets.size > 0) first = linkTargets.get(below(rootReal, rel));
    const listed = first === void 0 && !selection.special?.has(rel) ? readListedFile(abs, opts.maxFileSize) : null;
    if (listed && !listed.st) {
      const text = listed.warning === void 0 ? nulWarning(rel, listed.nul) : `${rel}: skipped, ${listed.warning}`;
      reporter.warning("File skipped", text, { path: rel });
      continue;
    }
    if (listed) {
      st = listed.st;
      before = listed.bytes;
    } else if (first === void 0) {
      try {
        st = lstatSync3(abs);
        if (st.isSymbolicLink()) {
          real = realpathSync2(abs);
          if (!isInside(real, rootReal)) {
            reporter.warning("File skipped", `${rel}: skipped, a symlink whose target is outside ${directory}`, { path: rel });
            continue;
          }
          st = statSync3(real);
          first = linkTargets.get(real);
          if (first === void 0) {
            order ??= new Map(selection.files.map((f, i) => [f, i]));
            const targetRel2 = relative(rootReal, real).split(sep2).join("/");
            if (order.get(targetRel2) < index) first = targetRel2;
            else linkTargets.set(real, rel);
          }
        }
      } catch (e) {
        reporter.warning("File skipped", `${rel}: skipped, it vanished while running (${e.code})`, { path: rel });
        continue;
      }
    }
    if (first !== void 0) {
      reporter.warning("File skipped", `${rel}: skipped, the same file as ${first}, already processed`, { path: rel });
      continue;
    }
    if (before === void 0) {
      const reason = skipReason(st, opts.maxFileSize);
      if (reason) {
        reporter.warning("File skipped", `${rel}: skipped, ${reason}`, { path: rel });
        continue;
      }
      const nul = st.size > HEAD_BYTES ? nulInHead(real) : -1;
      if (nul >= 0) {
        reporter.warning("File skipped", nulWarning(rel, nul), { path: rel });
        continue;
      }
      try {
        before = readFileSync3(real);
      } catch (e) {
        reporter.warning("File skipped", `${rel}: skipped, cannot be read (${e.code})`, { path: rel });
        continue;
      }
    }
    const result = engine.apply(rel, before);
    for (const w of result.warnings) reporter.diagnostic(w);
    if (result.status !== "changed") {
      reporter.debug(`${rel}: ${result.status === "skipped" ? "skipped" : "no change"}`);
      continue;
    }
    const after = result.content;
    let target = real;
    let targetRel = rel;
    let mode = { mode: st.mode & 4095, uid: st.uid, gid: st.gid };
    if (suffix) {
      target = abs + suffix;
      targetRel = rel + suffix;
      const existing = suffixTarget(target, rootReal);
      if (existing.refused) {
        reporter.warning("File skipped", `${targetRel}: not written, ${existing.refused}`, { path: rel });
        continue;
      }
      target = existing.path;
      const current = readIfExists(target);
      if (current !== null && Buffer.compare(current, after) === 0) {
        reporter.debug(`${targetRel} is up to date`);
        continue;
      }
      if (current !== null) mode = void 0;
    }
    if (!opts.dryRun) {
      try {
        atomicWrite(target, after, mode);
      } catch (e) {
        reporter.error("Write failed", `${targetRel}: cannot be written (${e.code ?? e.message})`);
        failed = true;
        continue;
      }
      if (committing) written.push(target);
    }
    modified.push(targetRel);
    changes.paths.add(rel);
    for (const e of result.edits) {
      if (changes.rows.length > SUMMARY_ROWS_KEPT) changes.rowsLeftOut++;
      else changes.rows.push(`| ${cell(targetRel)} | ${e.line} | ${cell(e.variable)} | ${cell(e.old)} | ${cell(e.new)} |
`);
    }
    reporter.fileChanged({ path: rel, target: targetRel, edits: result.edits, before, after, dryRun: opts.dryRun });
  }
  return { modified, written, changes, failed };
}
function flat(object) {
  let out = "";
  for (const name in object) {
    const value = object[name];
    if (typeof value !== "string" || name.includes("\0") || value.includes("\0")) continue;
    out += `${name}\0${value}\0`;
  }
  return out;
}
function below(directory, rel) {
  if (sep2 === "/") return directory.endsWith("/") ? directory + rel : `${directory}/${rel}`;
  return join4(directory, ...rel.split("/"));
}
var HEAD_BYTES = 64 * 1024;
var nulWarning = (rel, at) => `\`${rel}\` skipped: it contains a NUL byte (at byte ${at}), so it looks binary; it was not changed`;
var LISTED_FLAGS = fs.constants.O_NOFOLLOW === void 0 ? null : fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | (fs.constants.O_NONBLOCK ?? 0);
function readListedFile(abs, maxFileSize) {
  if (LISTED_FLAGS === null) return null;
  let fd;
  try {
    fd = fs.openSync(abs, LISTED_FLAGS);
  } catch (e) {
    if (e.code === "ENOENT" || e.code === "ENOTDIR") return { warning: `it vanished while running (${e.code})` };
    return null;
  }
  try {
    const st = fs.fstatSync(fd);
    const reason = skipReason(st, maxFileSize);
    if (reason) return { warning: reason };
    const bytes = Buffer.allocUnsafe(st.size);
    let got = 0;
    if (st.size > HEAD_BYTES) {
      got = readFully(fd, bytes, 0, HEAD_BYTES);
      const nul = bytes.subarray(0, got).indexOf(0);
      if (nul >= 0) return { nul };
    }
    got = readFully(fd, bytes, got, st.size);
    return { st, bytes: got === st.size ? bytes : bytes.subarray(0, got) };
  } catch (e) {
    return { warning: `cannot be read (${e.code})` };
  } finally {
    fs.closeSync(fd);
  }
}
function readFully(fd, buffer, from, to) {
  let at = from;
  while (at < to) {
    const n = fs.readSync(fd, buffer, at, to - at, at);
    if (n === 0) break;
    at += n;
  }
  return at;
}
function nulInHead(path2) {
  const buffer = Buffer.alloc(HEAD_BYTES);
  let fd;
  try {
    fd = fs.openSync(path2, "r");
    const n = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, n).indexOf(0);
  } catch {
    return -1;
  } finally {
    if (fd !== void 0) fs.closeSync(fd);
  }
}
function suffixTarget(path2, rootReal) {
  let lst;
  try {
    lst = lstatSync3(path2);
  } catch {
    return { path: path2 };
  }
  if (lst.isSymbolicLink()) {
    let real;
    try {
      real = realpathSync2(path2);
    } catch {
      return { refused: "it is a dangling symlink" };
    }
    if (!isInside(real, rootReal)) return { refused: "it is a symlink to a file outside directory" };
    if (!statSync3(real).isFile()) return { refused: "it is not a regular file" };
    return { path: real };
  }
  if (!lst.isFile()) return { refused: "it exists and is not a regular file" };
  return { path: path2 };
}
function writeOutputs(engine, reporter, modified, commitSha = "") {
  const pairs = [];
  for (const [name, value] of engine.outputs()) {
    if (RESERVED_OUTPUTS.includes(name)) {
      reporter.warning(
        "Output name taken",
        `variable ${name} is not set as an output: ${name} is an output of the action itself`
      );
      continue;
    }
    pairs.push([name, value]);
  }
  pairs.push(["total_modified_files", String(modified.length)]);
  pairs.push(["modified_files", JSON.stringify(modified)]);
  pairs.push(["changed", modified.length > 0 ? "true" : "false"]);
  if (commitSha) pairs.push(["commit_sha", commitSha]);
  reporter.setOutputs(pairs);
}
var SUMMARY_ROWS_KEPT = 1024 * 1024;
var RowBuffer = class {
  constructor() {
    this.buffer = Buffer.allocUnsafe(16 * 1024);
    this.length = 0;
  }
  push(text) {
    const need = this.length + Buffer.byteLength(text);
    if (need > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.buffer.length * 2));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(text, this.length);
  }
  text() {
    return this.buffer.toString("utf8", 0, this.length);
  }
};
function summaryMarkdown({ report, selection, changes, modified, dryRun, directory, baseDir }) {
  const lines = [];
  lines.push("### Conditional regex replace" + (dryRun ? " (dry run: nothing written)" : ""));
  lines.push("");
  const rel = relative(baseDir, directory);
  if (rel && !rel.startsWith("..") && !isAbsolute(rel)) {
    lines.push(`Directory: ${cell(rel.split(sep2).join("/"))}`, "");
  } else if (rel) {
    lines.push(`Directory: ${cell(directory)}`, "");
  }
  const changedSet = changes.paths;
  lines.push("| # | Conditions | Result |", "| --- | --- | --- |");
  for (const m of report.mappings) {
    const conditions = m.conditions.map(
      (c) => `${c.matched ? "✅" : "❌"} ${cell(c.variable)} ${c.value === null ? "has no value" : cell(c.value)} ${c.matched ? "matches" : "does not match"} ${cell(c.regex)}`
    ).join("<br>");
    let result = "not active";
    if (m.active) {
      const files = /* @__PURE__ */ new Set();
      for (const t of selection.targets) if (t.mapping === m.index) for (const f of t.files) files.add(f);
      let n = 0;
      for (const f of files) if (changedSet.has(f)) n++;
      result = `${plural(files.size, "file")} selected, ${n} ${dryRun ? "would change" : "changed"}`;
    }
    lines.push(`| ${m.index + 1} | ${conditions} | ${result} |`);
  }
  lines.push("");
  if (modified.length === 0) {
    lines.push(dryRun ? "No file would change." : "No file changed.");
  } else {
    lines.push(`**${plural(modified.length, "file")} ${dryRun ? "would change" : "changed"}**`, "");
    lines.push("| File | Line | Variable | Old | New |", "| --- | --- | --- | --- | --- |");
    lines.push(changes.rows.text().replace(/\n$/, ""));
    if (changes.rowsLeftOut > 0) lines.push(`| … | | | | ${plural(changes.rowsLeftOut, "more replacement")}: see the step log |`);
  }
  lines.push("");
  return lines.join("\n");
}

// js/diff.js
function splitLines(text) {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => l.endsWith("\r") ? l.slice(0, -1) : l);
}
function lineOps(before, after) {
  const a = splitLines(before);
  const b = splitLines(after);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const ops = [];
  for (let i = 0; i < p; i++) ops.push({ op: " ", text: a[i], a: i + 1, b: i + 1 });
  const midA = a.slice(p, a.length - s);
  const midB = b.slice(p, b.length - s);
  if (midA.length === midB.length) {
    let k = 0;
    while (k < midA.length) {
      if (midA[k] === midB[k]) {
        ops.push({ op: " ", text: midA[k], a: p + k + 1, b: p + k + 1 });
        k++;
        continue;
      }
      let end = k;
      while (end < midA.length && midA[end] !== midB[end]) end++;
      for (let i = k; i < end; i++) ops.push({ op: "-", text: midA[i], a: p + i + 1, pair: midB[i] });
      for (let i = k; i < end; i++) ops.push({ op: "+", text: midB[i], b: p + i + 1, pair: midA[i] });
      k = end;
    }
  } else {
    midA.forEach((t, i) => ops.push({ op: "-", text: t, a: p + i + 1 }));
    midB.forEach((t, i) => ops.push({ op: "+", text: t, b: p + i + 1 }));
  }
  for (let i = 0; i < s; i++) {
    ops.push({ op: " ", text: a[a.length - s + i], a: a.length - s + i + 1, b: b.length - s + i + 1 });
  }
  return ops;
}
var ESC = {
  bold: ["\x1B[1m", "\x1B[22m"],
  red: ["\x1B[31m", "\x1B[39m"],
  green: ["\x1B[32m", "\x1B[39m"],
  cyan: ["\x1B[36m", "\x1B[39m"],
  inverse: ["\x1B[7m", "\x1B[27m"]
};
function paint(color, on) {
  return (text) => on ? ESC[color][0] + text + ESC[color][1] : text;
}
function highlight(line, other, color) {
  let p = 0;
  while (p < line.length && p < other.length && line[p] === other[p]) p++;
  let s = 0;
  while (s < line.length - p && s < other.length - p && line[line.length - 1 - s] === other[other.length - 1 - s]) s++;
  const mid = line.slice(p, line.length - s);
  return color(line.slice(0, p)) + ESC.inverse[0] + color(mid) + ESC.inverse[1] + color(line.slice(line.length - s));
}
function unifiedDiff(pathA, pathB, before, after, { color = false, context = 3 } = {}) {
  const ops = lineOps(before, after);
  const bold = paint("bold", color);
  const red = paint("red", color);
  const green = paint("green", color);
  const cyan = paint("cyan", color);
  const out = [bold(`--- a/${pathA}`), bold(`+++ b/${pathB}`)];
  const changed = ops.map((o, i2) => o.op === " " ? -1 : i2).filter((i2) => i2 >= 0);
  let i = 0;
  while (i < changed.length) {
    let start = Math.max(0, changed[i] - context);
    let end = Math.min(ops.length, changed[i] + context + 1);
    let j = i + 1;
    while (j < changed.length && changed[j] - context <= end) {
      end = Math.min(ops.length, changed[j] + context + 1);
      j++;
    }
    const hunk = ops.slice(start, end);
    const aLines = hunk.filter((o) => o.op !== "+");
    const bLines = hunk.filter((o) => o.op !== "-");
    const aStart = aLines.length ? aLines[0].a : 0;
    const bStart = bLines.length ? bLines[0].b : 0;
    out.push(cyan(`@@ -${aStart},${aLines.length} +${bStart},${bLines.length} @@`));
    for (const o of hunk) {
      if (o.op === " ") out.push(" " + o.text);
      else if (o.op === "-") out.push(color && o.pair !== void 0 ? red("-") + highlight(o.text, o.pair, red) : red("-" + o.text));
      else out.push(color && o.pair !== void 0 ? green("+") + highlight(o.text, o.pair, green) : green("+" + o.text));
    }
    i = j;
  }
  return out.join("\n");
}

// js/cli.js
var VERSION = true ? "0.1.0" : "dev";
function useColor(stream, env = process.env) {
  const force = env.FORCE_COLOR;
  if (force !== void 0 && force !== "") return force !== "0" && force !== "false";
  if (env.NO_COLOR !== void 0 && env.NO_COLOR !== "") return false;
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}
function cliReporter({ out, err, color, errColor, verbose }) {
  const c = {
    bold: paint("bold", color),
    cyan: paint("cyan", color),
    red: paint("red", errColor),
    yellow: (t) => errColor ? `\x1B[33m${t}\x1B[39m` : t,
    blue: (t) => errColor ? `\x1B[34m${t}\x1B[39m` : t
  };
  const label = { error: c.red("error"), warning: c.yellow("warning"), notice: c.blue("note") };
  let indent = "";
  return {
    begin() {
    },
    diagnostic(d) {
      err(`${label[d.severity] ?? d.severity}: ${diagnosticText(d)}
`);
    },
    error: (title, message) => err(`${label.error}: ${message}
`),
    warning: (title, message) => err(`${label.warning}: ${message}
`),
    notice: (title, message) => err(`${label.notice}: ${message}
`),
    debug: (message) => {
      if (verbose) err(`debug: ${message}
`);
    },
    info: (line) => out(indent + line + "\n"),
    startGroup(name) {
      out(c.bold(name) + "\n");
      indent = "  ";
    },
    endGroup() {
      indent = "";
    },
    dump: (text) => out(text.endsWith("\n") ? text : text + "\n"),
    fileChanged({ path: path2, target, before, after, dryRun }) {
      out("\n" + unifiedDiff(path2, target, before.toString("utf8"), Buffer.from(after).toString("utf8"), { color }) + "\n");
      if (dryRun) out(c.cyan(`(dry run: ${target} not written)`) + "\n");
    },
    setOutputs() {
    },
    summary() {
    },
    finished({ modified, dryRun }) {
      out(`
${countLine(modified, dryRun)}${listHead(modified.map(show))}
`);
    }
  };
}
async function main(argv = process.argv.slice(2), env = process.env) {
  const winConsole = process.platform === "win32";
  const out = winConsole && process.stdout.isTTY ? (s) => process.stdout.write(s) : (s) => writeFd(1, s);
  const err = winConsole && process.stderr.isTTY ? (s) => process.stderr.write(s) : (s) => writeFd(2, s);
  let args;
  try {
    args = parseArgs(argv, { readFile: (f) => fs.readFileSync(f, "utf8") });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`error: ${e.message}
`);
    return EXIT.ERROR;
  }
  if (args.help) {
    out(helpText(VERSION));
    return EXIT.OK;
  }
  if (args.version) {
    out(VERSION + "\n");
    return EXIT.OK;
  }
  if (args.inputs.mappings === void 0) {
    err("error: --mappings is required (or --mappings-file); see --help\n");
    return EXIT.ERROR;
  }
  const reporter = cliReporter({
    out,
    err,
    color: useColor(process.stdout, env),
    errColor: useColor(process.stderr, env),
    verbose: args.verbose
  });
  try {
    return await run({ inputs: args.inputs, env, baseDir: process.cwd(), reporter });
  } catch (e) {
    err(`error: unexpected: ${e && e.stack ? e.stack : e}
`);
    return EXIT.ERROR;
  }
}
main().then((code) => finish(code, { streamed: process.platform === "win32" }));
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  cliReporter,
  main,
  useColor
});
