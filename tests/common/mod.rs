//! Invariants shared by the property tests (`tests/properties.rs`), the fuzz regression tests
//! (`tests/fuzz_regressions.rs`) and the fuzz targets (`fuzz/fuzz_targets/*.rs`, which include
//! this file by path). Each `check_*` panics when an invariant does not hold.

#![allow(dead_code)]

use conditional_regex_replace::diagnostic::{Diagnostic, Origin, Span};
use conditional_regex_replace::dsl::{self, RegexRefs};
use conditional_regex_replace::glob::Glob;
use conditional_regex_replace::{Config, Engine, FileResult, Status};
use std::collections::BTreeMap;

/// A span lies inside `text` and on char boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what}: span {span:?} outside a text of {} bytes", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what}: span {span:?} not on char boundaries of {text:?}");
}

/// A diagnostic's span is valid and it renders.
pub fn check_diagnostic(d: &Diagnostic) {
    if let Some((origin, span)) = &d.origin {
        check_span(&origin.text, *span, &format!("diagnostic `{}`", d.message));
        let _ = d.start_position();
        let _ = d.end_position();
    }
    let rendered = d.render();
    assert!(rendered.contains(&d.message), "render keeps the message");
}

/// Parses `text`: every span of what parsed points at its text, every error span lies inside
/// the input on char boundaries and renders. Returns whether it parsed without errors.
pub fn check_parse(text: &str) -> bool {
    let origin = Origin::new("mappings", text);
    let (mappings, errors) = dsl::parse(text, &origin);
    for m in &mappings {
        check_span(text, m.span, "mapping");
        for c in &m.conditions {
            check_span(text, c.span, "condition");
            check_span(text, c.variable.span, "condition variable");
            assert_eq!(text[c.variable.span.start..c.variable.span.end].to_ascii_lowercase(), c.variable.text);
            assert!(dsl::is_name(&c.variable.text), "variable {:?}", c.variable.text);
            check_span(text, c.regex.span, "condition regex");
            let at = &text[c.regex.span.start..c.regex.span.end];
            assert!(at == c.regex.text || (c.regex.text == ".*" && c.regex.span == c.variable.span), "regex {:?} at {at:?}", c.regex.text);
            assert!(!c.regex.text.is_empty() && c.regex.text.trim() == c.regex.text);
        }
        if errors.is_empty() {
            assert!(!m.conditions.is_empty() && !m.targets.is_empty());
        }
        for t in &m.targets {
            check_span(text, t.span, "target");
            check_span(text, t.glob.span, "glob");
            let at = &text[t.glob.span.start..t.glob.span.end];
            assert!(at == t.glob.text || (t.glob.text == "**" && t.glob.span.start == t.glob.span.end), "glob {:?} at {at:?}", t.glob.text);
            assert!(!t.glob.text.is_empty());
            match &t.refs {
                RegexRefs::All(span) => check_span(text, *span, "refs"),
                RegexRefs::Names(names) => {
                    assert!(!names.is_empty());
                    for n in names {
                        check_span(text, n.span, "regex name");
                        assert_eq!(text[n.span.start..n.span.end].to_ascii_lowercase(), n.text);
                        // `x=a b` (a missing `&`) gives the name `a b`, which the engine
                        // reports as an unknown regex.
                        assert!(n.text.split_whitespace().all(dsl::is_name), "regex name {:?}", n.text);
                    }
                }
            }
        }
    }
    if mappings.is_empty() {
        assert!(!errors.is_empty(), "no mapping and no error");
    }
    for d in &errors {
        assert!(d.is_error());
        check_diagnostic(d);
        if let Some((o, _)) = &d.origin {
            assert_eq!(o.text, text);
        }
    }
    errors.is_empty()
}

/// Builds an engine from inputs and environment and checks every diagnostic.
pub fn engine(inputs: &[(&str, &str)], env: &[(&str, &str)]) -> Engine {
    let config = Config {
        inputs: inputs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        env: env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
    };
    let engine = Engine::new(&config);
    engine.diagnostics().iter().for_each(check_diagnostic);
    engine
}

