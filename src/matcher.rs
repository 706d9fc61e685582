//! The replacement regexes' own matcher: a Pike VM over a Thompson NFA compiled from the HIR that
//! validation already produced (`pattern.rs`).
//!
//! Why not only the `regex` crate: the action runs once per process, so what it pays is mostly
//! V8 compiling, on first call, the wasm code a run touches. Building a `regex::Regex` goes through
//! the crate's parser again, its NFA compiler (with UTF-8 automata and their caches), literal
//! extraction, prefilter and strategy selection — about a third of the engine's start-up
//! (BENCHMARKS.md). This matcher is a few hundred lines on the HIR already translated.
//!
//! It gives exactly the `regex` crate's results, not an approximation: the crate (without its
//! DFA features, as this build has it) searches with a Pike VM too, and this one follows the same
//! construction (`regex-automata`'s Thompson compiler: the same states for alternation, captures
//! and each form of repetition) and the same simulation (threads in priority order, an epsilon
//! closure that visits each state once per position, leftmost-first: a match cuts the threads
//! below it). The differences are in representation only: it steps over characters, not bytes
//! (the text is valid UTF-8, every pattern here is Unicode-aware), and keeps slots only for group
//! 0 and the named groups. `tests/properties.rs` and the `apply` fuzz target check the equality
//! against the crate on random patterns and texts.
//!
//! Conditions (`Condition::Regex` in `pattern.rs`) are compiled here too, so the engine carries
//! no other regex implementation: the `regex` crate is only a reference in the tests. A regex
//! over `MAX_STATES` states (large counted repetitions) is refused with an error.
//!
//! Linear time: one search visits each position of the text once, with at most one thread per
//! state. Finding every match can take longer, as with the `regex` crate: when a high-priority
//! alternative scans far ahead and fails each time a lower one matches (`[a-z]*x|a` on a long
//! run of `a`), each of n matches rescans the rest of the text — n² steps, hours on a big file.
//! So a file gets a work budget of several full passes (`Exhausted`): past it, matching stops
//! and the engine leaves the file unchanged with a warning, instead of hanging.

use regex_syntax::hir::{Class, Hir, HirKind, Look};
use std::cell::RefCell;

/// A regex compiling to more states is refused ("too big"): each search keeps a thread table
/// the size of the program.
pub const MAX_STATES: usize = 50_000;
const NONE: usize = usize::MAX;

#[derive(Debug, Clone)]
enum State {
    /// One character in one of the ranges (sorted, disjoint), then `next`.
    Class { ranges: Box<[(char, char)]>, next: usize },
    /// Epsilon transitions in priority order.
    Union { alts: Vec<usize> },
    /// A union whose alternatives are patched in reverse priority (lazy repetition).
    UnionReverse { alts: Vec<usize> },
    /// Records the position in `slot` (or nothing: `NONE`, an unnamed group).
    Capture { slot: usize, next: usize },
    Look { look: Look, next: usize },
    Empty { next: usize },
    Match,
    Fail,
}

/// A compiled replacement regex.
#[derive(Debug, Clone)]
pub struct Program {
    states: Vec<State>,
    start: usize,
    /// Slot count: 2 per kept group (group 0 first, then the named groups in index order).
    slots: usize,
    /// Capture index → slot pair (index into the kept groups), for the named groups and 0.
    group_slots: Vec<Option<usize>>,
    /// How the search skips to where a match can start, when nothing is under way.
    skip: Skip,
    /// The usual shape `P(C*)S`, matched without the VM (`Simple`).
    simple: Option<Simple>,
    /// The search's thread tables, kept from one search to the next (one per program: the
    /// engine runs one search at a time).
    cache: RefCell<Option<Cache>>,
}

struct Builder {
    states: Vec<State>,
    group_slots: Vec<Option<usize>>,
}

/// (start, end) of a compiled fragment; `end` still has its exit to patch.
#[derive(Clone, Copy)]
struct Frag {
    start: usize,
    end: usize,
}

impl Builder {
    fn add(&mut self, s: State) -> Option<usize> {
        if self.states.len() >= MAX_STATES {
            return None;
        }
        self.states.push(s);
        Some(self.states.len() - 1)
    }

    fn patch(&mut self, from: usize, to: usize) {
        match &mut self.states[from] {
            State::Class { next, .. } | State::Capture { next, .. } | State::Look { next, .. } | State::Empty { next } => {
                *next = to
            }
            State::Union { alts } | State::UnionReverse { alts } => alts.push(to),
            State::Match | State::Fail => {}
        }
    }

    fn empty(&mut self) -> Option<Frag> {
        let id = self.add(State::Empty { next: NONE })?;
        Some(Frag { start: id, end: id })
    }

    fn union(&mut self, greedy: bool) -> Option<usize> {
        self.add(if greedy { State::Union { alts: Vec::new() } } else { State::UnionReverse { alts: Vec::new() } })
    }

