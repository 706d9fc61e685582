// The run shared by the action (js/action.js) and the CLI (js/cli.js): everything that is not
// the engine's business — the file system and the reporting — around one Engine.
//
// The engine decides (what is configured, what is selected, what each file becomes); this file
// only walks, reads, writes and reports. A `reporter` formats for its audience: the runner
// protocol for the action, a terminal for the CLI.
import { fs, load, path } from './node.js';
import { applyFile, engineReady, selectInto } from './engine.js';
import { walk, isInside } from './walk.js';
import { atomicWrite, cleanStaleJournals, cleanTemps, readIfExists, removeJournal, skipReason, writeJournal } from './fsutil.js';

import { cell, oneLine, plural } from './format.js';

const { lstatSync, readFileSync, realpathSync, statSync } = fs;
const { isAbsolute, join, relative, resolve, sep } = path;

/** Exit codes of the SPEC: 1 error, 2 no well-known variable, 3 nothing changed. */
export const EXIT = Object.freeze({ OK: 0, ERROR: 1, WELL_KNOWN_MISSING: 2, NO_MATCH: 3 });

/** Outputs this file sets; a variable of the same name cannot also be an output. */
export const RESERVED_OUTPUTS = ['total_modified_files', 'modified_files', 'changed', 'commit_sha'];

/**
 * Runs the whole job.
 *   inputs   { [name]: string }, given to the engine as they are (it knows the names and defaults)
 *   env      the environment for the engine's variables and regexes
 *   baseDir  what a relative (or absent) `directory` is resolved against
 *   reporter see js/action.js and js/cli.js
 * Returns the exit code.
 */
