//! Variables and regexes, registered from inputs and the environment (SPEC §2, §3).
//!
//! Sources, in order; a later one overrides an earlier one. A source that registers a name
//! without a value (an unset environment variable, an empty input) makes the name known but
//! never erases a value an earlier source gave.

use crate::diagnostic::{Diagnostic, Origin, Span};
use crate::dsl::is_name;
use crate::inputs::Inputs;

pub const WELL_KNOWN: [&str; 3] = ["docker_image_tag", "git_tag", "git_branch"];
pub const ALWAYS: [&str; 2] = ["__always__", "__true__"];

/// A registered name with its text (trimmed; `None` when empty) and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub value: Option<String>,
    /// `input git_branch`, `env GIT_BRANCH`, `built-in`, …: also the origin name for spans.
    pub source: String,
    /// The untrimmed text as given, and where the trimmed value starts in it.
    pub raw: String,
    pub offset: usize,
}

impl Entry {
    fn new(raw: &str, source: String) -> Entry {
        let trimmed = raw.trim();
        let offset = raw.len() - raw.trim_start().len();
        Entry {
            value: (!trimmed.is_empty()).then(|| trimmed.to_string()),
            source,
            raw: raw.to_string(),
            offset,
        }
    }

    pub fn origin(&self) -> Origin {
        Origin::new(self.source.clone(), self.raw.clone())
    }
}

/// Name → entry, ordered by name.
/// Values by name, in name order: a sorted `Vec` searched by bisection. The engine's lists are
/// a handful of entries, and a `BTreeMap` per value type is a tree's worth of code for V8 to
/// compile at every start-up.
pub struct ByName<V>(pub Vec<(String, V)>);

impl<V> ByName<V> {
    pub fn new() -> Self {
        ByName(Vec::new())
    }
    pub fn get(&self, name: &str) -> Option<&V> {
        self.0.binary_search_by(|(n, _)| n.as_str().cmp(name)).ok().map(|i| &self.0[i].1)
    }
    /// Adds `name` (or replaces its value), keeping the order.
    pub fn insert(&mut self, name: String, value: V) {
        match self.0.binary_search_by(|(n, _)| n.as_str().cmp(&name)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (name, value)),
        }
    }
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
    pub fn iter(&self) -> std::slice::Iter<'_, (String, V)> {
        self.0.iter()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V> Default for ByName<V> {
    fn default() -> Self {
        ByName::new()
    }
}

impl<V> FromIterator<(String, V)> for ByName<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(items: I) -> Self {
        let mut map = ByName::new();
        map.extend(items);
        map
    }
}

/// Like a map's: a name given again replaces its value.
impl<V> Extend<(String, V)> for ByName<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, items: I) {
        for (name, value) in items {
            self.insert(name, value);
        }
    }
}

/// Read from a map (`{"name": value, …}`), as `Config` is in the tests' `config.json` files.
impl<'de, V: serde::Deserialize<'de>> serde::Deserialize<'de> for ByName<V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<String, V>::deserialize(deserializer)?; // only the tests read it
        Ok(map.into_iter().collect())
    }
}

impl<V: std::fmt::Debug> std::fmt::Debug for ByName<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.0.iter().map(|(k, v)| (k, v))).finish()
    }
}

impl<V: Clone> Clone for ByName<V> {
    fn clone(&self) -> Self {
        ByName(self.0.clone())
    }
}

