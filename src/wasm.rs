//! The JavaScript face of the engine: one object built from the whole configuration, thin
//! methods, diagnostics returned as data. See `docs/engine-api.md`.

use crate::diagnostic::Diagnostic;
use crate::engine;
use crate::json::push_number;
use crate::registry::ByName;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A panic becomes a JavaScript `Error` carrying the panic message (not a bare `unreachable`).
/// The engine object must not be used after that.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| wasm_bindgen::throw_str(&format!("conditional-regex-replace engine panicked: {info}"))));
}

/// Engine data as a JavaScript value: serialized to JSON in wasm, parsed by `JSON.parse`. Two
/// crossings of the boundary, where building the object field by field from wasm (as
/// `serde-wasm-bindgen` does) costs one call into JavaScript per field and string — the bulk of
/// `apply`'s time per file once the matching itself is fast.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    let json = serde_json::to_string(value).expect("engine data always serializes");
    js_sys::JSON::parse(&json).expect("serde_json writes valid JSON")
}

/// Data written by `crate::json` (the start-up's reads: no serde code compiled for them) as a
/// JavaScript value.
fn json_to_js<T: crate::json::ToJson>(value: &T) -> JsValue {
    js_sys::JSON::parse(&value.to_json()).expect("crate::json writes valid JSON")
}

/// `config[key]` as a map of strings (a missing key is empty). Read by hand rather than through
/// serde: this runs once per process, cold, and the generic deserializer costs milliseconds of
/// wasm compilation at start-up.
fn string_map(config: &JsValue, key: &str) -> Result<ByName<String>, JsError> {
    let bad = || JsError::new(&format!("invalid engine configuration: `{key}` must be an object of strings"));
    if !config.is_object() {
        return Err(JsError::new("invalid engine configuration: expected `{ inputs, env }`"));
    }
    let value = js_sys::Reflect::get(config, &JsValue::from_str(key)).map_err(|_| bad())?;
    if value.is_undefined() || value.is_null() {
        return Ok(Default::default());
    }
    let object: js_sys::Object = value.dyn_into().map_err(|_| bad())?;
    let mut map = ByName::new();
    for entry in js_sys::Object::entries(&object).iter() {
        let pair: js_sys::Array = entry.into();
        let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) else { return Err(bad()) };
        map.insert(k, v);
    }
    Ok(map)
}

/// `name\0value\0…` (see `Engine::from_flat`) as a map.
fn flat_pairs(text: &str, what: &str) -> Result<ByName<String>, JsError> {
    let mut map = ByName::new();
    let Some(body) = text.strip_suffix('\0') else {
        return if text.is_empty() { Ok(map) } else { Err(JsError::new(&format!("invalid engine configuration: `{what}` must end with NUL"))) };
    };
    let mut fields = body.split('\0');
    while let Some(name) = fields.next() {
        let Some(value) = fields.next() else {
            return Err(JsError::new(&format!("invalid engine configuration: `{what}` has a name without a value")));
        };
        map.insert(name.to_string(), value.to_string());
    }
    Ok(map)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DiagnosticData<'a> {
    severity: crate::diagnostic::Severity,
    title: &'a str,
    message: &'a str,
    hint: Option<&'a str>,
    origin: Option<&'a str>,
    rendered: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    path: Option<&'a str>,
}

fn diagnostic_data(d: &Diagnostic) -> DiagnosticData<'_> {
    let start = d.start_position();
    let end = d.end_position();
    DiagnosticData {
        severity: d.severity,
        title: &d.title,
        message: &d.message,
        hint: d.hint.as_deref(),
        origin: d.origin.as_ref().map(|(o, _)| o.name.as_str()),
        rendered: d.render(),
        line: start.map(|p| p.0),
        column: start.map(|p| p.1),
        end_line: end.map(|p| p.0),
        end_column: end.map(|p| p.1),
        path: d.path.as_deref(),
    }
}

#[derive(Serialize)]
struct FileResultData<'a> {
    path: &'a str,
    status: engine::Status,
    edits: &'a [crate::apply::Edit],
    warnings: Vec<DiagnosticData<'a>>,
}

