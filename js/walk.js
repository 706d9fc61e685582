// Lists the candidate files under `directory`, starting only from the engine's walk roots.
//
// - never enters a `.git` entry (directory, or the `.git` file of a worktree/submodule);
// - never follows a directory symlink (neither while walking nor on the way down to a root);
// - a file symlink is a candidate only when its real path lies inside `directory`;
// - paths are relative to `directory`, `/`-separated, in a stable (sorted) order on every OS;
// - never lists a temporary file of atomicWrite (`.<name>.crr-<pid>-<token>.tmp`, see
//   js/fsutil.js), and removes those a crashed run left behind (isStaleTemp), unless told not to.
import { fs, path } from './node.js';
import { TEMP_PATTERN, removeIfStaleTemp } from './fsutil.js';

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
 * Returns { files, outside, removed, special }: `files` are the candidates to give the engine;
 * `outside` are file symlinks whose target lies outside `directory` (or is dangling), never to be
 * read or written; `removed` are the stale temporary files removed (none with
 * `removeStaleTemps: false`, for a run that must write nothing); `special` is the Set of the
 * candidates that were not regular files when listed (symlinks, FIFOs, sockets, devices): every
 * other candidate may be opened without a `stat` first (core.js readListedFile).
 * A directory that cannot be listed (EACCES) is an error naming it: files in it may be selected.
 *
 * With `batch`, the candidates are handed to `batch(paths)` in order, `batchSize` at a time (and
 * the rest at the end), and `files` stays empty: a whole-tree walk then keeps no list the size
 * of the tree.
 */
export function walk(directory, roots, { removeStaleTemps = true, descend = () => true, batch = null, batchSize = 4096 } = {}) {
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

  const visit = (abs, rel) => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return;
      throw Object.assign(
        new Error(`cannot list the directory ${rel === '' ? '.' : rel + '/'} below ${directory} (${e.code}): files in it could not be selected`),
        { code: e.code },
      );
    }
    entries.sort(byName);
    for (const entry of entries) {
      const name = entry.name;
      if (name === '.git') continue;
      const childRel = rel === '' ? name : rel + '/' + name;
      if (!entry.isDirectory() && TEMP_PATTERN.test(name)) {
        if (removeStaleTemps && removeIfStaleTemp(child(abs, name))) removed.push(childRel);
        continue; // a temp file of atomicWrite: never a candidate
      }
      if (entry.isDirectory()) {
        // A directory no glob can select anything below is not read at all.
        if (descend(childRel)) visit(child(abs, name), childRel);
      } else if (entry.isSymbolicLink()) {
        const childAbs = child(abs, name);
        let target;
        try {
          target = statSync(childAbs);
        } catch {
          outside.push(childRel); // dangling: nothing to read
          continue;
        }
        if (target.isDirectory()) continue; // directory symlinks are never followed
        let real;
        try {
          real = realpathSync(childAbs);
        } catch {
          outside.push(childRel);
          continue;
        }
        if (isInside(real, rootReal)) {
          special.add(childRel);
          add(childRel);
        } else outside.push(childRel);
      } else {
        // Regular files, and special files (FIFOs, sockets, devices), which the engine may select
        // and the caller then skips with a warning without opening them.
        if (!entry.isFile()) special.add(childRel);
        add(childRel);
      }
    }
  };

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
  if (batch) {
    if (files.length) batch(files);
    files = [];
  }
  return { files, outside, removed, special };
}
