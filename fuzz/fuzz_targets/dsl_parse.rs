//! Arbitrary mappings text → `dsl::parse` (spans in bounds and on char boundaries), then the
//! whole engine built from it (with errors it still plans what parsed): every diagnostic
//! renders with a valid span; selection, dump, report and apply never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    common::check_parse(&text);
    let engine = common::engine(
        &[
            ("mappings", &text),
            ("regexes", "tag_regex=tag: (?<docker_image_tag>\\S+)\nbranch_regex=/b: (?<GIT_BRANCH>.*)/i"),
            ("docker_image_tag", "1.0-dév"),
        ],
        &[("CUSTOMER_VAR", "x")],
    );
    let selection = engine.select(&["a/values.yaml", "é/b.yaml", ".git/x", "values.yaml"]);
    let _ = engine.dump(&selection);
    let _ = engine.report();
    for path in &selection.files {
        common::check_apply_any(&engine, path, "tag: 0\r\nb: main\n".as_bytes());
    }
});