/// Compiles a glob: errors point inside it; a match never lets `*`, `?` or a class cross `/`.
pub fn check_glob(text: &str, paths: &[&str]) -> Option<Glob> {
    let origin = Origin::new("glob", text);
    match Glob::new(text, &origin, Span::new(0, text.len())) {
        Ok(g) => {
            let reference = reference_glob(text);
            for path in paths {
                if let Some(re) = &reference {
                    assert_eq!(g.is_match(path), re.is_match(path), "glob {text:?} on path {path:?}: NFA and reference regex disagree");
                }
                // (Not on pathological sizes: the check asks `may_match_below` of every prefix of
                // the path, each an NFA run, which a fuzzed glob of thousands of states on a path
                // of hundreds of components makes minutes long.)
                if g.is_match(path) && text.len() <= 256 && path.len() <= 256 {
                    assert!(plan_reaches(&g, path), "glob {text:?} matches {path:?}, which its walk plan {:?} never reaches", g.walk_steps());
                }
                if g.is_match(path) && !text.contains("**") {
                    // Without `**`, each `/` of the path comes from a `/` written in the glob.
                    assert!(
                        path.matches('/').count() <= text.matches('/').count(),
                        "glob {text:?} matched {path:?}: `*`, `?` or a class crossed `/`"
                    );
                }
            }
            Some(g)
        }
        Err(d) => {
            assert!(d.is_error());
            check_diagnostic(&d);
            None
        }
    }
}

/// Whether the walk of js/walk.js, following `glob.walk_steps()`, reaches `path` (relative,
/// `/`-separated): a `Name` step is only that name, `AnyName` any, `Pattern` any name whose
/// directory `may_match_below` (the walk asks the engine), `Deep` everything below where the
/// engine says a match may lie. Every path the glob matches must be reached.
pub fn plan_reaches(glob: &Glob, path: &str) -> bool {
    use conditional_regex_replace::glob::WalkStep;
    let steps = glob.walk_steps();
    let components: Vec<&str> = path.split('/').collect();
    for (k, component) in components.iter().enumerate() {
        let last = k + 1 == components.len();
        let dir = components[..=k].join("/");
        match steps.get(k) {
            None => return false,
            Some(WalkStep::Deep) => {
                // Listed recursively: each directory below on the way is entered when the engine
                // says a match may lie below it.
                return (k..components.len() - 1).all(|j| glob.may_match_below(&components[..=j].join("/")));
            }
            Some(WalkStep::Name(name)) if name != component => return false,
            Some(WalkStep::Pattern) if !last && !glob.may_match_below(&dir) => return false,
            Some(_) => {}
        }
        if last {
            return steps.len() == components.len();
        }
    }
    false
}

/// Byte offset of 1-based `line` and 1-based UTF-16 `column` in `text`; `None` when the
/// position is not at a char boundary of that line.
pub fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += text[start..].find('\n')? + 1;
    }
    let mut units = 0;
    let mut at = start;
    for c in text[start..].chars() {
        if units == column - 1 {
            return Some(at);
        }
        if c == '\n' || units > column {
            return None;
        }
        units += c.len_utf16();
        at += c.len_utf8();
    }
    (units == column - 1).then_some(at)
}

/// The one-regex engine the `apply` checks use: `__always__ {THEN_UPDATE_FILES} f=r` with
/// `r=<regex>`, `docker_image_tag` and `git_branch` given as inputs.
pub fn one_regex_engine(regex: &str, tag: &str, branch: &str, allow_multiline: bool, env: &[(&str, &str)]) -> Engine {
    let regexes = format!("r={regex}");
    let inputs = [
        ("mappings", "__always__ {THEN_UPDATE_FILES} f=r"),
        ("regexes", regexes.as_str()),
        ("docker_image_tag", tag),
        ("git_branch", branch),
        ("allow_multiline_values", if allow_multiline { "true" } else { "false" }),
    ];
    engine(&inputs, env)
}

