//! The action's inputs: names (dreitier's, new ones, hyphenated spellings), defaults and
//! typed parsing. The Node side passes the raw strings; everything is validated here so the
//! action, the CLI and the playground accept exactly the same things.

use crate::diagnostic::{did_you_mean, list_names, Diagnostic, Origin, Span};
use crate::registry::ByName;

/// Every input, with its default as in `action.yml`.
pub const INPUTS: &[(&str, &str)] = &[
    ("mappings", ""),
    ("docker_image_tag", ""),
    ("git_tag", ""),
    ("git_branch", ""),
    ("docker_image_tag_regex", ""),
    ("git_tag_regex", ""),
    ("git_branch_regex", ""),
    ("register_custom_variables", ""),
    ("register_custom_regexes", ""),
    ("variables", ""),
    ("regexes", ""),
    ("skip_variables_autodetect", "false"),
    ("skip_regexes_autodetect", "false"),
    ("allow_multiline_values", "false"),
    ("if_well_known_vars_missing_fail", "false"),
    ("if_no_match_fail", "false"),
    ("updated_file_suffix", ""),
    ("exclude", ""),
    ("directory", ""),
    ("max_file_size", "67108864"),
    ("dump", "false"),
    ("dry_run", "false"),
    ("commit", "false"),
    ("committer_name", "github-actions[bot]"),
    ("committer_email", "41898282+github-actions[bot]@users.noreply.github.com"),
    ("commit_template", ""),
    ("push", "false"),
    ("push_retries", "3"),
    ("push_branch", ""),
];

/// The inputs after merging spellings and applying defaults: `values[i]` is the value of
/// `INPUTS[i]` (a `Vec`, not a map: one less map type for V8 to compile at start-up).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    values: Vec<String>,
}

fn position(name: &str) -> Option<usize> {
    INPUTS.iter().position(|(n, _)| *n == name)
}

impl Inputs {
    /// Merges `name` / `name-with-hyphens` spellings and checks for unknown names.
    /// A spelling equal to the default counts as not given (the runner fills in defaults).
    pub fn new(raw: &ByName<String>) -> (Inputs, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        // Per input: the spelling given and its value.
        let mut given: Vec<Option<(String, String)>> = vec![None; INPUTS.len()];
        for (key, value) in raw {
            let canonical = key.trim().to_ascii_lowercase().replace(['-', ' '], "_");
            let Some(i) = position(&canonical) else {
                let names: Vec<&str> = INPUTS.iter().map(|(n, _)| *n).collect();
                let hint = match did_you_mean(&canonical, names.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("the inputs are {}", list_names(&names)),
                };
                errors.push(Diagnostic::error("unknown input", format!("unknown input `{key}`")).hint(hint));
                continue;
            };
            // The runner sets every declared input, the hyphenated spellings to `''`: empty (like
            // the default) counts as not given.
            if value.trim().is_empty() {
                continue;
            }
            let (name, default) = INPUTS[i];
            if value == default {
                given[i].get_or_insert_with(|| (key.clone(), value.clone()));
                continue;
            }
            match &given[i] {
                Some((other_key, other)) if other != value && other != default => {
                    errors.push(
                        Diagnostic::error(
                            "conflicting inputs",
                            format!("inputs `{other_key}` and `{key}` are the same input with different values (`{other}` and `{value}`)"),
                        )
                        .hint(format!("set only one spelling of `{name}`")),
                    );
                }
                _ => {
                    given[i] = Some((key.clone(), value.clone()));
                }
            }
        }
        let values = INPUTS
            .iter()
            .zip(given)
            .map(|((_, default), given)| given.map_or_else(|| default.to_string(), |(_, v)| v))
            .collect();
        (Inputs { values }, errors)
    }

    pub fn get(&self, name: &str) -> &str {
        position(name).and_then(|i| self.values.get(i)).map(String::as_str).unwrap_or_else(|| panic!("`{name}` is not an input"))
    }

    pub fn origin(&self, name: &str) -> Origin {
        Origin::new(["input ", name].concat(), self.get(name))
    }

