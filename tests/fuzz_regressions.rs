//! Inputs that fuzzing or property testing once found failing, each a named case. The raw
//! inputs of the fuzz targets are kept in `fuzz/regressions/<target>/<name>` (replayed by
//! `scripts/fuzz.sh`); `dsl_parse` inputs are plain text and are also read here. Structured
//! inputs (`glob`, `apply`) are decoded here by hand.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{check_apply, check_diagnostic, check_glob, check_parse, engine, one_regex_engine};
use std::fs;
use std::path::Path;

/// glob `absolute-span-splits-char`: the caret span of "absolute path" was the first three
/// bytes, which split `Ο` in `/'Ο`, so rendering the error panicked (src/glob.rs).
#[test]
fn glob_absolute_path_span_on_char_boundary() {
    for glob in ["/'Ο", "/é", "C:é", "/😀/x"] {
        assert!(check_glob(glob, &[]).is_none(), "{glob}");
    }
    let mappings = "__always__ {THEN_UPDATE_FILES} /é/values.yaml";
    let e = engine(&[("mappings", mappings)], &[]);
    let d = e.diagnostics().iter().find(|d| d.title == "invalid glob").expect("absolute glob refused");
    assert!(d.render().contains("glob `/é/values.yaml` is an absolute path"));
}

/// glob `class-of-dashes`: `[----]` (a range `-`–`-`, then a literal `-`) matches `-`. The
/// reference translation in tests/common first wrote `-` into a regex class, where `--` is set
/// difference, and disagreed with the glob NFA; the NFA was right.
#[test]
fn glob_class_of_dashes() {
    assert!(check_glob("[----]", &["-", "a"]).unwrap().is_match("-"));
    assert!(!check_glob("[a-]", &["-", "b"]).unwrap().is_match("b"));
    assert!(check_glob("[!--/]x", &["ax", "-x"]).is_some());
}

/// Found by the `engine_never_panics` property: a `commit_template` holding a multi-byte
/// character panicked while looking for a Blade `@directive` (src/template.rs), so
/// `Déploiement {{ docker_image_tag }}` crashed the action.
#[test]
fn commit_template_non_ascii() {
    for template in ["Σ", "Déploiement {{ docker_image_tag }} 🚀", "@é", "é@if(x)"] {
        let e = engine(&[("mappings", "__always__"), ("commit_template", template), ("docker_image_tag", "1.0")], &[]);
        if !e.has_errors() {
            let _ = e.commit_message(&["dev/values.yaml"]);
        }
    }
    let e = engine(&[("mappings", "__always__"), ("commit_template", "Déploiement {{ docker_image_tag }}"), ("docker_image_tag", "1.0")], &[]);
    assert!(!e.has_errors());
    assert_eq!(e.commit_message(&["dev/values.yaml"]), "Déploiement 1.0");
}

/// Found by the `line_endings_bom_and_final_newline_preserved` property: a class such as
/// `[^"\n]*` at the end of a line captured the `\r` of CRLF, so the replacement turned the
/// line ending into a bare `\n` (src/apply.rs): the `\r` now stays with its line ending.
#[test]
fn crlf_not_swallowed_by_a_class() {
    let e = one_regex_engine("^tag: (?<docker_image_tag>[^\"\\n]*)", "2.0", "", false, &[]);
    let r = check_apply(&e, b"tag: 1.0\r\ntag: 1.0\r\nend");
    assert_eq!(r.content.unwrap(), b"tag: 2.0\r\ntag: 2.0\r\nend");
    assert_eq!(r.edits[0].old, "1.0");
    let r = check_apply(&e, b"tag: 2.0\r\n");
    assert!(r.content.is_none() && r.edits.is_empty(), "already up to date");
    // Then (20,000 cases): a lazy class took the `\r` and an empty group matched between
    // `\r` and `\n`, so its value was written inside the line ending. No span boundary falls
    // inside a CRLF now.
    let e = one_regex_engine("(?<docker_image_tag>[^:\\n]+?)(?<git_branch>.*)", "2.0", "main", false, &[]);
    let r = check_apply(&e, b"tag: \"1.0\"\r\n");
    assert_eq!(String::from_utf8(r.content.unwrap()).unwrap(), "2.0main2.0main\r\n");
}

/// apply `replacements-rebuild-the-text`: replacements that together give back the same text
/// are no change. A shortcut (one regex that replaced something must have changed the file) took
/// such a file as changed; found by the `apply` target within a minute.
#[test]
fn replacements_that_rebuild_the_text_are_no_change() {
    // `ab`: the empty group before it gets `a`, `ab` itself gets `b`: `a` + `b` = `ab`.
    let e = one_regex_engine("(?<git_branch>)(?<docker_image_tag>ab)", "b", "a", false, &[]);
    let r = check_apply(&e, b"ab");
    assert!(r.content.is_none(), "the same text: no change");
    let r = check_apply(&e, b"xab");
    assert!(r.content.is_none(), "the same text: no change");
}

/// Every `fuzz/regressions/dsl_parse/*` input. `regex-names-without-ampersand`: names
/// separated by whitespace instead of `&` make one name with a space inside, which the engine
/// reports as an unknown regex.
#[test]
fn dsl_parse_inputs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/dsl_parse");
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned();
        check_parse(&text);
        let e = engine(&[("mappings", &text), ("regexes", "tag_regex=tag: (?<docker_image_tag>\\S+)")], &[]);
        e.diagnostics().iter().for_each(check_diagnostic);
        count += 1;
    }
    assert!(count >= 1, "no inputs in {}", dir.display());
    let e = engine(&[("mappings", "a {THEN_UPDATE_FILES} x=tag_regex\tgit_branch_regex"), ("variables", "a=1")], &[]);
    let d = e.diagnostics().iter().find(|d| d.title == "unknown regex").expect("reported");
    assert_eq!(d.message, "unknown regex `tag_regex\tgit_branch_regex`");
}
