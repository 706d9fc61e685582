//! Structured: content bytes, a regex (from a small grammar of named groups, or arbitrary
//! text) and values → the whole engine (`__always__ {THEN_UPDATE_FILES} f=r`, `r=<regex>`)
//! applied to `f`. Checks: never panics; the output is the input with exactly the reported
//! spans replaced (BOM, line endings, final newline kept), positions exact; and the engine's own
//! matcher (src/matcher.rs) finds the `regex` crate's matches, every group span included.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

const LITERALS: &[&str] = &["tag: ", "\"", "é", "😀", ":", " ", "=", "\\n", "^", "$", "\\r?", "a", "x", "\\s*", "\\b", "."];
const INNERS: &[&str] = &["[^\"\\n]*", ".*", "\\S+", "\\d+", "x*", "[a-zé]+", "(?:a|b)?", "", ".", "\\S*?", "\\w+", "(?s:.*)", "[^\\n]", "\\r?\\n"];
const VARIABLES: &[&str] = &["docker_image_tag", "git_branch", "DOCKER_IMAGE_TAG", "git_tag"];

#[derive(Arbitrary, Debug)]
enum Piece {
    Literal(u8),
    Group(u8, u8),
    /// `(?:(?<a>…)|(?<b>…))+`: captures from different iterations.
    RepeatedAlternation(u8, u8, u8, u8),
    Optional(Box<Piece>),
}

#[derive(Arbitrary, Debug)]
enum RegexChoice {
    Built { pieces: Vec<Piece>, delimited: Option<u8> },
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct Input {
    regex: RegexChoice,
    tag: String,
    branch: String,
    allow_multiline: bool,
    bom: bool,
    crlf: bool,
    content: Vec<u8>,
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[i as usize % list.len()]
}

fn piece(p: &Piece, out: &mut String, depth: usize) {
    match p {
        Piece::Literal(i) => out.push_str(pick(LITERALS, *i)),
        Piece::Group(v, i) => out.push_str(&format!("(?<{}>{})", pick(VARIABLES, *v), pick(INNERS, *i))),
        Piece::RepeatedAlternation(v, i, w, j) => out.push_str(&format!(
            "(?:(?<{}>{})|(?<{}>{}))+",
            pick(VARIABLES, *v),
            pick(INNERS, *i),
            pick(VARIABLES, *w),
            pick(INNERS, *j)
        )),
        Piece::Optional(inner) if depth < 3 => {
            out.push_str("(?:");
            piece(inner, out, depth + 1);
            out.push_str(")?");
        }
        Piece::Optional(_) => {}
    }
}

fuzz_target!(|input: Input| {
    let regex = match &input.regex {
        RegexChoice::Built { pieces, delimited } => {
            let mut body = String::new();
            for p in pieces.iter().take(8) {
                piece(p, &mut body, 0);
            }
            match delimited {
                Some(f) => format!("/{body}/{}", pick(&["", "i", "m", "s", "x", "U", "is"], *f)),
                None => body,
            }
        }
        RegexChoice::Raw(text) => text.clone(),
    };
    let mut content = input.content;
    if input.crlf {
        let mut out = Vec::with_capacity(content.len());
        for b in content {
            if b == b'\n' {
                out.push(b'\r');
            }
            out.push(b);
        }
        content = out;
    }
    if input.bom {
        content.splice(0..0, "\u{feff}".bytes());
    }
    let engine = common::one_regex_engine(&regex, &input.tag, &input.branch, input.allow_multiline, &[]);
    common::check_apply(&engine, &content);
    // The engine's own matcher finds exactly the regex crate's matches, group spans included.
    if let Ok(text) = std::str::from_utf8(&content) {
        let (pattern, flags) = match regex.strip_prefix('/').and_then(|r| r.rsplit_once('/')) {
            Some((body, flags)) if flags.chars().all(|c| "imsxU".contains(c)) => (body, flags),
            _ => (regex.as_str(), ""),
        };
        common::check_matcher(pattern, flags, text);
    }
});
