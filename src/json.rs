//! The JSON of the data a run reads at start-up (`Options`, `Report`, `Selection`, the
//! outputs), written by hand instead of through serde.
//!
//! V8 compiles each wasm function the first time it is called; serde's generic serializer is
//! ~8 KB of code per run for these few structures, more than this module. The text is exactly
//! serde_json's (`tests/fixtures.rs` compares both on every golden fixture, and unit tests below
//! on escapes and every walk step), so the two can stand for each other.

use crate::engine::{ConditionReport, MappingReport, NamedValue, Options, RegexReport, Report, Selection, TargetReport, TargetSelection};
use crate::glob::WalkStep;

/// A JSON text being written: values separated by commas as they are added.
pub struct Json {
    out: String,
    /// Whether the next value in the current array or object needs a comma first.
    comma: bool,
}

impl Json {
    fn new() -> Json {
        Json { out: String::with_capacity(1024), comma: false }
    }

    fn sep(&mut self) {
        if self.comma {
            self.out.push(',');
        }
        self.comma = true;
    }

    fn open(&mut self, c: char) {
        self.sep();
        self.out.push(c);
        self.comma = false;
    }

    fn close(&mut self, c: char) {
        self.out.push(c);
        self.comma = true;
    }

    /// `"name":`, the next value being its value.
    fn key(&mut self, name: &str) {
        self.sep();
        self.quoted(name);
        self.out.push(':');
        self.comma = false;
    }

    fn str(&mut self, s: &str) {
        self.sep();
        self.quoted(s);
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => {
                self.sep();
                self.out.push_str("null");
            }
        }
    }

    fn bool(&mut self, b: bool) {
        self.sep();
        self.out.push_str(if b { "true" } else { "false" });
    }

    fn num(&mut self, n: u64) {
        self.sep();
        push_number(&mut self.out, n);
    }

    fn strs(&mut self, items: &[String]) {
        self.open('[');
        for s in items {
            self.str(s);
        }
        self.close(']');
    }

    /// `s` in quotes, escaped as serde_json escapes: `"`, `\`, the short forms of backspace,
    /// form feed, newline, carriage return and tab, `\u00XX` for the other control characters.
    fn quoted(&mut self, s: &str) {
        self.out.push('"');
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape: &str = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",

                0x08 => "\\b",
                0x0c => "\\f",
                0x00..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&s[start..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(HEX[(b >> 4) as usize] as char);
                self.out.push(HEX[(b & 0xf) as usize] as char);
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(&s[start..]);
        self.out.push('"');
    }
}

/// Appends `n` in decimal, without `core::fmt` (whose machinery would be compiled on the paths
/// that write numbers: this module and the packed results of `wasm`).
pub fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// Data written as JSON.
pub trait ToJson {
    fn write(&self, json: &mut Json);

    /// The JSON text.
    fn to_json(&self) -> String {
        let mut json = Json::new();
        self.write(&mut json);
        json.out
    }
}

impl ToJson for Options {
    fn write(&self, j: &mut Json) {
        j.open('{');
        j.key("directory");
        j.opt_str(self.directory.as_deref());
        j.key("updatedFileSuffix");
        j.str(&self.updated_file_suffix);
        j.key("maxFileSize");
        j.num(self.max_file_size);
        for (name, value) in [
            ("dryRun", self.dry_run),
            ("dump", self.dump),
            ("ifNoMatchFail", self.if_no_match_fail),
            ("ifWellKnownVarsMissingFail", self.if_well_known_vars_missing_fail),
            ("wellKnownVarsMissing", self.well_known_vars_missing),
            ("commit", self.commit),
            ("push", self.push),
        ] {
            j.key(name);
            j.bool(value);
        }
        j.key("pushRetries");
        j.num(u64::from(self.push_retries));
        for (name, value) in [
            ("pushBranch", &self.push_branch),
            ("committerName", &self.committer_name),
            ("committerEmail", &self.committer_email),
            ("commitTemplate", &self.commit_template),
        ] {
            j.key(name);
            j.str(value);
        }
        j.close('}');
    }
}

impl ToJson for NamedValue {
    fn write(&self, j: &mut Json) {
        j.open('{');
        j.key("name");
        j.str(&self.name);
        j.key("value");
        j.opt_str(self.value.as_deref());
        j.key("source");
        j.str(&self.source);
        j.close('}');
    }
}

