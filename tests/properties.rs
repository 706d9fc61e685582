//! Property tests (proptest) over the public API: span replacement changes only group spans,
//! is idempotent for stable values, keeps BOM / line endings / final newline, reports exact
//! positions on non-ASCII text; the engine, the DSL parser and the glob translation never
//! panic, and their error spans lie inside their input on char boundaries.
//!
//! Native only (proptest is not built for wasm32). Case counts are kept modest so the whole
//! file runs in a few seconds; raise them locally with `PROPTEST_CASES=10000`.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{check_apply, check_diagnostic, check_glob, check_matcher, check_parse, offset_of, one_regex_engine};
use conditional_regex_replace::inputs::INPUTS;
use conditional_regex_replace::{Config, Engine, Status};
use proptest::prelude::*;
use regex::RegexBuilder;
use std::collections::BTreeMap;

/// Cases per property: `PROPTEST_CASES` when set, else `default`.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

// ---------------------------------------------------------------------------------------------
// Generators

/// Line bodies: YAML-ish keys the regexes look for, non-ASCII, tabs, quotes, stray `\r`.
fn line_body() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("tag: \"1.0\"".to_string()),
        Just("  imageTag: \"v1-dev\"".to_string()),
        Just("image: app:1.2.3".to_string()),
        Just("branch=main".to_string()),
        Just("tag: \"\"".to_string()),
        Just("tag: \"é😀\" # tag: \"x\"".to_string()),
        Just("名前: 値".to_string()),
        Just("e\u{301}tag: \"2\"".to_string()),
        "[a-z: \"=é😀\t]{0,16}",
        "\\PC{0,8}",
    ]
}

/// Whole contents: lines with LF or CRLF, an optional BOM, an optional final newline.
fn content() -> impl Strategy<Value = String> {
    (any::<bool>(), prop::collection::vec((line_body(), any::<bool>()), 0..8), any::<bool>()).prop_map(
        |(bom, lines, final_newline)| {
            let mut out = String::new();
            if bom {
                out.push('\u{feff}');
            }
            let n = lines.len();
            for (i, (body, crlf)) in lines.into_iter().enumerate() {
                out.push_str(&body);
                if i + 1 < n || final_newline {
                    out.push_str(if crlf { "\r\n" } else { "\n" });
                }
            }
            out
        },
    )
}

const VARIABLES: [&str; 2] = ["docker_image_tag", "git_branch"];

/// Regexes with one or two named groups (named after `docker_image_tag` / `git_branch`).
fn regex_text() -> impl Strategy<Value = String> {
    let literal = prop::sample::select(vec!["tag: ", "\"", "^", "\\s*", "image: ", "branch=", "é", "", "(?:x|é)?", ":"]);
    let inner = prop::sample::select(vec!["[^\"\\n]*", ".*", "\\S+", "\\d+", "[a-zé]*", "\\w+", "", ".", "x*", "[^:\\n]+?"]);
    let part = (literal.clone(), inner, literal);
    (prop::collection::vec(part, 1..3), prop::sample::select(vec!["", "/i"])).prop_map(|(parts, flags)| {
        // One group per variable: a name may not repeat.
        let body: String = parts.iter().zip(VARIABLES).map(|((a, i, b), v)| format!("{a}(?<{v}>{i}){b}")).collect();
        if flags.is_empty() {
            body
        } else {
            format!("/{body}{flags}")
        }
    })
}

/// Values as users pass them: tags, branches, non-ASCII, `$` (never expanded), spaces.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2.0".to_string()),
        Just("$1${docker_image_tag}\\0".to_string()),
        Just("feature/é-😀".to_string()),
        "[a-z0-9.$é😀 /:-]{0,12}",
    ]
}

