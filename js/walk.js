// Lists the candidate files under `directory`, starting only from the engine's walk roots.
//
// - never enters a `.git` entry (directory, or the `.git` file of a worktree/submodule);
// - never follows a directory symlink (neither while walking nor on the way down to a root);
// - a file symlink is a candidate only when its real path lies inside `directory`;
// - paths are relative to `directory`, `/`-separated, in a stable (sorted) order on every OS;
// - never lists a temporary file of atomicWrite (`.<name>.crr-<pid>-<token>.tmp`, see
//   js/fsutil.js), and removes those a crashed run left behind (isStaleTemp), unless told not to;
//   never lists a journal of js/fsutil.js either.
import { fs, path } from './node.js';
import { JOURNAL_PATTERN, TEMP_PATTERN, removeIfStaleTemp } from './fsutil.js';

const { lstatSync, readdirSync, realpathSync, statSync } = fs;
const { join, sep } = path;

/** True when the real path `real` is `rootReal` or lies below it. */
export function isInside(real, rootReal) {
  if (real === rootReal) return true;
  const prefix = rootReal.endsWith(sep) ? rootReal : rootReal + sep;
  return real.startsWith(prefix);
}

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The path of the entry `name` (as listed: no separator in it) in the directory `abs` (already
 * normalised): joined as strings, without path.join's normalisation, once per entry walked.
 */
const child = (abs, name) => (abs.endsWith(sep) ? abs + name : abs + sep + name);

/**
 * Drops roots that are invalid (absolute, `..`) or inside another root, so that no file is
 * listed twice. '' (the whole directory) swallows every other root.
 */
export function normaliseRoots(roots) {
  const clean = [];
  for (const raw of roots) {
    const root = String(raw).replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
    const parts = root === '' || root === '.' ? [] : root.split('/');
    if (root.startsWith('/') || /^[A-Za-z]:/.test(root) || parts.some((p) => p === '..' || p === '.' || p === '')) {
      continue; // the engine refuses such globs; never walk outside `directory`
    }
    clean.push(parts.join('/'));
  }
  clean.sort();
  const out = [];
  for (const root of clean) {
    if (out.some((r) => r === '' || root === r || root.startsWith(r + '/'))) continue;
    out.push(root);
  }
  return out;
}

/**
 * Walks `directory` from `roots` (relative directories, '' = everything).
 * Returns { files, outside, removed, special, unlisted }: `files` are the candidates to give the
 * engine; `outside` are file symlinks whose target lies outside `directory` (or is dangling),
 * never to be read or written; `removed` are the stale temporary files removed (none with
 * `removeStaleTemps: false`, for a run that must write nothing); `special` is the Set of the
 * candidates that were not regular files when listed (symlinks, FIFOs, sockets, devices): every
 * other candidate may be opened without a `stat` first (core.js readListedFile); `unlisted` is the
 * Set of the directories (relative) where candidates were looked up by name without listing the
 * directory (`plans` below), so where this walk saw no temporary file (see js/fsutil.js journals).
 * A directory that cannot be listed (EACCES) is an error naming it: files in it may be selected.
 *
 * With `batch`, the candidates are handed to `batch(paths)` in order, `batchSize` at a time (and
 * the rest at the end), and `files` stays empty: a whole-tree walk then keeps no list the size
 * of the tree.
 *
 * With `plans` (the engine's `report().walkPlans`: each active glob as one step per path
 * component, see src/glob.rs WalkStep), `roots` are not used: the walk follows the steps, and a
 * component the globs name literally is looked up (`lstat`) instead of listing its directory.
 * For the benchmark's `environments/<region>/prod/<app>/values.yaml` (`*` for region and app):
 * 7 directories listed and 306 names looked up, instead of 313 directories listed. The selection
 * is the same, in the same order (test/walk.test.js compares both walks). Only where names are
 * case-sensitive (Linux; core.js): elsewhere a lookup of `values.yaml` would also find
 * `Values.yaml`, which a listing does not offer.
 */