#[wasm_bindgen]
pub struct Engine {
    inner: engine::Engine,
    /// The new content of the last file `applyPacked` changed, until `takeContent`.
    content: std::cell::RefCell<Option<Vec<u8>>>,
}

#[wasm_bindgen]
impl Engine {
    /// `config`: `{ inputs: {name: value}, env: {NAME: value} }`. Throws only when `config`
    /// does not have that shape; problems in the values are `diagnostics()`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Engine, JsError> {
        let config = engine::Config { inputs: string_map(&config, "inputs")?, env: string_map(&config, "env")? };
        Ok(Engine { inner: engine::Engine::new(&config), content: Default::default() })
    }

    /// The same engine from the configuration flattened to two strings, the inputs and the
    /// environment, each `name\0value\0` repeated (no environment string or input value holds
    /// a NUL): two strings cross into wasm instead of four calls per entry.
    #[wasm_bindgen(js_name = fromFlat)]
    pub fn from_flat(inputs: &str, env: &str) -> Result<Engine, JsError> {
        let config = engine::Config { inputs: flat_pairs(inputs, "inputs")?, env: flat_pairs(env, "env")? };
        Ok(Engine { inner: engine::Engine::new(&config), content: Default::default() })
    }

    pub fn diagnostics(&self) -> JsValue {
        if self.inner.diagnostics().is_empty() {
            return js_sys::Array::new().into(); // the usual case, without serde
        }
        let data: Vec<DiagnosticData> = self.inner.diagnostics().iter().map(diagnostic_data).collect();
        to_js(&data)
    }

    #[wasm_bindgen(js_name = hasErrors)]
    pub fn has_errors(&self) -> bool {
        self.inner.has_errors()
    }

    pub fn options(&self) -> JsValue {
        json_to_js(self.inner.options())
    }

    pub fn report(&self) -> JsValue {
        json_to_js(&self.inner.report())
    }

    /// Which of `paths` (relative, `/`-separated) are selected, and by which globs.
    pub fn select(&self, paths: Vec<String>) -> JsValue {
        json_to_js(&self.inner.select(&paths))
    }

    /// `select` for paths joined with NUL (which no path contains), as UTF-8 bytes: one block
    /// crosses into wasm instead of one string per path, for the thousands of candidates of a
    /// walk, and JavaScript encodes it natively (`Buffer.from`) instead of char by char. Bytes
    /// that are not UTF-8 (no JavaScript string encodes to them) select nothing.
    #[wasm_bindgen(js_name = selectJoined)]
    pub fn select_joined(&self, paths: &[u8]) -> JsValue {
        let paths: Vec<&str> = match std::str::from_utf8(paths) {
            Ok("") | Err(_) => Vec::new(),
            Ok(text) => text.split('\0').collect(),
        };
        json_to_js(&self.inner.select(&paths))
    }

    /// `selectJoined` as numbers, for the walk's batches: for each path some glob selects, its
    /// position among `paths`, the number of targets selecting it, and those targets' positions
    /// (in `selectJoined`'s `targets`). JavaScript has the paths already: none is sent back, and
    /// no JSON is written or parsed (js/core.js).
    #[wasm_bindgen(js_name = selectPacked)]
    pub fn select_packed(&self, paths: &[u8]) -> Vec<u32> {
        let paths: Vec<&str> = match std::str::from_utf8(paths) {
            Ok("") | Err(_) => Vec::new(),
            Ok(text) => text.split('\0').collect(),
        };
        let mut out = Vec::new();
        for (i, targets) in self.inner.select_indices(&paths) {
            out.push(i as u32);
            out.push(targets.len() as u32);
            out.extend_from_slice(&targets);
        }
        out
    }

    /// Whether the walk must look into the directory `dir`: a glob may select something below it.
    #[wasm_bindgen(js_name = mayHoldSelected)]
    pub fn may_hold_selected(&self, dir: &str, all: bool) -> bool {
        self.inner.may_hold_selected(dir, all)
    }

    /// Applies the active mappings to one file. `content` is its bytes.
    pub fn apply(&self, path: &str, content: &[u8]) -> JsValue {
        let result = self.inner.apply(path, content);
        let data = FileResultData {
            path: &result.path,
            status: result.status,
            edits: &result.edits,
            warnings: result.warnings.iter().map(diagnostic_data).collect(),
        };
        let object = to_js(&data);
        let content: JsValue = match &result.content {
            Some(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
            None => JsValue::NULL,
        };
        js_sys::Reflect::set(&object, &JsValue::from_str("content"), &content).expect("setting a property of a plain object");
        object
    }

    /// `apply` for the action's loop over many files, without its JSON: the status, the number
    /// of edits, six fields per edit (regex, variable, line, column, old, new) and the warnings
    /// as JSON (empty without any), all NUL-separated; the new content waits for `takeContent`.
    /// Decoded by js/engine.js `applyFile` into `apply`'s `FileResult`. Serializing and parsing
    /// the JSON was most of `apply`'s time per file, cold (the matching itself is fast). NUL
    /// cannot occur in a field (content with a NUL is skipped; inputs with one are refused): a
    /// field that held one anyway makes the whole result `json` + NUL + `apply`'s JSON.
    #[wasm_bindgen(js_name = applyPacked)]
    pub fn apply_packed(&self, path: &str, content: &[u8]) -> String {
        let result = self.inner.apply(path, content);
        let status = match result.status {
            engine::Status::Changed => "changed",
            engine::Status::Unchanged => "unchanged",
            engine::Status::Skipped => "skipped",
        };
        let mut out = String::with_capacity(64);
        out.push_str(status);
        out.push('\0');
        push_number(&mut out, result.edits.len() as u64);
        for e in &result.edits {
            for text in [&e.regex, &e.variable] {
                out.push('\0');
                out.push_str(text);
            }
            for n in [e.line, e.column] {
                out.push('\0');
                push_number(&mut out, n as u64);
            }
            for text in [&e.old, &e.new] {
                out.push('\0');
                out.push_str(text);
            }
        }
        out.push('\0');
        if !result.warnings.is_empty() {
            let warnings: Vec<DiagnosticData> = result.warnings.iter().map(diagnostic_data).collect();
            out.push_str(&serde_json::to_string(&warnings).expect("engine data always serializes"));
        }
        if memchr::memchr_iter(0, out.as_bytes()).count() != 2 + 6 * result.edits.len() {
            let data = FileResultData { path: &result.path, status: result.status, edits: &result.edits, warnings: result.warnings.iter().map(diagnostic_data).collect() };
            out = String::from("json\0");
            out.push_str(&serde_json::to_string(&data).expect("engine data always serializes"));
        }
        *self.content.borrow_mut() = result.content;
        out
    }

    /// The new content of the file the last `applyPacked` changed (then forgotten), or undefined.
    #[wasm_bindgen(js_name = takeContent)]
    pub fn take_content(&self) -> Option<Vec<u8>> {
        self.content.borrow_mut().take()
    }

    /// The same content as a view into the engine's memory, not a copy (nor the allocation of
    /// one per file): valid only until the next call into the engine, which may reuse or grow
    /// that memory. js/core.js writes it, and its reporter reads it, before the next file.
    #[wasm_bindgen(js_name = contentView)]
    pub fn content_view(&self) -> Option<js_sys::Uint8Array> {
        // SAFETY: the bytes stay in `self.content`, untouched, until the next `applyPacked` or
        // `takeContent`; the view must not be used after any other call into this module
        // (documented above and in docs/engine-api.md), which is the condition of `view`.
        self.content.borrow().as_ref().map(|bytes| unsafe { js_sys::Uint8Array::view(bytes) })
    }

    /// The `dump: true` text for these candidate paths.
    pub fn dump(&self, paths: Vec<String>) -> String {
        self.inner.dump(&self.inner.select(&paths))
    }

    /// The commit message for these changed files (relative paths).
    #[wasm_bindgen(js_name = commitMessage)]
    pub fn commit_message(&self, modified_files: Vec<String>) -> String {
        self.inner.commit_message(&modified_files)
    }

    /// `[name, value]` for every variable with a value.
    pub fn outputs(&self) -> JsValue {
        json_to_js(&self.inner.outputs())
    }
}

/// For tests of the panic path only.
#[wasm_bindgen(js_name = __panicForTest)]
pub fn panic_for_test(message: &str) {
    panic!("{message}");
}
