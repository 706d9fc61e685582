//! The engine: built once from the inputs and the environment, it validates everything up
//! front, evaluates the conditions, selects files from a list of paths and applies the
//! mappings to one file's content at a time. Pure: no I/O.

use crate::apply::{apply_step, checked_text, Edit, Step};
use crate::diagnostic::{list_names, unknown_name_hint, Diagnostic, Origin, Span};
use crate::dsl::{self, RegexRefs};
use crate::glob::{minimal_roots, Glob};
use crate::inputs::Inputs;
use crate::pattern::{self, NamedGroup};
use crate::registry::{self, ByName, Table, WELL_KNOWN};
use crate::template::{self, Template};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Everything the engine is built from.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Input name (`skip_regexes_autodetect` or `skip-regexes-autodetect`) → raw value.
    pub inputs: ByName<String>,
    /// The process environment.
    pub env: ByName<String>,
}

/// The typed inputs the I/O side acts on.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Options {
    pub directory: Option<String>,
    pub updated_file_suffix: String,
    pub max_file_size: u64,
    pub dry_run: bool,
    pub dump: bool,
    pub if_no_match_fail: bool,
    pub if_well_known_vars_missing_fail: bool,
    /// None of `docker_image_tag`, `git_tag`, `git_branch` has a value.
    pub well_known_vars_missing: bool,
    pub commit: bool,
    pub push: bool,
    pub push_retries: u32,
    pub push_branch: String,
    pub committer_name: String,
    pub committer_email: String,
    pub commit_template: String,
}

/// A compiled replacement regex.
struct Compiled {
    regex: crate::matcher::Program,
    groups: Vec<NamedGroup>,
}

struct TargetPlan {
    glob: Option<Glob>,
    glob_text: String,
    regexes: Vec<String>,
}