    fn c(&mut self, hir: &Hir) -> Option<Frag> {
        match hir.kind() {
            HirKind::Empty => self.empty(),
            HirKind::Literal(lit) => {
                let text = std::str::from_utf8(&lit.0).ok()?;
                let mut frag: Option<Frag> = None;
                for ch in text.chars() {
                    let id = self.add(State::Class { ranges: Box::new([(ch, ch)]), next: NONE })?;
                    frag = Some(match frag {
                        None => Frag { start: id, end: id },
                        Some(f) => {
                            self.patch(f.end, id);
                            Frag { start: f.start, end: id }
                        }
                    });
                }
                match frag {
                    Some(f) => Some(f),
                    None => self.empty(),
                }
            }
            HirKind::Class(Class::Unicode(class)) => self.class(class.ranges().iter().map(|r| (r.start(), r.end())).collect()),
            // `(?-u:…)` classes: in a Unicode regex they are ASCII (the translator refuses others).
            HirKind::Class(Class::Bytes(class)) => {
                if !class.is_ascii() {
                    return None;
                }
                self.class(class.ranges().iter().map(|r| (char::from(r.start()), char::from(r.end()))).collect())
            }
            HirKind::Look(look) => {
                let id = self.add(State::Look { look: *look, next: NONE })?;
                Some(Frag { start: id, end: id })
            }
            HirKind::Capture(cap) => {
                let slot = self.group_slots.get(cap.index as usize).copied().flatten().map_or(NONE, |g| g * 2);
                let start = self.add(State::Capture { slot, next: NONE })?;
                let inner = self.c(&cap.sub)?;
                let end = self.add(State::Capture { slot: if slot == NONE { NONE } else { slot + 1 }, next: NONE })?;
                self.patch(start, inner.start);
                self.patch(inner.end, end);
                Some(Frag { start, end })
            }
            HirKind::Concat(items) => {
                let mut iter = items.iter();
                let first = match iter.next() {
                    Some(h) => self.c(h)?,
                    None => return self.empty(),
                };
                let mut end = first.end;
                for h in iter {
                    let f = self.c(h)?;
                    self.patch(end, f.start);
                    end = f.end;
                }
                Some(Frag { start: first.start, end })
            }
            HirKind::Alternation(items) => {
                let mut iter = items.iter();
                let first = match iter.next() {
                    Some(h) => self.c(h)?,
                    None => {
                        let id = self.add(State::Fail)?;
                        return Some(Frag { start: id, end: id });
                    }
                };
                let Some(second) = iter.next() else { return Some(first) };
                let second = self.c(second)?;
                let union = self.union(true)?;
                let end = self.add(State::Empty { next: NONE })?;
                self.patch(union, first.start);
                self.patch(first.end, end);
                self.patch(union, second.start);
                self.patch(second.end, end);
                for h in iter {
                    let f = self.c(h)?;
                    self.patch(union, f.start);
                    self.patch(f.end, end);
                }
                Some(Frag { start: union, end })
            }
            HirKind::Repetition(rep) => match (rep.min, rep.max) {
                (0, Some(1)) => {
                    let union = self.union(rep.greedy)?;
                    let f = self.c(&rep.sub)?;
                    let empty = self.add(State::Empty { next: NONE })?;
                    self.patch(union, f.start);
                    self.patch(union, empty);
                    self.patch(f.end, empty);
                    Some(Frag { start: union, end: empty })
                }
                (min, None) => self.at_least(&rep.sub, rep.greedy, min),
                (min, Some(max)) if min == max => self.exactly(&rep.sub, min),
                (min, Some(max)) => {
                    let prefix = self.exactly(&rep.sub, min)?;
                    let empty = self.add(State::Empty { next: NONE })?;
                    let mut prev_end = prefix.end;
                    for _ in min..max {
                        let union = self.union(rep.greedy)?;
                        let f = self.c(&rep.sub)?;
                        self.patch(prev_end, union);
                        self.patch(union, f.start);
                        self.patch(union, empty);
                        prev_end = f.end;
                    }
                    self.patch(prev_end, empty);
                    Some(Frag { start: prefix.start, end: empty })
                }
            },
        }
    }

    /// One character in `ranges`; an empty class never matches.
    fn class(&mut self, ranges: Box<[(char, char)]>) -> Option<Frag> {
        let id = self.add(if ranges.is_empty() { State::Fail } else { State::Class { ranges, next: NONE } })?;
        Some(Frag { start: id, end: id })
    }

    fn exactly(&mut self, hir: &Hir, n: u32) -> Option<Frag> {
        if n == 0 {
            return self.empty();
        }
        let first = self.c(hir)?;
        let mut end = first.end;
        for _ in 1..n {
            let f = self.c(hir)?;
            self.patch(end, f.start);
            end = f.end;
        }
        Some(Frag { start: first.start, end })
    }

    fn at_least(&mut self, hir: &Hir, greedy: bool, n: u32) -> Option<Frag> {
        if n == 0 {
            if hir.properties().minimum_len().is_some_and(|len| len > 0) {
                let union = self.union(greedy)?;
                let f = self.c(hir)?;
                self.patch(union, f.start);
                self.patch(f.end, union);
                return Some(Frag { start: union, end: union });
            }
            // `(?:e+)?` when `e` can match the empty string, as regex-automata compiles it.
            let f = self.c(hir)?;
            let plus = self.union(greedy)?;
            self.patch(f.end, plus);
            self.patch(plus, f.start);
            let question = self.union(greedy)?;
            let empty = self.add(State::Empty { next: NONE })?;
            self.patch(question, f.start);
            self.patch(question, empty);
            self.patch(plus, empty);
            Some(Frag { start: question, end: empty })
        } else if n == 1 {
            let f = self.c(hir)?;
            let union = self.union(greedy)?;
            self.patch(f.end, union);
            self.patch(union, f.start);
            Some(Frag { start: f.start, end: union })
        } else {
            let prefix = self.exactly(hir, n - 1)?;
            let last = self.c(hir)?;
            let union = self.union(greedy)?;
            self.patch(prefix.end, last.start);
            self.patch(last.end, union);
            self.patch(union, last.start);
            Some(Frag { start: prefix.start, end: union })
        }
    }
}

