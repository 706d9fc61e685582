//! Span replacement: in each match of a regex, the span of every participating named group
//! becomes its variable's value, literally. Every other byte stays as it was.

use crate::matcher::{Exhausted, Program};
use crate::pattern::NamedGroup;
use serde::Serialize;

/// One replaced span, reported to the user as `path:line: old → new`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub regex: String,
    pub variable: String,
    /// 1-based line of the span's start, in the content the regex was applied to.
    pub line: usize,
    /// 1-based column of the span's start, in UTF-16 code units.
    pub column: usize,
    pub old: String,
    pub new: String,
}

/// A regex ready to apply: its name, the compiled regex, and each named group's value
/// (`None`: the variable has no value in this run, so its spans are kept).
pub struct Step<'a> {
    pub name: &'a str,
    pub regex: &'a Program,
    pub groups: Vec<(&'a NamedGroup, Option<&'a str>)>,
}

/// Applies one regex to `text`. Returns the new text (`None` when nothing changed) and edits;
/// `Err` when matching ran out of its work budget (see `crate::matcher`), with `edits` as found.
pub fn apply_step(text: &str, step: &Step, edits: &mut Vec<Edit>) -> Result<Option<String>, Exhausted> {
    let mut pieces: Vec<(usize, usize, &str)> = Vec::new();
    let mut cursor = Cursor::default();
    let mut spans: Vec<(usize, usize, &NamedGroup, &str)> = Vec::new();
    step.regex.for_each_match(text, |get| {
        let (start, end) = get(0).expect("group 0 always participates");
        if start == end {
            return;
        }
        spans.clear();
        spans.extend(step.groups.iter().filter_map(|(group, value)| {
            let (s, e) = get(group.index)?;
            Some((crlf_boundary(text, s), crlf_boundary(text, e), *group, (*value)?))
        }));
        spans.sort_by_key(|s| s.0);
        for &(start, end, group, value) in &spans {
            let old = &text[start..end];
            if old == value {
                continue;
            }
            let (line, column) = cursor.advance(text, start);
            edits.push(Edit {
                regex: step.name.to_string(),
                variable: group.variable.clone(),
                line,
                column,
                old: old.to_string(),
                new: value.to_string(),
            });
            pieces.push((start, end, value));
        }
    })?;
    if pieces.is_empty() {
        return Ok(None);
    }
    let grown: usize = pieces.iter().map(|(s, e, v)| v.len().saturating_sub(e - s)).sum();
    let mut out = String::with_capacity(text.len() + grown);
    let mut last = 0;
    for (start, end, value) in pieces {
        out.push_str(&text[last..start]);
        out.push_str(value);
        last = end;
    }
    out.push_str(&text[last..]);
    Ok(Some(out))
}

/// A CRLF line ending is one unit: a span boundary between its `\r` and `\n` (a class like
/// `[^"\n]*` matches the `\r`) moves before the `\r`, so line endings stay as they were.
/// Monotone, so spans in order stay in order and disjoint.
fn crlf_boundary(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    if at > 0 && b[at - 1] == b'\r' && b.get(at) == Some(&b'\n') {
        at - 1
    } else {
        at
    }
}

/// Tracks line and column while moving forward through a text, so positions cost O(n) total.
#[derive(Default)]
struct Cursor {
    at: usize,
    line: usize,
    line_start: usize,
}

impl Cursor {
    fn advance(&mut self, text: &str, to: usize) -> (usize, usize) {
        // memchr reads a word at a time: the engine runs mostly as V8's baseline code (one
        // run of the action is too short for its optimising tier), where a loop per byte is slow.
        for i in memchr::memchr_iter(b'\n', &text.as_bytes()[self.at..to]) {
            self.line += 1;
            self.line_start = self.at + i + 1;
        }
        self.at = to;
        (self.line + 1, text[self.line_start..to].encode_utf16().count() + 1)
    }
}