export function walk(directory, roots, { removeStaleTemps = true, descend = () => true, batch = null, batchSize = 4096, plans = null } = {}) {
  const rootReal = realpathSync(directory);
  let files = [];
  const add = (path) => {
    files.push(path);
    if (batch && files.length >= batchSize) {
      batch(files);
      files = [];
    }
  };
  const outside = [];
  const removed = [];
  const special = new Set();
  const unlisted = new Set();

  const list = (abs, rel) => {
    try {
      return readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
      throw Object.assign(
        new Error(`cannot list the directory ${rel === '' ? '.' : rel + '/'} below ${directory} (${e.code}): files in it could not be selected`),
        { code: e.code },
      );
    }
  };

  /** An entry that is not a directory: a candidate, unless a symlink leads outside. */
  const addFile = (abs, rel, kind) => {
    if (kind.isSymbolicLink()) {
      let target;
      try {
        target = statSync(abs);
      } catch {
        outside.push(rel); // dangling: nothing to read
        return;
      }
      if (target.isDirectory()) return; // directory symlinks are never followed
      let real;
      try {
        real = realpathSync(abs);
      } catch {
        outside.push(rel);
        return;
      }
      if (isInside(real, rootReal)) {
        special.add(rel);
        add(rel);
      } else outside.push(rel);
    } else {
      // Regular files, and special files (FIFOs, sockets, devices), which the engine may select
      // and the caller then skips with a warning without opening them.
      if (!kind.isFile()) special.add(rel);
      add(rel);
    }
  };

  /** Whether the listed entry `name` is a temporary file of atomicWrite (removed when stale). */
  const isTemp = (abs, rel, name) => {
    if (!TEMP_PATTERN.test(name) && !JOURNAL_PATTERN.test(name)) return false;
    if (removeStaleTemps && TEMP_PATTERN.test(name) && removeIfStaleTemp(child(abs, name))) removed.push(rel);
    return true; // never a candidate
  };

  const visit = (abs, rel) => {
    const entries = list(abs, rel);
    if (entries === null) return;
    entries.sort(byName);
    for (const entry of entries) {
      const name = entry.name;
      if (name === '.git') continue;
      const childRel = rel === '' ? name : rel + '/' + name;
      if (entry.isDirectory()) {
        // A directory no glob can select anything below is not read at all.
        if (descend(childRel)) visit(child(abs, name), childRel);
      } else if (!isTemp(abs, childRel, name)) {
        addFile(child(abs, name), childRel, entry);
      }
    }
  };

  // `at`: the plans' positions this directory has reached, each a number `plan * 256 + step`
  // (the index of the step its children must satisfy; a glob has fewer than 256 components).
  // Plain numbers and loops: this runs once per directory and once per entry, and the walk of a
  // large tree should leave little garbage (peak memory, SPEC §8).
  const stepAt = (pos) => plans[pos >> 8][pos & 255];
  /** The positions `name` (a directory, or a file) reaches from `at`; null for none. */
  const next = (at, rel, name, isDir) => {
    let out = null;
    let below; // whether the engine says a match may lie below this directory: asked once
    for (let k = 0; k < at.length; k++) {
      const pos = at[k];
      const step = stepAt(pos);
      if (typeof step === 'object' && step.name !== name) continue;
      if (step === 'pattern' && isDir && !(below ??= descend(rel === '' ? name : rel + '/' + name))) continue;
      const length = plans[pos >> 8].length;
      const i = pos & 255;
      if (isDir ? i + 1 < length : i + 1 === length) (out ??= []).push(pos + 1);
    }
    return out;
  };
  const LOOKUP = { throwIfNoEntry: false }; // a missing name is common: no error built
  const visitPlanned = (abs, rel, at) => {
    let names = true; // only literal names at this level
    for (let k = 0; k < at.length; k++) {
      const step = stepAt(at[k]);
      if (step === 'deep') return visit(abs, rel); // lists all below
      if (typeof step !== 'object') names = false;
    }
    if (names) {
      // Only literal names: look each up. A name the globs give literally is never a temp file
      // (the engine's pattern needs a pid and a token) unless written so on purpose.
      const lookups = at.length === 1 ? [stepAt(at[0]).name] : [...new Set(at.map((pos) => stepAt(pos).name))].sort();
      for (let k = 0; k < lookups.length; k++) {
        const name = lookups[k];
        const childAbs = child(abs, name);
        const childRel = rel === '' ? name : rel + '/' + name;
        let st;
        try {
          st = lstatSync(childAbs, LOOKUP);
        } catch (e) {
          if (e.code === 'ENOTDIR' || e.code === 'ENAMETOOLONG') continue; // no such file
          throw Object.assign(
            new Error(`cannot look up ${childRel} below ${directory} (${e.code}): it could not be selected`),
            { code: e.code },
          );
        }
        if (st === undefined) continue;
        if (st.isDirectory()) {
          const deeper = next(at, rel, name, true);
          if (deeper) visitPlanned(childAbs, childRel, deeper);
        } else if (!TEMP_PATTERN.test(name) && !JOURNAL_PATTERN.test(name) && next(at, rel, name, false)) {
          unlisted.add(rel);
          addFile(childAbs, childRel, st);
        }
      }
      return;
    }
    const entries = list(abs, rel);
    if (entries === null) return;
    entries.sort(byName);
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[k];
      const name = entry.name;
      if (name === '.git') continue;
      const childRel = rel === '' ? name : rel + '/' + name;
      if (entry.isDirectory()) {
        const deeper = next(at, rel, name, true);
        if (deeper) visitPlanned(child(abs, name), childRel, deeper);
      } else if (!isTemp(abs, childRel, name) && next(at, rel, name, false)) {
        addFile(child(abs, name), childRel, entry);
      }
    }
  };

  if (plans && plans.some((plan) => plan.length > 255)) plans = null; // too deep for `at`: walk whole directories
  if (plans) {
    if (plans.length) visitPlanned(directory, '', plans.map((_, p) => p * 256));
  } else {
    for (const root of normaliseRoots(roots)) {
      // Go down to the root one component at a time: a symlinked component is not followed.
      let abs = directory;
      let ok = true;
      for (const part of root === '' ? [] : root.split('/')) {
        if (part === '.git') {
          ok = false;
          break;
        }
        abs = join(abs, part);
        let st;
        try {
          st = lstatSync(abs);
        } catch {
          ok = false;
          break;
        }
        if (!st.isDirectory()) {
          ok = false;
          break;
        }
      }
      if (ok) visit(abs, root);
    }
  }
  if (batch) {
    if (files.length) batch(files);
    files = [];
  }
  return { files, outside, removed, special, unlisted };
}