impl<'a, V> IntoIterator for &'a ByName<V> {
    type Item = &'a (String, V);
    type IntoIter = std::slice::Iter<'a, (String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Variables or regexes by name.
pub type Table = ByName<Entry>;

fn register(table: &mut Table, name: &str, entry: Entry) {
    // Known again but without a value: keep what an earlier source gave.
    if entry.value.is_none() && table.contains_key(name) {
        return;
    }
    table.insert(name.to_string(), entry);
}

/// Which of the two tables a pass fills.
#[derive(Clone, Copy)]
enum Kind {
    Variable,
    Regex,
}

// Names and origins on the path every run takes are joined with `concat`, not `format!`: the
// formatting machinery is then compiled (by V8, at start-up) only when a message is.
impl Kind {
    fn well_known(self, name: &str) -> String {
        match self {
            Kind::Variable => name.to_string(),
            Kind::Regex => [name, "_regex"].concat(),
        }
    }
    fn custom_input(self) -> &'static str {
        match self {
            Kind::Variable => "register_custom_variables",
            Kind::Regex => "register_custom_regexes",
        }
    }
    fn lines_input(self) -> &'static str {
        match self {
            Kind::Variable => "variables",
            Kind::Regex => "regexes",
        }
    }
    fn noun(self) -> &'static str {
        match self {
            Kind::Variable => "variable",
            Kind::Regex => "regex",
        }
    }
}

pub struct Registry {
    pub variables: Table,
    pub regexes: Table,
}

/// Builds both tables. Errors are bad names in `register_custom_*` or the multi-line inputs.
pub fn build(
    inputs: &Inputs,
    env: &ByName<String>,
    skip_variables: bool,
    skip_regexes: bool,
    errors: &mut Vec<Diagnostic>,
) -> Registry {
    let mut variables = Table::new();
    for name in ALWAYS {
        variables.insert(name.to_string(), Entry::new("1", "built-in".to_string()));
    }
    fill(&mut variables, Kind::Variable, inputs, env, skip_variables, errors);
    let mut regexes = Table::new();
    fill(&mut regexes, Kind::Regex, inputs, env, skip_regexes, errors);
    Registry { variables, regexes }
}

fn fill(
    table: &mut Table,
    kind: Kind,
    inputs: &Inputs,
    env: &ByName<String>,
    skip_autodetect: bool,
    errors: &mut Vec<Diagnostic>,
) {
    // Well-known names: the input, else the environment variable.
    for base in WELL_KNOWN {
        let name = kind.well_known(base);
        let input = inputs.get(&name);
        let env_name = name.to_ascii_uppercase();
        let entry = match env.get(&env_name) {
            Some(value) if input.trim().is_empty() => Entry::new(value, ["env ", &env_name].concat()),
            _ => Entry::new(input, ["input ", &name].concat()),
        };
        table.insert(name, entry);
    }
    // Auto-detected: `*_VAR` (suffix dropped) or `*_REGEX` (suffix kept), never `INPUT_*`.
    if !skip_autodetect {
        for (key, value) in env {
            if key.starts_with("INPUT_") {
                continue;
            }
            let name = match kind {
                Kind::Variable => key.strip_suffix("_VAR").map(str::to_ascii_lowercase),
                Kind::Regex => key.ends_with("_REGEX").then(|| key.to_ascii_lowercase()),
            };
            match name {
                Some(name) if is_name(&name) && name != "_regex" => {
                    register(table, &name, Entry::new(value, ["env ", key].concat()));
                }
                _ => {}
            }
        }
    }
    // `register_custom_*`: comma-separated names, each read from the upper-cased env variable.
    let input = kind.custom_input();
    let list = inputs.get(input);
    let mut offset = 0;
    for part in list.split(',') {
        let name = part.trim();
        let start = offset + (part.len() - part.trim_start().len());
        offset += part.len() + 1;
        if name.is_empty() {
            if !list.trim().is_empty() && list.split(',').count() > 1 {
                errors.push(
                    Diagnostic::error("empty name", format!("empty {} name in `{input}`", kind.noun()))
                        .at(&inputs.origin(input), Span::new(start, start))
                        .hint("separate names with single commas: `customer_number,region`"),
                );
            }
            continue;
        }
        if !is_name(name) {
            errors.push(
                Diagnostic::error("invalid name", format!("`{name}` in `{input}` is not a {} name", kind.noun()))
                    .at(&inputs.origin(input), Span::new(start, start + name.len()))
                    .hint("names are letters, digits and `_`, separated by commas"),
            );
            continue;
        }
        let env_name = name.to_ascii_uppercase();
        let entry = match env.get(&env_name) {
            Some(value) => Entry::new(value, ["env ", &env_name].concat()),
            None => Entry::new("", ["env ", &env_name, " (unset)"].concat()),
        };
        register(table, &name.to_ascii_lowercase(), entry);
    }
    // `variables` / `regexes`: one `name=value` per line, split at the first `=`.
    let input = kind.lines_input();
    let text = inputs.get(input);
    let mut line_start = 0;
    for line in text.split('\n') {
        let start = line_start;
        line_start += line.len() + 1;
        let body = line.trim_end_matches('\r');
        if body.trim().is_empty() || body.trim_start().starts_with('#') {
            continue;
        }
        let Some(eq) = body.find('=') else {
            errors.push(
                Diagnostic::error("invalid line", format!("line in `{input}` has no `=`"))
                    .at(&inputs.origin(input), Span::new(start, start + body.len()))
                    .hint(format!("write one `name=value` per line, e.g. `{}`", match kind {
                        Kind::Variable => "customer_number=42",
                        Kind::Regex => "replicas_regex=replicas: (?<replicas>\\d+)",
                    })),
            );
            continue;
        };
        let name = body[..eq].trim();
        if !is_name(name) {
            let name_start = start + (body.len() - body.trim_start().len());
            errors.push(
                Diagnostic::error("invalid name", format!("`{name}` in `{input}` is not a {} name", kind.noun()))
                    .at(&inputs.origin(input), Span::new(name_start, name_start + name.len().max(1)))
                    .hint("names are letters, digits and `_`; write `name=value`"),
            );
            continue;
        }
        // Keep the whole input as the raw text, so errors in the value point into it.
        let value_start = start + eq + 1;
        let value = &body[eq + 1..];
        let mut entry = Entry::new(value, ["input ", input].concat());
        entry.raw = text.to_string();
        entry.offset = value_start + (value.len() - value.trim_start().len());
        register(table, &name.to_ascii_lowercase(), entry);
    }
}

