//! The mappings DSL: a hand-written lexer and parser with byte spans on every token.
//!
//! ```text
//! mappings    := mapping ( "{NEXT_MAPPING}" mapping )*
//! mapping     := conditions [ "{THEN_UPDATE_FILES}" targets ]     -- no targets: "**=*"
//! conditions  := condition ( "{OR}" condition )*
//! condition   := NAME [ "==" REGEX ]                              -- no regex: ".*"
//! targets     := target ( "{AND}" target )*
//! target      := GLOB [ "=" regex_refs ]                          -- no refs: "*"
//! regex_refs  := "*" | NAME ( "&" NAME )*
//! NAME        := [A-Za-z0-9_]+                                    -- case-insensitive
//! ```
//!
//! Whitespace (newlines included) around tokens is insignificant. The lexer cuts the text at
//! keywords; everything between two keywords is a raw segment (a condition or a target), whose
//! parts keep their spans in the whole mappings text.

use crate::diagnostic::{edit_distance, Diagnostic, Origin, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    NextMapping,
    ThenUpdateFiles,
    Or,
    And,
}

impl Keyword {
    const ALL: [Keyword; 4] = [Keyword::NextMapping, Keyword::ThenUpdateFiles, Keyword::Or, Keyword::And];

    pub fn text(self) -> &'static str {
        match self {
            Keyword::NextMapping => "{NEXT_MAPPING}",
            Keyword::ThenUpdateFiles => "{THEN_UPDATE_FILES}",
            Keyword::Or => "{OR}",
            Keyword::And => "{AND}",
        }
    }

    fn word(self) -> &'static str {
        let text = self.text();
        &text[1..text.len() - 1]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Keyword(Keyword, Span),
    /// Raw text between keywords, untrimmed.
    Text(Span),
}

/// A string with the span it was read from (spans of defaults point at what implied them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// Lower-case variable name.
    pub variable: Spanned,
    /// The raw regex after `==`, trimmed; `.*` (with the span of the name) when absent.
    pub regex: Spanned,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegexRefs {
    /// `*`: every registered regex, by name order.
    All(Span),
    /// Lower-case regex names, in order.
    Names(Vec<Spanned>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub glob: Spanned,
    pub refs: RegexRefs,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub conditions: Vec<Condition>,
    pub targets: Vec<Target>,
    pub span: Span,
}

pub fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Cuts the mappings text into keywords and the text between them.
/// A misspelt keyword is reported and read as the keyword it resembles, so the rest of the
/// text is still checked. A brace word like no keyword stops the lexer (`Err`): guessing how to
/// read the rest would only report noise.
pub fn lex(text: &str, origin: &Origin, errors: &mut Vec<Diagnostic>) -> Result<Vec<Token>, Diagnostic> {
    let mut tokens = Vec::new();
    let mut segment_start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            // An escaped character is glob text, never a keyword start.
            i += 2;
            continue;
        }
        if bytes[i] == b'{' {
            if let Some(len) = keyword_candidate(&text[i..]) {
                let span = Span::new(i, i + len);
                let inner = &text[i + 1..i + len - 1];
                match classify(inner) {
                    Candidate::Keyword(k) => {
                        tokens.push(Token::Text(Span::new(segment_start, i)));
                        tokens.push(Token::Keyword(k, span));
                        i += len;
                        segment_start = i;
                        continue;
                    }
                    Candidate::Misspelt(k) => {
                        errors.push(
                            Diagnostic::error("unknown keyword", format!("unknown keyword `{}`", &text[i..i + len]))
                                .at(origin, span)
                                .hint(format!("did you mean `{}`? keywords are upper-case: {}", k.text(), keyword_list())),
                        );
                        tokens.push(Token::Text(Span::new(segment_start, i)));
                        tokens.push(Token::Keyword(k, span));
                        i += len;
                        segment_start = i;
                        continue;
                    }
                    Candidate::Unknown => {
                        return Err(Diagnostic::error(
                            "unknown keyword",
                            format!("unknown keyword `{}`", &text[i..i + len]),
                        )
                        .at(origin, span)
                        .hint(format!(
                            "the keywords are {}; to match braces in a glob, escape them: `\\{{…\\}}`",
                            keyword_list()
                        )));
                    }
                    Candidate::Glob => {}
                }
            }
        }
        i += 1;
    }
    tokens.push(Token::Text(Span::new(segment_start, text.len())));
    Ok(tokens)
}