/// Applies a one-regex engine (see [`one_regex_engine`]) to `f` and checks the result: the
/// output is the input with exactly the reported spans replaced (so every other byte, BOM and
/// line endings included, is unchanged), every edit's line and column point at its old text,
/// every new text is its variable's value. Returns the result.
pub fn check_apply(engine: &Engine, content: &[u8]) -> FileResult {
    let result = engine.apply("f", content);
    result.warnings.iter().for_each(check_diagnostic);
    let values: BTreeMap<String, String> = engine.outputs().into_iter().collect();
    let text = match std::str::from_utf8(content) {
        Ok(t) if !content.contains(&0) => t,
        _ => {
            assert!(result.content.is_none() && result.edits.is_empty(), "unsafe content is never changed");
            assert!(matches!(result.status, Status::Skipped | Status::Unchanged));
            return result;
        }
    };
    if result.status == Status::Skipped {
        // Valid UTF-8 without NUL is skipped only when matching ran out of its work budget.
        assert!(result.content.is_none() && result.edits.is_empty());
        assert!(result.warnings.iter().any(|w| w.message.contains("did not finish within its work budget")), "{:?}", result.warnings);
        return result;
    }
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let mut expected = String::from(bom);
    let mut last = 0;
    for e in &result.edits {
        assert_eq!(e.regex, "r");
        assert_eq!(values.get(&e.variable), Some(&e.new), "an edit writes its variable's value, literally");
        assert_ne!(e.old, e.new, "an edit changes something");
        let at = offset_of(body, e.line, e.column)
            .unwrap_or_else(|| panic!("edit at {}:{} does not point into the content", e.line, e.column));
        assert!(at >= last, "edits are in order and do not overlap");
        assert_eq!(body.get(at..at + e.old.len()), Some(e.old.as_str()), "edit at {}:{} names the text there", e.line, e.column);
        let inside_crlf = |p: usize| body[..p].ends_with('\r') && body[p..].starts_with('\n');
        assert!(!inside_crlf(at) && !inside_crlf(at + e.old.len()), "an edit never splits a CRLF line ending");
        expected.push_str(&body[last..at]);
        expected.push_str(&e.new);
        last = at + e.old.len();
    }
    expected.push_str(&body[last..]);
    match (&result.content, result.status) {
        (Some(out), Status::Changed) => {
            assert_ne!(out.as_slice(), content, "changed means different");
            assert_eq!(String::from_utf8_lossy(out), expected, "the output differs from the input only in the reported spans");
        }
        (None, Status::Unchanged) => assert_eq!(expected, text, "no content, yet edits change the text"),
        (c, s) => panic!("status {s:?} with content {:?}", c.is_some()),
    }
    result
}

/// Applies any engine to `path`: no panic, warnings render, status and content agree, and
/// unsafe content is never changed.
pub fn check_apply_any(engine: &Engine, path: &str, content: &[u8]) -> FileResult {
    let result = engine.apply(path, content);
    result.warnings.iter().for_each(check_diagnostic);
    match result.status {
        Status::Changed => assert!(result.content.as_deref().is_some_and(|c| c != content)),
        Status::Unchanged => assert!(result.content.is_none()),
        Status::Skipped => assert!(result.content.is_none() && result.edits.is_empty()),
    }
    if std::str::from_utf8(content).is_err() || content.contains(&0) {
        assert!(result.content.is_none());
    }
    result
}

/// Reference glob semantics, written independently of `Glob`'s NFA: the glob translated to an
/// anchored regex of the `regex` crate (the engine's first implementation). `None` when the
/// text is not a glob this translation accepts (errors are compared elsewhere).
pub fn reference_glob(text: &str) -> Option<regex::Regex> {
    let mut body = text;
    while let Some(rest) = body.strip_prefix("./") {
        body = rest;
    }
    let mut t = RefTranslator { src: body, pos: 0, out: String::from("\\A") };
    t.sequence(false)?;
    t.out.push_str("\\z");
    regex::Regex::new(&t.out).ok()
}

struct RefTranslator<'a> {
    src: &'a str,
    pos: usize,
    out: String,
}