/// Appends to `out` the literal text every match of `hir` starts with; true when all of `hir`
/// is that literal (so what follows it can extend the prefix).
fn literal_prefix(hir: &Hir, out: &mut String) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(s) => {
                out.push_str(s);
                true
            }
            Err(_) => false,
        },
        HirKind::Capture(cap) => literal_prefix(&cap.sub, out),
        HirKind::Concat(items) => items.iter().all(|h| literal_prefix(h, out)),
        _ => false,
    }
}

/// The shape of most replacement regexes, `P(C*)S` or `P(C+)S`: a literal `P`, a capture group
/// around a greedy repetition of one character class `C`, and a literal `S` (possibly empty),
/// e.g. `imageTag: "(?<docker_image_tag>[^"]*)"` or `tag: (?<t>.*)`. Its matches are found
/// without the VM, in one pass, with the same result (checked against the `regex` crate by
/// `tests/properties.rs` on random shapes and texts):
/// - a match starts at an occurrence `p` of `P` (leftmost first); the class then runs greedily
///   to `q`, the first character after `p + |P|` not in `C` (or the end);
/// - the greedy repetition gives back characters until `S` matches: the match ends after the
///   last occurrence of `S` starting in `[p + |P| + min, q]` (`S` may run past `q`: its
///   characters need not be in `C`); with none, no match starts at `p`;
/// - then no match can start at an occurrence of `P` before `q - |P| + 1` either (its class run
///   would end at the same `q`, its range for `S` lie inside the one that had none): the search
///   goes on from there, so each character is read a bounded number of times (linear, as the VM).
#[derive(Debug, Clone)]
struct Simple {
    prefix: memchr::memmem::Finder<'static>,
    prefix_len: usize,
    /// `C`: the ASCII characters as a bitmap, the others as sorted ranges.
    ascii: u128,
    ranges: Box<[(char, char)]>,
    /// The repetition's minimum: 0 (`*`) or 1 (`+`).
    min: usize,
    suffix: Box<[u8]>,
    /// The capture group's index.
    group: usize,
}

impl Simple {
    fn of(hir: &Hir) -> Option<Simple> {
        let HirKind::Concat(items) = hir.kind() else { return None };
        let at = items.iter().position(|h| matches!(h.kind(), HirKind::Capture(_)))?;
        let literal = |hs: &[Hir]| -> Option<Vec<u8>> {
            let mut out = Vec::new();
            for h in hs {
                let HirKind::Literal(lit) = h.kind() else { return None };
                out.extend_from_slice(&lit.0);
            }
            Some(out)
        };
        let (prefix, suffix) = (literal(&items[..at])?, literal(&items[at + 1..])?);
        let HirKind::Capture(cap) = items[at].kind() else { return None };
        let HirKind::Repetition(rep) = cap.sub.kind() else { return None };
        let HirKind::Class(Class::Unicode(class)) = rep.sub.kind() else { return None };
        if prefix.is_empty() || rep.max.is_some() || rep.min > 1 || !rep.greedy {
            return None;
        }
        let ranges: Box<[(char, char)]> = class.ranges().iter().map(|r| (r.start(), r.end())).collect();
        Some(Simple::new(&prefix, ranges, rep.min as usize, &suffix, cap.index as usize))
    }

    /// `P(C*)S` (`min` 0) or `P(C+)S` (`min` 1) with `C` as canonical ranges (sorted, disjoint,
    /// not adjacent: as regex-syntax gives them) and the group's capture index.
    fn new(prefix: &[u8], ranges: Box<[(char, char)]>, min: usize, suffix: &[u8], group: usize) -> Simple {
        let mut ascii = 0u128;
        for &(lo, hi) in ranges.iter() {
            for c in (lo as u32)..=(hi as u32).min(127) {
                ascii |= 1 << c;
            }
        }
        Simple {
            prefix: memchr::memmem::Finder::new(prefix).into_owned(),
            prefix_len: prefix.len(),
            ascii,
            ranges,
            min,
            suffix: suffix.into(),
            group,
        }
    }

    fn contains(&self, c: char) -> bool {
        if (c as u32) < 128 {
            return self.ascii & (1 << c as u32) != 0;
        }
        self.ranges.binary_search_by(|&(lo, hi)| if hi < c { std::cmp::Ordering::Less } else if lo > c { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Equal }).is_ok()
    }