/// Reference implementation, written independently of `apply_step`: `replace_all` with a
/// closure that rebuilds each match from its text, putting values in the named groups' spans.
fn reference(text: &str, regex: &str, values: &BTreeMap<&str, String>) -> String {
    let (pattern, insensitive) = match regex.strip_prefix('/') {
        Some(rest) => match rest.strip_suffix("/i") {
            Some(p) => (p, true),
            None => (rest.strip_suffix('/').unwrap(), false),
        },
        None => (regex, false),
    };
    let re = RegexBuilder::new(pattern).multi_line(true).crlf(true).case_insensitive(insensitive).build().unwrap();
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let replaced = re.replace_all(body, |caps: &regex::Captures| {
        let whole = caps.get(0).unwrap();
        if whole.is_empty() {
            // A match of zero length is skipped.
            return String::new();
        }
        let mut spans: Vec<(usize, usize, &str)> = re
            .capture_names()
            .enumerate()
            .filter_map(|(i, name)| {
                let value = values.get(name?.to_ascii_lowercase().as_str())?;
                let m = caps.get(i)?;
                // A CRLF line ending is one unit: no span boundary falls between `\r` and `\n`.
                let unit = |at: usize| if body[..at].ends_with('\r') && body[at..].starts_with('\n') { at - 1 } else { at };
                Some((unit(m.start()), unit(m.end()), value.as_str()))
            })
            .collect();
        spans.sort_by_key(|s| s.0);
        let mut out = String::new();
        let mut at = whole.start();
        for (start, end, value) in spans {
            out.push_str(&body[at..start]);
            out.push_str(value);
            at = end;
        }
        out.push_str(&body[at..whole.end()]);
        out
    });
    format!("{bom}{replaced}")
}

/// Line terminators in order (`\n` or `\r\n`), the BOM, and whether a final newline ends it.
fn layout(text: &str) -> (bool, Vec<&'static str>, bool) {
    let terminators = text.match_indices('\n').map(|(i, _)| if text[..i].ends_with('\r') { "\r\n" } else { "\n" }).collect();
    (text.starts_with('\u{feff}'), terminators, text.ends_with('\n'))
}

fn values_map(tag: &str, branch: &str) -> BTreeMap<&'static str, String> {
    // The engine trims values and gives no value to a blank one.
    [("docker_image_tag", tag.trim()), ("git_branch", branch.trim())]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.to_string()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config(256))]

    /// Only group spans change: the output equals the input rebuilt from the reported edits,
    /// and equals an independent reference implementation.
    #[test]
    fn bytes_outside_group_spans_unchanged(text in content(), regex in regex_text(), tag in value(), branch in value()) {
        let engine = one_regex_engine(&regex, &tag, &branch, false, &[]);
        prop_assert!(!engine.has_errors(), "{:?}", engine.diagnostics().iter().map(|d| d.render()).collect::<Vec<_>>());
        let result = check_apply(&engine, text.as_bytes());
        let out = result.content.map_or_else(|| text.clone(), |c| String::from_utf8(c).unwrap());
        prop_assert_eq!(out, reference(&text, &regex, &values_map(&tag, &branch)));
    }

    /// With values each group's pattern matches, a second run changes nothing.
    #[test]
    fn applying_twice_equals_applying_once(
        text in content(),
        key in prop::sample::select(vec!["tag: ", "imageTag: ", "é: "]),
        tag in "[a-z0-9.=é😀 :-]{0,12}",
        branch in "[a-z0-9/._é-]{1,12}",
    ) {
        let regex = format!("{key}\"(?<docker_image_tag>[^\"\\n]*)\"|branch=(?<git_branch>\\S+)");
        let engine = one_regex_engine(&regex, &tag, &branch, false, &[]);
        prop_assert!(!engine.has_errors());
        let once = check_apply(&engine, text.as_bytes()).content.unwrap_or_else(|| text.clone().into_bytes());
        let twice = check_apply(&engine, &once);
        prop_assert_eq!(twice.status, Status::Unchanged);
        prop_assert!(twice.edits.is_empty(), "{:?}", twice.edits);
    }

    /// BOM, every line ending (LF or CRLF, in order) and the final newline or its absence are
    /// kept, when neither groups nor values can hold a line break.
    #[test]
    fn line_endings_bom_and_final_newline_preserved(text in content(), regex in regex_text(), tag in value(), branch in value()) {
        prop_assume!(!regex.contains("(?s"));
        let engine = one_regex_engine(&regex, &tag, &branch, false, &[]);
        let result = check_apply(&engine, text.as_bytes());
        if let Some(out) = result.content {
            let out = String::from_utf8(out).unwrap();
            let (bom, terminators, final_newline) = layout(&text);
            let (out_bom, out_terminators, out_final_newline) = layout(&out);
            prop_assert_eq!((out_bom, out_terminators), (bom, terminators));
            // Only an empty group at the very end (after the last newline) may add text there.
            let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let at_end = result.edits.iter().any(|e| offset_of(body, e.line, e.column) == Some(body.len()));
            if !at_end {
                prop_assert_eq!(out_final_newline, final_newline);
            }
        }
    }

    /// Edit positions (1-based line, UTF-16 column, as editors and GitHub annotations count)
    /// point exactly at the old text, on content full of multi-byte and astral characters.
    #[test]
    fn edit_positions_exact_on_non_ascii(
        lines in prop::collection::vec(("[é😀名\u{301}a \t]{0,6}", "[é😀x1]{1,4}", any::<bool>()), 1..6),
        tag in "[a-z0-9]{1,4}",
    ) {
        let mut text = String::new();
        let mut expected = Vec::new();
        for (i, (prefix, old, crlf)) in lines.iter().enumerate() {
            let column = prefix.encode_utf16().count() + "tag=".len() + 1;
            text.push_str(&format!("{prefix}tag={old};{}", if *crlf { "\r\n" } else { "\n" }));
            if old != tag.as_str() {
                expected.push((i + 1, column, old.clone()));
            }
        }
        let engine = one_regex_engine("tag=(?<docker_image_tag>[^;]+);", &tag, "", false, &[]);
        let result = check_apply(&engine, text.as_bytes());
        let got: Vec<(usize, usize, String)> = result.edits.iter().map(|e| (e.line, e.column, e.old.clone())).collect();
        prop_assert_eq!(&got, &expected);
        for (line, column, old) in &got {
            let at = offset_of(&text, *line, *column).unwrap();
            prop_assert!(text[at..].starts_with(old.as_str()));
        }
    }
}