fn keyword_list() -> String {
    Keyword::ALL.iter().map(|k| format!("`{}`", k.text())).collect::<Vec<_>>().join(", ")
}

/// Length of `{WORD}` at the start of `s` when WORD is letters, `_`, `-` or spaces only.
fn keyword_candidate(s: &str) -> Option<usize> {
    let close = s.find('}')?;
    let inner = &s[1..close];
    let word_like = !inner.trim().is_empty()
        && inner.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'-' || b == b' ');
    word_like.then_some(close + 1)
}

enum Candidate {
    Keyword(Keyword),
    Misspelt(Keyword),
    Unknown,
    /// A one-word glob alternation like `{dev}`: not a keyword.
    Glob,
}

fn classify(inner: &str) -> Candidate {
    if let Some(k) = Keyword::ALL.iter().find(|k| k.word() == inner) {
        return Candidate::Keyword(*k);
    }
    let normal: String = inner
        .trim()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c.to_ascii_uppercase() })
        .collect();
    let closest = Keyword::ALL
        .iter()
        .map(|k| (edit_distance(&normal, k.word()), *k))
        .min_by_key(|(d, _)| *d)
        .expect("keywords");
    let limit = (closest.1.word().len() / 4).max(1);
    if closest.0 == 0 || (closest.0 <= limit && normal.len() >= 2) {
        return Candidate::Misspelt(closest.1);
    }
    let shouting = inner.len() >= 2 && inner.bytes().all(|b| b.is_ascii_uppercase() || b == b'_');
    if shouting {
        Candidate::Unknown
    } else {
        Candidate::Glob
    }
}

/// `text[span]` trimmed, with the span of what is left (an empty span at the end when blank).
fn trimmed(text: &str, span: Span) -> Spanned {
    let raw = &text[span.start..span.end];
    let lead = raw.len() - raw.trim_start().len();
    let body = raw.trim();
    let start = if body.is_empty() { span.end } else { span.start + lead };
    Spanned { text: body.to_string(), span: Span::new(start, start + body.len()) }
}

/// Parses the whole mappings text. Returns every problem found, not only the first, and the
/// mappings with every condition and target that parsed (so names and regexes in them can be
/// checked too; with errors, nothing is ever applied).
pub fn parse(text: &str, origin: &Origin) -> (Vec<Mapping>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let tokens = match lex(text, origin, &mut errors) {
        Ok(tokens) => tokens,
        Err(fatal) => {
            errors.push(fatal);
            return (Vec::new(), errors);
        }
    };
    let mut mappings = Vec::new();
    for group in tokens.split(|t| matches!(t, Token::Keyword(Keyword::NextMapping, _))) {
        if let Some(m) = parse_mapping(text, origin, group, &mut errors) {
            mappings.push(m);
        }
    }
    (mappings, errors)
}

fn parse_mapping(text: &str, origin: &Origin, tokens: &[Token], errors: &mut Vec<Diagnostic>) -> Option<Mapping> {
    let span = Span::new(token_span(&tokens[0]).start, token_span(tokens.last().unwrap()).end);
    let then_at = tokens.iter().position(|t| matches!(t, Token::Keyword(Keyword::ThenUpdateFiles, _)));
    let (cond_tokens, target_tokens) = match then_at {
        Some(i) => (&tokens[..i], Some(&tokens[i + 1..])),
        None => (tokens, None),
    };
    if trimmed(text, span).text.is_empty() {
        if tokens.len() == 1 && text.trim().is_empty() {
            errors.push(Diagnostic::error("missing mappings", "the mappings are empty").hint(
                "set the `mappings` input, e.g. `docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex`",
            ));
        } else {
            errors.push(
                Diagnostic::error("empty mapping", "empty mapping")
                    .at(origin, span)
                    .hint("mappings are separated by one `{NEXT_MAPPING}`; remove the extra one"),
            );
        }
        return None;
    }
    let mut conditions = Vec::new();
    for (segment, sep) in segments(cond_tokens) {
        if let Some((k, kspan)) = sep {
            if k != Keyword::Or {
                errors.push(misplaced(origin, k, kspan, "between conditions"));
                continue;
            }
        }
        match parse_condition(text, origin, segment) {
            Ok(c) => conditions.push(c),
            Err(e) => errors.push(e),
        }
    }
    let mut targets = Vec::new();
    match target_tokens {
        None => {
            let at = Span::new(span.end, span.end);
            targets.push(Target {
                glob: Spanned { text: "**".into(), span: at },
                refs: RegexRefs::All(at),
                span: at,
            });
        }
        Some(target_tokens) => {
            for (segment, sep) in segments(target_tokens) {
                if let Some((k, kspan)) = sep {
                    if k != Keyword::And {
                        errors.push(misplaced(origin, k, kspan, "between targets"));
                        continue;
                    }
                }
                match parse_target(text, origin, segment) {
                    Ok(t) => targets.push(t),
                    Err(e) => errors.push(e),
                }
            }
        }
    }
    Some(Mapping { conditions, targets, span })
}

