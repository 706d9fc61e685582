//! Regexes: the `/…/flags` form, validation with spans (named groups, nesting, look-around,
//! back-references) and compilation with multi-line and CRLF modes.
//!
//! Parsing goes through `regex-syntax` (the parser the `regex` crate uses) to get an AST with
//! spans, so every problem is reported with a caret under the exact part of the regex; its HIR
//! is compiled by `crate::matcher`, which matches exactly as the `regex` crate does.

use crate::diagnostic::{unknown_name_hint, Diagnostic, Origin, Span};
use crate::matcher::{Program, MAX_STATES};
use regex_syntax::ast::{self, Ast, GroupKind};
use regex_syntax::hir::Hir;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    pub case_insensitive: bool,
    pub dot_matches_new_line: bool,
    pub ignore_whitespace: bool,
    pub swap_greed: bool,
}

/// A regex as written: the pattern and where it sits in its origin text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub pattern: String,
    /// Byte offset of `pattern` in the origin text.
    pub offset: usize,
    pub flags: Flags,
}

/// Splits `/pattern/flags` (flags from `imsxU`); anything else is a plain pattern.
/// `text` must already be trimmed; `offset` is where it starts in its origin.
pub fn split_delimited(text: &str, offset: usize) -> Source {
    if text.len() >= 2 && text.starts_with('/') {
        if let Some(close) = text.rfind('/').filter(|&i| i > 0) {
            let flags = &text[close + 1..];
            if flags.chars().all(|c| "imsxU".contains(c)) {
                return Source {
                    pattern: text[1..close].to_string(),
                    offset: offset + 1,
                    flags: Flags {
                        case_insensitive: flags.contains('i'),
                        dot_matches_new_line: flags.contains('s'),
                        ignore_whitespace: flags.contains('x'),
                        swap_greed: flags.contains('U'),
                    },
                };
            }
        }
    }
    Source { pattern: text.to_string(), offset, flags: Flags::default() }
}

/// A named capture group of a replacement regex: its index and the variable it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedGroup {
    pub index: usize,
    pub variable: String,
}

/// Validates and compiles a replacement regex. Every named group must name a variable in
/// `variables`; nested named groups are refused.
pub fn compile_replacement(
    source: &Source,
    origin: &Origin,
    what: &str,
    variables: &[&str],
) -> Result<(Program, Vec<NamedGroup>), Diagnostic> {
    match direct_simple(source, variables) {
        Some(direct) => Ok(direct),
        None => compile_through_hir(source, origin, what, variables),
    }
}

/// `compile_replacement` for every other regex. Never inlined: V8 compiles a function whole on
/// its first call, and a usual run, whose regexes all take `direct_simple`, then compiles none
/// of this.
#[inline(never)]
fn compile_through_hir(
    source: &Source,
    origin: &Origin,
    what: &str,
    variables: &[&str],
) -> Result<(Program, Vec<NamedGroup>), Diagnostic> {
    if let Some((hir, groups)) = simple_replacement(source, variables) {
        let indices: Vec<usize> = groups.iter().map(|g| g.index).collect();
        if let Some(program) = Program::compile(&hir, &indices) {
            return Ok((program, groups));
        }
    }
    let (ast, hir) = parse_ast(source, origin, what)?;
    let mut groups = Vec::new();
    let mut stack = Vec::new();
    collect_groups(&ast, &mut stack, &mut groups, source, origin, what, variables)?;
    let groups: Vec<NamedGroup> = groups
        .into_iter()
        .map(|(name, index, _span)| NamedGroup { index, variable: name.to_ascii_lowercase() })
        .collect();
    let indices: Vec<usize> = groups.iter().map(|g| g.index).collect();
    let program = Program::compile(&hir, &indices).ok_or_else(|| too_big(source, origin, what))?;
    Ok((program, groups))
}

/// The most usual replacement regex, `P(?<name>C*)S` or `P(?<name>C+)S` — a literal `P` (not
/// empty), one named group around a greedy `.` or class of plain ASCII characters (`[^"]`),
/// a literal `S` — straight to the matcher's one-pass form (`Program::simple`), without the
/// HIR `simple_replacement` builds: regex-syntax's HIR constructors and the VM compiler are then
/// not even compiled by V8 in a usual run (the README example: `Engine.fromFlat` 3.45 → 3.05 ms,
/// BENCHMARKS.md, optimisation 43). Exactly what `simple_replacement` and `Program::compile` give for the same
/// pattern (a test compares them); `None` for anything else, which takes those paths.
fn direct_simple(source: &Source, variables: &[&str]) -> Option<(Program, Vec<NamedGroup>)> {
    if source.flags != Flags::default() {
        return None;
    }
    let mut chars = source.pattern.chars().peekable();
    let prefix = literal_run(&mut chars)?;
    if prefix.is_empty() || chars.next()? != '(' || chars.next()? != '?' {
        return None;
    }
    let variable = group_name(&mut chars)?.to_ascii_lowercase();
    if !variables.contains(&variable.as_str()) {
        return None;
    }
    let ranges = match chars.next()? {
        // `.`: every character but `\r` and `\n`.
        '.' => vec![('\0', '\t'), ('\u{b}', '\u{c}'), ('\u{e}', char::MAX)],
        '[' => ascii_class(&mut chars)?,
        _ => return None,
    };
    let min = match chars.next()? {
        '*' => 0,
        '+' => 1,
        _ => return None,
    };
    // Lazy (`*?`) or quantified again: not this shape.
    if matches!(chars.peek(), Some('?' | '*' | '+' | '{')) || chars.next()? != ')' || matches!(chars.peek(), Some('*' | '+' | '?' | '{')) {
        return None;
    }
    let suffix = literal_run(&mut chars)?;
    if chars.next().is_some() {
        return None;
    }
    Some((Program::simple(&prefix, ranges, min, &suffix), vec![NamedGroup { index: 1, variable }]))
}