export async function run({ inputs, env, baseDir, reporter }) {
  for (const name in inputs) {
    if (inputs[name].includes('\0')) {
      reporter.error('Invalid input', `input ${name} contains a NUL character; nothing was changed`);
      return EXIT.ERROR;
    }
  }
  const Engine = await engineReady();
  const engine = Engine.fromFlat(flat(inputs), flat(env));

  // 1. Every configuration problem, before any file is touched.
  const diagnostics = engine.diagnostics();
  for (const d of diagnostics) reporter.diagnostic(d);
  if (engine.hasErrors() || diagnostics.some((d) => d.severity === 'error')) return EXIT.ERROR;

  const opts = engine.options();
  const directory = resolve(baseDir, opts.directory ? opts.directory : '.');
  let directoryStat;
  try {
    directoryStat = statSync(directory);
  } catch (e) {
    reporter.error('Directory not found', `input directory: ${directory} does not exist (${e.code})`);
    return EXIT.ERROR;
  }
  if (!directoryStat.isDirectory()) {
    reporter.error('Not a directory', `input directory: ${directory} is not a directory`);
    return EXIT.ERROR;
  }
  reporter.begin({ directory });
  const suffix = opts.updatedFileSuffix || '';
  if (/[/\\]/.test(suffix) || suffix === '.' || suffix === '..') {
    reporter.error(
      'Invalid updated_file_suffix',
      `input updated_file_suffix: ${JSON.stringify(suffix)} must not contain a path separator; ` +
        'it is appended to the file name (e.g. ".updated")',
    );
    return EXIT.ERROR;
  }
  const writing = !opts.dryRun && !opts.dump;

  if (opts.wellKnownVarsMissing && opts.ifWellKnownVarsMissingFail) {
    reporter.error(
      'Well-known variables missing',
      'none of docker_image_tag, git_tag, git_branch has a value, and ' +
        'if_well_known_vars_missing_fail is true',
    );
    return EXIT.WELL_KNOWN_MISSING;
  }

  // `push: true` implies a commit: there is nothing else to push.
  const committing = writing && (opts.commit || opts.push);
  let repo = null;
  if (committing) {
    try {
      repo = await (await loadGit()).prepare({ directory, push: opts.push, pushBranch: opts.pushBranch });
    } catch (e) {
      reporter.error(opts.push ? 'Cannot push' : 'Cannot commit', `${e.message}; nothing was changed`);
      return EXIT.ERROR;
    }
  }

  const report = engine.report();
  const rootReal = realpathSync(directory);
  const roots = opts.dump ? report.allWalkRoots : report.walkRoots;
  // The walk looks up the names the globs give literally instead of listing their directories
  // (js/walk.js), where names are case-sensitive; a dump lists every candidate, so it walks all.
  const plans = !opts.dump && process.platform === 'linux' ? report.walkPlans : null;
  if (writing) {
    reportRemoved(reporter, cleanStaleJournals(rootReal));
  }
  const started = Date.now();
  // Stale temp files of a crashed run are cleaned up only by a run that writes.
  const descend = (dir) => engine.mayHoldSelected(dir, opts.dump);
  // The candidates go to the engine in batches as the walk finds them (one UTF-8 block per batch,
  // encoded natively: wasm-bindgen's string passing copies char by char in JavaScript):
  // only the selected paths are kept, so memory does not grow with the tree. A dump lists every
  // candidate, so it keeps them all.
  const selectAll = () => {
    const selection = { files: [], targets: engine.selectJoined(new Uint8Array(0)).targets }; // every target, no file yet
    const all = [];
    let count = 0;
    const batch = (paths) => {
      count += paths.length;
      if (opts.dump) all.push(...paths);
      selectInto(engine, paths, selection);
    };
    const { outside, special, removed, unlisted } = roots.length
      ? walk(directory, roots, { removeStaleTemps: writing, descend, batch, plans })
      : { outside: [], special: new Set(), removed: [], unlisted: new Set() };
    reportRemoved(reporter, removed);
    selection.special = special; // the candidates that were not regular files when listed
    return { selection, outside, count, all, unlisted };
  };
  let listed;
  try {
    listed = selectAll();
  } catch (e) {
    reporter.error('Cannot list directory', `${e.message}; nothing was changed`);
    return EXIT.ERROR;
  }
  const { selection, outside, count, all: candidates } = listed;
  reporter.debug(
    `walked ${roots.map((r) => JSON.stringify(r)).join(', ') || 'nothing'} under ${directory}: ` +
      `${plural(count, 'file')} in ${Date.now() - started} ms`,
  );
  reporter.debug(`selected ${plural(selection.files.length, 'file')} of ${count}`);
  if (outside.length) {
    for (const path of engine.select(outside).files) {
      reporter.warning(
        'File skipped',
        `${path}: skipped, a symlink whose target is outside ${directory} (or missing); it is neither read nor written`,
        { path },
      );
    }
  }

  if (opts.dump) {
    reporter.dump(engine.dump(candidates));
    writeOutputs(engine, reporter, []);
    return EXIT.OK;
  }

  // 2. One group per mapping: condition results and the files each target selects.
  const warnedGlobs = new Set();
  for (const mapping of report.mappings) {
    const targets = selection.targets.filter((t) => t.mapping === mapping.index);
    reporter.startGroup(
      `Mapping ${mapping.index + 1}: ${mapping.active ? 'active' : 'not active'} — ${oneLine(mapping.text)}`,
    );
    for (const c of mapping.conditions) {
      const value = c.value === null ? 'has no value' : `= ${JSON.stringify(c.value)}`;
      reporter.info(
        `${c.matched ? '✓' : '✗'} ${c.variable} ${value} ${c.matched ? 'matches' : 'does not match'} ${c.regex}` +
          (c.note ? ` (${c.note})` : ''),
      );
    }
    if (!mapping.active) reporter.info('no condition matched: files left alone');
    for (const t of targets) {
      const regexes = mapping.targets[t.target]?.regexes ?? [];
      if (!mapping.active) {
        reporter.info(`${t.glob} = ${regexes.join(' & ')}`);
        continue;
      }
      reporter.info(`${t.glob} = ${regexes.join(' & ')}: ${plural(t.files.length, 'file')}`);
      for (const f of t.files) reporter.info(`  ${f}`);
      if (t.files.length === 0 && !warnedGlobs.has(t.glob)) {
        warnedGlobs.add(t.glob);
        reporter.warning('Glob selects no file', `glob ${t.glob} (mapping ${mapping.index + 1}) selects no file under ${directory}`);
      }
    }
    reporter.endGroup();
  }

  // 3. Each selected file: read once, apply every mapping, write once.
  const context = { engine, opts, directory, rootReal, suffix, reporter, committing };
  let pass = journaled(context, listed, () => applyPass(context, selection));

  // 4. Commit exactly the files written, and push; a push refused because the branch moved is
  // retried on the new head with the same mappings (js/git.js).
  let commitSha = '';
  if (committing && pass.written.length > 0 && !pass.failed) {
    try {
      const landed = await (await loadGit()).commitAndPush({
        ...repo,
        pass,
        reapply: () => {
          const again = selectAll();
          return journaled(context, again, () => applyPass(context, again.selection));
        },
        message: (modified) => engine.commitMessage(modified),
        name: opts.committerName,
        email: opts.committerEmail,
        push: opts.push,
        retries: opts.pushRetries,
        reporter,
      });
      commitSha = landed.sha;
      pass = landed.pass;
    } catch (e) {
      reporter.error(opts.push ? 'Push failed' : 'Commit failed', e.message);
      pass.failed = true;
    }
  }
  const { modified, changes, failed } = pass;

  // 5. Outputs, summary, exit code.
  writeOutputs(engine, reporter, modified, commitSha);
  reporter.summary(summaryMarkdown({ report, selection, changes, modified, dryRun: opts.dryRun, directory, baseDir }));
  reporter.finished({ modified, dryRun: opts.dryRun });
  if (failed) return EXIT.ERROR;
  if (modified.length === 0 && opts.ifNoMatchFail) {
    reporter.error(
      'No file changed',
      `no file ${opts.dryRun ? 'would be ' : 'was '}changed, and if_no_match_fail is true`,
    );
    return EXIT.NO_MATCH;
  }
  return EXIT.OK;
}