/// Inputs, environment, mappings, paths and contents, from vocabularies that reach the
/// engine's corners, plus arbitrary text.
fn mappings_text() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "__always__", "docker_image_tag", "git_branch", "customer", "==", "=", ".*-dev", "(x", "é", "😀", "{OR}", "{AND}",
        "{THEN_UPDATE_FILES}", "{NEXT_MAPPING}", "{THEN_UPDATE_FILE}", "{and}", "{ELSE}", "{dev,prod}", "**/", "*.yaml", "?",
        "[a-z]", "[!x", "\\", "\\=", "&", "*", "r", "x_regex", "../", "/abs", "C:", " ", "\n", "\t", "{", "}", "/x/i",
    ]);
    prop_oneof![
        prop::collection::vec(token, 0..14).prop_map(|t| t.concat()),
        "\\PC{0,24}",
        any::<String>(),
    ]
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("true".to_string()),
        Just("tag: \"(?<docker_image_tag>.*)\"".to_string()),
        Just("r=(?<git_branch>\\S+)\nbad=(\nlook=(?=x)".to_string()),
        Just("a=1\nb\n=c\nmulti=x\ny".to_string()),
        "\\PC{0,12}",
        any::<String>(),
    ]
}

fn input_name() -> impl Strategy<Value = String> {
    let names: Vec<String> = INPUTS.iter().flat_map(|(n, _)| [n.to_string(), n.replace('_', "-")]).collect();
    prop_oneof![4 => prop::sample::select(names), 1 => "[a-z_-]{1,12}"]
}