    /// Every match, as (whole match, capture group) spans, in order.
    fn for_each_match(&self, text: &str, mut f: impl FnMut((usize, usize), (usize, usize))) {
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(found) = self.prefix.find(&bytes[from..]) {
            let p = from + found;
            let body = p + self.prefix_len;
            // The class's run: chars from `body` while in C (`q` its end), counting the first.
            let mut q = body;
            for c in text[body..].chars() {
                if !self.contains(c) {
                    break;
                }
                q += c.len_utf8();
            }
            let earliest = if self.min == 0 { body } else { text[body..q].chars().next().map_or(usize::MAX, |c| body + c.len_utf8()) };
            let end_of_search = (q + self.suffix.len()).min(bytes.len());
            let r = if earliest > q {
                None
            } else if self.suffix.is_empty() {
                Some(q)
            } else {
                memchr::memmem::rfind(&bytes[earliest..end_of_search], &self.suffix).map(|i| earliest + i)
            };
            match r {
                Some(r) => {
                    let end = r + self.suffix.len();
                    f((p, end), (body, r));
                    from = end;
                }
                None => from = (p + 1).max((q + 1).saturating_sub(self.prefix_len)),
            }
            if from > bytes.len() {
                break;
            }
        }
    }
}

/// Matching ran out of its work budget: the regex rescans the text after each match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exhausted;

/// Threads stepped per character of the text, beyond one pass with every state active, before
/// matching is given up (`Exhausted`).
const PASSES: u64 = 16;

/// Where a match can start.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // one per program
enum Skip {
    /// Anywhere.
    None,
    /// At an occurrence of this literal, which every match starts with.
    Prefix(memchr::memmem::Finder<'static>),
    /// At one of these (one to three) ASCII bytes: every match is non-empty and its first
    /// character is one of them (`(?i)tag` → `t`, `T`).
    Bytes(Vec<u8>),
}

impl Skip {
    /// The first position at or after `at` where a match can start, or `None`.
    fn next(&self, text: &[u8], at: usize) -> Option<usize> {
        let rest = &text[at..];
        let found = match self {
            Skip::None => Some(0),
            Skip::Prefix(finder) => finder.find(rest),
            Skip::Bytes(b) => match b.as_slice() {
                [a] => memchr::memchr(*a, rest),
                [a, b] => memchr::memchr2(*a, *b, rest),
                [a, b, c] => memchr::memchr3(*a, *b, *c, rest),
                _ => Some(0),
            },
        };
        found.map(|i| at + i)
    }
}

/// The ASCII bytes a match's first character can be, when there are at most three and no match
/// is empty: the characters the start state's closure can consume, look-arounds taken as passed
/// (so a superset, which is what skipping needs).
fn first_bytes(states: &[State], start: usize) -> Option<Vec<u8>> {
    let mut seen = vec![false; states.len()];
    let mut stack = vec![start];
    let mut bytes: Vec<u8> = Vec::new();
    while let Some(sid) = stack.pop() {
        if std::mem::replace(&mut seen[sid], true) {
            continue;
        }
        match &states[sid] {
            State::Match => return None,
            State::Fail => {}
            State::Class { ranges, .. } => {
                for &(lo, hi) in ranges.iter() {
                    if hi as u32 > 0x7F || (hi as u32 - lo as u32) >= 3 {
                        return None;
                    }
                    for c in lo..=hi {
                        if !bytes.contains(&(c as u8)) {
                            bytes.push(c as u8);
                        }
                    }
                    if bytes.len() > 3 {
                        return None;
                    }
                }
            }
            State::Union { alts } | State::UnionReverse { alts } => stack.extend(alts.iter().copied()),
            State::Capture { next, .. } | State::Look { next, .. } | State::Empty { next } => stack.push(*next),
        }
    }
    (!bytes.is_empty()).then_some(bytes)
}

impl Program {
    /// The usual shape `P(?<name>C*)S` (`min` 0) or `P(?<name>C+)S` (`min` 1), its one named
    /// group kept, built straight from its parts (`pattern::direct_simple`) without a HIR: what
    /// `compile` gives for the same regex (a test in `pattern` compares them). `ranges` as
    /// `Simple::new` takes them.
    pub fn simple(prefix: &str, ranges: Vec<(char, char)>, min: usize, suffix: &str) -> Program {
        let simple = Simple::new(prefix.as_bytes(), ranges.into_boxed_slice(), min, suffix.as_bytes(), 1);
        Program { states: Vec::new(), start: 0, slots: 4, group_slots: vec![Some(0), Some(1)], skip: Skip::None, simple: Some(simple), cache: RefCell::new(None) }
    }

    /// The parts of a program of the usual shape (prefix, ranges, min, suffix, group, and the
    /// slot layout), to compare two ways of building it.
    #[cfg(test)]
    pub(crate) fn simple_parts(&self) -> Option<(Vec<u8>, Vec<(char, char)>, usize, Vec<u8>, usize, usize, Vec<Option<usize>>, u128)> {
        let s = self.simple.as_ref()?;
        Some((s.prefix.needle().to_vec(), s.ranges.to_vec(), s.min, s.suffix.to_vec(), s.group, self.slots, self.group_slots.clone(), s.ascii))
    }