impl RefTranslator<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn literal(&mut self, c: char) {
        self.out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
    }

    fn sequence(&mut self, in_braces: bool) -> Option<()> {
        while let Some(c) = self.peek() {
            match c {
                ',' | '}' if in_braces => return Some(()),
                '\\' => {
                    self.pos += 1;
                    let next = self.peek()?;
                    self.pos += next.len_utf8();
                    self.literal(next);
                }
                '*' => {
                    let start = self.pos;
                    let component_start = start == 0 || self.src.as_bytes()[start - 1] == b'/';
                    while self.peek() == Some('*') {
                        self.pos += 1;
                    }
                    if self.pos - start == 1 {
                        self.out.push_str("[^/]*");
                    } else if component_start && self.peek() == Some('/') {
                        self.pos += 1;
                        self.out.push_str("(?:[^/]*/)*");
                    } else {
                        self.out.push_str("(?s:.*)");
                    }
                }
                '?' => {
                    self.pos += 1;
                    self.out.push_str("[^/]");
                }
                '[' => self.class()?,
                '{' => {
                    self.pos += 1;
                    self.out.push_str("(?:");
                    loop {
                        self.sequence(true)?;
                        match self.peek()? {
                            ',' => {
                                self.pos += 1;
                                self.out.push('|');
                            }
                            _ => {
                                self.pos += 1;
                                self.out.push(')');
                                break;
                            }
                        }
                    }
                }
                _ => {
                    self.pos += c.len_utf8();
                    self.literal(c);
                }
            }
        }
        Some(())
    }

    /// `[…]`: items are chars (`\\` escapes one) or ranges `x-y`; a `-` first or last is
    /// literal; a `]` first is literal. Written out as explicit code-point ranges, so no char
    /// of the glob is ever read as regex class syntax (`--`, `&&`, `~~`, `[:…:]`).
    fn class(&mut self) -> Option<()> {
        self.pos += 1;
        let mut negated = false;
        if matches!(self.peek(), Some('!') | Some('^')) {
            negated = true;
            self.pos += 1;
        }
        let mut items: Vec<(char, char)> = Vec::new();
        let mut first = true;
        loop {
            let mut c = self.peek()?;
            self.pos += c.len_utf8();
            if c == ']' && !first {
                break;
            }
            first = false;
            if c == '\\' {
                let Some(next) = self.peek() else { continue };
                self.pos += next.len_utf8();
                c = next;
            }
            let rest = &self.src[self.pos..];
            if rest.len() > 1 && rest.starts_with('-') && !rest[1..].starts_with(']') {
                self.pos += 1;
                let mut end = self.peek()?;
                self.pos += end.len_utf8();
                if end == '\\' {
                    if let Some(escaped) = self.peek() {
                        self.pos += escaped.len_utf8();
                        end = escaped;
                    }
                }
                if end < c {
                    return None;
                }
                items.push((c, end));
            } else {
                items.push((c, c));
            }
        }
        let ranges: String = items.iter().map(|(a, b)| format!("\\x{{{:x}}}-\\x{{{:x}}}", *a as u32, *b as u32)).collect();
        if negated {
            self.out.push_str(&format!("[^/{ranges}]"));
        } else {
            self.out.push_str(&format!("[[{ranges}]&&[^/]]"));
        }
        Some(())
    }
}

/// The engine's own matcher (`matcher::Program`) against the `regex` crate, with the engine's
/// modes (multi-line, CRLF) and `flags` (`i`, `s`, `x`, `U` as in `/…/flags`): every match of
/// `pattern` in `text`, with every capture group's span, must be the same. Patterns either
/// library refuses are skipped (validation reports them elsewhere); a pattern the matcher does
/// not take (over its size) goes to the regex crate in the engine, so there is nothing to
/// compare. Returns whether a comparison was made.
pub fn check_matcher(pattern: &str, flags: &str, text: &str) -> bool {
    use conditional_regex_replace::matcher::Program;
    type Spans = Vec<Option<(usize, usize)>>;
    let (i, s, x, u) = (flags.contains('i'), flags.contains('s'), flags.contains('x'), flags.contains('U'));
    let Ok(regex) = regex::RegexBuilder::new(pattern)
        .multi_line(true)
        .crlf(true)
        .case_insensitive(i)
        .dot_matches_new_line(s)
        .ignore_whitespace(x)
        .swap_greed(u)
        .build()
    else {
        return false;
    };
    let Ok(ast) = regex_syntax::ast::parse::ParserBuilder::new().ignore_whitespace(x).build().parse(pattern) else {
        panic!("regex accepts {pattern:?}, its parser does not");
    };
    let hir = regex_syntax::hir::translate::TranslatorBuilder::new()
        .multi_line(true)
        .crlf(true)
        .case_insensitive(i)
        .dot_matches_new_line(s)
        .swap_greed(u)
        .build()
        .translate(pattern, &ast)
        .unwrap_or_else(|e| panic!("regex accepts {pattern:?}, its translator does not: {e}"));
    let groups = regex.captures_len();
    let all: Vec<usize> = (1..groups).collect();
    let Some(program) = Program::compile(&hir, &all) else { return false };
    let mut ours: Vec<Spans> = Vec::new();
    let finished = program.for_each_match(text, |get| ours.push((0..groups).map(get).collect())).is_ok();
    let theirs: Vec<Spans> =
        regex.captures_iter(text).map(|c| (0..groups).map(|g| c.get(g).map(|m| (m.start(), m.end()))).collect()).collect();
    assert_eq!(program.is_match(text), regex.is_match(text), "is_match of {pattern:?} (flags {flags:?}) in {text:?}");
    if finished {
        assert_eq!(ours, theirs, "matches of {pattern:?} (flags {flags:?}) in {text:?}: ours, then the regex crate's");
    } else {
        // Out of budget (a regex that rescans after each match): what was found is a prefix.
        assert_eq!(ours[..], theirs[..ours.len()], "matches of {pattern:?} (flags {flags:?}) before the budget ran out");
    }
    true
}