/** Says in the debug log which temporary files of a crashed run were removed, if any. */
function reportRemoved(reporter, removed) {
  if (removed.length) reporter.debug(`removed ${plural(removed.length, 'temporary file')} a crashed run left: ${removed.join(', ')}`);
}

/**
 * Runs `pass` (which writes the selected files) under a journal of the directories where it may
 * create temporary files that a later run would not list (js/fsutil.js journals): those the walk
 * looked names up in without listing them, and those holding the target of a selected symlink
 * (written beside its target, which may lie anywhere in `directory`). A crash in between leaves
 * temporary files there that the next run must find. When the journal cannot be written (the
 * top of `directory` read-only), those directories are cleaned now instead.
 */
function journaled({ opts, rootReal, reporter }, { selection, unlisted }, pass) {
  if (opts.dryRun || opts.dump) return pass();
  const dirs = new Set();
  for (const f of selection.files) {
    const dir = f.slice(0, Math.max(f.lastIndexOf('/'), 0));
    if (unlisted?.has(dir)) dirs.add(dir);
    if (selection.special?.has(f)) {
      // A symlink (or a special file, which is never written): where its target lies.
      try {
        const real = realpathSync(below(rootReal, f));
        if (real !== rootReal && isInside(real, rootReal)) {
          const targetDir = relative(rootReal, real).split(sep).slice(0, -1).join('/');
          dirs.add(targetDir);
        }
      } catch {
        /* dangling or gone: nothing will be written through it */
      }
    }
  }
  if (dirs.size === 0) return pass();
  const journal = writeJournal(rootReal, [...dirs]);
  if (journal === null) {
    reportRemoved(reporter, [...dirs].flatMap((d) => cleanTemps(rootReal, d)));
    return pass();
  }
  try {
    return pass();
  } finally {
    removeJournal(journal);
  }
}