/// Literal characters (plain, or punctuation escaped with `\`) up to a `(` or the end; `None` at
/// anything else (a metacharacter, a quantified literal).
/// After `(?`: the rest of a group's name, `P<name>` or `<name>` (the same), through its `>`; the
/// name as written, when it is one (letters, digits and `_`, not starting with a digit).
fn group_name(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<String> {
    chars.next_if_eq(&'P');
    if chars.next()? != '<' {
        return None;
    }
    let mut name = String::new();
    while let Some(x) = chars.next_if(|x| x.is_ascii_alphanumeric() || *x == '_') {
        name.push(x);
    }
    let first_ok = name.chars().next().is_some_and(|f| f.is_ascii_alphabetic() || f == '_');
    (chars.next()? == '>' && first_ok).then_some(name)
}

fn literal_run(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<String> {
    let mut out = String::new();
    while let Some(&c) = chars.peek() {
        match c {
            '(' => break,
            '*' | '+' | '?' | '.' | '^' | '$' | '[' | ']' | ')' | '|' | '{' | '}' | '#' => return None,
            '\\' => {
                chars.next();
                out.push(chars.next().filter(|&e| escaped_literal(e))?);
            }
            _ => {
                chars.next();
                out.push(c);
            }
        }
        if matches!(chars.peek(), Some('*' | '+' | '?' | '{')) {
            return None;
        }
    }
    Some(out)
}

/// The canonical ranges of a class of plain ASCII characters (`[abc]`, `[^"]`), after its `[`.
fn ascii_class(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<Vec<(char, char)>> {
    let negated = chars.next_if_eq(&'^').is_some();
    let mut set = 0u128;
    loop {
        match chars.next()? {
            ']' if set != 0 => break,
            '\\' | '[' | ']' | '-' | '&' | '~' | '^' => return None,
            x if !x.is_ascii() || x.is_whitespace() => return None,
            x => set |= 1 << x as u32,
        }
    }
    if negated {
        set = !set;
    } else if set.count_ones() == 1 {
        return None; // one character: regex-syntax makes it a literal, and the shape has a class
    }
    // Runs of set bits as ranges; a negated class also takes everything past ASCII.
    let mut ranges = Vec::new();
    let mut c = 0;
    while c < 128 {
        if set & (1 << c) == 0 {
            c += 1;
            continue;
        }
        let start = c;
        while c < 128 && set & (1 << c) != 0 {
            c += 1;
        }
        ranges.push((char::from(start as u8), char::from((c - 1) as u8)));
    }
    if negated {
        match ranges.last_mut() {
            Some(last) if last.1 == '\u{7f}' => last.1 = char::MAX,
            _ => ranges.push(('\u{80}', char::MAX)),
        }
    }
    Some(ranges)
}

/// The HIR and named groups of a replacement regex in the common shape — literal text, `.`,
/// classes of plain characters (`[^"]`), `*` `+` `?` (lazy too), `^` `$`, and named groups of
/// these naming known variables — built without `regex-syntax`'s parser and translator, which
/// then are not even compiled by V8 in a usual run (about a fifth of the wasm code a start-up
/// touches). Exactly what the translator builds (a test compares them on thousands of
/// patterns); `None` for anything else, which takes the full path with its errors.
fn simple_replacement(source: &Source, variables: &[&str]) -> Option<(Hir, Vec<NamedGroup>)> {
    use regex_syntax::hir::{Capture, Class, ClassUnicode, ClassUnicodeRange, Dot, Look, Repetition};
    if source.flags != Flags::default() {
        return None;
    }
    let mut chars = source.pattern.chars().peekable();
    let mut top: Vec<Hir> = Vec::new();
    let mut group: Option<(String, Vec<Hir>)> = None;
    let mut groups: Vec<NamedGroup> = Vec::new();
    // Whether the last item may take a quantifier (an atom, not an assertion or a group).
    let mut quantifiable = false;
    while let Some(c) = chars.next() {
        let items = match &mut group {
            Some((_, inner)) => inner,
            None => &mut top,
        };
        let atom = match c {
            '*' | '+' | '?' => {
                if !quantifiable {
                    return None;
                }
                let (min, max) = match c {
                    '*' => (0, None),
                    '+' => (1, None),
                    _ => (0, Some(1)),
                };
                let greedy = chars.next_if_eq(&'?').is_none();
                if matches!(chars.peek(), Some('*' | '+' | '?' | '{')) {
                    return None;
                }
                let sub = items.pop()?;
                items.push(Hir::repetition(Repetition { min, max, greedy, sub: Box::new(sub) }));
                quantifiable = false;
                continue;
            }
            '.' => Hir::dot(Dot::AnyCharExceptCRLF),
            '^' | '$' => {
                items.push(Hir::look(if c == '^' { Look::StartCRLF } else { Look::EndCRLF }));
                quantifiable = false;
                continue;
            }
            '\\' => match chars.next() {
                Some(e) if escaped_literal(e) => Hir::literal(e.to_string().into_bytes()),
                _ => return None,
            },
            '[' => {
                let negated = chars.next_if_eq(&'^').is_some();
                let mut ranges = Vec::new();
                loop {
                    match chars.next()? {
                        ']' if !ranges.is_empty() => break,
                        '\\' | '[' | ']' | '-' | '&' | '~' | '^' => return None,
                        x if x.is_whitespace() => return None,
                        x => ranges.push(ClassUnicodeRange::new(x, x)),
                    }
                }
                let mut class = ClassUnicode::new(ranges);
                if negated {
                    class.negate();
                }
                Hir::class(Class::Unicode(class))
            }
            '(' => {
                if group.is_some() || chars.next()? != '?' {
                    return None;
                }
                let name = group_name(&mut chars)?;
                let lower = name.to_ascii_lowercase();
                if !variables.contains(&lower.as_str()) || groups.iter().any(|g| g.variable == lower) {
                    return None;
                }
                groups.push(NamedGroup { index: groups.len() + 1, variable: lower });
                group = Some((name, Vec::new()));
                quantifiable = false;
                continue;
            }
            ')' => {
                let (name, inner) = group.take()?;
                let index = groups.len() as u32;
                top.push(Hir::capture(Capture { index, name: Some(name.into_boxed_str()), sub: Box::new(Hir::concat(inner)) }));
                if matches!(chars.peek(), Some('*' | '+' | '?' | '{')) {
                    return None;
                }
                quantifiable = false;
                continue;
            }
            '|' | '{' | '}' | ']' | '#' => return None,
            x => Hir::literal(x.to_string().into_bytes()),
        };
        items.push(atom);
        quantifiable = true;
    }
    if group.is_some() {
        return None;
    }
    Some((Hir::concat(top), groups))
}

/// A condition's regex, matched against a variable's whole value.
///
/// Most conditions are literals and `.*` (`.*-dev`, `main`, `release/.*`): those are matched
/// directly, which spares compiling a regex at start-up. Anything else is a compiled regex.
#[derive(Debug, Clone)]
pub enum Condition {
    Simple(Vec<Piece>),
    Regex { anchored: Box<Program>, source: Source },
}

/// An element of a simple condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Lit(char),
    /// `.`: one character but a line break.
    One,
    /// `.*`: any characters but line breaks.
    Star,
}

impl Condition {
    /// Whether the regex matches all of `value`.
    pub fn matches(&self, value: &str) -> bool {
        match self {
            Condition::Simple(pieces) if !value.contains(['\r', '\n']) => simple_match(pieces, value, true),
            // A line break (only with `allow_multiline_values`): the regex engine's own rules.
            Condition::Simple(pieces) => regex_of(&format!("\\A(?:{})\\z", pieces_pattern(pieces)), &Flags::default()).is_some_and(|r| r.is_match(value)),
            Condition::Regex { anchored, .. } => anchored.is_match(value),
        }
    }

    /// Whether the regex matches somewhere inside `value` (for the hint when it does not match
    /// all of it).
    pub fn occurs_inside(&self, value: &str) -> bool {
        match self {
            Condition::Simple(pieces) if !value.contains(['\r', '\n']) => simple_match(pieces, value, false),
            Condition::Simple(pieces) => regex_of(&pieces_pattern(pieces), &Flags::default()).is_some_and(|r| r.is_match(value)),
            Condition::Regex { source, .. } => regex_of(&source.pattern, &source.flags).is_some_and(|r| r.is_match(value)),
        }
    }
}

fn pieces_pattern(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Lit(c) => regex_syntax::escape(&c.to_string()),
            Piece::One => ".".into(),
            Piece::Star => ".*".into(),
        })
        .collect()
}

