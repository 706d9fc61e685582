//! Globs with the semantics of GitHub's `paths:` filters (and of dreitier's glob library where
//! it agrees).
//!
//! - `*` and `?` never cross `/`; `[abc]`, `[!abc]`, `[^abc]`, `[a-z]` never match `/`.
//! - `**/` is zero or more directories: `**/values.yaml` matches `values.yaml` too, and
//!   `a/**/b` matches `a/b`. A trailing `/**` is everything below.
//! - `**` glued to text crosses directories: `**dev/values.yaml` matches `dev/values.yaml`,
//!   `eu/dev/values.yaml` and `asia/mydev/values.yaml`.
//! - `{a,b}` alternatives (nestable), `\` escapes the next character.
//! - Paths are relative and use `/`; globs with a `..` component or an absolute path are refused.
//!
//! Globs compile to a small Thompson NFA over chars, simulated state by state: matching is
//! linear in the path whatever the glob, and no regex is compiled (compiling one costs more
//! than the whole of a run's glob matching). Not `globset`: its `**` is special only as a whole
//! path component, so the glued form (`**dev/…`, used by dreitier's documentation and the seed
//! article) cannot be expressed with it.

use crate::diagnostic::{Diagnostic, Origin, Span};

/// One instruction of a glob's NFA.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Inst {
    Char(char),
    /// `?`: one character but `/`.
    AnyButSlash,
    /// `*`: zero or more characters but `/`.
    StarButSlash,
    /// `**` glued to text: zero or more characters, `/` included.
    StarAny,
    /// `[…]`: one character in (or, negated, not in) the ranges; never `/`.
    Class { negated: bool, ranges: Vec<(char, char)> },
    /// Go on with the next instruction and also with `to`.
    Split(usize),
    /// Go on with `to` only.
    Jump(usize),
}

/// What the walk does for one path component of a glob (`Glob::walk_steps`). For a directory
/// component, it goes into the directories the step allows; for the last one, the file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum WalkStep {
    /// Exactly this name: looked up, not listed.
    Name(String),
    /// `*`: any name (the directory is listed, every entry goes on).
    AnyName,
    /// Some names only (`?`, `[…]`, `{…}` within the component, `*` beside text): listed, and the
    /// engine says which subdirectories may hold a match (`may_match_below`).
    Pattern,
    /// From here on any depth (`**`): listed recursively, each subdirectory asked as above.
    Deep,
}