struct MappingPlan {
    text: String,
    active: bool,
    conditions: Vec<ConditionReport>,
    targets: Vec<TargetPlan>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConditionReport {
    pub variable: String,
    pub value: Option<String>,
    pub regex: String,
    pub matched: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NamedValue {
    pub name: String,
    pub value: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegexReport {
    pub name: String,
    pub pattern: Option<String>,
    pub source: String,
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetReport {
    pub glob: String,
    pub regexes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MappingReport {
    pub index: usize,
    pub text: String,
    pub active: bool,
    pub conditions: Vec<ConditionReport>,
    pub targets: Vec<TargetReport>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub variables: Vec<NamedValue>,
    pub regexes: Vec<RegexReport>,
    pub mappings: Vec<MappingReport>,
    pub walk_roots: Vec<String>,
    pub all_walk_roots: Vec<String>,
    /// `Glob::walk_steps` of each distinct glob of an active mapping.
    pub walk_plans: Vec<Vec<crate::glob::WalkStep>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetSelection {
    pub mapping: usize,
    pub target: usize,
    pub glob: String,
    pub active: bool,
    pub files: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Selection {
    pub files: Vec<String>,
    pub targets: Vec<TargetSelection>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Changed,
    Unchanged,
    Skipped,
}

#[derive(Debug, Clone)]
pub struct FileResult {
    pub path: String,
    pub status: Status,
    pub content: Option<Vec<u8>>,
    pub edits: Vec<Edit>,
    pub warnings: Vec<Diagnostic>,
}

pub struct Engine {
    diagnostics: Vec<Diagnostic>,
    options: Options,
    variables: Table,
    regexes: Table,
    compiled: ByName<Compiled>,
    mappings: Vec<MappingPlan>,
    exclude: Vec<Glob>,
    template: Option<Template>,
    /// What `select` found, so that `apply` need not match the globs again.
    selected: RefCell<Selected>,
}

/// The paths `select` found selected by an active mapping, each with the targets that select
/// it (their positions in the flattened list of every mapping's targets, ascending). `apply`
/// looks its path up here before matching every glob again (one glob match costs more than the
/// lookup, and a run applies exactly the paths it selected). A cache of a pure function of the
/// path, so always right; a path not in it is matched as before.
#[derive(Default)]
struct Selected {
    entries: Vec<(Box<str>, Vec<u32>)>,
    /// Whether `entries` is sorted by path and free of duplicates (done at the first lookup).
    sorted: bool,
}

impl Selected {
    fn insert(&mut self, path: &str, targets: Vec<u32>) {
        self.entries.push((path.into(), targets));
        self.sorted = false;
    }

    fn get(&mut self, path: &str) -> Option<&[u32]> {
        if !self.sorted {
            self.entries.sort_by(|a, b| a.0.cmp(&b.0));
            self.entries.dedup_by(|a, b| a.0 == b.0);
            self.sorted = true;
        }
        let i = self.entries.binary_search_by(|e| (*e.0).cmp(path)).ok()?;
        Some(&self.entries[i].1)
    }
}

impl Engine {
    pub fn new(config: &Config) -> Engine {
        let mut errors = Vec::new();
        let (inputs, mut input_errors) = Inputs::new(&config.inputs);
        errors.append(&mut input_errors);
        let options = parse_options(&inputs, &mut errors);
        let skip_variables = inputs.boolean("skip_variables_autodetect", &mut errors);
        let skip_regexes = inputs.boolean("skip_regexes_autodetect", &mut errors);
        let allow_multiline = inputs.boolean("allow_multiline_values", &mut errors);
        let reg = registry::build(&inputs, &config.env, skip_variables, skip_regexes, &mut errors);
        registry::check_values(&reg.variables, allow_multiline, &mut errors);
        let mut engine = Engine {
            diagnostics: Vec::new(),
            options,
            variables: reg.variables,
            regexes: reg.regexes,
            compiled: ByName::new(),
            mappings: Vec::new(),
            exclude: Vec::new(),
            template: None,
            selected: RefCell::default(),
        };
        engine.options.well_known_vars_missing = WELL_KNOWN.iter().all(|n| engine.value(n).is_none());
        let mut warnings = Vec::new();
        engine.exclude = compile_exclude(&inputs, &mut errors);
        if !engine.options.commit_template.is_empty() {
            let mut names = engine.variable_names();
            names.extend(template::BUILT_INS);
            let origin = inputs.origin("commit_template");
            match Template::parse(&origin.text, &origin, &names) {
                Ok(t) => engine.template = Some(t),
                Err(e) => errors.push(e),
            }
        }
        let regex_errors = engine.compile_regexes();
        let text = inputs.get("mappings").to_string();
        if text.trim().is_empty() {
            errors.push(
                Diagnostic::error("missing mappings", "input `mappings` is required")
                    .hint("e.g. `docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex`"),
            );
        } else {
            let origin = Origin::new("mappings", text.as_str());
            let (mappings, mut parse_errors) = dsl::parse(&text, &origin);
            errors.append(&mut parse_errors);
            engine.plan(&mappings, &origin, &regex_errors, &mut errors, &mut warnings);
        }
        // A regex that no target uses may be broken without harm: say so, don't fail.
        let used: Vec<&String> = engine.mappings.iter().flat_map(|m| &m.targets).flat_map(|t| &t.regexes).collect();
        for (name, d) in &regex_errors.0 {
            if !used.contains(&name) {
                let mut d = d.clone();
                d.severity = crate::diagnostic::Severity::Warning;
                d.message = format!("{} (unused, so ignored)", d.message);
                warnings.push(d);
            }
        }
        engine.diagnostics = errors;
        engine.diagnostics.append(&mut warnings);
        engine
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.variables.get(name).and_then(|e| e.value.as_deref())
    }

    fn variable_names(&self) -> Vec<&str> {
        self.variables.keys().map(String::as_str).collect()
    }

    /// Compiles every registered regex that has a pattern; returns the errors by name.
    fn compile_regexes(&mut self) -> ByName<Diagnostic> {
        let names: Vec<String> = self.variables.keys().cloned().collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut errors = ByName::new();
        for (name, entry) in &self.regexes {
            let Some(text) = &entry.value else { continue };
            let source = pattern::split_delimited(text, entry.offset);
            let what = ["regex `", name, "`"].concat();
            match pattern::compile_replacement(&source, &entry.origin(), &what, &names) {
                Ok((regex, groups)) => {
                    self.compiled.insert(name.clone(), Compiled { regex, groups });
                }
                Err(d) => {
                    errors.insert(name.clone(), d);
                }
            }
        }
        errors
    }

    fn plan(
        &mut self,
        mappings: &[dsl::Mapping],
        origin: &Origin,
        regex_errors: &ByName<Diagnostic>,
        errors: &mut Vec<Diagnostic>,
        warnings: &mut Vec<Diagnostic>,
    ) {
        let mut reported_regexes: Vec<String> = Vec::new();
        let mut missing_values: Vec<(String, String)> = Vec::new();
        for (index, mapping) in mappings.iter().enumerate() {
            let mut conditions = Vec::new();
            for c in &mapping.conditions {
                if let Some(report) = self.condition(c, origin, index, errors, warnings) {
                    conditions.push(report);
                }
            }
            let active = conditions.iter().any(|c| c.matched);
            let mut targets = Vec::new();
            for t in &mapping.targets {
                let glob = match Glob::new(&t.glob.text, origin, t.glob.span) {
                    Ok(g) => Some(g),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                };
                let regexes = match &t.refs {
                    RegexRefs::All(_) => {
                        let all: Vec<String> =
                            self.regexes.iter().filter(|(_, e)| e.value.is_some()).map(|(n, _)| n.clone()).collect();
                        if all.is_empty() && active {
                            warnings.push(
                                Diagnostic::warning("no regex", format!("target `{}` applies every regex, but none is registered", t.glob.text))
                                    .at(origin, t.span)
                                    .hint("set `docker_image_tag_regex` (or another regex input) or name the regexes after `=`"),
                            );
                        }
                        all
                    }
                    RegexRefs::Names(names) => {
                        let mut out = Vec::new();
                        for n in names {
                            match self.regexes.get(&n.text) {
                                None => {
                                    let known: Vec<&str> = self.regexes.keys().map(String::as_str).collect();
                                    let mut hint = unknown_name_hint(&n.text, "registered regexes", &known);
                                    if t.glob.text.contains('=') || !n.text.ends_with("_regex") {
                                        hint.push_str("; if `=` is part of the file name, escape it as `\\=`");
                                    }
                                    errors.push(
                                        Diagnostic::error("unknown regex", format!("unknown regex `{}`", n.text))
                                            .at(origin, n.span)
                                            .hint(hint),
                                    );
                                }
                                Some(entry) if entry.value.is_none() => errors.push(
                                    Diagnostic::error("empty regex", format!("regex `{}` is used here but has no pattern", n.text))
                                        .at(origin, n.span)
                                        .hint(format!(
                                            "set the input `{}` (or the environment variable `{}`)",
                                            n.text,
                                            n.text.to_ascii_uppercase()
                                        )),
                                ),
                                Some(_) => out.push(n.text.clone()),
                            }
                        }
                        out
                    }
                };
                for name in &regexes {
                    if let Some(d) = regex_errors.get(name) {
                        if !reported_regexes.contains(name) {
                            reported_regexes.push(name.clone());
                            errors.push(d.clone());
                        }
                    }
                    if active {
                        if let Some(c) = self.compiled.get(name) {
                            for g in &c.groups {
                                if self.value(&g.variable).is_none() {
                                    missing_values.push((name.clone(), g.variable.clone()));
                                }
                            }
                        }
                    }
                }
                targets.push(TargetPlan { glob, glob_text: t.glob.text.clone(), regexes });
            }
            let text = origin.text[mapping.span.start..mapping.span.end].trim().to_string();
            self.mappings.push(MappingPlan { text, active, conditions, targets });
        }
        missing_values.sort();
        missing_values.dedup();
        for (regex, variable) in missing_values {
            warnings.push(Diagnostic::warning(
                "variable without value",
                format!("variable `{variable}` has no value in this run: spans of group `{variable}` in regex `{regex}` are kept unchanged"),
            ));
        }
    }

    fn condition(
        &self,
        c: &dsl::Condition,
        origin: &Origin,
        index: usize,
        errors: &mut Vec<Diagnostic>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Option<ConditionReport> {
        let name = &c.variable.text;
        let Some(entry) = self.variables.get(name) else {
            errors.push(
                Diagnostic::error("unknown variable", format!("unknown variable `{name}` in condition"))
                    .at(origin, c.variable.span)
                    .hint(format!(
                        "{}; register it with `variables: {name}=…`, the environment variable `{}_VAR` or `register_custom_variables`",
                        unknown_name_hint(name, "registered variables", &self.variable_names()),
                        name.to_ascii_uppercase()
                    )),
            );
            return None;
        };
        let source = pattern::split_delimited(&c.regex.text, c.regex.span.start);
        let condition = match pattern::compile_condition(&source, origin, "condition regex") {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                return None;
            }
        };
        let value = entry.value.clone();
        let (matched, note) = match &value {
            None => {
                warnings.push(
                    Diagnostic::notice("condition false", format!("mapping {}: variable `{name}` has no value, so `{}` is false", index + 1, condition_text(c)))
                        .at(origin, c.variable.span),
                );
                (false, Some("no value".to_string()))
            }
            Some(v) if condition.matches(v) => (true, None),
            Some(v) if condition.occurs_inside(v) => {
                let note = format!(
                    "`{}` occurs inside `{v}` but does not match all of it: conditions are anchored (dreitier matched anywhere); write `.*{}.*` to match anywhere",
                    c.regex.text, c.regex.text
                );
                warnings.push(
                    Diagnostic::warning("condition anchored", format!("mapping {}: condition `{}` is false for `{v}`", index + 1, condition_text(c)))
                        .at(origin, c.regex.span)
                        .hint(note.clone()),
                );
                (false, Some(note))
            }
            Some(_) => (false, None),
        };
        Some(ConditionReport { variable: name.clone(), value, regex: c.regex.text.clone(), matched, note })
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Every variable with a value, for the step's outputs.
    pub fn outputs(&self) -> Vec<(String, String)> {
        self.variables.iter().filter_map(|(n, e)| e.value.clone().map(|v| (n.clone(), v))).collect()
    }

    pub fn report(&self) -> Report {
        let variables = self
            .variables
            .iter()
            .map(|(n, e)| NamedValue { name: n.clone(), value: e.value.clone(), source: e.source.clone() })
            .collect();
        let regexes = self
            .regexes
            .iter()
            .map(|(n, e)| RegexReport {
                name: n.clone(),
                pattern: e.value.clone(),
                source: e.source.clone(),
                groups: self.compiled.get(n).map(|c| c.groups.iter().map(|g| g.variable.clone()).collect()).unwrap_or_default(),
            })
            .collect();
        let mappings = self
            .mappings
            .iter()
            .enumerate()
            .map(|(index, m)| MappingReport {
                index,
                text: m.text.clone(),
                active: m.active,
                conditions: m.conditions.clone(),
                targets: m.targets.iter().map(|t| TargetReport { glob: t.glob_text.clone(), regexes: t.regexes.clone() }).collect(),
            })
            .collect();
        let roots = |active_only: bool| {
            minimal_roots(
                self.mappings
                    .iter()
                    .filter(|m| m.active || !active_only)
                    .flat_map(|m| &m.targets)
                    .filter_map(|t| t.glob.as_ref())
                    .map(|g| g.root.as_str()),
            )
        };
        let mut walk_plans: Vec<Vec<crate::glob::WalkStep>> = Vec::new();
        for glob in self.mappings.iter().filter(|m| m.active).flat_map(|m| &m.targets).filter_map(|t| t.glob.as_ref()) {
            let plan = glob.walk_steps();
            if !walk_plans.contains(&plan) {
                walk_plans.push(plan);
            }
        }
        Report { variables, regexes, mappings, walk_roots: roots(true), all_walk_roots: roots(false), walk_plans }
    }

    fn candidate(&self, path: &str) -> bool {
        let in_git = path == ".git" || path.starts_with(".git/") || memchr::memmem::find(path.as_bytes(), b"/.git/").is_some();
        let suffix = &self.options.updated_file_suffix;
        let generated = !suffix.is_empty() && path.ends_with(suffix.as_str());
        !in_git && !generated && !self.exclude.iter().any(|g| g.is_match(path))
    }

    /// Whether the directory `dir` (relative, `/`-separated) may hold a file that a glob of an
    /// active mapping (or of any mapping, with `all`) selects: the walk skips it otherwise.
    pub fn may_hold_selected(&self, dir: &str, all: bool) -> bool {
        if dir == ".git" || dir.ends_with("/.git") {
            return false;
        }
        self.mappings
            .iter()
            .filter(|m| all || m.active)
            .flat_map(|m| &m.targets)
            .filter_map(|t| t.glob.as_ref())
            .any(|g| g.may_match_below(dir))
    }

    /// Which of `paths` (relative, `/`-separated) the globs select.
    pub fn select<S: AsRef<str>>(&self, paths: &[S]) -> Selection {
        let mut targets: Vec<TargetSelection> = Vec::new();
        for (mi, m) in self.mappings.iter().enumerate() {
            for (ti, t) in m.targets.iter().enumerate() {
                targets.push(TargetSelection { mapping: mi, target: ti, glob: t.glob_text.clone(), active: m.active, files: Vec::new() });
            }
        }
        let mut files = Vec::new();
        for (i, matched) in self.select_indices(paths) {
            let path = paths[i].as_ref();
            for &k in &matched {
                targets[k as usize].files.push(path.to_string());
            }
            if matched.iter().any(|&k| targets[k as usize].active) {
                files.push(path.to_string());
            }
        }
        Selection { files, targets }
    }

    /// `select` as positions: for each of `paths` some glob selects, its position in `paths` and
    /// the targets whose globs select it (positions in the list of every mapping's targets, in
    /// order; those of inactive mappings included). The selection of `select` without a copy of
    /// each path to send back.
    pub fn select_indices<S: AsRef<str>>(&self, paths: &[S]) -> Vec<(usize, Vec<u32>)> {
        let mut out = Vec::new();
        let mut memo = self.selected.borrow_mut();
        for (i, path) in paths.iter().enumerate() {
            let path = path.as_ref();
            if !self.candidate(path) {
                continue;
            }
            let mut matched = Vec::new();
            let mut active_targets = Vec::new();
            let mut k = 0;
            for m in &self.mappings {
                for t in &m.targets {
                    if t.glob.as_ref().is_some_and(|g| g.is_match(path)) {
                        matched.push(k);
                        if m.active {
                            active_targets.push(k);
                        }
                    }
                    k += 1;
                }
            }
            if !active_targets.is_empty() {
                memo.insert(path, active_targets);
            }
            if !matched.is_empty() {
                out.push((i, matched));
            }
        }
        out
    }

    /// Applies every active mapping that selects `path` to its content.
    pub fn apply(&self, path: &str, bytes: &[u8]) -> FileResult {
        let mut result = FileResult { path: path.to_string(), status: Status::Unchanged, content: None, edits: Vec::new(), warnings: Vec::new() };
        let known = self.selected.borrow_mut().get(path).map(<[u32]>::to_vec);
        let steps = match known {
            Some(targets) => self.steps(path, Some(&targets)),
            None if self.candidate(path) => self.steps(path, None),
            None => Vec::new(),
        };
        if steps.is_empty() {
            return result;
        }
        let text = match checked_text(bytes) {
            Ok(text) => text,
            Err(reason) => {
                result.status = Status::Skipped;
                result.warnings.push(
                    Diagnostic::warning("file skipped", format!("`{path}` skipped: {reason}; it was not changed")).path(path),
                );
                return result;
            }
        };
        // Match after a byte-order mark, so `^` sees the first line; the mark is kept.
        let (bom, body) = match text.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", text),
        };
        let mut current: Option<String> = None;
        for step in &steps {
            let input = current.as_deref().unwrap_or(body);
            match apply_step(input, step, &mut result.edits) {
                Ok(Some(next)) => current = Some(next),
                Ok(None) => {}
                Err(_) => {
                    // Nothing of this file is written: leave it as it was, and say why.
                    result.status = Status::Skipped;
                    result.edits.clear();
                    result.warnings.push(
                        Diagnostic::warning(
                            "file skipped",
                            format!(
                                "`{path}` skipped: matching regex `{}` on it did not finish within its work budget \
                                 (the regex rescans the rest of the file after each match); it was not changed",
                                step.name
                            ),
                        )
                        .path(path)
                        .hint("an alternative that scans far and fails, before one that matches a little (`[a-z]*x|a`), takes time quadratic in the file: start the regex with literal text (`tag: …`), or make its alternatives start differently"),
                    );
                    return result;
                }
            }
        }
        if let Some(new_body) = current {
            // Not "a step replaced something": replacements can rebuild the same text (a group
            // emptied next to an empty one filled with what it held; a later step undoing an
            // earlier one), which is no change.
            if new_body != body {
                result.status = Status::Changed;
                result.content = Some(if bom.is_empty() {
                    new_body.into_bytes()
                } else {
                    let mut out = Vec::with_capacity(bom.len() + new_body.len());
                    out.extend_from_slice(bom.as_bytes());
                    out.extend_from_slice(new_body.as_bytes());
                    out
                });
            }
        }
        result
    }

    /// The regexes to apply to `path`, in order, from the active targets that select it: those
    /// `select` found (`known`: positions in the flattened target list), or else by matching.
    fn steps(&self, path: &str, known: Option<&[u32]>) -> Vec<Step<'_>> {
        let mut steps = Vec::new();
        let mut k = 0u32;
        for m in &self.mappings {
            for t in &m.targets {
                k += 1;
                let selects = match known {
                    Some(targets) => targets.contains(&(k - 1)),
                    None => m.active && t.glob.as_ref().is_some_and(|g| g.is_match(path)),
                };
                if !selects {
                    continue;
                }
                for name in &t.regexes {
                    let Some(c) = self.compiled.get(name) else { continue };
                    steps.push(Step {
                        name,
                        regex: &c.regex,
                        groups: c.groups.iter().map(|g| (g, self.value(&g.variable))).collect(),
                    });
                }
            }
        }
        steps
    }

    /// The commit message for `modified_files` (relative paths): the `commit_template`, or a
    /// default that names the new value and the directories touched.
    pub fn commit_message<S: AsRef<str>>(&self, modified_files: &[S]) -> String {
        let files: Vec<&str> = modified_files.iter().map(AsRef::as_ref).collect();
        let dirs: BTreeSet<&str> = files.iter().map(|f| f.rsplit_once('/').map_or(".", |(d, _)| d)).collect();
        let dirs: Vec<&str> = dirs.into_iter().collect();
        let environments = if dirs.len() > 4 { format!("{} directories", dirs.len()) } else { dirs.join(", ") };
        if let Some(t) = &self.template {
            let mut values: BTreeMap<String, String> = self.outputs().into_iter().collect();
            values.insert("total_modified_files".into(), files.len().to_string());
            values.insert("modified_files".into(), files.join(", "));
            values.insert("environments".into(), environments);
            return t.render(&values);
        }
        let subject = match (self.value("docker_image_tag"), self.value("git_tag"), self.value("git_branch")) {
            (Some(tag), _, _) | (None, Some(tag), _) => format!("Promote {tag} to {environments}"),
            (None, None, Some(branch)) => format!("Update {environments} from {branch}"),
            _ => format!("Update {environments}"),
        };
        let mut body = String::new();
        for f in files.iter().take(50) {
            let _ = writeln!(body, "- {f}");
        }
        if files.len() > 50 {
            let _ = writeln!(body, "- and {} more", files.len() - 50);
        }
        format!("{subject}\n\n{body}")
    }

    /// The `dump: true` text: variables, regexes, globs with the files they select, mappings.
    pub fn dump(&self, selection: &Selection) -> String {
        let mut out = String::from("variables:\n");
        for (name, e) in &self.variables {
            let value = e.value.as_ref().map_or_else(|| "(no value)".to_string(), |v| format!("{v:?}"));
            let _ = writeln!(out, "  {name} = {value}  [{}]", e.source);
        }
        out.push_str("regexes:\n");
        if self.regexes.is_empty() {
            out.push_str("  (none)\n");
        }
        for (name, e) in &self.regexes {
            let pattern = e.value.as_deref().unwrap_or("(no pattern)");
            let groups: Vec<String> =
                self.compiled.get(name).map(|c| c.groups.iter().map(|g| g.variable.clone()).collect()).unwrap_or_default();
            let _ = writeln!(out, "  {name} = {pattern}  [{}] groups: {}", e.source, if groups.is_empty() { "none".into() } else { list_names(&groups) });
        }
        out.push_str("globs:\n");
        for t in &selection.targets {
            let _ = writeln!(out, "  mapping {} target {}: {} selects {} file(s)", t.mapping + 1, t.target + 1, t.glob, t.files.len());
            for f in &t.files {
                let _ = writeln!(out, "    {f}");
            }
        }
        out.push_str("mappings:\n");
        for (i, m) in self.mappings.iter().enumerate() {
            let _ = writeln!(out, "  mapping {}: {}", i + 1, if m.active { "active" } else { "inactive" });
            let _ = writeln!(out, "    {}", m.text.split_whitespace().collect::<Vec<_>>().join(" "));
            for c in &m.conditions {
                let value = c.value.as_ref().map_or_else(|| "(no value)".to_string(), |v| format!("{v:?}"));
                let _ = writeln!(out, "    {}=={} with {} = {value}: {}", c.variable, c.regex, c.variable, if c.matched { "true" } else { "false" });
            }
        }
        out
    }
}

fn condition_text(c: &dsl::Condition) -> String {
    format!("{}=={}", c.variable.text, c.regex.text)
}

fn parse_options(inputs: &Inputs, errors: &mut Vec<Diagnostic>) -> Options {
    let text = |name: &str| inputs.get(name).trim().to_string();
    let directory = text("directory");
    Options {
        directory: (!directory.is_empty()).then_some(directory),
        updated_file_suffix: text("updated_file_suffix"),
        max_file_size: inputs.size("max_file_size", errors),
        dry_run: inputs.boolean("dry_run", errors),
        dump: inputs.boolean("dump", errors),
        if_no_match_fail: inputs.boolean("if_no_match_fail", errors),
        if_well_known_vars_missing_fail: inputs.boolean("if_well_known_vars_missing_fail", errors),
        well_known_vars_missing: false,
        commit: inputs.boolean("commit", errors),
        push: inputs.boolean("push", errors),
        push_retries: inputs.count("push_retries", errors),
        push_branch: text("push_branch"),
        committer_name: text("committer_name"),
        committer_email: text("committer_email"),
        // Templates keep their inner whitespace; only the ends are trimmed.
        commit_template: text("commit_template"),
    }
}

fn compile_exclude(inputs: &Inputs, errors: &mut Vec<Diagnostic>) -> Vec<Glob> {
    let origin = inputs.origin("exclude");
    let mut globs = Vec::new();
    let mut start = 0;
    for line in origin.text.split('\n') {
        let line_start = start;
        start += line.len() + 1;
        let body = line.trim_end_matches('\r');
        let glob = body.trim();
        if glob.is_empty() || glob.starts_with('#') {
            continue;
        }
        let at = line_start + (body.len() - body.trim_start().len());
        match Glob::new(glob, &origin, Span::new(at, at + glob.len())) {
            Ok(g) => globs.push(g),
            Err(e) => errors.push(e),
        }
    }
    globs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(inputs: &[(&str, &str)], env: &[(&str, &str)]) -> Engine {
        let config = Config {
            inputs: inputs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            env: env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        };
        Engine::new(&config)
    }

    fn messages(e: &Engine) -> Vec<String> {
        e.diagnostics().iter().map(|d| format!("{}: {}", d.title, d.message)).collect()
    }

    const TAG_RE: &str = r#"imageTag: "(?<docker_image_tag>.*)""#;

    #[test]
    fn apply_uses_the_targets_select_found_for_each_path() {
        let e = engine(
            &[
                ("mappings", "__always__ {THEN_UPDATE_FILES} a/*=a_regex {NEXT_MAPPING} __always__ {THEN_UPDATE_FILES} b/*=b_regex"),
                ("regexes", "a_regex=A: (?<docker_image_tag>.*)\nb_regex=B: (?<docker_image_tag>.*)"),
                ("docker_image_tag", "2"),
            ],
            &[],
        );
        let selection = e.select(&["b/f", "a/f", "c/f"]);
        assert_eq!(selection.files, ["b/f", "a/f"]);
        let content = |path: &str| String::from_utf8(e.apply(path, b"A: 1\nB: 1\n").content.unwrap_or_default()).unwrap();
        assert_eq!(content("a/f"), "A: 2\nB: 1\n");
        assert_eq!(content("b/f"), "A: 1\nB: 2\n");
        assert_eq!(content("c/f"), "", "not selected: unchanged");
    }

    #[test]
    fn a_file_whose_matching_runs_out_of_budget_is_left_unchanged_with_a_warning() {
        let e = engine(
            &[
                ("mappings", "__always__ {THEN_UPDATE_FILES} f=slow&tag"),
                ("regexes", "slow=(?<docker_image_tag>[a-z]*x|a)\ntag=t: (?<docker_image_tag>.*)"),
                ("docker_image_tag", "b"),
            ],
            &[],
        );
        assert!(!e.has_errors(), "{:?}", messages(&e));
        let content = format!("t: 1\n{}\n", "a".repeat(20_000));
        let result = e.apply("f", content.as_bytes());
        assert_eq!(result.status, Status::Skipped);
        assert!(result.content.is_none() && result.edits.is_empty());
        let w = &result.warnings[0];
        assert_eq!(
            w.message,
            "`f` skipped: matching regex `slow` on it did not finish within its work budget (the regex rescans the rest of the file after each match); it was not changed"
        );
        assert!(w.hint.as_deref().unwrap().contains("`[a-z]*x|a`"));
        // The same regexes on an ordinary file change it.
        let ok = e.apply("f", b"t: 1\nab\n");
        assert_eq!(ok.status, Status::Changed);
    }

    #[test]
    fn diagnostics() {
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [&'a str]);
        let cases: &[Case] = &[
            ("missing mappings", &[], &["missing mappings: input `mappings` is required"]),
            ("errors in every mapping", &[("mappings", "a==( {THEN_UPDATE_FILE} x=r {NEXT_MAPPING} b {THEN_UPDATE_FILES} y=s")], &[
                "unknown keyword: unknown keyword `{THEN_UPDATE_FILE}`",
                "unknown variable: unknown variable `a` in condition",
                "unknown regex: unknown regex `r`",
                "unknown variable: unknown variable `b` in condition",
                "unknown regex: unknown regex `s`",
            ]),
            ("unknown variable", &[("mappings", "docker_imag_tag==x")], &["unknown variable: unknown variable `docker_imag_tag` in condition"]),
            ("known without value is a notice", &[("mappings", "git_tag==v.*")], &["condition false: mapping 1: variable `git_tag` has no value, so `git_tag==v.*` is false"]),
            ("unknown regex", &[("mappings", "__always__ {THEN_UPDATE_FILES} x=docker_image_tag_rgex"), ("docker_image_tag_regex", TAG_RE)], &["unknown regex: unknown regex `docker_image_tag_rgex`"]),
            ("empty regex used", &[("mappings", "__always__ {THEN_UPDATE_FILES} x=git_tag_regex")], &["empty regex: regex `git_tag_regex` is used here but has no pattern"]),
            ("inactive mapping still validated", &[("mappings", "git_tag==v1 {THEN_UPDATE_FILES} x=bad_regex"), ("regexes", "bad_regex=(?<nope>x)")], &["unknown variable: group `nope` in regex `bad_regex` names no known variable", "condition false: mapping 1: variable `git_tag` has no value, so `git_tag==v1` is false"]),
            ("bad condition regex", &[("mappings", "__always__==(x")], &["invalid regex: invalid condition regex: unclosed group"]),
            ("bad glob", &[("mappings", "__always__ {THEN_UPDATE_FILES} ../x")], &["invalid glob: glob `../x` leaves the directory with `..`", "no regex: target `../x` applies every regex, but none is registered"]),
            ("bad exclude", &[("mappings", "__always__"), ("exclude", "ok/**\n/abs")], &["invalid glob: glob `/abs` is an absolute path", "no regex: target `**` applies every regex, but none is registered"]),
            ("bad template", &[("mappings", "__always__"), ("commit_template", "@if($x)")], &["template error: Blade directive `@if` is not supported", "no regex: target `**` applies every regex, but none is registered"]),
            ("value without value in group", &[("mappings", "__always__ {THEN_UPDATE_FILES} x=docker_image_tag_regex"), ("docker_image_tag_regex", TAG_RE)], &["variable without value: variable `docker_image_tag` has no value in this run: spans of group `docker_image_tag` in regex `docker_image_tag_regex` are kept unchanged"]),
        ];
        for (case, inputs, want) in cases {
            assert_eq!(messages(&engine(inputs, &[])), *want, "{case}");
        }
        let targets = [("mappings", "__always__ {THEN_UPDATE_FILES} x=docker_image_tag_regex"), ("docker_image_tag_regex", TAG_RE), ("docker_image_tag", "1")];
        let e = engine(&targets, &[("BROKEN_REGEX", "(")]);
        assert!(!e.has_errors(), "an unused broken regex does not fail the run");
        assert_eq!(messages(&e), ["invalid regex: invalid regex `broken_regex`: unclosed group (unused, so ignored)"]);
        let e = engine(&[("mappings", "__always__")], &[("BROKEN_REGEX", "(")]);
        assert!(e.has_errors(), "`*` (the default target) uses every regex");
    }

    #[test]
    fn well_known_missing() {
        assert!(engine(&[("mappings", "__always__")], &[]).options().well_known_vars_missing);
        assert!(!engine(&[("mappings", "__always__")], &[("GIT_TAG", "v1")]).options().well_known_vars_missing);
        assert!(!engine(&[("mappings", "__always__"), ("variables", "git_branch=main")], &[]).options().well_known_vars_missing);
    }

    #[test]
    fn or_mapping_applied_once_and_exclude() {
        let e = engine(
            &[
                ("mappings", "__always__ {OR} __true__ {THEN_UPDATE_FILES} **/*.yaml=r"),
                ("regexes", "r=n: (?<docker_image_tag>\\d+)"),
                ("docker_image_tag", "1"),
                ("exclude", "vendor/**"),
                ("updated_file_suffix", ".new"),
            ],
            &[],
        );
        let s = e.select(&["a.yaml", "vendor/b.yaml", "a.yaml.new", ".git/c.yaml", "sub/.git/d.yaml"]);
        assert_eq!(s.files, ["a.yaml"]);
        let r = e.apply("a.yaml", b"n: 0\n");
        assert_eq!(r.edits.len(), 1);
        assert_eq!(r.content.unwrap(), b"n: 1\n");
        assert_eq!(e.apply("vendor/b.yaml", b"n: 0\n").status, Status::Unchanged, "excluded paths are never changed");
    }

    #[test]
    fn later_regex_sees_earlier_replacement() {
        let e = engine(
            &[
                ("mappings", "__always__ {THEN_UPDATE_FILES} f=a_regex&b_regex"),
                ("regexes", "a_regex=tag: (?<docker_image_tag>\\S+)\nb_regex=tag: (?<git_tag>2\\.0)"),
                ("docker_image_tag", "2.0"),
                ("git_tag", "3.0"),
            ],
            &[],
        );
        let r = e.apply("f", b"tag: 1.0\n");
        assert_eq!(String::from_utf8(r.content.unwrap()).unwrap(), "tag: 3.0\n");
    }

    #[test]
    fn commit_messages() {
        let e = engine(&[("mappings", "__always__"), ("docker_image_tag", "1.4-dev")], &[]);
        assert_eq!(e.commit_message(&["environments/dev/values.yaml"]), "Promote 1.4-dev to environments/dev\n\n- environments/dev/values.yaml\n");
        let e = engine(&[("mappings", "__always__"), ("git_branch", "main")], &[]);
        assert_eq!(e.commit_message(&["a/x", "b/y", "a/z"]), "Update a, b from main\n\n- a/x\n- b/y\n- a/z\n");
        let e = engine(
            &[("mappings", "__always__"), ("docker_image_tag", "2"), ("commit_template", "Deploy {{ $docker_image_tag }}{% if git_branch %} from {{ git_branch }}{% endif %} ({{ total_modified_files }}: {{ environments }})")],
            &[],
        );
        assert_eq!(e.commit_message(&["prod/values.yaml"]), "Deploy 2 (1: prod)");
    }
}