/// Compiles a regex already validated (so there is no error to report).
fn regex_of(pattern: &str, flags: &Flags) -> Option<Program> {
    let ast = ast::parse::ParserBuilder::new().ignore_whitespace(flags.ignore_whitespace).build().parse(pattern).ok()?;
    let hir = translator(flags).translate(pattern, &ast).ok()?;
    Program::compile(&hir, &[])
}

/// `pieces` (or, unanchored, `.*pieces.*`) against `value`: a state-set simulation, linear in
/// the value.
fn simple_match(pieces: &[Piece], value: &str, anchored: bool) -> bool {
    let n = pieces.len();
    let mut current = vec![false; n + 1];
    let close = |set: &mut [bool]| {
        for i in 0..n {
            if set[i] && pieces[i] == Piece::Star {
                set[i + 1] = true;
            }
        }
    };
    current[0] = true;
    close(&mut current);
    for c in value.chars() {
        if !anchored && current[n] {
            return true;
        }
        let mut next = vec![false; n + 1];
        if !anchored {
            next[0] = true;
        }
        for i in 0..n {
            if current[i] {
                match pieces[i] {
                    Piece::Lit(x) if x == c => next[i + 1] = true,
                    Piece::One => next[i + 1] = true,
                    Piece::Star => next[i] = true,
                    _ => {}
                }
            }
        }
        close(&mut next);
        current = next;
    }
    current[n]
}

