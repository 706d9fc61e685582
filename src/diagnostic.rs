//! Spans, diagnostics and their rendering with a caret under the offending text.
//!
//! Every problem the engine finds is a [`Diagnostic`]: a severity, a one-line message that
//! names the culprit, an optional hint, and the span of the culprit inside the text it came
//! from (the mappings, a regex, an input value). Rendering looks like this:
//!
//! ```text
//! error: unknown keyword `{THEN_UPDATE_FILE}`
//!  --> mappings:1:26
//!   |
//! 1 | docker_image_tag==.*-dev {THEN_UPDATE_FILE} **dev/values.yaml
//!   |                          ^^^^^^^^^^^^^^^^^^
//!   = hint: did you mean `{THEN_UPDATE_FILES}`?
//! ```

use serde::Serialize;
use std::fmt::Write as _;

/// A byte range `start..end` in some source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// This span moved right by `offset` bytes (from a substring to its parent text).
    pub const fn shift(self, offset: usize) -> Span {
        Span { start: self.start + offset, end: self.end + offset }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Notice,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }
}

/// The text a span points into, and how to name it to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `mappings`, `input docker_image_tag_regex`, `env MY_REGEX`, `file values.yaml`, …
    pub name: String,
    pub text: String,
}

impl Origin {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Origin {
        Origin { name: name.into(), text: text.into() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short title, used for `::error title=…::`.
    pub title: String,
    pub message: String,
    pub hint: Option<String>,
    /// Where it happened; `None` for problems that belong to no text (e.g. a skipped file).
    pub origin: Option<(Origin, Span)>,
    /// The file a file-level warning is about.
    pub path: Option<String>,
}

impl Diagnostic {
    pub fn error(title: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, title, message)
    }

    pub fn warning(title: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, title, message)
    }

    pub fn notice(title: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Notice, title, message)
    }

    fn new(severity: Severity, title: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            title: title.to_string(),
            message: message.into(),
            hint: None,
            origin: None,
            path: None,
        }
    }

    pub fn at(mut self, origin: &Origin, span: Span) -> Diagnostic {
        let len = origin.text.len();
        let start = span.start.min(len);
        let end = span.end.clamp(start, len);
        self.origin = Some((origin.clone(), Span::new(start, end)));
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(self, hint: Option<String>) -> Diagnostic {
        match hint {
            Some(h) => self.hint(h),
            None => self,
        }
    }

    pub fn path(mut self, path: &str) -> Diagnostic {
        self.path = Some(path.to_string());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// 1-based line and column (in UTF-16 code units, as JavaScript counts) of the span start.
    pub fn start_position(&self) -> Option<(usize, usize)> {
        self.origin.as_ref().map(|(o, s)| position(&o.text, s.start))
    }

    /// 1-based line and column (UTF-16) just after the span.
    pub fn end_position(&self) -> Option<(usize, usize)> {
        self.origin.as_ref().map(|(o, s)| position(&o.text, s.end))
    }

    /// The full text: message, location, the source line with a caret, and the hint.
    pub fn render(&self) -> String {
        let mut out = format!("{}: {}\n", self.severity.label(), self.message);
        if let Some(path) = &self.path {
            let _ = writeln!(out, " --> {path}");
        }
        if let Some((origin, span)) = &self.origin {
            let (line_no, _) = position(&origin.text, span.start);
            let line_start = origin.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = origin.text[span.start..].find('\n').map_or(origin.text.len(), |i| span.start + i);
            let line = origin.text[line_start..line_end].trim_end_matches('\r');
            let column = origin.text[line_start..span.start].chars().count() + 1;
            let gutter = line_no.to_string();
            let pad = " ".repeat(gutter.len());
            let _ = writeln!(out, "{pad}--> {}:{line_no}:{column}", origin.name);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{gutter} | {line}");
            // Keep tabs in the indentation so the caret lines up on any terminal.
            let indent: String = origin.text[line_start..span.start]
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let shown_end = span.end.min(line_start + line.len()).max(span.start);
            let width = origin.text[span.start..shown_end].chars().count().max(1);
            let _ = writeln!(out, "{pad} | {indent}{}", "^".repeat(width));
            if let Some(hint) = &self.hint {
                let _ = writeln!(out, "{pad} = hint: {hint}");
            }
        } else if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = hint: {hint}");
        }
        out
    }
}

