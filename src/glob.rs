//! Globs with the semantics of GitHub's `paths:` filters (and of dreitier's glob library where
//! it agrees), translated to anchored regexes of the `regex` crate.
//!
//! - `*` and `?` never cross `/`; `[abc]`, `[!abc]`, `[^abc]`, `[a-z]` never match `/`.
//! - `**/` is zero or more directories: `**/values.yaml` matches `values.yaml` too, and
//!   `a/**/b` matches `a/b`. A trailing `/**` is everything below.
//! - `**` glued to text crosses directories: `**dev/values.yaml` matches `dev/values.yaml`,
//!   `eu/dev/values.yaml` and `asia/mydev/values.yaml`.
//! - `{a,b}` alternatives (nestable), `\` escapes the next character.
//! - Paths are relative and use `/`; globs with a `..` component or an absolute path are refused.
//!
//! Why not `globset`: its `**` is special only as a whole path component, so the glued form
//! (`**dev/…`, used by dreitier's documentation and the seed article) cannot be expressed
//! without rewriting the glob anyway; translating straight to the `regex` crate, which the
//! engine already carries, gives exact semantics and a smaller wasm.

use crate::diagnostic::{Diagnostic, Origin, Span};
use regex::Regex;

#[derive(Debug, Clone)]
pub struct Glob {
    pub text: String,
    regex: Regex,
    /// The directory below which every match lies (`""` = anywhere), for walking the tree.
    pub root: String,
}

impl Glob {
    /// Compiles `text`; `span` is where `text` sits in `origin` (for errors).
    pub fn new(text: &str, origin: &Origin, span: Span) -> Result<Glob, Diagnostic> {
        let err = |message: String, at: Span, hint: &str| {
            Diagnostic::error("invalid glob", message).at(origin, at.shift(span.start)).hint(hint.to_string())
        };
        if text.starts_with('/') || has_drive_letter(text) {
            // Up to three bytes, cut back to a char boundary (`/é` must not split `é`).
            let end = (0..=text.len().min(3)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            return Err(err(
                format!("glob `{text}` is an absolute path"),
                Span::new(0, end),
                "globs are relative to `directory`; drop the leading `/` (or drive letter)",
            ));
        }
        let mut offset = 0;
        for component in text.split('/') {
            if component == ".." {
                return Err(err(
                    format!("glob `{text}` leaves the directory with `..`"),
                    Span::new(offset, offset + 2),
                    "globs only select files below `directory`; set `directory` to the tree you want instead",
                ));
            }
            offset += component.len() + 1;
        }
        // `./x` means `x`.
        let mut body = text;
        let mut skipped = 0;
        while let Some(rest) = body.strip_prefix("./") {
            body = rest;
            skipped += 2;
        }
        let mut translator = Translator { src: body, pos: 0, out: String::from("\\A"), skipped };
        translator.sequence(false).map_err(|(message, at, hint)| err(message, at, hint))?;
        translator.out.push_str("\\z");
        let regex = Regex::new(&translator.out).map_err(|e| {
            err(format!("glob `{text}` is too complex: {e}"), Span::new(0, text.len()), "simplify the glob")
        })?;
        Ok(Glob { text: text.to_string(), regex, root: literal_root(body) })
    }

    /// Whether the relative, `/`-separated `path` is selected.
    pub fn is_match(&self, path: &str) -> bool {
        self.regex.is_match(path)
    }
}

fn has_drive_letter(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

type TranslateError = (String, Span, &'static str);

struct Translator<'a> {
    src: &'a str,
    pos: usize,
    out: String,
    /// Bytes of `./` dropped from the front (to report spans in the original glob).
    skipped: usize,
}

impl Translator<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(start + self.skipped, end + self.skipped)
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn at_component_start(&self) -> bool {
        self.pos == 0 || self.src.as_bytes()[self.pos - 1] == b'/'
    }

    /// Translates until the end, or (inside braces) until an unmatched `,` or `}`.
    fn sequence(&mut self, in_braces: bool) -> Result<(), TranslateError> {
        while let Some(c) = self.peek() {
            match c {
                ',' | '}' if in_braces => return Ok(()),
                '\\' => {
                    self.pos += 1;
                    match self.peek() {
                        Some(next) => {
                            self.pos += next.len_utf8();
                            self.literal(next);
                        }
                        None => {
                            return Err((
                                "glob ends with a lone `\\`".into(),
                                self.span(self.pos - 1, self.pos),
                                "`\\` escapes the next character; write `\\\\` for a backslash (paths use `/`)",
                            ))
                        }
                    }
                }
                '*' => self.stars(),
                '?' => {
                    self.pos += 1;
                    self.out.push_str("[^/]");
                }
                '[' => self.class()?,
                '{' => self.alternatives()?,
                _ => {
                    self.pos += c.len_utf8();
                    self.literal(c);
                }
            }
        }
        Ok(())
    }

    fn literal(&mut self, c: char) {
        let mut buf = [0; 4];
        self.out.push_str(&regex::escape(c.encode_utf8(&mut buf)));
    }

    fn stars(&mut self) {
        let start = self.pos;
        let whole_component = self.at_component_start();
        while self.peek() == Some('*') {
            self.pos += 1;
        }
        let count = self.pos - start;
        if count == 1 {
            self.out.push_str("[^/]*");
            return;
        }
        let followed_by_slash = self.peek() == Some('/');
        let at_end = self.pos == self.src.len();
        if whole_component && followed_by_slash {
            // `**/`: zero or more directories.
            self.pos += 1;
            self.out.push_str("(?:[^/]*/)*");
        } else if whole_component && at_end {
            // `**` alone or a trailing `/**`: everything (below).
            self.out.push_str(".*");
        } else {
            // `**` glued to text: any characters, `/` included.
            self.out.push_str(".*");
        }
    }

    fn class(&mut self) -> Result<(), TranslateError> {
        let start = self.pos;
        self.pos += 1;
        let mut negated = false;
        if matches!(self.peek(), Some('!') | Some('^')) {
            negated = true;
            self.pos += 1;
        }
        let mut items = String::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return Err((
                    "unclosed character class `[`".into(),
                    self.span(start, start + 1),
                    "close it with `]`, or escape a literal bracket as `\\[`",
                ));
            };
            self.pos += c.len_utf8();
            match c {
                ']' if !first => break,
                '\\' => {
                    let Some(next) = self.peek() else { continue };
                    self.pos += next.len_utf8();
                    push_class_char(&mut items, next);
                }
                '-' if !first && self.peek() != Some(']') => items.push('-'),
                _ => push_class_char(&mut items, c),
            }
            first = false;
        }
        if negated {
            self.out.push_str(&format!("[^/{items}]"));
        } else {
            // A class never matches `/`, even when written inside it.
            self.out.push_str(&format!("[[{items}]&&[^/]]"));
        }
        Ok(())
    }

    fn alternatives(&mut self) -> Result<(), TranslateError> {
        let start = self.pos;
        self.pos += 1;
        self.out.push_str("(?:");
        loop {
            self.sequence(true)?;
            match self.peek() {
                Some(',') => {
                    self.pos += 1;
                    self.out.push('|');
                }
                Some('}') => {
                    self.pos += 1;
                    self.out.push(')');
                    return Ok(());
                }
                _ => {
                    return Err((
                        "unclosed alternatives `{`".into(),
                        self.span(start, start + 1),
                        "close it with `}` (`{dev,prod}`), or escape a literal brace as `\\{`",
                    ))
                }
            }
        }
    }
}

