//! The JavaScript bindings, run in Node by `wasm-pack test --node`.
#![cfg(target_arch = "wasm32")]

use conditional_regex_replace::wasm::Engine;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn engine(pairs: &[(&str, &str)]) -> Engine {
    let inputs = js_sys::Object::new();
    for (k, v) in pairs {
        Reflect::set(&inputs, &JsValue::from_str(k), &JsValue::from_str(v)).unwrap();
    }
    let config = js_sys::Object::new();
    Reflect::set(&config, &JsValue::from_str("inputs"), &inputs).unwrap();
    Reflect::set(&config, &JsValue::from_str("env"), &js_sys::Object::new()).unwrap();
    Engine::new(config.into()).unwrap()
}

#[wasm_bindgen_test]
fn diagnostics_are_data_with_utf16_columns() {
    let e = engine(&[("mappings", "😀==x {THEN_UPDATE_FILES} a"), ("docker_image_tag", "1")]);
    assert!(e.has_errors());
    let diagnostics = Array::from(&e.diagnostics());
    let d = diagnostics.get(0);
    assert_eq!(get(&d, "severity").as_string().unwrap(), "error");
    assert_eq!(get(&d, "origin").as_string().unwrap(), "mappings");
    assert_eq!(get(&d, "line").as_f64(), Some(1.0));
    assert_eq!(get(&d, "column").as_f64(), Some(1.0));
    // `😀` is two UTF-16 code units: the span ends at column 3.
    assert_eq!(get(&d, "endColumn").as_f64(), Some(3.0));
    assert!(get(&d, "rendered").as_string().unwrap().contains("^"));
    assert!(get(&d, "hint").is_string());
}

#[wasm_bindgen_test]
fn select_and_apply_round_trip_bytes() {
    let e = engine(&[
        ("mappings", "docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex"),
        ("docker_image_tag", "2.0-dev"),
        ("docker_image_tag_regex", "tag: (?<docker_image_tag>.*)"),
    ]);
    assert!(!e.has_errors());
    let selection = e.select(vec!["eu/dev/values.yaml".into(), "eu/prod/values.yaml".into()]);
    let files = Array::from(&get(&selection, "files"));
    assert_eq!(files.length(), 1);
    let result = e.apply("eu/dev/values.yaml", "tag: 1\r\n".as_bytes());
    assert_eq!(get(&result, "status").as_string().unwrap(), "changed");
    let content = Uint8Array::new(&get(&result, "content")).to_vec();
    assert_eq!(content, b"tag: 2.0-dev\r\n");
    let edits = Array::from(&get(&result, "edits"));
    assert_eq!(get(&edits.get(0), "old").as_string().unwrap(), "1");
    let unchanged = e.apply("eu/dev/values.yaml", b"other: 1\n");
    assert!(get(&unchanged, "content").is_null());
}

#[wasm_bindgen_test]
fn select_joined_takes_nul_joined_utf8_bytes() {
    let e = engine(&[
        ("mappings", "docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex"),
        ("docker_image_tag", "2.0-dev"),
        ("docker_image_tag_regex", "tag: (?<docker_image_tag>.*)"),
    ]);
    let files = |bytes: &[u8]| -> Vec<String> {
        let selection = e.select_joined(bytes);
        Array::from(&get(&selection, "files")).iter().map(|f| f.as_string().unwrap()).collect()
    };
    let joined = "eu/dev/values.yaml\0eu/prod/values.yaml\0zürich/dev/values.yaml".as_bytes();
    assert_eq!(files(joined), ["eu/dev/values.yaml", "zürich/dev/values.yaml"]);
    assert_eq!(files(b""), Vec::<String>::new(), "no candidate");
    assert_eq!(files(b"eu/dev/values.yaml\0\xff/dev/values.yaml"), Vec::<String>::new(), "not UTF-8: nothing selected");
    let targets = Array::from(&get(&e.select_joined(b""), "targets"));
    assert_eq!(targets.length(), 1, "every target is listed, even with no candidate");
}

#[wasm_bindgen_test]
fn options_and_outputs() {
    let e = engine(&[("mappings", "__always__"), ("dry-run", "yes"), ("git_branch", "main")]);
    let options = e.options();
    assert_eq!(get(&options, "dryRun").as_bool(), Some(true));
    assert_eq!(get(&options, "maxFileSize").as_f64(), Some(67108864.0));
    assert!(get(&options, "directory").is_null());
    let outputs = Array::from(&e.outputs());
    let names: Vec<String> = outputs.iter().map(|pair| Array::from(&pair).get(0).as_string().unwrap()).collect();
    assert_eq!(names, ["__always__", "__true__", "git_branch"]);
}

#[wasm_bindgen_test]
fn bad_config_shape_throws() {
    assert!(Engine::new(JsValue::from_str("not an object")).is_err());
}

#[wasm_bindgen_test]
fn from_flat_reads_pairs_with_empty_values_and_refuses_broken_ones() {
    let flat_inputs = "mappings\0__always__ {THEN_UPDATE_FILES} f=r\0regexes\0r=t: (?<docker_image_tag>.*)\0dry_run\0\0";
    let e = Engine::from_flat(flat_inputs, "DOCKER_IMAGE_TAG\x002.0\0EMPTY_VAR\0\0").unwrap();
    assert!(!e.has_errors(), "{:?}", e.diagnostics());
    let outputs = Array::from(&e.outputs());
    let names: Vec<String> = outputs.iter().map(|o| Array::from(&o).get(0).as_string().unwrap()).collect();
    assert!(names.contains(&"docker_image_tag".to_string()), "{names:?}");
    let result = e.apply("f", b"t: 1\n");
    assert_eq!(Uint8Array::new(&get(&result, "content")).to_vec(), b"t: 2.0\n");
    assert!(Engine::from_flat("mappings\0x", "").is_err(), "no final NUL");
    assert!(Engine::from_flat("mappings\0", "").is_err(), "a name without a value");
    assert!(Engine::from_flat("", "").is_ok(), "nothing at all");
}