/**
 * Reads each selected file once, applies every active mapping, writes it once (or, in a dry
 * run, only reports). Returns { modified, written, changes, failed }.
 */
function applyPass(context, selection) {
  const modified = []; // relative paths written (or that would be, in a dry run)
  const written = []; // absolute paths written, for the commit hook
  // For the summary: the paths changed, and each replacement as its table row, rendered now into
  // one growing byte buffer. Kept as JavaScript strings, thousands of rows survive garbage
  // collection after garbage collection, and V8 answers by doubling its young generation: peak
  // memory then grows with the number of files changed (measured on the whole benchmark tree:
  // +20 % for twice the files; +5 % with the rows in a buffer). The summary is cut at 1 MiB
  // anyway: rows past that are counted, not kept.
  const changes = { paths: new Set(), rows: new RowBuffer(), rowsLeftOut: 0 };
  // The same file reached twice can only come through a symlink (the walk follows no directory
  // symlink, so a regular file's real path is `rootReal/rel`). So only symlinks are remembered:
  // their targets, and — built at the first symlink — where each selected path comes in the list.
  const linkTargets = new Map(); // real path of a processed symlink → its relative path
  const pass = { modified, written, changes, failed: false, linkTargets, order: null }; // order: relative path → index in selection.files
  // One call per file, the loop itself kept tiny: V8 then optimises each part on its own, where
  // a loop holding all of it had TurboFan compile (on-stack) one large function on longer runs,
  // whose compiler memory alone grew peak RSS by ~5 MiB (600 files against 300).
  for (let index = 0; index < selection.files.length; index++) applyOne(context, selection, index, pass);
  return pass;
}