fn env_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec!["DOCKER_IMAGE_TAG", "GIT_BRANCH", "GIT_TAG_REGEX", "CUSTOMER_VAR", "MY_REGEX", "INPUT_X_VAR", "_VAR", "É_REGEX"])
            .prop_map(String::from),
        "[A-Z_é]{1,10}(_VAR|_REGEX)?",
    ]
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec!["values.yaml", "dev/values.yaml", ".git/config", "a b/é.yaml", "x.new", "f", "r"]).prop_map(String::from),
        "[a-zé./ ]{0,16}",
        any::<String>(),
    ]
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        content().prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..64),
        Just(b"tag: \"1\"\0".to_vec()),
        Just(b"tag: \"\xff\"\n".to_vec()),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    /// The engine never panics on arbitrary inputs, environment, mappings, paths and contents;
    /// every diagnostic has a valid span and renders; selected files apply cleanly.
    #[test]
    fn engine_never_panics(
        mappings in mappings_text(),
        inputs in prop::collection::vec((input_name(), any_text()), 0..6),
        env in prop::collection::vec((env_name(), any_text()), 0..5),
        files in prop::collection::vec((path(), bytes()), 0..4),
    ) {
        let mut config = Config::default();
        config.inputs.insert("mappings".into(), mappings);
        config.inputs.extend(inputs);
        config.env.extend(env);
        let engine = Engine::new(&config);
        engine.diagnostics().iter().for_each(check_diagnostic);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        let selection = engine.select(&paths);
        let _ = engine.dump(&selection);
        let _ = engine.report();
        let _ = engine.outputs();
        let _ = engine.commit_message(&selection.files);
        for (path, content) in &files {
            common::check_apply_any(&engine, path, content);
        }
    }

    /// `apply` after `select` (which remembers what it selected, so that `apply` need not match
    /// the globs again) gives exactly what `apply` alone gives: for selected paths, paths only
    /// an inactive mapping's glob matches, excluded and unselected ones.
    #[test]
    fn apply_after_select_equals_apply_alone(
        globs in prop::collection::vec(prop::sample::select(vec![
            "**/values.yaml", "dev/*", "*", "**dev/values.yaml", "{dev,prod}/values.yaml", "f", "x.new", "[!d]*/**",
        ]), 1..4),
        active in prop::collection::vec(any::<bool>(), 3),
        exclude in prop::sample::select(vec!["", "dev/values.yaml", "**/*.new"]),
        files in prop::collection::vec((path(), bytes()), 0..6),
    ) {
        let mappings: Vec<String> = globs
            .iter()
            .zip(&active)
            .map(|(g, on)| format!("{} {{THEN_UPDATE_FILES}} {g}=*", if *on { "__always__" } else { "docker_image_tag==never" }))
            .collect();
        let mut config = Config::default();
        config.inputs.insert("mappings".into(), mappings.join(" {NEXT_MAPPING} "));
        config.inputs.insert("regexes".into(), "a_regex=tag: \"(?<docker_image_tag>[^\"]*)\"\nb_regex=(?<git_branch>main)".into());
        config.inputs.insert("docker_image_tag".into(), "2.0".into());
        config.inputs.insert("git_branch".into(), "next".into());
        config.inputs.insert("exclude".into(), exclude.into());
        config.inputs.insert("updated_file_suffix".into(), ".new".into());
        let remembering = Engine::new(&config);
        let fresh = Engine::new(&config);
        prop_assert!(!remembering.has_errors(), "{:?}", remembering.diagnostics());
        let mut paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        paths.push("dev/values.yaml"); // selected twice: the memory keeps one entry
        remembering.select(&paths);
        remembering.select(&paths[..paths.len() / 2]);
        for (path, content) in &files {
            let a = remembering.apply(path, content);
            let b = fresh.apply(path, content);
            prop_assert_eq!(format!("{a:?}"), format!("{b:?}"), "{}", path);
        }
    }

    /// The DSL parser never panics; every span (of a parse or an error) lies inside the input,
    /// on char boundaries, and names the text it was read from.
    #[test]
    fn dsl_parse_never_panics(text in mappings_text()) {
        check_parse(&text);
    }

    /// Glob translation never panics, its errors point inside the glob, and without `**` a
    /// match never lets `*`, `?` or a class cross `/`.
    #[test]
    fn glob_never_panics_and_wildcards_stay_in_a_component(
        glob in prop_oneof![
            prop::collection::vec(prop::sample::select(vec![
                "*", "?", "**", "/", "**/", "[a-z]", "[!x]", "[/]", "{a,b/c}", "{", "}", ",", "\\", "\\*", "é", ".", "./", "..", "a", "b", "😀", "[", "]",
            ]), 0..8).prop_map(|t| t.concat()),
            any::<String>(),
        ],
        paths in prop::collection::vec(prop_oneof!["[ab/é.😀*?]{0,10}", any::<String>()], 0..6),
    ) {
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        check_glob(&glob, &paths);
    }

    /// `*` and `?` match within one path component only, and a literal (escaped) glob matches
    /// exactly its own text.
    #[test]
    fn wildcards_never_match_slash(prefix in "[a-zé]{0,4}", suffix in "[a-zé.]{0,4}", middle in "[a-zé]{0,3}/[a-zé/]{0,4}") {
        for wildcard in ["*", "?"] {
            let glob = format!("{prefix}{wildcard}{suffix}");
            let g = check_glob(&glob, &[]).unwrap();
            prop_assert!(!g.is_match(&format!("{prefix}{middle}{suffix}")), "{} matched across `/`", glob);
        }
        let literal = format!("{prefix}{middle}{suffix}");
        if literal.starts_with('/') || literal.split('/').any(|c| c == ".." || c == ".") {
            return Ok(());
        }
        let escaped: String = literal.chars().flat_map(|c| if c == '/' { vec![c] } else { vec!['\\', c] }).collect();
        let g = check_glob(&escaped, &[]).unwrap();
        prop_assert!(g.is_match(&literal));
        let longer = format!("{literal}x");
        prop_assert!(!g.is_match(&longer));
    }
}