    /// `true/false/1/0/yes/no`, any case; empty is the default.
    pub fn boolean(&self, name: &'static str, errors: &mut Vec<Diagnostic>) -> bool {
        let raw = self.get(name);
        let value = raw.trim();
        match value.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => true,
            "false" | "0" | "no" => false,
            "" => default_of(name) == "true",
            _ => {
                errors.push(
                    Diagnostic::error("invalid boolean", format!("input `{name}` must be a boolean, not `{value}`"))
                        .at(&self.origin(name), Span::new(0, raw.len()))
                        .hint("use `true` or `false` (also accepted: `1`/`0`, `yes`/`no`)"),
                );
                false
            }
        }
    }

    /// A size in bytes: `67108864`, `64MiB`, `10 MB`, `512k`.
    pub fn size(&self, name: &'static str, errors: &mut Vec<Diagnostic>) -> u64 {
        let raw = self.get(name);
        let value = raw.trim();
        let value = if value.is_empty() { default_of(name) } else { value };
        match parse_size(value) {
            Some(n) => n,
            None => {
                errors.push(
                    Diagnostic::error("invalid size", format!("input `{name}` must be a size in bytes, not `{value}`"))
                        .at(&self.origin(name), Span::new(0, raw.len()))
                        .hint("write bytes (`67108864`) or a number with a unit: `64MiB`, `100MB`, `512KiB`"),
                );
                0
            }
        }
    }

    pub fn count(&self, name: &'static str, errors: &mut Vec<Diagnostic>) -> u32 {
        let raw = self.get(name);
        let value = raw.trim();
        let value = if value.is_empty() { default_of(name) } else { value };
        match value.parse::<u32>() {
            Ok(n) if n <= 100 => n,
            _ => {
                errors.push(
                    Diagnostic::error("invalid number", format!("input `{name}` must be a whole number from 0 to 100, not `{value}`"))
                        .at(&self.origin(name), Span::new(0, raw.len())),
                );
                0
            }
        }
    }
}

fn default_of(name: &str) -> &'static str {
    INPUTS.iter().find(|(n, _)| *n == name).map_or("", |(_, d)| d)
}

fn parse_size(value: &str) -> Option<u64> {
    let digits_end = value.find(|c: char| !c.is_ascii_digit()).unwrap_or(value.len());
    let number: u64 = value[..digits_end].parse().ok()?;
    let unit = value[digits_end..].trim().to_ascii_lowercase();
    let factor: u64 = match unit.as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1000,
        "kib" | "ki" => 1 << 10,
        "m" | "mb" => 1000 * 1000,
        "mib" | "mi" => 1 << 20,
        "g" | "gb" => 1000 * 1000 * 1000,
        "gib" | "gi" => 1 << 30,
        _ => return None,
    };
    number.checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(pairs: &[(&str, &str)]) -> (Inputs, Vec<String>) {
        let raw = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let (inputs, errors) = Inputs::new(&raw);
        (inputs, errors.iter().map(Diagnostic::render).collect())
    }

    #[test]
    fn spellings() {
        let cases: [(&str, &[(&str, &str)], &str, &str); 6] = [
            ("default", &[], "skip_regexes_autodetect", "false"),
            ("underscore", &[("skip_regexes_autodetect", "true")], "skip_regexes_autodetect", "true"),
            ("hyphen", &[("skip-regexes-autodetect", "true")], "skip_regexes_autodetect", "true"),
            ("hyphen with runner default", &[("skip_regexes_autodetect", "false"), ("skip-regexes-autodetect", "yes")], "skip_regexes_autodetect", "yes"),
            ("same value twice", &[("dry_run", "true"), ("dry-run", "true")], "dry_run", "true"),
            ("empty spelling is not given", &[("dry_run", "true"), ("dry-run", "")], "dry_run", "true"),
        ];
        for (case, pairs, name, want) in cases {
            let (i, errors) = inputs(pairs);
            assert_eq!((i.get(name), errors.len()), (want, 0), "{case}");
        }
    }

    #[test]
    fn errors() {
        let (_, errors) = inputs(&[("dry_run", "true"), ("dry-run", "no")]);
        assert_eq!(errors, ["error: inputs `dry-run` and `dry_run` are the same input with different values (`no` and `true`)\n  = hint: set only one spelling of `dry_run`\n"]);
        let (_, errors) = inputs(&[("skip_variable_autodetect", "true")]);
        assert_eq!(errors, ["error: unknown input `skip_variable_autodetect`\n  = hint: did you mean `skip_variables_autodetect`?\n"]);
        let (i, _) = inputs(&[("dump", "maybe")]);
        let mut e = Vec::new();
        assert!(!i.boolean("dump", &mut e));
        assert_eq!(e[0].render(), "error: input `dump` must be a boolean, not `maybe`\n --> input dump:1:1\n  |\n1 | maybe\n  | ^^^^^\n  = hint: use `true` or `false` (also accepted: `1`/`0`, `yes`/`no`)\n");
    }

    #[test]
    fn booleans_and_sizes() {
        let (i, _) = inputs(&[("dump", "YES"), ("dry_run", "0"), ("max_file_size", "64MiB"), ("push_retries", " 5 ")]);
        let mut e = Vec::new();
        assert!(i.boolean("dump", &mut e));
        assert!(!i.boolean("dry_run", &mut e));
        assert_eq!(i.size("max_file_size", &mut e), 64 << 20);
        assert_eq!(i.count("push_retries", &mut e), 5);
        assert!(e.is_empty());
        let sizes = [("plain", "100", Some(100)), ("mb", "10 MB", Some(10_000_000)), ("kib", "2kib", Some(2048)), ("bad unit", "3 parsecs", None), ("empty", "", None)];
        for (case, text, want) in sizes {
            assert_eq!(parse_size(text), want, "{case}");
        }
    }
}