/// Whether `\e` stands for the character `e`: ASCII punctuation, but `\<` and `\>`, which are
/// word boundaries (regex-syntax 0.8).
fn escaped_literal(e: char) -> bool {
    e.is_ascii_punctuation() && e != '<' && e != '>'
}

/// The pieces of a condition made only of literals, escaped punctuation, `.` and `.*`.
fn simple_pieces(source: &Source) -> Option<Vec<Piece>> {
    if source.flags != Flags::default() {
        return None;
    }
    let mut pieces = Vec::new();
    let mut chars = source.pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' if chars.peek() == Some(&'*') => {
                chars.next();
                pieces.push(Piece::Star);
            }
            '.' if chars.peek() == Some(&'+') => {
                chars.next();
                pieces.extend([Piece::One, Piece::Star]);
            }
            '.' => pieces.push(Piece::One),
            '\\' => match chars.next() {
                Some(e) if escaped_literal(e) => pieces.push(Piece::Lit(e)),
                _ => return None,
            },
            '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '^' | '$' | '#' => return None,
            c if c.is_whitespace() => return None,
            c => pieces.push(Piece::Lit(c)),
        }
        if matches!(chars.peek(), Some('*' | '+' | '?' | '{')) && !matches!(pieces.last(), Some(Piece::Star)) {
            return None;
        }
    }
    Some(pieces)
}

/// Validates a condition regex and prepares it for matching whole values.
pub fn compile_condition(source: &Source, origin: &Origin, what: &str) -> Result<Condition, Diagnostic> {
    // A simple condition is valid syntax by construction (see `simple_pieces`; the tests parse
    // every one): it needs no parser.
    if let Some(pieces) = simple_pieces(source) {
        return Ok(Condition::Simple(pieces));
    }
    parse_ast(source, origin, what)?;
    let anchored = regex_of(&format!("\\A(?:{})\\z", source.pattern), &source.flags).ok_or_else(|| too_big(source, origin, what))?;
    Ok(Condition::Regex { anchored: Box::new(anchored), source: source.clone() })
}

fn pattern_span(source: &Source, span: &ast::Span) -> Span {
    Span::new(span.start.offset, span.end.offset).shift(source.offset)
}

/// The regex's AST (with spans, for the checks) and its HIR (what the matchers compile).
fn parse_ast(source: &Source, origin: &Origin, what: &str) -> Result<(Ast, Hir), Diagnostic> {
    let mut parser = ast::parse::ParserBuilder::new().ignore_whitespace(source.flags.ignore_whitespace).build();
    let ast = parser.parse(&source.pattern).map_err(|e| ast_error(&e, source, origin, what))?;
    // The translation to HIR catches what the AST allows but the engine cannot do
    // (e.g. Unicode classes this build leaves out); report those with a span too.
    let hir = translator(&source.flags).translate(&source.pattern, &ast).map_err(|e| {
        let message = e.kind().to_string();
        let hint = if message.contains("Unicode") {
            "this build knows Perl classes (`\\d`, `\\w`, `\\s`) and case folding, not Unicode properties; list the characters in a class instead"
        } else {
            "check the regex syntax of the Rust `regex` crate"
        };
        Diagnostic::error("invalid regex", format!("invalid {what}: {message}"))
            .at(origin, pattern_span(source, e.span()))
            .hint(hint)
    })?;
    Ok((ast, hir))
}