fn misplaced(origin: &Origin, k: Keyword, span: Span, place: &str) -> Diagnostic {
    let hint = match k {
        Keyword::And => "conditions are joined with `{OR}`; `{AND}` joins targets after `{THEN_UPDATE_FILES}`",
        Keyword::Or => "targets are joined with `{AND}`; `{OR}` joins conditions before `{THEN_UPDATE_FILES}`",
        Keyword::ThenUpdateFiles => "a mapping has one `{THEN_UPDATE_FILES}`; start the next mapping with `{NEXT_MAPPING}`",
        Keyword::NextMapping => "`{NEXT_MAPPING}` separates mappings",
    };
    Diagnostic::error("misplaced keyword", format!("`{}` cannot stand {place}", k.text())).at(origin, span).hint(hint)
}

fn token_span(t: &Token) -> Span {
    match t {
        Token::Keyword(_, s) | Token::Text(s) => *s,
    }
}

/// The text segments of a token run, each with the keyword before it (none for the first).
fn segments(tokens: &[Token]) -> Vec<(Span, Option<(Keyword, Span)>)> {
    let mut out = Vec::new();
    let mut sep = None;
    for t in tokens {
        match t {
            Token::Text(s) => out.push((*s, sep.take())),
            Token::Keyword(k, s) => sep = Some((*k, *s)),
        }
    }
    out
}

fn parse_condition(text: &str, origin: &Origin, span: Span) -> Result<Condition, Diagnostic> {
    let whole = trimmed(text, span);
    if whole.text.is_empty() {
        return Err(Diagnostic::error("empty condition", "empty condition")
            .at(origin, whole.span)
            .hint("a condition is `variable` or `variable==regex`, e.g. `docker_image_tag==.*-dev`"));
    }
    // memmem, already compiled for the matcher, rather than a second substring searcher.
    let (name_part, regex) = match memchr::memmem::find(whole.text.as_bytes(), b"==") {
        Some(at) => {
            let name = trimmed(text, Span::new(whole.span.start, whole.span.start + at));
            let regex = trimmed(text, Span::new(whole.span.start + at + 2, whole.span.end));
            if regex.text.is_empty() {
                return Err(Diagnostic::error("empty condition regex", "empty regex after `==`")
                    .at(origin, Span::new(whole.span.start + at, whole.span.start + at + 2))
                    .hint(format!(
                        "write a regex the whole value must match, e.g. `{}==.*-dev`, or drop `==` to test that the variable has a value",
                        name.text
                    )));
            }
            (name, Some(regex))
        }
        None => (whole.clone(), None),
    };
    if !is_name(&name_part.text) {
        let single_eq = name_part.text.find('=');
        let mut d = Diagnostic::error(
            "invalid variable name",
            format!("`{}` is not a variable name", name_part.text),
        )
        .at(origin, name_part.span);
        d = match single_eq {
            Some(at) if regex.is_none() => d.hint(format!(
                "compare with `==`: `{}=={}`",
                name_part.text[..at].trim(),
                name_part.text[at + 1..].trim()
            )),
            _ => d.hint("a variable name is letters, digits and `_`; a condition is `variable==regex`"),
        };
        return Err(d);
    }
    let variable = Spanned { text: name_part.text.to_ascii_lowercase(), span: name_part.span };
    let regex = regex.unwrap_or(Spanned { text: ".*".into(), span: name_part.span });
    Ok(Condition { variable, regex, span: whole.span })
}