impl ToJson for RegexReport {
    fn write(&self, j: &mut Json) {
        j.open('{');
        j.key("name");
        j.str(&self.name);
        j.key("pattern");
        j.opt_str(self.pattern.as_deref());
        j.key("source");
        j.str(&self.source);
        j.key("groups");
        j.strs(&self.groups);
        j.close('}');
    }
}

impl ToJson for ConditionReport {
    fn write(&self, j: &mut Json) {
        j.open('{');
        j.key("variable");
        j.str(&self.variable);
        j.key("value");
        j.opt_str(self.value.as_deref());
        j.key("regex");
        j.str(&self.regex);
        j.key("matched");
        j.bool(self.matched);
        j.key("note");
        j.opt_str(self.note.as_deref());
        j.close('}');
    }
}

impl ToJson for TargetReport {
    fn write(&self, j: &mut Json) {
        j.open('{');
        j.key("glob");
        j.str(&self.glob);
        j.key("regexes");
        j.strs(&self.regexes);
        j.close('}');
    }
}

impl ToJson for MappingReport {
    fn write(&self, j: &mut Json) {
        j.open('{');
        j.key("index");
        j.num(self.index as u64);
        j.key("text");
        j.str(&self.text);
        j.key("active");
        j.bool(self.active);
        j.key("conditions");
        list(j, &self.conditions);
        j.key("targets");
        list(j, &self.targets);
        j.close('}');
    }
}

impl ToJson for WalkStep {
    fn write(&self, j: &mut Json) {
        match self {
            WalkStep::Name(name) => {
                j.open('{');
                j.key("name");
                j.str(name);
                j.close('}');
            }
            WalkStep::AnyName => j.str("anyName"),
            WalkStep::Pattern => j.str("pattern"),
            WalkStep::Deep => j.str("deep"),
        }
    }
}

impl ToJson for Vec<WalkStep> {
    fn write(&self, j: &mut Json) {
        list(j, self);
    }
}

impl ToJson for Report {
    fn write(&self, j: &mut Json) {
        j.open('{');
        j.key("variables");
        list(j, &self.variables);
        j.key("regexes");
        list(j, &self.regexes);
        j.key("mappings");
        list(j, &self.mappings);
        j.key("walkRoots");
        j.strs(&self.walk_roots);
        j.key("allWalkRoots");
        j.strs(&self.all_walk_roots);
        j.key("walkPlans");
        list(j, &self.walk_plans);
        j.close('}');
    }
}

impl ToJson for TargetSelection {
    fn write(&self, j: &mut Json) {
        j.open('{');
        j.key("mapping");
        j.num(self.mapping as u64);
        j.key("target");
        j.num(self.target as u64);
        j.key("glob");
        j.str(&self.glob);
        j.key("active");
        j.bool(self.active);
        j.key("files");
        j.strs(&self.files);
        j.close('}');
    }
}

impl ToJson for Selection {
    fn write(&self, j: &mut Json) {
        j.open('{');
        j.key("files");
        j.strs(&self.files);
        j.key("targets");
        list(j, &self.targets);
        j.close('}');
    }
}

/// The outputs, `[[name, value], …]`.
impl ToJson for Vec<(String, String)> {
    fn write(&self, j: &mut Json) {
        j.open('[');
        for (name, value) in self {
            j.open('[');
            j.str(name);
            j.str(value);
            j.close(']');
        }
        j.close(']');
    }
}

fn list<T: ToJson>(j: &mut Json, items: &[T]) {
    j.open('[');
    for item in items {
        item.write(j);
    }
    j.close(']');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings with every byte that needs escaping, and others that must not be, as serde_json
    /// writes them.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("é😀\u{2028}\u{feff}");
        for s in ["", "plain", "a\"b\\c", "\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}", all.as_str()] {
            let mut j = Json::new();
            j.str(s);
            assert_eq!(j.out, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn numbers_and_every_walk_step_are_written_as_serde_json_writes_them() {
        for n in [0u64, 7, 10, 1_234_567, u64::MAX] {
            let mut j = Json::new();
            j.num(n);
            assert_eq!(j.out, n.to_string());
        }
        let steps = vec![WalkStep::Name("a\"b".into()), WalkStep::AnyName, WalkStep::Pattern, WalkStep::Deep];
        assert_eq!(steps.to_json(), serde_json::to_string(&steps).unwrap());
        let outputs = vec![("a".to_string(), "1".to_string()), ("b\n".to_string(), String::new())];
        assert_eq!(outputs.to_json(), serde_json::to_string(&outputs).unwrap());
        assert_eq!(Vec::<(String, String)>::new().to_json(), "[]");
    }
}