fn ast_error(e: &ast::Error, source: &Source, origin: &Origin, what: &str) -> Diagnostic {
    use ast::ErrorKind as K;
    let span = pattern_span(source, e.span());
    let (message, hint): (String, String) = match e.kind() {
        K::UnsupportedLookAround => (
            format!("{what} uses look-around, which is not supported: matching runs in linear time so that no input can make it hang"),
            "match the surrounding text as part of the regex and capture only the part to replace in a named group, e.g. `(?<=tag: )\\S+` → `tag: (?<docker_image_tag>\\S+)`".into(),
        ),
        K::UnsupportedBackreference => (
            format!("{what} uses a back-reference, which is not supported: matching runs in linear time so that no input can make it hang"),
            "spell out the alternatives instead of referring back, e.g. `(['\"])(?<v>.*)\\1` → `(?:'(?<v>[^']*)'|\"(?<v2>[^\"]*)\")` with one group per variable, or match one quote style".into(),
        ),
        K::GroupNameInvalid => (
            format!("invalid group name in {what}"),
            "a group name is letters, digits and `_`, and names a variable: `(?<docker_image_tag>…)`".into(),
        ),
        K::EscapeUnrecognized if source.pattern[e.span().start.offset..].starts_with("\\k") => (
            format!("{what} uses a back-reference (`\\k<…>`), which is not supported: matching runs in linear time so that no input can make it hang"),
            "spell out the alternatives instead of referring back to an earlier group".into(),
        ),
        kind => (format!("invalid {what}: {kind}"), "check the regex syntax of the Rust `regex` crate; escape literal characters with `\\`".into()),
    };
    Diagnostic::error("invalid regex", message).at(origin, span).hint(hint)
}

/// The one configuration every regex is translated with: multi-line and CRLF modes, and the
/// `/…/flags` (`x` is the parser's).
fn translator(flags: &Flags) -> regex_syntax::hir::translate::Translator {
    regex_syntax::hir::translate::TranslatorBuilder::new()
        .case_insensitive(flags.case_insensitive)
        .multi_line(true)
        .crlf(true)
        .dot_matches_new_line(flags.dot_matches_new_line)
        .swap_greed(flags.swap_greed)
        .build()
}

fn too_big(source: &Source, origin: &Origin, what: &str) -> Diagnostic {
    let whole = Span::new(source.offset, source.offset + source.pattern.len());
    Diagnostic::error("regex too big", format!("{what} is too big once compiled (over {MAX_STATES} states)"))
        .at(origin, whole)
        .hint("lower the repetition counts (`{1000}`) or use `+` / `*`")
}