/// A file's content as text, or why it cannot be edited safely.
pub fn checked_text(bytes: &[u8]) -> Result<&str, String> {
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(format!("it contains a NUL byte (at byte {at}), so it looks binary"));
    }
    std::str::from_utf8(bytes).map_err(|e| format!("it is not valid UTF-8 (at byte {})", e.valid_up_to()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(pattern: &str, groups: &[(&str, usize, Option<&str>)], text: &str) -> (String, Vec<Edit>) {
        let source = crate::pattern::split_delimited(pattern, 0);
        let origin = crate::diagnostic::Origin::new("test", pattern);
        let variables: Vec<&str> = groups.iter().map(|(v, _, _)| *v).collect();
        let (regex, _) = crate::pattern::compile_replacement(&source, &origin, "regex", &variables).unwrap();
        let named: Vec<NamedGroup> =
            groups.iter().map(|(v, i, _)| NamedGroup { index: *i, variable: v.to_string() }).collect();
        let step = Step {
            name: "r",
            regex: &regex,
            groups: named.iter().zip(groups).map(|(g, (_, _, value))| (g, *value)).collect(),
        };
        let mut edits = Vec::new();
        let out = apply_step(text, &step, &mut edits).expect("within budget").unwrap_or_else(|| text.to_string());
        (out, edits)
    }

    #[test]
    fn replaces_only_group_spans() {
        let cases: [(&str, &str, &[(&str, usize, Option<&str>)], &str, &str); 11] = [
            ("simple", r#"tag: "(?<t>.*)""#, &[("t", 1, Some("2.0"))], "a\ntag: \"1.0\"\nb\n", "a\ntag: \"2.0\"\nb\n"),
            ("crlf kept", r#"tag: "(?<t>.*)""#, &[("t", 1, Some("2"))], "tag: \"1\"\r\nx\r\n", "tag: \"2\"\r\nx\r\n"),
            ("no final newline", r#"tag: (?<t>.*)"#, &[("t", 1, Some("2"))], "tag: 1", "tag: 2"),
            ("dollar literal", r#"tag: (?<t>.*)"#, &[("t", 1, Some("a$1b${t}"))], "tag: 1\n", "tag: a$1b${t}\n"),
            ("same old twice, one in group", r#"image: (?<t>\S+) # \S+"#, &[("t", 1, Some("2"))], "image: 1 # 1\n", "image: 2 # 1\n"),
            ("all matches", r#"v=(?<t>\d+)"#, &[("t", 1, Some("9"))], "v=1 v=2\nv=3", "v=9 v=9\nv=9"),
            ("two groups", r#"(?<a>\w+) (?<b>\w+)"#, &[("a", 1, Some("X")), ("b", 2, Some("Y"))], "p q", "X Y"),
            ("group without value kept", r#"(?<a>\w+) (?<b>\w+)"#, &[("a", 1, Some("X")), ("b", 2, None)], "p q", "X q"),
            ("non-participating group", r#"(?<a>x)|(?<b>y)"#, &[("a", 1, Some("1")), ("b", 2, Some("2"))], "xy", "12"),
            ("class keeps CRLF", r#"^t: (?<t>[^"\n]*)"#, &[("t", 1, Some("2"))], "t: 1\r\nt: 1\r", "t: 2\r\nt: 2"),
            ("empty group inside CRLF", r#"(?<a>\r)(?<b>)"#, &[("a", 1, Some("A")), ("b", 2, Some("B"))], "x\r\n", "xAB\r\n"),
        ];
        for (case, pattern, groups, text, want) in cases {
            assert_eq!(run(pattern, groups, text).0, want, "{case}");
        }
    }

    #[test]
    fn empty_matches_skipped_and_empty_groups_filled() {
        assert_eq!(run(r"(?<t>x*)", &[("t", 1, Some("Y"))], "ab").0, "ab");
        assert_eq!(run(r#"tag: "(?<t>.*)""#, &[("t", 1, Some("1"))], "tag: \"\"").0, "tag: \"1\"");
    }

    #[test]
    fn edits_positions() {
        let (_, edits) = run(r#"tag: (?<t>\S+)"#, &[("t", 1, Some("2"))], "é😀\ntag: 1\n  tag: 1 tag: 2\n");
        let positions: Vec<(usize, usize, &str)> = edits.iter().map(|e| (e.line, e.column, e.old.as_str())).collect();
        assert_eq!(positions, [(2, 6, "1"), (3, 8, "1")]);
        let (_, edits) = run(r#"^(?<t>\S+)"#, &[("t", 1, Some("z"))], "😀x\n");
        assert_eq!((edits[0].line, edits[0].column), (1, 1));
    }

    #[test]
    fn unchanged_when_values_equal() {
        let source = crate::pattern::split_delimited("(?<t>a)", 0);
        let origin = crate::diagnostic::Origin::new("test", "(?<t>a)");
        let (regex, _) = crate::pattern::compile_replacement(&source, &origin, "regex", &["t"]).unwrap();
        let g = NamedGroup { index: 1, variable: "t".into() };
        let step = Step { name: "r", regex: &regex, groups: vec![(&g, Some("a"))] };
        let mut edits = Vec::new();
        assert_eq!(apply_step("aaa", &step, &mut edits), Ok(None));
        assert!(edits.is_empty());
    }

    #[test]
    fn content_checks() {
        assert_eq!(checked_text(b"ok\n"), Ok("ok\n"));
        assert_eq!(checked_text(b"a\0b").unwrap_err(), "it contains a NUL byte (at byte 1), so it looks binary");
        assert_eq!(checked_text(b"ab\xff").unwrap_err(), "it is not valid UTF-8 (at byte 2)");
        assert_eq!(checked_text("\u{feff}bom".as_bytes()), Ok("\u{feff}bom"));
    }
}