/** One selected file of applyPass: read, apply, write (or report), and record the result in `pass`. */
function applyOne({ engine, opts, directory, rootReal, suffix, reporter, committing }, selection, index, pass) {
  const rel = selection.files[index];
  const abs = below(directory, rel);
  let real = abs;
  let st;
  let first; // the path already processed that is the same file, if any
  let before; // the content, when read through one descriptor below
  if (pass.linkTargets.size > 0) first = pass.linkTargets.get(below(rootReal, rel));
  // A candidate the walk listed as a regular file is opened straight away (no symlink is
  // followed, no FIFO waited for) and checked on its descriptor: one call fewer per file
  // than a stat first. Anything else takes the general path below.
  const listed = first === undefined && !selection.special?.has(rel) ? readListedFile(abs, opts.maxFileSize) : null;
  if (listed && !listed.st) {
    const text = listed.warning === undefined ? nulWarning(rel, listed.nul) : `${rel}: skipped, ${listed.warning}`;
    reporter.warning('File skipped', text, { path: rel });
    return;
  }
  if (listed) {
    st = listed.st;
    before = listed.bytes;
  } else if (first === undefined) {
    try {
      st = lstatSync(abs);
      if (st.isSymbolicLink()) {
        real = realpathSync(abs);
        if (!isInside(real, rootReal)) {
          reporter.warning('File skipped', `${rel}: skipped, a symlink whose target is outside ${directory}`, { path: rel });
          return;
        }
        st = statSync(real);
        first = pass.linkTargets.get(real);
        if (first === undefined) {
          pass.order ??= new Map(selection.files.map((f, i) => [f, i]));
          const targetRel = relative(rootReal, real).split(sep).join('/');
          if (pass.order.get(targetRel) < index) first = targetRel;
          else pass.linkTargets.set(real, rel);
        }
      }
    } catch (e) {
      reporter.warning('File skipped', `${rel}: skipped, it vanished while running (${e.code})`, { path: rel });
      return;
    }
  }
  if (first !== undefined) {
    reporter.warning('File skipped', `${rel}: skipped, the same file as ${first}, already processed`, { path: rel });
    return;
  }
  if (before === undefined) {
    const reason = skipReason(st, opts.maxFileSize);
    if (reason) {
      reporter.warning('File skipped', `${rel}: skipped, ${reason}`, { path: rel });
      return;
    }
    // A large binary file is refused on its first block, before all of it is read.
    const nul = st.size > HEAD_BYTES ? nulInHead(real) : -1;
    if (nul >= 0) {
      reporter.warning('File skipped', nulWarning(rel, nul), { path: rel });
      return;
    }
    try {
      before = readFileSync(real);
    } catch (e) {
      reporter.warning('File skipped', `${rel}: skipped, cannot be read (${e.code})`, { path: rel });
      return;
    }
  }
  // `content` is a view into the engine's memory: used (written, reported) before the next
  // call into the engine, which may reuse it (js/engine.js applyFile).
  const result = applyFile(engine, rel, before, { view: true });
  for (const w of result.warnings) reporter.diagnostic(w);
  if (result.status !== 'changed') {
    reporter.debug(`${rel}: ${result.status === 'skipped' ? 'skipped' : 'no change'}`);
    return;
  }
  const after = result.content;

  let target = real;
  let targetRel = rel;
  // In place, the new content keeps the file's mode and owner (no second stat in atomicWrite).
  let mode = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  if (suffix) {
    target = abs + suffix;
    targetRel = rel + suffix;
    const existing = suffixTarget(target, rootReal);
    if (existing.refused) {
      reporter.warning('File skipped', `${targetRel}: not written, ${existing.refused}`, { path: rel });
      return;
    }
    target = existing.path;
    const current = readIfExists(target);
    if (current !== null && Buffer.compare(current, after) === 0) {
      reporter.debug(`${targetRel} is up to date`);
      return;
    }
    // A new suffix file takes the original's mode; an existing one keeps its own.
    if (current !== null) mode = undefined;
  }
  if (!opts.dryRun) {
    try {
      atomicWrite(target, after, mode);
    } catch (e) {
      reporter.error('Write failed', `${targetRel}: cannot be written (${e.code ?? e.message})`);
      pass.failed = true;
      return;
    }
    if (committing) pass.written.push(target);
  }
  pass.modified.push(targetRel);
  pass.changes.paths.add(rel);
  for (const e of result.edits) {
    if (pass.changes.rows.length > SUMMARY_ROWS_KEPT) pass.changes.rowsLeftOut++;
    else pass.changes.rows.push(`| ${cell(targetRel)} | ${e.line} | ${cell(e.variable)} | ${cell(e.old)} | ${cell(e.new)} |\n`);
  }
  reporter.fileChanged({ path: rel, target: targetRel, edits: result.edits, before, after, dryRun: opts.dryRun });
}

/**
 * js/git.js, which only a run that commits needs. The bundles take it from a file of their own
 * (dist/git.js, js/build.mjs), so that every other run spares Node parsing it: Node parses all
 * of a script before running any of it (~37 µs per KB of the bundle, BENCHMARKS.md).
 */
function loadGit() {
  // eslint-disable-next-line no-undef
  return typeof __crr_require === 'function' ? Promise.resolve(load('./git.js')) : import('./git.js');
}

/**
 * `{ name: value }` as `name\0value\0…` for Engine.fromFlat: one string into wasm. Environment
 * strings cannot hold a NUL, and inputs that do are refused before (run); an entry that somehow
 * does is left out rather than misread.
 */
function flat(object) {
  let out = '';
  for (const name in object) {
    const value = object[name];
    if (typeof value !== 'string' || name.includes('\0') || value.includes('\0')) continue;
    out += `${name}\0${value}\0`;
  }
  return out;
}

/** The absolute path of `rel` (relative, `/`-separated, no `.` or `..`: the engine's paths). */
function below(directory, rel) {
  if (sep === '/') return directory.endsWith('/') ? directory + rel : `${directory}/${rel}`;
  return join(directory, ...rel.split('/'));
}

const HEAD_BYTES = 64 * 1024;

const nulWarning = (rel, at) => `\`${rel}\` skipped: it contains a NUL byte (at byte ${at}), so it looks binary; it was not changed`;