fn parse_target(text: &str, origin: &Origin, span: Span) -> Result<Target, Diagnostic> {
    let whole = trimmed(text, span);
    if whole.text.is_empty() {
        return Err(Diagnostic::error("empty glob", "empty target")
            .at(origin, whole.span)
            .hint("a target is `glob` or `glob=regex_name&other_regex`, e.g. `**dev/values.yaml=docker_image_tag_regex`"));
    }
    if let Some(eq) = last_unescaped_eq(&whole.text) {
        let rest_span = Span::new(whole.span.start + eq + 1, whole.span.end);
        let rest = &text[rest_span.start..rest_span.end];
        let looks_like_refs = rest.trim() == "*"
            || rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'&' || b.is_ascii_whitespace());
        if looks_like_refs {
            let glob = trimmed(text, Span::new(whole.span.start, whole.span.start + eq));
            if glob.text.is_empty() {
                return Err(Diagnostic::error("empty glob", "empty glob before `=`")
                    .at(origin, Span::new(whole.span.start, whole.span.start + 1))
                    .hint("write the files to update before `=`, e.g. `**/values.yaml=docker_image_tag_regex`"));
            }
            let refs = parse_refs(text, origin, rest_span)?;
            return Ok(Target { glob, refs, span: whole.span });
        }
    }
    let at = Span::new(whole.span.end, whole.span.end);
    Ok(Target { glob: whole.clone(), refs: RegexRefs::All(at), span: whole.span })
}

fn parse_refs(text: &str, origin: &Origin, span: Span) -> Result<RegexRefs, Diagnostic> {
    let refs = trimmed(text, span);
    if refs.text == "*" {
        return Ok(RegexRefs::All(refs.span));
    }
    if refs.text.is_empty() {
        return Err(Diagnostic::error("empty regex list", "empty regex list after `=`")
            .at(origin, Span::new(span.start - 1, span.start))
            .hint("name the regexes to apply (`=docker_image_tag_regex&git_branch_regex`), `=*` for all, or drop the `=`"));
    }
    let mut names = Vec::new();
    let mut start = span.start;
    for part in text[span.start..span.end].split('&') {
        let name = trimmed(text, Span::new(start, start + part.len()));
        if name.text.is_empty() {
            return Err(Diagnostic::error("empty regex name", "empty regex name in the list")
                .at(origin, Span::new(name.span.start.saturating_sub(1).max(span.start), name.span.start.max(span.start) + 1))
                .hint("regex names are joined with a single `&`: `a_regex&b_regex`"));
        }
        names.push(Spanned { text: name.text.to_ascii_lowercase(), span: name.span });
        start += part.len() + 1;
    }
    Ok(RegexRefs::Names(names))
}