// ---------------------------------------------------------------------------------------------
// The engine's own matcher against the `regex` crate

/// Regexes from a grammar that reaches every construct the matcher compiles: literals (non-ASCII
/// too), classes, every look-around the crate has, captures (named, numbered, nested),
/// alternation, every form of repetition greedy and lazy, inline flags.
fn matcher_regex() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("a".to_string()),
        Just("b".to_string()),
        Just("é".to_string()),
        Just(" ".to_string()),
        Just(".".to_string()),
        Just("\\s".to_string()),
        Just("\\w".to_string()),
        Just("\\d".to_string()),
        Just("[ab]".to_string()),
        Just("[^a\\n]".to_string()),
        Just("[α-γ]".to_string()),
        Just("\\n".to_string()),
        Just("\\r".to_string()),
        Just("".to_string()),
        Just("^".to_string()),
        Just("$".to_string()),
        Just("\\A".to_string()),
        Just("\\z".to_string()),
        Just("\\b".to_string()),
        Just("\\B".to_string()),
        Just("\\b{start}".to_string()),
        Just("\\b{end-half}".to_string()),
        Just("(?-u:\\b)".to_string()),
        Just("(?-u:\\w)".to_string()),
        Just("(?i:a)".to_string()),
        Just("(?s:.)".to_string()),
        Just("(?-R:$)".to_string()),
    ];
    atom.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v.concat()),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a}|{b}")),
            inner.clone().prop_map(|a| format!("(?:{a})")),
            inner.clone().prop_map(|a| format!("(?<g>{a})")),
            inner.clone().prop_map(|a| format!("({a})")),
            (inner, prop::sample::select(vec!["*", "+", "?", "*?", "+?", "??", "{2}", "{0,2}", "{1,3}?", "{2,}", "{0}"]))
                .prop_map(|(a, q)| format!("(?:{a}){q}")),
        ]
    })
    .prop_map(|pattern| {
        // Unique group names: g0, g1, …
        let mut out = String::new();
        for (n, part) in pattern.split("(?<g>").enumerate() {
            if n > 0 {
                out.push_str(&format!("(?<g{}>", n - 1));
            }
            out.push_str(part);
        }
        out
    })
}

fn matcher_text() -> impl Strategy<Value = String> {
    prop_oneof!["[ab é\n\r_1αβ😀]{0,14}", "(a|b|ab|\r\n| |é){0,8}"]
}

proptest! {
    #![proptest_config(config(512))]

    /// The usual replacement shape `P(C*)S` / `P(C+)S`, which the matcher runs without its VM
    /// (`Simple` in src/matcher.rs): the same matches as the `regex` crate, on texts made of the
    /// shape's own pieces (overlapping prefixes, suffixes inside and outside the class, CRLF,
    /// multi-byte characters).
    #[test]
    fn simple_shape_equals_the_regex_crate(
        prefix in prop::sample::select(vec!["a", "aa", "ab", "tag: \"", "é", "a😀", "\"", " "]),
        class in prop::sample::select(vec!["[^\"]", ".", "[a-z]", "\\w", "[^\\s]", "\\S", "[aé]", "[^a]", "[\"a]", "[^\\n]"]),
        rep in prop::sample::select(vec!["*", "+"]),
        named in any::<bool>(),
        suffix in prop::sample::select(vec!["", "\"", "a", "ab", "é", "\"#", " "]),
        texts in prop::collection::vec(
            prop::collection::vec(prop::sample::select(vec!["a", "b", "ab", "é", "😀", "\"", "tag: \"", " ", "\n", "\r\n", "\r", "#", "1.0"]), 0..16)
                .prop_map(|parts| parts.concat()),
            1..4,
        ),
    ) {
        let escape = |t: &str| regex_syntax::escape(t);
        let group = if named { "(?<g>" } else { "(" };
        let pattern = format!("{}{group}{class}{rep}){}", escape(prefix), escape(suffix));
        for text in &texts {
            prop_assert!(check_matcher(&pattern, "", text), "{pattern:?} did not compile");
        }
    }

    /// On every regex and text, the engine's matcher finds the `regex` crate's matches, with
    /// the same span for every capture group.
    #[test]
    fn matcher_equals_the_regex_crate(
        pattern in matcher_regex(),
        flags in prop::sample::select(vec!["", "", "i", "s", "U", "is"]),
        texts in prop::collection::vec(matcher_text(), 1..4),
    ) {
        for text in &texts {
            check_matcher(&pattern, flags, text);
        }
    }
}