// O_NOFOLLOW does not exist on Windows: there every file takes the general path (a stat first).
const LISTED_FLAGS =
  fs.constants.O_NOFOLLOW === undefined ? null : fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads a file the walk listed as a regular file, through one descriptor: open (never through a
 * symlink, never waiting on a FIFO), fstat, the skip rules, the first block's NUL check, read,
 * close — what a stat, then opening it, did in one call more. Returns { st, bytes }; or
 * { warning } / { nul } when the file is to be skipped; or null when it must take the general
 * path (not openable this way: a symlink or a special file now, unreadable, Windows), which then
 * reports exactly as before.
 */
function readListedFile(abs, maxFileSize) {
  if (LISTED_FLAGS === null) return null;
  let fd;
  try {
    fd = fs.openSync(abs, LISTED_FLAGS);
  } catch (e) {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return { warning: `it vanished while running (${e.code})` };
    return null;
  }
  try {
    const st = fs.fstatSync(fd);
    const reason = skipReason(st, maxFileSize);
    if (reason) return { warning: reason };
    const bytes = readBuffer(st.size);
    let got = 0;
    // A large binary file is refused on its first block, before all of it is read.
    if (st.size > HEAD_BYTES) {
      got = readFully(fd, bytes, 0, HEAD_BYTES);
      const nul = bytes.subarray(0, got).indexOf(0);
      if (nul >= 0) return { nul };
    }
    got = readFully(fd, bytes, got, st.size);
    return { st, bytes: got === st.size ? bytes : bytes.subarray(0, got) };
  } catch (e) {
    return { warning: `cannot be read (${e.code})` };
  } finally {
    fs.closeSync(fd);
  }
}

// One buffer, grown as needed, holds the file being read: the content is used within its turn
// of the loop (copied into wasm by `apply`, diffed at once by the CLI), and a fresh buffer per
// file is memory outside V8's heap that only a garbage collection gives back: hundreds of them
// pile up between two, and peak memory then grows with the number of files (SPEC §8: it must
// not grow with the tree).
let scratch = Buffer.alloc(0);
function readBuffer(size) {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, Math.min(2 * scratch.length, 1 << 20), 64 * 1024));
  return scratch.subarray(0, size);
}

/** Reads into `buffer` from `from` until `to` or the end of the file; returns where it stopped. */
function readFully(fd, buffer, from, to) {
  let at = from;
  while (at < to) {
    const n = fs.readSync(fd, buffer, at, to - at, at);
    if (n === 0) break;
    at += n;
  }
  return at;
}

