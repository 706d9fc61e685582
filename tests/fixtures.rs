//! Golden fixtures: every folder under `tests/fixtures/` is one case.
//!
//! ```text
//! tests/fixtures/<case>/
//!   config.json   {"inputs": {...}, "env": {...}}  (the action's inputs, the environment)
//!   before/       the tree the engine runs on
//!   after/        the expected tree (omit when the case must fail: nothing may change)
//!   log.txt       the expected log: diagnostics, then one `path:line: old → new` per edit
//! ```
//!
//! A newcomer adds a case by copying a folder. `BLESS=1 cargo test --test fixtures` writes
//! `after/` and `log.txt` from what the engine does; read them before committing.

use conditional_regex_replace::json::ToJson;
use conditional_regex_replace::{Config, Engine, Status};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Runs one case the way the action does, without the file system: select, apply, report.
fn run(case: &Path) -> (BTreeMap<String, Vec<u8>>, String) {
    let config: Config = serde_json::from_str(&fs::read_to_string(case.join("config.json")).unwrap())
        .unwrap_or_else(|e| panic!("{}: config.json: {e}", case.display()));
    let engine = Engine::new(&config);
    same_json(case, &engine);
    let mut tree = files(&case.join("before"));
    let mut log = String::new();
    for d in engine.diagnostics() {
        log.push_str(&d.render());
    }
    if engine.has_errors() {
        return (tree, log);
    }
    let paths: Vec<&String> = tree.keys().collect();
    let selection = engine.select(&paths);
    for path in &selection.files {
        let result = engine.apply(path, &tree[path]);
        for w in &result.warnings {
            log.push_str(&w.render());
        }
        for e in &result.edits {
            log.push_str(&format!("{path}:{}: {} → {}\n", e.line, e.old, e.new));
        }
        if result.status == Status::Changed {
            tree.insert(path.clone(), result.content.unwrap());
        }
    }
    (tree, log)
}

/// The hand-written JSON of what the start-up reads (src/json.rs) is serde_json's, byte for byte.
fn same_json(case: &Path, engine: &Engine) {
    let tree = files(&case.join("before"));
    let mut paths: Vec<&String> = tree.keys().collect();
    let selected = engine.select(&paths);
    paths.clear();
    let none = engine.select(&paths);
    let outputs = engine.outputs();
    let report = engine.report();
    for (what, ours, serde) in [
        ("options", engine.options().to_json(), serde_json::to_string(engine.options())),
        ("report", report.to_json(), serde_json::to_string(&report)),
        ("outputs", outputs.to_json(), serde_json::to_string(&outputs)),
        ("selection", selected.to_json(), serde_json::to_string(&selected)),
        ("empty selection", none.to_json(), serde_json::to_string(&none)),
    ] {
        assert_eq!(ours, serde.unwrap(), "{}: {what}", case.display());
    }
}

fn write_tree(root: &Path, tree: &BTreeMap<String, Vec<u8>>) {
    let _ = fs::remove_dir_all(root);
    for (rel, bytes) in tree {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

#[test]
fn fixtures() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bless = std::env::var_os("BLESS").is_some();
    let mut cases: Vec<PathBuf> = fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 16, "expected the golden cases, found {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let (tree, log) = run(case);
        let before = files(&case.join("before"));
        let expect_error = log.contains("error: ");
        if bless {
            fs::write(case.join("log.txt"), &log).unwrap();
            if expect_error {
                let _ = fs::remove_dir_all(case.join("after"));
            } else {
                write_tree(&case.join("after"), &tree);
            }
            continue;
        }
        let want_log = fs::read_to_string(case.join("log.txt")).unwrap_or_default();
        if log != want_log {
            failures.push(format!("{name}: log differs\n--- expected\n{want_log}--- actual\n{log}"));
        }
        let want_tree = if case.join("after").exists() { files(&case.join("after")) } else { before.clone() };
        if tree != want_tree {
            let differing: Vec<&String> = tree.keys().chain(want_tree.keys()).filter(|k| tree.get(*k) != want_tree.get(*k)).collect();
            failures.push(format!("{name}: tree differs in {differing:?}"));
        }
        if expect_error && tree != before {
            failures.push(format!("{name}: an error case changed files"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