/// 1-based line and UTF-16 column of byte offset `at` in `text`.
pub fn position(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].encode_utf16().count() + 1;
    (line, column)
}

/// The registered name closest to `name`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_ascii_lowercase();
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name, &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb { diagonal } else { 1 + diagonal.min(above).min(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// `a`, `a` and `b`, `a`, `b` and `c`: names in backticks for messages.
pub fn list_names<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => "none".to_string(),
        [one] => format!("`{}`", one.as_ref()),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
            let (last, rest) = quoted.split_last().unwrap();
            format!("{} and {}", rest.join(", "), last)
        }
    }
}

/// A hint for an unknown name: did-you-mean, else the list of what exists (`kinds`: the plural,
/// e.g. `registered variables`).
pub fn unknown_name_hint(name: &str, kinds: &str, known: &[&str]) -> String {
    match did_you_mean(name, known.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? {kinds}: {}", list_names(known)),
        None => format!("{kinds}: {}", list_names(known)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_span() {
        let origin = Origin::new("mappings", "docker_image_tag==.*-dev {THEN_UPDATE_FILE} **dev/values.yaml");
        let d = Diagnostic::error("unknown keyword", "unknown keyword `{THEN_UPDATE_FILE}`")
            .at(&origin, Span::new(25, 43))
            .hint("did you mean `{THEN_UPDATE_FILES}`?");
        assert_eq!(
            d.render(),
            "error: unknown keyword `{THEN_UPDATE_FILE}`\n \
             --> mappings:1:26\n\
             \x20 |\n\
             1 | docker_image_tag==.*-dev {THEN_UPDATE_FILE} **dev/values.yaml\n\
             \x20 |                          ^^^^^^^^^^^^^^^^^^\n\
             \x20 = hint: did you mean `{THEN_UPDATE_FILES}`?\n"
        );
    }

    #[test]
    fn renders_on_later_line_with_tabs_and_non_ascii() {
        let origin = Origin::new("mappings", "a==é\n\tbé {OR} x");
        let d = Diagnostic::error("t", "m").at(&origin, Span::new(11, 15));
        assert_eq!(d.render(), "error: m\n --> mappings:2:5\n  |\n2 | \tbé {OR} x\n  | \t   ^^^^\n");
        assert_eq!(d.start_position(), Some((2, 5)));
        assert_eq!(d.end_position(), Some((2, 9)));
    }

    #[test]
    fn empty_span_gets_one_caret() {
        let origin = Origin::new("mappings", "abc");
        let d = Diagnostic::error("t", "m").at(&origin, Span::new(3, 3));
        assert!(d.render().ends_with("1 | abc\n  |    ^\n"), "{}", d.render());
    }

    #[test]
    fn utf16_columns() {
        assert_eq!(position("😀x", 4), (1, 3));
        assert_eq!(position("a\nb", 2), (2, 1));
    }

    #[test]
    fn suggestions() {
        let known = ["docker_image_tag", "git_branch", "git_tag"];
        let cases = [
            ("typo", "git_brach", Some("git_branch")),
            ("case", "GIT_TAG", Some("git_tag")),
            ("far", "customer", None),
            ("swap", "docker_iamge_tag", Some("docker_image_tag")),
        ];
        for (case, name, want) in cases {
            assert_eq!(did_you_mean(name, known.iter().copied()), want, "{case}");
        }
        assert_eq!(list_names(&["a", "b", "c"]), "`a`, `b` and `c`");
    }
}