    /// Compiles `hir` (translated with the engine's flags), keeping slots for group 0 and the
    /// capture groups listed in `named` (by index). `None` when this matcher does not take it.
    pub fn compile(hir: &Hir, named: &[usize]) -> Option<Program> {
        let groups = hir.properties().explicit_captures_len() + 1;
        let mut group_slots = vec![None; groups];
        group_slots[0] = Some(0);
        let mut kept = 1;
        for &index in named {
            if index < groups && group_slots[index].is_none() {
                group_slots[index] = Some(kept);
                kept += 1;
            }
        }
        // The usual shape needs no VM: nothing of it is built (nor compiled by V8 at start-up).
        if let Some(simple) = Simple::of(hir) {
            return Some(Program { states: Vec::new(), start: 0, slots: kept * 2, group_slots, skip: Skip::None, simple: Some(simple), cache: RefCell::new(None) });
        }
        let mut b = Builder { states: Vec::new(), group_slots };
        let open = b.add(State::Capture { slot: 0, next: NONE })?;
        let inner = b.c(hir)?;
        let close = b.add(State::Capture { slot: 1, next: NONE })?;
        let done = b.add(State::Match)?;
        b.patch(open, inner.start);
        b.patch(inner.end, close);
        b.patch(close, done);
        for s in &mut b.states {
            if let State::UnionReverse { alts } = s {
                alts.reverse();
                *s = State::Union { alts: std::mem::take(alts) };
            }
        }
        let mut prefix = String::new();
        literal_prefix(hir, &mut prefix);
        let skip = if !prefix.is_empty() {
            Skip::Prefix(memchr::memmem::Finder::new(prefix.as_bytes()).into_owned())
        } else {
            first_bytes(&b.states, open).map_or(Skip::None, Skip::Bytes)
        };
        Some(Program { states: b.states, start: open, slots: kept * 2, group_slots: b.group_slots, skip, simple: None, cache: RefCell::new(None) })
    }

    /// Whether the regex matches somewhere in `text` (an empty match counts). One search:
    /// linear, so no budget.
    pub fn is_match(&self, text: &str) -> bool {
        if let Some(simple) = &self.simple {
            let mut found = false;
            simple.for_each_match(text, |_, _| found = true);
            return found;
        }
        let mut cache = self.take_cache();
        let mut slots = vec![NONE; self.slots];
        let mut unlimited = u64::MAX;
        let found = self.search(&mut cache, text, 0, &mut slots, &mut unlimited) == Ok(true);
        self.cache.replace(Some(cache));
        found
    }

    /// The work `for_each_match` may do on a text of `len` bytes: one pass with every state
    /// active, plus `PASSES` passes with up to 32 threads (what the usual regexes keep alive).
    fn budget(&self, len: usize) -> u64 {
        let states = self.states.len() as u64;
        (len as u64 + 1).saturating_mul(states + PASSES * states.min(32))
    }

    fn take_cache(&self) -> Cache {
        self.cache.take().unwrap_or_else(|| Cache::new(self))
    }