fn collect_groups(
    ast: &Ast,
    stack: &mut Vec<(String, Span)>,
    out: &mut Vec<(String, usize, Span)>,
    source: &Source,
    origin: &Origin,
    what: &str,
    variables: &[&str],
) -> Result<(), Diagnostic> {
    match ast {
        Ast::Group(group) => {
            if let GroupKind::CaptureName { name, .. } = &group.kind {
                let span = pattern_span(source, &name.span);
                if !crate::dsl::is_name(&name.name) {
                    return Err(Diagnostic::error("invalid group name", format!("group name `{}` in {what} is not a variable name", name.name))
                        .at(origin, span)
                        .hint("a group name is letters, digits and `_`, and names a variable: `(?<docker_image_tag>…)`"));
                }
                if let Some((outer, _)) = stack.last() {
                    return Err(Diagnostic::error(
                        "nested named groups",
                        format!("named group `{}` is inside named group `{outer}` in {what}", name.name),
                    )
                    .at(origin, span)
                    .hint("replaced spans cannot overlap: make one of them a plain group `(…)` or `(?:…)`"));
                }
                let lower = name.name.to_ascii_lowercase();
                if !variables.contains(&lower.as_str()) {
                    return Err(Diagnostic::error(
                        "unknown variable",
                        format!("group `{}` in {what} names no known variable", name.name),
                    )
                    .at(origin, span)
                    .hint(unknown_name_hint(&lower, "registered variables", variables)));
                }
                out.push((name.name.clone(), name.index as usize, span));
                stack.push((name.name.clone(), span));
                let result = collect_groups(&group.ast, stack, out, source, origin, what, variables);
                stack.pop();
                return result;
            }
            collect_groups(&group.ast, stack, out, source, origin, what, variables)
        }
        Ast::Concat(c) => {
            c.asts.iter().try_for_each(|a| collect_groups(a, stack, out, source, origin, what, variables))
        }
        Ast::Alternation(a) => {
            a.asts.iter().try_for_each(|a| collect_groups(a, stack, out, source, origin, what, variables))
        }
        Ast::Repetition(r) => collect_groups(&r.ast, stack, out, source, origin, what, variables),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VARS: [&str; 4] = ["docker_image_tag", "git_branch", "git_tag", "custom_var"];

    fn replacement(text: &str) -> Result<(Program, Vec<NamedGroup>), String> {
        let origin = Origin::new("input docker_image_tag_regex", text);
        compile_replacement(&split_delimited(text, 0), &origin, "regex `docker_image_tag_regex`", &VARS)
            .map_err(|d| d.render())
    }

    /// The first match's group `index`, when there is a match.
    fn first<'t>(m: &Program, text: &'t str, index: usize) -> Option<Option<&'t str>> {
        let mut found = None;
        m.for_each_match(text, |get| {
            if found.is_none() {
                found = Some(get(index).map(|(s, e)| &text[s..e]));
            }
        })
        .expect("within budget");
        found
    }

    #[test]
    fn delimited_form() {
        let cases = [
            ("plain", "a/b", "a/b", Flags::default()),
            ("slashes", "/a/", "a", Flags::default()),
            ("flags", "/a b/ix", "a b", Flags { case_insensitive: true, ignore_whitespace: true, ..Flags::default() }),
            ("not flags", "/a/b", "a", Flags { ..Flags::default() }),
            ("unknown flag", "/a/q", "/a/q", Flags::default()),
            ("lone slash", "/", "/", Flags::default()),
        ];
        for (case, text, want, flags) in cases {
            let s = split_delimited(text, 0);
            if case == "not flags" {
                // `b` is not a flag letter: the whole text is the pattern.
                assert_eq!(s.pattern, "/a/b", "{case}");
                continue;
            }
            assert_eq!((s.pattern.as_str(), s.flags), (want, flags), "{case}");
        }
    }

    #[test]
    fn groups() {
        let (re, groups) = replacement(r#"imageTag: "(?<docker_image_tag>.*)" (?P<CUSTOM_VAR>\w+) (x)"#).unwrap();
        assert_eq!(
            groups,
            vec![
                NamedGroup { index: 1, variable: "docker_image_tag".into() },
                NamedGroup { index: 2, variable: "custom_var".into() }
            ]
        );
        assert_eq!(first(&re, "imageTag: \"1\" a x", 2), Some(Some("a")));
    }

    #[test]
    fn modes() {
        let (re, _) = replacement("^tag: (?<git_tag>.*)$").unwrap();
        assert_eq!(first(&re, "a: 1\r\ntag: v1\r\nb", 1), Some(Some("v1")), "multi-line, and `.` stops before CR");
        let (re, _) = replacement("/é(?<git_tag>x)/i").unwrap();
        assert_eq!(first(&re, "ÉX", 1), Some(Some("X")), "case folding beyond ASCII");
        let (re, _) = replacement("(?i)straße").unwrap();
        assert!(first(&re, "STRASSE", 0).is_some() || first(&re, "STRAßE", 0).is_some());

    }

    #[test]
    fn errors() {
        let cases = [
            ("typo", r#"git_branch: \"(?<git_brach>.*)\""#,
             "error: group `git_brach` in regex `docker_image_tag_regex` names no known variable\n --> input docker_image_tag_regex:1:18\n  |\n1 | git_branch: \\\"(?<git_brach>.*)\\\"\n  |                  ^^^^^^^^^\n  = hint: did you mean `git_branch`? registered variables: `docker_image_tag`, `git_branch`, `git_tag` and `custom_var`\n"),
            ("look-ahead", "tag: (?=v)(?<git_tag>.*)",
             "error: regex `docker_image_tag_regex` uses look-around, which is not supported: matching runs in linear time so that no input can make it hang\n --> input docker_image_tag_regex:1:6\n  |\n1 | tag: (?=v)(?<git_tag>.*)\n  |      ^^^\n  = hint: match the surrounding text as part of the regex and capture only the part to replace in a named group, e.g. `(?<=tag: )\\S+` → `tag: (?<docker_image_tag>\\S+)`\n"),
            ("nested", "(?<git_tag>a(?<git_branch>b))",
             "error: named group `git_branch` is inside named group `git_tag` in regex `docker_image_tag_regex`\n --> input docker_image_tag_regex:1:16\n  |\n1 | (?<git_tag>a(?<git_branch>b))\n  |                ^^^^^^^^^^\n  = hint: replaced spans cannot overlap: make one of them a plain group `(…)` or `(?:…)`\n"),
            ("unbalanced", "(?<git_tag>a",
             "error: invalid regex `docker_image_tag_regex`: unclosed group\n --> input docker_image_tag_regex:1:1\n  |\n1 | (?<git_tag>a\n  | ^\n  = hint: check the regex syntax of the Rust `regex` crate; escape literal characters with `\\`\n"),
            ("too big", "(?<git_tag>a{1000}{1000})",
             "error: regex `docker_image_tag_regex` is too big once compiled (over 50000 states)\n --> input docker_image_tag_regex:1:1\n  |\n1 | (?<git_tag>a{1000}{1000})\n  | ^^^^^^^^^^^^^^^^^^^^^^^^^\n  = hint: lower the repetition counts (`{1000}`) or use `+` / `*`\n"),
        ];
        for (case, text, want) in cases {
            assert_eq!(replacement(text).unwrap_err(), want, "{case}");
        }
        let backref = replacement(r"(a)\1").unwrap_err();
        assert!(backref.contains("back-reference, which is not supported"), "{backref}");
        let named_backref = replacement(r"(?<git_tag>a)\k<git_tag>").unwrap_err();
        assert!(named_backref.contains("back-reference"), "{named_backref}");
        let bad_name = replacement(r"(?<a.b>x)").unwrap_err();
        assert!(bad_name.contains("group name `a.b`"), "{bad_name}");
    }

    /// 20,000 patterns of fewer than `max` of `pieces` each, drawn by a xorshift generator seeded
    /// with `seed` (the same patterns on every run).
    fn random_sequences(pieces: &[&str], mut seed: u64, max: u64) -> Vec<String> {
        let mut patterns = Vec::new();
        for _ in 0..20_000 {
            let mut p = String::new();
            for _ in 0..(seed % max) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                p.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            patterns.push(p);
        }
        patterns
    }

    /// The shortcut for usual replacement regexes builds exactly the translator's HIR and the
    /// full path's groups, on every pattern of up to three pieces and on longer random ones;
    /// and it takes the README's regexes.
    #[test]
    fn simple_replacements_equal_the_full_path() {
        let pieces = [
            "a", "é", " ", ".", "*", "+", "?", "*?", "+?", "??", "^", "$", "[^\"]", "[ab]", "[é]", "[a", "]",
            "\\.", "\\\\", "\\<", "\\d", "(?<docker_image_tag>", "(?P<GIT_TAG>", "(?<unknown>", "(?<git_tag>", ")",
            "(?:", "|", "{2}", "#", "(", "[^a-]",
        ];
        let mut patterns: Vec<String> = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = patterns.iter().flat_map(|p| pieces.iter().map(move |x| format!("{p}{x}"))).collect();
            patterns.extend(longer);
        }
        patterns.extend(random_sequences(&pieces, 0x2545_f491_4f6c_dd1d, 9));
        patterns.push(r#"imageTag: "(?<docker_image_tag>.*)""#.into());
        patterns.push(r#"git_branch: "(?<git_branch>.*)""#.into());
        let mut taken = 0;
        for p in &patterns {
            let source = split_delimited(p, 0);
            let Some((hir, groups)) = simple_replacement(&source, &VARS) else { continue };
            taken += 1;
            let origin = Origin::new("input r", p);
            let (_, full_hir) = parse_ast(&source, &origin, "regex").unwrap_or_else(|e| panic!("{p:?}: taken, but {}", e.render()));
            assert_eq!(hir, full_hir, "{p:?}");
            let ast = ast::parse::Parser::new().parse(p).unwrap();
            let mut found = Vec::new();
            collect_groups(&ast, &mut Vec::new(), &mut found, &source, &origin, "regex", &VARS).unwrap();
            let full_groups: Vec<NamedGroup> =
                found.into_iter().map(|(name, index, _)| NamedGroup { index, variable: name.to_ascii_lowercase() }).collect();
            assert_eq!(groups, full_groups, "{p:?}");
        }
        assert!(taken > 1_000, "the shortcut takes the usual shapes: {taken}");
        for p in [r#"imageTag: "(?<docker_image_tag>.*)""#, r#"tag: (?<git_tag>[^"]+?)$"#] {
            assert!(simple_replacement(&split_delimited(p, 0), &VARS).is_some(), "{p}");
        }
        for p in [r"(?<git_tag>\d+)", r"(a)(?<git_tag>b)", r"(?<git_tag>a)|b", r"/(?<git_tag>a)/i", r"(?<git_tag>a(?<custom_var>b))", r"(?<docker_image_tag>a)(?<docker_image_tag>b)"] {
            assert!(simple_replacement(&split_delimited(p, 0), &VARS).is_none(), "{p}");
        }
    }

    /// The direct path for the usual shape builds exactly the program the HIR path builds, on
    /// every combination of the shape's parts and their near misses (~350,000 patterns) and on
    /// random sequences of them; it takes the README's regexes and passes over other shapes.
    #[test]
    fn direct_simple_equals_the_hir_path() {
        // prefix, group opening, atom, quantifier, closing, suffix: the shape and its near misses.
        let prefixes = ["", "a", "é ", "imageTag: \"", "\\.x", "\\d", "a*", "a{2}", "^a", "x$", "#", "a|b", "(a)"];
        let opens = ["(?<docker_image_tag>", "(?P<GIT_TAG>", "(?<unknown>", "(?<1x>", "(?:", "("];
        let atoms = [".", "[^\"]", "[ab]", "[^ab]", "[é]", "[a-]", "[^~]", "[\u{7f}]", "[^\u{7f}]", "[\u{0}]", "[ ]", "[]", "a", "\\."];
        let quantifiers = ["*", "+", "?", "*?", "+?", "**", "{2}", ""];
        let closes = [")", ")*", ")?", ""];
        let suffixes = ["", "\"", "b", "\\.", "(", ")", "x+", "$", "é", "(?<git_tag>.*)"];
        let mut patterns: Vec<String> = Vec::new();
        for p in prefixes {
            for o in opens {
                for a in atoms {
                    for q in quantifiers {
                        for c in closes {
                            for s in suffixes {
                                patterns.push(format!("{p}{o}{a}{q}{c}{s}"));
                            }
                        }
                    }
                }
            }
        }
        let pieces: Vec<&str> = [&prefixes[..], &opens, &atoms, &quantifiers, &closes, &suffixes].concat();
        patterns.extend(random_sequences(&pieces, 0x9e37_79b9_7f4a_7c15, 10));
        let mut taken = 0;
        for p in &patterns {
            let source = split_delimited(p, 0);
            let Some((program, groups)) = direct_simple(&source, &VARS) else { continue };
            taken += 1;
            let (hir, hir_groups) = simple_replacement(&source, &VARS).unwrap_or_else(|| panic!("{p:?}: direct, but not simple"));
            let indices: Vec<usize> = hir_groups.iter().map(|g| g.index).collect();
            let compiled = Program::compile(&hir, &indices).unwrap();
            assert_eq!(program.simple_parts(), compiled.simple_parts(), "{p:?}");
            assert!(program.simple_parts().is_some(), "{p:?}");
            assert_eq!(groups, hir_groups, "{p:?}");
        }
        assert!(taken > 400, "the direct path takes the usual shape: {taken}");
        for p in [
            r#"imageTag: "(?<docker_image_tag>.*)""#,
            r#"imageTag: "(?<docker_image_tag>[^"]*)""#,
            r#"git_branch: "(?<git_branch>.*)""#,
            r"tag: (?P<GIT_TAG>[^,;]+),",
            r"version\: (?<git_tag>.+)",
        ] {
            assert!(direct_simple(&split_delimited(p, 0), &VARS).is_some(), "{p}");
        }
        for p in [
            r"(?<git_tag>.*)",
            r"a(?<git_tag>.*?)",
            r"ab*(?<git_tag>.*)",
            r"a(?<git_tag>.*)b+",
            r"a(?<git_tag>.*)$",
            r"a(?<git_tag>[é]*)",
            r"a(?<git_tag>.?)",
            r"a(?<git_tag>.)",
            r"a(?<unknown>.*)",
            r"/a(?<git_tag>.*)/i",
            r"a(?<git_tag>.*)(?<custom_var>.*)",
        ] {
            assert!(direct_simple(&split_delimited(p, 0), &VARS).is_none(), "{p}");
        }
    }

    /// Every simple pattern of up to three atoms against every short value: the direct matcher
    /// agrees with the regex engine, anchored and not.
    #[test]
    fn simple_conditions_agree_with_the_regex_engine() {
        let atoms = ["a", "b", "é", ".", ".*", ".+", "\\."];
        let mut patterns = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = patterns.iter().flat_map(|p| atoms.iter().map(move |a| format!("{p}{a}"))).collect();
            patterns.extend(longer);
        }
        let mut values = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = values.iter().flat_map(|v| ["a", "b", "é", "."].iter().map(move |c| format!("{v}{c}"))).collect();
            values.extend(longer);
        }
        values.sort();
        values.dedup();
        for p in &patterns {
            let source = split_delimited(p, 0);
            let pieces = simple_pieces(&source).unwrap_or_else(|| panic!("{p:?} is simple"));
            let anchored = regex::Regex::new(&format!("\\A(?:{p})\\z")).unwrap();
            let inner = regex::Regex::new(p).unwrap();
            for v in &values {
                assert_eq!(simple_match(&pieces, v, true), anchored.is_match(v), "{p:?} on {v:?}");
                assert_eq!(simple_match(&pieces, v, false), inner.is_match(v), "{p:?} inside {v:?}");
            }
        }
    }

    #[test]
    fn condition_is_anchored() {
        let condition = |p: &str| compile_condition(&split_delimited(p, 0), &Origin::new("mappings", p), "condition regex").unwrap();
        // (case, regex, value, matches all, occurs inside, simple)
        let cases = [
            ("literal", "prod", "prod", true, true, true),
            ("literal inside", "prod", "1.0-preprod", false, true, true),
            ("suffix", ".*-dev", "1.4.0-dev", true, true, true),
            ("suffix miss", ".*-dev", "1.4.0-dev2", false, true, true),
            ("prefix", "release/.*", "release/1.x", true, true, true),
            ("dot one", "v.", "v1", true, true, true),
            ("dot plus", "v.+", "v", false, false, true),
            ("escaped dot", "1\\.0", "1x0", false, false, true),
            ("non-ascii", "é.*", "été", true, true, true),
            ("alternation grouped", "a|b", "ab", false, true, false),
            ("class", "v\\d+", "v12", true, true, false),
            ("case flag", "/PROD/i", "prod", true, true, false),
            ("star after literal", "ab*", "a", true, true, false),
            ("line break in value", ".*", "a\nb", false, true, true),
            ("start of word is no escaped <", "x\\<y", "x<y", false, false, false),
            ("end of word is no escaped >", "a\\>", "a", true, true, false),
        ];
        for (case, regex, value, whole, inside, simple) in cases {
            let c = condition(regex);
            assert_eq!(matches!(c, Condition::Simple(_)), simple, "{case}: simple");
            assert_eq!(c.matches(value), whole, "{case}: matches");
            assert_eq!(c.occurs_inside(value), inside, "{case}: occurs inside");
        }
    }
}