/** Offset of the first NUL byte in the first block of `path`, or -1. */
function nulInHead(path) {
  const buffer = Buffer.alloc(HEAD_BYTES);
  let fd;
  try {
    fd = fs.openSync(path, 'r');
    const n = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, n).indexOf(0);
  } catch {
    return -1; // the full read reports it
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Where `path + suffix` may be written: its real path when a symlink inside `directory`. */
function suffixTarget(path, rootReal) {
  let lst;
  try {
    lst = lstatSync(path);
  } catch {
    return { path }; // does not exist yet
  }
  if (lst.isSymbolicLink()) {
    let real;
    try {
      real = realpathSync(path);
    } catch {
      return { refused: 'it is a dangling symlink' };
    }
    if (!isInside(real, rootReal)) return { refused: 'it is a symlink to a file outside directory' };
    if (!statSync(real).isFile()) return { refused: 'it is not a regular file' };
    return { path: real };
  }
  if (!lst.isFile()) return { refused: 'it exists and is not a regular file' };
  return { path };
}

function writeOutputs(engine, reporter, modified, commitSha = '') {
  const pairs = [];
  for (const [name, value] of engine.outputs()) {
    if (RESERVED_OUTPUTS.includes(name)) {
      reporter.warning(
        'Output name taken',
        `variable ${name} is not set as an output: ${name} is an output of the action itself`,
      );
      continue;
    }
    pairs.push([name, value]);
  }
  pairs.push(['total_modified_files', String(modified.length)]);
  pairs.push(['modified_files', JSON.stringify(modified)]);
  pairs.push(['changed', modified.length > 0 ? 'true' : 'false']);
  if (commitSha) pairs.push(['commit_sha', commitSha]);
  reporter.setOutputs(pairs);
}

/** Summary rows kept, in bytes: past GitHub's 1 MiB limit for a summary, rows are only counted. */
const SUMMARY_ROWS_KEPT = 1024 * 1024;

/**
 * Text appended as UTF-8 to fixed blocks of 64 KiB: a few objects however many rows, and no
 * copy as it grows (one buffer doubling as it filled left each outgrown copy to the garbage
 * collector, and peak memory grew with the number of replacements).
 */
class RowBuffer {
  static BLOCK = 64 * 1024;
  constructor() {
    this.blocks = [];
    this.block = null;
    this.used = 0; // bytes used in `block`
    this.length = 0; // bytes in all blocks
  }
  push(text) {
    const size = Buffer.byteLength(text);
    if (this.block === null || this.used + size > this.block.length) {
      if (this.block !== null) this.blocks.push(this.block.subarray(0, this.used));
      this.block = Buffer.allocUnsafe(Math.max(size, RowBuffer.BLOCK));
      this.used = 0;
    }
    this.used += this.block.write(text, this.used);
    this.length += size;
  }
  /** The text as UTF-8 pieces, in order. */
  pieces() {
    return this.block === null ? this.blocks : [...this.blocks, this.block.subarray(0, this.used)];
  }
}

/**
 * The job summary as UTF-8 pieces (an array of Buffers, in order): the mappings and their result,
 * the changed files and their replacements.
 */
export function summaryMarkdown({ report, selection, changes, modified, dryRun, directory, baseDir }) {
  const lines = [];
  lines.push('### Conditional regex replace' + (dryRun ? ' (dry run: nothing written)' : ''));
  lines.push('');
  const rel = relative(baseDir, directory);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) {
    lines.push(`Directory: ${cell(rel.split(sep).join('/'))}`, '');
  } else if (rel) {
    lines.push(`Directory: ${cell(directory)}`, '');
  }
  const changedSet = changes.paths;
  lines.push('| # | Conditions | Result |', '| --- | --- | --- |');
  for (const m of report.mappings) {
    const conditions = m.conditions
      .map(
        (c) =>
          `${c.matched ? '✅' : '❌'} ${cell(c.variable)} ${c.value === null ? 'has no value' : cell(c.value)} ` +
          `${c.matched ? 'matches' : 'does not match'} ${cell(c.regex)}`,
      )
      .join('<br>');
    let result = 'not active';
    if (m.active) {
      const files = new Set();
      for (const t of selection.targets) if (t.mapping === m.index) for (const f of t.files) files.add(f);
      let n = 0;
      for (const f of files) if (changedSet.has(f)) n++;
      result = `${plural(files.size, 'file')} selected, ${n} ${dryRun ? 'would change' : 'changed'}`;
    }
    lines.push(`| ${m.index + 1} | ${conditions} | ${result} |`);
  }
  lines.push('');
  if (modified.length === 0) {
    lines.push(dryRun ? 'No file would change.' : 'No file changed.');
  } else {
    lines.push(`**${plural(modified.length, 'file')} ${dryRun ? 'would change' : 'changed'}**`, '');
    lines.push('| File | Line | Variable | Old | New |', '| --- | --- | --- | --- | --- |');
    // The rows as the bytes they already are (up to 1 MiB), between the text before and after:
    // neither turned back into a string nor copied into one buffer the size of the summary.
    const tail = [];
    if (changes.rowsLeftOut > 0) tail.push(`| … | | | | ${plural(changes.rowsLeftOut, 'more replacement')}: see the step log |`);
    tail.push('');
    return [Buffer.from(lines.join('\n') + '\n'), ...changes.rows.pieces(), Buffer.from(tail.join('\n'))];
  }
  lines.push('');
  return [Buffer.from(lines.join('\n'))];
}