    /// Every match of the regex in `text`, as the `regex` crate's `captures_iter` finds them
    /// (non-overlapping, leftmost-first; an empty match right after the previous match is passed
    /// over). `f` gets each match's spans, by capture index: `None` for a group that did not
    /// participate or is not kept. `Err(Exhausted)` when the work budget ran out (see the
    /// module's documentation); the matches found until then have been passed to `f`.
    pub fn for_each_match(
        &self,
        text: &str,
        mut f: impl FnMut(&dyn Fn(usize) -> Option<(usize, usize)>),
    ) -> Result<(), Exhausted> {
        if let Some(simple) = &self.simple {
            let kept = self.group_slots.get(simple.group).copied().flatten().is_some();
            simple.for_each_match(text, |whole, group| {
                f(&|index| match index {
                    0 => Some(whole),
                    i if i == simple.group && kept => Some(group),
                    _ => None,
                })
            });
            return Ok(());
        }
        let mut cache = self.take_cache();
        let mut slots = vec![NONE; self.slots];
        let mut at = 0;
        let mut last_end: Option<usize> = None;
        let mut budget = self.budget(text.len());
        while at <= text.len() {
            match self.search(&mut cache, text, at, &mut slots, &mut budget) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    self.cache.replace(Some(cache));
                    return Err(e);
                }
            }
            let (start, end) = (slots[0], slots[1]);
            if start == end && last_end == Some(end) {
                // An empty match where the previous one ended: search again one character on.
                match text[end..].chars().next() {
                    Some(c) => at = end + c.len_utf8(),
                    None => break,
                }
                continue;
            }
            let get = |index: usize| {
                let g = self.group_slots.get(index).copied().flatten()?;
                let (s, e) = (slots[g * 2], slots[g * 2 + 1]);
                (s != NONE && e != NONE).then_some((s, e))
            };
            f(&get);
            last_end = Some(end);
            at = end;
        }
        self.cache.replace(Some(cache));
        Ok(())
    }

    /// The leftmost-first match starting at or after `from`, into `slots`. Each position
    /// stepped costs `budget` its number of threads.
    fn search(&self, cache: &mut Cache, text: &str, from: usize, slots: &mut [usize], budget: &mut u64) -> Result<bool, Exhausted> {
        let Cache { stack, curr, next, scratch } = cache;
        curr.clear();
        next.clear();
        let mut matched = false;
        let mut at = from;
        loop {
            if curr.is_empty() {
                if matched {
                    break;
                }
                match self.skip.next(text.as_bytes(), at) {
                    Some(next) => at = next,
                    None => break,
                }
            }
            if !matched {
                scratch.iter_mut().for_each(|s| *s = NONE);
                self.closure(stack, scratch, curr, text, at, self.start);
            }
            *budget = budget.checked_sub(curr.len as u64 + 1).ok_or(Exhausted)?;
            let ch = text[at..].chars().next();
            // Step every thread, in priority order, over `ch`.
            for i in 0..curr.len {
                let sid = curr.dense[i];
                match &self.states[sid] {
                    State::Match => {
                        slots.copy_from_slice(curr.slots(sid));
                        matched = true;
                        break; // leftmost-first: the threads below this one lose
                    }
                    State::Class { ranges, next: to } => {
                        if let Some(c) = ch {
                            if in_ranges(ranges, c) {
                                scratch.copy_from_slice(curr.slots(sid));
                                self.closure(stack, scratch, next, text, at + c.len_utf8(), *to);
                            }
                        }
                    }
                    _ => {}
                }
            }
            std::mem::swap(curr, next);
            next.clear();
            match ch {
                Some(c) => at += c.len_utf8(),
                None => break,
            }
        }
        Ok(matched)
    }

    /// Adds the threads reachable from `sid` without consuming a character, at `at`, in
    /// priority order, each with its slots.
    fn closure(&self, stack: &mut Vec<Frame>, slots: &mut [usize], set: &mut Threads, text: &str, at: usize, sid: usize) {
        stack.push(Frame::Explore(sid));
        while let Some(frame) = stack.pop() {
            let mut sid = match frame {
                Frame::Restore { slot, value } => {
                    slots[slot] = value;
                    continue;
                }
                Frame::Explore(sid) => sid,
            };
            loop {
                if !set.insert(sid) {
                    break;
                }
                match &self.states[sid] {
                    State::Class { .. } | State::Match | State::Fail => {
                        set.slots_mut(sid).copy_from_slice(slots);
                        break;
                    }
                    State::Empty { next } => sid = *next,
                    State::Look { look, next } => {
                        if !look_matches(*look, text, at) {
                            break;
                        }
                        sid = *next;
                    }
                    State::Union { alts } => {
                        let Some((&first, rest)) = alts.split_first() else { break };
                        for &alt in rest.iter().rev() {
                            stack.push(Frame::Explore(alt));
                        }
                        sid = first;
                    }
                    State::UnionReverse { .. } => unreachable!("reversed when compiled"),
                    State::Capture { slot, next } => {
                        if *slot != NONE {
                            stack.push(Frame::Restore { slot: *slot, value: slots[*slot] });
                            slots[*slot] = at;
                        }
                        sid = *next;
                    }
                }
            }
        }
    }
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    if ranges.len() <= 4 {
        return ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
    }
    let i = ranges.partition_point(|&(_, hi)| hi < c);
    i < ranges.len() && ranges[i].0 <= c
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_word_char(c: char) -> bool {
    // The tables come with `unicode-perl`, which this build has; without them `\b` is refused
    // when the regex is translated, before it gets here.
    regex_syntax::try_is_word_character(c).unwrap_or(false)
}