#[derive(Debug, Clone)]
pub struct Glob {
    pub text: String,
    program: Vec<Inst>,
    /// Literal text every match starts and ends with: most paths are refused on these alone,
    /// and the NFA runs only over what lies between (`prefix_insts` and `suffix_insts` are the
    /// instructions they stand for; 0 when the NFA must read them itself).
    prefix: String,
    suffix: String,
    prefix_insts: usize,
    suffix_insts: usize,
    /// The directory below which every match lies (`""` = anywhere), for walking the tree.
    pub root: String,
    /// When every component is a literal name or a lone `*` (`environments/*/prod/*/values.yaml`,
    /// the usual glob): each component, `None` for `*`. Such a glob matches exactly the paths
    /// of as many components, equal where it names one; `is_match` then compares components
    /// instead of running the NFA char by char.
    components: Option<Vec<Option<String>>>,
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
        let mut translator = Translator { src: body, pos: 0, out: Vec::new(), skipped };
        translator.sequence(false).map_err(|(message, at, hint)| err(message, at, hint))?;
        let program = translator.out;
        let (prefix, suffix) = literal_ends(&program);
        // The prefix's instructions can be skipped when nothing jumps back into them (the only
        // way past them is reading them in order); `literal_ends` already checked that for the
        // suffix.
        let k = char_count(&prefix);
        let prefix_insts = if program.iter().all(|i| !matches!(i, Inst::Split(to) | Inst::Jump(to) if *to < k)) { k } else { 0 };
        let suffix_insts = if prefix_insts + char_count(&suffix) <= program.len() { char_count(&suffix) } else { 0 };
        let mut glob = Glob { text: text.to_string(), program, prefix, suffix, prefix_insts, suffix_insts, root: literal_root(body), components: None };
        glob.components = glob.plain_components();
        Ok(glob)
    }

    /// The components of a glob made of literal names and lone `*`s only (see `components`).
    fn plain_components(&self) -> Option<Vec<Option<String>>> {
        let mut out = Vec::new();
        for segment in self.program.split(|i| *i == Inst::Char('/')) {
            if segment == [Inst::StarButSlash] {
                out.push(None);
                continue;
            }
            let name: Option<String> = segment.iter().map(|i| if let Inst::Char(c) = i { Some(*c) } else { None }).collect();
            out.push(Some(name?));
        }
        Some(out)
    }

    /// Whether the relative, `/`-separated `path` is selected.
    pub fn is_match(&self, path: &str) -> bool {
        if let Some(components) = &self.components {
            // A `*` takes any text without `/` (an empty one too), a name only itself: the
            // same as the NFA, a component at a time.
            let mut parts = path.split('/');
            return components.iter().all(|c| parts.next().is_some_and(|part| c.as_deref().is_none_or(|name| name == part)))
                && parts.next().is_none();
        }
        if !path.starts_with(&self.prefix)
            || !path.ends_with(&self.suffix)
            || path.len() < self.prefix.len() + self.suffix.len()
        {
            return false;
        }
        // Read only what lies between the literal ends, from the state after the prefix, and
        // accept on reaching the suffix's first instruction at the suffix's first character.
        let from = if self.prefix_insts > 0 { self.prefix.len() } else { 0 };
        let to = if self.suffix_insts > 0 { path.len() - self.suffix.len() } else { path.len() };
        let accept = self.program.len() - self.suffix_insts;
        self.run(self.prefix_insts, path[from..to].chars()).is_some_and(|states| states[accept])
    }

    /// The glob as the walk sees it: one step per path component (see `WalkStep`). Derived
    /// from the compiled program, so it cannot disagree with `is_match` about what a
    /// component is: a component is the instructions between two `/` characters.
    pub fn walk_steps(&self) -> Vec<WalkStep> {
        let mut steps = Vec::new();
        let mut start = 0;
        let n = self.program.len();
        while start <= n {
            let end = (start..n).find(|&i| self.program[i] == Inst::Char('/')).unwrap_or(n);
            let segment = &self.program[start..end];
            // A jump out of the component, or `**` glued to text, crosses directories: from
            // here on the walk lists everything a glob may select something below.
            let crosses = segment.iter().any(|i| match i {
                Inst::StarAny => true,
                Inst::Split(to) | Inst::Jump(to) => *to < start || *to > end,
                _ => false,
            });
            if crosses {
                steps.push(WalkStep::Deep);
                return steps;
            }
            let literal: Option<String> = segment.iter().map(|i| if let Inst::Char(c) = i { Some(*c) } else { None }).collect();
            steps.push(match literal {
                // `.`, `..` and `.git` are never a component of a path the walk lists.
                Some(name) if !name.is_empty() && name != "." && name != ".." && name != ".git" => WalkStep::Name(name),
                _ if segment == [Inst::StarButSlash] => WalkStep::AnyName,
                _ => WalkStep::Pattern,
            });
            start = end + 1;
        }
        steps
    }

    /// Whether some path below the directory `dir` (relative, no trailing `/`) could match.
    pub fn may_match_below(&self, dir: &str) -> bool {
        if let Some(components) = &self.components {
            // Every component of `dir` matched, and one more left for what lies below.
            let mut n = 0;
            for part in dir.split('/') {
                match components.get(n) {
                    Some(c) if n + 1 < components.len() && c.as_deref().is_none_or(|name| name == part) => n += 1,
                    _ => return false,
                }
            }
            return true;
        }
        self.nfa_may_match_below(dir)
    }

    fn nfa_may_match_below(&self, dir: &str) -> bool {
        self.run(0, dir.chars().chain(std::iter::once('/'))).is_some()
    }

    /// Simulates the NFA from state `start` over `chars`: the set of states reached, or `None`
    /// once none is left.
    fn run(&self, start: usize, chars: impl Iterator<Item = char>) -> Option<Vec<bool>> {
        let n = self.program.len();
        let mut current = vec![false; n + 1];
        let mut next = vec![false; n + 1];
        let mut stack = Vec::new();
        self.add(&mut current, start, &mut stack);
        for c in chars {
            next.iter_mut().for_each(|s| *s = false);
            let mut alive = false;
            for (i, inst) in self.program.iter().enumerate() {
                if current[i] {
                    if let Some(to) = self.step(inst, i, c) {
                        self.add(&mut next, to, &mut stack);
                        alive = true;
                    }
                }
            }
            if !alive {
                return None;
            }
            std::mem::swap(&mut current, &mut next);
        }
        Some(current)
    }

    /// The state after reading `c` in state `i`, if the instruction accepts it.
    fn step(&self, inst: &Inst, i: usize, c: char) -> Option<usize> {
        match inst {
            Inst::Char(x) if *x == c => Some(i + 1),
            Inst::AnyButSlash if c != '/' => Some(i + 1),
            Inst::StarButSlash if c != '/' => Some(i),
            Inst::StarAny => Some(i),
            Inst::Class { negated, ranges } if c != '/' && ranges.iter().any(|(a, b)| (*a..=*b).contains(&c)) != *negated => {
                Some(i + 1)
            }
            _ => None,
        }
    }

    /// Adds state `at` and everything reachable from it without reading a character.
    fn add(&self, set: &mut [bool], at: usize, stack: &mut Vec<usize>) {
        stack.push(at);
        while let Some(i) = stack.pop() {
            if set[i] {
                continue;
            }
            set[i] = true;
            match self.program.get(i) {
                Some(Inst::Split(to)) => {
                    stack.push(*to);
                    stack.push(i + 1);
                }
                Some(Inst::Jump(to)) => stack.push(*to),
                // A star may match nothing.
                Some(Inst::StarButSlash | Inst::StarAny) => stack.push(i + 1),
                _ => {}
            }
        }
    }
}