/// Byte offset of the last `=` not preceded by a `\` escape.
fn last_unescaped_eq(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut last = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'=' => last = Some(i),
            _ => {}
        }
        i += 1;
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Vec<Mapping> {
        let (mappings, errors) = parse(text, &Origin::new("mappings", text));
        assert!(errors.is_empty(), "{}", errors[0].render());
        mappings
    }

    fn parse_err(text: &str) -> String {
        let (_, errors) = parse(text, &Origin::new("mappings", text));
        assert!(!errors.is_empty(), "should fail: {text}");
        errors.iter().map(Diagnostic::render).collect()
    }

    /// A compact view of a parse: `cond|cond -> glob=refs & glob=refs ;; …`
    fn summary(text: &str) -> String {
        parse_ok(text)
            .iter()
            .map(|m| {
                let conds: Vec<String> =
                    m.conditions.iter().map(|c| format!("{}=={}", c.variable.text, c.regex.text)).collect();
                let targets: Vec<String> = m
                    .targets
                    .iter()
                    .map(|t| match &t.refs {
                        RegexRefs::All(_) => format!("{}=*", t.glob.text),
                        RegexRefs::Names(n) => format!(
                            "{}={}",
                            t.glob.text,
                            n.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("&")
                        ),
                    })
                    .collect();
                format!("{} -> {}", conds.join("|"), targets.join(" & "))
            })
            .collect::<Vec<_>>()
            .join(" ;; ")
    }

    #[test]
    fn grammar() {
        let cases = [
            ("seed", "docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex&git_branch_regex {NEXT_MAPPING} docker_image_tag==.*-prod {THEN_UPDATE_FILES} **prod/values.yaml=docker_image_tag_regex&git_branch_regex",
             "docker_image_tag==.*-dev -> **dev/values.yaml=docker_image_tag_regex&git_branch_regex ;; docker_image_tag==.*-prod -> **prod/values.yaml=docker_image_tag_regex&git_branch_regex"),
            ("no targets", "__always__", "__always__==.* -> **=*"),
            ("no refs", "a==x {THEN_UPDATE_FILES} k8s/*.yaml", "a==x -> k8s/*.yaml=*"),
            ("star refs", "a {THEN_UPDATE_FILES} k8s/*.yaml = *", "a==.* -> k8s/*.yaml=*"),
            ("or and", "A==1 {OR} b==2 {THEN_UPDATE_FILES} x=r1 {AND} y=R2", "a==1|b==2 -> x=r1 & y=r2"),
            ("newlines", "a==1\n  {OR}\n  b==2\n{THEN_UPDATE_FILES}\n  x = r1 & r2\n", "a==1|b==2 -> x=r1&r2"),
            ("glob with =", "a {THEN_UPDATE_FILES} k8s/app=web/*.yaml", "a==.* -> k8s/app=web/*.yaml=*"),
            ("glob with = and refs", "a {THEN_UPDATE_FILES} k8s/app=web/*.yaml=r", "a==.* -> k8s/app=web/*.yaml=r"),
            ("escaped =", "a {THEN_UPDATE_FILES} x\\=prod", "a==.* -> x\\=prod=*"),
            ("regex with ==", "a==x==y {THEN_UPDATE_FILES} x", "a==x==y -> x=*"),
            ("regex with spaces", "a==  foo bar  {THEN_UPDATE_FILES} x", "a==foo bar -> x=*"),
            ("glob braces", "a {THEN_UPDATE_FILES} {dev,prod}/values.yaml", "a==.* -> {dev,prod}/values.yaml=*"),
            ("one-word braces", "a {THEN_UPDATE_FILES} {dev}/values.yaml", "a==.* -> {dev}/values.yaml=*"),
            ("regex braces", "a==x{2,3} {THEN_UPDATE_FILES} x", "a==x{2,3} -> x=*"),
        ];
        for (case, text, want) in cases {
            assert_eq!(summary(text), want, "{case}");
        }
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "  a == x.* {THEN_UPDATE_FILES} glob = r1 & r2";
        let m = &parse_ok(text)[0];
        let c = &m.conditions[0];
        assert_eq!(&text[c.variable.span.start..c.variable.span.end], "a");
        assert_eq!(&text[c.regex.span.start..c.regex.span.end], "x.*");
        let t = &m.targets[0];
        assert_eq!(&text[t.glob.span.start..t.glob.span.end], "glob");
        let RegexRefs::Names(n) = &t.refs else { panic!() };
        assert_eq!(&text[n[1].span.start..n[1].span.end], "r2");
    }

    #[test]
    fn errors() {
        let cases = [
            ("misspelt then", "a==1 {THEN_UPDATE_FILE} x",
             "error: unknown keyword `{THEN_UPDATE_FILE}`\n --> mappings:1:6\n  |\n1 | a==1 {THEN_UPDATE_FILE} x\n  |      ^^^^^^^^^^^^^^^^^^\n  = hint: did you mean `{THEN_UPDATE_FILES}`? keywords are upper-case: `{NEXT_MAPPING}`, `{THEN_UPDATE_FILES}`, `{OR}`, `{AND}`\n"),
            ("lower-case and", "a {THEN_UPDATE_FILES} x {and} y",
             "error: unknown keyword `{and}`\n --> mappings:1:25\n  |\n1 | a {THEN_UPDATE_FILES} x {and} y\n  |                         ^^^^^\n  = hint: did you mean `{AND}`? keywords are upper-case: `{NEXT_MAPPING}`, `{THEN_UPDATE_FILES}`, `{OR}`, `{AND}`\n"),
            ("unknown shouting", "a {ELSE} b",
             "error: unknown keyword `{ELSE}`\n --> mappings:1:3\n  |\n1 | a {ELSE} b\n  |   ^^^^^^\n  = hint: the keywords are `{NEXT_MAPPING}`, `{THEN_UPDATE_FILES}`, `{OR}`, `{AND}`; to match braces in a glob, escape them: `\\{…\\}`\n"),
            ("empty condition", "a {OR} {THEN_UPDATE_FILES} x",
             "error: empty condition\n --> mappings:1:8\n  |\n1 | a {OR} {THEN_UPDATE_FILES} x\n  |        ^\n  = hint: a condition is `variable` or `variable==regex`, e.g. `docker_image_tag==.*-dev`\n"),
            ("empty target", "a {THEN_UPDATE_FILES} x {AND} ",
             "error: empty target\n --> mappings:1:31\n  |\n1 | a {THEN_UPDATE_FILES} x {AND} \n  |                               ^\n  = hint: a target is `glob` or `glob=regex_name&other_regex`, e.g. `**dev/values.yaml=docker_image_tag_regex`\n"),
            ("empty regex list", "a {THEN_UPDATE_FILES} x=",
             "error: empty regex list after `=`\n --> mappings:1:24\n  |\n1 | a {THEN_UPDATE_FILES} x=\n  |                        ^\n  = hint: name the regexes to apply (`=docker_image_tag_regex&git_branch_regex`), `=*` for all, or drop the `=`\n"),
            ("double ampersand", "a {THEN_UPDATE_FILES} x=r1&&r2",
             "error: empty regex name in the list\n --> mappings:1:27\n  |\n1 | a {THEN_UPDATE_FILES} x=r1&&r2\n  |                           ^^\n  = hint: regex names are joined with a single `&`: `a_regex&b_regex`\n"),
            ("single =", "tag=1.0 {THEN_UPDATE_FILES} x",
             "error: `tag=1.0` is not a variable name\n --> mappings:1:1\n  |\n1 | tag=1.0 {THEN_UPDATE_FILES} x\n  | ^^^^^^^\n  = hint: compare with `==`: `tag==1.0`\n"),
            ("empty ==", "tag== {THEN_UPDATE_FILES} x",
             "error: empty regex after `==`\n --> mappings:1:4\n  |\n1 | tag== {THEN_UPDATE_FILES} x\n  |    ^^\n  = hint: write a regex the whole value must match, e.g. `tag==.*-dev`, or drop `==` to test that the variable has a value\n"),
            ("and among conditions", "a {AND} b {THEN_UPDATE_FILES} x",
             "error: `{AND}` cannot stand between conditions\n --> mappings:1:3\n  |\n1 | a {AND} b {THEN_UPDATE_FILES} x\n  |   ^^^^^\n  = hint: conditions are joined with `{OR}`; `{AND}` joins targets after `{THEN_UPDATE_FILES}`\n"),
            ("empty mappings", "  \n",
             "error: the mappings are empty\n  = hint: set the `mappings` input, e.g. `docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex`\n"),
            ("empty mapping", "a {NEXT_MAPPING} {NEXT_MAPPING} b",
             "error: empty mapping\n --> mappings:1:17\n  |\n1 | a {NEXT_MAPPING} {NEXT_MAPPING} b\n  |                 ^\n  = hint: mappings are separated by one `{NEXT_MAPPING}`; remove the extra one\n"),
        ];
        for (case, text, want) in cases {
            assert_eq!(parse_err(text), want, "{case}");
        }
    }

    #[test]
    fn reports_every_error() {
        let text = "a {AND} b {THEN_UPDATE_FILES} x {OR} y";
        let (_, errors) = parse(text, &Origin::new("mappings", text));
        assert_eq!(errors.len(), 2);
        // A misspelt keyword is read as the one it resembles: the next mapping is still parsed.
        let text = "a {THEN_UPDATE_FILE} x=r {NEXT_MAPPING} b {THEN_UPDATE_FILES} y=s";
        let (mappings, errors) = parse(text, &Origin::new("mappings", text));
        assert_eq!(errors.len(), 1);
        assert_eq!(mappings.len(), 2);
        assert_eq!(mappings[1].targets[0].glob.text, "y");
    }
}