/// Refuses values with control characters (they could inject lines into YAML).
pub fn check_values(variables: &Table, allow_multiline: bool, errors: &mut Vec<Diagnostic>) {
    if allow_multiline {
        return;
    }
    for (name, entry) in variables {
        let Some(value) = &entry.value else { continue };
        if let Some((at, c)) = value.char_indices().find(|(_, c)| c.is_control()) {
            let what = if c == '\n' || c == '\r' { "a line break".to_string() } else { format!("the control character U+{:04X}", c as u32) };
            errors.push(
                Diagnostic::error("control character in value", format!("the value of variable `{name}` contains {what}"))
                    .at(&entry.origin(), Span::new(entry.offset + at, entry.offset + at + c.len_utf8()))
                    .hint("a value with control characters could inject lines into the files; if this is intended, set `allow_multiline_values: true`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(inputs: &[(&str, &str)], env: &[(&str, &str)]) -> (Registry, Vec<String>) {
        let raw = inputs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let (inputs, _) = Inputs::new(&raw);
        let env = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let mut errors = Vec::new();
        let mut e = Vec::new();
        let skip_v = inputs.boolean("skip_variables_autodetect", &mut e);
        let skip_r = inputs.boolean("skip_regexes_autodetect", &mut e);
        let r = build(&inputs, &env, skip_v, skip_r, &mut errors);
        check_values(&r.variables, false, &mut errors);
        (r, errors.iter().map(Diagnostic::render).collect())
    }

    fn value(table: &Table, name: &str) -> Option<String> {
        table.get(name).and_then(|e| e.value.clone())
    }

    #[test]
    fn sources() {
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [(&'a str, &'a str)], &'a str, Option<&'a str>);
        let cases: &[Case] = &[
            ("built-in", &[], &[], "__always__", Some("1")),
            ("input", &[("docker_image_tag", " 1.0-dev ")], &[], "docker_image_tag", Some("1.0-dev")),
            ("env", &[], &[("GIT_BRANCH", "main")], "git_branch", Some("main")),
            ("input beats env", &[("git_branch", "dev")], &[("GIT_BRANCH", "main")], "git_branch", Some("dev")),
            ("empty input falls back to env", &[("git_tag", "  ")], &[("GIT_TAG", "v1")], "git_tag", Some("v1")),
            ("well-known without value", &[], &[], "git_tag", None),
            ("autodetect _VAR", &[], &[("CUSTOMER_NUMBER_VAR", "42")], "customer_number", Some("42")),
            ("only the final _VAR dropped", &[], &[("MY_VARIANT_VAR", "x")], "my_variant", Some("x")),
            ("INPUT_ never autodetected", &[], &[("INPUT_X_VAR", "1")], "input_x", None),
            ("custom", &[("register_custom_variables", "region, stage")], &[("STAGE", "prod")], "stage", Some("prod")),
            ("custom unset is known", &[("register_custom_variables", "region")], &[], "region", None),
            ("custom unset keeps value", &[("register_custom_variables", "customer_number")], &[("CUSTOMER_NUMBER_VAR", "42")], "customer_number", Some("42")),
            ("variables input", &[("variables", "a=1\n# c\n\nB = x=y \r\n")], &[], "b", Some("x=y")),
            ("variables input overrides", &[("variables", "docker_image_tag=2")], &[("DOCKER_IMAGE_TAG", "1")], "docker_image_tag", Some("2")),
        ];
        for (case, inputs, env, name, want) in cases {
            let (r, errors) = registry(inputs, env);
            assert!(errors.is_empty(), "{case}: {errors:?}");
            assert!(r.variables.contains_key(name) || want.is_none(), "{case}: not known");
            assert_eq!(value(&r.variables, name).as_deref(), *want, "{case}");
        }
        let (r, _) = registry(&[("skip_variables_autodetect", "true")], &[("CUSTOMER_NUMBER_VAR", "42")]);
        assert!(!r.variables.contains_key("customer_number"), "skip autodetect");
    }

    #[test]
    fn regex_sources() {
        let (r, _) = registry(
            &[("git_branch_regex", "b: (?<git_branch>.*)"), ("regexes", "replicas_regex=replicas: (?<replicas>\\d+)")],
            &[("MY_CUSTOM_REGEX", "x"), ("DOCKER_IMAGE_TAG_REGEX", "t")],
        );
        let names: Vec<&str> = r.regexes.keys().map(String::as_str).collect();
        assert_eq!(names, ["docker_image_tag_regex", "git_branch_regex", "git_tag_regex", "my_custom_regex", "replicas_regex"]);
        assert_eq!(value(&r.regexes, "replicas_regex").as_deref(), Some("replicas: (?<replicas>\\d+)"));
        let e = r.regexes.get("replicas_regex").expect("registered");
        assert_eq!(&e.raw[e.offset..e.offset + 8], "replicas");
    }

    #[test]
    fn errors() {
        let (_, errors) = registry(&[("variables", "a=1\nnot a line\n")], &[]);
        assert_eq!(errors, ["error: line in `variables` has no `=`\n --> input variables:2:1\n  |\n2 | not a line\n  | ^^^^^^^^^^\n  = hint: write one `name=value` per line, e.g. `customer_number=42`\n"]);
        let (_, errors) = registry(&[("register_custom_variables", "ok,bad-name")], &[]);
        assert_eq!(errors, ["error: `bad-name` in `register_custom_variables` is not a variable name\n --> input register_custom_variables:1:4\n  |\n1 | ok,bad-name\n  |    ^^^^^^^^\n  = hint: names are letters, digits and `_`, separated by commas\n"]);
        let (_, errors) = registry(&[], &[("GIT_BRANCH", "main\nevil: 1")]);
        assert_eq!(errors, ["error: the value of variable `git_branch` contains a line break\n --> env GIT_BRANCH:1:5\n  |\n1 | main\n  |     ^\n  = hint: a value with control characters could inject lines into the files; if this is intended, set `allow_multiline_values: true`\n"]);
    }
}