/// The number of characters of `s`: its bytes that do not continue a UTF-8 sequence. (What
/// `chars().count()` computes, without its word-at-a-time code for V8 to compile at start-up:
/// globs are short.)
fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// The literal characters a program starts with, and those it ends with when no jump lands
/// inside them (an alternative at the end has no common suffix).
fn literal_ends(program: &[Inst]) -> (String, String) {
    let prefix: String = program.iter().map_while(|i| if let Inst::Char(c) = i { Some(*c) } else { None }).collect();
    if char_count(&prefix) == program.len() {
        // All literal: the prefix is the whole match.
        return (prefix, String::new());
    }
    let tail = program.iter().rev().take_while(|i| matches!(i, Inst::Char(_))).count();
    let tail_start = program.len() - tail;
    let lands_inside = program.iter().any(|i| matches!(i, Inst::Split(to) | Inst::Jump(to) if *to > tail_start));
    let suffix = if lands_inside {
        String::new()
    } else {
        program[tail_start..].iter().map(|i| if let Inst::Char(c) = i { *c } else { unreachable!() }).collect()
    };
    (prefix, suffix)
}

fn has_drive_letter(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

type TranslateError = (String, Span, &'static str);

struct Translator<'a> {
    src: &'a str,
    pos: usize,
    out: Vec<Inst>,
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
                    self.out.push(Inst::AnyButSlash);
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
        self.out.push(Inst::Char(c));
    }

    fn stars(&mut self) {
        let start = self.pos;
        let whole_component = self.at_component_start();
        while self.peek() == Some('*') {
            self.pos += 1;
        }
        if self.pos - start == 1 {
            self.out.push(Inst::StarButSlash);
        } else if whole_component && self.peek() == Some('/') {
            // `**/`: zero or more directories, i.e. optionally anything ending in `/`.
            self.pos += 1;
            let at = self.out.len();
            self.out.extend([Inst::Split(at + 3), Inst::StarAny, Inst::Char('/')]);
        } else {
            // `**` alone, a trailing `/**` (everything below), or glued to text: any characters.
            self.out.push(Inst::StarAny);
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
        let mut ranges: Vec<(char, char)> = Vec::new();
        let mut first = true;
        loop {
            let Some(mut c) = self.peek() else {
                return Err((
                    "unclosed character class `[`".into(),
                    self.span(start, start + 1),
                    "close it with `]`, or escape a literal bracket as `\\[`",
                ));
            };
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
            // `a-z` (a `-` first or last is literal).
            let rest = &self.src[self.pos..];
            if rest.len() > 1 && rest.starts_with('-') && !rest[1..].starts_with(']') {
                self.pos += 1;
                let mut end = self.peek().expect("checked above");
                self.pos += end.len_utf8();
                if end == '\\' {
                    if let Some(escaped) = self.peek() {
                        self.pos += escaped.len_utf8();
                        end = escaped;
                    }
                }
                if end < c {
                    return Err((
                        format!("character range `{c}-{end}` is backwards"),
                        self.span(start, self.pos),
                        "write the lower character first, e.g. `[a-z]`",
                    ));
                }
                ranges.push((c, end));
            } else {
                ranges.push((c, c));
            }
        }
        self.out.push(Inst::Class { negated, ranges });
        Ok(())
    }

    /// `{A,B,C}` → `Split(→B) A Jump(→end) Split(→C) B Jump(→end) Jump(→next) C`.
    fn alternatives(&mut self) -> Result<(), TranslateError> {
        let start = self.pos;
        self.pos += 1;
        let mut jumps = Vec::new();
        loop {
            let split = self.out.len();
            self.out.push(Inst::Split(0));
            self.sequence(true)?;
            match self.peek() {
                Some(',') => {
                    self.pos += 1;
                    jumps.push(self.out.len());
                    self.out.push(Inst::Jump(0));
                    let here = self.out.len();
                    self.out[split] = Inst::Split(here);
                }
                Some('}') => {
                    self.pos += 1;
                    // The last alternative needs no split: a jump to the next instruction.
                    self.out[split] = Inst::Jump(split + 1);
                    let end = self.out.len();
                    for j in jumps {
                        self.out[j] = Inst::Jump(end);
                    }
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
        let covered = out.iter().any(|r| r.is_empty() || root == r || root.strip_prefix(r.as_str()).is_some_and(|rest| rest.starts_with('/')));
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
            ("plain components", "environments/*/prod/*/values.yaml", "environments/eu/prod/web/values.yaml", true),
            ("plain: one level more", "environments/*/prod/*/values.yaml", "environments/eu/prod/web/x/values.yaml", false),
            ("plain: other name", "environments/*/prod/*/values.yaml", "environments/eu/dev/web/values.yaml", false),
            ("plain: star takes an empty component", "a/*/b", "a//b", true),
            ("plain: one component short", "a/*", "a", false),
            ("plain: escaped star is a name", "a/\\*", "a/x", false),
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
            ("class with - last", "v[1-]", "v-", true),
            ("class escaped ]", "v[\\]]", "v]", true),
            ("empty alternative", "a{,b}c", "ac", true),
            ("empty alternative other", "a{,b}c", "abc", true),
            ("stars cannot skip a slash", "*x*", "a/x", false),
            ("glued ** mid", "a**b", "ax/y/zb", true),
            ("**/ then star", "**/*.yaml", "a/b/c.yaml", true),
            ("**/ then star root", "**/*.yaml", "c.yaml", true),
            ("**/ needs the slash", "a/**/b", "a/xb", false),
            ("alternative at the end", "x/{a,bc}", "x/bc", true),
            ("alternative at the end other", "x/{a,bc}", "x/a", true),
            ("alternative at the start", "{a,bc}/x", "bc/x", true),
            ("prefix and suffix overlap", "ab*ba", "aba", false),
            ("prefix and suffix meet", "ab*ba", "abba", true),
            ("literal glob", "a/b.yaml", "a/b.yaml", true),
            ("literal glob longer path", "a/b.yaml", "a/b.yaml.bak", false),
        ];
        for (case, g, path, want) in cases {
            let glob = glob(g);
            assert_eq!(glob.is_match(path), want, "{case}: {g} vs {path}");
            if want {
                // The walk never prunes a directory on the way to a match.
                let mut dir = path;
                while let Some((parent, _)) = dir.rsplit_once('/') {
                    assert!(glob.may_match_below(parent), "{case}: {g} pruned {parent}");
                    dir = parent;
                }
            }
        }
    }

    #[test]
    fn pruning() {
        // (case, glob, directory, may hold a match)
        let cases = [
            ("on the way", "environments/*/prod/*/values.yaml", "environments/eu", true),
            ("on the way deeper", "environments/*/prod/*/values.yaml", "environments/eu/prod", true),
            ("wrong stage", "environments/*/prod/*/values.yaml", "environments/eu/dev", false),
            ("too deep", "environments/*/prod/*/values.yaml", "environments/eu/prod/web/x", false),
            ("other root", "environments/*/prod/*/values.yaml", "charts", false),
            ("globstar", "**/values.yaml", "a/b/c", true),
            ("glued", "**dev/values.yaml", "x/y", true),
            ("alternatives", "{a,b}/x/*.yaml", "b/x", true),
            ("alternatives miss", "{a,b}/x/*.yaml", "c", false),
            ("file at root only", "*.yaml", "sub", false),
        ];
        for (case, g, dir, want) in cases {
            assert_eq!(glob(g).may_match_below(dir), want, "{case}");
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
    fn plain_components_agree_with_the_nfa() {
        let globs = ["environments/*/prod/*/values.yaml", "a/*/b", "*", "*/*", "a", "a/b/c", ".x/*/y", "é/*"];
        let paths = ["", "a", "a/b", "a//b", "a/x/b", "a/x/b/c", "a/b/c", "environments", "environments/eu", "environments/eu/prod",
            "environments/eu/prod/web", "environments/eu/prod/web/values.yaml", "environments/eu/dev/web", ".x", ".x/1", ".x/1/y", "é", "é/z", "x/y/z/w"];
        for g in globs {
            let glob = glob(g);
            assert!(glob.components.is_some(), "{g} takes the component path");
            for p in paths {
                let nfa = glob.run(0, p.chars()).is_some_and(|states| states[glob.program.len()]);
                assert_eq!(glob.is_match(p), nfa, "is_match({g:?}, {p:?})");
                assert_eq!(glob.may_match_below(p), glob.nfa_may_match_below(p), "may_match_below({g:?}, {p:?})");
            }
        }
        assert!(glob("a/*.yaml").components.is_none() && glob("**/x").components.is_none() && glob("{a,b}/x").components.is_none());
    }

    #[test]
    fn walk_steps() {
        use WalkStep::{AnyName, Deep, Name, Pattern};
        let name = |n: &str| Name(n.to_string());
        // (case, glob, steps)
        let cases = [
            ("the usual", "environments/*/prod/*/values.yaml", vec![name("environments"), AnyName, name("prod"), AnyName, name("values.yaml")]),
            ("one literal file", "values.yaml", vec![name("values.yaml")]),
            ("dot slash dropped", "./k8s/app.yaml", vec![name("k8s"), name("app.yaml")]),
            ("escaped star is a name", "a/\\*/b", vec![name("a"), name("*"), name("b")]),
            ("star beside text", "env/*-prod/values.yaml", vec![name("env"), Pattern, name("values.yaml")]),
            ("class", "env[12]/x", vec![Pattern, name("x")]),
            ("question mark", "a/v?.yaml", vec![name("a"), Pattern]),
            ("braces in one component", "{dev,prod}/values.yaml", vec![Pattern, name("values.yaml")]),
            ("braces across components", "{a/b,c}/x", vec![Deep]),
            ("**/ any depth", "a/**/values.yaml", vec![name("a"), Deep]),
            ("** glued", "**dev/values.yaml", vec![Deep]),
            ("trailing /**", "charts/**", vec![name("charts"), Deep]),
            ("lone **", "**", vec![Deep]),
            ("dot components are listed", "a/./b", vec![name("a"), Pattern, name("b")]),
            (".git is never looked up", ".git/config", vec![Pattern, name("config")]),
            ("trailing slash", "a/", vec![name("a"), Pattern]),
            ("empty component", "a//b", vec![name("a"), Pattern, name("b")]),
            ("non-ASCII", "é/*/ü.yaml", vec![name("é"), AnyName, name("ü.yaml")]),
        ];
        for (case, g, want) in cases {
            assert_eq!(glob(g).walk_steps(), want, "{case}");
        }
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
            ("backwards range", "[z-a]", "error: character range `z-a` is backwards\n --> mappings:1:1\n  |\n1 | [z-a]\n  | ^^^^\n  = hint: write the lower character first, e.g. `[a-z]`\n"),
            ("brace", "{a,b", "error: unclosed alternatives `{`\n --> mappings:1:1\n  |\n1 | {a,b\n  | ^\n  = hint: close it with `}` (`{dev,prod}`), or escape a literal brace as `\\{`\n"),
        ];
        for (case, g, want) in cases {
            assert_eq!(render(g), want, "{case}");
        }
    }
}