/// The `regex` crate's look-around assertions at `at` (a character boundary of `text`).
fn look_matches(look: Look, text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    match look {
        Look::Start => at == 0,
        Look::End => at == b.len(),
        Look::StartLF => at == 0 || b[at - 1] == b'\n',
        Look::EndLF => at == b.len() || b[at] == b'\n',
        Look::StartCRLF => at == 0 || b[at - 1] == b'\n' || (b[at - 1] == b'\r' && (at == b.len() || b[at] != b'\n')),
        Look::EndCRLF => at == b.len() || b[at] == b'\r' || (b[at] == b'\n' && (at == 0 || b[at - 1] != b'\r')),
        _ => {
            let (before, after) = if matches!(
                look,
                Look::WordAscii
                    | Look::WordAsciiNegate
                    | Look::WordStartAscii
                    | Look::WordEndAscii
                    | Look::WordStartHalfAscii
                    | Look::WordEndHalfAscii
            ) {
                (at > 0 && is_word_byte(b[at - 1]), at < b.len() && is_word_byte(b[at]))
            } else {
                (text[..at].chars().next_back().is_some_and(is_word_char), text[at..].chars().next().is_some_and(is_word_char))
            };
            match look {
                Look::WordAscii | Look::WordUnicode => before != after,
                Look::WordAsciiNegate | Look::WordUnicodeNegate => before == after,
                Look::WordStartAscii | Look::WordStartUnicode => !before && after,
                Look::WordEndAscii | Look::WordEndUnicode => before && !after,
                Look::WordStartHalfAscii | Look::WordStartHalfUnicode => !before,
                Look::WordEndHalfAscii | Look::WordEndHalfUnicode => !after,
                _ => unreachable!("the line looks are matched above"),
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Frame {
    Explore(usize),
    Restore { slot: usize, value: usize },
}

/// A sparse set of states in insertion (priority) order, with each state's slots.
#[derive(Debug, Clone)]
struct Threads {
    dense: Vec<usize>,
    sparse: Vec<usize>,
    len: usize,
    slots_per: usize,
    table: Vec<usize>,
}

impl Threads {
    fn new(states: usize, slots_per: usize) -> Threads {
        Threads { dense: vec![0; states], sparse: vec![0; states], len: 0, slots_per, table: vec![NONE; states * slots_per] }
    }
    fn clear(&mut self) {
        self.len = 0;
    }
    fn is_empty(&self) -> bool {
        self.len == 0
    }
    fn insert(&mut self, sid: usize) -> bool {
        let i = self.sparse[sid];
        if i < self.len && self.dense[i] == sid {
            return false;
        }
        self.dense[self.len] = sid;
        self.sparse[sid] = self.len;
        self.len += 1;
        true
    }
    fn slots(&self, sid: usize) -> &[usize] {
        &self.table[sid * self.slots_per..(sid + 1) * self.slots_per]
    }
    fn slots_mut(&mut self, sid: usize) -> &mut [usize] {
        &mut self.table[sid * self.slots_per..(sid + 1) * self.slots_per]
    }
}

#[derive(Debug, Clone)]
struct Cache {
    stack: Vec<Frame>,
    curr: Threads,
    next: Threads,
    scratch: Vec<usize>,
}

impl Cache {
    fn new(p: &Program) -> Cache {
        let n = p.states.len();
        Cache { stack: Vec::new(), curr: Threads::new(n, p.slots), next: Threads::new(n, p.slots), scratch: vec![NONE; p.slots] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_syntax::hir::translate::TranslatorBuilder;

    fn hir(pattern: &str) -> Hir {
        let ast = regex_syntax::ast::parse::Parser::new().parse(pattern).unwrap();
        TranslatorBuilder::new().multi_line(true).crlf(true).build().translate(pattern, &ast).unwrap()
    }

    /// Every match as (group 0, then each capture group) spans, by this matcher and by `regex`.
    fn both(pattern: &str, text: &str) -> (Vec<Vec<Option<(usize, usize)>>>, Vec<Vec<Option<(usize, usize)>>>) {
        let h = hir(pattern);
        let groups = h.properties().explicit_captures_len() + 1;
        let all: Vec<usize> = (1..groups).collect();
        let program = Program::compile(&h, &all).expect("supported");
        let mut ours = Vec::new();
        program.for_each_match(text, |get| ours.push((0..groups).map(get).collect())).expect("within budget");
        let re = regex::RegexBuilder::new(pattern).multi_line(true).crlf(true).build().unwrap();
        assert_eq!(program.is_match(text), re.is_match(text), "is_match");
        let theirs =
            re.captures_iter(text).map(|c| (0..groups).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect()).collect();
        (ours, theirs)
    }

    #[test]
    fn the_usual_shapes_run_without_the_vm() {
        let simple = |pattern: &str| Program::compile(&hir(pattern), &[1]).unwrap().simple.is_some();
        for pattern in [r#"imageTag: "(?<t>[^"]*)""#, r"tag: (?<t>.*)", r"v(\w+)x", r#"é(?<t>[^\s"]+)""#] {
            assert!(simple(pattern), "{pattern}");
        }
        for pattern in [r"(?<t>.*)x", r"^tag: (?<t>.*)", r"a(?<t>.{0,3})", r"a(?<t>.*?)b", r"a(?<t>.*)(b)", r"a(?<t>x|.*)"] {
            assert!(!simple(pattern), "{pattern}");
        }
    }

    #[test]
    fn same_matches_as_the_regex_crate() {
        let cases: &[(&str, &str, &str)] = &[
            ("literal prefix", r#"imageTag: "(?<t>.*)""#, "a\nimageTag: \"1.0\"\nimageTag: \"\"\n"),
            // The shape run without the VM: a start that fails, then one where its class run ended.
            ("simple: next start at the run's end", r#"tag: "(?<t>[^"]*)ab"#, "tag: \"btag: \"ab"),
            ("simple: greedy gives back to the last suffix", r"v=(?<t>.*)x", "v=axbx\r\nv=x"),
            ("simple: + needs one", r#"k(?<t>[^"]+)""#, "k\"k1\"k\"\""),
            ("simple: no suffix", r"tag: (?<t>\S*)", "tag: 1.0 tag: tag:x"),
            ("class capture", r#"tag: (?<t>[^"\s]*)"#, "tag: 1 tag: x\"\ntag: \n"),
            ("greedy dot stops at CR", r"v=(?<v>.*)", "v=1\r\nv=2\rx\n"),
            ("lazy", r"<(?<a>.+?)>", "<a><b>"),
            ("alternation priority", r"(?<a>ab|a)(?<b>b?)", "abb ab a"),
            ("empty matches", r"(?<a>x*)", "axxbx"),
            ("empty alternative first", r"(?<a>|x)", "xx"),
            ("nested star of empty", r"(?<a>(?:x*)*)y", "xxy y"),
            ("plus of optional", r"(?:(?<a>a?))+b", "aab b"),
            ("counted", r"(?<a>a{2,3})(?<b>a{0,2}?)", "aaaaaa aa a"),
            ("counted lazy", r"(?<a>\d{1,3}?)(?<b>\d*)", "12345"),
            ("at least 3", r"(?<a>(?:ab){3,})", "ababab abababab abab"),
            ("line anchors crlf", r"^(?<a>\w+)$", "one\r\ntwo\nthree\rfour"),
            ("text anchors", r"\A(?<a>x)|(?<b>y)\z", "xyxy"),
            ("word boundary", r"\b(?<w>\w+)\b", "héllo wörld_1 !x"),
            ("not word boundary", r"\B(?<w>.)", "ab cd"),
            ("case insensitive", r"(?i)tag: (?<t>É+)", "TAG: éÉé tag: e"),
            ("dot all", r"(?s)a(?<t>.*)b", "a\nxb\r\nb"),
            ("swap greed", r"(?U)a(?<t>.*)b", "axbxb"),
            ("unicode class", r"(?<t>[α-ω]+)", "abγδε😀ζ"),
            ("non-participating", r"(?<a>x)|(?<b>y)", "xy"),
            ("repeated group keeps last", r"(?:(?<a>\d),?)+", "1,2,3"),
            ("empty class never matches", r"(?<a>[^\x00-\x{10FFFF}])|b", "ab"),
            ("empty pattern", r"", "ab"),
            ("empty after match", r"a*?", "aab"),
            ("question of capture", r"(?<a>x)?y", "y xy"),
            ("alternation of literals", r"(?<a>foo|foobar|f)", "foobar fo"),
            ("prefix in capture", r"(?<a>ab)c|abd", "abd abc"),
            ("lookahead-free prefix then anchor", r"^key: (?<v>\S+)", "key: 1\n key: 2\nkey: 3"),
            ("ascii class", r"(?-u:\w+)(?<a>(?-u:[a-c_]))", "ab é_c"),
            ("ascii boundary", r"(?-u:\b)(?<a>\w)", "éa b"),
            ("word start and end", r"\b{start}(?<a>\w+)\b{end}", "ab, cd"),
            ("half boundaries", r"\b{start-half}(?<a>x*)\b{end-half}", "x xx,ax"),
            ("ascii start end", r"(?-u:\b{start})(?<a>\w)(?-u:\b{end-half})", "éa bc d"),
        ];
        for (name, pattern, text) in cases {
            let (ours, theirs) = both(pattern, text);
            assert_eq!(ours, theirs, "{name}: {pattern:?} on {text:?}");
        }
    }

    #[test]
    fn a_regex_that_rescans_after_each_match_runs_out_of_budget_instead_of_hanging() {
        // `[a-z]*x` scans to the end of the text and fails each time `a` matches: n² steps.
        let program = Program::compile(&hir(r"(?<t>[a-z]*x|a)"), &[1]).unwrap();
        let text = "a".repeat(20_000);
        let mut found = 0;
        assert_eq!(program.for_each_match(&text, |_| found += 1), Err(Exhausted));
        assert!(found > 0 && found < 20_000, "stopped part way: {found}");
        // The same regex on a text where it does not rescan far, and a usual regex on a long
        // text, finish.
        let short_runs = "ab ".repeat(20_000);
        assert!(program.for_each_match(&short_runs, |_| {}).is_ok());
        let usual = Program::compile(&hir(r#"imageTag: "(?<t>[^"]*)""#), &[1]).unwrap();
        let yaml = "imageTag: \"1\"\nother: x\n".repeat(50_000);
        let mut n = 0;
        assert!(usual.for_each_match(&yaml, |_| n += 1).is_ok());
        assert_eq!(n, 50_000);
        let dense = Program::compile(&hir(r"(?<t>\w+)"), &[1]).unwrap();
        assert!(dense.for_each_match(&"word ".repeat(100_000), |_| {}).is_ok());
    }

    #[test]
    fn refuses_what_it_does_not_take() {
        for (name, pattern) in [("huge count", r"(?:a{1000}){100}"), ("huge class count", r"\w{60000}")] {
            let h = hir(pattern);
            assert!(Program::compile(&h, &[]).is_none(), "{name}");
        }
    }

    #[test]
    fn first_bytes_only_when_few_ascii_and_never_empty() {
        let cases: [(&str, Option<&[u8]>); 7] = [
            ("(?i)tag: (?<t>.*)", Some(b"tT")),
            ("^(?:a|b)x", Some(b"ab")),
            ("[a-c]+", Some(b"abc")),
            ("[a-d]", None),
            ("x*", None),
            ("é", None),
            (r"\s", None),
        ];
        for (pattern, want) in cases {
            let program = Program::compile(&hir(pattern), &[]).unwrap();
            let got = match &program.skip {
                Skip::Bytes(b) => {
                    let mut b = b.clone();
                    b.sort();
                    Some(b)
                }
                _ => None,
            };
            let want = want.map(|w| {
                let mut w = w.to_vec();
                w.sort();
                w
            });
            assert_eq!(got, want, "{pattern}");
        }
    }

    #[test]
    fn prefix_is_found_through_captures_and_anchors() {
        let cases = [(r#"^imageTag: "(?<t>.*)""#, Some("imageTag: \"")), (r"(?<a>ab)c", Some("abc")), (r"\s*x", None), (r"(?i)tag", None)];
        for (pattern, want) in cases {
            let mut out = String::new();
            literal_prefix(&hir(pattern), &mut out);
            assert_eq!((!out.is_empty()).then_some(out.as_str()), want, "{pattern}");
        }
    }
}