fn push_class_char(items: &mut String, c: char) {
    if matches!(c, '[' | ']' | '\\' | '^' | '-' | '&' | '~') {
        items.push('\\');
    }
    items.push(c);
}

/// The longest leading run of literal directory components (all but the last component).
fn literal_root(glob: &str) -> String {
    let components: Vec<&str> = glob.split('/').collect();
    let mut root = Vec::new();
    for component in &components[..components.len() - 1] {
        if component.is_empty() || component.contains(['*', '?', '[', '{', '\\']) || *component == "." {
            break;
        }
        root.push(*component);
    }
    root.join("/")
}

/// Walk roots for a set of globs: each root, minus those inside another root.
pub fn minimal_roots<'a>(roots: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut roots: Vec<&str> = roots.into_iter().collect();
    roots.sort_unstable();
    roots.dedup();
    let mut out: Vec<String> = Vec::new();
    for root in roots {
        let covered = out.iter().any(|r| r.is_empty() || root == r || root.starts_with(&format!("{r}/")));
        if !covered {
            out.push(root.to_string());
        }
    }
    out
}

/// `\` separators from Windows paths turned into `/`.
pub fn normalize_path(path: &str) -> String {
    path.replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(text: &str) -> Glob {
        Glob::new(text, &Origin::new("mappings", text), Span::new(0, text.len()))
            .unwrap_or_else(|e| panic!("{}", e.render()))
    }

    #[test]
    fn matching() {
        // (case, glob, path, matches)
        let cases = [
            ("glued ** at root", "**dev/values.yaml", "dev/values.yaml", true),
            ("glued ** one level", "**dev/values.yaml", "eu/dev/values.yaml", true),
            ("glued ** inside name", "**dev/values.yaml", "asia/mydev/values.yaml", true),
            ("glued ** two levels", "**dev/values.yaml", "environments/eu/dev/values.yaml", true),
            ("glued ** other env", "**dev/values.yaml", "eu/prod/values.yaml", false),
            ("**/ zero dirs", "**/values.yaml", "values.yaml", true),
            ("**/ many dirs", "**/values.yaml", "a/b/c/values.yaml", true),
            ("**/ suffix only", "**/values.yaml", "a/myvalues.yaml", false),
            ("a/**/b zero", "a/**/b", "a/b", true),
            ("a/**/b two", "a/**/b", "a/x/y/b", true),
            ("a/**/b not ab", "a/**/b", "ab", false),
            ("trailing /**", "charts/**", "charts/x/y.yaml", true),
            ("trailing /** other", "charts/**", "chartsx/y.yaml", false),
            ("lone **", "**", ".argocd-source-app.yaml", true),
            ("* stays in dir", "*.yaml", "a/b.yaml", false),
            ("* matches dotfile", "*.yaml", ".argocd-source-web.yaml", true),
            ("? one char", "v?.yaml", "v1.yaml", true),
            ("? not slash", "a?b", "a/b", false),
            ("class", "env[12].yaml", "env2.yaml", true),
            ("class miss", "env[12].yaml", "env3.yaml", false),
            ("negated class", "env[!12].yaml", "env3.yaml", true),
            ("negated class miss", "env[!12].yaml", "env1.yaml", false),
            ("caret class", "env[^1].yaml", "env2.yaml", true),
            ("range", "v[0-9].yaml", "v7.yaml", true),
            ("negated class no slash", "a[!x]b", "a/b", false),
            ("class no slash", "a[/]b", "a/b", false),
            ("alternatives", "{dev,prod}/values.yaml", "prod/values.yaml", true),
            ("alternatives miss", "{dev,prod}/values.yaml", "test/values.yaml", false),
            ("nested alternatives", "{a,b{1,2}}.yaml", "b2.yaml", true),
            ("alternative with glob", "{*.yml,*.yaml}", "x.yml", true),
            ("escape star", "a\\*b", "a*b", true),
            ("escape star literal", "a\\*b", "axb", false),
            ("escaped brace", "\\{x\\}", "{x}", true),
            ("regex chars literal", "a+b(c).yaml", "a+b(c).yaml", true),
            ("dot literal", "a.yaml", "axyaml", false),
            ("leading ./", "./a/*.yaml", "a/b.yaml", true),
            ("non-ascii", "ünï/*.yaml", "ünï/ç.yaml", true),
            ("space", "my dir/*.yaml", "my dir/a.yaml", true),
            ("= in name", "app=web/*.yaml", "app=web/x.yaml", true),
        ];
        for (case, g, path, want) in cases {
            assert_eq!(glob(g).is_match(path), want, "{case}: {g} vs {path}");
        }
    }

    #[test]
    fn roots() {
        let cases = [
            ("glued", "**dev/values.yaml", ""),
            ("literal dirs", "environments/dev/values.yaml", "environments/dev"),
            ("star in middle", "environments/*/values.yaml", "environments"),
            ("file at root", "values.yaml", ""),
            ("escape stops", "a\\*/b/c", ""),
            ("dot slash", "./k8s/*.yaml", "k8s"),
        ];
        for (case, g, want) in cases {
            assert_eq!(glob(g).root, want, "{case}");
        }
        assert_eq!(minimal_roots(["a/b", "a", "c", "a/bc", "c"]), vec!["a", "c"]);
        assert_eq!(minimal_roots(["x", ""]), vec![""]);
        assert_eq!(minimal_roots(["ab", "a"]), vec!["a", "ab"]);
    }

    #[test]
    fn errors() {
        let render = |text: &str| {
            Glob::new(text, &Origin::new("mappings", text), Span::new(0, text.len())).unwrap_err().render()
        };
        let cases = [
            ("parent", "../x/*.yaml", "error: glob `../x/*.yaml` leaves the directory with `..`\n --> mappings:1:1\n  |\n1 | ../x/*.yaml\n  | ^^\n  = hint: globs only select files below `directory`; set `directory` to the tree you want instead\n"),
            ("inner parent", "a/../../b", "error: glob `a/../../b` leaves the directory with `..`\n --> mappings:1:3\n  |\n1 | a/../../b\n  |   ^^\n  = hint: globs only select files below `directory`; set `directory` to the tree you want instead\n"),
            ("absolute", "/etc/passwd", "error: glob `/etc/passwd` is an absolute path\n --> mappings:1:1\n  |\n1 | /etc/passwd\n  | ^^^\n  = hint: globs are relative to `directory`; drop the leading `/` (or drive letter)\n"),
            ("drive", "C:/x", "error: glob `C:/x` is an absolute path\n --> mappings:1:1\n  |\n1 | C:/x\n  | ^^^\n  = hint: globs are relative to `directory`; drop the leading `/` (or drive letter)\n"),
            ("class", "a[bc", "error: unclosed character class `[`\n --> mappings:1:2\n  |\n1 | a[bc\n  |  ^\n  = hint: close it with `]`, or escape a literal bracket as `\\[`\n"),
            ("brace", "{a,b", "error: unclosed alternatives `{`\n --> mappings:1:1\n  |\n1 | {a,b\n  | ^\n  = hint: close it with `}` (`{dev,prod}`), or escape a literal brace as `\\{`\n"),
        ];
        for (case, g, want) in cases {
            assert_eq!(render(g), want, "{case}");
        }
    }
}
